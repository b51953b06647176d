//! The files people really have give exactly the findings of the plain text they were made
//! from: the clean and planted tab drafts as Word documents made by python-docx (merged
//! header cells, Word-numbered headings) and as published web pages (site chrome, rowspan
//! and colspan, `<br>` in header cells) — `tests/corpus/inputs/`, written by
//! `tests/corpus/make-inputs.py` — and as GBK and UTF-16 copies made here. Same rules, same
//! messages, same text under each finding, and for the structured files the same table cell
//! or paragraph.

use std::fs;
use std::path::{Path, PathBuf};

use nianbao::input::{self, Kind, Options, Place};
use nianbao::{Config, Diagnostic};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus")
}

/// The clean and planted tab drafts: (folder-stem, text).
fn sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for folder in ["clean", "planted"] {
        let mut names: Vec<PathBuf> = fs::read_dir(corpus().join(folder))
            .expect("corpus folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        names.sort();
        for path in names {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&path).expect("UTF-8 draft");
            out.push((format!("{folder}-{stem}"), text));
        }
    }
    assert!(out.len() >= 20, "the corpus has its drafts");
    out
}

/// A finding as the user reads it: rule, message, and the text it points at.
type Seen = (String, String, String);

fn seen(text: &str, d: &Diagnostic) -> Seen {
    let under = text.get(d.span.start..d.span.end).unwrap_or("").trim();
    (
        d.code().to_string(),
        d.message.zh.clone(),
        under.to_string(),
    )
}

/// Where an offset of a tab draft is, counted as the extraction counts: the Nth non-empty
/// paragraph line, or the table (run of tab lines), row and column.
fn source_place(text: &str, offset: usize) -> Place {
    let (mut paragraphs, mut tables) = (0, 0);
    let mut row = 0;
    let mut in_table = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let is_row = line.contains('\t');
        if is_row {
            if !in_table {
                tables += 1;
                row = 0;
            }
            row += 1;
        } else if !line.trim().is_empty() {
            paragraphs += 1;
        }
        in_table = is_row;
        if offset < at + line.len() || at + line.len() == text.len() {
            let within = offset.saturating_sub(at).min(line.len());
            return if is_row {
                Place::Cell {
                    table: tables,
                    row,
                    column: line[..within].matches('\t').count() + 1,
                }
            } else {
                Place::Paragraph {
                    paragraph: paragraphs,
                }
            };
        }
        at += line.len();
    }
    Place::Paragraph {
        paragraph: paragraphs,
    }
}

fn check(text: &str) -> Vec<Diagnostic> {
    nianbao::check(text, &Config::default())
}

/// Compares a derived file's findings with its source's, by what the user reads and, when
/// the derived file has places, by cell or paragraph.
fn assert_same_findings(name: &str, source: &str, derived: &input::Document) {
    let mut expected: Vec<(Seen, Place)> = check(source)
        .iter()
        .map(|d| (seen(source, d), source_place(source, d.span.start)))
        .collect();
    let mut got: Vec<(Seen, Option<Place>)> = check(&derived.text)
        .iter()
        .map(|d| {
            let place = derived.places.at(d.span.start).map(|s| s.place);
            (seen(&derived.text, d), place)
        })
        .collect();
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    got.sort_by(|a, b| a.0.cmp(&b.0));
    let expected_seen: Vec<&Seen> = expected.iter().map(|e| &e.0).collect();
    let got_seen: Vec<&Seen> = got.iter().map(|g| &g.0).collect();
    assert_eq!(
        got_seen, expected_seen,
        "{name}: findings differ from the source's\n--- extracted text ---\n{}",
        derived.text
    );
    if derived.places.is_empty() {
        return;
    }
    for ((seen, want), (_, place)) in expected.iter().zip(&got) {
        assert_eq!(
            place.as_ref(),
            Some(want),
            "{name}: {seen:?} is located elsewhere than in the source"
        );
    }
}

fn unpadded(text: &str) -> String {
    text.lines()
        .map(|l| l.trim_end_matches('\t'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `tests/corpus/inputs/`, or the folder `NIANBAO_INPUTS` names: `tests/run` regenerates the
/// files there with python-docx to prove the generator still makes what the tests expect.
fn inputs() -> PathBuf {
    std::env::var_os("NIANBAO_INPUTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| corpus().join("inputs"))
}

fn fixture(stem: &str, extension: &str) -> (PathBuf, Vec<u8>) {
    let path = inputs().join(format!("{stem}.{extension}"));
    let bytes = fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}): run python3 tests/corpus/make-inputs.py",
            path.display()
        )
    });
    (path, bytes)
}

#[test]
fn word_documents_give_the_findings_of_their_source() {
    for (stem, source) in sources() {
        let (path, bytes) = fixture(&stem, "docx");
        let document = input::read(&bytes, Some(&path), Options::default())
            .unwrap_or_else(|e| panic!("{stem}.docx: {:?}", e.message()));
        assert_eq!(document.kind, Kind::Docx);
        // The draft's text comes back exactly: paragraphs, merged cells expanded, the
        // numbering Word draws before the headings (a short row is padded to the table's
        // width: its empty cells are the table's).
        assert_eq!(unpadded(&document.text), unpadded(&source), "{stem}.docx");
        assert_same_findings(&format!("{stem}.docx"), &source, &document);
    }
}

