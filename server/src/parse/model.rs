//! What the reader understood of a draft. Every item carries its byte span in the source.

use crate::spec::{Layout, TableStyle};
use crate::text::Span;

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub meta: Meta,
    /// Every recognised section heading, in document order (duplicates included).
    pub sections: Vec<Section>,
    /// Where a second, identical or near-identical copy of the report starts, if pasted twice.
    pub second_copy: Option<Span>,
    pub proactive: Option<ProactiveTable>,
    pub applications: Option<ApplicationsTable>,
    pub reviews: Option<ReviewsTable>,
    /// How the document writes its tables; templates inserted by fixes follow it.
    pub table_style: TableStyle,
    /// The layout tables are checked against: forced by configuration, or the report year's.
    pub expected_layout: Option<Layout>,
    /// Whether the layout was forced by configuration rather than taken from the year.
    pub layout_forced: bool,
}

impl Report {
    /// A layout forced by configuration that is not the report year's: (forced, the report
    /// year, the year's layout). Table findings and fixes then follow a format the report
    /// does not use.
    pub fn forced_layout_conflict(&self) -> Option<(Layout, i32, Layout)> {
        let forced = self.expected_layout.filter(|_| self.layout_forced)?;
        let year = self.meta.year.as_ref()?.value;
        let wanted = Layout::for_year(year);
        (forced != wanted).then_some((forced, year, wanted))
    }

    /// The first section with this number (1–6), if present.
    pub fn section(&self, number: u8) -> Option<&Section> {
        self.sections.iter().find(|s| s.number == number)
    }

