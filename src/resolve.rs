//! What governs each file: the nearest `.fzlint.yaml` (or the one named, or none), the
//! configs it extends and its per-path entries, the rule folders it and the caller
//! add, and on top the caller's choices (--select, --ignore, --preview, --year). Rule
//! sets are built once per distinct set of settings, and their selection worked out
//! once per rule set.
//!
//! `check`, `report` and `serve` all ask a [`Resolver`]. Nothing is printed: errors in
//! config and rule files are kept, each once, for the caller to take
//! ([`Resolver::take_problems`]); a file they leave without settings gets a
//! [`ResolveError`].

use crate::analyse::{Analysis, Settings};
use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::pack::yaml::YamlError;
use crate::parse::tree::Report;
use crate::rules::engine::lint_analysed;
use crate::rules::{CATEGORIES, Rule, RuleSet};
use crate::text::source::Source;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Which config governs the files.
#[derive(Default)]
pub enum Mode {
    /// The nearest config above each file.
    #[default]
    Discover,
    /// This config, for every file.
    Fixed(PathBuf),
    /// None.
    Isolated,
}

/// What the caller chooses for every file, on top of its config.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    /// Only these rules (ids or categories); all when empty.
    pub select: Vec<String>,
    /// Not these rules (ids or categories).
    pub ignore: Vec<String>,
    /// Run the rules still in preview.
    pub preview: bool,
    /// The reported year, over the config's.
    pub year: Option<i32>,
    /// The year every report must be on, over the config's.
    pub expect_year: Option<i32>,
    /// How many findings of a rule a file lists (0: all), over the config's.
    pub max_findings: Option<usize>,
    /// The rule pack every file is read with (a built-in id or a pack folder), over
    /// the config's; without either, the default pack.
    pub pack: Option<String>,
    /// Without a pack named, read each report with the built-in pack its title names
    /// (`check`, `outline`, `serve`, `report`).
    pub by_title: bool,
}

/// Why a file has no settings to be linted with.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ResolveError {
    /// The config that governs the file, or a rule file it adds, has an error (the
    /// error itself is among the problems); the config's path, or "规则文件".
    #[error("未检查：{0} 有误")]
    Broken(String),
    /// A name given to select or ignore is neither a rule nor a category.
    #[error("未知的规则或类别 “{0}”；fzlint rules 列出全部规则")]
    UnknownRule(String),
}

/// A rule set as a config makes it, with what the config switches off.
pub struct Configured {
    pub set: RuleSet,
    /// The rules the config switches off, each with the config file that did it.
    pub off_by: BTreeMap<String, String>,
    /// The config asks for the preview rules.
    pub preview: bool,
    /// The config's settings for the files: their years, what it says of rules (a
    /// preview rule named under `rules:` runs; for another pack, only what concerns
    /// its rules), `max_findings_per_rule`, the verdict `fzlint report` comes to, what
    /// `select`, `extend-select` and `ignore` choose.
    pub effective: config::Effective,
    pub config: Option<Arc<Config>>,
    /// When no pack was named: the other built-in packs under the same settings, for
    /// the reports whose title names their genre.
    pub alternates: Vec<Alternate>,
}

/// Another built-in pack, for the reports whose title names its genre: its title
/// recognition read from its pack file alone, and its settings (its rules under the
/// same config, and the rules that run) built the first time a report needs them, so
/// that a run whose reports are all of the default genre never reads its rules.
pub struct Alternate {
    vocab: crate::pack::vocab::Vocab,
    // What its settings are built from.
    pack: &'static str,
    dirs: Vec<PathBuf>,
    config: Option<Arc<Config>>,
    effective: config::Effective,
    choices: Choices,
    built: OnceLock<Option<Built>>,
}

/// A pack's settings and the rules that run under them.
type Built = (Arc<Configured>, Arc<[usize]>);

impl Alternate {
    /// The pack's settings, or None when the config does not fit it (a rule it lacks).
    fn get(&self) -> Option<&Built> {
        self.built
            .get_or_init(|| {
                let (config, effective) = (self.config.clone(), &self.effective);
                let alt = pack_settings(&self.dirs, config, effective, Some(self.pack), None)?;
                let selected = select(&alt, &self.choices, false).ok()?;
                Some((Arc::new(alt), selected))
            })
            .as_ref()
    }
}

