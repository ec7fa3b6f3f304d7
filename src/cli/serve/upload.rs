//! What an upload to `POST /api/check` carries: the raw file with `?name=`, a multipart
//! form (`curl -F file=@报告.docx`), a JSON body `{"name": …, "text": …}`, or plain text.

/// The name a text without one is checked under.
const TEXT_NAME: &str = "报告.txt";

/// The file an upload carries: its name and bytes. Err: the status and the sentence to
/// answer instead.
pub fn file(
    content_type: Option<&str>,
    query_name: Option<String>,
    body: Vec<u8>,
) -> Result<(String, Vec<u8>), (u16, String)> {
    let kind = content_type.unwrap_or("").trim();
    let media = kind
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match media.as_str() {
        "multipart/form-data" => {
            let boundary = param(kind, "boundary")
                .ok_or((400, "表单上传缺少 boundary，无法读取".to_string()))?;
            let (name, bytes) = multipart_file(&body, &boundary).ok_or((
                400,
                "表单中没有找到上传的文件（字段应带 filename，如 curl -F file=@报告.docx）"
                    .to_string(),
            ))?;
            Ok((
                query_name.or(name).unwrap_or_else(|| TEXT_NAME.into()),
                bytes,
            ))
        }
        "application/json" => {
            #[derive(serde::Deserialize)]
            struct Upload {
                name: Option<String>,
                text: String,
            }
            let u: Upload = serde_json::from_slice(&body).map_err(|e| {
                (
                    400,
                    format!("JSON 应为 {{\"name\": \"报告.txt\", \"text\": \"报告全文\"}}：{e}"),
                )
            })?;
            let name = query_name.or(u.name).unwrap_or_else(|| TEXT_NAME.into());
            Ok((name, u.text.into_bytes()))
        }
        "text/plain" => Ok((query_name.unwrap_or_else(|| TEXT_NAME.into()), body)),
        _ => match query_name {
            Some(name) => Ok((name, body)),
            None => Err((
                415,
                format!(
                    "无法识别上传的内容（{}）：请用 /api/check?name=报告.docx 上传文件本身，或用表单（multipart/form-data）、JSON（{{\"name\", \"text\"}}）或纯文本上传",
                    if kind.is_empty() {
                        "没有 Content-Type"
                    } else {
                        kind
                    }
                ),
            )),
        },
    }
}

/// A parameter of a header value (`boundary=…`), unquoted.
fn param(value: &str, key: &str) -> Option<String> {
    value
        .split(';')
        .skip(1)
        .find_map(|p| {
            let (k, v) = p.split_once('=')?;
            (k.trim().eq_ignore_ascii_case(key)).then(|| v.trim().trim_matches('"').to_string())
        })
        .filter(|v| !v.is_empty())
}

/// The first part of a multipart body that carries a file (a `filename`), else the
/// first part: its file name (the last path component) and its bytes.
fn multipart_file(body: &[u8], boundary: &str) -> Option<(Option<String>, Vec<u8>)> {
    let delimiter = format!("--{boundary}");
    let finder = memchr::memmem::Finder::new(delimiter.as_bytes());
    let starts: Vec<usize> = finder.find_iter(body).collect();
    let mut first = None;
    for pair in starts.windows(2) {
        let part = &body[pair[0] + delimiter.len()..pair[1]];
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let part = part.strip_suffix(b"\r\n").unwrap_or(part);
        let split = memchr::memmem::find(part, b"\r\n\r\n")?;
        let headers = String::from_utf8_lossy(&part[..split]);
        let content = part[split + 4..].to_vec();
        let disposition = headers
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))?;
        match param(disposition, "filename") {
            Some(name) => {
                let base = name.rsplit(['/', '\\']).next().unwrap_or("").to_string();
                return Some(((!base.is_empty()).then_some(base), content));
            }
            None => first = first.or(Some((None, content))),
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_upload_gives_its_file() {
        let form = b"--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\docs\\\\\xe6\x8a\xa5\xe5\x91\x8a.docx\"\r\nContent-Type: application/octet-stream\r\n\r\nPK\x03\x04 bytes\r\n--XyZ--\r\n";
        let json = br##"{"name": "a.md", "text": "# t"}"##;
        let docx = &b"PK\x03\x04 bytes"[..];
        let form_kind = Some("multipart/form-data; boundary=XyZ");
        let json_kind = Some("application/json; charset=utf-8");
        let no_form = Some("multipart/form-data; boundary=Q");
        for (kind, query, body, want) in [
            (form_kind, None, &form[..], Ok(("报告.docx", docx))),
            (json_kind, None, json, Ok(("a.md", b"# t"))),
            (Some("text/plain"), None, b"x", Ok(("报告.txt", b"x"))),
            (None, Some("r.docx"), b"x", Ok(("r.docx", b"x"))),
            (Some("image/png"), None, b"x", Err(415)),
            (None, None, b"x", Err(415)),
            (no_form, None, b"junk", Err(400)),
            (Some("application/json"), None, b"{", Err(400)),
        ] {
            let got = file(kind, query.map(String::from), body.to_vec());
            let got = got.as_ref().map(|(n, b)| (n.as_str(), b.as_slice()));
            assert_eq!(got.map_err(|e| e.0), want, "{kind:?}");
        }
    }
}
