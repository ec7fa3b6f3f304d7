//! The rule-writing guide does not drift from the code: every check kind is documented
//! and has a runnable example, every example loads and behaves as its file says, and
//! the README's examples work.

mod common;
use fzlint::Settings;
use fzlint::rules::engine::lint_with;
use fzlint::rules::spec::Check;
use fzlint::rules::{Rule, RuleSet};
use fzlint::text::source::Source;

fn guide() -> String {
    std::fs::read_to_string(common::root().join("docs/writing-rules.md"))
        .expect("docs/writing-rules.md")
}

fn with_examples() -> RuleSet {
    let mut set = RuleSet::builtin().expect("the built-in pack");
    let errors = set.add_dir(&common::root().join("examples/rules"));
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(set.check_references().is_empty());
    set
}

fn behaves(set: &RuleSet, rule: &Rule) -> Vec<String> {
    let mut failures = Vec::new();
    let run = |t: &str| lint_with(&Source::new("ex", t), set, &[rule], &Settings::default());
    for (i, bad) in rule.spec.examples.bad.iter().enumerate() {
        if run(bad).is_empty() {
            failures.push(format!(
                "{}: bad example {} is not reported",
                rule.spec.id,
                i + 1
            ));
        }
    }
    for (i, good) in rule.spec.examples.good.iter().enumerate() {
        if !run(good).is_empty() {
            failures.push(format!(
                "{}: good example {} is reported",
                rule.spec.id,
                i + 1
            ));
        }
    }
    if rule.spec.examples.bad.is_empty() || rule.spec.examples.good.is_empty() {
        failures.push(format!("{}: needs a bad and a good example", rule.spec.id));
    }
    failures
}

#[test]
fn every_check_kind_has_a_section_and_an_example() {
    let g = guide();
    for kind in Check::KINDS {
        assert!(
            g.contains(&format!("### `{kind}`")),
            "docs/writing-rules.md has no section for {kind}"
        );
        let link = format!("Example: [examples/rules/{kind}.yaml](../examples/rules/{kind}.yaml)");
        assert!(g.contains(&link), "the {kind} section links its example");
        assert!(
            common::root()
                .join(format!("examples/rules/{kind}.yaml"))
                .is_file(),
            "examples/rules/{kind}.yaml"
        );
    }
    // And no section for a kind the code does not have.
    for line in g.lines().filter(|l| l.starts_with("### `")) {
        let kind = line.trim_start_matches("### `").trim_end_matches('`');
        assert!(
            Check::KINDS.contains(&kind),
            "docs describe an unknown kind {kind}"
        );
    }
}

#[test]
fn every_example_rule_loads_uses_its_kind_and_behaves() {
    let set = with_examples();
    let mut failures = Vec::new();
    for kind in Check::KINDS {
        let id = format!("example-{kind}");
        let Some(rule) = set.get(&id) else {
            failures.push(format!("examples/rules/{kind}.yaml defines no rule {id}"));
            continue;
        };
        if rule.spec.check.kind() != *kind {
            failures.push(format!("{id} uses the {} kind", rule.spec.check.kind()));
        }
        failures.extend(behaves(&set, rule));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The YAML block that follows `marker` in the README.
fn readme_yaml(marker: &str) -> String {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let start = readme
        .find(marker)
        .unwrap_or_else(|| panic!("README has {marker}"));
    let body = &readme[start..];
    let body = &body[body.find('\n').unwrap() + 1..];
    body[..body.find("```").unwrap()].to_string()
}

#[test]
fn the_readme_examples_work() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("shufa.yaml"),
        readme_yaml("# my-rules/shufa.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("departments.yaml"),
        readme_yaml("# departments report by 1 March"),
    )
    .unwrap();
    let mut set = RuleSet::builtin().unwrap();
    let errors = set.add_dir(dir.path());
    assert!(errors.is_empty(), "{errors:#?}");
    let shufa = set.get("office-shufa").expect("the README's rule");
    assert!(
        behaves(&set, shufa).is_empty(),
        "{:?}",
        behaves(&set, shufa)
    );
    assert!(set.get("late-publication").unwrap().overridden_by.is_some());
}

#[test]
fn the_readme_shows_what_fzlint_really_prints() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let start = readme.find("## What it prints").expect("the section");
    let block = &readme[start..];
    let block = &block[block.find("```\n").unwrap() + 4..];
    let shown = &block[..block.find("```").unwrap()];
    let o = common::fzlint(&["check", "examples/sample-report.txt"]);
    assert_eq!(
        shown,
        common::stdout(&o),
        "README.md's sample output is stale: paste the new output"
    );
}

#[test]
fn the_readme_lists_every_rule() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let set = RuleSet::builtin().unwrap();
    for r in &set.rules {
        let row = format!(
            "| `{}` | {} | {} | {} |",
            r.spec.id,
            r.spec.category,
            r.spec.severity.name(),
            r.spec.summary
        );
        assert!(
            readme.contains(&row),
            "README.md's rule table lacks or misstates {}",
            r.spec.id
        );
    }
}

#[test]
fn the_readme_names_every_check_kind() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    assert!(readme.contains(&format!("The {} check kinds", Check::KINDS.len())));
    let flat = readme.replace('\n', " ");
    for kind in Check::KINDS {
        assert!(
            flat.contains(&format!(" {kind},")) || flat.contains(&format!(" {kind} ")),
            "README.md misses {kind}"
        );
    }
}
