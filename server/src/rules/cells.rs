//! NB31x: every data cell holds a number of the right kind: not blank (blank ≠ 0), a number,
//! not negative, no unit inside, whole where it counts, at most four decimals for money.

use crate::diag::{Applicability, Diagnostic, Edit, Fix, Locale, Localized, Span};
use crate::parse::cells::is_not_applicable_mark;
use crate::parse::{CellValue, DataRow, ValueCell};
use crate::rules::{replace_fix, Ctx, Rule};
use crate::spec::{
    ValueKind, AMOUNT_MAX_DECIMALS, APPLICANT_COLUMNS, CHANGE_COLUMN_2019, REVIEW_GROUPS,
    REVIEW_OUTCOMES, REVIEW_ROW_NAME,
};

/// A row of cells to check, with what each column must hold and what to call it.
struct Row<'a> {
    label: String,
    label_span: Span,
    cells: Vec<(&'a ValueCell, ValueKind, String)>,
    /// Rows the format lacks follow it, carrying the numbers (a local breakdown, NB206): a row
    /// with no values of its own is their group label, not a row left empty.
    local_breakdown: bool,
}

pub(super) fn check(ctx: &mut Ctx) {
    for row in rows(ctx) {
        blanks(ctx, &row);
        not_applicable(ctx, &row);
        for (cell, kind, column) in &row.cells {
            value(ctx, &row.label, cell, *kind, column);
        }
    }
}

fn rows<'a>(ctx: &Ctx<'a>) -> Vec<Row<'a>> {
    let report = ctx.report;
    let mut out = Vec::new();
    if let Some(t) = &report.proactive {
        for b in &t.blocks {
            let Some(spec) = b.spec() else {
                continue;
            };
            for (k, r) in b.rows.iter().enumerate() {
                let next_row = b.rows.get(k + 1).map_or(usize::MAX, |n| n.label.span.start);
                let local_breakdown = b
                    .unknown_rows
                    .iter()
                    .any(|u| u.span.start > r.label.span.start && u.span.start < next_row);
                out.push(Row {
                    label: r.label.official.to_string(),
                    label_span: r.label.span,
                    local_breakdown,
                    cells: r
                        .values
                        .iter()
                        .zip(spec.columns)
                        .map(|(v, c)| (v, c.kind, c.header.to_string()))
                        .collect(),
                });
            }
        }
    }
    if let Some(t) = &report.applications {
        for r in &t.rows {
            out.push(applicant_row(r));
        }
    }
    if let Some(t) = &report.reviews {
        let names: Vec<String> = REVIEW_GROUPS
            .iter()
            .flat_map(|g| REVIEW_OUTCOMES.iter().map(move |o| format!("{g}·{o}")))
            .collect();
        out.push(Row {
            label: REVIEW_ROW_NAME.to_string(),
            local_breakdown: false,
            label_span: t.headers.first().map_or(t.span, |h| h.span),
            cells: t
                .values
                .iter()
                .zip(names)
                .map(|(v, n)| (v, ValueKind::Count, n))
                .collect(),
        });
    }
    out
}

fn applicant_row(r: &DataRow) -> Row<'_> {
    Row {
        label: r.label.official.to_string(),
        label_span: r.label.span,
        local_breakdown: false,
        cells: r
            .values
            .iter()
            .zip(APPLICANT_COLUMNS)
            .map(|(v, c)| (v, ValueKind::Count, c.to_string()))
            .collect(),
    }
}

/// One finding per row for its blank cells, with a fix filling each with 0; and one for a row
/// that stops short of its columns, which cannot say which column lacks its value.
fn blanks(ctx: &mut Ctx, row: &Row) {
    let absent = row
        .cells
        .iter()
        .filter(|(c, _, _)| c.value == CellValue::Absent)
        .count();
    let group_of_local_rows = absent == row.cells.len() && row.local_breakdown;
    if absent > 0 && !group_of_local_rows {
        short_row(ctx, row, absent);
    }
    let blank: Vec<&(&ValueCell, ValueKind, String)> = row
        .cells
        .iter()
        .filter(|(c, _, _)| c.value == CellValue::Blank)
        .collect();
    if blank.is_empty() {
        return;
    }
    let columns: Vec<&str> = blank.iter().map(|(_, _, name)| name.as_str()).collect();
    let span = if blank.len() == 1 && !blank[0].0.span.is_empty() {
        blank[0].0.span
    } else {
        row.label_span
    };
    let mut d = Diagnostic::new(
        Rule::BlankCell,
        span,
        Localized::new(
            format!(
                "“{}”一行的{}为空；空白不等于 0，没有发生的应填 0",
                row.label,
                shown_columns(&columns, Locale::Zh)
            ),
            format!(
                "In the row “{}”, {} {} blank; blank is not 0: report none as 0",
                row.label,
                shown_columns(&columns, Locale::En),
                if columns.len() == 1 { "is" } else { "are" }
            ),
        ),
    );
    for (cell, _, name) in &blank {
        d = d.with_related(
            cell.span,
            Localized::new(format!("空白：{name}"), format!("blank: {name}")),
        );
    }
    // Writing a number the author did not write changes what the report says: a blank may be
    // a value deleted by mistake as well as a case that did not happen. A person decides.
    d = d.with_fix(Fix {
        title: Localized::new("空白处填 0", "Fill the blanks with 0"),
        applicability: Applicability::Unsafe,
        edits: blank
            .iter()
            .map(|(c, _, _)| Edit::insert(c.span.start, "0"))
            .collect(),
    });
    ctx.emit(d);
}

