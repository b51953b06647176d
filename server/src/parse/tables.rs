//! The schema-guided table reader. It finds official labels among a region's cells by folded
//! matching, then takes the cells that follow each label, up to the next label, as that row's
//! values. One mechanism serves every layout the cell splitter understands.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::parse::cells::{parse_value, CellKind, RawCell};
use crate::parse::labels::{best_match, candidates, Candidate, Match};
use crate::parse::model::*;
use crate::parse::wrap::join_wrapped;
use crate::spec::*;
use crate::text::Span;
use crate::text::{fold_char, key, Fold, Folded};

/// Labels, header cells and the cells between them, as found in a region.
struct Scan<'a> {
    text: &'a str,
    cells: &'a [RawCell],
}

impl<'a> Scan<'a> {
    fn cell_text(&self, i: usize) -> &'a str {
        let s = self.cells[i].span;
        &self.text[s.start..s.end]
    }

    /// The cell's text with the pieces of a wrapped label joined on.
    fn label_text(&self, i: usize) -> Cow<'a, str> {
        let cell = &self.cells[i];
        if cell.wrapped.is_empty() {
            return Cow::Borrowed(self.cell_text(i));
        }
        let mut joined = self.cell_text(i).to_string();
        for piece in &cell.wrapped {
            joined.push_str(&self.text[piece.start..piece.end]);
        }
        Cow::Owned(joined)
    }

    /// Indices of the cells after `label` up to (not including) the next text cell.
    fn following_values(&self, label: usize, stop: usize) -> std::ops::Range<usize> {
        let start = label + 1;
        let end = (start..stop)
            .find(|&i| self.cells[i].kind == CellKind::Text)
            .unwrap_or(stop);
        start..end
    }

    fn label_cell(&self, i: usize, official: &'static str, quality: MatchQuality) -> LabelCell {
        LabelCell {
            span: self.cells[i].span,
            text: self.label_text(i).into_owned(),
            official,
            quality,
            wrapped: !self.cells[i].wrapped.is_empty(),
        }
    }
}

/// Which end of a row holds the data when every candidate cell is empty: 表三 pads on the left
/// (label columns), 表二 on the right (merged cells).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Right,
}

/// Reads the values of a row from the cells after its label. When there are more cells than
/// columns (padding from merged cells), the window of `columns` consecutive cells holding the
/// most non-empty cells is taken; missing cells are marked absent.
fn row_values(
    scan: &Scan,
    all: Vec<usize>,
    columns: usize,
    label_end: usize,
    align: Align,
    sums: &[usize],
) -> RowValues {
    let mut idx = all.clone();
    if all.len() > columns {
        let filled = |i: &usize| scan.cells[*i].kind != CellKind::Empty;
        let scores: Vec<usize> = (0..=all.len() - columns)
            .map(|s| all[s..s + columns].iter().filter(|i| filled(i)).count())
            .collect();
        let best = scores.iter().copied().max().unwrap_or(0);
        let start = if best == 0 && align == Align::Right {
            scores.len() - 1
        } else {
            scores.iter().position(|&s| s == best).unwrap_or(0)
        };
        idx = all[start..start + columns].to_vec();
    }
    let extra: Vec<Span> = all
        .iter()
        .filter(|i| !idx.contains(i) && scan.cells[**i].kind != CellKind::Empty)
        .map(|&i| scan.cells[i].span)
        .collect();
    let mut values: Vec<ValueCell> = idx
        .iter()
        .map(|&i| {
            let span = scan.cells[i].span;
            ValueCell {
                span,
                text: scan.cell_text(i).to_string(),
                value: parse_value(scan.text, span).unwrap_or(CellValue::NotNumber),
            }
        })
        .collect();
    let end = values.last().map_or(label_end, |v| v.span.end);
    while values.len() < columns {
        values.push(ValueCell {
            span: Span::empty(end),
            text: String::new(),
            value: CellValue::Absent,
        });
    }
    // Digits run together into one cell, where the split is unique: one digit per column
    // (`规章000`), or the only split by which the row's own totals add up.
    if let Some(split) = unique_split(scan.text, &values, columns, sums) {
        values = split;
    }
    // Digits run together: one cell holds more digits than the row has columns, in a wide row,
    // or right against its label with nothing between (a row that lost every separator).
    let mut run_together = None;
    let present = values
        .iter()
        .filter(|v| !matches!(v.value, CellValue::Absent | CellValue::Blank))
        .count();
    let glued = values.first().is_some_and(|v| v.span.start == label_end);
    // Glued to its label, a run of digits, points and signs short of the row's cells cannot be
    // one number: `行政许可14-2126`, `政府集中采购635.6`.
    let glued_run = |v: &ValueCell| {
        glued
            && v.span.start == label_end
            && v.text
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '−'))
            && v.text.chars().filter(|c| c.is_ascii_digit()).count() >= 2
    };
    if (columns >= 5 || glued) && columns >= 2 && present < columns {
        if let Some(run) = values.iter().find(|v| {
            glued_run(v)
                || matches!(&v.value, CellValue::Number(n) if n.decimals == 0
                && v.text.chars().filter(|c| c.is_ascii_digit()).count() >= columns)
        }) {
            run_together = Some(run.span);
            for v in &mut values {
                v.value = CellValue::Unreadable;
            }
        }
    }
    RowValues {
        values,
        extra,
        run_together,
    }
}

/// The groups of a 表三 row for the run-together split: one, its last cell the total (I3).
const APPLICATION_ROW_SUMS: [usize; 1] = [APPLICANT_COLUMNS.len()];
/// The groups of 表四's row: each group's last cell is its total (I4).
const REVIEW_ROW_SUMS: [usize; REVIEW_GROUPS.len()] = [REVIEW_OUTCOMES.len(); REVIEW_GROUPS.len()];

