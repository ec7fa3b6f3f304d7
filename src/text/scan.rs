//! Finding bytes of a small set in a text: a check passes over the bytes that cannot
//! start what it looks for without decoding them.

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
