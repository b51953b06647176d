//! What follows from a read report by arithmetic alone: the value every total cell should hold
//! (the identities I2–I4 of FORMAT §6). The arithmetic rules report the totals that disagree
//! with it; the language server shows it beside the cells.
//!
//! A total is computed only when every summand holds a whole number: blank, absent, non-number
//! and unreadable cells are never taken for 0; and only for a table read with the certainty
//! sums need (`sums_checkable`): no total at all for a table with unknown or missing rows.

use crate::parse::{ApplicationsTable, DataRow, Report, ReviewsTable, ValueCell};
use crate::spec::{
    application_rows, Identity, RowRole, APPLICANT_COLUMNS, APPLICANT_TOTAL_COLUMN, REVIEW_GROUPS,
    REVIEW_OUTCOMES,
};

/// One cell added into a total, with the official label that names it within the sum (the
/// row for a column sum, the column for a row sum).
#[derive(Debug, Clone, Copy)]
pub struct Summand<'r> {
    pub label: &'static str,
    pub cell: &'r ValueCell,
}

/// A total cell and the value its identity gives it.
#[derive(Debug, Clone)]
pub struct Total<'r> {
    pub identity: Identity,
    /// The total cell as read.
    pub cell: &'r ValueCell,
    /// The official label of the row the cell is in (表三), or of its group (表四).
    pub row: &'static str,
    /// The official header of the cell's column.
    pub column: &'static str,
    /// The column's index among the row's values (表三: in [`APPLICANT_COLUMNS`]; 表四: among
    /// the 15 values).
    pub column_index: usize,
    /// The sum of the summands.
    pub computed: i64,
    pub summands: Vec<Summand<'r>>,
}

impl Total<'_> {
    /// The whole number written in the total cell, if any.
    pub fn actual(&self) -> Option<i64> {
        self.cell.integer()
    }

    /// Whether the cell holds a whole number other than the computed value.
    pub fn disagrees(&self) -> bool {
        self.actual().is_some_and(|a| a != self.computed)
    }
}

/// Every computable total of the report: 表三's （七）总计 per column (I2), then each 表三
/// row's 总计 (I3), then each 表四 group's 总计 (I4).
pub fn totals(report: &Report) -> Vec<Total<'_>> {
    let mut out = Vec::new();
    if let Some(table) = &report.applications {
        out.extend(results_totals(table));
        out.extend(row_totals(table));
    }
    if let Some(table) = &report.reviews {
        out.extend(review_totals(table));
    }
    out
}

/// The data rows of 表三 that play `role` in the layout the table was checked against.
pub fn rows_with_role(table: &ApplicationsTable, role: RowRole) -> Vec<&DataRow> {
    let spec = application_rows(table.checked_as);
    table
        .rows
        .iter()
        .filter(|r| {
            spec.iter()
                .any(|s| s.label == r.label.official && s.role == role)
        })
        .collect()
}

/// The sum of the cells, or `None` when one of them has no whole-number value.
fn sum<'a>(cells: impl IntoIterator<Item = &'a ValueCell>) -> Option<i64> {
    cells
        .into_iter()
        .try_fold(0i64, |acc, c| c.integer().map(|v| acc.saturating_add(v)))
}

/// I2: in each column of 表三, （七）总计 is the sum of the result leaves.
pub fn results_totals(table: &ApplicationsTable) -> Vec<Total<'_>> {
    if !table.sums_checkable() {
        return Vec::new();
    }
    let leaves = rows_with_role(table, RowRole::Result);
    let Some(total_row) = rows_with_role(table, RowRole::ResultsTotal)
        .first()
        .copied()
    else {
        return Vec::new();
    };
    if leaves.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (column, name) in APPLICANT_COLUMNS.iter().enumerate() {
        let (Some(cell), Some(computed)) = (
            total_row.values.get(column),
            sum(leaves.iter().filter_map(|r| r.values.get(column))),
        ) else {
            continue;
        };
        if leaves.iter().any(|r| r.values.get(column).is_none()) {
            continue;
        }
        out.push(Total {
            identity: Identity::ResultsSum,
            cell,
            row: total_row.label.official,
            column: name,
            column_index: column,
            computed,
            summands: leaves
                .iter()
                .map(|r| Summand {
                    label: r.label.official,
                    cell: &r.values[column],
                })
                .collect(),
        });
    }
    out
}

