//! NB9xx: input the reader could not read. It says so, with the place, instead of guessing.

use std::sync::LazyLock;

use regex::Regex;

use crate::diag::{Applicability, Diagnostic, Edit, Fix, Localized, Span};
use crate::parse::SumsDoubt;
use crate::rules::{Ctx, Rule};
use crate::spec::{TableKind, REVIEW_ROW_NAME};

pub(super) fn check(ctx: &mut Ctx) {
    run_together(ctx);
    garbled(ctx);
    sums_not_checked(ctx);
}

/// One hint per table whose sums the arithmetic rules left alone, saying why (digits run
/// together say it in their own finding).
fn sums_not_checked(ctx: &mut Ctx) {
    let report = ctx.report;
    let mut doubts: Vec<(Span, &str, &str, SumsDoubt)> = Vec::new();
    if let Some(t) = &report.applications {
        let has_numbers = t
            .rows
            .iter()
            .any(|r| r.values.iter().any(|v| v.integer().is_some()));
        if let Some(doubt) = t.sums_doubt().filter(|_| has_numbers) {
            let kind = TableKind::Applications;
            doubts.push((t.span_head(), kind.name_zh(), kind.name_en(), doubt));
        }
    }
    if let Some(t) = &report.reviews {
        let has_numbers = t.values.iter().any(|v| v.integer().is_some());
        if let Some(doubt) = t.sums_doubt().filter(|_| has_numbers) {
            let head = t.headers.first().map_or(t.span, |h| h.span);
            let kind = TableKind::Reviews;
            doubts.push((head, kind.name_zh(), kind.name_en(), doubt));
        }
    }
    for (span, zh, en, doubt) in doubts {
        let (why_zh, why_en) = match &doubt {
            SumsDoubt::RunTogether(_) => continue,
            SumsDoubt::RowsMissing => ("缺少格式规定的行".to_string(), "rows of the format are missing".to_string()),
            SumsDoubt::UnknownRow(text) => (
                format!("“{text}”一行不在格式中却填有数字"),
                format!("the row “{text}”, which the format lacks, carries numbers"),
            ),
            SumsDoubt::HeadersMissing => ("表头未能读出".to_string(), "its header was not read".to_string()),
            SumsDoubt::ValuesOver(label) => (
                format!("“{label}”一行的数值多于列数"),
                format!("the row “{label}” has more values than columns"),
            ),
            SumsDoubt::ValuesShort(label) => (
                format!("“{label}”一行的数值少于列数，看不出缺的是哪一列"),
                format!("the row “{label}” has fewer values than columns and the text does not show which is missing"),
            ),
        };
        ctx.emit(Diagnostic::new(
            Rule::SumsNotChecked,
            span,
            Localized::new(
                format!("{zh}的加总关系未检查：{why_zh}，数字可能被读到了别的列"),
                format!("The sums of the {en} were not checked: {why_en}, so a number may have been read into another column"),
            ),
        ));
    }
}

/// One finding per table whose digits ran together, at the first such row, with the others as
/// related places: one cause (a copy that lost its separators), one finding.
fn run_together(ctx: &mut Ctx) {
    let report = ctx.report;
    let rows_of = |rows: &[crate::parse::DataRow]| -> Vec<(Span, String)> {
        rows.iter()
            .filter_map(|r| r.run_together.map(|s| (s, r.label.official.to_string())))
            .collect()
    };
    let mut tables: Vec<Vec<(Span, String)>> = Vec::new();
    if let Some(t) = &report.proactive {
        tables.push(t.blocks.iter().flat_map(|b| rows_of(&b.rows)).collect());
    }
    if let Some(t) = &report.applications {
        tables.push(rows_of(&t.rows));
    }
    if let Some(t) = &report.reviews {
        tables.push(
            t.run_together
                .map(|s| (s, REVIEW_ROW_NAME.to_string()))
                .into_iter()
                .collect(),
        );
    }
    for rows in tables {
        let Some((span, label)) = rows.first() else {
            continue;
        };
        let digits = ctx.slice(*span).to_string();
        let (more_zh, more_en) = match rows.len() - 1 {
            0 => (String::new(), String::new()),
            n => (
                format!("（同表另有 {n} 行如此）"),
                format!(" ({n} more rows of the table alike)"),
            ),
        };
        let mut d = Diagnostic::new(
            Rule::DigitsRunTogether,
            *span,
            Localized::new(
                format!("“{label}”一行的数字“{digits}”连在一起，无法分辨各单元格{more_zh}；这张表的加总检查已跳过，请按原表重新填写"),
                format!("In the row “{label}” the digits “{digits}” run together and cannot be split into cells{more_en}; the sums of this table are not checked"),
            ),
        );
        for (span, label) in &rows[1..] {
            d = d.with_related(*span, Localized::new(label.clone(), label.clone()));
        }
        ctx.emit(d);
    }
}

/// `?` where an encoding conversion lost characters: at the start of a line (a lost indent),
/// in runs, or U+FFFD.
static GARBLED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^[?？]+|[?？]{2,}|\x{FFFD}+").unwrap());

