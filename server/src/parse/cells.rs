//! Splits the lines of a table region into cells, whatever the layout: tab-separated rows,
//! Markdown/pipe rows, one cell per line (with or without a trailing `|`), one cell per
//! paragraph, numbers separated by spaces.

use std::sync::LazyLock;

use regex::Regex;

use crate::parse::labels::starts_a_table_label;
use crate::parse::model::{CellValue, Number, Spanned};
use crate::text::Span;
use crate::text::{fold_char, LineIndex};

/// A cell in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct RawCell {
    /// The trimmed text's span; for an empty cell, an empty span inside it.
    pub span: Span,
    /// Zero-based line.
    pub line: usize,
    pub kind: CellKind,
    /// The rest of a label wrapped onto later lines (`本年新` / `制作数量`), joined by the
    /// table reader; empty for a cell on one line.
    pub wrapped: Vec<Span>,
}

impl RawCell {
    pub fn new(span: Span, line: usize, kind: CellKind) -> RawCell {
        RawCell {
            span,
            line,
            kind,
            wrapped: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Empty,
    /// Starts like a number (or is a not-applicable mark): belongs to a row's values.
    Value,
    /// Anything else: a label, a header, a note.
    Text,
}

/// Longest line (in characters) that can still be a cell when it has no separators.
const MAX_BARE_CELL_CHARS: usize = 60;

static MARKDOWN_RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$").unwrap());
static PAGE_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-—－–]\s*[0-9０-９]+\s*[-—－–]|第\s*[0-9０-９]+\s*页(?:\s*[,，/]?\s*共\s*[0-9０-９]+\s*页)?)$")
        .unwrap()
});

/// The cells of `region`, in reading order.
pub fn split(text: &str, lines: &LineIndex, region: Span) -> Vec<RawCell> {
    let mut cells = Vec::new();
    if region.is_empty() {
        return cells;
    }
    let first = lines.line_of(region.start);
    let last = lines.line_of(region.end.saturating_sub(1).max(region.start));
    let spans: Vec<(usize, Span)> = (first..=last)
        .filter_map(|line| {
            let span = lines.line_span(text, line);
            let (start, end) = (span.start.max(region.start), span.end.min(region.end));
            (start < end).then(|| (line, Span::new(start, end)))
        })
        .collect();
    // Some pages put each cell on a line of its own and each cell border on another (`|`):
    // when no line has a bar beside its text, a line of bars alone separates cells rather
    // than holding an empty one.
    let bars_only = |s: &Span| {
        let t = text[s.start..s.end].trim();
        !t.is_empty() && t.chars().all(is_bar)
    };
    let bars_separate = !spans.iter().any(|(_, s)| {
        let raw = &text[s.start..s.end];
        raw.contains(is_bar) && !bars_only(s)
    });
    for (line, span) in spans {
        if bars_separate && bars_only(&span) {
            continue;
        }
        split_line(text, span, line, &mut cells);
    }
    cells
}

fn is_bar(c: char) -> bool {
    c == '|' || c == '｜'
}

fn split_line(text: &str, span: Span, line: usize, out: &mut Vec<RawCell>) {
    let raw = &text[span.start..span.end];
    let trimmed = raw.trim();
    if trimmed.is_empty() && !raw.contains('\t') {
        return;
    }
    if MARKDOWN_RULE.is_match(trimmed) {
        return;
    }
    if raw.contains('|') || raw.contains('｜') {
        // Drop one leading and one trailing pipe: `| a | b |` has two cells, not four.
        let lead = raw.len() - raw.trim_start().len();
        let mut start = span.start + lead;
        let mut end = span.start + raw.trim_end().len();
        for bar in ['|', '｜'] {
            if text[start..end].starts_with(bar) {
                start += bar.len_utf8();
                break;
            }
        }
        for bar in ['|', '｜'] {
            if end > start && text[start..end].ends_with(bar) {
                end -= bar.len_utf8();
                break;
            }
        }
        let mut piece_start = start;
        for (i, c) in text[start..end].char_indices() {
            if c == '|' || c == '｜' {
                push_piece(text, Span::new(piece_start, start + i), line, out);
                piece_start = start + i + c.len_utf8();
            }
        }
        push_piece(text, Span::new(piece_start, end), line, out);
    } else if raw.contains('\t') {
        let body = raw.trim_start_matches([' ', '\t', '\u{3000}']);
        if !body.is_empty() && !body.contains('\t') {
            // A single leading tab is indentation: one cell per paragraph.
            let start = span.end - body.len();
            push_piece(text, Span::new(start, span.end), line, out);
            return;
        }
        let mut piece_start = span.start;
        for (i, _) in raw.match_indices('\t') {
            push_piece(text, Span::new(piece_start, span.start + i), line, out);
            piece_start = span.start + i + 1;
        }
        push_piece(text, Span::new(piece_start, span.end), line, out);
    } else {
        // A sentence, or a long line of words, is prose unless it is a row: a label (of any
        // length: local labels carry long explanations) followed by values separated by spaces.
        // A long run with no space and no sentence end is a row whose cells lost their
        // separators (`三、本年度办理结果（一）予以公开5100107`): the table reader takes it apart.
        // A long line of values and words each starting like a table label is a header row
        // (`结果维持 结果纠正 … 总计` repeated) or rows run together, not prose.
        let long = trimmed.chars().count() > MAX_BARE_CELL_CHARS;
        let label_words = trimmed
            .split_whitespace()
            .all(|w| is_value_token(w) || starts_a_table_label(w));
        let prose = trimmed.contains('。')
            || (long && trimmed.contains(char::is_whitespace) && !label_words);
        if prose && !is_label_with_values(trimmed) {
            return;
        }
        push_piece(text, span, line, out);
    }
}

