//! Reading an input file into a [`Source`], with a clear error for what cannot be read.

pub mod document;
pub mod docx;
pub mod html;

use crate::text::{Format, Source};
use std::io::Read;
use std::path::Path;

/// Files larger than this are refused rather than read.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InputError {
    #[error("无法读取：{0}")]
    Io(String),
    #[error("文件超过 {limit} MB 上限（{size} 字节），未检查；确需检查可用 --max-file-size 放宽")]
    TooLarge { size: u64, limit: u64 },
    #[error("不支持 .{0} 格式，请另存为 .docx 或 .txt 后再检查")]
    Unsupported(String),
    #[error("看起来是二进制文件，不是文本报告")]
    Binary,
    /// A .docx or HTML file that cannot be read as one (not a zip, missing parts, broken
    /// XML): what is wrong, in a sentence naming the format.
    #[error("{0}")]
    Damaged(String),
    /// A compressed file that would unpack beyond the limits.
    #[error("解压后超过上限（{0}），疑似压缩炸弹，未检查")]
    Bomb(String),
    #[error("无法识别文本编码（不是有效的 UTF-8，第 {0} 字节起无效，也不像 GB18030、Big5 等编码）")]
    Encoding(usize),
    /// The file is not in the encoding `--encoding` names.
    #[error("不是 {0} 编码的文本（按 --encoding 指定的编码读取时遇到无效字节）")]
    NotIn(&'static str),
}

/// The encodings `--encoding` accepts, by the names it accepts.
const ENCODINGS: [(&str, &encoding_rs::Encoding); 6] = [
    ("utf-8", encoding_rs::UTF_8),
    ("gbk", encoding_rs::GBK),
    ("gb18030", encoding_rs::GB18030),
    ("big5", encoding_rs::BIG5),
    ("utf-16le", encoding_rs::UTF_16LE),
    ("utf-16be", encoding_rs::UTF_16BE),
];

/// The encoding `--encoding` names (any case; `utf8` for `utf-8`), or a sentence listing
/// the names it accepts.
pub fn encoding_named(name: &str) -> Result<&'static encoding_rs::Encoding, String> {
    let lower = name.trim().to_ascii_lowercase();
    let wanted = if lower == "utf8" { "utf-8" } else { &lower };
    ENCODINGS
        .iter()
        .find(|(n, _)| *n == wanted)
        .map(|(_, e)| *e)
        .ok_or_else(|| {
            let names = ENCODINGS.map(|(n, _)| n).join("、");
            format!("未知的编码 “{name}”；可用的编码：{names}")
        })
}

/// Decodes bytes in the encoding given (`--encoding`), whatever detection would say: a
/// byte order mark of that encoding is dropped; a byte that is not of it is an error.
pub fn decode_in(
    bytes: &[u8],
    enc: &'static encoding_rs::Encoding,
) -> Result<(String, &'static str), InputError> {
    let rest = match encoding_rs::Encoding::for_bom(bytes) {
        Some((bom, len)) if bom == enc => &bytes[len..],
        _ => bytes,
    };
    enc.decode_without_bom_handling_and_without_replacement(rest)
        .map(|text| (text.into_owned(), enc.name()))
        .ok_or(InputError::NotIn(enc.name()))
}

/// Extensions fzlint knows it cannot read.
pub const UNSUPPORTED: &[&str] = &[
    "doc", "wps", "pdf", "xls", "xlsx", "ppt", "pptx", "rtf", "odt", "zip", "png", "jpg", "jpeg",
];

/// Refuses a name whose extension is one fzlint knows it cannot read.
pub fn supported(path: &Path) -> Result<(), InputError> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
    {
        Some(ext) if UNSUPPORTED.contains(&ext.as_str()) => Err(InputError::Unsupported(ext)),
        _ => Ok(()),
    }
}

/// Turns a file's bytes into a [`Source`] named `name`, by the format its name says.
pub fn from_bytes(name: &str, bytes: &[u8], format: Format) -> Result<Source, InputError> {
    from_bytes_in(name, bytes, format, None)
}

