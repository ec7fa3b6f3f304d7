//! `.fzlint.yaml`: a team's or an office's settings, found upward from each linted
//! file (the nearest wins), or named with `--config`.
//!
//! ```yaml
//! extends: ../office.fzlint.yaml # an office's policy first, then this file's settings
//! year: 2024                    # the reported year when a title names none
//! expect_year: 2024             # every report must be on this year (an office's batch)
//! max_findings_per_rule: 50     # a rule's findings listed per file, the rest folded (0: all)
//! rule_dirs: [office-rules]     # more rule files (relative to this file)
//! exclude: ["drafts/**"]        # not linted when a folder is walked
//! rules:
//!   level-skip: off             # a rule or a whole category off …
//!   thin-shortcomings: error    # … or at another severity …
//!   late-publication:           # … or with other parameters
//!     deadline: "03-01"
//! per_path:                     # settings for some files only (later entries win)
//!   - paths: ["departments/**"]
//!     rules:
//!       late-publication: {deadline: "03-01"}
//! verdict:                      # what `fzlint report` concludes of each report
//!   error: 退回修改             # any error-level finding
//!   missing: 退回修改           # a required content missing
//!   warning: 通过               # only warnings: passed, with notes
//! roster: units.csv             # the units expected to submit, for `fzlint report`
//! previous: ../2023年报告         # last year's reports, for `fzlint report` (copies)
//! office: 某县司法局             # the office that signs the notices of `fzlint report`
//! ```

use crate::diagnostic::Severity;
use crate::pack::yaml::{self, YamlError};
use crate::rules::{CATEGORIES, RuleSet, spec::RuleOverride};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// File names looked for, in this order, in each folder from the file upward.
pub const NAMES: [&str; 2] = [".fzlint.yaml", ".fzlint.yml"];

/// What a rule entry says: `off`, a severity, or parameters (which may include `severity`).
#[derive(Debug, Clone, PartialEq)]
pub enum RuleSetting {
    Level(String),
    Params(serde_json::Map<String, serde_json::Value>),
}

impl schemars::JsonSchema for RuleSetting {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RuleSetting".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "off, a severity, or the rule's parameters (which may include severity)",
            "anyOf": [
                {"type": "string", "enum": ["off", "info", "warning", "error"]},
                {"type": "boolean", "const": false},
                {"type": "object"}
            ]
        })
    }
}

impl<'de> Deserialize<'de> for RuleSetting {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // YAML reads a bare `off` as false.
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::Bool(false) => Ok(RuleSetting::Level("off".into())),
            serde_json::Value::String(s) => Ok(RuleSetting::Level(s)),
            serde_json::Value::Object(m) => Ok(RuleSetting::Params(m)),
            other => Err(serde::de::Error::custom(format!(
                "规则设置应为 off、info、warning、error 或参数表，这里是 {other}"
            ))),
        }
    }
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PathOverride {
    /// Globs, relative to the config file's folder.
    pub paths: Vec<String>,
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
    #[serde(default)]
    pub year: Option<i32>,
    /// The rule pack these files are read with (as `pack` above).
    #[serde(default)]
    pub pack: Option<String>,
}

/// One path or a list of paths.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl Default for OneOrMany {
    fn default() -> Self {
        OneOrMany::Many(Vec::new())
    }
}

impl OneOrMany {
    pub fn items(&self) -> &[String] {
        match self {
            OneOrMany::One(s) => std::slice::from_ref(s),
            OneOrMany::Many(v) => v,
        }
    }
}

