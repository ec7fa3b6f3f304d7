//! `fzlint report`: every report linted, then one overview of the batch (HTML or CSV).

use super::args::{OverviewFormat, ReportArgs};
use super::out::{Out, Status, eprint_line, write_atomically};
use super::pipeline::{LintPlan, Outcome, lint_files};
use super::walk::files_to_lint;
use anyhow::Result;
use fzlint::analyse::Analysis;
use fzlint::diagnostic::{Diagnostic, Severity};
use fzlint::pack::Part;
use fzlint::pack::vocab::Vocab;
use fzlint::render::overview;
use fzlint::render::overview::copies;
use fzlint::render::overview::notice;
use fzlint::render::overview::roster::{self, Roster, RosterError};
use fzlint::render::{FileReport, json, outline};
use fzlint::resolve::{Configured, Resolver};
use fzlint::rules::RuleSet;
use fzlint::rules::spec::Check;
use fzlint::text::source::Source;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A report's part in the copy finding, kept while the batch is linted: the settings
/// and the copied-text rule (by its place in their set) it runs, where its findings
/// point (the title; a part's heading), as the overview shows them, to be worded when
/// the batch is compared, and its parts' fingerprints for last year's reports.
struct CopyJudge {
    configured: Arc<Configured>,
    rule: usize,
    title: Place,
    parts: Vec<(Part, copies::Fingerprint, Place)>,
}

/// Where a finding points, and the same place as the overview shows a finding.
struct Place {
    anchor: std::ops::Range<usize>,
    shown: overview::Finding,
}

/// One of last year's reports, as the copy finding compares it.
struct LastYear {
    path: String,
    whole: copies::Fingerprint,
    parts: Vec<(Part, copies::Fingerprint)>,
}

/// The title of a report as its unit's names are read from it.
fn title_of<'s>(src: &'s Source, a: &Analysis) -> Option<&'s str> {
    a.report.title.map(|t| src.slice(&a.report.blocks[t].span))
}

/// Each compared part's fingerprint, with its first place, for a report that has it.
type PartPrint = (Part, copies::Fingerprint, std::ops::Range<usize>);
/// The parts are those the pack's overview compares with last year's report, each
/// with the parts its text takes in (问题年年一样, 计划照抄).
fn part_prints(src: &Source, a: &Analysis, aside: &[String], vocab: &Vocab) -> Vec<PartPrint> {
    vocab
        .overview
        .compare
        .iter()
        .filter_map(|takes| {
            let part = takes.first()?;
            let at = a.parts.first(*part)?.span.clone();
            let text = fzlint::analyse::part_pieces(src, &a.report, &a.parts, takes).join("\n");
            Some((*part, copies::part_fingerprint(&text, aside), at))
        })
        .collect()
}

/// Characters of a long line kept before a finding shown in the overview.
const OVERVIEW_WINDOW: usize = 200;