/// Beyond this many places, one finding lists them all: a whole document mangled by a mirror
/// site is one problem, not fifty.
const GARBLED_SEPARATE_MAX: usize = 3;

fn garbled(ctx: &mut Ctx) {
    let found: Vec<Span> = GARBLED
        .find_iter(ctx.text)
        .map(|m| Span::new(m.start(), m.end()))
        .collect();
    let text = ctx.text;
    let lost_indent = |span: &Span| {
        (span.start == 0 || text.as_bytes()[span.start - 1] == b'\n')
            && text[span.start..span.end]
                .chars()
                .all(|c| c == '?' || c == '？')
    };
    let message = |count: usize| {
        if count == 1 {
            Localized::new(
                "疑似乱码：这里的“?”通常是编码转换时丢失的字符（多为空格或缩进），请从原稿重新复制",
                "Garbled text: this “?” usually stands for a character lost in an encoding conversion (often a space or indent)",
            )
        } else {
            Localized::new(
                format!("疑似乱码：全文共 {count} 处“?”，通常是编码转换时丢失的字符（多为空格或缩进），请从原稿重新复制"),
                format!("Garbled text: {count} places with “?”, usually characters lost in an encoding conversion (often spaces or indents)"),
            )
        }
    };
    // A lost indent can be deleted without losing words, but a person should confirm.
    let delete = |spans: Vec<Span>| Fix {
        title: Localized::new("删除行首的乱码", "Delete the garbled marks at line starts"),
        applicability: Applicability::Unsafe,
        edits: spans.into_iter().map(|s| Edit::replace(s, "")).collect(),
    };
    if found.len() > GARBLED_SEPARATE_MAX {
        let mut d = Diagnostic::new(Rule::Garbled, found[0], message(found.len()));
        for span in &found[1..] {
            d = d.with_related(*span, Localized::new("乱码", "garbled"));
        }
        let indents: Vec<Span> = found.iter().copied().filter(lost_indent).collect();
        if !indents.is_empty() {
            d = d.with_fix(delete(indents));
        }
        ctx.emit(d);
        return;
    }
    for span in found {
        let mut d = Diagnostic::new(Rule::Garbled, span, message(1));
        if lost_indent(&span) {
            d = d.with_fix(delete(vec![span]));
        }
        ctx.emit(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    #[test]
    fn digits_run_together() {
        let table = |row: &str| {
            format!("某局2023年政府信息公开工作年度报告\n\n四、政府信息公开行政复议、行政诉讼情况\n\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n{row}\n")
        };
        assert!(findings(
            &table("0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"),
            Rule::DigitsRunTogether
        )
        .is_empty());
        // One digit per column: the split is unique and the row is read.
        let text = table("000000000000000");
        assert!(findings(&text, Rule::DigitsRunTogether).is_empty());
        // More digits than columns: which cell holds two cannot be told.
        let text = table("1200000000000012");
        assert_eq!(findings(&text, Rule::DigitsRunTogether).len(), 1);
        assert!(
            findings(&text, Rule::IdentityReview).is_empty(),
            "no sum on unreadable cells"
        );
    }

    #[test]
    fn a_table_read_with_doubt_says_its_sums_were_not_checked() {
        let table = |row: &str| {
            format!("某局2023年政府信息公开工作年度报告\n\n四、政府信息公开行政复议、行政诉讼情况\n\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n{row}\n")
        };
        assert!(findings(&table(&["0"; 15].join("\t")), Rule::SumsNotChecked).is_empty());
        let text = table(&["1"; 16].join("\t"));
        let found = findings(&text, Rule::SumsNotChecked);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.zh.contains("一行的数值多于列数"),
            "{}",
            found[0].message.zh
        );
        assert!(findings(&text, Rule::IdentityReview).is_empty());
    }

    #[test]
    fn one_finding_per_table_whose_digits_ran_together() {
        let text = "某局2023年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n一、本年新收政府信息公开申请数量102001013\n二、上年结转政府信息公开申请数量110000011\n";
        let found = findings(text, Rule::DigitsRunTogether);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.zh.contains("同表另有 1 行如此"));
        assert_eq!(found[0].related.len(), 1);
    }

    #[test]
    fn garbled_marks() {
        assert!(findings("一、总体情况\n正文？\n", Rule::Garbled).is_empty());
        let found = findings("?一、总体情况\n正文??好\n", Rule::Garbled);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].fixes.len(), 1);
        assert!(found[1].fixes.is_empty());
        let many = findings("?一\n?二\n?三\n?四\n", Rule::Garbled);
        assert_eq!(many.len(), 1);
        assert_eq!(many[0].related.len(), 3);
        // However many places, the list is bounded; the message counts them all.
        let text = "?甲\n".repeat(500);
        let many = findings(&text, Rule::Garbled);
        assert_eq!(many[0].related.len(), crate::rules::RELATED_MAX);
        assert!(many[0].message.zh.contains("全文共 500 处"));
    }
}
