//! The two message languages and a text carried in both. Every finding, title and document
//! is written in both; the front ends pick one at the edge.

use serde::Serialize;

/// Message language. Simplified Chinese is the default: the readers are civil servants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Locale {
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    /// Reads an editor or configuration locale tag (`zh-CN`, `en`, `en-US`, …).
    /// Anything that is not English falls back to Chinese.
    pub fn from_tag(tag: &str) -> Locale {
        let tag = tag.trim().to_ascii_lowercase();
        if tag == "en" || tag.starts_with("en-") || tag.starts_with("en_") {
            Locale::En
        } else {
            Locale::Zh
        }
    }

    pub fn as_tag(self) -> &'static str {
        match self {
            Locale::Zh => "zh-CN",
            Locale::En => "en",
        }
    }
}

/// A text in both message languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Localized {
    pub zh: String,
    pub en: String,
}

impl Localized {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Localized {
        Localized {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::Zh => &self.zh,
            Locale::En => &self.en,
        }
    }
}
