//! `fzlint serve`: the real binary on a free loopback port, spoken to in raw HTTP/1.1.

mod common;
#[path = "support/draft.rs"]
mod draft;

#[path = "support/serve.rs"]
mod serve;

use common::{fzlint, root, stderr};
use serde_json::Value;
use serve::{Reply, Server, read_reply};
use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

fn start(extra: &[&str]) -> Server {
    Server::start(&root(), extra)
}

/// What `check --format json` prints for `bytes` written to a file called `name`.
fn check_written(name: &str, bytes: &[u8]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    cli_json(&[
        "check",
        "--isolated",
        "--format",
        "json",
        file.to_str().unwrap(),
    ])
}

fn sample() -> Vec<u8> {
    serve::sample(&root())
}

/// JSON elements with their `path` removed (the server names the upload, not the path).
fn without_path(items: &[Value]) -> Vec<Value> {
    items
        .iter()
        .map(|v| {
            let mut v = v.clone();
            v.as_object_mut().map(|o| o.remove("path"));
            v
        })
        .collect()
}

fn cli_json(args: &[&str]) -> Value {
    let o = fzlint(args);
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{args:?} prints JSON ({e}): {}", stderr(&o)))
}

fn expected_sample() -> Vec<Value> {
    let v = cli_json(&["check", "--format", "json", "examples/sample-report.txt"]);
    without_path(v.as_array().expect("an array"))
}

const SECURITY: [(&str, &str); 5] = [
    ("Content-Security-Policy", "default-src 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cache-Control", "no-store"),
];

fn assert_security_headers(r: &Reply) {
    for (name, value) in SECURITY {
        let got = r
            .header(name)
            .unwrap_or_else(|| panic!("{name} is set (status {})", r.status));
        assert!(got.contains(value), "{name}: {got}");
    }
}

#[test]
fn the_page_is_served_with_security_headers_and_no_outside_assets() {
    let s = start(&[]);
    let page = s.get("/");
    assert_eq!(page.status, 200);
    assert!(
        page.header("Content-Type")
            .unwrap()
            .starts_with("text/html")
    );
    assert_security_headers(&page);
    let html = page.text();
    assert!(html.contains("法治政府建设年度报告检查"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no external assets"
    );
    for asset in ["/app.js", "/app.css"] {
        let r = s.get(asset);
        assert_eq!(r.status, 200, "{asset}");
        assert_security_headers(&r);
        assert!(
            !r.text().contains("https://"),
            "{asset} loads nothing from outside"
        );
    }
    let health = s.get("/healthz");
    assert_eq!((health.status, health.text().as_str()), (200, "ok"));
    let missing = s.get("/etc/passwd");
    assert_eq!(missing.status, 404);
    assert_security_headers(&missing);
    let wrong = s.request("DELETE", "/api/rules", &[], b"");
    assert_eq!(wrong.status, 405);
    assert_eq!(s.get("/api/check?name=a.txt").status, 405);
    // A Host that is not this machine (DNS rebinding) is refused.
    let mut c = s.connect();
    c.write_all(b"GET /api/rules HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n")
        .unwrap();
    assert_eq!(read_reply(&mut c).status, 421);
}

#[test]
fn a_check_gives_what_check_and_outline_print() {
    let s = start(&[]);
    let r = s.post("/api/check?name=sample-report.txt", &sample());
    assert_eq!(r.status, 200, "{}", r.text());
    assert_security_headers(&r);
    let v = r.json();
    assert_eq!(v["path"], "sample-report.txt");
    assert_eq!(v["format"], "text");
    assert_eq!(v["encoding"], "UTF-8");
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    assert!(diags.iter().all(|d| d["path"] == "sample-report.txt"));
    assert_eq!(without_path(diags), expected_sample());
    assert_eq!(v["rule_pack"], diags[0]["rule_pack"]);
    let mut outline = cli_json(&["outline", "--format", "json", "examples/sample-report.txt"]);
    outline.as_object_mut().unwrap().remove("path");
    let mut got = v["outline"].clone();
    got.as_object_mut().unwrap().remove("path");
    assert_eq!(got, outline);
    let text = String::from_utf8(sample()).unwrap();
    let lines = v["lines"].as_array().expect("lines");
    // One entry per line number, the empty one after the final line break included.
    assert_eq!(lines.len(), text.split('\n').count());
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["text"], text.lines().next().unwrap());
}

