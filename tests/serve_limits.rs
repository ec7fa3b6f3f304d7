//! `fzlint serve` under hostile clients: slow heads and bodies, descriptor exhaustion,
//! foreign Hosts and Origins, missing and wrong tokens. The real binary on a loopback
//! port; every wait is bounded, and no assertion is about speed.

mod common;

#[path = "support/serve.rs"]
mod serve;

use common::{fzlint, root, stderr};
use serve::{Server, read_reply};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Whether the server closes `s` (rather than leaving it open past the client's
/// read timeout).
fn closed_by_server(s: &mut TcpStream) -> bool {
    let mut buf = [0u8; 1024];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) => return e.kind() == std::io::ErrorKind::ConnectionReset,
        }
    }
}

fn sample() -> Vec<u8> {
    serve::sample(&root())
}

fn start(extra: &[&str]) -> Server {
    Server::start(&root(), extra)
}

#[test]
fn a_slow_or_silent_head_is_cut_off_and_others_are_served() {
    let mut s = start(&["--header-timeout", "1"]);
    // Nothing sent; half a head; a head dribbled a byte at a time.
    let mut silent = s.connect();
    let mut half = s.connect();
    half.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0")
        .unwrap();
    let mut drip = s.connect();
    let dripping = std::thread::spawn(move || {
        for b in b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: "
            .iter()
            .cycle()
            .take(600)
        {
            if drip.write_all(&[*b]).is_err() {
                return closed_by_server(&mut drip);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    });
    assert!(s.healthy(), "served while three heads are pending");
    assert!(closed_by_server(&mut silent));
    assert!(closed_by_server(&mut half));
    assert!(dripping.join().unwrap(), "the dribbled head is cut off");
    // A kept-alive connection left idle after its answer is closed too.
    let mut idle = s.connect();
    let head = format!(
        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
        s.port
    );
    idle.write_all(head.as_bytes()).unwrap();
    assert!(closed_by_server(&mut idle));
    assert!(s.healthy());
}

#[test]
fn slow_bodies_get_408_and_do_not_hold_up_checks() {
    let mut s = start(&["--timeout", "2", "--workers", "1"]);
    let port = s.port;
    // Four clients each sending a declared 5000-byte body a byte every 200 ms (they
    // would take 1000 s): each is answered 408 once the body's deadline has passed.
    let drips: Vec<_> = (0..4)
        .map(|_| {
            let mut c = s.connect();
            std::thread::spawn(move || {
                let head = format!(
                    "POST /api/check?name=a.txt HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 5000\r\n\r\n"
                );
                c.write_all(head.as_bytes()).unwrap();
                for _ in 0..300 {
                    if c.write_all(b"x").is_err() {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(200));
                    let mut peek = [0u8; 1];
                    c.set_nonblocking(true).unwrap();
                    let answered = c.peek(&mut peek).is_ok_and(|n| n > 0);
                    c.set_nonblocking(false).unwrap();
                    if answered {
                        break;
                    }
                }
                read_reply(&mut c).status
            })
        })
        .collect();
    // Meanwhile the only worker checks a whole report.
    let r = s.request("POST", "/api/check?name=sample-report.txt", &[], &sample());
    assert_eq!(r.status, 200, "{}", r.text());
    for d in drips {
        assert_eq!(d.join().unwrap(), 408);
    }
    assert!(s.healthy());
}

#[test]
#[cfg(unix)]
fn running_out_of_descriptors_is_waited_out() {
    let mut s = Server::start_with(&root(), &["--header-timeout", "2"], Some(64));
    // More idle connections than the server has descriptors: the system completes them,
    // the server accepts what it can and the rest wait until the idle ones are cut off.
    let idle: Vec<TcpStream> = (0..120)
        .filter_map(|_| {
            TcpStream::connect_timeout(
                &format!("127.0.0.1:{}", s.port).parse().unwrap(),
                Duration::from_secs(2),
            )
            .ok()
        })
        .collect();
    assert!(idle.len() > 64, "only {} connections", idle.len());
    let deadline = Instant::now() + Duration::from_secs(30);
    while !s.log().contains("无法接受新连接") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        s.log().contains("无法接受新连接"),
        "the server ran out of descriptors: {}",
        s.log()
    );
    drop(idle);
    assert!(s.healthy(), "{}", s.log());
    let r = s.request("POST", "/api/check?name=sample-report.txt", &[], &sample());
    assert_eq!(r.status, 200, "{}", r.text());
}

#[test]
fn posts_from_other_sites_get_403() {
    let s = start(&["--allow-origin", "http://intranet.example:9000"]);
    let own = format!("http://127.0.0.1:{}", s.port);
    let post = |headers: &[(&str, &str)]| {
        s.request(
            "POST",
            "/api/check?name=sample-report.txt",
            headers,
            &sample(),
        )
    };
    for origin in ["http://evil.example", "null", "http://127.0.0.1:1"] {
        let r = post(&[("Origin", origin)]);
        assert_eq!(r.status, 403, "{origin}");
        assert!(r.text().contains("跨站请求已拒绝"), "{}", r.text());
    }
    assert_eq!(post(&[("Sec-Fetch-Site", "cross-site")]).status, 403);
    assert_eq!(post(&[("Origin", &own)]).status, 200);
    assert_eq!(
        post(&[("Origin", "http://intranet.example:9000")]).status,
        200
    );
    assert_eq!(post(&[]).status, 200);
    // Reading is not refused (a page cannot read the answer across sites anyway).
    let r = s.request("GET", "/healthz", &[("Origin", "http://evil.example")], b"");
    assert_eq!(r.status, 200);
}

#[test]
fn foreign_hosts_get_421() {
    let s = start(&["--allow-host", "fzlint.local"]);
    let p = s.port;
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{p}"),
        format!("127.0.0.1:{}", p.wrapping_add(1)),
        "127.0.0.1".to_string(),
        format!("localhost.evil.example:{p}"),
        String::new(),
    ] {
        let r = s.request("GET", "/", &[("Host", &host)], b"");
        assert_eq!(r.status, 421, "{host:?}");
    }
    for host in [
        format!("127.0.0.1:{p}"),
        format!("localhost:{p}"),
        format!("fzlint.local:{p}"),
    ] {
        assert_eq!(
            s.request("GET", "/", &[("Host", &host)], b"").status,
            200,
            "{host}"
        );
    }
}