/// The cells of a row whose only value is a run of digits, the rest of the row absent, when
/// only one split is possible: one digit per column, or (for rows made of `sums` groups whose
/// last cell is the total of the others) the one split by which every group adds up. Any other
/// run is left for the run-together check: never a guess.
fn unique_split(
    text: &str,
    values: &[ValueCell],
    columns: usize,
    sums: &[usize],
) -> Option<Vec<ValueCell>> {
    let (first, rest) = values.split_first()?;
    if columns < 2 || !rest.iter().all(|v| v.value == CellValue::Absent) {
        return None;
    }
    let CellValue::Number(n) = &first.value else {
        return None;
    };
    let raw = &text[n.digits.start..n.digits.end];
    if n.unit.is_some() || n.negative || n.decimals > 0 {
        return None;
    }
    let digits: Vec<(usize, u8)> = raw
        .char_indices()
        .map(|(at, c)| fold_char(c).to_digit(10).map(|d| (at, d as u8)))
        .collect::<Option<_>>()?;
    let lengths: Vec<usize> = if digits.len() == columns {
        vec![1; columns]
    } else if digits.len() > columns && sums.iter().sum::<usize>() == columns {
        let only: Vec<u8> = digits.iter().map(|(_, d)| *d).collect();
        split_by_totals(&only, sums)?
    } else {
        return None;
    };
    let mut cells = Vec::with_capacity(columns);
    let mut k = 0;
    for len in lengths {
        let start = n.digits.start + digits[k].0;
        let end = digits
            .get(k + len)
            .map_or(n.digits.end, |(at, _)| n.digits.start + at);
        let span = Span::new(start, end);
        cells.push(ValueCell {
            span,
            text: text[start..end].to_string(),
            value: parse_value(text, span).unwrap_or(CellValue::NotNumber),
        });
        k += len;
    }
    Some(cells)
}

/// Most steps the search for a split may take before it gives up (a long run has too many).
const SPLIT_SEARCH_STEPS: usize = 200_000;

/// The lengths of the one split of `digits` into groups of `sums` cells where each group's
/// last cell is the sum of the others; `None` when there is none, several, or the search is
/// too long. Cells are whole numbers without leading zeros, at most nine digits.
fn split_by_totals(digits: &[u8], sums: &[usize]) -> Option<Vec<usize>> {
    struct Search<'a> {
        digits: &'a [u8],
        sums: &'a [usize],
        steps: usize,
        found: Vec<Vec<usize>>,
    }
    impl Search<'_> {
        fn number(&self, at: usize, len: usize) -> Option<u64> {
            let part = self.digits.get(at..at + len)?;
            if len == 0 || len > 9 || (len > 1 && part[0] == 0) {
                return None;
            }
            Some(part.iter().fold(0, |v, d| v * 10 + u64::from(*d)))
        }

        /// Cells from `at`, in group `group`, cell `cell` of it, with `sum` so far.
        fn go(&mut self, at: usize, group: usize, cell: usize, sum: u64, lengths: &mut Vec<usize>) {
            self.steps += 1;
            if self.found.len() > 1 || self.steps > SPLIT_SEARCH_STEPS {
                return;
            }
            let Some(&size) = self.sums.get(group) else {
                if at == self.digits.len() {
                    self.found.push(lengths.clone());
                }
                return;
            };
            if cell + 1 == size {
                // The total: its digits are the sum's, so nothing to choose.
                let len = sum.to_string().len();
                if self.number(at, len) == Some(sum) {
                    lengths.push(len);
                    self.go(at + len, group + 1, 0, 0, lengths);
                    lengths.pop();
                }
                return;
            }
            for len in 1..=9 {
                let Some(v) = self.number(at, len) else {
                    continue;
                };
                lengths.push(len);
                self.go(at + len, group, cell + 1, sum + v, lengths);
                lengths.pop();
            }
        }
    }
    let mut search = Search {
        digits,
        sums,
        steps: 0,
        found: Vec::new(),
    };
    search.go(0, 0, 0, 0, &mut Vec::new());
    if search.steps > SPLIT_SEARCH_STEPS || search.found.len() != 1 {
        return None;
    }
    search.found.pop()
}

struct RowValues {
    values: Vec<ValueCell>,
    extra: Vec<Span>,
    run_together: Option<Span>,
}

impl RowValues {
    fn into_row(self, label: LabelCell) -> DataRow {
        DataRow {
            label,
            values: self.values,
            extra: self.extra,
            run_together: self.run_together,
        }
    }
}

/// Splits `一、本年新收政府信息公开申请数量3000003`: a known label with digits glued to it.
/// Returns the label part and the digits part.
/// The label part's match quality comes back too: a label matched exactly once the digits are
/// off beats a near match of the whole cell.
fn glued_label(scan: &Scan, i: usize, labels: &[Candidate]) -> Option<(Span, Span, MatchQuality)> {
    let span = scan.cells[i].span;
    let raw = scan.cell_text(i);
    // Digits (with a decimal point: `行政事业性收费1.25`) at the end of the cell.
    let mut digits_at = raw
        .char_indices()
        .rev()
        .take_while(|(_, c)| {
            c.is_ascii_digit() || matches!(c, '.' | '-' | '−') || c.is_whitespace()
        })
        .last()
        .map(|(at, _)| at)?;
    while raw[digits_at..].starts_with('.') {
        digits_at += 1;
    }
    // A sign ends a label only as the sign of the number after it.
    if raw[..digits_at].ends_with(['-', '−']) {
        return None;
    }
    if digits_at == 0 || !raw[digits_at..].chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let quality = best_match(&raw[..digits_at], labels)?.quality;
    let label = Span::new(span.start, span.start + raw[..digits_at].trim_end().len());
    let digits = Span::new(
        span.start + digits_at + (raw[digits_at..].len() - raw[digits_at..].trim_start().len()),
        span.end,
    );
    Some((label, digits, quality))
}

/// Several labels written on one line with spaces between them (text extracted from a PDF or
/// a flattened web page): `信息内容 本年制发件数 本年废止件数`. Splits the cell into one cell per
/// label, joining tokens where a label itself has spaces (`结果 维持`). Only labels that match
/// exactly count, and only a cell holding at least two of them is split.
fn split_joined_labels(scan: &Scan, i: usize, labels: &[Candidate]) -> Option<Vec<RawCell>> {
    let cell = &scan.cells[i];
    let raw = scan.cell_text(i);
    let tokens: Vec<(usize, usize)> = raw
        .split_whitespace()
        .map(|t| {
            let at = t.as_ptr() as usize - raw.as_ptr() as usize;
            (at, at + t.len())
        })
        .collect();
    if tokens.len() < 2 {
        return None;
    }
    let exact = |from: usize, to: usize| {
        best_match(&raw[from..to], labels).is_some_and(|m| m.quality == MatchQuality::Exact)
    };
    let mut out = Vec::new();
    let mut matched = 0;
    let mut k = 0;
    while k < tokens.len() {
        let longest = (k + 1..=tokens.len())
            .rev()
            .find(|&j| exact(tokens[k].0, tokens[j - 1].1));
        let j = longest.unwrap_or(k + 1);
        matched += usize::from(longest.is_some());
        let span = Span::new(
            cell.span.start + tokens[k].0,
            cell.span.start + tokens[j - 1].1,
        );
        let kind = match parse_value(scan.text, span) {
            Some(CellValue::Blank) => CellKind::Empty,
            Some(_) => CellKind::Value,
            None => CellKind::Text,
        };
        out.push(RawCell::new(span, cell.line, kind));
        k = j;
    }
    (matched >= 2).then_some(out)
}

