//! The protocol handlers.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::diag::Locale;
use crate::lsp::actions;
use crate::lsp::convert;
use crate::lsp::documents::{analyse, Document, Documents, Snapshot};
use crate::lsp::encoding::Encoding;
use crate::lsp::features;
use crate::lsp::relevance;
use crate::lsp::settings::{ProjectConfigs, Settings};
use crate::lsp::Options;

/// Commands the server executes (`workspace/executeCommand`), for editor commands and menus.
pub const COMMAND_INSERT_TEMPLATE: &str = "nianbao.insertTemplate";
pub const COMMAND_FIX_ALL: &str = "nianbao.fixAll";

#[derive(Debug, Default)]
pub(crate) struct State {
    pub docs: Documents,
    pub encoding: Encoding,
    pub settings: Settings,
    pub editor_locale: Option<Locale>,
    /// The client pulls diagnostics (`textDocument/diagnostic`); otherwise they are pushed.
    pub pull: bool,
    pub configuration_request: bool,
    /// The client applies edits the server sends (`workspace/applyEdit`).
    pub apply_edit: bool,
    pub watch_registration: bool,
    pub diagnostic_refresh: bool,
    pub inlay_refresh: bool,
    pub projects: ProjectConfigs,
    /// Problems already logged (bad configuration), so each is logged once.
    pub logged: Vec<String>,
}

/// Above this size a document's findings are converted for the protocol off the tasks that
/// answer requests.
const LARGE_DOCUMENT_BYTES: usize = 256 << 10;

/// What asking for a document's analysis gave.
enum Analysed {
    Done(Arc<Snapshot>),
    /// The document's text changed before the analysis was done.
    Replaced,
    /// The document is not open (or the analysis could not run).
    NotOpen,
}

#[derive(Clone)]
pub struct Backend {
    client: Client,
    /// The command line's options (`--position-encoding`, `--locale`, `--no-config`).
    options: Options,
    state: Arc<Mutex<State>>,
    /// Serialises publishing so a late result never overtakes a newer one.
    publishing: Arc<tokio::sync::Mutex<()>>,
    /// `shutdown` was received (the process's exit code depends on it).
    shut_down: Arc<AtomicBool>,
    /// One analysis per core at a time: fifty documents opened at once are checked a few at a
    /// time, not on fifty threads holding fifty analyses in memory together.
    analyses: Arc<tokio::sync::Semaphore>,
}

