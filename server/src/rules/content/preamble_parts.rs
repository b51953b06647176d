//! NB410: the preamble's list of the report's parts (`本报告由总体情况、……等六部分组成`)
//! against the six sections of the format.

use std::sync::LazyLock;

use regex::Regex;

use crate::diag::{Diagnostic, Localized, Span};
use crate::rules::{Ctx, Rule};
use crate::spec::{
    numeral_value, section, NUMERALS, PARTS_LIST, PARTS_LIST_MAX_CHARS, PARTS_LIST_MIN,
    PARTS_LIST_SUBJECT, PART_WORDS,
};
use crate::text::FoldedView;

static LIST: LazyLock<Regex> = LazyLock::new(|| Regex::new(PARTS_LIST).unwrap());

/// The number of parts the format has.
const PARTS: usize = 6;

pub(super) fn check(ctx: &mut Ctx) {
    if ctx
        .report
        .meta
        .year
        .as_ref()
        .is_some_and(|y| y.value < 2019)
    {
        return;
    }
    let end = ctx
        .report
        .section(2)
        .map_or(ctx.first_copy_end(), |s| s.heading.start)
        .min(ctx.first_copy_end());
    let mut found = Vec::new();
    let mut at = 0;
    for line in ctx.text[..end].split_inclusive('\n') {
        let span = Span::new(at, at + line.trim_end_matches(['\n', '\r']).len());
        at += line.len();
        if line.contains('\t') || line.contains('|') {
            continue;
        }
        let folded = ctx.folded.view(span);
        let mut start = 0;
        for sentence in folded.text.split_inclusive('。') {
            if let Some(f) = list_finding(&folded, start, sentence) {
                found.push(f);
            }
            start += sentence.len();
        }
    }
    for d in found {
        ctx.emit(d);
    }
}

