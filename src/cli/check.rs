//! `fzlint check`: lint reports and print the findings in the format asked for.

use super::args::{CheckArgs, ColorChoice, Format, Level};
use super::out::{FileOut, Out, Status, eprint_line, write_atomically};
use super::pipeline::{LintPlan, Outcome, lint_files};
use super::walk::{files_to_lint, is_text_report};
use fzlint::diagnostic::{Diagnostic, Severity};
use fzlint::render::gitlab::GitlabEmitter;
use fzlint::render::human::HumanEmitter;
use fzlint::render::json::JsonEmitter;
use fzlint::render::junit::JunitEmitter;
use fzlint::render::sarif::SarifEmitter;
use fzlint::render::statistics::StatisticsEmitter;
use fzlint::render::{Emitter, FileReport, Tally};
use fzlint::render::{concise, github};
use fzlint::text::source::Source;
use std::io::{IsTerminal, Write};
use std::path::Path;

pub fn run(args: CheckArgs, stdout: &mut Out) -> Status {
    let mut status = Status::default();
    let mut resolver = args.run.resolver(&args.rules, &args.select, &args.ignore);
    if args.statistics && !matches!(args.format, Format::Human | Format::Json) {
        return status.stop("--statistics 只能与 human 或 json 格式一起使用");
    }
    let min = match args.min_severity {
        Some(Level::Error) => Severity::Error,
        Some(Level::Warning) => Severity::Warning,
        _ => Severity::Info,
    };
    let mut baseline = match &args.baseline {
        Some(path) => match fzlint::baseline::Baseline::load(path) {
            Ok(b) => Some(b),
            Err(e) => return status.stop(format_args!("{}: {e}", path.display())),
        },
        None => None,
    };
    let mut recorded: Vec<fzlint::baseline::Entry> = Vec::new();
    let Some(files) = files_to_lint(&args.paths, &mut resolver, &mut status) else {
        return status;
    };
    let mut file_out = match &args.output {
        Some(path) => match FileOut::create(path) {
            Ok(f) => Some(f),
            Err(e) => return status.stop(format_args!("{}: 无法写入：{e}", path.display())),
        },
        None => None,
    };
    let out = file_out.as_mut().map_or(stdout, |f| &mut f.out);
    let mut emitter = emitter(&args);
    let mut tally = Tally::default();
    let mut would_change = false;
    let fixing = args.fix || args.diff;
    // Fixes and baselines work on every finding; they are folded here after.
    let whole = fixing || args.baseline.is_some() || args.write_baseline.is_some();
    // When a file's output depends on that file alone, it is rendered on the lint
    // threads; fixes, baselines and statistics are worked out in order first.
    let renderer = emitter.renderer().filter(|_| !(whole || args.statistics));
    let plan = LintPlan {
        stdin_filename: args.stdin_filename.as_deref(),
        min,
        threads: args.run.threads,
        // Fixes are written one file after another.
        parallel: !fixing,
        max_bytes: args.run.max_file_size * 1024 * 1024,
        encoding: args.run.encoding,
        prerender: renderer.as_ref(),
        analysis: false,
        whole,
    };
    let done = lint_files(
        &files,
        &mut resolver,
        &plan,
        &mut status,
        |status, path, linted| {
            let (_, outcome) = match linted {
                Ok(linted) => linted,
                Err(e) => return status.input_error(format_args!("{}: {e}", path.display())),
            };
            let (mut src, mut diags, governed) = match outcome {
                Outcome::Whole(src, diags, _, governed) => (src, diags, governed),
                Outcome::NotReport => {
                    tally.totals.skipped += 1;
                    if args.run.verbose {
                        eprint_line(&format!("跳过 {}：不像是报告", path.display()));
                    }
                    return;
                }
                Outcome::Rendered(text, found, governed) => {
                    let set = governed.set();
                    tally.file(found.iter().map(|(r, s)| (r.as_str(), *s)), set);
                    if let Some(text) = text {
                        out.write(|w| emitter.rendered(w, &text));
                    }
                    return;
                }
            };
            // The pack the report was read with (its title's, when none was named).
            let set = governed.set();
            if fixing {
                match fix_file(path, &src, &diags, args.diff) {
                    Err(e) => status.error(format_args!("{}: {e}", path.display())),
                    Ok(FixOutcome::Diff(d)) => {
                        would_change |= !d.is_empty();
                        out.print(&d);
                    }
                    Ok(FixOutcome::Fixed(text, n)) if n > 0 => {
                        eprint_line(&format!("已修复 {}：{n} 处", path.display()));
                        src = Source::new(src.name.clone(), &text);
                        diags = governed.lint_whole(&src).0;
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
                let rules = governed.rules();
                let ran: Vec<&str> = rules
                    .iter()
                    .filter(|r| r.spec.severity >= min)
                    .map(|r| r.spec.id.as_str())
                    .collect();
                b.filter(&src, &mut diags, &ran);
            }
            if args.write_baseline.is_some() {
                recorded.extend(fzlint::baseline::entries(&src, &diags));
                return;
            }
            if whole {
                governed.fold(&src, &mut diags);
            }
            tally.file(diags.iter().map(|d| (d.rule.as_str(), d.severity)), set);
            let f = FileReport::new(&src, &diags);
            out.write(|w| emitter.file(w, &f, set));
        },
    );
    if let Err(e) = done {
        // The output is given up: its temporary file goes with `file_out`.
        return status.stop(e);
    }
    let mut unused_baseline = false;
    if let Some(path) = &args.write_baseline {
        let n = recorded.len();
        // The reasons written into the baseline this one replaces are kept.
        let previous = fzlint::baseline::Baseline::load(path).ok();
        let text = fzlint::baseline::write(recorded, previous.as_ref());
        match write_atomically(path, text.as_bytes()) {
            Ok(()) => eprint_line(&format!("已把 {n} 条问题写入基线 {}", path.display())),
            Err(e) => return status.stop(format_args!("{}: 无法写入：{e}", path.display())),
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
    tally.totals.unreadable = status.inputs;
    out.write(|w| emitter.finish(w, &tally));
    if let Some(f) = file_out {
        let path = args.output.as_deref().unwrap_or(Path::new(""));
        if let Err(e) = f.commit() {
            return status.stop(format_args!("{}: 无法写入：{e}", path.display()));
        }
    }
    let failed = if args.diff {
        // Like a formatter's check mode: something would change.
        would_change
    } else {
        unused_baseline
            || tally.worst.is_some_and(|w| {
                w == Severity::Error || (args.deny_warnings && w == Severity::Warning)
            })
    };
    if failed && !args.exit_zero {
        status.failures += 1;
    }
    status
}

/// The one place that looks at the output format: the emitter that writes it.
fn emitter(args: &CheckArgs) -> Box<dyn Emitter> {
    if args.diff || args.write_baseline.is_some() {
        // The output is the diff alone; --write-baseline writes only the file.
        return Box::new(Silent);
    }
    if args.statistics {
        return Box::new(StatisticsEmitter {
            json: args.format == Format::Json,
        });
    }
    match args.format {
        Format::Human => Box::new(HumanEmitter { color: color(args) }),
        Format::Concise => Box::new(concise::EMITTER),
        Format::Json => Box::<JsonEmitter>::default(),
        Format::Github => Box::new(github::EMITTER),
        Format::Sarif => Box::<SarifEmitter>::default(),
        Format::Junit => Box::<JunitEmitter>::default(),
        Format::Gitlab => Box::<GitlabEmitter>::default(),
    }
}

/// Whether the human output is coloured: never into a file (-o).
fn color(args: &CheckArgs) -> bool {
    !args.no_color
        && args.output.is_none()
        && match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        }
}

/// Writes nothing.
struct Silent;

impl Emitter for Silent {}

enum FixOutcome {
    Diff(String),
    Fixed(String, usize),
}

/// Applies (or, for --diff, shows) the safe fixes of one file. Only .txt and .md files
/// are changed, in their own encoding (UTF-8, or GBK, GB18030 or Big5 as Notepad on a
/// Chinese Windows writes them) and line ends, written to a temporary file beside them
/// and moved into place.
fn fix_file(
    path: &Path,
    src: &Source,
    diags: &[Diagnostic],
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
    let bytes = std::fs::read(path).map_err(|e| format!("无法读取：{e}"))?;
    let text = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&bytes);
    // UTF-8 (its BOM kept), else a Chinese legacy encoding: read again in it, written
    // back in it.
    let (enc, kept) = if std::str::from_utf8(text).is_ok() {
        (encoding_rs::UTF_8, bytes.len() - text.len())
    } else {
        use encoding_rs::{BIG5, GB18030, GBK};
        let enc = encoding_rs::Encoding::for_label(src.encoding.as_bytes())
            .filter(|e| [GBK, GB18030, BIG5].contains(e))
            .ok_or_else(|| {
                format!(
                    "只能修复 UTF-8、GBK、GB18030 或 Big5 编码的文件，这个文件是 {}（--diff 可以显示要改的地方）",
                    src.encoding
                )
            })?;
        (enc, 0)
    };
    // The fixes were found in the text as it was read; if the file has changed since,
    // they may no longer fit it.
    let now = enc.decode_without_bom_handling_and_without_replacement(&bytes[kept..]);
    if now.as_deref() != Some(src.original()) {
        return Err("文件在检查后被修改过，未写入".to_string());
    }
    let (out, _, unmappable) = enc.encode(&fixed);
    if unmappable {
        return Err(format!(
            "修复后的文字无法用 {} 编码写回，未写入",
            enc.name()
        ));
    }
    let content = [&bytes[..kept], &out[..]].concat();
    let write = || -> std::io::Result<()> {
        let mut f = super::write::SafeFile::create(path)?;
        f.file().write_all(&content)?;
        // Last look before the file is replaced: still what was read.
        f.commit(|| std::fs::read(path).is_ok_and(|now| now == bytes))
    };
    write().map_err(|e| format!("无法写入：{e}"))?;
    Ok(FixOutcome::Fixed(fixed, n))
}
