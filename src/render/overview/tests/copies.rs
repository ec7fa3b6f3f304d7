//! Copied reports: the share found, names and years changed, common wording left out.

use super::super::copies::{
    COMMON, Fingerprint, MIN_PART_RUNS, Pair, Passage, fingerprint, pairs, part_fingerprint,
    percent, repeats, shared_passages, unit_names,
};
use super::super::{Batch, Entry, csv_for, html};
use super::cases::*;

/// `n` characters of text no two calls share (a different seed each), drawn from
/// common Han characters, with a full stop now and then.
fn prose(seed: u64, n: usize) -> String {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if i % 37 == 36 {
                '。'
            } else {
                char::from_u32(0x4E00 + (x % 3000) as u32).unwrap()
            }
        })
        .collect()
}

/// A complete report of the text `t`.
fn with(path: &str, t: &str) -> Entry {
    Entry {
        fingerprint: Some(fingerprint(t, &[])),
        ..complete(path, T)
    }
}

fn share(a: &str, b: &str) -> Option<f64> {
    let (fa, fb) = (fingerprint(a, &[]), fingerprint(b, &[]));
    pairs(&[Some(&fa), Some(&fb)], 0.0).first().map(|p| p.share)
}

#[test]
fn a_copy_with_names_and_years_changed_is_found_with_its_share() {
    let original = format!("青石镇2024年度法治政府建设工作报告。{}", prose(1, 3000));
    // The same report of another town and year.
    let copy = original.replace("青石镇", "白沙镇").replace("2024", "2023");
    let s = share(&original, &copy).unwrap();
    assert!(s > 0.97, "{s}");
    // Half copied, half its own: about half shared.
    let half = format!("{}{}", &prose(1, 3000)[..1500 * 3], prose(2, 1500));
    let s = share(&prose(1, 3000), &half).unwrap();
    assert!((0.42..=0.58).contains(&s), "{s}");
    // Spaces and punctuation set aside.
    let spaced: String = prose(3, 2000)
        .chars()
        .flat_map(|c| [c, if c == '。' { '，' } else { ' ' }])
        .collect();
    assert!(share(&prose(3, 2000), &spaced).unwrap() > 0.97);
    // Two reports of their own share nothing.
    assert_eq!(share(&prose(4, 3000), &prose(5, 3000)), None);
}

#[test]
fn common_wording_and_short_texts_do_not_make_copies() {
    // A passage every report of a batch holds, and each one's own text.
    let common = prose(9, 1500);
    let texts: Vec<String> = (0..=COMMON as u64)
        .map(|i| format!("{common}{}", prose(100 + i, 3000)))
        .collect();
    let prints: Vec<Fingerprint> = texts.iter().map(|t| fingerprint(t, &[])).collect();
    let refs: Vec<Option<&Fingerprint>> = prints.iter().map(Some).collect();
    assert!(pairs(&refs, 0.05).is_empty(), "{:?}", pairs(&refs, 0.05));
    // A title alone is too short to be called a copy.
    let t = "青石镇2024年度法治政府建设工作报告";
    assert_eq!(share(t, t), None);
    // Not read: not compared.
    let a = fingerprint(&prose(6, 2000), &[]);
    assert!(pairs(&[Some(&a), None, Some(&a)], 0.5).len() == 1);
}

#[test]
fn the_threshold_decides_and_the_most_shared_come_first() {
    let base = prose(7, 3000);
    let near = format!("{}{}", &base[..2700 * 3], prose(8, 300));
    let half = format!("{}{}", &base[..1500 * 3], prose(10, 1500));
    let prints = [
        fingerprint(&base, &[]),
        fingerprint(&half, &[]),
        fingerprint(&near, &[]),
    ];
    let refs: Vec<_> = prints.iter().map(Some).collect();
    let found = pairs(&refs, 0.4);
    let order: Vec<(usize, usize)> = found.iter().map(|p| (p.a, p.b)).collect();
    assert_eq!(order[0], (0, 2), "{found:?}");
    assert!(
        order.contains(&(0, 1)) && order.contains(&(1, 2)),
        "{found:?}"
    );
    let strict = pairs(&refs, 0.8);
    assert_eq!(
        strict.iter().map(|p| (p.a, p.b)).collect::<Vec<_>>(),
        [(0, 2)]
    );
    assert_eq!(percent(0.876), "88%");
}

