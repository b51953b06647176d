//! NB211 `header-order`: 表二 columns in another order than the format's.

use crate::diag::{Diagnostic, Localized};
use crate::parse::LabelCell;
use crate::rules::{Ctx, Rule};
use crate::spec::block_title;

/// 表二 blocks whose header cells stand in another order than the format's columns: the values
/// are read in the format's order, so a swap puts numbers under the wrong column.
pub(super) fn check(ctx: &mut Ctx) {
    let Some(t) = &ctx.report.proactive else {
        return;
    };
    let mut found = Vec::new();
    for b in &t.blocks {
        let Some(spec) = b.spec() else {
            continue;
        };
        let position = |h: &LabelCell| spec.columns.iter().position(|c| c.header == h.official);
        let columns: Vec<(&LabelCell, usize)> = b
            .headers
            .iter()
            .filter_map(|h| position(h).map(|p| (h, p)))
            .collect();
        let Some(pair) = columns.windows(2).find(|w| w[1].1 < w[0].1) else {
            continue;
        };
        let (before, after) = (pair[0].0, pair[1].0);
        let order: Vec<&str> = spec.columns.iter().map(|c| c.header).collect();
        found.push(Diagnostic::new(
            Rule::HeaderOrder,
            after.span,
            Localized::new(
                format!(
                    "{}的表头“{}”排在“{}”之前，与格式的列序不符（{}）；数值按格式的列序读取，请核对各列",
                    block_title(&b.item),
                    before.text,
                    after.text,
                    order.join("、")
                ),
                format!(
                    "In item ({}) of article 20 the header “{}” stands before “{}”, against the format's order ({}); values are read in the format's order: check each column",
                    b.item,
                    before.text,
                    after.text,
                    order.join(", ")
                ),
            ),
        ));
    }
    for d in found {
        ctx.emit(d);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{report, BLOCKS_2021};
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    #[test]
    fn header_order() {
        assert!(findings(&report(2023, BLOCKS_2021), Rule::HeaderOrder).is_empty());
        let text = report(
            2023,
            &BLOCKS_2021.replace("本年废止件数\t现行有效件数", "现行有效件数\t本年废止件数"),
        );
        let found = findings(&text, Rule::HeaderOrder);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .zh
            .contains("表头“现行有效件数”排在“本年废止件数”之前"));
    }
}
