//! The rule pack: YAML rule files, loaded and validated, and the engine that runs them.

mod checks;
pub mod context;
pub mod engine;
pub mod examples;
pub mod spec;

use crate::analyse::Analysis;
use crate::pack::pattern::Compile;
use crate::pack::vocab::Vocab;
use crate::pack::yaml::{self, YamlError};
use crate::text::{Span, source::Source};
use context::{Compiled, Problem};
use spec::{RuleOverride, RuleSpec};
use std::path::{Path, PathBuf};

pub use crate::pack::BUILTIN_RULES;

/// Categories a rule may belong to (rules.md).
pub const CATEGORIES: &[&str] = &[
    "parts",
    "dates",
    "structure",
    "form",
    "hygiene",
    "typography",
    "tables",
];

/// A category in words, for a drafter (an office's own category as it is named).
pub fn category_words(category: &str) -> &str {
    match category {
        "parts" => "内容要件",
        "dates" => "年度与日期",
        "structure" => "结构与编号",
        "form" => "文种与行文",
        "hygiene" => "文字与残留",
        "typography" => "公文格式",
        "tables" => "表格数据",
        other => other,
    }
}

#[derive(Debug)]
pub struct Rule {
    pub spec: RuleSpec,
    /// Its check, built from the spec when the rule was loaded.
    pub compiled: Compiled,
    /// Where it was read from (rules/parts/missing-plan.yaml, or the user's file).
    pub path: String,
    pub builtin: bool,
    /// The file's text, for `fzlint rule ID`.
    pub text: String,
    /// The user's file that changed this rule's severity or parameters, if any.
    pub overridden_by: Option<String>,
    /// The rule's definition after overrides, so that a second one builds on the first.
    pub merged: Option<serde_json::Value>,
    /// The override file whose examples replaced the rule's own: its path and text.
    pub examples_from: Option<(String, String)>,
}

impl Rule {
    /// A finding of this rule in the rule's wording: how a batch check, whose findings
    /// are made outside the engine ([`spec::Check::batch`]), words them.
    pub fn diagnostic(&self, f: context::Finding) -> crate::diagnostic::Diagnostic {
        engine::to_diagnostic(&self.spec, f)
    }
}

/// Where a finding on the whole report points: its title, else its first line.
pub fn document_anchor(src: &Source, a: &Analysis, vocab: &Vocab) -> Span {
    checks::document_anchor(&context::Ctx::new(src, a, vocab))
}

#[derive(Debug)]
pub struct RuleSet {
    pub vocab: Vocab,
    pub rules: Vec<Rule>,
}

/// The rule files wanted, read as rule specs (side by side when `parallel`), each with
/// its path and text.
fn read_specs<'a>(
    files: &[(&'a str, &'a str)],
    wanted: impl Fn(&str) -> bool + Sync,
    parallel: bool,
) -> Vec<(&'a str, &'a str, Result<RuleSpec, YamlError>)> {
    use rayon::prelude::*;
    let read = |&(path, text): &(&'a str, &'a str)| (path, text, yaml::from_str(path, text));
    if parallel {
        files
            .par_iter()
            .filter(|(p, _)| wanted(p))
            .map(read)
            .collect()
    } else {
        files.iter().filter(|(p, _)| wanted(p)).map(read).collect()
    }
}

impl RuleSet {
    /// The built-in 法治政府建设年度报告 pack alone.
    pub fn builtin() -> Result<RuleSet, Vec<YamlError>> {
        Self::builtin_pack(crate::pack::default_pack()).expect("the default pack is built in")
    }

    /// A built-in pack by id (None when there is no such pack).
    pub fn builtin_pack(id: &str) -> Option<Result<RuleSet, Vec<YamlError>>> {
        let (path, text, rules) = crate::pack::builtin(id)?;
        Some(Self::from_pack(path, text, rules, true))
    }

