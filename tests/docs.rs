//! The rule-writing guide does not drift from the code: every check kind is documented,
//! its parameters, placeholders and variants as the kind declares them, and has a
//! runnable example; every example loads and behaves as its file says, and the README's
//! examples work.

mod common;
use fzlint::rules::spec::Check;
use fzlint::rules::{Rule, RuleSet, examples};

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
    let mut failures: Vec<String> =
        examples::run(set, rule, fzlint::render::overview::copies::example)
            .iter()
            .flat_map(|r| {
                let title = r.title();
                r.problems
                    .iter()
                    .map(move |p| format!("{}: {title}: {p}", rule.spec.id))
            })
            .collect();
    // A kind that judges a Word file's formatting has no text to show (tests/typography.rs).
    let docx_only = rule.spec.check.docx_only();
    if !docx_only && (rule.spec.examples.bad.is_empty() || rule.spec.examples.good.is_empty()) {
        failures.push(format!("{}: needs a bad and a good example", rule.spec.id));
    }
    failures
}

#[test]
fn every_check_kind_has_a_section_and_an_example() {
    let g = guide();
    for kind in Check::KINDS.iter().map(|k| k.name) {
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
            Check::KINDS.iter().any(|k| k.name == kind),
            "docs describe an unknown kind {kind}"
        );
    }
}

/// The guide's section on a check kind: from its heading to the next heading.
fn section<'g>(g: &'g str, kind: &str) -> &'g str {
    let head = format!("### `{kind}`\n");
    let start = g.find(&head).map_or(g.len(), |i| i + head.len());
    let rest = &g[start..];
    let end = rest.find("\n#").map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