/// Word documents saved by another writer than python-docx: LibreOffice 7 (`soffice --headless
/// --convert-to 'docx:MS Word 2007 XML'` from each draft's web page, into
/// `tests/corpus/inputs/libreoffice/`, made once and kept: the run does not install LibreOffice).
/// Its own paragraph and table structure, the same findings as the source.
#[test]
fn word_documents_saved_by_libreoffice_give_the_findings_of_their_source() {
    let folder = corpus().join("inputs/libreoffice");
    let mut checked = 0;
    for (stem, source) in sources() {
        let path = folder.join(format!("{stem}.docx"));
        let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let document = input::read(&bytes, Some(&path), Options::default())
            .unwrap_or_else(|e| panic!("{stem}.docx: {:?}", e.message()));
        assert_eq!(document.kind, Kind::Docx);
        // The page's site chrome became paragraphs of LibreOffice's document, so paragraph
        // numbers are the document's own: the findings are compared, and each has a place.
        let name = format!("libreoffice/{stem}.docx");
        let mut expected: Vec<Seen> = check(&source).iter().map(|d| seen(&source, d)).collect();
        let found = check(&document.text);
        let mut got: Vec<Seen> = found.iter().map(|d| seen(&document.text, d)).collect();
        expected.sort();
        got.sort();
        assert_eq!(got, expected, "{name}: findings differ from the source's");
        for d in &found {
            assert!(
                document.places.at(d.span.start).is_some(),
                "{name}: {} has no place",
                d.code()
            );
        }
        checked += 1;
    }
    assert!(checked >= 20, "every draft has its LibreOffice copy");
}

#[test]
fn a_table_split_across_pages_reads_as_its_source() {
    // 表三 cut in two Word tables by a page break, the label cells merged down each half (so
    // 表四 is the document's fourth table): the same findings as the source, none.
    let source = fs::read_to_string(corpus().join("clean/2023-format2021-tab.txt")).unwrap();
    let (path, bytes) = fixture("clean-2023-format2021-tab-split", "docx");
    let document = input::read(&bytes, Some(&path), Options::default()).unwrap();
    assert!(document
        .places
        .segments()
        .iter()
        .any(|s| matches!(s.place, Place::Cell { table: 4, .. })));
    let findings: Vec<Seen> = check(&document.text)
        .iter()
        .map(|d| seen(&document.text, d))
        .collect();
    let expected: Vec<Seen> = check(&source).iter().map(|d| seen(&source, d)).collect();
    assert_eq!(findings, expected);
}

#[test]
fn word_documents_hold_merged_cells_and_numbering() {
    // The fixtures exercise what they claim to: gridSpan, vMerge and numPr in the XML.
    let (path, bytes) = fixture("clean-2023-format2021-tab", "docx");
    let xml = document_xml(&bytes);
    for needle in ["w:gridSpan", "w:vMerge", "w:numPr", "chineseCounting"] {
        assert!(
            xml.contains(needle) || numbering_xml(&bytes).contains(needle),
            "{}: no {needle}",
            path.display()
        );
    }
    // The headings are not typed: the document holds 总体情况, the reader sees 一、总体情况.
    assert!(!xml.contains("一、总体情况"));
    let document = input::read(&bytes, Some(&path), Options::default()).unwrap();
    assert!(document.text.contains("\n一、总体情况\n"));
}

fn zip_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut part = zip.by_name(name).expect("the part");
    let mut xml = String::new();
    part.read_to_string(&mut xml).expect("UTF-8 XML");
    xml
}

fn document_xml(bytes: &[u8]) -> String {
    zip_part(bytes, "word/document.xml")
}

fn numbering_xml(bytes: &[u8]) -> String {
    zip_part(bytes, "word/numbering.xml")
}

#[test]
fn web_pages_give_the_findings_of_their_source() {
    for (stem, source) in sources() {
        let (path, bytes) = fixture(&stem, "html");
        let page = String::from_utf8_lossy(&bytes);
        assert!(
            page.contains("<nav") && page.contains("<script"),
            "{stem}: chrome"
        );
        let document = input::read(&bytes, Some(&path), Options::default())
            .unwrap_or_else(|e| panic!("{stem}.html: {:?}", e.message()));
        assert_eq!(document.kind, Kind::Html);
        assert!(!document.text.contains("首页"), "{stem}: navigation read");
        assert_same_findings(&format!("{stem}.html"), &source, &document);
    }
    let (_, bytes) = fixture("clean-2023-format2021-tab", "html");
    let page = String::from_utf8_lossy(&bytes);
    for needle in ["rowspan=", "colspan=", "<br>"] {
        assert!(page.contains(needle), "no {needle}");
    }
}

#[test]
fn gbk_and_utf16_copies_read_as_their_source() {
    for (stem, source) in sources() {
        let mut copies: Vec<(&str, Vec<u8>)> =
            vec![("GBK", encoding_rs::GBK.encode(&source).0.into_owned())];
        for (name, little) in [("UTF-16LE", true), ("UTF-16BE", false)] {
            let mut bytes = if little {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            for unit in source.encode_utf16() {
                bytes.extend_from_slice(&if little {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                });
            }
            copies.push((name, bytes));
        }
        for (encoding, bytes) in copies {
            let document = input::read(&bytes, Some(Path::new("draft.txt")), Options::default())
                .unwrap_or_else(|e| panic!("{stem} in {encoding}: {:?}", e.message()));
            assert_eq!(document.encoding.map(|e| e.name()), Some(encoding));
            assert_eq!(document.text, source, "{stem} in {encoding}");
            assert_same_findings(&format!("{stem} ({encoding})"), &source, &document);
            assert_eq!(document.encode(&document.text).unwrap(), bytes);
        }
    }
}
