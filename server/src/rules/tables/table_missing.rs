//! NB201 `table-missing`: a section that must hold a table has none.

use crate::diag::{Applicability, Diagnostic, Edit, Fix, Localized, Span};
use crate::rules::{Ctx, Rule};
use crate::spec::templates;
use crate::spec::{SectionBody, TableKind, SECTIONS};

pub(super) fn check(ctx: &mut Ctx) {
    for spec in &SECTIONS {
        let SectionBody::Table(kind) = spec.body else {
            continue;
        };
        let Some(section) = ctx.report.section(spec.number) else {
            continue; // reported as a missing section
        };
        if table_span(ctx, kind).is_some() {
            continue;
        }
        let has_text = !ctx.slice(section.body).trim().is_empty();
        let table = templates::table(kind, ctx.template_layout(), ctx.style());
        let at = ctx.line_around(section.heading.start).end;
        let insert = format!("\n\n{}", table.trim_end_matches('\n'));
        let (zh_hint, en_hint) = if has_text {
            (
                "；如果表格是图片，检查器无法读取，请以文字表格提供",
                "; a table that is only an image cannot be read: provide it as text",
            )
        } else {
            ("", "")
        };
        ctx.emit(
            Diagnostic::new(
                Rule::TableMissing,
                section.heading,
                Localized::new(
                    format!(
                        "“{}”部分没有找到{}{}",
                        spec.heading(),
                        kind.name_zh(),
                        zh_hint
                    ),
                    format!(
                        "No {} found in section “{}”{}",
                        kind.name_en(),
                        spec.heading(),
                        en_hint
                    ),
                ),
            )
            .with_fix(Fix {
                title: Localized::new(
                    format!("插入空白的{}", kind.name_zh()),
                    format!("Insert the empty {}", kind.name_en()),
                ),
                applicability: Applicability::Unsafe,
                edits: vec![Edit::insert(at, insert)],
            }),
        );
    }
}

fn table_span(ctx: &Ctx, kind: TableKind) -> Option<Span> {
    let r = ctx.report;
    match kind {
        TableKind::Proactive => r.proactive.as_ref().map(|t| t.span),
        TableKind::Applications => r.applications.as_ref().map(|t| t.span),
        TableKind::Reviews => r.reviews.as_ref().map(|t| t.span),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{report, BLOCKS_2021};
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    #[test]
    fn table_missing() {
        let text = report(2023, BLOCKS_2021);
        let found = findings(&text, Rule::TableMissing);
        assert_eq!(found.len(), 2, "三 and 四 have no table");
        assert!(findings(&text, Rule::TableMissing)
            .iter()
            .all(|d| !d.fixes.is_empty()));
    }
}
