//! NB9xx: input the reader could not read. It says so, with the place, instead of guessing.

use std::sync::LazyLock;

use regex::Regex;

use crate::diag::{Applicability, Diagnostic, Edit, Fix, Localized, Span};
use crate::rules::{Ctx, Rule};

pub(super) fn check(ctx: &mut Ctx) {
    run_together(ctx);
    garbled(ctx);
}

fn run_together(ctx: &mut Ctx) {
    let report = ctx.report;
    let mut spans: Vec<(Span, String)> = Vec::new();
    if let Some(t) = &report.proactive {
        for b in &t.blocks {
            spans.extend(b.rows.iter().filter_map(|r| r.run_together.map(|s| (s, r.label.official.to_string()))));
        }
    }
    if let Some(t) = &report.applications {
        spans.extend(t.rows.iter().filter_map(|r| r.run_together.map(|s| (s, r.label.official.to_string()))));
    }
    if let Some(t) = &report.reviews {
        spans.extend(t.run_together.map(|s| (s, "行政复议、行政诉讼".to_string())));
    }
    for (span, label) in spans {
        let digits = ctx.slice(span).to_string();
        ctx.emit(Diagnostic::new(
            Rule::DigitsRunTogether,
            span,
            Localized::new(
                format!("“{label}”一行的数字“{digits}”连在一起，无法分辨各单元格；这一行的算术检查已跳过，请按原表重新填写"),
                format!("In the row “{label}” the digits “{digits}” run together and cannot be split into cells; arithmetic on the row is skipped"),
            ),
        ));
    }
}

/// `?` where an encoding conversion lost characters: at the start of a line (a lost indent),
/// in runs, or U+FFFD.
static GARBLED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^[?？]+|[?？]{2,}|\x{FFFD}+").unwrap());

fn garbled(ctx: &mut Ctx) {
    let found: Vec<Span> = GARBLED
        .find_iter(ctx.text)
        .map(|m| Span::new(m.start(), m.end()))
        .collect();
    for span in found {
        let at_line_start = span.start == 0 || ctx.text.as_bytes()[span.start - 1] == b'\n';
        let only_marks = ctx.slice(span).chars().all(|c| c == '?' || c == '？');
        let mut d = Diagnostic::new(
            Rule::Garbled,
            span,
            Localized::new(
                "疑似乱码：这里的“?”通常是编码转换时丢失的字符（多为空格或缩进），请从原稿重新复制",
                "Garbled text: this “?” usually stands for a character lost in an encoding conversion (often a space or indent)",
            ),
        );
        if at_line_start && only_marks {
            // A lost indent: removing it loses no words, but a person should confirm.
            d = d.with_fix(Fix {
                title: Localized::new("删除乱码", "Delete the garbled marks"),
                applicability: Applicability::Unsafe,
                edits: vec![Edit::replace(span, "")],
            });
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
        let table = |row: &str| format!("某局2023年政府信息公开工作年度报告\n\n四、政府信息公开行政复议、行政诉讼情况\n\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n{row}\n");
        assert!(findings(&table("0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"), Rule::DigitsRunTogether).is_empty());
        let text = table("000000000000000");
        assert_eq!(findings(&text, Rule::DigitsRunTogether).len(), 1);
        assert!(findings(&text, Rule::IdentityReview).is_empty(), "no sum on unreadable cells");
    }

    #[test]
    fn garbled_marks() {
        assert!(findings("一、总体情况\n正文？\n", Rule::Garbled).is_empty());
        let found = findings("?一、总体情况\n正文??好\n", Rule::Garbled);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].fixes.len(), 1);
        assert!(found[1].fixes.is_empty());
    }
}
