//! NB4xx: what the text says: the fee statement, numbers that contradict the tables,
//! placeholders, the format cited, the date, document numbers, the script, the year.

use std::sync::LazyLock;

use regex::Regex;

use crate::diag::{Applicability, Diagnostic, Edit, Fix, Localized, Span};
use crate::facts::rows_with_role;
use crate::parse::{ApplicationsTable, Date};
use crate::rules::narrative::{claims, ClaimKind, Reading};
use crate::rules::{replace_fix, Ctx, Rule};
use crate::spec::{
    application_rows, section, Layout, RowRole, APPLICANT_TOTAL_COLUMN, FEE_NIL_STATEMENT,
    FEE_TERM, FORMAT_NOTICE_ISSUER, OTHER_PROCESSING_GROUP, REVIEW_OUTCOMES,
};
use crate::text::{is_traditional, FoldedView};

pub(super) fn check(ctx: &mut Ctx) {
    fee_statement(ctx);
    narrative(ctx);
    placeholders(ctx);
    superseded_format(ctx);
    signature_date(ctx);
    document_numbers(ctx);
    traditional(ctx);
    report_year(ctx);
    other_processing(ctx);
    super::preamble::check(ctx);
    super::dates::check(ctx);
    super::wording::check(ctx);
}

fn folded<'a>(ctx: &Ctx<'a>, span: Span) -> FoldedView<'a> {
    ctx.folded.view(span)
}

fn fee_statement(ctx: &mut Ctx) {
    if ctx.report.expected_layout != Some(Layout::Y2021) {
        return;
    }
    let Some(six) = ctx.report.section(6) else {
        return;
    };
    let body = Span::new(
        six.body.start,
        six.body.end.min(ctx.first_copy_end()).max(six.body.start),
    );
    if folded(ctx, body).text.contains(FEE_TERM) {
        return;
    }
    let at = body.start;
    let prefix = if ctx.text[..at].ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    ctx.emit(
        Diagnostic::new(
            Rule::FeeStatement,
            six.heading,
            Localized::new(
                format!("“{}”没有报告{FEE_TERM}情况；2021年格式要求在此专门报告收取{FEE_TERM}的情况，未收取的也应写明", section(6).heading()),
                format!("“{}” says nothing about {FEE_TERM}; the 2021 format requires the fees charged (or that none were) to be reported here", section(6).heading()),
            ),
        )
        .with_fix(Fix {
            title: Localized::new(format!("插入“{FEE_NIL_STATEMENT}”（请核实）"), format!("Insert “{FEE_NIL_STATEMENT}” (check it is true)")),
            applicability: Applicability::Unsafe,
            edits: vec![Edit::insert(at, format!("{prefix}{FEE_NIL_STATEMENT}\n"))],
        }),
    );
}

/// The 总计 cell of the first row playing `role`, if it holds a whole number.
fn total_of(table: &ApplicationsTable, role: RowRole) -> Option<i64> {
    rows_with_role(table, role)
        .first()
        .and_then(|r| r.values[APPLICANT_TOTAL_COLUMN].integer())
}

/// The sum of the 总计 cells of the data rows under `group`, if all hold whole numbers.
fn group_total(table: &ApplicationsTable, group: &str) -> Option<i64> {
    let spec = application_rows(table.checked_as);
    table
        .rows
        .iter()
        .filter(|r| {
            r.label.official == group
                || spec
                    .iter()
                    .any(|s| s.label == r.label.official && s.parent == Some(group))
        })
        .try_fold(0, |acc, r| {
            r.values[APPLICANT_TOTAL_COLUMN].integer().map(|v| acc + v)
        })
}

