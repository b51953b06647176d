//! NB411: dates that cannot exist (`202323年`, `13月`, `2月30日`) and a statistics period
//! (`统计期限为……至……`) outside the report year or ending before it starts.

use std::sync::LazyLock;

use regex::Regex;

use crate::diag::{Applicability, Diagnostic, Edit, Fix, Localized, Span};
use crate::rules::{replace_fix, Ctx, Rule};
use crate::text::FoldedView;

/// A year, month and day: `2023年12月31日`, `202323年`, `12月31日`, `2023年13月`.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    // Two branches so that every match holds a 年 or a 月: a pattern that may match nothing
    // is tried, and matches, at every position of the text.
    Regex::new(concat!(
        r"(?P<y>[0-9０-９]+)\s*年\s*(?:(?P<m>[0-9０-９]+)\s*月(?:\s*(?P<d>[0-9０-９]+)\s*[日号])?)?",
        r"|(?P<m_alone>[0-9０-９]+)\s*月(?:\s*(?P<d_alone>[0-9０-９]+)\s*[日号])?"
    ))
    .unwrap()
});

/// `202111日`, `20211231日`: a whole date whose 年 and 月 were both lost.
static MARKS_LOST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?P<digits>[0-9０-９]{6,8})\s*日").unwrap());

/// `统计期限为2023年1月1日至2023年12月31日` (the second year may be left out).
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"统计(?:期限|时限|时间段|时间|时段|区间|周期|范围)(?:为|是|从|自|:)?\s*(?:从|自)?\s*",
        // 年 and 月 may have been lost (`20191月1日`, `202111日`): those are reported on
        // their own, and the period is still read through them (where the digits read one
        // way only), so that fixing the marks never uncovers a finding the period had.
        r"(?P<y1>[0-9０-９]{4})\s*年?\s*(?P<m1>[0-9０-９]{1,2})\s*月?\s*(?P<d1>[0-9０-９]{1,2})\s*[日号]\s*(?:起)?\s*",
        r"(?:至|到|—|–|-|~|～)\s*",
        r"(?:(?P<y2>[0-9０-９]{4})\s*年?\s*)?(?P<m2>[0-9０-９]{1,2})\s*月?\s*(?P<d2>[0-9０-９]{1,2})\s*[日号]"
    ))
    .unwrap()
});

pub(super) fn check(ctx: &mut Ctx) {
    let end = ctx.first_copy_end();
    let title_year = ctx
        .report
        .meta
        .year
        .as_ref()
        .filter(|_| !ctx.report.meta.year_inferred)
        .map(|y| y.value);
    let report_year = ctx.report.meta.year.as_ref().map(|y| y.value);
    let mut found = Vec::new();
    let mut at = 0;
    for line in ctx.text[..end].split_inclusive('\n') {
        let span = Span::new(at, at + line.trim_end_matches(['\n', '\r']).len());
        at += line.len();
        if line.contains('\t') || line.contains('|') || !line.contains(['年', '月', '日']) {
            continue;
        }
        let folded = ctx.folded.view(span);
        impossible_dates(&folded, report_year, &mut found);
        dates_without_marks(&folded, &mut found);
        periods(&folded, title_year, &mut found);
    }
    for d in found {
        ctx.emit(d);
    }
}

