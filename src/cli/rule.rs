//! `fzlint rule ID`: one rule explained, its examples run.

use super::out::{Out, Status, eprint_line, load_rules};
use fzlint::render::rules::explain;
use std::path::PathBuf;

pub fn run(id: &str, dirs: &[PathBuf], out: &mut Out) -> Status {
    let mut status = Status::default();
    let Some(set) = load_rules(dirs, &mut status) else {
        return status;
    };
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
