//! Open documents: their text as a rope, their version, and the analysis of the latest text.
//!
//! Edits are applied synchronously by the handler that receives them (before any `.await`), so
//! the store always holds the text in the order the client sent its changes.

use std::collections::HashMap;
use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use crate::diag::Locale;
use crate::lsp::encoding::{self, Encoding, OutOfRange};
use crate::{Analysis, Config};

/// One analysed state of a document.
#[derive(Debug)]
pub struct Snapshot {
    pub version: i32,
    pub text: String,
    pub rope: Rope,
    pub analysis: Analysis,
    /// Whether the document is a report nianbao checks (see `relevance`).
    pub relevant: bool,
    /// The message language of this document's configuration.
    pub locale: Locale,
    pub language_id: String,
}

#[derive(Debug)]
pub struct Document {
    pub language_id: String,
    pub version: i32,
    pub rope: Rope,
    /// The analysis of `version`, once computed.
    pub snapshot: Option<Arc<Snapshot>>,
    /// The version whose diagnostics were last published (to clear them when it stops being a report).
    pub published: bool,
}

impl Document {
    pub fn new(language_id: String, version: i32, text: &str) -> Document {
        Document {
            language_id,
            version,
            rope: Rope::from_str(text),
            snapshot: None,
            published: false,
        }
    }

    /// Applies one content change. A change without a range replaces the whole text.
    pub fn apply(
        &mut self,
        change: &TextDocumentContentChangeEvent,
        encoding: Encoding,
    ) -> Result<(), OutOfRange> {
        match change.range {
            None => self.rope = Rope::from_str(&change.text),
            Some(range) => {
                let start = encoding::char_index(&self.rope, range.start, encoding)?;
                let end = encoding::char_index(&self.rope, range.end, encoding)?;
                let (start, end) = (start.min(end), start.max(end));
                self.rope.remove(start..end);
                self.rope.insert(start, &change.text);
            }
        }
        self.snapshot = None;
        Ok(())
    }

    /// The current snapshot if it was computed for the current version.
    pub fn current_snapshot(&self) -> Option<Arc<Snapshot>> {
        self.snapshot.clone().filter(|s| s.version == self.version)
    }
}

/// Analyses a document's text (outside any lock: this is the expensive part).
/// Documents picked by their content alone are not read past this size: reports are tens of
/// kilobytes, and a large log or book open in the editor should not be parsed on every keystroke.
pub const MAX_GUESSED_BYTES: usize = 2 << 20;

/// Analyses a document. `selected`: the document is checked whatever it holds (its language is
/// `nianbao` or it matches the configured globs); otherwise `looks_like_report` decides.
pub fn analyse(
    language_id: String,
    version: i32,
    rope: Rope,
    config: &Config,
    selected: bool,
    looks_like_report: impl FnOnce(&str, &crate::Report) -> bool,
) -> Snapshot {
    let text = rope.to_string();
    let (analysis, relevant) = if !selected && text.len() > MAX_GUESSED_BYTES {
        let skipped = Analysis {
            report: crate::Report::default(),
            diagnostics: Vec::new(),
        };
        (skipped, false)
    } else {
        let analysis = crate::analyze(&text, config);
        let relevant = selected || looks_like_report(&text, &analysis.report);
        (analysis, relevant)
    };
    Snapshot {
        version,
        text,
        rope,
        analysis,
        relevant,
        locale: config.locale,
        language_id,
    }
}

#[derive(Debug, Default)]
pub struct Documents {
    pub open: HashMap<Uri, Document>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(start.0, start.1),
                Position::new(end.0, end.1),
            )),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn large_documents_are_read_only_when_selected() {
        // Over the size limit, a document that would be checked only for looking like a report
        // is not parsed at all; one selected by language or glob is.
        let title = "某局2023年政府信息公开工作年度报告\n\n一、总体情况\n";
        let big = format!("{title}{}", "正文。\n".repeat(MAX_GUESSED_BYTES / 10 + 1));
        let config = Config::default();
        let mut asked = false;
        let guessed = analyse(
            "plaintext".into(),
            1,
            Rope::from_str(&big),
            &config,
            false,
            |_, _| {
                asked = true;
                true
            },
        );
        assert!(!guessed.relevant && !asked);
        assert!(guessed.analysis.diagnostics.is_empty());
        let small = analyse(
            "plaintext".into(),
            1,
            Rope::from_str(title),
            &config,
            false,
            |_, r| !r.sections.is_empty(),
        );
        assert!(small.relevant);
        assert!(
            !small.analysis.diagnostics.is_empty(),
            "sections 二 to 六 are missing"
        );
    }

    #[test]
    fn incremental_changes_with_cjk_and_astral_characters() {
        let mut doc = Document::new("plaintext".into(), 1, "一、总体情况\n𝄞正文\n");
        // Replace 正 (after 𝄞, two UTF-16 units) with 本文.
        doc.apply(&change((1, 2), (1, 3), "本文"), Encoding::Utf16)
            .unwrap();
        assert_eq!(doc.rope.to_string(), "一、总体情况\n𝄞本文文\n");
        // The same edit in UTF-8 units: 𝄞 is 4 bytes, 本 3.
        doc.apply(&change((1, 4), (1, 7), "X"), Encoding::Utf8)
            .unwrap();
        assert_eq!(doc.rope.to_string(), "一、总体情况\n𝄞X文文\n");
        assert!(doc
            .apply(&change((7, 0), (7, 1), "?"), Encoding::Utf16)
            .is_err());
        assert_eq!(
            doc.rope.to_string(),
            "一、总体情况\n𝄞X文文\n",
            "a bad change changes nothing"
        );
    }
}
