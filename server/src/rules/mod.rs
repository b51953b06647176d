//! The rules: pure functions from a read report to findings, one family per module.
//! Each finding's code, default severity and document live in `catalog`.

mod arithmetic;
mod catalog;
mod cells;
mod content;
mod dates;
pub mod narrative;
mod preamble;
mod sections;
mod tables;
mod unreadable;
mod wording;

pub use catalog::Rule;

use crate::config::Config;
use crate::diag::{Applicability, Diagnostic, Edit, Fix, Localized, Span};
use crate::parse::{Report, TableStyle};
use crate::spec::Layout;

/// What every rule reads.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub report: &'a Report,
    pub out: Vec<Diagnostic>,
}

impl Ctx<'_> {
    pub fn emit(&mut self, diagnostic: Diagnostic) {
        self.out.push(diagnostic);
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// The layout templates are rendered in when a fix inserts one.
    pub fn template_layout(&self) -> Layout {
        self.report.expected_layout.unwrap_or(Layout::Y2021)
    }

    pub fn style(&self) -> TableStyle {
        self.report.table_style
    }

    /// Where the first copy of the report ends (the whole text when it was not pasted twice).
    pub fn first_copy_end(&self) -> usize {
        self.report.second_copy.map_or(self.text.len(), |c| c.start)
    }

    /// The start of the line holding `offset` and the end of that line.
    pub fn line_around(&self, offset: usize) -> Span {
        let start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[offset..]
            .find('\n')
            .map_or(self.text.len(), |i| offset + i);
        Span::new(start, end)
    }
}

/// A fix replacing `span` with `with`.
pub(crate) fn replace_fix(
    span: Span,
    with: impl Into<String>,
    title: Localized,
    applicability: Applicability,
) -> Fix {
    Fix {
        title,
        applicability,
        edits: vec![Edit::replace(span, with)],
    }
}

/// A fix turning `written`, found at `at`, into the `official` text. Only the characters that
/// differ are replaced, so the rest of the author's text (and any formatting) stays as it is.
pub(crate) fn official_text_fix(
    at: Span,
    written: &str,
    official: &str,
    applicability: Applicability,
) -> Fix {
    let (within, with) = crate::text::minimal_replacement(written, official);
    replace_fix(
        Span::new(at.start + within.start, at.start + within.end),
        with,
        Localized::new(
            format!("改为“{official}”"),
            format!("Change to “{official}”"),
        ),
        applicability,
    )
}

/// Runs every rule family, drops rules configured off, applies configured severities, and
/// sorts findings by position.
pub fn run(text: &str, report: &Report, config: &Config) -> Vec<Diagnostic> {
    let mut ctx = Ctx {
        text,
        report,
        out: Vec::new(),
    };
    sections::check(&mut ctx);
    tables::check(&mut ctx);
    cells::check(&mut ctx);
    arithmetic::check(&mut ctx);
    content::check(&mut ctx);
    unreadable::check(&mut ctx);
    let mut out = ctx.out;
    out.retain_mut(|d| match config.severity_of(d.rule) {
        Some(s) => {
            d.severity = s;
            true
        }
        None => false,
    });
    out.sort_by_key(|d| (d.span.start, d.span.end, d.rule));
    out
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Helpers for the rules' unit tests: a tiny report builder and finders.

    use crate::diag::Diagnostic;
    use crate::rules::Rule;
    use crate::{check, Config};

    pub fn findings(text: &str, rule: Rule) -> Vec<Diagnostic> {
        check(text, &Config::default())
            .into_iter()
            .filter(|d| d.rule == rule)
            .collect()
    }
}