/// A row with fewer values than columns and nothing in the text marking where the gap is
/// (values separated by spaces, or a row that simply ends): say how many values it lacks,
/// never which column. The person writes the separators, so no fix is offered.
fn short_row(ctx: &mut Ctx, row: &Row, absent: usize) {
    let columns = row.cells.len();
    let message = if absent == columns {
        Localized::new(
            format!(
                "“{}”一行没有数值；格式有 {columns} 列，没有发生的应填 0",
                row.label
            ),
            format!(
                "The row “{}” has no values; the format has {columns} columns: report none as 0",
                row.label
            ),
        )
    } else {
        let present = columns - absent;
        Localized::new(
            format!(
                "“{}”一行只有 {present} 个数值，格式有 {columns} 列（少 {absent} 个）；从文字看不出缺的是哪一列，请逐列补齐，没有发生的填 0",
                row.label
            ),
            format!(
                "The row “{}” has {present} values for {columns} columns ({absent} missing); the text does not show which column lacks its value: fill every column, 0 for none",
                row.label
            ),
        )
    };
    ctx.emit(Diagnostic::new(Rule::BlankCell, row.label_span, message));
}

/// One finding per row for its not-applicable marks (`/`, `—`): the format has none, and a
/// case that did not happen is 0.
fn not_applicable(ctx: &mut Ctx, row: &Row) {
    let marks: Vec<&(&ValueCell, ValueKind, String)> = row
        .cells
        .iter()
        .filter(|(c, _, _)| c.value == CellValue::NotNumber && is_not_applicable_mark(&c.text))
        .collect();
    let Some(first) = marks.first() else {
        return;
    };
    let columns: Vec<&str> = marks.iter().map(|(_, _, name)| name.as_str()).collect();
    let written = &first.0.text;
    let span = if marks.len() == 1 {
        first.0.span
    } else {
        row.label_span
    };
    let mut d = Diagnostic::new(
        Rule::NotNumber,
        span,
        Localized::new(
            format!(
                "“{}”一行的{}填的是“{written}”，不是数字；格式没有不适用标记，没有发生的应填 0",
                row.label,
                shown_columns(&columns, Locale::Zh)
            ),
            format!(
                "In the row “{}”, {} {} “{written}”, not a number; the format has no N/A mark: report none as 0",
                row.label,
                shown_columns(&columns, Locale::En),
                if columns.len() == 1 { "holds" } else { "hold" }
            ),
        ),
    );
    for (cell, _, name) in &marks {
        d = d.with_related(
            cell.span,
            Localized::new(
                format!("{name}：{}", cell.text),
                format!("{name}: {}", cell.text),
            ),
        );
    }
    ctx.emit(
        d.with_fix(Fix {
            title: Localized::new("改为 0", "Change to 0"),
            applicability: Applicability::Unsafe,
            edits: marks
                .iter()
                .map(|(c, _, _)| Edit::replace(c.span, "0"))
                .collect(),
        }),
    );
}

/// Column names for a message: all of them, or the first three and how many more.
fn shown_columns(columns: &[&str], locale: Locale) -> String {
    match locale {
        Locale::Zh if columns.len() > 4 => {
            format!("{} 等 {} 列", columns[..3].join("、"), columns.len())
        }
        Locale::Zh => columns.join("、"),
        Locale::En if columns.len() > 4 => {
            format!("{} and {} more", columns[..3].join(", "), columns.len() - 3)
        }
        Locale::En => columns.join(", "),
    }
}

