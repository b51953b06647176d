//! NB208 `layout-year`, NB209 `layout-mixed`: a table in another year's layout, or in two layouts at once.

use crate::diag::{Diagnostic, Localized, Span};
use crate::parse::ApplicationsTable;
use crate::rules::{Ctx, Rule};
use crate::spec::{application_rows, block_title, Layout, TableKind, OTHER_PROCESSING_GROUP};

/// Tables in the layout of another year, and reports that mix layouts.
pub(super) fn check(ctx: &mut Ctx) {
    let report = ctx.report;
    let mut parts: Vec<(Span, Layout, String, String)> = Vec::new();
    if let Some(t) = &report.proactive {
        for b in &t.blocks {
            if let Some(l) = b.layout {
                parts.push((
                    b.title,
                    l,
                    block_title(&b.item),
                    format!("item ({}) of article 20", b.item),
                ));
            }
        }
    }
    if let Some(t) = &report.applications {
        if let Some(l) = t.layout {
            parts.push((
                applications_layout_evidence(t, l),
                l,
                TableKind::Applications.name_zh().into(),
                TableKind::Applications.name_en().into(),
            ));
        }
    }
    let mut year_findings = 0;
    if !report.layout_forced {
        if let (Some(expected), Some(year)) = (report.expected_layout, report.meta.year.as_ref()) {
            for (span, layout, zh, en) in &parts {
                if *layout != expected {
                    year_findings += 1;
                    ctx.emit(Diagnostic::new(
                        Rule::LayoutYear,
                        *span,
                        Localized::new(
                            format!(
                                "{zh}使用的是{}，但本报告为{}年度，应使用{}",
                                layout.name_zh(),
                                year.value,
                                expected.name_zh()
                            ),
                            format!(
                                "{en} follows {}, but this is a {} report, which uses {}",
                                layout.name_en(),
                                year.value,
                                expected.name_en()
                            ),
                        ),
                    ));
                }
            }
        }
    }
    let uses = |l: Layout| {
        parts
            .iter()
            .filter(|p| p.1 == l)
            .map(|p| p.2.clone())
            .collect::<Vec<_>>()
    };
    // With the report year known, every part in the other layout already has its NB208: the
    // mix is said only when nothing else says it.
    let (old, new) = (uses(Layout::Y2019), uses(Layout::Y2021));
    if year_findings == 0 && !old.is_empty() && !new.is_empty() {
        let first = parts[0].0;
        ctx.emit(Diagnostic::new(
            Rule::LayoutMixed,
            first,
            Localized::new(
                format!(
                    "本报告混用了两种格式：{}按2019年试行格式，{}按2021年格式",
                    old.join("、"),
                    new.join("、")
                ),
                format!(
                    "The report mixes formats: {} in the 2019 trial format, {} in the 2021 format",
                    old.join(", "),
                    new.join(", ")
                ),
            ),
        ));
    }
}

/// Where 表三 shows its layout: the first row only that layout has (a single-row （六）其他处理
/// for 2019, a row under it for 2021), else the table's head.
fn applications_layout_evidence(table: &ApplicationsTable, layout: Layout) -> Span {
    let other = Layout::ALL.into_iter().find(|l| *l != layout);
    table
        .rows
        .iter()
        .find(|r| {
            other.is_some_and(|o| {
                !application_rows(o)
                    .iter()
                    .any(|s| s.label == r.label.official)
            }) || (layout == Layout::Y2019 && r.label.official == OTHER_PROCESSING_GROUP)
        })
        .map_or(table.span_head(), |r| r.label.span)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{report, BLOCKS_2021, BLOCK_2019};
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    #[test]
    fn layout_year() {
        assert!(findings(&report(2023, BLOCKS_2021), Rule::LayoutYear).is_empty());
        let text = report(
            2023,
            &BLOCKS_2021.replace(
                &BLOCKS_2021[..BLOCKS_2021.find("第二十条第（五）项").unwrap()],
                &format!("{BLOCK_2019}\n"),
            ),
        );
        let found = findings(&text, Rule::LayoutYear);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.zh.contains("2023年度"));
        // The year's finding says it all: the mix is not said a second time.
        assert!(findings(&text, Rule::LayoutMixed).is_empty());
    }

    #[test]
    fn labels_right_for_the_year_are_not_wrong_under_other_headers() {
        // 2019 headers over the 2021 row 行政规范性文件 in a 2024 report: the block's layout is
        // the one error; the row label is right for 2024.
        let block = BLOCK_2019.replace("规范性文件\t1", "行政规范性文件\t1");
        let text = report(
            2024,
            &BLOCKS_2021.replace(
                &BLOCKS_2021[..BLOCKS_2021.find("第二十条第（五）项").unwrap()],
                &format!("{block}\n"),
            ),
        );
        assert_eq!(findings(&text, Rule::LayoutYear).len(), 1);
        assert!(findings(&text, Rule::RowLabel).is_empty());
    }

    #[test]
    fn layout_mixed_needs_two_layouts_and_no_year() {
        assert!(findings(&report(2023, BLOCKS_2021), Rule::LayoutMixed).is_empty());
        let mixed = BLOCKS_2021.replace(
            &BLOCKS_2021[..BLOCKS_2021.find("第二十条第（五）项").unwrap()],
            &format!("{BLOCK_2019}\n"),
        );
        let text = report(2023, &mixed).replacen("2023年", "", 1);
        assert_eq!(findings(&text, Rule::LayoutMixed).len(), 1);
    }
}
