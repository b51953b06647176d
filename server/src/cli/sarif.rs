//! `--format sarif`: the run as one SARIF 2.1.0 log, for code-scanning dashboards (GitHub code
//! scanning, Azure DevOps, SARIF viewers).
//!
//! One run: the driver lists every rule of the catalogue (its kebab name, title and document in
//! the message language, the other language under `properties.translations`, default level,
//! help URI); each finding is a result whose region counts lines and columns as SARIF's default
//! does, in UTF-16 code units (declared in `columnKind`), with the safe fixes as SARIF fixes.
//! Findings in a page or a Word document are located by paragraph or table cell (a logical
//! location): lines of the extracted text would mean nothing in the file itself.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::diag::{Applicability, Diagnostic, Locale, Severity, Span};
use crate::input::{Document, Kind};
use crate::rules::Rule;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The log being built: files are added as they are checked, written at the end.
#[derive(Default)]
pub(crate) struct Log {
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult>,
    notifications: Vec<Notification>,
}

impl Log {
    /// Adds one checked file: its artifact and a result per finding. `path` is the name shown
    /// for the file (`-` for standard input).
    pub fn add_file(
        &mut self,
        path: &str,
        document: &Document,
        text: &str,
        diagnostics: &[Diagnostic],
        locale: Locale,
    ) {
        let index = self.artifacts.len();
        let artifact = artifact_location(path, Some(index));
        self.artifacts.push(Artifact {
            location: artifact_location(path, None),
            mime_type: mime_type(path, document.kind),
            encoding: document.encoding.map(|e| e.name()),
        });
        let lines = Lines::new(text);
        // A page or a Word document is never rewritten, and its extracted text is not the
        // file: located by paragraph or cell, with no fix.
        let extracted = !document.places.is_empty();
        let writable = document.can_write_back();
        let locate = |span: Span, message: Option<Message>, id: Option<usize>| {
            let place = document.places.at(span.start).map(|s| s.place);
            Location {
                id,
                physical_location: PhysicalLocation {
                    artifact_location: artifact.clone(),
                    region: (!extracted).then(|| lines.region(span)),
                },
                logical_locations: place.map(|p| {
                    let name = p.describe(locale);
                    vec![LogicalLocation {
                        fully_qualified_name: name.clone(),
                        name,
                        kind: match p {
                            crate::input::Place::Paragraph { .. } => "paragraph",
                            crate::input::Place::Cell { .. } => "tableCell",
                        },
                    }]
                }),
                message,
            }
        };
        for d in diagnostics {
            let fixes: Vec<SarifFix> = d
                .fixes
                .iter()
                .filter(|f| writable && f.applicability == Applicability::Safe)
                .map(|f| SarifFix {
                    description: Message::new(f.title.get(locale)),
                    artifact_changes: vec![ArtifactChange {
                        artifact_location: artifact.clone(),
                        replacements: f
                            .edits
                            .iter()
                            .map(|e| Replacement {
                                deleted_region: lines.region(e.span),
                                inserted_content: Some(Content {
                                    text: e.replacement.clone(),
                                }),
                            })
                            .collect(),
                    }],
                })
                .collect();
            let related: Vec<Location> = d
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| locate(r.span, Some(Message::new(r.message.get(locale))), Some(i)))
                .collect();
            self.results.push(SarifResult {
                rule_id: d.rule.code(),
                rule_index: rule_index(d.rule),
                level: level(d.severity),
                message: Message::new(d.message.get(locale)),
                locations: vec![locate(d.span, None, None)],
                related_locations: (!related.is_empty()).then_some(related),
                fixes: (!fixes.is_empty()).then_some(fixes),
            });
        }
    }

    /// An input that could not be checked or written back: a notification of the invocation,
    /// which then did not succeed.
    pub fn add_error(&mut self, path: &str, message: &str) {
        let locations = (!path.is_empty()).then(|| {
            vec![Location {
                id: None,
                physical_location: PhysicalLocation {
                    artifact_location: artifact_location(path, None),
                    region: None,
                },
                logical_locations: None,
                message: None,
            }]
        });
        self.notifications.push(Notification {
            level: "error",
            message: Message::new(message),
            locations,
        });
    }
}

