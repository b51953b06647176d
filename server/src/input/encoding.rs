//! Bytes of a text file → `String`, and back: which encoding a draft was saved in (a byte
//! order mark, then valid UTF-8, then a detector's guess among the encodings Chinese offices
//! use), and the fixed text written in that same encoding.
//!
//! A file that is not text — an executable, random bytes, UTF-16 without a byte order mark —
//! is refused with one error. Decoding never replaces a byte it cannot read: a draft read
//! wrongly would give findings about mojibake, which is worse than no findings.

use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

use super::InputError;

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];
const UTF16LE_BOM: &[u8] = &[0xFF, 0xFE];
const UTF16BE_BOM: &[u8] = &[0xFE, 0xFF];

/// Where the encoding came from: the user's `--encoding`, the file's byte order mark,
/// the bytes being valid UTF-8, or the detector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Forced,
    Bom,
    Utf8,
    Detected,
}

/// The encoding a text was read in, kept to write the fixed text back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextEncoding {
    pub encoding: &'static Encoding,
    /// The file started with a byte order mark (written back with one).
    pub bom: bool,
    pub origin: Origin,
}

impl TextEncoding {
    /// The encoding's name as people know it: `UTF-8`, `GBK`, `UTF-16LE`.
    pub fn name(&self) -> &'static str {
        self.encoding.name()
    }

    /// Whether this is the encoding every front end assumes (UTF-8 without BOM), about
    /// which nothing needs saying.
    pub fn is_plain_utf8(&self) -> bool {
        self.encoding == UTF_8 && !self.bom
    }
}

/// The encodings a guess may land on. Drafts are Chinese: a guess of a Western or
/// Japanese single-byte encoding means the bytes are not a Chinese text at all.
const GUESSABLE: [&Encoding; 3] = [GBK, GB18030, BIG5];

