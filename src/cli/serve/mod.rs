//! `fzlint serve`: a local checking page. A drafter pastes or drops a report and sees
//! its findings in place, with the contents checklist and the outline.
//!
//! Plain threads, no async runtime: `tiny_http` reads requests, a fixed pool of worker
//! threads answers them. Bodies are limited to 10 MB, counted as they are read;
//! sockets time out; nothing is stored, and the log names no document text.

use super::args::ServeArgs;
use super::out::{EXIT_TROUBLE, Out, Status, eprint_line, report_problems};
use super::rule::explain;
use super::rules::items as rule_items;
use super::{load_rules, mode};
use fzlint::input;
use fzlint::render::{FileReport, json, outline};
use fzlint::resolve::{Choices, Governed, ResolveError, Resolver};
use fzlint::rules::RuleSet;
use fzlint::text::Format;
use fzlint::text::source::Source;
use serde_json::{Value, json};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tiny_http::{Header, Method, Request, Response};

/// Request bodies over this many bytes are refused with 413 (contract).
pub const MAX_BODY: usize = 10 * 1024 * 1024;

/// Declared bodies up to this length are drained after the answer (so that the
/// client reads the answer rather than a reset); longer ones are not (see `handle`).
const DRAIN_CAP: usize = 64 * 1024 * 1024;

const PAGE: &str = include_str!("page.html");
const SCRIPT: &str = include_str!("page.js");
const STYLE: &str = include_str!("page.css");

/// What every worker shares.
struct State {
    resolver: Mutex<Resolver>,
    /// The built-in pack plus --rules (what `fzlint rules` lists).
    base: RuleSet,
    /// The folder uploads are taken to be in (for the settings that apply).
    dir: PathBuf,
    token: Option<String>,
    bound: SocketAddr,
    timeout: Duration,
    /// Accepted Host headers, when listening on loopback (against DNS rebinding).
    hosts: Option<Vec<String>>,
}

pub fn run(args: ServeArgs, out: &mut Out) -> anyhow::Result<Status> {
    let mut status = Status::default();
    let Some(base) = load_rules(&args.rules.rules, &mut status) else {
        return Ok(status);
    };
    let dir = std::env::current_dir().unwrap_or_default();
    let mut resolver = Resolver::new(
        &args.rules.rules,
        mode(&args.config, args.isolated),
        Choices::default(),
    );
    // A broken config is found now, not on the first upload.
    let governed = resolver.governed(&dir.join("report.txt"));
    report_problems(&mut resolver, &mut status);
    if let Err(ResolveError::Broken(config)) = governed {
        eprint_line(&format!("error: {config} 有误，未启动"));
        status.other += 1;
        return Ok(status);
    }
    let listener = match TcpListener::bind(args.addr.as_str()) {
        Ok(l) => l,
        Err(e) => {
            eprint_line(&format!("error: 无法监听 {}：{e}", args.addr));
            status.other += 1;
            return Ok(status);
        }
    };
    let bound = listener.local_addr()?;
    let server = match tiny_http::Server::from_listener(listener, None) {
        Ok(s) => s,
        Err(e) => {
            eprint_line(&format!("error: 无法启动服务：{e}"));
            status.other += 1;
            return Ok(status);
        }
    };
    let hosts = bound.ip().is_loopback().then(|| {
        let p = bound.port();
        vec![
            format!("127.0.0.1:{p}"),
            format!("localhost:{p}"),
            format!("[::1]:{p}"),
            bound.to_string(),
        ]
    });
    let state = State {
        resolver: Mutex::new(resolver),
        base,
        dir,
        token: args.token.clone(),
        bound,
        timeout: Duration::from_secs(args.timeout),
        hosts,
    };
    let url = page_url(bound, args.token.as_deref());
    out.print(&format!("{url}\n"));
    out.print("fzlint 检查页已启动：在浏览器中打开上面的地址；按 Ctrl+C 停止\n");
    let _ = out.flush();
    if !args.no_open && desktop() {
        open_browser(&url);
    }
    std::thread::scope(|s| {
        for _ in 0..args.workers {
            s.spawn(|| {
                loop {
                    match server.recv() {
                        Ok(rq) => {
                            // A panic answers nothing, but the worker goes on.
                            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                handle(&state, rq)
                            }));
                        }
                        // The accept loop has ended: nothing more will come.
                        Err(e) => {
                            eprint_line(&format!("error: 服务已停止：{e}"));
                            std::process::exit(EXIT_TROUBLE);
                        }
                    }
                }
            });
        }
    });
    Ok(status)
}

