//! What fzlint writes (`--fix`, `-o`, `--write-baseline`) it writes safely: never
//! through a symbolic link, never over a read-only or hard-linked file, with the
//! original's permissions, leaving no temporary file; one left by an interrupted write
//! is named.
#![cfg(unix)]

mod common;
use common::*;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

const PADDED: &str = "青石镇2024年度法治政府建设工作报告\n一、主要举措\n全年审查决策5件。\n特此报告。\n青石镇人民政府\n2025年02月07日\n";

fn fix(path: &Path) -> std::process::Output {
    fzlint(&["check", "--isolated", "--fix", path.to_str().unwrap()])
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".fzlint-tmp"))
        .collect()
}

#[test]
fn fix_keeps_the_mode_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("r.txt");
    std::fs::write(&p, PADDED).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    let o = fix(&p);
    assert!(stderr(&o).contains("已修复"), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&p)
            .unwrap()
            .contains("2025年2月7日")
    );
    let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn fix_refuses_a_link_a_read_only_file_and_a_hard_linked_file() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.txt");
    std::fs::write(&real, PADDED).unwrap();
    // A symbolic link: neither it nor the file it points at is touched.
    let link = dir.path().join("link.txt");
    symlink(&real, &link).unwrap();
    let o = fix(&link);
    assert!(stderr(&o).contains("符号链接"), "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&real).unwrap(), PADDED);
    // A hard link elsewhere: replacing the file would break it.
    let other = dir.path().join("other.txt");
    std::fs::hard_link(&real, &other).unwrap();
    let o = fix(&real);
    assert!(stderr(&o).contains("硬链接"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&other).unwrap(), PADDED);
    std::fs::remove_file(&other).unwrap();
    // Read-only.
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = fix(&real);
    assert!(stderr(&o).contains("只读"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&real).unwrap(), PADDED);
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn output_and_baseline_files_are_never_written_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep").unwrap();
    for (i, args) in [
        ["check", "--isolated", "-o"],
        ["check", "--isolated", "--write-baseline"],
    ]
    .iter()
    .enumerate()
    {
        let link = dir.path().join(format!("out{i}.json"));
        symlink(&victim, &link).unwrap();
        let mut a: Vec<&str> = args.to_vec();
        let l = link.to_str().unwrap().to_string();
        a.push(&l);
        a.push("examples/sample-report.txt");
        let o = fzlint(&a);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("符号链接"), "{args:?}: {}", stderr(&o));
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            "keep",
            "{args:?}"
        );
    }
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn a_temporary_file_an_interrupted_write_left_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("r.txt");
    std::fs::write(&p, PADDED).unwrap();
    std::fs::write(dir.path().join(".r.txt.Xq3vZ1.fzlint-tmp"), "half").unwrap();
    let o = fix(&p);
    assert!(
        stderr(&o).contains(".r.txt.Xq3vZ1.fzlint-tmp"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("临时文件"), "{}", stderr(&o));
    // Named once however many files the run writes in that folder; and the file the
    // run itself is writing there (-o beside --fix) is never taken for one.
    let q = dir.path().join("q.txt");
    std::fs::write(&q, PADDED).unwrap();
    let out = dir.path().join("out.txt");
    let fix_to_out = |files: &[&Path]| {
        let mut args = vec!["check", "--isolated", "--fix", "-o", out.to_str().unwrap()];
        args.extend(files.iter().map(|f| f.to_str().unwrap()));
        fzlint(&args)
    };
    let o = fix_to_out(&[&p, &q]);
    let err = stderr(&o);
    assert_eq!(err.matches("临时文件").count(), 1, "{err}");
    assert!(err.contains(".r.txt.Xq3vZ1.fzlint-tmp"), "{err}");
    std::fs::remove_file(dir.path().join(".r.txt.Xq3vZ1.fzlint-tmp")).unwrap();
    std::fs::write(&p, PADDED).unwrap();
    let o = fix_to_out(&[&p]);
    assert!(!stderr(&o).contains("临时文件"), "{}", stderr(&o));
    assert!(stderr(&o).contains("已修复"), "{}", stderr(&o));
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}
