//! The JSON Schemas shipped for editors (schemas/) are generated from the Rust types
//! and describe every file the project itself ships.

mod common;
use common::*;
use std::path::PathBuf;

fn shipped(name: &str) -> serde_json::Value {
    serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas").join(name)).expect("shipped schema"),
    )
    .unwrap()
}

#[test]
fn shipped_schemas_match_the_code() {
    let bless = std::env::var_os("FZLINT_BLESS").is_some();
    for (which, file) in [
        ("config", "fzlint-config.schema.json"),
        ("rule", "fzlint-rule.schema.json"),
    ] {
        let o = fzlint(&["schema", which]);
        let generated = stdout(&o);
        let path = root().join("schemas").join(file);
        if bless {
            std::fs::write(&path, &generated).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            generated,
            "{file} is stale: run `fzlint schema {which} > schemas/{file}` (or FZLINT_BLESS=1 cargo test)"
        );
    }
}

fn yaml_files(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(root().join(dir))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml") && !p.ends_with("pack.yaml"))
        .collect();
    v.sort();
    v
}

fn as_json(text: &str) -> serde_json::Value {
    serde_saphyr::from_str(text).expect("YAML")
}

#[test]
fn every_rule_file_we_ship_fits_the_rule_schema() {
    let validator =
        jsonschema::validator_for(&shipped("fzlint-rule.schema.json")).expect("a valid schema");
    let files: Vec<PathBuf> = yaml_files("rules")
        .into_iter()
        .chain(yaml_files("examples/rules"))
        .collect();
    assert!(files.len() > 60);
    for f in files {
        let v = as_json(&std::fs::read_to_string(&f).unwrap());
        let errors: Vec<String> = validator
            .iter_errors(&v)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", f.display());
    }
    let override_file =
        as_json("override: late-publication\nseverity: warning\nparams:\n  deadline: \"03-01\"\n");
    assert!(validator.is_valid(&override_file));
    let misspelt = as_json("id: x\ncategory: parts\nseverity: error\nsumary: s\n");
    assert!(
        !validator.is_valid(&misspelt),
        "the schema rejects what fzlint rejects"
    );
}

#[test]
fn config_files_fit_the_config_schema() {
    let validator =
        jsonschema::validator_for(&shipped("fzlint-config.schema.json")).expect("a valid schema");
    let good = as_json(
        "year: 2024\nrule_dirs: [office]\nexclude: [\"drafts/**\"]\nrules:\n  level-skip: off\n  thin-shortcomings: error\n  late-publication: {deadline: \"03-01\"}\nper_path:\n  - paths: [\"dept/**\"]\n    rules:\n      late-publication: {deadline: \"03-01\"}\n",
    );
    let errors: Vec<String> = validator
        .iter_errors(&good)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(!validator.is_valid(&as_json("rulez: {}\n")));
    assert!(!validator.is_valid(&as_json("rules:\n  level-skip: loud\n")));
}

#[test]
fn the_pack_schema_is_shipped_and_every_pack_file_fits_it() {
    let o = fzlint(&["schema", "pack"]);
    let generated = stdout(&o);
    let path = root().join("schemas/fzlint-pack.schema.json");
    if std::env::var_os("FZLINT_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        generated,
        "fzlint-pack.schema.json is stale: run `fzlint schema pack > schemas/fzlint-pack.schema.json`"
    );
    let validator = jsonschema::validator_for(&shipped("fzlint-pack.schema.json")).unwrap();
    let mut files = vec![root().join("rules/pack.yaml")];
    files.extend(
        walkdir::WalkDir::new(root().join("packs"))
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.into_path())
            .filter(|p| p.ends_with("pack.yaml")),
    );
    assert!(files.len() >= 2, "{files:?}");
    for f in files {
        let v = as_json(&std::fs::read_to_string(&f).unwrap());
        let errors: Vec<String> = validator
            .iter_errors(&v)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", f.display());
    }
    let misspelt = as_json("id: x\nname: y\nversion: '1'\nparts: []\npart: []\n");
    assert!(
        !validator.is_valid(&misspelt),
        "the schema rejects what fzlint rejects"
    );
}
