//! Copied reports (雷同): pairs of reports in a batch that share a large part of their
//! text. Each report's text is normalised (punctuation and spaces dropped, digits made
//! one digit, so that changed years and figures do not hide a copy), cut into
//! overlapping runs of [`SHINGLE`] characters, and each run hashed; a fixed sample of
//! the hashes (those ≡ 0 mod [`SAMPLE`]) is the report's fingerprint, so two texts are
//! compared on the same runs. An inverted index from hash to reports (one sorted list
//! of hash and report) counts, for each pair, the runs they share; a run found in more than [`COMMON`] reports is wording
//! every report uses and is not counted. Work and memory grow with the batch's text,
//! not with the square of the number of reports (but for the pairs that do share runs).

use super::{Entry, esc, link};
use crate::diagnostic::Diagnostic;
use crate::render::clip;
use crate::rules::Rule;
use crate::rules::context::Finding;
use crate::text::Span;
use crate::text::chars::is_full_width_digit;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// The share from which two reports are copies when neither the command line nor a
/// copied-text rule says (the built-in rule says the same).
pub const DEFAULT_THRESHOLD: f64 = 0.5;
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

/// The text as compared: letters and Han characters, digits made 0, the rest dropped;
/// each of `set_aside` (the unit's names, phrases any report may use) dropped first,
/// the longest first.
fn normalised(text: &str, set_aside: &[String]) -> Vec<char> {
    let mut phrases: Vec<&String> = set_aside.iter().filter(|p| !p.is_empty()).collect();
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let mut owned;
    let mut text = text;
    for p in phrases {
        if text.contains(p.as_str()) {
            owned = text.replace(p.as_str(), " ");
            text = &owned;
        }
    }
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| {
            if c.is_ascii_digit() || is_full_width_digit(c) {
                '0'
            } else {
                c
            }
        })
        .collect()
}

/// Endings of a unit's name (人民政府, 委员会 …) that the same unit may leave out.
const NAME_ENDINGS: &[&str] = &["人民政府", "委员会", "政府", "党委", "办公室"];
/// The last character of a place's name (镇, 县 …): the place is named without it too
/// (青石镇 → 青石村, 青石社区).
const PLACE_ENDINGS: &[char] = &['省', '市', '区', '县', '镇', '乡', '局', '委', '办'];