/// `.fzlint.yaml`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Config files whose settings come first (relative to this file); this file's own
    /// settings then change or add to them.
    #[serde(default)]
    pub extends: OneOrMany,
    #[serde(default)]
    pub year: Option<i32>,
    /// The year every report checked must be on (a reviewing office's batch): a report
    /// on another year gets one finding on its title.
    #[serde(default)]
    pub expect_year: Option<i32>,
    /// Run the rules still in preview.
    #[serde(default)]
    pub preview: Option<bool>,
    /// How many findings of one rule a file lists (default 50); the rest are folded
    /// into one finding that says how many more there are and where the first are. 0
    /// lists them all.
    #[serde(default)]
    pub max_findings_per_rule: Option<usize>,
    #[serde(default)]
    pub rule_dirs: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
    /// Only these rules and categories run (as ruff's `select`); a nearer config's list
    /// replaces a farther one's, and `--select` on the command line replaces both.
    #[serde(default)]
    pub select: Option<Vec<String>>,
    /// Rules and categories added to what `select` chose (or to every rule).
    #[serde(default, rename = "extend-select", alias = "extend_select")]
    pub extend_select: Vec<String>,
    /// Rules and categories that do not run (added up along the chain).
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub per_path: Vec<PathOverride>,
    /// What `fzlint report` concludes of a report with each kind of defect.
    #[serde(default)]
    pub verdict: VerdictSettings,
    /// The units expected to submit, for `fzlint report` (a UTF-8 or GBK list, one unit a
    /// line, or CSV; relative to this file).
    #[serde(default)]
    pub roster: Option<String>,
    /// Last year's reports, for `fzlint report` to find the reports that repeat them
    /// (a folder, relative to this file).
    #[serde(default)]
    pub previous: Option<String>,
    /// The reviewing office, whose name signs the notices `fzlint report` writes.
    #[serde(default)]
    pub office: Option<String>,
    /// The rule pack reports are read with: a built-in pack's id (fazhi, xxgk) or the
    /// folder of an office's own pack (relative to this file). Without it, fzlint
    /// chooses by what each report is.
    #[serde(default)]
    pub pack: Option<String>,
}

/// A reviewing office's conclusion on a report, mildest first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, schemars::JsonSchema,
)]
pub enum Verdict {
    #[serde(rename = "通过")]
    Pass,
    #[serde(rename = "补充后通过")]
    Amend,
    #[serde(rename = "退回修改")]
    Return,
}

impl Verdict {
    /// The word an office writes.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Pass => "通过",
            Verdict::Amend => "补充后通过",
            Verdict::Return => "退回修改",
        }
    }
}

/// `verdict:` as written: each kind of defect with the conclusion it leads to
/// (通过, 补充后通过 or 退回修改); a report gets the strictest that applies.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerdictSettings {
    /// Any error-level finding (default 退回修改).
    #[serde(default)]
    pub error: Option<Verdict>,
    /// A required content missing: measures, shortcomings, duties or plan (default 退回修改).
    #[serde(default)]
    pub missing: Option<Verdict>,
    /// Any warning (default 通过: passed, the warnings sent as notes).
    #[serde(default)]
    pub warning: Option<Verdict>,
    /// Published after the deadline (default 通过; the late finding is an error itself
    /// unless switched down).
    #[serde(default)]
    pub late: Option<Verdict>,
}

/// The verdict settings that apply, defaults filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerdictRules {
    pub error: Verdict,
    pub missing: Verdict,
    pub warning: Verdict,
    pub late: Verdict,
}

impl Default for VerdictRules {
    fn default() -> Self {
        VerdictRules {
            error: Verdict::Return,
            missing: Verdict::Return,
            warning: Verdict::Pass,
            late: Verdict::Pass,
        }
    }
}

impl VerdictRules {
    /// These rules with a config's settings over them.
    pub fn with(mut self, s: &VerdictSettings) -> Self {
        self.error = s.error.unwrap_or(self.error);
        self.missing = s.missing.unwrap_or(self.missing);
        self.warning = s.warning.unwrap_or(self.warning);
        self.late = s.late.unwrap_or(self.late);
        self
    }
}

/// A loaded, checked config file.
#[derive(Debug)]
pub struct Config {
    pub path: PathBuf,
    pub text: String,
    pub file: ConfigFile,
    exclude: globset::GlobSet,
    per_path: Vec<globset::GlobSet>,
    /// The configs named by `extends`, loaded, in order.
    pub bases: Vec<Config>,
}

/// How deep `extends` may go.
const MAX_EXTENDS: usize = 16;

/// The settings that apply to one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Effective {
    /// Rule ids or categories switched off, each with the config that did it (an index
    /// into [`Config::chain`]).
    pub off: Vec<(String, usize)>,
    /// Changes to rules, in the order they apply: (rule id or category, setting, the
    /// config that made it).
    pub changes: Vec<(String, RuleSetting, usize)>,
    pub year: Option<i32>,
    pub expect_year: Option<i32>,
    /// The pack named (a built-in id, or an office's pack folder as a path).
    pub pack: Option<String>,
    /// `max_findings_per_rule`, the last config in the chain that sets it winning.
    pub max_findings: Option<usize>,
    /// What `fzlint report` concludes of a report, later configs in the chain winning.
    pub verdict: VerdictRules,
    /// Which `per_path` entries matched, numbered across the chain of configs (part of
    /// what makes two files' settings equal).
    pub matched: Vec<usize>,
    /// Every rule id or category named, in the order the settings apply, and whether
    /// it was switched off there: the last word on a rule by its id decides whether it
    /// runs, else the last word on its category.
    pub events: Vec<(String, bool)>,
    /// What `select`, `extend-select` and `ignore` choose along the chain.
    pub selection: Selection,
}

