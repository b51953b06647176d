//! NB1xx: the six sections are present, once each, in order, with their official titles.

use crate::diag::{Applicability, Diagnostic, Edit, Fix, Localized, Span};
use crate::parse::TitleMatch;
use crate::rules::{official_text_fix, Ctx, Rule};
use crate::spec::templates;
use crate::spec::{section, SECTIONS};

pub(super) fn check(ctx: &mut Ctx) {
    missing(ctx);
    order_and_duplicates(ctx);
    titles(ctx);
    duplicate_report(ctx);
}

/// Sections of the first copy of the report.
fn first_copy_sections<'a>(ctx: &'a Ctx) -> impl Iterator<Item = &'a crate::parse::Section> {
    let end = ctx.first_copy_end();
    ctx.report
        .sections
        .iter()
        .filter(move |s| s.heading.start < end)
}

fn missing(ctx: &mut Ctx) {
    let present: Vec<u8> = first_copy_sections(ctx).map(|s| s.number).collect();
    for spec in &SECTIONS {
        if present.contains(&spec.number) {
            continue;
        }
        // Insert before the first later section; otherwise at the end of the first copy.
        let next = first_copy_sections(ctx)
            .filter(|s| s.number > spec.number)
            .min_by_key(|s| s.heading.start);
        let (at, span, prefix) = match next {
            Some(s) => (ctx.line_around(s.heading.start).start, s.heading, ""),
            None => {
                let end = ctx.first_copy_end();
                let anchor = ctx
                    .report
                    .meta
                    .title
                    .as_ref()
                    .map(|t| t.span)
                    .or_else(|| first_copy_sections(ctx).last().map(|s| s.heading))
                    .unwrap_or_else(|| ctx.line_around(0));
                let prefix = if end == 0 || ctx.text[..end].ends_with("\n\n") {
                    ""
                } else if ctx.text[..end].ends_with('\n') {
                    "\n"
                } else {
                    "\n\n"
                };
                (end, anchor, prefix)
            }
        };
        let layout = ctx.template_layout();
        let insert = format!("{prefix}{}", templates::section(spec, layout, ctx.style()));
        let heading = spec.heading();
        ctx.emit(
            Diagnostic::new(
                Rule::SectionMissing,
                span,
                Localized::new(
                    format!(
                        "缺少第{}部分“{}”：年度报告必须包含格式规定的六个部分",
                        spec.numeral, heading
                    ),
                    format!(
                        "Section {} “{}” is missing: the format requires all six sections",
                        spec.number, heading
                    ),
                ),
            )
            .with_fix(Fix {
                title: Localized::new(
                    format!("插入“{heading}”及模板内容"),
                    format!("Insert “{heading}” with its template"),
                ),
                applicability: Applicability::Unsafe,
                edits: vec![Edit::insert(at, insert)],
            }),
        );
    }
}

fn order_and_duplicates(ctx: &mut Ctx) {
    let sections: Vec<_> = first_copy_sections(ctx).cloned().collect();
    let mut highest = 0u8;
    let mut seen: Vec<(u8, Span)> = Vec::new();
    for s in &sections {
        let spec = section(s.number);
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == s.number) {
            ctx.emit(
                Diagnostic::new(
                    Rule::SectionDuplicate,
                    s.heading,
                    Localized::new(
                        format!(
                            "第{}部分“{}”重复出现，每个部分只能出现一次",
                            spec.numeral,
                            spec.heading()
                        ),
                        format!(
                            "Section {} “{}” appears again; each section must appear once",
                            s.number,
                            spec.heading()
                        ),
                    ),
                )
                .with_related(
                    *first,
                    Localized::new("第一次出现的位置", "first occurrence"),
                ),
            );
            continue;
        }
        if s.number < highest {
            let after = section(highest);
            ctx.emit(Diagnostic::new(
                Rule::SectionOrder,
                s.heading,
                Localized::new(
                    format!(
                        "第{}部分出现在第{}部分之后，应按一至六的顺序排列",
                        spec.numeral, after.numeral
                    ),
                    format!(
                        "Section {} comes after section {}; sections must be in order",
                        s.number, highest
                    ),
                ),
            ));
        }
        highest = highest.max(s.number);
        seen.push((s.number, s.heading));
    }
}