#[test]
fn beyond_loopback_a_token_is_required() {
    let o = fzlint(&["serve", "--addr", "0.0.0.0:0", "--no-open"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("未启动") && err.contains("--token") && err.contains("--insecure-no-token"),
        "{err}"
    );
    let o = fzlint(&[
        "serve",
        "--addr",
        "0.0.0.0:0",
        "--token",
        "t",
        "--insecure-no-token",
    ]);
    assert_eq!(o.status.code(), Some(2), "the two do not go together");
    // Explicitly without a token: it starts, with a warning; Hosts are still checked.
    let mut s = Server::start_with(
        &root(),
        &["--addr", "0.0.0.0:0", "--insecure-no-token"],
        None,
    );
    assert!(s.healthy());
    assert!(
        s.log().contains("警告") && s.log().contains("没有访问口令"),
        "{}",
        s.log()
    );
    let r = s.request("GET", "/", &[("Host", "evil.example")], b"");
    assert_eq!(r.status, 421);
}

#[test]
fn wrong_tokens_are_answered_slowly_one_after_another() {
    let s = start(&["--token", "right-t0ken"]);
    let started = Instant::now();
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let guesses: Vec<_> = ["a", "right-t0kem", "right-t0ken-and-more"]
            .into_iter()
            .map(|guess| {
                let s = &s;
                scope.spawn(move || {
                    let bearer = format!("Bearer {guess}");
                    s.request("GET", "/api/rules", &[("Authorization", &bearer)], b"")
                        .status
                })
            })
            .collect();
        guesses.into_iter().map(|g| g.join().unwrap()).collect()
    });
    assert_eq!(statuses, [401, 401, 401]);
    // One wrong guess a second from one client: three take at least two seconds more
    // than the first.
    assert!(started.elapsed() >= Duration::from_secs(3));
    let ok = s.request(
        "GET",
        "/api/rules",
        &[("Authorization", "Bearer right-t0ken")],
        b"",
    );
    assert_eq!(ok.status, 200);
    // No token at all is no guess: the page asks for it.
    assert_eq!(s.request("GET", "/api/rules", &[], b"").status, 401);
}

#[test]
fn each_request_is_logged_without_its_text() {
    let s = start(&[]);
    let secret = "本报告的保密正文片段";
    let r = s.request(
        "POST",
        "/api/check?name=a.txt&token=x",
        &[],
        secret.as_bytes(),
    );
    assert_eq!(r.status, 200);
    let size = r.body.len();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !s.log().contains("/api/check") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let log = s.log();
    let line = log
        .lines()
        .find(|l| l.contains("POST /api/check "))
        .unwrap_or_else(|| panic!("a line for the check: {log}"));
    // 2026-12-07T16:30:00Z 127.0.0.1:PORT POST /api/check 200 SIZE 3ms
    let fields: Vec<&str> = line.split(' ').collect();
    assert_eq!(fields.len(), 7, "{line}");
    assert!(fields[0].len() == 20 && fields[0].ends_with('Z') && fields[0].as_bytes()[10] == b'T');
    assert!(fields[1].starts_with("127.0.0.1:"), "{line}");
    assert_eq!(
        fields[2..6],
        ["POST", "/api/check", "200", &size.to_string()]
    );
    assert!(fields[6].ends_with("ms"), "{line}");
    assert!(!log.contains(secret) && !log.contains("token="), "{log}");
}
