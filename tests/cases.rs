//! End-to-end cases for the command line, one file each under tests/cases/:
//!
//! ```text
//! args: check --format concise r.txt      (run in a fresh folder holding the files)
//! === copy r.txt examples/sample-report.txt   (a file copied from the repository)
//! === file .fzlint.yaml                       (a file written from the lines below)
//! …
//! === stdin r.txt                             (this file's content on standard input)
//! === exit
//! 1
//! === stdout
//! …
//! === stderr
//! …
//! === result r.txt                            (the file's content after the run)
//! …
//! ```
//!
//! The folder's path appears as `{dir}` in the expected output. After a deliberate change,
//! review and accept new outputs with `FZLINT_BLESS=1 cargo test --test cases`.

mod common;
use std::path::{Path, PathBuf};

struct Section {
    head: String,
    body: String,
}

struct Case {
    args: Vec<String>,
    sections: Vec<Section>,
}

fn parse(text: &str) -> Case {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    let args = first
        .trim_end()
        .strip_prefix("args:")
        .expect("a case starts with args:");
    let mut sections: Vec<Section> = Vec::new();
    for line in lines {
        if let Some(head) = line.strip_prefix("=== ") {
            sections.push(Section {
                head: head.trim_end().to_string(),
                body: String::new(),
            });
        } else if let Some(s) = sections.last_mut() {
            s.body.push_str(line);
        }
    }
    Case {
        args: args.split_whitespace().map(str::to_string).collect(),
        sections,
    }
}

fn render(case: &Case) -> String {
    let mut out = format!("args: {}\n", case.args.join(" "));
    for s in &case.sections {
        out.push_str(&format!("=== {}\n{}", s.head, s.body));
    }
    out
}

fn run(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut case = parse(&text);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut stdin = None;
    for s in &case.sections {
        let mut words = s.head.splitn(3, ' ');
        match (words.next(), words.next(), words.next()) {
            (Some("file"), Some(name), None) => {
                std::fs::create_dir_all(d.join(name).parent().unwrap()).unwrap();
                std::fs::write(d.join(name), &s.body).unwrap();
            }
            (Some("copy"), Some(name), Some(from)) => {
                std::fs::create_dir_all(d.join(name).parent().unwrap()).unwrap();
                std::fs::copy(common::root().join(from), d.join(name)).unwrap();
            }
            (Some("stdin"), Some(name), None) => stdin = Some(std::fs::read(d.join(name)).unwrap()),
            _ => {}
        }
    }
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_fzlint"));
    cmd.args(&case.args).current_dir(d).env_remove("NO_COLOR");
    cmd.stdin(if stdin.is_some() {
        std::process::Stdio::piped()
    } else {
        std::process::Stdio::null()
    });
    cmd.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(bytes) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(&bytes).unwrap();
    }
    let o = child.wait_with_output().unwrap();
    let dir_text = d.display().to_string();
    let clean = |b: &[u8]| String::from_utf8_lossy(b).replace(&dir_text, "{dir}");
    let actual = [
        ("exit", format!("{}\n", o.status.code().unwrap_or(-1))),
        ("stdout", clean(&o.stdout)),
        ("stderr", clean(&o.stderr)),
    ];
    let mut failures = Vec::new();
    for (name, value) in &actual {
        match case.sections.iter_mut().find(|s| s.head == *name) {
            Some(s) if s.body == *value => {}
            Some(s) => {
                failures.push(format!(
                    "{name}:\n--- expected\n{}--- actual\n{value}",
                    s.body
                ));
                s.body = value.clone();
            }
            None => {
                failures.push(format!("{name}: no expected section; actual:\n{value}"));
                case.sections.push(Section {
                    head: name.to_string(),
                    body: value.clone(),
                });
            }
        }
    }
    for s in case
        .sections
        .iter_mut()
        .filter(|s| s.head.starts_with("result "))
    {
        let name = &s.head["result ".len()..];
        let now =
            std::fs::read_to_string(d.join(name)).unwrap_or_else(|_| "(no such file)\n".into());
        if now != s.body {
            failures.push(format!(
                "{}:\n--- expected\n{}--- actual\n{now}",
                s.head, s.body
            ));
            s.body = now;
        }
    }
    if failures.is_empty() {
        return Ok(());
    }
    if std::env::var_os("FZLINT_BLESS").is_some() {
        std::fs::write(path, render(&case)).unwrap();
        return Ok(());
    }
    Err(format!("{}:\n{}", path.display(), failures.join("\n")))
}

#[test]
fn every_case_gives_its_expected_output() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(common::root().join("tests/cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "case"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 25,
        "the cases cover every flag, format and config feature"
    );
    let failures: Vec<String> = files.iter().filter_map(|f| run(f).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
