use super::*;

fn raw(columns: usize, rows: usize, data: &'static str) -> RawCell<&'static str> {
    RawCell {
        columns,
        rows,
        data,
    }
}

#[test]
fn merged_cells_take_their_places_as_in_html() {
    // A two-row header: 申请人 over 自然人 and 法人 (法人 over two), 项目 down two rows.
    let rows = vec![
        vec![raw(1, 2, "项目"), raw(3, 1, "申请人")],
        vec![raw(1, 1, "自然人"), raw(2, 1, "法人")],
        vec![
            raw(1, 1, "一"),
            raw(1, 1, "1"),
            raw(1, 1, "2"),
            raw(1, 1, "3"),
        ],
    ];
    let (placed, width) = place(rows);
    let got: Vec<_> = placed
        .iter()
        .map(|p| (p.row, p.column, p.rows, p.columns, p.data))
        .collect();
    assert_eq!(width, 4);
    assert_eq!(
        got,
        [
            (0, 0, 2, 1, "项目"),
            (0, 1, 1, 3, "申请人"),
            (1, 1, 1, 1, "自然人"),
            (1, 2, 1, 2, "法人"),
            (2, 0, 1, 1, "一"),
            (2, 1, 1, 1, "1"),
            (2, 2, 1, 1, "2"),
            (2, 3, 1, 1, "3"),
        ]
    );
}

#[test]
fn spans_are_bounded() {
    // A row span beyond the table ends at its last row; a column span at the widest grid.
    let rows = vec![
        vec![raw(0, 1000, "a"), raw(usize::MAX, 1, "b")],
        vec![raw(1, 1, "c")],
    ];
    let (placed, width) = place(rows);
    assert_eq!(width, MAX_COLUMNS);
    assert_eq!((placed[0].rows, placed[0].columns), (2, 1));
    assert_eq!((placed[1].column, placed[1].columns), (1, MAX_COLUMNS - 1));
    assert_eq!((placed[2].row, placed[2].column), (1, 1));
}

#[test]
fn pipe_tables_are_found_with_their_cells() {
    let text =
        "三、申请情况\n| 项目 | 自然人 | 总计 |\n|---|:-:|---|\n| 一、新收 | 3 |  |\n正文。\n";
    let tables = text_tables(text);
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert_eq!((t.rows, t.columns, t.lines.clone()), (2, 3, 1..4));
    assert_eq!(
        t.describe(text),
        [
            (0, 0, 1, 1, "项目"),
            (0, 1, 1, 1, "自然人"),
            (0, 2, 1, 1, "总计"),
            (1, 0, 1, 1, "一、新收"),
            (1, 1, 1, 1, "3"),
            (1, 2, 1, 1, ""),
        ]
    );
}

#[test]
fn tab_rows_are_a_table_from_two_lines_on() {
    let text = "一、总体情况\n项目\t自然人\t总计\n三、办理结果\t\t\n(一)予以公开\t2\t2\n\t缩进的段落\n单独\t一行\n";
    let tables = text_tables(text);
    assert_eq!(tables.len(), 1, "{tables:?}");
    let t = &tables[0];
    // The label row with empty cells goes on with the run; the indented line ends it.
    assert_eq!((t.rows, t.columns, t.lines.clone()), (3, 3, 1..4));
    assert_eq!(
        &t.describe(text)[3..],
        [
            (1, 0, 1, 1, "三、办理结果"),
            (1, 1, 1, 1, ""),
            (1, 2, 1, 1, ""),
            (2, 0, 1, 1, "(一)予以公开"),
            (2, 1, 1, 1, "2"),
            (2, 2, 1, 1, "2")
        ]
    );
    // A single tab row, or a label alone, is no table.
    assert!(text_tables("单独\t一行\n正文\n").is_empty());
    assert!(text_tables("标签\t\n标签\t\n").is_empty());
}

#[test]
fn lines_of_tables_are_known_to_the_source() {
    let src = crate::text::Source::new("t.txt", "标题\n| a | b |\n| 1 | 2 |\n正文\n");
    let lines: Vec<bool> = (0..4).map(|l| src.in_table(l)).collect();
    assert_eq!(lines, [false, true, true, false]);
}

#[test]
fn a_table_inside_another_leaves_the_outer_lines_in_a_table() {
    let mut src = crate::text::Source::new("t.docx", "a\nb\nc\nd\ne\nf\ng\n");
    let table = |lines: Range<usize>| Table {
        lines,
        ..Table::default()
    };
    // The inner table (lines 2 to 3) comes first, as a reader closes it first.
    src.set_tables(vec![table(2..4), table(1..6)]);
    let lines: Vec<bool> = (0..7).map(|l| src.in_table(l)).collect();
    assert_eq!(lines, [false, true, true, true, true, true, false]);
    assert_eq!(src.tables[0].lines, 1..6);
}
