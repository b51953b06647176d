//! What the reader makes of every real report in the corpus (the seeds and tests/corpus/wild):
//! sections, tables, rows and cells with their spans, pinned in insta snapshots, so a change to
//! the reader shows as a change in what it read, not only in what the rules say.

use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};

use nianbao::parse::{read, CellValue, DataRow, LabelCell, MatchQuality, Report, ValueCell};

fn files(dir: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/corpus")
        .join(dir);
    let mut paths: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no reports in {}", root.display());
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect()
}

fn cell(v: &ValueCell) -> String {
    let shown = match &v.value {
        CellValue::Blank => "blank".to_string(),
        CellValue::Absent => "absent".to_string(),
        CellValue::NotNumber => format!("text «{}»", v.text),
        CellValue::Unreadable => "unreadable".to_string(),
        CellValue::Number(_) => v.text.clone(),
    };
    format!("{shown}@{}", v.span.start)
}

fn label(l: &LabelCell) -> String {
    let quality = match l.quality {
        MatchQuality::Exact => String::new(),
        q => format!(" ({q:?} of «{}»)", l.official),
    };
    format!("«{}»@{}{quality}", l.text, l.span.start)
}

fn rows(out: &mut String, rows: &[DataRow]) {
    for r in rows {
        let values: Vec<String> = r.values.iter().map(cell).collect();
        let _ = writeln!(out, "    row {}: {}", label(&r.label), values.join(" "));
        if !r.extra.is_empty() {
            let _ = writeln!(out, "      {} value(s) over", r.extra.len());
        }
    }
}

fn render(report: &Report) -> String {
    let mut out = String::new();
    let meta = &report.meta;
    let _ = writeln!(
        out,
        "year: {:?}{}",
        meta.year.as_ref().map(|y| y.value),
        if meta.year_inferred {
            " (inferred)"
        } else {
            ""
        }
    );
    for s in &report.sections {
        let _ = writeln!(
            out,
            "section {} {:?} @{}..{}",
            s.number, s.title_match, s.heading.start, s.heading.end
        );
    }
    if let Some(t) = &report.proactive {
        for b in &t.blocks {
            let headers: Vec<String> = b.headers.iter().map(label).collect();
            let _ = writeln!(
                out,
                "表二 ({}) layout {:?} as {:?}: headers {}",
                b.item,
                b.layout,
                b.checked_as,
                headers.join(" ")
            );
            rows(&mut out, &b.rows);
            for u in &b.unknown_rows {
                let _ = writeln!(out, "    unknown «{}»@{}", u.text, u.span.start);
            }
        }
    }
    if let Some(t) = &report.applications {
        let _ = writeln!(
            out,
            "表三 layout {:?} as {:?}, {} header(s), missing headers {:?}, missing rows {}, sums {}",
            t.layout,
            t.checked_as,
            t.headers.len(),
            t.missing_headers,
            t.missing_rows.len(),
            if t.sums_checkable() { "checked" } else { "not checked" }
        );
        rows(&mut out, &t.rows);
        for u in &t.unknown_rows {
            let _ = writeln!(out, "    unknown «{}»@{}", u.text, u.span.start);
        }
    }
    if let Some(t) = &report.reviews {
        let values: Vec<String> = t.values.iter().map(cell).collect();
        let _ = writeln!(
            out,
            "表四 {} header(s), missing {:?}, sums {}: {}",
            t.headers.len(),
            t.missing_headers,
            if t.sums_checkable() {
                "checked"
            } else {
                "not checked"
            },
            values.join(" ")
        );
    }
    out
}

#[test]
fn what_the_reader_reads_in_real_reports() {
    for dir in ["seeds", "wild"] {
        for (name, text) in files(dir) {
            insta::assert_snapshot!(format!("read_{dir}_{name}"), render(&read(&text, None)));
        }
    }
}
