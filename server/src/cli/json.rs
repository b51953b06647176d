//! `--format json`: one JSON document for the whole run, schema version 1.
//!
//! The schema is documented in docs/json-output.md and is a promise: fields may be added,
//! but none is renamed, removed or changes meaning without a new `version`. This module
//! alone writes it, from its own structs: the engine's types carry no `Serialize`, so a
//! change inside the engine cannot change the output unseen.

use std::io::{self, Write};

use serde::Serialize;

use crate::diag::{Applicability, Diagnostic, Locale, Span};
use crate::input::{self, Kind, Origin, Place};
use crate::text::LineIndex;

use super::position;
use super::totals::{is_fixable, Totals};

/// Bumped only for changes that could break a reader of the previous version.
pub(crate) const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
struct Document {
    version: u32,
    files: Vec<FileReport>,
    summary: Summary,
    errors: Vec<ErrorReport>,
}

/// The findings of one checked file (every checked file appears, with or without findings).
#[derive(Debug, Serialize)]
pub(crate) struct FileReport {
    path: String,
    /// What the checked text was read from; absent for a UTF-8 text file (the common case,
    /// whose output is unchanged since version 1 began).
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<JsonSource>,
    diagnostics: Vec<JsonDiagnostic>,
}

/// The kind of file and, for text and pages, the encoding it was read in.
#[derive(Debug, Serialize)]
struct JsonSource {
    /// `text`, `html` or `docx`.
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'static str>,
    /// The encoding came from `detected`, `bom`, `utf8` (valid UTF-8) or `forced`.
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding_origin: Option<&'static str>,
    bom: bool,
}

/// Where a finding is in a page or a Word document: the paragraph or table cell (numbers
/// one-based, as shown to people) and the text of that paragraph or cell.
#[derive(Debug, Serialize)]
struct JsonLocation {
    #[serde(flatten)]
    place: JsonPlace,
    text: String,
}

/// `{"kind": "paragraph", "paragraph": N}` or `{"kind": "cell", "table": T, "row": R,
/// "column": C}`, flattened into the location.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum JsonPlace {
    Paragraph {
        paragraph: usize,
    },
    Cell {
        table: usize,
        row: usize,
        column: usize,
    },
}

impl From<Place> for JsonPlace {
    fn from(place: Place) -> JsonPlace {
        match place {
            Place::Paragraph { paragraph } => JsonPlace::Paragraph { paragraph },
            Place::Cell { table, row, column } => JsonPlace::Cell { table, row, column },
        }
    }
}

/// A byte range into the checked text: `{"start": S, "end": E}`.
#[derive(Debug, Serialize)]
struct JsonSpan {
    start: usize,
    end: usize,
}

impl From<Span> for JsonSpan {
    fn from(span: Span) -> JsonSpan {
        JsonSpan {
            start: span.start,
            end: span.end,
        }
    }
}

/// `safe` or `unsafe`.
fn applicability(a: Applicability) -> &'static str {
    match a {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
    }
}

#[derive(Debug, Serialize)]
struct JsonDiagnostic {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: String,
    span: JsonSpan,
    range: Range,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<JsonLocation>,
    fixable: bool,
    fixes: Vec<JsonFix>,
    related: Vec<JsonRelated>,
}

#[derive(Debug, Serialize)]
struct JsonFix {
    title: String,
    applicability: &'static str,
    edits: Vec<JsonEdit>,
}

#[derive(Debug, Serialize)]
struct JsonEdit {
    span: JsonSpan,
    range: Range,
    replacement: String,
}

#[derive(Debug, Serialize)]
struct JsonRelated {
    span: JsonSpan,
    range: Range,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<JsonLocation>,
    message: String,
}

#[derive(Debug, Serialize)]
struct Range {
    start: Position,
    end: Position,
}

/// One-based line, one-based column in Unicode scalar values.
#[derive(Debug, Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Debug, Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    hints: usize,
    fixable: usize,
    fixed: usize,
    /// Files a directory walk found but did not check (not reports); absent when none.
    #[serde(skip_serializing_if = "is_zero")]
    skipped: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// An input that could not be checked (missing, unreadable, not UTF-8, not writable).
#[derive(Debug, Serialize)]
pub(crate) struct ErrorReport {
    path: String,
    message: String,
}

impl ErrorReport {
    pub fn new(path: &str, message: String) -> ErrorReport {
        ErrorReport {
            path: path.to_string(),
            message,
        }
    }
}

/// Positions for the spans of one text; the line index is built once per file.
struct Ranges<'a> {
    text: &'a str,
    index: LineIndex,
}

impl Ranges<'_> {
    fn of(&self, span: Span) -> Range {
        let at = |offset| {
            let (line, column) = position(self.text, &self.index, offset);
            Position { line, column }
        };
        Range {
            start: at(span.start),
            end: at(span.end),
        }
    }
}

