//! The corpus: real published reports (tests/corpus/seeds), clean drafts of our own, drafts
//! with one planted error each, and the clean and planted drafts in other layouts. Full findings
//! are pinned with insta snapshots; the real errors each seed is known to contain are asserted
//! by code; the layouts must read cell for cell like the tab drafts (see tests/corpus/README.md).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use nianbao::fix::{apply_safe_fixes, Policy};
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
        ("002_ea5105af65b66e02", &["NB202", "NB210", "NB903"][..]),
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
            // The loop `--fix` runs, all its passes.
            let fixed = nianbao::fix::fix_all(&text, &Config::default(), Policy::Safe);
            let (applied, after) = (fixed.applied, fixed.analysis.diagnostics);
            let again = nianbao::fix::fix_all(&fixed.text, &Config::default(), Policy::Safe);
            assert_eq!(again.applied, 0, "{dir}/{name}: fixing twice changes more");
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
    use nianbao::spec::templates;
    use nianbao::spec::Layout;
    use nianbao::spec::TableStyle;
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
            // Filling the blanks (NB310's fix: unsafe, it writes numbers) leaves only the
            // placeholders.
            assert_eq!(
                apply_safe_fixes(&text, &found).1,
                0,
                "no safe fix writes a number"
            );
            let edits: Vec<nianbao::Edit> = found
                .iter()
                .filter(|d| d.code() == "NB310")
                .flat_map(|d| d.fixes[0].edits.clone())
                .collect();
            let (filled, _) = nianbao::fix::apply_edits(&text, &edits);
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
/// padded cells, CRLF, Traditional characters) reads exactly like the original: every cell of
/// 表二, 表三 and 表四 holds the clean draft's value, and there is no error or warning, except
/// the one that says the text is in Traditional characters.
#[test]
fn layout_variants_read_like_the_clean_draft() {
    let clean = clean_tab_draft("2023");
    let mut failures = Vec::new();
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
        let unexpected: Vec<Diagnostic> = found
            .into_iter()
            .filter(|d| !expected.contains(&d.code()))
            .collect();
        let mut problems = cell_differences(&clean, &text);
        if !unexpected.is_empty() {
            problems.push("unexpected findings:".to_string());
            problems.extend(render(&text, &unexpected).lines().map(|l| format!("  {l}")));
        }
        if !problems.is_empty() {
            failures.push(format!("{name}:\n  {}", problems.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

// ---------------------------------------------------------------------------------------------
// Layouts (tests/corpus/layouts): the clean drafts and the planted table and number errors as
// real reports reach the checker: web text with its line breaks lost, text copied out of a PDF,
// Markdown tables with flattened headers, header cells wrapped over two lines.

/// The pseudo-columns of [`Cell`] for what is not a cell of the format: values beyond a row's
/// columns, and a row the reader could not place.
const EXTRA_VALUES: &str = "（多余的值）";
const UNKNOWN_ROW: &str = "（未识别的行）";

/// One cell of 表二, 表三 or 表四 as the reader understood it, named by its table, its row's
/// official label and its column's official header, so that cells are compared by meaning
/// whatever their position in the text.
struct Cell {
    table: String,
    row: String,
    column: String,
    value: String,
}

/// A cell's value as a comparable string. A blank cell and a cell absent because the row
/// ended are the same thing once the layout has dropped the blank.
fn cell_value(text: &str, cell: &nianbao::parse::ValueCell) -> String {
    use nianbao::parse::CellValue;
    match &cell.value {
        CellValue::Blank | CellValue::Absent => "（空白）".to_string(),
        CellValue::Number(n) => {
            let mut value = match n.integer {
                Some(i) => i.to_string(),
                None => {
                    let digits: String = text[n.digits.start..n.digits.end]
                        .chars()
                        .map(nianbao::text::fold_char)
                        .collect();
                    if n.negative {
                        format!("-{digits}")
                    } else {
                        digits
                    }
                }
            };
            if let Some(unit) = &n.unit {
                value.push_str(&unit.value);
            }
            value
        }
        CellValue::NotNumber => format!("（不是数字：{}）", cell.text),
        CellValue::Unreadable => "（数字连写，无法读出）".to_string(),
    }
}

/// Every cell of 表二, 表三 and 表四 the reader finds in `text`, in reading order; values
/// beyond a row's columns and rows it could not place are cells too.
fn table_cells(text: &str) -> Vec<Cell> {
    use nianbao::spec;
    let report = nianbao::parse::read(text, None);
    let mut cells = Vec::new();
    let mut push = |table: &str, row: &str, column: String, value: String| {
        cells.push(Cell {
            table: table.to_string(),
            row: row.to_string(),
            column,
            value,
        })
    };
    let extra = |spans: &[nianbao::Span]| -> String {
        spans
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect::<Vec<_>>()
            .join(" ")
    };
    if let Some(proactive) = &report.proactive {
        for block in &proactive.blocks {
            let table = format!("表二 {}", spec::block_title(&block.item));
            let columns = spec::proactive_blocks(block.checked_as)
                .iter()
                .find(|b| b.item == block.item)
                .map(|b| b.columns)
                .unwrap_or(&[]);
            for row in &block.rows {
                for (i, v) in row.values.iter().enumerate() {
                    let column = columns
                        .get(i)
                        .map_or_else(|| format!("第{}列", i + 1), |c| c.header.to_string());
                    push(&table, row.label.official, column, cell_value(text, v));
                }
                if !row.extra.is_empty() {
                    push(
                        &table,
                        row.label.official,
                        EXTRA_VALUES.into(),
                        extra(&row.extra),
                    );
                }
            }
            for row in &block.unknown_rows {
                push(&table, &row.text, UNKNOWN_ROW.into(), String::new());
            }
        }
    }
    if let Some(applications) = &report.applications {
        for row in &applications.rows {
            for (i, v) in row.values.iter().enumerate() {
                let column = spec::APPLICANT_COLUMNS
                    .get(i)
                    .map_or_else(|| format!("第{}列", i + 1), |c| c.to_string());
                push("表三", row.label.official, column, cell_value(text, v));
            }
            if !row.extra.is_empty() {
                push(
                    "表三",
                    row.label.official,
                    EXTRA_VALUES.into(),
                    extra(&row.extra),
                );
            }
        }
        for row in &applications.unknown_rows {
            push("表三", &row.text, UNKNOWN_ROW.into(), String::new());
        }
    }
    if let Some(reviews) = &report.reviews {
        let outcomes = spec::REVIEW_OUTCOMES.len();
        for (i, v) in reviews.values.iter().enumerate() {
            let column = match spec::REVIEW_GROUPS.get(i / outcomes) {
                Some(group) => format!("{group}·{}", spec::REVIEW_OUTCOMES[i % outcomes]),
                None => format!("第{}列", i + 1),
            };
            push("表四", spec::REVIEW_ROW_NAME, column, cell_value(text, v));
        }
        if !reviews.extra.is_empty() {
            push(
                "表四",
                spec::REVIEW_ROW_NAME,
                EXTRA_VALUES.into(),
                extra(&reviews.extra),
            );
        }
    }
    cells
}

/// The cells of `got` that do not hold what the same cells of `expected` hold, one line each
/// (a whole table or row once when the reader did not find it), in the expected reading order.
fn cell_differences(expected: &str, got: &str) -> Vec<String> {
    let want = table_cells(expected);
    let have = table_cells(got);
    let mut by_key: BTreeMap<(&str, &str, &str), Vec<&str>> = BTreeMap::new();
    for c in &have {
        by_key
            .entry((&c.table, &c.row, &c.column))
            .or_default()
            .push(&c.value);
    }
    let tables: std::collections::BTreeSet<&str> = have.iter().map(|c| c.table.as_str()).collect();
    let rows: std::collections::BTreeSet<(&str, &str)> = have
        .iter()
        .map(|c| (c.table.as_str(), c.row.as_str()))
        .collect();
    let mut out = Vec::new();
    let mut reported: Vec<(&str, &str)> = Vec::new();
    for (i, c) in want.iter().enumerate() {
        if !tables.contains(c.table.as_str()) {
            if !reported.iter().any(|(t, _)| *t == c.table) {
                out.push(format!("{}: table not read", c.table));
                reported.push((&c.table, ""));
            }
            continue;
        }
        if !rows.contains(&(c.table.as_str(), c.row.as_str())) {
            if !reported.contains(&(c.table.as_str(), c.row.as_str())) {
                let values: Vec<&str> = want[i..]
                    .iter()
                    .take_while(|w| w.table == c.table && w.row == c.row)
                    .map(|w| w.value.as_str())
                    .collect();
                out.push(format!(
                    "{} «{}»: row not read (expected {})",
                    c.table,
                    c.row,
                    values.join(" ")
                ));
                reported.push((&c.table, &c.row));
            }
            continue;
        }
        let key = (c.table.as_str(), c.row.as_str(), c.column.as_str());
        match by_key.remove(&key).as_deref() {
            Some([value]) if *value == c.value => {}
            Some(values) => out.push(format!(
                "{} «{}» × {}: expected {}, got {}",
                c.table,
                c.row,
                c.column,
                c.value,
                values.join(" / ")
            )),
            None => out.push(format!(
                "{} «{}» × {}: expected {}, got nothing",
                c.table, c.row, c.column, c.value
            )),
        }
    }
    for c in &have {
        let key = (c.table.as_str(), c.row.as_str(), c.column.as_str());
        let Some(values) = by_key.remove(&key) else {
            continue;
        };
        out.push(match c.column.as_str() {
            UNKNOWN_ROW => format!(
                "{}: a row the reader did not recognise: «{}»",
                c.table, c.row
            ),
            EXTRA_VALUES => format!(
                "{} «{}»: values beyond its columns: {}",
                c.table,
                c.row,
                values.join(" / ")
            ),
            _ => format!(
                "{} «{}» × {}: expected nothing, got {}",
                c.table,
                c.row,
                c.column,
                values.join(" / ")
            ),
        });
    }
    out
}

/// The clean tab draft of a report year (`2023`: 2021 format, `2020`: 2019 format).
fn clean_tab_draft(year: &str) -> String {
    corpus("clean")
        .into_iter()
        .find(|(name, _)| name.starts_with(year) && name.ends_with("-tab"))
        .unwrap_or_else(|| panic!("no clean tab draft for {year}"))
        .1
}

/// One line per file (`ok` or what failed), then each failing file's details.
fn layout_report(results: &[(String, Vec<String>)]) -> Option<String> {
    let failing = results.iter().filter(|(_, p)| !p.is_empty()).count();
    if failing == 0 {
        return None;
    }
    let mut out = format!(
        "\n{failing} of {} files do not read right:\n",
        results.len()
    );
    for (name, problems) in results {
        let status = if problems.is_empty() { "ok  " } else { "FAIL" };
        out.push_str(&format!("  {status} {name}\n"));
    }
    for (name, problems) in results.iter().filter(|(_, p)| !p.is_empty()) {
        out.push_str(&format!("\n{name}:\n  {}\n", problems.join("\n  ")));
    }
    Some(out)
}

/// Every file of tests/corpus/layouts (the clean 2023 and 2020 drafts, each in every layout)
/// reads like the same draft's clean tab form: every cell of 表二, 表三 and 表四 holds the
/// same value in the same row and column, and there is no error or warning.
#[test]
fn layouts_read_every_cell_like_the_clean_draft() {
    let mut results = Vec::new();
    for (name, text) in corpus("layouts") {
        let year = name.split('-').next().unwrap();
        let clean = clean_tab_draft(year);
        let mut problems = cell_differences(&clean, &text);
        let cells = problems.len();
        let found: Vec<Diagnostic> = check(&text, &Config::default())
            .into_iter()
            .filter(|d| d.severity <= Severity::Warning)
            .collect();
        if !found.is_empty() {
            problems.push(format!("unexpected findings ({}):", found.len()));
            problems.extend(render(&text, &found).lines().map(|l| format!("  {l}")));
        }
        if !problems.is_empty() {
            problems.insert(
                0,
                format!(
                    "{cells} problem(s) with cells, {} unexpected finding(s)",
                    found.len()
                ),
            );
        }
        results.push((name, problems));
    }
    if let Some(report) = layout_report(&results) {
        panic!("{report}");
    }
}

/// Rows whose cells lost every separator (tests/corpus/layouts/flat): a run of digits is read
/// only where its split is unique. Every cell is read as in the clean tab draft or marked
/// unreadable — never another number — and the only errors or warnings are NB901, one per
/// table at most. Most rows split uniquely, so most cells are read.
#[test]
fn rows_that_lost_their_separators_are_read_or_marked_unreadable() {
    for (name, text) in corpus("layouts/flat") {
        let year = name.split('-').next().unwrap();
        let clean = clean_tab_draft(year);
        let problems: Vec<String> = cell_differences(&clean, &text)
            .into_iter()
            .filter(|p| !p.ends_with("got （数字连写，无法读出）"))
            .collect();
        assert!(problems.is_empty(), "{name}:\n  {}", problems.join("\n  "));
        let found: Vec<Diagnostic> = check(&text, &Config::default())
            .into_iter()
            .filter(|d| d.severity <= Severity::Warning)
            .collect();
        assert!(
            found.iter().all(|d| d.code() == "NB901") && found.len() <= 3,
            "{name}:\n{}",
            render(&text, &found)
        );
        let total = table_cells(&clean).len();
        let unreadable = table_cells(&text)
            .iter()
            .filter(|c| c.value == "（数字连写，无法读出）")
            .count();
        assert!(
            unreadable * 5 < total,
            "{name}: {unreadable} of {total} cells unreadable"
        );
    }
}

/// Every file of tests/corpus/layouts/planted (a planted draft of tests/corpus/planted whose
/// error is in a table, in every layout) gives the finding its name starts with, and no error
/// or warning the same draft in tab form does not give. When the finding is missing, the
/// cells that read differently from the tab form are listed too.
#[test]
fn planted_errors_survive_every_layout() {
    let tab_forms = corpus("planted");
    let mut results = Vec::new();
    for (name, text) in corpus("layouts/planted") {
        let code = &name[..5];
        let (_, tab) = tab_forms
            .iter()
            .find(|(n, _)| n.starts_with(code))
            .unwrap_or_else(|| panic!("{name}: no planted draft {code}-*"));
        let allowed = codes(&check(tab, &Config::default()));
        let found = check(&text, &Config::default());
        let mut problems = Vec::new();
        if !found.iter().any(|d| d.code() == code) {
            problems.push(format!("{code} not found"));
        }
        let unexpected: Vec<Diagnostic> = found
            .iter()
            .filter(|d| d.severity <= Severity::Warning && !allowed.contains(&d.code()))
            .cloned()
            .collect();
        if !unexpected.is_empty() {
            problems.push(format!("unexpected findings ({}):", unexpected.len()));
            problems.extend(render(&text, &unexpected).lines().map(|l| format!("  {l}")));
        }
        if !found.iter().any(|d| d.code() == code) {
            let cells = cell_differences(tab, &text);
            if !cells.is_empty() {
                problems.push(format!(
                    "cells that differ from planted/{code} in tab form ({}):",
                    cells.len()
                ));
                problems.extend(cells.into_iter().map(|l| format!("  {l}")));
            }
        }
        results.push((name, problems));
    }
    if let Some(report) = layout_report(&results) {
        panic!("{report}");
    }
}
