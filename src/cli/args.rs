//! The command line's arguments: every command, flag and value, as clap reads them.

use clap::{Parser, Subcommand, ValueEnum};
use fzlint::resolve::Mode;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "fzlint",
    // The version names the built-in rule pack too (read from rules/pack.yaml by build.rs).
    version = concat!(env!("CARGO_PKG_VERSION"), " (规则包 ", env!("FZLINT_PACK_VERSION"), ")"),
    about = "法治政府建设年度报告检查工具"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check reports (files, folders of .txt/.md/.docx/.html, or - for standard input).
    Check(CheckArgs),
    /// An overview of a batch of reports: who is missing what, who is late (HTML or CSV).
    Report(ReportArgs),
    /// Show the structure fzlint understood in one report.
    Outline {
        path: PathBuf,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1949..=2200))]
        year: Option<i32>,
    },
    /// List the rules.
    Rules {
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Show the settings that apply to a report (or to reports in a folder).
    Config {
        #[arg(default_value = ".")]
        path: PathBuf,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        #[command(flatten)]
        rules: RuleArgs,
        #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
        config: Option<PathBuf>,
        #[arg(long)]
        isolated: bool,
    },
    /// Write a commented starter .fzlint.yaml in the current folder.
    Init,
    /// Print the JSON Schema of config files (.fzlint.yaml) or of rule files.
    Schema {
        #[arg(value_enum)]
        which: SchemaKind,
    },
    /// Print a completion script for a shell (bash, zsh, fish, powershell, elvish).
    Completions { shell: clap_complete::Shell },
    /// A local checking page: paste or drop a report, see its findings in place.
    Serve(ServeArgs),
    /// Explain one rule: rationale, basis, parameters and examples.
    Rule {
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Concise,
    Json,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// SARIF 2.1.0 (GitHub code scanning and other tools).
    Sarif,
    /// JUnit XML, one test case per report.
    Junit,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum OverviewFormat {
    /// One self-contained page (no external files), printable on A4.
    Html,
    /// One row per report, UTF-8 with a BOM for spreadsheet programs.
    Csv,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SchemaKind {
    Config,
    Rule,
}

#[derive(clap::Args)]
pub struct RuleArgs {
    /// Add the rule files (*.yaml) under this folder to the built-in pack.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Only these rules (ids or categories; repeat or separate with commas).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Not these rules (ids or categories).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Leave out findings below this severity.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<Level>,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Exit 0 even when there are findings (2 still means fzlint could not do its job).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print how many findings each rule has instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Write the output to this file instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The name to report for standard input (-).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Same as --color never.
    #[arg(long)]
    pub no_color: bool,
    /// Apply the safe fixes (renumbering, spaces after heading numbers, padded dates)
    /// to .txt and .md files, then report what is left.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print what --fix would change, as a diff, and change nothing.
    #[arg(long)]
    pub diff: bool,
    /// Do not report the findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the findings in this baseline file (replacing it) instead of reporting them.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "fix", "diff", "output"])]
    pub write_baseline: Option<PathBuf>,
    /// With --baseline: report the records that no longer match any finding (exit 1).
    #[arg(long, requires = "baseline")]
    pub report_unused_baseline: bool,
    #[command(flatten)]
    pub run: RunArgs,
}

/// What `check` and `report` share: the settings a run uses and how it reads files.
#[derive(clap::Args)]
pub struct RunArgs {
    /// The reported year, when the title names none.
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1949..=2200))]
    pub year: Option<i32>,
    /// The year every report must be on (a reviewing office's batch): a report on
    /// another year gets one finding on its title.
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1949..=2200))]
    pub expect_year: Option<i32>,
    /// Use this config file for every report (instead of the nearest .fzlint.yaml).
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Use no config file at all.
    #[arg(long)]
    pub isolated: bool,
    /// Also run the rules still in preview (fzlint rules marks them).
    #[arg(long)]
    pub preview: bool,
    /// How many files to lint at once (0: one per processor core). The output is the
    /// same whatever the number.
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Refuse files larger than this many MB (default 20).
    #[arg(long, value_name = "MB", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub max_file_size: u64,
}

#[derive(clap::Args)]
pub struct ReportArgs {
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// html, or csv (the default when -o names a .csv file).
    #[arg(long, value_enum)]
    pub format: Option<OverviewFormat>,
    /// Write the overview to this file instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The units expected to submit (UTF-8 or GBK, one unit a line, or CSV whose first column
    /// is the unit and whose other columns are other names it goes by): the overview
    /// lists who has not submitted. Also `roster:` in .fzlint.yaml.
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// Write a return notice (退回意见, 审核意见) for each report that does not pass into
    /// this folder, one .txt each; the overview links them.
    #[arg(long, value_name = "DIR")]
    pub notices: Option<PathBuf>,
    /// Replace notices already in the --notices folder (by default a file there that
    /// differs is left as it is and named as an error).
    #[arg(long, requires = "notices")]
    pub overwrite_notices: bool,
    /// Call two reports copies (内容雷同) when this share (percent) of the shorter one's
    /// text is found in the other, after spaces, punctuation and figures are set aside.
    #[arg(long, value_name = "PCT", default_value_t = 50, value_parser = clap::value_parser!(u8).range(1..=100))]
    pub copy_threshold: u8,
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0: any free port; the first line printed is the URL).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    pub addr: String,
    /// Do not open a browser.
    #[arg(long)]
    pub no_open: bool,
    /// Require this token (Authorization: Bearer T, or ?token=T) for the page and the API.
    #[arg(long, value_name = "T")]
    pub token: Option<String>,
    /// Use this config file (instead of the nearest .fzlint.yaml above the current folder).
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Use no config file at all.
    #[arg(long)]
    pub isolated: bool,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Requests answered at once.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub workers: u16,
    /// Seconds a connection may stay silent while a request is read or written.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
}

/// Which config governs the files: the one named, none, or the nearest to each.
pub fn config_mode(config: &Option<PathBuf>, isolated: bool) -> Mode {
    match (config, isolated) {
        (Some(c), _) => Mode::Fixed(c.clone()),
        (None, true) => Mode::Isolated,
        (None, false) => Mode::Discover,
    }
}