fn page_url(bound: SocketAddr, token: Option<&str>) -> String {
    let host = if bound.ip().is_unspecified() {
        format!("127.0.0.1:{}", bound.port())
    } else {
        bound.to_string()
    };
    match token {
        Some(t) => format!("http://{host}/?token={}", percent_encode(t)),
        None => format!("http://{host}/"),
    }
}

/// Read and write timeouts on a request's connection, so that a silent client cannot
/// hold a worker for ever. `tiny_http` does not hand out its sockets (and a timeout on
/// the listening socket would end its accept loop), so on Linux the connection is found
/// among the process's descriptors by its two addresses. Elsewhere: no timeout.
#[cfg(target_os = "linux")]
fn set_timeouts(peer: Option<&SocketAddr>, local: SocketAddr, t: Duration) {
    let tv = libc::timeval {
        tv_sec: t.as_secs() as libc::time_t,
        tv_usec: 0,
    };
    if let Some(fd) = peer.and_then(|p| connection_fd(p, local)) {
        for opt in [libc::SO_RCVTIMEO, libc::SO_SNDTIMEO] {
            // SAFETY: a socket descriptor, a valid timeval of the size given.
            unsafe {
                libc::setsockopt(
                    fd,
                    libc::SOL_SOCKET,
                    opt,
                    (&tv as *const libc::timeval).cast(),
                    std::mem::size_of::<libc::timeval>() as libc::socklen_t,
                );
            }
        }
    }
}

/// Ends an abandoned connection (both directions); its descriptors stay open.
#[cfg(target_os = "linux")]
fn shut_down(peer: Option<&SocketAddr>, local: SocketAddr) {
    if let Some(fd) = peer.and_then(|p| connection_fd(p, local)) {
        // SAFETY: shutting down a socket descriptor; it is not closed.
        unsafe {
            libc::shutdown(fd, libc::SHUT_RDWR);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn shut_down(_: Option<&SocketAddr>, _: SocketAddr) {}

/// The descriptor of the connection from `peer` to the server's port.
#[cfg(target_os = "linux")]
fn connection_fd(peer: &SocketAddr, local: SocketAddr) -> Option<i32> {
    std::fs::read_dir("/proc/self/fd")
        .ok()?
        .flatten()
        .filter_map(|e| e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()))
        .find(|&fd| {
            sock_addr(fd, true).as_ref() == Some(peer)
                && sock_addr(fd, false).map(|a| a.port()) == Some(local.port())
        })
}

/// The peer's (or the local) address of a TCP socket descriptor.
#[cfg(target_os = "linux")]
fn sock_addr(fd: i32, peer: bool) -> Option<SocketAddr> {
    use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV6};
    // SAFETY: sockaddr_storage is plain data; the calls write at most `len` bytes.
    let mut ss: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    let ptr = (&mut ss as *mut libc::sockaddr_storage).cast::<libc::sockaddr>();
    let rc = unsafe {
        if peer {
            libc::getpeername(fd, ptr, &mut len)
        } else {
            libc::getsockname(fd, ptr, &mut len)
        }
    };
    if rc != 0 {
        return None;
    }
    match ss.ss_family as i32 {
        libc::AF_INET => {
            // SAFETY: the family says the storage holds a sockaddr_in.
            let a = unsafe { *(&ss as *const libc::sockaddr_storage).cast::<libc::sockaddr_in>() };
            let ip = Ipv4Addr::from(u32::from_be(a.sin_addr.s_addr));
            Some(SocketAddr::new(ip.into(), u16::from_be(a.sin_port)))
        }
        libc::AF_INET6 => {
            // SAFETY: the family says the storage holds a sockaddr_in6.
            let a = unsafe { *(&ss as *const libc::sockaddr_storage).cast::<libc::sockaddr_in6>() };
            let ip = Ipv6Addr::from(a.sin6_addr.s6_addr);
            Some(SocketAddr::V6(SocketAddrV6::new(
                ip,
                u16::from_be(a.sin6_port),
                a.sin6_flowinfo,
                a.sin6_scope_id,
            )))
        }
        _ => None,
    }
}

#[cfg(not(target_os = "linux"))]
fn set_timeouts(_: Option<&SocketAddr>, _: SocketAddr, _: Duration) {}

fn desktop() -> bool {
    cfg!(any(target_os = "macos", windows))
        || std::env::var_os("DISPLAY").is_some_and(|v| !v.is_empty())
        || std::env::var_os("WAYLAND_DISPLAY").is_some_and(|v| !v.is_empty())
}

fn open_browser(url: &str) {
    use std::process::{Command, Stdio};
    let mut cmd = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        Command::new("xdg-open")
    };
    let spawned = cmd
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprint_line("未能自动打开浏览器，请手动打开上面的地址");
    }
}