    /// The spans of the tables that were found (表二, 表三, 表四).
    pub fn table_spans(&self) -> Vec<Span> {
        [
            self.proactive.as_ref().map(|t| t.span),
            self.applications.as_ref().map(|t| t.span),
            self.reviews.as_ref().map(|t| t.span),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub title: Option<Spanned<String>>,
    /// The year the report covers, from the title (or inferred, see `year_inferred`).
    pub year: Option<Spanned<i32>>,
    /// True when the title has no year and it was inferred from the signature date.
    pub year_inferred: bool,
    pub agency: Option<Spanned<String>>,
    pub date: Option<Spanned<Date>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// How a heading's title relates to the official one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleMatch {
    Exact,
    /// The longer wording of the format's notes.
    LongForm,
    /// Close to the official title: a typo.
    Typo,
    /// Numbered like the section, worded differently.
    Nonstandard,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub number: u8,
    /// The whole heading line, as written.
    pub heading: Span,
    pub title_match: TitleMatch,
    /// From the end of the heading line to the next heading (or the end of the text).
    pub body: Span,
}

/// A label or header cell and the official text it was matched to.
#[derive(Debug, Clone)]
pub struct LabelCell {
    pub span: Span,
    /// The cell text as written (trimmed).
    pub text: String,
    /// The official text it corresponds to.
    pub official: &'static str,
    pub quality: MatchQuality,
    /// Whether the label is wrapped over lines (`span` is its first piece): a correction
    /// cannot be written as one edit.
    pub wrapped: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchQuality {
    /// Equal after folding width, spaces, numbering punctuation and Traditional forms.
    Exact,
    /// A few characters off: a typo.
    Typo,
    /// The official text followed by a parenthetical the format does not have.
    Annotated,
    /// The label of the other format (e.g. 规范性文件 in a 2021 table).
    OtherLayout,
    /// Not close to the official text; placed by its position among the other rows.
    Positional,
}

/// A number cell as read.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueCell {
    /// The trimmed cell; for an absent cell, the empty span where it would be.
    pub span: Span,
    pub text: String,
    pub value: CellValue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// An empty cell.
    Blank,
    /// The row ended before this cell.
    Absent,
    Number(Number),
    /// Text that is not a number (`/`, `—`, `无` …).
    NotNumber,
    /// Part of a run of digits that could not be split into cells.
    Unreadable,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// The value when it is a whole number.
    pub integer: Option<i64>,
    pub negative: bool,
    /// Digits after the decimal point.
    pub decimals: usize,
    /// A unit written in the cell (`元`, `万元`, `件` …) and its span.
    pub unit: Option<Spanned<String>>,
    /// The span of the number itself, without the unit.
    pub digits: Span,
}

impl ValueCell {
    /// The whole-number value, if the cell holds one.
    pub fn integer(&self) -> Option<i64> {
        match &self.value {
            CellValue::Number(n) => n.integer,
            _ => None,
        }
    }
}

/// A data row: its label and its values in column order.
#[derive(Debug, Clone)]
pub struct DataRow {
    pub label: LabelCell,
    pub values: Vec<ValueCell>,
    /// Non-empty cells beyond the expected column count.
    pub extra: Vec<Span>,
    /// Set when the row's digits ran together: the span of the run.
    pub run_together: Option<Span>,
}

/// A row whose label matches nothing in the format but which carries values.
#[derive(Debug, Clone)]
pub struct UnknownRow {
    pub span: Span,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct ProactiveTable {
    pub span: Span,
    pub blocks: Vec<ProactiveBlock>,
}

#[derive(Debug, Clone)]
pub struct ProactiveBlock {
    /// The item numeral of `第二十条第（X）项`.
    pub item: String,
    pub title: Span,
    /// Exact, or Typo for a misnumbered article (`第二十一条第（一）项`).
    pub title_quality: MatchQuality,
    /// The layout its headers and labels follow, when they say.
    pub layout: Option<Layout>,
    /// The layout it was checked against.
    pub checked_as: Layout,
    /// The header cells found, in document order.
    pub headers: Vec<LabelCell>,
    /// Official headers of `checked_as` that were not found.
    pub missing_headers: Vec<&'static str>,
    pub rows: Vec<DataRow>,
    pub missing_rows: Vec<&'static str>,
    pub unknown_rows: Vec<UnknownRow>,
    pub span: Span,
}

impl ProactiveBlock {
    /// The format's block this one was checked against.
    pub fn spec(&self) -> Option<&'static crate::spec::BlockSpec> {
        crate::spec::proactive_blocks(self.checked_as)
            .iter()
            .find(|s| s.item == self.item)
    }
}

#[derive(Debug, Clone)]
pub struct ApplicationsTable {
    pub span: Span,
    pub layout: Option<Layout>,
    pub checked_as: Layout,
    pub headers: Vec<LabelCell>,
    pub missing_headers: Vec<&'static str>,
    /// Data rows by their official label; group rows are not kept.
    pub rows: Vec<DataRow>,
    pub missing_rows: Vec<&'static str>,
    pub unknown_rows: Vec<UnknownRow>,
}

impl ApplicationsTable {
    pub fn row(&self, official: &str) -> Option<&DataRow> {
        self.rows.iter().find(|r| r.label.official == official)
    }
}

impl ReviewsTable {
    /// Whether the data row was read with the certainty sums need (see
    /// [`ApplicationsTable::sums_checkable`]).
    pub fn sums_checkable(&self) -> bool {
        self.sums_doubt().is_none()
    }

    /// Why the row's sums are not checked, if they are not.
    pub fn sums_doubt(&self) -> Option<SumsDoubt> {
        if !self.missing_headers.is_empty() {
            return Some(SumsDoubt::HeadersMissing);
        }
        row_doubt(
            crate::spec::REVIEW_ROW_NAME,
            &self.values,
            &self.extra,
            self.run_together.is_some(),
        )
    }
}

/// What makes one row's values unsure: digits run together, values over, or values short.
fn row_doubt(
    label: &'static str,
    values: &[ValueCell],
    extra: &[Span],
    run_together: bool,
) -> Option<SumsDoubt> {
    if run_together {
        Some(SumsDoubt::RunTogether(label))
    } else if !extra.is_empty() {
        Some(SumsDoubt::ValuesOver(label))
    } else if is_short(values) {
        Some(SumsDoubt::ValuesShort(label))
    } else {
        None
    }
}

/// What makes a table's reading too unsure for its sums to be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SumsDoubt {
    /// Rows of the format were not found.
    RowsMissing,
    /// A row the format lacks carries numbers (its text).
    UnknownRow(String),
    /// Column headers were not read.
    HeadersMissing,
    /// A row's digits ran together (its official label).
    RunTogether(&'static str),
    /// A row has more values than columns.
    ValuesOver(&'static str),
    /// A row has fewer values than columns, and the text does not show which is missing.
    ValuesShort(&'static str),
}

/// A row with some values but fewer than its columns: which column lacks its value is a guess,
/// so every value's column is.
fn is_short(values: &[ValueCell]) -> bool {
    let absent = values
        .iter()
        .filter(|v| v.value == CellValue::Absent)
        .count();
    absent > 0 && absent < values.len()
}

#[derive(Debug, Clone)]
pub struct ReviewsTable {
    pub span: Span,
    pub headers: Vec<LabelCell>,
    pub missing_headers: Vec<&'static str>,
    /// The data row, 15 values: 3 groups × 5 outcomes. Empty when no data row was found.
    pub values: Vec<ValueCell>,
    pub extra: Vec<Span>,
    pub run_together: Option<Span>,
}

impl ApplicationsTable {
    /// Whether the table was read with the certainty sums need: every row of the format found,
    /// no row carrying numbers the format does not have, no row with values over or digits run
    /// together, and every column header read (or implied by its leaf columns). When it was
    /// not, the arithmetic rules say nothing about the table: a misread row must never become
    /// a false sum error. The structural findings stand on their own.
    pub fn sums_checkable(&self) -> bool {
        self.sums_doubt().is_none()
    }

    /// Why the table's sums are not checked, if they are not: the first doubt found.
    pub fn sums_doubt(&self) -> Option<SumsDoubt> {
        if !self.missing_rows.is_empty() {
            return Some(SumsDoubt::RowsMissing);
        }
        if let Some(u) = self.unknown_rows.first() {
            return Some(SumsDoubt::UnknownRow(u.text.clone()));
        }
        if !self.missing_headers.is_empty() {
            return Some(SumsDoubt::HeadersMissing);
        }
        self.rows.iter().find_map(|r| {
            row_doubt(
                r.label.official,
                &r.values,
                &r.extra,
                r.run_together.is_some(),
            )
        })
    }

    /// The first cell of the table, where table-wide findings point.
    pub fn span_head(&self) -> Span {
        self.headers
            .first()
            .map(|h| h.span)
            .or_else(|| self.rows.first().map(|r| r.label.span))
            .unwrap_or(self.span)
    }
}
