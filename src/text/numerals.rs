//! Chinese numerals: reading the numbers of headings, list items and dates (一, 十二,
//! 二〇二四), and writing a number as Chinese does (一百零一, legal 壹佰零壹).

/// The value of a numeral digit: 〇 and 零 (and O, o, 0, ○ written for 〇) are 0,
/// 一 to 九 are 1 to 9.
#[inline]
pub fn digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | 'O' | 'o' | '0' | '○' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A heading's or list item's number: 一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 九十九 → 99;
/// without 十, digit by digit (二〇二四 → 2024).
pub fn number(s: &str) -> Option<u32> {
    let Some((tens, units)) = s.split_once('十') else {
        return year(s);
    };
    // With 十, at most one digit on either side: 十, 十二, 二十, 二十一.
    let one = |s: &str, none: u32| match s.chars().next() {
        None => Some(none),
        Some(c) if c.len_utf8() == s.len() => digit(c),
        Some(_) => None,
    };
    Some(one(tens, 1)? * 10 + one(units, 0)?)
}

/// Whether a character is a Chinese numeral of a heading or list number (一 … 十, 〇).
#[inline]
pub fn is_numeral(c: char) -> bool {
    c == '十' || digit(c).is_some()
}

/// A year written digit by digit: 二〇二四 → 2024.
pub fn year(s: &str) -> Option<u32> {
    s.chars()
        .try_fold(0u32, |acc, c| Some(acc * 10 + digit(c)?))
}

/// The characters of a Chinese number system.
pub struct Numerals {
    /// 〇/零 to 九/玖.
    pub digits: [char; 10],
    /// The zero written between digits.
    zero: char,
    /// 千, 百, 十.
    units: [char; 3],
    /// Whether 10..=19 drop their leading one (十一 rather than 一十一).
    short_teens: bool,
}

/// The everyday numerals (〇 一 … 九, 十 百 千), eleven written 十一.
pub const COUNTING: Numerals = Numerals {
    digits: ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'],
    zero: '零',
    units: ['千', '百', '十'],
    short_teens: true,
};

/// The financial numerals (零 壹 … 玖, 拾 佰 仟), eleven written 壹拾壹.
pub const LEGAL: Numerals = Numerals {
    digits: ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'],
    zero: '零',
    units: ['仟', '佰', '拾'],
    short_teens: false,
};

/// A number written in Chinese: 十一, 二十, 一百零一, 一百一十, 一千零一,
/// 一万零一 (legal: 壹拾壹).
pub fn write(n: u32, numerals: &Numerals) -> String {
    if n == 0 {
        return numerals.digits[0].to_string();
    }
    // Groups of four digits, highest first, with their big unit.
    let groups = [
        (n / 100_000_000, "亿"),
        (n / 10_000 % 10_000, "万"),
        (n % 10_000, ""),
    ];
    let mut out = String::new();
    let mut zero = false;
    for (group, big) in groups {
        if group == 0 {
            zero = !out.is_empty();
            continue;
        }
        if !out.is_empty() && (zero || group < 1000) {
            out.push(numerals.zero);
        }
        zero = false;
        let leading = out.is_empty();
        let digits = [group / 1000, group / 100 % 10, group / 10 % 10, group % 10];
        let mut started = false;
        let mut gap = false;
        for (i, d) in digits.into_iter().enumerate() {
            if d == 0 {
                gap = started;
                continue;
            }
            if gap {
                out.push(numerals.zero);
                gap = false;
            }
            let teen = numerals.short_teens && leading && !started && i == 2 && d == 1;
            if !teen {
                out.push(numerals.digits[d as usize]);
            }
            if let Some(&unit) = numerals.units.get(i) {
                out.push(unit);
            }
            started = true;
        }
        out.push_str(big);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read() {
        assert_eq!(number("十"), Some(10));
        assert_eq!(number("二十一"), Some(21));
        assert_eq!(number("三"), Some(3));
        for bad in ["十十", "二十一一", "三二十", "十二三", "", "年"] {
            assert_eq!(
                number(bad),
                if bad.is_empty() { Some(0) } else { None },
                "{bad}"
            );
        }
        assert_eq!(number("二〇二四"), Some(2024));
        assert_eq!(year("二O二四"), Some(2024));
        for c in ['一', '十', '〇', '零', 'O', '0'] {
            assert!(is_numeral(c), "{c}");
        }
        assert!(!is_numeral('年'));
    }

    #[test]
    fn numbers_are_written() {
        let counting = |n| write(n, &COUNTING);
        let cases = [
            (0, "〇"),
            (1, "一"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (21, "二十一"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (111, "一百一十一"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (2024, "二千零二十四"),
            (10000, "一万"),
            (10001, "一万零一"),
            (100000, "十万"),
            (101000, "十万一千"),
            (100_000_000, "一亿"),
            (100_000_001, "一亿零一"),
        ];
        for (n, want) in cases {
            assert_eq!(counting(n), want, "{n}");
            if n < 100 {
                assert_eq!(number(&counting(n)), Some(n), "{n}");
            }
        }
        let legal = |n| write(n, &LEGAL);
        assert_eq!(legal(1), "壹");
        assert_eq!(legal(10), "壹拾");
        assert_eq!(legal(12), "壹拾贰");
        assert_eq!(legal(305), "叁佰零伍");
    }
}
