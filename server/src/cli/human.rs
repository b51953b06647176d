//! Findings for a person at a terminal:
//!
//! ```text
//! 报告.txt:3:5: warning[NB202] 表头文字有误
//! 3 | 一、本年度止件数
//!   |         ^^^^
//!   = fix: 改为“本年废止件数” (safe)
//!   = note: 1:1: a related place, by line and column in the same file
//! ```
//!
//! Columns count characters; the underline counts terminal cells, so Chinese text (two
//! cells a character) and tabs line up.

use std::io::{self, Write};

use anstyle::{AnsiColor, Color, Style};
use unicode_width::UnicodeWidthChar;

use crate::diag::{Applicability, Diagnostic, Locale, Severity, Span};
use crate::input::{Document, Kind, Origin, Places, TextEncoding};
use crate::text::LineIndex;

use super::position;
use super::totals::Totals;

/// Tabs are expanded to this stop so that the underline has a fixed place to go; a
/// terminal's own tab stops are unknown.
const TAB_STOP: usize = 4;

const BOLD: Style = Style::new().bold();
const GUTTER: Style = bold(AnsiColor::Blue);
const FIX: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Green)));

const fn bold(colour: AnsiColor) -> Style {
    Style::new().bold().fg_color(Some(Color::Ansi(colour)))
}

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Error => bold(AnsiColor::Red),
        Severity::Warning => bold(AnsiColor::Yellow),
        Severity::Info => bold(AnsiColor::Blue),
        Severity::Hint => bold(AnsiColor::Cyan),
    }
}

/// Styles text when colour is on. Whether it is on is decided once per run, by
/// `check::colour_enabled` (a terminal, `NO_COLOR`, `CLICOLOR_FORCE`).
struct Paint {
    on: bool,
}

impl Paint {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.on && !text.is_empty() {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }
}

/// Says, before a file's findings, what the checked text is when it is not simply the
/// file's UTF-8 text: the encoding it was read in, or that it was extracted from a page or
/// a Word document (whose snippets then show lines of the extracted text).
pub(crate) fn write_source_note(
    out: &mut dyn Write,
    path: &str,
    document: &Document,
    locale: Locale,
    colour: bool,
) -> io::Result<()> {
    let Some(note) = source_note(document, locale) else {
        return Ok(());
    };
    let paint = Paint { on: colour };
    writeln!(out, "{}: {}", paint.paint(BOLD, path), note)
}

fn source_note(document: &Document, locale: Locale) -> Option<String> {
    let zh = locale == Locale::Zh;
    let encoding = document
        .encoding
        .filter(|e| e.encoding != encoding_rs::UTF_8);
    let how = |e: &TextEncoding| match (e.origin, zh) {
        (Origin::Forced, true) => "按 --encoding 指定",
        (Origin::Forced, false) => "as --encoding says",
        (Origin::Bom, true) => "据字节顺序标记",
        (Origin::Bom, false) => "by its byte order mark",
        (_, true) => "自动识别，可用 --encoding 指定",
        (_, false) => "detected; --encoding overrides",
    };
    match (document.kind, encoding) {
        (Kind::Text, None) => None,
        (Kind::Text, Some(e)) if zh => Some(format!("注：按 {} 编码读取（{}）", e.name(), how(&e))),
        (Kind::Text, Some(e)) => Some(format!("note: read as {} ({})", e.name(), how(&e))),
        (Kind::Docx, _) if zh => Some(
            "注：检查的是从 Word 文档中提取的文字；问题按段落和表格单元格定位，示例中的行号是提取文字的行号".into(),
        ),
        (Kind::Docx, _) => Some(
            "note: checked the text extracted from the Word document; findings are located by paragraph and table cell, and snippet line numbers are lines of the extracted text".into(),
        ),
        (Kind::Html, e) if zh => Some(format!(
            "注：检查的是从网页中提取的正文{}；问题按段落和表格单元格定位，示例中的行号是提取文字的行号",
            e.map(|e| format!("（按 {} 编码读取，{}）", e.name(), how(&e))).unwrap_or_default()
        )),
        (Kind::Html, e) => Some(format!(
            "note: checked the text extracted from the web page{}; findings are located by paragraph and table cell, and snippet line numbers are lines of the extracted text",
            e.map(|e| format!(" (read as {}, {})", e.name(), how(&e))).unwrap_or_default()
        )),
    }
}

