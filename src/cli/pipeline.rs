//! Linting many files in order: in chunks, each chunk in parallel, the results handed
//! on in the order of the files.

use super::out::{Status, report_problems};
use super::walk::Named;
use fzlint::analyse::Analysis;
use fzlint::diagnostic::{Diagnostic, Severity};
use fzlint::input::{self, InputError};
use fzlint::render::{FileReport, Renderer};
use fzlint::resolve::{Governed, ResolveError, Resolver};
use fzlint::text::source::Source;
use std::path::{Path, PathBuf};

/// What decides how files are linted, for `check` and `report` alike.
pub struct LintPlan<'a> {
    pub stdin_filename: Option<&'a str>,
    pub min: Severity,
    pub threads: usize,
    pub parallel: bool,
    /// Files larger than this are refused.
    pub max_bytes: u64,
    /// Texts and pages are read in this encoding, not the one detected (`--encoding`).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Renders each file's output on the lint thread, when the output for a file
    /// depends on nothing but the file.
    pub prerender: Option<&'a Renderer>,
    /// The analysis (parse, parts) is handed on with the findings.
    pub analysis: bool,
    /// Every finding is handed on, none folded (see `max_findings_per_rule`): for the
    /// caller to work on them (fixes, baselines) and fold them after.
    pub whole: bool,
}

/// A file read and linted with what governs it, or why it was not (unreadable, or
/// left without settings).
pub type Linted<'j> = anyhow::Result<(&'j Job, Outcome)>;

/// What a lint thread hands on for one file. (One per file, moved twice: its size does
/// not matter.)
#[allow(clippy::large_enum_variant)]
pub enum Outcome {
    /// The file, its findings, its analysis if asked for, and what governed it (the pack
    /// its title names, when none was named), for the writing thread to work on.
    Whole(Source, Vec<Diagnostic>, Option<Analysis>, Governed),
    /// The file's output, rendered on the lint thread, and the rule and severity of
    /// each finding, for the counts. The file and the rest of the findings are freed
    /// on the thread that made them: freed on the writing thread, they cost it more
    /// than the writing did, and held up the lint threads' allocator.
    Rendered(Option<String>, Vec<(String, Severity)>, Governed),
    /// A file found in a folder that reads as no report at all (a README, notes): not
    /// linted.
    NotReport,
}

/// One file to lint, with what governs it.
pub struct Job {
    pub path: PathBuf,
    pub governed: Governed,
    /// Named on the command line (always linted), not found in a folder.
    pub explicit: bool,
}