/// Adds one separated piece, trimmed; numbers separated by spaces become cells of their own.
fn push_piece(text: &str, piece: Span, line: usize, out: &mut Vec<RawCell>) {
    let raw = &text[piece.start..piece.end];
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        // The insertion point sits after any leading space so a filled cell keeps its padding.
        let at = piece.start + lead.min(raw.len()).min(1);
        let at = if text.is_char_boundary(at) {
            at
        } else {
            piece.start
        };
        out.push(RawCell::new(Span::empty(at), line, CellKind::Empty));
        return;
    }
    // A page footer holds a page number: a piece without a digit is none.
    let has_digit = trimmed
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if has_digit && PAGE_FOOTER.is_match(trimmed) {
        return;
    }
    let start = piece.start + lead;
    let tokens: Vec<(usize, &str)> = trimmed
        .split_whitespace()
        .map(|t| (t.as_ptr() as usize - trimmed.as_ptr() as usize, t))
        .collect();
    if let Some(rows) = rows_on_one_line(&tokens) {
        for (words, values) in rows {
            if let (Some(&(first_at, _)), Some(&(last_at, last))) = (words.first(), words.last()) {
                out.push(classified(
                    text,
                    Span::new(start + first_at, start + last_at + last.len()),
                    line,
                ));
            }
            for &(at, token) in values {
                out.push(classified(
                    text,
                    Span::new(start + at, start + at + token.len()),
                    line,
                ));
            }
        }
        return;
    }
    let trailing_numbers = tokens
        .iter()
        .rev()
        .take_while(|(_, t)| is_value_token(t))
        .count();
    let label_then_numbers =
        trailing_numbers >= 1 && trailing_numbers < tokens.len() && starts_like_label(tokens[0].1);
    if (tokens.len() >= 2 && trailing_numbers >= 2) || label_then_numbers {
        let label_tokens = tokens.len() - trailing_numbers;
        if label_tokens > 0 {
            let (last_at, last) = tokens[label_tokens - 1];
            out.push(classified(
                text,
                Span::new(start, start + last_at + last.len()),
                line,
            ));
        }
        for &(at, token) in &tokens[label_tokens..] {
            out.push(classified(
                text,
                Span::new(start + at, start + at + token.len()),
                line,
            ));
        }
        return;
    }
    out.push(classified(
        text,
        Span::new(start, start + trimmed.len()),
        line,
    ));
}

/// A whitespace-separated word of a line and its byte offset in the line.
type Token<'t> = (usize, &'t str);

/// Words and values of several rows run onto one line (`规章 0 0 0 行政规范性文件 3 1 12`):
/// each run of words with the values after it, when every run after the first starts like a
/// table label and every run but the last has values. `None` for one row (or a sentence).
fn rows_on_one_line<'t>(
    tokens: &'t [Token<'t>],
) -> Option<Vec<(&'t [Token<'t>], &'t [Token<'t>])>> {
    let mut rows = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        let words = tokens[k..]
            .iter()
            .take_while(|(_, t)| !is_value_token(t))
            .count();
        let values = tokens[k + words..]
            .iter()
            .take_while(|(_, t)| is_value_token(t))
            .count();
        rows.push((
            &tokens[k..k + words],
            &tokens[k + words..k + words + values],
        ));
        k += words + values;
    }
    let later_rows_start_labels = rows[1..]
        .iter()
        .all(|(words, _)| words.first().is_some_and(|(_, w)| starts_a_table_label(w)));
    let values_between = rows[..rows.len().saturating_sub(1)]
        .iter()
        .all(|(_, values)| !values.is_empty());
    (rows.len() >= 2 && later_rows_start_labels && values_between).then_some(rows)
}

/// Longest label (in characters) taken before a row's values on a long line.
const MAX_LABEL_CHARS: usize = 160;

