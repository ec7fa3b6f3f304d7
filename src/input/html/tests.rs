use super::*;

fn read(html: &str) -> Document {
    read_html(html.as_bytes(), None).unwrap()
}

/// The report's paragraphs as the reader should return them, after the title.
const REPORT: &[&str] = &[
    "　　2024年，临川市司法局在市委、市政府领导下，深入推进依法行政，法治政府建设取得新进展。现将有关情况报告如下。",
    "　　一、主要举措和成效",
    "　　（一）健全依法决策机制。全年审查重大行政决策事项12件，组织公众参与和专家论证，做到应审尽审。",
    "　　（二）规范行政执法行为。全面推行行政执法公示、全过程记录和重大执法决定法制审核制度，开展执法案卷评查两次。",
    "　　二、存在的不足和原因",
    "　　部分执法人员法治意识有待提高，基层执法力量仍然薄弱。",
    "　　三、下一年度工作安排",
    "　　2025年，我们将继续加强执法监督，提升复议应诉水平，为建设法治临川作出新贡献。",
    "临川市司法局",
    "2025年3月28日",
];
const TITLE: &str = "临川市司法局2024年法治政府建设年度报告";

/// A government page around the report, with `head` as the charset declaration and
/// `date_meta` as the PubDate meta (or nothing).
fn page(charset: &str, date_meta: &str) -> String {
    let paragraphs: String = REPORT[..8]
        .iter()
        .map(|p| format!("<p>{p}</p>\n"))
        .collect();
    format!(
        r##"<!DOCTYPE html>
<html>
<head>
{charset}
<title>{TITLE}_临川市人民政府</title>
<meta name="SiteName" content="临川市人民政府">
<meta name="ArticleTitle" content="{TITLE}">
{date_meta}
<link rel="stylesheet" href="/css/main.css">
<style>#zoom p {{ text-indent: 2em; }}</style>
<script>var tip = "<p>不是正文</p>";</script>
</head>
<body>
<!-- 页头 -->
<div class="header"><div class="logo">临川市人民政府</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul>
<form action="/search"><input name="q"><button>搜索</button></form></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzf/">法治政府建设</a></div>
<div class="main">
<table class="xxgk">
<tr><td>索引号：</td><td>113301000000000000/2025-00012</td><td>发布机构：</td><td>临川市司法局</td></tr>
<tr><td>发布日期：</td><td>2025-03-29</td><td>主题分类：</td><td>法治政府</td></tr>
</table>
<h1 class="title">{TITLE}</h1>
<div class="info">来源：临川市司法局　【字体：<a href="javascript:;">大</a> <a href="javascript:;">中</a> <a href="javascript:;">小</a>】</div>
<div id="zoom">
{paragraphs}<p>&nbsp;</p>
<p style="text-align:right">{}</p>
<p style="text-align:right">{}</p>
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>
<span onclick="window.print()">打印本页</span> <span onclick="window.close()">关闭窗口</span></div>
<div class="related"><h3>相关链接</h3>
<ul><li><a href="/a/1.html">临川市2023年法治政府建设年度报告</a></li><li><a href="/a/2.html">关于印发临川市行政执法公示办法的通知</a></li></ul></div>
</div>
<div class="footer"><p>主办单位：临川市人民政府办公室　承办单位：临川市大数据发展中心</p>
<p>网站标识码：3300000001　浙ICP备00000000号　浙公网安备 33000002000001号</p></div>
<script>document.write("<div>统计</div>");</script>
</body>
</html>
"##,
        REPORT[8], REPORT[9]
    )
}

fn expected_report() -> Vec<Block> {
    std::iter::once((TITLE, "h1"))
        .chain(REPORT.iter().map(|&p| (p, "p")))
        .enumerate()
        .map(|(i, (text, element))| Block {
            text: text.to_string(),
            paragraph: i + 1,
            element: element.to_string(),
        })
        .collect()
}

