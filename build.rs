//! Embeds the built-in rule packs in the binary (the 法治政府建设年度报告 pack:
//! rules/pack.yaml and rules/<category>/<id>.yaml; every other pack:
//! packs/<id>/pack.yaml and packs/<id>/<category>/<id>.yaml), writes the
//! table that reads traditional characters as simplified (see `traditional`), and tells
//! the tests what this machine lacks (see `optional_tests`).

use std::fs;
use std::path::{Path, PathBuf};

/// Every rule file under a pack's folder `top`: the `.yaml` files of its category
/// folders (the pack file itself, at the top, is not a rule).
fn collect(top: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(top, &p, out);
        } else if p.extension().is_some_and(|x| x == "yaml") && p.parent() != Some(top) {
            out.push(p);
        }
    }
}

/// The `id:` of a pack file.
fn pack_id(text: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix("id:"))
        .map(|v| v.trim().trim_matches('"').to_string())
        .unwrap_or_default()
}

/// The code of one pack's rule files, as a slice of (path, text).
fn rule_list(root: &Path, top: &Path) -> String {
    let mut files = Vec::new();
    collect(top, top, &mut files);
    files.sort();
    let mut code = String::from("&[\n");
    for f in &files {
        let name = f.to_string_lossy().replace('\\', "/");
        println!("cargo:rerun-if-changed={name}");
        let abs = root.join(f);
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            abs.to_string_lossy()
        ));
    }
    code.push(']');
    code
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
    println!("cargo:rerun-if-changed=packs");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut code = format!(
        "pub const BUILTIN_RULES: &[(&str, &str)] = {};\n",
        rule_list(&root, Path::new("rules"))
    );
    // Each built-in pack: (id, its pack file's path, the file, its rule files). The
    // 法治政府建设年度报告 pack (rules/) first: it is the default.
    code.push_str("pub const BUILTIN_PACKS: &[BuiltinPack] = &[\n");
    code.push_str(&format!(
        "    ({:?}, \"rules/pack.yaml\", include_str!({:?}), BUILTIN_RULES),\n",
        pack_id(&pack),
        root.join("rules/pack.yaml").to_string_lossy()
    ));
    let mut others: Vec<PathBuf> = fs::read_dir("packs")
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    others.sort();
    for dir in others {
        let file = dir.join("pack.yaml");
        let Ok(text) = fs::read_to_string(&file) else {
            continue;
        };
        let name = file.to_string_lossy().replace('\\', "/");
        println!("cargo:rerun-if-changed={name}");
        code.push_str(&format!(
            "    ({:?}, {name:?}, include_str!({:?}), {}),\n",
            pack_id(&text),
            root.join(&file).to_string_lossy(),
            rule_list(&root, &dir)
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("builtin_rules.rs");
    if let Err(e) = fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
    traditional();
    optional_tests(&root);
}

/// The first and last code points the traditional-character table covers: the CJK
/// extension A and unified blocks and the compatibility ideographs, all of three bytes
/// in UTF-8.
const HAN_FIRST: u32 = 0x3400;
const HAN_LAST: u32 = 0xFAFF;

/// Writes `traditional.rs`: each traditional character whose simplified form, by
/// OpenCC's table (the t2s conversion of ferrous-opencc, asked one character at a
/// time), is one other character of the same length in UTF-8, sorted; and a bit set of
/// them over `HAN_FIRST..=HAN_LAST`. Replacing such characters keeps every byte offset.
fn traditional() {
    use ferrous_opencc::{OpenCC, config::BuiltinConfig};
    let cc = match OpenCC::from_config(BuiltinConfig::T2s) {
        Ok(cc) => cc,
        Err(e) => panic!("the traditional-to-simplified table: {e}"),
    };
    let mut pairs = Vec::new();
    let mut bits = vec![0u64; (HAN_LAST - HAN_FIRST) as usize / 64 + 1];
    let mut buf = [0u8; 4];
    for c in (HAN_FIRST..=HAN_LAST).filter_map(char::from_u32) {
        let out = cc.convert(c.encode_utf8(&mut buf));
        let mut chars = out.chars();
        let (Some(s), None) = (chars.next(), chars.next()) else {
            continue;
        };
        if s != c && s.len_utf8() == c.len_utf8() {
            pairs.push((c, s));
            let k = (c as u32 - HAN_FIRST) as usize;
            bits[k / 64] |= 1 << (k % 64);
        }
    }
    let mut code = format!(
        "/// The first code point [`T2S_BITS`] covers.\npub const T2S_FIRST: u32 = {HAN_FIRST:#X};\n\
         /// Bit k is set when `T2S_FIRST + k` is in [`T2S`].\npub static T2S_BITS: [u64; {}] = [\n",
        bits.len()
    );
    for chunk in bits.chunks(8) {
        let row: Vec<String> = chunk.iter().map(|b| format!("{b:#x}")).collect();
        code.push_str(&format!("    {},\n", row.join(", ")));
    }
    code.push_str(&format!(
        "];\n/// Traditional characters and their simplified forms, sorted.\npub static T2S: [(char, char); {}] = [\n",
        pairs.len()
    ));
    for (t, s) in &pairs {
        code.push_str(&format!("    ({t:?}, {s:?}),\n"));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("traditional.rs");
    if let Err(e) = fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
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
    packaging_tests(root);
}

/// The packaging checks' cfgs, set like those above unless their FZLINT_REQUIRE_* is set:
/// - `fzlint_no_windows` (tests/windows.rs): set unless FZLINT_REQUIRE_WINDOWS is (the
///   check builds fzlint for Windows, which takes minutes; `scripts/build-windows.sh
///   --wine --no-build` installs what it needs);
/// - `fzlint_no_wheel`, `fzlint_no_precommit`, `fzlint_no_actionlint` (tests/packaging.rs):
///   no maturin, pre-commit or actionlint (with shellcheck) in the Python tools'
///   environment (`scripts/py-tools.sh`, target/py-tools or `FZLINT_PY_TOOLS`).
///
/// Debian puts its programs in /usr/bin, which is watched; scripts/py-tools.sh touches
/// scripts/py-tools.txt when it has installed, and that file is watched (the environment
/// under target/ is not: Cargo would read target/ through on every build).
fn packaging_tests(root: &Path) {
    for var in [
        "FZLINT_PY_TOOLS",
        "FZLINT_REQUIRE_WINDOWS",
        "FZLINT_REQUIRE_WHEEL",
        "FZLINT_REQUIRE_PRECOMMIT",
        "FZLINT_REQUIRE_ACTIONLINT",
    ] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    let cfg = |name: &str, present: bool, require: &str| {
        println!("cargo::rustc-check-cfg=cfg({name})");
        if !present && std::env::var_os(require).is_none() {
            println!("cargo:rustc-cfg={name}");
        }
    };
    cfg("fzlint_no_windows", false, "FZLINT_REQUIRE_WINDOWS");

    println!("cargo:rerun-if-changed=scripts/py-tools.txt");
    let tools = std::env::var_os("FZLINT_PY_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/py-tools"))
        .join("bin");
    let has = |name: &str| tools.join(name).is_file();
    cfg("fzlint_no_wheel", has("maturin"), "FZLINT_REQUIRE_WHEEL");
    cfg(
        "fzlint_no_precommit",
        has("maturin") && has("pre-commit") && on_path("git"),
        "FZLINT_REQUIRE_PRECOMMIT",
    );
    let shellcheck = debian_tool(root, "shellcheck");
    cfg(
        "fzlint_no_actionlint",
        has("actionlint") && shellcheck,
        "FZLINT_REQUIRE_ACTIONLINT",
    );
}

/// Whether a program from a Debian package is on the PATH; watched where it is, or, while
/// it is absent, where Debian puts it.
fn debian_tool(root: &Path, name: &str) -> bool {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    });
    match found {
        Some(p) => watch(root, &p),
        None => {
            watch(root, &Path::new("/usr/bin").join(name));
            false
        }
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