    /// A pack from its file and rule files, with the rules it includes from the
    /// built-in packs.
    fn from_pack(
        path: &str,
        text: &str,
        rules: &[(&'static str, &'static str)],
        builtin: bool,
    ) -> Result<RuleSet, Vec<YamlError>> {
        // Reading the pack is most of fzlint's start-up: the vocabulary and the rule
        // files are read side by side, then checked in order. Their patterns are
        // compiled when first used, so that a run pays only for those it needs.
        // Inside a pool (another pack, read under a lock the first time a report of
        // its genre needs it) they are read one after the other: a thread that waits
        // for its side of a join takes up other jobs meanwhile, and a report of the
        // same genre among them would wait for that lock for ever.
        let parallel = rayon::current_thread_index().is_none();
        let (file, mut specs) = if parallel {
            rayon::join(
                || Vocab::read(path, text),
                || read_specs(rules, |_| true, true),
            )
        } else {
            (Vocab::read(path, text), read_specs(rules, |_| true, false))
        };
        let file = file.map_err(|e| vec![e])?;
        let mut errors = Vec::new();
        let at_include = |msg| {
            let (l, c) = position_of_key(text, "include");
            YamlError::new(path, text, l, c, msg)
        };
        for inc in &file.include {
            let Some((_, _, theirs)) = crate::pack::builtin(&inc.pack) else {
                let msg = format!("include: 没有名为“{}”的内置规则包", inc.pack);
                errors.push(at_include(msg));
                continue;
            };
            let before = specs.len();
            // A built-in rule lives at <category>/<id>.yaml (tests/rules_meta.rs), so its
            // path says whether it is wanted before it is read.
            let wanted = |p: &str| {
                let mut up = Path::new(p).iter().rev();
                let id = up.next().and_then(|f| Path::new(f).file_stem());
                let category = up.next();
                id.is_some_and(|id| inc.rules.iter().any(|r| id == r.as_str()))
                    || category.is_some_and(|c| inc.categories.iter().any(|k| c == k.as_str()))
            };
            specs.extend(read_specs(theirs, wanted, parallel));
            let got: Vec<&str> = specs[before..]
                .iter()
                .filter_map(|(_, _, s)| s.as_ref().ok().map(|s| s.id.as_str()))
                .collect();
            for id in inc.rules.iter().filter(|id| !got.contains(&id.as_str())) {
                let msg = format!("include: 规则包“{}”没有规则“{id}”", inc.pack);
                errors.push(at_include(msg));
            }
        }
        let vocab = Vocab::compile(file, Compile::OnFirstUse)
            .map_err(|e| vec![YamlError::new(path, text, 0, 0, e)])?;
        let mut set = RuleSet {
            vocab,
            rules: Vec::new(),
        };
        errors.extend(specs.into_iter().filter_map(|(path, text, spec)| {
            spec.and_then(|spec| set.push(path, text, spec, builtin, Compile::OnFirstUse))
                .err()
        }));
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
    }

    /// A pack of an office's own, from a folder: its `pack.yaml` and the rule files of
    /// its category folders, with the errors of the rule files that could not be added;
    /// Err when the pack file itself cannot be used.
    pub fn pack_dir(dir: &Path) -> Result<(RuleSet, Vec<YamlError>), Vec<YamlError>> {
        let file = dir.join("pack.yaml");
        let name = file.display().to_string();
        let text = std::fs::read_to_string(&file).map_err(|e| {
            let msg = format!("无法读取规则包文件：{e}");
            vec![YamlError::new(&name, "", 0, 0, msg)]
        })?;
        let mut set = Self::from_pack(&name, &text, &[], false)?;
        let mut errors = set.add_dir(dir);
        errors.extend(set.check_references());
        Ok((set, errors))
    }

    /// The pack named (a built-in id, or an office's pack folder; the default pack when
    /// None) plus the rule files under `dirs`, with the errors of the files that could
    /// not be added (and of unknown ids in `suppresses`); Err when the pack itself cannot
    /// be used.
    pub fn with_pack(
        pack: Option<&str>,
        dirs: &[PathBuf],
    ) -> Result<(RuleSet, Vec<YamlError>), Vec<YamlError>> {
        let (mut set, mut errors) = match pack {
            None => (RuleSet::builtin()?, Vec::new()),
            Some(id) => match Self::builtin_pack(id) {
                Some(set) => (set?, Vec::new()),
                None if Path::new(id).is_dir() => Self::pack_dir(Path::new(id))?,
                None => {
                    let known: Vec<&str> = crate::pack::BUILTIN_PACKS.iter().map(|p| p.0).collect();
                    let msg = format!(
                        "未知的规则包“{id}”：内置的有 {}，或给出规则包所在的文件夹（内含 pack.yaml）",
                        known.join("、")
                    );
                    return Err(vec![YamlError::new(id, "", 0, 0, msg)]);
                }
            },
        };
        errors.extend(dirs.iter().flat_map(|d| set.add_dir(d)));
        errors.extend(set.check_references());
        Ok((set, errors))
    }

