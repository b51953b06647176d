//! Editor settings (initializationOptions, workspace/configuration, didChangeConfiguration)
//! merged with the project's `nianbao.toml` into the engine's `Config`.
//!
//! Settings are read leniently: an unknown key is ignored and a bad value is reported to the
//! log and skipped, so a typo in an editor's settings never stops the server.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde_json::Value;

use crate::config::{parse_layout_setting, parse_rule_level, Config, ConfigFiles};
use crate::diag::Locale;
use crate::ide::InlayMode;
use crate::rules::Rule;
use crate::spec::Layout;

pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `Some(None)` = "auto" set explicitly; `None` = not set here.
    pub layout: Option<Option<Layout>>,
    pub locale: Option<Locale>,
    pub rules: HashMap<Rule, crate::config::RuleLevel>,
    pub debounce: Option<Duration>,
    pub inlay_hints: Option<InlayMode>,
    /// Extra files to check whatever they look like (globs over the file path).
    pub files: Vec<String>,
    files_matcher: Option<GlobSet>,
}

impl Settings {
    /// Reads the `nianbao` settings object (or an object holding one under `nianbao`).
    /// Returns the settings and the problems found, for the log.
    pub fn from_json(value: &Value) -> (Settings, Vec<String>) {
        let value = value.get("nianbao").unwrap_or(value);
        let mut settings = Settings::default();
        let mut problems = Vec::new();
        let Some(map) = value.as_object() else {
            if !value.is_null() {
                problems.push(format!("settings must be an object, not {value}"));
            }
            return (settings, problems);
        };
        for (key, v) in map {
            match key.as_str() {
                "layout" => match v.as_str().map(parse_layout_setting) {
                    Some(Ok(layout)) => settings.layout = Some(layout),
                    Some(Err(e)) => problems.push(e.to_string()),
                    None => problems.push(format!("layout must be a string, not {v}")),
                },
                "locale" => match v.as_str() {
                    Some(tag) if !tag.is_empty() => settings.locale = Some(Locale::from_tag(tag)),
                    Some(_) => {}
                    None => problems.push(format!("locale must be a string, not {v}")),
                },
                "rules" => match v.as_object() {
                    Some(rules) => {
                        for (code, level) in rules {
                            let Some(rule) = Rule::lookup(code) else {
                                problems.push(format!("unknown rule `{code}`"));
                                continue;
                            };
                            match level.as_str().map(parse_rule_level) {
                                Some(Ok(level)) => {
                                    settings.rules.insert(rule, level);
                                }
                                Some(Err(e)) => problems.push(e.to_string()),
                                None => {
                                    problems.push(format!("rule level for {code} must be a string"))
                                }
                            }
                        }
                    }
                    None => problems.push(format!("rules must be an object, not {v}")),
                },
                "debounceMs" | "debounce" => match v.as_u64() {
                    Some(ms) => settings.debounce = Some(Duration::from_millis(ms.min(10_000))),
                    None => {
                        problems.push(format!("debounceMs must be a non-negative number, not {v}"))
                    }
                },
                "inlayHints" => match v.as_str().and_then(InlayMode::parse) {
                    Some(mode) => settings.inlay_hints = Some(mode),
                    None => problems.push(format!(
                        "inlayHints must be \"all\", \"mismatches\" or \"off\", not {v}"
                    )),
                },
                "files" => match v.as_array() {
                    Some(globs) => {
                        settings.files = globs
                            .iter()
                            .filter_map(|g| g.as_str().map(String::from))
                            .collect()
                    }
                    None => problems.push(format!("files must be a list of globs, not {v}")),
                },
                _ => {} // other editors' keys (e.g. server.path) are not ours
            }
        }
        let mut builder = GlobSetBuilder::new();
        for glob in &settings.files {
            match Glob::new(glob) {
                Ok(g) => {
                    builder.add(g);
                }
                Err(e) => problems.push(format!("bad glob `{glob}`: {e}")),
            }
        }
        settings.files_matcher = builder.build().ok();
        (settings, problems)
    }

    pub fn debounce(&self) -> Duration {
        self.debounce.unwrap_or(DEFAULT_DEBOUNCE)
    }

    pub fn inlay_hints(&self) -> InlayMode {
        self.inlay_hints.unwrap_or_default()
    }

    /// Whether `path` matches one of the configured `files` globs (whole path or file name).
    pub fn matches_file(&self, path: &Path) -> bool {
        let Some(matcher) = &self.files_matcher else {
            return false;
        };
        matcher.is_match(path) || path.file_name().is_some_and(|name| matcher.is_match(name))
    }

