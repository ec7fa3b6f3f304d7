//! The command line: arguments, the file walk, choosing a renderer, exit codes.

mod serve;
mod settings;

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use fzlint::analyse::{Analysis, Settings, analyse};
use fzlint::diagnostic::Severity;
use fzlint::input::{self, MAX_FILE_BYTES};
use fzlint::pack::yaml::YamlError;
use fzlint::render::{self, FileReport, human, json, outline};
use fzlint::rules::engine::{lint_analysed, lint_with};
use fzlint::rules::{Rule, RuleSet};
use fzlint::text::source::Source;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Parser)]
#[command(
    name = "fzlint",
    // The version names the built-in rule pack too (read from rules/pack.yaml by build.rs).
    version = concat!(env!("CARGO_PKG_VERSION"), " (规则包 ", env!("FZLINT_PACK_VERSION"), ")"),
    about = "法治政府建设年度报告检查工具"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
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
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
struct RuleArgs {
    /// Add the rule files (*.yaml) under this folder to the built-in pack.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    #[command(flatten)]
    rules: RuleArgs,
    /// Only these rules (ids or categories; repeat or separate with commas).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    select: Vec<String>,
    /// Not these rules (ids or categories).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    ignore: Vec<String>,
    /// Leave out findings below this severity.
    #[arg(long, value_enum, value_name = "LEVEL")]
    min_severity: Option<Level>,
    /// Exit 1 on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Exit 0 even when there are findings (2 still means fzlint could not do its job).
    #[arg(long)]
    exit_zero: bool,
    /// Print how many findings each rule has instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// Write the output to this file instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The name to report for standard input (-).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Same as --color never.
    #[arg(long)]
    no_color: bool,
    /// Apply the safe fixes (renumbering, spaces after heading numbers, padded dates)
    /// to .txt and .md files, then report what is left.
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Print what --fix would change, as a diff, and change nothing.
    #[arg(long)]
    diff: bool,
    /// Do not report the findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the findings in this baseline file (replacing it) instead of reporting them.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "fix", "diff", "output"])]
    write_baseline: Option<PathBuf>,
    /// With --baseline: report the records that no longer match any finding (exit 1).
    #[arg(long, requires = "baseline")]
    report_unused_baseline: bool,
    #[command(flatten)]
    run: RunArgs,
}

/// What `check` and `report` share: the settings a run uses and how it reads files.
#[derive(clap::Args)]
pub struct RunArgs {
    /// The reported year, when the title names none.
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1949..=2200))]
    year: Option<i32>,
    /// Use this config file for every report (instead of the nearest .fzlint.yaml).
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    config: Option<PathBuf>,
    /// Use no config file at all.
    #[arg(long)]
    isolated: bool,
    /// Also run the rules still in preview (fzlint rules marks them).
    #[arg(long)]
    preview: bool,
    /// How many files to lint at once (0: one per processor core). The output is the
    /// same whatever the number.
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    threads: usize,
    /// Refuse files larger than this many MB (default 20).
    #[arg(long, value_name = "MB", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=4096))]
    max_file_size: u64,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum OverviewFormat {
    /// One self-contained page (no external files), printable on A4.
    Html,
    /// One row per report, UTF-8 with a BOM for spreadsheet programs.
    Csv,
}

#[derive(clap::Args)]
pub struct ReportArgs {
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// html, or csv (the default when -o names a .csv file).
    #[arg(long, value_enum)]
    format: Option<OverviewFormat>,
    /// Write the overview to this file instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum SchemaKind {
    Config,
    Rule,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Subcommand)]
