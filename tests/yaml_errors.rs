//! Every mistake in a rule or config file is told in plain Chinese at the value's own
//! line and column, with how to mend it, and no library words: a table of broken files
//! with the exact message each gets.

use fzlint::config::Config;
use fzlint::rules::RuleSet;
use std::path::Path;

const RULE: &str = "id: office-x
category: hygiene
severity: warning
summary: s
message: 有“{text}”
rationale: r
check:
  kind: patterns
  scope: body
  patterns:
    - regex: 套话
examples:
  bad: [\"这是套话。\"]
  good: [\"没有。\"]
";

/// The rule above with `from` replaced by `to`, read: its error as `line:column: message`.
fn rule_error(from: &str, to: &str) -> String {
    assert!(RULE.contains(from), "{from}");
    let text = RULE.replacen(from, to, 1);
    let mut set = RuleSet::builtin().expect("the built-in pack");
    match set.add("r.yaml", &text, false) {
        Ok(()) => "no error".to_string(),
        Err(e) => format!("{}:{}: {}", e.line, e.column, e.message),
    }
}

fn config_error(text: &str) -> String {
    match Config::parse(Path::new("c.yaml"), text) {
        Ok(_) => "no error".to_string(),
        Err(e) => format!("{}:{}: {}", e.line, e.column, e.message),
    }
}

/// An alias bomb: nine anchors, each nine times the one before.
fn bomb() -> String {
    let mut s =
        String::from("override: late-publication\nparams:\n  a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (p, c) in ('a'..='h').zip('b'..='i') {
        let refs = vec![format!("*{p}"); 9].join(", ");
        s += &format!("  {c}: &{c} [{refs}]\n");
    }
    s
}

/// Whether `got` is the message `want`: a `want` ending 、 is the start of a message
/// whose list of names goes on (the lists of keys and kinds grow), all of it otherwise.
fn same(want: &str, got: &str) -> bool {
    match want.strip_suffix('、') {
        Some(lead) => got.starts_with(lead),
        None => got == want,
    }
}

#[test]
fn broken_rule_files_get_plain_messages_at_their_place() {
    let table: &[(&str, &str, &str)] = &[
        (
            "  kind: patterns\n  scope: body\n  patterns:\n    - regex: 套话\n",
            "  kind: part-length\n  part: shortcomings\n",
            "7:1: 缺少必填的键 “min_chars”：请补上 min_chars: …",
        ),
        (
            "severity: warning",
            "severty: warning",
            "3:1: 未知的键 “severty”，是不是 “severity”？可用：id、category、severity、summary、message、label、help、variants、labels、rationale、basis、check、examples、retired、suppresses、years、when、preview",
        ),
        (
            "  scope: body",
            "  scop: body",
            "9:3: 未知的键 “scop”，是不是 “scope”？可用：scope、patterns、min_count、max_count、parts",
        ),
        (
            "severity: warning",
            "severity: warn",
            "3:11: “warn” 不是这里可用的值，是不是 “warning”？可用：info、warning、error",
        ),
        (
            "  scope: body",
            "  scope: 42",
            "9:10: 类型不对：这里是整数 “42”，应为文字，或映射（键: 值）",
        ),
        (
            "    - regex: 套话",
            "    - regex: [1, 2]",
            "11:14: 类型不对：这里是列表，应为文字",
        ),
        (
            "rationale: r\n",
            "rationale: r\nrationale: again\n",
            "7:1: 键 “rationale” 写了两次：删去其中一处",
        ),
        (
            "  scope: body",
            "\tscope: body",
            "9:1: 这里有制表符（Tab）：YAML 的缩进只能用空格",
        ),
        (
            "summary: s",
            "summary: [unclosed",
            "4:10: YAML 写法有误：这里应为一段文字；以 [ 或 { 开头的文字请加引号，列表请写完整的 [ … ]",
        ),
        (
            "summary: s\n",
            "",
            "1:1: 缺少必填的键 “summary”：请补上 summary: …",
        ),
        (
            "kind: patterns",
            "kind: patern",
            "8:9: “patern” 不是这里可用的值，是不是 “patterns”？可用：part-missing、part-unheaded、",
        ),
        (
            "message: 有“{text}”",
            "message: \"有\\q\"",
            "5:10: YAML 写法有误：双引号中的反斜杠 \\ 后跟了无效的字符：正则表达式请用单引号",
        ),
    ];
    let mut wrong = Vec::new();
    for (from, to, want) in table {
        let got = rule_error(from, to);
        if !same(want, &got) {
            wrong.push(format!("{to:?}\n  want {want}\n  got  {got}"));
        }
        for word in [
            "DuplicateKeyPolicy",
            "usize",
            "i32",
            "invalid type",
            "unknown field",
            "budget",
        ] {
            assert!(!got.contains(word), "{got}");
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn broken_config_files_get_plain_messages_at_their_place() {
    let table: &[(&str, &str)] = &[
        (
            "rulez:\n  placeholder: off\n",
            "1:1: 未知的键 “rulez”，是不是 “rules”？可用：extends、year、expect_year、preview、",
        ),
        (
            "rules:\n  placeholder: off\nyear: abc\n",
            "3:7: 这里应为整数",
        ),
        (
            "year: 2024\nyear: 2025\n",
            "2:1: 键 “year” 写了两次：删去其中一处",
        ),
        (
            "exclude: drafts\n",
            "1:10: YAML 写法有误：这里应为列表（[a, b] 或每行一个 - 项）",
        ),
        (
            "rules:\n\tplaceholder: off\n",
            "2:1: 这里有制表符（Tab）：YAML 的缩进只能用空格",
        ),
        (
            "verdict:\n  error: 不通过\n",
            "2:10: “不通过” 不是这里可用的值，是不是 “通过”？可用：通过、补充后通过、退回修改",
        ),
    ];
    let mut wrong = Vec::new();
    for (text, want) in table {
        let got = config_error(text);
        if !same(want, &got) {
            wrong.push(format!("{text:?}\n  want {want}\n  got  {got}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_alias_bomb_is_refused_in_plain_words() {
    let mut set = RuleSet::builtin().expect("the built-in pack");
    let e = set.add("r.yaml", &bomb(), false).expect_err("refused");
    assert!(
        e.message
            .starts_with("文件中的别名（&名称 与 *名称）展开得过多"),
        "{e}"
    );
    assert!(e.line > 2, "{e}");
}