#[test]
fn a_government_page_gives_the_title_and_the_report() {
    let utf8 = page(
        r#"<meta charset="utf-8">"#,
        r#"<meta name="PubDate" content="2025-03-28 09:30">"#,
    );
    // The same page in GBK, declared gb2312, reads the same.
    let html = page(
        r#"<meta http-equiv="Content-Type" content="text/html; charset=gb2312">"#,
        r#"<meta name="pubdate" content="2025/3/28">"#,
    );
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&html);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err());
    for (bytes, encoding) in [(utf8.as_bytes(), "UTF-8"), (&gbk, "GBK")] {
        let doc = read_html(bytes, None).unwrap();
        assert_eq!(doc.blocks, expected_report());
        assert_eq!(doc.published.as_deref(), Some("2025-03-28"));
        assert_eq!(doc.title.as_deref(), Some(TITLE));
        assert_eq!(doc.encoding, encoding);
        assert_eq!(doc.format, crate::text::Format::Html);
    }
}

#[test]
fn the_date_comes_from_the_page_text_without_a_meta() {
    let html = "<html><head><title>关于2024年度法治政府建设情况的报告 - 临川市交通运输局</title></head><body>\
            <div class=\"info\">发布时间：2025年3月28日 10:02　浏览次数：<span>35</span></div>\
            <div class=\"TRS_Editor\"><p>　　2024年，我局认真贯彻落实法治政府建设实施纲要，各项工作有序推进。</p>\
            <p>　　一、加强组织领导，压实第一责任人职责。</p></div></body></html>";
    let doc = read(html);
    assert_eq!(doc.published.as_deref(), Some("2025-03-28"));
    assert_eq!(
        doc.title.as_deref(),
        Some("关于2024年度法治政府建设情况的报告")
    );
    assert_eq!(
        doc.texts(),
        [
            "　　2024年，我局认真贯彻落实法治政府建设实施纲要，各项工作有序推进。",
            "　　一、加强组织领导，压实第一责任人职责。"
        ]
    );

    // A label in one table cell and the date in the next.
    let html = "<table><tr><td>发布日期：</td><td>2025.03.07</td></tr></table><p>正文</p>";
    let doc = read(html);
    assert_eq!(doc.published.as_deref(), Some("2025-03-07"));
    assert_eq!(doc.title, None);

    let doc = read("<p>发布时间：待定</p><p>正文</p>");
    assert_eq!(doc.published, None);
}

#[test]
fn dates_are_normalised() {
    for (s, want) in [
        ("2025-03-28", Some("2025-03-28")),
        ("2025/3/28 09:30:00", Some("2025-03-28")),
        ("2025.03.28", Some("2025-03-28")),
        ("2025年3月28日", Some("2025-03-28")),
        ("2025 年 3 月 8 日 上午", Some("2025-03-08")),
        ("２０２５年３月２８日", Some("2025-03-28")),
        ("2025-03-28T09:30:00+08:00", Some("2025-03-28")),
        ("  2024-02-29", Some("2024-02-29")),
        ("2025-02-29", None),
        ("2025-13-01", None),
        ("2025-03/28", None),
        ("2025-03-280", None),
        ("20250328", None),
        ("三月", None),
        ("", None),
    ] {
        assert_eq!(parse_date(s).as_deref(), want, "{s}");
    }
}

#[test]
fn br_is_a_line_break_inside_the_block() {
    let html = "<p>  第一行 <br>\n 第二行<br/><br>　　第三行 <br></p><p><br>单独</p>";
    let doc = read(html);
    assert_eq!(doc.texts(), ["第一行\n第二行\n　　第三行", "单独"]);
    assert_eq!(doc.blocks[0].element, "p");
}

#[test]
fn entities_are_decoded_and_special_spaces_kept() {
    let html = "<p>A&nbsp;B &amp; C&#x4e00;&lt;&#12288;</p><div>  x \t\n y  </div>";
    let doc = read(html);
    assert_eq!(doc.texts(), ["A\u{a0}B & C一<\u{3000}", "x y"]);
    assert_eq!(doc.blocks[1].element, "div");
}

