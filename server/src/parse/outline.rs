//! The outline of a draft: title, year, agency, signature date, and the six section headings.

use std::sync::LazyLock;

use regex::Regex;

use crate::parse::labels::{best_match, candidates, Candidate};
use crate::parse::model::{Date, MatchQuality, Meta, Section, Spanned, TitleMatch};
use crate::spec::{application_rows, numeral_value, Layout, SECTIONS};
use crate::text::Span;
use crate::text::{fold_char, Folded, LineIndex};

/// Longest heading title (characters after the numeral) still taken for a heading.
const MAX_TITLE_CHARS: usize = 40;

pub struct Outline {
    pub meta: Meta,
    pub sections: Vec<Section>,
    pub second_copy: Option<Span>,
}

/// A line that is numbered like a section heading.
#[derive(Debug, Clone)]
struct HeadingCandidate {
    numeral: u8,
    line: Span,
    /// From the numeral to the end of the title.
    numbered: Span,
    matched: Option<(u8, TitleMatch)>,
}

/// `folded` is the whole text folded (`Fold::Text`): every line, the title and the dates are
/// views of it.
pub fn read(text: &str, folded: &Folded, lines: &LineIndex) -> Outline {
    let titles = title_candidates();
    let row_labels = candidates(
        Layout::ALL
            .iter()
            .flat_map(|l| application_rows(*l).iter().map(|r| r.label)),
    );
    let mut found: Vec<HeadingCandidate> = (0..lines.line_count())
        .filter_map(|line| {
            heading_candidate(
                text,
                folded,
                lines.line_span(text, line),
                &titles,
                &row_labels,
            )
        })
        .collect();
    let sections = accept_headings(text, &mut found);
    let second_copy = second_copy(text, lines, &sections);
    let meta = read_meta(text, folded, lines, &sections);
    Outline {
        meta,
        sections,
        second_copy,
    }
}

/// Official titles and long forms, each with the section number it belongs to.
fn title_candidates() -> (Vec<Candidate>, Vec<(u8, TitleMatch)>) {
    let mut labels = Vec::new();
    let mut meaning = Vec::new();
    for s in &SECTIONS {
        labels.push(s.title);
        meaning.push((s.number, TitleMatch::Exact));
        if let Some(long) = s.long_title {
            labels.push(long);
            meaning.push((s.number, TitleMatch::LongForm));
        }
    }
    (candidates(labels), meaning)
}

static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([一二三四五六七八九十])\s*[、.,，:：]\s*").unwrap());

/// A heading's mark with no numeral before it: `、`, `.`.
static LOST_NUMERAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[、.,，]\s*").unwrap());

fn heading_candidate(
    text: &str,
    folded: &Folded,
    line: Span,
    titles: &(Vec<Candidate>, Vec<(u8, TitleMatch)>),
    row_labels: &[Candidate],
) -> Option<HeadingCandidate> {
    let raw = &text[line.start..line.end];
    if raw.contains('|') || raw.contains('｜') || raw.trim_start().contains('\t') {
        return None;
    }
    // Markdown heading marks, bold, quote marks and the `?` left where an encoding lost a space.
    let lead = raw
        .char_indices()
        .find(|(_, c)| {
            !matches!(
                c,
                ' ' | '\t' | '\u{3000}' | '#' | '*' | '>' | '?' | '？' | '\u{feff}'
            )
        })
        .map(|(i, _)| i)?;
    let body_start = line.start + lead;
    let folded = folded.view(Span::new(body_start, line.end));
    // `、主动公开政府信息情况`: the numeral lost, its mark left. Read as a heading only when the
    // title is a section's (below), which then gives the number.
    let (numeral, title_folded_start) = match NUMBERED.captures(folded.text) {
        Some(caps) => (numeral_value(&caps[1])?, caps.get(0).unwrap().end()),
        None => (0, LOST_NUMERAL.find(folded.text)?.end()),
    };
    let mut title_folded = folded.text[title_folded_start..].trim_end();
    title_folded = title_folded.trim_end_matches(['*', '#', ' ']);
    let stripped = title_folded.trim_end_matches(['。', ':', '：']);
    if stripped.is_empty() || stripped.contains('。') || stripped.chars().count() > MAX_TITLE_CHARS
    {
        return None;
    }
    let title = folded.source_span(title_folded_start, title_folded_start + stripped.len());
    let numbered = Span::new(body_start, title.end);
    // 表三's row labels are numbered like headings: 一、本年新收… 四、结转下年度继续办理.
    if best_match(&text[numbered.start..numbered.end], row_labels).is_some() {
        return None;
    }
    let matched = best_match(&text[title.start..title.end], &titles.0).map(|m| {
        let (number, kind) = titles.1[m.index];
        let kind = match (kind, m.quality) {
            (TitleMatch::LongForm, _) => TitleMatch::LongForm,
            (_, MatchQuality::Exact) => TitleMatch::Exact,
            _ => TitleMatch::Typo,
        };
        // Right title, wrong numeral: the heading needs changing all the same.
        let kind = if number != numeral && numeral <= 6 {
            TitleMatch::Nonstandard
        } else {
            kind
        };
        (number, kind)
    });
    if (numeral > 6 || numeral == 0) && matched.is_none() {
        return None;
    }
    // The numeral lost: the title says which section this is, and the heading needs mending.
    let (numeral, matched) = match matched {
        Some((number, _)) if numeral == 0 => (number, Some((number, TitleMatch::Nonstandard))),
        other => (numeral, other),
    };
    Some(HeadingCandidate {
        numeral,
        line,
        numbered,
        matched,
    })
}

