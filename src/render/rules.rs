//! The rules as `fzlint rules` lists them and `fzlint rule` explains them, and as the
//! checking page's API gives them.

use super::FileReport;
use super::human;
use crate::rules::{Rule, RuleSet, examples};

/// `fzlint rules`: one line per rule, then how many there are.
pub fn listing(set: &RuleSet) -> String {
    let mut o = String::new();
    for r in set.sorted() {
        let s = &r.spec;
        let mark = match (s.retired.is_some(), s.preview) {
            (true, _) => "（已停用）",
            (false, true) => "（试用，需 --preview）",
            (false, false) => "",
        };
        let (id, severity, category) = (&s.id, s.severity.name(), &s.category);
        o.push_str(&format!(
            "{id:<24} {severity:<8} {category:<10} {mark}{}\n",
            s.summary
        ));
    }
    o + &format!("共 {} 条规则；fzlint rule <id> 查看说明\n", set.rules.len())
}

/// `fzlint rules --format json`: one object per rule.
pub fn items(set: &RuleSet) -> Vec<serde_json::Value> {
    set.sorted()
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.spec.id, "category": r.spec.category,
                "severity": r.spec.severity.name(), "summary": r.spec.summary,
                "builtin": r.builtin, "retired": r.spec.retired.is_some(),
                "preview": r.spec.preview,
                "years": r.spec.years.map(String::from),
            })
        })
        .collect()
}

/// `fzlint rule ID`: what the rule checks, why, its parameters and its examples run.
/// Also says whether every example behaved as its heading claims.
pub fn explain(set: &RuleSet, rule: &Rule) -> (String, bool) {
    let s = &rule.spec;
    let mut o = String::new();
    let mut all_behave = true;
    if let Some(why) = &s.retired {
        o.push_str(&format!("（此规则已停用：{why}）\n"));
    }
    let (id, category, severity) = (&s.id, &s.category, s.severity.words());
    let words = crate::rules::category_words(category);
    o += &format!(
        "{id}  （{words}类 {category}，默认级别：{severity}）\n\n{}\n\n",
        s.summary
    );
    if s.preview {
        o.push_str("（试用规则：只在 --preview、配置中 preview: true 或点名此规则时运行）\n\n");
    }
    if s.check.docx_only() {
        o.push_str(
            "（只适用于 .docx 文件：文本和网页没有字体、段落和页面格式；\
             此规则没有文本示例，--fix 也不改动 .docx 文件）\n\n",
        );
    }
    if let Some(y) = &s.years {
        o.push_str(&format!("适用的报告年度：{y}\n\n"));
    }
    o.push_str(&format!(
        "说明：\n{}\n",
        indent(&unwrap(s.rationale.trim_end()))
    ));
    if let Some(b) = &s.basis {
        o.push_str(&format!("\n依据：\n{}\n", indent(b)));
    }
    // The check as it will run: every parameter, defaults and overrides included.
    let check = serde_saphyr::to_string(&s.check).unwrap_or_default();
    let source = match &rule.overridden_by {
        Some(o) => format!("{}，参数由 {} 覆盖", rule.path, o),
        None => rule.path.clone(),
    };
    let check = indent(check.trim_end());
    o += &format!("\n检查方式与参数（含默认值；{source}）：\n{check}\n");
    if rule.overridden_by.is_some() {
        o.push_str("\n（以下示例按内置参数编写，参数被覆盖后结果可能不同）\n");
    }
    for run in examples::run(set, rule, super::overview::copies::example) {
        let text = run.example.text();
        o += &format!("\n{}:\n{}\n", run.title(), indent(text.trim_end()));
        if let Some(want) = run.example.expecting() {
            o += &format!("  预期：{}\n", examples::expectation(want));
        }
        let kind = if run.bad {
            "错误示例"
        } else {
            "正确示例"
        };
        for p in &run.problems {
            all_behave = false;
            o += &format!("  ✗ 这个{kind}{p}\n");
        }
        if run.diagnostics.is_empty() {
            o.push_str("  → 不报告\n");
        } else {
            let f = FileReport::new(&run.src, &run.diagnostics);
            o.push_str(&human::render(&f, false));
        }
    }
    (o, all_behave)
}

/// Running text as the reader should see it: the line breaks a rule file keeps to stay
/// narrow are joined (with nothing between Chinese characters, a space between Latin
/// words); a blank line still parts paragraphs.
fn unwrap(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines().map(str::trim) {
        if line.is_empty() {
            out.push_str("\n\n");
            continue;
        }
        let joins_latin = out.ends_with(|c: char| c.is_ascii_alphanumeric())
            && line.starts_with(|c: char| c.is_ascii_alphanumeric());
        if joins_latin {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

fn indent(s: &str) -> String {
    let lines: Vec<String> = s.lines().map(|l| format!("  {l}")).collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn running_text_is_joined_but_paragraphs_stay() {
        assert_eq!(
            super::unwrap(
                "公开日期取网页的发布时间，没有时取落款的成文\n日期，少于 min_chars\nmax 时报告。\n\n另起一段。"
            ),
            "公开日期取网页的发布时间，没有时取落款的成文日期，少于 min_chars max 时报告。\n\n另起一段。"
        );
    }
}