#[test]
fn the_page_and_the_csv_name_each_copy() {
    let text = prose(11, 3000);
    let es = vec![
        with("a.txt", &text),
        with("b.txt", &prose(12, 3000)),
        with("c.txt", &text),
    ];
    assert_eq!(
        batch().copies(&es),
        [Pair {
            a: 0,
            b: 2,
            share: 1.0
        }]
    );
    let csv = csv_for(&es, &batch());
    let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
    row_ends(&rows, 0, ",审核意见文件,内容雷同,规则说明");
    row_ends(&rows, 1, ",c.txt 100%,");
    row_ends(&rows, 2, ",通过,,,,,,");
    row_ends(&rows, 3, ",a.txt 100%,");
    let page = html(&es, &batch());
    assert!(page.contains("<li>内容雷同 <strong>1</strong> 对</li>"));
    assert!(page.contains("<h2 id=\"copies-h\">内容雷同的报告（1 对）</h2>"));
    assert!(page.contains("<tr><td><a href=\"#r0\">a.txt</a></td><td><a href=\"#r2\">c.txt</a></td><td class=\"num\">100%</td></tr>"));
    assert!(
        page.contains(
            "<p class=\"copied miss\">内容雷同：与 <a href=\"#r2\">c.txt</a> 重合 100%</p>"
        )
    );
}

#[test]
fn a_unit_is_known_by_its_names_from_the_title() {
    assert_eq!(
        unit_names("青石镇人民政府2024年度法治政府建设工作报告"),
        ["青石镇人民政府", "青石镇", "青石"]
    );
    assert_eq!(
        unit_names("# 白沙县司法局关于2024年度法治政府建设情况的报告"),
        ["白沙县司法局", "白沙县司法"]
    );
    assert_eq!(
        unit_names("中共青石镇委员会 青石镇人民政府二〇二四年度法治政府建设情况报告")
            .first()
            .map(String::as_str),
        Some("中共青石镇委员会 青石镇人民政府")
    );
    // A title with no issuer before its year gives none.
    assert!(unit_names("2024年度法治政府建设工作报告").is_empty());
    assert!(unit_names("").is_empty());
}

#[test]
fn names_and_common_phrases_set_aside_make_a_renamed_copy_whole() {
    let body = prose(13, 600);
    // Another unit's name written all through the text: most runs differ by it.
    let mark = |unit: &str| -> String {
        body.chars()
            .collect::<Vec<_>>()
            .chunks(8)
            .map(|c| format!("{unit}{}", c.iter().collect::<String>()))
            .collect()
    };
    let (a, b) = (mark("青石镇"), mark("白沙乡"));
    let plain = |t: &str| fingerprint(t, &[]);
    let named =
        |t: &str, u: &str| fingerprint(t, &unit_names(&format!("{u}2024年度法治政府建设工作报告")));
    let share = |x: &Fingerprint, y: &Fingerprint| {
        pairs(&[Some(x), Some(y)], 0.0)
            .first()
            .map_or(0.0, |p| p.share)
    };
    assert!(share(&plain(&a), &plain(&b)) < 0.2);
    assert!(share(&named(&a, "青石镇"), &named(&b, "白沙乡")) > 0.97);
    // A phrase every unit may quote is set aside like a name.
    let quote = prose(14, 600);
    let (c, d) = (
        format!("{quote}{}", prose(15, 300)),
        format!("{quote}{}", prose(16, 300)),
    );
    assert!(share(&plain(&c), &plain(&d)) > 0.6);
    let aside = [quote.clone()];
    let (fc, fd) = (fingerprint(&c, &aside), fingerprint(&d, &aside));
    assert!(share(&fc, &fd) < 0.05, "{}", share(&fc, &fd));
}