/// A row whose cells lost their separators (`三、本年度办理结果（一）予以公开5100107`,
/// `自然人法人或其他组织总计`): official labels found one after another (the longest at each
/// place, compared as folded keys), the digits between them as one value each, anything else
/// as text. Only a cell holding at least two labels is taken apart.
fn split_run_together_labels(scan: &Scan, i: usize, labels: &[Candidate]) -> Option<Vec<RawCell>> {
    #[derive(PartialEq)]
    enum Piece {
        Label,
        Digits,
        Other,
    }
    let cell = &scan.cells[i];
    if !cell.wrapped.is_empty() {
        return None;
    }
    let folded = Folded::new(scan.text, cell.span, Fold::Key);
    let text = folded.text.as_str();
    let mut pieces: Vec<(usize, usize, Piece)> = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        if let Some(len) = labels
            .iter()
            .filter(|c| !c.key.is_empty() && rest.starts_with(c.key.as_str()))
            .map(|c| c.key.len())
            .max()
        {
            pieces.push((at, at + len, Piece::Label));
            at += len;
            continue;
        }
        let c = rest.chars().next()?;
        let in_number = matches!(pieces.last(), Some((_, end, Piece::Digits)) if *end == at);
        let kind = if c.is_ascii_digit() || (c == '.' && in_number) {
            Piece::Digits
        } else {
            Piece::Other
        };
        match pieces.last_mut() {
            Some((_, end, k)) if *k == kind && kind != Piece::Label && *end == at => {
                *end += c.len_utf8();
            }
            _ => pieces.push((at, at + c.len_utf8(), kind)),
        }
        at += c.len_utf8();
    }
    // Text between labels must be a label of its own with a typo, not a separator (`行政复议·结果维持`
    // is one header naming its group, read as such elsewhere).
    let separator = |(start, end, piece): &(usize, usize, Piece)| {
        *piece == Piece::Other
            && text[*start..*end]
                .chars()
                .filter(|c| c.is_alphanumeric())
                .count()
                < 2
    };
    if pieces.iter().filter(|p| p.2 == Piece::Label).count() < 2 || pieces.iter().any(separator) {
        return None;
    }
    Some(
        pieces
            .into_iter()
            .map(|(start, end, piece)| {
                let kind = if piece == Piece::Digits {
                    CellKind::Value
                } else {
                    CellKind::Text
                };
                RawCell::new(folded.source_span(start, end), cell.line, kind)
            })
            .collect(),
    )
}

/// Rewrites text cells the label matcher cannot use as they are: several labels joined by
/// spaces become one cell each; a label with digits glued on becomes a label and a value.
fn normalize_cells(text: &str, cells: &[RawCell], labels: &[Candidate]) -> Vec<RawCell> {
    let cells = &join_wrapped(text, cells.to_vec(), labels);
    let scan = Scan { text, cells };
    let mut out = Vec::with_capacity(cells.len());
    for (i, cell) in cells.iter().enumerate() {
        let matched = match cell.kind {
            CellKind::Text => best_match(&scan.label_text(i), labels).map(|m| m.quality),
            _ => Some(MatchQuality::Exact),
        };
        // A long label's typo budget can swallow a neighbour joined to it by a space, so a
        // split into exact labels wins over a near match of the whole.
        if matched != Some(MatchQuality::Exact) {
            if let Some(split) = split_joined_labels(&scan, i, labels) {
                out.extend(split);
                continue;
            }
        }
        if matched != Some(MatchQuality::Exact) {
            if let Some(split) = split_run_together_labels(&scan, i, labels) {
                out.extend(split);
                continue;
            }
        }
        if matched != Some(MatchQuality::Exact) {
            if let Some((label, digits, quality)) = glued_label(&scan, i, labels) {
                if matched.is_none() || quality == MatchQuality::Exact {
                    out.push(RawCell::new(label, cell.line, CellKind::Text));
                    out.push(RawCell::new(digits, cell.line, CellKind::Value));
                    continue;
                }
            }
        }
        out.push(cell.clone());
    }
    out
}

// ---------------------------------------------------------------------------------------------
// 表三

