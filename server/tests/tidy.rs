//! The format is data in one place. Every official string `spec` offers — section titles,
//! table names, every label and header of both formats, block titles, placeholders, the fee
//! wording, the notice numbers, the legal basis — may be written as a literal only in
//! `server/src/spec/`. Everywhere else it is asked of `spec`, so a changed label is one edit.
//!
//! Exempt: test modules (they quote drafts), and the rule documents in `catalog.rs` (prose
//! that explains the format to a reader, checked against the catalogue by `docs.rs`).
//! Strings shorter than four characters (`总计`, `其他`, `规章`) are ordinary words too and
//! are not policed.

use std::fs;
use std::path::{Path, PathBuf};

use nianbao::spec::{self, Layout, TableKind};

const MIN_CHARS: usize = 4;

/// Every official string reachable from `spec`.
fn official_strings() -> Vec<String> {
    let mut all: Vec<String> = spec::table_labels().into_iter().map(String::from).collect();
    for section in &spec::SECTIONS {
        all.push(section.title.to_string());
        all.push(section.heading());
        all.extend(section.long_title.map(String::from));
    }
    for kind in [
        TableKind::Proactive,
        TableKind::Applications,
        TableKind::Reviews,
    ] {
        all.push(kind.name_zh().to_string());
    }
    for layout in Layout::ALL {
        all.push(layout.document_number().to_string());
        for block in spec::proactive_blocks(layout) {
            all.push(block.title());
        }
        for row in spec::application_rows(layout) {
            // A row label without its numbering (`结转下年度继续办理`) is as official as with it.
            all.push(without_numbering(row.label));
        }
    }
    all.extend(spec::review_header_cells().into_iter().map(String::from));
    all.push(spec::REVIEW_ROW_NAME.to_string());
    for text in [
        spec::TEXT_PLACEHOLDER,
        spec::FEE_PLACEHOLDER_2021,
        spec::FEE_TERM,
        spec::FEE_NIL_STATEMENT,
        spec::LEGAL_BASIS_ZH,
        spec::FORMAT_NOTICE_ISSUER,
        spec::APPLICATIONS_NOTE,
    ] {
        all.push(text.to_string());
    }
    all.retain(|s| s.chars().count() >= MIN_CHARS);
    all.sort();
    all.dedup();
    all
}

/// `四、结转下年度继续办理` → `结转下年度继续办理`, `（三）不予公开` → `不予公开`, `1.属于国家秘密` → `属于国家秘密`.
fn without_numbering(label: &str) -> String {
    let rest = label
        .trim_start_matches(|c: char| "一二三四五六七八九十0123456789".contains(c))
        .trim_start_matches(['、', '.']);
    let rest = match rest.strip_prefix('（') {
        Some(inner) => inner.split_once('）').map(|(_, r)| r).unwrap_or(rest),
        None => rest,
    };
    rest.to_string()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of the file's non-test code, with their line numbers.
fn literals(text: &str) -> Vec<(usize, String)> {
    let code = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    };
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(open) = rest.find('"') {
            if rest.find("//").is_some_and(|comment| comment < open) {
                break;
            }
            let after = &rest[open + 1..];
            let mut end = None;
            let mut escaped = false;
            for (i, c) in after.char_indices() {
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => {
                        end = Some(i);
                        break;
                    }
                    _ => escaped = false,
                }
            }
            let Some(end) = end else { break };
            out.push((n + 1, after[..end].to_string()));
            rest = &after[end + 1..];
        }
    }
    out
}

#[test]
fn official_strings_are_written_only_in_spec() {
    let official = official_strings();
    assert!(
        official.len() > 60,
        "the list of official strings looks broken: {official:?}"
    );
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut leaks = Vec::new();
    for path in files {
        let relative = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if relative.starts_with("spec/") || relative == "catalog.rs" {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        for (line, literal) in literals(&text) {
            for o in &official {
                if literal.contains(o.as_str()) {
                    leaks.push(format!("{relative}:{line}: “{o}” in \"{literal}\""));
                }
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "official strings written outside spec/ (ask spec for them):\n  {}",
        leaks.join("\n  ")
    );
}

#[test]
fn the_literal_reader_reads_literals() {
    let found = literals("let a = \"（七）总计\"; // \"not this\"\nlet b = \"x\\\"y\";");
    assert_eq!(
        found,
        [(1, "（七）总计".to_string()), (2, "x\\\"y".to_string())]
    );
    assert_eq!(
        without_numbering("四、结转下年度继续办理"),
        "结转下年度继续办理"
    );
    assert_eq!(without_numbering("（三）不予公开"), "不予公开");
    assert!(official_strings().iter().any(|s| s == "结转下年度继续办理"));
}
