//! Which open documents nianbao checks: documents in the `nianbao` language, files matching
//! the configured globs, and plain-text or Markdown documents that look like a report. Every
//! other document gets no diagnostics at all.

use std::path::Path;

use crate::lsp::settings::Settings;
use crate::parse::Report;

pub const LANGUAGE_ID: &str = "nianbao";

/// Languages whose documents are checked when they look like a report.
const TEXT_LANGUAGES: [&str; 3] = ["plaintext", "markdown", "text"];

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

/// The test lives with the reader, where the command line's directory walk uses it too.
pub use crate::parse::looks_like_report;

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
