//! The files a run lints: the paths as given, folders walked in a stable order.

use super::out::{Status, report_problems};
use fzlint::resolve::Resolver;
use fzlint::text::Format;
use std::path::{Path, PathBuf};

/// A file to lint, and whether it was named on the command line (a file found in a
/// folder can be excluded by its config; one named is always linted).
pub type Named = (PathBuf, bool);

/// The files the paths name, in a stable order: explicit files as given, folders
/// walked sorted, files a config excludes left out. Paths that cannot be read are
/// reported and counted. None, with the error printed, when there are no files.
pub fn files_to_lint(
    paths: &[PathBuf],
    resolver: &mut Resolver,
    status: &mut Status,
) -> Option<Vec<Named>> {
    let mut files = expand(paths, status);
    files.retain(|(p, explicit)| {
        let keep = *explicit || !resolver.excluded(p);
        report_problems(resolver, status);
        keep
    });
    if files.is_empty() {
        status.error("没有找到可检查的报告（目录中只检查 .txt、.md、.docx 和 .html 文件）");
        return None;
    }
    Some(files)
}

/// Files to lint, in a stable order: explicit files as given (true), folders walked
/// sorted (false).
fn expand(paths: &[PathBuf], status: &mut Status) -> Vec<Named> {
    let mut out = Vec::new();
    let mut stdin_seen = false;
    for p in paths {
        // Standard input can be read once.
        if p.as_os_str() == "-" && std::mem::replace(&mut stdin_seen, true) {
            status.input_error("-: 标准输入只能读一次，多写的 - 未检查");
            continue;
        }
        if p.as_os_str() == "-" || !p.is_dir() {
            out.push((p.clone(), true));
            continue;
        }
        // .gitignore (in a git checkout or not) and .fzlintignore are honoured, as in
        // ripgrep; files named on the command line are always linted.
        let walker = ignore::WalkBuilder::new(p)
            .follow_links(false)
            .require_git(false)
            .add_custom_ignore_filename(".fzlintignore")
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            match entry {
                Ok(e)
                    if e.file_type().is_some_and(|t| t.is_file())
                        && is_report(e.path())
                        && !is_own_overview(e.path())
                        && !is_own_notice(e.path()) =>
                {
                    // `fzlint check .` names files as `a/b.txt`, not `./a/b.txt`.
                    let path = e.into_path();
                    let path = match path.strip_prefix(".") {
                        Ok(rest) if p.as_os_str() == "." => rest.to_path_buf(),
                        _ => path,
                    };
                    out.push((path, false))
                }
                Ok(_) => {}
                Err(err) => {
                    status.input_error(format_args!("{}: 无法读取目录：{err}", p.display()));
                }
            }
        }
    }
    out
}

/// An overview page `fzlint report` wrote (found when a folder is walked again).
fn is_own_overview(p: &Path) -> bool {
    if Format::of(&p.to_string_lossy()) != Format::Html {
        return false;
    }
    let mut head = [0u8; 1024];
    let n = std::fs::File::open(p)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    memchr::memmem::find(&head[..n], b"<meta name=\"generator\" content=\"fzlint").is_some()
}

/// A notice `fzlint report --notices` wrote (found when a folder is walked again).
fn is_own_notice(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if !(name.ends_with("意见.txt") || name.ends_with("意见.docx")) {
        return false;
    }
    let mut head = [0u8; 16];
    let n = std::fs::File::open(p)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    fzlint::render::overview::notice::is_notice(&name, &head[..n])
}

/// Files a folder walk lints: text, Markdown, Word and HTML reports.
fn is_report(p: &Path) -> bool {
    is_text_report(p) || Format::of(&p.to_string_lossy()) != Format::Text
}

/// Files `--fix` may rewrite: plain text and Markdown.
pub fn is_text_report(p: &Path) -> bool {
    p.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
}