impl Backend {
    pub fn with_options(client: Client, options: Options) -> Backend {
        Backend {
            client,
            options,
            state: Arc::default(),
            publishing: Arc::default(),
            shut_down: Arc::default(),
            analyses: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            )),
        }
    }

    /// Set once `shutdown` has been received.
    pub fn shut_down_flag(&self) -> Arc<AtomicBool> {
        self.shut_down.clone()
    }

    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock must not take the server down with it.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Logs to the client; warnings and errors also to stderr, which clients keep even when
    /// the log window is closed (and some show every stderr line as an error, so not info).
    async fn log(&self, kind: MessageType, message: impl Into<String>) {
        let message = message.into();
        if kind == MessageType::ERROR || kind == MessageType::WARNING {
            eprintln!("nianbao: {message}");
        }
        self.client.log_message(kind, message).await;
    }

    /// Logs a configuration problem once.
    async fn log_problems(&self, problems: Vec<String>) {
        let fresh: Vec<String> = {
            let mut state = self.state();
            problems
                .into_iter()
                .filter(|p| {
                    let new = !state.logged.contains(p);
                    if new {
                        state.logged.push(p.clone());
                    }
                    new
                })
                .collect()
        };
        for p in fresh {
            self.log(MessageType::WARNING, format!("configuration: {p}"))
                .await;
        }
    }

    /// The analysis of the document's current text, computed now if needed (outside the lock).
    pub(crate) async fn snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        loop {
            match self.analysis_of(uri, None).await {
                Analysed::Done(snapshot) => return Some(snapshot),
                Analysed::Replaced => continue, // the text changed meanwhile: the newest one
                Analysed::NotOpen => return None,
            }
        }
    }

    /// The analysis of the document's current text; with `wanted`, only if that is still its
    /// version. An analysis whose version is replaced while it waits or runs gives up.
    async fn analysis_of(&self, uri: &Uri, wanted: Option<i32>) -> Analysed {
        let (version, rope, language_id, config, settings, problem, replaced) = {
            let mut state = self.state();
            let state = &mut *state;
            if let Some(s) = state.docs.current_snapshot(uri) {
                if wanted.is_some_and(|w| w != s.version) {
                    return Analysed::Replaced;
                }
                return Analysed::Done(s);
            }
            let Some(doc) = state.docs.open.get(uri) else {
                return Analysed::NotOpen;
            };
            if wanted.is_some_and(|w| w != doc.version()) {
                return Analysed::Replaced;
            }
            let path = file_path(uri);
            let (project, problem) = match &path {
                Some(p) if !self.options.no_config => state.projects.for_file(p),
                _ => (None, None),
            };
            let mut config = state
                .settings
                .engine_config(project.as_ref(), state.editor_locale);
            // `nianbao lsp --locale` beats the editor's locale and nianbao.toml, not the
            // editor's own nianbao.locale setting.
            if let (Some(locale), None) = (self.options.locale, state.settings.locale) {
                config.locale = locale;
            }
            (
                doc.version(),
                doc.rope.clone(),
                doc.language_id.clone(),
                config,
                state.settings.clone(),
                problem,
                doc.replaced(),
            )
        };
        if let Some(p) = problem {
            self.log_problems(vec![p]).await;
        }
        let path = file_path(uri);
        let selected = relevance::is_selected(&language_id, path.as_deref(), &settings);
        // The engine runs on the blocking pool: a large document being checked never holds
        // up the tasks that answer hover, completion or another document.
        let Ok(_turn) = self.analyses.acquire().await else {
            return Analysed::NotOpen; // the server is shutting down
        };
        if replaced(version) {
            return Analysed::Replaced; // changed while waiting for its turn
        }
        let analysed = tokio::task::spawn_blocking(move || {
            let guessed = |text: &str, report: &crate::Report| {
                relevance::is_guessed(&language_id, text, report)
            };
            analyse(
                language_id.clone(),
                version,
                rope,
                &config,
                selected,
                guessed,
                || replaced(version),
            )
        })
        .await;
        match analysed {
            Ok(Some(snapshot)) => {
                let snapshot = Arc::new(snapshot);
                self.state().docs.keep(uri, snapshot.clone());
                Analysed::Done(snapshot)
            }
            Ok(None) => Analysed::Replaced,
            // The analysis panicked outside the rules' guards: nothing to show.
            Err(_) => Analysed::NotOpen,
        }
    }

    fn is_current(&self, uri: &Uri, version: i32) -> bool {
        self.state()
            .docs
            .open
            .get(uri)
            .is_some_and(|d| d.version() == version)
    }

    /// Checks the document after `delay` and publishes, unless it changed in the meantime.
    fn schedule(&self, uri: Uri, version: i32, delay: Duration) {
        if self.state().pull {
            return; // the client asks when it wants them
        }
        let this = self.clone();
        tokio::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            if !this.is_current(&uri, version) {
                return;
            }
            let Analysed::Done(snapshot) = this.analysis_of(&uri, Some(version)).await else {
                return; // replaced: the newer version's own turn publishes
            };
            let _turn = this.publishing.lock().await;
            let (encoding, publish) = {
                let mut state = this.state();
                let encoding = state.encoding;
                let Some(doc) = state.docs.open.get_mut(&uri) else {
                    return;
                };
                if doc.version() != snapshot.version {
                    return; // stale: a newer version is on its way
                }
                let publish = snapshot.relevant || doc.published;
                doc.published = snapshot.relevant;
                (encoding, publish)
            };
            if publish {
                // Positions of a large document's findings are counted on the blocking pool:
                // the tasks that answer other requests never wait for them.
                let diagnostics = if snapshot.text.len() > LARGE_DOCUMENT_BYTES {
                    let (snapshot, target) = (snapshot.clone(), uri.clone());
                    let converted = tokio::task::spawn_blocking(move || {
                        diagnostics(&snapshot, &target, encoding)
                    })
                    .await;
                    match converted {
                        Ok(diagnostics) => diagnostics,
                        Err(e) => {
                            let message = format!("{}: findings not published: {e}", uri.as_str());
                            this.log(MessageType::ERROR, message).await;
                            return;
                        }
                    }
                } else {
                    diagnostics(&snapshot, &uri, encoding)
                };
                this.client
                    .publish_diagnostics(uri, diagnostics, Some(snapshot.version))
                    .await;
            }
        });
    }

    fn relint_all(&self) {
        let docs: Vec<(Uri, i32)> = {
            let mut state = self.state();
            state.docs.open.values_mut().for_each(|d| d.snapshot = None);
            state
                .docs
                .open
                .iter()
                .map(|(u, d)| (u.clone(), d.version()))
                .collect()
        };
        for (uri, version) in docs {
            self.schedule(uri, version, Duration::ZERO);
        }
    }

    async fn refresh_pulled(&self) {
        let (diagnostics, inlay) = {
            let state = self.state();
            (state.pull && state.diagnostic_refresh, state.inlay_refresh)
        };
        if diagnostics {
            let _ = self.client.workspace_diagnostic_refresh().await;
        }
        if inlay {
            let _ = self.client.inlay_hint_refresh().await;
        }
    }

    async fn apply_settings(&self, value: &Value) {
        let (settings, problems) = Settings::from_json(value);
        self.state().settings = settings;
        self.log_problems(problems).await;
    }

    async fn pull_configuration(&self) {
        if !self.state().configuration_request {
            return;
        }
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("nianbao".to_string()),
        }];
        match self.client.configuration(items).await {
            Ok(values) => {
                if let Some(value) = values.into_iter().next() {
                    if !value.is_null() {
                        self.apply_settings(&value).await;
                    }
                }
            }
            Err(e) => {
                self.log(
                    MessageType::WARNING,
                    format!("workspace/configuration failed: {e}"),
                )
                .await
            }
        }
    }

    /// Documents that are open and checked, for commands.
    pub(crate) async fn checked_snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        self.snapshot(uri).await.filter(|s| s.relevant)
    }

    pub(crate) fn encoding(&self) -> Encoding {
        self.state().encoding
    }
}

