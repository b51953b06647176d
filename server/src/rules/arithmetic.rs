//! NB30x: the identities between cells (FORMAT §6): I1 per column of 表三 (printed in the
//! format), I2 results add up to （七）总计, I3 each row's 总计, I4 each group of 表四.
//! Cells that are blank, not numbers or unreadable are skipped: no sum is guessed.

use crate::diag::{Applicability, Diagnostic, Localized};
use crate::facts::{self, Total};
use crate::parse::{ApplicationsTable, CellValue, ValueCell};
use crate::rules::{replace_fix, Ctx, Rule};
use crate::spec::{RowRole, APPLICANT_COLUMNS, CARRIED_OUT, RESULTS_TOTAL, REVIEW_OUTCOMES};

pub(super) fn check(ctx: &mut Ctx) {
    if let Some(table) = &ctx.report.applications {
        let results = facts::results_totals(table);
        results_identity(ctx, &results);
        column_balance(ctx, table, &results);
        row_totals(ctx, table);
    }
    review_totals(ctx);
}

/// The sum to write into a total cell: keeps the digits' span so the unit (if any) survives.
fn total_fix(cell: &ValueCell, value: i64) -> Option<crate::diag::Fix> {
    let CellValue::Number(n) = &cell.value else {
        return None;
    };
    Some(replace_fix(
        n.digits,
        value.to_string(),
        Localized::new(
            format!("把总计改为计算值 {value}"),
            format!("Set the total to the computed {value}"),
        ),
        Applicability::Unsafe,
    ))
}

/// The total cell's number when it disagrees with the computed value.
fn wrong(total: &Total) -> Option<i64> {
    total.actual().filter(|a| *a != total.computed)
}

/// I2: （七）总计 per column against the sum of the result leaves.
fn results_identity(ctx: &mut Ctx, results: &[Total]) {
    for total in results {
        let Some(actual) = wrong(total) else {
            continue;
        };
        let (name, expected) = (total.column, total.computed);
        let mut d = Diagnostic::new(
            Rule::IdentityResults,
            total.cell.span,
            Localized::new(
                format!("「{RESULTS_TOTAL}」{name}列为 {actual}，但各办理结果之和为 {expected}"),
                format!(
                    "{RESULTS_TOTAL} in column {name} is {actual}, but the results add up to {expected}"
                ),
            ),
        );
        for leaf in &total.summands {
            let c = leaf.cell;
            if c.integer().is_some_and(|v| v != 0) {
                d = d.with_related(
                    c.span,
                    Localized::new(
                        format!("{}：{}", leaf.label, c.text),
                        format!("{}: {}", leaf.label, c.text),
                    ),
                );
            }
        }
        if let Some(fix) = total_fix(total.cell, expected) {
            d = d.with_fix(fix);
        }
        ctx.emit(d);
    }
}

/// I1, per column, on the printed cells: 一 + 二 = （七）总计 + 四. When I2 failed in the same
/// column and the results' sum balances 一 + 二 against 四, the printed （七）总计 is the one
/// wrong cell and NB302 already says so there: one cause, one finding.
fn column_balance(ctx: &mut Ctx, table: &ApplicationsTable, results: &[Total]) {
    if !table.sums_checkable() {
        return;
    }
    let first = |role| facts::rows_with_role(table, role).into_iter().next();
    let (Some(received), Some(carried_in), Some(total), Some(carried_out)) = (
        first(RowRole::Received),
        first(RowRole::CarriedIn),
        first(RowRole::ResultsTotal),
        first(RowRole::CarriedOut),
    ) else {
        return;
    };
    for (column, name) in APPLICANT_COLUMNS.iter().enumerate() {
        let cells = [
            &received.values[column],
            &carried_in.values[column],
            &total.values[column],
            &carried_out.values[column],
        ];
        let [Some(a), Some(b), Some(handled), Some(d)] = cells.map(|c| c.integer()) else {
            continue;
        };
        if a + b == handled + d {
            continue;
        }
        let results_sum = results
            .iter()
            .find(|r| r.column_index == column && r.disagrees())
            .map(|r| r.computed);
        if results_sum.is_some_and(|sum| a + b == sum + d) {
            continue;
        }
        let diag = Diagnostic::new(
            Rule::IdentityColumn,
            cells[0].span,
            Localized::new(
                format!(
                    "{name}列：本年新收 {a} + 上年结转 {b} = {}，但办理结果总计 {handled} + 结转下年度 {d} = {}（格式要求第一项加第二项之和等于第三项加第四项之和）",
                    a + b,
                    handled + d
                ),
                format!(
                    "Column {name}: received {a} + carried in {b} = {}, but results {handled} + carried out {d} = {} (the format requires 一 + 二 = 三 + 四)",
                    a + b,
                    handled + d
                ),
            ),
        )
        .with_related(cells[1].span, Localized::new("上年结转", "carried in"))
        .with_related(cells[2].span, Localized::new(RESULTS_TOTAL, RESULTS_TOTAL))
        .with_related(cells[3].span, Localized::new(CARRIED_OUT, "carried out"));
        ctx.emit(diag);
    }
}

