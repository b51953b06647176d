//! Whether a text is a report at all: the test that decides, for a document an editor opens
//! and for a file found by walking a directory, whether its findings mean anything. A note,
//! a README or minutes would otherwise be told it lacks six sections.

use crate::parse::{Report, TitleMatch};
use crate::text::{Fold, Folded};

/// How many lines from the top may hold the title.
const TITLE_LINES: usize = 15;

/// A title is a short line: a sentence that mentions the report (a README's first line,
/// a preamble) is not one.
const TITLE_CHARS: usize = 60;

/// A report's title has no Latin words; `XX局` in a template has a few letters.
const TITLE_LETTERS: usize = 4;

/// Words with which a report's preamble publishes it (`现公布本机关2023年度政府信息公开工作
/// 年度报告`): a sentence that names the report with one of them is the report's own.
const PUBLISHING: [&str; 4] = ["现公布", "现予公布", "现将", "特此公布"];

/// A 政府信息公开…年度报告 title near the top (on one line, or over two) or a preamble
/// publishing it, or two or more official section headings.
pub fn looks_like_report(text: &str, report: &Report) -> bool {
    let head: Vec<&str> = text
        .lines()
        .map(|l| {
            l.trim()
                .trim_matches(|c: char| c == '#' || c == '*' || c.is_whitespace())
        })
        .filter(|l| !l.is_empty())
        .take(TITLE_LINES)
        .collect();
    let title_shaped = |line: &str| {
        line.chars().count() <= TITLE_CHARS
            && !line.contains('。')
            && line.chars().filter(char::is_ascii_alphabetic).count() <= TITLE_LETTERS
    };
    let is_title = |line: &str| {
        let key = Folded::of(line, Fold::Key).text;
        key.contains("政府信息公开") && (key.contains("年度报告") || key.contains("年报"))
    };
    let preamble = |line: &str| {
        line.chars().filter(char::is_ascii_alphabetic).count() <= TITLE_LETTERS
            && PUBLISHING.iter().any(|w| line.contains(w))
            && is_title(line)
    };
    let titled = head.iter().enumerate().any(|(i, line)| {
        preamble(line)
            || title_shaped(line)
                && (is_title(line)
                    || head.get(i + 1).is_some_and(|next| {
                        title_shaped(next) && is_title(&format!("{line}{next}"))
                    }))
    });
    if titled {
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

    fn report_like(text: &str) -> bool {
        looks_like_report(text, &crate::parse::read(text, None))
    }

    #[test]
    fn reports_by_title_or_headings_and_nothing_else() {
        assert!(report_like("某局2023年政府信息公开工作年度报告\n\n正文"));
        assert!(report_like(
            "# 草稿\n\n## 一、总体情况\n\n## 二、主动公开政府信息情况\n"
        ));
        assert!(report_like("某局2024年度\n政府信息公開工作年度報告\n"));
        assert!(report_like(
            "某市人民政府办公室2023年政府信息公开\n工作年度报告\n"
        ));
        assert!(report_like("**XX局2024年政府信息公开工作年度报告**\n"));
        assert!(report_like(
            "根据《条例》要求，现公布某街道2019年政府信息公开工作年度报告。统计期限自2019年1月1日起。\n"
        ));
        assert!(!report_like("会议纪要\n\n一、总体情况\n"));
        // A README that mentions the reports is not one.
        assert!(!report_like(
            "# nianbao\n\nA checker for drafts of **政府信息公开工作年度报告** (the annual reports)\n"
        ));
        assert!(!report_like(
            "**政府信息公开工作年度报告**草稿检查工具。它内置两种全国统一格式。\n"
        ));
    }
}