/// Keeps headings whose title is recognised, then fills gaps with numbered lines whose title is
/// not (a non-standard title), when they sit where the missing section belongs.
fn accept_headings(text: &str, found: &mut [HeadingCandidate]) -> Vec<Section> {
    let strong: Vec<(usize, u8)> = found
        .iter()
        .filter_map(|c| c.matched.map(|(n, _)| (c.line.start, n)))
        .collect();
    let mut accepted: Vec<(HeadingCandidate, u8, TitleMatch)> = Vec::new();
    for c in found.iter() {
        if let Some((number, kind)) = c.matched {
            accepted.push((c.clone(), number, kind));
        }
    }
    for number in 1..=6u8 {
        if strong.iter().any(|&(_, n)| n == number) {
            continue;
        }
        let after = strong
            .iter()
            .filter(|&&(_, n)| n < number)
            .map(|&(at, _)| at)
            .min()
            .unwrap_or(0);
        let before = strong
            .iter()
            .filter(|&&(_, n)| n > number)
            .map(|&(at, _)| at)
            .min()
            .unwrap_or(usize::MAX);
        if let Some(c) = found.iter().find(|c| {
            c.matched.is_none()
                && c.numeral == number
                && c.line.start > after
                && c.line.start < before
        }) {
            accepted.push((c.clone(), number, TitleMatch::Nonstandard));
        }
    }
    accepted.sort_by_key(|(c, _, _)| c.line.start);
    let mut sections = Vec::with_capacity(accepted.len());
    for (i, (c, number, kind)) in accepted.iter().enumerate() {
        let body_end = accepted
            .get(i + 1)
            .map_or(text.len(), |(next, _, _)| next.line.start);
        // The body starts after the heading's line break, or right after it when the break
        // was added by the reader (a heading inline in a long line).
        let after = text[c.line.end..]
            .strip_prefix("\r\n")
            .or_else(|| text[c.line.end..].strip_prefix('\n'))
            .map_or(c.line.end, |rest| text.len() - rest.len());
        let body_start = after.min(body_end).max(c.line.end.min(body_end));
        sections.push(Section {
            number: *number,
            heading: c.numbered,
            title_match: *kind,
            body: Span::new(body_start, body_end),
        });
    }
    sections
}

/// Where a second copy of the report starts, when the whole report was pasted twice.
fn second_copy(text: &str, lines: &LineIndex, sections: &[Section]) -> Option<Span> {
    let first = sections.first()?;
    let again = sections
        .iter()
        .skip(1)
        .position(|s| s.number == first.number)?
        + 1;
    // At least three sections must repeat, in the same order, for this to be a second copy.
    let repeated = sections[again..]
        .iter()
        .zip(sections.iter())
        .take_while(|(b, a)| a.number == b.number)
        .count();
    if repeated < 3 {
        return None;
    }
    let second_heading = sections[again].heading.start;
    // The preamble (title and any text before the first heading) usually repeats too.
    let preamble_line = (0..lines.line_count())
        .map(|l| lines.line_span(text, l))
        .find(|s| !text[s.start..s.end].trim().is_empty())?;
    let title_line = text[preamble_line.start..preamble_line.end].trim();
    let search_from = sections[again - 1].heading.end;
    let start = text[search_from..second_heading]
        .rfind(title_line)
        .map(|i| lines.line_start(lines.line_of(search_from + i)))
        .unwrap_or_else(|| lines.line_start(lines.line_of(second_heading)));
    Some(Span::new(start, text.len()))
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([0-9０-９]{4})\s*年").unwrap());
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s?？*]*([0-9０-９]{4})\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日[\s*]*$",
    )
    .unwrap()
});

