//! Applying fixes: edits without overlap, on character boundaries, and every safe fix at once.

use crate::diag::{Applicability, Diagnostic, Edit};

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

/// Applies every safe fix of `diagnostics` (unsafe fixes never run unattended).
/// Fixes whose edits overlap an earlier fix are left for a later pass.
pub fn apply_safe_fixes(text: &str, diagnostics: &[Diagnostic]) -> (String, usize) {
    let mut edits: Vec<Edit> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut fixes = 0;
    for fix in diagnostics
        .iter()
        .flat_map(|d| d.fixes.iter())
        .filter(|f| f.applicability == Applicability::Safe)
    {
        let overlaps = fix.edits.iter().any(|e| {
            taken.iter().any(|&(s, t)| {
                e.span.start < t && s < e.span.end || (e.span.start == s && e.span.is_empty())
            })
        });
        if overlaps {
            continue;
        }
        for e in &fix.edits {
            taken.push((e.span.start, e.span.end));
        }
        edits.extend(fix.edits.iter().cloned());
        fixes += 1;
    }
    let (out, _) = apply_edits(text, &edits);
    (out, fixes)
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
