//! NB406 `document-number`: the format notice's document number misspelt.

use std::sync::LazyLock;

use regex::Regex;

use super::folded;
use crate::diag::{Applicability, Diagnostic, Localized, Span};
use crate::rules::{replace_fix, Ctx, Rule};
use crate::spec::{Layout, FORMAT_NOTICE_ISSUER};

/// The year and number of each format notice, read from `spec`: (`2021`, `30`, layout).
fn notice_numbers() -> Vec<(String, String, Layout)> {
    Layout::ALL
        .into_iter()
        .filter_map(|layout| {
            let digits: Vec<String> = layout
                .document_number()
                .split(|c: char| !c.is_ascii_digit())
                .filter(|d| !d.is_empty())
                .map(String::from)
                .collect();
            match digits.as_slice() {
                [year, number] => Some((year.clone(), number.clone(), layout)),
                _ => None,
            }
        })
        .collect()
}

/// An issuer, then a notice's year and number, with or without their brackets.
static NOTICE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    let numbers = notice_numbers();
    let years: Vec<&str> = numbers.iter().map(|(y, _, _)| y.as_str()).collect();
    let counts: Vec<&str> = numbers.iter().map(|(_, n, _)| n.as_str()).collect();
    Regex::new(&format!(
        r"(?P<prefix>[\p{{Han}}]{{2,8}})(?P<open>[〔\[(])?\s*(?P<year>{})\s*(?P<close>[〕\])])?\s*(?P<number>{})\s*号",
        years.join("|"),
        counts.join("|")
    ))
    .unwrap()
});

/// `国开公开函〔2019〕60号`, `国办公开办涵〔2021〕30号`: the format notices, misspelt; and
/// `国办公开办函〔202130号`, a bracket lost.
pub(super) fn check(ctx: &mut Ctx) {
    let f = folded(ctx, Span::new(0, ctx.text.len()));
    let numbers = notice_numbers();
    let mut found = Vec::new();
    for m in NOTICE_NUMBER.captures_iter(f.text) {
        let prefix = m.name("prefix").unwrap();
        // The issuer is the part from its last 国.
        let Some(at) = prefix.as_str().rfind('国') else {
            continue;
        };
        let issuer = &prefix.as_str()[at..];
        if strsim::levenshtein(issuer, FORMAT_NOTICE_ISSUER) > 3 {
            continue;
        }
        // The year and the number must be one notice's: 〔2021〕60号 is another matter.
        let (year, number) = (&m["year"], &m["number"]);
        let Some(layout) = numbers
            .iter()
            .find(|(y, n, _)| y == year && n == number)
            .map(|(_, _, l)| *l)
        else {
            continue;
        };
        let start = prefix.start() + at;
        if m.name("open").is_none() || m.name("close").is_none() {
            let whole = m.get(0).unwrap();
            found.push((f.source_span(start, whole.end()), Some(layout)));
        } else if issuer != FORMAT_NOTICE_ISSUER {
            found.push((f.source_span(start, prefix.end()), None));
        }
    }
    for (span, whole_number) in found {
        let written = ctx.slice(span).to_string();
        let (message, official) = match whole_number {
            Some(layout) => {
                let official = layout.document_number();
                (
                    Localized::new(
                        format!("文号“{written}”缺少括号，应为“{official}”"),
                        format!(
                            "The document number “{written}” lacks a bracket; it is “{official}”"
                        ),
                    ),
                    official,
                )
            }
            None => (
                Localized::new(
                    format!("文号“{written}”有误，应为“{FORMAT_NOTICE_ISSUER}”"),
                    format!("“{written}” is misspelt; the issuer is “{FORMAT_NOTICE_ISSUER}”"),
                ),
                FORMAT_NOTICE_ISSUER,
            ),
        };
        ctx.emit(
            Diagnostic::new(Rule::DocumentNumber, span, message).with_fix(replace_fix(
                span,
                official,
                Localized::new(
                    format!("改为“{official}”"),
                    format!("Change to “{official}”"),
                ),
                Applicability::Safe,
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{report, FEE};
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    #[test]
    fn document_number() {
        assert!(findings(
            &report(2023, "依据国办公开办函〔2021〕30号编制。", FEE),
            Rule::DocumentNumber
        )
        .is_empty());
        let text = report(2023, "依据国办公开办涵〔2021〕30号编制。", FEE);
        let found = findings(&text, Rule::DocumentNumber);
        assert_eq!(found.len(), 1);
        let (fixed, _) = crate::fix::apply_safe_fixes(&text, &found);
        assert!(fixed.contains("依据国办公开办函〔2021〕30号"));

        // A bracket lost, on either side: the whole number, written back whole.
        for lost in [
            "国办公开办函〔202130号",
            "国办公开办函2021〕30号",
            "国办公开办函(2019 60号",
        ] {
            let text = report(2023, &format!("依据{lost}编制。"), FEE);
            let found = findings(&text, Rule::DocumentNumber);
            assert_eq!(found.len(), 1, "{lost}");
            assert!(found[0].message.zh.contains("缺少括号"), "{lost}");
            let (fixed, _) = crate::fix::apply_safe_fixes(&text, &found);
            assert!(findings(&fixed, Rule::DocumentNumber).is_empty(), "{fixed}");
        }
        // Not the format notice: another issuer, or a year and number of no notice.
        for other in [
            "市政办函〔2021〕30号",
            "国办公开办函〔2021〕60号",
            "国办公开办函〔2019〕60号",
        ] {
            let text = report(2023, &format!("依据{other}编制。"), FEE);
            assert!(findings(&text, Rule::DocumentNumber).is_empty(), "{other}");
        }
    }
}