/// W4: every count the text states about a table cell (`rules::narrative`), against the cell.
fn narrative(ctx: &mut Ctx) {
    for claim in claims(ctx.text, ctx.report) {
        if claim.agrees() {
            continue;
        }
        let first = &claim.readings[0];
        // Other readings, when they tell something the first does not.
        let others: Vec<&Reading> = claim.readings[1..]
            .iter()
            .filter(|r| r.value != first.value)
            .collect();
        let message = match claim.kind {
            ClaimKind::Count {
                said,
                what_zh,
                what_en,
            } => {
                let also_zh: String = others
                    .iter()
                    .map(|r| format!("；{}为 {}", r.what_zh, r.value))
                    .collect();
                let also_en: String = others
                    .iter()
                    .map(|r| format!("; {} is {}", r.what_en, r.value))
                    .collect();
                Localized::new(
                    format!(
                        "正文称{what_zh} {said} 件，但{}为 {}{also_zh}",
                        first.what_zh, first.value
                    ),
                    format!(
                        "The text says {said} ({what_en}), but {} is {}{also_en}",
                        first.what_en, first.value
                    ),
                )
            }
            ClaimKind::Zero { .. } => Localized::new(
                format!(
                    "正文称“{}”，但{}为 {}",
                    claim.written, first.what_zh, first.value
                ),
                format!(
                    "The text says “{}” (none), but {} is {}",
                    claim.written, first.what_en, first.value
                ),
            ),
            ClaimKind::AllUpheld => Localized::new(
                format!(
                    "正文称“{}”，但{}为 {}：有“{}”或“{}”的案件",
                    claim.written, first.what_zh, first.value, REVIEW_OUTCOMES[1], REVIEW_OUTCOMES[3]
                ),
                format!(
                    "The text says “{}” (all upheld), but {} is {}: some cases were corrected or are pending",
                    claim.written, first.what_en, first.value
                ),
            ),
        };
        let mut d = Diagnostic::new(Rule::NarrativeMismatch, claim.span, message);
        let mut seen = Vec::new();
        for reading in &claim.readings {
            for cell in &reading.cells {
                if seen.contains(&cell.span) {
                    continue;
                }
                seen.push(cell.span);
                d = d.with_related(
                    cell.span,
                    Localized::new(
                        format!("“{}”·{}：{}", cell.row, cell.column, cell.value),
                        format!("{} · {}: {}", cell.row, cell.column, cell.value),
                    ),
                );
            }
        }
        ctx.emit(d);
    }
}

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\(\s*文字描述[^)]{0,40}\)|(?:^|[^A-Za-z])([X]{2,}|[x]{3,}|×{2,}|○{2,})(?:[^A-Za-z]|$)",
    )
    .unwrap()
});

fn placeholders(ctx: &mut Ctx) {
    let f = folded(ctx, Span::new(0, ctx.text.len()));
    let mut found = Vec::new();
    for m in PLACEHOLDER.captures_iter(f.text) {
        let g = m.get(1).unwrap_or_else(|| m.get(0).unwrap());
        let span = f.source_span(g.start(), g.end());
        found.push(span);
    }
    for span in found {
        let shown = ctx.slice(span).to_string();
        ctx.emit(Diagnostic::new(
            Rule::Placeholder,
            span,
            Localized::new(
                format!("“{shown}”是模板占位文字，发布前应替换为实际内容"),
                format!("“{shown}” is template placeholder text; replace it before publishing"),
            ),
        ));
    }
}

static TRIAL_FORMAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[〔\[(]\s*2019\s*[〕\])]\s*60\s*号|年度报告格式\s*\(\s*试行\s*\)").unwrap()
});

fn superseded_format(ctx: &mut Ctx) {
    if ctx.report.expected_layout != Some(Layout::Y2021) || ctx.report.layout_forced {
        return;
    }
    let f = folded(ctx, Span::new(0, ctx.text.len()));
    let spans: Vec<Span> = TRIAL_FORMAT
        .find_iter(f.text)
        .map(|m| f.source_span(m.start(), m.end()))
        .collect();
    for span in spans {
        ctx.emit(Diagnostic::new(
            Rule::SupersededFormat,
            span,
            Localized::new(
                format!(
                    "引用了已被取代的2019年试行格式；2021年及以后的年度报告应依据{}",
                    Layout::Y2021.document_number()
                ),
                format!(
                    "Cites the superseded 2019 trial format; reports for 2021 onward follow {}",
                    Layout::Y2021.document_number()
                ),
            ),
        ));
    }
}

