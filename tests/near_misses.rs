//! Realistic wordings that must not be misread, and defects that must not slip by.
//! Each case changes one thing in a clean report of our own.

use fzlint::diagnostic::Severity;
use fzlint::rules::RuleSet;
use fzlint::text::source::Source;
use fzlint::{Settings, lint};

const BASE: &str = "青石镇2024年度法治政府建设工作报告
2024年,青石镇深入推进依法行政。现将有关情况报告如下:
一、2024年法治政府建设主要举措和成效
(一)健全依法决策机制。全年审查重大行政决策5件,镇党委书记专题研究法治建设工作3次。
(二)规范行政执法。开展案卷评查2次,评出优秀案卷6卷。
二、存在的问题及原因
一是执法力量仍显薄弱,全镇持证执法人员不足10名,难以覆盖全部村庄;二是普法宣传形式较为单一,群众参与度不高。究其原因,主要是编制紧张、培训投入不够,基层执法人员缺少系统培训。
三、2025年工作安排
(一)加强执法队伍建设。
(二)创新普法宣传方式。
特此报告。
青石镇人民政府
2025年2月20日
";

fn rules(text: &str) -> Vec<(String, Severity, usize)> {
    let set = RuleSet::builtin().unwrap();
    let src = Source::new("case.txt", text);
    lint(&src, &set, &Settings::default())
        .into_iter()
        .map(|d| (d.rule.clone(), d.severity, src.line_col(d.span.start).0))
        .collect()
}

fn with(old: &str, new: &str) -> String {
    assert!(BASE.contains(old), "{old}");
    BASE.replacen(old, new, 1)
}

fn assert_quiet(text: &str, ids: &[&str]) {
    let found = rules(text);
    for id in ids {
        assert!(
            found.iter().all(|f| f.0 != *id),
            "{id} must not fire: {found:?}\n{text}"
        );
    }
}

fn assert_fires(text: &str, id: &str, line: usize) {
    let found = rules(text);
    assert!(
        found.iter().any(|f| f.0 == id && f.2 == line),
        "{id} must fire on line {line}: {found:?}\n{text}"
    );
}

#[test]
fn the_base_report_is_clean() {
    let loud: Vec<_> = rules(BASE)
        .into_iter()
        .filter(|f| f.1 >= Severity::Warning)
        .collect();
    assert!(loud.is_empty(), "{loud:?}");
}

#[test]
fn non_ascii_digits_before_ri_do_not_crash() {
    for t in [
        "在2024٣日召开会议。",
        "在20३३३日召开。",
        "于２０２４年１３月开会。",
    ] {
        let _ = rules(&with("开展案卷评查2次", t));
    }
}

#[test]
fn shortcomings_and_plan_headings_in_other_words() {
    for h in [
        "二、工作中的困难和问题",
        "二、面临的问题和挑战",
        "二、存在的不足和短板",
    ] {
        assert_quiet(
            &with("二、存在的问题及原因", h),
            &["missing-shortcomings", "unheaded-shortcomings"],
        );
    }
    for h in [
        "三、2025年工作重点",
        "三、2025年工作要点",
        "三、下一步工作打算",
    ] {
        assert_quiet(
            &with("三、2025年工作安排", h),
            &["missing-plan", "unheaded-plan", "plan-year-mismatch"],
        );
    }
}

#[test]
fn one_heading_may_name_two_parts() {
    let t = with("三、2025年工作安排\n", "")
        .replace("二、存在的问题及原因", "二、存在的问题及下一步打算");
    assert_quiet(&t, &["missing-plan", "missing-shortcomings", "part-order"]);
}

#[test]
fn a_plan_for_the_reported_year_inside_the_measures_is_a_measure() {
    let t = with(
        "(二)规范行政执法。",
        "(二)科学编制2024年度法治政府建设工作计划。",
    );
    assert_quiet(&t, &["plan-year-mismatch", "part-order"]);
    let t = with(
        "(二)规范行政执法。",
        "(二)2023年度督察反馈问题整改工作开展情况。",
    );
    assert_quiet(&t, &["year-mismatch"]);
}

