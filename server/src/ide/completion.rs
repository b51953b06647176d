//! Completion: missing section headings at a line start, official labels at a cell start inside
//! a table, and whole table templates.

use crate::diag::{Locale, Span};
use crate::parse::{table_region, Report};
use crate::spec::templates;
use crate::spec::{
    application_header_cells, application_rows, proactive_blocks, review_header_cells, Layout,
    TableKind, BLOCK_ROW_HEADER, SECTIONS,
};

use super::hover::{expects, row_path};
use super::{layout_in_force, table_numeral, table_title, tr};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// A section heading.
    Heading,
    /// A row label.
    Label,
    /// A header cell (and 表二's block titles).
    Header,
    /// A whole table template.
    Table,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub detail: Option<String>,
    /// Plain text.
    pub documentation: Option<String>,
    pub kind: CompletionKind,
    pub insert_text: String,
    /// Whether `insert_text` is a snippet (never, for now).
    pub is_snippet: bool,
    /// The typed text the item replaces (empty when nothing is typed yet).
    pub replace: Span,
    /// The order to show items in, compared as strings; the list is already in this order.
    pub sort_text: String,
}

/// The completions at byte `offset`.
///
/// In this order:
/// - At a line start (only spaces and `#` marks, after at most one tab, before what is being
///   typed): the section
///   headings the report lacks, the one expected next first.
/// - At a cell start in the body of section 二, 三 or 四: that table's official labels and
///   header cells in the layout in force, those the table lacks first.
/// - At a line start in those sections, or anywhere at a line start when the report lacks the
///   table: the whole table, rendered in the document's table style.
///
/// `replace` covers what was typed: from the first character after the spaces and `#` marks
/// (headings, tables), or after the cell separator and spaces (labels), to `offset`.
pub fn completions(
    text: &str,
    report: &Report,
    offset: usize,
    locale: Locale,
) -> Vec<CompletionItem> {
    if offset > text.len() || !text.is_char_boundary(offset) {
        return Vec::new();
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];
    // Spaces and Markdown marks, after at most one tab of indentation: further tabs separate
    // cells.
    let indent = usize::from(prefix.starts_with('\t'));
    let marks = prefix.len()
        - prefix[indent..]
            .trim_start_matches([' ', '\u{3000}', '#'])
            .len();
    let typed = Span::new(line_start + marks, offset);
    let at_line_start = !text[typed.start..typed.end].contains(['\t', '|', '｜', '。']);

    let region = [
        TableKind::Proactive,
        TableKind::Applications,
        TableKind::Reviews,
    ]
    .into_iter()
    .find(|kind| {
        table_region(report, *kind).is_some_and(|r| {
            r.start <= line_start && (offset < r.end || (offset == r.end && r.end == text.len()))
        })
    });

    let mut items = Vec::new();
    if let Some(kind) = region {
        let cell_start = prefix.rfind(['\t', '|', '｜']).map_or(line_start, |i| {
            line_start + i + prefix[i..].chars().next().map_or(1, char::len_utf8)
        });
        let cell_start = offset - text[cell_start..offset].trim_start().len();
        items.extend(labels(
            text,
            report,
            kind,
            Span::new(cell_start, offset),
            locale,
        ));
    }
    if at_line_start {
        // Few sections are ever missing: when one is, its heading leads.
        items.splice(0..0, heading_items(text, report, line_start, typed, locale));
        items.extend(table_items(report, region, typed, locale));
    }
    for (i, item) in items.iter_mut().enumerate() {
        item.sort_text = format!("{i:04}");
    }
    items
}

fn heading_items(
    text: &str,
    report: &Report,
    line_start: usize,
    typed: Span,
    locale: Locale,
) -> Vec<CompletionItem> {
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let on_this_line = |at: usize| (line_start..=line_end).contains(&at);
    let present = |number: u8| {
        report
            .sections
            .iter()
            .any(|s| s.number == number && !on_this_line(s.heading.start))
    };
    // The section before this line: the next missing one after it comes first.
    let previous = report
        .sections
        .iter()
        .filter(|s| s.heading.start < line_start)
        .filter(|s| report.second_copy.is_none_or(|c| s.heading.start < c.start))
        .map(|s| s.number)
        .next_back()
        .unwrap_or(0);
    let mut missing: Vec<_> = SECTIONS.iter().filter(|s| !present(s.number)).collect();
    missing.sort_by_key(|s| (s.number <= previous, s.number));
    missing
        .into_iter()
        .map(|spec| CompletionItem {
            label: spec.heading(),
            detail: Some(tr(locale, "缺少的部分", "Missing section").to_string()),
            documentation: Some(tr(locale, spec.requirement_zh, spec.requirement_en).to_string()),
            kind: CompletionKind::Heading,
            insert_text: spec.heading(),
            is_snippet: false,
            replace: typed,
            sort_text: String::new(),
        })
        .collect()
}

