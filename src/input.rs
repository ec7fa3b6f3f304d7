//! Reading an input file into a [`Source`], with a clear error for what cannot be read.

use crate::source::Source;
use std::io::Read;
use std::path::Path;

/// Files larger than this are refused rather than read.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InputError {
    #[error("无法读取：{0}")]
    Io(String),
    #[error("文件超过 {limit} MB 上限（{size} 字节），未检查")]
    TooLarge { size: u64, limit: u64 },
    #[error("不支持 .{0} 格式，请另存为 .txt（UTF-8）后再检查")]
    Unsupported(String),
    #[error("看起来是二进制文件，不是文本报告")]
    Binary,
    #[error("不是 UTF-8 编码的文本（第 {0} 字节起无效）；GBK 等编码的文件请另存为 UTF-8")]
    Encoding(usize),
}

/// Extensions fzlint knows it cannot read yet.
const UNSUPPORTED: &[&str] = &[
    "html", "htm", "doc", "docx", "wps", "pdf", "xls", "xlsx", "ppt", "pptx", "rtf", "odt", "zip",
    "png", "jpg", "jpeg",
];

/// Decodes bytes as text: UTF-8 (with or without BOM) or UTF-16 with a BOM.
pub fn decode(bytes: &[u8]) -> Result<String, InputError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    let probe = &bytes[..bytes.len().min(8192)];
    if probe.contains(&0) {
        return Err(InputError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(InputError::Encoding(e.valid_up_to() + 1)),
    }
}

fn utf16(bytes: &[u8], f: fn([u8; 2]) -> u16) -> Result<String, InputError> {
    let units = bytes.chunks(2).map(|c| f([c[0], *c.get(1).unwrap_or(&0)]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| InputError::Binary)
}

/// Reads a file (or standard input for `-`).
pub fn read(path: &Path, limit: u64) -> Result<Source, InputError> {
    let name = path.display().to_string();
    if name == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| InputError::Io(e.to_string()))?;
        if bytes.len() as u64 > limit {
            return Err(InputError::TooLarge {
                size: bytes.len() as u64,
                limit: limit / 1024 / 1024,
            });
        }
        return Ok(Source::new("<stdin>", &decode(&bytes)?));
    }
    if let Some(ext) = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        && UNSUPPORTED.contains(&ext.as_str())
    {
        return Err(InputError::Unsupported(ext));
    }
    let meta = std::fs::metadata(path).map_err(|e| InputError::Io(io_message(&e)))?;
    if meta.is_dir() {
        return Err(InputError::Io("这是一个目录".into()));
    }
    if meta.len() > limit {
        return Err(InputError::TooLarge {
            size: meta.len(),
            limit: limit / 1024 / 1024,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| InputError::Io(io_message(&e)))?;
    Ok(Source::new(name, &decode(&bytes)?))
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".into(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_what_it_can_and_names_what_it_cannot() {
        assert_eq!(decode("\u{FEFF}报告".as_bytes()).unwrap(), "\u{FEFF}报告");
        let mut le = vec![0xFF, 0xFE];
        le.extend("报告".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).unwrap(), "报告");
        assert_eq!(decode(&[0x41, 0, 0x42]), Err(InputError::Binary));
        assert_eq!(decode(&[0x41, 0xC4, 0xE3]), Err(InputError::Encoding(2)));
    }
}
