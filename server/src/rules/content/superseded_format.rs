//! NB404 `superseded-format`: a report of 2021 or later cites the trial format of 2019.

use std::sync::LazyLock;

use regex::Regex;

use super::folded;
use crate::diag::{Diagnostic, Localized, Span};
use crate::rules::{Ctx, Rule};
use crate::spec::Layout;

static TRIAL_FORMAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[〔\[(]\s*2019\s*[〕\])]\s*60\s*号|年度报告格式\s*\(\s*试行\s*\)").unwrap()
});

pub(super) fn check(ctx: &mut Ctx) {
    if ctx.report.expected_layout != Some(Layout::Y2021) || ctx.report.layout_forced {
        return;
    }
    let f = folded(ctx, Span::new(0, ctx.text.len()));
    let spans: Vec<Span> = TRIAL_FORMAT
        .find_iter(f.text)
        .map(|m| f.source_span(m.start(), m.end()))
        .collect();
    for span in spans {
        ctx.emit(Diagnostic::new(
            Rule::SupersededFormat,
            span,
            Localized::new(
                format!(
                    "引用了已被取代的2019年试行格式；2021年及以后的年度报告应依据{}",
                    Layout::Y2021.document_number()
                ),
                format!(
                    "Cites the superseded 2019 trial format; reports for 2021 onward follow {}",
                    Layout::Y2021.document_number()
                ),
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
    fn superseded_format() {
        let cites = "依据国办公开办函〔2019〕60号编制。";
        assert!(findings(&report(2020, cites, "无。"), Rule::SupersededFormat).is_empty());
        assert_eq!(
            findings(&report(2023, cites, FEE), Rule::SupersededFormat).len(),
            1
        );
    }
}
