//! The plain HTTP of the checking page: answers, URLs, tokens and request bodies.

use serde_json::{Value, json};
use tiny_http::{Header, Request};

/// Request bodies over this many bytes are refused with 413 (contract).
pub const MAX_BODY: usize = 10 * 1024 * 1024;

/// One answer: status, content type, body, and extra headers.
pub struct Reply {
    pub status: u16,
    pub kind: &'static str,
    pub body: Vec<u8>,
    pub extra: Vec<(&'static str, String)>,
}

impl Reply {
    pub fn new(status: u16, kind: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            kind,
            body: body.into(),
            extra: Vec::new(),
        }
    }

    pub fn json(status: u16, v: &Value) -> Reply {
        let body = serde_json::to_vec(v).unwrap_or_else(|_| b"null".to_vec());
        Reply::new(status, "application/json; charset=utf-8", body)
    }

    pub fn error(status: u16, message: &str) -> Reply {
        Reply::json(status, &json!({ "error": message }))
    }

    pub fn text(status: u16, s: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", s)
    }

    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.extra.push((name, value.into()));
        self
    }
}

/// Headers on every response.
pub const SECURITY_HEADERS: [(&str, &str); 6] = [
    (
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
         img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cache-Control", "no-store"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
];

pub fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

pub fn split_url(url: &str) -> (String, String) {
    let (p, q) = url.split_once('?').unwrap_or((url, ""));
    (p.to_string(), q.to_string())
}

pub fn query_param(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(k).as_deref() == Some(key))
            .then(|| percent_decode(v))
            .flatten()
    })
}

pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

pub fn header_value<'r>(rq: &'r Request, name: &'static str) -> Option<&'r str> {
    rq.headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

/// Compares without stopping at the first difference.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub const TOO_LARGE: &str =
    "文件超过 10 MB 上限，未检查；请删去附件或图片后再试，或在命令行用 fzlint check 检查";

/// The body, read up to the limit. Err: the reply to give instead.
pub fn read_body(rq: &mut Request) -> Result<Vec<u8>, Reply> {
    let refuse =
        |status, message: &str| Err(Reply::error(status, message).with("Connection", "close"));
    // A declared length over the limit is refused before anything is read; the length
    // is not trusted otherwise: the body is counted as it comes.
    if rq.body_length().is_some_and(|n| n > MAX_BODY) {
        return refuse(413, TOO_LARGE);
    }
    let mut body = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let reader = rq.as_reader();
    loop {
        use std::io::ErrorKind::{Interrupted, TimedOut, WouldBlock};
        match reader.read(&mut buf) {
            Ok(0) => return Ok(body),
            Ok(n) if body.len() + n > MAX_BODY => return refuse(413, TOO_LARGE),
            Ok(n) => body.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == Interrupted => {}
            Err(e) if matches!(e.kind(), TimedOut | WouldBlock) => {
                return refuse(408, "上传超时，请重试");
            }
            Err(_) => return refuse(400, "上传中断，请重试"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_parameters_are_decoded() {
        assert_eq!(
            query_param("name=%E6%8A%A5%E5%91%8A.txt&token=a+b", "name").as_deref(),
            Some("报告.txt")
        );
        assert_eq!(
            query_param("name=x&token=a+b", "token").as_deref(),
            Some("a b")
        );
        assert_eq!(query_param("name=%zz", "name"), None);
        assert_eq!(
            percent_decode(&percent_encode("令牌 a/b")).as_deref(),
            Some("令牌 a/b")
        );
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"ab"));
    }
}