    /// Adds every `.yaml`/`.yml` file under `dir`; returns the errors of the files that
    /// could not be added (the others are added).
    pub fn add_dir(&mut self, dir: &Path) -> Vec<YamlError> {
        if !dir.is_dir() {
            let msg = "不是一个目录".to_string();
            return vec![YamlError::new(&dir.display().to_string(), "", 0, 0, msg)];
        }
        let read = |name: &str, p: &Path| match std::fs::read(p) {
            Ok(bytes) => String::from_utf8(bytes)
                .map_err(|_| YamlError::new(name, "", 0, 0, "规则文件不是 UTF-8 文本".into())),
            Err(e) => Err(YamlError::new(name, "", 0, 0, format!("无法读取：{e}"))),
        };
        let mut files: Vec<_> = walkdir::WalkDir::new(dir)
            .follow_links(false)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
            // A pack's own file, beside its category folders, is no rule.
            .filter(|p| {
                !(p.parent() == Some(dir) && p.file_name().is_some_and(|n| n == "pack.yaml"))
            })
            .map(|p| {
                let name = p.display().to_string();
                let text = read(&name, &p);
                (
                    text.as_ref().is_ok_and(|t| Self::is_override(t)),
                    name,
                    p,
                    text,
                )
            })
            .collect();
        // Rules first, then the files that change rules (which may name a rule of this
        // folder that sorts after them).
        files.sort_by(|a, b| (a.0, &a.2).cmp(&(b.0, &b.2)));
        files
            .into_iter()
            .filter_map(|(_, name, _, text)| text.and_then(|t| self.add(&name, &t, false)).err())
            .collect()
    }

