//! The ways fzlint is installed without building it by hand, each tried as a user would:
//! the wheel that carries the binary (pip, offline, into a fresh virtual environment),
//! `cargo install --path .`, the pre-commit hook through the mirror package (in a scratch
//! repository, with no compiler reachable), and the release workflow under actionlint.
//!
//! The Python tools come from scripts/py-tools.sh (target/py-tools). Where they are
//! absent `cargo test` lists a check as ignored, with the reason (build.rs), or it fails
//! when its switch is set, as `.ci/run` sets them: FZLINT_REQUIRE_WHEEL (the wheel and
//! cargo install), FZLINT_REQUIRE_PRECOMMIT, FZLINT_REQUIRE_ACTIONLINT.

mod common;
#[path = "support/tools.rs"]
mod tools;

use common::root;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::Duration;
use tools::*;

const MINUTE: Duration = Duration::from_secs(60);

/// The bin folder of the Python tools' environment.
fn py_tools() -> PathBuf {
    std::env::var_os("FZLINT_PY_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/py-tools"))
        .join("bin")
}

/// A tool of that environment, or why it is not there.
fn py_tool(name: &str) -> Result<PathBuf, String> {
    let p = py_tools().join(name);
    if p.is_file() {
        Ok(p)
    } else {
        Err(format!(
            "no {} (scripts/py-tools.sh installs it)",
            p.display()
        ))
    }
}

/// The wheel, built once for all the checks of this file by scripts/build-wheel.sh (a
/// release build, which `cargo install --path .` then reuses); or why it cannot be.
fn wheel() -> Result<&'static Path, String> {
    static WHEEL: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    WHEEL
        .get_or_init(|| {
            py_tool("maturin")?;
            let out = root().join("target/test-wheels");
            let _ = std::fs::remove_dir_all(&out);
            let built = run_ok(
                Command::new("bash")
                    .arg(root().join("scripts/build-wheel.sh"))
                    .arg(&out)
                    .current_dir(root()),
                60 * MINUTE,
            );
            Ok(printed_path(&built, &root()))
        })
        .as_ref()
        .map(PathBuf::as_path)
        .map_err(Clone::clone)
}

/// `fzlint --version` and `fzlint check --format json` on the sample report, run by the
/// installed `program`, give what the binary under test gives.
fn behaves_like_this_build(program: &Path) {
    let version = run_ok(Command::new(program).arg("--version"), MINUTE);
    assert_eq!(
        common::stdout(&version),
        common::stdout(&common::fzlint(&["--version"])),
        "{} --version",
        program.display()
    );
    let args = ["check", "--format", "json", "examples/sample-report.txt"];
    let installed = run(Command::new(program).args(args).current_dir(root()), MINUTE);
    let here = common::fzlint(&args);
    assert_eq!(
        installed.status.code(),
        Some(1),
        "the sample's errors: {}",
        text(&installed)
    );
    assert_eq!(findings(&installed.stdout), findings(&here.stdout));
    assert_eq!(
        installed.stdout, here.stdout,
        "the JSON of the sample's check"
    );
}

#[test]
#[cfg_attr(
    fzlint_no_wheel,
    ignore = "no maturin in target/py-tools (scripts/py-tools.sh)"
)]
fn the_wheel_installs_offline_into_a_fresh_venv_and_runs() {
    const REQUIRE: &str = "FZLINT_REQUIRE_WHEEL";
    let wheel = match wheel() {
        Ok(w) => w,
        Err(why) => return skip_or_fail(REQUIRE, "wheel", &why),
    };
    let name = wheel.file_name().unwrap().to_string_lossy().into_owned();
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        name.starts_with(&format!("fzlint-{version}-py3-none-")) && name.ends_with(".whl"),
        "a binary wheel for any Python 3 of this platform: {name}"
    );

    let dir = tempfile::tempdir().unwrap();
    let venv = dir.path().join("venv");
    run_ok(
        Command::new("python3").args(["-m", "venv"]).arg(&venv),
        5 * MINUTE,
    );
    // From the file alone: no index, no dependencies, no build.
    run_ok(
        Command::new(venv.join("bin/python"))
            .args([
                "-m",
                "pip",
                "install",
                "--no-index",
                "--no-deps",
                "--disable-pip-version-check",
            ])
            .arg(wheel),
        5 * MINUTE,
    );
    let fzlint = venv.join("bin/fzlint");
    // The command is the compiled program itself, not a Python script that runs it.
    #[cfg(target_os = "linux")]
    {
        let head = std::fs::read(&fzlint).expect("the venv's bin/fzlint");
        assert!(head.starts_with(b"\x7fELF"), "bin/fzlint is an ELF binary");
    }
    behaves_like_this_build(&fzlint);
}