fn days_in_month(year: Option<i32>, month: u32) -> u32 {
    match month {
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The year `digits` repeats (`202323` and `20232023` are 2023 typed twice, `202023` is 2023
/// started twice), if it is one.
fn repeated_year(digits: &str) -> Option<i32> {
    let n = digits.len();
    if !(5..=8).contains(&n) {
        return None;
    }
    let (head, rest) = digits.split_at(4);
    if head.ends_with(rest) {
        return head.parse().ok();
    }
    let (lead, tail) = digits.split_at(n - 4);
    if tail.starts_with(lead) {
        return tail.parse().ok();
    }
    None
}

fn impossible_dates(folded: &FoldedView, report_year: Option<i32>, out: &mut Vec<Diagnostic>) {
    let text = &folded.text;
    for caps in DATE.captures_iter(text) {
        let whole = caps.get(0).unwrap();
        if whole.is_empty() {
            continue;
        }
        // A number of its own: not the tail of a longer run of digits; a lunar month has 30 days.
        if text[..whole.start()].ends_with(|c: char| c.is_ascii_digit())
            || text[..whole.start()].ends_with("农历")
        {
            continue;
        }
        let span = |m: regex::Match| folded.source_span(m.start(), m.end());
        let year_digits = caps.name("y");
        let mut year = None;
        if let Some(y) = year_digits {
            let digits = y.as_str();
            if digits.len() > 4 && (digits.starts_with("19") || digits.starts_with("20")) {
                out.push(too_long_year(span(y), digits, report_year));
                continue;
            }
            if digits.len() != 4 {
                // `3年5月` is a length of time, not a date.
                continue;
            }
            year = digits.parse::<i32>().ok();
        }
        let (Some(m), day) = (
            caps.name("m").or(caps.name("m_alone")),
            caps.name("d").or(caps.name("d_alone")),
        ) else {
            continue;
        };
        // A month alone (`6月`) is a date only with its year or day.
        if year.is_none() && day.is_none() {
            continue;
        }
        let Ok(month) = m.as_str().parse::<u32>() else {
            continue;
        };
        if let Some(fixed) = year_without_its_mark(folded, m) {
            out.push(fixed);
            continue;
        }
        if !(1..=12).contains(&month) {
            let shown = &text[whole.start()..whole.end()];
            out.push(Diagnostic::new(
                Rule::DateInvalid,
                span(m),
                Localized::new(
                    format!("日期“{shown}”中的月份 {month} 不存在（应为1至12）"),
                    format!("The date “{shown}” has month {month}, which does not exist (1 to 12)"),
                ),
            ));
            continue;
        }
        let Some(d) = day else {
            continue;
        };
        let Ok(value) = d.as_str().parse::<u32>() else {
            continue;
        };
        let last = days_in_month(year, month);
        if value == 0 || value > last {
            let shown = &text[whole.start()..whole.end()];
            out.push(Diagnostic::new(
                Rule::DateInvalid,
                span(d),
                Localized::new(
                    format!("日期“{shown}”不存在：{month}月只有 {last} 天"),
                    format!("The date “{shown}” does not exist: month {month} has {last} days"),
                ),
            ));
        }
    }
}

/// `20201月1日`, `202012月31日`: a year run into its month, the 年 between them lost (as pages
/// copied from some sites lose it). Only when the first four digits are a year and the rest a
/// month; the fix writes the 年 back.
fn year_without_its_mark(folded: &FoldedView, month: regex::Match) -> Option<Diagnostic> {
    let digits = month.as_str();
    if !(5..=6).contains(&digits.len()) {
        return None;
    }
    let year: i32 = digits[..4].parse().ok()?;
    let rest: u32 = digits[4..].parse().ok()?;
    if !(1990..=2100).contains(&year) || !(1..=12).contains(&rest) || digits[4..].starts_with('0') {
        return None;
    }
    let span = folded.source_span(month.start(), month.end());
    let at = folded.source_offset(month.start() + 4);
    Some(
        Diagnostic::new(
            Rule::DateInvalid,
            span,
            Localized::new(
                format!("日期“{digits}月”的年份和月份之间缺少“年”，应为“{year}年{rest}月”"),
                format!("The date “{digits}月” lacks 年 between the year and the month: “{year}年{rest}月”"),
            ),
        )
        .with_fix(Fix {
            title: Localized::new("补上“年”", "Add 年"),
            applicability: Applicability::Safe,
            edits: vec![Edit::insert(at, "年")],
        }),
    )
}

/// The ways the digits after a year read as a month and a day (`11` → 1月1日; `121` → 1月21日
/// or 12月1日; `1231` → 12月31日).
fn month_day_readings(year: i32, rest: &str) -> Vec<(u32, u32)> {
    (1..rest.len())
        .filter(|&cut| cut <= 2 && rest.len() - cut <= 2)
        .filter(|&cut| !rest[..cut].starts_with('0') && !rest[cut..].starts_with('0'))
        .filter_map(|cut| Some((rest[..cut].parse().ok()?, rest[cut..].parse().ok()?)))
        .filter(|&(m, d)| (1..=12).contains(&m) && d >= 1 && d <= days_in_month(Some(year), m))
        .collect()
}

/// `202111日`: a year, month and day run together with their 年 and 月 lost. Only when the
/// first four digits are a year and the rest read as a month and a day; the fix writes the
/// marks back where the reading is the only one.
fn dates_without_marks(folded: &FoldedView, out: &mut Vec<Diagnostic>) {
    let text = &folded.text;
    for caps in MARKS_LOST.captures_iter(text) {
        let digits = caps.name("digits").unwrap();
        if text[..digits.start()].ends_with(|c: char| c.is_ascii_digit() || c == '年' || c == '月')
        {
            continue;
        }
        let run = digits.as_str();
        let Ok(year) = run[..4].parse::<i32>() else {
            continue;
        };
        if !(1990..=2100).contains(&year) {
            continue;
        }
        let readings = month_day_readings(year, &run[4..]);
        let Some(&(month, day)) = readings.first() else {
            continue;
        };
        let span = folded.source_span(digits.start(), caps.get(0).unwrap().end());
        let d = if readings.len() == 1 {
            let cut = digits.start() + 4 + month.to_string().len();
            Diagnostic::new(
                Rule::DateInvalid,
                span,
                Localized::new(
                    format!("日期“{run}日”缺少“年”和“月”，应为“{year}年{month}月{day}日”"),
                    format!("The date “{run}日” lacks 年 and 月: “{year}年{month}月{day}日”"),
                ),
            )
            .with_fix(Fix {
                title: Localized::new("补上“年”和“月”", "Add 年 and 月"),
                applicability: Applicability::Safe,
                edits: vec![
                    Edit::insert(folded.source_offset(digits.start() + 4), "年"),
                    Edit::insert(folded.source_offset(cut), "月"),
                ],
            })
        } else {
            Diagnostic::new(
                Rule::DateInvalid,
                span,
                Localized::new(
                    format!("日期“{run}日”缺少“年”和“月”，无法确定月份和日期"),
                    format!("The date “{run}日” lacks 年 and 月; its month and day cannot be told apart"),
                ),
            )
        };
        out.push(d);
    }
}

fn too_long_year(span: Span, digits: &str, report_year: Option<i32>) -> Diagnostic {
    let repeated = repeated_year(digits);
    let d = Diagnostic::new(
        Rule::DateInvalid,
        span,
        Localized::new(
            match repeated {
                Some(y) => format!("年份“{digits}”多了数字，疑为“{y}”重复录入"),
                None => format!("年份“{digits}”多了数字"),
            },
            match repeated {
                Some(y) => format!("The year “{digits}” has too many digits; {y} typed twice?"),
                None => format!("The year “{digits}” has too many digits"),
            },
        ),
    );
    match repeated {
        Some(y) if Some(y) == report_year => d.with_fix(replace_fix(
            span,
            y.to_string(),
            Localized::new(
                format!("改为“{y}”（报告年度）"),
                format!("Change to {y} (the report year)"),
            ),
            Applicability::Safe,
        )),
        _ => d,
    }
}

fn periods(folded: &FoldedView, title_year: Option<i32>, out: &mut Vec<Diagnostic>) {
    let text = &folded.text;
    for caps in PERIOD.captures_iter(text) {
        let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
        let (Some(y1), Some(m1), Some(d1), Some(m2), Some(d2)) = (
            number("y1"),
            number("m1"),
            number("d1"),
            number("m2"),
            number("d2"),
        ) else {
            continue;
        };
        let y2 = number("y2").unwrap_or(y1);
        // An end written without its 月 is read only where its digits read one way.
        let certain = |year: i32, m: &str, d: &str| {
            let (m, d) = (caps.name(m).unwrap(), caps.name(d).unwrap());
            let written = &text[m.start()..d.end()];
            written.contains('月') || {
                let digits: String = written.chars().filter(char::is_ascii_digit).collect();
                month_day_readings(year, &digits).len() == 1
            }
        };
        if !certain(y1, "m1", "d1") || !certain(y2, "m2", "d2") {
            continue;
        }
        // Impossible dates are reported on their own.
        let valid = |m: i32, d: i32, y: i32| {
            (1..=12).contains(&m) && d >= 1 && d as u32 <= days_in_month(Some(y), m as u32)
        };
        if !valid(m1, d1, y1) || !valid(m2, d2, y2) {
            continue;
        }
        let whole = caps.get(0).unwrap();
        let shown = text[caps.name("y1").unwrap().start()..whole.end()].to_string();
        let mut wrong: Vec<(Span, i32)> = Vec::new();
        if let Some(year) = title_year {
            for name in ["y1", "y2"] {
                let Some(m) = caps.name(name) else { continue };
                let said: i32 = m.as_str().parse().unwrap_or(year);
                if said != year {
                    wrong.push((folded.source_span(m.start(), m.end()), said));
                }
            }
            if let Some(&(span, said)) = wrong.first() {
                out.push(
                    Diagnostic::new(
                        Rule::DateInvalid,
                        span,
                        Localized::new(
                            format!("统计期限“{shown}”的年份 {said} 不是报告年度 {year}；年度报告的数据统计期限为报告年度的1月1日至12月31日"),
                            format!("The statistics period “{shown}” is in {said}, not the report year {year}; the data cover 1 January to 31 December of the report year"),
                        ),
                    )
                    .with_fix(Fix {
                        title: Localized::new(
                            format!("把年份改为“{year}”（请核实）"),
                            format!("Change the year to {year} (check it)"),
                        ),
                        applicability: Applicability::Unsafe,
                        edits: wrong
                            .iter()
                            .map(|(span, _)| Edit::replace(*span, year.to_string()))
                            .collect(),
                    }),
                );
            }
        }
        let wrong_year = !wrong.is_empty();
        if !wrong_year && (y2, m2, d2) < (y1, m1, d1) {
            out.push(Diagnostic::new(
                Rule::DateInvalid,
                folded.source_span(caps.name("y1").unwrap().start(), whole.end()),
                Localized::new(
                    format!("统计期限“{shown}”的结束日期早于开始日期"),
                    format!("The statistics period “{shown}” ends before it starts"),
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::repeated_year;
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    fn draft(year: &str, preamble: &str) -> String {
        format!("某局{year}年政府信息公开工作年度报告\n\n{preamble}\n\n一、总体情况\n\n正文。\n")
    }

    #[test]
    fn repeated_years() {
        assert_eq!(repeated_year("202323"), Some(2023));
        assert_eq!(repeated_year("20232023"), Some(2023));
        assert_eq!(repeated_year("202020"), Some(2020));
        assert_eq!(repeated_year("202023"), Some(2023));
        assert_eq!(repeated_year("202324"), None);
        assert_eq!(repeated_year("2023"), None);
    }

    #[test]
    fn date_invalid() {
        let ok = "本报告所列数据的统计期限为2023年1月1日至2023年12月31日。2024年2月29日发布。工作满3年13个月。";
        assert!(findings(&draft("2023", ok), Rule::DateInvalid).is_empty());
        assert!(findings(
            &draft("2023", "统计期限自2023年1月1日起至12月31日止。"),
            Rule::DateInvalid
        )
        .is_empty());

        let text = draft("2023", "统计期限为2023年1月1日至202323年12月31日。");
        let found = findings(&text, Rule::DateInvalid);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&text[found[0].span.start..found[0].span.end], "202323");
        let (fixed, applied) = crate::fix::apply_safe_fixes(&text, &found);
        assert_eq!(applied, 1);
        assert!(fixed.contains("至2023年12月31日"));
        assert!(findings(&fixed, Rule::DateInvalid).is_empty());

        // The 年 lost between a year and its month: one finding, fixed by writing it back.
        let text = draft("2023", "统计期限自20231月1日起至202312月31日止。");
        let found = findings(&text, Rule::DateInvalid);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].message.zh.contains("缺少“年”，应为“2023年1月”"));
        let (fixed, _) = crate::fix::apply_safe_fixes(&text, &found);
        assert!(
            fixed.contains("自2023年1月1日起至2023年12月31日止"),
            "{fixed}"
        );

        // A period written with a 年 lost is still read: its wrong end year is said before
        // the 年 is written back, not only after.
        let text = draft("2019", "统计期限从20191月1日起到2020年12月31日止。");
        let found = findings(&text, Rule::DateInvalid);
        assert_eq!(found.len(), 2, "{found:?}");
        let (fixed, _) = crate::fix::apply_safe_fixes(&text, &found);
        assert_eq!(findings(&fixed, Rule::DateInvalid).len(), 1, "{fixed}");
        // A period whose end reads two ways is not read.
        let ambiguous = draft("2023", "统计期限自2023年1月1日起至2023121日止。");
        assert!(findings(&ambiguous, Rule::DateInvalid)
            .iter()
            .all(|d| !d.message.zh.contains("统计期限")));

        // 年 and 月 both lost: fixed where the digits read one way only.
        let text = draft(
            "2023",
            "统计期限自202311日起至20231231日止。电话09164221594。",
        );
        let found = findings(&text, Rule::DateInvalid);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].message.zh.contains("应为“2023年1月1日”"),
            "{found:?}"
        );
        let (fixed, _) = crate::fix::apply_safe_fixes(&text, &found);
        assert!(
            fixed.contains("自2023年1月1日起至2023年12月31日止"),
            "{fixed}"
        );
        assert!(findings(&fixed, Rule::DateInvalid).is_empty());
        // `2023121日` is 1月21日 or 12月1日: said, not fixed.
        let found = findings(&draft("2023", "于2023121日印发。"), Rule::DateInvalid);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].fixes.is_empty());
        // Not a date: a count of days, a number that is not a year.
        for fine in ["共计365000日。", "编号12345678日。", "2023年12月31日。"] {
            assert!(
                findings(&draft("2023", fine), Rule::DateInvalid).is_empty(),
                "{fine}"
            );
        }

        for (bad, at) in [
            ("2023年2月30日召开会议。", "30"),
            ("2023年13月印发。", "13"),
            ("6月31日前完成。", "31"),
            ("2023年2月29日发布。", "29"),
        ] {
            let text = draft("2023", bad);
            let found = findings(&text, Rule::DateInvalid);
            assert_eq!(found.len(), 1, "{bad}");
            assert_eq!(&text[found[0].span.start..found[0].span.end], at, "{bad}");
            assert!(found[0].fixes.is_empty());
        }

        // A period in another year: the year is pointed at, the fix needs a person.
        let text = draft("2023", "本报告统计期限为2022年1月1日至2022年12月31日。");
        let found = findings(&text, Rule::DateInvalid);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.zh.contains("不是报告年度 2023"));
        assert_eq!(found[0].fixes[0].edits.len(), 2);
        assert_eq!(
            found[0].fixes[0].applicability,
            crate::diag::Applicability::Unsafe
        );
        // A period that ends before it starts.
        let found = findings(
            &draft("2023", "统计期限为2023年12月31日至2023年1月1日。"),
            Rule::DateInvalid,
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].message.zh.contains("结束日期早于开始日期"));
    }
}