/// As [`from_bytes`], a text or a page read in the encoding `encoding` when given
/// (`--encoding`), not the one detected; a .docx is XML in its own declared encoding.
pub fn from_bytes_in(
    name: &str,
    bytes: &[u8],
    format: Format,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Source, InputError> {
    match format {
        Format::Docx => Ok(docx::read_docx(bytes)?.into_source(name)),
        Format::Html => Ok(html::read_html(bytes, encoding)?.into_source(name)),
        Format::Text => {
            let (text, encoding) = match encoding {
                Some(enc) => decode_in(bytes, enc)?,
                None => decode(bytes)?,
            };
            let mut src = Source::from_string(name, text);
            src.encoding = encoding;
            Ok(src)
        }
    }
}

/// How much of a file the encoding detector looks at.
const DETECT_BYTES: usize = 64 * 1024;

/// UTF-16 without a BOM, recognised by its zero bytes: mostly at odd offsets for
/// little-endian (ASCII and many CJK characters), at even offsets for big-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let probe = &bytes[..bytes.len().min(4096) & !1];
    if probe.len() < 4 || bytes.len() % 2 == 1 {
        return None;
    }
    let pairs = probe.len() / 2;
    let even = probe.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = probe.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    // Chinese text in UTF-16 has few zero bytes: ASCII marks and digits give them on one
    // side (and a character such as 一, U+4E00, now and then on the other). Binary data
    // has them on both. Demand a clearly one-sided pattern.
    let enough = (pairs / 50).max(2);
    if odd >= enough && odd >= 4 * even {
        Some(true)
    } else if even >= enough && even >= 4 * odd {
        Some(false)
    } else {
        None
    }
}

/// Decodes bytes as text: UTF-8 (with or without BOM), UTF-16 (by BOM, or by its zero
/// bytes), or whatever the detector finds (GB18030/GBK, Big5 …). Returns the text and
/// the encoding's name.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), InputError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    let probe = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, probe).is_some() {
        let decoded =
            utf16_without_bom(bytes).map_or(Err(InputError::Binary), |le| utf16(bytes, le));
        // Guessed UTF-16 must read as text: no control characters but line breaks and
        // tabs, nothing from the private use area.
        return decoded.and_then(|(s, e)| {
            let odd = s
                .chars()
                .filter(|c| {
                    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                        || ('\u{E000}'..='\u{F8FF}').contains(c)
                })
                .count();
            if odd * 100 <= s.chars().count() {
                Ok((s, e))
            } else {
                Err(InputError::Binary)
            }
        });
    }
    // Most reports are UTF-8: a vectorised check first, the standard one (which says
    // where the text goes wrong) only when that fails (the standard one alone costs about
    // 13% more instructions on the benchmark corpus).
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Ok((s.to_string(), "UTF-8"));
    }
    let utf8 = match std::str::from_utf8(bytes) {
        Ok(s) => return Ok((s.to_string(), "UTF-8")),
        Err(e) => e,
    };
    // Not UTF-8: ask the detector about a bounded prefix, with no bias towards any
    // one encoding (no top-level domain given), and decode without replacement.
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(
        &bytes[..bytes.len().min(DETECT_BYTES)],
        bytes.len() <= DETECT_BYTES,
    );
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    // Reports are Chinese: a guess of a Western or other encoding (which would decode
    // any bytes at all) is no reading of the file.
    let chinese = [encoding_rs::GBK, encoding_rs::GB18030, encoding_rs::BIG5];
    if chinese.contains(&enc)
        && let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return Ok((text.into_owned(), enc.name()));
    }
    Err(InputError::Encoding(utf8.valid_up_to() + 1))
}

/// UTF-16 text, little-endian when `le`, with the encoding's name.
fn utf16(bytes: &[u8], le: bool) -> Result<(String, &'static str), InputError> {
    let f = if le {
        u16::from_le_bytes
    } else {
        u16::from_be_bytes
    };
    let units = bytes.chunks(2).map(|c| f([c[0], *c.get(1).unwrap_or(&0)]));
    let text = char::decode_utf16(units).collect::<Result<String, _>>();
    let name = if le { "UTF-16LE" } else { "UTF-16BE" };
    text.map(|t| (t, name)).map_err(|_| InputError::Binary)
}

/// Reads a file (or standard input for `-`, read as text).
pub fn read(path: &Path, limit: u64) -> Result<Source, InputError> {
    read_as(path, limit, None, None)
}