#[test]
fn gbk_text_and_html_pages_are_read() {
    let s = start(&[]);
    let text = String::from_utf8(sample()).unwrap();
    let gbk = encoding_rs::GBK.encode(&text).0.into_owned();
    let r = s.post("/api/check?name=gb.txt", &gbk);
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["encoding"], "GBK");
    assert_eq!(
        without_path(v["diagnostics"].as_array().unwrap()),
        expected_sample()
    );

    let body: String = text.lines().map(|l| format!("<p>{l}</p>\n")).collect();
    let page = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>报告</title></head><body><div class=\"article\">{body}</div></body></html>"
    );
    let cli = check_written("page.html", page.as_bytes());
    let r = s.post("/api/check?name=page.html", page.as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["format"], "html");
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty());
    assert_eq!(without_path(diags), without_path(cli.as_array().unwrap()));
    let lines: Vec<&str> = v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["text"].as_str().unwrap())
        .collect();
    assert!(
        lines.iter().any(|l| l.contains("白石桥镇人民政府")),
        "{lines:?}"
    );
    assert!(
        lines.iter().all(|l| !l.contains('<')),
        "the page's text, not its markup"
    );
}

#[test]
fn bodies_over_ten_megabytes_get_413_and_the_server_goes_on() {
    let s = start(&[]);
    let big = vec![b'a'; 10 * 1024 * 1024 + 1];
    // Declared too large.
    let r = s.post("/api/check?name=big.txt", &big);
    assert_eq!(r.status, 413);
    assert_security_headers(&r);
    assert!(r.json()["error"].as_str().unwrap().contains("10 MB"));
    // Not declared: counted as it is read (chunked, one byte over in the last chunk).
    let mut c = s.connect();
    let head = format!(
        "POST /api/check?name=big.txt HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        s.port
    );
    c.write_all(head.as_bytes()).unwrap();
    for piece in big.chunks(1024 * 1024) {
        c.write_all(format!("{:x}\r\n", piece.len()).as_bytes())
            .unwrap();
        c.write_all(piece).unwrap();
        c.write_all(b"\r\n").unwrap();
    }
    let r = read_reply(&mut c);
    assert_eq!(r.status, 413);
    // An absurd declared length (nothing like it sent) is refused and harms nothing.
    for declared in ["1000000000000", "18446744073709551615"] {
        let mut c = s.connect();
        let head = format!(
            "POST /api/check?name=big.txt HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: {declared}\r\n\r\nabc",
            s.port
        );
        c.write_all(head.as_bytes()).unwrap();
        assert_eq!(read_reply(&mut c).status, 413, "{declared}");
        assert_eq!(s.get("/healthz").text(), "ok", "after {declared}");
    }
    // Exactly at the limit is read (and checked).
    let at = vec![b'a'; 10 * 1024 * 1024];
    assert_eq!(s.post("/api/check?name=at.txt", &at).status, 200);
    assert_eq!(s.get("/healthz").text(), "ok");
    assert_eq!(
        s.post("/api/check?name=sample-report.txt", &sample())
            .status,
        200
    );
}

#[test]
fn unreadable_files_get_422_with_the_sentence_check_prints() {
    let s = start(&[]);
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("blob.txt");
    std::fs::write(&file, &binary).unwrap();
    let o = fzlint(&["check", file.to_str().unwrap()]);
    let printed = stderr(&o);
    let prefix = format!("error: {}: ", file.display());
    let sentence = printed
        .lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("check names the file: {printed}"));
    let r = s.post("/api/check?name=blob.txt", &binary);
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["error"], sentence);
    let r = s.post("/api/check?name=report.pdf", b"%PDF-1.4");
    assert_eq!(r.status, 422);
    assert!(r.json()["error"].as_str().unwrap().contains(".pdf"));
    // Neither a name nor a kind of content to read it by.
    let r = s.post("/api/check", b"text");
    assert_eq!(r.status, 415);
    assert!(
        r.json()["error"].as_str().unwrap().contains("name="),
        "{}",
        r.text()
    );
}

