//! NB407 `traditional-characters`: the report is written in Traditional characters.

use crate::diag::{Diagnostic, Localized};
use crate::rules::{Ctx, Rule};
use crate::text::is_traditional;

/// Enough Traditional-only characters that the text is in Traditional script.
const TRADITIONAL_MIN_CHARS: usize = 10;

pub(super) fn check(ctx: &mut Ctx) {
    let mut han = 0usize;
    let mut trad = 0usize;
    let mut first: Option<usize> = None;
    for (i, c) in ctx.text.char_indices() {
        if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            han += 1;
            if is_traditional(c) {
                trad += 1;
                first.get_or_insert(i);
            }
        }
    }
    // A few Traditional forms also occur in Simplified text (names, quotations); a script is
    // judged by share, not by one character.
    if trad < TRADITIONAL_MIN_CHARS || trad * 20 < han {
        return;
    }
    let at = first.unwrap_or(0);
    let span = ctx.line_around(at);
    ctx.emit(Diagnostic::new(
        Rule::TraditionalCharacters,
        span,
        Localized::new(
            format!("报告使用了繁体字（{trad} 个），政府公文应使用规范汉字；繁体文本多来自镜像网站的转换"),
            format!("The report is written in Traditional characters ({trad}); official documents use Simplified characters"),
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::tests::{report, FEE};
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    #[test]
    fn traditional_characters() {
        assert!(findings(&report(2023, "正文。", FEE), Rule::TraditionalCharacters).is_empty());
        let text = report(
            2023,
            "本機關認真貫徹執行條例，規範處理申請，積極推進政務公開，應公開盡公開。",
            FEE,
        );
        assert_eq!(findings(&text, Rule::TraditionalCharacters).len(), 1);
    }
}
