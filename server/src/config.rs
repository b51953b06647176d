//! Checker settings and the `nianbao.toml` file that carries them.
//!
//! ```toml
//! layout = "2021"        # "2019", "2021" or "auto" (default: detect per table, compare with the year)
//! locale = "en"          # message language; default zh-CN
//!
//! [rules]
//! NB409 = "off"          # by code …
//! placeholder = "warning" # … or by name
//! ```
//!
//! Reading the file is the caller's job (the engine does no I/O); this module parses it, and
//! finds the file that governs a directory (`ConfigFiles::nearest_config`) by asking the
//! caller whether a file exists and what it holds.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::catalog::{Rule, Severity};
use crate::locale::{self, Locale, Localized};
use crate::spec::Layout;

pub const CONFIG_FILE_NAME: &str = "nianbao.toml";

/// What a rule is set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    Severity(Severity),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Forces the layout tables are read and checked against; `None` = detect.
    pub layout: Option<Layout>,
    pub locale: Locale,
    pub rules: HashMap<Rule, RuleLevel>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    layout: Option<String>,
    locale: Option<String>,
    #[serde(default)]
    rules: HashMap<String, String>,
}

/// A problem in a configuration file, worded for the person who wrote it, in both message
/// languages (shown as English where no language is known, e.g. in a log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub Localized);

impl ConfigError {
    fn new(zh: String, en: String) -> ConfigError {
        ConfigError(Localized::new(zh, en))
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.en)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        // The TOML reader's own words (line, column, what it expected) are English.
        let file: ConfigFile = toml::from_str(text)
            .map_err(|e| ConfigError::new(format!("不是有效的 TOML：{e}"), e.to_string()))?;
        let mut config = Config::default();
        if let Some(layout) = file.layout {
            config.layout = parse_layout_setting(&layout)?;
        }
        if let Some(locale) = file.locale {
            config.locale = Locale::from_tag(&locale);
        }
        for (key, value) in file.rules {
            let rule = Rule::lookup(&key).ok_or_else(|| {
                ConfigError::new(
                    format!("[rules] 中的规则“{key}”不存在（运行 nianbao rules 查看全部规则）"),
                    format!("unknown rule `{key}` in [rules]"),
                )
            })?;
            config.rules.insert(rule, parse_rule_level(&value)?);
        }
        Ok(config)
    }

    /// The severity a finding of `rule` is reported with, or `None` when the rule is off.
    pub fn severity_of(&self, rule: Rule) -> Option<Severity> {
        match self.rules.get(&rule) {
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::Severity(s)) => Some(*s),
            None => Some(rule.default_severity()),
        }
    }
}

/// `"2019"`, `"2021"` or `"auto"`.
pub fn parse_layout_setting(value: &str) -> Result<Option<Layout>, ConfigError> {
    match value.trim() {
        "auto" | "" => Ok(None),
        other => Layout::parse(other).map(Some).ok_or_else(|| {
            ConfigError::new(
                format!("layout 应为 \"2019\"、\"2021\" 或 \"auto\"，不能是 \"{other}\""),
                format!("layout must be \"2019\", \"2021\" or \"auto\", not \"{other}\""),
            )
        }),
    }
}

pub fn parse_rule_level(value: &str) -> Result<RuleLevel, ConfigError> {
    if value.trim().eq_ignore_ascii_case("off") {
        return Ok(RuleLevel::Off);
    }
    Severity::parse(value)
        .map(RuleLevel::Severity)
        .ok_or_else(|| {
            ConfigError::new(
                format!("规则级别应为 off、error、warning、info 或 hint，不能是 \"{value}\""),
                format!("rule level must be off, error, warning, info or hint, not \"{value}\""),
            )
        })
}

/// The `nianbao.toml` files of a tree, as the command line and the language server both find
/// them: the one governing a directory is the nearest at or above it. Which file governs each
/// directory visited and what each file says are remembered until `forget`, so a thousand
/// drafts in one folder cost one walk and one read.
#[derive(Debug, Default)]
pub struct ConfigFiles {
    /// Directory → the file that governs it, if any.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    /// File → its settings, or why they cannot be read (the I/O or parse error's words).
    loaded: HashMap<PathBuf, Result<Config, Localized>>,
}

/// The file that governs a directory, and its settings or what is wrong with it.
pub type FoundConfig = (PathBuf, Result<Config, Localized>);

