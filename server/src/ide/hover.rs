//! Hover: what a cell, a label, a heading or a finding means.

use crate::diag::{Diagnostic, Locale, Span};
use crate::facts;
use crate::parse::{
    ApplicationsTable, CellValue, DataRow, LabelCell, MatchQuality, ProactiveBlock, Report,
    ReviewsTable, Section, TitleMatch, ValueCell,
};
use crate::rules::narrative::{self, Claim, ClaimKind};
use crate::rules::Rule;
use crate::spec::{
    application_rows, proactive_blocks, section, BlockSpec, Identity, Layout, RowRole, TableKind,
    ValueKind, APPLICANT_COLUMNS, APPLICANT_GROUP_HEADERS, APPLICANT_TOTAL_COLUMN,
    APPLICATIONS_NOTE, LEGAL_BASIS_EN, LEGAL_BASIS_ZH, LITIGATION_HEADER, REVIEW_GROUPS,
    REVIEW_OUTCOMES,
};

use super::outline::heading_name;
use super::{md, table_title, touches, tr};

/// What the editor shows for a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverInfo {
    /// The range the hover is about (the cell, the heading, or the finding).
    pub span: Span,
    /// Markdown.
    pub markdown: String,
}

/// The hover at byte `offset`: the findings there (code, title and document of each rule),
/// then what the table cell, label or section heading there means; parts are separated by a
/// rule (`---`). `None` when there is nothing to say.
pub fn hover(
    text: &str,
    report: &Report,
    diagnostics: &[Diagnostic],
    offset: usize,
    locale: Locale,
) -> Option<HoverInfo> {
    if offset > text.len() {
        return None;
    }
    let mut parts = Vec::new();
    let mut span = None;
    let mut rules: Vec<Rule> = Vec::new();
    for d in diagnostics.iter().filter(|d| touches(d.span, offset)) {
        if !rules.contains(&d.rule) {
            rules.push(d.rule);
            parts.push(finding(d.rule, locale));
            span.get_or_insert(d.span);
        }
    }
    let place = find_place(report, offset)
        .map(|p| (p.span(), p.render(report, locale)))
        .or_else(|| narrative_pair(text, report, offset, locale))
        .or_else(|| heading(text, report, offset, locale));
    if let Some((at, markdown)) = place {
        parts.push(markdown);
        span = Some(at);
    }
    Some(HoverInfo {
        span: span?,
        markdown: parts.join("\n\n---\n\n"),
    })
}

fn finding(rule: Rule, locale: Locale) -> String {
    let doc = rule
        .doc(locale)
        .lines()
        .map(md)
        .collect::<Vec<_>>()
        .join("\n\n");
    format!(
        "**{}** `{}` · {}\n\n{doc}",
        rule.code(),
        rule.name(),
        md(rule.title(locale))
    )
}

// ---------------------------------------------------------------------------------------------
// Numbers in the text and the cells they are about

/// A count in the text (or `均获维持`) and the table cells it is about.
fn narrative_pair(
    text: &str,
    report: &Report,
    offset: usize,
    locale: Locale,
) -> Option<(Span, String)> {
    if !narrative::may_hold_claim(text, offset) {
        return None;
    }
    let claim = narrative::claims(text, report)
        .into_iter()
        .find(|c| touches(c.span, offset))?;
    Some((claim.span, pair_markdown(&claim, locale)))
}

fn pair_markdown(claim: &Claim, locale: Locale) -> String {
    let mut out = vec![format!(
        "**{}**",
        tr(locale, "正文与表格", "The text and the table")
    )];
    out.push(match (&claim.kind, locale) {
        (ClaimKind::Count { said, what_zh, .. }, Locale::Zh) => {
            format!("正文：{} {said} 件", md(what_zh))
        }
        (ClaimKind::Count { said, what_en, .. }, Locale::En) => {
            format!("Text: {said} ({})", md(what_en))
        }
        (ClaimKind::Zero { .. }, Locale::Zh) => {
            format!("正文：“{}”（应为 0）", md(&claim.written))
        }
        (ClaimKind::Zero { what_en, .. }, Locale::En) => {
            format!("Text: “{}” ({}, so 0)", md(&claim.written), md(what_en))
        }
        (ClaimKind::AllUpheld, Locale::Zh) => format!(
            "正文：“{}”（没有“{}”或“{}”的案件，应为 0）",
            md(&claim.written),
            REVIEW_OUTCOMES[1],
            REVIEW_OUTCOMES[3]
        ),
        (ClaimKind::AllUpheld, Locale::En) => format!(
            "Text: “{}” (all upheld: none corrected or pending, so 0)",
            md(&claim.written)
        ),
    });
    let said = claim.said();
    for reading in &claim.readings {
        let verdict = match (reading.value == said, locale) {
            (true, Locale::Zh) => "一致",
            (false, Locale::Zh) => "不一致",
            (true, Locale::En) => "agrees",
            (false, Locale::En) => "differs",
        };
        let mut line = match locale {
            Locale::Zh => format!(
                "表格：{} = {}（{verdict}）",
                md(&reading.what_zh),
                reading.value
            ),
            Locale::En => format!(
                "Table: {} = {} ({verdict})",
                md(&reading.what_en),
                reading.value
            ),
        };
        for cell in &reading.cells {
            line.push_str(&format!(
                "\n- {} › {} · {}{}{}",
                md(&table_title(cell.table, locale)),
                md(cell.row),
                md(cell.column),
                tr(locale, "：", ": "),
                cell.value
            ));
        }
        out.push(line);
    }
    out.join("\n\n")
}