/// One answer: status, content type, body, and extra headers.
struct Reply {
    status: u16,
    kind: &'static str,
    body: Vec<u8>,
    extra: Vec<(&'static str, String)>,
}

impl Reply {
    fn new(status: u16, kind: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            kind,
            body: body.into(),
            extra: Vec::new(),
        }
    }

    fn json(status: u16, v: &Value) -> Reply {
        let body = serde_json::to_vec(v).unwrap_or_else(|_| b"null".to_vec());
        Reply::new(status, "application/json; charset=utf-8", body)
    }

    fn error(status: u16, message: &str) -> Reply {
        Reply::json(status, &json!({ "error": message }))
    }

    fn text(status: u16, s: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", s)
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.extra.push((name, value.into()));
        self
    }
}

/// Headers on every response.
const SECURITY_HEADERS: [(&str, &str); 6] = [
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

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn handle(state: &State, mut rq: Request) {
    let started = Instant::now();
    set_timeouts(rq.remote_addr(), state.bound, state.timeout);
    let method = rq.method().clone();
    let (path, query) = split_url(rq.url());
    let reply = route(state, &mut rq, &method, &path, &query);
    let status = reply.status;
    let size = reply.body.len();
    let mut response = Response::from_data(reply.body).with_status_code(reply.status);
    if let Some(h) = header("Content-Type", reply.kind) {
        response.add_header(h);
    }
    for (name, value) in SECURITY_HEADERS {
        if let Some(h) = header(name, value) {
            response.add_header(h);
        }
    }
    for (name, value) in &reply.extra {
        if let Some(h) = header(name, value) {
            response.add_header(h);
        }
    }
    // tiny_http 0.12 drains an unread body when a request is dropped, allocating what
    // is left of the declared length at once (tiny-http PR #290): for an absurd
    // Content-Length that would abort the process. Such a connection is answered, then
    // abandoned: its reader is never dropped and its socket is shut down.
    if rq.body_length().is_some_and(|n| n > DRAIN_CAP) {
        let peer = rq.remote_addr().copied();
        let stream = rq.upgrade("close", response);
        std::mem::forget(stream);
        shut_down(peer.as_ref(), state.bound);
    } else {
        let _ = rq.respond(response);
    }
    // One line per request: never the query (it may hold the token) nor any text.
    let path_shown: String = path.chars().take(200).collect();
    eprint_line(&format!(
        "{method} {} {status} {size} {}ms",
        path_shown.escape_debug(),
        started.elapsed().as_millis()
    ));
}

fn split_url(url: &str) -> (String, String) {
    let (p, q) = url.split_once('?').unwrap_or((url, ""));
    (p.to_string(), q.to_string())
}

fn query_param(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(k).as_deref() == Some(key))
            .then(|| percent_decode(v))
            .flatten()
    })
}

