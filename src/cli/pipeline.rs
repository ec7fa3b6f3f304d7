//! Linting many files in order: in chunks, each chunk in parallel, the results handed
//! on in the order of the files.

use super::out::Status;
use super::settings::{self, Resolver};
use super::walk::Named;
use fzlint::analyse::{Analysis, Settings};
use fzlint::diagnostic::{Diagnostic, Severity};
use fzlint::input;
use fzlint::rules::engine::lint_analysed;
use fzlint::rules::{Rule, RuleSet};
use fzlint::text::source::Source;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What decides how files are linted, for `check` and `report` alike.
pub struct LintPlan<'a> {
    pub select: &'a [String],
    pub ignore: &'a [String],
    pub preview: bool,
    pub year: Option<i32>,
    pub stdin_filename: Option<&'a str>,
    pub min: Severity,
    pub threads: usize,
    pub parallel: bool,
    /// Files larger than this are refused.
    pub max_bytes: u64,
    pub prerender: Option<Prerender<'a>>,
    /// The analysis (parse, parts) is handed on with the findings.
    pub analysis: bool,
}

/// A file read and linted, or why it could not be read.
pub type Linted = Result<Outcome, input::InputError>;

/// What a lint thread hands on for one file. (One per file, moved twice: its size does
/// not matter.)
#[allow(clippy::large_enum_variant)]
pub enum Outcome {
    /// The file and its findings (and its analysis, when the plan wants it), for the
    /// writing thread to work on.
    Whole(Source, Vec<Diagnostic>, Option<Analysis>),
    /// The file's output, rendered on the lint thread, and the rule and severity of
    /// each finding, for the counts. The file and the rest of the findings are freed
    /// on the thread that made them: freed on the writing thread, they cost it more
    /// than the writing did, and held up the lint threads' allocator.
    Rendered(Vec<String>, Vec<(String, Severity)>),
}

/// Output rendered on the worker threads, in pieces (one per JSON element), when a
/// file's output depends on nothing but the file.
pub type Prerender<'a> = &'a (dyn Fn(&Job, &Source, &[Diagnostic]) -> Vec<String> + Sync);

/// One file to lint, with what governs it.
pub struct Job {
    pub path: PathBuf,
    pub prepared: Arc<settings::Prepared>,
    /// The rules that run on it: their places in the rule set, in its order.
    selected: Arc<[usize]>,
    pub settings: Settings,
}

impl Job {
    pub fn rules(&self) -> Vec<&Rule> {
        let mut rules = Vec::with_capacity(self.selected.len());
        rules.extend(
            self.selected
                .iter()
                .filter_map(|&i| self.prepared.set.rules.get(i)),
        );
        rules
    }
}

/// Lints the files and hands each result to `each`, in the order of `files`. Files are
/// taken in chunks: settings are resolved in order, the chunk is read and linted in
/// parallel, and the results are handed on in order, while the next chunk is linted.
/// Memory stays bounded by two chunks, and what `each` sees is the same whatever the
/// number of threads. A file whose config is broken is handed on without a job. Fails
/// (before any file is handed on) when --select or --ignore names an unknown rule.
pub fn lint_files(
    files: &[Named],
    resolver: &mut Resolver,
    plan: &LintPlan,
    status: &mut Status,
    mut each: impl FnMut(&mut Status, &Path, Option<&Job>, Linted),
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
    let mut hand_on = |order: Vec<Result<usize, (&Path, String)>>,
                       jobs: &[Job],
                       results: Vec<Linted>| {
        let mut results = results.into_iter();
        for item in order {
            match item {
                Ok(i) => {
                    let Some(result) = results.next() else { break };
                    each(status, &jobs[i].path, Some(&jobs[i]), result);
                }
                Err((path, why)) => each(status, path, None, Err(input::InputError::Damaged(why))),
            }
        }
    };
    let mut next = |chunk| prepare(chunk, resolver, plan, &mut select_checked, &mut selections);
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
    chunk: &'f [Named],
    resolver: &mut Resolver,
    plan: &LintPlan,
    select_checked: &mut bool,
    selections: &mut Vec<(Arc<settings::Prepared>, Arc<[usize]>)>,
) -> Result<(Vec<Job>, Vec<Result<usize, (&'f Path, String)>>), String> {
    let mut jobs: Vec<Job> = Vec::with_capacity(chunk.len());
    let mut order = Vec::with_capacity(chunk.len());
    for (path, _) in chunk {
        let prepared = match resolver.governed(path) {
            settings::Governed::Ready(p) => p,
            settings::Governed::Broken(config) => {
                order.push(Err((path.as_path(), format!("未检查：{config} 有误"))));
                continue;
            }
        };
        // Names given to --select/--ignore are checked against the first rule set;
        // other folders' sets may lack an office's own rules, which then simply do
        // not run there.
        // The same settings select the same rules: worked out once per rule set.
        let known = selections.iter().find(|(p, _)| Arc::ptr_eq(p, &prepared));
        let selected = match known {
            Some((_, s)) => s.clone(),
            None => {
                let strict = !std::mem::replace(select_checked, true);
                let set = &prepared.set;
                let s: Arc<[usize]> = select(
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

/// The rules a run uses: --select and --ignore applied (ids or categories), and preview
/// rules only where asked for (`preview`, or the rule's own id in `named`: --select or
/// the config).
pub fn select<'a>(
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
