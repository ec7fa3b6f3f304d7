//! Number formats (`w:numFmt`): a counter's value written as Word writes it.

use crate::text::chars::full_width;
use crate::text::numerals::{self, COUNTING, LEGAL};

/// A number format (`w:numFmt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Fmt {
    #[default]
    Decimal,
    /// Decimal padded with zeros to this many digits (`decimalZero` is 2).
    Padded(u8),
    FullWidth,
    /// ①…⑳.
    Circle,
    /// ⑴…⒇.
    Paren,
    /// ⒈…⒛.
    Fullstop,
    UpperLetter,
    LowerLetter,
    UpperRoman,
    LowerRoman,
    /// 一、十一、二十、一百零一.
    ChineseCounting,
    /// 壹、壹拾壹.
    ChineseLegal,
    /// Digit by digit: 一〇.
    IdeographDigital,
    /// 甲乙丙丁…癸.
    Heavenly,
    /// 子丑寅卯…亥.
    Zodiac,
    Bullet,
    None,
}

impl Fmt {
    /// A `w:numFmt` value; `format` is the `w:format` of a custom format ("001, 002, 003, ...").
    pub(super) fn parse(val: &str, format: Option<&str>) -> Fmt {
        match val {
            "decimalZero" => Fmt::Padded(2),
            "decimalFullWidth" | "decimalFullWidth2" => Fmt::FullWidth,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => Fmt::Circle,
            "decimalEnclosedParen" => Fmt::Paren,
            "decimalEnclosedFullstop" => Fmt::Fullstop,
            "upperLetter" => Fmt::UpperLetter,
            "lowerLetter" => Fmt::LowerLetter,
            "upperRoman" => Fmt::UpperRoman,
            "lowerRoman" => Fmt::LowerRoman,
            "chineseCounting"
            | "chineseCountingThousand"
            | "taiwaneseCounting"
            | "taiwaneseCountingThousand"
            | "japaneseCounting" => Fmt::ChineseCounting,
            "chineseLegalSimplified" => Fmt::ChineseLegal,
            "ideographDigital" | "taiwaneseDigital" => Fmt::IdeographDigital,
            "ideographTraditional" => Fmt::Heavenly,
            "ideographZodiac" => Fmt::Zodiac,
            "bullet" => Fmt::Bullet,
            "none" => Fmt::None,
            "custom" => {
                // Word 2010's zero-padded formats: "001, 002, 003, ...".
                let first = format.unwrap_or("").split(',').next().unwrap_or("").trim();
                match u8::try_from(first.len()) {
                    Ok(width) if width > 1 && first.bytes().all(|b| b.is_ascii_digit()) => {
                        Fmt::Padded(width)
                    }
                    _ => Fmt::Decimal,
                }
            }
            _ => Fmt::Decimal,
        }
    }
}

/// A counter's value written in a number format.
pub(super) fn format_number(n: u32, fmt: Fmt) -> String {
    match fmt {
        Fmt::Decimal => n.to_string(),
        Fmt::Padded(width) => format!("{n:0width$}", width = usize::from(width)),
        Fmt::FullWidth => n.to_string().chars().map(full_width).collect(),
        Fmt::Circle => enclosed(n, 0x2460),
        Fmt::Paren => enclosed(n, 0x2474),
        Fmt::Fullstop => enclosed(n, 0x2488),
        Fmt::UpperLetter => letters(n, b'A'),
        Fmt::LowerLetter => letters(n, b'a'),
        Fmt::UpperRoman => roman(n),
        Fmt::LowerRoman => roman(n).to_lowercase(),
        Fmt::ChineseCounting => numerals::write(n, &COUNTING),
        Fmt::ChineseLegal => numerals::write(n, &LEGAL),
        Fmt::IdeographDigital => n
            .to_string()
            .chars()
            .map(|c| COUNTING.digits[c.to_digit(10).unwrap_or(0) as usize])
            .collect(),
        Fmt::Heavenly => cycle(n, "甲乙丙丁戊己庚辛壬癸"),
        Fmt::Zodiac => cycle(n, "子丑寅卯辰巳午未申酉戌亥"),
        Fmt::Bullet | Fmt::None => String::new(),
    }
}

/// 1..=20 as the enclosed characters from `first`; other values in decimal.
fn enclosed(n: u32, first: u32) -> String {
    match n {
        1..=20 => char::from_u32(first + n - 1).map_or_else(|| n.to_string(), String::from),
        _ => n.to_string(),
    }
}

/// Word's letters: A…Z, then AA…ZZ, AAA… (the letter repeated, not base 26).
fn letters(n: u32, a: u8) -> String {
    if n == 0 || (n - 1) / 26 >= 8 {
        return n.to_string();
    }
    let repeat = (n - 1) / 26 + 1;
    let letter = char::from(a + ((n - 1) % 26) as u8);
    std::iter::repeat_n(letter, repeat as usize).collect()
}

/// Roman numerals for 1..=3999, decimal otherwise.
fn roman(n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const VALUES: [u32; 13] = [1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1];
    const NUMERALS: [&str; 13] = [
        "M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I",
    ];
    let mut rest = n;
    let mut out = String::new();
    for (value, numeral) in VALUES.into_iter().zip(NUMERALS) {
        while rest >= value {
            out.push_str(numeral);
            rest -= value;
        }
    }
    out
}

/// 1..=len as the characters of a cycle (甲乙丙…), decimal otherwise.
fn cycle(n: u32, chars: &str) -> String {
    let nth = (n as usize)
        .checked_sub(1)
        .and_then(|i| chars.chars().nth(i));
    nth.map_or_else(|| n.to_string(), String::from)
}