/// Rules chosen by name (ids or categories), as ruff's `select`, `extend-select` and
/// `ignore`: a rule named by its id is decided by that, before its category.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    /// Only these; every rule when `None`.
    pub select: Option<Vec<String>>,
    pub extend: Vec<String>,
    pub ignore: Vec<String>,
}

impl Selection {
    /// Whether the rule `id` of `category` is chosen.
    pub fn chooses(&self, id: &str, category: &str) -> bool {
        let named = |list: &[String], name: &str| list.iter().any(|n| n == name);
        let selected = |name: &str| {
            named(&self.extend, name) || self.select.as_ref().is_some_and(|s| named(s, name))
        };
        if named(&self.ignore, id) {
            return false;
        }
        if selected(id) {
            return true;
        }
        !named(&self.ignore, category) && (self.select.is_none() || selected(category))
    }

    /// The caller's choices over these: `select` replaces what the files selected,
    /// `ignore` adds, and a rule the caller selects by its id runs even if a file
    /// ignores it.
    pub fn then(&self, select: &[String], ignore: &[String]) -> Selection {
        let mut out = self.clone();
        if !select.is_empty() {
            out.select = Some(select.to_vec());
            out.extend.clear();
            out.ignore.retain(|n| !select.contains(n));
        }
        out.ignore.extend(ignore.iter().cloned());
        out
    }
}

fn glob_set(path: &Path, text: &str, globs: &[String]) -> Result<globset::GlobSet, YamlError> {
    let mut b = globset::GlobSetBuilder::new();
    for g in globs {
        let glob = globset::GlobBuilder::new(g).literal_separator(true).build();
        b.add(glob.map_err(|e| at_value(path, text, g, format!("路径模式 “{g}” 无效：{e}")))?);
    }
    b.build()
        .map_err(|e| YamlError::new(&path.display().to_string(), text, 1, 1, e.to_string()))
}

