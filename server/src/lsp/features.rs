//! Hover, outline, completion, inlay hints and folding: the engine's `ide` answers converted
//! to protocol values.

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use crate::ide::{self, CompletionKind, FoldKind, InlayMode, SymbolKind as Kind};
use crate::lsp::documents::Snapshot;
use crate::lsp::encoding::{self, position, range, Encoding};

pub fn hover(snapshot: &Snapshot, at: Position, encoding: Encoding) -> Result<Option<Hover>> {
    let offset = offset_of(snapshot, at, encoding)?;
    let analysis = &snapshot.analysis;
    Ok(ide::hover(
        &snapshot.text,
        &analysis.report,
        &analysis.diagnostics,
        offset,
        snapshot.locale,
    )
    .map(|h| Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: h.markdown,
        }),
        range: Some(range(&snapshot.rope, h.span, encoding)),
    }))
}

pub fn symbols(snapshot: &Snapshot, encoding: Encoding) -> DocumentSymbolResponse {
    fn convert(s: ide::Symbol, snapshot: &Snapshot, encoding: Encoding) -> DocumentSymbol {
        #[allow(deprecated)] // `deprecated` is a required field of the type
        DocumentSymbol {
            name: s.name,
            detail: s.detail,
            kind: match s.kind {
                Kind::Title => SymbolKind::FILE,
                Kind::Section => SymbolKind::NAMESPACE,
                Kind::Table => SymbolKind::STRUCT,
                Kind::Block => SymbolKind::FIELD,
            },
            tags: None,
            deprecated: None,
            range: range(&snapshot.rope, s.span, encoding),
            selection_range: range(&snapshot.rope, s.selection, encoding),
            children: (!s.children.is_empty()).then(|| {
                s.children
                    .into_iter()
                    .map(|c| convert(c, snapshot, encoding))
                    .collect()
            }),
        }
    }
    let symbols = ide::symbols(&snapshot.text, &snapshot.analysis.report, snapshot.locale);
    DocumentSymbolResponse::Nested(
        symbols
            .into_iter()
            .map(|s| convert(s, snapshot, encoding))
            .collect(),
    )
}

pub fn completion(
    snapshot: &Snapshot,
    at: Position,
    encoding: Encoding,
) -> Result<Option<CompletionResponse>> {
    let offset = offset_of(snapshot, at, encoding)?;
    let items = ide::completions(
        &snapshot.text,
        &snapshot.analysis.report,
        offset,
        snapshot.locale,
    );
    if items.is_empty() {
        return Ok(None);
    }
    let items = items
        .into_iter()
        .map(|c| CompletionItem {
            label: c.label,
            kind: Some(match c.kind {
                CompletionKind::Heading => CompletionItemKind::MODULE,
                CompletionKind::Label => CompletionItemKind::FIELD,
                CompletionKind::Header => CompletionItemKind::PROPERTY,
                CompletionKind::Table => CompletionItemKind::SNIPPET,
            }),
            detail: c.detail,
            documentation: c.documentation.map(Documentation::String),
            sort_text: Some(c.sort_text),
            // Chinese labels: filter on what was typed, which the edit range covers.
            filter_text: None,
            insert_text_format: Some(if c.is_snippet {
                InsertTextFormat::SNIPPET
            } else {
                InsertTextFormat::PLAIN_TEXT
            }),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                range(&snapshot.rope, c.replace, encoding),
                c.insert_text,
            ))),
            ..CompletionItem::default()
        })
        .collect();
    Ok(Some(CompletionResponse::List(CompletionList {
        is_incomplete: false,
        items,
    })))
}

pub fn inlay_hints(
    snapshot: &Snapshot,
    visible: Range,
    mode: InlayMode,
    encoding: Encoding,
) -> Vec<InlayHint> {
    ide::inlay_totals(&snapshot.analysis.report, mode, snapshot.locale)
        .into_iter()
        .map(|h| (position(&snapshot.rope, h.at, encoding), h))
        .filter(|(p, _)| *p >= visible.start && *p <= visible.end)
        .map(|(p, h)| InlayHint {
            position: p,
            label: InlayHintLabel::String(h.label),
            kind: None,
            text_edits: None,
            tooltip: Some(InlayHintTooltip::String(h.tooltip)),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect()
}

pub fn folding(snapshot: &Snapshot, encoding: Encoding) -> Vec<FoldingRange> {
    ide::folding(&snapshot.text, &snapshot.analysis.report)
        .into_iter()
        .map(|f| {
            let r = range(&snapshot.rope, f.span, encoding);
            FoldingRange {
                start_line: r.start.line,
                start_character: None,
                end_line: r.end.line,
                end_character: None,
                kind: Some(match f.kind {
                    FoldKind::Section => FoldingRangeKind::Region,
                    FoldKind::Table => FoldingRangeKind::Region,
                }),
                collapsed_text: None,
            }
        })
        .filter(|f| f.end_line > f.start_line)
        .collect()
}

/// The protocol position → byte offset, as an error reply when it is outside the document.
fn offset_of(snapshot: &Snapshot, position: Position, encoding: Encoding) -> Result<usize> {
    encoding::offset(&snapshot.rope, position, encoding)
        .map_err(|e| Error::invalid_params(e.to_string()))
}
