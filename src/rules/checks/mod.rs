//! The check kinds. Each takes its parameters from the rule's YAML and returns
//! findings; the rule supplies the wording.

mod dates;
mod parts;
mod structure;
mod text;

use super::context::{Compiled, Ctx, Finding};
use super::spec::Check;
use crate::pack::pattern::{Compile, compile_all};
use crate::parse::tree::BlockKind;
use crate::text::Span;

/// The check of a rule, built from its parameters: its patterns compiled `when` asked.
/// An error says why a pattern does not compile.
pub fn compile(check: &Check, when: Compile) -> Result<Compiled, String> {
    Ok(match check {
        Check::PartMissing { part, near_miss } => {
            let (part, near_miss) = (*part, compile_all(near_miss, when)?);
            Compiled::new(move |ctx| parts::missing(ctx, part, &near_miss))
        }
        Check::PartUnheaded { part } => {
            let part = *part;
            Compiled::new(move |ctx| parts::unheaded(ctx, part))
        }
        Check::PartRequires { part, when: w } => {
            let (part, w) = (*part, *w);
            Compiled::new(move |ctx| parts::requires(ctx, part, w))
        }
        Check::PartLength {
            part,
            include,
            min_chars,
        } => {
            let (part, include, min_chars) = (*part, include.clone(), *min_chars);
            Compiled::new(move |ctx| parts::length(ctx, part, &include, min_chars))
        }
        Check::PartOrder { order } => {
            let order = order.clone();
            Compiled::new(move |ctx| parts::order(ctx, &order))
        }
        Check::PartMentions { part, patterns } => {
            let (part, patterns) = (*part, compile_all(patterns, when)?);
            Compiled::new(move |ctx| parts::mentions(ctx, part, &patterns))
        }
        Check::DocumentEmpty {} => Compiled::new(|ctx| {
            if has_text(ctx) {
                Vec::new()
            } else {
                vec![Finding::at(0..0)]
            }
        }),
        Check::TitleMissing {} => Compiled::new(dates::title_missing),
        Check::TitleYear {} => Compiled::new(dates::title_year),
        Check::YearMismatch {
            preamble,
            measures_heading,
        } => {
            let preamble = compile_all(preamble, when)?;
            let measures_heading = compile_all(measures_heading, when)?;
            Compiled::new(move |ctx| dates::year_mismatch(ctx, &preamble, &measures_heading))
        }
        Check::PlanYear {
            offset,
            heading,
            opening,
        } => {
            let offset = *offset;
            let (heading, opening) = (compile_all(heading, when)?, compile_all(opening, when)?);
            Compiled::new(move |ctx| dates::plan_year(ctx, offset, &heading, &opening))
        }
        Check::DateValid {} => Compiled::new(dates::date_valid),
        Check::DateFormat {} => Compiled::new(dates::date_format),
        Check::PublicationDeadline {
            deadline,
            year_offset,
        } => {
            let (deadline, year_offset) = (deadline.clone(), *year_offset);
            Compiled::new(move |ctx| dates::deadline(ctx, &deadline, year_offset))
        }
        Check::PublicationEarly {} => Compiled::new(dates::early),
        Check::NumberingGap {} => Compiled::new(structure::numbering_gap),
        Check::NumberingStyle {} => Compiled::new(structure::numbering_style),
        Check::LevelSkip {} => Compiled::new(structure::level_skip),
        Check::HeadingPunctuation {
            flag_full_stop,
            trailing,
        } => {
            let (flag_full_stop, trailing) = (*flag_full_stop, trailing.clone());
            Compiled::new(move |ctx| structure::heading_punctuation(ctx, flag_full_stop, &trailing))
        }
        Check::Patterns { scope, patterns } => {
            let patterns = text::Patterns::new(*scope, patterns, when)?;
            Compiled::new(move |ctx| patterns.run(ctx))
        }
        Check::Furniture {} => Compiled::new(text::furniture),
        Check::Citation { documents } => {
            let documents = text::citation_docs(documents, when)?;
            Compiled::new(move |ctx| text::citation(ctx, &documents))
        }
        Check::CitationPeriod { documents } => {
            let documents = text::period_docs(documents, when)?;
            Compiled::new(move |ctx| text::citation_period(ctx, &documents))
        }
        Check::Pairs { pairs } => {
            let pairs = pairs.clone();
            Compiled::new(move |ctx| text::pairs(ctx, &pairs))
        }
        Check::WidthMix {
            forms,
            skip_between_digits,
        } => {
            let (forms, skip) = (forms.clone(), *skip_between_digits);
            Compiled::new(move |ctx| text::width_mix(ctx, &forms, skip))
        }
        Check::Rate {
            tolerance,
            totals,
            units,
        } => {
            let (tolerance, totals, units) = (*tolerance, totals.clone(), units.clone());
            Compiled::new(move |ctx| text::rate(ctx, tolerance, &totals, &units))
        }
        Check::EmptySection {} => Compiled::new(structure::empty_section),
        Check::DuplicateHeading {} => Compiled::new(structure::duplicate_heading),
        // Found by the engine after the other rules ran (it needs their findings).
        Check::UnusedSuppression {} => Compiled::new(|_| Vec::new()),
        Check::Genre {
            kinds,
            subject,
            report_title,
        } => {
            let genre = parts::Genre::new(kinds, subject, report_title, when)?;
            Compiled::new(move |ctx| genre.run(ctx))
        }
    })
}

