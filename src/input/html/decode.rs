//! Step 1: the page's bytes as text, in the encoding its byte order mark or its
//! declaration names, else the one the detector finds.

use super::attr;
use crate::input::InputError;
use html5gum::{DefaultEmitter, Token, Tokenizer};

/// How much of the page is searched for a declared charset.
const PRESCAN_BYTES: usize = 4096;

/// Decodes a page: a BOM wins; then a charset declared in the first 4 KB (decoded
/// without replacement, else read by the detector, else decoded with replacement in the
/// declared encoding); then the detector. Returns the text without BOM and the
/// encoding's name.
pub(super) fn decode_page(bytes: &[u8]) -> Result<(String, &'static str), InputError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return crate::input::decode(bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_string(), "UTF-8")),
            Err(_) if rest[..rest.len().min(8192)].contains(&0) => Err(InputError::Binary),
            Err(_) => Ok((String::from_utf8_lossy(rest).into_owned(), "UTF-8")),
        };
    }
    let (text, encoding) = match declared_encoding(bytes) {
        Some(enc) => match enc.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(text) => (text.into_owned(), enc.name()),
            None => crate::input::decode(bytes).unwrap_or_else(|_| {
                let (text, _) = enc.decode_without_bom_handling(bytes);
                (text.into_owned(), enc.name())
            }),
        },
        None => crate::input::decode(bytes)?,
    };
    Ok(match text.strip_prefix('\u{FEFF}') {
        Some(rest) => (rest.to_string(), encoding),
        None => (text, encoding),
    })
}

/// The encoding a `<meta>` in the first 4 KB declares, as the HTML standard maps it: a
/// declared UTF-16 means UTF-8 (the bytes were read as ASCII to find it), and labels
/// the standard maps to the replacement encoding count as no declaration.
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    for Ok(token) in Tokenizer::new_with_emitter(head, emitter) {
        let Token::StartTag(tag) = token else {
            continue;
        };
        if tag.name.as_slice() != b"meta" {
            continue;
        }
        let label = match attr(&tag, "charset") {
            Some(cs) => Some(cs.into_owned()),
            None if attr(&tag, "http-equiv")
                .is_some_and(|h| h.trim().eq_ignore_ascii_case("content-type")) =>
            {
                attr(&tag, "content").and_then(|c| charset_in_content(&c))
            }
            None => None,
        };
        let found = label.and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()));
        if let Some(enc) = found.filter(|&enc| enc != encoding_rs::REPLACEMENT) {
            // UTF-8 for a declared UTF-16, else the encoding itself.
            return Some(enc.output_encoding());
        }
    }
    None
}

/// The charset named in a Content-Type value such as `text/html; charset=gb2312`.
fn charset_in_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let (_, rest) = lower.split_once("charset")?;
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let label: String = rest
        .chars()
        .take_while(|c| !matches!(c, ';' | '"' | '\'') && !c.is_ascii_whitespace())
        .collect();
    (!label.is_empty()).then_some(label)
}