/// An error pointing at the first place `value` appears in the file.
fn at_value(path: &Path, text: &str, value: &str, message: String) -> YamlError {
    let (l, c) = yaml::refine(text, 1, 1, &format!("“{value}”"));
    YamlError::new(&path.display().to_string(), text, l, c, message)
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, YamlError> {
        Config::load_from(path, &mut Vec::new()).map_err(YamlError::in_config)
    }

    /// Loads a config, `visiting` holding the configs that extend it (to refuse a cycle).
    fn load_from(path: &Path, visiting: &mut Vec<PathBuf>) -> Result<Config, YamlError> {
        // Its paths are read against its folder: make that folder absolute.
        let path = &std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| YamlError::new(&name, "", 0, 0, format!("无法读取：{e}")))?;
        let mut config = Config::parse_one(path, &text)?;
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        visiting.push(key);
        for base in config.file.extends.items().to_vec() {
            let bpath = lexical(&config.dir().join(&base));
            let bkey = std::fs::canonicalize(&bpath).unwrap_or_else(|_| bpath.clone());
            let fail = |message: String| Err(at_value(path, &text, &base, message));
            if visiting.contains(&bkey) {
                let chain: Vec<String> = visiting
                    .iter()
                    .chain([&bkey])
                    .map(|p| p.display().to_string())
                    .collect();
                return fail(format!("extends 循环引用：{}", chain.join(" → ")));
            }
            if visiting.len() >= MAX_EXTENDS {
                return fail(format!("extends 嵌套超过 {MAX_EXTENDS} 层"));
            }
            if !bpath.is_file() {
                return fail(format!("extends 指向的配置文件 “{base}” 不存在"));
            }
            config.bases.push(Config::load_from(&bpath, visiting)?);
        }
        visiting.pop();
        Ok(config)
    }

    /// Parses a config whose `extends` (if any) is not loaded: for tests and tools that
    /// only read one file.
    pub fn parse(path: &Path, text: &str) -> Result<Config, YamlError> {
        Config::parse_one(path, text).map_err(YamlError::in_config)
    }

    fn parse_one(path: &Path, text: &str) -> Result<Config, YamlError> {
        let name = path.display().to_string();
        let file: ConfigFile = yaml::from_str(&name, text)?;
        let years = file
            .year
            .iter()
            .chain(&file.expect_year)
            .chain(file.per_path.iter().filter_map(|p| p.year.as_ref()));
        if let Some(y) = years.into_iter().find(|y| !(1949..=2200).contains(*y)) {
            let message = format!("年份 {y} 不在 1949—2200 之间");
            return Err(at_value(path, text, &y.to_string(), message));
        }
        let exclude = glob_set(path, text, &file.exclude)?;
        let per_path = file
            .per_path
            .iter()
            .map(|p| glob_set(path, text, &p.paths))
            .collect::<Result<_, _>>()?;
        Ok(Config {
            path: path.to_path_buf(),
            text: text.to_string(),
            file,
            exclude,
            per_path,
            bases: Vec::new(),
        })
    }

    /// This config and those it extends, in the order their settings apply: each base
    /// (with its own bases first), then this file.
    pub fn chain(&self) -> Vec<&Config> {
        let mut out: Vec<&Config> = self.bases.iter().flat_map(Config::chain).collect();
        out.push(self);
        // A base reached twice (two bases that extend the same office policy) applies
        // once, where it is first reached.
        let mut seen = std::collections::HashSet::new();
        out.retain(|c| seen.insert(c.path.clone()));
        out
    }

    /// The config's folder, against which its paths are read.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    fn relative<'p>(&self, file: &'p Path) -> &'p Path {
        file.strip_prefix(self.dir()).unwrap_or(file)
    }

    /// What the last config in the chain that says anything of it says.
    fn last<T>(&self, said: impl FnMut(&Config) -> Option<T>) -> Option<T> {
        self.chain().into_iter().rev().find_map(said)
    }

    /// Whether the preview rules run (the last config in the chain that says wins).
    pub fn preview(&self) -> bool {
        self.last(|c| c.file.preview).unwrap_or(false)
    }

    /// Whether this config (or one it extends) excludes the file.
    pub fn excludes(&self, file: &Path) -> bool {
        self.chain()
            .iter()
            .any(|c| c.exclude.is_match(c.relative(file)))
    }

    /// Rule folders named by the config and those it extends, as paths.
    pub fn rule_dirs(&self) -> Vec<PathBuf> {
        self.chain()
            .iter()
            .flat_map(|c| c.file.rule_dirs.iter().map(|d| c.dir().join(d)))
            .collect()
    }

    /// The roster the chain names (the last config that names one), against the folder
    /// of the config that names it.
    pub fn roster(&self) -> Option<PathBuf> {
        self.last(|c| c.file.roster.as_ref().map(|r| c.dir().join(r)))
    }

    /// The office the chain names (the last config that names one).
    pub fn office(&self) -> Option<String> {
        self.last(|c| c.file.office.clone())
    }

    /// The folder of last year's reports the chain names (the last config that names
    /// one), against the folder of the config that names it.
    pub fn previous(&self) -> Option<PathBuf> {
        self.last(|c| c.file.previous.as_ref().map(|r| c.dir().join(r)))
    }

    pub fn effective(&self, file: &Path) -> Effective {
        let mut e = Effective::default();
        // Within one layer a category comes before a rule id, so the more specific
        // setting wins; a later layer (a base's per_path entry, then the next config in
        // the chain, then its per_path entries) wins over an earlier one, and may switch
        // back on what an earlier one switched off.
        let add = |rules: &BTreeMap<String, RuleSetting>, origin: usize, e: &mut Effective| {
            let (cats, ids): (Vec<_>, Vec<_>) = rules
                .iter()
                .partition(|(k, _)| CATEGORIES.contains(&k.as_str()));
            for (k, v) in cats.into_iter().chain(ids) {
                let off = matches!(v, RuleSetting::Level(l) if l == "off");
                e.events.push((k.clone(), off));
                if off {
                    e.off.push((k.clone(), origin));
                } else {
                    e.off.retain(|o| &o.0 != k);
                    e.changes.push((k.clone(), v.clone(), origin));
                }
            }
        };
        let mut numbered = 0;
        for (origin, c) in self.chain().into_iter().enumerate() {
            let rel = c.relative(file);
            e.year = c.file.year.or(e.year);
            e.expect_year = c.file.expect_year.or(e.expect_year);
            let pack_of = |p: &String| {
                if crate::pack::builtin(p).is_some() {
                    p.clone()
                } else {
                    c.dir().join(p).display().to_string()
                }
            };
            e.pack = c.file.pack.as_ref().map(pack_of).or(e.pack.take());
            e.max_findings = c.file.max_findings_per_rule.or(e.max_findings);
            e.verdict = e.verdict.with(&c.file.verdict);
            if c.file.select.is_some() {
                e.selection.select = c.file.select.clone();
                e.selection.extend.clear();
            }
            e.selection.extend.extend_from_slice(&c.file.extend_select);
            e.selection.ignore.extend_from_slice(&c.file.ignore);
            add(&c.file.rules, origin, &mut e);
            for (p, set) in c.file.per_path.iter().zip(&c.per_path) {
                if set.is_match(rel) {
                    e.matched.push(numbered);
                    add(&p.rules, origin, &mut e);
                    e.year = p.year.or(e.year);
                    e.pack = p.pack.as_ref().map(pack_of).or(e.pack.take());
                }
                numbered += 1;
            }
        }
        e
    }

    /// Applies the settings to a rule set; returns the ids switched off, each with the
    /// config file that switched it off.
    pub fn apply(
        &self,
        e: &Effective,
        set: &mut RuleSet,
    ) -> Result<Vec<(String, PathBuf)>, YamlError> {
        self.apply_inner(e, set).map_err(YamlError::in_config)
    }

    fn apply_inner(
        &self,
        e: &Effective,
        set: &mut RuleSet,
    ) -> Result<Vec<(String, PathBuf)>, YamlError> {
        let chain = self.chain();
        let origin = |i: usize| chain.get(i).copied().unwrap_or(self);
        let ids_of = |set: &RuleSet, key: &str| -> Vec<String> {
            if CATEGORIES.contains(&key) {
                set.rules
                    .iter()
                    .filter(|r| r.spec.category == key)
                    .map(|r| r.spec.id.clone())
                    .collect()
            } else {
                set.get(key)
                    .map(|r| vec![r.spec.id.clone()])
                    .unwrap_or_default()
            }
        };
        let unknown = |c: &Config, key: &str| {
            let message = format!("未知的规则或类别 “{key}”；fzlint rules 列出全部规则");
            at_key(&c.path, &c.text, key, message)
        };
        // A rule's own setting wins over its category's, wherever each was made.
        let (cats, ids): (Vec<_>, Vec<_>) = e
            .changes
            .iter()
            .partition(|(k, _, _)| CATEGORIES.contains(&k.as_str()));
        for (key, setting, from) in cats.into_iter().chain(ids) {
            let c = origin(*from);
            let (path, text) = (c.path.display().to_string(), &c.text);
            let ids = ids_of(set, key);
            if ids.is_empty() {
                return Err(unknown(c, key));
            }
            let mut o = RuleOverride::default();
            let severity = |v: Option<&str>, why: String| {
                v.and_then(level)
                    .ok_or_else(|| at_key(&c.path, text, key, why))
            };
            match setting {
                RuleSetting::Level(l) => {
                    let why = format!("“{l}” 不是 off、info、warning 或 error");
                    o.severity = Some(severity(Some(l), why)?)
                }
                RuleSetting::Params(m) => {
                    let mut m = m.clone();
                    if let Some(v) = m.remove("severity") {
                        let why = format!("{key} 的 severity 应为 info、warning 或 error");
                        o.severity = Some(severity(v.as_str(), why)?);
                    }
                    if !m.is_empty() && CATEGORIES.contains(&key.as_str()) {
                        let why = format!("类别 {key} 只能关闭或改变级别，参数要写在具体规则下");
                        return Err(at_key(&c.path, text, key, why));
                    }
                    o.params = m;
                }
            }
            let at = key_position(text, key);
            for id in ids {
                o.target = id;
                set.apply_override(&o, &path, text, at, at)?;
            }
        }
        for c in &chain {
            let names = c.file.select.iter().flatten();
            let names = names.chain(&c.file.extend_select).chain(&c.file.ignore);
            if let Some(bad) = names.into_iter().find(|n| ids_of(set, n).is_empty()) {
                let message = format!("未知的规则或类别 “{bad}”；fzlint rules 列出全部规则");
                return Err(at_value(&c.path, &c.text, bad, message));
            }
        }
        let mut off = Vec::new();
        for (key, from) in &e.off {
            let c = origin(*from);
            let ids = ids_of(set, key);
            if ids.is_empty() {
                return Err(unknown(c, key));
            }
            for id in ids {
                // Switched on again later, by its own id (a unit re-enabling one rule
                // of a category its office switched off)?
                let category = set.get(&id).map(|r| r.spec.category.clone());
                let last_on =
                    |name: Option<&String>| e.events.iter().rev().find(|(k, _)| Some(k) == name);
                let last = last_on(Some(&id)).or_else(|| last_on(category.as_ref()));
                if last.is_none_or(|(_, off)| *off) && !off.iter().any(|(o, _)| *o == id) {
                    off.push((id, c.path.clone()));
                }
            }
        }
        Ok(off)
    }
}

