//! The reader: turns any draft into a [`Report`]. It never fails; what it cannot read is left
//! out of the model (or marked unreadable) for the rules to report.

pub(crate) mod cells;
pub(crate) mod labels;
pub(crate) mod lines;
mod model;
pub(crate) mod outline;
pub(crate) mod relevance;
pub(crate) mod tables;
pub(crate) mod wrap;

pub use model::*;
pub use relevance::looks_like_report;

use crate::spec::{Layout, TableKind, TableStyle};
use crate::text::Span;
use crate::text::{Fold, Folded, LineIndex};

/// Reads `text`. `forced` overrides layout detection (configuration or `--layout`).
pub fn read(text: &str, forced: Option<Layout>) -> Report {
    read_folded(text, &Folded::of(text, Fold::Text), forced)
}

/// As `read`, given the whole text already folded (`Fold::Text`): the analysis folds once
/// and shares the fold with the rules.
pub fn read_folded(text: &str, folded: &Folded, forced: Option<Layout>) -> Report {
    let lines = lines::logical_lines(text);
    let outline = outline::read(text, folded, &lines);
    let mut report = Report {
        meta: outline.meta,
        sections: outline.sections,
        second_copy: outline.second_copy,
        ..Report::default()
    };
    report.expected_layout =
        forced.or(report.meta.year.as_ref().map(|y| Layout::for_year(y.value)));
    report.layout_forced = forced.is_some();
    report.table_style = table_style(text, &lines, &report);

    let expected = report.expected_layout;
    for kind in [
        TableKind::Proactive,
        TableKind::Applications,
        TableKind::Reviews,
    ] {
        let Some(region) = table_region(&report, kind) else {
            continue;
        };
        let cells = cells::split(text, &lines, region);
        match kind {
            TableKind::Proactive => {
                report.proactive = tables::read_proactive(text, &cells, forced, expected)
            }
            TableKind::Applications => {
                report.applications = tables::read_applications(text, &cells, forced, expected)
            }
            TableKind::Reviews => report.reviews = tables::read_reviews(text, &cells),
        }
    }
    report
}

/// Where to look for a table: the body of the first section that holds it, cut at a second
/// copy of the report.
pub fn table_region(report: &Report, kind: TableKind) -> Option<Span> {
    let section = report.section(kind.section_number())?;
    let mut body = section.body;
    if let Some(copy) = report.second_copy {
        if body.start < copy.start {
            body.end = body.end.min(copy.start);
        }
    }
    Some(body)
}

fn table_style(text: &str, lines: &LineIndex, report: &Report) -> TableStyle {
    let mut pipes = 0;
    let mut tabs = 0;
    for s in &report.sections {
        if !(2..=4).contains(&s.number) {
            continue;
        }
        let first = lines.line_of(s.body.start);
        let last = lines.line_of(s.body.end.saturating_sub(1).max(s.body.start));
        for l in first..=last {
            let span = lines.line_span(text, l);
            let line = &text[span.start..span.end];
            if line.contains('|') {
                pipes += 1;
            } else if line.trim_start().contains('\t') {
                tabs += 1;
            }
        }
    }
    if tabs > pipes {
        TableStyle::Tab
    } else {
        TableStyle::Pipe
    }
}