#[test]
fn years_inside_a_citation_are_not_the_reported_year() {
    let t = with(
        "现将有关情况报告如下:",
        "现将我镇贯彻落实《法治政府建设实施纲要(2021—2025年)》和2024年度法治政府建设情况报告如下:",
    );
    assert_quiet(&t, &["year-mismatch", "citation-form"]);
}

#[test]
fn a_title_over_two_lines_is_one_title() {
    let t = with(
        "青石镇2024年度法治政府建设工作报告\n",
        "青石镇人民政府关于2024年度\n法治政府建设情况的报告\n",
    );
    assert_quiet(
        &t,
        &[
            "title-year-missing",
            "missing-title",
            "plan-year-mismatch",
            "early-publication",
        ],
    );
}

#[test]
fn an_attachment_list_is_not_headings() {
    let t = with(
        "特此报告。\n",
        "特此报告。\n附件:1.青石镇2024年度行政执法统计表\n2.青石镇2024年度行政复议应诉情况表\n",
    );
    assert_quiet(&t, &["numbering-gap", "level-skip", "numbering-style"]);
}

#[test]
fn web_addresses_are_not_placeholders() {
    let t = with(
        "评出优秀案卷6卷。",
        "评出优秀案卷6卷,结果在门户网站(http://www.qingshi.gov.cn/xxgk/fzzf/)公开。",
    );
    assert_quiet(&t, &["placeholder"]);
    assert_fires(
        &with("青石镇人民政府\n", "XX镇人民政府\n"),
        "placeholder",
        12,
    );
}

#[test]
fn zero_width_space_before_a_heading() {
    let t = with("二、存在的问题及原因", "\u{200B}二、存在的问题及原因");
    assert_quiet(&t, &["missing-shortcomings", "numbering-gap"]);
}

#[test]
fn cause_sentences_in_other_words() {
    for c in [
        "造成这些问题的原因主要有:",
        "究其根源,在于",
        "分析原因,主要是",
        "原因主要有以下几个方面:",
    ] {
        assert_quiet(&with("究其原因,主要是", c), &["missing-causes"]);
    }
    // A consequence is not a cause; 原因 in another sense is not one either.
    let t = with(
        "究其原因,主要是编制紧张、培训投入不够,基层执法人员缺少系统培训。",
        "导致部分案件办理超期,对投诉原因分析不够。",
    );
    assert_fires(
        &t.replace("二、存在的问题及原因", "二、存在的问题"),
        "missing-causes",
        6,
    );
}

#[test]
fn short_citations_without_years_are_accepted() {
    let t = with(
        "评出优秀案卷6卷。",
        "评出优秀案卷6卷。学习《法治中国建设规划》《法治社会建设实施纲要》《法治政府建设实施纲要》。",
    );
    assert_quiet(&t, &["citation-form"]);
}

#[test]
fn others_doing_the_leaders_duties_are_not_the_leaders() {
    for s in [
        "行政机关主要负责人出庭应诉率达100%",
        "分管副镇长带头学法",
        "村党支部书记专题研究法治建设工作",
    ] {
        let t = with("镇党委书记专题研究法治建设工作3次", s);
        assert_fires(&t, "missing-duties", 1);
    }
    assert_quiet(
        &with("镇党委书记专题研究法治建设工作3次", "镇长带头出庭应诉2次"),
        &["missing-duties"],
    );
}

#[test]
fn level_two_numbering_restarts_under_each_level_one() {
    let t = with(
        "二、存在的问题及原因\n",
        "二、存在的问题及原因\n(三)执法力量薄弱。\n",
    );
    assert_fires(&t, "numbering-gap", 7);
}

#[test]
fn dates_in_chinese_numerals_and_counts_of_days() {
    let t = with("开展案卷评查2次", "于二〇二四年二月三十日开展案卷评查");
    assert_fires(&t, "invalid-date", 5);
    assert_quiet(
        &with("开展案卷评查2次", "累计服务20000日"),
        &["invalid-date"],
    );
}