/// What governs one file: its rule set, the rules that run, the settings they run with.
#[derive(Clone)]
pub struct Governed {
    pub configured: Arc<Configured>,
    /// The rules that run: their places in the rule set, in its order.
    selected: Arc<[usize]>,
    pub settings: Settings,
    /// How many findings of a rule a file lists; the rest are folded into one (0: all).
    pub max_findings: usize,
}

impl Governed {
    pub fn set(&self) -> &RuleSet {
        &self.configured.set
    }

    /// The rules that run on the file.
    pub fn rules(&self) -> Vec<&Rule> {
        let rules = &self.configured.set.rules;
        self.selected.iter().filter_map(|&i| rules.get(i)).collect()
    }

    /// Lints a file with these rules and settings, each rule's findings beyond
    /// `max_findings` folded into one; gives back the analysis too.
    pub fn lint(&self, src: &Source) -> (Vec<Diagnostic>, Analysis) {
        lint_analysed(
            src,
            self.set(),
            &self.rules(),
            &self.settings,
            self.max_findings,
        )
    }

    /// What governs a report once it is read: these settings with the pack its title
    /// names, when no pack was named and another built-in pack recognises the title.
    /// A text that holds none of what the other packs' titles need is not parsed here.
    pub fn for_source(&self, src: &Source) -> Governed {
        if !self.may_switch(src) {
            return self.clone();
        }
        let report = crate::parse::parse(src, &self.configured.set.vocab);
        self.for_title(src, &report).unwrap_or_else(|| self.clone())
    }

    /// Whether another pack may recognise the report's title: the text holds what one
    /// of their `title.recognise` patterns needs.
    fn may_switch(&self, src: &Source) -> bool {
        let alternates = &self.configured.alternates;
        alternates.iter().any(|a| a.vocab.may_recognise(&src.text))
    }

    /// The settings with the other pack that recognises the report's title, if one does.
    fn for_title(&self, src: &Source, report: &Report) -> Option<Governed> {
        let title = src.slice(&report.blocks[report.title?].span);
        let (configured, selected) = self
            .configured
            .alternates
            .iter()
            .filter(|a| a.vocab.recognises(title))
            .find_map(Alternate::get)?;
        Some(Governed {
            configured: configured.clone(),
            selected: selected.clone(),
            settings: self.settings.clone(),
            max_findings: self.max_findings,
        })
    }

    /// Lints a report (every finding when `whole`, as [`Governed::lint_whole`]) with the
    /// pack its title names when no pack was named ([`Governed::for_source`]), and
    /// says which settings did. The report is read once with these settings; only one
    /// whose title another pack recognises is read again, with that pack.
    pub fn lint_by_title(
        &self,
        src: &Source,
        whole: bool,
    ) -> (Vec<Diagnostic>, Analysis, Governed) {
        let lint = |g: &Governed| {
            if whole {
                g.lint_whole(src)
            } else {
                g.lint(src)
            }
        };
        let (d, a) = lint(self);
        if self.may_switch(src)
            && let Some(other) = self.for_title(src, &a.report)
        {
            let (d, a) = lint(&other);
            return (d, a, other);
        }
        (d, a, self.clone())
    }

    /// As [`Governed::lint`], with every finding (for fixes and baselines, which need
    /// each one); [`Governed::fold`] folds them afterwards.
    pub fn lint_whole(&self, src: &Source) -> (Vec<Diagnostic>, Analysis) {
        lint_analysed(src, self.set(), &self.rules(), &self.settings, 0)
    }

    /// Folds each rule's findings beyond `max_findings` into one, as [`Governed::lint`]
    /// does.
    pub fn fold(&self, src: &Source, diags: &mut Vec<Diagnostic>) {
        crate::rules::engine::fold(src, diags, self.max_findings);
    }
}

/// What makes two files' settings the same: their config and the per-path entries matched.
type SettingsKey = (Option<PathBuf>, Vec<usize>);