fn titles(ctx: &mut Ctx) {
    let sections: Vec<_> = first_copy_sections(ctx).cloned().collect();
    for s in &sections {
        let spec = section(s.number);
        let official = spec.heading();
        let written = ctx.slice(s.heading).to_string();
        let (rule, applicability) = match s.title_match {
            TitleMatch::Exact => continue,
            TitleMatch::LongForm => (Rule::SectionTitleLongForm, Applicability::Unsafe),
            TitleMatch::Typo => (Rule::SectionTitle, Applicability::Safe),
            TitleMatch::Nonstandard => (Rule::SectionTitle, Applicability::Unsafe),
        };
        let message = if rule == Rule::SectionTitleLongForm {
            Localized::new(
                format!("标题“{written}”使用了格式说明中的表述，模板标题为“{official}”"),
                format!("“{written}” uses the long wording of the format's notes; the template title is “{official}”"),
            )
        } else {
            Localized::new(
                format!("标题“{written}”与格式不一致，应为“{official}”"),
                format!("Heading “{written}” differs from the format; it should read “{official}”"),
            )
        };
        ctx.emit(
            Diagnostic::new(rule, s.heading, message).with_fix(official_text_fix(
                s.heading,
                &written,
                &official,
                applicability,
            )),
        );
    }
}

fn duplicate_report(ctx: &mut Ctx) {
    let Some(copy) = ctx.report.second_copy else {
        return;
    };
    let first_start = ctx.text.len() - ctx.text.trim_start().len();
    let first = ctx.text[first_start..copy.start].trim_end();
    let second = ctx.text[copy.start..].trim_end();
    let line = ctx.line_around(copy.start);
    let mut d = Diagnostic::new(
        Rule::ReportDuplicate,
        Span::new(copy.start, line.end),
        Localized::new(
            if first == second {
                "从这里开始，整份报告又重复了一遍（与前文完全相同）"
            } else {
                "从这里开始，整份报告又出现了一遍（与前文有差异，请核对保留哪一份）"
            },
            if first == second {
                "From here the whole report is repeated (identical to the text above)"
            } else {
                "From here the whole report appears again (it differs from the text above: decide which to keep)"
            },
        ),
    );
    if first == second {
        // Deleting an identical copy loses no words; still a person should confirm.
        let from = first_start + first.len();
        d = d.with_fix(Fix {
            title: Localized::new("删除重复的第二份", "Delete the repeated copy"),
            applicability: Applicability::Unsafe,
            edits: vec![Edit::replace(Span::new(from, ctx.text.len()), "\n")],
        });
    }
    ctx.emit(d);
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    const FULL: &str = "某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n正文。\n\n二、主动公开政府信息情况\n\n三、收到和处理政府信息公开申请情况\n\n四、政府信息公开行政复议、行政诉讼情况\n\n五、存在的主要问题及改进情况\n\n问题。\n\n六、其他需要报告的事项\n\n本年度未收取信息处理费。\n";

    #[test]
    fn missing_section() {
        assert!(findings(FULL, Rule::SectionMissing).is_empty());
        let text = FULL.replace("五、存在的主要问题及改进情况\n\n问题。\n\n", "");
        let found = findings(&text, Rule::SectionMissing);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.zh.contains("五、存在的主要问题及改进情况"));
    }

    #[test]
    fn out_of_order() {
        assert!(findings(FULL, Rule::SectionOrder).is_empty());
        let text = FULL
            .replace("五、存在的主要问题及改进情况\n\n问题。\n\n", "")
            .replace(
                "一、总体情况\n\n正文。\n\n",
                "一、总体情况\n\n正文。\n\n五、存在的主要问题及改进情况\n\n问题。\n\n",
            );
        assert_eq!(findings(&text, Rule::SectionOrder).len(), 3);
    }

    #[test]
    fn duplicate_section() {
        assert!(findings(FULL, Rule::SectionDuplicate).is_empty());
        let text = FULL.replace(
            "问题。\n\n",
            "问题。\n\n五、存在的主要问题及改进情况\n\n又一遍。\n\n",
        );
        assert_eq!(findings(&text, Rule::SectionDuplicate).len(), 1);
    }

    #[test]
    fn duplicate_report() {
        assert!(findings(FULL, Rule::ReportDuplicate).is_empty());
        let text = format!("{FULL}\n{FULL}");
        let found = findings(&text, Rule::ReportDuplicate);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].fixes.len(), 1, "identical copy can be deleted");
        assert!(findings(&text, Rule::SectionDuplicate).is_empty());
    }

    #[test]
    fn title_typo_and_nonstandard() {
        assert!(findings(FULL, Rule::SectionTitle).is_empty());
        let text = FULL.replace("行政复议、行政诉讼", "行政法复议、行政诉讼");
        let found = findings(&text, Rule::SectionTitle);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].fixes[0].edits[0].replacement, "");
        let text = FULL.replace("一、总体情况", "一、工作基本情况");
        let found = findings(&text, Rule::SectionTitle);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(findings(&text, Rule::SectionMissing).is_empty());
    }

    #[test]
    fn long_form_title() {
        assert!(findings(FULL, Rule::SectionTitleLongForm).is_empty());
        let text = FULL.replace(
            "二、主动公开政府信息情况",
            "二、行政机关主动公开政府信息情况",
        );
        assert_eq!(findings(&text, Rule::SectionTitleLongForm).len(), 1);
    }
}