pub fn run(args: ReportArgs, stdout: &mut Out) -> Result<Status> {
    let mut status = Status::default();
    let mut resolver = args.run.resolver(&args.rules, &[], &[]);
    let Some(files) = files_to_lint(&args.paths, &mut resolver, &mut status) else {
        return Ok(status);
    };
    // The roster named on the command line, else by the config of the first path.
    let roster_path = args.roster.clone().or_else(|| {
        let first = args.paths.first()?;
        resolver.config_of(first)?.roster()
    });
    let roster = roster_path.map(|p| read_roster(&p));
    if let Some(Err(e)) = &roster {
        status.input_error(e);
    }
    // Last year's folder named on the command line, else by the config of the first path.
    let previous = args.previous.clone().or_else(|| {
        let first = args.paths.first()?;
        resolver.config_of(first)?.previous()
    });
    let plan = LintPlan {
        stdin_filename: None,
        min: Severity::Info,
        threads: args.run.threads,
        parallel: true,
        max_bytes: args.run.max_file_size * 1024 * 1024,
        encoding: args.run.encoding,
        prerender: None,
        analysis: true,
        whole: false,
    };
    let mut entries: Vec<overview::Entry> = Vec::new();
    let mut pack_version = String::new();
    // The overview columns of the pack the batch is read with (its first report's
    // settings'), before any title chooses another.
    let mut own_pack = None;
    let mut rule_names: std::collections::BTreeMap<String, String> = Default::default();
    let mut seen_sets: Vec<*const RuleSet> = Vec::new();
    let mut judges: Vec<Option<CopyJudge>> = Vec::new();
    // What each report's text is compared without (its unit's names …).
    let mut asides: Vec<Vec<String>> = Vec::new();
    let done = lint_files(
        &files,
        &mut resolver,
        &plan,
        &mut status,
        |status, path, linted| {
            // What governed the report: the pack its title names, when none was named.
            let (job, src, diags, a, governed) = match linted {
                Ok((job, Outcome::Whole(src, diags, Some(a), g))) => (job, src, diags, a, g),
                Ok((_, Outcome::NotReport)) => {
                    if args.run.verbose {
                        eprint_line(&format!("跳过 {}：不像是报告", path.display()));
                    }
                    return;
                }
                linted => {
                    let e = linted.err().map(|e| e.to_string()).unwrap_or_default();
                    status.input_error(format_args!("{}: {e}", path.display()));
                    entries.push(overview::Entry {
                        path: path.display().to_string(),
                        outline: None,
                        findings: Vec::new(),
                        late: false,
                        error: Some(e),
                        verdict_rules: Default::default(),
                        closing: String::new(),
                        notice: None,
                        fingerprint: None,
                        // The pack's columns, once the batch is read.
                        view: Default::default(),
                    });
                    judges.push(None);
                    asides.push(Vec::new());
                    return;
                }
            };
            let set = governed.set();
            // Each rule set once (an office's config may add rules of its own).
            if !seen_sets.contains(&std::ptr::from_ref(set)) {
                seen_sets.push(std::ptr::from_ref(set));
                for r in &set.rules {
                    rule_names
                        .entry(r.spec.id.clone())
                        .or_insert_with(|| r.spec.summary.clone());
                }
            }
            let version = &governed.set().vocab.version;
            // The head names the version of the pack the batch is read with.
            pack_version.clone_from(&job.governed.set().vocab.version);
            own_pack.get_or_insert_with(|| job.governed.set().vocab.overview.clone());
            let mut o = outline::outline(&src, &a, &governed.set().vocab);
            o.rule_pack.clone_from(version);
            // The copied-text rule its settings run, if any.
            let copy_rule = governed.rules().into_iter().find(|r| {
                matches!(r.spec.check, Check::CopiedText { .. }) && r.spec.retired.is_none()
            });
            let aside = copies::set_aside(title_of(&src, &a), copy_rule);
            let print = copies::fingerprint(src.original(), &aside);
            judges.push(copy_rule.map(|r| {
                let place = |anchor: std::ops::Range<usize>| {
                    let d = r.diagnostic(fzlint::rules::context::Finding::at(anchor.clone()));
                    let shown = findings(&src, &[d], version, set).remove(0);
                    Place { anchor, shown }
                };
                CopyJudge {
                    configured: governed.configured.clone(),
                    rule: set
                        .rules
                        .iter()
                        .position(|x| std::ptr::eq(x, r))
                        .unwrap_or(0),
                    title: place(fzlint::rules::document_anchor(&src, &a, &set.vocab)),
                    parts: if previous.is_some() {
                        part_prints(&src, &a, &aside, &set.vocab)
                            .into_iter()
                            .map(|(p, f, at)| (p, f, place(at)))
                            .collect()
                    } else {
                        Vec::new()
                    },
                }
            }));
            asides.push(aside);
            entries.push(overview::Entry {
                path: src.name.clone(),
                outline: Some(o),
                late: overview::published_late(governed.set(), &diags),
                findings: findings(&src, &diags, version, governed.set()),
                error: None,
                verdict_rules: governed.configured.effective.verdict,
                closing: overview::roster::closing_lines(src.original()),
                notice: None,
                fingerprint: Some(print),
                view: set.vocab.overview.clone(),
            });
        },
    );
    if let Err(e) = done {
        return Ok(status.stop(e));
    }
    // A report that could not be read is shown with the columns of the pack its
    // settings name.
    for e in entries.iter_mut().filter(|e| e.outline.is_none()) {
        e.view = match resolver.governed(Path::new(&e.path)) {
            Ok(g) => g.set().vocab.overview.clone(),
            Err(_) => Vocab::builtin().overview.clone(),
        };
    }
    let last_year = match &previous {
        Some(dir) => match read_last_year(dir, &mut resolver, &plan, &mut status) {
            Ok(v) => v,
            Err(e) => return Ok(status.stop(e)),
        },
        None => Vec::new(),
    };
    let csv = |p: &PathBuf| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let format = match args.format {
        Some(format) => format,
        None if args.output.as_ref().is_some_and(csv) => OverviewFormat::Csv,
        None => OverviewFormat::Html,
    };
    // The batch's copy threshold: the command line's, else the copied-text rule's.
    let copy_threshold = args
        .copy_threshold
        .map(|p| f64::from(p) / 100.0)
        .or_else(|| {
            judges
                .iter()
                .flatten()
                .find_map(|j| copies::threshold(&j.configured.set.rules[j.rule]))
        })
        .unwrap_or(copies::DEFAULT_THRESHOLD);
    add_copy_findings(&mut entries, &judges, copy_threshold);
    add_repeat_findings(&mut entries, &judges, &last_year, copy_threshold);
    if let Some(dir) = &args.notices {
        let units = match &roster {
            Some(Ok(r)) => {
                let s = roster::submissions(r, &entries);
                let name = |m: &roster::Match| r.units[m.unit].name.clone();
                s.matches.iter().map(|m| m.as_ref().map(name)).collect()
            }
            _ => vec![None; entries.len()],
        };
        let base = args
            .output
            .as_ref()
            .and_then(|o| o.parent())
            .unwrap_or(Path::new(""));
        let date = notice::date_words(&now_local());
        // The office named on the command line, else by the config of the first path.
        let office = args.office.clone().or_else(|| {
            let first = args.paths.first()?;
            resolver.config_of(first)?.office()
        });
        write_notices(
            dir,
            &mut entries,
            &units,
            (office.as_deref(), &date),
            args.overwrite_notices,
            base,
            &mut status,
        );
    }
    let mut batch = overview::Batch {
        generated: now_local(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        pack_version,
        roster,
        copy_threshold,
        rule_names,
        pack: own_pack,
        ..Default::default()
    };
    batch.shared = shared_passages(&batch.copies(&entries), &entries, &asides, &plan);
    let text = match format {
        OverviewFormat::Html => overview::html(&entries, &batch),
        OverviewFormat::Csv => overview::csv_for(&entries, &batch),
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = write_atomically(path, text.as_bytes()) {
                return Ok(status.stop(format_args!("{}: 无法写入：{e}", path.display())));
            }
            eprint_line(&format!(
                "已写出 {} 份报告的总览：{}",
                entries.len(),
                path.display()
            ));
        }
        None => stdout.print(&text),
    }
    Ok(status)
}