/// Writes every finding of one file, each followed by a blank line. `places` (empty for a
/// text file) locates findings in an extracted text by paragraph and table cell.
pub(crate) fn write_file(
    out: &mut dyn Write,
    path: &str,
    text: &str,
    places: &Places,
    diagnostics: &[Diagnostic],
    locale: Locale,
    colour: bool,
) -> io::Result<()> {
    if diagnostics.is_empty() {
        return Ok(());
    }
    let index = LineIndex::new(text);
    let paint = Paint { on: colour };
    let file = File {
        path,
        text,
        index: &index,
        places,
    };
    for d in diagnostics {
        write_diagnostic(out, &file, d, locale, &paint)?;
        writeln!(out)?;
    }
    Ok(())
}

/// One file's text and how to name a place in it.
struct File<'a> {
    path: &'a str,
    text: &'a str,
    index: &'a LineIndex,
    places: &'a Places,
}

impl File<'_> {
    /// `3:5` (line and column) in a text file; `第2个表格 第4行 第5列` in an extracted text.
    fn locate(&self, offset: usize, locale: Locale) -> String {
        if let Some(segment) = self.places.at(offset) {
            return segment.place.describe(locale);
        }
        let (line, column) = position(self.text, self.index, offset);
        format!("{line}:{column}")
    }
}

fn write_diagnostic(
    out: &mut dyn Write,
    file: &File,
    d: &Diagnostic,
    locale: Locale,
    paint: &Paint,
) -> io::Result<()> {
    let (path, text, index) = (file.path, file.text, file.index);
    let style = severity_style(d.severity);
    writeln!(
        out,
        "{}: {} {}",
        paint.paint(
            BOLD,
            &format!("{path}:{}", file.locate(d.span.start, locale))
        ),
        paint.paint(style, &format!("{}[{}]", d.severity.as_str(), d.code())),
        d.message.get(locale),
    )?;

    let snippet = Snippet::new(text, index, d.span);
    let number = snippet.line.to_string();
    let blank = " ".repeat(number.len());
    writeln!(
        out,
        "{} {}",
        paint.paint(GUTTER, &format!("{number} |")),
        snippet.source
    )?;
    writeln!(
        out,
        "{} {}{}",
        paint.paint(GUTTER, &format!("{blank} |")),
        " ".repeat(snippet.pad),
        paint.paint(style, &"^".repeat(snippet.carets)),
    )?;

    for fix in &d.fixes {
        let applicability = match fix.applicability {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        };
        writeln!(
            out,
            "{blank} {} {} ({applicability})",
            paint.paint(GUTTER, "="),
            paint.paint(FIX, &format!("fix: {}", fix.title.get(locale))),
        )?;
    }
    for related in &d.related {
        writeln!(
            out,
            "{blank} {} note: {}: {}",
            paint.paint(GUTTER, "="),
            file.locate(related.span.start, locale),
            related.message.get(locale),
        )?;
    }
    Ok(())
}

/// The printable source line a span starts on, and where its underline goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Snippet {
    /// One-based line number.
    pub line: usize,
    /// The line with tabs expanded and control characters made visible.
    pub source: String,
    /// Terminal cells before the underline.
    pub pad: usize,
    /// Carets in the underline; at least one, so an empty span (an insertion point)
    /// still shows where it is.
    pub carets: usize,
}

impl Snippet {
    /// A span that runs past its first line is underlined to the end of that line.
    pub fn new(text: &str, index: &LineIndex, span: Span) -> Snippet {
        let start = super::floor_char_boundary(text, span.start);
        let line = index.line_of(start);
        let bounds = index.line_span(text, line);
        // A span may start on the line break itself (after a `\r`); it still belongs here.
        let from = start.clamp(bounds.start, bounds.end);
        let to = super::floor_char_boundary(text, span.end).clamp(from, bounds.end);

        // Each character as shown, with the terminal cell it starts at.
        let mut pieces: Vec<(usize, String)> = Vec::new();
        let mut cells = 0;
        let mut pad = None;
        let mut end = None;
        for (i, c) in text[bounds.start..bounds.end].char_indices() {
            let at = bounds.start + i;
            if at == from {
                pad = Some(cells);
            }
            if at == to {
                end = Some(cells);
            }
            let mut shown = String::new();
            let width = push_visible(&mut shown, c, cells);
            pieces.push((cells, shown));
            cells += width;
        }
        let pad = pad.unwrap_or(cells);
        let end = end.unwrap_or(cells);
        let carets = end.saturating_sub(pad).max(1);
        // A paragraph is often one long line: show a window around the span, not all of it.
        let (first, last) = if cells <= MAX_SNIPPET_CELLS {
            (0, cells)
        } else {
            let first = pad.saturating_sub(SNIPPET_CONTEXT_CELLS);
            let last = (pad + carets + SNIPPET_CONTEXT_CELLS)
                .max(first + MAX_SNIPPET_CELLS / 2)
                .min(cells);
            (first, last)
        };
        let mut source = String::with_capacity(bounds.len());
        let mut shift = first;
        if first > 0 {
            source.push('…');
            shift = shift.saturating_sub(1);
        }
        let mut shown_start = None;
        for (at, piece) in &pieces {
            if *at >= first && *at < last {
                shown_start.get_or_insert(*at);
                source.push_str(piece);
            }
        }
        // A wide character straddling the window's start shifts what follows by its width.
        let shift = match shown_start {
            Some(start) if first > 0 => start - 1,
            _ => shift,
        };
        if last < cells {
            source.push('…');
        }
        Snippet {
            line: line + 1,
            source,
            pad: pad - shift.min(pad),
            carets,
        }
    }
}

