//! Which settings apply to each file: the nearest `.fzlint.yaml` (or `--config`, or
//! none with `--isolated`), its per-path entries, and the rule folders it and the
//! command line add. Rule sets are built once per distinct set of settings.

use super::out::{eprint_line, yaml_error};
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
    /// Folder as given → the folder on disk (see [`Resolver::real_path`]).
    real_dirs: HashMap<PathBuf, PathBuf>,
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
            real_dirs: HashMap::new(),
            configs: HashMap::new(),
            prepared: HashMap::new(),
            printed: HashSet::new(),
            trouble: false,
        }
    }

    fn report(&mut self, e: &fzlint::pack::yaml::YamlError) {
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
                    let abs = self.real_path(file);
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
            Ok(Some(c)) => {
                let abs = self.real_path(file);
                c.excludes(&abs)
            }
            _ => false,
        }
    }

    pub fn governed(&mut self, file: &Path) -> Governed {
        let config = match self.config_for(file) {
            Ok(c) => c,
            Err(path) => return Governed::Broken(path),
        };
        // The real path is looked up only where a config governs the file (its
        // per-path settings are matched against it).
        let effective = match &config {
            Some(c) => c.effective(&self.real_path(file)),
            None => Default::default(),
        };
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

impl Resolver<'_> {
    /// [`real_path`], with each folder resolved once: a file that is not itself a link
    /// is its folder on disk joined with its name (one `lstat` instead of a look-up of
    /// every level, for each of thousands of files in a folder).
    fn real_path(&mut self, file: &Path) -> PathBuf {
        // (A path that ends in `..` has no file name.)
        let (Some(dir), Some(name)) = (file.parent(), file.file_name()) else {
            return real_path(file);
        };
        let plain_file = std::fs::symlink_metadata(file).is_ok_and(|m| !m.file_type().is_symlink());
        if !plain_file {
            return real_path(file);
        }
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Some(real) = self.real_dirs.get(dir) {
            return real.join(name);
        }
        let real = real_path(dir);
        self.real_dirs.insert(dir.to_path_buf(), real.clone());
        real.join(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The per-folder shortcut gives what resolving the whole path gives: through a
    /// linked folder, for a linked file, with `..`, and for a file that does not exist.
    #[cfg(unix)]
    #[test]
    fn real_paths_match_resolving_every_level() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path();
        std::fs::create_dir_all(root.join("a/b")).expect("dirs");
        std::fs::create_dir_all(root.join("elsewhere")).expect("dirs");
        std::fs::write(root.join("a/b/r.txt"), "x").expect("file");
        std::fs::write(root.join("elsewhere/t.txt"), "x").expect("file");
        std::os::unix::fs::symlink(root.join("a/b"), root.join("linked")).expect("link");
        std::os::unix::fs::symlink(root.join("elsewhere/t.txt"), root.join("a/b/l.txt"))
            .expect("link");
        let mut resolver = Resolver::new(&[], Mode::Discover);
        let cases = [
            root.join("a/b/r.txt"),
            root.join("linked/r.txt"),
            root.join("a/b/l.txt"),
            root.join("linked/l.txt"),
            root.join("a/b/../b/r.txt"),
            root.join("a/b/.."),
            root.join("a/b/missing.txt"),
            root.join("linked/r.txt"),
        ];
        for file in cases {
            assert_eq!(
                resolver.real_path(&file),
                real_path(&file),
                "{}",
                file.display()
            );
        }
        assert_eq!(resolver.real_dirs.len(), 3, "each folder looked up once");
    }
}
