//! NB202 `header-cell`, NB204 `row-label`, NB206 `row-unknown`: each header cell and row label against the official text (one pass over the labels decides all three).

use crate::diag::{Applicability, Diagnostic, Localized, Span};
use crate::parse::{LabelCell, MatchQuality, UnknownRow};
use crate::rules::{official_text_fix, Ctx, Rule};
use crate::spec::block_title;

/// Header cells and row labels that are not the official text.
pub(super) fn check(ctx: &mut Ctx) {
    let report = ctx.report;
    let mut headers: Vec<&LabelCell> = Vec::new();
    let mut rows: Vec<&LabelCell> = Vec::new();
    let mut unknown: Vec<&UnknownRow> = Vec::new();
    if let Some(t) = &report.proactive {
        for b in &t.blocks {
            if b.title_quality != MatchQuality::Exact {
                block_title_finding(ctx, b.title, &block_title(&b.item), b.title_quality);
            }
            headers.extend(&b.headers);
            rows.extend(b.rows.iter().map(|r| &r.label));
            unknown.extend(&b.unknown_rows);
        }
    }
    if let Some(t) = &report.applications {
        headers.extend(&t.headers);
        rows.extend(t.rows.iter().map(|r| &r.label));
        unknown.extend(&t.unknown_rows);
    }
    if let Some(t) = &report.reviews {
        headers.extend(&t.headers);
    }
    for (cells, rule) in [(headers, Rule::HeaderCell), (rows, Rule::RowLabel)] {
        for cell in cells {
            if let Some(d) = label_finding(cell, rule) {
                ctx.emit(d);
            }
        }
    }
    for row in unknown {
        ctx.emit(Diagnostic::new(
            Rule::RowUnknown,
            row.span,
            Localized::new(
                format!("“{}”不是格式中的行，统一格式不允许自行增加行", row.text),
                format!(
                    "“{}” is not a row of the format, which allows no extra rows",
                    row.text
                ),
            ),
        ));
    }
}

/// A block title misnumbered (`第二十一条`) or cut short (`第二十条第`, its item then taken from
/// its place among the blocks): the block is read, and the title corrected.
fn block_title_finding(ctx: &mut Ctx, span: Span, official: &str, quality: MatchQuality) {
    let written = ctx.slice(span).to_string();
    let (message, applicability) = if quality == MatchQuality::Positional {
        (
            Localized::new(
                format!("表头“{written}”不完整，按位置应为“{official}”"),
                format!("Header cell “{written}” is cut short; by its place it is “{official}”"),
            ),
            Applicability::Unsafe,
        )
    } else {
        (
            Localized::new(
                format!("表头“{written}”有误，应为“{official}”"),
                format!("Header cell “{written}” is wrong; the format has “{official}”"),
            ),
            Applicability::Safe,
        )
    };
    ctx.emit(
        Diagnostic::new(Rule::HeaderCell, span, message).with_fix(official_text_fix(
            span,
            &written,
            official,
            applicability,
        )),
    );
}