#[test]
fn more_wordings_of_plan_causes_duties_and_shortcomings() {
    for h in [
        "三、2025年推进法治政府建设的主要安排",
        "三、下一年度推进法治政府建设的主要安排",
    ] {
        assert_quiet(
            &with("三、2025年工作安排", h),
            &["missing-plan", "unheaded-plan"],
        );
    }
    for c in [
        "主要原因:",
        "既有客观方面的原因,也有主观方面的原因:",
        "上述问题的出现,主要是因为",
    ] {
        assert_quiet(&with("究其原因,主要是", c), &["missing-causes"]);
    }
    for d in [
        "县委主要负责同志专题研究法治建设4次",
        "县政府主要领导在年终述法",
        "镇委主要领导带头述法",
    ] {
        assert_quiet(
            &with("镇党委书记专题研究法治建设工作3次", d),
            &["missing-duties"],
        );
    }
    assert_quiet(
        &with("二、存在的问题及原因", "二、需要改进的地方"),
        &["missing-shortcomings"],
    );
}

#[test]
fn a_lost_heading_is_reported_once_not_again_for_its_children() {
    let t = with(
        "(二)规范行政执法。开展案卷评查2次,评出优秀案卷6卷。\n",
        "1.制定规则\n2.完善程序\n规范行政执法\n1.开展评查\n(三)化解矛盾纠纷。\n",
    );
    let found: Vec<_> = rules(&t)
        .into_iter()
        .filter(|f| f.0 == "numbering-gap")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}\n{t}");
    assert_eq!(found[0].2, 9, "the (三) line: {found:?}");
}

#[test]
fn titles_over_two_lines_in_either_order() {
    let set = RuleSet::builtin().unwrap();
    for (head, want) in [
        (
            "青川市人民政府\n关于2024年度法治政府建设情况的报告\n",
            "青川市人民政府关于2024年度法治政府建设情况的报告",
        ),
        (
            "关于青石镇2024年度法治政府建设\n情况的报告\n",
            "关于青石镇2024年度法治政府建设情况的报告",
        ),
        (
            "云港经济开发区管理委员会\n2024年度法治政府建设情况报告\n",
            "云港经济开发区管理委员会2024年度法治政府建设情况报告",
        ),
    ] {
        let t = with("青石镇2024年度法治政府建设工作报告\n", head);
        let src = Source::new("t.txt", &t);
        let a = fzlint::analyse::analyse(&src, &set.vocab, &Settings::default());
        let o = fzlint::render::outline::outline(&src, &a, &set.vocab);
        assert_eq!(o.title.as_deref(), Some(want));
        assert_quiet(&t, &["title-year-missing", "missing-title"]);
    }
}

#[test]
fn review_findings_on_the_form_and_hygiene_rules() {
    // request-in-report: 申请审批 and 报请批示 describe procedures.
    let t = with(
        "开展案卷评查2次",
        "推行网上申请审批,压减申请审批材料,重大事项及时报请批示",
    );
    assert_quiet(&t, &["request-in-report"]);
    assert_fires(
        &with("特此报告。", "以上报告,妥否?请批示。"),
        "request-in-report",
        11,
    );
    // unmatched-pair: 1) a) enumerations; a quotation over two paragraphs.
    let t = with(
        "开展案卷评查2次,评出优秀案卷6卷。",
        "开展案卷评查2次。1)评出优秀案卷6卷;2)通报问题案卷3卷。",
    );
    assert_quiet(&t, &["unmatched-pair"]);
    let t = with(
        "(二)规范行政执法。开展案卷评查2次,评出优秀案卷6卷。\n",
        "(二)规范行政执法。开展案卷评查2次,评出优秀案卷6卷。\n“依法行政是政府工作的生命线,\n“各项工作都要在法治轨道上运行。”\n",
    );
    assert_quiet(&t, &["unmatched-pair"]);
    // mixed-punctuation-width: web addresses and English; heading numbers are numbering-style's.
    let t = with(
        "开展案卷评查2次,",
        "在网站https://www.qingshi.gov.cn/fzzf公开,开展“Learn, Share, Act”活动，开展案卷评查2次,",
    );
    let found = rules(&t);
    let mixed: Vec<_> = found
        .iter()
        .filter(|f| f.0 == "mixed-punctuation-width")
        .collect();
    assert_eq!(
        mixed.len(),
        1,
        "only the full-width comma is odd: {found:?}"
    );
    // rate-mismatch: the rate's own fuller name and a 其中 clause choose the counts.
    let t = with(
        "开展案卷评查2次",
        "收到来信120件,办结110件,其中按期办结100件,按期办结率90.9%",
    );
    assert_quiet(&t, &["rate-mismatch"]);
    let t = with(
        "开展案卷评查2次",
        "受理复议申请1,200件,办结1,000件,办结率100%",
    );
    assert_fires(&t, "rate-mismatch", 5);
    // genre: a shorter name of this report, and a combined report.
    for title in [
        "青石镇2024年度法治政府工作报告",
        "青石镇2024年度法治政府建设暨政府信息公开工作年度报告",
    ] {
        assert_quiet(
            &with("青石镇2024年度法治政府建设工作报告", title),
            &["genre"],
        );
    }
    // empty-section: an empty last section; list items ending in ;
    assert_fires(
        &with("(一)加强执法队伍建设。\n(二)创新普法宣传方式。\n", ""),
        "empty-section",
        8,
    );
    let t = with(
        "(二)规范行政执法。开展案卷评查2次,评出优秀案卷6卷。",
        "(二)规范行政执法:\n1.严格履行公众参与程序;\n2.严格落实合法性审查;",
    );
    assert_quiet(&t, &["empty-section"]);
}

