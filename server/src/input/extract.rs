//! The text a page or a Word document is read as, written the way the reader reads best —
//! each paragraph one line, each table row one line of tab-separated cells, merged cells
//! already expanded into the grid — and, beside it, where each piece came from.

use crate::locale::Locale;

/// Where a piece of extracted text sits in the document as its user sees it. Numbers are
/// one-based, as shown to people: the Nth non-empty paragraph outside tables; the Nth
/// table, and the row and column of the expanded grid (a merged cell is at its top left).
///
/// A table is named `第N个表格`, not `表N`: a report's own tables are called after their
/// sections (表二 is section 二's), and the second table of a document is 表三.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Paragraph {
        paragraph: usize,
    },
    Cell {
        table: usize,
        row: usize,
        column: usize,
    },
}

impl Place {
    /// `第3段` / `第2个表格 第4行 第5列`, or in English `paragraph 3` /
    /// `table 2, row 4, column 5`.
    pub fn describe(&self, locale: Locale) -> String {
        match (self, locale) {
            (Place::Paragraph { paragraph }, Locale::Zh) => format!("第{paragraph}段"),
            (Place::Paragraph { paragraph }, Locale::En) => format!("paragraph {paragraph}"),
            (Place::Cell { table, row, column }, Locale::Zh) => {
                format!("第{table}个表格 第{row}行 第{column}列")
            }
            (Place::Cell { table, row, column }, Locale::En) => {
                format!("table {table}, row {row}, column {column}")
            }
        }
    }
}

/// One piece of the extracted text and its place: the bytes `start..end` of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub place: Place,
}

/// The places of an extracted text, in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    segments: Vec<Segment>,
}

impl Places {
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    /// The piece of text a byte offset falls in (or the one just before it, for an offset on
    /// a separator: a tab after a cell, the line break after a paragraph).
    pub fn at(&self, offset: usize) -> Option<&Segment> {
        let after = self.segments.partition_point(|s| s.start <= offset);
        after.checked_sub(1).map(|i| &self.segments[i])
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }
}

/// Writes an extracted text: paragraphs and tables, in document order.
#[derive(Debug, Default)]
pub struct Builder {
    text: String,
    places: Places,
    paragraphs: usize,
    tables: usize,
}

impl Builder {
    /// One paragraph outside tables, as one line (a line break inside it stays one). An
    /// empty paragraph is an empty line, as in the text the document was typed from.
    pub fn paragraph(&mut self, text: &str) {
        let text = text.trim_end_matches(['\n', '\r']);
        if !text.trim().is_empty() {
            self.paragraphs += 1;
            let place = Place::Paragraph {
                paragraph: self.paragraphs,
            };
            self.push(text, place);
        }
        self.text.push('\n');
    }

    /// One table: its expanded grid, each row one line of tab-separated cells. Rows are
    /// padded to the widest so that every column stays in its place.
    pub fn table(&mut self, grid: &[Vec<String>]) {
        if grid
            .iter()
            .all(|row| row.iter().all(|c| c.trim().is_empty()))
        {
            return;
        }
        self.tables += 1;
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        for (r, row) in grid.iter().enumerate() {
            for column in 0..width {
                if column > 0 {
                    self.text.push('\t');
                }
                let cell = row.get(column).map(String::as_str).unwrap_or("");
                let place = Place::Cell {
                    table: self.tables,
                    row: r + 1,
                    column: column + 1,
                };
                self.push(&one_line(cell), place);
            }
            self.text.push('\n');
        }
    }

    fn push(&mut self, text: &str, place: Place) {
        let start = self.text.len();
        self.text.push_str(text);
        self.places.segments.push(Segment {
            start,
            end: self.text.len(),
            place,
        });
    }

    pub fn finish(self) -> (String, Places) {
        (self.text, self.places)
    }
}

/// A cell's text on one line, so that its row stays one line: the lines of a cell (`<br>`,
/// several paragraphs) are joined as a reader joins wrapped text — directly between Chinese
/// characters, with a space between words — and tabs become spaces.
pub fn one_line(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    for line in cell.lines().map(|l| l.replace('\t', " ")) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let (Some(before), Some(after)) = (out.chars().last(), line.chars().next()) {
            if !(is_wide(before) || is_wide(after)) {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    out
}

/// Characters written without spaces around them: CJK ideographs and punctuation, and
/// full-width forms.
pub fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_tables_are_lines_and_cells_with_places() {
        let mut b = Builder::default();
        b.paragraph("标题");
        b.paragraph("");
        b.table(&[
            vec!["信息内容".into(), "本年制发\n件数".into()],
            vec!["规章".into()],
        ]);
        b.paragraph("正文");
        let (text, places) = b.finish();
        assert_eq!(text, "标题\n\n信息内容\t本年制发件数\n规章\t\n正文\n");
        let at = |needle: &str| places.at(text.find(needle).unwrap()).unwrap().place;
        assert_eq!(at("标题"), Place::Paragraph { paragraph: 1 });
        assert_eq!(at("正文"), Place::Paragraph { paragraph: 2 });
        assert_eq!(
            at("件数"),
            Place::Cell {
                table: 1,
                row: 1,
                column: 2
            }
        );
        // The padded empty cell is a place too: a finding about a blank cell points there.
        let blank = text.find("规章\t").unwrap() + "规章\t".len();
        assert_eq!(
            places.at(blank).unwrap().place,
            Place::Cell {
                table: 1,
                row: 2,
                column: 2
            }
        );
        assert_eq!(at("规章").describe(Locale::Zh), "第1个表格 第2行 第1列");
        assert_eq!(at("规章").describe(Locale::En), "table 1, row 2, column 1");
    }

    #[test]
    fn cell_lines_join_like_wrapped_text() {
        assert_eq!(one_line("本年制发\n件数"), "本年制发件数");
        assert_eq!(one_line("Total\nrows"), "Total rows");
        assert_eq!(one_line(" a\tb \n\n"), "a b");
    }
}