pub fn read_applications(
    text: &str,
    cells: &[RawCell],
    forced: Option<Layout>,
    expected: Option<Layout>,
) -> Option<ApplicationsTable> {
    let mut row_specs: Vec<&'static RowSpec> = Vec::new();
    for layout in Layout::ALL {
        for r in application_rows(layout) {
            if !row_specs.iter().any(|s| s.label == r.label) {
                row_specs.push(r);
            }
        }
    }
    let row_candidates = candidates(row_specs.iter().map(|r| r.label));
    let header_labels = application_header_cells();
    let header_candidates = candidates(header_labels.iter().copied());
    let all_labels: Vec<Candidate> = row_candidates
        .iter()
        .chain(header_candidates.iter())
        .cloned()
        .collect();
    let cells = normalize_cells(text, cells, &all_labels);
    let scan = Scan {
        text,
        cells: &cells,
    };

    // Every text cell: a row label, a header, or unknown.
    let mut labels: Vec<(usize, Option<Match>)> = Vec::new();
    let mut headers: Vec<LabelCell> = Vec::new();
    let mut first_row_seen = false;
    let mut start: Option<Span> = None;
    for (i, cell) in cells.iter().enumerate() {
        if cell.kind != CellKind::Text {
            continue;
        }
        let t = scan.label_text(i);
        if let Some(m) = best_match(&t, &row_candidates) {
            first_row_seen = true;
            start.get_or_insert(cell.span);
            labels.push((i, Some(m)));
        } else if let Some(m) = best_match(&t, &header_candidates).filter(|_| !first_row_seen) {
            start.get_or_insert(cell.span);
            headers.push(scan.label_cell(i, header_labels[m.index], m.quality));
        } else if first_row_seen {
            labels.push((i, None));
        }
    }
    let start = start?;
    if labels.iter().all(|(_, m)| m.is_none()) && headers.len() < 3 {
        return None;
    }

    // Layout: 2021 has three rows under （六）; 2019 puts numbers right after （六）其他处理.
    let other_group = row_candidates
        .iter()
        .position(|c| c.official == OTHER_PROCESSING_GROUP);
    let mut votes_2021 = 0;
    let mut votes_2019 = 0;
    for (pos, (i, m)) in labels.iter().enumerate() {
        let Some(m) = m else { continue };
        let official = row_specs[m.index].label;
        let in_2019 = APPLICATION_ROWS_2019.iter().any(|r| r.label == official);
        if !in_2019 {
            votes_2021 += 1;
        }
        if Some(m.index) == other_group {
            let values = scan.following_values(*i, cells.len());
            let has_numbers = values.clone().any(|v| cells[v].kind == CellKind::Value);
            let next_is_child = labels
                .get(pos + 1)
                .and_then(|(_, n)| *n)
                .is_some_and(|n| row_specs[n.index].parent == Some(OTHER_PROCESSING_GROUP));
            if has_numbers && !next_is_child {
                votes_2019 += 1;
            }
        }
    }
    let detected = match votes_2021.cmp(&votes_2019) {
        std::cmp::Ordering::Greater => Some(Layout::Y2021),
        std::cmp::Ordering::Less => Some(Layout::Y2019),
        std::cmp::Ordering::Equal => None,
    };
    let checked_as = forced.or(detected).or(expected).unwrap_or(Layout::Y2021);
    let spec_rows = application_rows(checked_as);

    let mut rows: Vec<DataRow> = Vec::new();
    let mut unknown_rows = Vec::new();
    let mut pending_unknown: Vec<(usize, UnknownRow, RowValues)> = Vec::new();
    let mut order: Vec<usize> = Vec::new(); // spec index of each kept row, in document order
    let mut end = start.end;
    let is_data_row = |m: &Option<Match>| {
        m.is_some_and(|m| {
            let official = row_specs[m.index].label;
            spec_rows.iter().any(|r| r.label == official && r.is_data())
        })
    };
    let mut value_sets: Vec<Vec<usize>> = labels
        .iter()
        .enumerate()
        .map(|(pos, (i, _))| {
            let stop = labels.get(pos + 1).map_or(cells.len(), |(n, _)| *n);
            scan.following_values(*i, stop).collect()
        })
        .collect();
    let data: Vec<bool> = labels.iter().map(|(_, m)| is_data_row(m)).collect();
    realign_runs(
        &scan,
        &labels,
        &data,
        &mut value_sets,
        APPLICANT_COLUMNS.len(),
    );
    for (pos, (i, m)) in labels.iter().enumerate() {
        let set = &value_sets[pos];
        let cell = &cells[*i];
        end = end.max(set.last().map_or(cell.span.end, |v| cells[*v].span.end));
        let has_values = set.iter().any(|v| cells[*v].kind == CellKind::Value);
        let values = || {
            row_values(
                &scan,
                set.clone(),
                APPLICANT_COLUMNS.len(),
                cell.span.end,
                Align::Right,
                &APPLICATION_ROW_SUMS,
            )
        };
        let unknown = || UnknownRow {
            span: cell.span,
            text: scan.cell_text(*i).to_string(),
        };
        match m {
            Some(m) => {
                let official = row_specs[m.index].label;
                let Some(spec_index) = spec_rows.iter().position(|r| r.label == official) else {
                    // A row of the other format: reported through the layout rules.
                    if has_values {
                        unknown_rows.push(unknown());
                    }
                    continue;
                };
                let spec = &spec_rows[spec_index];
                if !spec.is_data() || order.contains(&spec_index) {
                    continue;
                }
                order.push(spec_index);
                rows.push(values().into_row(scan.label_cell(*i, official, m.quality)));
            }
            None if has_values => pending_unknown.push((order.len(), unknown(), values())),
            None => {}
        }
    }

    // An unrecognised row standing exactly where one expected row is missing is that row.
    let data_indices: Vec<usize> = (0..spec_rows.len())
        .filter(|&k| spec_rows[k].is_data())
        .collect();
    for (after, unknown, values) in pending_unknown {
        let previous = after.checked_sub(1).map(|p| order[p]);
        let next = order.get(after).copied();
        let gap: Vec<usize> = data_indices
            .iter()
            .copied()
            .filter(|k| previous.is_none_or(|p| *k > p) && next.is_none_or(|n| *k < n))
            .filter(|k| !order.contains(k))
            .collect();
        if gap.len() == 1 && (previous.is_some() || next.is_some()) {
            let official = spec_rows[gap[0]].label;
            order.push(gap[0]);
            rows.push(values.into_row(LabelCell {
                span: unknown.span,
                text: unknown.text,
                official,
                quality: MatchQuality::Positional,
                wrapped: false,
            }));
        } else {
            unknown_rows.push(unknown);
        }
    }
    let mut paired: Vec<(usize, DataRow)> = order.into_iter().zip(rows).collect();
    paired.sort_by_key(|(k, _)| *k);
    let rows: Vec<DataRow> = paired.into_iter().map(|(_, r)| r).collect();
    let missing_rows = spec_rows
        .iter()
        .filter(|r| r.is_data() && !rows.iter().any(|row| row.label.official == r.label))
        .map(|r| r.label)
        .collect();
    let mut missing_headers: Vec<&'static str> = header_labels
        .iter()
        .copied()
        .filter(|h| !headers.iter().any(|c| c.official == *h))
        .collect();
    // A table that cannot merge cells (Markdown) writes one header row of the leaf columns:
    // when all of them are there, in order, the group headers above them are implied.
    let leaves: Vec<&str> = headers
        .iter()
        .map(|h| h.official)
        .filter(|h| APPLICANT_COLUMNS.contains(h))
        .collect();
    if leaves == APPLICANT_COLUMNS {
        missing_headers.retain(|h| !APPLICANT_GROUP_HEADERS.contains(h));
    }
    Some(ApplicationsTable {
        span: Span::new(start.start, end.max(start.end)),
        layout: detected,
        checked_as,
        headers,
        missing_headers,
        rows,
        missing_rows,
        unknown_rows,
    })
}