// ---------------------------------------------------------------------------------------------
// Section headings

fn heading(text: &str, report: &Report, offset: usize, locale: Locale) -> Option<(Span, String)> {
    let s = report
        .sections
        .iter()
        .find(|s| !s.heading.is_empty() && touches(s.heading, offset))?;
    Some((s.heading, heading_markdown(text, report, s, locale)))
}

fn heading_markdown(text: &str, report: &Report, s: &Section, locale: Locale) -> String {
    let spec = section(s.number);
    let mut out = vec![format!("**{}**", md(&spec.heading()))];
    if s.title_match != TitleMatch::Exact {
        let written = heading_name(text, s).unwrap_or_default();
        let how = match s.title_match {
            TitleMatch::LongForm => tr(
                locale,
                "格式说明中的长标题，模板用上面的短标题",
                "the long wording of the format's notes; the template uses the short title above",
            ),
            TitleMatch::Typo => tr(
                locale,
                "与官方标题有出入",
                "differs from the official title",
            ),
            _ => tr(
                locale,
                "与格式规定的标题不同",
                "not the title the format prescribes",
            ),
        };
        out.push(match locale {
            Locale::Zh => format!("本处写作“{}”：{how}。", md(&written)),
            Locale::En => format!("Written here as “{}”: {how}.", md(&written)),
        });
    }
    out.push(match locale {
        Locale::Zh => format!("格式要求：{}", md(spec.requirement_zh)),
        Locale::En => format!("What the format requires: {}", md(spec.requirement_en)),
    });
    let format = match report.expected_layout {
        Some(layout) => tr(locale, layout.name_zh(), layout.name_en()).to_string(),
        None => match locale {
            Locale::Zh => format!(
                "报告年度不明：2019、2020年度报告适用{}，2021年度起适用{}",
                Layout::Y2019.name_zh(),
                Layout::Y2021.name_zh()
            ),
            Locale::En => format!(
                "the report year is unknown: {} applies to 2019 and 2020 reports, {} from 2021",
                Layout::Y2019.name_en(),
                Layout::Y2021.name_en()
            ),
        },
    };
    out.push(match locale {
        Locale::Zh => format!("依据：{LEGAL_BASIS_ZH}；格式：{format}"),
        Locale::En => format!("Basis: {LEGAL_BASIS_EN}; format: {format}"),
    });
    out.join("\n\n")
}

// ---------------------------------------------------------------------------------------------
// Table cells

