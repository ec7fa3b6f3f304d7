//! Traditional characters read as simplified: a report reposted in 繁體 gets the same
//! verdicts as the simplified text. The table is OpenCC's, written by build.rs: only
//! characters whose simplified form is one character of the same length in UTF-8, so
//! that replacing them keeps every byte offset (the original is kept for display).

include!(concat!(env!("OUT_DIR"), "/traditional.rs"));

/// The simplified form of a traditional character in the table.
pub fn simplified(c: char) -> Option<char> {
    if !in_table(c as u32) {
        return None;
    }
    T2S.binary_search_by_key(&c, |&(t, _)| t)
        .ok()
        .map(|i| T2S[i].1)
}

/// How much of the text's start is read to tell whether it is written in traditional
/// characters: a title and the start of the opening paragraph (about 250 characters).
const SAMPLE_BYTES: usize = 768;

/// How many different traditional characters the sample must hold. A simplified text
/// may use a few characters the table converts (乾 in 乾隆, 於 as a surname), never
/// several different ones in its opening.
const DISTINCT: usize = 3;

/// Whether a character of the table is in the bit set, by its code point.
fn in_table(c: u32) -> bool {
    c.checked_sub(T2S_FIRST)
        .and_then(|k| {
            T2S_BITS
                .get(k as usize / 64)
                .map(|w| w >> (k % 64) & 1 == 1)
        })
        .unwrap_or(false)
}

/// Whether the text is written in traditional characters, by its opening. (Every report
/// is asked, so the bytes are read directly: only three-byte characters can be in the
/// table.)
pub fn is_traditional(text: &str) -> bool {
    let bytes = &text.as_bytes()[..text.len().min(SAMPLE_BYTES)];
    let mut seen = [0u32; DISTINCT];
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let len = match b {
            0xE0..=0xEF => 3,
            0xF0.. => 4,
            0xC0..=0xDF => 2,
            _ => 1,
        };
        if len == 3
            && let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2))
        {
            let c = u32::from(b & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F);
            if in_table(c) && !seen[..n].contains(&c) {
                seen[n] = c;
                n += 1;
                if n == DISTINCT {
                    return true;
                }
            }
        }
        i += len;
    }
    false
}

/// The text with every traditional character of the table replaced by its simplified
/// form: the same length, and the same byte offsets, as the text. None when none is
/// replaced.
pub fn simplify(text: &str) -> Option<String> {
    let mut out: Option<String> = None;
    let mut copied = 0;
    for (i, c) in text.char_indices() {
        if c.len_utf8() != 3 {
            continue;
        }
        if let Some(s) = simplified(c) {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(&text[copied..i]);
            o.push(s);
            copied = i + c.len_utf8();
        }
    }
    let mut o = out?;
    o.push_str(&text[copied..]);
    debug_assert_eq!(o.len(), text.len());
    Some(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_keeps_lengths() {
        assert!(T2S.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(
            T2S.iter()
                .all(|&(t, s)| t != s && t.len_utf8() == s.len_utf8())
        );
        // The bit set holds exactly the table's characters.
        let bits: usize = T2S_BITS.iter().map(|w| w.count_ones() as usize).sum();
        assert_eq!(bits, T2S.len());
        assert!(T2S.iter().all(|&(t, s)| simplified(t) == Some(s)));
    }

    #[test]
    fn traditional_text_is_read_as_simplified() {
        let t = "青石鎮2024年度法治政府建設工作報告";
        assert!(is_traditional(t));
        assert_eq!(
            simplify(t).as_deref(),
            Some("青石镇2024年度法治政府建设工作报告")
        );
        for c in ['设', '报', '区', '法', 'a', '。', '（'] {
            assert_eq!(simplified(c), None, "{c}");
        }
    }

    #[test]
    fn the_opening_is_read_as_characters() {
        // The byte reading finds the characters a reading by chars finds.
        let by_chars = |t: &str| {
            let mut seen: Vec<char> = t[..crate::text::chars::floor_boundary(t, SAMPLE_BYTES)]
                .chars()
                .filter(|&c| simplified(c).is_some())
                .collect();
            seen.sort();
            seen.dedup();
            seen.len() >= DISTINCT
        };
        for t in [
            "報告",
            "報告設",
            "a報éb告😀設",
            "國國國國",
            "青石鎮2024年度法治政府建設工作報告",
            &"一".repeat(255),
            &format!("{}報告設", "一".repeat(254)),
            &format!("{}報告設", "一".repeat(253)),
            &format!("{}a報告設", "一".repeat(253)),
        ] {
            assert_eq!(is_traditional(t), by_chars(t), "{t}");
        }
    }

    #[test]
    fn simplified_text_with_a_few_convertible_characters_is_left_alone() {
        // 於 (a surname) and 乾 (乾隆) are in the table; two different ones are not enough.
        let t = "青石镇2024年度法治政府建设工作报告\n於镇长主持会议,研究乾隆年间古建筑保护。";
        assert!(!is_traditional(t));
        assert!(!is_traditional("simplified text 法治政府建设"));
        assert!(!is_traditional(""));
    }
}
