//! Page furniture by its shape, not by a list of the strings sites use: a metadata line
//! (a key from the pack's vocabulary, however spelled, then its value), a breadcrumb, a
//! tool bar, a date widget, and the small pieces a widget leaves below another.

use crate::pack::vocab::Furniture;
use crate::parse::tree::DateRef;
use crate::text::chars::{is_blank, is_han};
use memchr::memmem::Finder;
use std::sync::LazyLock;

/// Searchers for the words the shapes ask about, made once (a `str::contains` of a
/// word makes its searcher on every call).
static WORDS: LazyLock<[Finder<'static>; 4]> =
    LazyLock::new(|| ["位置", "星期", "农历", "\u{3000}"].map(Finder::new));

/// The characters between a breadcrumb's items.
const ARROWS: [char; 4] = ['>', '»', '→', '›'];

/// Whether a short line (no longer than the pack's `max_line_chars`) is page furniture
/// by its shape. `below_furniture`: the line right above it is.
pub(super) fn furniture_line(s: &str, f: &Furniture, below_furniture: bool) -> bool {
    if below_furniture && widget_piece(s) {
        return true;
    }
    // Report text has sentences; furniture has none.
    if s.contains('。') || memchr::memchr3(b';', b'?', b'!', s.as_bytes()).is_some() {
        return false;
    }
    meta_line(s, f, below_furniture) || crumb_line(s) || date_widget(s) || tool_bar(s, f)
}

/// The line without a list bullet or dash before it.
fn unbulleted(s: &str) -> &str {
    s.trim_start_matches([
        '•', '·', '●', '◆', '▪', '■', '□', '○', '◇', '・', '-', '*', '+',
    ])
    .trim_start_matches(is_blank)
}

/// Where a metadata key that starts `s` ends, the key spelled with or without blanks
/// between its characters (「索 引 号」, 「文    号」).
fn key_at(s: &str, f: &Furniture) -> Option<usize> {
    let first = s.chars().next()?;
    f.meta_firsts.binary_search(&first).ok()?;
    // The first eight characters that are not blank, each with where it ends.
    let mut chars = [('\0', 0usize); 8];
    let mut n = 0;
    let shown = s.char_indices().filter(|&(_, c)| !is_blank(c));
    for (slot, (i, c)) in chars.iter_mut().zip(shown) {
        *slot = (c, i + c.len_utf8());
        n += 1;
    }
    f.meta_keys
        .iter()
        .find(|k| k.len() <= n && k.iter().zip(&chars).all(|(a, (b, _))| a == b))
        .map(|k| chars[k.len() - 1].1)
}

/// A metadata line: 「索 引 号:…」, 「[ 发文字号 ] …」, 「• 来源:…」, 「发布日期:… 浏览次数:」,
/// two keys side by side, or a table row of keys and values
/// (「索 引 号 | 0110…/2023-07888 | 分 类 | 司法 |」; below another such row, one key
/// is enough: 「有效性 | | |」).
fn meta_line(s: &str, f: &Furniture, below_furniture: bool) -> bool {
    let t = unbulleted(s);
    if t.contains('|') {
        // A table row is metadata when its cells are keys and values in turn: a table
        // of the report (「| 时间 | 事项 |」) is not.
        let cells: Vec<&str> = t
            .split('|')
            .map(|c| c.trim_matches(is_blank))
            .filter(|c| !c.is_empty())
            .collect();
        let is_key =
            |c: &str| key_at(c, f).is_some_and(|e| c[e..].trim_matches(is_blank).is_empty());
        let keys = cells.iter().step_by(2).filter(|c| is_key(c)).count();
        return cells.first().is_some_and(|c| is_key(c)) && (keys >= 2 || below_furniture);
    }
    let t = t
        .trim_start_matches(['[', '【', '('])
        .trim_start_matches(is_blank);
    let Some(end) = key_at(t, f) else {
        return false;
    };
    let after = &t[end..];
    let rest = after.trim_start_matches(is_blank);
    match rest.chars().next() {
        None | Some(':' | ']' | '】' | ')') => true,
        // Keys side by side: 「索引号 发文字号」.
        Some(_) => rest.len() < after.len() && key_at(rest, f).is_some(),
    }
}

/// A breadcrumb: a lead-in ending in 位置 (当前位置, 您当前所在位置 …) then a colon or an
/// arrow, or three or more short items between arrows (首页 > 政务公开 > 工作报告).
fn crumb_line(s: &str) -> bool {
    if let Some(p) = WORDS[0].find(s.as_bytes())
        && s[..p].chars().count() <= 6
        && s[p + "位置".len()..]
            .trim_start_matches(is_blank)
            .starts_with([':', '>', '»', '→', '›'])
    {
        return true;
    }
    // '>' is ASCII; the other arrows start with the bytes C2 or E2.
    if memchr::memchr3(b'>', 0xC2, 0xE2, s.as_bytes()).is_none() || !s.contains(ARROWS) {
        return false;
    }
    let (mut items, mut han) = (0, 0);
    for item in s.split(ARROWS).map(|i| i.trim_matches(is_blank)) {
        if item.is_empty() || item.chars().count() > 16 {
            return false;
        }
        items += 1;
        han += usize::from(item.chars().any(is_han));
    }
    items >= 3 && han >= 2
}

/// A date widget: today's date with its weekday or lunar date (「今天是:2019年10月31日 星期三
/// 农历十月初七」, 「XX区人民政府 2019年12月3日星期二」), or a date and a clock time before
/// the publisher (「2024-03-27 14:21 湖北省司法厅」).
fn date_widget(s: &str) -> bool {
    if s.len() > 180 {
        return false;
    }
    let found = |w: usize| WORDS[w].find(s.as_bytes()).is_some();
    let today = s.starts_with("今天") || s.starts_with("今日") || found(1) || found(2);
    let dated =
        || crate::text::chars::YEAR_RE.is_match(s) || super::grammar::date_prefix(s).is_some();
    (today && dated()) || stamp(s).is_some()
}

/// The date of a line that starts with a date and a clock time (「2024-03-27 14:21
/// 青石县司法局」): a page's publication stamp.
pub(super) fn stamp(s: &str) -> Option<DateRef> {
    if !s.starts_with(|c: char| c.is_ascii_digit()) || !s.contains(':') {
        return None;
    }
    let d = super::grammar::date_prefix(s)?;
    let rest = s[d.span.end..].trim_start_matches(is_blank).as_bytes();
    let hour = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    ((1..=2).contains(&hour)
        && rest.get(hour) == Some(&b':')
        && rest.get(hour + 1).is_some_and(u8::is_ascii_digit))
    .then_some(d)
}

/// A page's tool bar or search box: two or more short items, two of them holding the
/// pack's widget words (「信息平台入口 无障碍阅读 微信 微博 繁体登录注册」).
fn tool_bar(s: &str, f: &Furniture) -> bool {
    // Items are parted by blanks (ASCII, or U+3000), bars or slashes.
    let b = s.as_bytes();
    let parted = memchr::memchr3(b' ', b'|', b'/', b).is_some()
        || memchr::memchr(b'\t', b).is_some()
        || WORDS[3].find(b).is_some();
    if !parted || s.contains(',') {
        return false;
    }
    let items = || {
        s.split(|c: char| is_blank(c) || c == '|' || c == '/')
            .filter(|i| !i.is_empty())
    };
    if items().count() < 2 || items().any(|i| i.chars().count() > 12) {
        return false;
    }
    items().filter(|i| f.widgets.is_match(i)).count() >= 2
}

/// What a widget leaves on the lines below it: one or two characters (the 大 / 中 / 小
/// of a font-size widget), or a table's rule line (「---|---|」).
fn widget_piece(s: &str) -> bool {
    s.chars().count() <= 2 || s.chars().all(|c| matches!(c, '-' | '|' | ':' | ' '))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::vocab::Vocab;

    #[test]
    fn furniture_is_known_by_its_shape() {
        let v = Vocab::builtin();
        let f = &v.furniture;
        for s in [
            "[ 索引号 ] 1150000/2026-00004 [ 发文字号 ]",
            "• 索 引 号:QZ00-2026-0001",
            "- [ 成文日期 ] 2026-02-12",
            "文    号:青府发〔2026〕1号",
            "有 效 性:有效",
            "索 引 号 | 011043217/2023-07888 | 分 类 | 司法 |",
            "发文字号 | 青府发〔2026〕3号 | 制发机构 | 青石县人民政府 |",
            "发布于:2026-03-01",
            "栏目:政策文件 发布时间:2026-03-01",
            "文章来源:司法局 更新时间:2026/03/29 11:30:01",
            "来源:       发布日期:2026-03-30     点击数: 人次",
            "索引号 发文字号",
            "您当前的位置:首页 > 政务公开",
            "您当前所在位置 > 工作报告",
            "当前位置:",
            "政务公开 > 法治政府 > 工作报告",
            "今天是:2026年10月31日 星期三 农历十月初七",
            "青石县人民政府 2026年12月3日星期二",
            "2026-03-27 14:21 青石县司法局",
            "12348青石法网 信息平台入口 无障碍阅读 微信 微博 繁体登录注册",
            "搜索位置 匹配度 排序",
        ] {
            assert!(furniture_line(s, f, false), "{s}");
        }
        for s in [
            "2026年1月5日,我镇召开法治政府建设专题会议。",
            "| 时间 | 事项 | 责任单位 |",
            "| 序号 | 项目 | 2025年 |",
            "发布日期前完成审核",
            "有效性审查覆盖全部规范性文件",
            "时间紧、任务重",
            "一、主要举措和成效",
            "青石县人民政府",
            "2026年3月1日",
            "通过微信、微博等平台开展普法宣传",
            "坚持问题导向 突出重点领域",
        ] {
            assert!(!furniture_line(s, f, false), "{s}");
        }
        assert!(furniture_line("大", f, true) && furniture_line("---|---|---|", f, true));
        assert!(
            furniture_line("有效性 | | |", f, true) && !furniture_line("有效性 | | |", f, false)
        );
        assert!(!furniture_line("大", f, false));
    }
}