/// A file's findings as the overview shows them: each with the line the columns count
/// from (a Word paragraph), as written; of a long line only a window around the
/// finding.
fn findings(
    src: &Source,
    diags: &[Diagnostic],
    version: &str,
    set: &RuleSet,
) -> Vec<overview::Finding> {
    let f = FileReport::new(src, diags);
    json::diagnostics(&f, version)
        .into_iter()
        .zip(diags)
        .map(|(j, d)| {
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
                missing_part: overview::missing_part(set, d),
            }
        })
        .collect()
}

/// Gives each report whose settings run a copied-text rule its copy findings: one for
/// each report of the batch it shares its text with at `threshold` or more, in the
/// rule's wording, at its title, among its other findings by place.
fn add_copy_findings(
    entries: &mut [overview::Entry],
    judges: &[Option<CopyJudge>],
    threshold: f64,
) {
    let batch = overview::Batch {
        copy_threshold: threshold,
        ..overview::Batch::default()
    };
    let pairs = batch.copies(entries);
    if pairs.is_empty() {
        return;
    }
    let names: Vec<String> = entries.iter().map(|e| e.path.clone()).collect();
    let judged: Vec<Option<copies::Judged>> = judges
        .iter()
        .map(|j| {
            j.as_ref().map(|j| copies::Judged {
                rule: &j.configured.set.rules[j.rule],
                anchor: j.title.anchor.clone(),
            })
        })
        .collect();
    let found = copies::findings(&pairs, &names, &judged);
    for ((e, j), ds) in entries.iter_mut().zip(judges).zip(found) {
        let Some(j) = j else { continue };
        for d in ds {
            insert_finding(e, &j.title, d);
        }
    }
}