/// Writes the log, pretty-printed, with a final newline. `locale` is the language of the
/// rules' texts; each result's message is in its file's language, usually the same.
pub(crate) fn write(out: &mut dyn Write, log: Log, locale: Locale) -> io::Result<()> {
    let successful = log.notifications.is_empty();
    let document = SarifLog {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver::new(locale),
            },
            language: language_tag(locale),
            column_kind: "utf16CodeUnits",
            artifacts: log.artifacts,
            results: log.results,
            invocations: vec![Invocation {
                execution_successful: successful,
                tool_execution_notifications: log.notifications,
            }],
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

fn language_tag(locale: Locale) -> &'static str {
    match locale {
        Locale::Zh => "zh-CN",
        Locale::En => "en-US",
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn rule_index(rule: Rule) -> usize {
    Rule::ALL.iter().position(|&r| r == rule).unwrap_or(0)
}

/// The artifact's address: a relative URI reference for a relative path (code-scanning
/// services resolve it against the repository), a `file:` URI for an absolute one; none for
/// standard input, which is described instead.
fn artifact_location(path: &str, index: Option<usize>) -> ArtifactLocation {
    if path == "-" || path == "<stdin>" {
        return ArtifactLocation {
            uri: None,
            index,
            description: Some(Message::new("standard input")),
        };
    }
    // Windows paths keep their backslashes on screen; a URI separates with `/`.
    let slashed = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let encoded = percent_encode(&slashed);
    let uri = if Path::new(path).is_absolute() {
        if encoded.starts_with('/') {
            format!("file://{encoded}")
        } else {
            // `C:/Users/…` (the colon after the drive letter is kept).
            format!("file:///{}", encoded.replacen("%3A", ":", 1))
        }
    } else {
        encoded
    };
    ArtifactLocation {
        uri: Some(uri),
        index,
        description: None,
    }
}

/// Percent-encodes everything but the unreserved characters and `/`: file names are often
/// Chinese, and may hold spaces, `#` or `%`.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn mime_type(path: &str, kind: Kind) -> &'static str {
    let markdown = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    match kind {
        Kind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Kind::Html => "text/html",
        Kind::Text if markdown => "text/markdown",
        Kind::Text => "text/plain",
    }
}

/// Lines as SARIF counts them (ended by CR, LF or CRLF) and columns in UTF-16 code units,
/// both from 1.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        Lines { text, starts }
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let offset = super::floor_char_boundary(self.text, offset);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line].min(offset);
        let column = self.text[start..offset].encode_utf16().count();
        (line + 1, column + 1)
    }

    fn region(&self, span: Span) -> Region {
        let (start_line, start_column) = self.position(span.start);
        let (end_line, end_column) = self.position(span.end.max(span.start));
        Region {
            start_line,
            start_column,
            end_line,
            end_column,
        }
    }
}

#[derive(Serialize)]
struct SarifLog {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    language: &'static str,
    column_kind: &'static str,
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult>,
    invocations: Vec<Invocation>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    language: &'static str,
    rules: Vec<RuleDescriptor>,
}

