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
use fzlint::resolve::Mode;
use fzlint::rules::RuleSet;
pub use out::{EXIT_TROUBLE, Status};
use out::{Out, eprint_line, yaml_error};
use std::path::PathBuf;

pub fn run() -> anyhow::Result<Status> {
    let cli = Cli::parse();
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
            mode(&config, isolated),
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

/// The built-in pack plus the rule files under `dirs`; errors are printed and counted.
/// None when the rules cannot be used at all.
fn load_rules(dirs: &[PathBuf], status: &mut Status) -> Option<RuleSet> {
    let built = RuleSet::with_dirs(dirs);
    let errors = match &built {
        Ok((_, errors)) | Err(errors) => errors,
    };
    for e in errors {
        eprint_line(yaml_error(e).trim_end());
        status.config += 1;
    }
    built.ok().map(|(set, _)| set)
}

/// Which config governs the files: the one named, none, or the nearest to each.
fn mode(config: &Option<PathBuf>, isolated: bool) -> Mode {
    match (config, isolated) {
        (Some(c), _) => Mode::Fixed(c.clone()),
        (None, true) => Mode::Isolated,
        (None, false) => Mode::Discover,
    }
}