fn signature_date(ctx: &mut Ctx) {
    let meta = &ctx.report.meta;
    let (Some(date), Some(year)) = (&meta.date, &meta.year) else {
        return;
    };
    if meta.year_inferred {
        return;
    }
    let agency = meta.agency.as_ref().map_or("", |a| a.value.as_str());
    // Local governments (not townships) publish by 31 March; departments and townships by 31 January.
    let government = agency.ends_with("人民政府")
        && !["乡人民政府", "镇人民政府", "街道"]
            .iter()
            .any(|s| agency.contains(s));
    let deadline = Date {
        year: year.value + 1,
        month: if government { 3 } else { 1 },
        day: 31,
    };
    let year_end = Date {
        year: year.value + 1,
        month: 1,
        day: 1,
    };
    let d = date.value;
    let shown = format!("{}年{}月{}日", d.year, d.month, d.day);
    let message = if d > deadline {
        Localized::new(
            format!(
                "落款日期{shown}晚于法定期限{}年{}月{}日（《政府信息公开条例》第四十九条）",
                deadline.year, deadline.month, deadline.day
            ),
            format!(
                "The date {shown} is after the legal deadline {}-{:02}-{:02} (article 49)",
                deadline.year, deadline.month, deadline.day
            ),
        )
    } else if d < year_end {
        Localized::new(
            format!(
                "落款日期{shown}早于{}年度结束；年度数据的核定时间点为12月31日",
                year.value
            ),
            format!(
                "The date {shown} is before the end of {}; the data are as of 31 December",
                year.value
            ),
        )
    } else {
        return;
    };
    ctx.emit(Diagnostic::new(Rule::SignatureDate, date.span, message));
}

static NOTICE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([\p{Han}]{2,8})[〔\[(]\s*(2019|2021)\s*[〕\])]\s*(60|30)\s*号").unwrap()
});

/// `国开公开函〔2019〕60号`, `国办公开办涵〔2021〕30号`: the format notices, misspelt.
fn document_numbers(ctx: &mut Ctx) {
    let f = folded(ctx, Span::new(0, ctx.text.len()));
    let mut found = Vec::new();
    for m in NOTICE_NUMBER.captures_iter(f.text) {
        let prefix = m.get(1).unwrap();
        // The issuer is the part from its last 国.
        let Some(at) = prefix.as_str().rfind('国') else {
            continue;
        };
        let issuer = &prefix.as_str()[at..];
        if issuer == FORMAT_NOTICE_ISSUER {
            continue;
        }
        let distance = strsim::levenshtein(issuer, FORMAT_NOTICE_ISSUER);
        if distance > 3 {
            continue;
        }
        let start = prefix.start() + at;
        found.push(f.source_span(start, prefix.end()));
    }
    for span in found {
        let written = ctx.slice(span).to_string();
        ctx.emit(
            Diagnostic::new(
                Rule::DocumentNumber,
                span,
                Localized::new(
                    format!("文号“{written}”有误，应为“{FORMAT_NOTICE_ISSUER}”"),
                    format!("“{written}” is misspelt; the issuer is “{FORMAT_NOTICE_ISSUER}”"),
                ),
            )
            .with_fix(replace_fix(
                span,
                FORMAT_NOTICE_ISSUER,
                Localized::new(
                    format!("改为“{FORMAT_NOTICE_ISSUER}”"),
                    format!("Change to “{FORMAT_NOTICE_ISSUER}”"),
                ),
                Applicability::Safe,
            )),
        );
    }
}

/// Enough Traditional-only characters that the text is in Traditional script.
const TRADITIONAL_MIN_CHARS: usize = 10;

fn traditional(ctx: &mut Ctx) {
    let mut han = 0usize;
    let mut trad = 0usize;
    let mut first: Option<usize> = None;
    for (i, c) in ctx.text.char_indices() {
        if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            han += 1;
            if is_traditional(c) {
                trad += 1;
                first.get_or_insert(i);
            }
        }
    }
    // A few Traditional forms also occur in Simplified text (names, quotations); a script is
    // judged by share, not by one character.
    if trad < TRADITIONAL_MIN_CHARS || trad * 20 < han {
        return;
    }
    let at = first.unwrap_or(0);
    let span = ctx.line_around(at);
    ctx.emit(Diagnostic::new(
        Rule::TraditionalCharacters,
        span,
        Localized::new(
            format!("报告使用了繁体字（{trad} 个），政府公文应使用规范汉字；繁体文本多来自镜像网站的转换"),
            format!("The report is written in Traditional characters ({trad}); official documents use Simplified characters"),
        ),
    ));
}

