//! The YAML reader's and serde's words for a mistake, told in plain Chinese: what is
//! wrong and how to mend it, with no library or Rust type names. A message of a shape
//! not known here keeps the reader's words after a Chinese lead.

/// The message for an error whose reader's words are `raw`.
pub fn plain(raw: &str) -> String {
    let raw = raw.trim();
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        let (name, known) = name_and_list(rest);
        return with_nearest(format!("未知的键 “{name}”"), &name, &known);
    }
    if let Some(rest) = raw.strip_prefix("unknown variant ") {
        let (name, known) = name_and_list(rest);
        return with_nearest(format!("“{name}” 不是这里可用的值"), &name, &known);
    }
    if let Some(rest) = raw.strip_prefix("missing field ") {
        let name = rest.trim_matches('`');
        return format!("缺少必填的键 “{name}”：请补上 {name}: …");
    }
    if let Some(rest) = raw.strip_prefix("duplicate mapping key: ") {
        let name = rest.split(',').next().unwrap_or(rest).trim();
        return format!("键 “{name}” 写了两次：删去其中一处");
    }
    for (lead, what) in [("invalid type: ", "类型"), ("invalid value: ", "值")] {
        if let Some(rest) = raw.strip_prefix(lead) {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            let (found, expected) = (found_words(found), expected_words(expected));
            return format!("{what}不对：这里是{found}，应为{expected}");
        }
    }
    if let Some(rest) = raw.strip_prefix("invalid ") {
        // "invalid i32": a word where a number belongs.
        return format!("这里应为{}", expected_words(rest));
    }
    if raw.starts_with("budget breached") {
        return "文件中的别名（&名称 与 *名称）展开得过多，像是“别名炸弹”，不予读取：请直接写出内容"
            .to_string();
    }
    if is_tab(raw) {
        return "这里有制表符（Tab）：YAML 的缩进只能用空格".to_string();
    }
    // fzlint's own words (a pattern's reader says 正则表达式无效 …) are already plain.
    if raw.chars().any(crate::text::chars::is_han) {
        return raw.to_string();
    }
    for (words, said) in SYNTAX {
        if raw.contains(words) {
            return format!("YAML 写法有误：{said}");
        }
    }
    format!("YAML 写法有误（读取器的说明：{raw}）")
}

/// The reader's words for a tab where indentation belongs.
pub fn is_tab(raw: &str) -> bool {
    raw.contains("found a tab") || raw.contains("tabs disallowed")
}

/// The reader's syntax errors, by a part of their words.
const SYNTAX: &[(&str, &str)] = &[
    (
        "expected sequence start",
        "这里应为列表（[a, b] 或每行一个 - 项）",
    ),
    (
        "expected mapping start",
        "这里应为映射（下一行缩进写 键: 值）",
    ),
    (
        "expected string scalar",
        "这里应为一段文字；以 [ 或 { 开头的文字请加引号，列表请写完整的 [ … ]",
    ),
    (
        "did not find expected ',' or ']'",
        "列表 [ … ] 没有写完：缺少逗号或右方括号 ]",
    ),
    (
        "did not find expected ',' or '}'",
        "映射 { … } 没有写完：缺少逗号或右花括号 }",
    ),
    (
        "mapping values are not allowed",
        "这里不能有冒号：含冒号的文字请加引号，或检查缩进",
    ),
    ("did not find expected key", "缩进不齐：同一层的键要对齐"),
    (
        "did not find expected '-'",
        "列表项缩进不齐：同一列表的 - 要对齐",
    ),
    (
        "found character that cannot start any token",
        "这个字符不能作为值的开头（如 @ 或 `）：请给这段文字加引号",
    ),
    (
        "found unexpected end of stream",
        "文件在引号或括号没有闭合时就结束了",
    ),
    (
        "found unknown escape character",
        "双引号中的反斜杠 \\ 后跟了无效的字符：正则表达式请用单引号",
    ),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("found undefined alias", "引用了没有定义的别名（*名称）"),
];

/// `` `name`, expected one of `a`, `b` `` (serde) or `name`, expected one of a, b.
fn name_and_list(rest: &str) -> (String, Vec<String>) {
    let (name, list) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let name = name.trim().trim_matches('`').to_string();
    let list = list
        .trim_start_matches("one of ")
        .replace(" or ", ", ")
        .split(',')
        .map(|s| s.trim().trim_matches('`').to_string())
        .filter(|s| !s.is_empty() && s != "nothing")
        .collect();
    (name, list)
}

/// `lead`, then the nearest known name (when one is near) and the names there are.
fn with_nearest(lead: String, name: &str, known: &[String]) -> String {
    let nearest = known
        .iter()
        .map(|k| (distance(name, k), k))
        .filter(|(d, k)| *d <= 2.max(k.chars().count() / 3) || k.starts_with(name))
        .min_by_key(|(d, _)| *d);
    let mut out = lead;
    if let Some((_, k)) = nearest {
        out += &format!("，是不是 “{k}”？");
    } else {
        out.push('。');
    }
    if !known.is_empty() {
        out += &format!("可用：{}", known.join("、"));
    }
    out
}

/// How many one-character edits turn `a` into `b`.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

/// serde's words for what was found: `integer `42``, `string "x"`, `sequence`.
fn found_words(found: &str) -> String {
    let (kind, value) = match found.split_once(' ') {
        Some((k, v)) => (k, v.trim_matches(['`', '"'])),
        None => (found, ""),
    };
    let kind = match kind {
        "integer" => "整数",
        "string" => "文字",
        "sequence" => "列表",
        "map" => "映射（键: 值）",
        "boolean" => "true/false",
        "floating" => "小数",
        "unit" | "null" => "空值",
        "character" => "字符",
        _ => return format!("“{found}”"),
    };
    match value {
        "" | "point" => kind.to_string(),
        v => format!("{kind} “{v}”"),
    }
}

/// serde's words for what was expected, in the file's terms.
fn expected_words(expected: &str) -> String {
    let e = expected
        .trim()
        .trim_start_matches("a ")
        .trim_start_matches("an ");
    match e {
        "" => "别的写法".to_string(),
        "string" | "string scalar" => "文字".into(),
        "sequence" | "sequence of strings" => "列表（[a, b] 或每行一个 - 项）".into(),
        "map" | "struct" => "映射（键: 值）".into(),
        "boolean" | "bool" => "true 或 false".into(),
        "usize" | "u8" | "u16" | "u32" | "u64" => "不小于 0 的整数".into(),
        "i8" | "i16" | "i32" | "i64" | "isize" | "integer" => "整数".into(),
        "f32" | "f64" | "floating point" => "数字".into(),
        "string or map" => "文字，或映射（键: 值）".into(),
        other => other
            .split(" or ")
            .map(|p| expected_words_one(p.trim()))
            .collect::<Vec<_>>()
            .join("或"),
    }
}

fn expected_words_one(p: &str) -> String {
    match p {
        "string" | "a string" => "文字".into(),
        "sequence" | "a sequence" => "列表".into(),
        "map" | "a map" => "映射".into(),
        other => format!("“{other}”"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("severty", "severity"), 1);
        assert_eq!(distance("scop", "scope"), 1);
        assert_eq!(distance("", "ab"), 2);
        assert_eq!(distance("范围", "范围"), 0);
    }

    #[test]
    fn a_far_name_gets_no_guess() {
        let m = plain("unknown field `zzzzzz`, expected one of `id`, `category`");
        assert_eq!(m, "未知的键 “zzzzzz”。可用：id、category");
    }
}