enum Command {
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
    Serve(serve::ServeArgs),
    /// Explain one rule: rationale, basis, parameters and examples.
    Rule {
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
}

/// Exit codes (contract): 0 clean, 1 error-level findings, 2 fzlint could not do its job.
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_TROUBLE: i32 = 2;

struct Out {
    stdout: Box<dyn Write>,
}

impl Out {
    fn print(&mut self, s: &str) {
        // A closed pipe (fzlint … | head) is not an error worth a panic.
        let _ = self.stdout.write_all(s.as_bytes());
    }
}

fn eprint_line(s: &str) {
    let _ = writeln!(std::io::stderr(), "{s}");
}

/// Renders a rule-file error like a diagnostic, pointing at its line and column.
fn yaml_error(e: &YamlError) -> String {
    use codespan_reporting::diagnostic::{Diagnostic, Label};
    use codespan_reporting::files::SimpleFile;
    use codespan_reporting::term;
    if e.text.is_empty() || e.line == 0 {
        return format!("error: {}: {}\n", e.path, e.message);
    }
    let file = SimpleFile::new(e.path.as_str(), e.text.as_str());
    let start: usize = e
        .text
        .split_inclusive('\n')
        .take(e.line - 1)
        .map(str::len)
        .sum();
    let line_len = e.text[start..].find('\n').unwrap_or(e.text.len() - start);
    let col = e.text[start..start + line_len]
        .char_indices()
        .nth(e.column.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(0);
    let s = start + col;
    let end = e.text[s..]
        .chars()
        .next()
        .map(|c| s + c.len_utf8())
        .unwrap_or(s);
    let (code, what) = if e.config {
        ("config", "配置文件")
    } else {
        ("rule-file", "规则文件")
    };
    let d = Diagnostic::error()
        .with_code(code)
        .with_message(format!("{what}有误：{}", e.message))
        .with_labels(vec![Label::primary((), s..end).with_message("这里")]);
    let mut buf = Vec::new();
    match term::emit_to_io_write(&mut buf, &term::Config::default(), &file, &d) {
        Ok(()) => String::from_utf8_lossy(&buf).into_owned(),
        Err(_) => format!("error: {}:{}:{}: {}\n", e.path, e.line, e.column, e.message),
    }
}

/// The built-in pack plus the user's folders; errors are printed, and make the run exit 2.
fn load_rules(args: &RuleArgs, trouble: &mut bool) -> Option<RuleSet> {
    let built = RuleSet::with_dirs(&args.rules);
    let errors = match &built {
        Ok((_, errors)) | Err(errors) => errors,
    };
    for e in errors {
        eprint_line(yaml_error(e).trim_end());
        *trouble = true;
    }
    built.ok().map(|(set, _)| set)
}

/// Files to lint, in a stable order: explicit files as given (true), folders walked
/// sorted (false).
fn expand(paths: &[PathBuf], trouble: &mut bool) -> Vec<(PathBuf, bool)> {
    let mut out = Vec::new();
    let mut stdin_seen = false;
    for p in paths {
        // Standard input can be read once.
        if p.as_os_str() == "-" && std::mem::replace(&mut stdin_seen, true) {
            eprint_line("error: -: 标准输入只能读一次，多写的 - 未检查");
            *trouble = true;
            continue;
        }
        if p.as_os_str() == "-" || !p.is_dir() {
            out.push((p.clone(), true));
            continue;
        }
        // .gitignore (in a git checkout or not) and .fzlintignore are honoured, as in
        // ripgrep; files named on the command line are always linted.
        let walker = ignore::WalkBuilder::new(p)
            .follow_links(false)
            .require_git(false)
            .add_custom_ignore_filename(".fzlintignore")
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            match entry {
                Ok(e)
                    if e.file_type().is_some_and(|t| t.is_file())
                        && is_report(e.path())
                        && !is_own_overview(e.path()) =>
                {
                    // `fzlint check .` names files as `a/b.txt`, not `./a/b.txt`.
                    let path = e.into_path();
                    let path = match path.strip_prefix(".") {
                        Ok(rest) if p.as_os_str() == "." => rest.to_path_buf(),
                        _ => path,
                    };
                    out.push((path, false))
                }
                Ok(_) => {}
                Err(err) => {
                    eprint_line(&format!("error: {}: 无法读取目录：{err}", p.display()));
                    *trouble = true;
                }
            }
        }
    }
    out
}

/// An overview page `fzlint report` wrote (found when a folder is walked again).
fn is_own_overview(p: &Path) -> bool {
    if fzlint::text::Format::of(&p.to_string_lossy()) != fzlint::text::Format::Html {
        return false;
    }
    let mut head = [0u8; 1024];
    let n = std::fs::File::open(p)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    memchr::memmem::find(&head[..n], b"<meta name=\"generator\" content=\"fzlint").is_some()
}

/// Files a folder walk lints: text, Markdown, Word and HTML reports.
fn is_report(p: &Path) -> bool {
    is_text_report(p)
        || fzlint::text::Format::of(&p.to_string_lossy()) != fzlint::text::Format::Text
}

/// Files `--fix` may rewrite: plain text and Markdown.
fn is_text_report(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
}

pub fn run() -> Result<i32> {
    let cli = Cli::parse();
    // A terminal sees each finding as it comes; a pipe or file gets large writes.
    let stdout = std::io::stdout();
    let mut out = Out {
        stdout: if stdout.is_terminal() {
            Box::new(stdout.lock())
        } else {
            Box::new(std::io::BufWriter::with_capacity(1 << 16, stdout.lock()))
        },
    };
    match cli.command {
        Command::Check(args) => check(args, &mut out),
        Command::Report(args) => report(args, &mut out),
        Command::Serve(args) => serve::run(args, &mut out),
        Command::Config {
            path,
            format,
            rules,
            config,
            isolated,
        } => {
            let mut resolver = settings::Resolver::new(&rules.rules, mode(&config, isolated));
            // For a folder, the settings of a report placed in it.
            let file = if path.is_dir() {
                path.join("report.txt")
            } else {
                path.clone()
            };
            let p = match resolver.governed(&file) {
                settings::Governed::Ready(p) => p,
                settings::Governed::Broken(_) => return Ok(EXIT_TROUBLE),
            };
            out.print(&describe(&p, &file, format == Format::Json)?);
            Ok(if resolver.trouble { EXIT_TROUBLE } else { 0 })
        }
        Command::Schema { which } => {
            let schema = match which {
                SchemaKind::Config => fzlint::config::schema(),
                SchemaKind::Rule => fzlint::rules::spec::schema(),
            };
            out.print(&format!("{}\n", serde_json::to_string_pretty(&schema)?));
            Ok(0)
        }
        Command::Init => {
            let target = PathBuf::from(fzlint::config::NAMES[0]);
            if target.exists() {
                eprint_line(&format!("error: {}: 已存在，未改动", target.display()));
                return Ok(EXIT_TROUBLE);
            }
            if let Err(e) = std::fs::write(&target, fzlint::config::STARTER) {
                eprint_line(&format!("error: {}: 无法写入：{e}", target.display()));
                return Ok(EXIT_TROUBLE);
            }
            out.print(&format!(
                "已写入 {}；编辑后即对本目录及其子目录中的报告生效\n",
                target.display()
            ));
            Ok(0)
        }
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "fzlint",
                &mut buf,
            );
            out.print(&String::from_utf8_lossy(&buf));
            Ok(0)
        }
        Command::Outline { path, format, year } => {
            let mut trouble = false;
            let Some(set) = load_rules(&RuleArgs { rules: Vec::new() }, &mut trouble) else {
                return Ok(EXIT_TROUBLE);
            };
            let src: Source = match input::read(&path, MAX_FILE_BYTES) {
                Ok(s) => s,
                Err(e) => {
                    eprint_line(&format!("error: {}: {e}", path.display()));
                    return Ok(EXIT_TROUBLE);
                }
            };
            let a = analyse(
                &src,
                &set.vocab,
                &Settings {
                    reported_year: year,
                },
            );
            let mut o = outline::outline(&src, &a);
            o.rule_pack = set.vocab.version.clone();
            match format {
                Format::Json => out.print(&format!("{}\n", serde_json::to_string_pretty(&o)?)),
                _ => out.print(&outline::human(&o, &a)),
            }
            Ok(0)
        }
        Command::Rules { format, rules } => {
            let mut trouble = false;
            let Some(set) = load_rules(&rules, &mut trouble) else {
                return Ok(EXIT_TROUBLE);
            };
            match format {
                Format::Json => {
                    let items = rule_items(&set);
                    out.print(&format!("{}\n", serde_json::to_string_pretty(&items)?));
                }
                _ => {
                    for r in set.sorted() {
                        out.print(&format!(
                            "{:<24} {:<8} {:<10} {}\n",
                            r.spec.id,
                            r.spec.severity.name(),
                            r.spec.category,
                            if r.spec.retired.is_some() {
                                format!("（已停用）{}", r.spec.summary)
                            } else if r.spec.preview {
                                format!("（试用，需 --preview）{}", r.spec.summary)
                            } else {
                                r.spec.summary.clone()
                            }
                        ));
                    }
                    out.print(&format!(
                        "共 {} 条规则；fzlint rule <id> 查看说明\n",
                        set.rules.len()
                    ));
                }
            }
            Ok(if trouble { EXIT_TROUBLE } else { 0 })
        }
        Command::Rule { id, rules } => {
            let mut trouble = false;
            let Some(set) = load_rules(&rules, &mut trouble) else {
                return Ok(EXIT_TROUBLE);
            };
            let Some(rule) = set.get(&id) else {
                eprint_line(&format!(
                    "error: 没有 id 为 “{id}” 的规则；fzlint rules 列出全部规则"
                ));
                return Ok(EXIT_TROUBLE);
            };
            let (text, behave) = explain(&set, rule);
            out.print(&text);
            if !behave {
                eprint_line(&format!(
                    "error: {}: 有示例与预期不符（见上面标 ✗ 的示例）",
                    rule.path
                ));
            }
            Ok(if trouble {
                EXIT_TROUBLE
            } else if !behave {
                EXIT_FINDINGS
            } else {
                0
            })
        }
    }
}

