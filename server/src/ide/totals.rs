//! The computed totals, and inlay hints that show them beside the total cells.

use crate::diag::{Locale, Span};
use crate::facts;
use crate::parse::Report;
use crate::spec::Identity;

use super::tr;

/// A total cell and the value its identity gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotalCheck {
    /// The total cell (empty where the cell is absent).
    pub cell: Span,
    pub identity: Identity,
    /// The whole number in the cell, if it holds one.
    pub actual: Option<i64>,
    /// The sum of the cells the identity adds up.
    pub computed: i64,
    /// The official label of the cell's row (表三), or of its group (表四).
    pub label: String,
    /// The official header of the cell's column.
    pub column: String,
}

impl TotalCheck {
    /// Whether the cell fails to hold the computed value (a different number, or none).
    pub fn mismatch(&self) -> bool {
        self.actual != Some(self.computed)
    }
}

/// Every total whose summands all hold whole numbers: 表三's （七）总计 per column (sum of
/// the results), each 表三 row's 总计 (sum of the six applicant columns), each 表四 group's
/// 总计. The same computation the arithmetic rules (NB302–NB304) use.
pub fn totals(report: &Report) -> Vec<TotalCheck> {
    facts::totals(report)
        .into_iter()
        .map(|t| TotalCheck {
            cell: t.cell.span,
            identity: t.identity,
            actual: t.actual(),
            computed: t.computed,
            label: t.row.to_string(),
            column: t.column.to_string(),
        })
        .collect()
}

/// Which totals get an inlay hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InlayMode {
    /// Every computable total.
    All,
    /// Only totals whose cell does not hold the computed value.
    #[default]
    Mismatches,
    Off,
}

impl InlayMode {
    /// Reads a setting: `all`, `mismatches` or `off` (case-insensitive).
    pub fn parse(s: &str) -> Option<InlayMode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "all" => Some(InlayMode::All),
            "mismatches" | "mismatch" => Some(InlayMode::Mismatches),
            "off" | "none" => Some(InlayMode::Off),
            _ => None,
        }
    }
}

/// A label to show in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    /// Byte offset where the label goes: the end of the total cell.
    pub at: usize,
    /// `= 10`.
    pub label: String,
    pub tooltip: String,
}