impl ConfigFiles {
    /// The configuration governing `dir`: walks up from `dir` (itself first) to the first
    /// ancestor holding a `nianbao.toml` (`is_file`), reads it (`read`) and parses it. The
    /// caller does the I/O and decides what `dir` is (canonical or as given).
    pub fn nearest_config(
        &mut self,
        dir: &Path,
        mut is_file: impl FnMut(&Path) -> bool,
        read: impl FnOnce(&Path) -> std::io::Result<String>,
    ) -> Option<FoundConfig> {
        let mut visited = Vec::new();
        let mut found = None;
        for ancestor in dir.ancestors() {
            if let Some(cached) = self.nearest.get(ancestor) {
                found = cached.clone();
                break;
            }
            visited.push(ancestor.to_path_buf());
            let candidate = ancestor.join(CONFIG_FILE_NAME);
            if is_file(&candidate) {
                found = Some(candidate);
                break;
            }
        }
        for dir in visited {
            self.nearest.insert(dir, found.clone());
        }
        let file = found?;
        let loaded = self.loaded.entry(file.clone()).or_insert_with(|| {
            let text = read(&file).map_err(|e| locale::io_error(&e))?;
            Config::from_toml(&text).map_err(|e| e.0)
        });
        Some((file, loaded.clone()))
    }

    /// Drops what was found and read: a configuration file was added, changed or removed.
    pub fn forget(&mut self) {
        self.nearest.clear();
        self.loaded.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_layout_locale_and_rules_by_code_or_name() {
        let config = Config::from_toml(
            "layout = \"2019\"\nlocale = \"en\"\n[rules]\nNB409 = \"off\"\nplaceholder = \"warning\"\n",
        )
        .unwrap();
        assert_eq!(config.layout, Some(Layout::Y2019));
        assert_eq!(config.locale, Locale::En);
        assert_eq!(config.severity_of(Rule::OtherProcessingHigh), None);
        assert_eq!(
            config.severity_of(Rule::Placeholder),
            Some(Severity::Warning)
        );
        assert_eq!(config.severity_of(Rule::BlankCell), Some(Severity::Error));
    }

    #[test]
    fn rejects_unknown_rules_and_levels() {
        assert!(Config::from_toml("[rules]\nNB999 = \"off\"").is_err());
        assert!(Config::from_toml("[rules]\nNB101 = \"loud\"").is_err());
        assert!(Config::from_toml("layout = \"2020\"").is_err());
        assert!(Config::from_toml("colour = 1").is_err());
    }

    /// A tree held in memory, counting the existence checks and reads it answers.
    #[derive(Default)]
    struct Tree {
        files: HashMap<PathBuf, String>,
        checks: std::cell::Cell<usize>,
        reads: std::cell::Cell<usize>,
    }

    impl Tree {
        fn with(files: &[(&str, &str)]) -> Tree {
            Tree {
                files: files
                    .iter()
                    .map(|(p, t)| (PathBuf::from(p), t.to_string()))
                    .collect(),
                ..Tree::default()
            }
        }

        fn lookup(&self, configs: &mut ConfigFiles, dir: &str) -> Option<FoundConfig> {
            configs.nearest_config(
                Path::new(dir),
                |p| {
                    self.checks.set(self.checks.get() + 1);
                    self.files.contains_key(p)
                },
                |p| {
                    self.reads.set(self.reads.get() + 1);
                    self.files
                        .get(p)
                        .cloned()
                        .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
                },
            )
        }
    }

    #[test]
    fn the_nearest_file_governs_and_is_read_once() {
        let tree = Tree::with(&[
            ("/w/nianbao.toml", "locale = \"en\"\n"),
            ("/w/strict/nianbao.toml", "[rules]\nNB101 = \"off\"\n"),
        ]);
        let mut configs = ConfigFiles::default();
        let (file, config) = tree.lookup(&mut configs, "/w/a/b").unwrap();
        assert_eq!(file, Path::new("/w/nianbao.toml"));
        assert_eq!(config.unwrap().locale, Locale::En);
        let (file, config) = tree.lookup(&mut configs, "/w/strict/x").unwrap();
        assert_eq!(file, Path::new("/w/strict/nianbao.toml"));
        let config = config.unwrap();
        assert_eq!(
            config.locale,
            Locale::Zh,
            "the nearest file alone, not merged"
        );
        assert_eq!(config.severity_of(Rule::SectionMissing), None);
        // /w/a/b, /w/a, /w; then /w/strict/x, /w/strict.
        assert_eq!((tree.checks.get(), tree.reads.get()), (5, 2));
        // Everything remembered: no check, no read.
        tree.lookup(&mut configs, "/w/a/b").unwrap().1.unwrap();
        tree.lookup(&mut configs, "/w/a").unwrap().1.unwrap();
        assert_eq!((tree.checks.get(), tree.reads.get()), (5, 2));
        configs.forget();
        tree.lookup(&mut configs, "/w/a").unwrap().1.unwrap();
        assert_eq!((tree.checks.get(), tree.reads.get()), (7, 3));
    }

    #[test]
    fn no_file_and_a_bad_file() {
        let mut configs = ConfigFiles::default();
        assert!(Tree::default().lookup(&mut configs, "/w/a").is_none());
        let tree = Tree::with(&[("/w/nianbao.toml", "[rules]\nNB999 = \"off\"\n")]);
        let mut configs = ConfigFiles::default();
        let (file, config) = tree.lookup(&mut configs, "/w/a").unwrap();
        assert_eq!(file, Path::new("/w/nianbao.toml"));
        assert!(config.unwrap_err().en.contains("NB999"));
    }
}
