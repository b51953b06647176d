//! NB406 `document-number`: the format notice's document number misspelt.

use std::sync::LazyLock;

use regex::Regex;

use super::folded;
use crate::diag::{Applicability, Diagnostic, Localized, Span};
use crate::rules::{replace_fix, Ctx, Rule};
use crate::spec::FORMAT_NOTICE_ISSUER;

static NOTICE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([\p{Han}]{2,8})[〔\[(]\s*(2019|2021)\s*[〕\])]\s*(60|30)\s*号").unwrap()
});

/// `国开公开函〔2019〕60号`, `国办公开办涵〔2021〕30号`: the format notices, misspelt.
pub(super) fn check(ctx: &mut Ctx) {
    let f = folded(ctx, Span::new(0, ctx.text.len()));
    let mut found = Vec::new();
    for m in NOTICE_NUMBER.captures_iter(f.text) {
        let prefix = m.get(1).unwrap();
        // The issuer is the part from its last 国.
        let Some(at) = prefix.as_str().rfind('国') else {
            continue;
        };
        let issuer = &prefix.as_str()[at..];
        if issuer == FORMAT_NOTICE_ISSUER {
            continue;
        }
        let distance = strsim::levenshtein(issuer, FORMAT_NOTICE_ISSUER);
        if distance > 3 {
            continue;
        }
        let start = prefix.start() + at;
        found.push(f.source_span(start, prefix.end()));
    }
    for span in found {
        let written = ctx.slice(span).to_string();
        ctx.emit(
            Diagnostic::new(
                Rule::DocumentNumber,
                span,
                Localized::new(
                    format!("文号“{written}”有误，应为“{FORMAT_NOTICE_ISSUER}”"),
                    format!("“{written}” is misspelt; the issuer is “{FORMAT_NOTICE_ISSUER}”"),
                ),
            )
            .with_fix(replace_fix(
                span,
                FORMAT_NOTICE_ISSUER,
                Localized::new(
                    format!("改为“{FORMAT_NOTICE_ISSUER}”"),
                    format!("Change to “{FORMAT_NOTICE_ISSUER}”"),
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
    }
}
