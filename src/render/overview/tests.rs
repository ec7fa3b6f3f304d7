use super::chart::common_rules;
use super::csv::{csv_field, csv_headers};
use super::reading::UNREADABLE_FALLBACK;
use super::sections::context;
use super::*;
use crate::text::source::Source;
use crate::{Settings, lint};
use cases::*;

mod cases;
mod copies;
mod notice;
mod roster;
mod verdict;

/// An RFC 4180 reader: CRLF between records (and after the last), fields quoted
/// with '"' when they hold ',', '"', CR or LF, inner quotes doubled.
fn read_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => {
                assert!(field.is_empty() && !was_quoted, "stray quote in {field:?}");
                quoted = true;
                was_quoted = true;
            }
            (false, ',') => {
                row.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                was_quoted = false;
            }
            (false, '\n') => panic!("LF without CR"),
            (false, c) => {
                assert!(!was_quoted, "text after a closing quote");
                field.push(c);
            }
        }
    }
    assert!(!quoted, "unterminated quote");
    assert!(
        row.is_empty() && field.is_empty(),
        "the last record must end with CRLF"
    );
    rows
}

/// The text from the first `from` in `out` to the `to` after it.
fn between<'a>(out: &'a str, from: &str, to: &str) -> &'a str {
    let start = out.find(from).unwrap();
    &out[start..start + out[start..].find(to).unwrap()]
}

#[test]
fn csv_has_bom_crlf_and_header() {
    let out = csv_for(&entries(), &batch());
    assert!(out.starts_with('\u{FEFF}'));
    assert!(!out[3..].contains('\u{FEFF}'));
    assert!(out.ends_with("\r\n"));
    let first = out[3..].split("\r\n").next().unwrap();
    assert_eq!(
        first,
        "文件,标题,报告年度,公开日期,逾期,主要举措和成效,存在的不足和原因,主要负责人履职,\
         下一年度工作安排,其他事项,错误,警告,提示,规则,无法读取,审核结论,结论依据,报送单位,匹配依据,审核意见文件,内容雷同,规则说明"
    );
}

#[test]
fn csv_matches_cell_by_cell() {
    let cases = cases();
    let es: Vec<Entry> = entries();
    let out = csv_for(&es, &batch());
    let rows = read_csv(out.strip_prefix('\u{FEFF}').unwrap());
    assert_eq!(rows.len(), cases.len() + 1);
    let headers = csv_headers(&[&cases::fazhi_view()]);
    assert_eq!(rows[0], headers);
    for (c, row) in cases.iter().zip(&rows[1..]) {
        let want: Vec<&str> = c.row.split('|').collect();
        assert_eq!(want.len(), 15, "{}", c.entry.path);
        assert_eq!(row.len(), headers.len(), "{}", c.entry.path);
        let decision = super::verdict::decide(&c.entry);
        assert_eq!(row[15..17], [decision.label(), decision.basis()]);
        // No roster: no unit.
        assert_eq!(row[17..], ["", "", "", "", ""]);
        for (k, (got, want)) in row.iter().zip(want).enumerate() {
            assert_eq!(got, want, "{}: column {} ({})", c.entry.path, k, headers[k]);
        }
    }
}

#[test]
fn csv_quotes_only_what_needs_quoting() {
    assert_eq!(csv_field("plain"), "plain");
    assert_eq!(csv_field("a,b"), "\"a,b\"");
    assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_field("a\nb"), "\"a\nb\"");
    assert_eq!(csv_field("a\rb"), "\"a\rb\"");
    assert_eq!(csv_field("=1+1"), "'=1+1");
    assert_eq!(
        csv_field("=HYPERLINK(\"x\",1)"),
        "\"'=HYPERLINK(\"\"x\"\",1)\""
    );
    assert_eq!(csv_field("@a"), "'@a");
    assert_eq!(csv_field("+a"), "'+a");
    assert_eq!(csv_field("-a"), "'-a");
    assert_eq!(csv_field("a=b"), "a=b");
    assert_eq!(csv_field(""), "");
    let out = csv_for(&[], &batch());
    assert_eq!(read_csv(&out[3..]).len(), 1);
    // With no pack named and no report, the columns are the default pack's.
    let unnamed = Batch {
        pack: None,
        ..batch()
    };
    assert_eq!(csv_for(&[], &unnamed), out);
}