fn label_finding(cell: &LabelCell, rule: Rule) -> Option<Diagnostic> {
    let what_zh = if rule == Rule::HeaderCell {
        "表头"
    } else {
        "行标签"
    };
    let what_en = if rule == Rule::HeaderCell {
        "Header cell"
    } else {
        "Row label"
    };
    let official = cell.official;
    let written = &cell.text;
    let (message, applicability) = match cell.quality {
        MatchQuality::Exact => return None,
        MatchQuality::Typo => (
            Localized::new(
                format!("{what_zh}“{written}”有误，应为“{official}”"),
                format!("{what_en} “{written}” is wrong; the format has “{official}”"),
            ),
            Applicability::Safe,
        ),
        MatchQuality::Annotated => (
            Localized::new(
                format!("{what_zh}“{written}”在官方文字“{official}”后加了格式中没有的说明"),
                format!("{what_en} “{written}” adds a note to the official “{official}”"),
            ),
            Applicability::Unsafe,
        ),
        MatchQuality::OtherLayout => (
            Localized::new(
                format!("{what_zh}“{written}”是另一年度格式的写法，本表应为“{official}”"),
                format!("{what_en} “{written}” belongs to the other year's format; this table has “{official}”"),
            ),
            Applicability::Unsafe,
        ),
        MatchQuality::Positional if written.trim().is_empty() => (
            Localized::new(
                format!("{what_zh}为空，按位置应为“{official}”"),
                format!("{what_en} is blank; by its position it is “{official}”"),
            ),
            Applicability::Unsafe,
        ),
        MatchQuality::Positional => (
            Localized::new(
                format!("{what_zh}“{written}”与格式不符，按位置应为“{official}”"),
                format!("{what_en} “{written}” does not match the format; by its position it is “{official}”"),
            ),
            Applicability::Unsafe,
        ),
    };
    let finding = Diagnostic::new(rule, cell.span, message);
    // A label wrapped over lines has other cells between its pieces: no one edit corrects it.
    if cell.wrapped {
        return Some(finding);
    }
    Some(finding.with_fix(official_text_fix(
        cell.span,
        written,
        official,
        applicability,
    )))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{report, BLOCKS_2021};
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    #[test]
    fn header_typo_gets_a_safe_fix() {
        assert!(findings(&report(2023, BLOCKS_2021), Rule::HeaderCell).is_empty());
        let text = report(2023, &BLOCKS_2021.replace("本年废止件数", "本年度止件数"));
        let found = findings(&text, Rule::HeaderCell);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].fixes[0].edits[0].replacement, "废");
    }

    #[test]
    fn misnumbered_article_in_a_block_title() {
        let text = report(
            2023,
            &BLOCKS_2021.replacen("第二十条第（一）项", "第二十一条第(一)项", 1),
        );
        let found = findings(&text, Rule::HeaderCell);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.zh.contains("应为“第二十条第（一）项”"));
        // The block is read all the same: nothing else is missing.
        assert!(findings(&text, Rule::BlockMissing).is_empty());
        let (fixed, _) = crate::fix::apply_safe_fixes(&text, &found);
        assert!(findings(&fixed, Rule::HeaderCell).is_empty());
    }

    #[test]
    fn block_titles_cut_short_take_their_item_from_their_place() {
        let text = report(
            2023,
            &BLOCKS_2021.replace("第二十条第（五）项", "第二十条第"),
        );
        let found = findings(&text, Rule::HeaderCell);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .zh
            .contains("按位置应为“第二十条第（五）项”"));
        assert!(findings(&text, Rule::BlockMissing).is_empty());
        assert!(findings(&text, Rule::RowUnknown).is_empty());
    }

    #[test]
    fn row_label_typo() {
        assert!(findings(&report(2023, BLOCKS_2021), Rule::RowLabel).is_empty());
        let text = report(
            2023,
            &BLOCKS_2021.replace("行政规范性文件", "行政规范性文件件"),
        );
        assert_eq!(findings(&text, Rule::RowLabel).len(), 1);
    }

    #[test]
    fn a_blank_first_row_label_is_that_row_by_its_place() {
        // Tab rows: the label cell left empty.
        let text = report(2023, &BLOCKS_2021.replace("规章\t0\t0\t0", "\t2\t0\t5"));
        let found = findings(&text, Rule::RowLabel);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.zh.contains("为空，按位置应为“规章”"));
        assert!(findings(&text, Rule::RowMissing).is_empty());
        // One cell per paragraph: a line of spaces where the label belongs.
        let cells = "第二十条第（一）项\n\n信息内容\n\n本年制发件数\n\n本年废止件数\n\n现行有效件数\n\n  \n\n2\n\n0\n\n5\n\n行政规范性文件\n\n1\n\n0\n\n3";
        let text = report(2023, cells);
        let found = findings(&text, Rule::RowLabel);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&text[found[0].span.start..found[0].span.end], "  ");
        // Values after the header that do not fill the columns: not a row.
        let short = "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n\t2\n行政规范性文件\t1\t0\t3";
        assert!(findings(&report(2023, short), Rule::RowLabel).is_empty());
    }

    #[test]
    fn row_missing_and_unknown() {
        let text = report(2023, BLOCKS_2021);
        assert!(findings(&text, Rule::RowMissing).is_empty());
        assert!(findings(&text, Rule::RowUnknown).is_empty());
        let text = report(
            2023,
            &BLOCKS_2021.replace("行政强制\t0", "其他主动公开文件\t4"),
        );
        assert_eq!(findings(&text, Rule::RowMissing).len(), 1);
        assert_eq!(findings(&text, Rule::RowUnknown).len(), 1);
    }
}
