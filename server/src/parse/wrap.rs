//! Labels wrapped over lines: a header or row label that a narrow column (in a word processor,
//! a PDF, a web page) broke in two — `本年新` / `制作数量` one cell per line, `| 商业 | 科研 |`
//! over `| 企业 | 机构 |` column by column, `商业 科研 社会公益` over `企业 机构 组织` word by word.
//! The pieces are joined into one cell only when together they spell an official label exactly
//! and neither is one alone: a wrapped label is read, never guessed.

use crate::parse::cells::{CellKind, RawCell};
use crate::parse::labels::{best_match, Candidate};
use crate::parse::model::MatchQuality;
use crate::text::key;
use crate::text::Span;

/// Longest run of lines one label is taken to be wrapped over.
const MAX_PIECES: usize = 3;

/// Joins the wrapped labels among `cells` (in reading order) against `labels`.
pub fn join_wrapped(text: &str, cells: Vec<RawCell>, labels: &[Candidate]) -> Vec<RawCell> {
    let joiner = Joiner { text, labels };
    let cells = joiner.by_words(cells);
    let cells = joiner.by_columns(cells);
    joiner.by_lines(cells)
}

struct Joiner<'a> {
    text: &'a str,
    labels: &'a [Candidate],
}

impl Joiner<'_> {
    fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// Whether the text is an official label as it stands.
    fn is_label(&self, s: &str) -> bool {
        best_match(s, self.labels).is_some_and(|m| m.quality == MatchQuality::Exact)
    }

    /// Whether the pieces, joined, spell an official label: exactly, or with a typo when every
    /// piece is at least two characters (a lone character is too easily someone else's).
    fn joins(&self, pieces: &[Span]) -> bool {
        self.join_quality(pieces).is_some()
    }

    fn join_quality(&self, pieces: &[Span]) -> Option<MatchQuality> {
        let joined: String = pieces.iter().map(|p| key(self.slice(*p))).collect();
        if self.labels.iter().any(|c| c.key == joined) {
            return Some(MatchQuality::Exact);
        }
        let long_enough = pieces
            .iter()
            .all(|p| key(self.slice(*p)).chars().count() >= 2);
        let typo =
            best_match(&joined, self.labels).is_some_and(|m| m.quality == MatchQuality::Typo);
        (long_enough && typo).then_some(MatchQuality::Typo)
    }

    /// Whether a piece could start or continue a wrapped label: text that is no label alone.
    fn is_fragment(&self, cell: &RawCell) -> bool {
        cell.kind == CellKind::Text
            && cell.wrapped.is_empty()
            && !self.is_label(self.slice(cell.span))
    }

    /// One cell per line: a text cell whose next one or two text cells, each on the next line,
    /// complete it. Values may sit between the pieces, on a piece's own line or on a line of
    /// their own (a PDF prints a row's numbers beside the middle of its wrapped label); they
    /// stay where they are, after the label.
    fn by_lines(&self, cells: Vec<RawCell>) -> Vec<RawCell> {
        let mut joined_away = vec![false; cells.len()];
        let mut out: Vec<RawCell> = cells.clone();
        for i in 0..cells.len() {
            if joined_away[i] || !self.is_fragment(&cells[i]) {
                continue;
            }
            // Every run of pieces that could continue this cell; an exact join wins, else the
            // longest run joining with a typo.
            let mut pieces = vec![i];
            let mut exact = None;
            let mut typo = None;
            while pieces.len() < MAX_PIECES {
                let Some(next) = self.next_piece(&cells, *pieces.last().unwrap()) else {
                    break;
                };
                pieces.push(next);
                let spans: Vec<Span> = pieces.iter().map(|&p| cells[p].span).collect();
                match self.join_quality(&spans) {
                    Some(MatchQuality::Exact) => {
                        exact = Some(pieces.clone());
                        break;
                    }
                    Some(_) => typo = Some(pieces.clone()),
                    None => {}
                }
            }
            if let Some(pieces) = exact.or(typo) {
                out[i].wrapped = pieces[1..].iter().map(|&p| cells[p].span).collect();
                for &p in &pieces[1..] {
                    joined_away[p] = true;
                }
            }
        }
        out.into_iter()
            .zip(joined_away)
            .filter(|(_, away)| !away)
            .map(|(c, _)| c)
            .collect()
    }

    /// The text cell that may continue the piece at `at`: on the next line, or on the line
    /// after a line of values alone; values on the piece's own line are passed over.
    fn next_piece(&self, cells: &[RawCell], at: usize) -> Option<usize> {
        let line = cells[at].line;
        let mut values_line: Option<usize> = None;
        for (j, cell) in cells.iter().enumerate().skip(at + 1) {
            match cell.kind {
                CellKind::Text => {
                    let expected = values_line.map_or(line + 1, |l| l + 1);
                    // One cell per paragraph (`总计` / blank / `商业` / blank / `企业`): where the
                    // piece itself follows a blank line, blank lines separate paragraphs, not
                    // cells. (In one cell per line, a blank line is an empty cell.)
                    let blank_between = |from: usize, to: usize| {
                        let gap = &self.text[from..to];
                        gap.trim().is_empty() && gap.matches('\n').count() == 2
                    };
                    let paragraphs =
                        at > 0 && blank_between(cells[at - 1].span.end, cells[at].span.start);
                    let over_blank_line = values_line.is_none()
                        && paragraphs
                        && cell.line == line + 2
                        && blank_between(cells[at].span.end, cell.span.start);
                    return ((cell.line == expected || over_blank_line) && self.is_fragment(cell))
                        .then_some(j);
                }
                _ if cell.line == line => {}
                _ if cell.line == line + 1 && values_line.is_none_or(|l| l == cell.line) => {
                    values_line = Some(cell.line);
                }
                _ => return None,
            }
        }
        None
    }

    /// Rows of several cells (pipes, tabs): a cell whose namesake in the next row's same
    /// column completes it; the completing cell leaves the next row.
    fn by_columns(&self, cells: Vec<RawCell>) -> Vec<RawCell> {
        let rows = rows_of(&cells);
        let mut joined_into: Vec<Option<usize>> = vec![None; cells.len()];
        for pair in rows.windows(2) {
            let (upper, lower) = (&pair[0], &pair[1]);
            if upper.len() < 2
                || lower.len() < 2
                || cells[lower[0]].line != cells[upper[0]].line + 1
            {
                continue;
            }
            for (&a, &b) in upper.iter().zip(lower.iter()) {
                if joined_into[a].is_none()
                    && self.is_fragment(&cells[a])
                    && self.is_fragment(&cells[b])
                    && self.joins(&[cells[a].span, cells[b].span])
                {
                    joined_into[b] = Some(a);
                }
            }
        }
        let mut out: Vec<RawCell> = cells.clone();
        for (b, a) in joined_into.iter().enumerate() {
            if let Some(a) = a {
                out[*a].wrapped.push(cells[b].span);
            }
        }
        out.into_iter()
            .enumerate()
            .filter(|(i, _)| joined_into[*i].is_none())
            .map(|(_, c)| c)
            .collect()
    }

    /// Header words joined by spaces on one line and wrapped word by word onto the next
    /// (`商业 科研 社会公益 法律服务 其他` over `企业 机构 组织 机构`): each word either is a label
    /// or takes the next unused word below; every word below must be used.
    fn by_words(&self, cells: Vec<RawCell>) -> Vec<RawCell> {
        let mut out: Vec<RawCell> = Vec::with_capacity(cells.len());
        let mut i = 0;
        while i < cells.len() {
            let (upper, lower) = (&cells[i], cells.get(i + 1));
            let joined = lower
                .filter(|lower| {
                    upper.kind == CellKind::Text
                        && lower.kind == CellKind::Text
                        && lower.line == upper.line + 1
                })
                .and_then(|lower| self.align_words(upper, lower));
            match joined {
                Some(words) => {
                    out.extend(words);
                    i += 2;
                }
                None => {
                    out.push(upper.clone());
                    i += 1;
                }
            }
        }
        out
    }

    fn align_words(&self, upper: &RawCell, lower: &RawCell) -> Option<Vec<RawCell>> {
        let above = words(self.text, upper.span);
        let below = words(self.text, lower.span);
        if above.len() < 2 || below.is_empty() {
            return None;
        }
        let mut next_below = 0;
        let mut out = Vec::with_capacity(above.len());
        for word in above {
            let mut cell = RawCell::new(word, upper.line, CellKind::Text);
            if !self.is_label(self.slice(word)) {
                let continuation = *below.get(next_below)?;
                if !self.joins(&[word, continuation]) {
                    return None;
                }
                cell.wrapped.push(continuation);
                next_below += 1;
            }
            out.push(cell);
        }
        (next_below == below.len()).then_some(out)
    }
}

