//! The whole report template for a draft that has no section yet, and the report year a new
//! draft is written for. Both the editor's template action and `nianbao new` start a report
//! here; the clock is read by the caller (`date_in_china`), so everything below is a pure
//! function of the text and the date.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::diag::{Edit, Locale, Span};
use crate::parse::{Date, Report};
use crate::spec::{templates, Layout, TableStyle};

/// The report year in progress on `today`: reports are drafted from late in the year they
/// cover until their deadline early the next year, so from January to June it is last year.
pub fn report_year_in_progress(today: Date) -> i32 {
    if today.month <= 6 {
        today.year - 1
    } else {
        today.year
    }
}

/// The calendar date at `time` in China (UTC+8), where the reports are written: the turn of
/// the report year at the end of June follows Beijing's midnight, not Greenwich's.
pub fn date_in_china(time: SystemTime) -> Date {
    let seconds = match time.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    };
    civil_date(seconds.saturating_add(8 * 3600).div_euclid(86_400))
}

/// The date of a day counted from 1970-01-01 (Howard Hinnant's days-to-civil algorithm).
fn civil_date(days: i64) -> Date {
    let z = days.clamp(-1_000_000_000, 1_000_000_000) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // The clamp above keeps every part in range; the fallbacks are never taken.
    Date {
        year: i32::try_from(year).unwrap_or(i32::MAX),
        month: u32::try_from(month).unwrap_or(1),
        day: u32::try_from(day).unwrap_or(1),
    }
}

/// The whole report template to insert, and what it was made for.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportTemplate {
    /// One edit: the template replacing a blank text, or appended after what is there.
    pub edit: Edit,
    /// The report year written in its title.
    pub year: i32,
    pub layout: Layout,
}

/// The whole report template (all six sections and the tables) for a draft with no section
/// yet, `None` once it has one. The year is the draft's own, else the year in progress on
/// `today`; the layout is the report's expected one, else that year's. A title already
/// written is kept, not repeated. `markdown`: the document is Markdown, so a draft with no
/// table yet gets pipe tables; other drafts get tab-separated tables, as word processors
/// paste them (a draft with a table keeps its own style).
pub fn report_template(
    text: &str,
    report: &Report,
    markdown: bool,
    today: Date,
) -> Option<ReportTemplate> {
    if !report.sections.is_empty() {
        return None;
    }
    let year = report
        .meta
        .year
        .as_ref()
        .map_or_else(|| report_year_in_progress(today), |y| y.value);
    let layout = report
        .expected_layout
        .unwrap_or_else(|| Layout::for_year(year));
    let no_table =
        report.proactive.is_none() && report.applications.is_none() && report.reviews.is_none();
    let style = if no_table && !markdown {
        TableStyle::Tab
    } else {
        report.table_style
    };
    let full = templates::report(layout, year, style);
    let body = if report.meta.title.is_some() {
        full.split_once("\n\n")
            .map_or(full.as_str(), |(_, rest)| rest)
            .to_string()
    } else {
        full
    };
    let edit = if text.trim().is_empty() {
        Edit::replace(Span::new(0, text.len()), body)
    } else {
        // A blank line between what is there and the template.
        let prefix = if text.ends_with("\n\n") {
            ""
        } else if text.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        Edit::insert(text.len(), format!("{prefix}{body}"))
    };
    Some(ReportTemplate { edit, year, layout })
}