#[test]
fn a_block_of_zero_width_characters_is_blank() {
    // Zero-width spaces, non-joiners and joiners show nothing: a block of them alone is
    // dropped like a block of spaces (the parser's notion of blank, shared since).
    let html = "<p>\u{200B}\u{200C}\u{200D}\u{FEFF}</p><p>正文\u{200D}</p>";
    let doc = read(html);
    assert_eq!(doc.texts(), ["正文\u{200D}"]);
}

#[test]
fn a_page_without_a_container_gives_all_blocks() {
    let html = "<html><body><h2>临川市2024年法治政府建设年度报告</h2>\
            <p>　　一、主要工作</p><p>　　全年办理行政复议案件30件。</p>\
            <ul><li>普法宣传</li><li>执法监督</li></ul><table><tr><td>项目</td><td>数量</td></tr></table>\
            正文之外</body></html>";
    let doc = read(html);
    assert_eq!(
        doc.rows(),
        [
            (1, "h2", "临川市2024年法治政府建设年度报告"),
            (2, "p", "　　一、主要工作"),
            (3, "p", "　　全年办理行政复议案件30件。"),
            (4, "li", "普法宣传"),
            (5, "li", "执法监督"),
            (6, "td", "项目"),
            (7, "td", "数量"),
            (8, "body", "正文之外"),
        ]
    );
    assert_eq!(doc.encoding, "UTF-8");
}

#[test]
fn skipped_elements_give_no_text() {
    let html = "<head><title>标题</title><style>p{}</style></head>\
            <p>甲<script>document.write('乙')</script>丙<!-- 注释 --></p>\
            <noscript><p>请启用脚本</p></noscript><select><option>选项</option></select>\
            <textarea>留言</textarea><template><p>模板</p></template><svg><text>图</text></svg>\
            <p>丁<button>按钮</button>戊</p><iframe src=x>框</iframe><svg/><p>己</p>";
    let doc = read(html);
    assert_eq!(doc.texts(), ["甲丙", "丁戊", "己"]);
    assert_eq!(doc.title.as_deref(), Some("标题"));
}

#[test]
fn malformed_markup_is_read_as_browsers_would() {
    let html = "<div><p>甲<p>乙<div>丙</span></b><ul><li>丁<li>戊</ul>\
            <table><tr><td>己<td>庚<tr><td>辛</table><p><b>壬</p>癸<a href=\"x\">链</div></i>";
    let doc = read(html);
    assert_eq!(
        doc.rows(),
        [
            (1, "p", "甲"),
            (2, "p", "乙"),
            (3, "div", "丙"),
            (4, "li", "丁"),
            (5, "li", "戊"),
            (6, "td", "己"),
            (7, "td", "庚"),
            (8, "td", "辛"),
            (9, "p", "壬"),
            (10, "div", "癸链"),
        ]
    );
    // Unclosed tags, attributes and comments at the end of the input.
    for html in [
        "<p>正文<div class=\"a",
        "<p>正文<!-- 注释",
        "<p>正文</di",
        "<p>正文<script>x",
    ] {
        assert_eq!(read(html).texts(), ["正文"], "{html}");
    }
    assert_eq!(read("").blocks, []);
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let n = 100_000;
    let html = format!("{}正文{}", "<div>".repeat(n), "</div>".repeat(n));
    let doc = read(&html);
    assert_eq!(doc.texts(), ["正文"]);
    assert_eq!(doc.blocks[0].element, "div");
    // Unclosed, and other elements.
    let html = format!(
        "{}正文{}",
        "<div><span><p><li><td>".repeat(n / 5),
        "</b>".repeat(n)
    );
    let doc = read(&html);
    assert_eq!(doc.texts(), ["正文"]);
}