/// A path with `.` and `..` worked out on its letters (shown to people; links are not
/// followed).
fn lexical(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn level(s: &str) -> Option<Severity> {
    let all = [Severity::Info, Severity::Warning, Severity::Error];
    all.into_iter().find(|l| l.name() == s)
}

/// Line and column of `key:` anywhere in the file.
fn key_position(text: &str, key: &str) -> (usize, usize) {
    yaml::refine(text, 1, 1, &format!("`{key}`"))
}

fn at_key(path: &Path, text: &str, key: &str, message: String) -> YamlError {
    let (l, c) = key_position(text, key);
    YamlError::new(&path.display().to_string(), text, l, c, message)
}

/// The JSON Schema of `.fzlint.yaml`, for editors (shipped as schemas/fzlint-config.schema.json).
pub fn schema() -> serde_json::Value {
    let mut s = serde_json::to_value(schemars::schema_for!(ConfigFile)).unwrap_or_default();
    s["title"] = serde_json::json!("fzlint config (.fzlint.yaml)");
    s
}

/// The nearest config file at or above `dir`.
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|here| NAMES.map(|n| here.join(n)))
        .find(|p| p.is_file())
}

/// The starter config `fzlint init` writes.
pub const STARTER: &str = r#"# fzlint 配置文件：放在报告所在目录或其上级目录，检查时自动找到最近的一个。
# 每一项都可以删去；fzlint rules 列出全部规则及其 id。