    /// Parses and validates one rule file; its patterns are compiled now, so that one
    /// over the size limit is an error here.
    pub fn add(&mut self, path: &str, text: &str, builtin: bool) -> Result<(), YamlError> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        if !builtin && Self::is_override(text) {
            return self.add_override(path, text);
        }
        let spec: RuleSpec = yaml::from_str(path, text)?;
        self.push(path, text, spec, builtin, Compile::Now)
    }

    /// Adds a rule read from `text`, once it is valid, its patterns compiled `when`
    /// asked.
    fn push(
        &mut self,
        path: &str,
        text: &str,
        spec: RuleSpec,
        builtin: bool,
        when: Compile,
    ) -> Result<(), YamlError> {
        // A pattern that does not compile is told first, a parameter the check cannot
        // use after the rule's wording.
        let compiled = checks::compile_rule(&spec, when);
        if let Err(Problem::Pattern(msg)) = &compiled {
            return Err(Self::check_error(path, text, msg, msg.clone()));
        }
        self.validate(path, text, &spec)?;
        let compiled = compiled.map_err(|p| Self::problem_error(path, text, p))?;
        self.rules.push(Rule {
            spec,
            compiled,
            path: path.to_string(),
            builtin,
            text: text.to_string(),
            overridden_by: None,
            merged: None,
            examples_from: None,
        });
        Ok(())
    }

    /// An error in the check of the rule read from `text`, pointed at `near` in it.
    fn check_error(path: &str, text: &str, near: &str, msg: String) -> YamlError {
        let (l, c) = position_of_key(text, "check");
        let (l, c) = yaml::refine(text, l, c, near);
        YamlError::new(path, text, l, c, msg)
    }

    /// The check of the rule read from `text` cannot be built: the error points at the
    /// pattern (which the message quotes), or near the parameter, at fault.
    fn problem_error(path: &str, text: &str, problem: Problem) -> YamlError {
        match problem {
            Problem::Pattern(msg) => Self::check_error(path, text, &msg, msg.clone()),
            Problem::Param(key, msg) => Self::check_error(path, text, &format!("`{key}`"), msg),
        }
    }

    /// Whether a file is an override (`override:` as a top-level key).
    fn is_override(text: &str) -> bool {
        text.lines().any(|l| {
            let key = l
                .trim_start_matches('\u{FEFF}')
                .trim_start_matches(['"', '\'']);
            key.starts_with("override")
                && key["override".len()..]
                    .trim_start_matches(['"', '\''])
                    .trim_start()
                    .starts_with(':')
        })
    }

    /// Applies an override file to the rule it names.
    fn add_override(&mut self, path: &str, text: &str) -> Result<(), YamlError> {
        let o: RuleOverride = yaml::from_str(path, text)?;
        let target_at = position_of_key(text, "override");
        let params_at = position_of_key(text, "params");
        self.apply_override(&o, path, text, target_at, params_at)
    }

    /// Changes a rule as `o` says; errors point into `text` (the file that asked) at
    /// `target_at` (an unknown rule) or near `params_at` (a parameter the kind rejects).
    pub fn apply_override(
        &mut self,
        o: &RuleOverride,
        path: &str,
        text: &str,
        target_at: (usize, usize),
        params_at: (usize, usize),
    ) -> Result<(), YamlError> {
        let fail =
            |at: (usize, usize), msg: String| Err(YamlError::new(path, text, at.0, at.1, msg));
        let target = &o.target;
        let Some(idx) = self.rules.iter().position(|r| r.spec.id == *target) else {
            return fail(target_at, format!("没有 id 为 “{target}” 的规则可以覆盖"));
        };
        if o.params.contains_key("kind") {
            return fail(params_at, "params 不能改变检查方式（kind）".to_string());
        }
        let base = &self.rules[idx];
        let mut value: serde_json::Value = match &base.merged {
            Some(v) => v.clone(),
            None => match serde_saphyr::from_str(&base.text) {
                Ok(v) => v,
                Err(e) => return fail(target_at, format!("无法读取被覆盖的规则：{e}")),
            },
        };
        if let Some(check) = value.get_mut("check").and_then(|c| c.as_object_mut()) {
            check.extend(o.params.clone());
        }
        if let Some(obj) = value.as_object_mut() {
            // New wording replaces the rule's, including the wording of its variants.
            if o.message.is_some() || o.label.is_some() || o.help.is_some() {
                obj.remove("variants");
            }
            if !o.labels.is_empty() {
                let labels = obj.entry("labels").or_insert_with(|| serde_json::json!({}));
                if let Some(labels) = labels.as_object_mut() {
                    labels.extend(o.labels.iter().map(|(k, v)| (k.clone(), v.as_str().into())));
                }
            }
            if let Some(examples) = &o.examples {
                obj.insert(
                    "examples".into(),
                    serde_json::to_value(examples).unwrap_or_default(),
                );
            }
            let severity = o.severity.map(|s| s.name().to_string());
            for (k, v) in [
                ("severity", &severity),
                ("message", &o.message),
                ("label", &o.label),
                ("help", &o.help),
            ] {
                if let Some(v) = v {
                    obj.insert(k.into(), v.as_str().into());
                }
            }
        }
        let bad_params = |e: &dyn std::fmt::Display| {
            let msg = format!("参数有误：{e}");
            let (l, c) = yaml::refine(text, params_at.0, params_at.1, &msg);
            Err(YamlError::new(path, text, l, c, msg))
        };
        let spec: RuleSpec = match serde_json::from_value(value.clone()) {
            Ok(s) => s,
            Err(e) => return bad_params(&e),
        };
        let compiled = checks::compile_rule(&spec, Compile::Now);
        if let Err(Problem::Pattern(e)) = &compiled {
            return bad_params(e);
        }
        // Validated as the rule it becomes (its id is taken by itself, so set it aside).
        let old = self.rules.remove(idx);
        let compiled = self
            .validate(path, text, &spec)
            .and_then(|()| compiled.map_err(|p| Self::problem_error(path, text, p)));
        let compiled = match compiled {
            Ok(c) => c,
            Err(e) => {
                self.rules.insert(idx, old);
                return Err(e);
            }
        };
        let by = match &old.overridden_by {
            Some(earlier) => format!("{earlier}、{path}"),
            None => path.to_string(),
        };
        let ours = o
            .examples
            .as_ref()
            .map(|_| (path.to_string(), text.to_string()));
        let rule = Rule {
            spec,
            compiled,
            overridden_by: Some(by),
            merged: Some(value),
            examples_from: ours.or(old.examples_from),
            ..old
        };
        self.rules.insert(idx, rule);
        Ok(())
    }

    /// Checks a rule beyond what its types say: id form, category, uniqueness, wording.
    fn validate(&self, path: &str, text: &str, spec: &RuleSpec) -> Result<(), YamlError> {
        let fail = |key: &str, msg: String| {
            let (l, c) = position_of_key(text, key);
            Err(YamlError::new(path, text, l, c, msg))
        };
        let (id, category) = (&spec.id, &spec.category);
        if !is_kebab(id) {
            return fail("id", format!("规则 id “{id}” 应为小写字母、数字和连字符"));
        }
        if !CATEGORIES.contains(&category.as_str()) {
            let all = CATEGORIES.join(", ");
            return fail("category", format!("未知的类别 “{category}”，可用：{all}"));
        }
        if self.rules.iter().any(|r| r.spec.id == *id) {
            return fail("id", format!("规则 id “{id}” 已被使用"));
        }
        let mut one_line = [("message", &spec.message), ("summary", &spec.summary)]
            .into_iter()
            .chain(spec.label.iter().map(|l| ("label", l)))
            .chain(spec.labels.values().map(|l| ("labels", l)));
        if let Some((key, _)) = one_line.find(|(_, s)| s.contains('\n')) {
            return fail(key, format!("{key} 只能有一行"));
        }
        if let Some(bad) = self.unknown_part(spec) {
            let known: Vec<&str> = self.vocab.part_ids().map(|p| p.id()).collect();
            let (pack, known) = (&self.vocab.id, known.join(", "));
            let msg = format!("未知的部分 “{bad}”（规则包 {pack} 的部分：{known}）");
            return Err(Self::check_error(path, text, &msg, msg.clone()));
        }
        if spec.message.ends_with('。') {
            return fail("message", "message 末尾不加句号".to_string());
        }
        if let Some(msg) = examples::misuse(&spec.examples) {
            return fail("examples", msg.to_string());
        }
        // Mistakes the types let through but that would make the rule silent or garbled.
        let kind = spec.check.kind();
        let listed = |names: &[&str]| {
            if names.is_empty() {
                "无".to_string()
            } else {
                names.join(", ")
            }
        };
        // A variant or label (`what`) the kind does not have.
        let unknown = |what: &str, name: &str, known: &[&str]| {
            let (kind, known) = (kind.name, listed(known));
            format!("{kind} 检查没有名为 “{name}” 的{what}（可用：{known}）")
        };
        let odd = spec
            .variants
            .keys()
            .find(|n| !kind.variants.contains(&n.as_str()));
        if let Some(name) = odd {
            return fail("variants", unknown("情形", name, kind.variants));
        }
        if let Some(name) = spec.labels.keys().find(|n| kind.label(n).is_none()) {
            let names: Vec<&str> = kind.labels.iter().map(|(n, _)| *n).collect();
            return fail("labels", unknown("标注", name, &names));
        }
        let mut wording: Vec<(&str, &str)> = vec![("message", spec.message.as_str())];
        wording.extend(spec.label.as_deref().map(|l| ("label", l)));
        wording.extend(spec.help.as_deref().map(|h| ("help", h)));
        for v in spec.variants.values() {
            wording.push(("variants", v.message.as_str()));
            wording.extend(v.label.as_deref().map(|l| ("variants", l)));
            wording.extend(v.help.as_deref().map(|h| ("variants", h)));
        }
        wording.extend(spec.labels.values().map(|l| ("labels", l.as_str())));
        for (key, w) in wording {
            if let Some(name) = placeholders(w).into_iter().find(|n| !kind.vars.contains(n)) {
                let (kind, vars) = (kind.name, listed(kind.vars));
                return fail(
                    key,
                    format!("未知的占位符 {{{name}}}（{kind} 检查提供：{vars}）"),
                );
            }
        }
        Ok(())
    }

    /// A part the rule names (in its check or its `when`) that the pack does not define.
    fn unknown_part(&self, spec: &RuleSpec) -> Option<String> {
        const KEYS: [&str; 7] = [
            "part",
            "parts",
            "when",
            "include",
            "order",
            "has_part",
            "lacks_part",
        ];
        fn walk(v: &serde_json::Value, named: bool, out: &mut Vec<String>) {
            match v {
                serde_json::Value::String(s) if named => out.push(s.clone()),
                serde_json::Value::Array(a) if named => {
                    a.iter().for_each(|x| walk(x, true, out));
                }
                serde_json::Value::Object(m) => {
                    for (k, x) in m {
                        walk(x, KEYS.contains(&k.as_str()), out);
                    }
                }
                _ => {}
            }
        }
        let mut named = Vec::new();
        for v in [
            serde_json::to_value(&spec.check),
            serde_json::to_value(&spec.when),
        ]
        .into_iter()
        .flatten()
        {
            walk(&v, false, &mut named);
        }
        named
            .into_iter()
            .find(|id| self.vocab.part(crate::pack::Part::named(id)).is_none())
    }

    /// Rules named in `suppresses` that do not exist: (file, error) for each.
    pub fn check_references(&self) -> Vec<YamlError> {
        let unknown = |r: &Rule, id: &String| {
            let (l, c) = position_of_key(&r.text, "suppresses");
            let (l, c) = yaml::refine(&r.text, l, c, &format!("“{id}”"));
            let msg = format!("suppresses 中的 “{id}” 不是已知的规则");
            YamlError::new(&r.path, &r.text, l, c, msg)
        };
        let refs = self
            .rules
            .iter()
            .flat_map(|r| r.spec.suppresses.iter().map(move |id| (r, id)));
        refs.filter(|(_, id)| self.get(id).is_none())
            .map(|(r, id)| unknown(r, id))
            .collect()
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.spec.id == id)
    }

    /// Rules by category, then id.
    pub fn sorted(&self) -> Vec<&Rule> {
        let mut v: Vec<&Rule> = self.rules.iter().collect();
        let cat = |r: &Rule| CATEGORIES.iter().position(|c| *c == r.spec.category);
        v.sort_by_key(|&r| (cat(r).unwrap_or(99), &r.spec.id));
        v
    }
}

