//! The finding type every rule produces and every front end renders.
//!
//! Spans are byte offsets into the checked text; nothing here knows about
//! lines, columns or the protocol.

use crate::catalog::Rule;

// The vocabulary a finding is made of, defined in the leaf modules below the engine and
// re-exported so the front ends can name a finding's parts from one place.
pub use crate::catalog::Severity;
pub use crate::locale::{Locale, Localized};
pub use crate::text::Span;

/// Replace the bytes of `span` with `replacement` (an insertion when the span is empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Edit {
    pub fn replace(span: Span, replacement: impl Into<String>) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit::replace(Span::empty(at), text)
    }
}

/// Whether a fix may be applied without a person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    /// The right text is certain (an official label for a typo, 0 for a blank count).
    Safe,
    /// Plausible but needs a person: inserted templates, changed totals.
    Unsafe,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: Localized,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

/// A place that explains a finding, e.g. one of the cells of a sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub message: Localized,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    pub span: Span,
    pub message: Localized,
    pub fixes: Vec<Fix>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn new(rule: Rule, span: Span, message: Localized) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.default_severity(),
            span,
            message,
            fixes: Vec::new(),
            related: Vec::new(),
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fixes.push(fix);
        self
    }

    pub fn with_related(mut self, span: Span, message: Localized) -> Diagnostic {
        self.related.push(Related { span, message });
        self
    }

    pub fn code(&self) -> &'static str {
        self.rule.code()
    }
}
