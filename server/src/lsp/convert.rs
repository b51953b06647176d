//! Engine findings and fixes as protocol values. Spans become ranges here, and only here.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::LazyLock;

use ropey::Rope;
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, TextEdit, Uri, WorkspaceEdit,
};

use crate::diag::{Diagnostic, Edit, Locale, Severity};
use crate::lsp::encoding::{range, Encoding};
use crate::rules::Rule;

pub const SOURCE: &str = "nianbao";

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// Each rule's page (`Rule::help_url`), parsed once: the client opens it from the finding's
/// code. A base URL given at build time that is no URI leaves the codes unlinked.
static RULE_PAGES: LazyLock<HashMap<Rule, Uri>> = LazyLock::new(|| {
    Rule::ALL
        .iter()
        .filter_map(|&rule| Some((rule, Uri::from_str(&rule.help_url()).ok()?)))
        .collect()
});

pub fn diagnostic(
    d: &Diagnostic,
    uri: &Uri,
    rope: &Rope,
    encoding: Encoding,
    locale: Locale,
) -> lsp::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range(rope, r.span, encoding)),
            message: r.message.get(locale).to_string(),
        })
        .collect();
    lsp::Diagnostic {
        range: range(rope, d.span, encoding),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code().to_string())),
        code_description: RULE_PAGES
            .get(&d.rule)
            .map(|href| CodeDescription { href: href.clone() }),
        source: Some(SOURCE.to_string()),
        message: d.message.get(locale).to_string(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

pub fn text_edits(edits: &[Edit], rope: &Rope, encoding: Encoding) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|e| TextEdit::new(range(rope, e.span, encoding), e.replacement.clone()))
        .collect()
}

pub fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        document_changes: None,
        change_annotations: None,
    }
}
