//! NB403 `placeholder`: template placeholders (（文字描述）, XX, ××) left in the text.

use std::sync::LazyLock;

use regex::Regex;

use super::folded;
use crate::diag::{Diagnostic, Localized, Span};
use crate::rules::{Ctx, Rule};

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\(\s*文字描述[^)]{0,40}\)|(?:^|[^A-Za-z])([X]{2,}|[x]{3,}|×{2,}|○{2,})(?:[^A-Za-z]|$)",
    )
    .unwrap()
});

pub(super) fn check(ctx: &mut Ctx) {
    let f = folded(ctx, Span::new(0, ctx.text.len()));
    let mut found = Vec::new();
    for m in PLACEHOLDER.captures_iter(f.text) {
        let g = m.get(1).unwrap_or_else(|| m.get(0).unwrap());
        let span = f.source_span(g.start(), g.end());
        found.push(span);
    }
    for span in found {
        let shown = ctx.slice(span).to_string();
        ctx.emit(Diagnostic::new(
            Rule::Placeholder,
            span,
            Localized::new(
                format!("“{shown}”是模板占位文字，发布前应替换为实际内容"),
                format!("“{shown}” is template placeholder text; replace it before publishing"),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{report, FEE};
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    #[test]
    fn placeholder() {
        assert!(findings(&report(2023, "正文。", FEE), Rule::Placeholder).is_empty());
        assert_eq!(
            findings(&report(2023, "（文字描述）", FEE), Rule::Placeholder).len(),
            1
        );
        assert_eq!(
            findings(
                &report(2023, "XX年主动公开信息××条。", FEE),
                Rule::Placeholder
            )
            .len(),
            2
        );
    }
}