/// `行政规范性文件（指本机关依法制定……的公文） 2 0 9`: text without a sentence end, then at least
/// one value, each separated by spaces.
fn is_label_with_values(line: &str) -> bool {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let values = tokens
        .iter()
        .rev()
        .take_while(|t| is_value_token(t))
        .count();
    if values == 0 || values == tokens.len() {
        return false;
    }
    let label = tokens[..tokens.len() - values].concat();
    !label.contains('。') && label.chars().count() <= MAX_LABEL_CHARS && starts_like_label(&label)
}

/// A token that fills a cell: a plain number or a not-applicable mark (`/`, `—`).
pub fn is_value_token(token: &str) -> bool {
    is_plain_number(token) || is_not_applicable_mark(token)
}

/// A label that numbers itself (`一、…`, `（一）…`, `1.…`) followed by numbers on the same line.
fn starts_like_label(token: &str) -> bool {
    token
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn is_plain_number(token: &str) -> bool {
    // Most tokens are plain digits, or plainly not numbers (no digit at all).
    if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    if !token
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return false;
    }
    let folded: String = token.chars().map(fold_char).collect();
    NUMBER_ONLY.is_match(&folded)
}

fn classified(text: &str, span: Span, line: usize) -> RawCell {
    let kind = match parse_value(text, span) {
        Some(CellValue::Blank) => CellKind::Empty,
        Some(_) => CellKind::Value,
        None => CellKind::Text,
    };
    RawCell::new(span, line, kind)
}

static NUMBER_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[+\-−]?[0-9０-９][0-9０-９,]*(?:\.[0-9０-９]+)?$").unwrap());
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([+\-−]?)\s*([0-9０-９][0-9０-９,]*)(?:\.([0-9０-９]+))?\s*(万元|亿元|元|件|个|项|条|次|人|份)?$")
        .unwrap()
});
static NOT_APPLICABLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[/\\／—–\-－×xX*＊]+|无|空|N/?A|n/?a)$").unwrap());

/// A mark some reports write for "not applicable" (`/`, `—`, `无`): the format has none.
pub fn is_not_applicable_mark(text: &str) -> bool {
    let folded: String = text.chars().map(fold_char).collect();
    NOT_APPLICABLE.is_match(folded.trim())
}

/// Reads a cell as a value: `Blank` when empty, a `Number`, or `NotNumber` for a
/// not-applicable mark or text that starts with a digit. `None`: the cell is text (a label).
pub fn parse_value(text: &str, span: Span) -> Option<CellValue> {
    let raw = &text[span.start..span.end];
    let trimmed_raw = raw.trim();
    if trimmed_raw.is_empty() {
        return Some(CellValue::Blank);
    }
    // Most cells are a plain count (`0`, `12`): read without folding or a pattern.
    if trimmed_raw.len() <= 18 && trimmed_raw.bytes().all(|b| b.is_ascii_digit()) {
        let start = span.start + (raw.len() - raw.trim_start().len());
        return Some(CellValue::Number(Number {
            integer: trimmed_raw.parse().ok(),
            negative: false,
            decimals: 0,
            unit: None,
            digits: Span::new(start, start + trimmed_raw.len()),
        }));
    }
    // Fold width so full-width digits and points read as numbers; fold_char keeps one char per
    // char, so byte offsets are recovered by walking both strings together.
    let folded: String = raw.chars().map(fold_char).collect();
    if let Some(m) = NUMBER.captures(folded.trim()) {
        let lead = folded.len() - folded.trim_start().len();
        let to_source = |at: usize| source_offset(raw, &folded, lead + at) + span.start;
        let sign = m.get(1).map_or("", |g| g.as_str());
        let digits: String = m[2].chars().filter(|c| c.is_ascii_digit()).collect();
        let decimals = m.get(3).map_or(0, |g| g.as_str().len());
        let integer = if decimals == 0 || m[3].chars().all(|c| c == '0') {
            digits.parse::<i64>().ok().map(|v| {
                if sign.is_empty() || sign == "+" {
                    v
                } else {
                    -v
                }
            })
        } else {
            None
        };
        let number_end = m.get(3).map_or(m.get(2).unwrap().end(), |g| g.end());
        let unit = m.get(4).map(|u| Spanned {
            value: u.as_str().to_string(),
            span: Span::new(to_source(u.start()), to_source(u.end())),
        });
        return Some(CellValue::Number(Number {
            integer,
            negative: !sign.is_empty() && sign != "+",
            decimals,
            unit,
            digits: Span::new(to_source(0), to_source(number_end)),
        }));
    }
    let trimmed = folded.trim();
    // `1.属于国家秘密` starts with a digit but is a label: only digit-led text without Chinese
    // characters is a malformed number.
    let looks_numeric = trimmed.starts_with(|c: char| c.is_ascii_digit())
        && !trimmed
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    if NOT_APPLICABLE.is_match(trimmed) || looks_numeric {
        return Some(CellValue::NotNumber);
    }
    None
}