/// Lints the files and hands each result to `each`, in the order of `files`. Files are
/// taken in chunks: settings are resolved in order, the chunk is read and linted in
/// parallel, and the results are handed on in order, while the next chunk is linted.
/// Memory stays bounded by two chunks, and what `each` sees is the same whatever the
/// number of threads. Errors in config and rule files are printed (and counted) as
/// they are found. Fails (before any file is handed on) when --select or --ignore
/// names an unknown rule.
pub fn lint_files(
    files: &[Named],
    resolver: &mut Resolver,
    plan: &LintPlan,
    status: &mut Status,
    mut each: impl FnMut(&mut Status, &Path, Linted),
) -> anyhow::Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(plan.threads)
        .build()?;
    let chunk_len = if plan.parallel { 64 } else { 1 };
    let run = |job: &Job| -> Result<Outcome, InputError> {
        let mut src = input::read_as(
            &job.path,
            plan.max_bytes,
            plan.stdin_filename,
            plan.encoding,
        )?;
        if job.path.as_os_str() == "-"
            && let Some(name) = plan.stdin_filename
        {
            src.name = name.to_string();
        }
        // The pack the report's title names, when none was named.
        let (mut diags, analysis, governed) = job.governed.lint_by_title(&src, plan.whole);
        if !job.explicit && !analysis.is_report(&src, &governed.set().vocab) {
            return Ok(Outcome::NotReport);
        }
        // Dropped here, on the thread that made it, unless it is wanted.
        let analysis = plan.analysis.then_some(analysis);
        diags.retain(|d| d.severity >= plan.min);
        Ok(match plan.prerender {
            Some(render) => Outcome::Rendered(
                render(
                    &FileReport::new(&src, &diags),
                    &governed.set().vocab.version,
                    fzlint::render::named_pack(governed.set()),
                ),
                diags.into_iter().map(|d| (d.rule, d.severity)).collect(),
                governed,
            ),
            None => Outcome::Whole(src, diags, analysis, governed),
        })
    };
    if !plan.parallel {
        for chunk in files.chunks(chunk_len) {
            let (jobs, order) = prepare(chunk, resolver, status)?;
            let results = jobs.iter().map(run).collect();
            hand_on(&mut each, status, order, &jobs, results);
        }
        return Ok(());
    }
    // Two chunks in flight: while the pool lints one, this thread resolves the settings
    // of the next and hands on the results of the one before, in order.
    pool.in_place_scope(|scope| {
        type InFlight<'f> = (
            Order<'f>,
            std::sync::mpsc::Receiver<(Vec<Job>, Vec<Result<Outcome, InputError>>)>,
        );
        let mut previous: Option<InFlight> = None;
        for chunk in files.chunks(chunk_len) {
            let (jobs, order) = prepare(chunk, resolver, status)?;
            let (tx, rx) = std::sync::mpsc::channel();
            let run = &run;
            scope.spawn(move |_| {
                use rayon::prelude::*;
                let results: Vec<_> = jobs.par_iter().map(run).collect();
                let _ = tx.send((jobs, results));
            });
            if let Some((order, rx)) = previous.replace((order, rx))
                && let Ok((jobs, results)) = rx.recv()
            {
                hand_on(&mut each, status, order, &jobs, results);
            }
        }
        if let Some((order, rx)) = previous
            && let Ok((jobs, results)) = rx.recv()
        {
            hand_on(&mut each, status, order, &jobs, results);
        }
        Ok(())
    })
}

/// A chunk in the order of its files: a job's index, or a file left without settings.
type Order<'f> = Vec<Result<usize, (&'f Path, ResolveError)>>;

/// The jobs of a chunk, their settings resolved in order, and the chunk's order. Fails
/// when --select or --ignore names an unknown rule.
fn prepare<'f>(
    chunk: &'f [Named],
    resolver: &mut Resolver,
    status: &mut Status,
) -> Result<(Vec<Job>, Order<'f>), ResolveError> {
    let mut jobs: Vec<Job> = Vec::with_capacity(chunk.len());
    let mut order = Vec::with_capacity(chunk.len());
    for (path, explicit) in chunk {
        let governed = resolver.governed(path);
        report_problems(resolver, status);
        match governed {
            Ok(governed) => {
                order.push(Ok(jobs.len()));
                jobs.push(Job {
                    path: path.clone(),
                    governed,
                    explicit: *explicit,
                });
            }
            Err(e @ ResolveError::Broken(_)) => order.push(Err((path.as_path(), e))),
            Err(e) => return Err(e),
        }
    }
    Ok((jobs, order))
}

/// A chunk's results handed on in the order of its files.
fn hand_on(
    each: &mut impl FnMut(&mut Status, &Path, Linted),
    status: &mut Status,
    order: Order,
    jobs: &[Job],
    results: Vec<Result<Outcome, InputError>>,
) {
    let mut results = results.into_iter();
    for item in order {
        match item {
            Ok(i) => {
                let Some(result) = results.next() else { break };
                let job = &jobs[i];
                each(
                    status,
                    &job.path,
                    result.map(|o| (job, o)).map_err(Into::into),
                );
            }
            Err((path, e)) => each(status, path, Err(e.into())),
        }
    }
}