#[test]
fn a_closing_list_of_title_only_items_is_not_empty_sections() {
    let t = with(
        "(一)加强执法队伍建设。\n(二)创新普法宣传方式。\n",
        "(一)加强执法队伍建设\n1.充实执法力量\n2.开展业务培训\n",
    );
    // The last item, before 特此报告, is not an empty last part (only a level-1 heading
    // can be); items followed by a sibling are judged as rules.md says.
    let found = rules(&t);
    assert!(
        found
            .iter()
            .filter(|f| f.0 == "empty-section")
            .all(|f| f.2 != 11),
        "{found:?}"
    );
}

#[test]
fn preamble_wordings_of_a_summary_or_an_oral_account() {
    let preamble = "现将有关情况报告如下:";
    // Each wording is flagged whole, on the preamble's line.
    for (wording, text) in [
        ("现将有关情况作如下汇报:", "作如下汇报"),
        ("现将有关工作总结汇报如下:", "总结汇报如下"),
        ("现将2024年度法治政府建设工作情况总结如下:", "总结如下"),
        ("现就有关工作向县政府汇报如下:", "汇报如下"),
        ("现将有关工作总结 如下:", "总结 如下"),
    ] {
        let t = with(preamble, wording);
        let set = RuleSet::builtin().unwrap();
        let src = Source::new("case.txt", &t);
        let found: Vec<_> = lint(&src, &set, &Settings::default())
            .into_iter()
            .filter(|d| d.rule == "preamble-formula")
            .map(|d| (src.line_col(d.span.start).0, src.slice(&d.span).to_string()))
            .collect();
        assert_eq!(found, [(2, text.to_string())], "{wording}");
    }
    // A 报告 wording, and 汇报/总结 not followed by 如下, keep the preamble quiet.
    for wording in [
        "现将有关情况作如下报告:",
        "现将有关工作总结报告如下:",
        "镇政府每季度召开法治建设汇报会,及时总结经验。现将有关情况报告如下:",
    ] {
        assert_quiet(&with(preamble, wording), &["preamble-formula"]);
    }
}

