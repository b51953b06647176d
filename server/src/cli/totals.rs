//! Counts over a whole `nianbao check` run: what the summary line and the JSON summary report.

use crate::diag::{Applicability, Diagnostic, Severity};

/// Counts over the whole run, for the summary line and the JSON summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Totals {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
    /// Findings that `--fix` could still fix (they have a safe fix).
    pub fixable: usize,
    /// Fixes `--fix` applied, and in how many files.
    pub fixed: usize,
    pub fixed_files: usize,
    /// Files found by walking a directory that were not checked: they do not look like a
    /// report (a README, notes, an empty or binary file).
    pub skipped: usize,
}

impl Totals {
    pub fn problems(&self) -> usize {
        self.errors + self.warnings + self.infos + self.hints
    }

    /// Counts one file's findings; `writable` is false for a page or a Word document, whose
    /// safe fixes `--fix` does not apply.
    pub(crate) fn add(&mut self, diagnostics: &[Diagnostic], writable: bool) {
        self.files += 1;
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
                Severity::Hint => self.hints += 1,
            }
            if writable && is_fixable(d) {
                self.fixable += 1;
            }
        }
    }
}

pub(crate) fn is_fixable(d: &Diagnostic) -> bool {
    d.fixes
        .iter()
        .any(|f| f.applicability == Applicability::Safe)
}
