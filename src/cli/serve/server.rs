//! The HTTP server (hyper on tokio): connections and their limits, the routes, and one
//! log line per request.
//!
//! Bounded: open connections (`--max-connections`; the rest wait in the system's
//! queue), the time to send a request's head (`--header-timeout`, also while a kept-alive
//! connection waits) and its body (`--timeout`), the time a client may stop reading the
//! answer (`--timeout`), a head's size (64 KB), a body's size (10 MB), checks at once
//! (`--workers`) and checks waiting ([`QUEUE`]), an answer's size (64 MB). When accepting
//! fails (no descriptor left), the server waits a little and goes on.

use super::State;
use super::api;
use super::guard::{self, Access};
use super::head;
use super::http::{
    Reply, SECURITY_HEADERS, TOO_LARGE, header_value, percent_decode, read_body, refuse_declared,
};
use crate::cli::out::{civil, eprint_line};
use fzlint::render::rules::items as rule_items;
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::HeaderMap;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::json;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_io_timeout::TimeoutStream;

/// Checks that may wait for a worker; more are answered 503 at once.
pub const QUEUE: usize = 32;

/// Uploads at least this large hand their memory back to the system once checked.
const LARGE_UPLOAD: usize = 256 * 1024;

const PAGE: &str = include_str!("page.html");
const SCRIPT: &str = include_str!("page.js");
const STYLE: &str = include_str!("page.css");

/// Accepts connections for ever.
pub async fn serve(listener: TcpListener, state: Arc<State>, max_connections: usize) {
    let connections = Arc::new(Semaphore::new(max_connections));
    let mut pause = Duration::ZERO;
    loop {
        let Ok(permit) = connections.clone().acquire_owned().await else {
            return;
        };
        let (stream, peer) = match listener.accept().await {
            Ok(c) => {
                pause = Duration::ZERO;
                c
            }
            Err(e) => {
                use std::io::ErrorKind::{ConnectionAborted, ConnectionReset, Interrupted};
                if matches!(e.kind(), ConnectionAborted | ConnectionReset | Interrupted) {
                    continue;
                }
                // Out of descriptors (or memory): wait for connections to end.
                pause = (pause * 2).clamp(Duration::from_millis(10), Duration::from_secs(1));
                eprint_line(&format!(
                    "{} 无法接受新连接：{e}；{} 毫秒后重试",
                    utc(SystemTime::now()),
                    pause.as_millis()
                ));
                tokio::time::sleep(pause).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let mut io = TimeoutStream::new(stream);
        io.set_write_timeout(Some(state.body_timeout));
        let mut io = Box::pin(io);
        let state = state.clone();
        tokio::spawn(async move {
            let Some((head, absurd)) = head::first(&mut io, state.header_timeout).await else {
                return;
            };
            let absurd = AtomicBool::new(absurd);
            let service = service_fn(|rq| {
                let state = state.clone();
                let absurd = absurd.swap(false, Ordering::Relaxed);
                async move { Ok::<_, Infallible>(answer(state, peer, rq, absurd).await) }
            });
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(state.header_timeout)
                .max_buf_size(64 * 1024)
                .serve_connection(TokioIo::new(head::Prefixed::new(head, io)), service)
                .await;
            drop(permit);
        });
    }
}

/// The answer to one request, logged.
/// `absurd`: the head declared a length hyper cannot hold (see head.rs).
async fn answer(
    state: Arc<State>,
    peer: SocketAddr,
    rq: Request<Incoming>,
    absurd: bool,
) -> Response<Full<Bytes>> {
    let started = Instant::now();
    let method = rq.method().clone();
    // Never the query (it may hold the token) nor any text.
    let path: String = rq.uri().path().chars().take(200).collect();
    let reply = route(&state, peer, rq, absurd).await;
    eprint_line(&format!(
        "{} {peer} {method} {} {} {} {}ms",
        utc(SystemTime::now()),
        path.escape_debug(),
        reply.status,
        reply.body.len(),
        started.elapsed().as_millis()
    ));
    let mut response = Response::builder().status(reply.status);
    let extra = reply.extra.iter().map(|(n, v)| (*n, v.as_str()));
    for (name, value) in [("Content-Type", reply.kind)]
        .into_iter()
        .chain(SECURITY_HEADERS)
        .chain(extra)
    {
        response = response.header(name, value);
    }
    response
        .body(Full::new(reply.body))
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
}

async fn route(state: &Arc<State>, peer: SocketAddr, rq: Request<Incoming>, absurd: bool) -> Reply {
    let (parts, body) = rq.into_parts();
    let headers = &parts.headers;
    let host = header_value(headers, "host").unwrap_or("");
    if !guard::host_ok(host, state.bound, &state.allowed_hosts) {
        return Reply::text(421, "请求的 Host 不是本服务的地址，已拒绝");
    }
    let method = &parts.method;
    let get = matches!(*method, Method::GET | Method::HEAD);
    if !get && !guard::origin_ok(headers, host, &state.allowed_origins) {
        return Reply::error(
            403,
            "跨站请求已拒绝：请在 fzlint serve 启动时显示的地址打开检查页再上传（其他来源须用 --allow-origin 允许）",
        )
        .with("Connection", "close");
    }
    let path = parts.uri.path();
    let query = parts.uri.query().unwrap_or("");
    let api = path.starts_with("/api/");
    if path == "/" || api {
        let access = guard::access(state.token.as_deref(), headers, query);
        if access == Access::Wrong {
            tokio::time::sleep_until(state.failures.answer_at(peer.ip()).into()).await;
        }
        if access != Access::Granted {
            let reply = if api {
                Reply::error(401, "需要访问令牌：请用启动时显示的地址打开检查页")
            } else {
                Reply::new(401, "text/html; charset=utf-8", UNAUTHORISED_PAGE)
            };
            return reply.with("WWW-Authenticate", "Bearer");
        }
    }
    let allowed = |ok: bool, allow: &'static str| -> Option<Reply> {
        (!ok).then(|| Reply::error(405, "不支持此请求方法").with("Allow", allow))
    };
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
        "/api/check" => match allowed(*method == Method::POST, "POST") {
            Some(refused) => refused,
            None if absurd => Reply::error(413, TOO_LARGE).with("Connection", "close"),
            None => check(state, headers, query, body).await,
        },
        _ => match path.strip_prefix("/api/rule/") {
            Some(id) => allowed(get, "GET, HEAD")
                .unwrap_or_else(|| api::rule(state, &percent_decode(id).unwrap_or_default())),
            None => Reply::error(404, "没有这个地址"),
        },
    }
}

