//! The rule pages `docs/rules/NBxxx.md` and their index, generated from the catalogue: each
//! page is what `nianbao explain` prints, in Chinese and in English, so the page an editor or a
//! SARIF viewer opens (`Rule::help_url`) says exactly what the command line says.
//! `server/tests/rule_pages.rs` fails when the files differ from these, and rewrites them with
//! `UPDATE_DOCS=1`.

use crate::diag::Locale;
use crate::rules::Rule;

use super::explain::write_explanation;

/// The command that rewrites the pages, named in each page and in the test's failure.
pub const REGENERATE: &str = "UPDATE_DOCS=1 cargo test --test rule_pages";

/// `NB101.md`: the file name of a rule's page in `docs/rules/`.
pub fn page_name(rule: Rule) -> String {
    format!("{}.md", rule.code())
}

/// A rule's page: its code and name, then the explanation in Chinese and in English.
pub fn rule_page(rule: Rule) -> String {
    let mut page = format!(
        "<!-- Generated from server/src/catalog.rs; do not edit. Regenerate: {REGENERATE} -->\n\n\
         # {} `{}`\n\n[中文](#中文) · [English](#english)\n",
        rule.code(),
        rule.name()
    );
    for (heading, locale) in [("中文", Locale::Zh), ("English", Locale::En)] {
        page.push_str(&format!("\n## {heading}\n\n"));
        page.push_str(&explanation_as_markdown(rule, locale));
    }
    page
}

/// `nianbao explain`'s text with its first line (code and name) left to the page's heading,
/// the title in bold and each line a paragraph: Markdown would join lines otherwise.
fn explanation_as_markdown(rule: Rule, locale: Locale) -> String {
    let mut text = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_explanation(&mut text, rule, locale);
    let text = String::from_utf8_lossy(&text);
    let mut lines = text.lines().skip(1).filter(|l| !l.trim().is_empty());
    let mut out = String::new();
    if let Some(title) = lines.next() {
        out.push_str(&format!("**{title}**\n"));
    }
    for line in lines {
        out.push('\n');
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `docs/rules/README.md`: every rule, linked to its page.
pub fn index() -> String {
    let mut out = format!(
        "<!-- Generated from server/src/catalog.rs; do not edit. Regenerate: {REGENERATE} -->\n\n\
         # Rules / 规则\n\n\
         One page per rule: what `nianbao explain CODE` prints, in Chinese and in English. \
         每条规则一页，内容与 `nianbao explain` 的输出相同（中文和英文）。\n\n\
         | code | name | default | 标题 | title |\n|---|---|---|---|---|\n"
    );
    for &rule in Rule::ALL {
        out.push_str(&format!(
            "| [{code}]({page}) | `{name}` | {severity} | {zh} | {en} |\n",
            code = rule.code(),
            page = page_name(rule),
            name = rule.name(),
            severity = rule.default_severity().as_str(),
            zh = rule.title(Locale::Zh),
            en = rule.title(Locale::En),
        ));
    }
    out
}

/// Every generated file of `docs/rules/`: (file name, contents).
pub fn rule_pages() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = Rule::ALL
        .iter()
        .map(|&rule| (page_name(rule), rule_page(rule)))
        .collect();
    files.push(("README.md".to_string(), index()));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_holds_the_explanation_in_both_languages() {
        let page = rule_page(Rule::SectionMissing);
        assert!(page.contains("\n# NB101 `section-missing`\n"), "{page}");
        for locale in [Locale::Zh, Locale::En] {
            assert!(page.contains(&format!("**{}**", Rule::SectionMissing.title(locale))));
            // Each line of the document is its own paragraph.
            for line in Rule::SectionMissing.doc(locale).lines() {
                assert!(page.contains(&format!("\n\n{line}\n")), "{line}");
            }
        }
        assert!(page.contains("默认级别：error"));
        assert!(page.contains("Default severity: error"));
    }
}