/// `fzlint rules --format json`: one object per rule.
fn rule_items(set: &RuleSet) -> Vec<serde_json::Value> {
    set.sorted()
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.spec.id, "category": r.spec.category,
                "severity": r.spec.severity.name(), "summary": r.spec.summary,
                "builtin": r.builtin, "retired": r.spec.retired.is_some(),
                "preview": r.spec.preview,
                "years": r.spec.years.map(String::from),
            })
        })
        .collect()
}

/// `fzlint rule ID`: what the rule checks, why, its parameters and its examples run.
/// Also says whether every example behaved as its heading claims.
fn explain(set: &RuleSet, rule: &Rule) -> (String, bool) {
    let s = &rule.spec;
    let mut o = String::new();
    let mut all_behave = true;
    if let Some(why) = &s.retired {
        o.push_str(&format!("（此规则已停用：{why}）\n"));
    }
    o.push_str(&format!(
        "{}  （{}， 默认 {}）\n\n{}\n\n",
        s.id,
        s.category,
        s.severity.name(),
        s.summary
    ));
    if s.preview {
        o.push_str("（试用规则：只在 --preview、配置中 preview: true 或点名此规则时运行）\n\n");
    }
    if let Some(y) = &s.years {
        o.push_str(&format!("适用的报告年度：{y}\n\n"));
    }
    o.push_str(&format!("说明：\n{}\n", indent(s.rationale.trim_end())));
    if let Some(b) = &s.basis {
        o.push_str(&format!("\n依据：\n{}\n", indent(b)));
    }
    // The check as it will run: every parameter, defaults and overrides included.
    let check = serde_saphyr::to_string(&s.check).unwrap_or_default();
    let source = match &rule.overridden_by {
        Some(o) => format!("{}，参数由 {} 覆盖", rule.path, o),
        None => rule.path.clone(),
    };
    o.push_str(&format!(
        "\n检查方式与参数（含默认值；{source}）：\n{}\n",
        indent(check.trim_end())
    ));
    if rule.overridden_by.is_some() {
        o.push_str("\n（以下示例按内置参数编写，参数被覆盖后结果可能不同）\n");
    }
    let only: Vec<&Rule> = vec![rule];
    for (title, list) in [
        ("错误示例", &s.examples.bad),
        ("正确示例", &s.examples.good),
    ] {
        for (i, ex) in list.iter().enumerate() {
            o.push_str(&format!(
                "\n{title} {}:\n{}\n",
                i + 1,
                indent(ex.trim_end())
            ));
            let src = Source::new(format!("{title}{}", i + 1), ex);
            let diags = lint_with(&src, set, &only, &Settings::default());
            let should_fire = title == "错误示例";
            if diags.is_empty() == should_fire {
                all_behave = false;
                o.push_str(if should_fire {
                    "  ✗ 这个错误示例应当被报告，实际没有\n"
                } else {
                    "  ✗ 这个正确示例不应被报告：\n"
                });
            }
            if diags.is_empty() {
                o.push_str("  → 不报告\n");
            } else {
                o.push_str(&human::render(
                    &FileReport {
                        src: &src,
                        diagnostics: &diags,
                    },
                    false,
                ));
            }
        }
    }
    (o, all_behave)
}

fn indent(s: &str) -> String {
    s.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Which rules a run uses: all, less `--ignore`, or only `--select` (ids or categories).
/// The rules a run uses: --select and --ignore applied, and preview rules only where
/// asked for (`preview`, or the rule's own id in `named`: --select or the config).
fn select<'a>(
    set: &'a RuleSet,
    select: &[String],
    ignore: &[String],
    strict: bool,
    preview: bool,
    named: &[String],
) -> Result<Vec<&'a Rule>, String> {
    let known = |name: &str| set.get(name).is_some() || fzlint::rules::CATEGORIES.contains(&name);
    if let Some(bad) = select.iter().chain(ignore).find(|n| strict && !known(n)) {
        return Err(format!(
            "未知的规则或类别 “{bad}”；fzlint rules 列出全部规则"
        ));
    }
    let matches = |r: &Rule, names: &[String]| {
        names
            .iter()
            .any(|n| *n == r.spec.id || *n == r.spec.category)
    };
    Ok(set
        .rules
        .iter()
        .filter(|r| select.is_empty() || matches(r, select))
        .filter(|r| !matches(r, ignore))
        .filter(|r| {
            !r.spec.preview || preview || select.contains(&r.spec.id) || named.contains(&r.spec.id)
        })
        .collect())
}

/// Which config governs the files: the one named, none, or the nearest to each.
fn mode(config: &Option<PathBuf>, isolated: bool) -> settings::Mode {
    match (config, isolated) {
        (Some(c), _) => settings::Mode::Fixed(c.clone()),
        (None, true) => settings::Mode::Isolated,
        (None, false) => settings::Mode::Discover,
    }
}

