//! NB212 `layout-forced`: a table layout forced by configuration that is not the report year's.

use crate::diag::{Diagnostic, Localized};
use crate::rules::{Ctx, Rule};

/// Said once, at the title (or the top): every table finding of this report follows a format
/// the report does not use, and the fixes that depend on it are not applied unattended.
pub(super) fn check(ctx: &mut Ctx) {
    let Some((forced, year, wanted)) = ctx.report.forced_layout_conflict() else {
        return;
    };
    let span = ctx
        .report
        .meta
        .title
        .as_ref()
        .map(|t| t.span)
        .unwrap_or_else(|| ctx.line_around(ctx.text.len() - ctx.text.trim_start().len()));
    let (forced, wanted) = (forced.year_label(), wanted.year_label());
    ctx.emit(Diagnostic::new(
        Rule::LayoutForced,
        span,
        Localized::new(
            format!("配置指定按{forced}年格式检查表格，但这是{year}年度报告，应使用{wanted}年格式；表格类问题可能不实，依赖表格格式的修复不会自动应用"),
            format!("The configuration forces the {forced} table layout, but this is a {year} report, which uses the {wanted} format; table findings may be wrong, and fixes that depend on the layout are not applied unattended"),
        ),
    ));
}

#[cfg(test)]
mod tests {
    use crate::rules::Rule;
    use crate::spec::{templates, Layout, TableStyle};
    use crate::Config;

    fn found(text: &str, layout: Option<Layout>) -> usize {
        let config = Config {
            layout,
            ..Config::default()
        };
        crate::check(text, &config)
            .iter()
            .filter(|d| d.rule == Rule::LayoutForced)
            .count()
    }

    #[test]
    fn layout_forced() {
        let text = templates::report_with_zeros(Layout::Y2021, 2023, TableStyle::Tab);
        assert_eq!(
            found(&text, Some(Layout::Y2019)),
            1,
            "2019 forced on a 2023 report"
        );
        assert_eq!(
            found(&text, Some(Layout::Y2021)),
            0,
            "the year's own layout"
        );
        assert_eq!(found(&text, None), 0, "detected, not forced");
        let old = templates::report_with_zeros(Layout::Y2019, 2020, TableStyle::Tab);
        assert_eq!(
            found(&old, Some(Layout::Y2021)),
            1,
            "2021 forced on a 2020 report"
        );
    }
}
