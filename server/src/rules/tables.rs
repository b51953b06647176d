//! NB2xx: each table is present, with the official headers and row labels, in the layout of
//! the report's year, and in one layout throughout.

use crate::diag::{Applicability, Diagnostic, Edit, Fix, Localized, Span};
use crate::parse::{ApplicationsTable, LabelCell, MatchQuality, UnknownRow};
use crate::rules::{official_text_fix, Ctx, Rule};
use crate::spec::templates;
use crate::spec::{
    application_rows, block_title, proactive_blocks, Layout, SectionBody, TableKind,
    OTHER_PROCESSING_GROUP, REVIEW_ROW_NAME, SECTIONS,
};

pub(super) fn check(ctx: &mut Ctx) {
    missing_tables(ctx);
    labels(ctx);
    header_order(ctx);
    missing_parts(ctx);
    layouts(ctx);
    extra_cells(ctx);
}

fn table_span(ctx: &Ctx, kind: TableKind) -> Option<Span> {
    let r = ctx.report;
    match kind {
        TableKind::Proactive => r.proactive.as_ref().map(|t| t.span),
        TableKind::Applications => r.applications.as_ref().map(|t| t.span),
        TableKind::Reviews => r.reviews.as_ref().map(|t| t.span),
    }
}

fn missing_tables(ctx: &mut Ctx) {
    for spec in &SECTIONS {
        let SectionBody::Table(kind) = spec.body else {
            continue;
        };
        let Some(section) = ctx.report.section(spec.number) else {
            continue; // reported as a missing section
        };
        if table_span(ctx, kind).is_some() {
            continue;
        }
        let has_text = !ctx.slice(section.body).trim().is_empty();
        let table = templates::table(kind, ctx.template_layout(), ctx.style());
        let at = ctx.line_around(section.heading.start).end;
        let insert = format!("\n\n{}", table.trim_end_matches('\n'));
        let (zh_hint, en_hint) = if has_text {
            (
                "；如果表格是图片，检查器无法读取，请以文字表格提供",
                "; a table that is only an image cannot be read: provide it as text",
            )
        } else {
            ("", "")
        };
        ctx.emit(
            Diagnostic::new(
                Rule::TableMissing,
                section.heading,
                Localized::new(
                    format!(
                        "“{}”部分没有找到{}{}",
                        spec.heading(),
                        kind.name_zh(),
                        zh_hint
                    ),
                    format!(
                        "No {} found in section “{}”{}",
                        kind.name_en(),
                        spec.heading(),
                        en_hint
                    ),
                ),
            )
            .with_fix(Fix {
                title: Localized::new(
                    format!("插入空白的{}", kind.name_zh()),
                    format!("Insert the empty {}", kind.name_en()),
                ),
                applicability: Applicability::Unsafe,
                edits: vec![Edit::insert(at, insert)],
            }),
        );
    }
}

/// Header cells and row labels that are not the official text.
fn labels(ctx: &mut Ctx) {
    let report = ctx.report;
    let mut headers: Vec<&LabelCell> = Vec::new();
    let mut rows: Vec<&LabelCell> = Vec::new();
    let mut unknown: Vec<&UnknownRow> = Vec::new();
    if let Some(t) = &report.proactive {
        for b in &t.blocks {
            if b.title_quality != MatchQuality::Exact {
                block_title_finding(ctx, b.title, &block_title(&b.item), b.title_quality);
            }
            headers.extend(&b.headers);
            rows.extend(b.rows.iter().map(|r| &r.label));
            unknown.extend(&b.unknown_rows);
        }
    }
    if let Some(t) = &report.applications {
        headers.extend(&t.headers);
        rows.extend(t.rows.iter().map(|r| &r.label));
        unknown.extend(&t.unknown_rows);
    }
    if let Some(t) = &report.reviews {
        headers.extend(&t.headers);
    }
    for (cells, rule) in [(headers, Rule::HeaderCell), (rows, Rule::RowLabel)] {
        for cell in cells {
            if let Some(d) = label_finding(cell, rule) {
                ctx.emit(d);
            }
        }
    }
    for row in unknown {
        ctx.emit(Diagnostic::new(
            Rule::RowUnknown,
            row.span,
            Localized::new(
                format!("“{}”不是格式中的行，统一格式不允许自行增加行", row.text),
                format!(
                    "“{}” is not a row of the format, which allows no extra rows",
                    row.text
                ),
            ),
        ));
    }
}

