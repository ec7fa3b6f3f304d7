//! Embeds the built-in rule pack (rules/<category>/<id>.yaml) in the binary.

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
}
