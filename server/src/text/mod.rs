//! Text primitives with no knowledge of reports: folding text for matching with an exact map
//! back to source byte offsets, and a line index.

mod span;
mod t2s;
mod words;

pub use span::Span;
pub use words::Words;

use std::sync::LazyLock;

use regex::Regex;

/// Maps one character to the form used for matching: full-width ASCII to ASCII, the
/// ideographic space to a space, Traditional to Simplified.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => to_simplified(c),
    }
}

/// The Simplified form of a Traditional character (the character itself otherwise).
pub fn to_simplified(c: char) -> char {
    let code = c as u32;
    if code < 0x3400 {
        return c;
    }
    // Every character of a text passes here: the Basic Multilingual Plane answers by one
    // look-up in a dense table, the rare characters beyond it by a search.
    if code < 0x1_0000 {
        match SIMPLIFIED_BMP[code as usize] {
            0 => return c,
            BEYOND_BMP => {}
            s => return char::from_u32(u32::from(s)).unwrap_or(c),
        }
    }
    match t2s::T2S.binary_search_by_key(&c, |&(t, _)| t) {
        Ok(i) => t2s::T2S[i].1,
        Err(_) => c,
    }
}

/// In `SIMPLIFIED_BMP`: the Simplified form lies beyond the plane; search the map.
const BEYOND_BMP: u16 = u16::MAX;

/// For each character of the Basic Multilingual Plane, its Simplified form when the T→S map
/// has one (`BEYOND_BMP` when that form lies outside the plane), else 0 (128 KiB, built once).
static SIMPLIFIED_BMP: LazyLock<Box<[u16]>> = LazyLock::new(|| {
    let mut table = vec![0u16; 0x1_0000].into_boxed_slice();
    for &(t, s) in t2s::T2S {
        if let Ok(t) = u16::try_from(t as u32) {
            table[usize::from(t)] = u16::try_from(s as u32).unwrap_or(BEYOND_BMP);
        }
    }
    table
});

/// Whether `c` is a Traditional form that differs from its Simplified form.
pub fn is_traditional(c: char) -> bool {
    to_simplified(c) != c
}

/// Text folded for matching, remembering where each of its characters came from.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// Where `text` came from, as runs in order: most characters fold to one of the same UTF-8
    /// length (a Chinese character to itself or its Simplified form, ASCII to itself), so a
    /// run of them maps by one offset; a character whose length changes (full width `１` →
    /// `1`) is a run of its own. A skipped character (a key drops whitespace) ends a run.
    runs: Vec<Run>,
    source_end: usize,
}

/// A run of folded characters: where it starts in the folded text and in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    folded: usize,
    source: usize,
    /// 0 for a run of characters each as long as its source; otherwise the run is one
    /// character, and this is the length of its source character.
    source_len: usize,
}

/// The first char boundary of `text` at or after `at` (or its length).
fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// How much to fold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Width, Traditional, 其它 → 其他. Keeps every character, so lengths in characters agree.
    Text,
    /// As `Text`, and also drops whitespace and unifies the punctuation that varies between
    /// copies of the same label: `、．` → `.`, quotes → `"`. For comparing labels.
    Key,
}

impl Folded {
    /// Folds `source[range]`; offsets in the result map back into `source`.
    pub fn new(source: &str, range: Span, how: Fold) -> Folded {
        let slice = &source[range.start..range.end];
        let mut text = String::with_capacity(slice.len());
        let mut runs: Vec<Run> = Vec::new();
        // The source offset just after the last character kept, if it ended a same-length run.
        let mut same_run_until: Option<usize> = None;
        fold_each(slice, how, |i, c, f| {
            let at = range.start + i;
            let same = c.len_utf8() == f.len_utf8();
            if !same || same_run_until != Some(at) {
                runs.push(Run {
                    folded: text.len(),
                    source: at,
                    source_len: if same { 0 } else { c.len_utf8() },
                });
            }
            same_run_until = same.then_some(at + c.len_utf8());
            text.push(f);
        });
        Folded {
            text,
            runs,
            source_end: range.end,
        }
    }

    pub fn of(source: &str, how: Fold) -> Folded {
        Folded::new(source, Span::new(0, source.len()), how)
    }

    /// The run holding the folded character that starts at `at` (a char boundary below the
    /// text's length).
    fn run_at(&self, at: usize) -> &Run {
        let i = self.runs.partition_point(|r| r.folded <= at);
        &self.runs[i.saturating_sub(1)]
    }

