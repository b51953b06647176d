//! The documentation cannot drift from the catalogue: the rule tables of README.md and
//! README.zh-CN.md list every rule, in order, with its code, name, default severity and title
//! exactly as `nianbao rules` prints them.

use std::fs;
use std::path::Path;

use nianbao::{Locale, Rule};

/// The rows of the Markdown table in `readme` whose first cell is a rule code.
fn rule_rows(readme: &str) -> Vec<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(readme);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| l.starts_with("| NB"))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().trim_matches('`').to_string())
                .collect()
        })
        .collect()
}

fn expected(locale: Locale) -> Vec<Vec<String>> {
    Rule::ALL
        .iter()
        .map(|r| {
            vec![
                r.code().to_string(),
                r.name().to_string(),
                r.default_severity().as_str().to_string(),
                r.title(locale).to_string(),
            ]
        })
        .collect()
}

#[test]
fn the_readme_rule_tables_match_the_catalogue() {
    for (readme, locale) in [("README.md", Locale::En), ("README.zh-CN.md", Locale::Zh)] {
        let rows = rule_rows(readme);
        let want = expected(locale);
        for (row, want) in rows.iter().zip(&want) {
            assert_eq!(
                row, want,
                "{readme}: the row of {} differs from the catalogue",
                want[0]
            );
        }
        assert_eq!(
            rows.len(),
            want.len(),
            "{readme}: {} rule rows, the catalogue has {} rules",
            rows.len(),
            want.len()
        );
    }
}
