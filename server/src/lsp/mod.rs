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

pub use backend::Backend;
pub use encoding::Encoding;
pub use settings::Settings;

use tower_lsp_server::{LspService, Server};

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

/// Serves the protocol on any byte streams (standard input/output, or pipes in tests).
pub async fn serve<I, O>(input: I, output: O)
where
    I: tokio::io::AsyncRead + Unpin,
    O: tokio::io::AsyncWrite,
{
    serve_with(input, output, Options::default()).await;
}

/// As [`serve`], with the command line's options.
pub async fn serve_with<I, O>(input: I, output: O, options: Options)
where
    I: tokio::io::AsyncRead + Unpin,
    O: tokio::io::AsyncWrite,
{
    let (service, socket) = LspService::new(|client| Backend::with_options(client, options));
    Server::new(input, output, socket).serve(service).await;
}

/// Runs the server on standard input and output until the client says `exit`.
pub fn run_stdio(options: Options) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(serve_with(tokio::io::stdin(), tokio::io::stdout(), options));
    Ok(())
}
