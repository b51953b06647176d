//! `check` on arbitrary bytes read as UTF-8: no panic, every span on char boundaries and
//! inside the text, every fix's edits inside it, on boundaries and not overlapping.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::spec::Layout;
use nianbao::{Config, Span};

fn inside(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: {span:?} outside 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: {span:?} not on char boundaries"
    );
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the layout setting; the rest is the text.
    let (layout, bytes) = match data.split_first() {
        Some((b, rest)) => (
            [None, Some(Layout::Y2019), Some(Layout::Y2021)][*b as usize % 3],
            rest,
        ),
        None => (None, data),
    };
    let text = String::from_utf8_lossy(bytes);
    let config = Config {
        layout,
        ..Config::default()
    };
    for d in nianbao::check(&text, &config) {
        let code = d.code();
        inside(&text, d.span, code);
        for r in &d.related {
            inside(&text, r.span, code);
        }
        for fix in &d.fixes {
            let mut edits: Vec<Span> = fix.edits.iter().map(|e| e.span).collect();
            for &e in &edits {
                inside(&text, e, code);
            }
            edits.sort_by_key(|s| (s.start, s.end));
            for pair in edits.windows(2) {
                assert!(
                    pair[0].end <= pair[1].start,
                    "{code}: a fix's edits overlap: {pair:?}"
                );
            }
        }
    }
});
