use super::*;

fn parse_str(s: &str) -> (Source, Report) {
    parse_named("t", s)
}

fn parse_named(name: &str, s: &str) -> (Source, Report) {
    let src = Source::new(name, s);
    let r = parse(&src, &Vocab::builtin());
    (src, r)
}

fn title_texts<'a>(src: &'a Source, r: &Report) -> Vec<&'a str> {
    r.headings.iter().map(|h| src.slice(&h.title)).collect()
}

fn titles(src: &Source, r: &Report) -> Vec<(u8, u32, String)> {
    r.headings
        .iter()
        .map(|h| (h.level, h.number, src.slice(&h.title).to_string()))
        .collect()
}

#[test]
fn line_mode_headings_and_head() {
    let (src, r) = parse_str(
        "青石镇2024年度法治政府建设工作报告\n县委、县政府:\n2024年,青石镇扎实推进。现将有关情况报告如下:\n一、主要举措\n(一)强化学习。全年学法4次。\n1. 组织培训\n二、存在的问题\n特此报告。\n青石镇人民政府\n2025年2月3日\n",
    );
    assert!(r.line_mode);
    assert_eq!(
        src.slice(&r.blocks[r.title.unwrap()].span),
        "青石镇2024年度法治政府建设工作报告"
    );
    assert!(r.salutation.is_some());
    assert_eq!(r.preamble.len(), 1);
    assert_eq!(
        titles(&src, &r),
        vec![
            (1, 1, "主要举措".into()),
            (2, 1, "强化学习".into()),
            (3, 1, "组织培训".into()),
            (1, 2, "存在的问题".into())
        ]
    );
    assert!(!r.headings[1].title_only());
    assert!(r.headings[2].space.is_some());
    assert_eq!(r.headings[2].parent, Some(1));
    assert!(r.closing.is_some());
    assert_eq!(
        r.signature_date.as_ref().map(|d| (d.year, d.month, d.day)),
        Some((2025, 2, 3))
    );
    assert!(r.blocks.iter().any(|b| b.kind == BlockKind::Signature));
}

#[test]
fn markdown_hashes_are_headings_by_depth() {
    let md = "# 青石镇2024年度法治政府建设工作报告\n\n2024年,青石镇推进依法行政。\n\n## 主要举措\n\n### 健全决策机制\n\n审查决策5件。\n\n1. 组织培训\n\n## 二、存在的不足\n\n```\n## 代码里的不是标题\n```\n\n力量不足。\n";
    let (src, r) = parse_named("r.md", md);
    assert_eq!(
        src.slice(&r.blocks[r.title.unwrap()].span),
        "青石镇2024年度法治政府建设工作报告"
    );
    assert_eq!(
        titles(&src, &r),
        vec![
            (1, 0, "主要举措".into()),
            (2, 0, "健全决策机制".into()),
            (3, 1, "组织培训".into()),
            (1, 2, "存在的不足".into())
        ]
    );
    assert_eq!(r.headings[0].form, MarkerForm::Hash);
    assert_eq!(r.headings[2].parent, Some(1));
    // Without a title line, the shallowest depth is level 1; in a .txt file hashes
    // are text.
    let (_, r) = parse_named("r.md", "### 主要举措\n做法。\n#### 决策\n### 不足\n");
    let levels: Vec<u8> = r.headings.iter().map(|h| h.level).collect();
    assert_eq!(levels, [1, 2, 1]);
    let (_, r) = parse_str("### 主要举措\n做法。\n### 不足\n");
    assert!(r.headings.is_empty());
    // A heading that holds only a comment is not one, nor is the line after it.
    let md = "## <!-- 待补 -->\n全年审查重大行政决策5件。\n## 不足\n";
    let (src, r) = parse_named("r.md", md);
    assert_eq!(title_texts(&src, &r), ["不足"]);
}

