//! Trust on real text: every report in tests/corpus/wild is checked and each finding judged
//! against the expectations written by reading the report (tests/corpus/wild/README.md).
//! Prints precision and recall per layout (the README quotes this table) and fails when a
//! figure falls below its floor or when any arithmetic finding is false.
//!
//! `cargo test --test wild -- --nocapture` shows the table and every false finding and miss.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use nianbao::text::LineIndex;
use nianbao::{check, Config, Diagnostic, Severity};
use serde::Deserialize;

/// The goal of the accuracy work, measured on reports the reader was not tuned on.
const GOAL: f64 = 0.90;

/// What the corpus must not fall below today: raise these as the reader improves, never lower
/// them. Below the goal they say the work is not done; the README shows both.
const PRECISION_FLOOR: f64 = 0.95;
const RECALL_FLOOR: f64 = 0.90;

/// Rules that judge the whole report: not counted on an excerpt, which stops early.
const WHOLE_REPORT_RULES: &[&str] = &[
    "NB101", "NB102", "NB103", "NB104", "NB201", "NB203", "NB205", "NB207", "NB401", "NB405",
    "NB408",
];

/// The arithmetic rules: a false one is never acceptable.
const ARITHMETIC_RULES: &[&str] = &["NB301", "NB302", "NB303", "NB304"];

#[derive(Debug, Deserialize)]
struct Expectations {
    source: String,
    #[allow(dead_code)]
    agency: String,
    #[allow(dead_code)]
    year: i32,
    layout: String,
    #[serde(default)]
    excerpt: bool,
    count_until: Option<usize>,
    #[serde(default)]
    error: Vec<Expected>,
    #[serde(default)]
    absent: Vec<Absent>,
}

#[derive(Debug, Deserialize)]
struct Expected {
    rule: String,
    line: usize,
    line_end: Option<usize>,
    #[allow(dead_code)]
    why: String,
}

#[derive(Debug, Deserialize)]
struct Absent {
    rule: String,
    why: String,
}

#[derive(Default)]
struct Tally {
    reports: usize,
    counted: usize,
    true_findings: usize,
    expected: usize,
    found: usize,
    false_arithmetic: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.reports += other.reports;
        self.counted += other.counted;
        self.true_findings += other.true_findings;
        self.expected += other.expected;
        self.found += other.found;
        self.false_arithmetic += other.false_arithmetic;
    }

    fn precision(&self) -> f64 {
        ratio(self.true_findings, self.counted)
    }

    fn recall(&self) -> f64 {
        ratio(self.found, self.expected)
    }
}

/// A ratio that is perfect when there was nothing to get wrong.
fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

fn reports() -> Vec<(String, String, Expectations)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/wild");
    let mut texts: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    texts
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&path).unwrap();
            let toml_path = path.with_extension("toml");
            let raw = fs::read_to_string(&toml_path)
                .unwrap_or_else(|e| panic!("{}: {e}", toml_path.display()));
            let expectations: Expectations =
                toml::from_str(&raw).unwrap_or_else(|e| panic!("{}: {e}", toml_path.display()));
            assert!(
                !expectations.source.trim().is_empty(),
                "{name}: every report records its source"
            );
            (name, text, expectations)
        })
        .collect()
}

/// Whether a finding is counted for this report at all.
fn counted(d: &Diagnostic, line: usize, e: &Expectations) -> bool {
    if !matches!(d.severity, Severity::Error | Severity::Warning) {
        return false;
    }
    if e.excerpt && WHOLE_REPORT_RULES.contains(&d.code()) {
        return false;
    }
    e.count_until.is_none_or(|until| line < until)
}

fn judge(name: &str, text: &str, e: &Expectations, log: &mut String) -> Tally {
    let lines = LineIndex::new(text);
    let found = check(text, &Config::default());
    let mut tally = Tally {
        reports: 1,
        expected: e.error.len(),
        ..Tally::default()
    };
    let mut matched = vec![false; e.error.len()];
    for d in &found {
        let line = lines.line_of(d.span.start) + 1;
        if !counted(d, line, e) {
            continue;
        }
        tally.counted += 1;
        // Two findings of one rule on one line match two entries: an entry not yet matched first.
        let fits = |x: &Expected| {
            x.rule == d.code() && (x.line..=x.line_end.unwrap_or(x.line)).contains(&line)
        };
        let hit = (0..e.error.len())
            .find(|&k| !matched[k] && fits(&e.error[k]))
            .or_else(|| e.error.iter().position(fits));
        match hit {
            Some(k) => {
                tally.true_findings += 1;
                matched[k] = true;
            }
            None => {
                if ARITHMETIC_RULES.contains(&d.code()) {
                    tally.false_arithmetic += 1;
                }
                let why = e
                    .absent
                    .iter()
                    .find(|a| a.rule == d.code())
                    .map_or(String::new(), |a| format!(" (expected absent: {})", a.why));
                log.push_str(&format!(
                    "  false  {name}:{line} {} {}{why}\n",
                    d.code(),
                    d.message.zh
                ));
            }
        }
    }
    for (x, hit) in e.error.iter().zip(&matched) {
        if *hit {
            tally.found += 1;
        } else {
            log.push_str(&format!("  missed {name}:{} {}\n", x.line, x.rule));
        }
    }
    tally
}

#[test]
fn precision_and_recall_on_real_reports() {
    let mut by_layout: BTreeMap<String, Tally> = BTreeMap::new();
    let mut log = String::new();
    for (name, text, e) in reports() {
        let tally = judge(&name, &text, &e, &mut log);
        by_layout.entry(e.layout.clone()).or_default().add(&tally);
    }
    let mut all = Tally::default();
    let mut table = String::from(
        "| layout | reports | findings | true | precision | real errors | found | recall |\n|---|---|---|---|---|---|---|---|\n",
    );
    let row = |name: &str, t: &Tally| {
        format!(
            "| {name} | {} | {} | {} | {:.0} % | {} | {} | {:.0} % |\n",
            t.reports,
            t.counted,
            t.true_findings,
            t.precision() * 100.0,
            t.expected,
            t.found,
            t.recall() * 100.0
        )
    };
    for (layout, t) in &by_layout {
        table.push_str(&row(layout, t));
        all.add(t);
    }
    table.push_str(&row("**all**", &all));
    println!("{table}\n{log}");
    assert_eq!(
        all.false_arithmetic, 0,
        "false arithmetic findings on real reports:\n{log}"
    );
    assert!(
        all.precision() >= PRECISION_FLOOR,
        "precision {:.2} below its floor {PRECISION_FLOOR} (goal {GOAL}):\n{table}\n{log}",
        all.precision()
    );
    assert!(
        all.recall() >= RECALL_FLOOR,
        "recall {:.2} below its floor {RECALL_FLOOR} (goal {GOAL}):\n{table}\n{log}",
        all.recall()
    );
}