#[test]
#[cfg_attr(
    fzlint_no_wheel,
    ignore = "runs after the wheel's release build: no maturin in target/py-tools (scripts/py-tools.sh)"
)]
fn cargo_install_path_puts_a_working_fzlint_in_its_root() {
    // After the wheel's release build, `cargo install --path .` (which builds in the
    // repository's target folder) finds nothing left to compile; without it the check
    // would cost every test run a release build of its own.
    if let Err(why) = wheel() {
        return skip_or_fail(
            "FZLINT_REQUIRE_WHEEL",
            "cargo install",
            &format!("runs after the wheel's release build: {why}"),
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    run_ok(
        Command::new(cargo)
            .args(["install", "--locked", "--path", "."])
            .arg("--root")
            .arg(dir.path())
            .current_dir(root()),
        60 * MINUTE,
    );
    behaves_like_this_build(&dir.path().join("bin/fzlint"));
}

/// `git` in `dir`, with a name and address of its own.
fn git(dir: &Path, args: &[&str]) -> Output {
    run_ok(
        Command::new("git")
            .args([
                "-c",
                "user.name=fzlint test",
                "-c",
                "user.email=test@example.invalid",
            ])
            .args([
                "-c",
                "init.defaultBranch=main",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(dir),
        MINUTE,
    )
}

/// The environment pre-commit runs in: pip is kept off the network and finds the
/// fzlint wheel and setuptools in two folders, and `cargo` and `rustc` on the PATH are
/// stand-ins that leave a mark if anything tries to compile.
struct PreCommitEnv {
    program: PathBuf,
    home: PathBuf,
    find_links: String,
    path: std::ffi::OsString,
}

impl PreCommitEnv {
    fn apply<'a>(&self, cmd: &'a mut Command) -> &'a mut Command {
        cmd.env("PRE_COMMIT_HOME", &self.home)
            .env("PIP_NO_INDEX", "1")
            .env("PIP_FIND_LINKS", &self.find_links)
            .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
            .env("PATH", &self.path)
            .env_remove("CARGO")
            .env_remove("RUSTC")
            .env_remove("RUSTUP_TOOLCHAIN")
    }

    /// pre-commit with `args` in the repository `repo`.
    fn run(&self, repo: &Path, args: &[&str]) -> Output {
        let mut cmd = Command::new(&self.program);
        self.apply(cmd.args(args).current_dir(repo));
        run(&mut cmd, 10 * MINUTE)
    }
}

#[test]
#[cfg_attr(
    fzlint_no_precommit,
    ignore = "no pre-commit or maturin in target/py-tools (scripts/py-tools.sh), or no git"
)]
fn the_pre_commit_hook_runs_the_prebuilt_wheel_on_reports_of_every_format() {
    const REQUIRE: &str = "FZLINT_REQUIRE_PRECOMMIT";
    const CHECK: &str = "pre-commit hook";
    let setuptools = py_tools().parent().unwrap().join("wheels");
    let ready = py_tool("pre-commit").and_then(|p| {
        if !on_path("git") {
            return Err("no git on PATH".into());
        }
        if !setuptools.is_dir() {
            return Err(format!("no {} (scripts/py-tools.sh)", setuptools.display()));
        }
        wheel().map(|w| (p, w))
    });
    let (program, wheel) = match ready {
        Ok(r) => r,
        Err(why) => return skip_or_fail(REQUIRE, CHECK, &why),
    };
    let dir = tempfile::tempdir().unwrap();

    // No compiler: a `cargo` or `rustc` that pip's build of fzlint would call leaves a
    // mark and fails. (pip asks `rustc --version` for its User-Agent: that is no build.)
    let stand_ins = dir.path().join("no-compiler");
    std::fs::create_dir(&stand_ins).unwrap();
    let tripwire = dir.path().join("compiled");
    for tool in ["cargo", "rustc"] {
        let p = stand_ins.join(tool);
        std::fs::write(
            &p,
            format!(
                "#!/bin/sh\n[ \"$*\" = --version ] && exit 1\necho \"{tool} $*\" >> '{}'\nexit 1\n",
                tripwire.display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // First on the PATH, they hide the real ones wherever those are.
    let mut path = vec![stand_ins, py_tools()];
    path.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let env = PreCommitEnv {
        program,
        home: dir.path().join("pre-commit-home"),
        find_links: format!(
            "{} {}",
            wheel.parent().unwrap().display(),
            setuptools.display()
        ),
        path: std::env::join_paths(path).unwrap(),
    };

    // The mirror repository, as scripts/pre-commit-mirror.sh writes it for a release.
    let mirror = dir.path().join("fzlint-pre-commit");
    run_ok(
        Command::new("bash")
            .arg(root().join("scripts/pre-commit-mirror.sh"))
            .arg(&mirror),
        MINUTE,
    );
    git(&mirror, &["init", "-q"]);
    git(&mirror, &["add", "."]);
    git(&mirror, &["commit", "-q", "-m", "fzlint hooks"]);
    let rev = common::stdout(&git(&mirror, &["rev-parse", "HEAD"]));

    // A repository of reports that uses it.
    let repo = dir.path().join("reports");
    std::fs::create_dir_all(repo.join("2024")).unwrap();
    git(&repo, &["init", "-q"]);
    std::fs::write(
        repo.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {}\n    hooks:\n      - id: fzlint\n",
            mirror.display(),
            rev.trim()
        ),
    )
    .unwrap();
    let copy = |from: &str, to: &str| {
        std::fs::copy(root().join(from), repo.join(to)).unwrap();
    };
    copy("examples/clean-report.txt", "2024/清水镇.txt");
    copy("examples/clean-report.txt", "2024/清水镇-副本.md");
    copy("examples/sample-report.txt", "2024/青石镇.txt");
    copy("fuzz/seeds/docx/numbered.docx", "2024/某局.docx");
    copy("fuzz/seeds/html/page-gbk.html", "2024/网页.html");
    // The repository's own files are no reports, even with a report's faults in them.
    copy("examples/sample-report.txt", "README.md");
    copy("examples/sample-report.txt", "notes.rst");
    git(&repo, &["add", "."]);

    let hook = |files: &[&str]| {
        let mut args = vec!["run", "--color", "never", "--files"];
        args.extend(files);
        env.run(&repo, &args)
    };
    let clean = hook(&["2024/清水镇.txt", "2024/清水镇-副本.md"]);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "clean reports pass:\n{}",
        text(&clean)
    );
    assert!(
        common::stdout(&clean).contains("Passed"),
        "the hook ran on them:\n{}",
        text(&clean)
    );
    for (file, rule) in [
        ("2024/青石镇.txt", "invalid-date"),
        ("2024/某局.docx", "placeholder"),
        ("2024/网页.html", "placeholder"),
    ] {
        let o = hook(&[file]);
        let out = common::stdout(&o);
        assert_eq!(o.status.code(), Some(1), "{file} fails:\n{}", text(&o));
        assert!(
            out.contains(&format!("{file}:")) && out.contains(&format!("[{rule}]")),
            "{file}: {rule} is shown\n{}",
            text(&o)
        );
    }
    let skipped = hook(&["README.md", "notes.rst"]);
    assert_eq!(skipped.status.code(), Some(0), "{}", text(&skipped));
    assert!(
        common::stdout(&skipped).contains("no files to check"),
        "README.md and notes.rst are not checked:\n{}",
        text(&skipped)
    );

    // And as a drafter meets it: `git commit` with a faulty report is refused.
    let installed = env.run(&repo, &["install"]);
    assert!(installed.status.success(), "{}", text(&installed));
    let mut commit = Command::new("git");
    env.apply(
        commit
            .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
            .args(["commit", "-q", "-m", "reports"])
            .current_dir(&repo),
    );
    let refused = run(&mut commit, 10 * MINUTE);
    assert!(
        !refused.status.success() && text(&refused).contains("[invalid-date]"),
        "a commit with a faulty report is refused, saying why:\n{}",
        text(&refused)
    );
    git(
        &repo,
        &[
            "rm",
            "-q",
            "--cached",
            "2024/青石镇.txt",
            "2024/某局.docx",
            "2024/网页.html",
        ],
    );
    let accepted = run(&mut commit, 10 * MINUTE);
    assert!(
        accepted.status.success(),
        "clean reports commit:\n{}",
        text(&accepted)
    );

    assert!(
        !tripwire.exists(),
        "pre-commit compiled fzlint: {}",
        std::fs::read_to_string(&tripwire).unwrap_or_default()
    );
}

#[test]
#[cfg_attr(
    fzlint_no_actionlint,
    ignore = "no actionlint in target/py-tools or no shellcheck (scripts/py-tools.sh)"
)]
fn the_workflows_pass_actionlint() {
    const REQUIRE: &str = "FZLINT_REQUIRE_ACTIONLINT";
    let ready = py_tool("actionlint").and_then(|p| {
        if on_path("shellcheck") {
            Ok(p)
        } else {
            Err(
                "no shellcheck on PATH, with which actionlint checks `run:` scripts \
                 (scripts/py-tools.sh installs it)"
                    .into(),
            )
        }
    });
    let actionlint = match ready {
        Ok(p) => p,
        Err(why) => return skip_or_fail(REQUIRE, "actionlint", &why),
    };
    let mut workflows: Vec<PathBuf> = std::fs::read_dir(root().join(".github/workflows"))
        .expect(".github/workflows")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
        .collect();
    workflows.sort();
    assert!(!workflows.is_empty(), "no workflow to check");
    let o = run(
        Command::new(&actionlint)
            .args(["-no-color", "-shellcheck", "shellcheck"])
            .args(&workflows)
            .current_dir(root()),
        5 * MINUTE,
    );
    assert!(
        o.status.success() && o.stdout.is_empty(),
        "actionlint finds fault with the workflows:\n{}",
        text(&o)
    );

    // The check can fail: a workflow with an unknown key, an undefined matrix value and
    // a quoting fault in its script.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yml");
    std::fs::write(
        &bad,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    step:\n      - run: echo\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ls $HOME/${{ matrix.os }}\n",
    )
    .unwrap();
    let o = run(
        Command::new(&actionlint)
            .args(["-no-color", "-shellcheck", "shellcheck"])
            .arg(&bad),
        5 * MINUTE,
    );
    assert!(
        !o.status.success(),
        "actionlint passes a broken workflow:\n{}",
        text(&o)
    );
}