#[test]
fn a_code_block_ends_only_at_its_closing_fence() {
    // A fence closes on its own character, at least as long, with nothing after it.
    let md = "## 主要举措\n做法。\n````\n```text\n## 代码里的不是标题\n```\n## 也在代码里\n````\n## 不足\n";
    let (src, r) = parse_named("r.md", md);
    assert_eq!(title_texts(&src, &r), ["主要举措", "不足"]);
}

#[test]
fn one_line_report_has_inline_headings() {
    let (src, r) = parse_str(
        "某镇2024年法治政府建设年度报告\n2024年,我镇推进法治建设,一、二季度开展培训。现将情况报告如下:一、2024年工作情况(一)强化学习,依据第十条(一)项规定开展。同比增长11.77%。(二)规范执法。全年办案5.0件。二、存在的不足及原因(一)基础薄弱。三、2025年工作安排(一)深化改革。",
    );
    assert!(!r.line_mode);
    let t: Vec<(u8, u32)> = titles(&src, &r).iter().map(|t| (t.0, t.1)).collect();
    assert_eq!(
        t,
        vec![(1, 1), (2, 1), (2, 2), (1, 2), (2, 1), (1, 3), (2, 1)]
    );
    assert_eq!(src.slice(&r.headings[0].title), "2024年工作情况");
    assert_eq!(src.slice(&r.headings[3].title), "存在的不足及原因");
    assert_eq!(r.preamble.len(), 1);
}

#[test]
fn furniture_is_cut_out_and_dates_read() {
    let (src, r) = parse_str(
        "当前位置: 首页\n>政务公开>通知公告\n索引号: 113/2024 发布机构: 中心\n关于某区2023年度法治政府建设情况的报告\n发布时间:2024-02-27 16:09:43 点击次数:\n2023年,某区推进法治建设。现将有关情况报告如下:\n一、情况\n正文。分享到:微信\n",
    );
    let furn: Vec<&str> = r
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Furniture)
        .map(|b| src.slice(&b.span))
        .collect();
    assert_eq!(furn.len(), 5, "{furn:?}");
    assert_eq!(furn[4], "分享到:微信");
    let pub_date = r
        .meta
        .iter()
        .find(|m| m.key == "发布时间")
        .and_then(|m| m.date.clone())
        .unwrap();
    assert_eq!((pub_date.year, pub_date.month, pub_date.day), (2024, 2, 27));
    assert_eq!(
        src.slice(&r.blocks[r.title.unwrap()].span),
        "关于某区2023年度法治政府建设情况的报告"
    );
}

#[test]
fn enumerations_are_found() {
    let (src, r) = parse_str(
        "某镇2024年度法治政府建设工作报告\n一、情况\n一是加强学习。二是规范执法;三是化解纠纷。其中一是为首要。\n",
    );
    let found: Vec<(u32, &str)> = r
        .enumerations
        .iter()
        .map(|e| (e.1, src.slice(&e.2)))
        .collect();
    assert_eq!(found, vec![(1, "一是"), (2, "二是"), (3, "三是")]);
}

#[test]
fn never_fails() {
    for s in [
        "",
        "\n\n",
        "一、",
        "(",
        "特此报告。",
        "1.",
        "\u{0}\u{1}abc",
        "一、(一)1.(1)",
    ] {
        let _ = parse_str(s);
    }
}

#[test]
fn rows_of_a_table_are_never_headings() {
    // Tab rows and pipe rows whose labels are numbered like headings.
    let (src, r) = parse_str(
        "某局2025年政府信息公开工作年度报告\n一、总体情况\n全年依法办理申请。\n二、收到申请情况\n项目\t自然人\t总计\n一、本年新收\t3\t3\n二、上年结转\t1\t1\n| 项目 | 总计 |\n| 三、本年办理 | 4 |\n三、存在的问题\n公开形式单一。\n",
    );
    assert_eq!(
        title_texts(&src, &r),
        ["总体情况", "收到申请情况", "存在的问题"]
    );
}