/// A block title misnumbered (`第二十一条`) or cut short (`第二十条第`, its item then taken from
/// its place among the blocks): the block is read, and the title corrected.
fn block_title_finding(ctx: &mut Ctx, span: Span, official: &str, quality: MatchQuality) {
    let written = ctx.slice(span).to_string();
    let (message, applicability) = if quality == MatchQuality::Positional {
        (
            Localized::new(
                format!("表头“{written}”不完整，按位置应为“{official}”"),
                format!("Header cell “{written}” is cut short; by its place it is “{official}”"),
            ),
            Applicability::Unsafe,
        )
    } else {
        (
            Localized::new(
                format!("表头“{written}”有误，应为“{official}”"),
                format!("Header cell “{written}” is wrong; the format has “{official}”"),
            ),
            Applicability::Safe,
        )
    };
    ctx.emit(
        Diagnostic::new(Rule::HeaderCell, span, message).with_fix(official_text_fix(
            span,
            &written,
            official,
            applicability,
        )),
    );
}

fn label_finding(cell: &LabelCell, rule: Rule) -> Option<Diagnostic> {
    let what_zh = if rule == Rule::HeaderCell {
        "表头"
    } else {
        "行标签"
    };
    let what_en = if rule == Rule::HeaderCell {
        "Header cell"
    } else {
        "Row label"
    };
    let official = cell.official;
    let written = &cell.text;
    let (message, applicability) = match cell.quality {
        MatchQuality::Exact => return None,
        MatchQuality::Typo => (
            Localized::new(
                format!("{what_zh}“{written}”有误，应为“{official}”"),
                format!("{what_en} “{written}” is wrong; the format has “{official}”"),
            ),
            Applicability::Safe,
        ),
        MatchQuality::Annotated => (
            Localized::new(
                format!("{what_zh}“{written}”在官方文字“{official}”后加了格式中没有的说明"),
                format!("{what_en} “{written}” adds a note to the official “{official}”"),
            ),
            Applicability::Unsafe,
        ),
        MatchQuality::OtherLayout => (
            Localized::new(
                format!("{what_zh}“{written}”是另一年度格式的写法，本表应为“{official}”"),
                format!("{what_en} “{written}” belongs to the other year's format; this table has “{official}”"),
            ),
            Applicability::Unsafe,
        ),
        MatchQuality::Positional => (
            Localized::new(
                format!("{what_zh}“{written}”与格式不符，按位置应为“{official}”"),
                format!("{what_en} “{written}” does not match the format; by its position it is “{official}”"),
            ),
            Applicability::Unsafe,
        ),
    };
    let finding = Diagnostic::new(rule, cell.span, message);
    // A label wrapped over lines has other cells between its pieces: no one edit corrects it.
    if cell.wrapped {
        return Some(finding);
    }
    Some(finding.with_fix(official_text_fix(
        cell.span,
        written,
        official,
        applicability,
    )))
}

/// `the requests table` → `The requests table`, for the start of a sentence.
fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("“{s}”"))
        .collect::<Vec<_>>()
        .join("、")
}

