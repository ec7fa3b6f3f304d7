//! The HTML pages fzlint writes, checked in headless Chromium (tests/browser/*.mjs,
//! driven by playwright-core). They run where the build finds Chromium, Node.js and
//! tests/browser/node_modules; elsewhere they are ignored, and `cargo test` lists them
//! so with the reason (build.rs sets `fzlint_no_browser`). `.ci/run` installs Chromium
//! and the npm package and sets FZLINT_REQUIRE_BROWSER=1, so there they always run and
//! fail if something is missing.

mod common;

use common::*;
use std::path::PathBuf;
use std::process::Command;

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// Whether the browser checks can run here; when they cannot, why.
fn ready() -> Result<(), String> {
    if !chromium().is_file() {
        return Err(format!("no Chromium at {}", chromium().display()));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Err("no node on PATH".into());
    }
    if !root()
        .join("tests/browser/node_modules/playwright-core")
        .is_dir()
    {
        return Err("tests/browser/node_modules is missing (npm ci in tests/browser)".into());
    }
    Ok(())
}

#[test]
#[cfg_attr(
    fzlint_no_browser,
    ignore = "needs Chromium, node and tests/browser/node_modules (npm ci in tests/browser)"
)]
fn the_overview_page_works_in_chromium() {
    if let Err(why) = ready() {
        panic!("the browser checks cannot run: {why}");
    }
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    for sub in ["tests/fixtures/rules", "tests/fixtures/clean"] {
        for e in std::fs::read_dir(root().join(sub)).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "txt") {
                std::fs::copy(e.path(), reports.join(e.file_name())).unwrap();
            }
        }
    }
    let page = dir.path().join("overview.html");
    // A roster of some of the clean reports' units and one that has not submitted.
    let roster = dir.path().join("名单.txt");
    std::fs::write(
        &roster,
        "沙洲市司法局\n云岭县人民政府\n东湖街道办事处\n石岗镇人民政府\n无名镇人民政府\n",
    )
    .unwrap();
    let notices = dir.path().join("意见");
    // One matrix, the one the page's script drives: every report read with one pack.
    let o = fzlint(&[
        "report",
        "--isolated",
        "--pack",
        "fazhi",
        reports.to_str().unwrap(),
        "-o",
        page.to_str().unwrap(),
        "--roster",
        roster.to_str().unwrap(),
        "--notices",
        notices.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let run = Command::new("node")
        .arg(root().join("tests/browser/overview.mjs"))
        .arg(&page)
        .env("CHROMIUM", chromium())
        .output()
        .expect("node runs");
    let out = String::from_utf8_lossy(&run.stdout);
    println!("{out}");
    assert!(
        run.status.success(),
        "{out}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(out.contains("ok: every printed page is A4"), "{out}");
}
