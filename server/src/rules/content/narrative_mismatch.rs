//! NB402 `narrative-mismatch`: a count the text states about a table cell differs from the cell.

use crate::diag::{Diagnostic, Localized};
use crate::rules::narrative::{claims_in, ClaimKind, Reading};
use crate::rules::{Ctx, Rule};
use crate::spec::REVIEW_OUTCOMES;

/// W4: every count the text states about a table cell (`rules::narrative`), against the cell.
pub(super) fn check(ctx: &mut Ctx) {
    for claim in claims_in(ctx.text, ctx.report, ctx.folded) {
        if claim.agrees() {
            continue;
        }
        let first = &claim.readings[0];
        // Other readings, when they tell something the first does not.
        let others: Vec<&Reading> = claim.readings[1..]
            .iter()
            .filter(|r| r.value != first.value)
            .collect();
        let message = match claim.kind {
            ClaimKind::Count {
                said,
                what_zh,
                what_en,
            } => {
                let also_zh: String = others
                    .iter()
                    .map(|r| format!("；{}为 {}", r.what_zh, r.value))
                    .collect();
                let also_en: String = others
                    .iter()
                    .map(|r| format!("; {} is {}", r.what_en, r.value))
                    .collect();
                Localized::new(
                    format!(
                        "正文称{what_zh} {said} 件，但{}为 {}{also_zh}",
                        first.what_zh, first.value
                    ),
                    format!(
                        "The text says {said} ({what_en}), but {} is {}{also_en}",
                        first.what_en, first.value
                    ),
                )
            }
            ClaimKind::Zero { .. } => Localized::new(
                format!(
                    "正文称“{}”，但{}为 {}",
                    claim.written, first.what_zh, first.value
                ),
                format!(
                    "The text says “{}” (none), but {} is {}",
                    claim.written, first.what_en, first.value
                ),
            ),
            ClaimKind::AllUpheld => Localized::new(
                format!(
                    "正文称“{}”，但{}为 {}：有“{}”或“{}”的案件",
                    claim.written, first.what_zh, first.value, REVIEW_OUTCOMES[1], REVIEW_OUTCOMES[3]
                ),
                format!(
                    "The text says “{}” (all upheld), but {} is {}: some cases were corrected or are pending",
                    claim.written, first.what_en, first.value
                ),
            ),
        };
        let mut d = Diagnostic::new(Rule::NarrativeMismatch, claim.span, message);
        let mut seen = Vec::new();
        for reading in &claim.readings {
            for cell in &reading.cells {
                if seen.contains(&cell.span) {
                    continue;
                }
                seen.push(cell.span);
                d = d.with_related(
                    cell.span,
                    Localized::new(
                        format!("“{}”·{}：{}", cell.row, cell.column, cell.value),
                        format!("{} · {}: {}", cell.row, cell.column, cell.value),
                    ),
                );
            }
        }
        ctx.emit(d);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{report, FEE};
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    #[test]
    fn narrative_mismatch() {
        let agrees = "全年共收到政府信息公开申请3件，予以公开3件，办结3件，结转下年度0件。";
        assert!(findings(&report(2023, agrees, FEE), Rule::NarrativeMismatch).is_empty());
        let text = report(
            2023,
            "全年共收到政府信息公开申请5件，予以公开3件，结转下年度2件。",
            FEE,
        );
        let found = findings(&text, Rule::NarrativeMismatch);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(&text[found[0].span.start..found[0].span.end], "5");
        assert!(
            found[0].message.zh.starts_with(
                "正文称收到申请 5 件，但表三“一、本年新收政府信息公开申请数量”（总计）为 3"
            ),
            "{}",
            found[0].message.zh
        );
        // The cells are related places: 一 and 二 (the reading with last year's carried-over).
        assert_eq!(found[0].related.len(), 2);
        assert_eq!(
            &text[found[0].related[0].span.start..found[0].related[0].span.end],
            "3"
        );
        assert!(found[1].message.zh.contains("结转下年度继续办理 2 件"));
    }
}