/// The byte offset in `raw` of the character at byte `at` of `folded` (same characters count).
fn source_offset(raw: &str, folded: &str, at: usize) -> usize {
    let nth = folded[..at.min(folded.len())].chars().count();
    raw.char_indices().nth(nth).map_or(raw.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(String, CellKind)> {
        let lines = LineIndex::new(text);
        split(text, &lines, Span::new(0, text.len()))
            .into_iter()
            .map(|c| (text[c.span.start..c.span.end].to_string(), c.kind))
            .collect()
    }

    #[test]
    fn bars_on_lines_of_their_own_separate_cells() {
        let shown: Vec<String> = texts("规章\n|\n0\n|\n3\n|")
            .into_iter()
            .map(|c| c.0)
            .collect();
        assert_eq!(shown, ["规章", "0", "3"]);
        // Beside cells written with their bar, a bar alone is an empty cell.
        let shown: Vec<String> = texts("规章 |\n0 |\n|\n3 |")
            .into_iter()
            .map(|c| c.0)
            .collect();
        assert_eq!(shown, ["规章", "0", "", "3"]);
    }

    #[test]
    fn tab_rows_keep_empty_cells() {
        let cells = texts("\t(一) 予以公开\t\t0\t");
        let shown: Vec<&str> = cells.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(shown, ["", "(一) 予以公开", "", "0", ""]);
    }

    #[test]
    fn pipe_rows_drop_outer_bars() {
        let shown: Vec<String> = texts("| 规章 | 0 | 1 |\n|---|---|---|\n0 | ||")
            .into_iter()
            .map(|c| c.0)
            .collect();
        assert_eq!(shown, ["规章", "0", "1", "0", "", ""]);
    }

    #[test]
    fn indented_paragraph_is_one_cell_and_prose_is_skipped() {
        let shown: Vec<String> =
            texts("\t第二十条第（一）项\n\n本年度，我局认真贯彻落实条例。\n\t       0")
                .into_iter()
                .map(|c| c.0)
                .collect();
        assert_eq!(shown, ["第二十条第（一）项", "0"]);
    }

    #[test]
    fn numbers_separated_by_spaces_split() {
        let cells = texts("一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3");
        assert_eq!(cells.len(), 8);
        assert_eq!(cells[0].1, CellKind::Text);
        assert_eq!(cells[7], ("3".to_string(), CellKind::Value));
        let cells = texts("结果 维持");
        assert_eq!(cells.len(), 1);
        // Not-applicable marks fill cells as numbers do: the row is still a row.
        let shown: Vec<String> = texts("规章 / / /").into_iter().map(|c| c.0).collect();
        assert_eq!(shown, ["规章", "/", "/", "/"]);
    }

    #[test]
    fn a_long_label_before_its_values_is_a_row_not_prose() {
        let line = format!(
            "行政规范性文件（{}） 2 0 9",
            "指本机关依法制定、在一定期限内反复适用的公文".repeat(3)
        );
        let cells = texts(&line);
        assert_eq!(cells.len(), 4, "{cells:?}");
        assert_eq!(cells[3], ("9".to_string(), CellKind::Value));
        // A sentence ending in a number is still prose.
        assert!(texts(&format!(
            "{}。 3",
            "本机关全年共收到申请的情况说明如下".repeat(4)
        ))
        .is_empty());
    }

    #[test]
    fn values_with_units_and_marks() {
        let v = |s: &str| parse_value(s, Span::new(0, s.len())).unwrap();
        match v("25380.84 万元") {
            CellValue::Number(n) => {
                assert_eq!(n.integer, None);
                assert_eq!(n.decimals, 2);
                assert_eq!(n.unit.unwrap().value, "万元");
            }
            other => panic!("{other:?}"),
        }
        let integer = |c: CellValue| match c {
            CellValue::Number(n) => n.integer,
            _ => None,
        };
        assert_eq!(integer(v("１２")), Some(12));
        assert!(matches!(
            v("-18"),
            CellValue::Number(Number {
                integer: Some(-18),
                negative: true,
                ..
            })
        ));
        assert_eq!(v("/"), CellValue::NotNumber);
        assert_eq!(v("3.5.1"), CellValue::NotNumber);
        assert_eq!(
            parse_value("1.属于国家秘密", Span::new(0, "1.属于国家秘密".len())),
            None
        );
        assert_eq!(v(" "), CellValue::Blank);
        assert_eq!(parse_value("规章", Span::new(0, 6)), None);
    }
}