fn report_year(ctx: &mut Ctx) {
    let meta = &ctx.report.meta;
    if meta.year.is_some() && !meta.year_inferred {
        return;
    }
    let span = meta
        .title
        .as_ref()
        .map(|t| t.span)
        .unwrap_or_else(|| ctx.line_around(ctx.text.len() - ctx.text.trim_start().len()));
    let message = match &meta.year {
        Some(y) => {
            // Say where the year came from: the signature date, or a sentence of the text
            // (the statistics period, a title inside a long line).
            let from_date = meta.date.as_ref().is_some_and(|d| d.span == y.span);
            let (zh, en) = if from_date {
                ("落款日期", "the signature date")
            } else {
                ("正文", "the text")
            };
            Localized::new(
                format!("标题没有写明报告年度（按{zh}推定为{}年度）；应写作“XX{}年政府信息公开工作年度报告”", y.value, y.value),
                format!("The title does not state the year (taken as {} from {en}); write “…{}年政府信息公开工作年度报告”", y.value, y.value),
            )
        }
        None => Localized::new(
            "无法确定报告年度：标题应写明年度，例如“XX局2024年政府信息公开工作年度报告”",
            "The report year cannot be determined: the title should state it, e.g. XX局2024年政府信息公开工作年度报告",
        ),
    };
    ctx.emit(Diagnostic::new(Rule::ReportYear, span, message));
}

/// Share of 其他处理 in all results above which the 2019 notes ask for attention.
const OTHER_PROCESSING_SHARE: f64 = 0.2;
const OTHER_PROCESSING_MIN_TOTAL: i64 = 5;

