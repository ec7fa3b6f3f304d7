//! `fzlint completions`: a completion script for a shell.

use super::args::Cli;
use super::out::{Out, Status};

pub fn run(shell: clap_complete::Shell, out: &mut Out) -> Status {
    let mut buf = Vec::new();
    clap_complete::generate(
        shell,
        &mut <Cli as clap::CommandFactory>::command(),
        "fzlint",
        &mut buf,
    );
    out.print(&String::from_utf8_lossy(&buf));
    Status::default()
}
