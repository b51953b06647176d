//! The language server's document store (`lsp/documents.rs` over `lsp/encoding.rs`): random
//! incremental and full edits, with positions counted in UTF-8, UTF-16 or UTF-32, in range,
//! past the end of a line, past the end of the document and inside a character (a surrogate
//! pair, a multi-byte sequence), compared after every edit with a reference model written
//! plainly over a `Vec<char>`.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use nianbao::lsp::fuzzing::{
    position, Document, Encoding, Position, Range, TextDocumentContentChangeEvent,
};

#[derive(Debug, Arbitrary)]
struct Input {
    encoding: u8,
    text: String,
    edits: Vec<EditInput>,
}

#[derive(Debug, Arbitrary)]
struct EditInput {
    /// No range: the whole text is replaced.
    full: bool,
    start: Pos,
    end: Pos,
    text: String,
}

/// Mostly near the text (so edits land), sometimes anywhere up to `u32::MAX`.
#[derive(Debug, Arbitrary)]
struct Pos {
    far: bool,
    line: u32,
    character: u32,
}

impl Pos {
    fn resolve(&self, lines: usize) -> Position {
        if self.far {
            Position::new(self.line, self.character)
        } else {
            Position::new(self.line % (lines as u32 + 2), self.character % 40)
        }
    }
}

/// The reference: lines end at `\n`, `\r\n` or `\r`; a position's character counts code units
/// of the encoding within the line's content (its break excluded), is clamped to the content,
/// and rounds down inside a character; the line after the last is the end of the text
/// (character 0 only); any line past that is an error.
struct Model {
    chars: Vec<char>,
}

impl Model {
    /// (first char, end of content) of each line.
    fn lines(&self) -> Vec<(usize, usize)> {
        let c = &self.chars;
        let mut lines = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < c.len() {
            match c[i] {
                '\r' if c.get(i + 1) == Some(&'\n') => {
                    lines.push((start, i));
                    i += 2;
                    start = i;
                }
                '\n' | '\r' => {
                    lines.push((start, i));
                    i += 1;
                    start = i;
                }
                _ => i += 1,
            }
        }
        lines.push((start, c.len()));
        lines
    }

    fn units(ch: char, encoding: Encoding) -> usize {
        match encoding {
            Encoding::Utf8 => ch.len_utf8(),
            Encoding::Utf16 => ch.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }

    fn char_index(&self, pos: Position, encoding: Encoding) -> Option<usize> {
        let lines = self.lines();
        let line = pos.line as usize;
        if line == lines.len() {
            return (pos.character == 0).then_some(self.chars.len());
        }
        let &(start, end) = lines.get(line)?;
        let mut at = start;
        let mut units = 0;
        while at < end {
            let next = units + Model::units(self.chars[at], encoding);
            if next > pos.character as usize {
                break;
            }
            units = next;
            at += 1;
        }
        Some(at)
    }
}

fuzz_target!(|input: Input| {
    let encoding = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32][input.encoding as usize % 3];
    let mut doc = Document::new("plaintext".into(), 1, &input.text);
    let mut model = Model {
        chars: input.text.chars().collect(),
    };
    for edit in input.edits.iter().take(64) {
        let lines = model.lines().len();
        let change = TextDocumentContentChangeEvent {
            range: (!edit.full)
                .then(|| Range::new(edit.start.resolve(lines), edit.end.resolve(lines))),
            range_length: None,
            text: edit.text.clone(),
        };
        let result = doc.apply(&change, encoding);
        match change.range {
            None => model.chars = edit.text.chars().collect(),
            Some(range) => {
                let start = model.char_index(range.start, encoding);
                let end = model.char_index(range.end, encoding);
                match (start, end) {
                    (Some(s), Some(e)) => {
                        assert!(result.is_ok(), "{range:?} is in range: {result:?}");
                        let (s, e) = (s.min(e), s.max(e));
                        model.chars.splice(s..e, edit.text.chars());
                    }
                    _ => assert!(result.is_err(), "{range:?} is out of range"),
                }
            }
        }
        let text: String = model.chars.iter().collect();
        assert_eq!(
            doc.rope.to_string(),
            text,
            "after {change:?} in {encoding:?}"
        );
    }
    // Every char's offset maps to a position that maps back to that char (a line break's `\n`
    // after `\r` is part of the break, not a position of its own).
    let text = doc.rope.to_string();
    let mut char_at = 0;
    for (offset, ch) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\0')))
    {
        let pos = position(&doc.rope, offset, encoding);
        let back = model
            .char_index(pos, encoding)
            .expect("a position of the text exists");
        let inside_crlf = ch == '\n' && text[..offset].ends_with('\r');
        if !inside_crlf {
            assert_eq!(back, char_at, "offset {offset} → {pos:?} in {encoding:?}");
        }
        char_at += 1;
    }
});