/// I3: each row's 总计 is the sum of the six applicant columns.
fn row_totals(ctx: &mut Ctx, table: &ApplicationsTable) {
    for total in facts::row_totals(table) {
        let Some(actual) = wrong(&total) else {
            continue;
        };
        let (row, expected) = (total.row, total.computed);
        let mut d = Diagnostic::new(
            Rule::IdentityRow,
            total.cell.span,
            Localized::new(
                format!("“{row}”一行的总计为 {actual}，但各类申请人之和为 {expected}"),
                format!("The row “{row}” has 总计 {actual}, but the applicant columns add up to {expected}"),
            ),
        );
        if let Some(fix) = total_fix(total.cell, expected) {
            d = d.with_fix(fix);
        }
        ctx.emit(d);
    }
}

/// I4: in 表四 each group's 总计 is 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
fn review_totals(ctx: &mut Ctx) {
    let Some(table) = &ctx.report.reviews else {
        return;
    };
    for total in facts::review_totals(table) {
        let Some(actual) = wrong(&total) else {
            continue;
        };
        let (group, expected) = (total.row, total.computed);
        let outcomes = REVIEW_OUTCOMES[..REVIEW_OUTCOMES.len() - 1].join("、");
        let mut d = Diagnostic::new(
            Rule::IdentityReview,
            total.cell.span,
            Localized::new(
                format!("“{group}”的总计为 {actual}，但{outcomes}之和为 {expected}"),
                format!("“{group}” 总计 is {actual}, but upheld + corrected + other + pending = {expected}"),
            ),
        );
        if let Some(fix) = total_fix(total.cell, expected) {
            d = d.with_fix(fix);
        }
        ctx.emit(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::findings;
    use crate::rules::Rule;
    use crate::spec::{application_rows, Layout};

    /// A 2021 表三 in tab layout; `cells(label)` gives the 7 values of each data row.
    pub fn applications(cells: impl Fn(&str) -> [i64; 7]) -> String {
        let mut out = String::from("某局2023年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\n\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n");
        for row in application_rows(Layout::Y2021) {
            out.push_str(row.label);
            if row.is_data() {
                for v in cells(row.label) {
                    out.push_str(&format!("\t{v}"));
                }
            }
            out.push('\n');
        }
        out
    }

    fn balanced(label: &str) -> [i64; 7] {
        match label {
            l if l.starts_with("一、") || l.starts_with("（一）") || l.starts_with("（七）") => {
                [2, 1, 0, 0, 0, 0, 3]
            }
            _ => [0; 7],
        }
    }

    #[test]
    fn balanced_table_passes() {
        let text = applications(balanced);
        for rule in [
            Rule::IdentityColumn,
            Rule::IdentityResults,
            Rule::IdentityRow,
            Rule::BlankCell,
            Rule::RowMissing,
        ] {
            assert!(
                findings(&text, rule).is_empty(),
                "{rule:?}: {:?}",
                findings(&text, rule)
            );
        }
    }

    #[test]
    fn results_not_adding_up() {
        let text = applications(|l| {
            if l.starts_with("6.") {
                [10, 0, 0, 0, 0, 0, 10]
            } else {
                balanced(l)
            }
        });
        let found = findings(&text, Rule::IdentityResults);
        assert_eq!(found.len(), 2, "自然人 and 总计 columns");
        assert!(
            found[0]
                .message
                .zh
                .contains("「（七）总计」自然人列为 2，但各办理结果之和为 12"),
            "{}",
            found[0].message.zh
        );
        // One wrong leaf is one cause: the printed 一 + 二 = （七） + 四 still holds, so NB301
        // stays silent rather than quoting a sum that is not in the document.
        assert!(findings(&text, Rule::IdentityColumn).is_empty());
    }

    #[test]
    fn the_column_identity_quotes_printed_cells() {
        // （七）总计 printed as 3 is right by its leaves, but 一 + 二 = 4: I1 fails, I2 holds.
        let text = applications(|l| match l {
            l if l.starts_with("一、") => [3, 1, 0, 0, 0, 0, 4],
            l => balanced(l),
        });
        let found = findings(&text, Rule::IdentityColumn);
        assert_eq!(found.len(), 2, "自然人 and 总计 columns");
        assert!(
            found[1]
                .message
                .zh
                .contains("本年新收 4 + 上年结转 0 = 4，但办理结果总计 3"),
            "{}",
            found[1].message.zh
        );
        assert!(findings(&text, Rule::IdentityResults).is_empty());
    }

    #[test]
    fn sums_abstain_on_a_table_read_with_doubt() {
        // A local row carrying numbers: the table's sums are not checked at all, though a
        // result does not add up; the unknown row is reported on its own.
        let text = applications(|l| {
            if l.starts_with("6.") {
                [10, 0, 0, 0, 0, 0, 10]
            } else {
                balanced(l)
            }
        })
        .replace(
            "（七）总计",
            "本机关自定义的统计行\t1\t0\t0\t0\t0\t0\t1\n（七）总计",
        );
        assert!(findings(&text, Rule::IdentityResults).is_empty());
        assert!(findings(&text, Rule::IdentityColumn).is_empty());
        assert!(findings(&text, Rule::IdentityRow).is_empty());
        assert_eq!(findings(&text, Rule::RowUnknown).len(), 1);
    }

    #[test]
    fn a_wrong_results_total_is_reported_once() {
        // Received 10, results add up to 10, but （七）总计 says 0: I2 fails, I1 holds.
        let text = applications(|l| match l {
            l if l.starts_with("一、") || l.starts_with("6.") => [10, 0, 0, 0, 0, 0, 10],
            _ => [0; 7],
        });
        assert_eq!(findings(&text, Rule::IdentityResults).len(), 2);
        assert!(findings(&text, Rule::IdentityColumn).is_empty());
    }

    #[test]
    fn column_balance() {
        let text = applications(|l| {
            if l.starts_with("四、") {
                [1, 0, 0, 0, 0, 0, 1]
            } else {
                balanced(l)
            }
        });
        let found = findings(&text, Rule::IdentityColumn);
        assert_eq!(found.len(), 2);
        assert!(findings(&text, Rule::IdentityResults).is_empty());
    }

    #[test]
    fn row_total() {
        let text = applications(|l| {
            if l.starts_with("二、") {
                [1, 1, 0, 0, 0, 0, 3]
            } else {
                balanced(l)
            }
        });
        let found = findings(&text, Rule::IdentityRow);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].fixes[0].edits[0].replacement, "2");
    }

    #[test]
    fn review_groups() {
        let table = |row: &str| {
            format!("某局2023年政府信息公开工作年度报告\n\n四、政府信息公开行政复议、行政诉讼情况\n\n行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n{row}\n")
        };
        assert!(findings(
            &table("1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"),
            Rule::IdentityReview
        )
        .is_empty());
        let found = findings(
            &table("1\t1\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"),
            Rule::IdentityReview,
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].message.zh.contains("行政复议"));
    }
}
