//! Matching a cell's text to official labels: exact after folding, or close enough to be a typo.

use std::sync::LazyLock;

use crate::parse::model::MatchQuality;
use crate::spec::table_labels;
use crate::text::{fold_char, key};

/// An official label and its folded key, prepared once per table read.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub official: &'static str,
    pub key: String,
    chars: Vec<char>,
}

impl Candidate {
    pub fn new(official: &'static str) -> Candidate {
        let key = key(official);
        let chars = key.chars().collect();
        Candidate {
            official,
            key,
            chars,
        }
    }
}

/// The first characters (folded) of every table label.
static LABEL_STARTS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut starts: Vec<char> = table_labels()
        .into_iter()
        .filter_map(|l| key(l).chars().next())
        .collect();
    starts.sort_unstable();
    starts.dedup();
    starts
});

/// Whether a word may start a table label: after a row's values, it starts the next cell
/// rather than going on with a sentence (`共 5 件，`, `2023 年，`).
pub fn starts_a_table_label(word: &str) -> bool {
    // The first character folded alone is its key: no label starts with what keys rewrite.
    word.chars()
        .find(|c| !c.is_whitespace())
        .map(fold_char)
        .is_some_and(|c| LABEL_STARTS.binary_search(&c).is_ok())
}

pub fn candidates(labels: impl IntoIterator<Item = &'static str>) -> Vec<Candidate> {
    labels.into_iter().map(Candidate::new).collect()
}

/// The result of matching one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Index into the candidate list.
    pub index: usize,
    pub quality: MatchQuality,
}

/// How many edits a label of `len` characters may be off and still count as a typo of it.
/// Labels under four characters must match exactly: one character is too much of them.
fn typo_budget(len: usize) -> usize {
    if len < 4 {
        0
    } else {
        (len / 4).max(1)
    }
}

/// Finds the candidate `text` stands for: an exact key match, the official text followed by a
/// parenthetical note, or a unique closest candidate within the typo budget.
pub fn best_match(text: &str, candidates: &[Candidate]) -> Option<Match> {
    let cell_key = key(text);
    if cell_key.is_empty() {
        return None;
    }
    if let Some(index) = candidates.iter().position(|c| c.key == cell_key) {
        return Some(Match {
            index,
            quality: MatchQuality::Exact,
        });
    }
    // `采购总金额(单位:万元,保留4位小数)`: the official text plus a note.
    if let Some(index) = candidates.iter().position(|c| {
        cell_key.len() > c.key.len()
            && cell_key.starts_with(&c.key)
            && cell_key[c.key.len()..].starts_with('(')
            && cell_key.ends_with(')')
    }) {
        return Some(Match {
            index,
            quality: MatchQuality::Annotated,
        });
    }
    let cell_chars: Vec<char> = cell_key.chars().collect();
    let mut best: Option<(usize, usize)> = None;
    let mut runner_up = usize::MAX;
    for (index, candidate) in candidates.iter().enumerate() {
        let budget = typo_budget(candidate.chars.len());
        if cell_chars.len().abs_diff(candidate.chars.len()) > budget {
            continue;
        }
        // Each of the label's characters that the cell lacks costs at least one edit: a cheap
        // bound that spares the full distance for labels the cell has little in common with.
        let absent = candidate
            .chars
            .iter()
            .filter(|c| !cell_chars.contains(c))
            .count();
        if absent > budget {
            continue;
        }
        let distance = strsim::generic_levenshtein(&cell_chars, &candidate.chars);
        if distance > budget {
            continue;
        }
        match best {
            Some((_, d)) if distance >= d => runner_up = runner_up.min(distance),
            _ => {
                if let Some((_, d)) = best {
                    runner_up = runner_up.min(d);
                }
                best = Some((index, distance));
            }
        }
    }
    match best {
        Some((index, distance)) if distance < runner_up => Some(Match {
            index,
            quality: MatchQuality::Typo,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_typo_annotated_and_none() {
        let c = candidates(["本年制发件数", "本年废止件数", "现行有效件数", "采购总金额"]);
        assert_eq!(
            best_match("本年废止件数", &c).unwrap().quality,
            MatchQuality::Exact
        );
        let m = best_match("本年度止件数", &c).unwrap();
        assert_eq!((m.index, m.quality), (1, MatchQuality::Typo));
        let m = best_match("采购总金额(单位:万元,保留4位小数)", &c).unwrap();
        assert_eq!((m.index, m.quality), (3, MatchQuality::Annotated));
        assert_eq!(best_match("行政许可", &c), None);
    }

    #[test]
    fn short_labels_do_not_match_each_other() {
        let c = candidates(["其他", "总计"]);
        assert_eq!(best_match("合计", &c).map(|m| m.index), None);
        assert_eq!(best_match("其它", &c).unwrap().quality, MatchQuality::Exact);
    }

    #[test]
    fn ambiguous_typos_do_not_match() {
        let c = candidates(["结果维持", "结果纠正"]);
        assert_eq!(best_match("结果", &c), None);
    }
}