/// The title of the action that inserts `template`.
pub fn report_template_title(template: &ReportTemplate, locale: Locale) -> String {
    let (year, format) = (template.year, template.layout.year_label());
    match locale {
        Locale::Zh => format!("插入年度报告模板（全部六个部分和表格，{format}年格式，{year}年度）"),
        Locale::En => format!(
            "Insert the report template (all six sections and tables, {format} format, {year})"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_support::analyzed;
    use std::time::Duration;

    fn date(year: i32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    fn template(text: &str, markdown: bool, today: Date) -> Option<ReportTemplate> {
        let (report, _) = analyzed(text);
        report_template(text, &report, markdown, today)
    }

    fn applied(text: &str, t: &ReportTemplate) -> String {
        let mut out = text.to_string();
        out.replace_range(t.edit.span.start..t.edit.span.end, &t.edit.replacement);
        out
    }

    #[test]
    fn the_year_in_progress_turns_at_the_end_of_june() {
        assert_eq!(report_year_in_progress(date(2026, 1, 15)), 2025);
        assert_eq!(report_year_in_progress(date(2026, 6, 30)), 2025);
        assert_eq!(report_year_in_progress(date(2026, 7, 1)), 2026);
        assert_eq!(report_year_in_progress(date(2026, 12, 31)), 2026);
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), date(1970, 1, 1));
        assert_eq!(civil_date(20_779), date(2026, 11, 22));
        assert_eq!(civil_date(20_833), date(2027, 1, 15));
        assert_eq!(civil_date(-1), date(1969, 12, 31));
        assert_eq!(civil_date(19_782), date(2024, 2, 29));
    }

    #[test]
    fn the_date_is_beijings() {
        // 2026-06-30 16:00 UTC is already 1 July in Beijing.
        let at = UNIX_EPOCH + Duration::from_secs(20_634 * 86_400 + 16 * 3600);
        assert_eq!(date_in_china(at), date(2026, 7, 1));
        let before = UNIX_EPOCH + Duration::from_secs(20_634 * 86_400 + 15 * 3600);
        assert_eq!(date_in_china(before), date(2026, 6, 30));
        assert_eq!(
            date_in_china(UNIX_EPOCH - Duration::from_secs(86_400)).year,
            1969
        );
        let year = date_in_china(SystemTime::now()).year;
        assert!((2024..2200).contains(&year), "{year}");
    }

    #[test]
    fn an_empty_draft_becomes_the_whole_template() {
        let t = template("  \n", false, date(2026, 3, 1)).unwrap();
        assert_eq!((t.year, t.layout), (2025, Layout::Y2021));
        assert_eq!(t.edit.span, Span::new(0, 3));
        assert_eq!(
            t.edit.replacement,
            templates::report(Layout::Y2021, 2025, TableStyle::Tab)
        );
        let filled = applied("  \n", &t);
        let (report, _) = analyzed(&filled);
        assert_eq!(report.sections.len(), 6);
        assert_eq!(report.meta.year.map(|y| y.value), Some(2025));
        // Markdown gets pipe tables.
        let t = template("", true, date(2026, 3, 1)).unwrap();
        assert_eq!(
            t.edit.replacement,
            templates::report(Layout::Y2021, 2025, TableStyle::Pipe)
        );
    }

    #[test]
    fn a_title_is_kept_and_its_year_used() {
        let full = templates::report(Layout::Y2019, 2020, TableStyle::Tab);
        let (title, body) = full.split_once("\n\n").unwrap();
        let text = format!("{title}\n");
        let t = template(&text, false, date(2026, 9, 1)).unwrap();
        assert_eq!((t.year, t.layout), (2020, Layout::Y2019));
        assert_eq!(t.edit, Edit::insert(text.len(), format!("\n{body}")));
        assert_eq!(applied(&text, &t), full);
        assert!(report_template_title(&t, Locale::Zh).contains("2019年格式，2020年度"));
        assert!(report_template_title(&t, Locale::En).contains("2019 format, 2020"));
    }

    #[test]
    fn text_is_followed_after_a_blank_line() {
        let today = date(2026, 9, 1);
        for (text, prefix) in [("草稿", "\n\n"), ("草稿\n", "\n"), ("草稿\n\n", "")] {
            let t = template(text, false, today).unwrap();
            assert!(t.edit.span == Span::empty(text.len()));
            assert!(t.edit.replacement.starts_with(&format!("{prefix}XX2026年")));
        }
    }

    #[test]
    fn no_template_once_a_section_is_there() {
        let text = crate::ide::test_support::clean();
        assert!(template(&text, false, date(2026, 9, 1)).is_none());
    }
}