impl FileReport {
    pub fn new(path: &str, text: &str, diagnostics: &[Diagnostic], locale: Locale) -> FileReport {
        let ranges = Ranges {
            text,
            index: LineIndex::new(text),
        };
        let diagnostics = diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                code: d.rule.code(),
                name: d.rule.name(),
                severity: d.severity.as_str(),
                message: d.message.get(locale).to_string(),
                span: d.span.into(),
                range: ranges.of(d.span),
                location: None,
                fixable: is_fixable(d),
                fixes: d
                    .fixes
                    .iter()
                    .map(|f| JsonFix {
                        title: f.title.get(locale).to_string(),
                        applicability: applicability(f.applicability),
                        edits: f
                            .edits
                            .iter()
                            .map(|e| JsonEdit {
                                span: e.span.into(),
                                range: ranges.of(e.span),
                                replacement: e.replacement.clone(),
                            })
                            .collect(),
                    })
                    .collect(),
                related: d
                    .related
                    .iter()
                    .map(|r| JsonRelated {
                        span: r.span.into(),
                        range: ranges.of(r.span),
                        location: None,
                        message: r.message.get(locale).to_string(),
                    })
                    .collect(),
            })
            .collect();
        FileReport {
            path: path.to_string(),
            source: None,
            diagnostics,
        }
    }

    /// Adds what the text was read from and, for a page or a Word document, where each
    /// finding is in it. `text` and `diagnostics` are those `new` was given.
    pub fn with_source(
        mut self,
        document: &input::Document,
        text: &str,
        diagnostics: &[Diagnostic],
    ) -> FileReport {
        let plain =
            document.kind == Kind::Text && document.encoding.is_none_or(|e| e.is_plain_utf8());
        if !plain {
            self.source = Some(JsonSource {
                kind: document.kind.as_str(),
                encoding: document.encoding.map(|e| e.name()),
                encoding_origin: document.encoding.map(|e| match e.origin {
                    Origin::Detected => "detected",
                    Origin::Bom => "bom",
                    Origin::Utf8 => "utf8",
                    Origin::Forced => "forced",
                }),
                bom: document.encoding.is_some_and(|e| e.bom),
            });
        }
        // `--fix` does not rewrite a page or a Word document: nothing in it is fixable.
        if !document.can_write_back() {
            for json in &mut self.diagnostics {
                json.fixable = false;
            }
        }
        if document.places.is_empty() {
            return self;
        }
        let locate = |offset: usize| {
            document.places.at(offset).map(|segment| JsonLocation {
                place: segment.place.into(),
                text: text
                    .get(segment.start..segment.end)
                    .unwrap_or_default()
                    .to_string(),
            })
        };
        for (json, d) in self.diagnostics.iter_mut().zip(diagnostics) {
            json.location = locate(d.span.start);
            for (json, r) in json.related.iter_mut().zip(&d.related) {
                json.location = locate(r.span.start);
            }
        }
        self
    }
}

/// Writes the document, pretty-printed (people read it too), with a final newline.
pub(crate) fn write(
    out: &mut dyn Write,
    files: Vec<FileReport>,
    errors: Vec<ErrorReport>,
    totals: &Totals,
) -> io::Result<()> {
    let document = Document {
        version: SCHEMA_VERSION,
        files,
        summary: Summary {
            files: totals.files,
            errors: totals.errors,
            warnings: totals.warnings,
            infos: totals.infos,
            hints: totals.hints,
            fixable: totals.fixable,
            fixed: totals.fixed,
            skipped: totals.skipped,
        },
        errors,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Edit, Fix, Localized};
    use crate::rules::Rule;

    #[test]
    fn a_finding_carries_spans_ranges_fixes_and_related_places() {
        let text = "一、总体情况\n本年度止件数\n";
        let start = text.find('度').unwrap();
        let span = Span::new(start, start + '度'.len_utf8());
        let d = Diagnostic::new(
            Rule::HeaderCell,
            span,
            Localized::new("表头有误", "Header is wrong"),
        )
        .with_fix(Fix {
            title: Localized::new("改正", "Correct it"),
            applicability: Applicability::Safe,
            edits: vec![Edit::replace(span, "废")],
        })
        .with_related(Span::new(0, 3), Localized::new("这里", "here"));
        let report = FileReport::new("a.txt", text, &[d], Locale::En);
        let mut out = Vec::new();
        let totals = Totals {
            files: 1,
            warnings: 1,
            fixable: 1,
            ..Totals::default()
        };
        write(&mut out, vec![report], vec![], &totals).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["version"], 1);
        let d = &value["files"][0]["diagnostics"][0];
        assert_eq!(d["code"], "NB202");
        assert_eq!(d["name"], "header-cell");
        assert_eq!(d["severity"], "warning");
        assert_eq!(d["message"], "Header is wrong");
        assert_eq!(d["span"]["start"], start);
        assert_eq!(d["range"]["start"]["line"], 2);
        assert_eq!(d["range"]["start"]["column"], 3);
        assert_eq!(d["range"]["end"]["column"], 4);
        assert_eq!(d["fixable"], true);
        assert_eq!(d["fixes"][0]["applicability"], "safe");
        assert_eq!(d["fixes"][0]["edits"][0]["replacement"], "废");
        assert_eq!(d["fixes"][0]["edits"][0]["range"]["start"]["column"], 3);
        assert_eq!(d["related"][0]["range"]["end"]["column"], 2);
        assert_eq!(value["summary"]["warnings"], 1);
        assert_eq!(value["summary"]["fixable"], 1);
        assert!(value["errors"].as_array().unwrap().is_empty());
    }

    #[test]
    fn places_and_spans_keep_their_schema() {
        let location = |place| {
            let json = JsonLocation {
                place: JsonPlace::from(place),
                text: "x".into(),
            };
            serde_json::to_string(&json).unwrap()
        };
        assert_eq!(
            location(Place::Cell {
                table: 2,
                row: 4,
                column: 5
            }),
            r#"{"kind":"cell","table":2,"row":4,"column":5,"text":"x"}"#
        );
        assert_eq!(
            location(Place::Paragraph { paragraph: 3 }),
            r#"{"kind":"paragraph","paragraph":3,"text":"x"}"#
        );
        let span = serde_json::to_string(&JsonSpan::from(Span::new(1, 4))).unwrap();
        assert_eq!(span, r#"{"start":1,"end":4}"#);
        assert_eq!(applicability(Applicability::Unsafe), "unsafe");
    }
}
