//! Zed extension: runs `nianbao lsp` for Plain Text and Markdown documents.
//!
//! The binary is `lsp.nianbao.binary.path` from the settings, else `nianbao` on the
//! worktree's PATH. `lsp.nianbao.settings` is answered on workspace/configuration (section
//! `nianbao`) and, unless `lsp.nianbao.initialization_options` is given, also sent as
//! initializationOptions.

use zed_extension_api::{self as zed, serde_json, settings::LspSettings, LanguageServerId, Result};

const SERVER: &str = "nianbao";

struct Nianbao;

impl Nianbao {
    fn settings(worktree: &zed::Worktree) -> LspSettings {
        LspSettings::for_worktree(SERVER, worktree).unwrap_or_default()
    }
}

impl zed::Extension for Nianbao {
    fn new() -> Self {
        Nianbao
    }

    fn language_server_command(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = Self::settings(worktree).binary;
        let path = binary
            .as_ref()
            .and_then(|b| b.path.clone())
            .or_else(|| worktree.which(SERVER))
            .ok_or_else(|| {
                "nianbao not found: install it (cargo install --path server) or set \
                 lsp.nianbao.binary.path"
                    .to_string()
            })?;
        let args = binary
            .as_ref()
            .and_then(|b| b.arguments.clone())
            .unwrap_or_else(|| vec!["lsp".to_string()]);
        let env = binary
            .and_then(|b| b.env)
            .map(|env| env.into_iter().collect())
            .unwrap_or_default();
        Ok(zed::Command {
            command: path,
            args,
            env,
        })
    }

    fn language_server_initialization_options(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        let settings = Self::settings(worktree);
        Ok(settings.initialization_options.or(settings.settings))
    }

    fn language_server_workspace_configuration(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        Ok(Self::settings(worktree)
            .settings
            .map(|s| serde_json::json!({ SERVER: s })))
    }
}

zed::register_extension!(Nianbao);
