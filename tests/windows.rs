//! fzlint.exe, cross-compiled for 64-bit Windows by scripts/build-windows.sh, run under
//! Wine: it starts, it finds in the sample report what this platform's binary finds, and
//! started with no arguments (double-clicked) it serves the checking page.
//!
//! Runs where Wine, mingw-w64 and Rust's x86_64-pc-windows-gnu target are present
//! (`scripts/build-windows.sh --wine --no-build` installs them); otherwise `cargo test`
//! lists it as ignored, with the reason (build.rs), or it fails when
//! FZLINT_REQUIRE_WINDOWS=1 (as `.ci/run` sets).
//!
//! Debian's Wine 8 has no bcryptprimitives.dll, whose ProcessPrng Rust's standard library
//! calls on Windows 10 and later, so the exe runs here beside a stand-in for that DLL
//! (tests/windows/bcryptprimitives.c), compiled into the test's temporary folder. The
//! stand-in is never built into target/ and never shipped.

mod common;
#[path = "support/tools.rs"]
mod tools;

use common::root;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;
use tools::*;

const TARGET: &str = "x86_64-pc-windows-gnu";
const MINGW_GCC: &str = "x86_64-w64-mingw32-gcc";
const REQUIRE: &str = "FZLINT_REQUIRE_WINDOWS";
const CHECK: &str = "Windows build under Wine";

/// Whether the cross toolchain and Wine are here; when they are not, what is missing.
fn ready() -> Result<(), String> {
    let mut missing = Vec::new();
    if !on_path("wine") {
        missing.push("wine".to_string());
    }
    if !on_path(MINGW_GCC) {
        missing.push(format!("{MINGW_GCC} (gcc-mingw-w64-x86-64)"));
    }
    let sysroot = Command::new("rustc").args(["--print", "sysroot"]).output();
    let has_target = sysroot.is_ok_and(|o| {
        Path::new(String::from_utf8_lossy(&o.stdout).trim())
            .join("lib/rustlib")
            .join(TARGET)
            .is_dir()
    });
    if !has_target {
        missing.push(format!("Rust's {TARGET} target"));
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} missing (scripts/build-windows.sh --wine --no-build installs them)",
            missing.join(", ")
        ))
    }
}

/// Wine with a prefix of its own in `dir`, quiet, with no window and no offer to
/// install Mono or Gecko.
fn wine(dir: &Path, program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.env("WINEPREFIX", dir.join("prefix"))
        .env("WINEDEBUG", "-all")
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .current_dir(root());
    cmd
}

/// Makes the prefix before the first program runs, and waits until Wine has finished
/// with it, so that its end does not stop the programs under test. On a loaded machine
/// Wine's first start can time out waiting for its own boot ("boot event wait timed
/// out", then "could not load kernel32.dll"): a failed boot is tried again in a new
/// prefix, twice at most, and the test fails with every attempt's output (Wine's error
/// messages shown) when none succeeds.
fn boot(dir: &Path) {
    let prefix = dir.join("prefix");
    let mut failures = Vec::new();
    for attempt in 1..=3 {
        let mut cmd = wine(dir, "wine");
        cmd.env("WINEDEBUG", "-all,err+all")
            .args(["wineboot", "--init"]);
        let booted = run(&mut cmd, Duration::from_secs(300));
        let settled = run(wine(dir, "wineserver").arg("-w"), Duration::from_secs(300));
        if booted.status.success() && settled.status.success() {
            return;
        }
        failures.push(format!(
            "attempt {attempt}: wineboot {}\n{}\nwineserver -w {}\n{}",
            booted.status,
            text(&booted),
            settled.status,
            text(&settled)
        ));
        let _ = wine(dir, "wineserver").arg("-k").status();
        let _ = std::fs::remove_dir_all(&prefix);
    }
    panic!("Wine did not start:\n{}", failures.join("\n"));
}

/// Linux and Windows runs of the same fzlint command.
fn both(dir: &Path, exe: &Path, args: &[&str]) -> (Output, Output) {
    let linux = common::fzlint(args);
    let windows = || {
        let mut cmd = wine(dir, "wine");
        cmd.arg(exe).args(args);
        run(&mut cmd, Duration::from_secs(120))
    };
    let mut out = windows();
    // Ended by a signal, not by the program's exit: Wine itself fell over (seen once in
    // a few runs on a loaded machine, with the whole output written). Asked once more;
    // an exit code of the program's own is never retried.
    if out.status.code().is_none() {
        eprintln!("wine ended by a signal ({}): asked again", out.status);
        out = windows();
    }
    (linux, out)
}

/// Stops this test's wineserver (and so every Wine process of its prefix) when the
/// test ends, passed or failed.
struct WineServer(PathBuf);

impl Drop for WineServer {
    fn drop(&mut self) {
        let mut cmd = wine(&self.0, "wineserver");
        let _ = cmd.arg("-k").status();
    }
}

