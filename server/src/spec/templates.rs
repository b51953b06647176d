//! Official template text rendered from `spec`, in the document's own table style. Fixes insert
//! it; the language server will offer it as snippets.

use crate::spec::*;

/// How a document writes its tables; templates are rendered in the same style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TableStyle {
    /// Markdown / pipe rows: `| a | b |`.
    #[default]
    Pipe,
    /// Tab-separated rows, as pasted from a word processor or a web page.
    Tab,
}

/// A table as rows of cells; rendered per style.
struct Grid {
    width: usize,
    rows: Vec<Vec<String>>,
}

impl Grid {
    fn new(width: usize) -> Grid {
        Grid {
            width,
            rows: Vec::new(),
        }
    }

    /// Adds a row, padded with empty cells to the table's width.
    fn row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        let mut row: Vec<String> = cells.into_iter().map(Into::into).collect();
        row.resize(self.width, String::new());
        self.rows.push(row);
    }

    fn render(&self, style: TableStyle) -> String {
        let mut out = String::new();
        for (i, row) in self.rows.iter().enumerate() {
            match style {
                TableStyle::Tab => out.push_str(&row.join("\t")),
                TableStyle::Pipe => {
                    out.push('|');
                    for cell in row {
                        out.push(' ');
                        out.push_str(cell);
                        out.push_str(" |");
                    }
                }
            }
            out.push('\n');
            if i == 0 && style == TableStyle::Pipe {
                out.push('|');
                out.push_str(&" --- |".repeat(self.width));
                out.push('\n');
            }
        }
        out
    }
}

/// What a template's value cells hold: nothing (the fixes and the editor's templates, whose
/// blanks the author fills and the checker flags until then) or 0 (`nianbao new`'s drafts,
/// whose only placeholders are the text's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Values {
    Blank,
    Zero,
}

impl Values {
    fn cells(self, n: usize) -> impl Iterator<Item = &'static str> {
        std::iter::repeat_n(
            match self {
                Values::Blank => "",
                Values::Zero => "0",
            },
            n,
        )
    }
}

/// 表二 blocks for `layout` (all of them, or only `items`).
pub fn proactive_table(layout: Layout, style: TableStyle, items: Option<&[&str]>) -> String {
    proactive_grid(layout, items, Values::Blank).render(style)
}

fn proactive_grid(layout: Layout, items: Option<&[&str]>, values: Values) -> Grid {
    let mut grid = Grid::new(4);
    for block in proactive_blocks(layout) {
        if items.is_some_and(|items| !items.contains(&block.item)) {
            continue;
        }
        grid.row([block.title()]);
        grid.row(std::iter::once(BLOCK_ROW_HEADER).chain(block.columns.iter().map(|c| c.header)));
        for row in block.rows {
            grid.row(std::iter::once(*row).chain(values.cells(block.columns.len())));
        }
    }
    grid
}

fn applications_grid(layout: Layout, values: Values) -> Grid {
    let mut grid = Grid::new(3 + APPLICANT_COLUMNS.len());
    grid.row([APPLICATIONS_NOTE, "", "", APPLICANT_GROUP_HEADERS[0]]);
    let mut second = vec!["", "", "", APPLICANT_COLUMNS[0], APPLICANT_GROUP_HEADERS[1]];
    second.resize(3 + APPLICANT_TOTAL_COLUMN, "");
    second.push(APPLICANT_COLUMNS[APPLICANT_TOTAL_COLUMN]);
    grid.row(second);
    let mut third = vec!["", "", "", ""];
    third.extend_from_slice(&APPLICANT_COLUMNS[1..APPLICANT_TOTAL_COLUMN]);
    grid.row(third);
    let rows = application_rows(layout);
    for (i, spec) in rows.iter().enumerate() {
        if !spec.is_data() {
            continue;
        }
        // Group labels are printed on the first row of their group, as the template does.
        let first_of = |parent: Option<&'static str>| {
            parent.filter(|p| {
                let group_at = rows.iter().position(|r| r.label == *p);
                let first_child = rows.iter().position(|r| r.parent == Some(p) && r.is_data());
                group_at.is_some() && first_child == Some(i)
            })
        };
        let parent = spec.parent;
        let grandparent = parent
            .and_then(|p| rows.iter().find(|r| r.label == p))
            .and_then(|r| r.parent);
        let mut cells: Vec<&str> = match (parent, grandparent) {
            (None, _) => vec![spec.label, "", ""],
            (Some(_), None) => vec![first_of(parent).unwrap_or(""), spec.label, ""],
            (Some(_), Some(_)) => {
                let top = if first_child_of_subtree(rows, grandparent.unwrap(), i) {
                    grandparent.unwrap()
                } else {
                    ""
                };
                vec![top, first_of(parent).unwrap_or(""), spec.label]
            }
        };
        cells.extend(values.cells(APPLICANT_COLUMNS.len()));
        grid.row(cells);
    }
    grid
}

