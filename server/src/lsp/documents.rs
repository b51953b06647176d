//! Open documents: their text as a rope, their version, and the analysis of the latest text.
//!
//! Edits are applied synchronously by the handler that receives them (before any `.await`), so
//! the store always holds the text in the order the client sent its changes.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI32, Ordering};
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
    version: i32,
    /// The current version, shared with the analyses running on other threads so that one
    /// computing a version already replaced stops early.
    latest: Arc<AtomicI32>,
    pub rope: Rope,
    /// The analysis of `version`, once computed.
    pub snapshot: Option<Arc<Snapshot>>,
    /// The version whose diagnostics were last published (to clear them when it stops being a report).
    pub published: bool,
    /// When the snapshot was last stored or read (the store's clock), to drop the analyses
    /// used longest ago first.
    last_used: u64,
}

impl Document {
    pub fn new(language_id: String, version: i32, text: &str) -> Document {
        Document {
            language_id,
            version,
            latest: Arc::new(AtomicI32::new(version)),
            rope: Rope::from_str(text),
            snapshot: None,
            published: false,
            last_used: 0,
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

    pub fn version(&self) -> i32 {
        self.version
    }

    /// Moves the document to `version` (its text changed); its analysis is dropped.
    pub fn set_version(&mut self, version: i32) {
        self.version = version;
        self.latest.store(version, Ordering::SeqCst);
        self.snapshot = None;
    }

    /// Whether `version` is no longer the document's version, asked from any thread.
    pub fn replaced(&self) -> impl Fn(i32) -> bool + Send + 'static {
        let latest = self.latest.clone();
        move |version| latest.load(Ordering::SeqCst) != version
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
/// `None` when `stop` said to give up (the text was replaced meanwhile).
pub fn analyse(
    language_id: String,
    version: i32,
    rope: Rope,
    config: &Config,
    selected: bool,
    looks_like_report: impl FnOnce(&str, &crate::Report) -> bool,
    stop: impl Fn() -> bool,
) -> Option<Snapshot> {
    let text = rope.to_string();
    let (analysis, relevant) = if !selected && text.len() > MAX_GUESSED_BYTES {
        let skipped = Analysis {
            report: crate::Report::default(),
            diagnostics: Vec::new(),
        };
        (skipped, false)
    } else {
        let analysis = crate::analyze_unless(&text, config, stop)?;
        let relevant = selected || looks_like_report(&text, &analysis.report);
        (analysis, relevant)
    };
    Some(Snapshot {
        version,
        text,
        rope,
        analysis,
        relevant,
        locale: config.locale,
        language_id,
    })
}

/// Analyses kept at once. An analysis weighs about twenty times its text: with fifty reports
/// open, keeping each would hold ten megabytes for documents nobody is looking at. The ones
/// used longest ago are dropped and computed again (about a millisecond for a report) if
/// asked for.
pub const MAX_KEPT_ANALYSES: usize = 10;

#[derive(Debug, Default)]
pub struct Documents {
    pub open: HashMap<Uri, Document>,
    /// Counts uses of analyses, for `Document::last_used`.
    clock: u64,
}

impl Documents {
    /// The current analysis of `uri`, if one is kept (and marks it used).
    pub fn current_snapshot(&mut self, uri: &Uri) -> Option<Arc<Snapshot>> {
        self.clock += 1;
        let doc = self.open.get_mut(uri)?;
        let snapshot = doc.current_snapshot()?;
        doc.last_used = self.clock;
        Some(snapshot)
    }

    /// Keeps `snapshot` as the analysis of `uri` if it is of the current version, dropping
    /// the analyses used longest ago beyond [`MAX_KEPT_ANALYSES`].
    pub fn keep(&mut self, uri: &Uri, snapshot: Arc<Snapshot>) {
        self.clock += 1;
        let Some(doc) = self.open.get_mut(uri) else {
            return;
        };
        if doc.version != snapshot.version {
            return;
        }
        doc.snapshot = Some(snapshot);
        doc.last_used = self.clock;
        let mut kept: Vec<(u64, &Uri)> = self
            .open
            .iter()
            .filter(|(_, d)| d.snapshot.is_some())
            .map(|(u, d)| (d.last_used, u))
            .collect();
        if kept.len() <= MAX_KEPT_ANALYSES {
            return;
        }
        kept.sort_unstable();
        let dropped: Vec<Uri> = kept[..kept.len() - MAX_KEPT_ANALYSES]
            .iter()
            .map(|(_, u)| (*u).clone())
            .collect();
        for uri in dropped {
            if let Some(doc) = self.open.get_mut(&uri) {
                doc.snapshot = None;
            }
        }
    }
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
            || false,
        )
        .unwrap();
        assert!(!guessed.relevant && !asked);
        assert!(guessed.analysis.diagnostics.is_empty());
        let small = analyse(
            "plaintext".into(),
            1,
            Rope::from_str(title),
            &config,
            false,
            |_, r| !r.sections.is_empty(),
            || false,
        )
        .unwrap();
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

    #[test]
    fn only_the_analyses_used_last_are_kept() {
        let config = Config::default();
        let mut docs = Documents::default();
        let uri = |i: usize| format!("file:///r{i}.md").parse::<Uri>().unwrap();
        let total = MAX_KEPT_ANALYSES + 3;
        for i in 0..total {
            docs.open.insert(
                uri(i),
                Document::new("markdown".into(), 1, "一、总体情况\n"),
            );
            let snapshot = analyse(
                "markdown".into(),
                1,
                Rope::from_str("一、总体情况\n"),
                &config,
                true,
                |_, _| true,
                || false,
            )
            .unwrap();
            docs.keep(&uri(i), Arc::new(snapshot));
            if i == 0 {
                continue;
            }
            // The first stays in use: it is read after every other is kept.
            assert!(docs.current_snapshot(&uri(0)).is_some(), "after {i}");
        }
        let kept: Vec<usize> = (0..total)
            .filter(|&i| docs.open[&uri(i)].snapshot.is_some())
            .collect();
        assert_eq!(kept.len(), MAX_KEPT_ANALYSES);
        assert!(kept.contains(&0) && kept.contains(&(total - 1)));
        assert!(!kept.contains(&1) && !kept.contains(&2) && !kept.contains(&3));
        // A stale analysis is not kept.
        docs.open.get_mut(&uri(1)).unwrap().set_version(2);
        let stale = analyse(
            "markdown".into(),
            1,
            Rope::new(),
            &config,
            true,
            |_, _| true,
            || false,
        );
        docs.keep(&uri(1), Arc::new(stale.unwrap()));
        assert!(docs.open[&uri(1)].snapshot.is_none());
    }

    #[test]
    fn an_analysis_of_a_replaced_version_stops() {
        let mut doc = Document::new("markdown".into(), 1, "一、总体情况\n");
        let replaced = doc.replaced();
        assert!(!replaced(1));
        doc.set_version(2);
        assert!(replaced(1) && !replaced(2));
        let stopped = analyse(
            "markdown".into(),
            1,
            doc.rope.clone(),
            &Config::default(),
            true,
            |_, _| true,
            move || replaced(1),
        );
        assert!(stopped.is_none());
    }
}
