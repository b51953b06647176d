//! Code actions: every engine fix as a quick fix, `source.fixAll.nianbao` (safe fixes only),
//! and inserting the whole report template into a draft that has no sections yet.

use tower_lsp_server::ls_types::*;

use crate::diag::{Applicability, Edit, Locale};
use crate::lsp::convert::{self, text_edits, workspace_edit};
use crate::lsp::documents::Snapshot;
use crate::lsp::encoding::{self, Encoding};
use crate::spec::templates;
use crate::spec::Layout;
use crate::spec::TableStyle;

pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.nianbao")
}

pub fn template_kind() -> CodeActionKind {
    CodeActionKind::new("refactor.rewrite.nianbao.template")
}

/// Whether an action of `kind` was asked for (`only` filters hierarchically: `source`
/// includes `source.fixAll.nianbao`).
fn wanted(only: Option<&Vec<CodeActionKind>>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|kinds| {
        kinds.iter().any(|k| {
            kind.as_str() == k.as_str() || kind.as_str().starts_with(&format!("{}.", k.as_str()))
        })
    })
}

pub fn code_actions(
    snapshot: &Snapshot,
    params: &CodeActionParams,
    encoding: Encoding,
) -> CodeActionResponse {
    let uri = &params.text_document.uri;
    let only = params.context.only.as_ref();
    let locale = snapshot.locale;
    let mut out = Vec::new();
    let rope = &snapshot.rope;
    let start = encoding::offset(rope, params.range.start, encoding).unwrap_or(0);
    let end = encoding::offset(rope, params.range.end, encoding).unwrap_or(snapshot.text.len());
    if wanted(only, &CodeActionKind::QUICKFIX) {
        for d in &snapshot.analysis.diagnostics {
            // Touching counts: a cursor at either end of a finding gets its fixes.
            if d.span.end < start || d.span.start > end {
                continue;
            }
            let diagnostic = convert::diagnostic(d, uri, rope, encoding, locale);
            let preferred = d.fixes.len() == 1 && d.fixes[0].applicability == Applicability::Safe;
            for fix in &d.fixes {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.get(locale).to_string(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(workspace_edit(uri, text_edits(&fix.edits, rope, encoding))),
                    is_preferred: preferred.then_some(true),
                    ..CodeAction::default()
                }));
            }
        }
    }
    if wanted(only, &fix_all_kind()) {
        if let Some(edit) = fix_all_edit(snapshot, uri, encoding) {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: match locale {
                    Locale::Zh => "nianbao：应用全部安全修复".to_string(),
                    Locale::En => "nianbao: apply all safe fixes".to_string(),
                },
                kind: Some(fix_all_kind()),
                edit: Some(edit),
                ..CodeAction::default()
            }));
        }
    }
    if wanted(only, &template_kind()) {
        if let Some(edit) = template_edit(snapshot, uri, encoding) {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: template_title(locale, current_year()),
                kind: Some(template_kind()),
                edit: Some(edit),
                command: None,
                ..CodeAction::default()
            }));
        }
    }
    out
}

/// The safe fixes of the document, non-overlapping, as one edit (`fix::safe_edits`, as
/// `--fix` takes them). `None` when there are none.
pub fn fix_all_edit(snapshot: &Snapshot, uri: &Uri, encoding: Encoding) -> Option<WorkspaceEdit> {
    let (edits, _) = crate::fix::safe_edits(&snapshot.analysis);
    if edits.is_empty() {
        return None;
    }
    Some(workspace_edit(
        uri,
        text_edits(&edits, &snapshot.rope, encoding),
    ))
}

/// The whole report template (2021 format, this year) for a draft with no section yet:
/// appended after what is there (a title is kept, not repeated).
pub fn template_edit(snapshot: &Snapshot, uri: &Uri, encoding: Encoding) -> Option<WorkspaceEdit> {
    let report = &snapshot.analysis.report;
    if !report.sections.is_empty() {
        return None;
    }
    let year = report
        .meta
        .year
        .as_ref()
        .map_or_else(current_year, |y| y.value);
    let layout = report.expected_layout.unwrap_or(Layout::Y2021);
    // A plain-text draft with no table yet gets tab-separated tables, as word processors paste
    // them; Markdown gets pipe tables.
    let style = if report.proactive.is_none()
        && report.applications.is_none()
        && report.reviews.is_none()
        && snapshot.language_id != "markdown"
    {
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
    let text = &snapshot.text;
    let at = text.len();
    let prefix = if text.trim().is_empty() || text.ends_with("\n\n") {
        ""
    } else if text.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    let insert = if text.trim().is_empty() {
        Edit::replace(crate::diag::Span::new(0, at), body)
    } else {
        Edit::insert(at, format!("{prefix}{body}"))
    };
    Some(workspace_edit(
        uri,
        text_edits(&[insert], &snapshot.rope, encoding),
    ))
}

fn template_title(locale: Locale, year: i32) -> String {
    match locale {
        Locale::Zh => format!("插入年度报告模板（全部六个部分和表格，2021年格式，{year}年度）"),
        Locale::En => {
            format!("Insert the report template (all six sections and tables, 2021 format, {year})")
        }
    }
}

/// The report year in progress: reports are drafted from late in the year they cover until
/// their deadline early the next year, so from January to June it is last year.
pub fn current_year() -> i32 {
    let (year, month) = civil_year_month(unix_days());
    if month <= 6 {
        year - 1
    } else {
        year
    }
}

fn unix_days() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64
}

/// (year, month) of a day counted from 1970-01-01.
fn civil_year_month(days: i64) -> (i32, i64) {
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    ((yoe + era * 400 + i64::from(month <= 2)) as i32, month)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_year_month(0), (1970, 1));
        // 2026-11-22 and 2027-01-15
        assert_eq!(civil_year_month(20_779), (2026, 11));
        assert_eq!(civil_year_month(20_833), (2027, 1));
    }

    #[test]
    fn current_year_is_plausible() {
        let year = current_year();
        assert!((2024..2200).contains(&year), "{year}");
    }

    #[test]
    fn kinds_filter_hierarchically() {
        let only = vec![CodeActionKind::SOURCE];
        assert!(wanted(Some(&only), &fix_all_kind()));
        assert!(!wanted(Some(&only), &CodeActionKind::QUICKFIX));
        let only = vec![CodeActionKind::new("source.fixAll")];
        assert!(wanted(Some(&only), &fix_all_kind()));
        assert!(wanted(None, &template_kind()));
    }
}