#[test]
fn a_report_repeating_one_of_last_years_is_matched_to_it_with_its_own_share() {
    let last: Vec<String> = (0..3).map(|i| prose(200 + i, 400)).collect();
    // This year: one repeats last year's second in full, one half of it, one is new,
    // one is too short to judge.
    let now = [
        last[1].clone(),
        format!("{}{}", &last[1][..200 * 3], prose(300, 200)),
        prose(301, 400),
        last[1][..30 * 3].to_string(),
    ];
    let p: Vec<Fingerprint> = last.iter().map(|t| part_fingerprint(t, &[])).collect();
    let n: Vec<Fingerprint> = now.iter().map(|t| part_fingerprint(t, &[])).collect();
    let (pr, nr): (Vec<_>, Vec<_>) = (p.iter().map(Some).collect(), n.iter().map(Some).collect());
    let found = repeats(&nr, &pr, 0.4, MIN_PART_RUNS);
    let got: Vec<(usize, usize)> = found.iter().map(|r| (r.report, r.previous)).collect();
    assert_eq!(got, [(0, 1), (1, 1)], "{found:?}");
    assert!(found[0].share > 0.99, "{found:?}");
    assert!((0.4..0.6).contains(&found[1].share), "{found:?}");
    // A stricter threshold keeps the whole repeat only.
    assert_eq!(repeats(&nr, &pr, 0.8, MIN_PART_RUNS).len(), 1);
    // Nothing of last year's: nothing repeated.
    assert!(repeats(&nr, &[None, None], 0.1, MIN_PART_RUNS).is_empty());
}

#[test]
fn shared_passages_stand_side_by_side_as_each_report_writes_them() {
    let own_a = "青石镇今年新建了三个调解室，调解员全部经过县司法局的培训上岗。";
    let own_b = "白沙乡修订了村规民约，并在每个村张贴了法律顾问的联系方式和坐班时间。";
    let copied = "青石镇全年审查重大行政决策5件，合同协议22份，提出修改意见41条。\n\
                  青石镇组建综合行政执法队，14名执法人员全部持证上岗。";
    let a = format!("{own_a}\n{copied}\n收尾的一句话各写各的，不一样。");
    let b = format!(
        "{own_b}\n{}\n白沙乡的最后一句也完全是自己的话。",
        copied.replace("青石镇", "白沙乡").replace('5', "7")
    );
    let aside = |u: &str| unit_names(&format!("{u}2024年度法治政府建设工作报告"));
    let found = shared_passages(&a, &aside("青石镇"), &b, &aside("白沙乡"));
    assert_eq!(
        found,
        [Passage {
            a: "青石镇全年审查重大行政决策5件，合同协议22份，提出修改意见41条。\
                青石镇组建综合行政执法队，14名执法人员全部持证上岗。"
                .to_string(),
            b: "白沙乡全年审查重大行政决策7件，合同协议22份，提出修改意见41条。\
                白沙乡组建综合行政执法队，14名执法人员全部持证上岗。"
                .to_string(),
        }]
    );
    // Nothing shared: nothing shown.
    assert!(shared_passages(own_a, &[], own_b, &[]).is_empty());
}

#[test]
fn the_page_shows_each_pair_s_passages_in_a_details_view() {
    let text = prose(21, 3000);
    let es = vec![with("a.txt", &text), with("b.txt", &text)];
    let passage = Passage {
        a: "甲<说>".to_string(),
        b: "乙&说".to_string(),
    };
    let shared = [((0, 1), vec![passage])].into();
    let page = html(&es, &Batch { shared, ..batch() });
    assert!(page.contains(
        "<tr class=\"shared-row\"><td colspan=\"3\"><details class=\"shared\"><summary>并排查看相同的段落（1 处）</summary>"
    ));
    assert!(page.contains(
        "<thead><tr><th scope=\"col\">a.txt</th><th scope=\"col\">b.txt</th></tr></thead>"
    ));
    assert!(page.contains("<tr><td>甲&lt;说&gt;</td><td>乙&amp;说</td></tr>"));
    // Printing opens them.
    assert!(page.contains("addEventListener('beforeprint'"));
    // No pair's passages: no view.
    assert!(!html(&es, &batch()).contains("details class=\"shared\""));
}
