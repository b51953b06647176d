//! What the text says about the tables: every count a sentence states about a table cell
//! (`全年共收到政府信息公开申请12件`, `予以公开3件`, `行政复议1件`, `现行有效行政规范性文件25件`)
//! and every `均获维持`, each paired with the cells it is about. The sentence forms are data
//! (`spec::narrative`); this module finds them in the prose, keeps only the sentences that are
//! unmistakably about this year's cells, and reads the cells.
//!
//! NB402 reports the pairs that disagree; the editor's hover shows every pair.

use std::sync::LazyLock;

use regex::Regex;

use crate::diag::Span;
use crate::facts::rows_with_role;
use crate::parse::{ApplicationsTable, Report, ValueCell};
use crate::spec::{
    application_rows, Cells, Layout, RowRole, SentenceForm, TableKind, Topic, ALL_UPHELD,
    APPLICANT_COLUMNS, APPLICANT_GROUP_HEADERS, APPLICANT_TOTAL_COLUMN, CONTINUATIONS,
    IN_FORCE_PATTERNS, IN_FORCE_WHAT, LAST_YEAR, LEAF_FORM, LEAF_MIN_CHARS, NONE_RECEIVED,
    NONE_RECEIVED_WHAT, NOT_THIS_CELL, NO_REVIEWS, NO_REVIEWS_WHAT, NUMERALS, OTHER_APPLICANTS,
    OTHER_BUSINESS, PROACTIVE_2019, PROACTIVE_2021, REQUEST_WORDS, REVIEW_AS_DECIDER,
    REVIEW_GROUPS, REVIEW_OUTCOMES, SENTENCE_FORMS, SUBGROUP, UPHELD_PARTLY,
};
use crate::text::{Fold, Folded, FoldedView, Words};

/// A statement of the text about table cells, and what the cells hold.
#[derive(Debug, Clone)]
pub struct Claim {
    /// The number in the text (or the phrase, for `均获维持`).
    pub span: Span,
    /// The number or phrase as written.
    pub written: String,
    pub kind: ClaimKind,
    /// The ways the statement can be read against the table (at least one); it agrees with
    /// the table when one of them does.
    pub readings: Vec<Reading>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimKind {
    /// A count: the text's number and what it counts.
    Count {
        said: i64,
        what_zh: &'static str,
        what_en: &'static str,
    },
    /// `未收到政府信息公开申请`, `未发生……行政复议、行政诉讼`: the cells are 0.
    Zero {
        what_zh: &'static str,
        what_en: &'static str,
    },
    /// `均获维持`: no case of the groups named was corrected or is pending.
    AllUpheld,
}

/// One reading of a claim: the cells it is about and their sum.
#[derive(Debug, Clone)]
pub struct Reading {
    pub value: i64,
    pub cells: Vec<CellRef>,
    /// The cells in words: `表三“一、本年新收政府信息公开申请数量”总计`.
    pub what_zh: String,
    pub what_en: String,
}

/// A table cell a claim is about.
#[derive(Debug, Clone)]
pub struct CellRef {
    pub span: Span,
    pub table: TableKind,
    /// The row (表三, 表二) or group (表四) the cell is in, as the format names it.
    pub row: &'static str,
    /// Its column, as the format names it.
    pub column: &'static str,
    pub value: i64,
}

impl Claim {
    /// What the text says the (first reading's) value is.
    pub fn said(&self) -> i64 {
        match self.kind {
            ClaimKind::Count { said, .. } => said,
            ClaimKind::Zero { .. } | ClaimKind::AllUpheld => 0,
        }
    }