#[test]
fn bytes_that_are_not_text_are_an_error() {
    // A fixed pseudo-random sequence.
    let mut next = crate::testing::lcg(0x2545_F491);
    let bytes: Vec<u8> = (0..4096).map(|_| (next() >> 56) as u8).collect();
    let err = read_html(&bytes, None).unwrap_err();
    assert_eq!(Some(err), super::super::decode(&bytes).err());
    assert_eq!(
        read_html(
            b"<p>\x00\x01\x02\x03\xff\xfe\x00\x00\x91\x00\x00\x07</p>",
            None
        ),
        Err(InputError::Binary)
    );
}

#[test]
fn truncated_and_mutated_pages_never_panic() {
    let html = page(r#"<meta charset="gbk">"#, "");
    let (gbk, _, _) = encoding_rs::GBK.encode(&html);
    let mut random = crate::testing::lcg(12345);
    let mut next = move || (random() >> 33) as usize;
    for cut in (0..gbk.len()).step_by(61) {
        let _ = read_html(&gbk[..cut], None);
        let _ = read_html(&html.as_bytes()[cut.min(html.len())..], None);
    }
    let mut bytes = html.into_bytes();
    for _ in 0..200 {
        let i = next() % bytes.len();
        bytes[i] = b"<>/\"=p \x00\xff"[next() % 9];
        let _ = read_html(&bytes, None);
    }
}

#[test]
fn byte_order_marks_and_declarations() {
    let mut le = vec![0xFF, 0xFE];
    le.extend("<p>报告</p>".encode_utf16().flat_map(|u| u.to_le_bytes()));
    let doc = read_html(&le, None).unwrap();
    assert_eq!((doc.texts(), doc.encoding), (vec!["报告"], "UTF-16LE"));

    let doc = read("\u{FEFF}<meta charset=gbk><p>报告</p>");
    assert_eq!((doc.texts(), doc.encoding), (vec!["报告"], "UTF-8"));

    // A declared UTF-16 is read as UTF-8.
    let doc = read("<meta charset=\"utf-16\"><p>报告</p>");
    assert_eq!((doc.texts(), doc.encoding), (vec!["报告"], "UTF-8"));

    // Declared UTF-8 but written in GBK: the detector reads it.
    let body = "<p>　　2024年，临川市认真贯彻落实法治政府建设实施纲要，坚持依法行政。</p>";
    let (gbk, _, _) = encoding_rs::GBK.encode(body);
    let mut bytes = b"<meta charset='utf-8'>".to_vec();
    bytes.extend_from_slice(&gbk);
    let doc = read_html(&bytes, None).unwrap();
    assert_eq!(doc.texts(), [&body[3..body.len() - 4]]);
    assert_eq!(doc.encoding, "GBK");

    // Declared GBK, bytes neither GBK nor anything else: read lossily as GBK.
    let mut bytes = b"<meta charset=gbk><p>\x81</p><p>".to_vec();
    bytes.extend_from_slice(&gbk[3..gbk.len() - 4]);
    let doc = read_html(&bytes, None).unwrap();
    assert_eq!(doc.encoding, "GBK");
    assert_eq!(doc.texts(), ["\u{FFFD}", &body[3..body.len() - 4]]);
}

#[test]
fn the_report_goes_on_in_a_sibling_and_a_br_container() {
    // Word's sections: two sibling divs, each a part of the report.
    let p = |s: &str| format!("<p>　　{s}</p>");
    let part1 = p("一、本年度推进法治政府建设的主要举措和成效，全面履行政府职能。").repeat(4);
    let part2 = p("二、存在的不足及原因，行政执法规范化水平仍需提升。").repeat(3);
    let html = format!(
        "<div class=nav><a href=/>首页</a></div><div class=wrap><div class=WordSection1>{part1}</div>\
             <div class=WordSection2>{part2}</div></div><div class=foot>版权所有：临川市人民政府</div>"
    );
    let doc = read(&html);
    assert_eq!(doc.blocks.len(), 7);
    assert!(doc.blocks.iter().all(|b| b.element == "p"));

    // The report as lines separated by <br> in a div, the title above it.
    let lines = [
        "　　一、主要工作。全年制定行政规范性文件8件，全部按程序审查备案。",
        "　　二、存在问题。个别部门执法程序还不够规范，需要进一步加强培训。",
        "　　三、下一步安排。持续深化行政执法三项制度，推进严格规范公正文明执法。",
        "　　四、加强行政复议工作，发挥复议化解行政争议主渠道作用，全年纠错率有所提高。",
        "　　五、深入开展普法宣传，落实谁执法谁普法责任制，营造良好法治氛围。",
    ];
    let html = format!(
        "<title>临川市2024年法治政府建设年度报告</title><div class=top>临川市人民政府门户网站</div>\
             <div class=box><h2>临川市2024年法治政府建设年度报告</h2><div class=src>来源：市司法局</div>\
             <div class=body>{}</div><div class=tools>打印本页　关闭窗口</div></div>",
        lines.join("<br>\n")
    );
    let doc = read(&html);
    let joined = lines.join("\n");
    assert_eq!(
        doc.rows(),
        [
            (1, "h2", "临川市2024年法治政府建设年度报告"),
            (2, "div", joined.as_str()),
        ]
    );
}

#[test]
fn div_paragraphs_and_a_title_inside_the_container() {
    let paras = [
        "　　一、深入学习贯彻习近平法治思想，把法治建设摆在全局工作的重要位置。",
        "　　二、严格规范公正文明执法，全年开展行政执法监督检查六次。",
        "　　三、依法化解矛盾纠纷，人民调解组织调解成功率保持在较高水平。",
    ];
    let html = format!(
        "<meta property=\"article:published_time\" content=\"2025-01-15T08:00:00+08:00\">\
             <title>临川市某局法治政府建设年度报告</title>\
             <div class=title>临川市某局法治政府建设年度报告</div><div class=article>\
             <h1>临川市某局法治政府建设年度报告</h1>{}</div><div class=foot>联系我们</div>",
        paras.map(|p| format!("<div>{p}</div>")).concat()
    );
    let doc = read(&html);
    let mut want = vec!["临川市某局法治政府建设年度报告"];
    want.extend(paras);
    assert_eq!(doc.texts(), want);
    assert_eq!(doc.blocks[0].element, "h1");
    assert_eq!(doc.blocks[1].element, "div");
    assert_eq!(doc.published.as_deref(), Some("2025-01-15"));
}

#[test]
fn titles_lose_the_site_name() {
    assert_eq!(title_main_part(" 报告 - 临川市人民政府 "), "报告");
    assert_eq!(title_main_part("报告_临川市人民政府_首页"), "报告");
    assert_eq!(title_main_part("报告|临川市"), "报告");
    assert_eq!(title_main_part("_报告"), "_报告");
    assert_eq!(title_main_part("2024-2025年报告"), "2024-2025年报告");
}

#[test]
fn tables_keep_rows_cells_and_merges() {
    // Cells holding paragraphs, a row span and a column span, an empty cell.
    let page = "<html><body><div class=\"content\"><p>三、收到和处理政府信息公开申请情况</p>\
        <table><tr><td rowspan=\"2\"><p>项目</p></td><td colspan=\"2\">申请人</td></tr>\
        <tr><td>自然人</td><th>法人</th></tr>\
        <tr><td><p>一、本年新收</p></td><td>1</td><td></td></tr></table>\
        <p>四、其他</p></div></body></html>";
    let src = read(page).into_source("t.html");
    assert_eq!(src.tables.len(), 1);
    let t = &src.tables[0];
    let cells = t.describe(&src.text);
    assert_eq!(
        cells,
        [
            (0, 0, 2, 1, "项目"),
            (0, 1, 1, 2, "申请人"),
            (1, 1, 1, 1, "自然人"),
            (1, 2, 1, 1, "法人"),
            (2, 0, 1, 1, "一、本年新收"),
            (2, 1, 1, 1, "1"),
            (2, 2, 1, 1, ""),
        ]
    );
    // The empty cell stands where the next text does; the rows are no headings.
    assert_eq!(t.lines, 1..7);
    assert!(!src.in_table(0) && (1..7).all(|l| src.in_table(l)) && !src.in_table(7));
}
