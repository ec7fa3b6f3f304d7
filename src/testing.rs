//! Texts for tests that hold one way of doing a thing against another: the repository's
//! reports in many forms, and random texts that are the same on every run.

use crate::text::chars::full_width;
use crate::text::source::normalise_char;

/// Hard cases: the repository's sample reports, each also as one line, with its
/// marks turned half-width and full-width, and short texts at the edges.
pub fn texts() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = walkdir::WalkDir::new(root.join("tests/fixtures"))
        .sort_by_file_name()
        .into_iter()
        .chain(walkdir::WalkDir::new(root.join("examples")).sort_by_file_name())
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    #[rustfmt::skip]
    let short = [
        "", "一", ",", "，", "(", "）", "《", "》", "1,000", "1，000", "a,b", "a，b", "16:30",
        "16：30", "2024年2月30日", "2024年13月", "２０２４年２月３０日", "2024929日",
        "二〇二四年二月三十日", "受理40件,其中办结30件,办结率为80%。",
        "受理40件，其中办结30件，办结率为80％。", "“引号没有闭合\n“下一段",
        "（一）标题，\n1、内容\n1、重复", "一、情况\n一、情况\n(一)工作\r\n(三)工作\r\n",
        "XX镇某某同志TODO【 】待定", "\u{feff}标题\u{3000}：\u{a0}(1)",
    ];
    files.extend(short.iter().map(|s| s.to_string()));
    let mut out = Vec::new();
    for f in files {
        let one_line: String = f.chars().filter(|c| *c != '\n' && *c != '\r').collect();
        let half: String = f.chars().map(normalise_char).collect();
        let full: String = f
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c
                } else {
                    full_width(c)
                }
            })
            .collect();
        // Every third mark full-width: mixed forms in one report.
        let mut n = 0;
        let mixed: String = f
            .chars()
            .map(|c| match c {
                '!'..='~' | '\u{FF01}'..='\u{FF5E}' if !c.is_alphanumeric() => {
                    n += 1;
                    let h = normalise_char(c);
                    if n % 3 == 0 { full_width(h) } else { h }
                }
                _ => c,
            })
            .collect();
        out.extend([f, one_line, half, full, mixed]);
    }
    // A very long line.
    out.push("开展培训3次，参训人员1,200人次（含“法律明白人”）；".repeat(4000));
    out
}

/// Every text of [`texts`], and `extra`.
pub fn texts_and(extra: &[&str]) -> Vec<String> {
    let mut all = texts();
    all.extend(extra.iter().map(|t| t.to_string()));
    all
}

/// A linear congruential generator started at `seed`: the same numbers on every run.
pub fn lcg(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        seed
    }
}

/// `count` texts of fewer than `lengths` characters drawn from `alphabet`, the same
/// on every run.
pub fn random_texts(alphabet: &[char], seed: u64, count: usize, lengths: u64) -> Vec<String> {
    let mut next = lcg(seed);
    (0..count)
        .map(|_| {
            let n = (next() >> 59) % lengths;
            (0..n)
                .map(|_| alphabet[(next() >> 33) as usize % alphabet.len()])
                .collect()
        })
        .collect()
}

/// `count` texts of up to `most` of `tokens` each, the same on every run.
pub fn token_texts(tokens: &[&str], seed: u64, count: usize, most: u64) -> Vec<String> {
    let mut next = lcg(seed);
    (0..count)
        .map(|_| {
            let n = (next() >> 33) % (most + 1);
            (0..n)
                .map(|_| tokens[(next() >> 33) as usize % tokens.len()])
                .collect()
        })
        .collect()
}

/// Every string of one to `most` characters of `alphabet`, shortest first.
pub fn all_strings(alphabet: &[char], most: usize) -> Vec<String> {
    let mut all = Vec::new();
    let mut last = vec![String::new()];
    for _ in 0..most {
        last = last
            .iter()
            .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
            .collect();
        all.extend(last.iter().cloned());
    }
    all
}