/// Runs of a row's worth of numbers that text copied from a PDF prints away from their label:
/// on the line before a vertically centred label, or after a label whose own line has none.
/// Each such run (exactly `width` values on a line of their own) goes to the neighbouring data
/// row that has no numbers on its own lines — the one after it when only that one lacks them,
/// else the one before. A run no row lacks stays where it is (and shows as values over).
fn realign_runs(
    scan: &Scan,
    labels: &[(usize, Option<Match>)],
    data: &[bool],
    sets: &mut [Vec<usize>],
    width: usize,
) {
    let cells = scan.cells;
    let lines_of = |label: usize| {
        let cell = &cells[label];
        let end = cell.wrapped.last().map_or(cell.span.end, |s| s.end);
        let extra = scan.text[cell.span.start..end].matches('\n').count();
        cell.line..=cell.line + extra
    };
    let own = |pos: usize, set: &[usize]| {
        let lines = lines_of(labels[pos].0);
        set.iter()
            .filter(|&&v| cells[v].kind == CellKind::Value && lines.contains(&cells[v].line))
            .count()
    };
    let needs: Vec<bool> = (0..labels.len())
        .map(|pos| data[pos] && own(pos, &sets[pos]) == 0)
        .collect();
    if !needs.iter().any(|n| *n) {
        return;
    }
    // The floating runs, in document order: (owner position, cell indices).
    let mut runs: Vec<(usize, Vec<usize>)> = Vec::new();
    for (pos, set) in sets.iter().enumerate() {
        let lines = lines_of(labels[pos].0);
        let mut by_line: Vec<Vec<usize>> = Vec::new();
        for &v in set {
            if cells[v].kind != CellKind::Value || lines.contains(&cells[v].line) {
                continue;
            }
            match by_line.last_mut() {
                Some(run) if cells[run[0]].line == cells[v].line => run.push(v),
                _ => by_line.push(vec![v]),
            }
        }
        runs.extend(
            by_line
                .into_iter()
                .filter(|run| run.len() == width)
                .map(|run| (pos, run)),
        );
    }
    let mut given = vec![false; labels.len()];
    for (owner, run) in runs {
        let prev = (0..=owner).rev().find(|&p| data[p]);
        let next = (owner + 1..labels.len()).find(|&p| data[p]);
        let wants = |p: Option<usize>| p.filter(|&p| needs[p] && !given[p]);
        let Some(target) = wants(prev).or(wants(next)) else {
            continue;
        };
        sets[owner].retain(|v| !run.contains(v));
        sets[target].extend(&run);
        sets[target].sort_unstable();
        given[target] = true;
    }
}

// ---------------------------------------------------------------------------------------------
// 表四

pub fn read_reviews(text: &str, cells: &[RawCell]) -> Option<ReviewsTable> {
    let expected = review_header_cells();
    let mut distinct: Vec<&'static str> = Vec::new();
    for h in &expected {
        if !distinct.contains(h) {
            distinct.push(h);
        }
    }
    let header_candidates = candidates(distinct.iter().copied());
    let cells = &normalize_cells(text, cells, &header_candidates);
    let scan = Scan { text, cells };
    let mut headers: Vec<LabelCell> = Vec::new();
    let mut last_header: Option<usize> = None;
    for (i, cell) in cells.iter().enumerate() {
        match cell.kind {
            CellKind::Text => {
                if let Some(m) = best_match(&scan.label_text(i), &header_candidates) {
                    headers.push(scan.label_cell(i, distinct[m.index], m.quality));
                    last_header = Some(i);
                } else if let Some(leaf) = combined_review_header(&scan, i) {
                    headers.push(leaf);
                    last_header = Some(i);
                } else if last_header.is_some() {
                    break;
                }
            }
            CellKind::Value if last_header.is_some() => break,
            _ => {}
        }
    }
    let leaves = headers
        .iter()
        .filter(|h| REVIEW_OUTCOMES.contains(&h.official))
        .count();
    if leaves < REVIEW_VALUE_COUNT {
        if let Some(table) = read_scrambled_reviews(&scan) {
            return Some(table);
        }
    }
    let last_header = last_header?;
    if headers.len() < 3 {
        return None;
    }
    let range = scan.following_values(last_header, cells.len());
    // Values on the header's own line are padding of the header row, not data.
    let header_line = cells[last_header].line;
    let range = range.start
        + range
            .clone()
            .take_while(|&i| cells[i].line == header_line && cells[i].kind == CellKind::Empty)
            .count()..range.end;
    // With no data row at all every value comes back absent (blank ≠ 0 applies).
    let values = row_values(
        &scan,
        range.clone().collect(),
        REVIEW_VALUE_COUNT,
        cells[last_header].span.end,
        Align::Left,
        &REVIEW_ROW_SUMS,
    );
    let mut missing_headers = Vec::new();
    let mut seen: Vec<&'static str> = headers.iter().map(|h| h.official).collect();
    for h in expected {
        if let Some(p) = seen.iter().position(|s| *s == h) {
            seen.remove(p);
        } else {
            missing_headers.push(h);
        }
    }
    // One header row of the 15 leaf columns (a table that cannot merge cells): the group
    // headers above them are implied.
    let leaves = headers
        .iter()
        .filter(|h| REVIEW_OUTCOMES.contains(&h.official))
        .count();
    if leaves == REVIEW_VALUE_COUNT
        && missing_headers
            .iter()
            .all(|h| REVIEW_GROUPS.contains(h) || *h == LITIGATION_HEADER)
    {
        missing_headers.clear();
    }
    let end = range
        .clone()
        .last()
        .map_or(cells[last_header].span.end, |i| cells[i].span.end);
    Some(ReviewsTable {
        span: Span::new(headers[0].span.start, end.max(headers[0].span.end)),
        headers,
        missing_headers,
        values: values.values,
        extra: values.extra,
        run_together: values.run_together,
    })
}

