//! The rules: pure functions from a read report to findings, one family per module.
//! Each finding's code, default severity and document live in `catalog`.

mod arithmetic;
mod cells;
mod content;
pub(crate) mod narrative;
mod sections;
mod tables;
mod unreadable;

pub use crate::catalog::Rule;

use crate::config::Config;
use crate::diag::{Applicability, Diagnostic, Edit, Fix, Localized, Span};
use crate::parse::Report;
use crate::spec::Layout;
use crate::spec::TableStyle;
use crate::text::Folded;

/// What every rule reads.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub report: &'a Report,
    /// The whole text folded once (width, Traditional, 其它): every rule that searches words
    /// takes its part of it with `Folded::view`.
    pub folded: &'a Folded,
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
/// The most related places one finding carries.
pub const RELATED_MAX: usize = 20;

/// A family of rules: its name (for the internal-error finding) and its check.
type Family = (&'static str, fn(&mut Ctx));

const FAMILIES: [Family; 6] = [
    ("sections", sections::check),
    ("tables", tables::check),
    ("cells", cells::check),
    ("arithmetic", arithmetic::check),
    ("content", content::check),
    ("unreadable", unreadable::check),
];

/// Runs each family with a guard: a family that panics (a defect of ours, met on some text)
/// loses its own findings and leaves one NB900 at the top of the document; the others' still
/// arrive, and the editor keeps its server.
fn run_families(ctx: &mut Ctx, families: &[Family]) {
    for (name, check) in families {
        let before = ctx.out.len();
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(ctx)));
        if ran.is_err() {
            ctx.out.truncate(before);
            ctx.emit(Diagnostic::new(
                Rule::InternalError,
                Span::empty(0),
                Localized::new(
                    format!("检查器内部错误：“{name}”一组规则在这份文档上出错，这组检查未完成（这是 nianbao 的缺陷，请附上文档报告）"),
                    format!("Internal error: the “{name}” rules failed on this document and did not finish (a defect of nianbao; please report it with the document)"),
                ),
            ));
        }
    }
}

/// Every enabled rule on `text` and its report, given the whole text already folded
/// (`Fold::Text`), as the reader folded it.
pub fn run_folded(
    text: &str,
    report: &Report,
    folded: &Folded,
    config: &Config,
) -> Vec<Diagnostic> {
    let mut ctx = Ctx {
        text,
        report,
        folded,
        out: Vec::new(),
    };
    run_families(&mut ctx, &FAMILIES);
    let mut out = ctx.out;
    // A finding names how many places it covers in its message; its list of places is bounded
    // so that one finding on a huge document cannot make a huge message for the editor.
    for d in &mut out {
        d.related.truncate(RELATED_MAX);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn emits(ctx: &mut Ctx) {
        ctx.emit(Diagnostic::new(
            Rule::Garbled,
            Span::empty(1),
            Localized::new("甲", "a"),
        ));
    }

    fn emits_then_panics(ctx: &mut Ctx) {
        emits(ctx);
        panic!("a defect met on some text");
    }

    #[test]
    fn a_panicking_family_leaves_one_internal_error_and_the_others_findings() {
        let report = crate::parse::read("", None);
        let folded = Folded::of("", crate::text::Fold::Text);
        let mut ctx = Ctx {
            text: "",
            report: &report,
            folded: &folded,
            out: Vec::new(),
        };
        run_families(
            &mut ctx,
            &[
                ("first", emits),
                ("broken", emits_then_panics),
                ("last", emits),
            ],
        );
        let rules: Vec<Rule> = ctx.out.iter().map(|d| d.rule).collect();
        assert_eq!(rules, [Rule::Garbled, Rule::InternalError, Rule::Garbled]);
        assert!(ctx.out[1].message.zh.contains("“broken”一组规则"));
    }
}