    /// The engine configuration for a document: the project file, then these settings on top,
    /// with the editor's locale as the last resort for the message language.
    pub fn engine_config(&self, project: Option<&Config>, editor_locale: Option<Locale>) -> Config {
        let mut config = project.cloned().unwrap_or_default();
        let project_sets_locale = project.is_some_and(|p| p.locale != Locale::default());
        if let Some(layout) = self.layout {
            config.layout = layout;
        }
        config.locale = match (self.locale, editor_locale) {
            (Some(l), _) => l,
            (None, Some(l)) if !project_sets_locale => l,
            _ => config.locale,
        };
        for (rule, level) in &self.rules {
            config.rules.insert(*rule, *level);
        }
        config
    }
}

/// The project's `nianbao.toml` files, found as the command line finds them
/// (`ConfigFiles`), read on first use and forgotten when one changes.
#[derive(Debug, Default)]
pub struct ProjectConfigs {
    files: ConfigFiles,
}

impl ProjectConfigs {
    /// The configuration nearest to `file` (its directory, then upward), and the problem if
    /// that file could not be read or parsed (the file is then ignored).
    pub fn for_file(&mut self, file: &Path) -> (Option<Config>, Option<String>) {
        let Some(dir) = file.parent() else {
            return (None, None);
        };
        match self
            .files
            .nearest_config(dir, Path::is_file, |p| std::fs::read_to_string(p))
        {
            None => (None, None),
            Some((_, Ok(config))) => (Some(config), None),
            // Logged, in English like the server's other log lines.
            Some((path, Err(e))) => (None, Some(format!("{}: {}", path.display(), e.en))),
        }
    }

    pub fn forget(&mut self) {
        self.files.forget();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RuleLevel;
    use crate::diag::Severity;
    use serde_json::json;

    #[test]
    fn reads_every_setting_and_reports_bad_ones() {
        let (s, problems) = Settings::from_json(&json!({"nianbao": {
            "layout": "2019", "locale": "en", "rules": {"NB409": "off", "placeholder": "warning"},
            "debounceMs": 0, "inlayHints": "all", "files": ["**/*年报*.txt"], "server": {"path": "x"}
        }}));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(s.layout, Some(Some(Layout::Y2019)));
        assert_eq!(s.locale, Some(Locale::En));
        assert_eq!(
            s.rules.get(&Rule::OtherProcessingHigh),
            Some(&RuleLevel::Off)
        );
        assert_eq!(s.debounce(), Duration::ZERO);
        assert_eq!(s.inlay_hints(), InlayMode::All);
        assert!(s.matches_file(Path::new("/w/2023年报初稿.txt")));
        assert!(!s.matches_file(Path::new("/w/notes.txt")));

        let (s, problems) = Settings::from_json(
            &json!({"layout": 2021, "rules": {"NB999": "off"}, "inlayHints": "some"}),
        );
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert_eq!(s.layout, None);
    }

    #[test]
    fn settings_override_the_project_file() {
        let project =
            Config::from_toml("layout = \"2021\"\n[rules]\nNB401 = \"warning\"\n").unwrap();
        let (s, _) = Settings::from_json(&json!({"rules": {"NB401": "off"}}));
        let config = s.engine_config(Some(&project), Some(Locale::En));
        assert_eq!(config.layout, Some(Layout::Y2021));
        assert_eq!(config.severity_of(Rule::FeeStatement), None);
        assert_eq!(
            config.locale,
            Locale::En,
            "the editor's locale when nothing else says"
        );
        let (s, _) = Settings::from_json(&json!({"rules": {"NB401": "error"}}));
        assert_eq!(
            s.engine_config(None, None).severity_of(Rule::FeeStatement),
            Some(Severity::Error)
        );
    }

    #[test]
    fn the_nearest_nianbao_toml_governs_a_document() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::create_dir_all(root.join("strict")).unwrap();
        std::fs::write(root.join("nianbao.toml"), "locale = \"en\"\n").unwrap();
        std::fs::write(root.join("strict/nianbao.toml"), "[rules\n").unwrap();
        let mut projects = ProjectConfigs::default();
        let (config, problem) = projects.for_file(&root.join("a/b/draft.txt"));
        assert_eq!(
            (config.map(|c| c.locale), problem),
            (Some(Locale::En), None)
        );
        // A broken file is reported and ignored, not replaced by the one above it.
        let (config, problem) = projects.for_file(&root.join("strict/draft.txt"));
        assert_eq!(config, None);
        assert!(problem.is_some_and(|p| p.contains("nianbao.toml")));
        // Remembered until forgotten.
        std::fs::write(root.join("strict/nianbao.toml"), "layout = \"2019\"\n").unwrap();
        assert_eq!(projects.for_file(&root.join("strict/draft.txt")).0, None);
        projects.forget();
        let (config, problem) = projects.for_file(&root.join("strict/draft.txt"));
        assert_eq!(
            (config.and_then(|c| c.layout), problem),
            (Some(Layout::Y2019), None)
        );
    }
}