fn value(ctx: &mut Ctx, label: &str, cell: &ValueCell, kind: ValueKind, column: &str) {
    let number = match &cell.value {
        // Marks like `/` are reported once per row (`not_applicable`).
        CellValue::NotNumber if is_not_applicable_mark(&cell.text) => return,
        CellValue::NotNumber => {
            let d = Diagnostic::new(
                Rule::NotNumber,
                cell.span,
                Localized::new(
                    format!("“{label}”一行“{column}”列的“{}”不是数字；格式没有不适用标记，没有发生的应填 0", cell.text),
                    format!("“{}” in row “{label}”, column “{column}” is not a number; the format has no N/A mark: report none as 0", cell.text),
                ),
            );
            ctx.emit(d);
            return;
        }
        CellValue::Number(n) => n,
        _ => return,
    };
    if number.negative && kind != ValueKind::SignedCount {
        ctx.emit(Diagnostic::new(
            Rule::NegativeCount,
            cell.span,
            Localized::new(
                format!(
                    "“{label}”一行“{column}”列为负数 {}；只有2019年格式的“{CHANGE_COLUMN_2019}”可以为负",
                    cell.text
                ),
                format!(
                    "“{label}”, “{column}” is negative ({}); only the 2019 column {CHANGE_COLUMN_2019} may be",
                    cell.text
                ),
            ),
        ));
    }
    if let Some(unit) = &number.unit {
        unit_in_cell(
            ctx,
            label,
            cell,
            kind,
            column,
            &unit.value,
            Span::new(number.digits.end, unit.span.end),
        );
    }
    match kind {
        ValueKind::Count | ValueKind::SignedCount if number.integer.is_none() => {
            ctx.emit(Diagnostic::new(
                Rule::NotInteger,
                cell.span,
                Localized::new(
                    format!("“{label}”一行“{column}”列为 {}，件数应为整数", cell.text),
                    format!(
                        "“{label}”, “{column}” is {}; counts are whole numbers",
                        cell.text
                    ),
                ),
            ));
        }
        ValueKind::Amount { unit: Some(_) } if number.decimals > AMOUNT_MAX_DECIMALS => {
            ctx.emit(Diagnostic::new(
                Rule::TooManyDecimals,
                cell.span,
                Localized::new(
                    format!(
                        "“{column}”为 {}，有 {} 位小数；以万元为单位时 {AMOUNT_MAX_DECIMALS} 位小数已精确到元",
                        cell.text, number.decimals
                    ),
                    format!(
                        "“{column}” is {} with {} decimals; in 万元, {AMOUNT_MAX_DECIMALS} decimals are exact to the yuan",
                        cell.text, number.decimals
                    ),
                ),
            ));
        }
        _ => {}
    }
}

const COUNT_UNITS: [&str; 6] = ["件", "个", "项", "条", "次", "份"];

fn unit_in_cell(
    ctx: &mut Ctx,
    label: &str,
    cell: &ValueCell,
    kind: ValueKind,
    column: &str,
    unit: &str,
    unit_span: Span,
) {
    let mut d = Diagnostic::new(
        Rule::UnitInCell,
        cell.span,
        Localized::new(
            format!("“{label}”一行“{column}”列写了单位“{unit}”；单元格只填数字，单位由表头说明"),
            format!("“{label}”, “{column}” contains the unit “{unit}”; cells hold numbers, the header gives the unit"),
        ),
    );
    let drop = Localized::new(
        format!("去掉单位“{unit}”"),
        format!("Remove the unit “{unit}”"),
    );
    match kind {
        ValueKind::Count | ValueKind::SignedCount if COUNT_UNITS.contains(&unit) => {
            d = d.with_fix(replace_fix(unit_span, "", drop, Applicability::Safe));
        }
        ValueKind::Amount { unit: Some(header) } if header == unit => {
            d = d.with_fix(replace_fix(unit_span, "", drop, Applicability::Safe));
        }
        ValueKind::Amount {
            unit: Some("万元")
        } if unit == "元" => {
            if let Some(converted) = yuan_to_wan(&ctx.text[cell.span.start..unit_span.start]) {
                d = d.with_fix(replace_fix(
                    cell.span,
                    converted.clone(),
                    Localized::new(
                        format!("换算为 {converted} 万元"),
                        format!("Convert to {converted} 万元"),
                    ),
                    Applicability::Unsafe,
                ));
            }
        }
        _ => {}
    }
    ctx.emit(d);
}

/// `251000` (元) → `25.1` (万元), exactly, by moving the decimal point four places.
fn yuan_to_wan(number: &str) -> Option<String> {
    let number = number.trim().replace(',', "");
    let (int, frac) = number.split_once('.').unwrap_or((&number, ""));
    if int.is_empty() || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let padded = format!("{int:0>5}");
    let (head, tail) = padded.split_at(padded.len() - 4);
    let head = head.trim_start_matches('0');
    let fraction = format!("{tail}{frac}");
    let fraction = fraction.trim_end_matches('0');
    let head = if head.is_empty() { "0" } else { head };
    Some(if fraction.is_empty() {
        head.to_string()
    } else {
        format!("{head}.{fraction}")
    })
}

