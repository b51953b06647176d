//! The corpus: real published reports (tests/corpus/seeds), clean drafts of our own, and drafts
//! with one planted error each. Full findings are pinned with insta snapshots; the real errors
//! each seed is known to contain are asserted by code (see tests/corpus/README.md).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use nianbao::fix::apply_safe_fixes;
use nianbao::text::LineIndex;
use nianbao::{check, Config, Diagnostic, Severity};

fn corpus(dir: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/corpus")
        .join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no files in {}", root.display());
    files
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// One line per finding: position (line:column in characters), code, severity, message, and
/// the fixes with their safety.
fn render(text: &str, diagnostics: &[Diagnostic]) -> String {
    let lines = LineIndex::new(text);
    let mut out = String::new();
    for d in diagnostics {
        let line = lines.line_of(d.span.start);
        let col = text[lines.line_start(line)..d.span.start].chars().count();
        let quoted: String = text[d.span.start..d.span.end].chars().take(24).collect();
        out.push_str(&format!(
            "{}:{} {} {} {}  «{}»\n",
            line + 1,
            col + 1,
            d.code(),
            d.severity.as_str(),
            d.message.zh,
            quoted
        ));
        for fix in &d.fixes {
            out.push_str(&format!(
                "    fix ({:?}): {}\n",
                fix.applicability, fix.title.zh
            ));
        }
    }
    out
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    let mut c: Vec<&'static str> = diagnostics.iter().map(|d| d.code()).collect();
    c.sort();
    c.dedup();
    c
}

#[test]
fn seeds_snapshots() {
    for (name, text) in corpus("seeds") {
        let found = check(&text, &Config::default());
        insta::assert_snapshot!(format!("seed_{name}"), render(&text, &found));
    }
}

/// The real errors in the published seeds, by the rule that finds each (tests/corpus/README.md).
#[test]
fn seeds_real_errors_are_found() {
    let expected: BTreeMap<&str, &[&str]> = BTreeMap::from([
        ("000_9a12704310b9b92b", &["NB204", "NB310", "NB313"][..]),
        ("001_1df9ee14cdc84c49", &["NB104", "NB407", "NB902"][..]),
        ("002_ea5105af65b66e02", &["NB202", "NB210"][..]),
        (
            "003_85ce267dc675a287",
            &["NB208", "NB302", "NB313", "NB406"][..],
        ),
        ("004_0413918a63fee9e6", &["NB202", "NB401"][..]),
    ]);
    for (name, text) in corpus("seeds") {
        let found = codes(&check(&text, &Config::default()));
        let want = expected
            .get(name.as_str())
            .unwrap_or_else(|| panic!("no expectations for {name}"));
        assert_eq!(found, *want, "{name}");
    }
}

#[test]
fn clean_drafts_have_no_errors_or_warnings() {
    for (name, text) in corpus("clean") {
        let found: Vec<Diagnostic> = check(&text, &Config::default())
            .into_iter()
            .filter(|d| d.severity <= Severity::Warning)
            .collect();
        assert!(found.is_empty(), "{name}:\n{}", render(&text, &found));
    }
}

/// Each planted draft is named after the rule that must find it; other errors and warnings
/// may only be the planted error's known consequences.
#[test]
fn planted_errors_are_found() {
    let consequences: BTreeMap<&str, &[&str]> =
        BTreeMap::from([("NB208", &["NB209"][..]), ("NB303", &["NB402"][..])]);
    for (name, text) in corpus("planted") {
        let code = &name[..5];
        let found = check(&text, &Config::default());
        assert!(
            found.iter().any(|d| d.code() == code),
            "{name}: {code} not found:\n{}",
            render(&text, &found)
        );
        let allowed = consequences.get(code).copied().unwrap_or(&[]);
        let others: Vec<&Diagnostic> = found
            .iter()
            .filter(|d| {
                d.severity <= Severity::Warning && d.code() != code && !allowed.contains(&d.code())
            })
            .collect();
        assert!(
            others.is_empty(),
            "{name}: unexpected {:?}",
            others
                .iter()
                .map(|d| (d.code(), &d.message.zh))
                .collect::<Vec<_>>()
        );
        insta::assert_snapshot!(format!("planted_{name}"), render(&text, &found));
    }
}

/// Applying every safe fix and checking again yields no finding that was not there before,
/// and removes the findings that had a safe fix.
#[test]
fn safe_fixes_converge() {
    for dir in ["seeds", "clean", "planted"] {
        for (name, text) in corpus(dir) {
            let before = check(&text, &Config::default());
            let (fixed, applied) = apply_safe_fixes(&text, &before);
            let after = check(&fixed, &Config::default());
            let key = |d: &Diagnostic| (d.code(), d.message.zh.clone());
            let mut remaining: Vec<_> = before.iter().map(key).collect();
            for d in &after {
                let k = key(d);
                let pos = remaining.iter().position(|r| *r == k);
                assert!(
                    pos.is_some(),
                    "{dir}/{name}: new finding after safe fixes: {k:?}"
                );
                remaining.remove(pos.unwrap());
            }
            // Each applied fix belonged to a different finding, which must now be gone.
            assert!(
                after.len() + applied <= before.len(),
                "{dir}/{name}: safe-fixed findings remain"
            );
        }
    }
}

/// The templates fixes insert read back as the official tables: in both formats and both
/// table styles, a fresh template has only blanks to fill and placeholders to replace.
#[test]
fn templates_read_back_cleanly() {
    use nianbao::fix::templates;
    use nianbao::parse::TableStyle;
    use nianbao::spec::Layout;
    for layout in Layout::ALL {
        for style in [TableStyle::Pipe, TableStyle::Tab] {
            let year = if layout == Layout::Y2021 { 2023 } else { 2020 };
            let text = templates::report(layout, year, style);
            let found = check(&text, &Config::default());
            let unexpected: Vec<&Diagnostic> = found
                .iter()
                .filter(|d| !matches!(d.code(), "NB310" | "NB403" | "NB401"))
                .collect();
            assert!(
                unexpected.is_empty(),
                "{layout:?} {style:?}:\n{}",
                render(&text, &found)
            );
            // Blank cells: every data row of 表二, 表三 and the row of 表四 is reported.
            let blanks = found.iter().filter(|d| d.code() == "NB310").count();
            let expected = nianbao::spec::proactive_blocks(layout)
                .iter()
                .map(|b| b.rows.len())
                .sum::<usize>()
                + nianbao::spec::application_rows(layout)
                    .iter()
                    .filter(|r| r.is_data())
                    .count()
                + 1;
            assert_eq!(blanks, expected, "{layout:?} {style:?}");
            // Filling the blanks (a safe fix) leaves only the placeholders.
            let (filled, _) = apply_safe_fixes(&text, &found);
            let left: Vec<&'static str> = codes(&check(&filled, &Config::default()));
            assert!(
                left.iter().all(|c| matches!(*c, "NB403" | "NB401")),
                "{layout:?} {style:?}: {left:?}"
            );
        }
    }
}

/// A draft with a title and nothing else: the missing-section fixes insert the whole report.
#[test]
fn missing_section_fixes_build_the_report() {
    let text = "某局2023年政府信息公开工作年度报告\n";
    let found = check(text, &Config::default());
    assert_eq!(found.iter().filter(|d| d.code() == "NB101").count(), 6);
    let edits: Vec<nianbao::Edit> = found
        .iter()
        .flat_map(|d| d.fixes.iter().flat_map(|f| f.edits.clone()))
        .collect();
    let (built, _) = nianbao::fix::apply_edits(text, &edits);
    let left = codes(&check(&built, &Config::default()));
    assert!(
        left.iter()
            .all(|c| matches!(*c, "NB310" | "NB403" | "NB401")),
        "{left:?}\n{built}"
    );
}

/// The clean 2023 draft rewritten in the other layouts real drafts use (one cell per line,
/// numbers separated by spaces, full-width digits, half-width punctuation, 1、 numbering, 其它,
/// padded cells, CRLF, Traditional characters) reads exactly like the original: no error or
/// warning, except the one that says the text is in Traditional characters.
#[test]
fn layout_variants_read_like_the_clean_draft() {
    for (name, text) in corpus("variants") {
        let found: Vec<Diagnostic> = check(&text, &Config::default())
            .into_iter()
            .filter(|d| d.severity <= Severity::Warning)
            .collect();
        let expected: &[&str] = if name == "traditional-characters" {
            &["NB407"]
        } else {
            &[]
        };
        assert_eq!(
            codes(&found),
            expected,
            "{name}:\n{}",
            render(&text, &found)
        );
    }
}
