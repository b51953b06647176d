//! Answers for editors, free of any protocol: the outline, folding ranges, hover, completion,
//! the computed totals, and the whole report template with the report year in progress. Byte offsets in, byte spans out (into the text the report was read
//! from); the language server converts them to positions and protocol types.
//!
//! Every string shown to people comes in the requested [`Locale`]; every official string comes
//! from `spec`.

mod completion;
mod hover;
mod outline;
mod template;
mod totals;

pub use completion::{completions, CompletionKind};
pub use hover::hover;
pub use outline::{folding, symbols, FoldKind, Symbol, SymbolKind};
pub use template::{
    date_in_china, report_template, report_template_title, report_year_in_progress, ReportTemplate,
};
pub use totals::{inlay_totals, InlayMode};

use crate::diag::{Locale, Span};
use crate::parse::{Report, Section};
use crate::spec::{Layout, TableKind, NUMERALS};

/// Where the first copy of the report ends: the whole text unless it was pasted twice.
fn first_copy_end(text: &str, report: &Report) -> usize {
    report
        .second_copy
        .map_or(text.len(), |c| c.start.min(text.len()))
}

/// A section from its heading to the end of its body, cut at a second copy of the report,
/// without trailing blank lines. Always covers the heading and the section's table.
fn section_extent(text: &str, report: &Report, section: &Section) -> Span {
    let start = section.heading.start.min(text.len());
    let mut end = section.body.end.min(text.len());
    if let Some(copy) = report.second_copy {
        if start < copy.start {
            end = end.min(copy.start);
        }
    }
    let end = end.max(start);
    // The end of the last line that is not blank (its trailing spaces and tabs kept: they may
    // hold empty cells).
    let last = start + text[start..end].trim_end().len();
    let line_end = text[last..end].find('\n').map_or(end, |i| last + i);
    let line_end = last + text[last..line_end].trim_end_matches('\r').len();
    Span::new(start, line_end.max(section.heading.end.min(end)))
}

/// Whether `offset` falls in `span`: inside a non-empty span, or at an empty span's position.
fn touches(span: Span, offset: usize) -> bool {
    if span.is_empty() {
        offset == span.start
    } else {
        span.start <= offset && offset < span.end
    }
}

/// The numeral of the section that holds a table: 表二 is in section 二.
fn table_numeral(kind: TableKind) -> &'static str {
    NUMERALS[usize::from(kind.section_number()) - 1]
}

/// A table's name for outlines: `收到和处理政府信息公开申请情况表` / `Requests table`.
fn table_name(kind: TableKind, locale: Locale) -> String {
    match locale {
        Locale::Zh => kind.name_zh().to_string(),
        Locale::En => {
            let name = kind.name_en();
            let name = name.strip_prefix("the ").unwrap_or(name);
            let mut chars = name.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        }
    }
}

/// A table's number and name: `表三：收到和处理政府信息公开申请情况表` / `Table 3: requests table`.
fn table_title(kind: TableKind, locale: Locale) -> String {
    match locale {
        Locale::Zh => format!("表{}：{}", table_numeral(kind), kind.name_zh()),
        Locale::En => {
            let name = kind.name_en();
            format!(
                "Table {}: {}",
                kind.section_number(),
                name.strip_prefix("the ").unwrap_or(name)
            )
        }
    }
}

/// The layout a table's labels and templates follow: the report's expected layout, else the
/// layout the table was checked against, else the 2021 format.
fn layout_in_force(report: &Report, kind: TableKind) -> Layout {
    report
        .expected_layout
        .or_else(|| match kind {
            TableKind::Proactive => report
                .proactive
                .as_ref()
                .and_then(|t| t.blocks.first())
                .map(|b| b.checked_as),
            TableKind::Applications => report.applications.as_ref().map(|t| t.checked_as),
            TableKind::Reviews => None,
        })
        .unwrap_or(Layout::Y2021)
}