/// The names a report's unit goes by, read from its title: the issuer before the year
/// or 关于 (青石镇人民政府), without the ending of its kind (青石镇), and the place
/// alone (青石). A copy made for another unit changes these; set aside on both sides,
/// they do not hide it.
pub fn unit_names(title: &str) -> Vec<String> {
    let end = ["关于", "二〇", "二○", "年度", "法治"]
        .iter()
        .filter_map(|w| title.find(w))
        .chain(title.find(|c: char| c.is_ascii_digit()))
        .min()
        .unwrap_or(0);
    let issuer = title[..end].trim_matches(|c: char| !c.is_alphanumeric());
    let mut names: Vec<String> = Vec::new();
    let mut name = issuer;
    loop {
        if name.chars().count() >= 2 && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
        let shorter = NAME_ENDINGS
            .iter()
            .find_map(|e| name.strip_suffix(e))
            .or_else(|| name.strip_suffix(PLACE_ENDINGS));
        match shorter {
            Some(s) if s.chars().count() >= 2 => name = s,
            _ => break,
        }
    }
    names
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

/// A report's fingerprint, `set_aside` dropped from its text first ([`unit_names`],
/// the copy rule's `common` phrases).
pub fn fingerprint(text: &str, set_aside: &[String]) -> Fingerprint {
    runs(text, set_aside, SAMPLE)
}

/// A part's fingerprint: every run (a part is short, a sample of it too few to judge).
pub fn part_fingerprint(text: &str, set_aside: &[String]) -> Fingerprint {
    runs(text, set_aside, 1)
}

/// The hashes of the text's runs, one in `sample` kept, sorted, without repeats.
fn runs(text: &str, set_aside: &[String], sample: u64) -> Fingerprint {
    let chars = normalised(text, set_aside);
    let mut v: Vec<u64> = chars
        .windows(SHINGLE)
        .map(hash)
        .filter(|h| h % sample == 0)
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

/// A part with fewer runs than this (some 50 characters) is too short to be called a
/// copy.
pub const MIN_PART_RUNS: usize = 40;

/// A report of this year that repeats one of last year's.
#[derive(Debug, Clone, PartialEq)]
pub struct Repeat {
    /// The report, by its place in this year's batch.
    pub report: usize,
    /// Last year's report, by its place in last year's batch.
    pub previous: usize,
    /// The share of the report's runs found in last year's, 0 to 1.
    pub share: f64,
}

/// The reports of this year (`current`) that repeat one of last year's (`previous`):
/// for each, the one of last year's it shares most with, when the share of its own
/// runs found there is at least `threshold`. Texts with fewer than `min_runs` runs are
/// left out; a run found in more than [`COMMON`] of last year's reports is common
/// wording. As [`pairs`], one sorted index: near-linear in the two batches' text.
pub fn repeats<'a>(
    current: &[Option<&'a Fingerprint>],
    previous: &[Option<&'a Fingerprint>],
    threshold: f64,
    min_runs: usize,
) -> Vec<Repeat> {
    let usable = |p: &Option<&'a Fingerprint>| p.filter(|p| p.0.len() >= min_runs);
    // One index of both years, as for the pairs: (run, last year's?, report), sorted
    // by run, so that the holders of a run sit together, last year's first.
    let mut index: Vec<(u64, bool, u32)> = Vec::new();
    for (year, prints) in [(false, previous), (true, current)] {
        for (i, p) in prints.iter().enumerate() {
            if let Some(p) = usable(p) {
                index.extend(p.0.iter().map(|&h| (h, year, i as u32)));
            }
        }
    }
    index.sort_unstable();
    let mut shared: HashMap<(u32, u32), u32> = HashMap::new();
    for group in index.chunk_by(|x, y| x.0 == y.0) {
        let last = group.partition_point(|x| !x.1);
        // A run of more than COMMON of last year's reports is common wording.
        if last == 0 || last > COMMON {
            continue;
        }
        for &(_, _, now) in &group[last..] {
            for &(_, _, before) in &group[..last] {
                *shared.entry((now, before)).or_default() += 1;
            }
        }
    }
    // For each report, last year's it shares most with (the first of equals).
    let mut best: Vec<Option<(u32, u32)>> = vec![None; current.len()];
    for ((now, before), n) in shared {
        let b = &mut best[now as usize];
        if b.is_none_or(|(j, m)| n > m || (n == m && before < j)) {
            *b = Some((before, n));
        }
    }
    best.into_iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let (j, n) = b?;
            let share = f64::from(n) / usable(&current[i])?.0.len() as f64;
            (share >= threshold).then_some(Repeat {
                report: i,
                previous: j as usize,
                share,
            })
        })
        .collect()
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
pub(super) fn section(
    out: &mut String,
    pairs: &[Pair],
    entries: &[Entry],
    shared: &BTreeMap<(usize, usize), Vec<Passage>>,
) {
    if pairs.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section id=\"copies\" aria-labelledby=\"copies-h\">\n<h2 id=\"copies-h\">内容雷同的报告（{} 对）</h2>\n\
         <p class=\"meta\">两份报告去掉空格、标点和各自的单位名称并把数字一律看作同一个数字后，较短一份中的文字有这么大的比例也出现在另一份中。每对报告下可并排查看相同的段落。</p>\n\
         <div class=\"scroll\"><table class=\"roster copies\"><thead><tr><th scope=\"col\">报告</th><th scope=\"col\">报告</th><th scope=\"col\">重合</th></tr></thead>\n<tbody>",
        pairs.len()
    );
    for p in pairs {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            link(entries, p.a),
            link(entries, p.b),
            percent(p.share)
        );
        if let Some(passages) = shared.get(&(p.a, p.b)).filter(|v| !v.is_empty()) {
            side_by_side(out, passages, &entries[p.a].path, &entries[p.b].path);
        }
    }
    out.push_str("</tbody></table></div>\n</section>\n");
}