fn percent_decode(s: &str) -> Option<String> {
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

fn percent_encode(s: &str) -> String {
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

fn header_value<'r>(rq: &'r Request, name: &'static str) -> Option<&'r str> {
    rq.headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

/// Compares without stopping at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn authorised(state: &State, rq: &Request, query: &str) -> bool {
    let Some(token) = &state.token else {
        return true;
    };
    let bearer = header_value(rq, "Authorization")
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let given = bearer
        .map(str::to_string)
        .or_else(|| query_param(query, "token"));
    given.is_some_and(|g| same(g.as_bytes(), token.as_bytes()))
}

fn route(state: &State, rq: &mut Request, method: &Method, path: &str, query: &str) -> Reply {
    if let Some(hosts) = &state.hosts {
        let host = header_value(rq, "Host").unwrap_or("");
        if !hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            return Reply::text(421, "请求的 Host 不是本机地址，已拒绝");
        }
    }
    let get = matches!(method, Method::Get | Method::Head);
    let allowed = |ok: bool, allow: &'static str| -> Option<Reply> {
        (!ok).then(|| Reply::error(405, "不支持此请求方法").with("Allow", allow))
    };
    let page_route = path == "/";
    let api = path.starts_with("/api/");
    if (page_route || api) && !authorised(state, rq, query) {
        return if api {
            Reply::error(401, "需要访问令牌：请用启动时显示的地址打开检查页")
                .with("WWW-Authenticate", "Bearer")
        } else {
            Reply::new(401, "text/html; charset=utf-8", UNAUTHORISED_PAGE)
                .with("WWW-Authenticate", "Bearer")
        };
    }
    match path {
        "/" => allowed(get, "GET, HEAD")
            .unwrap_or_else(|| Reply::new(200, "text/html; charset=utf-8", PAGE)),
        "/app.js" => allowed(get, "GET, HEAD")
            .unwrap_or_else(|| Reply::new(200, "text/javascript; charset=utf-8", SCRIPT)),
        "/app.css" => allowed(get, "GET, HEAD")
            .unwrap_or_else(|| Reply::new(200, "text/css; charset=utf-8", STYLE)),
        "/healthz" => allowed(get, "GET, HEAD").unwrap_or_else(|| Reply::text(200, "ok")),
        "/api/rules" => allowed(get, "GET, HEAD")
            .unwrap_or_else(|| Reply::json(200, &json!(rule_items(&state.base)))),
        "/api/check" => {
            allowed(*method == Method::Post, "POST").unwrap_or_else(|| check(state, rq, query))
        }
        _ => match path.strip_prefix("/api/rule/") {
            Some(id) => allowed(get, "GET, HEAD")
                .unwrap_or_else(|| rule(state, &percent_decode(id).unwrap_or_default())),
            None => Reply::error(404, "没有这个地址"),
        },
    }
}

const UNAUTHORISED_PAGE: &str = "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\">\
<title>需要访问令牌</title><p>此检查页需要访问令牌。请使用 fzlint serve 启动时显示的完整地址（含 ?token=…）打开。</p></html>";

const TOO_LARGE: &str =
    "文件超过 10 MB 上限，未检查；请删去附件或图片后再试，或在命令行用 fzlint check 检查";

/// The body, read up to the limit. Err: the reply to give instead.
fn read_body(rq: &mut Request) -> Result<Vec<u8>, Reply> {
    // A declared length over the limit is refused before anything is read; the length
    // is not trusted otherwise: the body is counted as it comes.
    if rq.body_length().is_some_and(|n| n > MAX_BODY) {
        return Err(Reply::error(413, TOO_LARGE).with("Connection", "close"));
    }
    let mut body = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let reader = rq.as_reader();
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return Ok(body),
            Ok(n) => {
                if body.len() + n > MAX_BODY {
                    return Err(Reply::error(413, TOO_LARGE).with("Connection", "close"));
                }
                body.extend_from_slice(&buf[..n]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
                ) =>
            {
                return Err(Reply::error(408, "上传超时，请重试").with("Connection", "close"));
            }
            Err(_) => {
                return Err(Reply::error(400, "上传中断，请重试").with("Connection", "close"));
            }
        }
    }
}

/// The name an upload is checked under: its last path component only.
fn upload_name(query: &str) -> Option<String> {
    let name = query_param(query, "name")?;
    let base = name.rsplit(['/', '\\']).next()?.trim().to_string();
    (!base.is_empty() && base != "." && base != ".." && !base.contains('\0')).then_some(base)
}

fn check(state: &State, rq: &mut Request, query: &str) -> Reply {
    let Some(name) = upload_name(query) else {
        return Reply::error(400, "缺少文件名：请求地址应为 /api/check?name=报告.txt");
    };
    let body = match read_body(rq) {
        Ok(b) => b,
        Err(reply) => return reply,
    };
    match lint(state, &name, &body) {
        Ok(v) => Reply::json(200, &v),
        Err((status, message)) => Reply::json(status, &json!({ "path": name, "error": message })),
    }
}