/// Looks up an encoding by the label a user would type (`gbk`, `gb2312`, `utf-16le`, …).
pub fn for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decodes `bytes`, forced to `forced` when given.
pub fn decode(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
) -> Result<(String, TextEncoding), InputError> {
    if let Some(encoding) = forced {
        return decode_forced(bytes, encoding);
    }
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return strict(rest, UTF_8, true, Origin::Bom);
    }
    // FF FE 00 00 is UTF-32LE, which nobody saves a draft in and encoding_rs does not read.
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Err(InputError::Binary(super::Binary::Unknown));
    }
    if let Some(rest) = bytes.strip_prefix(UTF16LE_BOM) {
        return strict(rest, UTF_16LE, true, Origin::Bom);
    }
    if let Some(rest) = bytes.strip_prefix(UTF16BE_BOM) {
        return strict(rest, UTF_16BE, true, Origin::Bom);
    }
    // Zero bytes are common only in UTF-16 (every ASCII character has one) and in binary
    // files; a stray one in a UTF-8 draft is left to be read as before.
    let zeros = bytes.iter().filter(|&&b| b == 0).count();
    if zeros * 100 > bytes.len() {
        if let Some(binary) = super::sniff_binary(bytes) {
            return Err(InputError::Binary(binary));
        }
        return Err(match utf16_without_bom(bytes) {
            Some(encoding) => InputError::Utf16WithoutBom(encoding.name()),
            None => InputError::Binary(super::Binary::Unknown),
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((
            text.to_string(),
            TextEncoding {
                encoding: UTF_8,
                bom: false,
                origin: Origin::Utf8,
            },
        ));
    }
    if let Some(binary) = super::sniff_binary(bytes) {
        return Err(InputError::Binary(binary));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    if !GUESSABLE.contains(&guess) {
        return Err(InputError::UnknownEncoding);
    }
    let (text, encoding) = strict(bytes, guess, false, Origin::Detected)?;
    // Random bytes can happen to decode; a real draft has no control characters in it.
    if looks_binary(&text) {
        return Err(InputError::Binary(super::Binary::Unknown));
    }
    Ok((text, encoding))
}

fn decode_forced(
    bytes: &[u8],
    encoding: &'static Encoding,
) -> Result<(String, TextEncoding), InputError> {
    // A byte order mark of the forced encoding is not part of the text.
    let bom: &[u8] = match encoding {
        e if e == UTF_8 => UTF8_BOM,
        e if e == UTF_16LE => UTF16LE_BOM,
        e if e == UTF_16BE => UTF16BE_BOM,
        _ => &[],
    };
    match bytes.strip_prefix(bom).filter(|_| !bom.is_empty()) {
        Some(rest) => strict(rest, encoding, true, Origin::Forced),
        None => strict(bytes, encoding, false, Origin::Forced),
    }
}

/// Decodes without replacing anything: a malformed sequence is an error.
fn strict(
    bytes: &[u8],
    encoding: &'static Encoding,
    bom: bool,
    origin: Origin,
) -> Result<(String, TextEncoding), InputError> {
    // UTF-16 with an odd number of bytes has lost its last byte: refuse it rather than
    // guessing what it held.
    if (encoding == UTF_16LE || encoding == UTF_16BE) && bytes.len() % 2 == 1 {
        return Err(InputError::Undecodable(encoding.name()));
    }
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok((
            text.into_owned(),
            TextEncoding {
                encoding,
                bom,
                origin,
            },
        )),
        None => Err(InputError::Undecodable(encoding.name())),
    }
}

/// UTF-16 text without a byte order mark: most ASCII characters (line breaks, digits)
/// have a zero high byte, so zeros gather at odd offsets (little-endian) or even ones.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let pairs = bytes.len() / 2;
    if pairs == 0 {
        return None;
    }
    let zero_at = |parity: usize| {
        bytes
            .chunks_exact(2)
            .filter(|pair| pair[parity] == 0)
            .count()
    };
    let (odd, even) = (zero_at(1), zero_at(0));
    // Zeros on a good share of the characters, and mostly on one side (a Chinese
    // character may have a zero byte too: 一 is U+4E00).
    if odd * 5 >= pairs && even * 4 <= odd {
        Some(UTF_16LE)
    } else if even * 5 >= pairs && odd * 4 <= even {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Control characters other than tab, line breaks and form feed: none is typed in a draft,
/// while bytes decoded by chance carry plenty. One in a thousand characters is let pass.
fn looks_binary(text: &str) -> bool {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        chars += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            controls += 1;
        }
    }
    controls > chars / 1000
}