/// A multipart form (`curl -F file=@报告.docx`), a JSON body and plain text are read as
/// the file they carry: the findings are those of the file uploaded as itself.
#[test]
fn uploads_in_every_form_give_the_file_s_findings() {
    let s = start(&[]);
    let raw = s.post("/api/check?name=sample-report.txt", &sample());
    assert_eq!(raw.status, 200, "{}", raw.text());
    let want = without_path(raw.json()["diagnostics"].as_array().unwrap());
    assert!(!want.is_empty());
    let mut form = b"--fzXY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sample-report.txt\"\r\nContent-Type: text/plain\r\n\r\n".to_vec();
    form.extend_from_slice(&sample());
    form.extend_from_slice(b"\r\n--fzXY--\r\n");
    let multipart = s.request(
        "POST",
        "/api/check",
        &[("Content-Type", "multipart/form-data; boundary=fzXY")],
        &form,
    );
    assert_eq!(multipart.status, 200, "{}", multipart.text());
    assert_eq!(multipart.json()["path"], "sample-report.txt");
    assert_eq!(
        without_path(multipart.json()["diagnostics"].as_array().unwrap()),
        want
    );
    let text = String::from_utf8(sample()).unwrap();
    let body = serde_json::json!({"name": "sample-report.txt", "text": text}).to_string();
    let json = s.request(
        "POST",
        "/api/check",
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    );
    assert_eq!(json.status, 200, "{}", json.text());
    assert_eq!(
        without_path(json.json()["diagnostics"].as_array().unwrap()),
        want
    );
    let plain = s.request(
        "POST",
        "/api/check",
        &[("Content-Type", "text/plain; charset=utf-8")],
        &sample(),
    );
    assert_eq!(plain.status, 200, "{}", plain.text());
    assert_eq!(
        without_path(plain.json()["diagnostics"].as_array().unwrap()),
        want
    );
    // A Word file in a form is read as Word, not as text with the form's headers.
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("r.docx");
    sample_docx(&docx);
    let mut form = b"--fzXY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\xe6\x8a\xa5\xe5\x91\x8a.docx\"\r\n\r\n".to_vec();
    form.extend_from_slice(&std::fs::read(&docx).unwrap());
    form.extend_from_slice(b"\r\n--fzXY--\r\n");
    let word = s.request(
        "POST",
        "/api/check",
        &[("Content-Type", "multipart/form-data; boundary=fzXY")],
        &form,
    );
    assert_eq!(word.status, 200, "{}", word.text());
    assert_eq!(word.json()["format"], "docx");
    assert_eq!(word.json()["path"], "报告.docx");
    let r = s.request(
        "POST",
        "/api/check",
        &[("Content-Type", "image/png")],
        b"\x89PNG",
    );
    assert_eq!(r.status, 415, "{}", r.text());
}

#[test]
fn with_a_token_requests_need_it() {
    let s = start(&["--token", "s3cret-t0ken"]);
    assert_eq!(s.get("/api/rules").status, 401);
    assert_eq!(s.get("/").status, 401);
    assert_eq!(s.post("/api/check?name=a.txt", &sample()).status, 401);
    let wrong = s.request(
        "GET",
        "/api/rules",
        &[("Authorization", "Bearer nope")],
        b"",
    );
    assert_eq!(wrong.status, 401);
    assert_security_headers(&wrong);
    let bearer = [("Authorization", "Bearer s3cret-t0ken")];
    assert_eq!(s.request("GET", "/api/rules", &bearer, b"").status, 200);
    let r = s.request("POST", "/api/check?name=a.txt", &bearer, &sample());
    assert_eq!(r.status, 200);
    let q = "token=s3cret-t0ken";
    assert_eq!(s.get(&format!("/?{q}")).status, 200);
    assert_eq!(s.get(&format!("/api/rule/numbering-gap?{q}")).status, 200);
    assert_eq!(s.get("/healthz").status, 200);
}

