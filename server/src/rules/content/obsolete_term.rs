//! NB412: category names of the statistics before the 2019 Regulation (`信息不存在`,
//! `申请信息不明确` …) in the text of a report for 2021 onward.

use std::sync::LazyLock;

use regex::Regex;

use crate::diag::{Applicability, Diagnostic, Localized, Span};
use crate::rules::{replace_fix, Ctx, Rule};
use crate::spec::{application_rows, Layout, TermUse, OBSOLETE_TERMS};
use crate::text::Words;

/// Every obsolete term, looked for together: most lines hold none.
static ANY_TERM: LazyLock<Words> =
    LazyLock::new(|| Words::new(OBSOLETE_TERMS.iter().map(|t| t.obsolete)));

/// A count right after a term: `信息不存在2件`.
static COUNT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:的|类|情形|答复)?(?:申请)?(?:共|为)?\s*[0-9０-９]+\s*件").unwrap()
});

pub(super) fn check(ctx: &mut Ctx) {
    if ctx.report.meta.year.as_ref().is_none_or(|y| y.value < 2021) {
        return;
    }
    let tables = ctx.report.table_spans();
    let end = ctx.first_copy_end();
    let mut found = Vec::new();
    let mut at = 0;
    for line in ctx.text[..end].split_inclusive('\n') {
        let span = Span::new(at, at + line.trim_end_matches(['\n', '\r']).len());
        at += line.len();
        if line.contains('\t')
            || line.contains('|')
            || tables
                .iter()
                .any(|t| t.start < span.end && span.start < t.end)
        {
            continue;
        }
        let folded = ctx.folded.view(span);
        if !ANY_TERM.any_in(folded.text) {
            continue;
        }
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for term in OBSOLETE_TERMS {
            for (i, _) in folded.text.match_indices(term.obsolete) {
                let stop = i + term.obsolete.len();
                if taken.iter().any(|&(a, b)| a < stop && i < b) {
                    continue;
                }
                let before = &folded.text[..i];
                if term.not_after.iter().any(|w| before.ends_with(w)) {
                    continue;
                }
                let counted = COUNT_AFTER.is_match(&folded.text[stop..]);
                if term.use_ == TermUse::Counted && !counted {
                    continue;
                }
                taken.push((i, stop));
                found.push((folded.source_span(i, stop), term));
            }
        }
    }
    for (span, term) in found {
        let rows = application_rows(Layout::Y2021);
        let parent = rows
            .iter()
            .find(|r| r.label == term.current)
            .and_then(|r| r.parent)
            .filter(|p| rows.iter().any(|r| r.label == *p && r.parent.is_some()));
        let name = current_name(term.current);
        let place_zh = match parent {
            Some(p) => format!("表三“{p}”中的“{}”", term.current),
            None => format!("表三“{}”", term.current),
        };
        let place_en = match parent {
            Some(p) => format!("“{}” under “{p}” in 表三", term.current),
            None => format!("“{}” in 表三", term.current),
        };
        let written = ctx.slice(span).to_string();
        let mut d = Diagnostic::new(
            Rule::ObsoleteTerm,
            span,
            Localized::new(
                format!("“{written}”是2019年《政府信息公开条例》修订前的统计类别；现行格式中这一情形为{place_zh}"),
                format!("“{written}” is a category of the statistics before the 2019 Regulation; the current format counts it as {place_en}"),
            ),
        );
        if term.replace {
            // `因信息不存在` → `因本机关不掌握相关政府信息`.
            let with = match term.obsolete.strip_prefix('因') {
                Some(_) => format!("因{name}"),
                None => name.to_string(),
            };
            let title = Localized::new(
                format!("改为“{with}”（请核实）"),
                format!("Change to “{with}” (check it)"),
            );
            d = d.with_fix(replace_fix(span, with, title, Applicability::Unsafe));
        }
        ctx.emit(d);
    }
}

/// A 表三 label without its numbering: `1.本机关不掌握相关政府信息` → `本机关不掌握相关政府信息`,
/// `（一）予以公开` → `予以公开`.
fn current_name(label: &str) -> &str {
    if let Some((n, rest)) = label.split_once('.') {
        if n.chars().all(|c| c.is_ascii_digit()) {
            return rest;
        }
    }
    label
        .strip_prefix('（')
        .and_then(|rest| rest.split_once('）'))
        .map_or(label, |(_, rest)| rest)
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::findings;
    use crate::rules::Rule;
    use crate::spec::{application_rows, Layout, OBSOLETE_TERMS};

    fn draft(year: u32, one: &str) -> String {
        format!("某局{year}年政府信息公开工作年度报告\n\n一、总体情况\n\n{one}\n\n三、收到和处理政府信息公开申请情况\n\n一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n")
    }

    #[test]
    fn every_current_name_is_a_row_of_the_2021_format() {
        for term in OBSOLETE_TERMS {
            assert!(
                application_rows(Layout::Y2021)
                    .iter()
                    .any(|r| r.label == term.current),
                "{}",
                term.current
            );
        }
    }

    #[test]
    fn obsolete_term() {
        for ok in [
            "全年无法提供3件，其中本机关不掌握相关政府信息2件，补正后申请内容仍不明确1件。",
            "经检索没有所申请公开信息的，告知申请人该政府信息不存在。",
            "申请内容不明确的，及时告知申请人作出补正。",
            "第三方不同意公开的，依法不予公开。",
        ] {
            assert!(
                findings(&draft(2023, ok), Rule::ObsoleteTerm).is_empty(),
                "{ok}"
            );
        }
        let text = "全年因信息不存在无法提供2件，申请信息不明确1件，同意公开3件。";
        assert!(
            findings(&draft(2020, text), Rule::ObsoleteTerm).is_empty(),
            "2019 and 2020 reports are not checked"
        );
        let t = draft(2023, text);
        let found = findings(&t, Rule::ObsoleteTerm);
        let written: Vec<&str> = found.iter().map(|d| &t[d.span.start..d.span.end]).collect();
        assert_eq!(written, ["因信息不存在", "申请信息不明确", "同意公开"]);
        assert_eq!(
            found[0].message.zh,
            "“因信息不存在”是2019年《政府信息公开条例》修订前的统计类别；现行格式中这一情形为表三“（四）无法提供”中的“1.本机关不掌握相关政府信息”"
        );
        assert_eq!(found[2].fixes[0].edits[0].replacement, "予以公开");
        // Row labels in a table are NB204's.
        let t = draft(2023, "正文。") + "（四）无法提供\t信息不存在\t1\t0\t0\t0\t0\t0\t1\n";
        assert!(findings(&t, Rule::ObsoleteTerm).is_empty());
    }
}
