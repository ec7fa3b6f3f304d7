//! `fzlint serve`: a local checking page. A drafter pastes or drops a report and sees
//! its findings in place, with the contents checklist and the outline.
//!
//! Plain threads, no async runtime: `tiny_http` reads requests, a fixed pool of worker
//! threads answers them. Bodies are limited to 10 MB, counted as they are read;
//! sockets time out; nothing is stored, and the log names no document text.

mod api;
mod http;
mod socket;
mod upload;

use super::args::{ServeArgs, config_mode};
use super::out::{EXIT_TROUBLE, Out, Status, eprint_line, load_rules, report_problems};
use fzlint::render::rules::items as rule_items;
use fzlint::resolve::{Choices, ResolveError, Resolver};
use fzlint::rules::RuleSet;
use http::{
    Reply, SECURITY_HEADERS, header, header_value, percent_decode, percent_encode, query_param,
    same, split_url,
};
use serde_json::json;
use socket::{set_timeouts, shut_down};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tiny_http::{Method, Request, Response};

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
        config_mode(&args.config, args.isolated),
        Choices::default(),
    );
    // A broken config is found now, not on the first upload.
    let governed = resolver.governed(&dir.join("report.txt"));
    report_problems(&mut resolver, &mut status);
    if let Err(ResolveError::Broken(config)) = governed {
        return Ok(status.stop(format_args!("{config} 有误，未启动")));
    }
    let listener = match TcpListener::bind(args.addr.as_str()) {
        Ok(l) => l,
        Err(e) => return Ok(status.stop(format_args!("无法监听 {}：{e}", args.addr))),
    };
    let bound = listener.local_addr()?;
    let server = match tiny_http::Server::from_listener(listener, None) {
        Ok(s) => s,
        Err(e) => return Ok(status.stop(format_args!("无法启动服务：{e}"))),
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
    out.print(if super::double_clicked() {
        "fzlint 检查页已启动：浏览器会自动打开上面的地址；用完后关闭这个窗口即可停止 fzlint\n"
    } else {
        "fzlint 检查页已启动：在浏览器中打开上面的地址；按 Ctrl+C 停止\n"
    });
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

fn handle(state: &State, mut rq: Request) {
    let started = Instant::now();
    set_timeouts(rq.remote_addr(), state.bound, state.timeout);
    let method = rq.method().clone();
    let (path, query) = split_url(rq.url());
    let reply = route(state, &mut rq, &method, &path, &query);
    let status = reply.status;
    let size = reply.body.len();
    let mut response = Response::from_data(reply.body).with_status_code(reply.status);
    let extra = reply
        .extra
        .iter()
        .map(|(name, value)| (*name, value.as_str()));
    let headers = [("Content-Type", reply.kind)]
        .into_iter()
        .chain(SECURITY_HEADERS)
        .chain(extra);
    for h in headers.filter_map(|(name, value)| header(name, value)) {
        response.add_header(h);
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
            allowed(*method == Method::Post, "POST").unwrap_or_else(|| api::check(state, rq, query))
        }
        _ => match path.strip_prefix("/api/rule/") {
            Some(id) => allowed(get, "GET, HEAD")
                .unwrap_or_else(|| api::rule(state, &percent_decode(id).unwrap_or_default())),
            None => Reply::error(404, "没有这个地址"),
        },
    }
}

const UNAUTHORISED_PAGE: &str = "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\">\
<title>需要访问令牌</title><p>此检查页需要访问令牌。请使用 fzlint serve 启动时显示的完整地址（含 ?token=…）打开。</p></html>";