#[test]
fn help_texts_follow_the_report() {
    let diags = |text: &str| {
        let set = RuleSet::builtin().unwrap();
        lint(&Source::new("case.txt", text), &set, &Settings::default())
    };
    let help = |text: &str, id: &str| {
        let found = diags(text);
        let d = found.iter().find(|d| d.rule == id);
        d.unwrap_or_else(|| panic!("{id}: {found:?}"))
            .help
            .clone()
            .unwrap_or_default()
    };
    // The example heading of a missing plan names the year after the reported year.
    let no_plan = with(
        "三、2025年工作安排\n(一)加强执法队伍建设。\n(二)创新普法宣传方式。\n",
        "",
    );
    for (year, next) in [("2021", "2022"), ("2023", "2024"), ("2024", "2025")] {
        let t = no_plan.replace("2024", year);
        let h = help(&t, "missing-plan");
        assert!(h.contains(&format!("四、{next}年工作安排")), "{year}: {h}");
    }
    // A report whose year is not known gets no year at all.
    let t = no_plan
        .replace(
            "青石镇2024年度法治政府建设工作报告",
            "青石镇法治政府建设工作报告",
        )
        .replace("2024年,", "全年,")
        .replace("2024年法治", "法治")
        .replace("2025年2月20日", "");
    let h = help(&t, "missing-plan");
    assert!(h.contains("四、下一年度工作安排"), "{h}");
    // The example title offered for a missing title, or a title without its year, names
    // the year the report is on (from its opening), or none when that is not known.
    for year in ["2021", "2023"] {
        let opening = format!("{year}年,青石镇深入推进依法行政。");
        let t = with("2024年,青石镇深入推进依法行政。", &opening);
        let untitled = t.replacen("青石镇2024年度法治政府建设工作报告\n", "", 1);
        let h = help(&untitled, "missing-title");
        assert!(
            h.contains(&format!("关于{year}年度法治政府建设")),
            "{year}: {h}"
        );
        let yearless = t.replacen(
            "青石镇2024年度法治政府建设工作报告",
            "青石镇法治政府建设工作报告",
            1,
        );
        let h = help(&yearless, "title-year-missing");
        assert!(
            h.contains(&format!("青石镇{year}年度法治政府建设")),
            "{year}: {h}"
        );
    }
    // `t`: the report above whose year is not known.
    let h = help(&t, "title-year-missing");
    assert!(h.contains("××××年度"), "{h}");
    // A garbled date: the help writes the date the label suggests.
    let t = with("开展案卷评查2次", "在2023928日开展案卷评查2次");
    let found = diags(&t);
    let d = found.iter().find(|d| d.rule == "invalid-date").unwrap();
    assert!(d.label.contains("2023年9月28日"), "{d:?}");
    assert!(
        d.help.as_deref().unwrap().contains("2023年9月28日"),
        "{d:?}"
    );
    // Other invalid dates keep the general help.
    let t = with("开展案卷评查2次", "在2024年2月30日开展案卷评查2次");
    let d = diags(&t)
        .into_iter()
        .find(|d| d.rule == "invalid-date")
        .unwrap();
    assert!(d.help.unwrap().contains("用阿拉伯数字写全年、月、日"));
}

/// The headings of a text: (line, level, number).
fn headings(text: &str) -> Vec<(usize, u8, u32)> {
    let set = RuleSet::builtin().unwrap();
    let src = Source::new("case.txt", text);
    let a = fzlint::analyse::analyse(&src, &set.vocab, &Settings::default());
    a.report
        .headings
        .iter()
        .map(|h| (src.line_col(h.marker.start).0, h.level, h.number))
        .collect()
}