fn read_meta(text: &str, folded: &Folded, lines: &LineIndex, sections: &[Section]) -> Meta {
    let mut meta = Meta::default();
    let preamble_end = sections.first().map_or(text.len(), |s| s.heading.start);
    let preamble_last_line = lines.line_of(preamble_end.saturating_sub(1));
    let candidates: Vec<Span> = (0..=preamble_last_line.min(12))
        .map(|l| lines.line_span(text, l))
        .filter(|s| s.end <= preamble_end && !clean(&text[s.start..s.end]).is_empty())
        .collect();
    let is_title = |s: &Span| {
        let f = folded_line(text, *s);
        (f.contains("报告") || f.contains("年报"))
            && f.chars().count() <= 60
            && !f.contains('。')
            && !is_page_chrome(&f)
    };
    // A title that names its year wins over an earlier one that does not (a site's column name).
    let has_year = |s: &&Span| YEAR.is_match(&folded_line(text, **s));
    let titled = candidates
        .iter()
        .filter(|s| is_title(s))
        .collect::<Vec<_>>();
    let chosen = titled
        .iter()
        .copied()
        .find(has_year)
        .or(titled.first().copied());
    if let Some(pos) = chosen.and_then(|c| candidates.iter().position(|s| s == c)) {
        let mut title = trimmed(text, candidates[pos]);
        let line = folded_line(text, candidates[pos]);
        let incomplete = line.starts_with("政府信息公开")
            || line.starts_with("工作")
            || line.starts_with(|c: char| c.is_ascii_digit());
        let mut agency_line = None;
        if pos > 0 {
            let previous = candidates[pos - 1];
            if incomplete && folded_line(text, previous).chars().count() <= 30 {
                title = trimmed(text, previous).cover(title);
            } else {
                agency_line = Some(trimmed(text, previous));
            }
        }
        let title_folded = folded.view(title);
        let title_text: String = text[title.start..title.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("");
        meta.title = Some(Spanned {
            value: title_text,
            span: title,
        });
        if let Some(m) = YEAR.captures(title_folded.text) {
            let g = m.get(1).unwrap();
            if let Ok(year) = g.as_str().parse::<i32>() {
                if (2000..=2100).contains(&year) {
                    meta.year = Some(Spanned {
                        value: year,
                        span: title_folded.source_span(g.start(), g.end()),
                    });
                }
            }
            let before = title_folded.source_span(0, m.get(0).unwrap().start());
            let name = clean(&text[before.start..before.end]);
            if !name.is_empty() {
                meta.agency = Some(Spanned {
                    value: name.split_whitespace().collect(),
                    span: before,
                });
            }
        }
        if meta.agency.is_none() {
            if let Some(line) = agency_line {
                meta.agency = Some(Spanned {
                    value: clean(&text[line.start..line.end]).to_string(),
                    span: line,
                });
            }
        }
    }
    if meta.year.is_none() {
        if let Some((year, inferred)) = year_in_text(text, folded) {
            meta.year = Some(year);
            meta.year_inferred = inferred;
        }
    }
    meta.date = signature_date(text, folded, lines, sections);
    if meta.year.is_none() {
        if let Some(date) = &meta.date {
            meta.year = Some(Spanned {
                value: date.value.year - 1,
                span: date.span,
            });
            meta.year_inferred = true;
        }
    }
    meta
}

/// Navigation a web page prints above the title (`当前位置：首页 > 政务公开 > 年报`).
fn is_page_chrome(folded: &str) -> bool {
    folded.contains('>')
        || folded.contains('›')
        || folded.contains('»')
        || ["当前位置", "您的位置", "您现在的位置", "所在位置"]
            .iter()
            .any(|p| folded.starts_with(p))
}

/// How far into the text the report's own name or period is looked for.
const YEAR_SEARCH_BYTES: usize = 6000;

/// `…局2023年政府信息公开工作年度报告` inside a longer line (a page whose line breaks were
/// lost), or the statistics period (`统计期限为2023年1月1日至12月31日`).
static TITLE_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9０-９]{4})\s*年\s*度?[^0-9０-９。；，,]{0,16}?政府信息公开(?:工作)?(?:年度)?(?:报告|年报)")
        .unwrap()
});
static STATISTICS_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9０-９]{4})\s*年\s*1\s*月\s*1\s*日\s*(?:起\s*)?(?:至|到|—|－|-|~|～)\s*(?:([0-9０-９]{4})\s*年\s*)?12\s*月\s*31\s*日")
        .unwrap()
});

