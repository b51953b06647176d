//! Params that do not fit their method, named by the field. The framework answers a request
//! whose params do not deserialize with `-32602` and serde's message ("invalid type: string,
//! expected u32") but not where, and drops such a notification without a word (a `didOpen`
//! lost that way leaves the document unchecked in silence). The reader checks the params of
//! every method the server handles against the same protocol types first, so the reply and
//! the log line say which field (`position.line`).

use serde::de::DeserializeOwned;
use serde_json::Value;
use tower_lsp_server::ls_types::notification::{self as n, Notification};
use tower_lsp_server::ls_types::request::{self as r, Request};
use tower_lsp_server::ls_types::{CodeActionContext, Position, Range, TextDocumentIdentifier};

/// `Ok` when `params` fit `method`, or the method is not one the server handles (the
/// framework answers those itself); otherwise the field and what is wrong with it.
pub fn check(method: &str, params: &Value) -> Result<(), String> {
    macro_rules! typed {
        (requests: $($req:ty),*; notifications: $($note:ty),* $(,)?) => {
            $(if method == <$req as Request>::METHOD {
                return fits::<<$req as Request>::Params>(params);
            })*
            $(if method == <$note as Notification>::METHOD {
                return fits::<<$note as Notification>::Params>(params);
            })*
        };
    }
    typed! {
        requests: r::Initialize, r::DocumentDiagnosticRequest, r::CodeActionRequest,
            r::ExecuteCommand, r::HoverRequest, r::DocumentSymbolRequest, r::Completion,
            r::InlayHintRequest, r::FoldingRangeRequest;
        notifications: n::DidOpenTextDocument, n::DidChangeTextDocument,
            n::DidCloseTextDocument, n::DidChangeConfiguration, n::DidChangeWatchedFiles,
    }
    Ok(())
}

fn fits<T: DeserializeOwned>(params: &Value) -> Result<(), String> {
    if params.is_null() {
        return Err("缺少 params（missing params）".to_string());
    }
    match serde_path_to_error::deserialize::<_, T>(params) {
        Ok(_) => Ok(()),
        // A type with a flattened part (most request params flatten their progress tokens,
        // hover and completion their position) is read through a buffer that loses the path;
        // the fields every such request shares are checked one by one to find it.
        Err(e) if e.path().to_string() == "." => {
            Err(shared_fields(params).unwrap_or_else(|| format!("`params`: {}", e.inner())))
        }
        Err(e) => Err(format!("`{}`: {}", e.path(), e.inner())),
    }
}

/// The first shared field of `params` that does not read as its protocol type.
fn shared_fields(params: &Value) -> Option<String> {
    fn field<T: DeserializeOwned>(params: &Value, key: &str) -> Option<String> {
        let value = params.get(key)?;
        serde_path_to_error::deserialize::<_, T>(value)
            .err()
            .map(|e| {
                let path = e.path().to_string();
                let at = if path == "." {
                    key.to_string()
                } else {
                    format!("{key}.{path}")
                };
                format!("`{at}`: {}", e.inner())
            })
    }
    field::<TextDocumentIdentifier>(params, "textDocument")
        .or_else(|| field::<Position>(params, "position"))
        .or_else(|| field::<Range>(params, "range"))
        .or_else(|| field::<CodeActionContext>(params, "context"))
        .or_else(|| field::<String>(params, "command"))
        .or_else(|| field::<Option<Vec<Value>>>(params, "arguments"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_wrong_field_is_named() {
        let params = json!({ "textDocument": { "uri": "file:///a" }, "position": { "line": -1, "character": 0 } });
        let why = check("textDocument/hover", &params).unwrap_err();
        assert!(why.starts_with("`position.line`"), "{why}");
        let why = check("textDocument/didClose", &json!({})).unwrap_err();
        assert!(why.contains("textDocument"), "{why}");
        assert!(check("textDocument/didClose", &Value::Null).is_err());
    }

    #[test]
    fn good_params_and_other_methods_pass() {
        let params = json!({ "textDocument": { "uri": "file:///a" } });
        assert!(check("textDocument/didClose", &params).is_ok());
        assert!(check("textDocument/references", &json!(1)).is_ok());
        assert!(check("shutdown", &Value::Null).is_ok());
    }
}