#[test]
fn a_level_two_marker_that_lost_a_bracket_is_still_a_heading() {
    let base = with(
        "(二)规范行政执法。开展案卷评查2次,评出优秀案卷6卷。\n",
        "(二)规范行政执法。开展案卷评查2次,评出优秀案卷6卷。\n(三)化解矛盾纠纷。全年调处纠纷40件。\n",
    );
    let levels = |t: &str| {
        headings(t)
            .into_iter()
            .filter(|h| h.0 <= 6)
            .collect::<Vec<_>>()
    };
    let want = vec![(3, 1, 1), (4, 2, 1), (5, 2, 2), (6, 2, 3)];
    assert_eq!(levels(&base), want);
    for (old, new, line) in [
        ("(二)规范", "二)规范", 5),
        ("(二)规范", "(二规范", 5),
        ("(二)规范", "(二 规范", 5),
        ("(一)健全", "一)健全", 4),
        ("(一)健全", "(一健全", 4),
        ("(三)化解", "(三化解", 6),
        ("(三)化解", "三)化解", 6),
    ] {
        let t = base.replacen(old, new, 1);
        assert_eq!(levels(&t), want, "{new}");
        let found = rules(&t);
        let style: Vec<_> = found
            .iter()
            .filter(|f| f.0 == "numbering-style")
            .map(|f| f.2)
            .collect();
        assert_eq!(style, [line], "{new}: {found:?}");
        for id in ["numbering-gap", "unmatched-pair", "empty-section"] {
            assert!(found.iter().all(|f| f.0 != id), "{new}: {id} {found:?}");
        }
    }
    // Near misses: a parenthesis at a line's start, a broken marker that continues no
    // numbering, and 一) inside running text stay paragraphs.
    for (old, new) in [
        (
            "(二)规范行政执法。",
            "(一网通办)改革全面推开。\n(二)规范行政执法。",
        ),
        (
            "(三)化解矛盾纠纷。",
            "(一网通办)改革全面推开。\n(三)化解矛盾纠纷。",
        ),
        ("开展案卷评查2次", "开展案卷评查2次,其中:\n五)类案卷3卷"),
        (
            "(三)化解矛盾纠纷。",
            "(五年来首次)全年调处纠纷40件。\n(三)化解矛盾纠纷。",
        ),
    ] {
        let t = base.replacen(old, new, 1);
        let found = rules(&t);
        assert!(
            found.iter().all(|f| f.0 != "numbering-style"),
            "{new}: {found:?}"
        );
        let hs = headings(&t);
        assert_eq!(
            hs.iter().filter(|h| h.1 == 2 && h.0 <= 8).count(),
            3,
            "{new}: {hs:?}"
        );
    }
}

#[test]
fn an_unheaded_closing_plan_with_the_wrong_year_is_a_plan_with_the_wrong_year() {
    let plan = "三、2025年工作安排\n(一)加强执法队伍建设。\n(二)创新普法宣传方式。\n";
    let closing = |year: &str| {
        with(
            plan,
            &format!(
                "{year}年,青石镇将继续加强执法队伍建设,创新普法宣传方式,推动法治政府建设再上新台阶。\n"
            ),
        )
    };
    let plan_of = |t: &str| {
        let set = RuleSet::builtin().unwrap();
        let src = Source::new("case.txt", t);
        let a = fzlint::analyse::analyse(&src, &set.vocab, &Settings::default());
        a.parts
            .first(fzlint::pack::Part::named("plan"))
            .map(|h| (src.line_col(h.span.start).0, h.headed))
    };
    // The next year: an unheaded plan, with the right year.
    let t = closing("2025");
    assert_eq!(plan_of(&t), Some((8, false)));
    assert_fires(&t, "unheaded-plan", 8);
    assert_quiet(&t, &["missing-plan", "plan-year-mismatch"]);
    // A later year: the plan, with the wrong year.
    for year in ["2026", "2027"] {
        let t = closing(year);
        assert_eq!(plan_of(&t), Some((8, false)), "{year}");
        assert_fires(&t, "plan-year-mismatch", 8);
        assert_quiet(&t, &["missing-plan"]);
    }
    // The reported year or an earlier one is an account of the year, and a far year a
    // long-term goal: no plan.
    for year in ["2024", "2023", "2035"] {
        let t = closing(year);
        assert_eq!(plan_of(&t), None, "{year}");
        assert_fires(&t, "missing-plan", 1);
        assert_quiet(&t, &["plan-year-mismatch"]);
    }
    // Before the last heading, a later year opens a measure (a goal), not the plan.
    let t = with(
        plan,
        "2026年,青石镇将建成镇级法治文化公园。\n三、其他需要报告的事项\n无。\n",
    );
    assert_eq!(plan_of(&t), None);
    assert_fires(&t, "missing-plan", 1);
    // With a headed plan, a later year opening a paragraph of the measures is not
    // checked as the plan.
    let t = with(
        "开展案卷评查2次,评出优秀案卷6卷。",
        "开展案卷评查2次,评出优秀案卷6卷。\n2026年,青石镇将建成镇级法治文化公园。",
    );
    assert_quiet(&t, &["plan-year-mismatch", "missing-plan", "unheaded-plan"]);
}
