//! `fzlint serve`: a local checking page. A drafter pastes or drops a report and sees
//! its findings in place, with the contents checklist and the outline.
//!
//! hyper on a small tokio runtime reads requests (server.rs, with every limit); checks
//! run on blocking threads, `--workers` at once. Bodies are limited to 10 MB, counted as
//! they are read; nothing is stored, and the log names no document text.

mod api;
mod guard;
mod head;
mod http;
mod server;
mod upload;

use super::args::{ServeArgs, config_mode};
use super::out::{Out, Status, eprint_line, load_pack, report_problems};
use fzlint::resolve::{Choices, ResolveError, Resolver};
use fzlint::rules::RuleSet;
use http::percent_encode;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

/// What every request shares.
struct State {
    resolver: Mutex<Resolver>,
    /// The built-in pack plus --rules (what `fzlint rules` lists).
    base: RuleSet,
    /// The folder uploads are taken to be in (for the settings that apply).
    dir: PathBuf,
    token: Option<String>,
    bound: SocketAddr,
    /// The deadline for a request's body, and for a client to take the answer.
    body_timeout: Duration,
    header_timeout: Duration,
    /// Host names accepted besides the machine's addresses (--allow-host).
    allowed_hosts: Vec<String>,
    /// Origins whose pages may POST besides the page itself (--allow-origin).
    allowed_origins: Vec<String>,
    /// Checks being read, waiting or running (`--workers` + [`server::QUEUE`]).
    admission: Semaphore,
    /// Checks running (`--workers`).
    workers: Semaphore,
    failures: guard::Failures,
}

pub fn run(args: ServeArgs, out: &mut Out) -> anyhow::Result<Status> {
    let mut status = Status::default();
    let Some(base) = load_pack(None, &args.rules.rules, &mut status) else {
        return Ok(status);
    };
    let dir = std::env::current_dir().unwrap_or_default();
    let mut resolver = Resolver::new(
        &args.rules.rules,
        config_mode(&args.config, args.isolated),
        Choices {
            pack: args.rules.pack.clone(),
            by_title: true,
            ..Choices::default()
        },
    );
    // A broken config is found now, not on the first upload.
    let governed = resolver.governed(&dir.join("report.txt"));
    report_problems(&mut resolver, &mut status);
    if let Err(ResolveError::Broken(config)) = governed {
        return Ok(status.stop(format_args!("{config} 有误，未启动")));
    }
    // Beyond loopback only with a token, or told explicitly: refused before listening
    // when the address is written as one, else once it is known.
    let unguarded = |a: SocketAddr| !a.ip().is_loopback() && args.token.is_none();
    let refusal = |a: &dyn std::fmt::Display| {
        format!(
            "未启动：在 {a} 上监听时，能连到这台电脑的任何人都能打开检查页、上传报告。请用 --token 设一个访问口令；确实不需要口令时加 --insecure-no-token"
        )
    };
    if let Ok(a) = args.addr.parse::<SocketAddr>()
        && unguarded(a)
        && !args.insecure_no_token
    {
        return Ok(status.stop(refusal(&a)));
    }
    let listener = match TcpListener::bind(args.addr.as_str()) {
        Ok(l) => l,
        Err(e) => return Ok(status.stop(format_args!("无法监听 {}：{e}", args.addr))),
    };
    let bound = listener.local_addr()?;
    if unguarded(bound) {
        if !args.insecure_no_token {
            return Ok(status.stop(refusal(&bound)));
        }
        eprint_line(&format!(
            "警告：在 {bound} 上监听且没有访问口令（--insecure-no-token）：能连到这台电脑的任何人都能使用检查页。只在可信的网络中这样做"
        ));
    }
    let workers = usize::from(args.workers);
    let (runtime, listener) = match start(workers, listener) {
        Ok(started) => started,
        Err(e) => return Ok(status.stop(format_args!("无法启动服务：{e}"))),
    };
    let state = Arc::new(State {
        resolver: Mutex::new(resolver),
        base,
        dir,
        token: args.token.clone(),
        bound,
        body_timeout: Duration::from_secs(args.timeout),
        header_timeout: Duration::from_secs(args.header_timeout),
        allowed_hosts: args.allow_host.clone(),
        allowed_origins: args.allow_origin.clone(),
        admission: Semaphore::new(workers + server::QUEUE),
        workers: Semaphore::new(workers),
        failures: guard::Failures::default(),
    });
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
    let max_connections = args.max_connections as usize;
    runtime.block_on(server::serve(listener, state, max_connections));
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

/// The server's runtime (two threads for the connections, `workers` for the checks)
/// and the listener handed to it.
fn start(
    workers: usize,
    listener: std::net::TcpListener,
) -> std::io::Result<(tokio::runtime::Runtime, tokio::net::TcpListener)> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(workers)
        .enable_all()
        .build()?;
    listener.set_nonblocking(true)?;
    let listener = runtime.block_on(async { tokio::net::TcpListener::from_std(listener) })?;
    Ok((runtime, listener))
}