/// The `{name}` placeholders in a template.
fn placeholders(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if after[..close]
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_')
                    && close > 0 =>
            {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Line and column (1-based) of a top-level `key:` in a YAML text, for errors found
/// after deserialising.
pub fn position_of_key(text: &str, key: &str) -> (usize, usize) {
    let prefix = format!("{key}:");
    text.lines()
        .position(|l| l.starts_with(&prefix))
        .map_or((1, 1), |i| (i + 1, prefix.len() + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_pattern_compiles() {
        // The built-in pack's patterns are compiled when first used; here every one of
        // them is compiled now (the vocabulary's are, by its own tests).
        assert!(BUILTIN_RULES.len() >= 30, "{}", BUILTIN_RULES.len());
        for (path, text) in BUILTIN_RULES {
            let spec = yaml::from_str::<RuleSpec>(path, text).unwrap();
            checks::compile_rule(&spec, Compile::Now).unwrap_or_else(|e| panic!("{path}: {e:?}"));
        }
    }

    /// Another pack is read inside the pipeline's pool, the first time a report of its
    /// genre needs it, and there its files are read one after the other: the pack read
    /// that way is the same as the pack read outside a pool, side by side.
    #[test]
    fn a_pack_read_inside_a_pool_is_the_pack_read_outside() {
        let outside = RuleSet::builtin_pack("xxgk").unwrap().unwrap();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let inside = pool.install(|| {
            assert!(rayon::current_thread_index().is_some());
            RuleSet::builtin_pack("xxgk").unwrap().unwrap()
        });
        let ids = |set: &RuleSet| {
            set.rules
                .iter()
                .map(|r| (r.spec.id.clone(), r.path.clone()))
                .collect::<Vec<_>>()
        };
        assert!(ids(&outside).len() > 10, "{:?}", ids(&outside));
        assert_eq!(ids(&inside), ids(&outside));
        assert_eq!(inside.vocab.version, outside.vocab.version);
    }

    #[test]
    fn an_override_rewords_labels_by_name() {
        let mut set = RuleSet::builtin().unwrap();
        let o = "override: numbering-gap\nlabels:\n  prev: 前一个标题是{prev}\n";
        set.add("o.yaml", o, false).unwrap();
        let spec = &set.get("numbering-gap").unwrap().spec;
        assert_eq!(spec.label_wording("prev"), "前一个标题是{prev}");
        assert_eq!(spec.label_wording("lost"), "这一行像是丢了编号的标题");
        for (o, why) in [
            (
                "override: numbering-gap\nlabels:\n  previous: x\n",
                "previous",
            ),
            (
                "override: numbering-gap\nlabels:\n  prev: \"{titel}\"\n",
                "titel",
            ),
        ] {
            let e = set.add("p.yaml", o, false).unwrap_err();
            assert!(e.message.contains(why), "{e}");
            assert_eq!(e.line, 2, "{e}");
        }
    }
}
