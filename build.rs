//! Embeds the built-in rule pack (rules/<category>/<id>.yaml) in the binary, and tells
//! the tests what this machine lacks (see `optional_tests`).

use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml")
            && p.parent() != Some(Path::new("rules"))
        {
            out.push(p);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=rules");
    // The pack's version, for `fzlint --version` without loading the pack.
    let pack = fs::read_to_string("rules/pack.yaml").unwrap_or_default();
    let version = pack
        .lines()
        .find_map(|l| l.strip_prefix("version:"))
        .map(|v| v.trim().trim_matches('"').to_string())
        .unwrap_or_default();
    println!("cargo:rustc-env=FZLINT_PACK_VERSION={version}");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut files = Vec::new();
    collect(Path::new("rules"), &mut files);
    files.sort();
    let mut code = String::from("pub const BUILTIN_RULES: &[(&str, &str)] = &[\n");
    for f in &files {
        let name = f.to_string_lossy().replace('\\', "/");
        println!("cargo:rerun-if-changed={name}");
        let abs = root.join(f);
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            abs.to_string_lossy()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("builtin_rules.rs");
    if let Err(e) = fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
    optional_tests(&root);
}

/// Tests that need what a fresh machine may lack are marked ignored, with the reason,
/// when it is absent: `cargo test` then lists them as ignored instead of passing them
/// silently. The cfgs:
/// - `fzlint_no_seeds`: no seed corpus (`../shared/seeds`, or the folder
///   `FZLINT_CORPUS` names);
/// - `fzlint_no_browser`: no Chromium (`/usr/bin/chromium`, or `CHROMIUM`), no `node`
///   on the PATH, or no `tests/browser/node_modules` (`npm ci` in tests/browser).
///
/// With `FZLINT_REQUIRE_SEEDS` or `FZLINT_REQUIRE_BROWSER` set (as `.ci/run` sets
/// them), the cfg is never set, so the tests run and fail where the thing is missing.
/// The build script runs again when these variables change or the things appear or go.
fn optional_tests(root: &Path) {
    println!("cargo::rustc-check-cfg=cfg(fzlint_no_seeds)");
    println!("cargo::rustc-check-cfg=cfg(fzlint_no_browser)");
    for var in [
        "FZLINT_CORPUS",
        "FZLINT_REQUIRE_SEEDS",
        "CHROMIUM",
        "FZLINT_REQUIRE_BROWSER",
    ] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    let corpus = std::env::var_os("FZLINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/seeds"));
    let seeds = watch(root, &corpus) && corpus.is_dir();
    if !seeds && std::env::var_os("FZLINT_REQUIRE_SEEDS").is_none() {
        println!("cargo:rustc-cfg=fzlint_no_seeds");
    }
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let playwright = root.join("tests/browser/node_modules/playwright-core/package.json");
    let has_chromium = watch(root, &chromium);
    let has_playwright = watch(root, &playwright);
    let browser = has_chromium && has_playwright && on_path("node");
    if !browser && std::env::var_os("FZLINT_REQUIRE_BROWSER").is_none() {
        println!("cargo:rustc-cfg=fzlint_no_browser");
    }
}

/// Whether `path` exists. Cargo is asked to run the build script again when it changes
/// or goes, or, while it is absent, when the nearest folder above it that exists
/// changes. A path that does not exist is never watched (Cargo would take it for
/// changed on every build), nor is a folder that holds the repository (Cargo reads a
/// watched folder through).
fn watch(root: &Path, path: &Path) -> bool {
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
        return true;
    }
    let Some(above) = path.ancestors().skip(1).find(|p| p.is_dir()) else {
        return false;
    };
    let holds_root = match (above.canonicalize(), root.canonicalize()) {
        (Ok(a), Ok(r)) => r.starts_with(a),
        _ => true,
    };
    if !holds_root {
        println!("cargo:rerun-if-changed={}", above.display());
    }
    false
}

/// Whether an executable of this name is on the PATH.
fn on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(name).is_file()))
}
