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

/// What went wrong in an I/O operation, in both languages: the system's own words are English
/// (`Permission denied (os error 13)`), and a Chinese message should not end in them. The
/// common kinds get Chinese words, with the system's error number kept for whoever looks it
/// up; other errors keep their own text (one made by nianbao is already in the reader's
/// language).
pub fn io_error(error: &std::io::Error) -> Localized {
    use std::io::ErrorKind;
    let en = error.to_string();
    let zh = match error.kind() {
        ErrorKind::NotFound => "找不到文件或目录",
        ErrorKind::PermissionDenied => "没有访问权限",
        ErrorKind::AlreadyExists => "文件已存在",
        ErrorKind::IsADirectory => "这是一个目录，不是文件",
        ErrorKind::NotADirectory => "路径中有一部分不是目录",
        ErrorKind::ReadOnlyFilesystem => "文件系统为只读",
        ErrorKind::StorageFull => "磁盘空间已满",
        ErrorKind::QuotaExceeded => "超出磁盘配额",
        ErrorKind::FileTooLarge => "文件过大",
        ErrorKind::ResourceBusy => "文件正被其他程序占用",
        ErrorKind::InvalidFilename => "文件名无效或过长",
        ErrorKind::Interrupted => "操作被中断",
        ErrorKind::TimedOut => "操作超时",
        ErrorKind::UnexpectedEof => "文件意外结束",
        ErrorKind::OutOfMemory => "内存不足",
        _ => return Localized::new(en.clone(), en),
    };
    let zh = match error.raw_os_error() {
        Some(code) => format!("{zh}（系统错误 {code}）"),
        None => zh.to_string(),
    };
    Localized::new(zh, en)
}

#[cfg(test)]
mod io_error_tests {
    use super::*;
    use std::io::{Error, ErrorKind};

    #[test]
    fn io_errors_are_worded_in_both_languages() {
        let denied = io_error(&Error::from_raw_os_error(13));
        if cfg!(unix) {
            assert_eq!(denied.zh, "没有访问权限（系统错误 13）");
            assert!(denied.en.contains("Permission denied"), "{}", denied.en);
        }
        let full = io_error(&Error::from(ErrorKind::StorageFull));
        assert_eq!(full.zh, "磁盘空间已满");
        // nianbao's own message is kept as it is.
        let own = io_error(&Error::other("读取之后文件已被改动"));
        assert_eq!(own.zh, "读取之后文件已被改动");
    }
}
