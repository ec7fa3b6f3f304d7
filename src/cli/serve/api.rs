//! The checking page's API: `POST /api/check` lints an upload, `GET /api/rule/<id>`
//! explains a rule.

use super::State;
use super::http::{MAX_REPLY, Reply, query_param};
use crate::cli::out::{Status, report_problems};
use fzlint::input;
use fzlint::render::rules::explain;
use fzlint::render::{FileReport, json, outline, overview};
use fzlint::resolve::{Governed, ResolveError};
use fzlint::text::Format;
use fzlint::text::source::Source;
use serde_json::{Value, json};
use std::path::Path;

/// The name an upload is checked under: its last path component only.
fn base_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next()?.trim().to_string();
    (!base.is_empty() && base != "." && base != ".." && !base.contains('\0')).then_some(base)
}

/// `POST /api/check` once the body is read: the findings of the upload.
pub fn check(state: &State, content_type: Option<&str>, query: &str, body: Vec<u8>) -> Reply {
    let (name, body) = match super::upload::file(content_type, query_param(query, "name"), body) {
        Ok(f) => f,
        Err((status, message)) => return Reply::error(status, &message),
    };
    let Some(name) = base_name(&name) else {
        return Reply::error(400, "文件名无效：请求地址应为 /api/check?name=报告.txt");
    };
    let (status, answer) = match lint(state, &name, &body) {
        Ok(v) => (200, v),
        Err((status, message)) => (status, json!({ "path": name, "error": message })),
    };
    Reply::json_capped(status, &answer).unwrap_or_else(|| {
        let message = format!(
            "检查结果超过 {} MB 上限，未返回；请在命令行用 fzlint check 检查这份报告",
            MAX_REPLY / (1024 * 1024)
        );
        Reply::json(422, &json!({ "path": name, "error": message }))
    })
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
    let unreadable = |e: input::InputError| (422, e.to_string());
    input::supported(Path::new(name)).map_err(unreadable)?;
    let src = input::from_bytes(name, bytes, Format::of(name)).map_err(unreadable)?;
    // The pack the report's title names, when none was named.
    let governed = governed.for_source(&src);
    let (diags, analysis) = governed.lint(&src);
    let version = governed.set().vocab.version.clone();
    let set = governed.set();
    // A part missing from the whole report is the checklist's to show, not a mark on
    // the line it is anchored to: such findings are "scope": "document".
    let diagnostics: Vec<Value> = json::diagnostics(&FileReport::new(&src, &diags), &version)
        .into_iter()
        .zip(&diags)
        .map(|(j, d)| {
            let mut v = serde_json::to_value(j).unwrap_or(Value::Null);
            if let (Some(part), Some(m)) = (overview::missing_part(set, d), v.as_object_mut()) {
                m.insert("scope".into(), json!("document"));
                m.insert("part".into(), json!(part));
            }
            v
        })
        .collect();
    let mut o = outline::outline(&src, &analysis, &set.vocab);
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
    let line = |i: usize| {
        let text = src.original().get(src.original_line_range(i)).unwrap_or("");
        text.trim_end_matches('\r').to_string()
    };
    match (&src.locations, src.format) {
        (Some(locs), fzlint::text::Format::Docx) => locs
            .iter()
            .enumerate()
            .map(|(k, loc)| {
                let end = locs.get(k + 1).map_or(src.line_count(), |n| n.first_line);
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
pub fn rule(state: &State, id: &str) -> Reply {
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
            "examples": {
                "bad": s.examples.bad.iter().map(|e| e.text()).collect::<Vec<_>>(),
                "good": s.examples.good.iter().map(|e| e.text()).collect::<Vec<_>>(),
            },
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
    fn uploads_keep_only_their_file_name() {
        let name = |q: &str| query_param(q, "name").as_deref().and_then(base_name);
        assert_eq!(name("name=../../etc/x.txt").as_deref(), Some("x.txt"));
        assert_eq!(name("name=C:%5Cdocs%5Ca.docx").as_deref(), Some("a.docx"));
        assert_eq!(name("name=.."), None);
        assert_eq!(name("name="), None);
        assert_eq!(name(""), None);
    }
}