/// A cell of a table, found by position.
enum Place<'r> {
    AppValue(&'r ApplicationsTable, &'r DataRow, usize),
    AppLabel(&'r ApplicationsTable, &'r DataRow),
    AppHeader(&'r LabelCell),
    ReviewValue(&'r ReviewsTable, usize),
    /// A header of 表四 and the index of its occurrence among headers with the same text.
    ReviewHeader(&'r LabelCell, usize),
    BlockValue(&'r ProactiveBlock, &'r DataRow, usize),
    BlockLabel(&'r ProactiveBlock, &'r DataRow),
    BlockHeader(&'r ProactiveBlock, &'r LabelCell),
    BlockTitle(&'r ProactiveBlock),
}

/// The cell at `offset`: a non-empty cell containing it first, else an empty cell at it.
fn find_place(report: &Report, offset: usize) -> Option<Place<'_>> {
    for strict in [true, false] {
        let hit = |span: Span| span.is_empty() != strict && touches(span, offset);
        if let Some(t) = &report.applications {
            for h in &t.headers {
                if hit(h.span) {
                    return Some(Place::AppHeader(h));
                }
            }
            for row in &t.rows {
                if hit(row.label.span) {
                    return Some(Place::AppLabel(t, row));
                }
                if let Some(c) = row.values.iter().position(|v| hit(v.span)) {
                    return Some(Place::AppValue(t, row, c));
                }
            }
        }
        if let Some(t) = &report.reviews {
            for (i, h) in t.headers.iter().enumerate() {
                if hit(h.span) {
                    let nth = t.headers[..i]
                        .iter()
                        .filter(|o| o.official == h.official)
                        .count();
                    return Some(Place::ReviewHeader(h, nth));
                }
            }
            if let Some(i) = t.values.iter().position(|v| hit(v.span)) {
                return Some(Place::ReviewValue(t, i));
            }
        }
        if let Some(t) = &report.proactive {
            for b in &t.blocks {
                if hit(b.title) {
                    return Some(Place::BlockTitle(b));
                }
                for h in &b.headers {
                    if hit(h.span) {
                        return Some(Place::BlockHeader(b, h));
                    }
                }
                for row in &b.rows {
                    if hit(row.label.span) {
                        return Some(Place::BlockLabel(b, row));
                    }
                    if let Some(c) = row.values.iter().position(|v| hit(v.span)) {
                        return Some(Place::BlockValue(b, row, c));
                    }
                }
            }
        }
    }
    None
}

impl Place<'_> {
    fn span(&self) -> Span {
        match self {
            Place::AppValue(_, row, c) | Place::BlockValue(_, row, c) => row.values[*c].span,
            Place::AppLabel(_, row) | Place::BlockLabel(_, row) => row.label.span,
            Place::AppHeader(h) | Place::ReviewHeader(h, _) | Place::BlockHeader(_, h) => h.span,
            Place::ReviewValue(t, i) => t.values[*i].span,
            Place::BlockTitle(b) => b.title,
        }
    }

    fn render(&self, report: &Report, locale: Locale) -> String {
        let mut out = Vec::new();
        match *self {
            Place::AppValue(table, row, c) => {
                out.push(format!(
                    "**{}** · **{}**",
                    md(row.label.official),
                    md(&applicant_column(c))
                ));
                out.push(context_line(
                    TableKind::Applications,
                    row_path(table.checked_as, row.label.official),
                    locale,
                ));
                out.extend(value_lines(report, &row.values[c], locale));
                out.extend(identities(&application_identities(table, row), locale));
            }
            Place::AppLabel(table, row) => {
                out.push(format!("**{}**", md(row.label.official)));
                out.push(context_line(
                    TableKind::Applications,
                    row_path(table.checked_as, row.label.official),
                    locale,
                ));
                add_role(&mut out, false, locale);
                out.extend(written(&row.label, locale));
                out.extend(identities(&application_identities(table, row), locale));
            }
            Place::AppHeader(h) => {
                let applicant_groups = [
                    APPLICANT_COLUMNS[0],
                    APPLICANT_GROUP_HEADERS[1],
                    APPLICANT_COLUMNS[APPLICANT_TOTAL_COLUMN],
                ];
                out.push(format!("**{}**", md(h.official)));
                out.push(context_line(TableKind::Applications, Vec::new(), locale));
                add_role(&mut out, true, locale);
                out.extend(written(h, locale));
                let (under, ids): (&[&str], &[Identity]) = if h.official == APPLICATIONS_NOTE {
                    (&[], &[Identity::ColumnBalance])
                } else if h.official == APPLICANT_GROUP_HEADERS[0] {
                    (&applicant_groups, &[])
                } else if h.official == APPLICANT_GROUP_HEADERS[1] {
                    (&APPLICANT_COLUMNS[1..APPLICANT_TOTAL_COLUMN], &[])
                } else if h.official == APPLICANT_COLUMNS[APPLICANT_TOTAL_COLUMN] {
                    (&[], &[Identity::RowSum])
                } else {
                    (
                        &[],
                        &[
                            Identity::ColumnBalance,
                            Identity::ResultsSum,
                            Identity::RowSum,
                        ],
                    )
                };
                out.extend(columns_under(under, locale));
                out.extend(identities(ids, locale));
            }
            Place::ReviewValue(table, i) => {
                let width = REVIEW_OUTCOMES.len();
                let (g, o) = (i / width, i % width);
                out.push(format!(
                    "**{}** · **{}**",
                    md(&review_group(g)),
                    md(REVIEW_OUTCOMES.get(o).copied().unwrap_or_default())
                ));
                out.push(context_line(TableKind::Reviews, Vec::new(), locale));
                out.extend(value_lines(report, &table.values[i], locale));
                out.extend(identities(&[Identity::ReviewSum], locale));
            }
            Place::ReviewHeader(h, nth) => {
                let in_group = REVIEW_OUTCOMES.contains(&h.official);
                if in_group {
                    let group = (nth < REVIEW_GROUPS.len()).then(|| review_group(nth));
                    out.push(match group {
                        Some(g) => format!("**{}** · **{}**", md(&g), md(h.official)),
                        None => format!("**{}**", md(h.official)),
                    });
                } else {
                    let g = REVIEW_GROUPS.iter().position(|g| *g == h.official);
                    out.push(format!(
                        "**{}**",
                        md(&g.map_or(h.official.to_string(), review_group))
                    ));
                }
                out.push(context_line(TableKind::Reviews, Vec::new(), locale));
                add_role(&mut out, true, locale);
                out.extend(written(h, locale));
                if h.official == LITIGATION_HEADER {
                    out.extend(columns_under(&REVIEW_GROUPS[1..], locale));
                } else if REVIEW_GROUPS.contains(&h.official) {
                    out.extend(columns_under(&REVIEW_OUTCOMES, locale));
                }
                if h.official != LITIGATION_HEADER {
                    out.extend(identities(&[Identity::ReviewSum], locale));
                }
            }
            Place::BlockValue(block, row, c) => {
                let column = block_spec(block).and_then(|s| s.columns.get(c));
                out.push(match column {
                    Some(col) => format!("**{}** · **{}**", md(row.label.official), md(col.header)),
                    None => format!("**{}**", md(row.label.official)),
                });
                out.push(context_line(
                    TableKind::Proactive,
                    vec![block_title(block)],
                    locale,
                ));
                out.extend(value_lines(report, &row.values[c], locale));
                if let Some(col) = column {
                    out.push(expects(col.kind, locale));
                }
            }
            Place::BlockLabel(block, row) => {
                out.push(format!("**{}**", md(row.label.official)));
                out.push(context_line(
                    TableKind::Proactive,
                    vec![block_title(block)],
                    locale,
                ));
                add_role(&mut out, false, locale);
                out.extend(written(&row.label, locale));
                if let Some(spec) = block_spec(block) {
                    let headers: Vec<&str> = spec.columns.iter().map(|c| c.header).collect();
                    out.extend(columns_under(&headers, locale));
                }
            }
            Place::BlockHeader(block, h) => {
                out.push(format!("**{}**", md(h.official)));
                out.push(context_line(
                    TableKind::Proactive,
                    vec![block_title(block)],
                    locale,
                ));
                add_role(&mut out, true, locale);
                out.extend(written(h, locale));
                let kind = block_spec(block)
                    .and_then(|s| s.columns.iter().find(|c| c.header == h.official))
                    .map(|c| c.kind);
                if let Some(kind) = kind {
                    out.push(expects(kind, locale));
                }
            }
            Place::BlockTitle(block) => {
                out.push(format!("**{}**", md(&block_title(block))));
                out.push(context_line(TableKind::Proactive, Vec::new(), locale));
                out.push(match locale {
                    Locale::Zh => format!(
                        "《条例》{}规定的主动公开内容，按{}填报。",
                        md(&block_title(block)),
                        block.checked_as.name_zh()
                    ),
                    Locale::En => format!(
                        "Item ({}) of article 20 of the Regulations, reported in {}.",
                        md(&block.item),
                        block.checked_as.name_en()
                    ),
                });
                match block_spec(block) {
                    Some(spec) => {
                        let headers: Vec<&str> = spec.columns.iter().map(|c| c.header).collect();
                        out.extend(columns_under(&headers, locale));
                        out.push(format!(
                            "{}{}",
                            tr(locale, "行：", "Rows: "),
                            md(&spec.rows.join(tr(locale, "、", ", ")))
                        ));
                    }
                    None => out.push(
                        tr(locale, "该格式没有这一项。", "The format has no such item.")
                            .to_string(),
                    ),
                }
            }
        }
        out.join("\n\n")
    }
}

/// The table's title, then where in it (group path or block).
fn context_line(kind: TableKind, path: Vec<String>, locale: Locale) -> String {
    let mut line = md(&table_title(kind, locale));
    for p in path {
        line.push_str(" › ");
        line.push_str(&md(&p));
    }
    line
}

/// Appends what the cell is (header or row label) to the context line.
fn add_role(out: &mut [String], header: bool, locale: Locale) {
    let what = match (header, locale) {
        (true, Locale::Zh) => " · 表头",
        (false, Locale::Zh) => " · 行标签",
        (true, Locale::En) => " · header cell",
        (false, Locale::En) => " · row label",
    };
    if let Some(line) = out.last_mut() {
        line.push_str(what);
    }
}

/// The 表三 header of a value column, with its group: `法人或其他组织 › 商业企业`.
fn applicant_column(c: usize) -> String {
    let name = APPLICANT_COLUMNS.get(c).copied().unwrap_or_default();
    if (1..APPLICANT_TOTAL_COLUMN).contains(&c) {
        format!("{} › {name}", APPLICANT_GROUP_HEADERS[1])
    } else {
        name.to_string()
    }
}

/// A 表四 group with the header above it: `行政诉讼 › 复议后起诉`.
fn review_group(g: usize) -> String {
    let name = REVIEW_GROUPS.get(g).copied().unwrap_or_default();
    if g == 0 {
        name.to_string()
    } else {
        format!("{LITIGATION_HEADER} › {name}")
    }
}

/// The group labels above a 表三 row, outermost first.
pub(super) fn row_path(layout: Layout, official: &str) -> Vec<String> {
    let rows = application_rows(layout);
    let mut path = Vec::new();
    let mut parent = rows
        .iter()
        .find(|r| r.label == official)
        .and_then(|r| r.parent);
    while let Some(p) = parent {
        path.insert(0, p.to_string());
        parent = rows.iter().find(|r| r.label == p).and_then(|r| r.parent);
    }
    path
}

/// The identities a 表三 row's cells take part in.
fn application_identities(table: &ApplicationsTable, row: &DataRow) -> Vec<Identity> {
    let role = application_rows(table.checked_as)
        .iter()
        .find(|r| r.label == row.label.official)
        .map(|r| r.role);
    let mut ids = Vec::new();
    if matches!(
        role,
        Some(RowRole::Received | RowRole::CarriedIn | RowRole::ResultsTotal | RowRole::CarriedOut)
    ) {
        ids.push(Identity::ColumnBalance);
    }
    if matches!(role, Some(RowRole::Result | RowRole::ResultsTotal)) {
        ids.push(Identity::ResultsSum);
    }
    ids.push(Identity::RowSum);
    ids
}

fn identities(ids: &[Identity], locale: Locale) -> Option<String> {
    if ids.is_empty() {
        return None;
    }
    let mut out = tr(locale, "勾稽关系：", "Identities:").to_string();
    for id in ids {
        out.push_str("\n- ");
        out.push_str(&md(tr(locale, id.describe_zh(), id.describe_en())));
    }
    Some(out)
}

fn columns_under(columns: &[&str], locale: Locale) -> Option<String> {
    (!columns.is_empty()).then(|| {
        format!(
            "{}{}",
            tr(locale, "下设各列：", "Columns: "),
            md(&columns.join(tr(locale, "、", ", ")))
        )
    })
}

/// The value as read, and for a total cell the computed value.
fn value_lines(report: &Report, cell: &ValueCell, locale: Locale) -> Vec<String> {
    let value = match (&cell.value, locale) {
        (CellValue::Number(_), _) => md(&cell.text),
        (CellValue::Blank, Locale::Zh) => "空白（未填写）".to_string(),
        (CellValue::Blank, Locale::En) => "blank".to_string(),
        (CellValue::Absent, Locale::Zh) => "缺失（这一行在此列之前就结束了）".to_string(),
        (CellValue::Absent, Locale::En) => "absent (the row ends before this column)".to_string(),
        (CellValue::NotNumber, Locale::Zh) => format!("“{}”（不是数字）", md(&cell.text)),
        (CellValue::NotNumber, Locale::En) => format!("“{}” (not a number)", md(&cell.text)),
        (CellValue::Unreadable, Locale::Zh) => "无法读取（数字连在一起，无法分列）".to_string(),
        (CellValue::Unreadable, Locale::En) => {
            "unreadable (digits ran together and cannot be split)".to_string()
        }
    };
    let mut out = vec![format!(
        "{}{value}",
        tr(locale, "表中数值：", "Value as read: ")
    )];
    let totals: Vec<facts::Total> = facts::totals(report)
        .into_iter()
        .filter(|t| std::ptr::eq(t.cell, cell))
        .collect();
    for t in &totals {
        let c = t.computed;
        let mut line = match (t.actual(), locale) {
            (Some(a), Locale::Zh) if a == c => format!("计算值：{c}（与表中一致）"),
            (Some(a), Locale::Zh) => format!("计算值：{c}（与表中 {a} 不一致）"),
            (None, Locale::Zh) => format!("计算值：{c}（表中没有数字）"),
            (Some(a), Locale::En) if a == c => format!("Computed: {c} (matches the table)"),
            (Some(a), Locale::En) => format!("Computed: {c} (the table says {a})"),
            (None, Locale::En) => format!("Computed: {c} (the table has no number here)"),
        };
        if totals.len() > 1 {
            line.push_str(tr(locale, "——", " — "));
            line.push_str(&md(tr(
                locale,
                t.identity.describe_zh(),
                t.identity.describe_en(),
            )));
        }
        out.push(line);
    }
    out
}

/// What a 表二 column takes.
pub(super) fn expects(kind: ValueKind, locale: Locale) -> String {
    let what = match (kind, locale) {
        (ValueKind::Count, Locale::Zh) => "非负整数".to_string(),
        (ValueKind::Count, Locale::En) => "a non-negative whole number".to_string(),
        (ValueKind::SignedCount, Locale::Zh) => "整数（减少时为负数）".to_string(),
        (ValueKind::SignedCount, Locale::En) => {
            "a whole number (negative for a decrease)".to_string()
        }
        (ValueKind::Amount { unit }, Locale::Zh) => match unit {
            Some(u) => format!("金额，可有小数，单位{u}（表头已注明，单元格只填数字）"),
            None => "金额，可有小数".to_string(),
        },
        (ValueKind::Amount { unit }, Locale::En) => match unit {
            Some(u) => format!(
                "an amount, decimals allowed, in {u} (the header gives the unit; the cell holds the number only)"
            ),
            None => "an amount, decimals allowed".to_string(),
        },
    };
    format!("{}{what}", tr(locale, "应填：", "Expected: "))
}

/// Where the written text differs from the official one, both and why.
fn written(cell: &LabelCell, locale: Locale) -> Option<String> {
    let text = cell.text.trim();
    if text == cell.official {
        return None;
    }
    let why = match (cell.quality, locale) {
        (MatchQuality::Exact, Locale::Zh) => "仅全半角、空格、标点或繁简不同",
        (MatchQuality::Exact, Locale::En) => {
            "differs only in width, spacing, punctuation or script"
        }
        (MatchQuality::Typo, Locale::Zh) => "疑似错别字",
        (MatchQuality::Typo, Locale::En) => "looks like a typo",
        (MatchQuality::Annotated, Locale::Zh) => "附加了格式没有的说明",
        (MatchQuality::Annotated, Locale::En) => "carries a note the format does not have",
        (MatchQuality::OtherLayout, Locale::Zh) => "是另一年度格式的写法",
        (MatchQuality::OtherLayout, Locale::En) => "is the other format's wording",
        (MatchQuality::Positional, Locale::Zh) => "与官方文本不符，按所在位置认定",
        (MatchQuality::Positional, Locale::En) => "does not match; identified by its position",
    };
    Some(match locale {
        Locale::Zh => format!(
            "表中写作“{}”，官方文本为“{}”：{why}。",
            md(text),
            md(cell.official)
        ),
        Locale::En => format!(
            "Written as “{}”; the official text is “{}”: {why}.",
            md(text),
            md(cell.official)
        ),
    })
}

/// The format's spec of a 表二 block, in the layout it was checked against.
fn block_spec(block: &ProactiveBlock) -> Option<&'static BlockSpec> {
    proactive_blocks(block.checked_as)
        .iter()
        .find(|b| b.item == block.item)
}