    pub fn agrees(&self) -> bool {
        self.readings.iter().any(|r| r.value == self.said())
    }
}

/// Every claim of the text about the tables, in text order.
pub fn claims(text: &str, report: &Report) -> Vec<Claim> {
    claims_in(text, report, &Folded::of(text, Fold::Text))
}

/// As `claims`, reading views of the whole text already folded (`Fold::Text`).
pub fn claims_in(text: &str, report: &Report, folded: &Folded) -> Vec<Claim> {
    let forms = Forms::get();
    let mut reader = Reader {
        report,
        year: report.meta.year.as_ref().map(|y| y.value),
        forms,
        out: Vec::new(),
    };
    for region in prose_regions(text, report) {
        reader.region(text, report, folded, region);
    }
    reader.out.sort_by_key(|c| c.span.start);
    reader.out
}

/// Whether a claim may cover `offset`: a digit is there, or one of the phrases that make a
/// claim without a number (`均获维持`, `未收到政府信息公开申请`). Cheap: for callers that ask
/// about one place, before reading every claim.
pub fn may_hold_claim(text: &str, offset: usize) -> bool {
    let Some(here) = text.get(offset..).and_then(|t| t.chars().next()) else {
        return false;
    };
    if here.is_ascii_digit() || ('０'..='９').contains(&here) {
        return true;
    }
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let folded = Folded::new(text, Span::new(start, end), Fold::Text);
    let forms = Forms::get();
    [&forms.upheld, &forms.none_received, &forms.no_reviews]
        .iter()
        .flat_map(|re| re.find_iter(&folded.text))
        .any(|m| {
            let span = folded.source_span(m.start(), m.end());
            span.start <= offset && offset < span.end
        })
}

/// The parts of the text that talk about the tables: the preamble and section 一, and the
/// prose of sections 二, 三 and 四 before their tables (first copy only).
fn prose_regions(text: &str, report: &Report) -> Vec<Span> {
    let end = report
        .second_copy
        .map_or(text.len(), |c| c.start.min(text.len()));
    let tables = report.table_spans();
    let mut regions = Vec::new();
    let first = report
        .section(2)
        .map_or(end, |s| s.heading.start)
        .min(tables.iter().map(|t| t.start).min().unwrap_or(end))
        .min(end);
    regions.push(Span::new(0, first));
    for n in [2, 3, 4] {
        if let Some(s) = report.section(n) {
            let start = s.body.start.min(end);
            let stop = tables
                .iter()
                .map(|t| t.start)
                .filter(|&t| t >= start)
                .min()
                .unwrap_or(s.body.end)
                .min(s.body.end)
                .min(end);
            if stop > start {
                regions.push(Span::new(start, stop));
            }
        }
    }
    regions
}

/// The compiled forms.
struct Forms {
    general: Vec<(&'static SentenceForm, Regex)>,
    /// The leaf rows of 表三 (both formats): their names and official labels.
    leaves: Vec<(&'static str, &'static str)>,
    /// All leaf rows in one form: the group `leaf` holds the name.
    leaf: Regex,
    /// The leaf names, looked for together.
    leaf_names: Words,
    request_words: Words,
    other_business: Words,
    in_force: Vec<Regex>,
    upheld: Regex,
    none_received: Regex,
    no_reviews: Regex,
}

static FORMS: LazyLock<Forms> = LazyLock::new(|| {
    let general = SENTENCE_FORMS
        .iter()
        .map(|f| (f, Regex::new(f.pattern).expect("sentence form")))
        .collect();
    let mut leaves: Vec<(&'static str, &'static str)> = Vec::new();
    for layout in Layout::ALL {
        for row in application_rows(layout) {
            let Some(name) = leaf_name(row.label).filter(|_| row.role == RowRole::Result) else {
                continue;
            };
            if !leaves.iter().any(|(_, l)| *l == row.label) {
                leaves.push((name, row.label));
            }
        }
    }
    let mut alternatives: Vec<&str> = leaves.iter().map(|(n, _)| *n).collect();
    alternatives.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let alternation = alternatives
        .iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|");
    let leaf = Regex::new(
        &LEAF_FORM
            .pattern
            .replace("{label}", &format!("(?P<leaf>{alternation})")),
    )
    .expect("leaf form");
    let mut names: Vec<&str> = PROACTIVE_2021[0]
        .rows
        .iter()
        .chain(PROACTIVE_2019[0].rows)
        .copied()
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    let rows = names
        .iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|");
    let in_force = IN_FORCE_PATTERNS
        .iter()
        .map(|p| Regex::new(&p.replace("{rows}", &rows)).expect("in-force form"))
        .collect();
    let leaf_names = Words::new(leaves.iter().map(|(n, _)| *n));
    Forms {
        general,
        leaves,
        leaf,
        leaf_names,
        request_words: Words::new(REQUEST_WORDS.iter().copied()),
        other_business: Words::new(OTHER_BUSINESS.iter().copied()),
        in_force,
        upheld: Regex::new(ALL_UPHELD).expect("upheld form"),
        none_received: Regex::new(NONE_RECEIVED).expect("none-received form"),
        no_reviews: Regex::new(NO_REVIEWS).expect("no-reviews form"),
    }
});

impl Forms {
    fn get() -> &'static Forms {
        &FORMS
    }
}

/// Builds the sentence forms now (the costliest patterns of the checks), for a warm-up that
/// builds them beside the rest.
pub(crate) fn prepare() {
    let _ = Forms::get();
}

/// A leaf label without its `1.` numbering, if long enough to tell the row.
fn leaf_name(label: &str) -> Option<&str> {
    let name = label
        .split_once('.')
        .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
        .map_or(label, |(_, rest)| rest);
    (!name.starts_with('（') && name.chars().count() >= LEAF_MIN_CHARS).then_some(name)
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([0-9０-９]{4})\s*年").unwrap());
static MONTH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([0-9０-９]{1,2})\s*月").unwrap());

struct Reader<'a> {
    report: &'a Report,
    year: Option<i32>,
    forms: &'static Forms,
    out: Vec<Claim>,
}

/// What a sentence passes to the next: whether it spoke of disclosure requests, whether it
/// was a heading line, whether it spoke of another year, period or agencies.
#[derive(Debug, Clone, Copy)]
struct Previous {
    requests: bool,
    heading: bool,
    elsewhere: bool,
}

/// A sentence being read: its folded text and where it sits.
struct Sentence<'s> {
    folded: &'s FoldedView<'s>,
    /// Byte range of the sentence in `folded.text`.
    start: usize,
    text: &'s str,
}