/// The files the paths name (folders walked, excluded files left out); None, with the
/// error printed, when there are none.
fn files_to_lint(
    paths: &[PathBuf],
    resolver: &mut settings::Resolver,
    trouble: &mut bool,
) -> Option<Vec<(PathBuf, bool)>> {
    let files: Vec<(PathBuf, bool)> = expand(paths, trouble)
        .into_iter()
        .filter(|(p, explicit)| *explicit || !resolver.excluded(p))
        .collect();
    if files.is_empty() {
        eprint_line("error: 没有找到可检查的报告（目录中只检查 .txt、.md、.docx 和 .html 文件）");
        return None;
    }
    Some(files)
}

/// `fzlint check`.
fn check(args: CheckArgs, stdout: &mut Out) -> Result<i32> {
    let mut trouble = false;
    let mut resolver =
        settings::Resolver::new(&args.rules.rules, mode(&args.run.config, args.run.isolated));
    if args.statistics && !matches!(args.format, Format::Human | Format::Json) {
        eprint_line("error: --statistics 只能与 human 或 json 格式一起使用");
        return Ok(EXIT_TROUBLE);
    }
    let to_file = args.output.is_some();
    let color = !args.no_color
        && !to_file
        && match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
    let min = match args.min_severity {
        Some(Level::Error) => Severity::Error,
        Some(Level::Warning) => Severity::Warning,
        _ => Severity::Info,
    };
    let mut baseline = match &args.baseline {
        Some(path) => match fzlint::baseline::Baseline::load(path) {
            Ok(b) => Some(b),
            Err(e) => {
                eprint_line(&format!("error: {}: {e}", path.display()));
                return Ok(EXIT_TROUBLE);
            }
        },
        None => None,
    };
    let mut recorded: Vec<fzlint::baseline::Entry> = Vec::new();
    let Some(files) = files_to_lint(&args.paths, &mut resolver, &mut trouble) else {
        return Ok(EXIT_TROUBLE);
    };
    // -o FILE: written to a temporary file beside it, moved into place at the end.
    let mut file_out = None;
    if let Some(path) = &args.output {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = path.with_file_name(format!(".{name}.{}.fzlint-tmp", std::process::id()));
        match std::fs::File::create(&tmp) {
            Ok(f) => {
                file_out = Some((
                    Out {
                        stdout: Box::new(std::io::BufWriter::new(f)),
                    },
                    tmp,
                    path.clone(),
                ))
            }
            Err(e) => {
                eprint_line(&format!("error: {}: 无法写入：{e}", path.display()));
                return Ok(EXIT_TROUBLE);
            }
        }
    }
    let out: &mut Out = match &mut file_out {
        Some((o, _, _)) => o,
        None => stdout,
    };
    let mut totals = human::Totals::default();
    let mut json_out = json::ArrayWriter::default();
    let mut counts: std::collections::BTreeMap<String, (Severity, usize)> = Default::default();
    let mut worst: Option<Severity> = None;
    let mut would_change = false;
    let mut summaries: std::collections::BTreeMap<String, String> = Default::default();
    let mut sarif_rules: Vec<serde_json::Value> = Vec::new();
    let mut sarif_index: std::collections::HashMap<String, usize> = Default::default();
    let mut sarif_results: Vec<serde_json::Value> = Vec::new();
    let mut junit_cases: Vec<(String, bool)> = Vec::new();
    let mut pack_version = String::new();
    // When a file's output depends on that file alone, it is rendered on the worker
    // threads too; fixes, baselines and statistics are worked out in order first.
    let prerender_ok = !(args.fix
        || args.diff
        || args.statistics
        || args.baseline.is_some()
        || args.write_baseline.is_some())
        && matches!(
            args.format,
            Format::Human | Format::Concise | Format::Github | Format::Json
        );
    let format = args.format;
    let prerender = move |job: &Job, src: &Source, diags: &[fzlint::diagnostic::Diagnostic]| {
        let f = FileReport {
            src,
            diagnostics: diags,
        };
        match format {
            Format::Human => vec![human::render(&f, color)],
            Format::Concise => vec![render::concise(&f)],
            Format::Github => vec![render::github::render(&f)],
            _ => json::file_body(&f, &job.prepared.set.vocab.version)
                .into_iter()
                .collect(),
        }
    };
    let plan = LintPlan {
        select: &args.select,
        ignore: &args.ignore,
        preview: args.run.preview,
        year: args.run.year,
        stdin_filename: args.stdin_filename.as_deref(),
        min,
        threads: args.run.threads,
        // Fixes are written one file after another.
        parallel: !(args.fix || args.diff),
        max_bytes: args.run.max_file_size * 1024 * 1024,
        prerender: prerender_ok.then_some(&prerender),
        analysis: false,
    };
    let mut file_trouble = false;
    let done = lint_files(
        &files,
        &mut resolver,
        &plan,
        &mut trouble,
        |path, job, result| {
            let Some(job) = job else {
                if let Err(e) = result {
                    eprint_line(&format!("error: {}: {e}", path.display()));
                }
                return;
            };
            let set = &job.prepared.set;
            let selected = job.rules();
            let settings = &job.settings;
            // On the thread that writes, in order: kept cheap (no copy of a rule id
            // already counted).
            let mut tally = |found: &mut dyn Iterator<Item = (&str, Severity)>| {
                let mut file = human::Totals::default();
                for (rule, severity) in found {
                    file.add_one(severity);
                    worst = worst.max(Some(severity));
                    match counts.get_mut(rule) {
                        Some(c) => c.1 += 1,
                        None => {
                            counts.insert(rule.to_string(), (severity, 1));
                            if let Some(r) = set.get(rule) {
                                summaries
                                    .entry(rule.to_string())
                                    .or_insert_with(|| r.spec.summary.clone());
                            }
                        }
                    }
                }
                totals.add_file(&file);
            };
            let (mut src, mut diags) = match result {
                Ok(Outcome::Whole(src, diags, _)) => (src, diags),
                Ok(Outcome::Rendered(pieces, found)) => {
                    tally(&mut found.iter().map(|(r, s)| (r.as_str(), *s)));
                    for p in pieces {
                        if args.format == Format::Json {
                            out.print(json_out.lead());
                        }
                        out.print(&p);
                    }
                    return;
                }
                Err(e) => {
                    eprint_line(&format!("error: {}: {e}", path.display()));
                    file_trouble = true;
                    return;
                }
            };
            if args.fix || args.diff {
                match fix_file(path, &src, &diags, args.diff) {
                    Err(e) => {
                        eprint_line(&format!("error: {}: {e}", path.display()));
                        file_trouble = true;
                    }
                    Ok(FixOutcome::Diff(d)) => {
                        would_change |= !d.is_empty();
                        out.print(&d);
                    }
                    Ok(FixOutcome::Fixed(text, n)) if n > 0 => {
                        eprint_line(&format!("已修复 {}：{n} 处", path.display()));
                        src = Source::new(src.name.clone(), &text);
                        diags = lint_with(&src, set, &selected, settings);
                        diags.retain(|d| d.severity >= min);
                    }
                    Ok(_) => {}
                }
                if args.diff {
                    return;
                }
            }
            if let Some(b) = &mut baseline {
                // The rules that ran and could report at the level asked for.
                let ran: Vec<&str> = selected
                    .iter()
                    .filter(|r| r.spec.severity >= min)
                    .map(|r| r.spec.id.as_str())
                    .collect();
                b.filter(&src, &mut diags, &ran);
            }
            if args.write_baseline.is_some() {
                recorded.extend(diags.iter().map(|d| fzlint::baseline::entry(&src, d)));
                return;
            }
            tally(&mut diags.iter().map(|d| (d.rule.as_str(), d.severity)));
            if args.statistics {
                return;
            }
            let f = FileReport {
                src: &src,
                diagnostics: &diags,
            };
            match args.format {
                Format::Human => out.print(&human::render(&f, color)),
                Format::Concise => out.print(&render::concise(&f)),
                Format::Github => out.print(&render::github::render(&f)),
                Format::Json => {
                    if let Some(body) = json::file_body(&f, &set.vocab.version) {
                        out.print(json_out.lead());
                        out.print(&body);
                    }
                }
                Format::Junit => {
                    pack_version = set.vocab.version.clone();
                    junit_cases.push(render::junit::testcase(&f))
                }
                Format::Sarif => {
                    pack_version = set.vocab.version.clone();
                    let new: Vec<&Rule> = set
                        .sorted()
                        .into_iter()
                        .filter(|r| !sarif_index.contains_key(&r.spec.id))
                        .collect();
                    for (r, v) in new.iter().zip(render::sarif::rules(&new)) {
                        sarif_index.insert(r.spec.id.clone(), sarif_rules.len());
                        sarif_rules.push(v);
                    }
                    sarif_results.extend(render::sarif::results(&f, &|id| {
                        sarif_index.get(id).copied()
                    }));
                }
            }
        },
    );
    trouble |= file_trouble;
    if let Err(e) = done {
        eprint_line(&format!("error: {e}"));
        if let Some((_, tmp, _)) = &file_out {
            let _ = std::fs::remove_file(tmp);
        }
        return Ok(EXIT_TROUBLE);
    }
    let mut unused_baseline = false;
    if let Some(path) = &args.write_baseline {
        let n = recorded.len();
        match write_atomically(path, fzlint::baseline::write(recorded).as_bytes()) {
            Ok(()) => eprint_line(&format!("已把 {n} 条问题写入基线 {}", path.display())),
            Err(e) => {
                eprint_line(&format!("error: {}: 无法写入：{e}", path.display()));
                return Ok(EXIT_TROUBLE);
            }
        }
    } else if let (Some(b), true) = (&baseline, args.report_unused_baseline) {
        let unused = b.unused();
        unused_baseline = !unused.is_empty();
        for e in unused {
            eprint_line(&format!(
                "warning: {}: 基线记录已不再出现：{} [{}]“{}”",
                args.baseline.as_deref().unwrap_or(Path::new("")).display(),
                e.path,
                e.rule,
                e.text
            ));
        }
    }
    if args.diff || args.write_baseline.is_some() {
        // With --diff the output is the diff alone; --write-baseline writes only the file.
    } else if args.statistics {
        let mut rows: Vec<(&String, &(Severity, usize))> = counts.iter().collect();
        rows.sort_by(|a, b| b.1.1.cmp(&a.1.1).then(a.0.cmp(b.0)));
        if args.format == Format::Json {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|(id, (sev, n))| serde_json::json!({"rule": id, "severity": sev.name(), "count": n}))
                .collect();
            out.print(&format!("{}\n", serde_json::to_string_pretty(&items)?));
        } else {
            for (id, (sev, n)) in &rows {
                let summary = summaries.get(*id).map(String::as_str).unwrap_or("");
                out.print(&format!("{n:>6}  {:<8} {:<24} {summary}\n", sev.name(), id));
            }
            out.print(&totals.summary());
        }
    } else {
        match args.format {
            Format::Json => out.print(json_out.finish()),
            // With --diff the output is the diff alone.
            Format::Human if !args.diff => out.print(&totals.summary()),
            Format::Human => {}
            Format::Sarif => {
                let doc = render::sarif::document(sarif_rules, sarif_results, &pack_version);
                out.print(&format!("{}\n", serde_json::to_string_pretty(&doc)?));
            }
            Format::Junit => out.print(&render::junit::document(&junit_cases, &pack_version)),
            Format::Concise | Format::Github => {}
        }
    }
    if let Some((mut o, tmp, path)) = file_out {
        let flushed = o.stdout.flush();
        drop(o);
        if let Err(e) = flushed.and_then(|_| std::fs::rename(&tmp, &path)) {
            eprint_line(&format!("error: {}: 无法写入：{e}", path.display()));
            let _ = std::fs::remove_file(&tmp);
            return Ok(EXIT_TROUBLE);
        }
    }
    trouble |= resolver.trouble;
    let failed = unused_baseline
        || worst.is_some_and(|w| {
            w == Severity::Error || (args.deny_warnings && w == Severity::Warning)
        });
    Ok(if trouble {
        EXIT_TROUBLE
    } else if args.diff {
        // Like a formatter's check mode: 1 when something would change.
        if would_change && !args.exit_zero {
            EXIT_FINDINGS
        } else {
            0
        }
    } else if failed && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        0
    })
}

