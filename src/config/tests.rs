use super::*;

#[test]
fn the_starter_verdict_and_roster_parse_once_uncommented() {
    let on: Vec<&str> = STARTER
        .lines()
        .skip_while(|l| !l.starts_with("# verdict:"))
        .filter(|l| l.starts_with("# ") && !l.starts_with("# fzlint"))
        .map(|l| &l[2..])
        .collect();
    let c = Config::parse(Path::new("c.yaml"), &on.join("\n")).unwrap();
    let v = c.file.verdict;
    let (pass, back) = (Some(Verdict::Pass), Some(Verdict::Return));
    assert_eq!(
        [v.error, v.missing, v.warning, v.late],
        [back, back, pass, pass]
    );
    assert_eq!(c.file.roster.as_deref(), Some("应报送单位.csv"));
}

#[test]
fn starter_config_parses() {
    let c = Config::parse(Path::new(".fzlint.yaml"), STARTER).unwrap();
    assert!(c.file.rules.is_empty());
}

#[test]
fn per_path_settings_apply_to_matching_files_only() {
    let text = "rules:\n  level-skip: off\nper_path:\n  - paths: [\"dept/**\"]\n    year: 2023\n    rules:\n      late-publication: {deadline: \"03-01\"}\n";
    let c = Config::parse(Path::new("/o/.fzlint.yaml"), text).unwrap();
    let a = c.effective(Path::new("/o/town/a.txt"));
    assert_eq!(a.off, vec![("level-skip".to_string(), 0)]);
    assert!(a.changes.is_empty() && a.year.is_none());
    let b = c.effective(Path::new("/o/dept/x/b.txt"));
    assert_eq!(b.year, Some(2023));
    assert_eq!(b.changes.len(), 1);
}

#[test]
fn bad_values_point_at_their_place() {
    let e = Config::parse(Path::new("c.yaml"), "year: 2024\nrulez: {}\n").unwrap_err();
    assert_eq!(e.line, 2, "{e}");
    let e = Config::parse(Path::new("c.yaml"), "exclude: [\"a/[\"]\n").unwrap_err();
    assert_eq!(e.line, 1, "{e}");
    let c = Config::parse(Path::new("c.yaml"), "rules:\n  no-such: off\n").unwrap();
    let mut set = RuleSet::builtin().unwrap();
    let e = c
        .apply(&c.effective(Path::new("a.txt")), &mut set)
        .unwrap_err();
    assert_eq!((e.line, e.column), (2, 3), "{e}");
}

#[test]
fn verdict_settings_take_the_office_words_and_later_configs_win() {
    let c = Config::parse(
        Path::new("c.yaml"),
        "verdict:\n  warning: 补充后通过\n  error: 补充后通过\n",
    )
    .unwrap();
    let v = c.effective(Path::new("a.txt")).verdict;
    assert_eq!(v.warning, Verdict::Amend);
    assert_eq!(v.error, Verdict::Amend);
    // What is not set keeps its default.
    assert_eq!(v.missing, Verdict::Return);
    assert_eq!(v.late, Verdict::Pass);
    let v = VerdictRules::default()
        .with(&c.file.verdict)
        .with(&VerdictSettings {
            warning: Some(Verdict::Return),
            ..Default::default()
        });
    assert_eq!((v.warning, v.error), (Verdict::Return, Verdict::Amend));
    let e = Config::parse(Path::new("c.yaml"), "verdict:\n  error: 不通过\n").unwrap_err();
    assert_eq!(e.line, 2, "{e}");
    let e = Config::parse(Path::new("c.yaml"), "verdict:\n  error: pass\n").unwrap_err();
    assert_eq!(e.line, 2, "{e}");
    let e = Config::parse(Path::new("c.yaml"), "verdict:\n  errors: 通过\n").unwrap_err();
    assert_eq!(e.line, 2, "{e}");
}