/// A pair's shared passages side by side, in a row of their own that opens on demand
/// (and for printing).
fn side_by_side(out: &mut String, passages: &[Passage], a: &str, b: &str) {
    let more = if passages.len() >= MAX_PASSAGES {
        format!("，只列前 {MAX_PASSAGES} 处")
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "<tr class=\"shared-row\"><td colspan=\"3\"><details class=\"shared\"><summary>并排查看相同的段落（{} 处{more}）</summary>\n\
         <table class=\"shared\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
        passages.len(),
        esc(a),
        esc(b)
    );
    for p in passages {
        let _ = writeln!(out, "<tr><td>{}</td><td>{}</td></tr>", esc(&p.a), esc(&p.b));
    }
    out.push_str("</tbody></table></details></td></tr>\n");
}

/// The line in a report's section naming the reports it shares its text with.
pub(super) fn line(out: &mut String, pairs: &[Pair], entries: &[Entry], i: usize) {
    let others: Vec<String> = copied_with(pairs, i)
        .map(|(j, share)| format!("与 {} 重合 {}", link(entries, j), percent(share)))
        .collect();
    if !others.is_empty() {
        out.push_str(&format!(
            "<p class=\"copied miss\">内容雷同：{}</p>\n",
            others.join("；")
        ));
    }
}

/// A report's part in the copy finding: the copied-text rule its settings run, and
/// where its finding points ([`crate::rules::document_anchor`]).
pub struct Judged<'a> {
    pub rule: &'a Rule,
    pub anchor: Span,
}

/// The copy findings of a batch, report by report: a report whose settings run a
/// copied-text rule gets one finding for each report of the batch it shares its text
/// with (`names`: each report's name, as the finding gives it), most shared first.
pub fn findings(
    pairs: &[Pair],
    names: &[String],
    judged: &[Option<Judged>],
) -> Vec<Vec<Diagnostic>> {
    judged
        .iter()
        .enumerate()
        .map(|(i, j)| {
            let Some(j) = j else { return Vec::new() };
            copied_with(pairs, i)
                .map(|(other, share)| {
                    j.rule.diagnostic(
                        Finding::at(j.anchor.clone())
                            .var("other", names[other].clone())
                            .var("share", percent(share)),
                    )
                })
                .collect()
        })
        .collect()
}

/// A report's repeat of last year's `other` (its whole text, or `part`) as the rule
/// words it (its variant `previous`).
pub fn repeat_finding(
    rule: &Rule,
    anchor: Span,
    other: &str,
    part: Option<&str>,
    share: f64,
) -> Diagnostic {
    rule.diagnostic(
        Finding::at(anchor)
            .variant("previous")
            .var("other", other)
            .var("share", percent(share))
            .var("part", part.unwrap_or("全文")),
    )
}

/// The copy threshold a rule sets (0 to 1), when it is of the copied-text kind.
pub fn threshold(rule: &Rule) -> Option<f64> {
    match &rule.spec.check {
        crate::rules::spec::Check::CopiedText { threshold, .. } => {
            Some(f64::from(*threshold) / 100.0)
        }
        _ => None,
    }
}

/// The phrases a copied-text rule sets aside.
pub fn common(rule: &Rule) -> &[String] {
    match &rule.spec.check {
        crate::rules::spec::Check::CopiedText { common, .. } => common,
        _ => &[],
    }
}

/// What is set aside from a report's text before it is compared: its unit's names
/// (from its title) and the rule's common phrases.
pub fn set_aside(title: Option<&str>, rule: Option<&Rule>) -> Vec<String> {
    let mut v = title.map(unit_names).unwrap_or_default();
    v.extend(rule.map(common).unwrap_or_default().iter().cloned());
    v
}