#[test]
fn html_is_self_contained() {
    let out = html(&entries(), &batch());
    assert!(out.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(out.contains("<meta charset=\"utf-8\">"));
    assert!(out.contains("<title>法治政府建设年度报告检查总览</title>"));
    assert!(!out.contains("http://") && !out.contains("https://"));
    assert!(!out.contains("src="), "no external scripts or images");
    assert!(!out.contains("<link"), "no external stylesheets");
    assert!(!out.contains("url("), "no fetched CSS resources");
    assert!(!out.contains("@import"));
    for (i, _) in out.match_indices("href=") {
        assert!(
            out[i..].starts_with("href=\"#"),
            "a link leaving the page: {}",
            &out[i..(i + 40).min(out.len())]
        );
    }
    assert_eq!(out.matches("<script>").count(), 1);
    assert_eq!(out.matches("<style>").count(), 1);
    assert!(out.ends_with("</html>\n"));
}

#[test]
fn html_head_counts_and_versions() {
    let out = html(&entries(), &batch());
    // The batch is large enough: 23 reports.
    assert!(out.contains("报告 <strong>23</strong> 份"));
    assert!(out.contains("有错误 <strong>8</strong> 份"));
    assert!(out.contains("逾期 <strong>2</strong> 份"));
    assert!(out.contains("无法读取 <strong>2</strong> 份"));
    assert!(out.contains("生成时间：2026-11-23 20:30"));
    assert!(out.contains("fzlint 0.1.0"));
    assert!(out.contains("规则包 2026.1"));
}

#[test]
fn every_report_has_a_row_and_a_section() {
    let es = entries();
    let out = html(&es, &batch());
    for (i, e) in es.iter().enumerate() {
        let link = format!("<a href=\"#r{i}\">{}</a>", esc(&e.path));
        assert_eq!(out.matches(&link).count(), 1, "row of {}", e.path);
        assert_eq!(
            out.matches(&format!(" data-i=\"{i}\"")).count(),
            1,
            "row of {}",
            e.path
        );
        let section = format!("<section class=\"report\" id=\"r{i}\">");
        assert_eq!(out.matches(&section).count(), 1, "section of {}", e.path);
        let body = between(&out, &section, "</section>");
        assert!(body.contains(&esc(&e.path)));
        assert!(body.contains("<a class=\"back\" href=\"#overview\">返回总览</a>"));
        assert_eq!(body.matches("<li class=").count(), e.findings.len());
    }
    assert_eq!(out.matches("<tr data-i=").count(), es.len() - 2);
    assert_eq!(out.matches("<tr class=\"unreadable\"").count(), 2);
    assert!(out.contains("id=\"overview\""));
}

#[test]
fn unreadable_rows_show_the_error_across() {
    let out = html(&entries(), &batch());
    assert!(out.contains(&format!(
        "<td class=\"why\" colspan=\"11\">✗ 无法读取：{}</td>",
        esc(BROKEN)
    )));
    assert!(out.contains(&format!("✗ 无法读取</span>：{}</p>", esc(BROKEN))));
    assert!(out.contains(UNREADABLE_FALLBACK));
}

#[test]
fn text_from_entries_is_escaped() {
    let out = html(&entries(), &batch());
    assert!(!out.contains("<script>alert"));
    assert!(out.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 报告"));
    assert!(out.contains("say &quot;hi&quot;.txt"));
    assert!(!out.contains("<b>加强"));
    assert!(out.contains("占位符 &lt;XX&gt; 未替换"));
}

#[test]
fn chart_lists_most_common_rule_first() {
    let es = entries();
    let out = html(&es, &batch());
    let chart = between(&out, "<ol class=\"chart\">", "</ol>");
    let items: Vec<&str> = chart.split("<li>").skip(1).collect();
    assert!(items[0].starts_with("<code>numbering-gap</code>"));
    assert!(items[0].contains("width:100%"));
    assert!(items[0].contains("<span class=\"n\">7 份</span>"));
    assert!(items[1].starts_with("<code>missing-part</code>"));
    assert!(items[1].contains("<span class=\"n\">5 份</span>"));
    assert_eq!(
        common_rules(&es),
        vec![
            ("numbering-gap", 7),
            ("missing-part", 5),
            ("causes-missing", 2),
            ("late-publication", 2),
            ("placeholder", 2),
            ("style", 1),
        ]
    );
    assert_eq!(items.len(), 6);
}

#[test]
fn chart_keeps_the_top_ten() {
    let es: Vec<Entry> = (0..12)
        .map(|i| {
            let findings = (0..=i)
                .map(|k| simple(&format!("rule-{k:02}"), "warning"))
                .collect();
            readable(&format!("{i}.txt"), Some(T), None, None, "HHHHHH", findings)
        })
        .collect();
    let out = html(&es, &batch());
    let chart = between(&out, "<ol class=\"chart\">", "</ol>");
    assert_eq!(chart.matches("<li>").count(), 10);
    assert!(chart.contains("<code>rule-00</code>"));
    assert!(chart.contains("<code>rule-09</code>"));
    assert!(!chart.contains("rule-10"));
    assert!(chart.find("rule-00").unwrap() < chart.find("rule-01").unwrap());
    let empty = html(&[], &batch());
    assert!(empty.contains("未发现问题。"));
    assert!(empty.contains("报告 <strong>0</strong> 份"));
}

#[test]
fn matrix_cells_have_symbol_and_word() {
    let out = html(&entries(), &batch());
    assert!(out.contains("✓ 有标题"));
    assert!(out.contains("△ 无标题"));
    assert!(out.contains("✗ 缺失"));
    assert!(out.contains("✓ 有标题（缺原因）"));
    assert!(out.contains("△ 无标题（缺原因）"));
    assert!(out.contains("✗ 逾期"));
    assert!(out.contains("? 未知"));
    // The row of no-causes.txt, cell by cell after the file.
    let row = between(&out, "<a href=\"#r6\">", "</tr>");
    let cells: Vec<String> = row
        .split("<td")
        .skip(1)
        .map(|c| {
            let c = &c[c.find('>').unwrap() + 1..];
            c[..c.find("</td>").unwrap()].to_string()
        })
        .collect();
    assert_eq!(
        cells,
        [
            "通过（附意见）<span class=\"basis\">可不修改：警告 1 处</span>",
            esc(T).as_str(),
            "2025",
            "2026-02-10",
            "✓ 按时",
            "✓ 有标题",
            "✓ 有标题（缺原因）",
            "✓ 有标题",
            "✓ 有标题",
            "✓ 有标题",
            "0",
            "1"
        ]
    );
}

#[test]
fn controls_for_sorting_and_filtering() {
    let out = html(&entries(), &batch());
    assert_eq!(
        out.matches("<th scope=\"col\"><button type=\"button\"")
            .count(),
        13
    );
    assert!(out.contains("<input type=\"search\" id=\"q\""));
    assert!(out.contains("只看有错误"));
    assert!(out.contains("只看逾期"));
    assert!(out.contains("只看缺项"));
    assert!(out.contains("id=\"only-errors\""));
    assert!(out.contains("id=\"only-late\""));
    assert!(out.contains("id=\"only-missing\""));
    assert!(out.contains("<select id=\"verdict\">"));
    assert!(out.contains("verdict.value"));
    assert!(out.contains("aria-sort"));
    assert!(out.contains("addEventListener('click'"));
    // The flags the filters read, for late.txt (index 9) and no-causes.txt (6).
    assert!(out.contains(
        "data-err=\"0\" data-late=\"1\" data-miss=\"0\" data-verdict=\"pass\"><td class=\"file\"><a href=\"#r9\">"
    ));
    assert!(out.contains(
        "data-err=\"0\" data-late=\"0\" data-miss=\"1\" data-verdict=\"pass\"><td class=\"file\"><a href=\"#r6\">"
    ));
    assert!(out.contains("<div class=\"scroll\">"));
    assert!(out.contains("overflow-x: auto"));
}

#[test]
fn print_and_phone_styles() {
    let out = html(&entries(), &batch());
    assert!(out.contains("@media print"));
    assert!(out.contains("size: A4"));
    assert!(out.contains("size: A4 landscape"));
    assert!(out.contains("break-inside: avoid"));
    assert!(out.contains("break-before: page"));
    assert!(out.contains("name=\"viewport\""));
}

#[test]
fn findings_in_context() {
    let out = html(&entries(), &batch());
    // Same line: the characters column..end_column.
    assert!(out.contains("<p class=\"ctx\">本年度共办理行政复议案件<mark>XX</mark>件。</p>"));
    // Over more than one line: from the column to the end of the line.
    assert!(out.contains("<p class=\"ctx\">一是<mark>&lt;b&gt;加强&lt;/b&gt;××工作</mark></p>"));
    assert!(out.contains("<span class=\"sev\">✗ 错误</span> <code>placeholder</code>"));
    assert!(out.contains("警告</span> <code>numbering-gap</code>"));
    assert!(out.contains("提示</span> <code>style</code>"));
    assert!(out.contains("<span class=\"pos\">第8行第13字</span>"));
    assert!(out.contains("<span class=\"pos\">第3段第5字</span>"));
    assert!(out.contains("<p class=\"help\">建议：placeholder：修改建议</p>"));
    assert!(out.contains("未发现问题。"));
}

#[test]
fn long_lines_are_cut_around_the_mark() {
    let line: String = "甲".repeat(500) + "错字" + &"乙".repeat(500);
    let f = finding("typo", "warning", (1, 501), (1, 503), &line);
    let s = context(&f);
    assert!(s.starts_with('…') && s.ends_with('…'));
    assert!(s.contains(&format!(
        "{}<mark>错字</mark>{}",
        "甲".repeat(80),
        "乙".repeat(80)
    )));
    assert_eq!(s.chars().count(), 1 + 80 + 6 + 2 + 7 + 80 + 1);
    // A column past the end marks nothing and does not panic.
    let f = finding("typo", "warning", (1, 99), (1, 120), "短句");
    assert_eq!(context(&f), "短句");
    // An empty range marks nothing.
    let f = finding("typo", "warning", (1, 2), (1, 2), "短句");
    assert_eq!(context(&f), "短句");
}

#[test]
fn output_is_deterministic() {
    assert_eq!(html(&entries(), &batch()), html(&entries(), &batch()));
    assert_eq!(csv_for(&entries(), &batch()), csv_for(&entries(), &batch()));
}

#[test]
fn lateness_is_a_finding_of_a_deadline_rule() {
    let report = |date: &str| {
        format!(
            "青石县司法局2024年度法治政府建设工作报告\n一、主要举措和成效\n\
             全年办理行政复议案件12件。\n特此报告。\n青石县司法局\n{date}\n"
        )
    };
    let findings = |set: &RuleSet, date: &str| {
        lint(
            &Source::new("a.txt", &report(date)),
            set,
            &Settings::default(),
        )
    };
    let late = |set: &RuleSet, date: &str| published_late(set, &findings(set, date));
    let builtin = RuleSet::builtin().unwrap();
    assert!(late(&builtin, "2025年5月8日"));
    assert!(!late(&builtin, "2025年3月15日"));
    // A finding of another rule about dates is no lateness.
    let early = findings(&builtin, "2024年10月8日");
    assert!(early.iter().any(|d| d.rule == "early-publication"));
    assert!(!published_late(&builtin, &early));
    // An office's own deadline rule, under an id of its own, makes a report late too.
    let mut office = RuleSet::builtin().unwrap();
    office
        .add(
            "publication-deadline.yaml",
            include_str!("../../../examples/rules/publication-deadline.yaml"),
            false,
        )
        .unwrap();
    let march = findings(&office, "2025年3月15日");
    let office_rule = |d: &Diagnostic| d.rule == "example-publication-deadline";
    assert!(march.iter().any(office_rule));
    assert!(published_late(&office, &march));
    assert!(
        !published_late(&builtin, &march),
        "the rule is the office's"
    );
}

#[test]
fn rules_are_named_by_their_chinese_summary_where_known() {
    let es = entries();
    let names = [("numbering-gap", "同级标题编号跳号或重复")];
    let b = Batch {
        rule_names: names
            .map(|(id, name)| (id.to_string(), name.to_string()))
            .into(),
        ..batch()
    };
    let out = html(&es, &b);
    let chart = between(&out, "<ol class=\"chart\">", "</ol>");
    let items: Vec<&str> = chart.split("<li>").skip(1).collect();
    assert!(
        items[0].starts_with(
            "<span class=\"rule\">同级标题编号跳号或重复 <code>numbering-gap</code></span>"
        ),
        "{}",
        items[0]
    );
    // A rule without a known summary keeps its id.
    assert!(items[1].starts_with("<code>missing-part</code>"));
    let rows = read_csv(csv_for(&es, &b).strip_prefix('\u{FEFF}').unwrap());
    assert_eq!(rows[0][21], "规则说明");
    let named: Vec<&str> = rows[1..].iter().map(|r| r[21].as_str()).collect();
    assert!(
        named.contains(&"missing-part×1；同级标题编号跳号或重复×1"),
        "{named:?}"
    );
    // The ids stay where scripts read them.
    assert!(
        rows[1..]
            .iter()
            .any(|r| r[13] == "missing-part×1 numbering-gap×1")
    );
}

#[test]
fn a_pack_column_label_is_escaped_in_the_page() {
    let mut view = (*fazhi_view()).clone();
    view.columns[0].label = "<b>举措</b>".into();
    let e = Entry {
        view: std::sync::Arc::new(view),
        ..usual("a.txt", "HHHHHH", vec![])
    };
    let page = html(&[e], &batch());
    assert_eq!(
        page.matches("&lt;b&gt;举措&lt;/b&gt;").count(),
        2,
        "matrix and section"
    );
    assert!(!page.contains("<b>举措"));
}
