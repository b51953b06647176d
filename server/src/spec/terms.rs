//! Category names of the statistics before the 2019 Regulation, and the rows of 表三 that
//! count the same outcomes now. 国办公开办函〔2019〕60号: “此前有关政府信息公开的各类报告和统计
//! 口径，随原政府信息公开条例的失效而失效”.

/// When an old name is the old category and not ordinary words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermUse {
    /// Wherever it is written: no current wording contains it.
    Anywhere,
    /// Only followed by a count (`同意公开3件`): the words also occur in current wording
    /// (`第三方不同意公开的`, `申请内容不明确的，告知申请人补正`).
    Counted,
}

#[derive(Debug, Clone, Copy)]
pub struct ObsoleteTerm {
    pub obsolete: &'static str,
    /// The 表三 row (2021 format, official label) that counts the outcome now.
    pub current: &'static str,
    pub use_: TermUse,
    /// Written right after one of these, the words are current wording (`补正后申请内容仍不明确`).
    pub not_after: &'static [&'static str],
    /// Whether replacing the old name with the row's name keeps the sentence readable.
    pub replace: bool,
}

const fn term(
    obsolete: &'static str,
    current: &'static str,
    use_: TermUse,
    not_after: &'static [&'static str],
    replace: bool,
) -> ObsoleteTerm {
    ObsoleteTerm {
        obsolete,
        current,
        use_,
        not_after,
        replace,
    }
}

const NOT_HELD: &str = "1.本机关不掌握相关政府信息";
const UNCLEAR: &str = "3.补正后申请内容仍不明确";

/// Longer names first: a name inside a longer one is not read again.
pub const OBSOLETE_TERMS: &[ObsoleteTerm] = &[
    term("因信息不存在", NOT_HELD, TermUse::Anywhere, &[], true),
    term("信息不存在", NOT_HELD, TermUse::Counted, &[], true),
    term(
        "不属于本行政机关公开",
        NOT_HELD,
        TermUse::Anywhere,
        &[],
        false,
    ),
    term("不属于本机关公开", NOT_HELD, TermUse::Anywhere, &[], false),
    term("非本机关职责范围", NOT_HELD, TermUse::Counted, &[], true),
    term("申请信息不明确", UNCLEAR, TermUse::Anywhere, &[], true),
    term(
        "申请内容不明确",
        UNCLEAR,
        TermUse::Counted,
        &["仍", "补正后"],
        true,
    ),
    term(
        "同意部分公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        TermUse::Counted,
        &["不"],
        false,
    ),
    term(
        "不同意公开",
        "（三）不予公开",
        TermUse::Counted,
        &["第三方"],
        true,
    ),
    term(
        "同意公开",
        "（一）予以公开",
        TermUse::Counted,
        &["不", "第三方"],
        true,
    ),
    term(
        "涉及国家秘密",
        "1.属于国家秘密",
        TermUse::Counted,
        &[],
        true,
    ),
];
