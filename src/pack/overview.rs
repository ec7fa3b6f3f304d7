//! What the batch overview (`fzlint report`) shows of a pack's parts: its contents
//! columns, and the parts compared with last year's report. A pack's `overview:` section.

use crate::pack::Part;
use serde::Deserialize;

/// The `overview:` section as written.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverviewFile {
    /// The matrix's contents columns, in order.
    pub columns: Vec<ColumnFile>,
    /// The parts compared with last year's report one by one: each the part compared
    /// (where a repeat is shown) and then the parts its text takes in too.
    #[serde(default)]
    pub compare: Vec<Vec<Part>>,
    /// What asks for the required contents, for the notice's help on a missing one
    /// (《法治政府建设与责任落实督察工作规定》第二十五条).
    #[serde(default)]
    pub basis: Option<String>,
}

/// One contents column.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnFile {
    /// The column's header (存在的不足和原因).
    pub label: String,
    /// The parts it shows: the first is the column's; the others make it whole (the
    /// causes of the shortcomings). A first part the pack does not require is shown
    /// as 未写 when absent, not as 缺失.
    pub parts: Vec<Part>,
    /// Said after the status when the first part is there and another is not (缺原因).
    #[serde(default)]
    pub lacking: Option<String>,
}

/// The overview section made ready: each column knows whether its part is required.
#[derive(Debug, Clone, Default)]
pub struct Overview {
    /// The pack's id and the genre's name (set by the pack's vocabulary).
    pub pack: String,
    pub name: String,
    pub columns: Vec<Column>,
    pub compare: Vec<Vec<Part>>,
    pub basis: Option<String>,
    /// The parts the pack requires, whose absence makes a report one with parts missing.
    pub required: Vec<Part>,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub label: String,
    /// The column's own part.
    pub part: Part,
    /// The parts that make it whole.
    pub whole: Vec<Part>,
    pub required: bool,
    pub lacking: String,
}

impl Overview {
    /// The section of a pack whose parts are `parts` (each with whether it is required,
    /// and its name). Without a section, a column per part under its name, and nothing
    /// compared.
    pub fn new(
        file: Option<OverviewFile>,
        parts: &[(Part, bool, &str)],
    ) -> Result<Overview, String> {
        let required: Vec<Part> = parts
            .iter()
            .filter(|&&(_, required, _)| required)
            .map(|&(part, ..)| part)
            .collect();
        let known = |p: &Part| parts.iter().any(|&(part, ..)| part == *p);
        let Some(file) = file else {
            return Ok(Overview {
                columns: parts
                    .iter()
                    .map(|&(p, r, name)| Column {
                        label: name.to_string(),
                        part: p,
                        whole: Vec::new(),
                        required: r,
                        lacking: String::new(),
                    })
                    .collect(),
                required,
                ..Overview::default()
            });
        };
        let named = file.columns.iter().flat_map(|c| &c.parts);
        if let Some(p) = named
            .chain(file.compare.iter().flatten())
            .find(|&p| !known(p))
        {
            return Err(format!("overview: 部分“{p}”不是本规则包定义的部分"));
        }
        let mut columns = Vec::new();
        for c in file.columns {
            let Some((&part, whole)) = c.parts.split_first() else {
                return Err(format!("overview.columns: 列“{}”没有写 parts", c.label));
            };
            columns.push(Column {
                label: c.label,
                part,
                whole: whole.to_vec(),
                required: required.contains(&part),
                lacking: c.lacking.unwrap_or_else(|| "不完整".to_string()),
            });
        }
        if file.compare.iter().any(Vec::is_empty) {
            return Err("overview.compare: 每一项至少写一个部分".to_string());
        }
        Ok(Overview {
            columns,
            compare: file.compare,
            basis: file.basis,
            required,
            ..Overview::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::vocab::{Vocab, VocabFile};

    fn p(id: &str) -> Part {
        Part::named(id)
    }

    #[test]
    fn the_fazhi_pack_shows_five_columns_and_compares_shortcomings_and_plan() {
        let v = Vocab::builtin();
        let o = &v.overview;
        let labels: Vec<&str> = o.columns.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "主要举措和成效",
                "存在的不足和原因",
                "主要负责人履职",
                "下一年度工作安排",
                "其他事项"
            ]
        );
        assert_eq!(o.columns[1].whole, [p("causes")]);
        assert_eq!(o.columns[1].lacking, "缺原因");
        let required: Vec<bool> = o.columns.iter().map(|c| c.required).collect();
        assert_eq!(required, [true, true, true, true, false]);
        assert_eq!(
            o.compare,
            [vec![p("shortcomings"), p("causes")], vec![p("plan")]]
        );
        let ids = ["measures", "shortcomings", "causes", "duties", "plan"];
        assert_eq!(o.required, ids.map(p));
    }

    #[test]
    fn the_xxgk_pack_shows_its_six_parts_and_compares_its_problems() {
        let (path, text, _) = crate::pack::builtin("xxgk").unwrap();
        let v = Vocab::load(path, text).unwrap();
        let parts: Vec<Part> = v.overview.columns.iter().map(|c| c.part).collect();
        assert_eq!(parts, v.part_ids().collect::<Vec<_>>());
        for c in &v.overview.columns {
            assert_eq!(c.label, v.label(c.part));
            assert!(c.required && c.whole.is_empty());
        }
        assert_eq!(v.overview.compare, [vec![p("problems")]]);
    }

    fn with_overview(section: &str) -> Result<Vocab, String> {
        let text = format!(
            "id: mini\nname: 小报告\nversion: \"1\"\nextends: fazhi\nparts:\n  - id: body\n    name: 正文\n    required: true\n  - id: note\n    name: 附记\n{section}"
        );
        let file: VocabFile = Vocab::read("mini/pack.yaml", &text).map_err(|e| e.to_string())?;
        Vocab::compile(file, crate::pack::pattern::Compile::Now)
    }

    #[test]
    fn without_a_section_each_part_is_a_column() {
        let v = with_overview("").unwrap();
        let cols: Vec<(&str, bool)> = v
            .overview
            .columns
            .iter()
            .map(|c| (c.label.as_str(), c.required))
            .collect();
        assert_eq!(cols, [("正文", true), ("附记", false)]);
        assert!(v.overview.compare.is_empty());
    }

    #[test]
    fn a_section_naming_an_unknown_part_or_an_empty_column_is_an_error() {
        let e =
            with_overview("overview:\n  columns:\n    - {label: 正文, parts: [body, causes]}\n")
                .unwrap_err();
        assert!(e.contains("“causes”不是本规则包定义的部分"), "{e}");
        let e = with_overview("overview:\n  columns: []\n  compare: [[plan]]\n").unwrap_err();
        assert!(e.contains("“plan”"), "{e}");
        let e = with_overview("overview:\n  columns:\n    - {label: 空, parts: []}\n").unwrap_err();
        assert!(e.contains("列“空”没有写 parts"), "{e}");
        let v = with_overview(
            "overview:\n  columns:\n    - {label: 全文, parts: [body, note], lacking: 缺附记}\n",
        )
        .unwrap();
        assert_eq!(v.overview.columns[0].whole, [p("note")]);
        assert_eq!(v.overview.columns[0].lacking, "缺附记");
    }
}
