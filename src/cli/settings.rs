//! Which settings apply to each file: the nearest `.fzlint.yaml` (or `--config`, or
//! none with `--isolated`), its per-path entries, and the rule folders it and the
//! command line add. Rule sets are built once per distinct set of settings.

use super::{eprint_line, yaml_error};
use fzlint::config::{self, Config};
use fzlint::rules::RuleSet;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub enum Mode {
    Discover,
    Fixed(PathBuf),
    Isolated,
}

/// A rule set ready for some files, with what the settings switch off.
pub struct Prepared {
    pub set: RuleSet,
    pub off: Vec<String>,
    /// For each rule switched off, the config file that did it.
    pub off_by: std::collections::BTreeMap<String, String>,
    /// The config asks for the preview rules.
    pub preview: bool,
    /// Rule ids the config names under `rules:` (a preview rule named there runs).
    pub named: Vec<String>,
    pub year: Option<i32>,
    pub config: Option<Arc<Config>>,
}

/// What makes two files' settings the same: their config and the per-path entries matched.
type SettingsKey = (Option<PathBuf>, Vec<usize>);

pub struct Resolver<'a> {
    cli_rules: &'a [PathBuf],
    mode: Mode,
    /// Folder → the config file that governs it.
    found: HashMap<PathBuf, Option<PathBuf>>,
    /// Config file → loaded (None when it has an error, already printed).
    configs: HashMap<PathBuf, Option<Arc<Config>>>,
    prepared: HashMap<SettingsKey, Option<Arc<Prepared>>>,
    printed: HashSet<String>,
    /// Something could not be read: the run exits 2.
    pub trouble: bool,
}

/// What governs a file.
pub enum Governed {
    Ready(Arc<Prepared>),
    /// The config (or a rule file it names) has an error: the file is not linted.
    Broken(String),
}

impl<'a> Resolver<'a> {
    pub fn new(cli_rules: &'a [PathBuf], mode: Mode) -> Resolver<'a> {
        Resolver {
            cli_rules,
            mode,
            found: HashMap::new(),
            configs: HashMap::new(),
            prepared: HashMap::new(),
            printed: HashSet::new(),
            trouble: false,
        }
    }

    fn report(&mut self, e: &fzlint::yaml::YamlError) {
        self.trouble = true;
        let text = yaml_error(e);
        if self.printed.insert(text.clone()) {
            eprint_line(text.trim_end());
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
                if let Some(hit) = self.found.get(&dir) {
                    return hit.clone();
                }
                let hit = config::find(&dir);
                self.found.insert(dir, hit.clone());
                hit
            }
        }
    }

    /// The loaded config that governs `file`: Ok(None) when there is none.
    pub fn config_for(&mut self, file: &Path) -> Result<Option<Arc<Config>>, String> {
        let Some(path) = self.config_path(file) else {
            return Ok(None);
        };
        if !self.configs.contains_key(&path) {
            let loaded = match Config::load(&path) {
                Ok(c) => Some(Arc::new(c)),
                Err(e) => {
                    self.report(&e);
                    None
                }
            };
            self.configs.insert(path.clone(), loaded);
        }
        self.configs[&path]
            .clone()
            .map(Some)
            .ok_or_else(|| path.display().to_string())
    }

    /// Whether a file found by walking a folder is excluded by its config.
    pub fn excluded(&mut self, file: &Path) -> bool {
        match self.config_for(file) {
            Ok(Some(c)) => c.excludes(&real_path(file)),
            _ => false,
        }
    }

    pub fn governed(&mut self, file: &Path) -> Governed {
        let config = match self.config_for(file) {
            Ok(c) => c,
            Err(path) => return Governed::Broken(path),
        };
        let abs = real_path(file);
        let effective = config
            .as_ref()
            .map(|c| c.effective(&abs))
            .unwrap_or_default();
        let key = (
            config.as_ref().map(|c| c.path.clone()),
            effective.matched.clone(),
        );
        if !self.prepared.contains_key(&key) {
            let p = self.prepare(config.clone(), &effective);
            self.prepared.insert(key.clone(), p.map(Arc::new));
        }
        match &self.prepared[&key] {
            Some(p) => Governed::Ready(p.clone()),
            None => Governed::Broken(
                key.0
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "规则文件".into()),
            ),
        }
    }

    fn prepare(
        &mut self,
        config: Option<Arc<Config>>,
        effective: &config::Effective,
    ) -> Option<Prepared> {
        let mut dirs: Vec<PathBuf> = self.cli_rules.to_vec();
        dirs.extend(config.iter().flat_map(|c| c.rule_dirs()));
        // A broken user rule file does not stop the others; the run still exits 2.
        let (mut set, errors) = match RuleSet::with_dirs(&dirs) {
            Ok(built) => built,
            Err(errors) => {
                errors.iter().for_each(|e| self.report(e));
                return None;
            }
        };
        errors.iter().for_each(|e| self.report(e));
        let mut off = Vec::new();
        let mut off_by = std::collections::BTreeMap::new();
        if let Some(c) = &config {
            match c.apply(effective, &mut set) {
                Ok(o) => {
                    for (id, from) in o {
                        off_by.insert(id.clone(), from.display().to_string());
                        off.push(id);
                    }
                }
                Err(e) => {
                    self.report(&e);
                    return None;
                }
            }
        }
        Some(Prepared {
            set,
            off,
            off_by,
            preview: config.as_ref().is_some_and(|c| c.preview()),
            named: effective.changes.iter().map(|c| c.0.clone()).collect(),
            year: effective.year,
            config,
        })
    }
}

/// A file's path on disk: `..` and links resolved where the file exists, so that the
/// config found above it is the one above it on disk.
fn real_path(file: &Path) -> PathBuf {
    std::fs::canonicalize(file)
        .unwrap_or_else(|_| std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()))
}