/// Escapes the characters Markdown would take for markup.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Picks the text for the locale.
fn tr<'a>(locale: Locale, zh: &'a str, en: &'a str) -> &'a str {
    match locale {
        Locale::Zh => zh,
        Locale::En => en,
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Drafts shared by the tests of the `ide` modules.

    use crate::diag::Diagnostic;
    use crate::parse::Report;
    use crate::Config;

    pub fn corpus(path: &str) -> String {
        let full = format!("{}/../tests/corpus/{path}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
    }

    /// The clean 2023 draft in the 2021 format, tab style.
    pub fn clean() -> String {
        corpus("clean/2023-format2021-tab.txt")
    }

    /// Seed 003: （七）总计 is 0 where the results add up to 10.
    pub fn seed_003() -> String {
        corpus("seeds/003_85ce267dc675a287.txt")
    }

    /// The report and the findings, as the language server has them.
    pub fn analyzed(text: &str) -> (Report, Vec<Diagnostic>) {
        let a = crate::analyze(text, &Config::default());
        (a.report, a.diagnostics)
    }

    /// The byte offset of the `nth` (0-based) occurrence of `needle`.
    pub fn nth(text: &str, needle: &str, nth: usize) -> usize {
        text.match_indices(needle)
            .nth(nth)
            .unwrap_or_else(|| panic!("no occurrence {nth} of {needle:?}"))
            .0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_titles_in_both_languages() {
        assert_eq!(
            table_title(TableKind::Applications, Locale::Zh),
            "表三：收到和处理政府信息公开申请情况表"
        );
        assert_eq!(
            table_title(TableKind::Reviews, Locale::En),
            "Table 4: reconsideration and litigation table"
        );
        assert_eq!(
            table_name(TableKind::Proactive, Locale::En),
            "Proactive-disclosure table"
        );
    }

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(md("| a *b* |"), "\\| a \\*b\\* \\|");
        assert_eq!(md("（七）总计"), "（七）总计");
    }

    /// Every answer at every offset of every corpus draft: no panic, spans inside the text and
    /// on character boundaries.
    #[test]
    fn answers_everywhere_in_the_corpus_stay_on_the_text() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus");
        let mut files = Vec::new();
        for dir in ["seeds", "clean", "planted"] {
            for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
                let path = entry.unwrap().path();
                if matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("txt" | "md")
                ) {
                    files.push(path);
                }
            }
        }
        assert!(files.len() >= 20);
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let (report, diagnostics) = test_support::analyzed(&text);
            let ok = |span: Span| {
                span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end)
            };
            let name = path.display();
            for s in symbols(&text, &report, Locale::Zh) {
                assert!(ok(s.span) && ok(s.selection), "{name}: {s:?}");
            }
            for f in folding(&text, &report) {
                assert!(ok(f.span), "{name}: {f:?}");
            }
            for hint in inlay_totals(&report, InlayMode::All, Locale::En) {
                assert!(ok(Span::empty(hint.at)), "{name}: {hint:?}");
            }
            let mut hovers = 0;
            for (i, offset) in (0..=text.len())
                .filter(|o| text.is_char_boundary(*o))
                .enumerate()
            {
                let locale = if i % 2 == 0 { Locale::Zh } else { Locale::En };
                if let Some(h) = hover(&text, &report, &diagnostics, offset, locale) {
                    assert!(ok(h.span) && touches(h.span, offset), "{name}: {h:?}");
                    hovers += 1;
                }
                // Completion where a cell or line starts, and at a sample of other places.
                let after = text[..offset].chars().next_back();
                if !(i % 7 == 0 || matches!(after, None | Some('\n' | '\t' | '|' | ' '))) {
                    continue;
                }
                for item in completions(&text, &report, offset, locale) {
                    assert!(
                        ok(item.replace) && item.replace.end == offset,
                        "{name}: {item:?}"
                    );
                }
            }
            assert!(hovers > 0, "{name}");
        }
    }

    #[test]
    fn empty_spans_are_touched_at_their_position() {
        assert!(touches(Span::empty(5), 5));
        assert!(!touches(Span::empty(5), 4));
        assert!(touches(Span::new(2, 4), 3));
        assert!(!touches(Span::new(2, 4), 4));
    }
}
