//! NB210 `extra-cells`: a row with more values than the format has columns.

use crate::diag::{Diagnostic, Localized, Span};
use crate::rules::{Ctx, Rule};
use crate::spec::REVIEW_ROW_NAME;

pub(super) fn check(ctx: &mut Ctx) {
    let report = ctx.report;
    let mut rows: Vec<(&[Span], String)> = Vec::new();
    if let Some(t) = &report.proactive {
        for b in &t.blocks {
            rows.extend(
                b.rows
                    .iter()
                    .map(|r| (r.extra.as_slice(), r.label.official.to_string())),
            );
        }
    }
    if let Some(t) = &report.applications {
        rows.extend(
            t.rows
                .iter()
                .map(|r| (r.extra.as_slice(), r.label.official.to_string())),
        );
    }
    if let Some(t) = &report.reviews {
        rows.push((t.extra.as_slice(), REVIEW_ROW_NAME.to_string()));
    }
    let found: Vec<Diagnostic> = rows
        .into_iter()
        .filter(|(extra, _)| !extra.is_empty())
        .map(|(extra, label)| {
            Diagnostic::new(
                Rule::ExtraCells,
                extra[0].cover(*extra.last().unwrap()),
                Localized::new(
                    format!(
                        "“{label}”一行多出 {} 个数值，格式中没有对应的列",
                        extra.len()
                    ),
                    format!(
                        "The row “{label}” has {} value(s) more than the format has columns",
                        extra.len()
                    ),
                ),
            )
        })
        .collect();
    for d in found {
        ctx.emit(d);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{report, BLOCKS_2021};
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    #[test]
    fn extra_cells() {
        assert!(findings(&report(2023, BLOCKS_2021), Rule::ExtraCells).is_empty());
        let text = report(
            2023,
            &BLOCKS_2021.replace("规章\t0\t0\t0", "规章\t0\t0\t0\t9"),
        );
        assert_eq!(findings(&text, Rule::ExtraCells).len(), 1);
    }
}
