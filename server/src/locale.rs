//! The two message languages and a text carried in both. Every finding, title and document
//! is written in both; the front ends pick one at the edge.

/// Message language. Simplified Chinese is the default: the readers are civil servants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    Zh,
    En,
}

impl Locale {
    /// The language of a locale tag (`zh-CN`, `zh_TW`, `en`, `en-US`, `EN_gb`, …): its
    /// primary subtag, `zh` or `en`; `None` for any other language or a typo. The one reading
    /// of a tag: the command line refuses what this does not know, editors and
    /// configuration files fall back to Chinese (`from_tag`).
    pub fn parse_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim();
        let primary = tag.split(['-', '_']).next().unwrap_or(tag);
        if primary.eq_ignore_ascii_case("zh") {
            Some(Locale::Zh)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// Reads an editor or configuration locale tag leniently: anything that is not English
    /// falls back to Chinese, the readers' language.
    pub fn from_tag(tag: &str) -> Locale {
        Locale::parse_tag(tag).unwrap_or_default()
    }
}

/// A text in both message languages.
#[derive(Debug, Clone, PartialEq, Eq)]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read_by_their_language() {
        for tag in ["zh", "zh-CN", "zh_TW", " ZH-hans "] {
            assert_eq!(Locale::parse_tag(tag), Some(Locale::Zh), "{tag}");
        }
        for tag in ["en", "en-US", "EN_gb"] {
            assert_eq!(Locale::parse_tag(tag), Some(Locale::En), "{tag}");
        }
        for tag in ["", "fr", "english", "enx", "zhh-CN"] {
            assert_eq!(Locale::parse_tag(tag), None, "{tag}");
            assert_eq!(Locale::from_tag(tag), Locale::Zh, "{tag}");
        }
        assert_eq!(Locale::from_tag("en-US"), Locale::En);
    }
}
