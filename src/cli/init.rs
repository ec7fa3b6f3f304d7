//! `fzlint init`: a commented starter .fzlint.yaml in the current folder.

use super::out::{Out, Status};
use std::path::PathBuf;

pub fn run(out: &mut Out) -> Status {
    let target = PathBuf::from(fzlint::config::NAMES[0]);
    if target.exists() {
        return Status::default().stop(format_args!("{}: 已存在，未改动", target.display()));
    }
    if let Err(e) = std::fs::write(&target, fzlint::config::STARTER) {
        return Status::default().stop(format_args!("{}: 无法写入：{e}", target.display()));
    }
    out.print(&format!(
        "已写入 {}；编辑后即对本目录及其子目录中的报告生效\n",
        target.display()
    ));
    Status::default()
}
