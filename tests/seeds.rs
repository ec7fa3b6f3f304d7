//! The acceptance corpus: every "must" and "must not" of ../shared/seeds/EXPECTED.md,
//! checked on the real binary. The corpus is read from ../shared/seeds, or from the
//! folder named by FZLINT_CORPUS. Where the build finds no corpus, the tests that read
//! it are ignored, and `cargo test` lists them so with the reason (build.rs sets
//! `fzlint_no_seeds`); with FZLINT_REQUIRE_SEEDS set, as `.ci/run` sets it, they run
//! and fail without it.

mod common;
use common::*;
use std::path::PathBuf;

struct Seed {
    file: &'static str,
    /// (rule, text the diagnostic must cover; "" = anywhere)
    must: &'static [(&'static str, &'static str)],
    /// Rules of which at least one must fire (a reviewer accepts either).
    must_one_of: &'static [&'static str],
    must_not: &'static [&'static str],
}

const SEEDS: &[Seed] = &[
    Seed {
        file: "000_eccdde27a96004d6.txt",
        must: &[
            ("web-residue", "首页>政务公开"),
            ("web-residue", "阅读量"),
            ("web-residue", "分享到"),
            ("citation-form", "《法治政府建设实施纲要(2021—2025)年》"),
        ],
        must_one_of: &[],
        must_not: &[
            "missing-measures",
            "missing-shortcomings",
            "missing-causes",
            "missing-duties",
            "missing-plan",
            "numbering-gap",
            "year-mismatch",
            "plan-year-mismatch",
            "late-publication",
            "early-publication",
            "invalid-date",
            "date-format",
            "genre",
        ],
    },
    Seed {
        file: "001_1f2c33d33d8eba69.txt",
        must: &[
            ("numbering-gap", "(三)规范信用体系建设"),
            ("missing-causes", ""),
            ("web-residue", "字号"),
            ("web-residue", "扫一扫在手机打开当前页"),
        ],
        must_one_of: &["missing-plan", "unheaded-plan"],
        must_not: &[
            "missing-measures",
            "missing-shortcomings",
            "year-mismatch",
            "late-publication",
            "genre",
        ],
    },
    Seed {
        file: "002_b9e16e94b6070851.txt",
        must: &[
            ("unheaded-shortcomings", "仍存在一些问题和不足"),
            ("missing-causes", ""),
            ("unheaded-plan", "2024年,济宁高新区将"),
            ("web-residue", "当前位置"),
            ("web-residue", "索引号"),
            ("web-residue", "点击次数"),
        ],
        must_one_of: &[],
        must_not: &[
            "missing-measures",
            "missing-shortcomings",
            "missing-duties",
            "missing-plan",
            "numbering-gap",
            "year-mismatch",
            "plan-year-mismatch",
            "late-publication",
            "placeholder",
            "date-format",
            "genre",
        ],
    },
    Seed {
        file: "003_74dd20a6f83b40ee.txt",
        must: &[
            ("missing-title", ""),
            ("unheaded-shortcomings", "仍然存在一些短板"),
            ("missing-causes", ""),
            ("heading-punctuation", " 紧跟源头"),
            ("preamble-formula", "汇报如下"),
        ],
        must_one_of: &[],
        must_not: &[
            "missing-measures",
            "missing-shortcomings",
            "missing-duties",
            "missing-plan",
            "numbering-gap",
            "year-mismatch",
            "plan-year-mismatch",
            "part-order",
            "genre",
        ],
    },
    Seed {
        file: "004_0ce071b9f9614e36.txt",
        must: &[
            ("missing-duties", ""),
            ("late-publication", "2025-05-15"),
            ("invalid-date", "2024929日"),
            ("missing-causes", ""),
            ("preamble-formula", "总结如下"),
            ("web-residue", "浏览次数"),
            ("web-residue", "【字体:"),
        ],
        must_one_of: &[],
        must_not: &[
            "missing-measures",
            "missing-shortcomings",
            "missing-plan",
            "numbering-gap",
            "year-mismatch",
            "plan-year-mismatch",
            "unmatched-pair",
            "genre",
        ],
    },
];