#[cfg(test)]
mod tests {
    use super::yuan_to_wan;
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    fn with_block(rows: &str) -> String {
        format!("某局2023年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n{rows}\n第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t0\n")
    }

    const GOOD: &str = "规章\t0\t0\t0\n行政规范性文件\t1\t0\t3";

    #[test]
    fn blank_cells_get_zero() {
        assert!(findings(&with_block(GOOD), Rule::BlankCell).is_empty());
        let text = with_block("规章\t0\t\t0\n行政规范性文件\t1\t0\t3");
        let found = findings(&text, Rule::BlankCell);
        assert_eq!(found.len(), 1);
        // Not a safe fix: it writes a number.
        assert_eq!(crate::fix::apply_safe_fixes(&text, &found).1, 0);
        let fix = &found[0].fixes[0];
        assert_eq!(fix.applicability, crate::diag::Applicability::Unsafe);
        let (fixed, n) = crate::fix::apply_edits(&text, &fix.edits);
        assert_eq!(n, 1);
        assert!(fixed.contains("规章\t0\t0\t0"));
    }

    #[test]
    fn a_row_broken_down_into_local_rows_is_their_group_label() {
        let text = with_block("规章\t0\t0\t0\n行政规范性文件\n本级制发\t1\t0\t3");
        assert!(findings(&text, Rule::BlankCell).is_empty());
        assert_eq!(findings(&text, Rule::RowUnknown).len(), 1);
        // Without the local rows the same row is empty.
        let text = with_block("规章\t0\t0\t0\n行政规范性文件");
        assert_eq!(findings(&text, Rule::BlankCell).len(), 1);
    }

    #[test]
    fn marks_are_one_finding_per_row() {
        let text = with_block("规章 / / /\n行政规范性文件\t1\t0\t3");
        let found = findings(&text, Rule::NotNumber);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0]
            .message
            .zh
            .contains("“规章”一行的本年制发件数、本年废止件数、现行有效件数填的是“/”"));
        assert_eq!(found[0].fixes[0].edits.len(), 3);
        // The row is still a row.
        assert!(findings(&text, Rule::RowMissing).is_empty());
    }

    #[test]
    fn a_short_row_says_how_many_values_it_lacks_not_which() {
        let text = with_block("规章 0 0\n行政规范性文件\t1\t0\t3");
        let found = findings(&text, Rule::BlankCell);
        assert_eq!(found.len(), 1);
        let zh = &found[0].message.zh;
        assert!(zh.contains("只有 2 个数值，格式有 3 列（少 1 个）"), "{zh}");
        assert!(!zh.contains("现行有效件数"), "{zh}");
        assert!(found[0].fixes.is_empty());
    }

    #[test]
    fn not_a_number() {
        assert!(findings(&with_block(GOOD), Rule::NotNumber).is_empty());
        assert_eq!(
            findings(
                &with_block("规章\t/\t0\t0\n行政规范性文件\t1\t0\t3"),
                Rule::NotNumber
            )
            .len(),
            1
        );
    }

    #[test]
    fn negative_count() {
        assert!(findings(&with_block(GOOD), Rule::NegativeCount).is_empty());
        assert_eq!(
            findings(
                &with_block("规章\t-1\t0\t0\n行政规范性文件\t1\t0\t3"),
                Rule::NegativeCount
            )
            .len(),
            1
        );
    }

    #[test]
    fn unit_in_cell() {
        assert!(findings(&with_block(GOOD), Rule::UnitInCell).is_empty());
        let text = with_block("规章\t2件\t0\t0\n行政规范性文件\t1\t0\t3");
        let found = findings(&text, Rule::UnitInCell);
        assert_eq!(found.len(), 1);
        let (fixed, _) = crate::fix::apply_safe_fixes(&text, &found);
        assert!(fixed.contains("规章\t2\t0\t0"));
        assert_eq!(yuan_to_wan("251000").as_deref(), Some("25.1"));
        assert_eq!(yuan_to_wan("5394432.52").as_deref(), Some("539.443252"));
        assert_eq!(yuan_to_wan("300").as_deref(), Some("0.03"));
    }

    #[test]
    fn too_many_decimals() {
        assert!(findings(&with_block(GOOD), Rule::TooManyDecimals).is_empty());
        let text = with_block(GOOD).replace("行政事业性收费\t0", "行政事业性收费\t24252.311082");
        assert_eq!(findings(&text, Rule::TooManyDecimals).len(), 1);
    }

    #[test]
    fn not_integer() {
        assert!(findings(&with_block(GOOD), Rule::NotInteger).is_empty());
        assert_eq!(
            findings(
                &with_block("规章\t1.5\t0\t0\n行政规范性文件\t1\t0\t3"),
                Rule::NotInteger
            )
            .len(),
            1
        );
    }
}
