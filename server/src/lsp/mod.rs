//! `nianbao lsp`: the language server. The only code that knows the protocol; it converts
//! between protocol values and the engine's byte spans and answers from the engine's analysis.
//!
//! Ordering rules (tower-lsp-server runs handlers concurrently): edits are applied to the
//! document store synchronously, before any `.await`; no std lock is held across an `.await`;
//! every analysis is stamped with the document version it was computed for, and results for a
//! version that is no longer current are dropped.

mod actions;
mod backend;
mod convert;
mod documents;
mod encoding;
mod features;
mod relevance;
mod settings;
pub mod transport;

use backend::Backend;
pub use encoding::Encoding;

use tower_lsp_server::{LspService, Server};

/// The document store and position conversions as the server uses them, for the fuzz
/// targets (`fuzz/`), which compare them with a reference model. Not an API.
#[doc(hidden)]
pub mod fuzzing {
    pub use super::documents::Document;
    pub use super::encoding::{char_index, offset, position, Encoding};
    pub use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};
}

/// How `nianbao lsp` was started (its command-line options).
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Count positions in this encoding whatever the client offers.
    pub position_encoding: Option<Encoding>,
    /// The message language, over the editor's locale and `nianbao.toml` (editor settings still win).
    pub locale: Option<crate::diag::Locale>,
    /// Ignore every `nianbao.toml`.
    pub no_config: bool,
}

/// How the server ended, for the process's exit code: the protocol asks for 0 after
/// `shutdown` then `exit`, and 1 when it ends without `shutdown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `shutdown` was answered before the end.
    ShutDown,
    /// `exit` without `shutdown`, or the input ended first.
    Abrupt,
}

/// Serves the protocol on any byte streams (standard input/output, or pipes in tests), with
/// the command line's options.
pub async fn serve_with<I, O>(input: I, output: O, options: Options) -> Ending
where
    I: tokio::io::AsyncRead + Unpin,
    O: tokio::io::AsyncWrite,
{
    let (service, socket) = LspService::new(|client| Backend::with_options(client, options));
    let shut_down = service.inner().shut_down_flag();
    transport::serve(input, output, |input, output| {
        Server::new(input, output, socket).serve(service)
    })
    .await;
    if shut_down.load(std::sync::atomic::Ordering::SeqCst) {
        Ending::ShutDown
    } else {
        Ending::Abrupt
    }
}

/// Runs the server on standard input and output until the client says `exit` (or the input
/// ends).
pub fn run_stdio(options: Options) -> std::io::Result<Ending> {
    // The patterns are built from the first instant, while the client is still starting and
    // before its `initialize` arrives (which waits for this rather than building them again).
    std::thread::spawn(crate::warm_up);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let ending = runtime.block_on(serve_with(tokio::io::stdin(), tokio::io::stdout(), options));
    // Standard input is read on a blocking thread, which may still wait for bytes a client
    // that keeps its end open after `exit` never sends: do not wait for it.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    Ok(ending)
}