fn other_processing(ctx: &mut Ctx) {
    let Some(table) = &ctx.report.applications else {
        return;
    };
    let Some(total) = total_of(table, RowRole::ResultsTotal) else {
        return;
    };
    let spec = application_rows(table.checked_as);
    let in_group = |official: &str| {
        official == OTHER_PROCESSING_GROUP
            || spec
                .iter()
                .any(|s| s.label == official && s.parent == Some(OTHER_PROCESSING_GROUP))
    };
    let Some(other) = group_total(table, OTHER_PROCESSING_GROUP) else {
        return;
    };
    if total < OTHER_PROCESSING_MIN_TOTAL || (other as f64) <= OTHER_PROCESSING_SHARE * total as f64
    {
        return;
    }
    let span = table
        .rows
        .iter()
        .find(|r| in_group(r.label.official))
        .map_or(table.span_head(), |r| r.label.span);
    ctx.emit(Diagnostic::new(
        Rule::OtherProcessingHigh,
        span,
        Localized::new(
            format!("“{OTHER_PROCESSING_GROUP}”共 {other} 件，占办理结果总计 {total} 件的 {:.0}%；格式说明要求关注该项数量偏高的情况", other as f64 * 100.0 / total as f64),
            format!("{OTHER_PROCESSING_GROUP} is {other} of {total} results ({:.0}%); the format's notes ask for attention when it is high", other as f64 * 100.0 / total as f64),
        ),
    ));
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    fn report(year: u32, one: &str, six: &str) -> String {
        format!("某局{year}年政府信息公开工作年度报告\n\n一、总体情况\n\n{one}\n\n二、主动公开政府信息情况\n\n三、收到和处理政府信息公开申请情况\n\n一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n（一）予以公开\t3\t0\t0\t0\t0\t0\t3\n（六）其他处理\t0\t0\t0\t0\t0\t0\t0\n（七）总计\t3\t0\t0\t0\t0\t0\t3\n四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n\n四、政府信息公开行政复议、行政诉讼情况\n\n五、存在的主要问题及改进情况\n\n问题。\n\n六、其他需要报告的事项\n\n{six}\n")
    }

    const FEE: &str = "本年度未收取信息处理费。";

    #[test]
    fn fee_statement() {
        assert!(findings(&report(2023, "正文。", FEE), Rule::FeeStatement).is_empty());
        assert!(
            findings(&report(2020, "正文。", "无。"), Rule::FeeStatement).is_empty(),
            "not required in 2020"
        );
        let text = report(2023, "正文。", "无。");
        let found = findings(&text, Rule::FeeStatement);
        assert_eq!(found.len(), 1);
        let (fixed, _) = crate::fix::apply_edits(&text, &found[0].fixes[0].edits);
        assert!(findings(&fixed, Rule::FeeStatement).is_empty());
        assert!(fixed.contains("无。"), "the author's words stay");
    }

    #[test]
    fn narrative_mismatch() {
        let agrees = "全年共收到政府信息公开申请3件，予以公开3件，办结3件，结转下年度0件。";
        assert!(findings(&report(2023, agrees, FEE), Rule::NarrativeMismatch).is_empty());
        let text = report(
            2023,
            "全年共收到政府信息公开申请5件，予以公开3件，结转下年度2件。",
            FEE,
        );
        let found = findings(&text, Rule::NarrativeMismatch);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(&text[found[0].span.start..found[0].span.end], "5");
        assert!(
            found[0].message.zh.starts_with(
                "正文称收到申请 5 件，但表三“一、本年新收政府信息公开申请数量”（总计）为 3"
            ),
            "{}",
            found[0].message.zh
        );
        // The cells are related places: 一 and 二 (the reading with last year's carried-over).
        assert_eq!(found[0].related.len(), 2);
        assert_eq!(
            &text[found[0].related[0].span.start..found[0].related[0].span.end],
            "3"
        );
        assert!(found[1].message.zh.contains("结转下年度继续办理 2 件"));
    }

    #[test]
    fn placeholder() {
        assert!(findings(&report(2023, "正文。", FEE), Rule::Placeholder).is_empty());
        assert_eq!(
            findings(&report(2023, "（文字描述）", FEE), Rule::Placeholder).len(),
            1
        );
        assert_eq!(
            findings(
                &report(2023, "XX年主动公开信息××条。", FEE),
                Rule::Placeholder
            )
            .len(),
            2
        );
    }

    #[test]
    fn superseded_format() {
        let cites = "依据国办公开办函〔2019〕60号编制。";
        assert!(findings(&report(2020, cites, "无。"), Rule::SupersededFormat).is_empty());
        assert_eq!(
            findings(&report(2023, cites, FEE), Rule::SupersededFormat).len(),
            1
        );
    }

    #[test]
    fn signature_date() {
        let signed = |date: &str| format!("{}\n某局\n{date}\n", report(2023, "正文。", FEE));
        assert!(findings(&signed("2024年1月20日"), Rule::SignatureDate).is_empty());
        assert_eq!(
            findings(&signed("2024年2月20日"), Rule::SignatureDate).len(),
            1
        );
        assert_eq!(
            findings(&signed("2023年12月20日"), Rule::SignatureDate).len(),
            1
        );
    }

    #[test]
    fn document_number() {
        assert!(findings(
            &report(2023, "依据国办公开办函〔2021〕30号编制。", FEE),
            Rule::DocumentNumber
        )
        .is_empty());
        let text = report(2023, "依据国办公开办涵〔2021〕30号编制。", FEE);
        let found = findings(&text, Rule::DocumentNumber);
        assert_eq!(found.len(), 1);
        let (fixed, _) = crate::fix::apply_safe_fixes(&text, &found);
        assert!(fixed.contains("依据国办公开办函〔2021〕30号"));
    }

    #[test]
    fn traditional_characters() {
        assert!(findings(&report(2023, "正文。", FEE), Rule::TraditionalCharacters).is_empty());
        let text = report(
            2023,
            "本機關認真貫徹執行條例，規範處理申請，積極推進政務公開，應公開盡公開。",
            FEE,
        );
        assert_eq!(findings(&text, Rule::TraditionalCharacters).len(), 1);
    }

    #[test]
    fn report_year() {
        assert!(findings(&report(2023, "正文。", FEE), Rule::ReportYear).is_empty());
        let text = report(2023, "正文。", FEE).replace("2023年", "");
        assert_eq!(findings(&text, Rule::ReportYear).len(), 1);
    }

    #[test]
    fn other_processing_high() {
        let text = report(2020, "正文。", "无。");
        assert!(findings(&text, Rule::OtherProcessingHigh).is_empty());
        let text = text
            .replace(
                "（一）予以公开\t3\t0\t0\t0\t0\t0\t3",
                "（一）予以公开\t1\t0\t0\t0\t0\t0\t1",
            )
            .replace(
                "（六）其他处理\t0\t0\t0\t0\t0\t0\t0",
                "（六）其他处理\t5\t0\t0\t0\t0\t0\t5",
            )
            .replace(
                "（七）总计\t3\t0\t0\t0\t0\t0\t3",
                "（七）总计\t6\t0\t0\t0\t0\t0\t6",
            );
        assert_eq!(findings(&text, Rule::OtherProcessingHigh).len(), 1);
    }
}
