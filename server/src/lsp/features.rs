//! Hover, outline, completion, inlay hints and folding: the engine's `ide` answers converted
//! to protocol values.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::lsp::documents::Snapshot;
use crate::lsp::encoding::Encoding;
use crate::lsp::settings::InlayHints;

pub fn hover(_snapshot: &Snapshot, _position: Position, _encoding: Encoding) -> Result<Option<Hover>> {
    Ok(None)
}

pub fn symbols(_snapshot: &Snapshot, _encoding: Encoding) -> DocumentSymbolResponse {
    DocumentSymbolResponse::Nested(Vec::new())
}

pub fn completion(_snapshot: &Snapshot, _position: Position, _encoding: Encoding) -> Result<Option<CompletionResponse>> {
    Ok(None)
}

pub fn inlay_hints(_snapshot: &Snapshot, _range: Range, _mode: InlayHints, _encoding: Encoding) -> Vec<InlayHint> {
    Vec::new()
}

pub fn folding(_snapshot: &Snapshot, _encoding: Encoding) -> Vec<FoldingRange> {
    Vec::new()
}