/// Lines wider than this many terminal cells are shown as a window around the span.
const MAX_SNIPPET_CELLS: usize = 120;
/// Cells shown on each side of the span in such a window.
const SNIPPET_CONTEXT_CELLS: usize = 40;

/// Appends `c` as it should appear on a terminal and returns the cells it takes.
/// Control characters could move the cursor or recolour the terminal, so they are
/// shown as a replacement character instead.
fn push_visible(out: &mut String, c: char, cells: usize) -> usize {
    if c == '\t' {
        let width = TAB_STOP - cells % TAB_STOP;
        out.extend(std::iter::repeat_n(' ', width));
        return width;
    }
    if c.is_control() {
        out.push('\u{FFFD}');
        return 1;
    }
    out.push(c);
    c.width().unwrap_or(0)
}

/// The closing lines of a human report.
pub(crate) fn write_summary(
    out: &mut dyn Write,
    totals: &Totals,
    fix_mode: bool,
    locale: Locale,
    colour: bool,
) -> io::Result<()> {
    let paint = Paint { on: colour };
    if fix_mode && totals.fixed > 0 {
        writeln!(out, "{}", paint.paint(FIX, &fixed_line(totals, locale)))?;
    }
    writeln!(
        out,
        "{}",
        paint.paint(BOLD, &summary_line(totals, fix_mode, locale))
    )
}

fn fixed_line(totals: &Totals, locale: Locale) -> String {
    match locale {
        Locale::Zh => format!(
            "已自动修复 {} 个问题（{} 个文件）。",
            totals.fixed, totals.fixed_files
        ),
        Locale::En => format!(
            "Fixed {} in {}.",
            plural(totals.fixed, "problem", "problems"),
            plural(totals.fixed_files, "file", "files")
        ),
    }
}