impl Sentence<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        self.folded
            .source_span(self.start + start, self.start + end)
    }
}

impl Reader<'_> {
    fn region(&mut self, text: &str, report: &Report, whole: &Folded, region: Span) {
        let tables = report.table_spans();
        let mut previous: Option<Previous> = None;
        let mut at = region.start;
        for line in text[region.start..region.end].split_inclusive('\n') {
            let span = Span::new(at, at + line.trim_end_matches(['\n', '\r']).len());
            at += line.len();
            let raw = &text[span.start..span.end];
            if raw.trim().is_empty() {
                continue;
            }
            if raw.contains('\t')
                || raw.contains('|')
                || tables
                    .iter()
                    .any(|t| t.start < span.end && span.start < t.end)
            {
                previous = None;
                continue;
            }
            let folded = whole.view(span);
            let heading_line = !folded.text.contains('。') && folded.text.chars().count() <= 30;
            let mut start = 0;
            for piece in folded.text.split_inclusive(['。', '!', '?', ';']) {
                let sentence = Sentence {
                    folded: &folded,
                    start,
                    text: piece,
                };
                start += piece.len();
                let mut read = self.sentence(&sentence, previous);
                read.heading = heading_line;
                previous = Some(read);
            }
        }
    }

    /// Reads one sentence; returns what the next sentence may inherit from it.
    fn sentence(&mut self, s: &Sentence, previous: Option<Previous>) -> Previous {
        let own = self.forms.request_words.any_in(s.text);
        let continues = CONTINUATIONS
            .iter()
            .any(|w| s.text.trim_start_matches([' ', ',']).starts_with(w));
        let requests = own || previous.is_some_and(|p| p.requests && (continues || p.heading));
        // `其中……` after a sentence about another year or other agencies is about them too.
        let inherited = continues && previous.is_some_and(|p| p.elsewhere);
        let read = Previous {
            requests,
            heading: false,
            elsewhere: inherited || self.elsewhere(s.text),
        };
        if inherited {
            return read;
        }
        // Every claim has a digit, or says none (`未`, `没有`) or upheld (`维持`).
        if !s.text.contains(|c: char| c.is_ascii_digit())
            && !["未", "没有", "维持"].iter().any(|w| s.text.contains(w))
        {
            return read;
        }
        let mut cleaned = s.text.to_string();
        if self.forms.leaf_names.any_in(s.text) {
            for (name, _) in &self.forms.leaves {
                if cleaned.contains(name) {
                    cleaned = cleaned.replace(name, "");
                }
            }
        }
        let other_business = self.forms.other_business.any_in(&cleaned);
        let mut taken: Vec<(usize, usize)> = Vec::new();
        let mut review_claimed = false;

        let forms = self.forms;
        let general = forms.general.iter().map(|(f, re)| (*f, re));
        for (form, re) in general.chain([(&LEAF_FORM, &forms.leaf)]) {
            for caps in re.captures_iter(s.text) {
                let leaf = caps.name("leaf").and_then(|m| {
                    forms
                        .leaves
                        .iter()
                        .find(|(name, _)| *name == m.as_str())
                        .map(|(_, label)| *label)
                });
                let n = caps.name("n").unwrap();
                if taken.iter().any(|&(a, b)| a < n.end() && n.start() < b) {
                    continue;
                }
                let whole = caps.get(0).unwrap();
                let fill = caps.name("fill").map_or("", |m| m.as_str());
                let ok = match form.topic {
                    Topic::Requests => requests_form_ok(form, fill, requests, other_business),
                    Topic::Reviews => {
                        s.text.contains("信息公开")
                            && !REVIEW_AS_DECIDER
                                .iter()
                                .any(|w| clause_before(s.text, whole.start()).contains(w))
                    }
                };
                if !ok
                    || (form.general && general_is_subgroup(s.text, whole.start(), fill))
                    || !self.about_this_year(s.text, whole.start(), n.start(), n.end())
                {
                    continue;
                }
                if let Some(y) = caps.name("year") {
                    if self.year.map(|y| y + 1) != y.as_str().parse().ok() {
                        continue;
                    }
                }
                let Ok(said) = n.as_str().parse::<i64>() else {
                    continue;
                };
                let Some(columns) = applicant_columns(fill) else {
                    continue;
                };
                let readings: Vec<Reading> = form
                    .readings
                    .iter()
                    .filter_map(|cells| self.reading(cells, leaf, &columns))
                    .collect();
                if readings.is_empty() {
                    continue;
                }
                taken.push((n.start(), n.end()));
                review_claimed |= form.topic == Topic::Reviews;
                let (what_zh, what_en) = match leaf {
                    Some(label) => (leaf_name(label).unwrap_or(label), ""),
                    None => (form.what_zh, form.what_en),
                };
                self.out.push(Claim {
                    span: s.span(n.start(), n.end()),
                    written: n.as_str().to_string(),
                    kind: ClaimKind::Count {
                        said,
                        what_zh,
                        what_en: if what_en.is_empty() { what_zh } else { what_en },
                    },
                    readings,
                });
            }
        }
        self.in_force(s, &mut taken);
        self.upheld(s, review_claimed);
        self.zeros(s);
        read
    }

    /// `未收到政府信息公开申请`, `未发生因政府信息公开引起的行政复议、行政诉讼`.
    fn zeros(&mut self, s: &Sentence) {
        if let Some(caps) = self.forms.none_received.captures(s.text) {
            let m = caps.get(0).unwrap();
            let fill = caps.name("fill").map_or("", |f| f.as_str());
            if !general_is_subgroup(s.text, m.start(), fill)
                && !self.forms.other_business.any_in(fill)
                && self.about_this_year(s.text, m.start(), m.end(), m.end())
            {
                if let Some(reading) = self.reading(
                    &[Cells::Role(RowRole::Received)],
                    None,
                    &[APPLICANT_TOTAL_COLUMN],
                ) {
                    self.out.push(Claim {
                        span: s.span(m.start(), m.end()),
                        written: m.as_str().to_string(),
                        kind: ClaimKind::Zero {
                            what_zh: NONE_RECEIVED_WHAT.0,
                            what_en: NONE_RECEIVED_WHAT.1,
                        },
                        readings: vec![reading],
                    });
                }
            }
        }
        if let Some(m) = self.forms.no_reviews.find(s.text) {
            if !self.about_this_year(s.text, m.start(), m.end(), m.end()) {
                return;
            }
            let mut groups: Vec<usize> = Vec::new();
            if m.as_str().contains("复议") {
                groups.push(0);
            }
            if m.as_str().contains("诉讼") {
                groups.extend([1, 2]);
            }
            let groups: &'static [usize] = match groups.as_slice() {
                [0] => &[0],
                [1, 2] => &[1, 2],
                _ => &[0, 1, 2],
            };
            if let Some(reading) =
                self.reading(&[Cells::Reviews(groups)], None, &[APPLICANT_TOTAL_COLUMN])
            {
                self.out.push(Claim {
                    span: s.span(m.start(), m.end()),
                    written: m.as_str().to_string(),
                    kind: ClaimKind::Zero {
                        what_zh: NO_REVIEWS_WHAT.0,
                        what_en: NO_REVIEWS_WHAT.1,
                    },
                    readings: vec![reading],
                });
            }
        }
    }

    /// Whether a sentence speaks of another year, period or agencies anywhere.
    fn elsewhere(&self, sentence: &str) -> bool {
        NOT_THIS_CELL
            .iter()
            .filter(|w| w.chars().count() > 1 && !["超过", "以上", "左右"].contains(w))
            .any(|w| sentence.contains(w))
            || YEAR
                .captures_iter(sentence)
                .any(|y| self.year != y[1].parse::<i32>().ok())
    }

    /// `现行有效行政规范性文件25件`.
    fn in_force(&mut self, s: &Sentence, taken: &mut Vec<(usize, usize)>) {
        for re in &self.forms.in_force {
            for caps in re.captures_iter(s.text) {
                let n = caps.name("n").unwrap();
                let whole = caps.get(0).unwrap();
                if taken.iter().any(|&(a, b)| a < n.end() && n.start() < b)
                    || !self.about_this_year(s.text, whole.start(), n.start(), n.end())
                {
                    continue;
                }
                let (Ok(said), Some(reading)) = (
                    n.as_str().parse::<i64>(),
                    self.in_force_reading(&caps["row"]),
                ) else {
                    continue;
                };
                taken.push((n.start(), n.end()));
                self.out.push(Claim {
                    span: s.span(n.start(), n.end()),
                    written: n.as_str().to_string(),
                    kind: ClaimKind::Count {
                        said,
                        what_zh: IN_FORCE_WHAT.0,
                        what_en: IN_FORCE_WHAT.1,
                    },
                    readings: vec![reading],
                });
            }
        }
    }

    /// `行政复议2件，均获维持` while 表四 has cases corrected or pending.
    fn upheld(&mut self, s: &Sentence, review_claimed: bool) {
        let Some(m) = self.forms.upheld.find(s.text) else {
            return;
        };
        let before = &s.text[..m.start()];
        if !(review_claimed || s.text.contains("信息公开"))
            || UPHELD_PARTLY
                .iter()
                .any(|w| clause_before(s.text, m.start()).contains(w))
            || !self.about_this_year(s.text, 0, m.start(), m.end())
        {
            return;
        }
        let mut groups = Vec::new();
        if before.contains("复议") {
            groups.push(0);
        }
        if before.contains("诉讼") || before.contains("起诉") {
            groups.extend([1, 2]);
        }
        let Some(table) = &self.report.reviews else {
            return;
        };
        if groups.is_empty() || table.values.len() < REVIEW_GROUPS.len() * REVIEW_OUTCOMES.len() {
            return;
        }
        let width = REVIEW_OUTCOMES.len();
        let mut cells = Vec::new();
        for g in &groups {
            // 结果纠正 and 尚未审结.
            for o in [1, 3] {
                let cell = &table.values[g * width + o];
                let Some(value) = cell.integer() else {
                    return;
                };
                cells.push(CellRef {
                    span: cell.span,
                    table: TableKind::Reviews,
                    row: REVIEW_GROUPS[*g],
                    column: REVIEW_OUTCOMES[o],
                    value,
                });
            }
        }
        let value = cells.iter().map(|c| c.value).sum();
        let names: Vec<&str> = groups.iter().map(|g| REVIEW_GROUPS[*g]).collect();
        self.out.push(Claim {
            span: s.span(m.start(), m.end()),
            written: m.as_str().to_string(),
            kind: ClaimKind::AllUpheld,
            readings: vec![Reading {
                value,
                cells,
                what_zh: format!(
                    "表四“{}”的“{}”与“{}”之和",
                    names.join("”“"),
                    REVIEW_OUTCOMES[1],
                    REVIEW_OUTCOMES[3]
                ),
                what_en: format!(
                    "the sum of {} and {} for {} in table 4",
                    REVIEW_OUTCOMES[1],
                    REVIEW_OUTCOMES[3],
                    names.join(", ")
                ),
            }],
        });
    }

    /// Whether the count at `[n_start, n_end)` (its form starting at `form_start`) is about
    /// this year's cell: no other year, period, agency or comparison before it, no
    /// approximation around it.
    fn about_this_year(
        &self,
        sentence: &str,
        form_start: usize,
        n_start: usize,
        n_end: usize,
    ) -> bool {
        let before = &sentence[..form_start];
        let clause = clause_before(sentence, form_start);
        if NOT_THIS_CELL.iter().any(|w| {
            if w.chars().count() == 1 || *w == "超过" || *w == "以上" || *w == "左右" {
                false
            } else {
                before.contains(w)
            }
        }) {
            return false;
        }
        // Approximations right at the number: 约15件, 近20件, 15件左右.
        let just_before = &sentence[form_start..n_start];
        let after = &sentence[n_end..];
        let after_unit = after
            .trim_start()
            .trim_start_matches(['件', '份', '个', '起', '宗', '部']);
        if ["约", "近", "超过", "逾"]
            .iter()
            .any(|w| just_before.ends_with(w))
            || ["以上", "左右", "次", "余", "多"]
                .iter()
                .any(|w| after_unit.starts_with(w))
        {
            return false;
        }
        // The number is a whole number of its own: not part of 1,499 or 3.5.
        let preceding: Vec<char> = sentence[..n_start].chars().rev().take(2).collect();
        if preceding.first().is_some_and(|c| c.is_ascii_digit())
            || (preceding.first().is_some_and(|c| matches!(c, ',' | '.'))
                && preceding.get(1).is_some_and(|c| c.is_ascii_digit()))
            || after.starts_with('.')
        {
            return false;
        }
        if LAST_YEAR.iter().any(|w| {
            clause.match_indices(w).any(|(i, _)| {
                let rest = clause[i + w.len()..].trim_start_matches('度');
                !rest.starts_with("结转")
            })
        }) {
            return false;
        }
        if let Some(y) = YEAR.captures_iter(before).last() {
            match (self.year, y[1].parse::<i32>()) {
                (Some(year), Ok(said)) if year == said => {}
                _ => return false,
            }
        }
        // Another period: a month other than January (1月1日) or December (12月31日).
        if MONTH
            .captures_iter(before)
            .any(|m| !matches!(m[1].parse::<u32>(), Ok(1 | 12)))
        {
            return false;
        }
        true
    }

    /// The cells of one reading, summed, if every one holds a whole number.
    fn reading(
        &self,
        cells: &[Cells],
        leaf: Option<&'static str>,
        columns: &[usize],
    ) -> Option<Reading> {
        let mut refs = Vec::new();
        let mut names_zh = Vec::new();
        let mut names_en = Vec::new();
        let mut table_kind = TableKind::Applications;
        for c in cells {
            match *c {
                Cells::Role(role) => {
                    let table = self.report.applications.as_ref()?;
                    let row = rows_with_role(table, role).into_iter().next()?;
                    refs.extend(applications_cells(
                        row.label.official,
                        &row.values,
                        columns,
                    )?);
                    names_zh.push(format!("“{}”", row.label.official));
                    names_en.push(row.label.official.to_string());
                }
                Cells::Items(items) => {
                    let table = self.report.applications.as_ref()?;
                    for &item in items {
                        let (label, sum) = result_item(table, item, columns)?;
                        let group = sum.len() > 1 || sum.first().is_some_and(|c| c.row != label);
                        refs.extend(sum);
                        names_zh.push(if group {
                            format!("“{label}”各项")
                        } else {
                            format!("“{label}”")
                        });
                        names_en.push(label.to_string());
                    }
                }
                Cells::Leaf => {
                    let table = self.report.applications.as_ref()?;
                    let label = leaf?;
                    let row = table.row(label)?;
                    refs.extend(applications_cells(
                        row.label.official,
                        &row.values,
                        columns,
                    )?);
                    names_zh.push(format!("“{label}”"));
                    names_en.push(label.to_string());
                }
                Cells::Reviews(groups) => {
                    table_kind = TableKind::Reviews;
                    let table = self.report.reviews.as_ref()?;
                    let width = REVIEW_OUTCOMES.len();
                    for &g in groups {
                        let cell = table.values.get(g * width + width - 1)?;
                        refs.push(CellRef {
                            span: cell.span,
                            table: TableKind::Reviews,
                            row: REVIEW_GROUPS[g],
                            column: REVIEW_OUTCOMES[width - 1],
                            value: cell.integer()?,
                        });
                        names_zh.push(format!("“{}”", REVIEW_GROUPS[g]));
                        names_en.push(REVIEW_GROUPS[g].to_string());
                    }
                }
            }
        }
        if refs.is_empty() {
            return None;
        }
        let value = refs.iter().map(|c| c.value).sum();
        let numeral = NUMERALS[usize::from(table_kind.section_number()) - 1];
        let column = column_name(columns);
        let joined_zh = names_zh.join("与");
        let sum_zh = if names_zh.len() > 1 || names_zh.iter().any(|n| n.ends_with("各项")) {
            "之和"
        } else {
            ""
        };
        Some(Reading {
            value,
            cells: refs,
            what_zh: format!("表{numeral}{joined_zh}{sum_zh}（{}）", column.0),
            what_en: format!(
                "{} ({}) in table {}",
                names_en.join(" + "),
                column.1,
                table_kind.section_number()
            ),
        })
    }

    /// 表二 item （一）, 现行有效件数 of the row named.
    fn in_force_reading(&self, name: &str) -> Option<Reading> {
        let spec = &PROACTIVE_2021[0];
        let index = spec
            .rows
            .iter()
            .position(|r| *r == name)
            .or_else(|| PROACTIVE_2019[0].rows.iter().position(|r| *r == name))?;
        let row_label = spec.rows[index];
        let column = spec.columns.len() - 1;
        let table = self.report.proactive.as_ref()?;
        let block = table
            .blocks
            .iter()
            .find(|b| b.item == spec.item && b.checked_as == Layout::Y2021)?;
        if block.layout == Some(Layout::Y2019) {
            return None;
        }
        let row = block.rows.iter().find(|r| r.label.official == row_label)?;
        let cell = row.values.get(column)?;
        let value = cell.integer()?;
        let header = spec.columns[column].header;
        Some(Reading {
            value,
            cells: vec![CellRef {
                span: cell.span,
                table: TableKind::Proactive,
                row: row_label,
                column: header,
                value,
            }],
            what_zh: format!("表二{}“{row_label}”的“{header}”", spec.title()),
            what_en: format!("{header} of {row_label} in table 2 ({})", spec.title()),
        })
    }
}