/// The fixed text in the encoding it was read in, with its byte order mark if it had one.
/// Line breaks are the text's own: decoding kept them and the fixes do not touch them.
pub fn encode(text: &str, encoding: &TextEncoding) -> Result<Vec<u8>, InputError> {
    let e = encoding.encoding;
    if e == UTF_16LE || e == UTF_16BE {
        // encoding_rs decodes UTF-16 but, as the Encoding Standard says, never encodes it.
        let mut out = Vec::with_capacity(2 + text.len() * 2);
        if encoding.bom {
            out.extend_from_slice(if e == UTF_16LE {
                UTF16LE_BOM
            } else {
                UTF16BE_BOM
            });
        }
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if e == UTF_16LE {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        return Ok(out);
    }
    if e == UTF_8 {
        let mut out = Vec::with_capacity(3 + text.len());
        if encoding.bom {
            out.extend_from_slice(UTF8_BOM);
        }
        out.extend_from_slice(text.as_bytes());
        return Ok(out);
    }
    let (bytes, used, lossy) = e.encode(text);
    if lossy || used != e {
        // A character the encoding cannot hold would be written as `&#NNNN;`.
        return Err(InputError::Unencodable(e.name()));
    }
    Ok(bytes.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Binary;

    const DRAFT: &str =
        "某局2023年政府信息公开工作年度报告\r\n\r\n一、总体情况\r\n本年度共收到申请12件。\r\n";

    fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if little { UTF16LE_BOM } else { UTF16BE_BOM });
        }
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        out
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let (text, enc) = decode(DRAFT.as_bytes(), None).unwrap();
        assert_eq!(text, DRAFT);
        assert!(enc.is_plain_utf8());
        let mut bytes = UTF8_BOM.to_vec();
        bytes.extend_from_slice(DRAFT.as_bytes());
        let (text, enc) = decode(&bytes, None).unwrap();
        assert_eq!(text, DRAFT, "the byte order mark is not text");
        assert!(enc.bom && enc.encoding == UTF_8 && !enc.is_plain_utf8());
        assert_eq!(encode(&text, &enc).unwrap(), bytes);
    }

    #[test]
    fn utf16_with_bom_round_trips_both_ways() {
        for little in [true, false] {
            let bytes = utf16(DRAFT, little, true);
            let (text, enc) = decode(&bytes, None).unwrap();
            assert_eq!(text, DRAFT);
            assert_eq!(enc.name(), if little { "UTF-16LE" } else { "UTF-16BE" });
            assert_eq!(encode(&text, &enc).unwrap(), bytes);
        }
    }

    #[test]
    fn utf16_without_bom_is_named_not_guessed() {
        for little in [true, false] {
            let err = decode(&utf16(DRAFT, little, false), None).unwrap_err();
            let name = if little { "UTF-16LE" } else { "UTF-16BE" };
            assert_eq!(err, InputError::Utf16WithoutBom(name));
        }
    }

    #[test]
    fn gbk_is_detected_and_written_back_byte_for_byte() {
        let (bytes, _, _) = GBK.encode(DRAFT);
        let (text, enc) = decode(&bytes, None).unwrap();
        assert_eq!(text, DRAFT);
        assert_eq!(enc.origin, Origin::Detected);
        assert!(
            enc.encoding == GBK || enc.encoding == GB18030,
            "{}",
            enc.name()
        );
        assert_eq!(encode(&text, &enc).unwrap(), bytes.as_ref());
    }

    #[test]
    fn forcing_an_encoding_wins_and_refuses_what_it_cannot_read() {
        let (bytes, _, _) = GBK.encode(DRAFT);
        let (text, enc) = decode(&bytes, Some(GBK)).unwrap();
        assert_eq!((text.as_str(), enc.origin), (DRAFT, Origin::Forced));
        // GBK bytes are not UTF-8.
        assert_eq!(
            decode(&bytes, Some(UTF_8)).unwrap_err(),
            InputError::Undecodable("UTF-8")
        );
        let (text, enc) = decode(&utf16(DRAFT, true, false), Some(UTF_16LE)).unwrap();
        assert_eq!(text, DRAFT);
        assert!(!enc.bom);
        assert_eq!(for_label("gb2312"), Some(GBK));
        assert_eq!(for_label(" UTF-16LE "), Some(UTF_16LE));
        assert_eq!(for_label("klingon"), None);
    }

    #[test]
    fn random_bytes_and_executables_are_not_text() {
        // A fixed pseudo-random sequence (xorshift), so the test is repeatable.
        let mut x: u32 = 0x9E37_79B9;
        let random: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        assert!(matches!(
            decode(&random, None),
            Err(InputError::Binary(_) | InputError::UnknownEncoding | InputError::Undecodable(_))
        ));
        let mut elf = b"\x7fELF\x02\x01\x01".to_vec();
        elf.extend_from_slice(&random);
        assert_eq!(
            decode(&elf, None).unwrap_err(),
            InputError::Binary(Binary::Executable)
        );
    }

    #[test]
    fn a_character_gbk_cannot_hold_is_not_written_as_a_reference() {
        let enc = TextEncoding {
            encoding: GBK,
            bom: false,
            origin: Origin::Detected,
        };
        assert_eq!(
            encode("报告😀", &enc).unwrap_err(),
            InputError::Unencodable("GBK")
        );
    }
}
