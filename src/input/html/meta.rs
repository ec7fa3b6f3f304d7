//! Step 4: the publication date and the title, from the page's metadata or its text.

use super::blocks::{RawBlock, collapse};
use crate::text::chars::{half_width, is_blank};

/// Labels of the publication date in the page's text.
const DATE_LABELS: &[&str] = &["发布时间", "发布日期", "发布于", "公开日期"];

/// The text without any spaces, for comparing titles.
pub(super) fn squeeze(s: &str) -> String {
    s.chars().filter(|&c| !is_blank(c)).collect()
}

/// A `<title>` without its site-name suffix ("报告 - 某市人民政府", "报告_某市人民政府").
pub(super) fn title_main_part(title: &str) -> String {
    let t = collapse(title);
    let cut = ["_", " - ", " – ", " — ", "|"]
        .iter()
        .filter_map(|sep| t.find(sep))
        .min();
    match cut {
        Some(i) if !t[..i].trim().is_empty() => t[..i].trim().to_string(),
        _ => t,
    }
}

/// The first 发布时间/发布日期 in the page's text followed by a date (after an optional
/// colon, closing bracket or table bar and spaces, line breaks between table cells
/// included).
pub(super) fn date_in_text(blocks: &[RawBlock]) -> Option<String> {
    let text = blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut hits: Vec<usize> = DATE_LABELS
        .iter()
        .flat_map(|l| text.match_indices(l).map(|(i, l)| i + l.len()))
        .collect();
    hits.sort_unstable();
    hits.into_iter().find_map(|i| {
        let rest = text[i..].trim_start_matches(is_blank);
        let rest = rest
            .strip_prefix([':', '：', ']', '］', '】', '|'])
            .unwrap_or(rest);
        parse_date(rest)
    })
}

/// Reads a date at the start of `s` (after spaces) as "YYYY-MM-DD": 2025-03-28,
/// 2025/3/28, 2025.03.28 or 2025年3月28日, full-width digits too, anything after it (a
/// time) ignored. None if there is no valid date there.
pub(super) fn parse_date(s: &str) -> Option<String> {
    let chars: Vec<char> = s
        .trim_start_matches(is_blank)
        .chars()
        .take(32)
        .map(|c| match c {
            '０'..='９' => half_width(c),
            _ => c,
        })
        .collect();
    let mut at = 0;
    // A number of 1 to `max` digits (not followed by another digit) and its length.
    let number = |at: &mut usize, max: usize| {
        let len = chars[*at..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if len == 0 || len > max {
            return None;
        }
        let v = chars[*at..*at + len]
            .iter()
            .fold(0u32, |v, c| v * 10 + c.to_digit(10).unwrap_or(0));
        *at += len;
        Some((v, len))
    };
    let spaces = |at: &mut usize| {
        while chars.get(*at).is_some_and(|&c| c == ' ' || c == '\u{3000}') {
            *at += 1;
        }
    };
    let (year, 4) = number(&mut at, 4)? else {
        return None;
    };
    spaces(&mut at);
    let closing = match *chars.get(at)? {
        sep @ ('-' | '/' | '.') => sep,
        '年' => '月',
        _ => return None,
    };
    at += 1;
    spaces(&mut at);
    let (month, _) = number(&mut at, 2)?;
    spaces(&mut at);
    if *chars.get(at)? != closing {
        return None;
    }
    at += 1;
    spaces(&mut at);
    let (day, _) = number(&mut at, 2)?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(1900..=2100).contains(&year) || day == 0 || day > days {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}