# 标题没有写年份时，按这个年度检查（也可在命令行用 --year）
# year: 2024

# 审阅单位批量检查时，要求每份报告都是这个年度的（也可在命令行用 --expect-year）
# expect_year: 2024

# 同一文件中一条规则最多逐条列出的问题数，其余合并为一条（默认 50；0 表示全部列出；也可在命令行用 --max-findings-per-rule）
# max_findings_per_rule: 50

# 本单位自己的规则文件所在目录（相对于本文件）
# rule_dirs: [fzlint-rules]

# 检查目录时跳过的文件
# exclude: ["草稿/**", "**/*备份*.txt"]

# 关闭规则、改变级别或参数（键为规则 id 或类别：parts、dates、structure、form、hygiene、typography）
# rules:
  # level-skip: off
  # thin-shortcomings: error
  # late-publication:
  #   deadline: "04-01"

# 只对部分文件生效的设置（后写的优先）
# per_path:
#   - paths: ["部门/**"]
#     rules:
#       late-publication: {deadline: "03-01"}

# fzlint report 给每份报告的审核结论：通过、补充后通过或退回修改（取最严的一项）
# verdict:
#   error: 退回修改     # 有错误
#   missing: 退回修改   # 缺少必备内容
#   warning: 通过       # 只有警告：通过，警告作为意见附上
#   late: 通过          # 逾期公开

# fzlint report 的应报送单位名单（每行一个单位，或 CSV：单位,简称；相对于本文件）
# roster: 应报送单位.csv

# fzlint report 比较的上一年度报告所在文件夹（找出照抄上一年度的报告；相对于本文件）
# previous: ../上一年度报告

# fzlint report 写的审核意见的落款单位（也是联系单位）
# office: 某县司法局
"#;

#[cfg(test)]
mod tests;
