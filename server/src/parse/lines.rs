//! Logical lines: the text's own lines, with breaks added inside long lines whose breaks were
//! lost (a web page copied as one line, headings inline after the previous sentence). A long
//! line is cut after each sentence, around each section heading, before each 表二 block title,
//! and after each run of values (where a table row ends and the next label starts). Offsets
//! stay those of the source: only where lines end changes, so every later stage reads a
//! one-line report as it reads a well-broken one.

use std::sync::LazyLock;

use regex::Regex;

use crate::parse::cells::is_value_token;
use crate::parse::labels::starts_a_table_label;
use crate::spec::{self, SECTIONS};
use crate::text::Span;
use crate::text::{key, Fold, Folded, LineIndex};

/// A line longer than this (in characters) with no cell separators has lost its breaks.
const LONG_LINE_CHARS: usize = 200;

/// `二、` at the start of a heading: a numeral of the six sections and its punctuation.
static HEADING_NUMERAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[一二三四五六]\s*[、.．,，]\s*").unwrap());

/// The folded keys of every section title and its long form.
static TITLE_KEYS: LazyLock<Vec<String>> = LazyLock::new(|| {
    SECTIONS
        .iter()
        .flat_map(|s| std::iter::once(s.title).chain(s.long_title))
        .map(key)
        .collect()
});

/// The lines of `text`, with breaks added inside lines that lost theirs.
pub fn logical_lines(text: &str) -> LineIndex {
    let physical = LineIndex::new(text);
    let mut breaks = Vec::new();
    for line in 0..physical.line_count() {
        let span = physical.line_span(text, line);
        let raw = &text[span.start..span.end];
        if raw.contains(['\t', '|', '｜']) || raw.chars().count() <= LONG_LINE_CHARS {
            continue;
        }
        breaks_in(text, span, &mut breaks);
    }
    breaks.sort_unstable();
    breaks.dedup();
    LineIndex::with_breaks(text, &breaks)
}

fn breaks_in(text: &str, line: Span, out: &mut Vec<usize>) {
    let raw = &text[line.start..line.end];
    let next_visible = |from: usize| {
        raw[from..]
            .char_indices()
            .find(|(_, c)| !c.is_whitespace())
            .map(|(i, _)| from + i)
    };
    let mut push = |at: usize| {
        if at > 0 && at < raw.len() {
            out.push(line.start + at);
        }
    };
    // After each sentence.
    for (i, c) in raw.char_indices() {
        if matches!(c, '。' | '；' | '！' | '？') {
            if let Some(at) = next_visible(i + c.len_utf8()) {
                push(at);
            }
        }
    }
    // Around each section heading whose title is an official one.
    for m in HEADING_NUMERAL.find_iter(raw) {
        if let Some(end) = title_end(raw, m.end()) {
            push(m.start());
            if let Some(at) = next_visible(end) {
                push(at);
            }
        }
    }
    // Before each 表二 block title.
    for (i, _) in raw.match_indices(spec::BLOCK_ARTICLE) {
        push(i);
    }
    // After each run of values, where the next row's label starts.
    let tokens: Vec<(usize, &str)> = raw
        .split_whitespace()
        .map(|t| (t.as_ptr() as usize - raw.as_ptr() as usize, t))
        .collect();
    for pair in tokens.windows(2) {
        let ((_, value), (at, next)) = (pair[0], pair[1]);
        if is_value_token(value) && !is_value_token(next) && starts_a_table_label(next) {
            push(at);
        }
    }
}

/// The end of an official section title starting at `from`, compared as folded keys (so
/// width, spaces and Traditional forms do not matter); the longest title that matches wins.
fn title_end(raw: &str, from: usize) -> Option<usize> {
    // Folded once, as far as the longest title could reach.
    let longest = TITLE_KEYS
        .iter()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(0);
    let reach = raw[from..]
        .char_indices()
        .nth(longest * 2)
        .map_or(raw.len(), |(i, _)| from + i);
    let folded = Folded::new(raw, Span::new(from, reach), Fold::Key);
    TITLE_KEYS
        .iter()
        .filter(|k| folded.text.starts_with(k.as_str()))
        .map(|k| folded.source_span(0, k.len()).end)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        let index = logical_lines(text);
        (0..index.line_count())
            .map(|l| {
                let s = index.line_span(text, l);
                text[s.start..s.end].trim()
            })
            .filter(|l| !l.is_empty())
            .collect()
    }

    #[test]
    fn a_report_on_one_line_gets_its_lines_back() {
        let prose = "本机关认真贯彻落实条例，推进政务公开工作".repeat(6);
        let text = format!(
            "一、总体情况 {prose}。二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章 0 0 0 行政规范性文件 1 0 3 三、收到和处理政府信息公开申请情况 共收到申请 5 件，均已答复。"
        );
        assert_eq!(
            lines(&text),
            [
                "一、总体情况",
                format!("{prose}。").as_str(),
                "二、主动公开政府信息情况",
                "第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章 0 0 0",
                "行政规范性文件 1 0 3",
                "三、收到和处理政府信息公开申请情况",
                "共收到申请 5 件，均已答复。",
            ]
        );
        // Numbers in a sentence stay in it.
        let text = format!("{prose}。 2023 年，共收到申请 5 件，答复 5 件。{prose}");
        assert_eq!(lines(&text).len(), 3, "{:?}", lines(&text));
    }

    #[test]
    fn short_lines_and_table_rows_are_left_alone() {
        let text = "一、总体情况\n规章\t0\t0\t0\n";
        assert_eq!(lines(text), ["一、总体情况", "规章\t0\t0\t0"]);
        let long_row = format!("{}\t0", "规章".repeat(150));
        assert_eq!(logical_lines(&long_row).line_count(), 1);
    }
}
