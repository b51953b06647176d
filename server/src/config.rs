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
//! Reading the file is the caller's job (the engine does no I/O); this module parses it.

use std::collections::HashMap;

use serde::Deserialize;

use crate::catalog::{Rule, Severity};
use crate::locale::Locale;
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

/// A problem in a configuration file, worded for the person who wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| ConfigError(e.to_string()))?;
        let mut config = Config::default();
        if let Some(layout) = file.layout {
            config.layout = parse_layout_setting(&layout)?;
        }
        if let Some(locale) = file.locale {
            config.locale = Locale::from_tag(&locale);
        }
        for (key, value) in file.rules {
            let rule = Rule::lookup(&key)
                .ok_or_else(|| ConfigError(format!("unknown rule `{key}` in [rules]")))?;
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
            ConfigError(format!(
                "layout must be \"2019\", \"2021\" or \"auto\", not \"{other}\""
            ))
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
            ConfigError(format!(
                "rule level must be off, error, warning, info or hint, not \"{value}\""
            ))
        })
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
}