fn has_table(report: &Report, kind: TableKind) -> bool {
    match kind {
        TableKind::Proactive => report.proactive.is_some(),
        TableKind::Applications => report.applications.is_some(),
        TableKind::Reviews => report.reviews.is_some(),
    }
}

fn table_items(
    report: &Report,
    region: Option<TableKind>,
    typed: Span,
    locale: Locale,
) -> Vec<CompletionItem> {
    [
        TableKind::Proactive,
        TableKind::Applications,
        TableKind::Reviews,
    ]
    .into_iter()
    .filter(|kind| region == Some(*kind) || !has_table(report, *kind))
    .map(|kind| {
        let layout = layout_in_force(report, kind);
        let format = tr(locale, layout.name_zh(), layout.name_en());
        let documentation = match locale {
            Locale::Zh => format!("插入空白的{}，按{format}。", kind.name_zh()),
            Locale::En => format!("Inserts {} empty, in {format}.", kind.name_en()),
        };
        CompletionItem {
            label: table_title(kind, locale),
            detail: Some(format.to_string()),
            documentation: Some(documentation),
            kind: CompletionKind::Table,
            insert_text: templates::table(kind, layout, report.table_style),
            is_snippet: false,
            replace: typed,
            sort_text: String::new(),
        }
    })
    .collect()
}

/// An official label of a table and whether the table already has it.
struct Label {
    text: String,
    kind: CompletionKind,
    /// Where it belongs in the table (block, row group), for the detail.
    place: Vec<String>,
    documentation: Option<String>,
    present: bool,
}

fn labels(
    text: &str,
    report: &Report,
    kind: TableKind,
    replace: Span,
    locale: Locale,
) -> Vec<CompletionItem> {
    let layout = layout_in_force(report, kind);
    let mut found: Vec<Label> = match kind {
        TableKind::Proactive => proactive_labels(text, report, layout, locale),
        TableKind::Applications => application_labels(report, layout),
        TableKind::Reviews => review_labels(report),
    };
    // Those the table lacks first, each group in the format's order.
    found.sort_by_key(|l| l.present);
    let table = match locale {
        Locale::Zh => format!("表{}", table_numeral(kind)),
        Locale::En => format!("Table {}", kind.section_number()),
    };
    found
        .into_iter()
        .map(|l| {
            let role = match (l.kind, locale) {
                (CompletionKind::Label, Locale::Zh) => "行标签",
                (CompletionKind::Label, Locale::En) => "row label",
                (_, Locale::Zh) => "表头",
                (_, Locale::En) => "header",
            };
            let mut detail = format!("{table} {role}");
            for p in &l.place {
                detail.push_str(" · ");
                detail.push_str(p);
            }
            if !l.present {
                detail.push_str(tr(locale, "（表中缺少）", " (missing)"));
            }
            CompletionItem {
                label: l.text.clone(),
                detail: Some(detail),
                documentation: l.documentation,
                kind: l.kind,
                insert_text: l.text,
                is_snippet: false,
                replace,
                sort_text: String::new(),
            }
        })
        .collect()
}

fn push_unique(out: &mut Vec<Label>, label: Label) {
    if let Some(existing) = out.iter_mut().find(|l| l.text == label.text) {
        existing.present &= label.present;
    } else {
        out.push(label);
    }
}

fn proactive_labels(text: &str, report: &Report, layout: Layout, locale: Locale) -> Vec<Label> {
    let table = report.proactive.as_ref();
    let region_has_row_header = table_region(report, TableKind::Proactive)
        .is_some_and(|r| text[r.start..r.end].contains(BLOCK_ROW_HEADER));
    let mut out = Vec::new();
    for spec in proactive_blocks(layout) {
        let block = table.and_then(|t| t.blocks.iter().find(|b| b.item == spec.item));
        let title = spec.title();
        push_unique(
            &mut out,
            Label {
                text: title.clone(),
                kind: CompletionKind::Header,
                place: Vec::new(),
                documentation: None,
                present: block.is_some(),
            },
        );
        push_unique(
            &mut out,
            Label {
                text: BLOCK_ROW_HEADER.to_string(),
                kind: CompletionKind::Header,
                place: Vec::new(),
                documentation: None,
                present: region_has_row_header,
            },
        );
        for column in spec.columns {
            push_unique(
                &mut out,
                Label {
                    text: column.header.to_string(),
                    kind: CompletionKind::Header,
                    place: vec![title.clone()],
                    documentation: Some(expects(column.kind, locale)),
                    present: block
                        .is_some_and(|b| b.headers.iter().any(|h| h.official == column.header)),
                },
            );
        }
        for row in spec.rows {
            push_unique(
                &mut out,
                Label {
                    text: row.to_string(),
                    kind: CompletionKind::Label,
                    place: vec![title.clone()],
                    documentation: None,
                    present: block.is_some_and(|b| b.rows.iter().any(|r| r.label.official == *row)),
                },
            );
        }
    }
    out
}