/// Which settings govern each file, found once per folder and config. The default is
/// the resolver of no rule folders, the nearest config and no choices.
#[derive(Default)]
pub struct Resolver {
    rule_dirs: Vec<PathBuf>,
    mode: Mode,
    choices: Choices,
    /// Folder → the config file that governs it.
    found: HashMap<PathBuf, Option<PathBuf>>,
    /// Config file → loaded (None when it has an error).
    configs: HashMap<PathBuf, Option<Arc<Config>>>,
    configured: HashMap<SettingsKey, Option<Arc<Configured>>>,
    /// The rules each rule set runs (the same settings select the same rules).
    selections: Vec<(Arc<Configured>, Arc<[usize]>)>,
    /// Errors in config and rule files not yet taken, and those ever found (each is
    /// given once).
    problems: Vec<YamlError>,
    seen: HashSet<String>,
}

impl Resolver {
    /// `rule_dirs`: rule folders added to every rule set, before those configs add.
    pub fn new(rule_dirs: &[PathBuf], mode: Mode, choices: Choices) -> Resolver {
        Resolver {
            rule_dirs: rule_dirs.to_vec(),
            mode,
            choices,
            ..Resolver::default()
        }
    }

    /// The errors in config and rule files found since last asked, in the order they
    /// were found; an error is given once in a run, however many files it touches.
    pub fn take_problems(&mut self) -> Vec<YamlError> {
        std::mem::take(&mut self.problems)
    }

    fn problem(&mut self, e: &YamlError) {
        let key = format!(
            "{}\0{}\0{}\0{}\0{}",
            e.path, e.line, e.column, e.config, e.message
        );
        if self.seen.insert(key) {
            self.problems.push(e.clone());
        }
    }

    fn config_path(&mut self, file: &Path) -> Option<PathBuf> {
        match &self.mode {
            Mode::Isolated => None,
            Mode::Fixed(p) => Some(p.clone()),
            Mode::Discover => {
                let dir = if file.as_os_str() == "-" {
                    std::env::current_dir().unwrap_or_default()
                } else {
                    let abs = real_path(file);
                    abs.parent().map(Path::to_path_buf).unwrap_or_default()
                };
                let hit = self
                    .found
                    .entry(dir)
                    .or_insert_with_key(|d| config::find(d));
                hit.clone()
            }
        }
    }

    /// The loaded config that governs `file`: Ok(None) when there is none, Err with
    /// its path when it has an error.
    fn config_for(&mut self, file: &Path) -> Result<Option<Arc<Config>>, String> {
        let Some(path) = self.config_path(file) else {
            return Ok(None);
        };
        if !self.configs.contains_key(&path) {
            let loaded = Config::load(&path).inspect_err(|e| self.problem(e));
            self.configs.insert(path.clone(), loaded.ok().map(Arc::new));
        }
        let loaded = self.configs[&path].clone();
        loaded.map(Some).ok_or_else(|| path.display().to_string())
    }

    /// The config that governs a file, or the files of a folder, if one does and it
    /// could be read (a broken one is reported among the problems).
    pub fn config_of(&mut self, path: &Path) -> Option<Arc<Config>> {
        // A folder's files are governed by the config found from the folder itself.
        let probe = if path.is_dir() {
            real_path(path).join(config::NAMES[0])
        } else {
            path.to_path_buf()
        };
        self.config_for(&probe).ok().flatten()
    }

    /// Whether a file found by walking a folder is excluded by its config.
    pub fn excluded(&mut self, file: &Path) -> bool {
        matches!(self.config_for(file), Ok(Some(c)) if c.excludes(&real_path(file)))
    }

    /// What governs `file`. Names given to select or ignore are checked against the
    /// first rule set a file is governed by; other folders' sets may lack an office's
    /// own rules, which then simply do not run there.
    pub fn governed(&mut self, file: &Path) -> Result<Governed, ResolveError> {
        let configured = self.configured(file)?;
        let known = self
            .selections
            .iter()
            .find(|(c, _)| Arc::ptr_eq(c, &configured));
        let selected = match known {
            Some((_, s)) => s.clone(),
            None => {
                let strict = self.selections.is_empty();
                let s = select(&configured, &self.choices, strict)?;
                self.selections.push((configured.clone(), s.clone()));
                s
            }
        };
        Ok(Governed {
            settings: Settings {
                reported_year: self.choices.year.or(configured.effective.year),
                expected_year: self
                    .choices
                    .expect_year
                    .or(configured.effective.expect_year),
            },
            max_findings: self
                .choices
                .max_findings
                .or(configured.effective.max_findings)
                .unwrap_or(crate::rules::engine::MAX_FINDINGS_PER_RULE),
            configured,
            selected,
        })
    }