/// Where a document-level finding points: the title, else the first line of text.
fn document_anchor(ctx: &Ctx) -> Span {
    let r = ctx.report;
    if let Some(t) = r.title {
        return r.blocks[t].span.clone();
    }
    match r.text_blocks().next() {
        Some((_, b)) => {
            let line_end = ctx.src.line_range(b.line).end;
            let end = b.span.end.min(line_end);
            // A very long first line: point at its opening sentence only.
            let open = crate::classify::opening(ctx.src, &(b.span.start..end));
            open.start..ctx.src.clamp(open.end.min(open.start + 120).min(end))
        }
        None => 0..0,
    }
}

/// Whether the report has any text of its own (not only furniture or blank lines).
fn has_text(ctx: &Ctx) -> bool {
    ctx.report.text_blocks().next().is_some()
}

/// Shortens text for use inside a message.
fn snippet(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

/// Whether a block is text of the report's own (not furniture or head lines).
fn is_text(kind: &BlockKind) -> bool {
    !matches!(kind, BlockKind::Furniture | BlockKind::Head)
}

/// A character that is certainly no punctuation mark: an ASCII letter or digit, or a
/// common Han character (most of a report). Cheaper than `char::is_alphanumeric`, whose
/// Unicode tables dominate a scan of Chinese text.
pub fn plain(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// A set of byte values: a check passes over the bytes that cannot start what it looks
/// for without decoding them.
///
/// Where the processor has AVX2 and the set has at most [`WIDE`] members, 32 bytes are
/// compared at a time with every member and the places read from the bit mask; else
/// every byte is looked up.
#[derive(Debug)]
pub struct ByteSet {
    member: [bool; 256],
    /// Each member repeated over 32 bytes (the first one again where there are fewer
    /// than [`WIDE`]); None without AVX2 or for more members.
    #[cfg(target_arch = "x86_64")]
    wide: Option<wide::Splats>,
}

/// The most members 32 bytes are compared with at once.
#[cfg(target_arch = "x86_64")]
const WIDE: usize = 8;

impl ByteSet {
    /// The set of the first bytes of these characters' UTF-8 forms.
    pub fn leads(chars: impl IntoIterator<Item = char>) -> ByteSet {
        let mut member = [false; 256];
        for c in chars {
            member[usize::from(c.encode_utf8(&mut [0; 4]).as_bytes()[0])] = true;
        }
        #[cfg(target_arch = "x86_64")]
        let all: Vec<u8> = (0..=0xFF).filter(|&b| member[usize::from(b)]).collect();
        ByteSet {
            member,
            #[cfg(target_arch = "x86_64")]
            wide: wide::splats(&all),
        }
    }

    pub fn contains(&self, b: u8) -> bool {
        self.member[usize::from(b)]
    }

    /// Every offset of `hay` whose byte is in the set, in order, put in `out` (emptied
    /// first).
    pub fn find_all(&self, hay: &[u8], out: &mut Vec<usize>) {
        out.clear();
        #[cfg(target_arch = "x86_64")]
        if let Some(splats) = &self.wide {
            // SAFETY: a set has splats only where the processor has AVX2.
            unsafe { wide::find_all(hay, splats, out) };
            return;
        }
        out.extend((0..hay.len()).filter(|&i| self.contains(hay[i])));
    }
}

/// 32 bytes compared with up to [`WIDE`] byte values at once (AVX2).
#[cfg(target_arch = "x86_64")]
mod wide {
    use super::WIDE;
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
        _mm256_set1_epi8,
    };

    /// The members, each repeated over 32 bytes (the first again to fill [`WIDE`]), and
    /// how many of them to compare with (4 or [`WIDE`]).
    #[derive(Debug)]
    pub struct Splats([__m256i; WIDE], usize);

    /// None for no member, more than [`WIDE`], or a processor without AVX2.
    pub fn splats(members: &[u8]) -> Option<Splats> {
        let first = *members.first()?;
        if members.len() > WIDE || !std::is_x86_feature_detected!("avx2") {
            return None;
        }
        let mut out = [first; WIDE];
        out[..members.len()].copy_from_slice(members);
        let compared = if members.len() <= 4 { 4 } else { WIDE };
        // SAFETY: AVX2 is there (asked just above).
        Some(Splats(out.map(|b| unsafe { set1(b) }), compared))
    }

    #[target_feature(enable = "avx2")]
    fn set1(b: u8) -> __m256i {
        _mm256_set1_epi8(b as i8)
    }

    /// Every offset of `hay` whose byte is a member, in order, added to `out`.
    ///
    /// # Safety
    /// The processor has AVX2.
    #[target_feature(enable = "avx2")]
    pub unsafe fn find_all(hay: &[u8], splats: &Splats, out: &mut Vec<usize>) {
        match splats.1 {
            4 => find_all_of::<4>(hay, &splats.0, out),
            _ => find_all_of::<WIDE>(hay, &splats.0, out),
        }
    }

    #[target_feature(enable = "avx2")]
    #[inline]
    fn find_all_of<const N: usize>(hay: &[u8], splats: &[__m256i; WIDE], out: &mut Vec<usize>) {
        let splats: [__m256i; N] = std::array::from_fn(|k| splats[k]);
        for at in (0..hay.len()).step_by(32) {
            let mut mask = mask_at(hay, at, &splats);
            while mask != 0 {
                out.push(at + mask.trailing_zeros() as usize);
                mask &= mask - 1;
            }
        }
    }

    /// The members among the 32 bytes of `hay` from `at` on (`at` within `hay`; fewer
    /// at the end): bit i set where byte `at + i` is one.
    #[target_feature(enable = "avx2")]
    #[inline]
    fn mask_at<const N: usize>(hay: &[u8], at: usize, splats: &[__m256i; N]) -> u32 {
        let rest = &hay[at..];
        if let Some(bytes) = rest.first_chunk::<32>() {
            // SAFETY: `bytes` is 32 readable bytes, and loadu asks no alignment.
            return compare(
                unsafe { _mm256_loadu_si256(bytes.as_ptr().cast::<__m256i>()) },
                splats,
            );
        }
        let mut padded = [0u8; 32];
        padded[..rest.len()].copy_from_slice(rest);
        // SAFETY: `padded` is 32 readable bytes.
        compare(
            unsafe { _mm256_loadu_si256(padded.as_ptr().cast::<__m256i>()) },
            splats,
        ) & ((1u32 << rest.len()) - 1)
    }

    /// Bit i set where byte i of `v` is one of the members.
    #[target_feature(enable = "avx2")]
    #[inline]
    fn compare<const N: usize>(v: __m256i, splats: &[__m256i; N]) -> u32 {
        let mut hits = _mm256_cmpeq_epi8(v, splats[0]);
        for s in &splats[1..] {
            hits = _mm256_or_si256(hits, _mm256_cmpeq_epi8(v, *s));
        }
        _mm256_movemask_epi8(hits) as u32
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! A context for tests that hold a fast check against a plain reference.

    use super::{Ctx, Finding};
    use crate::analyse::{Settings, analyse};
    use crate::pack::vocab::Vocab;
    use crate::testing::texts;
    use crate::text::source::Source;
    use std::sync::LazyLock;

    static VOCAB: LazyLock<Vocab> = LazyLock::new(Vocab::builtin);

    /// Runs `f` on the analysis of `text`.
    pub fn with_ctx<R>(text: &str, f: impl FnOnce(&Ctx) -> R) -> R {
        let src = Source::new("t.txt", text);
        let a = analyse(&src, &VOCAB, &Settings::default());
        let ctx = Ctx {
            src: &src,
            report: &a.report,
            parts: &a.parts,
            facts: &a.facts,
            vocab: &VOCAB,
        };
        f(&ctx)
    }

    /// Asserts that `fast` finds what `reference` finds, in every text of [`texts`] and in
    /// `extra`.
    pub fn agree(
        extra: impl IntoIterator<Item = String>,
        fast: impl Fn(&Ctx) -> Vec<Finding>,
        reference: impl Fn(&Ctx) -> Vec<Finding>,
    ) {
        let mut all = texts();
        all.extend(extra);
        for t in all {
            with_ctx(&t, |ctx| {
                assert_eq!(show(&fast(ctx)), show(&reference(ctx)), "{t:.200}");
            });
        }
    }

    /// The findings in a comparable form.
    pub fn show(f: &[Finding]) -> String {
        format!("{f:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::ByteSet;

    #[test]
    fn byte_sets_find_what_a_byte_loop_finds() {
        let hay = "（一）总体情况：2024年，全县受理40件;办结(38)件！?“引”《书》【】〔〕\n\tabc";
        let sets = [
            ByteSet::leads(",，:：;；(（)）?？!！".chars()),
            ByteSet::leads("“”‘’《》()【】〔〕".chars()),
            ByteSet::leads("a".chars()),
            ByteSet::leads("一二三四".chars()),
            ByteSet::leads("é€😀".chars()),
            ByteSet::leads([]),
            ByteSet::leads("()“《".chars()),
            ByteSet::leads("(“《é€😀".chars()),
            ByteSet::leads(('a'..='z').chain('一'..='十')),
        ];
        let texts = [
            hay.to_string(),
            hay.repeat(3),
            "x".repeat(20),
            String::new(),
            // Members at the ends of 32-byte chunks, and runs of members.
            format!("{}({}）{}", "x".repeat(31), "y".repeat(30), "z".repeat(63)),
            "(".repeat(70),
            "，".repeat(40),
        ];
        // The 32-byte comparison is what runs here wherever the processor has it.
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            assert!(sets[0].wide.is_some() && sets[1].wide.is_some());
            assert!(sets[8].wide.is_none());
        }
        for set in &sets {
            for t in &texts {
                let b = t.as_bytes();
                let want: Vec<usize> = (0..b.len()).filter(|&k| set.contains(b[k])).collect();
                // Into a list that held others.
                let mut all = vec![7, 8, 9];
                set.find_all(b, &mut all);
                assert_eq!(all, want, "{t}");
            }
        }
    }
}