/// `共 3 个问题（错误 2，警告 1），其中 1 个可用 --fix 自动修复；检查了 2 个文件。`
/// After `--fix` the fixable clause is left out: what could be fixed was. Files a directory
/// walk skipped as not reports are counted after the checked ones.
pub(crate) fn summary_line(totals: &Totals, fix_mode: bool, locale: Locale) -> String {
    let problems = totals.problems();
    let counts = [
        (totals.errors, "错误", "error", "errors"),
        (totals.warnings, "警告", "warning", "warnings"),
        (totals.infos, "信息", "info", "info"),
        (totals.hints, "提示", "hint", "hints"),
    ];
    let fixable = if fix_mode { 0 } else { totals.fixable };
    let checked = match (locale, totals.skipped) {
        (Locale::Zh, 0) => format!("检查了 {} 个文件", totals.files),
        (Locale::Zh, skipped) => format!(
            "检查了 {} 个文件，跳过 {skipped} 个不像报告的文件",
            totals.files
        ),
        (Locale::En, 0) => format!("{} checked", plural(totals.files, "file", "files")),
        (Locale::En, skipped) => format!(
            "{} checked, {skipped} skipped as not a report",
            plural(totals.files, "file", "files")
        ),
    };
    match locale {
        Locale::Zh if problems == 0 => format!("未发现问题（{checked}）。"),
        Locale::En if problems == 0 => format!("No problems found ({checked})."),
        Locale::Zh => {
            let parts: Vec<String> = counts
                .iter()
                .filter(|c| c.0 > 0)
                .map(|&(n, word, _, _)| format!("{word} {n}"))
                .collect();
            let fixable = if fixable > 0 {
                format!("，其中 {fixable} 个可用 --fix 自动修复")
            } else {
                String::new()
            };
            format!(
                "共 {problems} 个问题（{}）{fixable}；{checked}。",
                parts.join("，")
            )
        }
        Locale::En => {
            let parts: Vec<String> = counts
                .iter()
                .filter(|c| c.0 > 0)
                .map(|&(n, _, one, many)| plural(n, one, many))
                .collect();
            let fixable = if fixable > 0 {
                format!(", {fixable} fixable with --fix")
            } else {
                String::new()
            };
            format!(
                "{} ({}){fixable}; {checked}.",
                plural(problems, "problem", "problems"),
                parts.join(", "),
            )
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Fix, Localized};
    use crate::rules::Rule;
    use proptest::prelude::*;
    use unicode_width::UnicodeWidthStr;

    fn span_of(text: &str, needle: &str) -> Span {
        let start = text.find(needle).expect("needle in text");
        Span::new(start, start + needle.len())
    }

    fn render(text: &str, diagnostics: &[Diagnostic], locale: Locale) -> String {
        let mut out = Vec::new();
        write_file(
            &mut out,
            "报告.txt",
            text,
            &Places::default(),
            diagnostics,
            locale,
            false,
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The cells before the first caret of `carets`, and how many carets follow.
    fn caret_cells(carets: &str) -> (usize, usize) {
        let before = carets.find('^').expect("a caret");
        (
            carets[..before].width(),
            carets[before..].matches('^').count(),
        )
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_span() {
        let prose = "本机关认真贯彻落实条例。".repeat(30);
        let text = format!("{prose}国开公开函〔2019〕60号{prose}\n");
        let index = LineIndex::new(&text);
        let snippet = Snippet::new(&text, &index, span_of(&text, "国开公开函"));
        assert!(snippet.source.starts_with('…') && snippet.source.ends_with('…'));
        assert!(
            snippet.source.width() <= MAX_SNIPPET_CELLS,
            "{}",
            snippet.source
        );
        // The carets still sit under the span.
        let under: String = snippet
            .source
            .chars()
            .scan(0, |cells, c| {
                let at = *cells;
                *cells += c.width().unwrap_or(0);
                Some((at, c))
            })
            .filter(|(at, _)| *at >= snippet.pad && *at < snippet.pad + snippet.carets)
            .map(|(_, c)| c)
            .collect();
        assert_eq!(under, "国开公开函");
    }

    #[test]
    fn underline_lines_up_under_chinese_text() {
        let text = "标题\n一、本年度止件数\t12\n";
        let span = span_of(text, "度止");
        let snippet = Snippet::new(text, &LineIndex::new(text), span);
        assert_eq!(snippet.line, 2);
        // 一、本年 are four double-width characters.
        assert_eq!(snippet.pad, 8);
        assert_eq!(snippet.carets, 4);

        let d = Diagnostic::new(
            Rule::HeaderCell,
            span,
            Localized::new("表头单元格文字有误", "A header cell's text is wrong"),
        );
        let out = render(text, &[d], Locale::Zh);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "报告.txt:2:5: warning[NB202] 表头单元格文字有误");
        let source = lines[1].strip_prefix("2 | ").expect("gutter");
        let carets = lines[2].strip_prefix("  | ").expect("gutter");
        let (pad, count) = caret_cells(carets);
        assert_eq!(source[..source.find('度').unwrap()].width(), pad);
        assert_eq!(count, "度止".width());
    }

    #[test]
    fn tabs_are_expanded_in_the_line_and_the_underline() {
        let text = "\t本年\t度止";
        let span = span_of(text, "度止");
        let snippet = Snippet::new(text, &LineIndex::new(text), span);
        assert!(!snippet.source.contains('\t'));
        assert_eq!(snippet.source, "    本年    度止");
        assert_eq!(snippet.pad, 12);
        assert_eq!(snippet.carets, 4);
    }

    #[test]
    fn a_span_across_lines_is_underlined_to_the_end_of_its_first_line() {
        let text = "一、总体情况\r\n正文。\n";
        let span = Span::new(text.find("总").unwrap(), text.find("文").unwrap());
        let snippet = Snippet::new(text, &LineIndex::new(text), span);
        assert_eq!(snippet.source, "一、总体情况");
        assert_eq!((snippet.pad, snippet.carets), (4, 8));
    }

    #[test]
    fn an_empty_span_at_the_end_gets_one_caret() {
        let text = "正文";
        let snippet = Snippet::new(text, &LineIndex::new(text), Span::empty(text.len()));
        assert_eq!((snippet.pad, snippet.carets), (4, 1));
    }

    #[test]
    fn control_characters_are_not_sent_to_the_terminal() {
        let text = "a\x1b[31mb";
        let snippet = Snippet::new(text, &LineIndex::new(text), span_of(text, "b"));
        assert!(!snippet.source.contains('\x1b'));
        assert_eq!(snippet.pad, snippet.source.width() - 1);
    }

    #[test]
    fn fixes_and_related_places_follow_the_underline() {
        let text = "一、总体情况\n本年度止件数\n";
        let d = Diagnostic::new(
            Rule::HeaderCell,
            span_of(text, "度"),
            Localized::new("表头文字有误", "Header text is wrong"),
        )
        .with_fix(Fix {
            title: Localized::new("改为“本年废止件数”", "Use 本年废止件数"),
            applicability: Applicability::Safe,
            edits: vec![],
        })
        .with_related(span_of(text, "总体"), Localized::new("此处", "here"));
        let out = render(text, &[d], Locale::En);
        assert!(
            out.contains("\n  = fix: Use 本年废止件数 (safe)\n"),
            "{out}"
        );
        assert!(out.contains("\n  = note: 1:3: here\n"), "{out}");
        assert!(
            out.ends_with("\n\n"),
            "a blank line separates findings: {out:?}"
        );
    }

    #[test]
    fn colour_codes_appear_only_when_asked_for() {
        let text = "正文";
        let d = Diagnostic::new(Rule::Placeholder, Span::new(0, 3), Localized::new("x", "x"));
        let mut plain = Vec::new();
        write_file(
            &mut plain,
            "a",
            text,
            &Places::default(),
            std::slice::from_ref(&d),
            Locale::Zh,
            false,
        )
        .unwrap();
        let mut coloured = Vec::new();
        write_file(
            &mut coloured,
            "a",
            text,
            &Places::default(),
            &[d],
            Locale::Zh,
            true,
        )
        .unwrap();
        assert!(!plain.contains(&0x1b));
        assert!(coloured.contains(&0x1b));
    }

    #[test]
    fn summary_lines_in_both_languages() {
        let totals = Totals {
            files: 2,
            errors: 2,
            warnings: 1,
            fixable: 1,
            ..Totals::default()
        };
        assert_eq!(
            summary_line(&totals, false, Locale::Zh),
            "共 3 个问题（错误 2，警告 1），其中 1 个可用 --fix 自动修复；检查了 2 个文件。"
        );
        assert_eq!(
            summary_line(&totals, false, Locale::En),
            "3 problems (2 errors, 1 warning), 1 fixable with --fix; 2 files checked."
        );
        assert_eq!(
            summary_line(&totals, true, Locale::En),
            "3 problems (2 errors, 1 warning); 2 files checked."
        );
        let clean = Totals {
            files: 2,
            ..Totals::default()
        };
        assert_eq!(
            summary_line(&clean, false, Locale::Zh),
            "未发现问题（检查了 2 个文件）。"
        );
        assert_eq!(
            summary_line(&clean, false, Locale::En),
            "No problems found (2 files checked)."
        );
        let one = Totals {
            files: 1,
            hints: 1,
            ..Totals::default()
        };
        assert_eq!(
            summary_line(&one, false, Locale::En),
            "1 problem (1 hint); 1 file checked."
        );
        let skipped = Totals {
            files: 2,
            skipped: 3,
            ..Totals::default()
        };
        assert_eq!(
            summary_line(&skipped, false, Locale::Zh),
            "未发现问题（检查了 2 个文件，跳过 3 个不像报告的文件）。"
        );
        assert_eq!(
            summary_line(
                &Totals {
                    errors: 1,
                    ..skipped
                },
                false,
                Locale::En
            ),
            "1 problem (1 error); 2 files checked, 3 skipped as not a report."
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever the text and wherever the span, the underline starts inside the
        /// rendered line (or just past its end) and the line holds no control character.
        #[test]
        fn snippets_never_panic_and_stay_on_their_line(
            text in "(\\PC|[\\t\\r\\n\u{1b}]){0,60}",
            a in 0usize..400,
            b in 0usize..400,
        ) {
            let (start, end) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
            let snippet = Snippet::new(&text, &LineIndex::new(&text), Span::new(start, end));
            prop_assert!(snippet.carets >= 1);
            let cells: usize = snippet.source.chars().map(|c| c.width().unwrap_or(0)).sum();
            prop_assert!(snippet.pad <= cells);
            prop_assert!(!snippet.source.chars().any(|c| c.is_control()));
        }
    }
}