    fn configured(&mut self, file: &Path) -> Result<Arc<Configured>, ResolveError> {
        let config = self.config_for(file).map_err(ResolveError::Broken)?;
        // The real path is looked up only where a config governs the file (its
        // per-path settings are matched against it).
        let effective = match &config {
            Some(c) => c.effective(&real_path(file)),
            None => Default::default(),
        };
        let key = (
            config.as_ref().map(|c| c.path.clone()),
            effective.matched.clone(),
        );
        if !self.configured.contains_key(&key) {
            let c = self.configure(config.clone(), &effective);
            self.configured.insert(key.clone(), c.map(Arc::new));
        }
        let broken =
            |p: Option<PathBuf>| p.map_or("规则文件".into(), |p| p.display().to_string());
        self.configured[&key]
            .clone()
            .ok_or_else(|| ResolveError::Broken(broken(key.0)))
    }

    fn configure(
        &mut self,
        config: Option<Arc<Config>>,
        effective: &config::Effective,
    ) -> Option<Configured> {
        let pack = self.choices.pack.clone().or(effective.pack.clone());
        // The rule folders: the caller's, then the config's.
        let mut dirs = self.rule_dirs.clone();
        dirs.extend(config.iter().flat_map(|c| c.rule_dirs()));
        let mut problems = Vec::new();
        let main = pack_settings(
            &dirs,
            config.clone(),
            effective,
            pack.as_deref(),
            Some(&mut problems),
        );
        problems.iter().for_each(|e| self.problem(e));
        let mut main = main?;
        if pack.is_none() && self.choices.by_title {
            // The other built-in packs, for reports of their genres. An office's
            // settings that do not fit one (a rule it lacks) leave that pack out.
            for &(id, path, text, _) in &crate::pack::BUILTIN_PACKS[1..] {
                let Ok(vocab) = crate::pack::vocab::Vocab::load(path, text) else {
                    continue;
                };
                main.alternates.push(Alternate {
                    vocab,
                    pack: id,
                    dirs: dirs.clone(),
                    config: config.clone(),
                    effective: effective.clone(),
                    choices: self.choices.clone(),
                    built: OnceLock::new(),
                });
            }
        }
        Some(main)
    }
}

/// The rule set of one pack under a config, with the rules of `dirs`. With `problems`
/// (the pack the settings were written for), the errors in its files are given back
/// as problems of the run. Without (another pack, for the reports whose title names
/// it), errors just leave the pack out, and what the settings say of rules and
/// categories it does not have is dropped.
fn pack_settings(
    dirs: &[PathBuf],
    config: Option<Arc<Config>>,
    effective: &config::Effective,
    pack: Option<&str>,
    mut problems: Option<&mut Vec<YamlError>>,
) -> Option<Configured> {
    // A broken user rule file does not stop the others.
    let built = RuleSet::with_pack(pack, dirs);
    let (Ok((_, errors)) | Err(errors)) = &built;
    if let Some(p) = problems.as_deref_mut() {
        p.extend(errors.iter().cloned());
    }
    let (mut set, _) = built.ok()?;
    // Another pack than the one the settings were written for: what they say of
    // rules it does not have is not for it.
    let mut effective = effective.clone();
    if problems.is_none() {
        let known = |k: &str| CATEGORIES.contains(&k) || set.get(k).is_some();
        effective.changes.retain(|(k, ..)| known(k));
        effective.off.retain(|(k, _)| known(k));
    }
    let off = config.as_ref().map(|c| c.apply(&effective, &mut set));
    let off = match off.transpose() {
        Ok(off) => off,
        Err(e) => {
            if let Some(p) = problems {
                p.push(e);
            }
            return None;
        }
    };
    let off_by = off.unwrap_or_default().into_iter();
    let off_by = off_by
        .map(|(id, from)| (id, from.display().to_string()))
        .collect();
    Some(Configured {
        set,
        off_by,
        preview: config.as_ref().is_some_and(|c| c.preview()),
        effective,
        config,
        alternates: Vec::new(),
    })
}

