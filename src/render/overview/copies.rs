//! Copied reports (雷同): pairs of reports in a batch that share a large part of their
//! text. Each report's text is normalised (punctuation and spaces dropped, digits made
//! one digit, so that changed years and figures do not hide a copy), cut into
//! overlapping runs of [`SHINGLE`] characters, and each run hashed; a fixed sample of
//! the hashes (those ≡ 0 mod [`SAMPLE`]) is the report's fingerprint, so two texts are
//! compared on the same runs. An inverted index from hash to reports (one sorted list
//! of hash and report) counts, for each pair, the runs they share; a run found in more than [`COMMON`] reports is wording
//! every report uses and is not counted. Work and memory grow with the batch's text,
//! not with the square of the number of reports (but for the pairs that do share runs).

use std::collections::HashMap;

/// Characters in a run.
pub const SHINGLE: usize = 12;
/// One run in this many is kept.
pub const SAMPLE: u64 = 4;
/// A run shared by more reports than this is common wording.
pub const COMMON: usize = 16;
/// A report with fewer sampled runs than this (some 200 characters) is too short to
/// be called a copy.
pub const MIN_RUNS: usize = 50;

/// A report's sampled run hashes, sorted and without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint(pub Vec<u64>);

/// The text as compared: letters and Han characters, digits made 0, the rest dropped.
fn normalised(text: &str) -> Vec<char> {
    text.chars()
        .filter_map(|c| {
            if c.is_ascii_digit() || ('０'..='９').contains(&c) {
                Some('0')
            } else if c.is_alphanumeric() {
                Some(c)
            } else {
                None
            }
        })
        .collect()
}

/// FNV-1a over a run's characters: the same on every machine and run.
fn hash(run: &[char]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in run {
        for b in (*c as u32).to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A report's fingerprint.
pub fn fingerprint(text: &str) -> Fingerprint {
    let chars = normalised(text);
    let mut v: Vec<u64> = chars
        .windows(SHINGLE)
        .map(hash)
        .filter(|h| h % SAMPLE == 0)
        .collect();
    v.sort_unstable();
    v.dedup();
    Fingerprint(v)
}

/// Two reports that share much of their text.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// The reports, by their place in the batch (`a < b`).
    pub a: usize,
    pub b: usize,
    /// The share of the shorter report's runs found in the other, 0 to 1.
    pub share: f64,
}

/// The pairs of a batch whose shared share is at least `threshold` (0 to 1), most
/// shared first. Reports with no fingerprint (unreadable) or a short one
/// ([`MIN_RUNS`]) are left out.
pub fn pairs(prints: &[Option<&Fingerprint>], threshold: f64) -> Vec<Pair> {
    fn runs(p: Option<&Fingerprint>) -> &[u64] {
        match p {
            Some(p) if p.0.len() >= MIN_RUNS => &p.0,
            _ => &[],
        }
    }
    // The index: every (run, report), sorted by run, so that the reports holding a run
    // sit together (a flat list takes a fraction of a map's memory).
    let mut index: Vec<(u64, u32)> = Vec::new();
    for (i, p) in prints.iter().enumerate() {
        index.extend(runs(*p).iter().map(|&h| (h, i as u32)));
    }
    index.sort_unstable();
    let mut shared: HashMap<(u32, u32), u32> = HashMap::new();
    for group in index.chunk_by(|x, y| x.0 == y.0) {
        if group.len() < 2 || group.len() > COMMON {
            continue;
        }
        for (k, &(_, a)) in group.iter().enumerate() {
            for &(_, b) in &group[k + 1..] {
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    }
    let size = |i: u32| prints[i as usize].map_or(0, |p| p.0.len());
    let mut out: Vec<Pair> = shared
        .into_iter()
        .filter_map(|((a, b), n)| {
            let share = f64::from(n) / size(a).min(size(b)).max(1) as f64;
            (share >= threshold).then_some(Pair {
                a: a as usize,
                b: b as usize,
                share,
            })
        })
        .collect();
    out.sort_by(|x, y| {
        y.share
            .total_cmp(&x.share)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    out
}

/// A share in words: "87%".
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// The reports a report was found to share its text with, with the share, most
/// shared first.
pub fn copied_with(pairs: &[Pair], i: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
    pairs
        .iter()
        .filter_map(move |p| match (p.a == i, p.b == i) {
            (true, _) => Some((p.b, p.share)),
            (_, true) => Some((p.a, p.share)),
            _ => None,
        })
}

/// The page's section on copied reports: each pair with its share, linked.
pub(super) fn section(out: &mut String, pairs: &[Pair], entries: &[super::Entry]) {
    use super::esc;
    use std::fmt::Write as _;
    if pairs.is_empty() {
        return;
    }
    let link = |i: usize| format!("<a href=\"#r{i}\">{}</a>", esc(&entries[i].path));
    let _ = writeln!(
        out,
        "<section id=\"copies\" aria-labelledby=\"copies-h\">\n<h2 id=\"copies-h\">内容雷同的报告（{} 对）</h2>\n\
         <p class=\"meta\">两份报告去掉空格、标点并把数字一律看作同一个数字后，较短一份中的文字有这么大的比例也出现在另一份中。</p>\n\
         <div class=\"scroll\"><table class=\"roster copies\"><thead><tr><th scope=\"col\">报告</th><th scope=\"col\">报告</th><th scope=\"col\">重合</th></tr></thead>\n<tbody>",
        pairs.len()
    );
    for p in pairs {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            link(p.a),
            link(p.b),
            percent(p.share)
        );
    }
    out.push_str("</tbody></table></div>\n</section>\n");
}

/// The line in a report's section naming the reports it shares its text with.
pub(super) fn line(out: &mut String, pairs: &[Pair], entries: &[super::Entry], i: usize) {
    use super::esc;
    let others: Vec<String> = copied_with(pairs, i)
        .map(|(j, share)| {
            format!(
                "与 <a href=\"#r{j}\">{}</a> 重合 {}",
                esc(&entries[j].path),
                percent(share)
            )
        })
        .collect();
    if !others.is_empty() {
        out.push_str(&format!(
            "<p class=\"copied miss\">内容雷同：{}</p>\n",
            others.join("；")
        ));
    }
}