#[test]
#[cfg_attr(
    fzlint_no_windows,
    ignore = "a release build for Windows takes minutes: set FZLINT_REQUIRE_WINDOWS=1 to run it (.ci/run does; scripts/build-windows.sh --wine --no-build installs Wine and mingw-w64)"
)]
fn the_windows_exe_runs_under_wine_and_finds_what_linux_finds() {
    if let Err(why) = ready() {
        return skip_or_fail(REQUIRE, CHECK, &why);
    }
    // The build the release ships (the script installs nothing when all is present).
    let built = run_ok(
        Command::new("bash")
            .arg(root().join("scripts/build-windows.sh"))
            .current_dir(root()),
        Duration::from_secs(3600),
    );
    let exe = printed_path(&built, &root());
    assert!(exe.is_file(), "no {}", exe.display());
    assert!(
        !exe.with_file_name("bcryptprimitives.dll").exists(),
        "a bcryptprimitives.dll lies beside the exe that is shipped"
    );
    // One file: it asks Windows for nothing beyond the system's own DLLs.
    let dump = run_ok(
        Command::new("x86_64-w64-mingw32-objdump")
            .arg("-p")
            .arg(&exe),
        Duration::from_secs(60),
    );
    let dump = String::from_utf8_lossy(&dump.stdout);
    for dll in dump
        .lines()
        .filter_map(|l| l.trim().strip_prefix("DLL Name: "))
    {
        let dll = dll.to_ascii_lowercase();
        assert!(
            !dll.starts_with("lib") && !dll.contains("gcc") && !dll.contains("pthread"),
            "fzlint.exe needs {dll}, which Windows does not have"
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let run_dir = dir.path().join("run");
    std::fs::create_dir(&run_dir).unwrap();
    let copy = run_dir.join("fzlint.exe");
    std::fs::copy(&exe, &copy).unwrap();
    run_ok(
        Command::new(MINGW_GCC)
            .args(["-shared", "-O2", "-o"])
            .arg(run_dir.join("bcryptprimitives.dll"))
            .arg(root().join("tests/windows/bcryptprimitives.c")),
        Duration::from_secs(120),
    );

    let _server = WineServer(dir.path().to_path_buf());
    boot(dir.path());

    let (linux, windows) = both(dir.path(), &copy, &["--version"]);
    assert!(windows.status.success(), "{}", text(&windows));
    assert_eq!(
        String::from_utf8_lossy(&windows.stdout).trim_end(),
        String::from_utf8_lossy(&linux.stdout).trim_end(),
        "fzlint.exe --version"
    );

    // Each report with a finding it must give (none for the clean one), so that the
    // comparison is never of two empty lists by mistake.
    for (report, expected) in [
        ("examples/sample-report.txt", Some("invalid-date")),
        ("examples/clean-report.txt", None),
        ("fuzz/seeds/docx/numbered.docx", Some("placeholder")),
        ("fuzz/seeds/html/page-gbk.html", Some("placeholder")),
    ] {
        let (linux, windows) = both(dir.path(), &copy, &["check", "--format", "json", report]);
        let found = findings(&linux.stdout);
        match expected {
            Some(rule) => assert!(found.iter().any(|f| f.0 == rule), "{rule} in {report}"),
            None => assert!(found.is_empty(), "{report} is clean: {found:?}"),
        }
        assert_eq!(
            windows.status.code(),
            linux.status.code(),
            "exit code of check {report}:\n{}",
            text(&windows)
        );
        assert_eq!(
            findings(&windows.stdout),
            found,
            "findings (rule, line, column, end) in {report}, Windows then Linux"
        );
        // And the rest of each finding: message, help, labels, severity.
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&windows.stdout).unwrap(),
            serde_json::from_slice::<serde_json::Value>(&linux.stdout).unwrap(),
            "JSON of check {report}"
        );
    }

    // Double-clicked: no arguments start the checking page on a free port, say how to
    // stop it, and answer the page.
    let mut cmd = wine(dir.path(), "wine");
    cmd.arg(&copy)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().expect("wine starts fzlint.exe");
    let stdout = child.stdout.take().expect("stdout is piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let url = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("fzlint.exe without arguments prints the page's address");
    let told = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("and how to stop it");
    assert!(told.contains("关闭这个窗口"), "{told}");
    let addr = url
        .trim()
        .strip_prefix("http://")
        .and_then(|u| u.strip_suffix('/'))
        .unwrap_or_else(|| panic!("an address: {url}"))
        .to_string();
    let page = {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(&addr).expect("the page's port answers");
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(s, "GET / HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
        let mut body = String::new();
        let _ = s.read_to_string(&mut body);
        body
    };
    assert!(
        page.starts_with("HTTP/1.1 200") || page.starts_with("HTTP/1.0 200"),
        "{page:.200}"
    );
    assert!(page.contains("fzlint"), "{page:.400}");
    let _ = child.kill();
    let _ = child.wait();
}