#[test]
fn rules_and_rule_explanations() {
    let s = start(&[]);
    let r = s.get("/api/rules");
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), cli_json(&["rules", "--format", "json"]));
    let r = s.get("/api/rule/numbering-gap");
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["id"], "numbering-gap");
    for key in ["summary", "rationale", "severity", "category"] {
        assert!(v[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
    }
    assert!(!v["examples"]["bad"].as_array().unwrap().is_empty());
    assert_eq!(s.get("/api/rule/no-such-rule").status, 404);
}

#[test]
fn thirty_requests_at_once_all_get_their_answer() {
    let s = start(&[]);
    let expected = expected_sample();
    let body = sample();
    let started = Instant::now();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..30)
            .map(|i| {
                let (s, body) = (&s, &body);
                scope.spawn(move || {
                    if i % 3 == 0 {
                        let r = s.get("/api/rules");
                        assert_eq!(r.status, 200);
                        None
                    } else {
                        let r = s.post("/api/check?name=sample-report.txt", body);
                        assert_eq!(r.status, 200);
                        Some(without_path(r.json()["diagnostics"].as_array().unwrap()))
                    }
                })
            })
            .collect();
        for h in handles {
            if let Some(d) = h.join().expect("the request thread ends") {
                assert_eq!(d, expected);
            }
        }
    });
    let secs = started.elapsed().as_secs_f64();
    println!(
        "30 requests in {secs:.2} s: {:.1} requests/second",
        30.0 / secs
    );
}

#[test]
fn a_silent_client_times_out_and_frees_its_worker() {
    let s = start(&["--timeout", "1", "--workers", "1"]);
    let mut c = s.connect();
    let head = format!(
        "POST /api/check?name=a.txt HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 5000\r\n\r\nabc",
        s.port
    );
    c.write_all(head.as_bytes()).unwrap();
    let started = Instant::now();
    let r = read_reply(&mut c);
    assert_eq!(r.status, 408);
    assert!(started.elapsed() < Duration::from_secs(30));
    // The only worker answers again.
    assert_eq!(s.get("/healthz").text(), "ok");
}

/// The page itself in headless Chromium (tests/browser/serve.mjs); listed as ignored,
/// with the reason, where Chromium, Node.js or tests/browser/node_modules are absent
/// (as tests/browser.rs is).
#[test]
#[cfg_attr(
    fzlint_no_browser,
    ignore = "needs Chromium, node and tests/browser/node_modules (npm ci in tests/browser)"
)]
fn the_page_works_in_a_browser() {
    let chromium = std::env::var_os("CHROMIUM")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "/usr/bin/chromium".into());
    let modules = root().join("tests/browser/node_modules/playwright-core");
    let node = Command::new("node").arg("--version").output().is_ok();
    assert!(
        chromium.is_file() && node && modules.is_dir(),
        "the browser check cannot run: it needs Chromium, node and tests/browser/node_modules"
    );
    let s = start(&["--token", "page-t0ken"]);
    let url = format!("http://127.0.0.1:{}/?token=page-t0ken", s.port);
    // One file of each kind, all the sample report, and one that is no report.
    let files = tempfile::tempdir().unwrap();
    let f = files.path();
    let text = String::from_utf8(sample()).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(f.join("gbk.txt"), &gbk).unwrap();
    sample_docx(&f.join("word.docx"));
    let body: String = text
        .lines()
        .map(|l| format!("<p>{}</p>\n", l.replace('&', "&amp;").replace('<', "&lt;")))
        .collect();
    std::fs::write(
        f.join("page.html"),
        format!("<html><head><meta charset=\"utf-8\"></head><body><div id=\"zoom\">{body}</div></body></html>"),
    )
    .unwrap();
    std::fs::write(f.join("report.md"), &text).unwrap();
    std::fs::write(f.join("scan.txt"), [0u8, 0xFF, 0, 7, 0, 0x13, 0x88, 0, 1]).unwrap();
    let mut cmd = Command::new("node");
    cmd.arg("serve.mjs")
        .arg(&url)
        .arg(root().join("examples/sample-report.txt"))
        .arg(f)
        .current_dir(root().join("tests/browser"));
    // FZLINT_SCREENSHOTS=docs/screenshots writes the screenshots kept in docs/.
    if let Some(dir) = std::env::var_os("FZLINT_SCREENSHOTS") {
        cmd.arg(root().join(dir));
    }
    let o = cmd.output().expect("node runs");
    let out = String::from_utf8_lossy(&o.stdout);
    println!("{out}");
    assert!(
        o.status.success(),
        "{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A .docx made of the sample report's lines, one paragraph each (the last two joined
/// by a line break inside one paragraph).
fn sample_docx(path: &std::path::Path) {
    let text = String::from_utf8(sample()).unwrap();
    let esc = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let lines: Vec<&str> = text.lines().collect();
    let (body, tail) = lines.split_at(lines.len() - 2);
    let mut xml: String = body
        .iter()
        .map(|l| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                esc(l)
            )
        })
        .collect();
    xml.push_str(&format!(
        "<w:p><w:r><w:t>{}</w:t><w:br/><w:t>{}</w:t></w:r></w:p>",
        esc(tail[0]),
        esc(tail[1])
    ));
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>").unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {w}><w:body>{xml}<w:sectPr/></w:body></w:document>")
            .as_bytes(),
    )
    .unwrap();
    zip.finish().unwrap();
}

