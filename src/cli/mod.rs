//! The command line: it reads the arguments, runs one command and hands back a
//! [`Status`]; the library does the work.
//!
//! - `args`: the arguments, as clap reads them
//! - `out`: standard output, error lines, and the status
//! - `walk`: the files the paths name
//! - `pipeline`: linting the files in order, chunk by chunk in parallel
//! - `write`: every file fzlint writes, written safely
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
mod write;

use args::{Cli, Command};
use out::Out;
pub use out::{EXIT_TROUBLE, Status};

/// Started on Windows with no arguments: double-clicked in Explorer. fzlint then starts
/// the checking page on any free port and opens the browser; the console window it
/// runs in says how to stop it.
pub fn double_clicked() -> bool {
    cfg!(windows) && std::env::args_os().len() == 1
}

/// The help in Chinese: clap's headings (Usage, Commands, Arguments, Options) renamed,
/// in every subcommand.
fn localised(cmd: clap::Command) -> clap::Command {
    cmd.help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .mut_args(|a| {
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            a.help_heading(heading)
        })
        .mut_subcommands(localised)
}

/// A clap error said in Chinese (help and version are printed as clap prints them).
fn exit_on(e: clap::Error) -> ! {
    use clap::error::{ContextKind, ErrorKind};
    let get = |k| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::DisplayVersion => e.exit(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // The words clap writes itself, in Chinese.
            let mut help = e.render().to_string();
            for (en, zh) in [
                ("Possible values:", "可选值："),
                ("[possible values: ", "[可选值："),
                ("[default: ", "[默认："),
                ("[aliases: ", "[别名："),
                ("[OPTIONS]", "[选项]"),
            ] {
                help = help.replace(en, zh);
            }
            let code = i32::from(e.kind() != ErrorKind::DisplayHelp) * 2;
            if code == 0 {
                print!("{help}");
            } else {
                eprint!("{help}");
            }
            std::process::exit(code)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = get(ContextKind::ValidValue);
            // A range a number must lie in (clap says "5 is not in 1..=9").
            let why = std::error::Error::source(&e).map(|s| s.to_string());
            let valid = match (valid.is_empty(), why) {
                (false, _) => format!("\n  可选值：{valid}"),
                (true, Some(w)) => match w.split_once(" is not in ") {
                    Some((_, range)) => format!("：应在 {} 之间", range.replace("..=", " 到 ")),
                    None if w.contains("invalid digit") => "：应为数字".to_string(),
                    None => format!("：{w}"),
                },
                (true, None) => String::new(),
            };
            format!(
                "{} 的值“{}”无效{valid}",
                get(ContextKind::InvalidArg),
                get(ContextKind::InvalidValue)
            )
        }
        ErrorKind::UnknownArgument => format!("没有这个选项：{}", get(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => {
            format!("没有这个命令：{}", get(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必需的参数：{}", get(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::ArgumentConflict => format!(
            "{} 不能与 {} 同时使用",
            get(ContextKind::InvalidArg),
            get(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues => format!("{} 给了太多的值", get(ContextKind::InvalidArg)),
        _ => e
            .to_string()
            .trim_end()
            .trim_start_matches("error: ")
            .to_string(),
    };
    out::eprint_line(&format!("error: {message}\n\n更多说明：fzlint --help"));
    std::process::exit(2)
}

pub fn run() -> anyhow::Result<Status> {
    use clap::{CommandFactory, FromArgMatches};
    let cmd = localised(Cli::command());
    let matches = if double_clicked() {
        cmd.try_get_matches_from(["fzlint", "serve", "--addr", "127.0.0.1:0"])
    } else {
        cmd.try_get_matches()
    };
    let cli = matches
        .and_then(|m| Cli::from_arg_matches(&m))
        .unwrap_or_else(|e| exit_on(e));
    let mut out = Out::stdout();
    match cli.command {
        Command::Check(args) => Ok(check::run(args, &mut out)),
        Command::Report(args) => report::run(args, &mut out),
        Command::Serve(args) => serve::run(args, &mut out),
        Command::Config(args) => config::run(&args, &mut out),
        Command::Schema { which } => schema::run(which, &mut out),
        Command::Init => Ok(init::run(&mut out)),
        Command::Completions { shell } => Ok(completions::run(shell, &mut out)),
        Command::Outline(args) => outline::run(&args, &mut out),
        Command::Rules { format, rules } => rules::run(format, &rules, &mut out),
        Command::Rule { id, rules } => Ok(rule::run(&id, &rules, &mut out)),
        Command::TestRules { dirs } => Ok(rule::test(&dirs, &mut out)),
    }
}