fn missing_parts(ctx: &mut Ctx) {
    let report = ctx.report;
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut report_missing =
        |span: Span, headers: &[&str], rows: &[&str], table_zh: &str, table_en: &str| {
            if !headers.is_empty() {
                found.push(Diagnostic::new(
                    Rule::HeaderMissing,
                    span,
                    Localized::new(
                        format!("{table_zh}缺少表头：{}", list(headers)),
                        format!("{table_en} lacks header cells: {}", list(headers)),
                    ),
                ));
            }
            if !rows.is_empty() {
                found.push(Diagnostic::new(
                    Rule::RowMissing,
                    span,
                    Localized::new(
                        format!(
                            "{table_zh}缺少以下行：{}（没有发生的情形也要填 0）",
                            list(rows)
                        ),
                        format!("{table_en} lacks rows: {} (report none as 0)", list(rows)),
                    ),
                ));
            }
        };
    if let Some(t) = &report.proactive {
        for b in &t.blocks {
            report_missing(
                b.title,
                &b.missing_headers,
                &b.missing_rows,
                &block_title(&b.item),
                &format!("Item ({}) of article 20", b.item),
            );
        }
    }
    if let Some(t) = &report.applications {
        report_missing(
            t.span_head(),
            &t.missing_headers,
            &t.missing_rows,
            TableKind::Applications.name_zh(),
            &capitalized(TableKind::Applications.name_en()),
        );
    }
    if let Some(t) = &report.reviews {
        let head = t.headers.first().map_or(t.span, |h| h.span);
        report_missing(
            head,
            &t.missing_headers,
            &[],
            TableKind::Reviews.name_zh(),
            &capitalized(TableKind::Reviews.name_en()),
        );
    }
    for d in found {
        ctx.emit(d);
    }
    blocks_missing(ctx);
}

/// The layout 表二 is read in: forced, else the majority of its blocks, else the year's.
fn proactive_layout(ctx: &Ctx) -> Layout {
    let report = ctx.report;
    if report.layout_forced {
        return ctx.template_layout();
    }
    let Some(t) = &report.proactive else {
        return ctx.template_layout();
    };
    let count = |l: Layout| t.blocks.iter().filter(|b| b.layout == Some(l)).count();
    match count(Layout::Y2019).cmp(&count(Layout::Y2021)) {
        std::cmp::Ordering::Greater => Layout::Y2019,
        std::cmp::Ordering::Less => Layout::Y2021,
        std::cmp::Ordering::Equal => ctx.template_layout(),
    }
}

fn blocks_missing(ctx: &mut Ctx) {
    let Some(t) = &ctx.report.proactive else {
        return;
    };
    let layout = proactive_layout(ctx);
    let missing: Vec<&str> = proactive_blocks(layout)
        .iter()
        .map(|b| b.item)
        .filter(|item| !t.blocks.iter().any(|b| b.item == *item))
        .collect();
    if missing.is_empty() {
        return;
    }
    let titles: Vec<String> = missing.iter().map(|i| block_title(i)).collect();
    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
    let at = ctx.line_around(t.span.end).end;
    let insert = format!(
        "\n{}",
        templates::proactive_table(layout, ctx.style(), Some(&missing)).trim_end_matches('\n')
    );
    let span = t.blocks.first().map_or(t.span, |b| b.title);
    ctx.emit(
        Diagnostic::new(
            Rule::BlockMissing,
            span,
            Localized::new(
                format!("{}缺少{}", TableKind::Proactive.name_zh(), list(&titles)),
                format!("The proactive-disclosure table lacks {}", titles.join(", ")),
            ),
        )
        .with_fix(Fix {
            title: Localized::new("插入缺少的项目", "Insert the missing items"),
            applicability: Applicability::Unsafe,
            edits: vec![Edit::insert(at, insert)],
        }),
    );
}

