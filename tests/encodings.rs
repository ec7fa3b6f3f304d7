//! Reports arrive in GB18030/GBK, Big5 and UTF-16 as well as UTF-8: the same report
//! gives the same findings whatever its encoding, and the outline names the encoding.

mod common;
use common::*;

fn rule_ids(path: &std::path::Path) -> Vec<String> {
    let (_, diags) = check_json(&[path]);
    let mut ids: Vec<String> = diags.iter().map(|d| rule(d).to_string()).collect();
    ids.sort();
    ids
}

fn encoding_of(path: &std::path::Path) -> String {
    let o = fzlint(&["outline", "--format", "json", &path.display().to_string()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["encoding"].as_str().unwrap().to_string()
}

#[test]
fn the_same_report_in_every_encoding_gives_the_same_findings() {
    let text = std::fs::read_to_string(root().join("examples/sample-report.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let utf8 = dir.path().join("utf8.txt");
    std::fs::write(&utf8, &text).unwrap();
    let want = rule_ids(&utf8);
    assert_eq!(want.len(), 5);
    let gb = encoding_rs::GB18030.encode(&text).0.into_owned();
    let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let be_bom: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(|u| u.to_be_bytes()))
        .collect();
    for (name, bytes, encoding) in [
        ("gb.txt", gb, "GBK"),
        ("le.txt", le, "UTF-16LE"),
        ("be.txt", be_bom, "UTF-16BE"),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        assert_eq!(rule_ids(&p), want, "{name}");
        assert_eq!(encoding_of(&p), encoding, "{name}");
    }
    // Positions are those of the text, whatever the bytes.
    let (_, diags) = check_json(&[&dir.path().join("gb.txt")]);
    let gap = diags.iter().find(|d| rule(d) == "numbering-gap").unwrap();
    assert_eq!((num(gap, "line"), num(gap, "column")), (19, 1));
}

#[test]
fn big5_is_not_misread_as_gbk() {
    let text = "青石鎮2024年度法治政府建設工作報告\n\n2024年，青石鎮深入推進依法行政，全年審查重大行政決策5件。現將有關情況報告如下：\n\n一、主要舉措和成效\n\n（一）健全依法決策機制。全年審查重大行政決策5件，鎮黨委書記專題研究法治建設工作3次。\n";
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(text);
    assert!(!unmappable);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big5.txt");
    std::fs::write(&p, bytes.as_ref()).unwrap();
    assert_eq!(encoding_of(&p), "Big5");
    let o = fzlint(&["outline", "--format", "json", &p.display().to_string()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["title"], "青石鎮2024年度法治政府建設工作報告");
    assert_eq!(v["year"], 2024);
}

#[test]
fn markdown_hash_headings_and_code_blocks() {
    let text = std::fs::read_to_string(root().join("examples/sample-report.txt")).unwrap();
    let md: String = text
        .lines()
        .map(|l| {
            if l.starts_with("白石桥镇人民政府2024年度") {
                format!("# {l}")
            } else if l.starts_with("一、") || l.starts_with("二、") || l.starts_with("三、")
            {
                format!("## {l}")
            } else if l.starts_with('(') {
                format!("### {l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n```\n1.这里是代码块\n3.不是标题\n```\n";
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("r.txt");
    let p = dir.path().join("r.md");
    std::fs::write(&txt, &text).unwrap();
    std::fs::write(&p, &md).unwrap();
    assert_eq!(
        rule_ids(&p),
        rule_ids(&txt),
        "the same findings in Markdown"
    );
    let o = fzlint(&["outline", "--format", "json", &p.display().to_string()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["title"], "白石桥镇人民政府2024年度法治政府建设工作报告");
    assert_eq!(v["headings"][0]["marker"], "一、");
}

/// `check --format json` with extra arguments, and the exit code.
fn check_with(args: &[&str], path: &std::path::Path) -> (i32, Vec<serde_json::Value>, String) {
    let mut all = vec!["check", "--isolated", "--format", "json"];
    all.extend_from_slice(args);
    let p = path.display().to_string();
    all.push(&p);
    let o = fzlint(&all);
    let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap_or_default();
    (o.status.code().unwrap_or(-1), v, stderr(&o))
}

#[test]
fn encoding_overrides_a_wrong_declaration_or_detection() {
    let text = std::fs::read_to_string(root().join("examples/sample-report.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let utf8 = dir.path().join("utf8.txt");
    std::fs::write(&utf8, &text).unwrap();
    let want = rule_ids(&utf8);
    let ids = |found: &[serde_json::Value]| {
        let mut ids: Vec<String> = found.iter().map(|d| rule(d).to_string()).collect();
        ids.sort();
        ids
    };
    // A page in Big5 that declares GBK (every Big5 byte pair is a GBK one too): read as
    // declared, its words are garbled and its title and parts are lost; read as Big5,
    // it is the report, found as its UTF-8 copy is.
    let traditional = "關於2024年度法治政府建設情況的報告\n一、主要舉措和成效\n\
                       全年審查重大行政決策5件。\n二、存在的不足及原因\n\
                       執法人員培訓不夠。\n三、下一年度工作安排\n2025年繼續推進。\n";
    let copy = dir.path().join("traditional.txt");
    std::fs::write(&copy, traditional).unwrap();
    let (_, want_page, _) = check_with(&[], &copy);
    let body: String = traditional
        .lines()
        .map(|l| format!("<p>{l}</p>\n"))
        .collect();
    let page = format!("<html><head><meta charset=\"gbk\"></head><body>{body}</body></html>");
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(&page);
    assert!(!unmappable);
    let html = dir.path().join("page.html");
    std::fs::write(&html, bytes).unwrap();
    let (_, declared, _) = check_with(&[], &html);
    assert!(
        ids(&declared).contains(&"missing-title".to_string()),
        "{:?}",
        ids(&declared)
    );
    for name in ["big5", "BIG5"] {
        let (_, forced, err) = check_with(&["--encoding", name], &html);
        assert_eq!(ids(&forced), ids(&want_page), "{name}: {err}");
        assert!(!ids(&forced).contains(&"missing-title".to_string()));
    }
    // UTF-16 without a byte order mark, and with one, named.
    let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let p = dir.path().join("le.txt");
    std::fs::write(&p, &le).unwrap();
    let (_, found, err) = check_with(&["-E", "utf-16le"], &p);
    assert_eq!(ids(&found), want, "{err}");
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(|u| u.to_be_bytes()))
        .collect();
    std::fs::write(&p, &be).unwrap();
    let (_, found, err) = check_with(&["-E", "utf-16be"], &p);
    assert_eq!(ids(&found), want, "{err}");
    let o = fzlint(&["outline", &p.display().to_string()]);
    assert!(o.status.success());
}

#[test]
fn a_file_not_in_the_named_encoding_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let gbk = dir.path().join("gbk.txt");
    std::fs::write(
        &gbk,
        encoding_rs::GBK
            .encode("关于2024年法治政府建设情况的报告\n")
            .0,
    )
    .unwrap();
    let ok = dir.path().join("ok.txt");
    std::fs::write(&ok, "关于2024年法治政府建设情况的报告\n").unwrap();
    let o = fzlint(&[
        "check",
        "--isolated",
        "--encoding",
        "utf-8",
        &gbk.display().to_string(),
        &ok.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("gbk.txt: 不是 UTF-8 编码的文本"), "{err}");
    // The other file is still checked.
    assert!(stdout(&o).contains("ok.txt"), "{}", stdout(&o));
    // An odd number of bytes is no UTF-16.
    std::fs::write(&gbk, b"abc").unwrap();
    let (code, _, err) = check_with(&["-E", "utf-16le"], &gbk);
    assert_eq!(code, 2);
    assert!(err.contains("不是 UTF-16LE 编码的文本"), "{err}");
}

#[test]
fn an_unknown_encoding_name_lists_the_accepted_ones() {
    let o = fzlint(&[
        "check",
        "--encoding",
        "latin1",
        "examples/sample-report.txt",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(
            "未知的编码 “latin1”；可用的编码：utf-8、gbk、gb18030、big5、utf-16le、utf-16be"
        ),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}
