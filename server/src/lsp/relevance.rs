//! Which open documents nianbao checks: documents in the `nianbao` language, files matching
//! the configured globs, and plain-text or Markdown documents that look like a report. Every
//! other document gets no diagnostics at all.

use std::path::Path;

use crate::lsp::settings::Settings;
use crate::parse::{Report, TitleMatch};
use crate::text::{Fold, Folded};

pub const LANGUAGE_ID: &str = "nianbao";

/// Languages whose documents are checked when they look like a report.
const TEXT_LANGUAGES: [&str; 3] = ["plaintext", "markdown", "text"];

/// How many lines from the top may hold the title.
const TITLE_LINES: usize = 15;

/// Whether the document is checked whatever it holds: its language is `nianbao`, or its path
/// matches the configured globs.
pub fn is_selected(language_id: &str, path: Option<&Path>, settings: &Settings) -> bool {
    language_id == LANGUAGE_ID || path.is_some_and(|p| settings.matches_file(p))
}

/// Whether a plain-text or Markdown document is checked because it looks like a report.
pub fn is_guessed(language_id: &str, text: &str, report: &Report) -> bool {
    TEXT_LANGUAGES.contains(&language_id) && looks_like_report(text, report)
}

#[cfg(test)]
fn is_checked(
    language_id: &str,
    path: Option<&Path>,
    settings: &Settings,
    text: &str,
    report: &Report,
) -> bool {
    is_selected(language_id, path, settings) || is_guessed(language_id, text, report)
}

/// A 政府信息公开…年度报告 title near the top, or two or more official section headings.
pub fn looks_like_report(text: &str, report: &Report) -> bool {
    let head: String = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(TITLE_LINES)
        .collect::<Vec<_>>()
        .join("");
    let head = Folded::of(&head, Fold::Key).text;
    if head.contains("政府信息公开") && (head.contains("年度报告") || head.contains("年报"))
    {
        return true;
    }
    let mut official: Vec<u8> = report
        .sections
        .iter()
        .filter(|s| s.title_match != TitleMatch::Nonstandard)
        .map(|s| s.number)
        .collect();
    official.sort_unstable();
    official.dedup();
    official.len() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn checked(language: &str, text: &str) -> bool {
        is_checked(
            language,
            None,
            &Settings::default(),
            text,
            &parse::read(text, None),
        )
    }

    #[test]
    fn reports_are_recognised_by_title_or_headings() {
        assert!(checked(
            "plaintext",
            "某局2023年政府信息公开工作年度报告\n\n正文"
        ));
        assert!(checked(
            "markdown",
            "# 草稿\n\n## 一、总体情况\n\n## 二、主动公开政府信息情况\n"
        ));
        assert!(checked(
            "plaintext",
            "某局2024年度\n政府信息公開工作年度報告\n"
        ));
        assert!(!checked("plaintext", "会议纪要\n\n一、总体情况\n"));
        assert!(!checked("rust", "某局2023年政府信息公开工作年度报告"));
        assert!(checked(LANGUAGE_ID, "anything"));
    }

    #[test]
    fn globs_select_files_whatever_they_hold() {
        let (settings, _) = Settings::from_json(&serde_json::json!({"files": ["drafts/*.txt"]}));
        let report = parse::read("x", None);
        assert!(is_checked(
            "plaintext",
            Some(Path::new("drafts/a.txt")),
            &settings,
            "x",
            &report
        ));
        assert!(!is_checked(
            "plaintext",
            Some(Path::new("notes/a.txt")),
            &settings,
            "x",
            &report
        ));
    }
}