/// Tables in the layout of another year, and reports that mix layouts.
fn layouts(ctx: &mut Ctx) {
    let report = ctx.report;
    let mut parts: Vec<(Span, Layout, String, String)> = Vec::new();
    if let Some(t) = &report.proactive {
        for b in &t.blocks {
            if let Some(l) = b.layout {
                parts.push((
                    b.title,
                    l,
                    block_title(&b.item),
                    format!("item ({}) of article 20", b.item),
                ));
            }
        }
    }
    if let Some(t) = &report.applications {
        if let Some(l) = t.layout {
            parts.push((
                applications_layout_evidence(t, l),
                l,
                TableKind::Applications.name_zh().into(),
                TableKind::Applications.name_en().into(),
            ));
        }
    }
    let mut year_findings = 0;
    if !report.layout_forced {
        if let (Some(expected), Some(year)) = (report.expected_layout, report.meta.year.as_ref()) {
            for (span, layout, zh, en) in &parts {
                if *layout != expected {
                    year_findings += 1;
                    ctx.emit(Diagnostic::new(
                        Rule::LayoutYear,
                        *span,
                        Localized::new(
                            format!(
                                "{zh}使用的是{}，但本报告为{}年度，应使用{}",
                                layout.name_zh(),
                                year.value,
                                expected.name_zh()
                            ),
                            format!(
                                "{en} follows {}, but this is a {} report, which uses {}",
                                layout.name_en(),
                                year.value,
                                expected.name_en()
                            ),
                        ),
                    ));
                }
            }
        }
    }
    let uses = |l: Layout| {
        parts
            .iter()
            .filter(|p| p.1 == l)
            .map(|p| p.2.clone())
            .collect::<Vec<_>>()
    };
    // With the report year known, every part in the other layout already has its NB208: the
    // mix is said only when nothing else says it.
    let (old, new) = (uses(Layout::Y2019), uses(Layout::Y2021));
    if year_findings == 0 && !old.is_empty() && !new.is_empty() {
        let first = parts[0].0;
        ctx.emit(Diagnostic::new(
            Rule::LayoutMixed,
            first,
            Localized::new(
                format!(
                    "本报告混用了两种格式：{}按2019年试行格式，{}按2021年格式",
                    old.join("、"),
                    new.join("、")
                ),
                format!(
                    "The report mixes formats: {} in the 2019 trial format, {} in the 2021 format",
                    old.join(", "),
                    new.join(", ")
                ),
            ),
        ));
    }
}

/// 表二 blocks whose header cells stand in another order than the format's columns: the values
/// are read in the format's order, so a swap puts numbers under the wrong column.
fn header_order(ctx: &mut Ctx) {
    let Some(t) = &ctx.report.proactive else {
        return;
    };
    let mut found = Vec::new();
    for b in &t.blocks {
        let Some(spec) = b.spec() else {
            continue;
        };
        let position = |h: &LabelCell| spec.columns.iter().position(|c| c.header == h.official);
        let columns: Vec<(&LabelCell, usize)> = b
            .headers
            .iter()
            .filter_map(|h| position(h).map(|p| (h, p)))
            .collect();
        let Some(pair) = columns.windows(2).find(|w| w[1].1 < w[0].1) else {
            continue;
        };
        let (before, after) = (pair[0].0, pair[1].0);
        let order: Vec<&str> = spec.columns.iter().map(|c| c.header).collect();
        found.push(Diagnostic::new(
            Rule::HeaderOrder,
            after.span,
            Localized::new(
                format!(
                    "{}的表头“{}”排在“{}”之前，与格式的列序不符（{}）；数值按格式的列序读取，请核对各列",
                    block_title(&b.item),
                    before.text,
                    after.text,
                    order.join("、")
                ),
                format!(
                    "In item ({}) of article 20 the header “{}” stands before “{}”, against the format's order ({}); values are read in the format's order: check each column",
                    b.item,
                    before.text,
                    after.text,
                    order.join(", ")
                ),
            ),
        ));
    }
    for d in found {
        ctx.emit(d);
    }
}

/// Where 表三 shows its layout: the first row only that layout has (a single-row （六）其他处理
/// for 2019, a row under it for 2021), else the table's head.
fn applications_layout_evidence(table: &ApplicationsTable, layout: Layout) -> Span {
    let other = Layout::ALL.into_iter().find(|l| *l != layout);
    table
        .rows
        .iter()
        .find(|r| {
            other.is_some_and(|o| {
                !application_rows(o)
                    .iter()
                    .any(|s| s.label == r.label.official)
            }) || (layout == Layout::Y2019 && r.label.official == OTHER_PROCESSING_GROUP)
        })
        .map_or(table.span_head(), |r| r.label.span)
}