/// A batch example of a copied-text rule run (`fzlint rule ID`, the pack's tests): the
/// reports of `text`, parted by lines `---`, compared under the rule alone; the last
/// report and its findings.
pub fn example(
    set: &crate::rules::RuleSet,
    rule: &Rule,
    name: &str,
    text: &str,
) -> (crate::text::source::Source, Vec<Diagnostic>) {
    use crate::text::source::Source;
    let mut texts: Vec<String> = vec![String::new()];
    for line in text.lines() {
        if line.trim() == "---" {
            texts.push(String::new());
        } else if let Some(t) = texts.last_mut() {
            t.push_str(line);
            t.push('\n');
        }
    }
    let n = texts.len();
    let read: Vec<(Source, crate::analyse::Analysis)> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let name = if i + 1 == n {
                name.to_string()
            } else {
                format!("第{}份", i + 1)
            };
            let src = Source::new(name, t);
            let a = crate::analyse::analyse(&src, &set.vocab, &crate::analyse::Settings::default());
            (src, a)
        })
        .collect();
    let prints: Vec<Fingerprint> = read
        .iter()
        .map(|(src, a)| {
            let title = a
                .report
                .title
                .map(|t| src.slice(&a.report.blocks[t].span).to_string());
            fingerprint(src.original(), &set_aside(title.as_deref(), Some(rule)))
        })
        .collect();
    let refs: Vec<Option<&Fingerprint>> = prints.iter().map(Some).collect();
    let found = pairs(&refs, threshold(rule).unwrap_or(0.5));
    let names: Vec<String> = read.iter().map(|(s, _)| s.name.clone()).collect();
    let judged: Vec<Option<Judged>> = read
        .iter()
        .map(|(src, a)| {
            Some(Judged {
                rule,
                anchor: crate::rules::document_anchor(src, a, &set.vocab),
            })
        })
        .collect();
    let mut all = findings(&found, &names, &judged);
    let last = all.pop().unwrap_or_default();
    let src = read
        .into_iter()
        .last()
        .map(|(s, _)| s)
        .unwrap_or_else(|| Source::new(name, ""));
    (src, last)
}

/// A passage two reports share: its sentences in the one and in the other, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub a: String,
    pub b: String,
}

/// Passages shown for a pair at most; characters of one side of a passage at most.
pub const MAX_PASSAGES: usize = 30;
pub const MAX_PASSAGE_CHARS: usize = 400;

/// A text's sentences, as written: each ends after 。！？； or a line break.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n') {
            let end = i + c.len_utf8();
            let s = text[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = end;
        }
    }
    let s = text[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// A sentence's runs, compared as the reports are.
fn sentence_runs(s: &str, set_aside: &[String]) -> Vec<u64> {
    normalised(s, set_aside)
        .windows(SHINGLE)
        .map(hash)
        .collect()
}

/// The passages two texts share, side by side, in the order of the first: a sentence
/// of `a` is shared when at least half of its runs are found in `b`; shared sentences
/// that follow each other make one passage, beside the sentences of `b` they were found
/// in (in `b`'s order). Each text's unit names (`*_aside`) are set aside as the reports
/// were compared. Work grows with the two texts' length.
pub fn shared_passages(a: &str, a_aside: &[String], b: &str, b_aside: &[String]) -> Vec<Passage> {
    let b_sentences = sentences(b);
    let mut where_in_b: HashMap<u64, usize> = HashMap::new();
    for (k, s) in b_sentences.iter().enumerate() {
        for h in sentence_runs(s, b_aside) {
            where_in_b.entry(h).or_insert(k);
        }
    }
    let mut out: Vec<Passage> = Vec::new();
    // The passage being gathered: sentences of `a`, and the sentences of `b` found.
    let mut open: Option<(Vec<&str>, Vec<usize>)> = None;
    let close = |open: &mut Option<(Vec<&str>, Vec<usize>)>, out: &mut Vec<Passage>| {
        if let Some((mine, mut theirs)) = open.take() {
            theirs.sort_unstable();
            theirs.dedup();
            let b_text: Vec<&str> = theirs.iter().map(|&k| b_sentences[k]).collect();
            // Each side is trimmed sentences, so the clip's trim leaves it as it is.
            out.push(Passage {
                a: clip(&mine.concat(), MAX_PASSAGE_CHARS),
                b: clip(&b_text.concat(), MAX_PASSAGE_CHARS),
            });
        }
    };
    for s in sentences(a) {
        let runs = sentence_runs(s, a_aside);
        let found: Vec<usize> = runs
            .iter()
            .filter_map(|h| where_in_b.get(h).copied())
            .collect();
        if runs.is_empty() || found.len() * 2 < runs.len() {
            close(&mut open, &mut out);
            if out.len() >= MAX_PASSAGES {
                break;
            }
            continue;
        }
        let (mine, theirs) = open.get_or_insert_with(Default::default);
        mine.push(s);
        theirs.extend(found);
    }
    close(&mut open, &mut out);
    out.truncate(MAX_PASSAGES);
    out
}
