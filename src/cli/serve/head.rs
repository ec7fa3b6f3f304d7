//! A connection's first request head, read before hyper parses it. hyper answers a
//! declared length it cannot represent (2^64 - 2 and over, or a longer number) with 431
//! before any of fzlint's code runs; the contract says 413 for every body over 10 MB.
//! So such a Content-Length line is taken out of the head hyper sees, and the request
//! is marked to be refused with 413 (and the connection closed).

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, ReadBuf};

/// Heads longer than this are handed over as they are (hyper refuses them).
const MAX_HEAD: usize = 64 * 1024;

/// The first head and what came with it, and whether it declared an absurd length.
/// None: the client sent no whole head within `deadline` (or went away).
pub async fn first<S: AsyncRead + Unpin>(
    io: &mut S,
    deadline: Duration,
) -> Option<(Vec<u8>, bool)> {
    let mut buf = Vec::with_capacity(4096);
    let read = async {
        loop {
            if let Some(end) = head_end(&buf) {
                return Some(end);
            }
            if buf.len() >= MAX_HEAD {
                return Some(0);
            }
            match io.read_buf(&mut buf).await {
                Ok(0) | Err(_) => return None,
                Ok(_) => {}
            }
        }
    };
    let end = tokio::time::timeout(deadline, read).await.ok()??;
    Some(strip_absurd_length(buf, end))
}

/// Where the head ends (after its blank line).
fn head_end(buf: &[u8]) -> Option<usize> {
    let crlf = memchr::memmem::find(buf, b"\n\r\n").map(|i| i + 3);
    let lf = memchr::memmem::find(buf, b"\n\n").map(|i| i + 2);
    crlf.into_iter().chain(lf).min()
}

/// The buffer without a Content-Length line whose value is all digits and too large for
/// hyper; true when one was taken out.
fn strip_absurd_length(buf: Vec<u8>, end: usize) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(buf.len());
    let mut absurd = false;
    for line in buf[..end].split_inclusive(|&b| b == b'\n') {
        let text = String::from_utf8_lossy(line);
        let value = text
            .split_once(':')
            .filter(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
            .map(|(_, v)| v.trim());
        let too_large = value.is_some_and(|v| {
            !v.is_empty()
                && v.bytes().all(|b| b.is_ascii_digit())
                && v.parse::<u64>().map_or(true, |n| n >= u64::MAX - 1)
        });
        if too_large {
            absurd = true;
        } else {
            out.extend_from_slice(line);
        }
    }
    out.extend_from_slice(&buf[end..]);
    (out, absurd)
}

/// A stream that gives `head` first, then what the inner stream reads.
pub struct Prefixed<S> {
    head: Vec<u8>,
    at: usize,
    inner: S,
}

impl<S> Prefixed<S> {
    pub fn new(head: Vec<u8>, inner: S) -> Self {
        Prefixed { head, at: 0, inner }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Prefixed<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if this.at < this.head.len() {
            let n = buf.remaining().min(this.head.len() - this.at);
            buf.put_slice(&this.head[this.at..this.at + n]);
            this.at += n;
            if this.at == this.head.len() {
                this.head = Vec::new();
                this.at = 0;
            }
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut this.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Prefixed<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lengths_hyper_cannot_hold_are_taken_out() {
        let strip = |head: &str| {
            let b = head.as_bytes().to_vec();
            let end = head_end(&b).unwrap();
            let (out, absurd) = strip_absurd_length(b, end);
            (String::from_utf8(out).unwrap(), absurd)
        };
        let head = "POST /api/check HTTP/1.1\r\nHost: h\r\nContent-Length: 18446744073709551615\r\n\r\nabc";
        assert_eq!(
            strip(head),
            (
                "POST /api/check HTTP/1.1\r\nHost: h\r\n\r\nabc".to_string(),
                true
            )
        );
        let long = "POST / HTTP/1.1\ncontent-length: 99999999999999999999999\n\n";
        assert_eq!(strip(long), ("POST / HTTP/1.1\n\n".to_string(), true));
        for kept in [
            "POST / HTTP/1.1\r\nContent-Length: 1000000000000\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 18446744073709551613\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n",
            "GET / HTTP/1.1\r\nX-Content-Length: 18446744073709551615\r\n\r\n",
        ] {
            assert_eq!(strip(kept), (kept.to_string(), false), "{kept}");
        }
    }
}