    /// The source span of the folded byte range `[start, end)`.
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        let begin = self.source_offset(start);
        let end = end.min(self.text.len());
        if end <= start || end == 0 {
            return Span::empty(begin);
        }
        // The source end of the last folded character that starts before `end`.
        let mut last = end - 1;
        while !self.text.is_char_boundary(last) {
            last -= 1;
        }
        let run = self.run_at(last);
        let finish = if run.source_len == 0 {
            let len = self.text[last..].chars().next().map_or(0, char::len_utf8);
            run.source + (last - run.folded) + len
        } else {
            run.source + run.source_len
        };
        Span::new(begin, finish.max(begin))
    }

    /// The source offset where the folded character at byte `at` came from (the next
    /// character's when `at` falls inside one; the end of the fold past the last).
    pub fn source_offset(&self, at: usize) -> usize {
        let at = ceil_boundary(&self.text, at);
        if at >= self.text.len() {
            return self.source_end;
        }
        let run = self.run_at(at);
        run.source + (at - run.folded)
    }

    /// The folded offset of the first character whose source starts at or after `offset`.
    fn folded_offset(&self, offset: usize) -> usize {
        let i = self.runs.partition_point(|r| r.source <= offset);
        if i == 0 {
            return self.runs.first().map_or(self.text.len(), |r| r.folded);
        }
        let run = &self.runs[i - 1];
        let next = self.runs.get(i).map_or(self.text.len(), |r| r.folded);
        if run.source_len != 0 {
            return if offset == run.source {
                run.folded
            } else {
                next
            };
        }
        let within = offset - run.source;
        if within >= next - run.folded {
            return next; // in a gap after the run (skipped characters)
        }
        // Inside a same-length run, source and folded characters have the same boundaries.
        ceil_boundary(&self.text[..next], run.folded + within)
    }

    /// The folded text of the source `span` (which this fold covers), as a view into this fold:
    /// one fold of a document serves every part of it.
    pub fn view(&self, span: Span) -> FoldedView<'_> {
        let (start, end) = (self.folded_offset(span.start), self.folded_offset(span.end));
        FoldedView {
            text: &self.text[start..end.max(start)],
            folded: self,
            offset: start,
        }
    }
}

/// A part of a [`Folded`] text, with the same map back to source offsets.
#[derive(Debug, Clone, Copy)]
pub struct FoldedView<'f> {
    pub text: &'f str,
    folded: &'f Folded,
    /// Where `text` starts in the whole folded text.
    offset: usize,
}

impl FoldedView<'_> {
    /// The source span of the view's folded byte range `[start, end)`.
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        self.folded
            .source_span(self.offset + start, self.offset + end)
    }

    /// The source offset where the view's folded character at byte `at` came from.
    pub fn source_offset(&self, at: usize) -> usize {
        self.folded.source_offset(self.offset + at)
    }
}

/// The folded key of a string, for comparing labels.
/// Characters the one-to-one map cannot fold alone, by the character before them: the variant
/// 其它 for 其他, and the Traditional 覆 where Simplified writes 复 (反覆 → 反复, 答覆 → 答复).
const CONTEXT_PAIRS: [(char, char, char); 3] =
    [('其', '它', '他'), ('反', '覆', '复'), ('答', '覆', '复')];

/// A pinyin reading that a mirror site injected after a character (`規(guī)章`, `數(shù)量`).
static INJECTED_READING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Han}([(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）])").unwrap()
});

/// Byte ranges (in `s`) of injected readings, dropped when labels are compared.
fn injected_readings(s: &str) -> Vec<std::ops::Range<usize>> {
    if !s.contains(['(', '（']) {
        return Vec::new();
    }
    INJECTED_READING
        .captures_iter(s)
        .filter_map(|c| c.get(1).map(|m| m.range()))
        .collect()
}

/// Folds `slice` character by character, calling `push(byte offset in slice, source char,
/// folded char)` for each character kept: the one definition of folding, for `Folded` (which
/// also records where each character came from) and `key` (which needs the text only).
fn fold_each(slice: &str, how: Fold, mut push: impl FnMut(usize, char, char)) {
    let mut previous: Option<char> = None;
    let readings = if how == Fold::Key {
        injected_readings(slice)
    } else {
        Vec::new()
    };
    for (i, c) in slice.char_indices() {
        if readings.iter().any(|r| r.start <= i && i < r.end) {
            continue;
        }
        let mut f = fold_char(c);
        if let Some(&(_, _, to)) = CONTEXT_PAIRS
            .iter()
            .find(|(before, from, _)| f == *from && previous == Some(*before))
        {
            f = to;
        }
        if how == Fold::Key {
            if f.is_whitespace() {
                continue;
            }
            f = match f {
                '、' | '．' | '。' if previous.is_some_and(|p| p.is_ascii_digit()) => '.',
                '、' => '.',
                '“' | '”' | '"' | '＂' | '「' | '」' => '"',
                _ => f,
            };
        }
        previous = Some(f);
        push(i, c, f);
    }
}

pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_each(s, Fold::Key, |_, _, f| out.push(f));
    out
}

/// Byte offsets of line starts, to turn offsets into (line, column) at the edges.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Starts of lines that follow a break added by the reader rather than a `\n` (sorted).
    added: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            starts,
            added: Vec::new(),
            len: text.len(),
        }
    }

    /// The text's lines with extra breaks at the given offsets (char boundaries of `text`), for
    /// text whose own line breaks were lost. A line before an added break ends at the break.
    pub fn with_breaks(text: &str, breaks: &[usize]) -> LineIndex {
        let mut index = LineIndex::new(text);
        let added: Vec<usize> = breaks
            .iter()
            .copied()
            .filter(|&b| b > 0 && b < text.len() && text.is_char_boundary(b))
            .filter(|b| index.starts.binary_search(b).is_err())
            .collect();
        index.starts.extend(&added);
        index.starts.sort_unstable();
        index.added = added;
        index.added.sort_unstable();
        index
    }

    /// Zero-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset.min(self.len)) - 1
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// Byte range of a line without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.line_start(line);
        let mut end = match self.starts.get(line + 1) {
            Some(&next) if self.added.binary_search(&next).is_ok() => next,
            Some(&next) => next - 1,
            None => self.len,
        };
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// The minimal replacement turning `from` into `to`, as (byte range in `from`, replacement):
/// common prefix and suffix are kept, so a fix touches only what differs.
pub fn minimal_replacement<'a>(from: &str, to: &'a str) -> (Span, &'a str) {
    let prefix: usize = from
        .chars()
        .zip(to.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let suffix: usize = from[prefix..]
        .chars()
        .rev()
        .zip(to[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    (
        Span::new(prefix, from.len() - suffix),
        &to[prefix..to.len() - suffix],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_traditional_and_variant_other() {
        let f = Folded::of("（六）其它處理　１２", Fold::Text);
        assert_eq!(f.text, "(六)其他处理 12");
    }

    #[test]
    fn key_drops_spaces_and_unifies_numbering() {
        assert_eq!(key("(五) 不予 处理"), key("（五）不予处理"));
        assert_eq!(key("1、属于国家秘密"), key("1.属于国家秘密"));
        assert_eq!(key("1．属于国家秘密"), key("1. 属于国家秘密"));
        assert_eq!(key("3.危及\"三安全一稳定\""), key("3.危及“三安全一稳定”"));
        assert_eq!(key("商業 企業"), key("商业企业"));
    }

    #[test]
    fn traditional_labels_fold_to_the_official_ones() {
        for (traditional, official) in [
            ("4.無正當理由大量反覆申請", "4.无正当理由大量反复申请"),
            ("2.重複申請", "2.重复申请"),
            (
                "5.要求行政機關確認或重新出具已獲取信息",
                "5.要求行政机关确认或重新出具已获取信息",
            ),
            ("三、本年度辦理結果", "三、本年度办理结果"),
            ("四、結轉下年度繼續辦理", "四、结转下年度继续办理"),
            ("行政複議", "行政复议"),
            ("行政復議", "行政复议"),
            ("本年製發件數", "本年制发件数"),
            ("規範性文件", "规范性文件"),
        ] {
            assert_eq!(key(traditional), key(official), "{traditional}");
        }
    }

    #[test]
    fn the_quick_check_agrees_with_the_map() {
        for &(t, simplified) in t2s::T2S {
            assert_eq!(to_simplified(t), simplified, "{t}");
        }
        for c in ['规', '章', '报', '告', 'a', '１', '𠀀'] {
            assert_eq!(to_simplified(c), c);
        }
    }

    #[test]
    fn a_view_of_a_fold_is_the_fold_of_the_part() {
        let src = "ａ其它\n（六）其他處理　１２\nend";
        let whole = Folded::of(src, Fold::Text);
        let second = Span::new(src.find('（').unwrap(), src.rfind('\n').unwrap());
        let view = whole.view(second);
        let part = Folded::new(src, second, Fold::Text);
        assert_eq!(view.text, part.text);
        assert_eq!(view.text, "(六)其他处理 12");
        let twelve = view.text.find("12").unwrap();
        assert_eq!(
            view.source_span(twelve, twelve + 2),
            part.source_span(twelve, twelve + 2)
        );
        assert_eq!(view.source_offset(0), second.start);
        assert_eq!(whole.view(Span::new(src.len(), src.len())).text, "");
    }

    #[test]
    fn key_drops_readings_injected_by_mirror_sites() {
        assert_eq!(key("規(guī)章"), key("规章"));
        assert_eq!(key("本年廢止件數(shù)"), key("本年废止件数"));
        assert_eq!(key("行政事業(yè)性收費"), key("行政事业性收费"));
        // A real parenthetical is kept.
        assert_eq!(key("本年收费金额（单位：万元）"), "本年收费金额(单位:万元)");
        assert_eq!(key("情形(ab1)"), "情形(ab1)");
    }

    #[test]
    fn folded_offsets_map_back_to_source() {
        let src = "ab 商業 企業x";
        let f = Folded::of(src, Fold::Key);
        assert_eq!(f.text, "ab商业企业x");
        let at = f.text.find("企业").unwrap();
        let span = f.source_span(at, at + "企业".len());
        assert_eq!(&src[span.start..span.end], "企業");
        let all = f.source_span(0, f.text.len());
        assert_eq!(&src[all.start..all.end], src);
    }

    #[test]
    fn line_index_finds_lines() {
        let text = "一\r\n二\n\n三";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_of(text.find('二').unwrap()), 1);
        let span = index.line_span(text, 0);
        assert_eq!(&text[span.start..span.end], "一");
        assert_eq!(
            index.line_span(text, 2),
            Span::empty(text.find("\n\n").unwrap() + 1)
        );
    }

    #[test]
    fn minimal_replacement_keeps_common_parts() {
        let (span, with) = minimal_replacement("本年度止件数", "本年废止件数");
        assert_eq!(with, "废");
        assert_eq!(&"本年度止件数"[span.start..span.end], "度");
        let (span, with) =
            minimal_replacement("2.其他法律法规禁止公开", "2.其他法律行政法规禁止公开");
        assert!(span.is_empty());
        assert_eq!(with, "行政");
    }

    /// The fold as it was first written, one origin per character: the model the runs must
    /// agree with.
    struct PerCharacter {
        text: String,
        origin: Vec<(usize, Span)>,
        source_end: usize,
    }

    impl PerCharacter {
        fn new(source: &str, range: Span, how: Fold) -> PerCharacter {
            let mut text = String::new();
            let mut origin = Vec::new();
            fold_each(&source[range.start..range.end], how, |i, c, f| {
                let at = range.start + i;
                origin.push((text.len(), Span::new(at, at + c.len_utf8())));
                text.push(f);
            });
            PerCharacter {
                text,
                origin,
                source_end: range.end,
            }
        }

        fn source_offset(&self, at: usize) -> usize {
            let i = self.origin.partition_point(|&(o, _)| o < at);
            self.origin
                .get(i)
                .map_or(self.source_end, |&(_, span)| span.start)
        }

        fn source_span(&self, start: usize, end: usize) -> Span {
            let begin = self.source_offset(start);
            if end <= start {
                return Span::empty(begin);
            }
            let last = self.origin.partition_point(|&(at, _)| at < end);
            let finish = if last == 0 {
                begin
            } else {
                self.origin[last - 1].1.end
            };
            Span::new(begin, finish.max(begin))
        }

        fn folded_offset(&self, offset: usize) -> usize {
            let i = self.origin.partition_point(|&(_, s)| s.start < offset);
            self.origin.get(i).map_or(self.text.len(), |&(o, _)| o)
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn runs_map_as_the_per_character_origins_did(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', '1', ' ', '\n', '\t', '、', '。', '１', 'Ａ', '\u{3000}', '（', '）', '國', '務',
                '其', '它', '反', '覆', '“', '”', '政', '府', '信', '息', '𝄞', '²', 'é',
            ]), 0..40),
            key in proptest::bool::ANY,
            cut in 0usize..8,
        ) {
            let source: String = chars.into_iter().collect();
            let how = if key { Fold::Key } else { Fold::Text };
            // Sometimes a fold of part of the text, as the reader makes of a cell.
            let mut start = cut.min(source.len());
            while !source.is_char_boundary(start) {
                start += 1;
            }
            let range = Span::new(start, source.len());
            let runs = Folded::new(&source, range, how);
            let model = PerCharacter::new(&source, range, how);
            proptest::prop_assert_eq!(&runs.text, &model.text);
            for a in 0..=model.text.len() + 2 {
                proptest::prop_assert_eq!(runs.source_offset(a), model.source_offset(a), "offset {}", a);
                for b in 0..=model.text.len() + 2 {
                    proptest::prop_assert_eq!(runs.source_span(a, b), model.source_span(a, b), "span {} {}", a, b);
                }
            }
            for a in range.start..=source.len() + 1 {
                proptest::prop_assert_eq!(runs.folded_offset(a), model.folded_offset(a), "source {}", a);
            }
        }
    }
}