/// Whether row `i` is the first data row anywhere under `group`.
fn first_child_of_subtree(rows: &[RowSpec], group: &str, i: usize) -> bool {
    let under = |r: &RowSpec| {
        r.parent == Some(group)
            || r.parent
                .and_then(|p| rows.iter().find(|x| x.label == p))
                .is_some_and(|p| p.parent == Some(group))
    };
    rows.iter().position(|r| r.is_data() && under(r)) == Some(i)
}

fn reviews_grid(values: Values) -> Grid {
    let outcomes = REVIEW_OUTCOMES.len();
    let mut grid = Grid::new(REVIEW_VALUE_COUNT);
    let mut first = vec![REVIEW_GROUPS[0]];
    first.resize(outcomes, "");
    first.push(LITIGATION_HEADER);
    grid.row(first);
    let mut second: Vec<&str> = REVIEW_OUTCOMES.to_vec();
    for group in &REVIEW_GROUPS[1..] {
        second.push(group);
        second.resize(second.len() + outcomes - 1, "");
    }
    grid.row(second);
    let mut third = vec![""; outcomes];
    for _ in 1..REVIEW_GROUPS.len() {
        third.extend_from_slice(&REVIEW_OUTCOMES);
    }
    grid.row(third);
    grid.row(values.cells(REVIEW_VALUE_COUNT));
    grid
}

pub fn table(kind: TableKind, layout: Layout, style: TableStyle) -> String {
    grid(kind, layout, Values::Blank).render(style)
}

fn grid(kind: TableKind, layout: Layout, values: Values) -> Grid {
    match kind {
        TableKind::Proactive => proactive_grid(layout, None, values),
        TableKind::Applications => applications_grid(layout, values),
        TableKind::Reviews => reviews_grid(values),
    }
}

/// A whole section: its heading and its template body, ending with a blank line.
pub fn section(spec: &SectionSpec, layout: Layout, style: TableStyle) -> String {
    section_with(spec, layout, style, Values::Blank)
}

fn section_with(spec: &SectionSpec, layout: Layout, style: TableStyle, values: Values) -> String {
    let body = match spec.body {
        SectionBody::Text => format!("{}\n", spec.text_stub(layout)),
        SectionBody::Table(kind) => grid(kind, layout, values).render(style),
    };
    format!("{}\n\n{}\n", spec.heading(), body)
}

/// The whole report template: title and all six sections, the tables' value cells blank.
pub fn report(layout: Layout, year: i32, style: TableStyle) -> String {
    report_with(layout, year, style, Values::Blank)
}

/// The whole report as `nianbao new` starts it: the template with 0 in every value cell.
pub fn report_with_zeros(layout: Layout, year: i32, style: TableStyle) -> String {
    report_with(layout, year, style, Values::Zero)
}

fn report_with(layout: Layout, year: i32, style: TableStyle, values: Values) -> String {
    let mut out = format!("XX{year}年政府信息公开工作年度报告\n\n");
    for spec in &SECTIONS {
        out.push_str(&section_with(spec, layout, style, values));
    }
    out
}