/// The clause holding `at`: from the last clause mark before it.
fn clause_before(sentence: &str, at: usize) -> &str {
    let before = &sentence[..at];
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | ':' | '、' | '(' | ')'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &before[start..]
}

/// A general count (`收到…12件`) after `其中`, or by channel or topic, counts a sub-group.
fn general_is_subgroup(sentence: &str, at: usize, fill: &str) -> bool {
    let before = &sentence[..at];
    before.contains("其中")
        || SUBGROUP
            .iter()
            .any(|w| fill.contains(w) || clause_before(sentence, at).contains(w))
        || CONTINUATIONS
            .iter()
            .any(|w| sentence.trim_start_matches([' ', ',']).starts_with(w))
}

fn requests_form_ok(form: &SentenceForm, fill: &str, requests: bool, other_business: bool) -> bool {
    if other_business
        || ["复议", "诉讼", "率", "其中"]
            .iter()
            .chain(OTHER_BUSINESS)
            .any(|w| fill.contains(w))
    {
        return false;
    }
    match form.id {
        // 收到…申请N件: the words say what was received.
        "received" => fill.contains("申请") && (fill.contains("公开") || requests),
        "received-count-first" => fill.contains("公开") || requests,
        _ => requests,
    }
}

/// The applicant columns a sentence names (`收到自然人申请9件`), or the 总计 column; `None`
/// when it names applicants the table has no column for (`法人`, `企业`, `群众`).
fn applicant_columns(fill: &str) -> Option<Vec<usize>> {
    if fill.contains(APPLICANT_GROUP_HEADERS[1]) {
        return Some((1..APPLICANT_TOTAL_COLUMN).collect());
    }
    for (i, name) in APPLICANT_COLUMNS[..APPLICANT_TOTAL_COLUMN - 1]
        .iter()
        .enumerate()
    {
        if fill.contains(name) {
            return Some(vec![i]);
        }
    }
    if OTHER_APPLICANTS.iter().any(|w| fill.contains(w)) {
        return None;
    }
    Some(vec![APPLICANT_TOTAL_COLUMN])
}

