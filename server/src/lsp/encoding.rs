//! Byte offsets ↔ protocol positions, in the position encoding negotiated at initialize.
//!
//! The engine speaks byte offsets; the protocol speaks (line, character) where a character is
//! a UTF-16 code unit by default, or a UTF-8 byte or a Unicode scalar value when negotiated.
//! Lines end at `\n`, `\r\n` or `\r`, as in the protocol (ropey is built with `cr_lines`).

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

use crate::diag::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// Picks the client's preferred encoding among those we support: UTF-8 first (no
    /// conversion), then UTF-32, else the mandatory UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or(&[]);
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }
}

/// A position that does not exist in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfRange(pub Position);

impl std::fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "position {}:{} is outside the document",
            self.0.line, self.0.character
        )
    }
}

/// The protocol position of a byte offset (clamped to the document, rounded down to a char).
pub fn position(rope: &Rope, offset: usize, encoding: Encoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let char_index = rope.byte_to_char(offset);
    let line = rope.char_to_line(char_index);
    let line_char = rope.line_to_char(line);
    let character = match encoding {
        Encoding::Utf8 => offset - rope.line_to_byte(line),
        Encoding::Utf16 => rope.char_to_utf16_cu(char_index) - rope.char_to_utf16_cu(line_char),
        Encoding::Utf32 => char_index - line_char,
    };
    Position::new(line as u32, character as u32)
}

pub fn range(rope: &Rope, span: Span, encoding: Encoding) -> Range {
    Range::new(
        position(rope, span.start, encoding),
        position(rope, span.end, encoding),
    )
}

/// The char index of a protocol position. A character past the end of its line means the end
/// of the line (as the protocol says); a line past the end of the document is an error.
pub fn char_index(rope: &Rope, pos: Position, encoding: Encoding) -> Result<usize, OutOfRange> {
    let line = pos.line as usize;
    if line > rope.len_lines() || (line == rope.len_lines() && pos.character > 0) {
        return Err(OutOfRange(pos));
    }
    if line == rope.len_lines() {
        return Ok(rope.len_chars());
    }
    let start = rope.line_to_char(line);
    let text = rope.line(line);
    // The line's length without its line break.
    let mut content_chars = text.len_chars();
    while content_chars > 0 && matches!(text.char(content_chars - 1), '\n' | '\r') {
        content_chars -= 1;
    }
    let wanted = pos.character as usize;
    let within = match encoding {
        Encoding::Utf32 => wanted.min(content_chars),
        Encoding::Utf8 => {
            let bytes = text.char_to_byte(content_chars);
            let b = wanted.min(bytes);
            // Round down into a char boundary.
            text.byte_to_char(b)
        }
        Encoding::Utf16 => {
            let units = text.char_to_utf16_cu(content_chars);
            let u = wanted.min(units);
            let c = text.utf16_cu_to_char(u);
            // utf16_cu_to_char rounds a surrogate pair's middle up; keep the char before it.
            if text.char_to_utf16_cu(c) > u {
                c - 1
            } else {
                c
            }
        }
    };
    Ok(start + within)
}

pub fn offset(rope: &Rope, pos: Position, encoding: Encoding) -> Result<usize, OutOfRange> {
    char_index(rope, pos, encoding).map(|c| rope.char_to_byte(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "一、总体情况\r\n𝄞a年\n\n尾";

    #[test]
    fn positions_round_trip_in_every_encoding() {
        let rope = Rope::from_str(TEXT);
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            // The `\n` of a `\r\n` pair is inside a line break, not a position of its own.
            for (offset, _) in TEXT
                .char_indices()
                .filter(|(i, c)| !(*c == '\n' && TEXT[..*i].ends_with('\r')))
            {
                let pos = position(&rope, offset, encoding);
                assert_eq!(
                    self::offset(&rope, pos, encoding).unwrap(),
                    offset,
                    "{encoding:?} {pos:?}"
                );
            }
        }
    }

    #[test]
    fn characters_are_counted_per_encoding() {
        let rope = Rope::from_str(TEXT);
        let at = TEXT.find('a').unwrap();
        assert_eq!(position(&rope, at, Encoding::Utf8), Position::new(1, 4));
        assert_eq!(position(&rope, at, Encoding::Utf16), Position::new(1, 2));
        assert_eq!(position(&rope, at, Encoding::Utf32), Position::new(1, 1));
        let end = TEXT.find('年').unwrap();
        assert_eq!(position(&rope, end, Encoding::Utf16), Position::new(1, 3));
    }

    #[test]
    fn out_of_range_positions_clamp_or_fail() {
        let rope = Rope::from_str(TEXT);
        // Past the end of a line: the end of that line, before its line break.
        let end_of_first = offset(&rope, Position::new(0, 99), Encoding::Utf16).unwrap();
        assert_eq!(end_of_first, TEXT.find('\r').unwrap());
        // Inside a surrogate pair: the start of the pair.
        assert_eq!(
            offset(&rope, Position::new(1, 1), Encoding::Utf16).unwrap(),
            TEXT.find('𝄞').unwrap()
        );
        assert!(offset(&rope, Position::new(9, 0), Encoding::Utf16).is_err());
        assert_eq!(
            offset(&rope, Position::new(3, 1), Encoding::Utf16).unwrap(),
            TEXT.len()
        );
    }

    #[test]
    fn negotiation_prefers_utf8() {
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf32
        );
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
