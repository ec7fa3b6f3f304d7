//! Who may use the checking page: the Host a request names, the Origin of a POST, and
//! the token; wrong tokens are answered slowly.

use super::http::{header_value, query_param, same};
use hyper::header::HeaderMap;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a wrong token waits for its answer; wrong tokens from one client are
/// answered one after the other, so a client guesses at most once per this time.
pub const FAILURE_DELAY: Duration = Duration::from_secs(1);

/// Whether `host` (the Host header) names this server: its port, and localhost, a
/// loopback address, the address listened on (any address of the machine when
/// listening on all of them) or a name given with --allow-host. A name that resolves
/// elsewhere (DNS rebinding) is refused, on every address.
pub fn host_ok(host: &str, bound: SocketAddr, allowed: &[String]) -> bool {
    let Some((name, port)) = split_host(host) else {
        return false;
    };
    // A browser leaves out port 80.
    if port.unwrap_or(80) != bound.port() {
        return false;
    }
    let name = name.trim_end_matches('.');
    if name.eq_ignore_ascii_case("localhost")
        || allowed.iter().any(|a| a.eq_ignore_ascii_case(name))
    {
        return true;
    }
    let ip = name
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>();
    ip.is_ok_and(|ip| ip.is_loopback() || ip == bound.ip() || bound.ip().is_unspecified())
}

/// A Host header's name and port (None: no port given).
fn split_host(host: &str) -> Option<(&str, Option<u16>)> {
    let host = host.trim();
    if host.is_empty() {
        return None;
    }
    let (name, port) = if host.starts_with('[') {
        let end = host.find(']')?;
        (&host[..=end], &host[end + 1..])
    } else {
        match host.rsplit_once(':') {
            Some((n, _)) if n.contains(':') => return None,
            Some((n, _)) => (n, &host[n.len()..]),
            None => (host, ""),
        }
    };
    match port.strip_prefix(':') {
        Some(p) => Some((name, Some(p.parse().ok()?))),
        None if port.is_empty() => Some((name, None)),
        None => None,
    }
}

/// Whether a request that changes something (POST) comes from the page itself: a
/// browser names the page that sends it in Origin; it must be this server (the Host
/// asked for) or one given with --allow-origin. A client that is no browser sends no
/// Origin and is let through (it could send any header it liked).
pub fn origin_ok(headers: &HeaderMap, host: &str, allowed: &[String]) -> bool {
    match header_value(headers, "origin") {
        Some(origin) => {
            let origin = origin.trim().trim_end_matches('/');
            origin.eq_ignore_ascii_case(&format!("http://{host}"))
                || allowed
                    .iter()
                    .any(|a| a.trim_end_matches('/').eq_ignore_ascii_case(origin))
        }
        // Without Origin, a browser's own word on where the request comes from.
        None => !matches!(
            header_value(headers, "sec-fetch-site"),
            Some("cross-site" | "same-site")
        ),
    }
}

/// What a request's token says.
#[derive(Debug, PartialEq)]
pub enum Access {
    /// No token needed, or the right one given.
    Granted,
    /// None given.
    Missing,
    /// A wrong one given: answered after a delay.
    Wrong,
}

/// The token given as `Authorization: Bearer T` or `?token=T`, against the server's.
pub fn access(token: Option<&str>, headers: &HeaderMap, query: &str) -> Access {
    let Some(token) = token else {
        return Access::Granted;
    };
    let bearer = header_value(headers, "authorization")
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|v| v.trim().to_string());
    match bearer.or_else(|| query_param(query, "token")) {
        None => Access::Missing,
        Some(g) if same(g.as_bytes(), token.as_bytes()) => Access::Granted,
        Some(_) => Access::Wrong,
    }
}

/// When each client's last wrong token is answered.
#[derive(Default)]
pub struct Failures(Mutex<HashMap<IpAddr, Instant>>);

impl Failures {
    /// When to answer a wrong token from `ip`: [`FAILURE_DELAY`] after now, or after
    /// the answer to its previous wrong token if that is later.
    pub fn answer_at(&self, ip: IpAddr) -> Instant {
        let now = Instant::now();
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if m.len() > 4096 {
            m.retain(|_, t| *t > now);
        }
        let at = m.get(&ip).copied().filter(|t| *t > now).unwrap_or(now) + FAILURE_DELAY;
        m.insert(ip, at);
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_must_name_this_server() {
        let local: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let ok = |h: &str| host_ok(h, local, &[]);
        for h in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LOCALHOST:8080",
            "[::1]:8080",
        ] {
            assert!(ok(h), "{h}");
        }
        for h in [
            "127.0.0.1:8081",
            "127.0.0.1",
            "evil.example:8080",
            "localhost.evil.example:8080",
            "192.168.1.9:8080",
            "",
            "[::1",
            "127.0.0.1:x",
            "::1:8080",
        ] {
            assert!(!ok(h), "{h}");
        }
        let office = ["office-pc".to_string()];
        for (bound, host, allowed, ok) in [
            // Port 80: browsers send no port.
            ("127.0.0.1:80", "127.0.0.1", &[][..], true),
            ("127.0.0.1:80", "localhost", &[], true),
            ("127.0.0.1:80", "127.0.0.1:80", &[], true),
            ("127.0.0.1:80", "127.0.0.1:8080", &[], false),
            // All addresses: any address of the machine, names only when allowed.
            ("0.0.0.0:8080", "192.168.1.9:8080", &[], true),
            ("0.0.0.0:8080", "office-pc:8080", &[], false),
            ("0.0.0.0:8080", "office-pc:8080", &office, true),
            ("192.168.1.9:8080", "192.168.1.9:8080", &[], true),
            ("192.168.1.9:8080", "192.168.1.10:8080", &[], false),
        ] {
            let bound: SocketAddr = bound.parse().unwrap();
            assert_eq!(host_ok(host, bound, allowed), ok, "{host} on {bound}");
        }
    }

    #[test]
    fn posts_must_come_from_the_page() {
        let intranet = ["http://intranet:9000/".to_string()];
        let host = "127.0.0.1:8080";
        for (header, allowed, ok) in [
            (None, &[][..], true),
            (Some(("origin", "http://127.0.0.1:8080")), &[], true),
            (Some(("origin", "http://evil.example")), &[], false),
            (Some(("origin", "null")), &[], false),
            (Some(("origin", "http://localhost:8080")), &[], false),
            (Some(("origin", "http://intranet:9000")), &intranet, true),
            (Some(("sec-fetch-site", "cross-site")), &[], false),
        ] {
            let mut headers = HeaderMap::new();
            if let Some((name, value)) = header {
                headers.insert(name, value.parse().unwrap());
            }
            assert_eq!(origin_ok(&headers, host, allowed), ok, "{header:?}");
        }
    }

    #[test]
    fn wrong_tokens_from_one_client_are_answered_one_after_another() {
        let f = Failures::default();
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let first = f.answer_at(ip);
        let second = f.answer_at(ip);
        assert!(second >= first + FAILURE_DELAY);
        let other = f.answer_at("127.0.0.2".parse().unwrap());
        assert!(other < second);
    }
}
