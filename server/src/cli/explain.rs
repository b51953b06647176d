//! `nianbao explain` and `nianbao rules`: the rule catalogue for people (and, with
//! `rules --format json`, for editors and scripts).

use std::io::{self, Write};

use serde::Serialize;

use crate::diag::Locale;
use crate::rules::Rule;

use super::{print_error, tr, Format, Outcome};

/// Prints one rule's code, name, default severity, title and document.
pub(super) fn explain(key: &str, locale: Locale) -> Outcome {
    let Some(rule) = Rule::lookup(key) else {
        print_error(locale, &unknown_rule_message(key, locale));
        return Outcome::Failure;
    };
    finish(
        write_explanation(&mut io::stdout().lock(), rule, locale),
        locale,
    )
}

/// The explanation `nianbao explain` prints; the rule pages (`docs`) are made of it too.
pub(super) fn write_explanation(out: &mut dyn Write, rule: Rule, locale: Locale) -> io::Result<()> {
    let severity = rule.default_severity().as_str();
    writeln!(out, "{} {}", rule.code(), rule.name())?;
    writeln!(out, "{}", rule.title(locale))?;
    writeln!(
        out,
        "{}{severity}",
        tr(locale, "默认级别：", "Default severity: ")
    )?;
    writeln!(out)?;
    writeln!(out, "{}", rule.doc(locale))?;
    writeln!(out)?;
    match locale {
        Locale::Zh => writeln!(
            out,
            "在 nianbao.toml 的 [rules] 中可改变级别或关闭：{} = \"warning\" 或 \"off\"",
            rule.code()
        ),
        Locale::En => writeln!(
            out,
            "Change its level or turn it off in nianbao.toml under [rules]: {} = \"warning\" or \"off\"",
            rule.code()
        ),
    }
}

fn unknown_rule_message(key: &str, locale: Locale) -> String {
    let mut message = match locale {
        Locale::Zh => format!("未知的规则“{key}”。运行 `nianbao rules` 查看全部规则。"),
        Locale::En => format!("unknown rule `{key}`; run `nianbao rules` to see every rule."),
    };
    if let Some(near) = nearest_rule(key) {
        let hint = match locale {
            Locale::Zh => format!("要找的是不是 {} {}？", near.code(), near.name()),
            Locale::En => format!(" Did you mean {} {}?", near.code(), near.name()),
        };
        message.push_str(&hint);
    }
    message
}

/// A rule whose name or code is a small typo away from `key`.
fn nearest_rule(key: &str) -> Option<Rule> {
    let key = key.trim().to_ascii_lowercase();
    Rule::ALL
        .iter()
        .map(|&rule| {
            let by_name = strsim::levenshtein(&key, rule.name());
            let by_code = strsim::levenshtein(&key, &rule.code().to_ascii_lowercase());
            (by_name.min(by_code), rule)
        })
        .filter(|&(distance, _)| distance <= 2)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, rule)| rule)
}

#[derive(Serialize)]
struct RuleEntry {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    title: &'static str,
}

/// Lists every rule, one a line: code, name, default severity, title.
pub(super) fn list(format: Format, locale: Locale) -> Outcome {
    let mut out = io::stdout().lock();
    let result = match format {
        Format::Human => write_list(&mut out, locale),
        Format::Json => {
            let entries: Vec<RuleEntry> = Rule::ALL
                .iter()
                .map(|&rule| RuleEntry {
                    code: rule.code(),
                    name: rule.name(),
                    severity: rule.default_severity().as_str(),
                    title: rule.title(locale),
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &entries)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
    };
    finish(result, locale)
}

fn write_list(out: &mut dyn Write, locale: Locale) -> io::Result<()> {
    let width = Rule::ALL.iter().map(|r| r.name().len()).max().unwrap_or(0);
    for &rule in Rule::ALL {
        writeln!(
            out,
            "{}  {:width$}  {:7}  {}",
            rule.code(),
            rule.name(),
            rule.default_severity().as_str(),
            rule.title(locale),
        )?;
    }
    Ok(())
}

fn finish(result: io::Result<()>, locale: Locale) -> Outcome {
    match result {
        Ok(()) => Outcome::Clean,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Outcome::Clean,
        Err(e) => {
            print_error(locale, &e.to_string());
            Outcome::Failure
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explanation_has_code_name_severity_title_and_doc() {
        let mut out = Vec::new();
        write_explanation(&mut out, Rule::SectionMissing, Locale::En).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("NB101 section-missing\n"), "{out}");
        assert!(out.contains(Rule::SectionMissing.title(Locale::En)));
        assert!(out.contains("Default severity: error"));
        assert!(out.contains(Rule::SectionMissing.doc(Locale::En)));
    }

    #[test]
    fn the_list_has_one_line_per_rule() {
        let mut out = Vec::new();
        write_list(&mut out, Locale::Zh).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out.lines().count(), Rule::ALL.len());
        for (line, rule) in out.lines().zip(Rule::ALL) {
            assert!(line.starts_with(rule.code()), "{line}");
            assert!(line.ends_with(rule.title(Locale::Zh)), "{line}");
        }
    }

    #[test]
    fn typos_get_a_suggestion() {
        assert_eq!(nearest_rule("section-mising"), Some(Rule::SectionMissing));
        assert_eq!(nearest_rule("nb1010"), Some(Rule::SectionMissing));
        assert_eq!(nearest_rule("completely-unrelated-words"), None);
        let message = unknown_rule_message("section-mising", Locale::En);
        assert!(message.contains("nianbao rules"), "{message}");
        assert!(message.contains("NB101 section-missing"), "{message}");
    }
}
