//! NB203 `header-missing`, NB205 `row-missing`: headers and rows of the format that a table lacks.

use super::list;
use crate::diag::{Diagnostic, Localized, Span};
use crate::rules::{Ctx, Rule};
use crate::spec::{block_title, TableKind};

pub(super) fn check(ctx: &mut Ctx) {
    let report = ctx.report;
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut report_missing =
        |span: Span, headers: &[&str], rows: &[&str], table_zh: &str, table_en: &str| {
            if !headers.is_empty() {
                found.push(Diagnostic::new(
                    Rule::HeaderMissing,
                    span,
                    Localized::new(
                        format!("{table_zh}缺少表头：{}", list(headers)),
                        format!("{table_en} lacks header cells: {}", list(headers)),
                    ),
                ));
            }
            if !rows.is_empty() {
                found.push(Diagnostic::new(
                    Rule::RowMissing,
                    span,
                    Localized::new(
                        format!(
                            "{table_zh}缺少以下行：{}（没有发生的情形也要填 0）",
                            list(rows)
                        ),
                        format!("{table_en} lacks rows: {} (report none as 0)", list(rows)),
                    ),
                ));
            }
        };
    if let Some(t) = &report.proactive {
        for b in &t.blocks {
            report_missing(
                b.title,
                &b.missing_headers,
                &b.missing_rows,
                &block_title(&b.item),
                &format!("Item ({}) of article 20", b.item),
            );
        }
    }
    if let Some(t) = &report.applications {
        report_missing(
            t.span_head(),
            &t.missing_headers,
            &t.missing_rows,
            TableKind::Applications.name_zh(),
            &capitalized(TableKind::Applications.name_en()),
        );
    }
    if let Some(t) = &report.reviews {
        let head = t.headers.first().map_or(t.span, |h| h.span);
        report_missing(
            head,
            &t.missing_headers,
            &[],
            TableKind::Reviews.name_zh(),
            &capitalized(TableKind::Reviews.name_en()),
        );
    }
    for d in found {
        ctx.emit(d);
    }
}

/// `the requests table` → `The requests table`, for the start of a sentence.
fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{report, BLOCKS_2021};
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    #[test]
    fn header_missing() {
        assert!(findings(&report(2023, BLOCKS_2021), Rule::HeaderMissing).is_empty());
        let text = report(2023, &BLOCKS_2021.replace("\t现行有效件数", ""));
        assert_eq!(findings(&text, Rule::HeaderMissing).len(), 1);
    }
}
