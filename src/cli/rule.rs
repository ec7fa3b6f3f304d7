//! `fzlint rule ID`: one rule explained, its examples run.

use super::args::RuleArgs;
use super::out::{Out, Status, eprint_line, load_pack};
use fzlint::render::FileReport;
use fzlint::render::human;
use fzlint::render::overview::copies;
use fzlint::render::rules::explain;
use fzlint::rules::{Rule, examples};
use std::path::PathBuf;

pub fn run(id: &str, rules: &RuleArgs, out: &mut Out) -> Status {
    let (dirs, pack) = (&rules.rules, rules.pack.as_deref());
    let mut status = Status::default();
    let Some(mut set) = load_pack(pack, dirs, &mut status) else {
        return status;
    };
    // Without a pack named, a rule of any built-in pack is found.
    if set.get(id).is_none() && pack.is_none() {
        let others = fzlint::pack::BUILTIN_PACKS[1..].iter().map(|p| p.0);
        if let Some(other) = others
            .filter_map(|p| fzlint::rules::RuleSet::with_pack(Some(p), dirs).ok())
            .map(|(s, _)| s)
            .find(|s| s.get(id).is_some())
        {
            set = other;
        }
    }
    let Some(rule) = set.get(id) else {
        return status.stop(format_args!(
            "没有 id 为 “{id}” 的规则；fzlint rules 列出全部规则"
        ));
    };
    let (text, behave) = explain(&set, rule);
    out.print(&text);
    if !behave {
        eprint_line(&format!(
            "error: {}: 有示例与预期不符（见上面标 ✗ 的示例）",
            rule.path
        ));
        status.failures += 1;
    }
    status
}

/// `fzlint test-rules [DIR…]`: every example of the rules in the folders (the rules they
/// add and the built-in rules they change), or of the built-in rules when none is given,
/// one line each in the compiler's form; a failure shows what the rule found. Exit 1
/// when any example does not behave.
pub fn test(dirs: &[PathBuf], out: &mut Out) -> Status {
    let mut status = Status::default();
    let Some(set) = load_pack(None, dirs, &mut status) else {
        return status;
    };
    let tested = |r: &&Rule| {
        if dirs.is_empty() {
            r.builtin
        } else {
            !r.builtin || r.overridden_by.is_some()
        }
    };
    let (mut passed, mut failed) = (0, 0);
    let mut text = String::new();
    for rule in set.rules.iter().filter(tested) {
        let places = examples::places(rule);
        for (run, (path, line, col)) in examples::run(&set, rule, copies::example)
            .iter()
            .zip(places)
        {
            let id = &rule.spec.id;
            let title = run.title();
            if run.behaves() {
                passed += 1;
                text += &format!("{path}:{line}:{col}: ok[{id}] {title}\n");
                continue;
            }
            failed += 1;
            for p in &run.problems {
                text += &format!("{path}:{line}:{col}: 不符[{id}] {title}：{p}\n");
            }
            if let Some(want) = run.example.expecting() {
                text += &format!("  预期：{}\n", examples::expectation(want));
            }
            if rule.overridden_by.is_some() && rule.examples_from.is_none() {
                text += &format!(
                    "  说明：这是内置示例，参数已被 {} 覆盖；可在覆盖文件中写 examples: 替换它\n",
                    rule.overridden_by.as_deref().unwrap_or_default()
                );
            }
            text.extend(found(run).lines().map(|l| format!("  {l}\n")));
        }
    }
    if passed + failed == 0 {
        // A folder whose rule files all have errors has said so already.
        if status.config > 0 {
            return status;
        }
        return status.stop("这些文件夹中没有规则文件或覆盖文件，没有示例可运行");
    }
    text += &format!(
        "\n示例 {} 个：{passed} 个符合预期，{failed} 个不符\n",
        passed + failed
    );
    out.print(&text);
    status.failures += failed;
    status
}

/// What the rule found in an example, as the human output shows it.
fn found(run: &examples::Run) -> String {
    if run.diagnostics.is_empty() {
        return "实际：没有报告\n".to_string();
    }
    let report = FileReport::new(&run.src, &run.diagnostics);
    format!("实际：\n{}", human::render(&report, false))
}