/// The report year stated in the text when no title line gives it: the report's name inside
/// a longer line, else (inferred: the title does not say it) a statistics period of one
/// calendar year.
fn year_in_text(text: &str, folded: &Folded) -> Option<(Spanned<i32>, bool)> {
    let mut end = text.len().min(YEAR_SEARCH_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = folded.view(Span::new(0, end));
    let from = |m: regex::Match| {
        let year: i32 = m.as_str().parse().ok()?;
        (2000..=2100).contains(&year).then(|| Spanned {
            value: year,
            span: head.source_span(m.start(), m.end()),
        })
    };
    if let Some(found) = TITLE_IN_TEXT
        .captures_iter(head.text)
        .find_map(|c| from(c.get(1)?))
    {
        return Some((found, false));
    }
    let whole = folded.view(Span::new(0, text.len()));
    STATISTICS_PERIOD.captures_iter(whole.text).find_map(|c| {
        let start = c.get(1)?;
        if c.get(2).is_some_and(|to| to.as_str() != start.as_str()) {
            return None;
        }
        let year: i32 = start.as_str().parse().ok()?;
        (2000..=2100).contains(&year).then(|| {
            let span = whole.source_span(start.start(), start.end());
            (Spanned { value: year, span }, true)
        })
    })
}

fn signature_date(
    text: &str,
    folded: &Folded,
    lines: &LineIndex,
    sections: &[Section],
) -> Option<Spanned<Date>> {
    let from_line = sections
        .iter()
        .find(|s| s.number == 6)
        .map(|s| lines.line_of(s.heading.start))
        .unwrap_or_else(|| lines.line_count().saturating_sub(20));
    (from_line..lines.line_count()).find_map(|l| {
        let span = lines.line_span(text, l);
        let folded = folded.view(span);
        let m = DATE_LINE.captures(folded.text)?;
        let date = Date {
            year: m[1].parse().ok()?,
            month: m[2].parse().ok()?,
            day: m[3].parse().ok()?,
        };
        let whole = folded.source_span(m.get(1).unwrap().start(), m.get(0).unwrap().end());
        let end = whole.start + text[whole.start..whole.end].trim_end().len();
        Some(Spanned {
            value: date,
            span: Span::new(whole.start, end),
        })
    })
}

fn folded_line(text: &str, span: Span) -> String {
    clean(&text[span.start..span.end])
        .chars()
        .map(fold_char)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Trims spaces and the `?` marks an encoding left where spaces were.
fn clean(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '?' || c == '？' || c == '#' || c == '*')
}

fn trimmed(text: &str, span: Span) -> Span {
    let raw = &text[span.start..span.end];
    let inner = clean(raw);
    if inner.is_empty() {
        return span;
    }
    let start = span.start + (inner.as_ptr() as usize - raw.as_ptr() as usize);
    Span::new(start, start + inner.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(text: &str) -> Option<(i32, bool)> {
        let meta = read(
            text,
            &Folded::of(text, crate::text::Fold::Text),
            &LineIndex::new(text),
        )
        .meta;
        meta.year.map(|y| (y.value, meta.year_inferred))
    }

    #[test]
    fn the_year_behind_page_chrome() {
        let text = "当前位置：首页 > 政务公开 > 政府信息公开年报\n某局2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n";
        assert_eq!(year(text), Some((2023, false)));
    }

    #[test]
    fn the_year_of_a_title_inside_a_long_line() {
        let text = format!(
            "某局2023年政府信息公开工作年度报告 发布时间：2024-01-20 {}",
            "本机关认真贯彻落实条例，".repeat(10)
        );
        assert_eq!(year(&text), Some((2023, false)));
    }

    #[test]
    fn the_year_of_the_statistics_period() {
        let text = "政府信息公开工作年度报告\n本报告中所列数据的统计期限为2023年1月1日至12月31日。\n一、总体情况\n";
        assert_eq!(year(text), Some((2023, true)));
        // A period that spans two years says nothing about the report year.
        let text = "政府信息公开工作年度报告\n统计期限为2022年1月1日至2023年12月31日。\n";
        assert_eq!(year(text), None);
    }
}