/// Gives each report whose settings run a copied-text rule a finding when it repeats
/// one of last year's reports: its whole text, else its shortcomings or its plan, each
/// naming last year's file and the share.
fn add_repeat_findings(
    entries: &mut [overview::Entry],
    judges: &[Option<CopyJudge>],
    last_year: &[LastYear],
    threshold: f64,
) {
    if last_year.is_empty() {
        return;
    }
    let wholes: Vec<_> = entries.iter().map(|e| e.fingerprint.as_ref()).collect();
    let last: Vec<_> = last_year.iter().map(|l| Some(&l.whole)).collect();
    let whole = copies::repeats(&wholes, &last, threshold, copies::MIN_RUNS);
    let mut found: Vec<Vec<(Option<Part>, copies::Repeat)>> = vec![Vec::new(); entries.len()];
    for r in whole {
        found[r.report].push((None, r));
    }
    // The parts the reports' packs compare, in their order.
    let mut compared: Vec<Part> = Vec::new();
    for e in entries.iter() {
        for p in e.view.compare.iter().filter_map(|takes| takes.first()) {
            if !compared.contains(p) {
                compared.push(*p);
            }
        }
    }
    for part in compared {
        let mine: Vec<Option<&copies::Fingerprint>> = judges
            .iter()
            .map(|j| {
                let j = j.as_ref()?;
                j.parts.iter().find(|(p, ..)| *p == part).map(|(_, f, _)| f)
            })
            .collect();
        let theirs: Vec<Option<&copies::Fingerprint>> = last_year
            .iter()
            .map(|l| l.parts.iter().find(|(p, _)| *p == part).map(|(_, f)| f))
            .collect();
        for r in copies::repeats(&mine, &theirs, threshold, copies::MIN_PART_RUNS) {
            // One defect, one finding: a report repeating last year's whole text is
            // not told so again part by part.
            if !found[r.report].iter().any(|(p, _)| p.is_none()) {
                found[r.report].push((Some(part), r));
            }
        }
    }
    for ((e, j), repeats) in entries.iter_mut().zip(judges).zip(found) {
        let Some(j) = j else { continue };
        let rule = &j.configured.set.rules[j.rule];
        for (part, r) in repeats {
            let place = match part {
                None => &j.title,
                Some(part) => match j.parts.iter().find(|(p, ..)| *p == part) {
                    Some((_, _, place)) => place,
                    None => continue,
                },
            };
            let d = copies::repeat_finding(
                rule,
                place.anchor.clone(),
                &last_year[r.previous].path,
                part.map(|p| j.configured.set.vocab.label(p)),
                r.share,
            );
            insert_finding(e, place, d);
        }
    }
}

/// Adds a batch finding to an entry's findings, in its place by position: `d`, worded
/// by its rule, shown at `place`.
fn insert_finding(e: &mut overview::Entry, place: &Place, d: Diagnostic) {
    let p = &place.shown.diagnostic;
    let diagnostic = json::JsonDiagnostic {
        path: p.path.clone(),
        rule: d.rule.clone(),
        severity: d.severity.name(),
        message: d.message.clone(),
        help: d.help.clone(),
        line: p.line,
        column: p.column,
        end_line: p.end_line,
        end_column: p.end_column,
        labels: Vec::new(),
        fix: None,
        rule_pack: p.rule_pack.clone(),
        location: p.location.clone(),
        element: p.element.clone(),
        folded: 0,
    };
    let at = e
        .findings
        .iter()
        .position(|f| (f.diagnostic.line, f.diagnostic.column) > (p.line, p.column))
        .unwrap_or(e.findings.len());
    e.findings.insert(
        at,
        overview::Finding {
            diagnostic,
            line_text: place.shown.line_text.clone(),
            line_text_from: place.shown.line_text_from,
            missing_part: None,
        },
    );
}

/// The passages each copied pair shares, for the overview to show side by side: both
/// reports read again (a report that cannot be read now has none shown).
fn shared_passages(
    pairs: &[copies::Pair],
    entries: &[overview::Entry],
    asides: &[Vec<String>],
    plan: &LintPlan,
) -> std::collections::BTreeMap<(usize, usize), Vec<copies::Passage>> {
    let text = |i: usize| -> Option<String> {
        let path = Path::new(&entries[i].path);
        if !path.is_file() {
            return None;
        }
        let src = fzlint::input::read_as(path, plan.max_bytes, None, plan.encoding).ok()?;
        Some(src.original().to_string())
    };
    pairs
        .iter()
        .filter_map(|p| {
            let (a, b) = (text(p.a)?, text(p.b)?);
            let passages = copies::shared_passages(&a, &asides[p.a], &b, &asides[p.b]);
            Some(((p.a, p.b), passages))
        })
        .collect()
}