/// Characters of a long line kept before a finding shown in the overview.
const OVERVIEW_WINDOW: usize = 200;

/// `fzlint report`: every report linted, then one overview.
fn report(args: ReportArgs, stdout: &mut Out) -> Result<i32> {
    use fzlint::render::overview;
    let mut trouble = false;
    let mut resolver =
        settings::Resolver::new(&args.rules.rules, mode(&args.run.config, args.run.isolated));
    let Some(files) = files_to_lint(&args.paths, &mut resolver, &mut trouble) else {
        return Ok(EXIT_TROUBLE);
    };
    let plan = LintPlan {
        select: &[],
        ignore: &[],
        preview: args.run.preview,
        year: args.run.year,
        stdin_filename: None,
        min: Severity::Info,
        threads: args.run.threads,
        parallel: true,
        max_bytes: args.run.max_file_size * 1024 * 1024,
        prerender: None,
        analysis: true,
    };
    let mut entries: Vec<overview::Entry> = Vec::new();
    let mut pack_version = String::new();
    let mut file_trouble = false;
    let done = lint_files(
        &files,
        &mut resolver,
        &plan,
        &mut trouble,
        |path, job, result| {
            let (src, diags, a) = match (result, job) {
                (Ok(Outcome::Whole(src, diags, Some(a))), Some(_)) => (src, diags, a),
                (result, _) => {
                    let e = result.err().map(|e| e.to_string()).unwrap_or_default();
                    eprint_line(&format!("error: {}: {e}", path.display()));
                    file_trouble = true;
                    entries.push(overview::Entry {
                        path: path.display().to_string(),
                        outline: None,
                        findings: Vec::new(),
                        late: false,
                        error: Some(e),
                    });
                    return;
                }
            };
            let Some(job) = job else { return };
            let set = &job.prepared.set;
            pack_version = set.vocab.version.clone();
            let mut o = outline::outline(&src, &a);
            o.rule_pack = set.vocab.version.clone();
            let f = FileReport {
                src: &src,
                diagnostics: &diags,
            };
            let findings = json::diagnostics(&f, &set.vocab.version)
                .into_iter()
                .zip(&diags)
                .map(|(j, d)| {
                    // The line the columns count from (a Word paragraph), as written; of a
                    // long line only a window around the finding.
                    let range = src.position_line_range(d.span.start);
                    let base = src.original_chars_before(src.original_offset(range.start));
                    let end = src.original_chars_before(src.original_offset(range.end));
                    let from = j.column.saturating_sub(1).saturating_sub(OVERVIEW_WINDOW);
                    let to = (base + j.column + 2 * OVERVIEW_WINDOW).min(end);
                    let (a, b) = (
                        src.original_byte_of_char(base + from),
                        src.original_byte_of_char(to.max(base + from)),
                    );
                    overview::Finding {
                        diagnostic: j,
                        line_text: src.original().get(a..b).unwrap_or("").to_string(),
                        line_text_from: from,
                    }
                })
                .collect();
            entries.push(overview::Entry {
                path: src.name.clone(),
                outline: Some(o),
                late: overview::published_late(set, &diags),
                findings,
                error: None,
            });
        },
    );
    trouble |= file_trouble;
    if let Err(e) = done {
        eprint_line(&format!("error: {e}"));
        return Ok(EXIT_TROUBLE);
    }
    let format = args.format.unwrap_or(
        match args
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
        {
            Some(e) if e.eq_ignore_ascii_case("csv") => OverviewFormat::Csv,
            _ => OverviewFormat::Html,
        },
    );
    let batch = overview::Batch {
        generated: now_local(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        pack_version,
    };
    let text = match format {
        OverviewFormat::Html => overview::html(&entries, &batch),
        OverviewFormat::Csv => overview::csv(&entries),
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = write_atomically(path, text.as_bytes()) {
                eprint_line(&format!("error: {}: 无法写入：{e}", path.display()));
                return Ok(EXIT_TROUBLE);
            }
            eprint_line(&format!(
                "已写出 {} 份报告的总览：{}",
                entries.len(),
                path.display()
            ));
        }
        None => stdout.print(&text),
    }
    trouble |= resolver.trouble;
    Ok(if trouble { EXIT_TROUBLE } else { 0 })
}