impl Driver {
    fn new(locale: Locale) -> Driver {
        let other = match locale {
            Locale::Zh => Locale::En,
            Locale::En => Locale::Zh,
        };
        let rules = Rule::ALL
            .iter()
            .map(|&rule| RuleDescriptor {
                id: rule.code(),
                name: rule.name(),
                short_description: Message::new(rule.title(locale)),
                full_description: Message::new(rule.doc(locale)),
                help: Message::new(rule.doc(locale)),
                help_uri: rule.help_url(),
                default_configuration: Configuration {
                    level: level(rule.default_severity()),
                },
                properties: RuleProperties {
                    translations: [(
                        language_tag(other),
                        Translation {
                            short_description: rule.title(other),
                            full_description: rule.doc(other),
                        },
                    )]
                    .into_iter()
                    .collect(),
                },
            })
            .collect();
        Driver {
            name: "nianbao",
            version: env!("CARGO_PKG_VERSION"),
            semantic_version: env!("CARGO_PKG_VERSION"),
            information_uri: env!("CARGO_PKG_REPOSITORY"),
            language: language_tag(locale),
            rules,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Message,
    full_description: Message,
    help: Message,
    help_uri: String,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

/// The rule's texts in the other message language, by language tag (SARIF carries one
/// language per log).
#[derive(Serialize)]
struct RuleProperties {
    translations: std::collections::BTreeMap<&'static str, Translation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Translation {
    short_description: &'static str,
    full_description: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    location: ArtifactLocation,
    mime_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
struct ArtifactLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Message>,
}

#[derive(Debug, Clone, Serialize)]
struct Message {
    text: String,
}

impl Message {
    fn new(text: &str) -> Message {
        Message {
            text: text.to_string(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    related_locations: Option<Vec<Location>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<Vec<SarifFix>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    logical_locations: Option<Vec<LogicalLocation>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    name: String,
    fully_qualified_name: String,
    kind: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Message,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    #[serde(skip_serializing_if = "Option::is_none")]
    inserted_content: Option<Content>,
}

#[derive(Serialize)]
struct Content {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Message,
    #[serde(skip_serializing_if = "Option::is_none")]
    locations: Option<Vec<Location>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units_and_lines_end_at_cr_lf_or_crlf() {
        // 𠀀 is outside the BMP: two UTF-16 units, one character, four bytes.
        let text = "一𠀀二\r\nab\rc\nd";
        let lines = Lines::new(text);
        assert_eq!(lines.position(0), (1, 1));
        assert_eq!(lines.position(text.find('二').unwrap()), (1, 4));
        assert_eq!(lines.position(text.find('a').unwrap()), (2, 1));
        assert_eq!(lines.position(text.find('c').unwrap()), (3, 1));
        assert_eq!(lines.position(text.find('d').unwrap()), (4, 1));
        assert_eq!(lines.position(text.len() + 5), (4, 2));
        // Inside a character: the boundary before it.
        assert_eq!(lines.position(1), (1, 1));
    }

    #[test]
    fn paths_become_uri_references() {
        let uri = |p: &str| artifact_location(p, None).uri;
        assert_eq!(
            uri("reports/年报 2023.txt").unwrap(),
            "reports/%E5%B9%B4%E6%8A%A5%202023.txt"
        );
        assert_eq!(uri("a#b%.md").unwrap(), "a%23b%25.md");
        assert!(uri("-").is_none());
        if !cfg!(windows) {
            assert_eq!(
                uri("/home/u/年.txt").unwrap(),
                "file:///home/u/%E5%B9%B4.txt"
            );
        }
    }

    #[test]
    fn every_rule_is_described_with_its_translation() {
        let driver = Driver::new(Locale::Zh);
        assert_eq!(driver.rules.len(), Rule::ALL.len());
        let value = serde_json::to_value(&driver).unwrap();
        let first = &value["rules"][0];
        assert_eq!(first["id"], "NB101");
        assert_eq!(first["name"], "section-missing");
        assert_eq!(
            first["shortDescription"]["text"],
            Rule::SectionMissing.title(Locale::Zh)
        );
        assert_eq!(
            first["properties"]["translations"]["en-US"]["shortDescription"],
            Rule::SectionMissing.title(Locale::En)
        );
        assert_eq!(first["defaultConfiguration"]["level"], "error");
        assert!(first["helpUri"].as_str().unwrap().ends_with("/NB101.md"));
    }
}