/// Hints showing the computed value after total cells. A cell closed by two identities
/// (（七）总计 in the 总计 column) gets one hint per distinct computed value.
pub fn inlay_totals(report: &Report, mode: InlayMode, locale: Locale) -> Vec<InlayHint> {
    if mode == InlayMode::Off {
        return Vec::new();
    }
    let all = totals(report);
    let mut out: Vec<(Span, i64, InlayHint)> = Vec::new();
    for t in &all {
        if mode == InlayMode::Mismatches && !t.mismatch() {
            continue;
        }
        let describe = tr(locale, t.identity.describe_zh(), t.identity.describe_en());
        let status = match (t.actual, locale) {
            (Some(a), Locale::Zh) if a == t.computed => "，与表中一致".to_string(),
            (Some(a), Locale::Zh) => format!("，表中为 {a}"),
            (None, Locale::Zh) => "，表中没有数字".to_string(),
            (Some(a), Locale::En) if a == t.computed => "; the table agrees".to_string(),
            (Some(a), Locale::En) => format!("; the table says {a}"),
            (None, Locale::En) => "; the table has no number here".to_string(),
        };
        let tooltip = match locale {
            Locale::Zh => format!(
                "“{}”{}列的计算值 {}{status}。依据：{describe}",
                t.label, t.column, t.computed
            ),
            Locale::En => format!(
                "Computed value of “{}”, column {}: {}{status}. Identity: {describe}",
                t.label, t.column, t.computed
            ),
        };
        if let Some((_, _, hint)) = out
            .iter_mut()
            .find(|(cell, value, _)| *cell == t.cell && *value == t.computed)
        {
            hint.tooltip.push('\n');
            hint.tooltip.push_str(&tooltip);
            continue;
        }
        out.push((
            t.cell,
            t.computed,
            InlayHint {
                at: t.cell.end,
                label: format!("= {}", t.computed),
                tooltip,
            },
        ));
    }
    out.into_iter().map(|(_, _, hint)| hint).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_support::{analyzed, clean, seed_003};

    #[test]
    fn seed_003_has_two_wrong_results_totals() {
        let text = seed_003();
        let (report, _) = analyzed(&text);
        let hints = inlay_totals(&report, InlayMode::Mismatches, Locale::Zh);
        assert_eq!(hints.len(), 2, "{hints:?}");
        let wrong: Vec<TotalCheck> = totals(&report)
            .into_iter()
            .filter(|t| t.mismatch())
            .collect();
        assert_eq!(wrong.len(), 2);
        for (hint, t) in hints.iter().zip(&wrong) {
            assert_eq!(hint.label, "= 10");
            assert_eq!(hint.at, t.cell.end);
            assert_eq!(&text[t.cell.start..t.cell.end], "0");
            assert_eq!(t.label, "（七）总计");
            assert_eq!(t.identity, Identity::ResultsSum);
            assert_eq!(t.actual, Some(0));
            assert!(hint.tooltip.contains("表中为 0"), "{}", hint.tooltip);
        }
        assert_eq!(wrong[0].column, "自然人");
        assert_eq!(wrong[1].column, "总计");
    }

    #[test]
    fn the_rules_and_the_hints_agree() {
        // Every NB302–NB304 finding sits on a mismatching total, and vice versa.
        for text in [
            seed_003(),
            clean().replace("\t1\t0\t0\t0\t0\t0\t1\n", "\t1\t0\t0\t0\t0\t0\t2\n"),
        ] {
            let (report, diagnostics) = analyzed(&text);
            let mut from_rules: Vec<Span> = diagnostics
                .iter()
                .filter(|d| matches!(d.code(), "NB302" | "NB303" | "NB304"))
                .map(|d| d.span)
                .collect();
            let mut from_totals: Vec<Span> = totals(&report)
                .into_iter()
                .filter(|t| t.actual.is_some() && t.mismatch())
                .map(|t| t.cell)
                .collect();
            from_rules.sort();
            from_totals.sort();
            assert!(!from_rules.is_empty());
            assert_eq!(from_rules, from_totals);
        }
    }

    #[test]
    fn modes() {
        let text = clean();
        let (report, _) = analyzed(&text);
        assert!(inlay_totals(&report, InlayMode::Mismatches, Locale::Zh).is_empty());
        assert!(inlay_totals(&report, InlayMode::Off, Locale::Zh).is_empty());
        let all = inlay_totals(&report, InlayMode::All, Locale::En);
        // 7 results totals + 25 row totals + 3 review totals, less the （七）总计 × 总计 cell
        // counted by two identities with the same value.
        assert_eq!(all.len(), 34);
        assert!(all
            .iter()
            .any(|h| h.label == "= 13" && h.tooltip.contains('\n')));
        assert!(all.iter().all(|h| h.tooltip.contains("the table agrees")));
        assert_eq!(InlayMode::parse("All"), Some(InlayMode::All));
        assert_eq!(InlayMode::parse("mismatches"), Some(InlayMode::Mismatches));
        assert_eq!(InlayMode::parse("sometimes"), None);
    }

    #[test]
    fn a_total_without_a_number_is_a_mismatch() {
        let text = clean().replace("\t0\t0\t1\t0\t13\n", "\t0\t0\t1\t0\t—\n");
        let (report, _) = analyzed(&text);
        let hints = inlay_totals(&report, InlayMode::Mismatches, Locale::Zh);
        // （七）总计 × 总计: not a number, computed 13 by both identities (one hint).
        assert_eq!(hints.len(), 1, "{hints:?}");
        assert_eq!(hints[0].label, "= 13");
        assert!(hints[0].tooltip.contains("表中没有数字"));
    }
}