/// The first list of parts in the sentence no longer than [`PARTS_LIST_MAX_CHARS`]: where the
/// shortest list from a trigger word is too long, the next trigger is tried (as the bounded
/// pattern would).
fn parts_list(sentence: &str) -> Option<regex::Captures<'_>> {
    let mut from = 0;
    while let Some(caps) = LIST.captures_at(sentence, from) {
        if caps.name("list")?.as_str().chars().count() <= PARTS_LIST_MAX_CHARS {
            return Some(caps);
        }
        let start = caps.get(0)?.start();
        from = start + sentence[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

fn list_finding(folded: &FoldedView, offset: usize, sentence: &str) -> Option<Diagnostic> {
    // A list of the report's parts names the report: most sentences are passed over without
    // the pattern, which is costly to run.
    if !PARTS_LIST_SUBJECT.iter().any(|w| sentence.contains(w)) {
        return None;
    }
    let caps = parts_list(sentence)?;
    let trigger = caps.get(0).unwrap().start();
    if !PARTS_LIST_SUBJECT
        .iter()
        .any(|w| sentence[..trigger].contains(w))
    {
        return None;
    }
    let list = caps.name("list").unwrap();
    let listed: Vec<usize> = (0..PARTS)
        .filter(|&i| PART_WORDS[i].iter().any(|w| list.as_str().contains(w)))
        .collect();
    if listed.len() < PARTS_LIST_MIN {
        return None;
    }
    let missing: Vec<String> = (0..PARTS)
        .filter(|i| !listed.contains(i))
        .map(|i| format!("{}、{}", NUMERALS[i], section(i as u8 + 1).title))
        .collect();
    let missing_zh = missing
        .iter()
        .map(|m| format!("“{m}”"))
        .collect::<Vec<_>>()
        .join("、");
    let missing_en = missing.join("; ");
    let said = caps.name("count").map(|c| {
        let n = numeral_value(c.as_str())
            .map(usize::from)
            .or_else(|| c.as_str().parse().ok())
            .unwrap_or(0);
        (c, n)
    });
    let span_of = |m: regex::Match| folded.source_span(offset + m.start(), offset + m.end());
    let k = listed.len();
    let (span, message) = match said {
        Some((_, n)) if n == PARTS && k == PARTS => return None,
        Some((c, n)) if n == PARTS => (
            span_of(c),
            Localized::new(
                format!("前言说报告由六部分组成，但只列出了 {k} 个部分，缺少{missing_zh}"),
                format!("The preamble says the report has six parts but lists {k}; missing: {missing_en}"),
            ),
        ),
        Some((c, n)) => (
            span_of(c),
            if k == PARTS {
                Localized::new(
                    format!("前言说报告由{}部分组成，但列出了六个部分；格式规定年度报告由六部分组成", c.as_str()),
                    format!("The preamble says the report has {n} parts but lists six; the format has six parts"),
                )
            } else {
                Localized::new(
                    format!("前言说报告由{}部分组成，列出了 {k} 个部分，缺少{missing_zh}；格式规定年度报告由六部分组成", c.as_str()),
                    format!("The preamble says the report has {n} parts and lists {k}; missing: {missing_en}; the format has six parts"),
                )
            },
        ),
        // Without a count the list may be a description rather than the table of contents
        // (older preambles list the parts of the pre-2019 reports): nothing sure to say.
        None => return None,
    };
    Some(Diagnostic::new(Rule::PreambleParts, span, message))
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::findings;
    use crate::rules::Rule;

    fn draft(preamble: &str) -> String {
        format!("某局2023年政府信息公开工作年度报告\n\n{preamble}\n\n一、总体情况\n\n正文。\n\n二、主动公开政府信息情况\n")
    }

    const SIX: &str = "总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项";
    const FIVE: &str = "总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在问题及改进情况、其他需要报告的事项";

    #[test]
    fn preamble_parts() {
        for ok in [
            format!("本报告由{SIX}等六部分组成。"),
            format!("本年报根据《条例》要求编制，由{SIX}组成。"),
            format!("全文包括{SIX}。"),
            format!("本报告包括{FIVE}等内容。"),
            "本报告由某局办公室编制。".to_string(),
            "本年报全文由“总体情况”“主动公开政府信息情况”“收到和处理政府信息公开申请情况”“政府信息公开行政复议、行政诉讼情况”“存在的主要问题及改进情况”“其他需要报告的事项”六个部分组成。".to_string(),
        ] {
            assert!(
                findings(&draft(&ok), Rule::PreambleParts).is_empty(),
                "{ok}"
            );
        }
        // Says six, lists five.
        let text = draft(&format!("本报告由{FIVE}等六部分组成。"));
        let found = findings(&text, Rule::PreambleParts);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].span.start..found[0].span.end], "六");
        assert_eq!(
            found[0].message.zh,
            "前言说报告由六部分组成，但只列出了 5 个部分，缺少“四、政府信息公开行政复议、行政诉讼情况”"
        );
        // Says five, lists six.
        let found = findings(
            &draft(&format!("本报告由{SIX}五部分组成。")),
            Rule::PreambleParts,
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].message.zh.contains("但列出了六个部分"));
        // Leaves a part out without a count: a description, not a claim about the parts.
        assert!(findings(&draft(&format!("全文包括{FIVE}。")), Rule::PreambleParts).is_empty());
    }

    #[test]
    fn a_list_too_long_from_the_first_trigger_is_read_from_the_next() {
        // From `由` the list would run past 240 characters: it is read from `包括`.
        let padding = "本局按照上级部署认真落实各项工作要求".repeat(14);
        let text = draft(&format!("本报告由{padding}编制，包括{FIVE}等六部分组成。"));
        let found = findings(&text, Rule::PreambleParts);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.zh.contains("只列出了 5 个部分"));
        // With no later trigger, a list that long is not a list of the parts.
        let text = draft(&format!("本报告由{padding}编制，{FIVE}等六部分组成。"));
        assert!(findings(&text, Rule::PreambleParts).is_empty());
    }
}