/// 表四 as text copied from a PDF prints it: the header's words scrambled over several lines
/// (`结果 结果 其他 尚未 未经复议直接起诉 复议后起诉` / `总计` / `维持 纠正 结果 审结 …`) above the
/// one data row. When the text before the first values holds every group name and each
/// outcome's word at least once per group, and a line of exactly 15 values follows, the header
/// is the format's (its order is fixed) and the values are the row.
fn read_scrambled_reviews(scan: &Scan) -> Option<ReviewsTable> {
    let cells = scan.cells;
    let first_value = cells.iter().position(|c| c.kind == CellKind::Value)?;
    let words: String = (0..first_value)
        .filter(|&i| cells[i].kind == CellKind::Text)
        .map(|i| key(&scan.label_text(i)))
        .collect();
    let names = REVIEW_GROUPS.iter().chain([&LITIGATION_HEADER]);
    let groups_named = names.into_iter().all(|g| words.contains(&key(g)));
    let outcomes_named = REVIEW_OUTCOMES.iter().all(|o| {
        let word: String = key(o)
            .chars()
            .rev()
            .take(2)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        words.matches(word.as_str()).count() >= REVIEW_GROUPS.len()
            // Printed one character per line (a narrow column set vertically), the word is
            // scattered: each of its characters then appears once per group.
            || word
                .chars()
                .all(|c| words.matches(c).count() >= REVIEW_GROUPS.len())
    });
    let line = cells[first_value].line;
    let row: Vec<usize> = (first_value..cells.len())
        .take_while(|&i| cells[i].line == line && cells[i].kind == CellKind::Value)
        .collect();
    if !groups_named || !outcomes_named || row.len() != REVIEW_VALUE_COUNT {
        return None;
    }
    let first_text = (0..first_value).find(|&i| cells[i].kind == CellKind::Text)?;
    let values = row_values(
        scan,
        row.clone(),
        REVIEW_VALUE_COUNT,
        cells[first_value].span.start,
        Align::Left,
        &REVIEW_ROW_SUMS,
    );
    Some(ReviewsTable {
        span: Span::new(cells[first_text].span.start, cells[*row.last()?].span.end),
        headers: Vec::new(),
        missing_headers: Vec::new(),
        values: values.values,
        extra: values.extra,
        run_together: values.run_together,
    })
}

/// A flattened 表四 header cell naming its group and its outcome in one (`行政复议·结果维持`,
/// `行政诉讼-复议后起诉-总计`): read as the outcome, which is the column; the group is implied.
fn combined_review_header(scan: &Scan, i: usize) -> Option<LabelCell> {
    let raw = scan.cell_text(i);
    let (at, sep) = raw.char_indices().rfind(|(_, c)| {
        matches!(
            c,
            '·' | '・' | '•' | '-' | '—' | '/' | '／' | '_' | ':' | '：'
        )
    })?;
    let (group, outcome) = (&raw[..at], raw[at + sep.len_utf8()..].trim());
    let group_key = key(group);
    let names_group = REVIEW_GROUPS
        .iter()
        .chain([&LITIGATION_HEADER])
        .any(|g| group_key.contains(&key(g)));
    let official = *REVIEW_OUTCOMES.iter().find(|o| key(o) == key(outcome))?;
    if !names_group {
        return None;
    }
    let start = scan.cells[i].span.end - raw[at + sep.len_utf8()..].trim_start().len();
    let span = Span::new(start, start + outcome.len());
    Some(LabelCell {
        span,
        text: outcome.to_string(),
        official,
        quality: MatchQuality::Exact,
        wrapped: false,
    })
}

// ---------------------------------------------------------------------------------------------
// 表二

/// `第二十条第（一）项`, and the article misnumbered (`第二十一条第（一）项`) as its typo.
static BLOCK_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^第二十([一二三四五六七八九]?)条第\(([一二三四五六七八九十]+)\)项$").unwrap()
});

/// `第二十条第` with its item cut off.
fn is_cut_block_title(text: &str) -> bool {
    let (written, article) = (key(text), key(BLOCK_ARTICLE));
    written
        .strip_prefix(article.as_str())
        .is_some_and(|rest| rest.is_empty() || rest == "第")
}

/// The item numeral of a block title, and how well the title matches the format's.
fn block_item(text: &str) -> Option<(String, MatchQuality)> {
    let folded = key(text);
    let c = BLOCK_TITLE.captures(&folded)?;
    let quality = if c[1].is_empty() {
        MatchQuality::Exact
    } else {
        MatchQuality::Typo
    };
    Some((c[2].to_string(), quality))
}

pub fn read_proactive(
    text: &str,
    cells: &[RawCell],
    forced: Option<Layout>,
    expected: Option<Layout>,
) -> Option<ProactiveTable> {
    // Every label any block of either format may hold, to split joined labels apart.
    let block_labels = candidates(
        Layout::ALL
            .iter()
            .flat_map(|l| proactive_blocks(*l).iter())
            .flat_map(|b| {
                b.columns
                    .iter()
                    .map(|c| c.header)
                    .chain(b.rows.iter().copied())
            })
            .chain([BLOCK_ROW_HEADER]),
    );
    let cells = &normalize_cells(text, cells, &block_labels);
    let scan = Scan { text, cells };
    let mut titles: Vec<(usize, String, MatchQuality)> = Vec::new();
    for (i, c) in cells.iter().enumerate() {
        if c.kind != CellKind::Text {
            continue;
        }
        if let Some((item, quality)) = block_item(scan.cell_text(i)) {
            titles.push((i, item, quality));
        } else if is_cut_block_title(scan.cell_text(i)) {
            // `第二十条第` cut short by a narrow column: the item the format has next.
            let layout = forced.or(expected).unwrap_or(Layout::Y2021);
            let items: Vec<&str> = proactive_blocks(layout).iter().map(|b| b.item).collect();
            let next = match titles.last() {
                Some((_, previous, _)) => items
                    .iter()
                    .position(|it| it == previous)
                    .and_then(|p| items.get(p + 1)),
                None => items.first(),
            };
            if let Some(item) = next {
                titles.push((i, item.to_string(), MatchQuality::Positional));
            }
        }
    }
    if !titles
        .iter()
        .any(|(_, _, q)| *q != MatchQuality::Positional)
        && titles.len() < 2
    {
        return None;
    }
    let mut blocks = Vec::new();
    for (n, (title, item, quality)) in titles.iter().enumerate() {
        let stop = titles.get(n + 1).map_or(cells.len(), |(i, _, _)| *i);
        let mut block = read_block(&scan, *title, stop, item, forced, expected);
        block.title_quality = *quality;
        blocks.push(block);
    }
    let span = Span::new(
        cells[titles[0].0].span.start,
        blocks
            .iter()
            .map(|b| b.span.end)
            .max()
            .unwrap_or(cells[titles[0].0].span.end),
    );
    Some(ProactiveTable { span, blocks })
}

