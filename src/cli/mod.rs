//! The command line: it reads the arguments, runs one command and hands back a
//! [`Status`]; the library does the work.
//!
//! - `args`: the arguments, as clap reads them
//! - `out`: standard output, error lines, and the status
//! - `walk`: the files the paths name
//! - `pipeline`: linting the files in order, chunk by chunk in parallel
//! - one file per command: `check`, `report`, `outline`, `rules`, `rule`, `config`,
//!   `init`, `schema`, `completions`, and `serve/`

mod args;
mod check;
mod completions;
mod config;
mod init;
mod out;
mod outline;
mod pipeline;
mod report;
mod rule;
mod rules;
mod schema;
mod serve;
mod walk;

use args::{Cli, Command};
use clap::Parser;
use out::Out;
pub use out::{EXIT_TROUBLE, Status};

/// Started on Windows with no arguments: double-clicked in Explorer. fzlint then starts
/// the checking page on any free port and opens the browser; the console window it
/// runs in says how to stop it.
pub fn double_clicked() -> bool {
    cfg!(windows) && std::env::args_os().len() == 1
}

pub fn run() -> anyhow::Result<Status> {
    let cli = if double_clicked() {
        Cli::parse_from(["fzlint", "serve", "--addr", "127.0.0.1:0"])
    } else {
        Cli::parse()
    };
    let mut out = Out::stdout();
    match cli.command {
        Command::Check(args) => Ok(check::run(args, &mut out)),
        Command::Report(args) => report::run(args, &mut out),
        Command::Serve(args) => serve::run(args, &mut out),
        Command::Config {
            path,
            format,
            rules,
            config,
            isolated,
        } => config::run(
            &path,
            format,
            &rules.rules,
            args::config_mode(&config, isolated),
            &mut out,
        ),
        Command::Schema { which } => schema::run(which, &mut out),
        Command::Init => Ok(init::run(&mut out)),
        Command::Completions { shell } => Ok(completions::run(shell, &mut out)),
        Command::Outline { path, format, year } => outline::run(&path, format, year, &mut out),
        Command::Rules { format, rules } => rules::run(format, &rules.rules, &mut out),
        Command::Rule { id, rules } => Ok(rule::run(&id, &rules.rules, &mut out)),
    }
}
