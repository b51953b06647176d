//! NB207 `block-missing`: a 表二 block of the format that the table lacks.

use super::list;
use crate::diag::{Applicability, Diagnostic, Edit, Fix, Localized};
use crate::rules::{Ctx, Rule};
use crate::spec::templates;
use crate::spec::{block_title, proactive_blocks, Layout, TableKind};

pub(super) fn check(ctx: &mut Ctx) {
    let Some(t) = &ctx.report.proactive else {
        return;
    };
    let layout = proactive_layout(ctx);
    let missing: Vec<&str> = proactive_blocks(layout)
        .iter()
        .map(|b| b.item)
        .filter(|item| !t.blocks.iter().any(|b| b.item == *item))
        .collect();
    if missing.is_empty() {
        return;
    }
    let titles: Vec<String> = missing.iter().map(|i| block_title(i)).collect();
    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
    let at = ctx.line_around(t.span.end).end;
    let insert = format!(
        "\n{}",
        templates::proactive_table(layout, ctx.style(), Some(&missing)).trim_end_matches('\n')
    );
    let span = t.blocks.first().map_or(t.span, |b| b.title);
    ctx.emit(
        Diagnostic::new(
            Rule::BlockMissing,
            span,
            Localized::new(
                format!("{}缺少{}", TableKind::Proactive.name_zh(), list(&titles)),
                format!("The proactive-disclosure table lacks {}", titles.join(", ")),
            ),
        )
        .with_fix(Fix {
            title: Localized::new("插入缺少的项目", "Insert the missing items"),
            applicability: Applicability::Unsafe,
            edits: vec![Edit::insert(at, insert)],
        }),
    );
}

/// The layout 表二 is read in: forced, else the majority of its blocks, else the year's.
fn proactive_layout(ctx: &Ctx) -> Layout {
    let report = ctx.report;
    if report.layout_forced {
        return ctx.template_layout();
    }
    let Some(t) = &report.proactive else {
        return ctx.template_layout();
    };
    let count = |l: Layout| t.blocks.iter().filter(|b| b.layout == Some(l)).count();
    match count(Layout::Y2019).cmp(&count(Layout::Y2021)) {
        std::cmp::Ordering::Greater => Layout::Y2019,
        std::cmp::Ordering::Less => Layout::Y2021,
        std::cmp::Ordering::Equal => ctx.template_layout(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{report, BLOCKS_2021};
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    #[test]
    fn block_missing() {
        assert!(findings(&report(2023, BLOCKS_2021), Rule::BlockMissing).is_empty());
        let cut = BLOCKS_2021.find("第二十条第（八）项").unwrap();
        let found = findings(&report(2023, &BLOCKS_2021[..cut]), Rule::BlockMissing);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.zh.contains("第二十条第（八）项"));
    }
}