/// I3: each row's 总计 is the sum of the six applicant columns.
pub fn row_totals(table: &ApplicationsTable) -> Vec<Total<'_>> {
    if !table.sums_checkable() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for row in &table.rows {
        let Some(cell) = row.values.get(APPLICANT_TOTAL_COLUMN) else {
            continue;
        };
        let parts = &row.values[..APPLICANT_TOTAL_COLUMN];
        let Some(computed) = sum(parts) else {
            continue;
        };
        out.push(Total {
            identity: Identity::RowSum,
            cell,
            row: row.label.official,
            column: APPLICANT_COLUMNS[APPLICANT_TOTAL_COLUMN],
            column_index: APPLICANT_TOTAL_COLUMN,
            computed,
            summands: parts
                .iter()
                .zip(APPLICANT_COLUMNS)
                .map(|(cell, label)| Summand { label, cell })
                .collect(),
        });
    }
    out
}

/// I4: in 表四 each group's 总计 is 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
pub fn review_totals(table: &ReviewsTable) -> Vec<Total<'_>> {
    let width = REVIEW_OUTCOMES.len();
    if !table.sums_checkable() || table.values.len() < REVIEW_GROUPS.len() * width {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (g, group) in REVIEW_GROUPS.iter().enumerate() {
        let cells = &table.values[g * width..(g + 1) * width];
        let Some(computed) = sum(&cells[..width - 1]) else {
            continue;
        };
        out.push(Total {
            identity: Identity::ReviewSum,
            cell: &cells[width - 1],
            row: group,
            column: REVIEW_OUTCOMES[width - 1],
            column_index: g * width + width - 1,
            computed,
            summands: cells[..width - 1]
                .iter()
                .zip(REVIEW_OUTCOMES)
                .map(|(cell, label)| Summand { label, cell })
                .collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::read;
    use crate::spec::Layout;

    fn clean() -> String {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/corpus/clean/2023-format2021-tab.txt"
        ))
        .unwrap()
    }

    #[test]
    fn every_total_of_a_clean_report_agrees() {
        let text = clean();
        let report = read(&text, None);
        let all = totals(&report);
        let count = |id| all.iter().filter(|t| t.identity == id).count();
        assert_eq!(count(Identity::ResultsSum), 7);
        // 25 data rows of the 2021 format.
        assert_eq!(count(Identity::RowSum), 25);
        assert_eq!(count(Identity::ReviewSum), 3);
        assert!(all.iter().all(|t| t.actual() == Some(t.computed)));
        let results = &all[0];
        assert_eq!(results.row, "（七）总计");
        assert_eq!(results.column, "自然人");
        assert_eq!(results.computed, 10);
        assert_eq!(results.summands.len(), 21);
        let review = all.last().unwrap();
        assert_eq!((review.row, review.computed), ("复议后起诉", 0));
        assert_eq!(review.summands.len(), 4);
    }

    #[test]
    fn a_blank_summand_leaves_the_total_uncomputed() {
        let text = clean().replace("1\t0\t0\t1\t2\t0", "\t0\t0\t1\t2\t0");
        let report = read(&text, Some(Layout::Y2021));
        let all = totals(&report);
        assert!(!all.iter().any(|t| t.row == "行政复议"));
        assert!(all.iter().any(|t| t.row == "未经复议直接起诉"));
    }

    #[test]
    fn a_wrong_total_disagrees() {
        let text = clean().replace("\t10\t2\t0\t0\t1\t0\t13", "\t10\t2\t0\t0\t1\t0\t31");
        let report = read(&text, None);
        let wrong: Vec<_> = totals(&report)
            .into_iter()
            .filter(|t| t.disagrees())
            .collect();
        assert_eq!(wrong.len(), 2, "I2 in the 总计 column and I3 of （七）总计");
        assert!(wrong
            .iter()
            .all(|t| t.actual() == Some(31) && t.computed == 13));
    }
}