pub(crate) fn file_path(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

pub(crate) fn diagnostics(snapshot: &Snapshot, uri: &Uri, encoding: Encoding) -> Vec<Diagnostic> {
    if !snapshot.relevant {
        return Vec::new();
    }
    snapshot
        .analysis
        .diagnostics
        .iter()
        .map(|d| convert::diagnostic(d, uri, &snapshot.rope, encoding, snapshot.locale))
        .collect()
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        // While the client finishes its handshake, the engine builds its patterns and tables
        // once, so the first document opened is checked at keystroke speed.
        tokio::task::spawn_blocking(crate::warm_up);
        let caps = &params.capabilities;
        let encoding = self.options.position_encoding.unwrap_or_else(|| {
            Encoding::negotiate(
                caps.general
                    .as_ref()
                    .and_then(|g| g.position_encodings.as_deref()),
            )
        });
        // Pull only from clients that can also be told to pull again (after a configuration
        // change); a client without refresh support would keep stale findings, so it gets push.
        let refresh = caps
            .workspace
            .as_ref()
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            == Some(true);
        let pull = refresh
            && caps
                .text_document
                .as_ref()
                .and_then(|t| t.diagnostic.as_ref())
                .is_some();
        {
            let mut state = self.state();
            state.encoding = encoding;
            state.pull = pull;
            state.editor_locale = params.locale.as_deref().map(Locale::from_tag);
            if let Some(ws) = &caps.workspace {
                state.apply_edit = ws.apply_edit == Some(true);
                state.configuration_request = ws.configuration == Some(true);
                state.watch_registration = ws
                    .did_change_watched_files
                    .as_ref()
                    .and_then(|w| w.dynamic_registration)
                    == Some(true);
                state.diagnostic_refresh =
                    ws.diagnostics.as_ref().and_then(|d| d.refresh_support) == Some(true);
                state.inlay_refresh =
                    ws.inlay_hint.as_ref().and_then(|d| d.refresh_support) == Some(true);
            }
        }
        if let Some(options) = &params.initialization_options {
            self.apply_settings(options).await;
        }
        Ok(InitializeResult {
            capabilities: capabilities(encoding, pull),
            server_info: Some(ServerInfo {
                name: "nianbao".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.pull_configuration().await;
        if self.state().watch_registration {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String(format!(
                        "**/{}",
                        crate::config::CONFIG_FILE_NAME
                    )),
                    kind: None,
                }],
            };
            let registration = Registration {
                id: "nianbao-config-watch".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(e) = self.client.register_capability(vec![registration]).await {
                self.log(
                    MessageType::WARNING,
                    format!("could not watch nianbao.toml: {e}"),
                )
                .await;
            }
        }
        self.log(
            MessageType::INFO,
            format!("nianbao {} ready", env!("CARGO_PKG_VERSION")),
        )
        .await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let version = doc.version;
        self.state().docs.open.insert(
            doc.uri.clone(),
            Document::new(doc.language_id, version, &doc.text),
        );
        self.schedule(doc.uri, version, Duration::ZERO);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        // Applied before any await: the store follows the client's order of changes.
        let outcome = {
            let mut state = self.state();
            let encoding = state.encoding;
            let debounce = state.settings.debounce();
            match state.docs.open.get_mut(&uri) {
                None => Err(format!(
                    "didChange for a document that is not open: {}",
                    uri.as_str()
                )),
                Some(doc) => {
                    let mut failed = None;
                    for change in &params.content_changes {
                        if let Err(e) = doc.apply(change, encoding) {
                            failed = Some(e.to_string());
                            break;
                        }
                    }
                    doc.set_version(version);
                    match failed {
                        Some(e) => Err(format!("{}: change not applied: {e}", uri.as_str())),
                        None => Ok(debounce),
                    }
                }
            }
        };
        match outcome {
            Ok(debounce) => self.schedule(uri, version, debounce),
            Err(e) => {
                self.log(MessageType::ERROR, e).await;
                self.schedule(uri, version, Duration::ZERO);
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let removed = self.state().docs.open.remove(&uri);
        if removed.is_some_and(|d| d.published) && !self.state().pull {
            let _turn = self.publishing.lock().await;
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        if self.state().configuration_request {
            self.pull_configuration().await;
        } else {
            self.apply_settings(&params.settings).await;
        }
        self.relint_all();
        self.refresh_pulled().await;
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        {
            let mut state = self.state();
            state.projects.forget();
            state.logged.clear();
        }
        self.relint_all();
        self.refresh_pulled().await;
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let snapshot = self
            .snapshot(&uri)
            .await
            .ok_or_else(|| Error::invalid_params(format!("document not open: {}", uri.as_str())))?;
        let items = diagnostics(&snapshot, &uri, self.encoding());
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(snapshot.version.to_string()),
                    items,
                },
            }),
        ))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(snapshot) = self.checked_snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(actions::code_actions(
            &snapshot,
            &params,
            self.encoding(),
        )))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        if !self.state().apply_edit {
            // The edit would be sent to a client that never applies (or answers) it.
            return Err(Error {
                message: "this client does not apply server edits (workspace/applyEdit); use the \
                          code actions source.fixAll.nianbao or refactor.rewrite.nianbao.template"
                    .into(),
                ..Error::invalid_request()
            });
        }
        let uri = params
            .arguments
            .first()
            .and_then(|v| v.as_str())
            .and_then(crate::lsp::transport::uri::parse_lenient)
            .ok_or_else(|| {
                Error::invalid_params("expected the document URI as the first argument")
            })?;
        let snapshot = self
            .snapshot(&uri)
            .await
            .ok_or_else(|| Error::invalid_params(format!("document not open: {}", uri.as_str())))?;
        let edit = match params.command.as_str() {
            COMMAND_INSERT_TEMPLATE => actions::template_edit(&snapshot, &uri, self.encoding()),
            COMMAND_FIX_ALL => actions::fix_all_edit(&snapshot, &uri, self.encoding()),
            other => return Err(Error::invalid_params(format!("unknown command {other}"))),
        };
        let Some(edit) = edit else {
            return Ok(Some(Value::Bool(false)));
        };
        match self.client.apply_edit(edit).await {
            Ok(response) => Ok(Some(Value::Bool(response.applied))),
            Err(e) => Err(Error::invalid_params(format!(
                "workspace/applyEdit failed: {e}"
            ))),
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(snapshot) = self.checked_snapshot(&p.text_document.uri).await else {
            return Ok(None);
        };
        features::hover(&snapshot, p.position, self.encoding())
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(snapshot) = self.checked_snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(features::symbols(&snapshot, self.encoding())))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let Some(snapshot) = self.checked_snapshot(&p.text_document.uri).await else {
            return Ok(None);
        };
        features::completion(&snapshot, p.position, self.encoding())
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(snapshot) = self.checked_snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let mode = self.state().settings.inlay_hints();
        Ok(Some(features::inlay_hints(
            &snapshot,
            params.range,
            mode,
            self.encoding(),
        )))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(snapshot) = self.checked_snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(features::folding(&snapshot, self.encoding())))
    }
}

fn capabilities(encoding: Encoding, pull: bool) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: None,
            },
        )),
        diagnostic_provider: pull.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("nianbao".to_string()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                actions::fix_all_kind(),
                actions::template_kind(),
            ]),
            work_done_progress_options: WorkDoneProgressOptions::default(),
            resolve_provider: None,
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![
                COMMAND_INSERT_TEMPLATE.to_string(),
                COMMAND_FIX_ALL.to_string(),
            ],
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["|".to_string(), "\t".to_string()]),
            ..CompletionOptions::default()
        }),
        inlay_hint_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}