/// `POST /api/check`: admitted if the queue has room, the body read within its
/// deadline, then checked when a worker is free.
async fn check(state: &Arc<State>, headers: &HeaderMap, query: &str, mut body: Incoming) -> Reply {
    if let Some(refused) = refuse_declared(headers, &mut body, state.body_timeout).await {
        return refused;
    }
    let Ok(_admitted) = state.admission.try_acquire() else {
        return Reply::error(503, "检查页正忙：等候检查的报告已满，请稍后再试")
            .with("Retry-After", "5");
    };
    let body = match read_body(body, state.body_timeout).await {
        Ok(b) => b,
        Err(reply) => return reply,
    };
    let Ok(_worker) = state.workers.acquire().await else {
        return Reply::error(503, "检查页正在停止");
    };
    let content_type = header_value(headers, "content-type").map(str::to_string);
    let query = query.to_string();
    let large = body.len() >= LARGE_UPLOAD;
    let st = state.clone();
    let job = tokio::task::spawn_blocking(move || {
        let reply = api::check(&st, content_type.as_deref(), &query, Vec::from(body));
        if large {
            // What the check allocated is freed by now: give it back to the system.
            // SAFETY: mi_collect only walks mimalloc's own heaps.
            unsafe { libmimalloc_sys::mi_collect(true) };
        }
        reply
    });
    job.await.unwrap_or_else(|_| {
        Reply::error(
            500,
            "检查这份报告时 fzlint 出错（程序缺陷），请把报告反馈给开发者",
        )
    })
}

/// A time as ISO 8601 in UTC, to the second.
fn utc(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (y, m, d, h, min, sec) = civil(secs as i64);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{sec:02}Z")
}

const UNAUTHORISED_PAGE: &str = "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\">\
<title>需要访问令牌</title><p>此检查页需要访问令牌。请使用 fzlint serve 启动时显示的完整地址（含 ?token=…）打开。</p></html>";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_times_are_utc_dates() {
        let at = |s: u64| utc(UNIX_EPOCH + Duration::from_secs(s));
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(1_000_000_000), "2001-09-09T01:46:40Z");
        assert_eq!(at(1_796_601_599), "2026-12-06T23:59:59Z");
    }
}
