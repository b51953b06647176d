//! Code actions: every engine fix as a quick fix, `source.fixAll.nianbao` (safe fixes only),
//! and inserting the whole report template into a draft that has no sections yet. The fixes
//! and the template are the engine's and `ide`'s; this module converts them and files them
//! under their kinds.

use tower_lsp_server::ls_types::*;

use crate::diag::{Applicability, Locale};
use crate::ide;
use crate::lsp::convert::{self, text_edits, workspace_edit};
use crate::lsp::documents::Snapshot;
use crate::lsp::encoding::{self, Encoding};

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
        if let Some((template, title)) = template(snapshot) {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(template_kind()),
                edit: Some(workspace_edit(
                    uri,
                    text_edits(&[template.edit], rope, encoding),
                )),
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

/// The whole report template (`ide::report_template`) for a draft with no section yet, as an
/// edit, with the action's title. `None` once the draft has a section.
fn template(snapshot: &Snapshot) -> Option<(ide::ReportTemplate, String)> {
    let today = ide::date_in_china(std::time::SystemTime::now());
    let markdown = snapshot.language_id == "markdown";
    let template =
        ide::report_template(&snapshot.text, &snapshot.analysis.report, markdown, today)?;
    let title = ide::report_template_title(&template, snapshot.locale);
    Some((template, title))
}

/// The whole report template as a workspace edit (the `nianbao.insertTemplate` command).
pub fn template_edit(snapshot: &Snapshot, uri: &Uri, encoding: Encoding) -> Option<WorkspaceEdit> {
    let (template, _) = template(snapshot)?;
    Some(workspace_edit(
        uri,
        text_edits(&[template.edit], &snapshot.rope, encoding),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

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
