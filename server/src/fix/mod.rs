//! Applying fixes: which fixes run unattended (one selection for `--fix`, the editor's
//! fix-all and the tests) and the fix loop.

use crate::diag::{Applicability, Diagnostic, Edit};
use crate::{Analysis, Config};

/// Applies non-overlapping edits to `text`. Overlapping edits after the first are skipped
/// (the caller can check again and apply the rest), so nothing is ever applied twice.
/// Returns the new text and how many edits were applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits
        .iter()
        .filter(|e| {
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        })
        .collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut applied = 0;
    for edit in sorted {
        if edit.span.start < cursor {
            continue;
        }
        out.push_str(&text[cursor..edit.span.start]);
        out.push_str(&edit.replacement);
        cursor = edit.span.end;
        applied += 1;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

/// Which fixes run unattended (`--fix`, fix-all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Policy {
    /// Only safe fixes: the author's meaning is certainly kept.
    #[default]
    Safe,
    /// Unsafe fixes too (`--unsafe-fixes`): templates, numbers, deleted copies.
    Unsafe,
}

/// The edits of the fixes `policy` allows, in finding order, skipping any fix whose edits
/// overlap an earlier chosen fix's (or insert at the same place): the one selection `--fix`,
/// the editor's fix-all and the convergence tests share. Returns the edits and how many fixes
/// they make up.
pub fn select(diagnostics: &[Diagnostic], policy: Policy) -> (Vec<Edit>, usize) {
    let mut edits: Vec<Edit> = Vec::new();
    let mut fixes = 0;
    for fix in diagnostics
        .iter()
        .flat_map(|d| d.fixes.iter())
        .filter(|f| policy == Policy::Unsafe || f.applicability == Applicability::Safe)
    {
        let overlaps = fix.edits.iter().any(|e| {
            edits.iter().any(|t| {
                e.span.start < t.span.end && t.span.start < e.span.end
                    || (e.span.is_empty() && e.span.start == t.span.start)
            })
        });
        if overlaps {
            continue;
        }
        edits.extend(fix.edits.iter().cloned());
        fixes += 1;
    }
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    (edits, fixes)
}

/// The safe edits of an analysed document: [`select`] with [`Policy::Safe`], and nothing when
/// the layout was forced against the report year (every table fix then follows a format the
/// report does not use, so none is certainly right).
pub fn safe_edits(analysis: &Analysis) -> (Vec<Edit>, usize) {
    if analysis.report.forced_layout_conflict().is_some() {
        return (Vec::new(), 0);
    }
    select(&analysis.diagnostics, Policy::Safe)
}

/// Applies every safe fix of `diagnostics` once (one pass of [`fix_all`], without the layout
/// check, for rule tests). Returns the new text and how many fixes were applied.
pub fn apply_safe_fixes(text: &str, diagnostics: &[Diagnostic]) -> (String, usize) {
    let (edits, fixes) = select(diagnostics, Policy::Safe);
    let (out, _) = apply_edits(text, &edits);
    (out, fixes)
}

/// A fix can make room for another (overlapping fixes wait for the next pass), so fixing
/// repeats; the bound stops a pair of fixes that undo each other.
pub const FIX_PASSES: usize = 10;

/// The result of [`fix_all`].
#[derive(Debug)]
pub struct Fixed {
    pub text: String,
    /// The findings that remain in `text`.
    pub analysis: Analysis,
    /// Fixes applied over all passes.
    pub applied: usize,
    /// Passes that changed the text.
    pub passes: usize,
}

/// Applies fixes until none is left or [`FIX_PASSES`] runs out, checking again after each
/// pass: what `--fix` writes. Unsafe fixes (with [`Policy::Unsafe`]) run in the first pass
/// only, so a template is never inserted twice; later passes take the safe fixes that pass
/// made room for.
pub fn fix_all(text: &str, config: &Config, policy: Policy) -> Fixed {
    let mut text = text.to_string();
    let mut analysis = crate::analyze(&text, config);
    let mut applied = 0;
    let mut passes = 0;
    while passes < FIX_PASSES {
        let (edits, count) = match policy {
            Policy::Unsafe if passes == 0 => select(&analysis.diagnostics, Policy::Unsafe),
            _ => safe_edits(&analysis),
        };
        if count == 0 {
            break;
        }
        let (fixed, _) = apply_edits(&text, &edits);
        if fixed == text {
            break;
        }
        applied += count;
        passes += 1;
        text = fixed;
        analysis = crate::analyze(&text, config);
    }
    Fixed {
        text,
        analysis,
        applied,
        passes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;

    #[test]
    fn applies_edits_in_order_and_skips_overlaps() {
        let text = "本年度止件数\t\t0";
        let edits = vec![
            Edit::replace(Span::new(6, 9), "废"),
            Edit::insert(text.find("\t\t").unwrap() + 1, "0"),
            Edit::replace(Span::new(6, 12), "x"),
        ];
        let (out, applied) = apply_edits(text, &edits);
        assert_eq!(applied, 2);
        assert_eq!(out, "本年废止件数\t0\t0");
    }

    #[test]
    fn ignores_edits_off_char_boundaries() {
        let (out, applied) = apply_edits("年报", &[Edit::replace(Span::new(1, 2), "x")]);
        assert_eq!((out.as_str(), applied), ("年报", 0));
    }
}
