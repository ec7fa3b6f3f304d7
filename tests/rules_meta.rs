//! The rule pack keeps house: every rule's YAML examples behave as they say, every
//! rule has a fixture report whose defect it finds at the documented line, a reviewed
//! snapshot of its rendered output, and well-formed wording.
//!
//! Snapshots live beside the fixtures (tests/fixtures/rules/<id>.snap). After a
//! deliberate change, review the new output and accept it with
//! `FZLINT_BLESS=1 cargo test --test rules_meta`.

mod common;
use fzlint::Settings;
use fzlint::diagnostic::Severity;
use fzlint::render::overview::copies;
use fzlint::render::{FileReport, human};
use fzlint::rules::engine::lint_with;
use fzlint::rules::{Rule, RuleSet, examples};
use fzlint::text::source::Source;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn set() -> RuleSet {
    RuleSet::builtin().expect("the built-in pack loads")
}

/// The rules that fire on `text` when the whole pack runs (the preview rules but
/// `rule`, whichever it is, left out; the pack's suppressions applied), each once.
fn fired(set: &RuleSet, rule: &Rule, text: &str) -> Vec<String> {
    let pack: Vec<&Rule> = set
        .rules
        .iter()
        .filter(|r| !r.spec.preview || r.spec.id == rule.spec.id)
        .collect();
    let (src, batch) = if rule.spec.check.batch() {
        copies::example(set, rule, "example", text)
    } else {
        (Source::new("example", text), Vec::new())
    };
    let mut ids: Vec<String> = lint_with(&src, set, &pack, &Settings::default())
        .into_iter()
        .chain(batch)
        .map(|d| d.rule)
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The source of tests/typography.rs, where the .docx-only rules are tested.
fn typography_tests() -> String {
    std::fs::read_to_string(common::root().join("tests/typography.rs"))
        .expect("tests/typography.rs")
}

/// Each example shows what its rule is about and nothing else. A good example does
/// not trigger its rule. A bad one triggers it when the whole pack runs, and no other
/// rule that the good examples do not get too: an example is a fragment of a report,
/// so the rules that judge a whole report (its title, its parts) may fire on every
/// example alike, but what a bad example adds to its good ones is its own rule alone.
#[test]
fn every_example_behaves() {
    let set = set();
    let mut failures = Vec::new();
    for rule in &set.rules {
        let (id, ex) = (&rule.spec.id, &rule.spec.examples);
        if rule.spec.check.docx_only() {
            // Judged on Word drafts written by tests/typography.rs, which must name it.
            if !typography_tests().contains(&format!("\"{id}\"")) {
                failures.push(format!(
                    "{id}: a .docx-only rule not tested in tests/typography.rs"
                ));
            }
            continue;
        }
        if ex.bad.is_empty() || ex.good.is_empty() {
            failures.push(format!("{id}: needs at least one bad and one good example"));
        }
        for r in examples::run(&set, rule, copies::example) {
            let title = r.title();
            failures.extend(r.problems.iter().map(|p| format!("{id}: {title}: {p}")));
        }
        // What every good example gets from the rest of the pack.
        let mut background: Option<Vec<String>> = None;
        for good in &ex.good {
            let got = fired(&set, rule, good.text());
            background = Some(match background {
                None => got,
                Some(b) => b.into_iter().filter(|r| got.contains(r)).collect(),
            });
        }
        let background = background.unwrap_or_default();
        for (i, bad) in ex.bad.iter().enumerate() {
            let got = fired(&set, rule, bad.text());
            if !got.contains(id) {
                failures.push(format!("{id}: bad example {} does not trigger it", i + 1));
            }
            let others: Vec<&String> = got
                .iter()
                .filter(|r| *r != id && !background.contains(r))
                .collect();
            if !others.is_empty() {
                failures.push(format!(
                    "{id}: bad example {} also triggers {others:?}",
                    i + 1
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn wording_is_well_formed() {
    let set = set();
    assert!(
        set.check_references().is_empty(),
        "every id in suppresses is a rule"
    );
    for r in &set.rules {
        let s = &r.spec;
        let mut messages = vec![&s.message];
        messages.extend(s.variants.values().map(|v| &v.message));
        for m in messages {
            assert!(!m.contains('\n'), "{}: a message is one line", s.id);
            assert!(
                !m.ends_with('。'),
                "{}: a message carries no trailing 。",
                s.id
            );
            assert!(
                m.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                "{}: messages are Chinese",
                s.id
            );
        }
        assert!(
            !s.summary.contains('\n') && !s.summary.is_empty(),
            "{}: summary is one line",
            s.id
        );
        assert!(!s.rationale.trim().is_empty(), "{}: has a rationale", s.id);
        // Rules as data: the pack words every label its checks put, not the code.
        for (name, _) in s.check.kind().labels {
            assert!(
                s.labels.contains_key(*name),
                "{}: words the label {name} under labels:",
                s.id
            );
        }
        assert!(
            r.path.ends_with(&format!("{}/{}.yaml", s.category, s.id)),
            "{}: lives at rules/<category>/<id>.yaml",
            s.id
        );
    }
}

/// The fixture table: file name → lines holding the defect.
fn fixture_lines() -> BTreeMap<String, Vec<usize>> {
    let readme = std::fs::read_to_string(common::root().join("tests/fixtures/rules/README.md"))
        .expect("README");
    readme
        .lines()
        .filter(|l| l.starts_with("| ") && (l.contains(".txt") || l.contains(".md")))
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let lines = cells
                .get(3)?
                .split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect();
            Some((
                cells
                    .get(1)?
                    .trim_end_matches(".txt")
                    .trim_end_matches(".md")
                    .to_string(),
                lines,
            ))
        })
        .collect()
}

fn render(src: &Source, set: &RuleSet) -> (String, Vec<fzlint::diagnostic::Diagnostic>) {
    let all: Vec<&Rule> = set.rules.iter().collect();
    let diags = lint_with(src, set, &all, &Settings::default());
    (
        human::render(
            &FileReport {
                src,
                diagnostics: &diags,
            },
            false,
        ),
        diags,
    )
}

#[test]
fn every_rule_finds_its_fixture_defect_and_matches_its_snapshot() {
    let set = set();
    let table = fixture_lines();
    let dir = common::root().join("tests/fixtures/rules");
    let bless = std::env::var_os("FZLINT_BLESS").is_some();
    let mut failures = Vec::new();
    for rule in set.rules.iter().filter(|r| !r.spec.check.docx_only()) {
        let id = &rule.spec.id;
        // A fixture is a .txt report, or .md where the rule is about Markdown.
        let path = ["txt", "md"]
            .iter()
            .map(|e| dir.join(format!("{id}.{e}")))
            .find(|p| p.is_file())
            .unwrap_or_else(|| dir.join(format!("{id}.txt")));
        let Ok(text) = std::fs::read_to_string(&path) else {
            failures.push(format!("{id}: no fixture at {}", path.display()));
            continue;
        };
        let Some(lines) = table.get(id.as_str()) else {
            failures.push(format!(
                "{id}: the fixture is not in tests/fixtures/rules/README.md"
            ));
            continue;
        };
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let (src, out, diags) = if rule.spec.check.batch() {
            // A batch rule's fixture is a batch (reports parted by lines ---): the
            // last report is rendered, with the rule's findings on it.
            let path = format!("tests/fixtures/rules/{name}");
            let (src, mine) = copies::example(&set, rule, &path, &text);
            let (_, mut diags) = render(&src, &set);
            diags.extend(mine);
            diags.sort_by_key(|d| (d.span.start, d.rule.clone()));
            let out = human::render(
                &FileReport {
                    src: &src,
                    diagnostics: &diags,
                },
                false,
            );
            (src, out, diags)
        } else {
            let src = Source::new(format!("tests/fixtures/rules/{name}"), &text);
            let (out, diags) = render(&src, &set);
            (src, out, diags)
        };
        let mine: Vec<_> = diags.iter().filter(|d| &d.rule == id).collect();
        for &line in lines {
            let hit = mine.iter().any(|d| {
                let (a, b) = (src.line_col(d.span.start).0, src.line_col(d.span.end).0);
                a <= line && line <= b
            });
            if !hit {
                failures.push(format!(
                    "{id}: nothing reported on line {line} of its fixture"
                ));
            }
        }
        for d in diags
            .iter()
            .filter(|d| &d.rule != id && d.severity >= Severity::Warning)
        {
            failures.push(format!(
                "{id}: its fixture also gets {}: {}",
                d.rule, d.message
            ));
        }
        let snap: PathBuf = dir.join(format!("{id}.snap"));
        match std::fs::read_to_string(&snap) {
            Ok(expected) if expected == out => {}
            _ if bless => std::fs::write(&snap, &out).expect("snapshot written"),
            Ok(expected) => failures.push(format!(
                "{id}: output differs from {} (review, then FZLINT_BLESS=1):\n--- expected\n{expected}\n--- actual\n{out}",
                snap.display()
            )),
            Err(_) => failures.push(format!("{id}: no snapshot {} (run with FZLINT_BLESS=1)", snap.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_snapshot_or_fixture_without_a_rule() {
    let set = set();
    let dir = common::root().join("tests/fixtures/rules");
    for e in std::fs::read_dir(&dir).expect("fixture folder") {
        let p = e.expect("entry").path();
        let (Some(stem), Some(ext)) = (p.file_stem().and_then(|s| s.to_str()), p.extension())
        else {
            continue;
        };
        if (ext == "txt" || ext == "md" || ext == "snap") && stem != "README" {
            assert!(
                set.get(stem).is_some(),
                "{} belongs to no rule",
                p.display()
            );
        }
    }
}

#[test]
fn near_misses_stay_silent() {
    let set = set();
    let dir = common::root().join("tests/fixtures/near-miss");
    let mut seen = 0;
    let mut failures = Vec::new();
    for e in std::fs::read_dir(&dir).expect("near-miss folder") {
        let p = e.expect("entry").path();
        if p.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let id = p
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        assert!(set.get(&id).is_some(), "{} belongs to no rule", p.display());
        seen += 1;
        let src = Source::new(
            p.display().to_string(),
            &std::fs::read_to_string(&p).unwrap(),
        );
        let (_, diags) = render(&src, &set);
        for d in diags
            .iter()
            .filter(|d| d.severity >= Severity::Warning || d.rule == id)
        {
            failures.push(format!(
                "{id}: its near miss gets {}: {}",
                d.rule, d.message
            ));
        }
    }
    assert!(
        seen >= 7,
        "near misses for the rules of the form and hygiene issue"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every rule id of the catalogue (../shared/design/rules.md) is in the pack.

#[test]
fn the_whole_catalogue_is_implemented() {
    let set = set();
    for id in common::CATALOGUE {
        let rule = set
            .get(id)
            .unwrap_or_else(|| panic!("{id} is missing from the pack"));
        assert!(rule.spec.retired.is_none(), "{id} is live");
    }
}
