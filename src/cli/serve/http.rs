//! The plain HTTP of the checking page: answers, URLs, tokens and request bodies.

use http_body_util::{BodyExt, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_LENGTH, HeaderMap};
use serde_json::{Value, json};
use std::time::Duration;

/// Request bodies over this many bytes are refused with 413 (contract).
pub const MAX_BODY: usize = 10 * 1024 * 1024;

/// Answers over this many bytes are not sent: the check's answer is replaced by a
/// sentence (422), so that no upload makes the server build an answer without bound.
pub const MAX_REPLY: usize = 64 * 1024 * 1024;

/// One answer: status, content type, body, and extra headers.
pub struct Reply {
    pub status: u16,
    pub kind: &'static str,
    pub body: Bytes,
    pub extra: Vec<(&'static str, String)>,
}

impl Reply {
    pub fn new(status: u16, kind: &'static str, body: impl Into<Bytes>) -> Reply {
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

    /// The JSON of `v`, or None when it would be longer than [`MAX_REPLY`] (it is
    /// written up to the cap, no further).
    pub fn json_capped(status: u16, v: &Value) -> Option<Reply> {
        let mut w = Capped(Vec::new());
        serde_json::to_writer(&mut w, v).ok()?;
        Some(Reply::new(status, "application/json; charset=utf-8", w.0))
    }

    pub fn text(status: u16, s: &'static str) -> Reply {
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

/// A buffer that refuses to grow past [`MAX_REPLY`].
struct Capped(Vec<u8>);

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > MAX_REPLY {
            return Err(std::io::Error::other("answer over the cap"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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
    let mut bytes = s.bytes();
    let mut out = Vec::with_capacity(s.len());
    while let Some(b) = bytes.next() {
        out.push(match b {
            b'%' => {
                let hex = [bytes.next()?, bytes.next()?];
                u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?
            }
            b'+' => b' ',
            c => c,
        });
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

pub fn header_value<'r>(headers: &'r HeaderMap, name: &str) -> Option<&'r str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Compares in a time that depends only on the length of `secret`: every byte is
/// looked at, whatever the first difference or the length of `given`.
pub fn same(given: &[u8], secret: &[u8]) -> bool {
    let differ = secret.iter().enumerate().fold(0u8, |acc, (i, s)| {
        acc | (given.get(i).copied().unwrap_or(!s) ^ s)
    });
    differ == 0 && given.len() == secret.len()
}

pub const TOO_LARGE: &str =
    "文件超过 10 MB 上限，未检查；请删去附件或图片后再试，或在命令行用 fzlint check 检查";

/// The body, read up to the limit and within `deadline`. Err: the reply to give
/// instead (the connection is then closed).
pub async fn read_body(body: Incoming, deadline: Duration) -> Result<Bytes, Reply> {
    let refuse = |status, message: &str| Reply::error(status, message).with("Connection", "close");
    match tokio::time::timeout(deadline, Limited::new(body, MAX_BODY).collect()).await {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => Err(refuse(413, TOO_LARGE)),
        Ok(Err(_)) => Err(refuse(400, "上传中断，请重试")),
        Err(_) => Err(refuse(408, "上传超时，请重试")),
    }
}

/// Declared bodies over the limit but up to this length are read and dropped before
/// the 413, so that a client that sends its whole body before reading gets the answer
/// rather than a broken connection; longer ones are answered at once.
const DRAIN_CAP: u128 = 64 * 1024 * 1024;

/// For a declared length over the limit: the 413, given once the body is drained (up
/// to [`DRAIN_CAP`], within `deadline`). None: the declared length is within the limit.
pub async fn refuse_declared(
    headers: &HeaderMap,
    body: &mut Incoming,
    deadline: Duration,
) -> Option<Reply> {
    let declared = header_value(headers, CONTENT_LENGTH.as_str());
    let declared = declared.map(|v| v.trim().parse().unwrap_or(u128::MAX));
    let n = declared.filter(|&n| n > MAX_BODY as u128)?;
    if n <= DRAIN_CAP {
        let drain = async { while let Some(Ok(_)) = body.frame().await {} };
        let _ = tokio::time::timeout(deadline, drain).await;
    }
    Some(Reply::error(413, TOO_LARGE).with("Connection", "close"))
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
    fn answers_stop_at_the_cap() {
        let small = Reply::json_capped(200, &json!({ "text": "报告" })).unwrap();
        assert_eq!(&small.body[..], "{\"text\":\"报告\"}".as_bytes());
        let at_cap = "a".repeat(MAX_REPLY - 2);
        assert!(Reply::json_capped(200, &json!(at_cap)).is_some());
        let over = "a".repeat(MAX_REPLY - 1);
        assert!(Reply::json_capped(200, &json!(over)).is_none());
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"ab"));
        assert!(!same(b"abcd", b"abc"));
        assert!(!same(b"", b"abc"));
        assert!(same(b"", b""));
    }
}
