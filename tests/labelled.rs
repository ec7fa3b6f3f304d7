//! Part recognition measured on a labelled set of our own
//! (tests/fixtures/labelled-headings.tsv): headings and run-in openers in the forms of
//! province, city, county, township and department reports, each with the part it
//! should get. The accuracy is stated in docs/design.md; the test fails below the floor.

use fzlint::Settings;
use fzlint::pack::Part;
use fzlint::rules::RuleSet;
use fzlint::text::source::Source;
use std::collections::BTreeSet;

/// The least share of the set that must be recognised right.
const FLOOR: f64 = 0.95;

const HEAD: &str = "青石县2024年法治政府建设年度报告
2024年,青石县扎实推进法治政府建设各项工作。现将有关情况报告如下:
";
const REST: &str = "二、存在的问题及原因
一是执法力量仍显薄弱,部分乡镇持证执法人员不足;二是普法形式较为单一。究其原因,主要是编制紧张、培训投入不够。
三、2025年工作安排
加强执法队伍建设,创新普法宣传方式。
";

/// The report a row is tried in, and the 1-based line the row is on.
fn report(form: &str, text: &str) -> (String, usize) {
    let measures = "一、主要举措和成效\n(一)健全依法决策机制。全年审查重大行政决策5件。\n";
    match form {
        "first" => (
            format!("{HEAD}一、{text}\n全年审查重大行政决策5件,合法性审查率100%。\n{REST}"),
            3,
        ),
        "bare" => (
            format!(
                "{HEAD}{text}
加强统筹谋划。全年召开会议4次,研究法治政府建设工作。
强化执法监督 执法行为更加规范
开展案卷评查。评查行政执法案卷120卷,发现问题18个。
存在的问题和不足
一是执法力量仍显薄弱;二是普法形式单一。究其原因,主要是编制紧张、培训投入不够。
2025年工作打算
加强执法队伍建设。组织执法人员轮训两期。
"
            ),
            3,
        ),
        "last" => (
            format!("{HEAD}{measures}{REST}四、{text}\n全年共完成相关工作12项。\n"),
            10,
        ),
        "sub" => (
            format!("{HEAD}{measures}(二){text}\n全年开展相关工作12次。\n{REST}"),
            5,
        ),
        "opener" => (format!("{HEAD}{measures}{text}\n{REST}"), 5),
        _ => panic!("unknown form {form}"),
    }
}

fn part_name(p: Option<Part>) -> String {
    p.map_or("none".into(), |p| format!("{p:?}").to_lowercase())
}

/// The parts fzlint gives the row's line: the parts found on it (a heading's title may
/// name two; a paragraph may open a part or hold its sentence), else its section's.
fn recognised(text: &str, line: usize) -> BTreeSet<String> {
    let set = RuleSet::builtin().unwrap();
    let src = Source::new("t.txt", text);
    let a = fzlint::analyse::analyse(&src, &set.vocab, &Settings::default());
    let Some(b) = (a.report.blocks.iter()).position(|blk| src.line_col(blk.span.start).0 == line)
    else {
        return BTreeSet::from(["(no block)".to_string()]);
    };
    let section = a.parts.part_of_block(&a.report, b);
    let found: BTreeSet<String> = a
        .parts
        .hits
        .iter()
        .filter(|h| h.block == b)
        .map(|h| part_name(Some(h.part)))
        .collect();
    if found.is_empty() {
        BTreeSet::from([part_name(section)])
    } else {
        found
    }
}

#[test]
fn part_recognition_on_the_labelled_set() {
    let tsv = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/labelled-headings.tsv"),
    )
    .unwrap();
    let rows: Vec<(&str, &str, &str)> = tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut f = l.splitn(3, '\t');
            let mut next = || f.next().unwrap_or_else(|| panic!("three fields: {l}"));
            (next(), next(), next())
        })
        .collect();
    assert!(rows.len() >= 150, "{} rows", rows.len());
    let forms: BTreeSet<&str> = rows.iter().map(|r| r.0).collect();
    assert_eq!(forms.len(), 5, "{forms:?}");
    let mut wrong = Vec::new();
    for &(form, part, text) in &rows {
        let (report, line) = report(form, text);
        let got = recognised(&report, line);
        if !got.contains(part) {
            wrong.push(format!("{form}\t{part}\t{text}\t→ {got:?}"));
        }
    }
    let accuracy = 1.0 - wrong.len() as f64 / rows.len() as f64;
    eprintln!(
        "part recognition: {}/{} right ({:.1}%)",
        rows.len() - wrong.len(),
        rows.len(),
        accuracy * 100.0
    );
    assert!(
        accuracy >= FLOOR,
        "accuracy {accuracy:.3} below {FLOOR}:\n{}",
        wrong.join("\n")
    );
}