fn block_title(block: &ProactiveBlock) -> String {
    crate::spec::block_title(&block.item)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_support::{analyzed, clean, nth, seed_003};

    fn hover_at(text: &str, offset: usize, locale: Locale) -> HoverInfo {
        let (report, diagnostics) = analyzed(text);
        hover(text, &report, &diagnostics, offset, locale)
            .unwrap_or_else(|| panic!("no hover at {offset}"))
    }

    /// The offset of the `column`th number (0-based) after `label` on its line.
    fn value_on_line(text: &str, label: &str, column: usize) -> usize {
        let at = nth(text, label, 0) + label.len();
        let line_end = at + text[at..].find('\n').unwrap();
        let mut starts = Vec::new();
        let mut previous_digit = false;
        for (i, c) in text[at..line_end].char_indices() {
            let digit = c.is_ascii_digit() || (previous_digit && c == '.');
            if digit && !previous_digit {
                starts.push(at + i);
            }
            previous_digit = digit;
        }
        starts[column]
    }

    #[test]
    fn a_wrong_results_total_shows_the_computed_value_and_the_finding() {
        let text = seed_003();
        let (report, diagnostics) = analyzed(&text);
        let total_row = report
            .applications
            .as_ref()
            .unwrap()
            .row("（七）总计")
            .unwrap();
        let cell = &total_row.values[0];
        let h = hover(&text, &report, &diagnostics, cell.span.start, Locale::Zh).unwrap();
        assert_eq!(h.span, cell.span);
        assert!(
            h.markdown.contains("计算值：10（与表中 0 不一致）"),
            "{}",
            h.markdown
        );
        assert!(
            h.markdown.contains("**（七）总计** · **自然人**"),
            "{}",
            h.markdown
        );
        // The finding comes first, then the cell, separated by a rule.
        let (finding, cell_part) = h.markdown.split_once("\n\n---\n\n").unwrap();
        assert!(finding.starts_with("**NB302**"), "{finding}");
        assert!(finding.contains(Rule::IdentityResults.title(Locale::Zh)));
        assert!(cell_part.contains(Identity::ResultsSum.describe_zh()));
        assert!(cell_part.contains(Identity::ColumnBalance.describe_zh()));
        assert!(cell_part.contains(Identity::RowSum.describe_zh()));

        let en = hover(&text, &report, &diagnostics, cell.span.start, Locale::En).unwrap();
        assert!(
            en.markdown.contains("Computed: 10 (the table says 0)"),
            "{}",
            en.markdown
        );
        assert!(en
            .markdown
            .contains(Rule::IdentityResults.title(Locale::En)));
    }

    #[test]
    fn the_grand_total_cell_is_closed_by_two_identities() {
        let text = clean();
        let offset = value_on_line(&text, "（七）总计", 6);
        let h = hover_at(&text, offset, Locale::Zh);
        assert_eq!(&text[h.span.start..h.span.end], "13");
        assert_eq!(
            h.markdown.matches("计算值：13（与表中一致）").count(),
            2,
            "{}",
            h.markdown
        );
        assert!(!h.markdown.contains("---"), "no finding on a clean report");
    }

    #[test]
    fn an_ordinary_cell_names_its_row_column_and_identities() {
        let text = clean();
        let offset = value_on_line(&text, "1.本机关不掌握相关政府信息", 1);
        let h = hover_at(&text, offset, Locale::Zh);
        assert!(h
            .markdown
            .contains("**1.本机关不掌握相关政府信息** · **法人或其他组织 › 商业企业**"));
        assert!(
            h.markdown.contains("三、本年度办理结果 › （四）无法提供"),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("表中数值：1"));
        assert!(!h.markdown.contains("计算值"));
        assert!(!h.markdown.contains(Identity::ColumnBalance.describe_zh()));
        assert!(h.markdown.contains(Identity::ResultsSum.describe_zh()));
    }

    #[test]
    fn review_cells_and_headers() {
        let text = clean();
        let at = nth(&text, "\n1\t0\t0\t1\t2\t0", 0) + 1;
        let group_total = at + "1\t0\t0\t1\t".len();
        let h = hover_at(&text, group_total, Locale::Zh);
        assert!(
            h.markdown.contains("**行政复议** · **总计**"),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("计算值：2（与表中一致）"));
        assert!(h.markdown.contains(Identity::ReviewSum.describe_zh()));
        let third = hover_at(
            &text,
            at + "1\t0\t0\t1\t2\t0\t0\t0\t1\t1\t".len(),
            Locale::En,
        );
        assert!(
            third
                .markdown
                .contains("**行政诉讼 › 复议后起诉** · **结果维持**"),
            "{}",
            third.markdown
        );
        // The second 结果维持 header belongs to 未经复议直接起诉.
        let header = nth(&text, "结果维持", 1);
        let h = hover_at(&text, header, Locale::Zh);
        assert!(
            h.markdown
                .contains("**行政诉讼 › 未经复议直接起诉** · **结果维持**"),
            "{}",
            h.markdown
        );
    }

    #[test]
    fn proactive_cells_say_what_they_take() {
        let text = clean();
        let offset = nth(&text, "1.25", 0);
        let h = hover_at(&text, offset, Locale::Zh);
        assert!(
            h.markdown
                .contains("**行政事业性收费** · **本年收费金额（单位：万元）**"),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("第二十条第（八）项"));
        assert!(h.markdown.contains("单位万元"));
        let title = hover_at(&text, nth(&text, "第二十条第（五）项", 0), Locale::Zh);
        assert!(title.markdown.contains("行政许可"), "{}", title.markdown);
        assert!(title.markdown.contains("本年处理决定数量"));
    }

    #[test]
    fn a_misspelt_label_shows_the_official_text() {
        let text = clean().replace("本年废止件数", "本年度止件数");
        let h = hover_at(&text, nth(&text, "本年度止件数", 0), Locale::Zh);
        assert!(h.markdown.starts_with("**NB202**"), "{}", h.markdown);
        assert!(
            h.markdown
                .contains("表中写作“本年度止件数”，官方文本为“本年废止件数”：疑似错别字。"),
            "{}",
            h.markdown
        );
    }

    #[test]
    fn headings_give_the_requirement_and_the_legal_basis() {
        let text = clean();
        let h = hover_at(&text, nth(&text, "三、收到和处理", 0) + 3, Locale::Zh);
        assert!(h
            .markdown
            .starts_with("**三、收到和处理政府信息公开申请情况**"));
        assert!(h.markdown.contains("第五十条"), "{}", h.markdown);
        assert!(h.markdown.contains(section(3).requirement_zh));
        assert!(h.markdown.contains(Layout::Y2021.document_number()));
        let en = hover_at(&text, nth(&text, "五、存在", 0), Locale::En);
        assert!(
            en.markdown.contains("article 50 of the Regulations"),
            "{}",
            en.markdown
        );
        assert!(en.markdown.contains(section(5).requirement_en));

        let seed = seed_003();
        let h = hover_at(&seed, nth(&seed, "二、主动公开", 0), Locale::Zh);
        assert!(
            h.markdown.contains(Layout::Y2019.document_number()),
            "{}",
            h.markdown
        );
    }

    #[test]
    fn a_reworded_heading_says_how_it_differs() {
        let text = clean().replace(
            "五、存在的主要问题及改进情况",
            "五、政府信息公开工作存在的主要问题及改进情况",
        );
        let h = hover_at(&text, nth(&text, "五、政府", 0), Locale::Zh);
        assert!(h.markdown.contains("**NB106**"), "{}", h.markdown);
        assert!(h.markdown.contains("**五、存在的主要问题及改进情况**"));
        assert!(h
            .markdown
            .contains("本处写作“五、政府信息公开工作存在的主要问题及改进情况”"));
    }

    #[test]
    fn blank_and_absent_cells_are_found_at_their_position() {
        let text = clean().replace("行政强制\t0\t\t", "行政强制\t\t\t");
        let (report, diagnostics) = analyzed(&text);
        let blank = report.proactive.as_ref().unwrap().blocks[2].rows[1].values[0].clone();
        assert!(blank.span.is_empty());
        let h = hover(&text, &report, &diagnostics, blank.span.start, Locale::Zh).unwrap();
        assert_eq!(h.span, blank.span);
        assert!(h.markdown.contains("表中数值：空白"), "{}", h.markdown);
        // NB310 points at the row's label: its hover has the finding, then the label.
        let label = nth(&text, "行政强制", 0);
        let h = hover(&text, &report, &diagnostics, label, Locale::Zh).unwrap();
        let (finding, label_part) = h.markdown.split_once("\n\n---\n\n").unwrap();
        assert!(finding.starts_with("**NB310** `blank-cell`"), "{finding}");
        assert!(label_part.starts_with("**行政强制**"), "{label_part}");
        assert!(label_part.contains("本年处理决定数量"), "{label_part}");

        // An absent cell (the row ends early) is found at its empty span too.
        let text = clean().replace("\t\t\t9\t2\t0\t0\t1\t0\t12\n", "\t9\t2\t0\t0\t1\t0\n");
        let (report, diagnostics) = analyzed(&text);
        let row = report.applications.as_ref().unwrap().rows[0].clone();
        let absent = &row.values[6];
        assert!(absent.span.is_empty(), "{absent:?}");
        let h = hover(&text, &report, &diagnostics, absent.span.start, Locale::En).unwrap();
        assert!(
            h.markdown.contains("Value as read: absent"),
            "{}",
            h.markdown
        );
        // A row short of values leaves every column in doubt: no total is computed.
        assert!(!h.markdown.contains("Computed"), "{}", h.markdown);
    }

    #[test]
    fn a_number_in_the_text_shows_the_cell_it_is_about() {
        let text = clean();
        let at = nth(&text, "申请12件", 0) + "申请".len();
        let h = hover_at(&text, at, Locale::Zh);
        assert_eq!(&text[h.span.start..h.span.end], "12");
        assert!(h.markdown.starts_with("**正文与表格**"), "{}", h.markdown);
        assert!(
            h.markdown.contains("正文：收到申请 12 件"),
            "{}",
            h.markdown
        );
        assert!(
            h.markdown.contains(
                "表三：收到和处理政府信息公开申请情况表 › 一、本年新收政府信息公开申请数量 · 总计：12"
            ),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("= 12（一致）"), "{}", h.markdown);

        // A number that contradicts the table: the finding, then the pair.
        let text = clean().replace("申请12件", "申请15件");
        let at = nth(&text, "申请15件", 0) + "申请".len();
        let h = hover_at(&text, at, Locale::En);
        let (finding, pair) = h.markdown.split_once("\n\n---\n\n").unwrap();
        assert!(finding.starts_with("**NB402**"), "{finding}");
        assert!(pair.contains("Text: 15 (requests received)"), "{pair}");
        assert!(pair.contains("= 12 (differs)"), "{pair}");
        assert!(pair.contains("= 13 (differs)"), "{pair}");

        // A statement without a number, hovered in its middle.
        let text = clean().replace(
            "全年共收到政府信息公开申请12件",
            "全年未收到政府信息公开申请",
        );
        let at = nth(&text, "政府信息公开申请，", 0);
        let h = hover_at(&text, at, Locale::Zh);
        assert_eq!(&text[h.span.start..h.span.end], "未收到政府信息公开申请");
        assert!(
            h.markdown
                .contains("正文：“未收到政府信息公开申请”（应为 0）"),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("= 12（不一致）"), "{}", h.markdown);
    }

    #[test]
    fn nothing_to_say_in_prose() {
        let text = clean();
        let (report, diagnostics) = analyzed(&text);
        let offset = nth(&text, "政策解读形式", 0);
        assert_eq!(
            hover(&text, &report, &diagnostics, offset, Locale::Zh),
            None
        );
        assert_eq!(
            hover(&text, &report, &diagnostics, text.len() + 1, Locale::Zh),
            None
        );
    }
}