/// The time the overview was made, for its head: `SOURCE_DATE_EPOCH` when set (so
/// that a build or a test can fix it), else now, as UTC+8 (Beijing time).
fn now_local() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        })
        + 8 * 3600;
    let (days, rem) = (secs.div_euclid(86400), secs.rem_euclid(86400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z.rem_euclid(146097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}（北京时间）",
        rem / 3600,
        rem % 3600 / 60
    )
}

/// What decides how files are linted, for `check` and `report` alike.
struct LintPlan<'a> {
    select: &'a [String],
    ignore: &'a [String],
    preview: bool,
    year: Option<i32>,
    stdin_filename: Option<&'a str>,
    min: Severity,
    threads: usize,
    parallel: bool,
    /// Files larger than this are refused.
    max_bytes: u64,
    prerender: Option<Prerender<'a>>,
    /// The analysis (parse, parts) is handed on with the findings.
    analysis: bool,
}

/// A file read and linted, or why it could not be read.
type Linted = Result<Outcome, input::InputError>;

/// What a lint thread hands on for one file. (One per file, moved twice: its size does
/// not matter.)
#[allow(clippy::large_enum_variant)]
enum Outcome {
    /// The file and its findings (and its analysis, when the plan wants it), for the
    /// writing thread to work on.
    Whole(
        Source,
        Vec<fzlint::diagnostic::Diagnostic>,
        Option<Analysis>,
    ),
    /// The file's output, rendered on the lint thread, and the rule and severity of
    /// each finding, for the counts. The file and the rest of the findings are freed
    /// on the thread that made them: freed on the writing thread, they cost it more
    /// than the writing did, and held up the lint threads' allocator.
    Rendered(Vec<String>, Vec<(String, Severity)>),
}

