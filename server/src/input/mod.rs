//! The files people have, as the text the engine reads: plain text in any encoding a
//! Chinese office saves in, web pages, and Word documents.
//!
//! This is the I/O side of the engine's `&str`: it takes the bytes of a file (reading the
//! file is the caller's job) and gives a `Document`: the text, what kind of file it was,
//! its encoding, and for structured files where each piece of the text came from, so
//! that a finding can be located as `第3段` or `第2个表格 第4行 第5列` rather than by a line
//! the user never saw. Nothing here knows about reports: the reader and the rules see
//! only the text.
//!
//! `encoding` decodes and re-encodes text; `html` and `docx` extract text and tables from
//! their formats; `extract` writes that text and records the places.

pub(crate) mod docx;
pub(crate) mod encoding;
pub(crate) mod extract;
pub(crate) mod html;

use std::path::Path;

use encoding_rs::Encoding;

use crate::locale::Localized;

pub use encoding::{Origin, TextEncoding};
pub use extract::{Place, Places};

/// What kind of file a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
    Docx,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Html => "html",
            Kind::Docx => "docx",
        }
    }
}

/// A file read for checking.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: Kind,
    /// The text the engine reads: the file's own text, or the text extracted from a page
    /// or a Word document (paragraphs one a line, tables as tab-separated rows).
    pub text: String,
    /// The encoding of a text or HTML file; `None` for a Word document (XML in a zip).
    pub encoding: Option<TextEncoding>,
    /// Where each piece of an extracted text came from; empty for plain text.
    pub places: Places,
}

impl Document {
    /// Whether `--fix` may write the fixed text back: only a text file is its own text.
    pub fn can_write_back(&self) -> bool {
        self.kind == Kind::Text
    }

    /// The bytes to write back for the fixed `text`, in the file's own encoding.
    pub fn encode(&self, text: &str) -> Result<Vec<u8>, InputError> {
        match (self.kind, &self.encoding) {
            (Kind::Text, Some(encoding)) => encoding::encode(text, encoding),
            _ => Err(InputError::NoWriteBack(self.kind)),
        }
    }
}

/// A file that is not something else's text, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binary {
    Executable,
    Pdf,
    /// The pre-2007 binary Word format, which is also what .wps files are.
    OldWord,
    /// A zip archive that is not a Word document.
    Archive,
    Image,
    Unknown,
}