/// The cells grouped by line, as index lists in reading order.
fn rows_of(cells: &[RawCell]) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for (i, c) in cells.iter().enumerate() {
        match rows.last_mut() {
            Some(row) if cells[row[0]].line == c.line => row.push(i),
            _ => rows.push(vec![i]),
        }
    }
    rows
}

/// The whitespace-separated words of a span, as spans.
fn words(text: &str, span: Span) -> Vec<Span> {
    let raw = &text[span.start..span.end];
    raw.split_whitespace()
        .map(|w| {
            let at = span.start + (w.as_ptr() as usize - raw.as_ptr() as usize);
            Span::new(at, at + w.len())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::cells::split;
    use crate::parse::labels::candidates;
    use crate::text::LineIndex;

    const LABELS: [&str; 5] = ["本年新制作数量", "商业企业", "科研机构", "其他", "信息内容"];

    fn joined(text: &str) -> Vec<String> {
        let cells = split(text, &LineIndex::new(text), Span::new(0, text.len()));
        join_wrapped(text, cells, &candidates(LABELS))
            .into_iter()
            .filter(|c| c.kind == CellKind::Text)
            .map(|c| {
                std::iter::once(c.span)
                    .chain(c.wrapped)
                    .map(|s| &text[s.start..s.end])
                    .collect::<Vec<_>>()
                    .join("+")
            })
            .collect()
    }

    #[test]
    fn one_cell_per_line() {
        assert_eq!(
            joined("信息内容\n本年新\n制作数量\n3"),
            ["信息内容", "本年新+制作数量"]
        );
        // A blank line between the pieces: they are two cells, not one wrapped.
        assert_eq!(joined("本年新\n\n制作数量"), ["本年新", "制作数量"]);
        assert_eq!(
            joined("信息内容\n本年新\n\n制作数量"),
            ["信息内容", "本年新", "制作数量"]
        );
        // Unless every cell is a paragraph of its own: then blank lines separate cells.
        assert_eq!(
            joined("信息内容\n\n本年新\n\n制作数量\n\n3"),
            ["信息内容", "本年新+制作数量"]
        );
    }

    #[test]
    fn values_between_the_pieces_stay_after_the_label() {
        assert_eq!(joined("本年新\n3 4\n制作数量"), ["本年新+制作数量"]);
        assert_eq!(joined("商\n业 1 2\n企业"), ["商+业+企业"]);
        // Values on two lines between the pieces: not a wrap.
        assert_eq!(joined("本年新\n3\n4\n制作数量").len(), 2);
    }

    #[test]
    fn column_by_column() {
        assert_eq!(
            joined("| 其他 | 商业 | 科研 |\n|  | 企业 | 机构 |"),
            ["其他", "商业+企业", "科研+机构"]
        );
    }

    #[test]
    fn word_by_word() {
        assert_eq!(
            joined("商业 科研 其他\n企业 机构"),
            ["商业+企业", "科研+机构", "其他"]
        );
        // Words left over below: not a wrap.
        assert_eq!(joined("商业 科研\n企业 机构 组织").len(), 2);
    }
}
