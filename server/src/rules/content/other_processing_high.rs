//! NB409 `other-processing-high`: （六）其他处理 is a large share of the results.

use super::{group_total, total_of};
use crate::diag::{Diagnostic, Localized};
use crate::rules::{Ctx, Rule};
use crate::spec::{application_rows, RowRole, OTHER_PROCESSING_GROUP};

/// Share of 其他处理 in all results above which the 2019 notes ask for attention.
const OTHER_PROCESSING_SHARE: f64 = 0.2;

const OTHER_PROCESSING_MIN_TOTAL: i64 = 5;

pub(super) fn check(ctx: &mut Ctx) {
    let Some(table) = &ctx.report.applications else {
        return;
    };
    let Some(total) = total_of(table, RowRole::ResultsTotal) else {
        return;
    };
    let spec = application_rows(table.checked_as);
    let in_group = |official: &str| {
        official == OTHER_PROCESSING_GROUP
            || spec
                .iter()
                .any(|s| s.label == official && s.parent == Some(OTHER_PROCESSING_GROUP))
    };
    let Some(other) = group_total(table, OTHER_PROCESSING_GROUP) else {
        return;
    };
    if total < OTHER_PROCESSING_MIN_TOTAL || (other as f64) <= OTHER_PROCESSING_SHARE * total as f64
    {
        return;
    }
    let span = table
        .rows
        .iter()
        .find(|r| in_group(r.label.official))
        .map_or(table.span_head(), |r| r.label.span);
    ctx.emit(Diagnostic::new(
        Rule::OtherProcessingHigh,
        span,
        Localized::new(
            format!("“{OTHER_PROCESSING_GROUP}”共 {other} 件，占办理结果总计 {total} 件的 {:.0}%；格式说明要求关注该项数量偏高的情况", other as f64 * 100.0 / total as f64),
            format!("{OTHER_PROCESSING_GROUP} is {other} of {total} results ({:.0}%); the format's notes ask for attention when it is high", other as f64 * 100.0 / total as f64),
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::tests::report;
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    #[test]
    fn other_processing_high() {
        let text = report(2020, "正文。", "无。");
        assert!(findings(&text, Rule::OtherProcessingHigh).is_empty());
        let text = text
            .replace(
                "（一）予以公开\t3\t0\t0\t0\t0\t0\t3",
                "（一）予以公开\t1\t0\t0\t0\t0\t0\t1",
            )
            .replace(
                "（六）其他处理\t0\t0\t0\t0\t0\t0\t0",
                "（六）其他处理\t5\t0\t0\t0\t0\t0\t5",
            )
            .replace(
                "（七）总计\t3\t0\t0\t0\t0\t0\t3",
                "（七）总计\t6\t0\t0\t0\t0\t0\t6",
            );
        assert_eq!(findings(&text, Rule::OtherProcessingHigh).len(), 1);
    }
}
