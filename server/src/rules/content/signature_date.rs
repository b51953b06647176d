//! NB405 `signature-date`: the signature date is after the legal deadline or before the year ended.

use crate::diag::{Diagnostic, Localized};
use crate::parse::Date;
use crate::rules::{Ctx, Rule};

pub(super) fn check(ctx: &mut Ctx) {
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

#[cfg(test)]
mod tests {
    use super::super::tests::{report, FEE};
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

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
}
