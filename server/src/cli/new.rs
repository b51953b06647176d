//! `nianbao new`: a fresh draft from the official template of a report year, every table with
//! its official headers and 0 in every cell, the text left as the template's placeholders (which
//! the checker flags until they are written).

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::diag::Locale;
use crate::locale::io_error;
use crate::spec::templates;
use crate::spec::{Layout, TableStyle};

use super::{print_error, Outcome};

/// The first report year with a national format (the 2019 trial format).
const FIRST_YEAR: i32 = 2019;

/// The template's stand-in for the agency in its title: a placeholder NB403 flags.
const AGENCY_PLACEHOLDER: &str = "XX";

#[derive(Debug, Args)]
pub(super) struct NewArgs {
    /// Report year (default: the report year in progress, last year until June). 2019 and
    /// 2020 get the 2019 trial format, later years the 2021 format.
    #[arg(long, value_name = "YEAR")]
    year: Option<i32>,

    /// The agency's name, put in the title and the signature instead of the placeholder.
    #[arg(long, value_name = "NAME")]
    agency: Option<String>,

    /// `markdown` (pipe tables) or `tab` (tab-separated tables, as a word processor pastes
    /// them). Default: markdown for a .md/.markdown output file, tab otherwise.
    #[arg(long, value_enum, value_name = "STYLE")]
    style: Option<Style>,

    /// Write the draft to this file, which must not exist yet (default: standard output).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Style {
    Markdown,
    Tab,
}

impl Style {
    /// Markdown for a Markdown file, tab text for anything else (standard output included:
    /// it is most often pasted into a word processor).
    fn for_output(output: Option<&Path>) -> Style {
        let markdown = output
            .and_then(Path::extension)
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        if markdown {
            Style::Markdown
        } else {
            Style::Tab
        }
    }

    fn table_style(self) -> TableStyle {
        match self {
            Style::Markdown => TableStyle::Pipe,
            Style::Tab => TableStyle::Tab,
        }
    }
}

pub(super) fn run(args: &NewArgs, locale: Locale) -> Outcome {
    let today = crate::ide::date_in_china(std::time::SystemTime::now());
    let in_progress = crate::ide::report_year_in_progress(today);
    let year = args.year.unwrap_or(in_progress);
    // Before 2019 there was no national format; far ahead is a typo.
    if !(FIRST_YEAR..=in_progress + 1).contains(&year) {
        let last = in_progress + 1;
        print_error(
            locale,
            &match locale {
                Locale::Zh => format!(
                    "年度 {year} 不可用：全国统一格式自 {FIRST_YEAR} 年度起施行，可选 {FIRST_YEAR}–{last}"
                ),
                Locale::En => format!(
                    "no template for {year}: the national format starts with the {FIRST_YEAR} \
                     report; choose {FIRST_YEAR}–{last}"
                ),
            },
        );
        return Outcome::Failure;
    }
    let agency = match args.agency.as_deref().map(agency_name) {
        Some(Some(name)) => Some(name),
        Some(None) => {
            print_error(
                locale,
                match locale {
                    Locale::Zh => "--agency 的机关名称为空",
                    Locale::En => "--agency is empty",
                },
            );
            return Outcome::Failure;
        }
        None => None,
    };
    let style = args
        .style
        .unwrap_or_else(|| Style::for_output(args.output.as_deref()));
    let text = draft(year, style, agency.as_deref());
    let written = match &args.output {
        None => {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes()).and_then(|()| out.flush())
        }
        Some(path) => write_new(path, &text),
    };
    match written {
        Ok(()) => Outcome::Clean,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Outcome::Clean,
        Err(e) => {
            let path = args.output.as_deref().unwrap_or(Path::new("-"));
            let message = match (e.kind(), locale) {
                (io::ErrorKind::AlreadyExists, Locale::Zh) => {
                    format!(
                        "{}：文件已存在，不会覆盖（换一个文件名，或先删除它）",
                        path.display()
                    )
                }
                (io::ErrorKind::AlreadyExists, Locale::En) => format!(
                    "{}: the file exists; not overwritten (choose another name or remove it first)",
                    path.display()
                ),
                (_, Locale::Zh) => {
                    format!("{}：无法写入（{}）", path.display(), io_error(&e).zh)
                }
                (_, Locale::En) => format!("{}: cannot write ({e})", path.display()),
            };
            print_error(locale, &message);
            Outcome::Failure
        }
    }
}