/// Output rendered on the worker threads, in pieces (one per JSON element), when a
/// file's output depends on nothing but the file.
type Prerender<'a> =
    &'a (dyn Fn(&Job, &Source, &[fzlint::diagnostic::Diagnostic]) -> Vec<String> + Sync);

/// Lints the files and hands each result to `each`, in the order of `files`. Files are
/// taken in chunks: settings are resolved in order, the chunk is read and linted in
/// parallel, and the results are handed on in order, while the next chunk is linted.
/// Memory stays bounded by two chunks, and what `each` sees is the same whatever the
/// number of threads. A file whose config
/// is broken is reported here and skipped. Fails (before any file is handed on) when
/// --select or --ignore names an unknown rule.
fn lint_files(
    files: &[(PathBuf, bool)],
    resolver: &mut settings::Resolver,
    plan: &LintPlan,
    trouble: &mut bool,
    mut each: impl FnMut(&Path, Option<&Job>, Linted),
) -> Result<(), String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(plan.threads)
        .build()
        .map_err(|e| e.to_string())?;
    let chunk_len = if plan.parallel { 64 } else { 1 };
    let mut select_checked = false;
    let mut selections = Vec::new();
    let run = |job: &Job| -> Linted {
        let mut src = input::read_as(&job.path, plan.max_bytes, plan.stdin_filename)?;
        if job.path.as_os_str() == "-"
            && let Some(name) = plan.stdin_filename
        {
            src.name = name.to_string();
        }
        let (mut diags, analysis) =
            lint_analysed(&src, &job.prepared.set, &job.rules(), &job.settings);
        // Dropped here, on the thread that made it, unless it is wanted.
        let analysis = plan.analysis.then_some(analysis);
        diags.retain(|d| d.severity >= plan.min);
        Ok(match plan.prerender {
            Some(render) => Outcome::Rendered(
                render(job, &src, &diags),
                diags.into_iter().map(|d| (d.rule, d.severity)).collect(),
            ),
            None => Outcome::Whole(src, diags, analysis),
        })
    };
    // A chunk's results handed on in order: a job's result, or a file whose config is
    // broken.
    let mut hand_on =
        |order: Vec<Result<usize, (&Path, String)>>, jobs: &[Job], results: Vec<Linted>| {
            let mut results = results.into_iter();
            for item in order {
                match item {
                    Ok(i) => {
                        let Some(result) = results.next() else { break };
                        each(&jobs[i].path, Some(&jobs[i]), result);
                    }
                    Err((path, why)) => each(path, None, Err(input::InputError::Damaged(why))),
                }
            }
        };
    let mut next = |chunk| {
        prepare(
            chunk,
            resolver,
            plan,
            trouble,
            &mut select_checked,
            &mut selections,
        )
    };
    if !plan.parallel {
        for chunk in files.chunks(chunk_len) {
            let (jobs, order) = next(chunk)?;
            let results = jobs.iter().map(run).collect();
            hand_on(order, &jobs, results);
        }
        return Ok(());
    }
    // Two chunks in flight: while the pool lints one, this thread resolves the settings
    // of the next and hands on the results of the one before, in order.
    pool.in_place_scope(|scope| {
        type InFlight<'f> = (
            Vec<Result<usize, (&'f Path, String)>>,
            std::sync::mpsc::Receiver<(Vec<Job>, Vec<Linted>)>,
        );
        let mut previous: Option<InFlight> = None;
        for chunk in files.chunks(chunk_len) {
            let (jobs, order) = next(chunk)?;
            let (tx, rx) = std::sync::mpsc::channel();
            let run = &run;
            scope.spawn(move |_| {
                use rayon::prelude::*;
                let results: Vec<Linted> = jobs.par_iter().map(run).collect();
                let _ = tx.send((jobs, results));
            });
            if let Some((order, rx)) = previous.replace((order, rx))
                && let Ok((jobs, results)) = rx.recv()
            {
                hand_on(order, &jobs, results);
            }
        }
        if let Some((order, rx)) = previous
            && let Ok((jobs, results)) = rx.recv()
        {
            hand_on(order, &jobs, results);
        }
        Ok(())
    })
}