#[test]
fn word_files_are_read_and_their_paragraphs_given_as_lines() {
    let s = start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.docx");
    sample_docx(&file);
    let cli = cli_json(&[
        "check",
        "--isolated",
        "--format",
        "json",
        file.to_str().unwrap(),
    ]);
    let r = s.post(
        "/api/check?name=report.docx",
        &std::fs::read(&file).unwrap(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["format"], "docx");
    assert_eq!(v["line_unit"], "段");
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(without_path(diags), without_path(cli.as_array().unwrap()));
    // Every finding's paragraph is among the lines, and its columns point into it.
    let lines = v["lines"].as_array().unwrap();
    let text_of = |n: &Value| {
        lines
            .iter()
            .find(|l| l["line"] == *n)
            .and_then(|l| l["text"].as_str())
            .unwrap_or_else(|| panic!("paragraph {n} is among the lines"))
            .to_string()
    };
    let date = diags
        .iter()
        .find(|d| d["rule"] == "invalid-date")
        .expect("the planted date is found");
    let chars: Vec<char> = text_of(&date["line"]).chars().collect();
    let (a, b) = (
        date["column"].as_u64().unwrap() as usize - 1,
        date["end_column"].as_u64().unwrap() as usize - 1,
    );
    assert_eq!(chars[a..b].iter().collect::<String>(), "2024928日");
    let last = lines.last().unwrap()["text"].as_str().unwrap();
    assert!(
        last.contains('\n'),
        "a paragraph keeps its line break: {last:?}"
    );
}

/// A Word draft dropped on the page (posted as the page posts a file) gets its
/// typography findings (GB/T 9704) like any other, at the paragraph, and the same as
/// `check` gives.
#[test]
fn a_dropped_word_draft_gets_its_typography_findings() {
    let s = start(&[]);
    let mut d = draft::Draft::compliant();
    let i = d.find(draft::H2_SECOND);
    d.paras[i].rpr = "<w:rFonts w:eastAsia=\"黑体\"/>".into();
    let bytes = d.bytes();
    let r = s.post("/api/check?name=%E8%8D%89%E7%A8%BF.docx", &bytes);
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    let diags = v["diagnostics"].as_array().unwrap();
    let typo: Vec<&Value> = diags
        .iter()
        .filter(|d| d["rule"] == "heading-2-typeface")
        .collect();
    assert_eq!(typo.len(), 1, "{diags:#?}");
    assert_eq!(typo[0]["line"], i + 1);
    assert_eq!(
        typo[0]["message"],
        format!(
            "第{}段“(二)规范行政执法行为”用的是黑体，二级标题应为楷体_GB2312",
            i + 1
        )
    );
    let cli = check_written("草稿.docx", &bytes);
    assert_eq!(without_path(diags), without_path(cli.as_array().unwrap()));
}