/// The name on one line: a title and a signature cannot hold a line break.
fn agency_name(raw: &str) -> Option<String> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    (!name.is_empty()).then_some(name)
}

/// Creates `path` and writes `text`; an existing file (or a link to one) is never replaced,
/// and the check and the creation are one step (`create_new`), so nothing slips in between.
fn write_new(path: &Path, text: &str) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// The draft for `year` in `style`: the template the editor's "insert the report template"
/// action writes (`spec::templates`), with 0 in every value cell, Markdown headings in a
/// Markdown draft, and a signature.
pub fn draft(year: i32, style: Style, agency: Option<&str>) -> String {
    let layout = Layout::for_year(year);
    let template = templates::report_with_zeros(layout, year, style.table_style());
    let (title, body) = template.split_once('\n').unwrap_or((&template, ""));
    let name = agency.unwrap_or(AGENCY_PLACEHOLDER);
    let title = match title.strip_prefix(AGENCY_PLACEHOLDER) {
        Some(rest) => format!("{name}{rest}"),
        None => title.to_string(),
    };
    let mut text = match style {
        // Headings as Markdown headings, so the draft renders with its structure.
        Style::Markdown => {
            let mut out = format!("# {title}\n");
            for line in body.lines() {
                if is_section_heading(line) {
                    out.push_str("## ");
                }
                out.push_str(line);
                out.push('\n');
            }
            out
        }
        Style::Tab => format!("{title}\n{body}"),
    };
    // The signature: the agency and the date, which the author fills in when publishing
    // (the placeholder keeps NB403 on it until then).
    text.push_str(&format!("{name}\n{}年XX月XX日\n", year + 1));
    text
}

/// Whether a template line is one of the six section headings.
fn is_section_heading(line: &str) -> bool {
    crate::spec::SECTIONS.iter().any(|s| s.heading() == line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::diag::Severity;
    use crate::rules::Rule;

    #[test]
    fn a_fresh_draft_has_only_its_placeholders_as_errors() {
        for year in [2019, 2020, 2021, 2024] {
            for style in [Style::Markdown, Style::Tab] {
                for agency in [None, Some("某某市某某局")] {
                    let text = draft(year, style, agency);
                    let found = crate::check(&text, &Config::default());
                    // Not even a warning: the draft is the format itself.
                    let other: Vec<_> = found
                        .iter()
                        .filter(|d| d.rule != Rule::Placeholder)
                        .map(|d| format!("{} {}", d.code(), d.message.get(Locale::Zh)))
                        .collect();
                    assert!(
                        other.is_empty(),
                        "{year} {style:?} {agency:?}: {other:#?}\n{text}"
                    );
                    // Every placeholder is an error until it is filled: the text of sections
                    // 一, 五 and 六, the signature's date, and the agency when not given.
                    let placeholders = found.iter().filter(|d| d.rule == Rule::Placeholder);
                    assert!(placeholders.clone().all(|d| d.severity == Severity::Error));
                    let expected = if agency.is_some() { 4 } else { 6 };
                    assert_eq!(placeholders.count(), expected, "{year} {style:?}\n{text}");
                    if let Some(agency) = agency {
                        assert!(text.lines().next().unwrap().contains(agency));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod shape_tests {
    use super::*;

    #[test]
    fn the_year_chooses_the_format_and_the_output_the_style() {
        let trial = draft(2020, Style::Tab, None);
        assert!(
            trial.contains("第二十条第（九）项"),
            "the 2019 format's 政府集中采购 block"
        );
        assert!(!draft(2021, Style::Tab, None).contains("第二十条第（九）项"));
        assert!(trial.starts_with("XX2020年"));
        assert!(trial.ends_with("XX\n2021年XX月XX日\n"));
        let md = draft(2023, Style::Markdown, Some("某某局"));
        assert!(md.starts_with("# 某某局2023年"));
        assert!(md.contains("\n## 一、总体情况\n"));
        assert!(md.contains("| 行政处罚 | 0 |"));
        assert_eq!(
            Style::for_output(Some(Path::new("a/年报.MD"))),
            Style::Markdown
        );
        assert_eq!(Style::for_output(Some(Path::new("年报.txt"))), Style::Tab);
        assert_eq!(Style::for_output(None), Style::Tab);
    }

    #[test]
    fn an_agency_name_is_one_line() {
        assert_eq!(
            agency_name(" 某某市\n某某局 "),
            Some("某某市 某某局".to_string())
        );
        assert_eq!(agency_name(" \t\n"), None);
    }
}
