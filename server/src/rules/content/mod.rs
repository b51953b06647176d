//! NB4xx: what the text says: the fee statement, numbers that contradict the tables,
//! placeholders, the format cited, the date, document numbers, the script, the year.
//!
//! One file per check, named after its rule; where one pass over the cells decides several
//! rules, they share it (the file says which).

mod date_invalid;
mod document_number;
mod fee_statement;
mod narrative_mismatch;
mod obsolete_term;
mod other_processing_high;
mod placeholder;
mod preamble_parts;
mod report_year;
mod signature_date;
mod superseded_format;
mod traditional_characters;

use crate::diag::Span;
use crate::facts::rows_with_role;
use crate::parse::ApplicationsTable;
use crate::rules::Ctx;
use crate::spec::{application_rows, RowRole, APPLICANT_TOTAL_COLUMN};
use crate::text::FoldedView;

pub(super) fn check(ctx: &mut Ctx) {
    fee_statement::check(ctx);
    narrative_mismatch::check(ctx);
    placeholder::check(ctx);
    superseded_format::check(ctx);
    signature_date::check(ctx);
    document_number::check(ctx);
    traditional_characters::check(ctx);
    report_year::check(ctx);
    other_processing_high::check(ctx);
    preamble_parts::check(ctx);
    date_invalid::check(ctx);
    obsolete_term::check(ctx);
}

pub(super) fn folded<'a>(ctx: &Ctx<'a>, span: Span) -> FoldedView<'a> {
    ctx.folded.view(span)
}

/// The 总计 cell of the first row playing `role`, if it holds a whole number.
pub(super) fn total_of(table: &ApplicationsTable, role: RowRole) -> Option<i64> {
    rows_with_role(table, role)
        .first()
        .and_then(|r| r.values[APPLICANT_TOTAL_COLUMN].integer())
}

/// The sum of the 总计 cells of the data rows under `group`, if all hold whole numbers.
pub(super) fn group_total(table: &ApplicationsTable, group: &str) -> Option<i64> {
    let spec = application_rows(table.checked_as);
    table
        .rows
        .iter()
        .filter(|r| {
            r.label.official == group
                || spec
                    .iter()
                    .any(|s| s.label == r.label.official && s.parent == Some(group))
        })
        .try_fold(0, |acc, r| {
            r.values[APPLICANT_TOTAL_COLUMN].integer().map(|v| acc + v)
        })
}

#[cfg(test)]
mod tests {
    pub(super) fn report(year: u32, one: &str, six: &str) -> String {
        format!("某局{year}年政府信息公开工作年度报告\n\n一、总体情况\n\n{one}\n\n二、主动公开政府信息情况\n\n三、收到和处理政府信息公开申请情况\n\n一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n（一）予以公开\t3\t0\t0\t0\t0\t0\t3\n（六）其他处理\t0\t0\t0\t0\t0\t0\t0\n（七）总计\t3\t0\t0\t0\t0\t0\t3\n四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n\n四、政府信息公开行政复议、行政诉讼情况\n\n五、存在的主要问题及改进情况\n\n问题。\n\n六、其他需要报告的事项\n\n{six}\n")
    }

    pub(super) const FEE: &str = "本年度未收取信息处理费。";
}