/// The jobs of a chunk, their settings resolved in order, and the chunk's order: a
/// job's index, or a file whose config is broken. Fails when --select or --ignore names
/// an unknown rule.
#[allow(clippy::type_complexity)]
fn prepare<'f>(
    chunk: &'f [(PathBuf, bool)],
    resolver: &mut settings::Resolver,
    plan: &LintPlan,
    trouble: &mut bool,
    select_checked: &mut bool,
    selections: &mut Vec<(std::sync::Arc<settings::Prepared>, std::sync::Arc<[usize]>)>,
) -> Result<(Vec<Job>, Vec<Result<usize, (&'f Path, String)>>), String> {
    let mut jobs: Vec<Job> = Vec::with_capacity(chunk.len());
    let mut order = Vec::with_capacity(chunk.len());
    for (path, _) in chunk {
        let prepared = match resolver.governed(path) {
            settings::Governed::Ready(p) => p,
            settings::Governed::Broken(config) => {
                *trouble = true;
                order.push(Err((path.as_path(), format!("未检查：{config} 有误"))));
                continue;
            }
        };
        // Names given to --select/--ignore are checked against the first rule set;
        // other folders' sets may lack an office's own rules, which then simply do
        // not run there.
        // The same settings select the same rules: worked out once per rule set.
        let known = selections
            .iter()
            .find(|(p, _)| std::sync::Arc::ptr_eq(p, &prepared));
        let selected = match known {
            Some((_, s)) => s.clone(),
            None => {
                let strict = !std::mem::replace(select_checked, true);
                let set = &prepared.set;
                let s: std::sync::Arc<[usize]> = select(
                    set,
                    plan.select,
                    plan.ignore,
                    strict,
                    plan.preview || prepared.preview,
                    &prepared.named,
                )?
                .into_iter()
                .filter(|r| !prepared.off.contains(&r.spec.id))
                .filter_map(|r| set.rules.iter().position(|x| std::ptr::eq(x, r)))
                .collect();
                selections.push((prepared.clone(), s.clone()));
                s
            }
        };
        let settings = Settings {
            reported_year: plan.year.or(prepared.year),
        };
        order.push(Ok(jobs.len()));
        jobs.push(Job {
            path: path.clone(),
            prepared: prepared.clone(),
            selected,
            settings,
        });
    }
    Ok((jobs, order))
}

/// One file to lint, with what governs it.
struct Job {
    path: PathBuf,
    prepared: std::sync::Arc<settings::Prepared>,
    /// The rules that run on it: their places in the rule set, in its order.
    selected: std::sync::Arc<[usize]>,
    settings: Settings,
}

impl Job {
    fn rules(&self) -> Vec<&Rule> {
        let mut rules = Vec::with_capacity(self.selected.len());
        rules.extend(
            self.selected
                .iter()
                .filter_map(|&i| self.prepared.set.rules.get(i)),
        );
        rules
    }
}

/// Writes a file through a temporary file beside it, moved into place.
fn write_atomically(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.fzlint-tmp", std::process::id()));
    let result = std::fs::write(&tmp, content).and_then(|_| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

enum FixOutcome {
    Diff(String),
    Fixed(String, usize),
}

/// Applies (or, for --diff, shows) the safe fixes of one file. Only UTF-8 .txt and .md
/// files are changed, written to a temporary file beside them and moved into place.
fn fix_file(
    path: &Path,
    src: &Source,
    diags: &[fzlint::diagnostic::Diagnostic],
    diff: bool,
) -> Result<FixOutcome, String> {
    if path.as_os_str() == "-" {
        return Err("--fix 和 --diff 不能用于标准输入".into());
    }
    if !is_text_report(path) || src.format != fzlint::text::Format::Text {
        return Err("只能修复 .txt 和 .md 文件".into());
    }
    let (fixed, n) = fzlint::fix::apply(src, diags);
    if diff {
        return Ok(FixOutcome::Diff(fzlint::fix::diff(
            &path.display().to_string(),
            src.original(),
            &fixed,
        )));
    }
    if n == 0 {
        return Ok(FixOutcome::Fixed(fixed, 0));
    }
    // Write to the file itself, not over a link to it.
    let path = &std::fs::canonicalize(path).map_err(|e| format!("无法读取：{e}"))?;
    let bytes = std::fs::read(path).map_err(|e| format!("无法读取：{e}"))?;
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let Ok(now) = std::str::from_utf8(&bytes[if bom { 3 } else { 0 }..]) else {
        return Err("只能修复 UTF-8 编码的文件（--diff 可以显示要改的地方）".into());
    };
    // The fixes were found in the text as it was read; if the file has changed since,
    // they may no longer fit it.
    let changed = || "文件在检查后被修改过，未写入".to_string();
    if now != src.original() {
        return Err(changed());
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.fzlint-tmp", std::process::id()));
    let mut content = Vec::with_capacity(fixed.len() + 3);
    if bom {
        content.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
    }
    content.extend_from_slice(fixed.as_bytes());
    let write = || -> std::io::Result<bool> {
        std::fs::write(&tmp, &content)?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        // Last look before the file is replaced.
        if std::fs::read(path)? != bytes {
            return Ok(false);
        }
        std::fs::rename(&tmp, path).map(|_| true)
    };
    match write() {
        Ok(true) => {}
        Ok(false) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(changed());
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(format!("无法写入：{e}"));
        }
    }
    Ok(FixOutcome::Fixed(fixed, n))
}

/// `fzlint config`: the settings that apply to one report.
fn describe(p: &settings::Prepared, file: &Path, json: bool) -> Result<String> {
    let config = p.config.as_ref().map(|c| c.path.display().to_string());
    let matched = p
        .config
        .as_ref()
        .map(|c| {
            c.effective(&std::path::absolute(file).unwrap_or_default())
                .matched
        })
        .unwrap_or_default();
    // The configs whose settings apply, in order (the bases first).
    let chain: Vec<String> = p
        .config
        .as_ref()
        .map(|c| {
            c.chain()
                .iter()
                .map(|c| c.path.display().to_string())
                .collect()
        })
        .unwrap_or_default();
    let rules: Vec<serde_json::Value> = p
        .set
        .sorted()
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.spec.id,
                "category": r.spec.category,
                "severity": r.spec.severity.name(),
                "enabled": !p.off.contains(&r.spec.id),
                "changed_by": r.overridden_by,
                "disabled_by": p.off_by.get(&r.spec.id),
                "builtin": r.builtin,
            })
        })
        .collect();
    if json {
        let v = serde_json::json!({
            "path": file.display().to_string(),
            "config": config,
            "extends": chain,
            "year": p.year,
            "per_path": matched,
            "rules": rules,
        });
        return Ok(format!("{}\n", serde_json::to_string_pretty(&v)?));
    }
    let mut o = String::new();
    o.push_str(&format!("报告：{}\n", file.display()));
    o.push_str(&format!(
        "配置文件：{}\n",
        config.unwrap_or_else(|| "无（使用内置默认设置）".into())
    ));
    o.push_str(&format!(
        "报告年度：{}\n",
        p.year
            .map(|y| format!("{y}（配置）"))
            .unwrap_or_else(|| "按标题或开头一段".into())
    ));
    if chain.len() > 1 {
        o.push_str(&format!(
            "继承（先后生效）：{}\n",
            chain[..chain.len() - 1].join(" → ")
        ));
    }
    if !matched.is_empty() {
        let items: Vec<String> = matched.iter().map(|i| format!("第{}项", i + 1)).collect();
        o.push_str(&format!("适用的 per_path：{}\n", items.join("、")));
    }
    o.push_str("规则：\n");
    for r in p.set.sorted() {
        let state = if p.off.contains(&r.spec.id) {
            "关闭".to_string()
                + &p.off_by
                    .get(&r.spec.id)
                    .map(|c| format!("  （由 {c} 关闭）"))
                    .unwrap_or_default()
        } else {
            r.spec.severity.name().to_string()
        };
        let changed = r
            .overridden_by
            .as_ref()
            .filter(|_| !p.off.contains(&r.spec.id))
            .map(|c| format!("  （由 {c} 调整）"))
            .unwrap_or_default();
        o.push_str(&format!("  {:<24} {:<8}{changed}\n", r.spec.id, state));
    }
    Ok(o)
}
