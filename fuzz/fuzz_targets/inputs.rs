//! The readers of the files people have (plain text in any encoding, web pages, Word
//! documents) on arbitrary bytes: no panic; an extracted text's places inside it, on char
//! boundaries, in order; a text file's text written back in its encoding reads back the same.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use nianbao::input::{self, Kind, Options};

/// File names by the kind they ask for; the last is standard input (no name).
const NAMES: [Option<&str>; 5] = [
    Some("年报.txt"),
    Some("年报.html"),
    Some("年报.docx"),
    Some("年报.doc"),
    None,
];

/// Encodings `--encoding` may force (or none: detect).
const FORCED: [Option<&str>; 4] = [None, Some("gbk"), Some("utf-16le"), Some("big5")];

fuzz_target!(|data: &[u8]| {
    // The first byte picks the file name and the encoding; the rest is the file.
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[pick as usize % NAMES.len()].map(Path::new);
    let forced = FORCED[(pick as usize / NAMES.len()) % FORCED.len()]
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    let options = Options { encoding: forced };
    let Ok(document) = input::read(bytes, name, options) else {
        return;
    };
    let text = &document.text;
    let mut last = 0;
    for segment in document.places.segments() {
        assert!(
            segment.start <= segment.end && segment.end <= text.len(),
            "{segment:?} outside 0..{}",
            text.len()
        );
        assert!(
            text.is_char_boundary(segment.start) && text.is_char_boundary(segment.end),
            "{segment:?} not on char boundaries"
        );
        assert!(segment.start >= last, "{segment:?} before the previous piece");
        last = segment.start;
    }
    if document.kind == Kind::Text {
        // What `--fix` would write back for an unchanged text reads back as that text.
        if let Ok(written) = document.encode(text) {
            let encoding = document.encoding.as_ref().map(|e| e.encoding);
            let again = input::read(&written, name, Options { encoding })
                .expect("the written text reads back");
            assert_eq!(&again.text, text, "written back in {encoding:?}");
        }
    }
});