/// Reads a file (or standard input for `-`), in the format `as_name`'s extension says
/// when given (for standard input with `--stdin-filename`), else the path's; a text or a
/// page in `encoding` when given (`--encoding`).
pub fn read_as(
    path: &Path,
    limit: u64,
    as_name: Option<&str>,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Source, InputError> {
    let name = path.display().to_string();
    if name == "-" {
        let bytes = read_limited(std::io::stdin(), 0, limit, |e| {
            InputError::Io(e.to_string())
        })?;
        let format = as_name.map(Format::of).unwrap_or(Format::Text);
        return from_bytes_in("<stdin>", &bytes, format, encoding);
    }
    supported(path)?;
    // Opened once, and asked what it is through the open file (one look-up of the
    // path, not two).
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        // Some systems refuse to open a folder at all: it is still named as one.
        Err(_) if path.is_dir() => return Err(InputError::Io("这是一个目录".into())),
        Err(e) => return Err(io_error(&e)),
    };
    let meta = file.metadata().map_err(|e| io_error(&e))?;
    if meta.is_dir() {
        return Err(InputError::Io("这是一个目录".into()));
    }
    if meta.is_file() && meta.len() > limit {
        return Err(InputError::TooLarge {
            size: meta.len(),
            limit: limit / 1024 / 1024,
        });
    }
    // A pipe named on the command line (`check <(cmd)`, /dev/stdin) has no size: it is
    // read up to the limit, as standard input is; a file that grew since it was sized
    // is held to the limit too.
    let size = if meta.is_file() { meta.len() } else { 0 };
    let bytes = read_limited(file, size, limit, io_error)?;
    from_bytes_in(&name, &bytes, Format::of(&name), encoding)
}

/// Reads at most `limit` bytes, or says the input is larger. `size`: the size a plain
/// file was found to have (0 for other input), room made for it at once.
fn read_limited(
    reader: impl Read,
    size: u64,
    limit: u64,
    error: impl Fn(&std::io::Error) -> InputError,
) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| error(&e))?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge {
            size: bytes.len() as u64,
            limit: limit / 1024 / 1024,
        });
    }
    Ok(bytes)
}

fn io_error(e: &std::io::Error) -> InputError {
    InputError::Io(match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".into(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".into(),
        _ => e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Input given out a few bytes per read.
    struct Pieces<'a> {
        bytes: &'a [u8],
        piece: usize,
    }

    impl Read for Pieces<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.piece).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    #[test]
    fn reads_up_to_the_limit_whatever_the_size_found_before() {
        let text: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        let read = |len: usize, size: u64, piece: usize, limit: u64| {
            let input = Pieces {
                bytes: &text[..len],
                piece,
            };
            read_limited(input, size, limit, io_error).map(|b| b == text[..len])
        };
        for piece in [7, 4999, usize::MAX] {
            // As sized, smaller or larger than sized, or of no size known.
            assert_eq!(read(5000, 5000, piece, 10_000), Ok(true), "{piece}");
            assert_eq!(read(4000, 5000, piece, 10_000), Ok(true), "{piece}");
            assert_eq!(read(5000, 3000, piece, 10_000), Ok(true), "{piece}");
            assert_eq!(read(5000, 0, piece, 10_000), Ok(true), "{piece}");
            // Grown past the limit, or larger than it from the start.
            let too_large = Err(InputError::TooLarge {
                size: 4001,
                limit: 0,
            });
            assert_eq!(read(5000, 3000, piece, 4000), too_large, "{piece}");
            assert_eq!(read(5000, 0, piece, 4000), too_large, "{piece}");
            assert_eq!(read(5000, 5000, piece, 4000), too_large, "{piece}");
        }
        assert_eq!(read(0, 0, usize::MAX, 10), Ok(true));
    }

    #[test]
    fn decodes_what_it_can_and_names_what_it_cannot() {
        assert_eq!(decode("\u{FEFF}报告".as_bytes()).unwrap().0, "\u{FEFF}报告");
        let mut le = vec![0xFF, 0xFE];
        le.extend("报告".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).unwrap(), ("报告".to_string(), "UTF-16LE"));
        assert_eq!(
            decode(&[0x41, 0, 0x42, 0x43, 0, 0, 0x91]),
            Err(InputError::Binary)
        );
    }
}