/// What governs a file in the served folder; errors in config and rule files found on
/// the way go to the log.
fn governed(state: &State, file: &Path) -> Result<Governed, ResolveError> {
    let mut resolver = state.resolver.lock().unwrap_or_else(|e| e.into_inner());
    let governed = resolver.governed(file);
    report_problems(&mut resolver, &mut Status::default());
    governed
}

/// Lints an upload as `check` would lint a file of that name in the current folder.
fn lint(state: &State, name: &str, bytes: &[u8]) -> Result<Value, (u16, String)> {
    // Only the upload's own name counts: no path of the client's reaches the disk.
    let own = Path::new(name).file_name().unwrap_or_default();
    let governed = governed(state, &state.dir.join(own)).map_err(|e| (500, e.to_string()))?;
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if let Some(ext) = ext
        && input::UNSUPPORTED.contains(&ext.as_str())
    {
        return Err((422, input::InputError::Unsupported(ext).to_string()));
    }
    let src = input::from_bytes(name, bytes, Format::of(name)).map_err(|e| (422, e.to_string()))?;
    let (diags, analysis) = governed.lint(&src);
    let version = governed.set().vocab.version.clone();
    let diagnostics: Vec<json::JsonDiagnostic> = json::diagnostics(
        &FileReport {
            src: &src,
            diagnostics: &diags,
        },
        &version,
    );
    let mut o = outline::outline(&src, &analysis);
    o.rule_pack = version.clone();
    Ok(json!({
        "path": name,
        "format": src.format.name(),
        "encoding": src.encoding,
        "rule_pack": version,
        "line_unit": src.line_unit(),
        "diagnostics": diagnostics,
        "outline": o,
        "lines": lines(&src),
    }))
}

/// The text as the page shows it, one entry per line number the diagnostics use: the
/// lines as written, or for a Word file its paragraphs (a paragraph's line breaks kept).
fn lines(src: &Source) -> Vec<Value> {
    let original = src.original();
    let line = |i: usize| {
        let r = src.original_line_range(i);
        original
            .get(r)
            .unwrap_or("")
            .trim_end_matches('\r')
            .to_string()
    };
    match (&src.locations, src.format) {
        (Some(locs), fzlint::text::Format::Docx) => locs
            .iter()
            .enumerate()
            .map(|(k, loc)| {
                let end = locs
                    .get(k + 1)
                    .map(|n| n.first_line)
                    .unwrap_or(src.line_count());
                let text: Vec<String> = (loc.first_line..end.max(loc.first_line))
                    .map(line)
                    .collect();
                json!({ "line": loc.paragraph, "text": text.join("\n") })
            })
            .collect(),
        _ => (0..src.line_count())
            .map(|i| json!({ "line": i + 1, "text": line(i) }))
            .collect(),
    }
}

/// `GET /api/rule/<id>`: what `fzlint rule <id>` explains, as JSON.
fn rule(state: &State, id: &str) -> Reply {
    let governed = governed(state, &state.dir.join("report.txt")).ok();
    let set = governed
        .as_ref()
        .map(Governed::set)
        .filter(|s| s.get(id).is_some());
    let set = set.unwrap_or(&state.base);
    let Some(r) = set.get(id) else {
        return Reply::error(404, &format!("没有 id 为 “{id}” 的规则"));
    };
    let s = &r.spec;
    let (text, _) = explain(set, r);
    Reply::json(
        200,
        &json!({
            "id": s.id,
            "category": s.category,
            "severity": s.severity.name(),
            "summary": s.summary,
            "rationale": s.rationale,
            "basis": s.basis,
            "help": s.help,
            "examples": { "bad": s.examples.bad, "good": s.examples.good },
            "preview": s.preview,
            "retired": s.retired,
            "years": s.years.map(String::from),
            "text": text,
        }),
    )
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
    fn uploads_keep_only_their_file_name() {
        assert_eq!(
            upload_name("name=../../etc/x.txt").as_deref(),
            Some("x.txt")
        );
        assert_eq!(
            upload_name("name=C:%5Cdocs%5Ca.docx").as_deref(),
            Some("a.docx")
        );
        assert_eq!(upload_name("name=.."), None);
        assert_eq!(upload_name("name="), None);
        assert_eq!(upload_name(""), None);
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"ab"));
    }
}