fn spec_block(layout: Layout, item: &str) -> Option<&'static BlockSpec> {
    proactive_blocks(layout).iter().find(|b| b.item == item)
}

fn read_block(
    scan: &Scan,
    title: usize,
    stop: usize,
    item: &str,
    forced: Option<Layout>,
    expected: Option<Layout>,
) -> ProactiveBlock {
    let cells = scan.cells;
    // Strings that tell the two formats apart for this item.
    let mut votes = [0usize; 2];
    let by_layout: Vec<(Layout, Option<&'static BlockSpec>)> = Layout::ALL
        .iter()
        .map(|l| (*l, spec_block(*l, item)))
        .collect();
    let mut all_labels: Vec<(&'static str, Layout, bool)> = Vec::new(); // (label, layout, is_row)
    for (layout, spec) in &by_layout {
        if let Some(spec) = spec {
            all_labels.extend(spec.columns.iter().map(|c| (c.header, *layout, false)));
            all_labels.extend(spec.rows.iter().map(|r| (*r, *layout, true)));
        }
    }
    let label_candidates = candidates(
        all_labels
            .iter()
            .map(|(l, _, _)| *l)
            .chain([BLOCK_ROW_HEADER]),
    );
    let mut matches: Vec<(usize, Option<Match>)> = Vec::new();
    for (i, cell) in cells.iter().enumerate().take(stop).skip(title + 1) {
        if cell.kind != CellKind::Text {
            continue;
        }
        let m = best_match(&scan.label_text(i), &label_candidates);
        if let Some(m) = m {
            if let Some((label, layout, _)) = all_labels.get(m.index) {
                let in_both = all_labels.iter().filter(|(l, _, _)| l == label).count() > 1;
                if !in_both {
                    votes[if *layout == Layout::Y2019 { 0 } else { 1 }] += 1;
                }
            }
        }
        matches.push((i, m));
    }
    let detected = match votes[0].cmp(&votes[1]) {
        std::cmp::Ordering::Greater => Some(Layout::Y2019),
        std::cmp::Ordering::Less => Some(Layout::Y2021),
        std::cmp::Ordering::Equal if by_layout.iter().filter(|(_, s)| s.is_some()).count() == 1 => {
            by_layout.iter().find(|(_, s)| s.is_some()).map(|(l, _)| *l)
        }
        std::cmp::Ordering::Equal => None,
    };
    let checked_as = forced.or(detected).or(expected).unwrap_or(Layout::Y2021);
    let spec = spec_block(checked_as, item).or_else(|| by_layout.iter().find_map(|(_, s)| *s));
    let other = Layout::ALL
        .into_iter()
        .find(|l| *l != checked_as)
        .and_then(|l| spec_block(l, item));

    let mut headers = Vec::new();
    let mut rows: Vec<DataRow> = Vec::new();
    let mut unknown_rows = Vec::new();
    let mut in_rows = false;
    let mut unplaced_headers: Vec<usize> = Vec::new();
    let mut blank_label_values: Option<std::ops::Range<usize>> = None;
    let mut end = cells[title].span.end;
    for (pos, (i, m)) in matches.iter().enumerate() {
        let next = matches.get(pos + 1).map_or(stop, |(n, _)| *n);
        let range = scan.following_values(*i, next);
        let has_values = range.clone().any(|v| cells[v].kind == CellKind::Value);
        end = end.max(
            range
                .clone()
                .last()
                .map_or(cells[*i].span.end, |v| cells[v].span.end),
        );
        let label = m.and_then(|m| all_labels.get(m.index).map(|l| (l, m.quality)));
        match (spec, label) {
            (Some(spec), Some(((text, layout, is_row), quality))) => {
                let (list, other_list): (Vec<&str>, Vec<&str>) = if *is_row {
                    (
                        spec.rows.to_vec(),
                        other.map_or(vec![], |o| o.rows.to_vec()),
                    )
                } else {
                    (
                        spec.columns.iter().map(|c| c.header).collect(),
                        other.map_or(vec![], |o| o.columns.iter().map(|c| c.header).collect()),
                    )
                };
                let (official, quality) = if *layout == checked_as || list.contains(text) {
                    (*text, quality)
                } else if let Some(k) = other_list
                    .iter()
                    .position(|t| t == text)
                    .filter(|k| *k < list.len())
                {
                    // The block's headers say one year, this label another. When the label is
                    // right for the report's own year it is not wrong: the block's layout is
                    // (NB208), and one cause gives one finding.
                    let right_for_year = forced.is_none() && expected == Some(*layout);
                    let quality = if right_for_year {
                        quality
                    } else {
                        MatchQuality::OtherLayout
                    };
                    (list[k], quality)
                } else {
                    continue;
                };
                if *is_row {
                    in_rows = true;
                    if rows.iter().any(|r| r.label.official == official) {
                        continue;
                    }
                    let values = row_values(
                        scan,
                        range.collect(),
                        spec.columns.len(),
                        cells[*i].span.end,
                        Align::Left,
                        &[],
                    );
                    rows.push(values.into_row(scan.label_cell(*i, official, quality)));
                } else if !in_rows {
                    // Values right after the header row belong to a row whose label is blank.
                    if has_values {
                        blank_label_values = Some(range.clone());
                    }
                    if headers.iter().any(|h: &LabelCell| h.official == official) {
                        // A header written twice (`本年新制作数量` copied over `本年新公开数量`)
                        // stands where another belongs, as an unreadable one does.
                        unplaced_headers.push(*i);
                    } else {
                        headers.push(scan.label_cell(*i, official, quality));
                    }
                }
            }
            (_, None) if m.is_none() && has_values => {
                in_rows = true;
                unknown_rows.push(UnknownRow {
                    span: cells[*i].span,
                    text: scan.cell_text(*i).to_string(),
                });
            }
            (_, None) if m.is_none() && !in_rows => unplaced_headers.push(*i),
            _ => {}
        }
    }
    // The first row written with its label left blank (`  ` / 0 / 0 / 0 where 规章 belongs):
    // its values come straight after the header row. Read as that row, by its place, when it
    // is the one row missing and its values fill the columns.
    if let (Some(spec), Some(range)) = (spec, blank_label_values) {
        let first = spec.rows.first().copied();
        let first_missing = first.filter(|f| !rows.iter().any(|r| r.label.official == *f));
        let only_missing = spec
            .rows
            .iter()
            .filter(|r| !rows.iter().any(|row| row.label.official == **r))
            .count()
            == 1;
        let values: Vec<usize> = range
            .clone()
            .filter(|&v| cells[v].kind == CellKind::Value)
            .collect();
        if let (Some(official), true, true) = (
            first_missing,
            only_missing,
            values.len() == spec.columns.len(),
        ) {
            let first_value = values[0];
            // The blank cell itself when the layout shows it (an empty cell, or a line of
            // spaces between the header and the values), else the place before the values.
            let gap_start = first_value
                .checked_sub(1)
                .map_or(0, |before| cells[before].span.end);
            let gap = Span::new(gap_start, cells[first_value].span.start);
            let spaces_line = scan.text[gap.start..gap.end]
                .split_inclusive('\n')
                .scan(gap.start, |at, line| {
                    let start = *at;
                    *at += line.len();
                    Some((start, line.trim_end_matches(['\n', '\r'])))
                })
                .find(|(_, line)| !line.is_empty() && line.trim().is_empty())
                .map(|(start, line)| Span::new(start, start + line.len()));
            let span = range
                .clone()
                .take_while(|&v| v < first_value)
                .find(|&v| cells[v].kind == CellKind::Empty)
                .map(|v| cells[v].span)
                .or(spaces_line)
                .unwrap_or(Span::empty(cells[first_value].span.start));
            let label = LabelCell {
                span,
                text: String::new(),
                official,
                quality: MatchQuality::Positional,
                wrapped: false,
            };
            let read = row_values(scan, values, spec.columns.len(), span.end, Align::Left, &[]);
            rows.insert(0, read.into_row(label));
        }
    }
    let (mut missing_headers, missing_rows): (Vec<&'static str>, Vec<&'static str>) = match spec {
        Some(spec) => (
            spec.columns
                .iter()
                .map(|c| c.header)
                .filter(|h| !headers.iter().any(|c| c.official == *h))
                .collect(),
            spec.rows
                .iter()
                .copied()
                .filter(|r| !rows.iter().any(|row| row.label.official == *r))
                .collect(),
        ),
        None => (vec![], vec![]),
    };
    // Header cells that match nothing (`本年新`, cut short by a narrow column), exactly as
    // many as the headers missing: each stands where its header belongs.
    if !missing_headers.is_empty() && unplaced_headers.len() == missing_headers.len() {
        for (&i, official) in unplaced_headers.iter().zip(missing_headers.drain(..)) {
            headers.push(scan.label_cell(i, official, MatchQuality::Positional));
        }
        // In document order, as every block's headers are.
        headers.sort_by_key(|h| h.span.start);
    }
    // Keep rows in the format's order so columns and rows line up with the spec.
    if let Some(spec) = spec {
        rows.sort_by_key(|r| spec.rows.iter().position(|s| *s == r.label.official));
    }
    ProactiveBlock {
        item: item.to_string(),
        title: cells[title].span,
        title_quality: MatchQuality::Exact,
        layout: detected,
        checked_as,
        headers,
        missing_headers,
        rows,
        missing_rows,
        unknown_rows,
        span: Span::new(cells[title].span.start, end),
    }
}

#[cfg(test)]
mod tests {
    use crate::parse::read;

    const NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

    #[test]
    fn digits_run_together_are_split_only_where_the_totals_allow_one_split() {
        use super::split_by_totals;
        assert_eq!(
            split_by_totals(&[9, 2, 0, 0, 1, 0, 1, 2], &[7]),
            Some(vec![1, 1, 1, 1, 1, 1, 2]),
            "9 2 0 0 1 0 12"
        );
        // 10 2 0 0 1 0 13 and 1 0 2 0 0 10 13 both add up: no split.
        assert_eq!(split_by_totals(&[1, 0, 2, 0, 0, 1, 0, 1, 3], &[7]), None);
        // No split adds up.
        assert_eq!(split_by_totals(&[1, 1, 1, 1], &[3]), None);
        // 表四: each group of five adds up on its own.
        let review: Vec<u8> = "5203100001100000".bytes().map(|b| b - b'0').collect();
        assert_eq!(
            split_by_totals(&review, &[5, 5, 5]).map(|l| l.len()),
            Some(15)
        );

        let text = format!("某局2023年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n{NOTE}\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n一、本年新收政府信息公开申请数量92001012\n");
        let table = read(&text, None).applications.unwrap();
        let values: Vec<Option<i64>> = table.rows[0].values.iter().map(|v| v.integer()).collect();
        assert_eq!(values, [9, 2, 0, 0, 1, 0, 12].map(Some));
        assert!(table.rows[0].run_together.is_none());
    }

    #[test]
    fn one_header_row_of_leaf_columns_implies_the_groups() {
        let text = format!(
            "某局2023年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n| {NOTE} | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n| 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        );
        let report = read(&text, None);
        let table = report.applications.unwrap();
        assert!(
            table.missing_headers.is_empty(),
            "{:?}",
            table.missing_headers
        );
        // Without 总计 the leaves are incomplete: nothing is implied.
        let text = text.replace(" 其他 | 总计 |", " 其他 |");
        let table = read(&text, None).applications.unwrap();
        assert!(table.missing_headers.contains(&"申请人情况"));
    }

    #[test]
    fn reviews_with_one_header_row_of_combined_or_repeated_leaves() {
        let groups = ["行政复议", "未经复议直接起诉", "复议后起诉"];
        let outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
        let combined: Vec<String> = groups
            .iter()
            .flat_map(|g| outcomes.iter().map(move |o| format!("{g}·{o}")))
            .collect();
        let repeated: Vec<String> = groups
            .iter()
            .flat_map(|_| outcomes.iter().map(|o| o.to_string()))
            .collect();
        for header in [combined, repeated] {
            let text = format!(
                "某局2023年政府信息公开工作年度报告\n\n四、政府信息公开行政复议、行政诉讼情况\n\n| {} |\n|{}\n| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
                header.join(" | "),
                "---|".repeat(15)
            );
            let table = read(&text, None).reviews.expect("表四 found");
            assert!(
                table.missing_headers.is_empty(),
                "{:?}",
                table.missing_headers
            );
            assert_eq!(table.values.len(), 15);
            assert_eq!(table.values[0].integer(), Some(1));
            assert!(table.sums_checkable());
        }
    }
}
