//! NB408 `report-year`: the title does not state the report year.

use crate::diag::{Diagnostic, Localized};
use crate::rules::{Ctx, Rule};

pub(super) fn check(ctx: &mut Ctx) {
    let meta = &ctx.report.meta;
    if meta.year.is_some() && !meta.year_inferred {
        return;
    }
    let span = meta
        .title
        .as_ref()
        .map(|t| t.span)
        .unwrap_or_else(|| ctx.line_around(ctx.text.len() - ctx.text.trim_start().len()));
    let message = match &meta.year {
        Some(y) => {
            // Say where the year came from: the signature date, or a sentence of the text
            // (the statistics period, a title inside a long line).
            let from_date = meta.date.as_ref().is_some_and(|d| d.span == y.span);
            let (zh, en) = if from_date {
                ("落款日期", "the signature date")
            } else {
                ("正文", "the text")
            };
            Localized::new(
                format!("标题没有写明报告年度（按{zh}推定为{}年度）；应写作“XX{}年政府信息公开工作年度报告”", y.value, y.value),
                format!("The title does not state the year (taken as {} from {en}); write “…{}年政府信息公开工作年度报告”", y.value, y.value),
            )
        }
        None => Localized::new(
            "无法确定报告年度：标题应写明年度，例如“XX局2024年政府信息公开工作年度报告”",
            "The report year cannot be determined: the title should state it, e.g. XX局2024年政府信息公开工作年度报告",
        ),
    };
    ctx.emit(Diagnostic::new(Rule::ReportYear, span, message));
}

#[cfg(test)]
mod tests {
    use super::super::tests::{report, FEE};
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    #[test]
    fn report_year() {
        assert!(findings(&report(2023, "正文。", FEE), Rule::ReportYear).is_empty());
        let text = report(2023, "正文。", FEE).replace("2023年", "");
        assert_eq!(findings(&text, Rule::ReportYear).len(), 1);
    }
}