/// The column names of a reading: `总计`, `自然人`, `法人或其他组织`.
fn column_name(columns: &[usize]) -> (&'static str, &'static str) {
    match columns {
        [c] => (APPLICANT_COLUMNS[*c], APPLICANT_COLUMNS[*c]),
        _ => (APPLICANT_GROUP_HEADERS[1], APPLICANT_GROUP_HEADERS[1]),
    }
}

/// The cells of a 表三 row in the given columns, if all hold whole numbers.
fn applications_cells(
    row: &'static str,
    values: &[ValueCell],
    columns: &[usize],
) -> Option<Vec<CellRef>> {
    columns
        .iter()
        .map(|&c| {
            let cell = values.get(c)?;
            Some(CellRef {
                span: cell.span,
                table: TableKind::Applications,
                row,
                column: APPLICANT_COLUMNS[c],
                value: cell.integer()?,
            })
        })
        .collect()
}

/// Item （N） of 三、本年度办理结果: its label and the cells of its data rows, if every data
/// row the format has under it is in the table with whole numbers.
fn result_item(
    table: &ApplicationsTable,
    item: u8,
    columns: &[usize],
) -> Option<(&'static str, Vec<CellRef>)> {
    let spec = application_rows(table.checked_as);
    let results = spec
        .iter()
        .find(|r| r.role == RowRole::Group && r.parent.is_none())?
        .label;
    let child = spec
        .iter()
        .filter(|r| r.parent == Some(results))
        .nth(usize::from(item).checked_sub(1)?)?;
    let rows: Vec<&'static str> = if child.is_data() {
        vec![child.label]
    } else {
        spec.iter()
            .filter(|r| r.parent == Some(child.label) && r.is_data())
            .map(|r| r.label)
            .collect()
    };
    let mut cells = Vec::new();
    for label in rows {
        let row = table.row(label)?;
        cells.extend(applications_cells(
            row.label.official,
            &row.values,
            columns,
        )?);
    }
    Some((child.label, cells))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::read;

    const ONE: &str = "2023年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请12件，均按期答复。主动公开政府信息86条，政府信息公开平台运行平稳，监督保障制度健全。";

    /// The clean 2023 draft (表三: 一 12, 二 1, （一）7, （二）1, （三）1, （四）3, （五）1,
    /// （七）13, 四 0; 表四: 复议 2 with 1 pending, 直接起诉 1 pending; 行政规范性文件 in force 12)
    /// with section 一 replaced.
    fn draft(one: &str) -> String {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/corpus/clean/2023-format2021-tab.txt"
        ))
        .unwrap();
        assert!(text.contains(ONE));
        text.replace(ONE, one)
    }

    /// (number or phrase as written, what the text says, the first reading's value, agrees)
    fn read_claims(one: &str) -> Vec<(String, i64, i64, bool)> {
        let text = draft(one);
        let report = read(&text, None);
        claims(&text, &report)
            .into_iter()
            .map(|c| {
                assert_eq!(&text[c.span.start..c.span.end], c.written);
                (c.written.clone(), c.said(), c.readings[0].value, c.agrees())
            })
            .collect()
    }

    fn claim(n: &str, said: i64, value: i64, agrees: bool) -> (String, i64, i64, bool) {
        (n.to_string(), said, value, agrees)
    }

    #[test]
    fn requests_received() {
        assert_eq!(
            read_claims(ONE),
            [claim("12", 12, 12, true)],
            "the clean draft agrees"
        );
        assert_eq!(
            read_claims("全年共受理政府信息公开申请15件。"),
            [claim("15", 15, 12, false)]
        );
        // 收到 may count last year's carried-over requests too (一 + 二 = 13).
        assert_eq!(
            read_claims("共收到政府信息公开申请13件（其中上年结转1件）。"),
            [claim("13", 13, 12, true), claim("1", 1, 1, true)]
        );
        // 新收 does not.
        assert_eq!(
            read_claims("本年新收政府信息公开申请13件，上年结转2件。"),
            [claim("13", 13, 12, false), claim("2", 2, 1, false)]
        );
        assert_eq!(
            read_claims("区教育局共收到8份政府信息公开申请。"),
            [claim("8", 8, 12, false)]
        );
        assert_eq!(
            read_claims("收到依申请公开政府信息12件，不予公开政府信息申请0件。"),
            [claim("12", 12, 12, true), claim("0", 0, 1, false)]
        );
    }

    #[test]
    fn results_and_carried_over() {
        assert_eq!(
            read_claims(
                "共收到政府信息公开申请12件，其中予以公开及部分公开8件，无法提供3件，不予处理2件。"
            ),
            [
                claim("12", 12, 12, true),
                claim("8", 8, 8, true),
                claim("3", 3, 3, true),
                claim("2", 2, 1, false)
            ]
        );
        assert_eq!(
            read_claims("全年共收到政府信息公开申请12件。其中，予以公开5件，部分公开1件，属于四类过程性信息1件，本机关不掌握相关政府信息2件。"),
            [
                claim("12", 12, 12, true),
                claim("5", 5, 7, false),
                claim("1", 1, 1, true),
                claim("1", 1, 1, true),
                claim("2", 2, 3, false)
            ]
        );
        assert_eq!(
            read_claims("全年办结政府信息公开申请13件，结转至下一年度继续办理2件。"),
            [claim("13", 13, 13, true), claim("2", 2, 0, false)]
        );
        assert_eq!(
            read_claims("收到政府信息公开申请12件，结转至2024年继续办理0件。"),
            [claim("12", 12, 12, true), claim("0", 0, 0, true)]
        );
    }

    #[test]
    fn applicant_columns() {
        assert_eq!(
            read_claims(
                "全年收到自然人政府信息公开申请9件，收到法人或其他组织政府信息公开申请4件。"
            ),
            [claim("9", 9, 9, true), claim("4", 4, 3, false)]
        );
    }

    #[test]
    fn reviews_and_upheld() {
        assert_eq!(
            read_claims("因政府信息公开被申请行政复议2件、提起行政诉讼1件。"),
            [claim("2", 2, 2, true), claim("1", 1, 1, true)]
        );
        assert_eq!(
            read_claims("因政府信息公开被申请行政复议1件，行政诉讼3件，均获维持。"),
            [
                claim("1", 1, 2, false),
                claim("3", 3, 1, false),
                claim("均获维持", 0, 2, false)
            ]
        );
        // A 复议机关's own cases are not 表四's.
        assert!(read_claims("本局办理政府信息公开行政复议案件30件。").is_empty());
        assert!(read_claims("办理行政复议案件30件，均维持原行政行为。").is_empty());
    }

    #[test]
    fn zero_statements() {
        assert_eq!(
            read_claims("2023年，本局未收到政府信息公开申请，未发生因政府信息公开申请行政复议、提起行政诉讼情况。"),
            [
                claim("未收到政府信息公开申请", 0, 12, false),
                claim("未发生因政府信息公开申请行政复议、提起行政诉讼", 0, 3, false)
            ]
        );
        assert_eq!(
            read_claims("没有因政府信息公开引起的行政复议。"),
            [claim("没有因政府信息公开引起的行政复议", 0, 2, false)]
        );
        for sentence in [
            "2022年未收到政府信息公开申请。",
            "本单位未收到书面申请政府信息公开，未收到信函形式的政府信息公开申请。",
            "上半年未收到政府信息公开申请。",
        ] {
            assert!(read_claims(sentence).is_empty(), "{sentence}");
        }
    }

    #[test]
    fn documents_in_force() {
        assert_eq!(
            read_claims("截至2023年底，现行有效行政规范性文件12件，现行有效规章1件。"),
            [claim("12", 12, 12, true), claim("1", 1, 0, false)]
        );
    }

    #[test]
    fn sentences_about_something_else_say_nothing() {
        for sentence in [
            "政府信息公开申请数量较2022年收到的5件有所增加。",
            "2022年共收到政府信息公开申请5件。",
            "全年共收到政府信息公开申请，其中网上收到申请5件。",
            "全区各职能部门共收到政府信息公开申请50件。",
            "全年收到政府信息公开申请5件次。",
            "依申请公开的予以公开率为100%。",
            "共办理人大代表建议和政协提案25件，全文予以公开25件。",
            "共收到政府信息公开申请约15件。",
            "一季度收到政府信息公开申请3件。",
            "1-6月收到政府信息公开申请3件。",
            "全年共收到政府信息公开申请一千件。",
            "全年共收到政府信息公开申请15件左右。",
            "与上年相比，上年收到政府信息公开申请3件。",
            "窗口现场受理65件，电话答复12890件。",
            "受理行政许可申请1388件。",
            "共办理12345热线47件，已全部办结。",
            "收到政府信息公开申请1,499件。",
            "主动公开政府信息86条，予以公开86条。",
            "2023年，累计收到政府信息公开申请30件。",
            "通过网络收到政府信息公开申请8件，信函4件。",
            "收到涉及房屋征收的政府信息公开申请5件。",
            "收到法人政府信息公开申请3件。",
            "受理群众政府信息公开申请3件。",
        ] {
            assert!(read_claims(sentence).is_empty(), "{sentence}");
        }
        // The comparison is about last year; this year's count is still read.
        assert_eq!(
            read_claims("全年共收到政府信息公开申请12件，较2022年的5件有所增加。"),
            [claim("12", 12, 12, true)]
        );
    }

    #[test]
    fn a_heading_gives_its_paragraph_the_topic() {
        assert_eq!(
            read_claims("（二）依申请公开\n全年共受理申请15件。"),
            [claim("15", 15, 12, false)]
        );
        assert!(read_claims("（二）主动公开\n全年共受理申请15件。").is_empty());
    }

    #[test]
    fn blank_cells_make_no_reading() {
        let text = draft("全年共收到政府信息公开申请15件。").replace(
            "一、本年新收政府信息公开申请数量\t\t\t9\t2\t0\t0\t1\t0\t12",
            "一、本年新收政府信息公开申请数量\t\t\t9\t2\t0\t0\t1\t0\t/",
        );
        let report = read(&text, None);
        let found = claims(&text, &report);
        assert!(found.is_empty(), "{found:?}");
    }
}
