//! `fzlint check`: lint reports and print the findings in the format asked for.

use super::args::{CheckArgs, ColorChoice, Format, Level};
use super::mode;
use super::out::{FileOut, Out, Status, eprint_line, temporary_beside, write_atomically};
use super::pipeline::{Job, LintPlan, Outcome, lint_files};
use super::walk::{files_to_lint, is_text_report};
use anyhow::Result;
use fzlint::diagnostic::{Diagnostic, Severity};
use fzlint::render::{self, FileReport, human, json};
use fzlint::resolve::{Choices, Resolver};
use fzlint::rules::Rule;
use fzlint::text::source::Source;
use std::io::IsTerminal;
use std::path::Path;

pub fn run(args: CheckArgs, stdout: &mut Out) -> Result<Status> {
    let mut status = Status::default();
    let mut resolver = Resolver::new(
        &args.rules.rules,
        mode(&args.run.config, args.run.isolated),
        Choices {
            select: args.select.clone(),
            ignore: args.ignore.clone(),
            preview: args.run.preview,
            year: args.run.year,
        },
    );
    if args.statistics && !matches!(args.format, Format::Human | Format::Json) {
        eprint_line("error: --statistics 只能与 human 或 json 格式一起使用");
        return Ok(Status::not_done());
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
                return Ok(Status::not_done());
            }
        },
        None => None,
    };
    let mut recorded: Vec<fzlint::baseline::Entry> = Vec::new();
    let Some(files) = files_to_lint(&args.paths, &mut resolver, &mut status) else {
        return Ok(status);
    };
    let mut file_out = match &args.output {
        Some(path) => match FileOut::create(path) {
            Ok(f) => Some(f),
            Err(e) => {
                eprint_line(&format!("error: {}: 无法写入：{e}", path.display()));
                status.other += 1;
                return Ok(status);
            }
        },
        None => None,
    };
    let out: &mut Out = match &mut file_out {
        Some(f) => &mut f.out,
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
    let prerender = move |job: &Job, src: &Source, diags: &[Diagnostic]| {
        let f = FileReport {
            src,
            diagnostics: diags,
        };
        match format {
            Format::Human => vec![human::render(&f, color)],
            Format::Concise => vec![render::concise(&f)],
            Format::Github => vec![render::github::render(&f)],
            _ => json::file_body(&f, &job.governed.set().vocab.version)
                .into_iter()
                .collect(),
        }
    };
    let plan = LintPlan {
        stdin_filename: args.stdin_filename.as_deref(),
        min,
        threads: args.run.threads,
        // Fixes are written one file after another.
        parallel: !(args.fix || args.diff),
        max_bytes: args.run.max_file_size * 1024 * 1024,
        prerender: prerender_ok.then_some(&prerender),
        analysis: false,
    };
    let done = lint_files(
        &files,
        &mut resolver,
        &plan,
        &mut status,
        |status, path, linted| {
            let (job, outcome) = match linted {
                Ok(linted) => linted,
                Err(e) => {
                    eprint_line(&format!("error: {}: {e}", path.display()));
                    status.inputs += 1;
                    return;
                }
            };
            let set = job.governed.set();
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
            let (mut src, mut diags) = match outcome {
                Outcome::Whole(src, diags, _) => (src, diags),
                Outcome::Rendered(pieces, found) => {
                    tally(&mut found.iter().map(|(r, s)| (r.as_str(), *s)));
                    for p in pieces {
                        if args.format == Format::Json {
                            out.print(json_out.lead());
                        }
                        out.print(&p);
                    }
                    return;
                }
            };
            if args.fix || args.diff {
                match fix_file(path, &src, &diags, args.diff) {
                    Err(e) => {
                        eprint_line(&format!("error: {}: {e}", path.display()));
                        status.other += 1;
                    }
                    Ok(FixOutcome::Diff(d)) => {
                        would_change |= !d.is_empty();
                        out.print(&d);
                    }
                    Ok(FixOutcome::Fixed(text, n)) if n > 0 => {
                        eprint_line(&format!("已修复 {}：{n} 处", path.display()));
                        src = Source::new(src.name.clone(), &text);
                        diags = job.governed.lint(&src).0;
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
                let ran: Vec<&str> = job
                    .governed
                    .rules()
                    .into_iter()
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
    if let Err(e) = done {
        eprint_line(&format!("error: {e}"));
        if let Some(f) = file_out {
            f.discard();
        }
        status.other += 1;
        return Ok(status);
    }
    let mut unused_baseline = false;
    if let Some(path) = &args.write_baseline {
        let n = recorded.len();
        match write_atomically(path, fzlint::baseline::write(recorded).as_bytes()) {
            Ok(()) => eprint_line(&format!("已把 {n} 条问题写入基线 {}", path.display())),
            Err(e) => {
                eprint_line(&format!("error: {}: 无法写入：{e}", path.display()));
                status.other += 1;
                return Ok(status);
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
            Format::Human => out.print(&totals.summary()),
            Format::Sarif => {
                let doc = render::sarif::document(sarif_rules, sarif_results, &pack_version);
                out.print(&format!("{}\n", serde_json::to_string_pretty(&doc)?));
            }
            Format::Junit => out.print(&render::junit::document(&junit_cases, &pack_version)),
            Format::Concise | Format::Github => {}
        }
    }
    if let Some(f) = file_out {
        let path = args.output.as_deref().unwrap_or(Path::new(""));
        if let Err(e) = f.commit() {
            eprint_line(&format!("error: {}: 无法写入：{e}", path.display()));
            status.other += 1;
            return Ok(status);
        }
    }
    let failed = unused_baseline
        || worst.is_some_and(|w| {
            w == Severity::Error || (args.deny_warnings && w == Severity::Warning)
        });
    // Like a formatter's check mode, --diff fails when something would change.
    let failed = if args.diff { would_change } else { failed };
    if failed && !args.exit_zero {
        status.failures += 1;
    }
    Ok(status)
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
    let tmp = temporary_beside(path);
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