fn extra_cells(ctx: &mut Ctx) {
    let report = ctx.report;
    let mut rows: Vec<(&[Span], String)> = Vec::new();
    if let Some(t) = &report.proactive {
        for b in &t.blocks {
            rows.extend(
                b.rows
                    .iter()
                    .map(|r| (r.extra.as_slice(), r.label.official.to_string())),
            );
        }
    }
    if let Some(t) = &report.applications {
        rows.extend(
            t.rows
                .iter()
                .map(|r| (r.extra.as_slice(), r.label.official.to_string())),
        );
    }
    if let Some(t) = &report.reviews {
        rows.push((t.extra.as_slice(), REVIEW_ROW_NAME.to_string()));
    }
    let found: Vec<Diagnostic> = rows
        .into_iter()
        .filter(|(extra, _)| !extra.is_empty())
        .map(|(extra, label)| {
            Diagnostic::new(
                Rule::ExtraCells,
                extra[0].cover(*extra.last().unwrap()),
                Localized::new(
                    format!(
                        "“{label}”一行多出 {} 个数值，格式中没有对应的列",
                        extra.len()
                    ),
                    format!(
                        "The row “{label}” has {} value(s) more than the format has columns",
                        extra.len()
                    ),
                ),
            )
        })
        .collect();
    for d in found {
        ctx.emit(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    fn report(year: u32, tables: &str) -> String {
        format!(
            "某局{year}年政府信息公开工作年度报告\n\n一、总体情况\n\n正文。\n\n二、主动公开政府信息情况\n\n{tables}\n\n三、收到和处理政府信息公开申请情况\n\n四、政府信息公开行政复议、行政诉讼情况\n\n五、存在的主要问题及改进情况\n\n问题。\n\n六、其他需要报告的事项\n\n本年度未收取信息处理费。\n"
        )
    }

    const BLOCKS_2021: &str = "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t1\t0\t3\n第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t5\n第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t0\n行政强制\t0\n第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t0";

    #[test]
    fn table_missing() {
        let text = report(2023, BLOCKS_2021);
        let found = findings(&text, Rule::TableMissing);
        assert_eq!(found.len(), 2, "三 and 四 have no table");
        assert!(findings(&text, Rule::TableMissing)
            .iter()
            .all(|d| !d.fixes.is_empty()));
    }

    #[test]
    fn header_typo_gets_a_safe_fix() {
        assert!(findings(&report(2023, BLOCKS_2021), Rule::HeaderCell).is_empty());
        let text = report(2023, &BLOCKS_2021.replace("本年废止件数", "本年度止件数"));
        let found = findings(&text, Rule::HeaderCell);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].fixes[0].edits[0].replacement, "废");
    }

    #[test]
    fn header_missing() {
        assert!(findings(&report(2023, BLOCKS_2021), Rule::HeaderMissing).is_empty());
        let text = report(2023, &BLOCKS_2021.replace("\t现行有效件数", ""));
        assert_eq!(findings(&text, Rule::HeaderMissing).len(), 1);
    }

    #[test]
    fn header_order() {
        assert!(findings(&report(2023, BLOCKS_2021), Rule::HeaderOrder).is_empty());
        let text = report(
            2023,
            &BLOCKS_2021.replace("本年废止件数\t现行有效件数", "现行有效件数\t本年废止件数"),
        );
        let found = findings(&text, Rule::HeaderOrder);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .zh
            .contains("表头“现行有效件数”排在“本年废止件数”之前"));
    }

    #[test]
    fn misnumbered_article_in_a_block_title() {
        let text = report(
            2023,
            &BLOCKS_2021.replacen("第二十条第（一）项", "第二十一条第(一)项", 1),
        );
        let found = findings(&text, Rule::HeaderCell);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.zh.contains("应为“第二十条第（一）项”"));
        // The block is read all the same: nothing else is missing.
        assert!(findings(&text, Rule::BlockMissing).is_empty());
        let (fixed, _) = crate::fix::apply_safe_fixes(&text, &found);
        assert!(findings(&fixed, Rule::HeaderCell).is_empty());
    }

    #[test]
    fn block_titles_cut_short_take_their_item_from_their_place() {
        let text = report(
            2023,
            &BLOCKS_2021.replace("第二十条第（五）项", "第二十条第"),
        );
        let found = findings(&text, Rule::HeaderCell);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .zh
            .contains("按位置应为“第二十条第（五）项”"));
        assert!(findings(&text, Rule::BlockMissing).is_empty());
        assert!(findings(&text, Rule::RowUnknown).is_empty());
    }

    #[test]
    fn row_label_typo() {
        assert!(findings(&report(2023, BLOCKS_2021), Rule::RowLabel).is_empty());
        let text = report(
            2023,
            &BLOCKS_2021.replace("行政规范性文件", "行政规范性文件件"),
        );
        assert_eq!(findings(&text, Rule::RowLabel).len(), 1);
    }

    #[test]
    fn row_missing_and_unknown() {
        let text = report(2023, BLOCKS_2021);
        assert!(findings(&text, Rule::RowMissing).is_empty());
        assert!(findings(&text, Rule::RowUnknown).is_empty());
        let text = report(
            2023,
            &BLOCKS_2021.replace("行政强制\t0", "其他主动公开文件\t4"),
        );
        assert_eq!(findings(&text, Rule::RowMissing).len(), 1);
        assert_eq!(findings(&text, Rule::RowUnknown).len(), 1);
    }

    #[test]
    fn block_missing() {
        assert!(findings(&report(2023, BLOCKS_2021), Rule::BlockMissing).is_empty());
        let cut = BLOCKS_2021.find("第二十条第（八）项").unwrap();
        let found = findings(&report(2023, &BLOCKS_2021[..cut]), Rule::BlockMissing);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.zh.contains("第二十条第（八）项"));
    }

    const BLOCK_2019: &str = "第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n规范性文件\t1\t0\t3";

    #[test]
    fn layout_year() {
        assert!(findings(&report(2023, BLOCKS_2021), Rule::LayoutYear).is_empty());
        let text = report(
            2023,
            &BLOCKS_2021.replace(
                &BLOCKS_2021[..BLOCKS_2021.find("第二十条第（五）项").unwrap()],
                &format!("{BLOCK_2019}\n"),
            ),
        );
        let found = findings(&text, Rule::LayoutYear);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.zh.contains("2023年度"));
        // The year's finding says it all: the mix is not said a second time.
        assert!(findings(&text, Rule::LayoutMixed).is_empty());
    }

    #[test]
    fn labels_right_for_the_year_are_not_wrong_under_other_headers() {
        // 2019 headers over the 2021 row 行政规范性文件 in a 2024 report: the block's layout is
        // the one error; the row label is right for 2024.
        let block = BLOCK_2019.replace("规范性文件\t1", "行政规范性文件\t1");
        let text = report(
            2024,
            &BLOCKS_2021.replace(
                &BLOCKS_2021[..BLOCKS_2021.find("第二十条第（五）项").unwrap()],
                &format!("{block}\n"),
            ),
        );
        assert_eq!(findings(&text, Rule::LayoutYear).len(), 1);
        assert!(findings(&text, Rule::RowLabel).is_empty());
    }

    #[test]
    fn layout_mixed_needs_two_layouts_and_no_year() {
        assert!(findings(&report(2023, BLOCKS_2021), Rule::LayoutMixed).is_empty());
        let mixed = BLOCKS_2021.replace(
            &BLOCKS_2021[..BLOCKS_2021.find("第二十条第（五）项").unwrap()],
            &format!("{BLOCK_2019}\n"),
        );
        let text = report(2023, &mixed).replacen("2023年", "", 1);
        assert_eq!(findings(&text, Rule::LayoutMixed).len(), 1);
    }

    #[test]
    fn extra_cells() {
        assert!(findings(&report(2023, BLOCKS_2021), Rule::ExtraCells).is_empty());
        let text = report(
            2023,
            &BLOCKS_2021.replace("规章\t0\t0\t0", "规章\t0\t0\t0\t9"),
        );
        assert_eq!(findings(&text, Rule::ExtraCells).len(), 1);
    }
}