fn application_labels(report: &Report, layout: Layout) -> Vec<Label> {
    let table = report.applications.as_ref();
    let mut out = Vec::new();
    for header in application_header_cells() {
        push_unique(
            &mut out,
            Label {
                text: header.to_string(),
                kind: CompletionKind::Header,
                place: Vec::new(),
                documentation: None,
                present: table.is_some_and(|t| t.headers.iter().any(|h| h.official == header)),
            },
        );
    }
    // Each row the table has, with the groups above it.
    let had: Vec<(&str, Vec<String>)> = table.map_or_else(Vec::new, |t| {
        t.rows
            .iter()
            .map(|r| (r.label.official, row_path(layout, r.label.official)))
            .collect()
    });
    for spec in application_rows(layout) {
        let present = had
            .iter()
            .any(|(label, path)| *label == spec.label || path.iter().any(|p| p == spec.label));
        push_unique(
            &mut out,
            Label {
                text: spec.label.to_string(),
                kind: CompletionKind::Label,
                place: row_path(layout, spec.label),
                documentation: None,
                present,
            },
        );
    }
    out
}

fn review_labels(report: &Report) -> Vec<Label> {
    let table = report.reviews.as_ref();
    let mut out = Vec::new();
    for header in review_header_cells() {
        push_unique(
            &mut out,
            Label {
                text: header.to_string(),
                kind: CompletionKind::Header,
                place: Vec::new(),
                documentation: None,
                present: table.is_some_and(|t| !t.missing_headers.contains(&header)),
            },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_support::{analyzed, clean, corpus, nth};
    use crate::spec::TableStyle;

    fn complete(text: &str, offset: usize) -> Vec<CompletionItem> {
        let (report, _) = analyzed(text);
        completions(text, &report, offset, Locale::Zh)
    }

    fn labels_of(items: &[CompletionItem]) -> Vec<&str> {
        items.iter().map(|i| i.label.as_str()).collect()
    }

    const SECTION_FIVE: &str =
        "五、存在的主要问题及改进情况\n\n主要问题是政策解读形式较为单一。下一步将丰富解读形式，提高政策解读质量。\n\n";

    #[test]
    fn the_missing_heading_comes_first() {
        let text = clean().replace(SECTION_FIVE, "");
        assert!(!text.contains("五、存在"));
        let offset = nth(&text, "六、其他需要报告的事项", 0) - 1;
        let items = complete(&text, offset);
        assert_eq!(items[0].label, "五、存在的主要问题及改进情况");
        assert_eq!(items[0].insert_text, crate::spec::section(5).heading());
        assert_eq!(items[0].kind, CompletionKind::Heading);
        assert_eq!(items[0].replace, Span::empty(offset));
        assert_eq!(
            items
                .iter()
                .filter(|i| i.kind == CompletionKind::Heading)
                .count(),
            1
        );
        let sorted: Vec<&str> = items.iter().map(|i| i.sort_text.as_str()).collect();
        assert!(sorted.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn the_next_expected_heading_leads_the_missing_ones() {
        let three_heading = "三、收到和处理政府信息公开申请情况\n";
        let text = clean().replace(SECTION_FIVE, "").replace(three_heading, "");
        let offset = nth(&text, "六、其他需要报告的事项", 0) - 1;
        let items = complete(&text, offset);
        let headings: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == CompletionKind::Heading)
            .map(|i| i.label.as_str())
            .collect();
        assert_eq!(
            headings,
            [
                "五、存在的主要问题及改进情况",
                "三、收到和处理政府信息公开申请情况"
            ]
        );
    }

    #[test]
    fn a_typed_heading_is_replaced_after_its_marks() {
        let text = clean().replace(SECTION_FIVE, "## 五、存\n\n");
        let offset = nth(&text, "五、存", 0) + "五、存".len();
        let items = complete(&text, offset);
        let five = items
            .iter()
            .find(|i| i.kind == CompletionKind::Heading)
            .unwrap();
        assert_eq!(five.label, "五、存在的主要问题及改进情况");
        assert_eq!(&text[five.replace.start..five.replace.end], "五、存");
        // Not at a line start: no headings.
        let prose = nth(&text, "均按期答复。", 0) + "均按期答复。".len();
        assert!(complete(&text, prose).is_empty());
    }

    #[test]
    fn row_labels_inside_the_requests_table() {
        let row = "\t\t2.重复申请\t1\t0\t0\t0\t0\t0\t1\n";
        let text = clean().replace(row, "\t\t\n");
        let offset = nth(&text, "\t\t3.要求提供公开出版物", 0) - 1;
        assert_eq!(&text[offset - 3..offset], "\n\t\t");
        let items = complete(&text, offset);
        let labels = labels_of(&items);
        assert_eq!(labels[0], "2.重复申请", "{labels:?}");
        assert!(items[0].detail.as_deref().unwrap().contains("表中缺少"));
        assert!(items[0]
            .detail
            .as_deref()
            .unwrap()
            .contains("（五）不予处理"));
        assert_eq!(items[0].replace, Span::empty(offset));
        assert_eq!(items[0].kind, CompletionKind::Label);
        for spec in application_rows(Layout::Y2021) {
            assert!(labels.contains(&spec.label), "{}", spec.label);
        }
        for header in application_header_cells() {
            assert!(labels.contains(&header), "{header}");
        }
        // After a tab, not at a line start: no table templates, no headings.
        assert!(items
            .iter()
            .all(|i| matches!(i.kind, CompletionKind::Label | CompletionKind::Header)));

        // A label being typed is replaced from the cell start.
        let typed = clean().replace(row, "\t\t2.重\n");
        let offset = nth(&typed, "\t\t2.重\n", 0) + "\t\t2.重".len();
        let items = complete(&typed, offset);
        assert_eq!(&typed[items[0].replace.start..items[0].replace.end], "2.重");
    }

    #[test]
    fn labels_follow_the_layout_in_force_and_the_pipe_style() {
        let text = corpus("clean/2019-format2019-markdown.md");
        let line = nth(&text, "| 规章 |", 0);
        let offset = line + "| ".len();
        let items = complete(&text, offset);
        let labels = labels_of(&items);
        assert!(labels.contains(&"规范性文件"), "{labels:?}");
        assert!(!labels.contains(&"行政规范性文件"));
        assert!(labels.contains(&"第二十条第（九）项"));
        assert!(items.iter().all(|i| i.replace == Span::empty(offset)));
        assert!(items
            .iter()
            .all(|i| !i.detail.as_deref().unwrap().contains("缺少")));
    }

    #[test]
    fn review_headers_are_offered_once() {
        let text = clean();
        let offset = nth(&text, "行政复议\t\t", 0);
        let items = complete(&text, offset);
        let labels = labels_of(&items);
        assert_eq!(labels.iter().filter(|l| **l == "结果维持").count(), 1);
        assert!(labels.contains(&"未经复议直接起诉"));
        // At a line start in section 四: the table template too.
        let table = items.last().unwrap();
        assert_eq!(table.kind, CompletionKind::Table);
        assert_eq!(table.label, "表四：行政复议、行政诉讼情况表");
    }

    #[test]
    fn a_missing_table_is_offered_anywhere_at_a_line_start() {
        let text = clean();
        let start = nth(&text, "行政复议\t\t", 0);
        let end = nth(&text, "五、存在", 0);
        let text = format!("{}{}", &text[..start], &text[end..]);
        let (report, _) = analyzed(&text);
        assert!(report.reviews.is_none());
        let offset = nth(&text, "六、其他需要报告的事项", 0) + "六、其他需要报告的事项\n".len();
        let items = completions(&text, &report, offset, Locale::En);
        let tables: Vec<&CompletionItem> = items
            .iter()
            .filter(|i| i.kind == CompletionKind::Table)
            .collect();
        assert_eq!(tables.len(), 1, "{items:?}");
        assert_eq!(
            tables[0].label,
            "Table 4: reconsideration and litigation table"
        );
        assert_eq!(
            tables[0].insert_text,
            templates::table(TableKind::Reviews, Layout::Y2021, TableStyle::Tab)
        );
        assert_eq!(report.table_style, TableStyle::Tab);
        // In section 三 at a line start: 表三's template (and 表四's, still missing).
        let in_three = nth(&text, "一、本年新收", 0);
        let kinds: Vec<String> = completions(&text, &report, in_three, Locale::Zh)
            .into_iter()
            .filter(|i| i.kind == CompletionKind::Table)
            .map(|i| i.label)
            .collect();
        assert_eq!(
            kinds,
            [
                "表三：收到和处理政府信息公开申请情况表",
                "表四：行政复议、行政诉讼情况表"
            ]
        );
    }

    #[test]
    fn offsets_off_the_text_give_nothing() {
        let text = clean();
        let (report, _) = analyzed(&text);
        assert!(completions(&text, &report, text.len() + 1, Locale::Zh).is_empty());
        let inside_char = nth(&text, "某", 0) + 1;
        assert!(completions(&text, &report, inside_char, Locale::Zh).is_empty());
    }
}
