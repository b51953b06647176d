//! `--format github`: one GitHub Actions workflow command per finding, which the Actions
//! runner shows as an annotation on the report's line.

use std::io::{self, Write};

use crate::diag::{Diagnostic, Locale, Severity};
use crate::input::Places;
use crate::text::LineIndex;

/// `places` (empty for a text file) names where a finding is in a page or a Word document:
/// its lines are those of the extracted text, which the annotation's reader never sees, so
/// the message starts with the paragraph or table cell.
pub(crate) fn write_file(
    out: &mut dyn Write,
    path: &str,
    text: &str,
    places: &Places,
    diagnostics: &[Diagnostic],
    locale: Locale,
) -> io::Result<()> {
    let index = LineIndex::new(text);
    // 1-based line and column (in characters) of a byte offset.
    let position = |offset: usize| {
        let offset = super::floor_char_boundary(text, offset.min(text.len()));
        let line = index.line_of(offset);
        let column = text[index.line_start(line)..offset].chars().count();
        (line + 1, column + 1)
    };
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Hint => "notice",
        };
        let (line, col) = position(d.span.start);
        let (end_line, end_col) = position(d.span.end);
        let message = match places.at(d.span.start) {
            Some(segment) => format!(
                "{}{}{}",
                segment.place.describe(locale),
                if locale == Locale::Zh { "：" } else { ": " },
                d.message.get(locale)
            ),
            None => d.message.get(locale).to_string(),
        };
        writeln!(
            out,
            "::{level} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
            property(path),
            property(&format!("nianbao {} {}", d.code(), d.rule.name())),
            data(&message),
        )?;
    }
    Ok(())
}

/// Escapes a workflow command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (also `:` and `,`, which delimit properties).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Localized, Span};
    use crate::rules::Rule;

    #[test]
    fn one_annotation_per_finding_with_escaping() {
        let text = "一、总体情况\n信息内容\t本年度止件数\n";
        let start = text.find("本年度止件数").unwrap();
        let d = Diagnostic::new(
            Rule::HeaderCell,
            Span::new(start, start + "本年度止件数".len()),
            Localized::new("表头有误：50%\n第二行", "wrong"),
        );
        let mut out = Vec::new();
        write_file(
            &mut out,
            "a,b:c.txt",
            text,
            &Places::default(),
            &[d],
            Locale::Zh,
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out,
            "::warning file=a%2Cb%3Ac.txt,line=2,col=6,endLine=2,endColumn=12,title=nianbao NB202 header-cell::表头有误：50%25%0A第二行\n"
        );
    }
}
