//! The outline (document symbols) and folding ranges.

use crate::diag::{Locale, Span};
use crate::parse::{ProactiveBlock, Report, Section, TitleMatch};
use crate::spec::{section, TableKind};

use super::{first_copy_end, section_extent, table_name, table_numeral, tr};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    /// The report's title line.
    Title,
    /// One of the six sections.
    Section,
    /// The table of section 二, 三 or 四.
    Table,
    /// A block of 表二: `第二十条第（X）项`.
    Block,
}

/// An entry of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    /// Shown beside the name: the official heading where the draft words it differently, the
    /// table's number, a block's format.
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole item; contains `selection` and every child's span.
    pub span: Span,
    /// The part to select when the item is chosen: the heading, the title cell.
    pub selection: Span,
    pub children: Vec<Symbol>,
}

/// The outline: the title, then each section of the first copy of the report with its table
/// (and 表二's blocks), in document order.
pub fn symbols(text: &str, report: &Report, locale: Locale) -> Vec<Symbol> {
    let mut out = Vec::new();
    if let Some(title) = &report.meta.title {
        if title.span.end <= text.len() {
            out.push(Symbol {
                name: title.value.clone(),
                detail: None,
                kind: SymbolKind::Title,
                span: title.span,
                selection: title.span,
                children: Vec::new(),
            });
        }
    }
    let end = first_copy_end(text, report);
    for s in report.sections.iter().filter(|s| s.heading.start < end) {
        let span = section_extent(text, report, s);
        let spec = section(s.number);
        let official = spec.heading();
        let name = heading_name(text, s).unwrap_or_else(|| official.clone());
        let detail = (s.title_match != TitleMatch::Exact).then_some(official);
        let mut children = Vec::new();
        let first_of_its_number = report
            .section(s.number)
            .is_some_and(|f| f.heading == s.heading);
        if first_of_its_number {
            if let Some(table) = table_symbol(report, s.number, locale) {
                if table.span.start >= span.start && table.span.end <= span.end {
                    children.push(table);
                }
            }
        }
        out.push(Symbol {
            name,
            detail,
            kind: SymbolKind::Section,
            span,
            selection: Span::new(s.heading.start, s.heading.end.min(span.end)),
            children,
        });
    }
    out
}

/// The heading as written, without Markdown marks around it.
pub(super) fn heading_name(text: &str, s: &Section) -> Option<String> {
    let raw = text.get(s.heading.start..s.heading.end)?;
    let name = raw
        .trim()
        .trim_start_matches(['#', '*', '>', ' ', '\u{3000}'])
        .trim_end_matches(['#', '*', ' ', '\u{3000}']);
    (!name.is_empty()).then(|| name.to_string())
}

fn table_symbol(report: &Report, section_number: u8, locale: Locale) -> Option<Symbol> {
    let (kind, span, selection, children) = match section_number {
        2 => {
            let t = report.proactive.as_ref()?;
            let blocks: Vec<Symbol> = t.blocks.iter().map(|b| block_symbol(b, locale)).collect();
            let selection = t.blocks.first().map_or(t.span, |b| b.title);
            (TableKind::Proactive, t.span, selection, blocks)
        }
        3 => {
            let t = report.applications.as_ref()?;
            (TableKind::Applications, t.span, t.span_head(), Vec::new())
        }
        4 => {
            let t = report.reviews.as_ref()?;
            let selection = t.headers.first().map_or(t.span, |h| h.span);
            (TableKind::Reviews, t.span, selection, Vec::new())
        }
        _ => return None,
    };
    let number = match locale {
        Locale::Zh => format!("表{}", table_numeral(kind)),
        Locale::En => format!("Table {}", kind.section_number()),
    };
    Some(Symbol {
        name: table_name(kind, locale),
        detail: Some(number),
        kind: SymbolKind::Table,
        span,
        selection: clamp(selection, span),
        children,
    })
}

fn block_symbol(block: &ProactiveBlock, locale: Locale) -> Symbol {
    let name = crate::spec::block_title(&block.item);
    Symbol {
        name,
        detail: block
            .layout
            .map(|l| tr(locale, l.name_zh(), l.name_en()).to_string()),
        kind: SymbolKind::Block,
        span: block.span,
        selection: clamp(block.title, block.span),
        children: Vec::new(),
    }
}

/// `inner` cut to lie within `outer`.
fn clamp(inner: Span, outer: Span) -> Span {
    let start = inner.start.clamp(outer.start, outer.end);
    Span::new(start, inner.end.clamp(start, outer.end))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoldKind {
    Section,
    Table,
}

/// A foldable range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fold {
    pub span: Span,
    pub kind: FoldKind,
}