/// The rows (cells, trimmed) of the table that follows the line `intro` in `text`.
fn table_after(text: &str, intro: &str) -> Option<Vec<Vec<String>>> {
    let start = text.find(intro)?;
    let rows = text[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect();
    Some(rows)
}

/// The lines of `text` from the one that starts with `label` to the end of its
/// paragraph, or to the next line that starts with one of the guide's labels.
fn paragraph(text: &str, label: &str) -> Option<String> {
    let mut lines = text.lines().skip_while(|l| !l.starts_with(label));
    let first = lines.next()?;
    let rest = lines.take_while(|l| {
        !l.is_empty()
            && !["Names:", "Variants:", "Labels:", "Example:"]
                .iter()
                .any(|x| l.starts_with(x))
    });
    Some(
        std::iter::once(first)
            .chain(rest)
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// What is between each `open` and the next `close` in `text`.
fn between<'t>(text: &'t str, open: &str, close: &str) -> Vec<&'t str> {
    text.split(open)
        .skip(1)
        .filter_map(|p| p.split_once(close).map(|(inside, _)| inside))
        .collect()
}

/// A table of parameters (or of an item's fields) agrees with the schema of what it
/// describes: the same names, "required" where the value must be given, and the
/// default where there is one.
fn table_agrees(what: &str, rows: &[Vec<String>], schema: &serde_json::Value) -> Vec<String> {
    let mut failures = Vec::new();
    let props = schema["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    let mut named: Vec<String> = rows
        .iter()
        .map(|r| r[0].trim_matches('`').to_string())
        .collect();
    named.sort();
    let mut declared: Vec<String> = props.keys().filter(|k| *k != "kind").cloned().collect();
    declared.sort();
    if named != declared {
        failures.push(format!(
            "{what}: the guide lists {named:?}, the code {declared:?}"
        ));
    }
    for row in rows {
        let (name, default) = (
            row[0].trim_matches('`'),
            row.get(2).map_or("", String::as_str),
        );
        let Some(p) = props.get(name) else { continue };
        let want = if required.contains(&name) {
            Some("required".to_string())
        } else {
            p.get("default")
                .filter(|d| !d.is_null())
                .map(|d| format!("`{d}`"))
        };
        match want {
            Some(w) if w != default => failures.push(format!(
                "{what}: `{name}` has default {default} in the guide, {w} in the code"
            )),
            None if default == "required" => {
                failures.push(format!("{what}: `{name}` is not required in the code"))
            }
            _ => {}
        }
    }
    failures
}

#[test]
fn the_guide_documents_each_kind_as_the_code_declares_it() {
    let g = guide();
    let schema = fzlint::rules::spec::schema();
    let variants = schema["$defs"]["Check"]["oneOf"].as_array().unwrap();
    let mut failures = Vec::new();
    let count = format!("one of fzlint's {}\n**check kinds**", Check::KINDS.len());
    if !g.contains(&count) {
        failures.push(format!("the guide's opening should say {count:?}"));
    }
    for kind in Check::KINDS {
        let name = kind.name;
        let sec = section(&g, name);
        let Some(params) = variants
            .iter()
            .find(|v| v["properties"]["kind"]["const"] == name)
        else {
            failures.push(format!("{name}: not in the schema"));
            continue;
        };
        // Parameters, and the fields of each list item they describe.
        let rows = table_after(sec, "| parameter |").unwrap_or_default();
        if rows.is_empty() != sec.contains("\nParameters: none.") {
            failures.push(format!(
                "{name}: a parameter table, or \"Parameters: none.\""
            ));
        }
        failures.extend(table_agrees(name, &rows, params));
        for item in between(sec, "Each item of `", "`:") {
            let def = params["properties"][item]["items"]["$ref"]
                .as_str()
                .and_then(|r| r.rsplit('/').next())
                .unwrap_or("");
            let rows = table_after(sec, &format!("Each item of `{item}`:")).unwrap_or_default();
            let what = format!("{name}: each item of {item}");
            failures.extend(table_agrees(&what, &rows, &schema["$defs"][def]));
        }
        // Placeholders and variants.
        let names = paragraph(sec, "Names:").unwrap_or_default();
        let mut vars: Vec<&str> = between(&names, "`{", "}`");
        vars.sort();
        vars.dedup();
        let mut declared = kind.vars.to_vec();
        declared.sort();
        if vars != declared {
            failures.push(format!(
                "{name}: Names {vars:?}, the kind provides {declared:?}"
            ));
        }
        let cases = paragraph(sec, "Variants:").unwrap_or_default();
        // The words in backticks.
        let mut listed: Vec<&str> = cases.split('`').skip(1).step_by(2).collect();
        listed.sort();
        let mut declared = kind.variants.to_vec();
        declared.sort();
        if listed != declared {
            failures.push(format!(
                "{name}: Variants {listed:?}, the kind has {declared:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_example_rule_loads_uses_its_kind_and_behaves() {
    let set = with_examples();
    let mut failures = Vec::new();
    for kind in Check::KINDS.iter().map(|k| k.name) {
        let id = format!("example-{kind}");
        let Some(rule) = set.get(&id) else {
            failures.push(format!("examples/rules/{kind}.yaml defines no rule {id}"));
            continue;
        };
        if rule.spec.check.kind().name != kind {
            failures.push(format!(
                "{id} uses the {} kind",
                rule.spec.check.kind().name
            ));
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
    for kind in Check::KINDS.iter().map(|k| k.name) {
        assert!(
            flat.contains(&format!(" {kind},")) || flat.contains(&format!(" {kind} ")),
            "README.md misses {kind}"
        );
    }
}

/// The YAML block of the guide that starts with the comment `marker`.
fn guide_yaml(marker: &str) -> String {
    let g = guide();
    let start = g
        .find(&format!("```yaml\n{marker}\n"))
        .unwrap_or_else(|| panic!("the guide has {marker}"));
    let body = &g[start + "```yaml\n".len()..];
    body[..body.find("```").unwrap()].to_string()
}

#[test]
fn the_guides_own_pack_works_from_a_folder() {
    // Written from docs/writing-rules.md alone: its pack file and its rule, in a folder.
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("shufa-pack");
    std::fs::create_dir_all(pack.join("parts")).unwrap();
    std::fs::write(pack.join("pack.yaml"), guide_yaml("# shufa-pack/pack.yaml")).unwrap();
    std::fs::write(
        pack.join("parts/shufa-parts.yaml"),
        guide_yaml("# shufa-pack/parts/shufa-parts.yaml"),
    )
    .unwrap();
    let p = pack.display().to_string();
    // Its rules: its own and those it includes.
    let o = common::fzlint(&["rules", "--pack", &p, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"shufa-parts") && ids.contains(&"placeholder"),
        "{ids:?}"
    );
    assert!(!ids.contains(&"missing-duties"), "{ids:?}");
    // A report missing its third part, and one whose third heading names no part.
    let report = dir.path().join("述法.txt");
    let head = "张三2024年度述法报告\n一、学法用法情况\n全年参加学法6次。\n二、履行法治建设职责情况\n主持专题会2次。\n";
    for (third, want) in [
        ("", "报告缺少“下一步打算”部分"),
        (
            "三、其他情况\n继续学法。\n",
            "第三部分应为“下一步打算”，这里写的是“其他情况”",
        ),
        ("三、下一步打算\n继续学法。\n", ""),
    ] {
        std::fs::write(&report, format!("{head}{third}")).unwrap();
        let r = report.display().to_string();
        let o = common::fzlint(&[
            "check",
            "--isolated",
            "--pack",
            &p,
            "--format",
            "concise",
            &r,
        ]);
        let out = common::stdout(&o);
        if want.is_empty() {
            assert!(out.is_empty(), "{out}");
        } else {
            assert_eq!(out.lines().count(), 1, "{out}");
            assert!(out.contains("[shufa-parts]") && out.contains(want), "{out}");
        }
    }
    // The outline names the pack.
    let o = common::fzlint(&[
        "outline",
        "--pack",
        &p,
        "--format",
        "json",
        &report.display().to_string(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["pack"]["id"], "shufa");
}