/// Why a file could not be read as a report's text. Each becomes one error line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Nothing but white space.
    Empty,
    Binary(Binary),
    /// UTF-16 text without a byte order mark: its encoding is named, never guessed.
    Utf16WithoutBom(&'static str),
    /// The bytes are not valid in this encoding.
    Undecodable(&'static str),
    /// Not UTF-8, and the detector did not recognise a Chinese encoding either.
    UnknownEncoding,
    /// A .docx that is not a readable Word package (the reason, in English, from the zip or
    /// XML reader, or what is missing).
    BadDocx(String),
    /// A character of the fixed text does not exist in the file's encoding.
    Unencodable(&'static str),
    /// `--fix` on a page or a Word document.
    NoWriteBack(Kind),
}

impl InputError {
    pub fn message(&self) -> Localized {
        match self {
            InputError::Empty => Localized::new("文件为空，没有可检查的内容", "the file is empty"),
            InputError::Binary(Binary::Executable) => Localized::new(
                "这是可执行程序，不是报告文本",
                "an executable program, not a report",
            ),
            InputError::Binary(Binary::Pdf) => Localized::new(
                "这是 PDF 文件，暂不能直接检查（可用 pdftotext 提取文字后检查）",
                "a PDF file, which cannot be checked directly (extract the text with pdftotext)",
            ),
            InputError::Binary(Binary::OldWord) => Localized::new(
                "这是旧版 Word（.doc）或 WPS（.wps）文档，请在 Word 或 WPS 中另存为 .docx 后检查",
                "an old Word (.doc) or WPS (.wps) document: save it as .docx in Word or WPS, then check that",
            ),
            InputError::Binary(Binary::Archive) => Localized::new(
                "这是压缩包，不是报告文本",
                "an archive, not a report",
            ),
            InputError::Binary(Binary::Image) => Localized::new(
                "这是图片，不是报告文本",
                "an image, not a report",
            ),
            InputError::Binary(Binary::Unknown) => Localized::new(
                "这是二进制文件，不是文本（无法识别其编码）",
                "a binary file, not text (no encoding reads it)",
            ),
            InputError::Utf16WithoutBom(name) => Localized::new(
                format!("看似没有字节顺序标记（BOM）的 {name} 文本；请用 --encoding {} 指定编码", name.to_ascii_lowercase()),
                format!("looks like {name} text without a byte order mark; name the encoding with --encoding {}", name.to_ascii_lowercase()),
            ),
            InputError::Undecodable(name) => Localized::new(
                format!("无法按 {name} 编码读取（含有该编码中无效的字节）；可用 --encoding 指定正确的编码"),
                format!("cannot be read as {name} (it holds bytes invalid in that encoding); name the right one with --encoding"),
            ),
            InputError::UnknownEncoding => Localized::new(
                "不是 UTF-8 文本，也不像 GBK/GB18030 或 Big5 中文文本；可用 --encoding 指定编码",
                "not UTF-8 text, nor Chinese text in GBK/GB18030 or Big5; name the encoding with --encoding",
            ),
            InputError::BadDocx(reason) => Localized::new(
                format!("不是可读取的 .docx 文档（{reason}）；请在 Word 或 WPS 中重新另存为 .docx"),
                format!("not a readable .docx document ({reason}); save it again as .docx in Word or WPS"),
            ),
            InputError::Unencodable(name) => Localized::new(
                format!("修复后的文字含有 {name} 编码无法表示的字符，未写回；请将文件转为 UTF-8 后再修复"),
                format!("the fixed text holds a character {name} cannot represent, so it was not written; convert the file to UTF-8 and fix again"),
            ),
            InputError::NoWriteBack(Kind::Docx) => Localized::new(
                "--fix 不会改写 Word 文档；请按下列问题在 Word 或 WPS 中修改",
                "--fix never rewrites a Word document; make the changes below in Word or WPS",
            ),
            InputError::NoWriteBack(_) => Localized::new(
                "--fix 不会改写网页文件；请在网页的源稿中修改下列问题",
                "--fix never rewrites a web page; make the changes below in the page's source draft",
            ),
        }
    }
}

/// How to read a file: by its name, or forced.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// `--encoding`: the encoding of a text or HTML file, instead of detecting it.
    pub encoding: Option<&'static Encoding>,
}

/// Reads `bytes` as the document `name` (its extension says the kind; `None` for standard
/// input). A file that is not what its name says is read as what its bytes are: a .txt that
/// is really a Word document is read as one.
pub fn read(bytes: &[u8], name: Option<&Path>, options: Options) -> Result<Document, InputError> {
    let extension = name
        .and_then(|n| n.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let document = match extension.as_deref() {
        // A zip under another name is read if it is a Word document, and is an archive
        // otherwise; under a .docx name, what is wrong with it is said.
        Some("docx") if is_zip(bytes) => docx::read(bytes)?,
        _ if is_zip(bytes) => docx::read(bytes).map_err(|_| InputError::Binary(Binary::Archive))?,
        Some("doc" | "wps") if !bytes.is_empty() => {
            return Err(InputError::Binary(Binary::OldWord))
        }
        Some("docx") if !bytes.is_empty() => {
            return Err(InputError::BadDocx("not a zip archive".into()))
        }
        Some("html" | "htm" | "xhtml") => {
            let (text, encoding) = encoding::decode(bytes, options.encoding)?;
            let (text, places) = html::extract(&text);
            Document {
                kind: Kind::Html,
                text,
                encoding: Some(encoding),
                places,
            }
        }
        _ => {
            let (text, encoding) = encoding::decode(bytes, options.encoding)?;
            Document {
                kind: Kind::Text,
                text,
                encoding: Some(encoding),
                places: Places::default(),
            }
        }
    };
    if document.text.trim().is_empty() {
        return Err(InputError::Empty);
    }
    Ok(document)
}

fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Recognises files that are certainly not text by their first bytes.
pub(crate) fn sniff_binary(bytes: &[u8]) -> Option<Binary> {
    const MAGIC: &[(&[u8], Binary)] = &[
        (b"\x7fELF", Binary::Executable),
        (b"MZ", Binary::Executable),
        (&[0xCF, 0xFA, 0xED, 0xFE], Binary::Executable),
        (&[0xCE, 0xFA, 0xED, 0xFE], Binary::Executable),
        (&[0xFE, 0xED, 0xFA, 0xCF], Binary::Executable),
        (&[0xCA, 0xFE, 0xBA, 0xBE], Binary::Executable),
        (b"\0asm", Binary::Executable),
        (b"%PDF", Binary::Pdf),
        (&[0xD0, 0xCF, 0x11, 0xE0], Binary::OldWord),
        (b"PK\x03\x04", Binary::Archive),
        (&[0x1F, 0x8B], Binary::Archive),
        (b"7z\xBC\xAF", Binary::Archive),
        (b"Rar!", Binary::Archive),
        (b"\x89PNG", Binary::Image),
        (&[0xFF, 0xD8, 0xFF], Binary::Image),
        (b"GIF8", Binary::Image),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_or_blank_file_is_one_error() {
        for bytes in [&b""[..], b"  \n\r\n\t", b"\xEF\xBB\xBF\n"] {
            assert_eq!(
                read(bytes, Some(Path::new("a.txt")), Options::default()).unwrap_err(),
                InputError::Empty
            );
        }
        assert_eq!(
            read(b"", Some(Path::new("a.docx")), Options::default()).unwrap_err(),
            InputError::Empty
        );
    }

    #[test]
    fn old_word_and_fake_docx_files_say_what_to_do() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
        for name in ["a.doc", "a.wps", "a.txt"] {
            let err = read(&ole, Some(Path::new(name)), Options::default()).unwrap_err();
            assert_eq!(err, InputError::Binary(Binary::OldWord), "{name}");
            assert!(err.message().zh.contains(".docx"));
        }
        let err = read(b"text", Some(Path::new("a.docx")), Options::default()).unwrap_err();
        assert!(matches!(err, InputError::BadDocx(_)));
        let zip = b"PK\x03\x04 not really a zip";
        let err = read(zip, Some(Path::new("a.docx")), Options::default()).unwrap_err();
        assert!(matches!(err, InputError::BadDocx(_)));
        let err = read(zip, Some(Path::new("a.txt")), Options::default()).unwrap_err();
        assert_eq!(err, InputError::Binary(Binary::Archive));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// No bytes under any name make the reader panic.
        #[test]
        fn any_bytes_under_any_name_are_read_or_refused(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..1500),
            prefix in proptest::sample::select(vec![
                &b""[..], b"PK\x03\x04", b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF", b"<html>",
            ]),
            name in proptest::sample::select(vec!["a.txt", "a.html", "a.docx", "a.doc", "a"]),
        ) {
            let mut input = prefix.to_vec();
            input.extend_from_slice(&bytes);
            if let Ok(document) = read(&input, Some(Path::new(name)), Options::default()) {
                proptest::prop_assert!(!document.text.trim().is_empty());
            }
        }
    }

    #[test]
    fn every_error_speaks_both_languages() {
        let errors = [
            InputError::Empty,
            InputError::Binary(Binary::Executable),
            InputError::Binary(Binary::Unknown),
            InputError::Utf16WithoutBom("UTF-16LE"),
            InputError::Undecodable("GBK"),
            InputError::UnknownEncoding,
            InputError::BadDocx("x".into()),
            InputError::Unencodable("GBK"),
            InputError::NoWriteBack(Kind::Docx),
            InputError::NoWriteBack(Kind::Html),
        ];
        for e in errors {
            let m = e.message();
            assert!(
                m.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{m:?}"
            );
            assert!(m.en.is_ascii() || m.en.contains(".docx"), "{m:?}");
        }
    }
}