/// The rules that run under a config and the caller's choices: select and ignore
/// applied (ids or categories), what the config switches off left out, and preview
/// rules only where asked for (by the choices or the config, or by naming the rule's
/// own id in select or the config). With `strict`, an unknown name in select or
/// ignore is an error.
fn select(c: &Configured, choices: &Choices, strict: bool) -> Result<Arc<[usize]>, ResolveError> {
    let set = &c.set;
    let known = |name: &str| set.get(name).is_some() || CATEGORIES.contains(&name);
    if let Some(bad) = choices
        .select
        .iter()
        .chain(&choices.ignore)
        .find(|n| strict && !known(n))
    {
        return Err(ResolveError::UnknownRule(bad.clone()));
    }
    let chosen = c.effective.selection.then(&choices.select, &choices.ignore);
    let named = |id: &String| {
        chosen
            .select
            .iter()
            .flatten()
            .chain(&chosen.extend)
            .any(|n| n == id)
    };
    let preview = choices.preview || c.preview;
    Ok(set
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| chosen.chooses(&r.spec.id, &r.spec.category))
        .filter(|(_, r)| {
            let in_rules = || c.effective.changes.iter().any(|(k, ..)| *k == r.spec.id);
            !r.spec.preview || preview || named(&r.spec.id) || in_rules()
        })
        .filter(|(_, r)| !c.off_by.contains_key(&r.spec.id))
        .map(|(i, _)| i)
        .collect())
}

/// A file's path on disk: `..` and links resolved where the file exists, so that the
/// config found above it is the one above it on disk.
fn real_path(file: &Path) -> PathBuf {
    std::fs::canonicalize(file)
        .unwrap_or_else(|_| std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn configured(named: &[&str], off: &[&str]) -> Configured {
        // Named under `rules:`, with parameters of its own.
        let setting = config::RuleSetting::Params(Default::default());
        let changes = named.iter().map(|s| (s.to_string(), setting.clone(), 0));
        Configured {
            set: RuleSet::builtin().expect("the built-in pack"),
            off_by: off.iter().map(|s| (s.to_string(), String::new())).collect(),
            preview: false,
            effective: config::Effective {
                changes: changes.collect(),
                ..Default::default()
            },
            config: None,
            alternates: Vec::new(),
        }
    }

    fn ids(c: &Configured, choices: &Choices) -> Vec<String> {
        let selected = select(c, choices, true).expect("known names");
        selected
            .iter()
            .map(|&i| c.set.rules[i].spec.id.clone())
            .collect()
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    /// Select and ignore take ids and categories; what the config switches off stays
    /// off; a preview rule runs only when asked for or named.
    #[test]
    fn selection_follows_the_choices_and_the_config() {
        let plain = configured(&[], &["level-skip"]);
        let all = ids(&plain, &Choices::default());
        assert!(!all.iter().any(|id| id == "level-skip"), "switched off");
        assert!(!all.iter().any(|id| id == "outdated-framework"), "preview");
        let dates = Choices {
            select: names(&["dates", "numbering-gap"]),
            ignore: names(&["invalid-date"]),
            ..Choices::default()
        };
        let chosen = ids(&plain, &dates);
        let has = |id: &str| chosen.iter().any(|c| c == id);
        assert!(
            has("numbering-gap") && has("late-publication"),
            "{chosen:?}"
        );
        assert!(!has("invalid-date") && !has("missing-plan"), "{chosen:?}");
        for choices in [
            Choices {
                preview: true,
                ..Choices::default()
            },
            Choices {
                select: names(&["outdated-framework"]),
                ..Choices::default()
            },
        ] {
            assert!(ids(&plain, &choices).contains(&"outdated-framework".to_string()));
        }
        let named = configured(&["outdated-framework"], &[]);
        assert!(ids(&named, &Choices::default()).contains(&"outdated-framework".to_string()));
        // An unknown name is an error only where names are checked.
        let unknown = Choices {
            ignore: names(&["no-such-rule"]),
            ..Choices::default()
        };
        assert!(matches!(
            select(&plain, &unknown, true),
            Err(ResolveError::UnknownRule(n)) if n == "no-such-rule"
        ));
        assert_eq!(
            select(&plain, &unknown, false).map(|s| s.len()).ok(),
            Some(all.len())
        );
    }
}