/// One fold per section of the first copy (heading to the end of its body, without trailing
/// blank lines) and one per table, each only when it spans at least two lines.
pub fn folding(text: &str, report: &Report) -> Vec<Fold> {
    let end = first_copy_end(text, report);
    let multiline =
        |span: Span| span.end <= text.len() && text[span.start..span.end].trim_end().contains('\n');
    let mut out: Vec<Fold> = report
        .sections
        .iter()
        .filter(|s| s.heading.start < end)
        .map(|s| section_extent(text, report, s))
        .filter(|span| multiline(*span))
        .map(|span| Fold {
            span,
            kind: FoldKind::Section,
        })
        .collect();
    out.extend(
        report
            .table_spans()
            .into_iter()
            .filter(|span| multiline(*span))
            .map(|span| Fold {
                span,
                kind: FoldKind::Table,
            }),
    );
    out.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_support::{analyzed, clean, corpus};

    fn assert_within(text: &str, span: Span) {
        assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }

    #[test]
    fn outline_of_a_clean_report() {
        let text = clean();
        let (report, _) = analyzed(&text);
        let symbols = symbols(&text, &report, Locale::Zh);
        assert_eq!(symbols[0].kind, SymbolKind::Title);
        assert_eq!(symbols[0].name, "某市教育局2023年政府信息公开工作年度报告");
        let sections: Vec<&Symbol> = symbols
            .iter()
            .filter(|s| s.kind == SymbolKind::Section)
            .collect();
        let names: Vec<&str> = sections.iter().map(|s| s.name.as_str()).collect();
        let official: Vec<String> = crate::spec::SECTIONS.iter().map(|s| s.heading()).collect();
        assert_eq!(names, official);
        let tables: Vec<(usize, &Symbol)> = sections
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.children.iter().map(move |c| (i, c)))
            .collect();
        assert_eq!(tables.len(), 3, "{symbols:#?}");
        assert_eq!(
            tables.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        assert_eq!(tables[1].1.name, "收到和处理政府信息公开申请情况表");
        assert_eq!(tables[1].1.detail.as_deref(), Some("表三"));
        let blocks: Vec<&str> = tables[0]
            .1
            .children
            .iter()
            .map(|b| b.name.as_str())
            .collect();
        assert_eq!(
            blocks,
            [
                "第二十条第（一）项",
                "第二十条第（五）项",
                "第二十条第（六）项",
                "第二十条第（八）项"
            ]
        );
        assert!(tables[0]
            .1
            .children
            .iter()
            .all(|b| b.kind == SymbolKind::Block));
    }

    #[test]
    fn spans_nest_and_exclude_trailing_blank_lines() {
        let text = clean();
        let (report, _) = analyzed(&text);
        for s in symbols(&text, &report, Locale::En) {
            assert_within(&text, s.span);
            assert!(s.span.start <= s.selection.start && s.selection.end <= s.span.end);
            if s.kind == SymbolKind::Section {
                assert_eq!(&text[s.selection.start..s.selection.end], s.name);
                assert!(!text[s.span.start..s.span.end].ends_with('\n'));
            }
            for c in &s.children {
                assert!(s.span.start <= c.span.start && c.span.end <= s.span.end);
                assert!(c.span.start <= c.selection.start && c.selection.end <= c.span.end);
                assert!(c.name.ends_with(" table"), "{}", c.name);
            }
        }
        let first = symbols(&text, &report, Locale::Zh)
            .into_iter()
            .find(|s| s.kind == SymbolKind::Section)
            .unwrap();
        assert!(text[first.span.start..first.span.end].ends_with("监督保障制度健全。"));
    }

    #[test]
    fn a_second_copy_is_left_out() {
        let once = clean();
        let text = format!("{once}\n{once}");
        let (report, _) = analyzed(&text);
        assert!(report.second_copy.is_some());
        let sections = symbols(&text, &report, Locale::Zh)
            .into_iter()
            .filter(|s| s.kind == SymbolKind::Section)
            .count();
        assert_eq!(sections, 6);
        let last = folding(&text, &report)
            .into_iter()
            .map(|f| f.span.end)
            .max()
            .unwrap();
        assert!(last <= report.second_copy.unwrap().start);
    }

    #[test]
    fn a_differently_worded_heading_shows_the_official_one() {
        let text = clean().replace("一、总体情况", "## 一、工作总体情况 ##");
        let (report, _) = analyzed(&text);
        let first = symbols(&text, &report, Locale::Zh)
            .into_iter()
            .find(|s| s.kind == SymbolKind::Section)
            .unwrap();
        assert_eq!(first.name, "一、工作总体情况");
        assert_eq!(first.detail.as_deref(), Some("一、总体情况"));
    }

    #[test]
    fn folds_are_within_the_text_and_on_char_boundaries() {
        for path in [
            "clean/2023-format2021-tab.txt",
            "clean/2019-format2019-markdown.md",
            "seeds/001_1df9ee14cdc84c49.txt",
            "seeds/003_85ce267dc675a287.txt",
        ] {
            let text = corpus(path);
            let (report, _) = analyzed(&text);
            let folds = folding(&text, &report);
            assert!(
                folds.iter().filter(|f| f.kind == FoldKind::Section).count() >= 5,
                "{path}"
            );
            assert_eq!(
                folds.iter().filter(|f| f.kind == FoldKind::Table).count(),
                3,
                "{path}"
            );
            for f in folds {
                assert_within(&text, f.span);
                assert!(text[f.span.start..f.span.end].contains('\n'), "{path}");
            }
        }
    }

    #[test]
    fn a_one_line_section_does_not_fold() {
        let text = "某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n二、主动公开政府信息情况\n正文。\n";
        let (report, _) = analyzed(text);
        let folds = folding(text, &report);
        assert_eq!(folds.len(), 1, "{folds:?}");
        assert_eq!(
            &text[folds[0].span.start..folds[0].span.end],
            "二、主动公开政府信息情况\n正文。"
        );
    }
}