/// The corpus folder; a test that reads it fails when it is absent (it is ignored where
/// the build found no corpus).
fn corpus() -> PathBuf {
    let dir = std::env::var_os("FZLINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/seeds"));
    assert!(
        dir.is_dir(),
        "no seed corpus: {} is not a folder (set FZLINT_CORPUS to the corpus)",
        dir.display()
    );
    dir
}

#[test]
fn expectations_name_catalogue_rules() {
    for s in SEEDS {
        for id in s
            .must
            .iter()
            .map(|m| m.0)
            .chain(s.must_one_of.iter().copied())
            .chain(s.must_not.iter().copied())
        {
            assert!(
                CATALOGUE.contains(&id),
                "{}: {id} is not a catalogue rule",
                s.file
            );
        }
    }
}

#[test]
#[cfg_attr(
    fzlint_no_seeds,
    ignore = "no seed corpus at ../shared/seeds or FZLINT_CORPUS"
)]
fn seeds_meet_expected_md() {
    let dir = corpus();
    let mut failures = Vec::new();
    for s in SEEDS {
        let path = dir.join(s.file);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (_, diags) = check_json(&[&path]);
        for (id, needle) in s.must {
            let ok = if needle.is_empty() {
                diags.iter().any(|d| rule(d) == *id)
            } else {
                let pos = position(&text, needle);
                diags.iter().any(|d| rule(d) == *id && covers(d, pos))
            };
            if !ok {
                failures.push(format!("{}: must report {id} at {needle:?}", s.file));
            }
        }
        if !s.must_one_of.is_empty() && !diags.iter().any(|d| s.must_one_of.contains(&rule(d))) {
            failures.push(format!(
                "{}: must report one of {:?}",
                s.file, s.must_one_of
            ));
        }
        for id in s.must_not {
            for d in diags.iter().filter(|d| rule(d) == *id) {
                failures.push(format!("{}: must not report {id}: {}", s.file, d));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn outline(path: &std::path::Path) -> serde_json::Value {
    let p = path.display().to_string();
    let o = fzlint(&["outline", "--format", "json", &p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("outline JSON")
}

#[test]
#[cfg_attr(
    fzlint_no_seeds,
    ignore = "no seed corpus at ../shared/seeds or FZLINT_CORPUS"
)]
fn seed_000_parts_are_found_inline() {
    let dir = corpus();
    let o = outline(&dir.join("000_eccdde27a96004d6.txt"));
    let parts = &o["parts"];
    let ev = |p: &str| parts[p]["evidence"].as_str().unwrap_or("").to_string();
    assert!(ev("measures").starts_with("一、"), "{o}");
    assert!(
        ev("shortcomings").starts_with("二、存在的不足及原因"),
        "{o}"
    );
    assert!(parts["causes"].is_object(), "{o}");
    assert!(ev("duties").starts_with("(一)"), "{o}");
    assert!(ev("plan").starts_with("三、2025年工作安排"), "{o}");
    assert_eq!(o["year"], 2024);
    assert_eq!(o["published"], "2025-01-13");
    let levels: Vec<u64> = o["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["level"].as_u64().unwrap())
        .collect();
    assert_eq!(levels.iter().filter(|&&l| l == 1).count(), 3, "{o}");
}

#[test]
#[cfg_attr(
    fzlint_no_seeds,
    ignore = "no seed corpus at ../shared/seeds or FZLINT_CORPUS"
)]
fn seed_001_past_tense_is_not_a_plan() {
    let dir = corpus();
    let o = outline(&dir.join("001_1f2c33d33d8eba69.txt"));
    assert!(
        o["parts"]["plan"].is_null(),
        "「对下一步工作进行了安排部署」 is no plan: {o}"
    );
    assert_eq!(o["published"], "2022-02-25");
}

#[test]
#[cfg_attr(
    fzlint_no_seeds,
    ignore = "no seed corpus at ../shared/seeds or FZLINT_CORPUS"
)]
fn seed_003_year_comes_from_the_preamble() {
    let dir = corpus();
    let o = outline(&dir.join("003_74dd20a6f83b40ee.txt"));
    assert_eq!(o["title"], serde_json::Value::Null);
    assert_eq!(o["year"], 2022);
    assert_eq!(o["salutation"], "市委、市政府:");
}
