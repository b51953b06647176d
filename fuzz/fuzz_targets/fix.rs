//! Fix convergence: the safe fixes `--fix` and the editor's fix-all take (`fix::safe_edits`)
//! are inside the text, on char boundaries and apart, and applying them changes the text only
//! inside them; the fix loop (`fix::fix_all`) ends, adds no error, and a second run changes
//! nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::fix::{self, Policy};
use nianbao::spec::Layout;
use nianbao::{Config, Severity};

fuzz_target!(|data: &[u8]| {
    let (layout, bytes) = match data.split_first() {
        Some((b, rest)) => (
            [None, Some(Layout::Y2019), Some(Layout::Y2021)][*b as usize % 3],
            rest,
        ),
        None => (None, data),
    };
    let text = String::from_utf8_lossy(bytes).into_owned();
    let config = Config {
        layout,
        ..Config::default()
    };
    let before = nianbao::analyze(&text, &config);

    // One pass, by hand: every edit applied, and nothing changed between them.
    let (edits, _) = fix::safe_edits(&before);
    let mut expected = String::new();
    let mut cursor = 0;
    for e in &edits {
        assert!(e.span.start >= cursor, "edits overlap: {edits:?}");
        assert!(e.span.end <= text.len(), "edit past the end: {e:?}");
        assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        expected.push_str(&text[cursor..e.span.start]);
        expected.push_str(&e.replacement);
        cursor = e.span.end;
    }
    expected.push_str(&text[cursor..]);
    let (out, applied) = fix::apply_edits(&text, &edits);
    assert_eq!(applied, edits.len(), "an edit was skipped");
    assert_eq!(out, expected);

    // The loop `--fix` runs.
    let fixed = fix::fix_all(&text, &config, Policy::Safe);
    assert!(fixed.passes <= fix::FIX_PASSES);
    // Errors by rule: a fix may change what a message quotes (the text it fixed), never add
    // an error of any rule.
    let errors = |diagnostics: &[nianbao::Diagnostic]| {
        let mut keys: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.code().to_string())
            .collect();
        keys.sort();
        keys
    };
    let mut left = errors(&before.diagnostics);
    for key in errors(&fixed.analysis.diagnostics) {
        let at = left.iter().position(|k| *k == key);
        assert!(
            at.is_some(),
            "a safe fix added an error: {key:?}\nfixed text: {:?}",
            fixed.text
        );
        left.remove(at.unwrap_or_default());
    }
    if fixed.passes < fix::FIX_PASSES {
        let again = fix::fix_all(&fixed.text, &config, Policy::Safe);
        assert_eq!(again.applied, 0, "fixing twice changes more");
        assert_eq!(again.text, fixed.text);
    }
});
