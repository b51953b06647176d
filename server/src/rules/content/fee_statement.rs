//! NB401 `fee-statement`: section 六 of a 2021-format report says nothing about 信息处理费.

use super::folded;
use crate::diag::{Applicability, Diagnostic, Edit, Fix, Localized, Span};
use crate::rules::{Ctx, Rule};
use crate::spec::{section, Layout, FEE_NIL_STATEMENT, FEE_TERM};

pub(super) fn check(ctx: &mut Ctx) {
    if ctx.report.expected_layout != Some(Layout::Y2021) {
        return;
    }
    let Some(six) = ctx.report.section(6) else {
        return;
    };
    let body = Span::new(
        six.body.start,
        six.body.end.min(ctx.first_copy_end()).max(six.body.start),
    );
    if folded(ctx, body).text.contains(FEE_TERM) {
        return;
    }
    let at = body.start;
    let prefix = if ctx.text[..at].ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    ctx.emit(
        Diagnostic::new(
            Rule::FeeStatement,
            six.heading,
            Localized::new(
                format!("“{}”没有报告{FEE_TERM}情况；2021年格式要求在此专门报告收取{FEE_TERM}的情况，未收取的也应写明", section(6).heading()),
                format!("“{}” says nothing about {FEE_TERM}; the 2021 format requires the fees charged (or that none were) to be reported here", section(6).heading()),
            ),
        )
        .with_fix(Fix {
            title: Localized::new(format!("插入“{FEE_NIL_STATEMENT}”（请核实）"), format!("Insert “{FEE_NIL_STATEMENT}” (check it is true)")),
            applicability: Applicability::Unsafe,
            edits: vec![Edit::insert(at, format!("{prefix}{FEE_NIL_STATEMENT}\n"))],
        }),
    );
}

#[cfg(test)]
mod tests {
    use super::super::tests::{report, FEE};
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    #[test]
    fn fee_statement() {
        assert!(findings(&report(2023, "正文。", FEE), Rule::FeeStatement).is_empty());
        assert!(
            findings(&report(2020, "正文。", "无。"), Rule::FeeStatement).is_empty(),
            "not required in 2020"
        );
        let text = report(2023, "正文。", "无。");
        let found = findings(&text, Rule::FeeStatement);
        assert_eq!(found.len(), 1);
        let (fixed, _) = crate::fix::apply_edits(&text, &found[0].fixes[0].edits);
        assert!(findings(&fixed, Rule::FeeStatement).is_empty());
        assert!(fixed.contains("无。"), "the author's words stay");
    }
}