/// Reads last year's reports (`--previous`) as the copy finding compares them: each
/// one's text and parts, its unit's names set aside. A file that cannot be read is
/// named, as in the batch.
fn read_last_year(
    dir: &Path,
    resolver: &mut Resolver,
    plan: &LintPlan,
    status: &mut Status,
) -> Result<Vec<LastYear>> {
    if !dir.is_dir() {
        anyhow::bail!("{}: 上一年度报告文件夹不存在或不是文件夹", dir.display());
    }
    let Some(files) = files_to_lint(&[dir.to_path_buf()], resolver, status) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    lint_files(
        &files,
        resolver,
        plan,
        status,
        |status, path, linted| match linted {
            Ok((_, Outcome::Whole(src, _, Some(a), governed))) => {
                let rule = governed
                    .rules()
                    .into_iter()
                    .find(|r| matches!(r.spec.check, Check::CopiedText { .. }));
                let aside = copies::set_aside(title_of(&src, &a), rule);
                out.push(LastYear {
                    path: src.name.clone(),
                    whole: copies::fingerprint(src.original(), &aside),
                    parts: part_prints(&src, &a, &aside, &governed.set().vocab)
                        .into_iter()
                        .map(|(p, f, _)| (p, f))
                        .collect(),
                });
            }
            Ok(_) => {}
            Err(e) => status.input_error(format_args!("{}: {e}", path.display())),
        },
    )?;
    Ok(out)
}

/// Writes the notice of each report that does not pass into `dir` (made if need be),
/// each file atomically; a file already there is replaced only with `overwrite` (or
/// when it says the same). Each entry written gets the link to its notice, relative to
/// `base` (the overview's folder). Each notice is signed by the office (when named) and
/// the date of `signature`.
fn write_notices(
    dir: &Path,
    entries: &mut [overview::Entry],
    units: &[Option<String>],
    signature: (Option<&str>, &str),
    overwrite: bool,
    base: &Path,
    status: &mut Status,
) {
    if let Err(e) = std::fs::create_dir_all(dir) {
        status.error(format_args!("{}: 无法创建目录：{e}", dir.display()));
        return;
    }
    let (office, date) = signature;
    let count = entries.len();
    let mut written = 0;
    for (i, e) in entries.iter_mut().enumerate() {
        let Some(text) = notice::text(e, units[i].as_deref(), office, date) else {
            continue;
        };
        let verdict = overview::verdict::decide(e).verdict;
        let path = dir.join(notice::file_name(i, count, &e.path, verdict));
        // Saved for Windows' editors: a BOM and CRLF line ends.
        let bytes = format!("\u{FEFF}{}", text.replace('\n', "\r\n")).into_bytes();
        let word = path.with_extension("docx");
        let both = [(&path, bytes), (&word, notice::docx(&text))];
        // Both are tried, so that each file in the way is named.
        let done: Vec<bool> = both
            .into_iter()
            .map(|(p, b)| write_new(p, &b, overwrite, status))
            .collect();
        if done.contains(&false) {
            continue;
        }
        written += 1;
        e.notice = Some(href(base, &path));
    }
    eprint_line(&format!("已写出 {written} 份审核意见：{}", dir.display()));
}

/// Writes a file atomically unless one is there already: one that says the same is
/// left as it is; one that differs is replaced only with `overwrite`, else named as an
/// error. Whether the file now holds `bytes`.
fn write_new(path: &Path, bytes: &[u8], overwrite: bool, status: &mut Status) -> bool {
    match std::fs::read(path) {
        Ok(old) if old == bytes => true,
        Ok(_) if !overwrite => {
            status.error(format_args!(
                "{}: 已存在且内容不同，未覆盖（要覆盖请加 --overwrite-notices）",
                path.display()
            ));
            false
        }
        _ => match write_atomically(path, bytes) {
            Ok(()) => true,
            Err(err) => {
                status.error(format_args!("{}: 无法写入：{err}", path.display()));
                false
            }
        },
    }
}

/// A link from a page in `base` to `target`: relative when both are on one root, with
/// the characters a URL reserves escaped.
fn href(base: &Path, target: &Path) -> String {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (from, to) = (abs(base), abs(target));
    let common = from
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = from
        .components()
        .skip(common)
        .map(|_| "..".into())
        .collect();
    parts.extend(
        to.components()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    let rel = if common == 0 {
        to.to_string_lossy().replace('\\', "/")
    } else {
        parts.join("/")
    };
    // The characters escaped are ASCII: one byte each, its code the character's.
    rel.chars()
        .map(|c| match c {
            '%' | '#' | '?' | ' ' | '"' | '\'' | '<' | '>' => format!("%{:02X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

/// Reads and checks the roster; an error names the file (and the line).
fn read_roster(path: &Path) -> Result<Roster, RosterError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| RosterError {
        path: name.clone(),
        line: None,
        message: format!("无法读取名单文件：{e}"),
    })?;
    roster::parse(&name, &bytes)
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
                .map_or(0, |d| d.as_secs() as i64)
        })
        + 8 * 3600;
    let (y, m, d, h, min, _) = super::out::civil(secs);
    format!("{y:04}-{m:02}-{d:02} {h:02}:{min:02}（北京时间）")
}
