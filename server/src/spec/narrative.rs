//! What the text of a report says about its tables, as data: the sentence forms that state a
//! count of a table cell (`全年共收到政府信息公开申请12件`, `予以公开3件`, `行政复议1件` …), the
//! words that tell a sentence is about another year, period, agency or sub-group, and the parts
//! a preamble lists (`本报告由总体情况、……等六部分组成`).
//!
//! Patterns match text folded by `text::Fold::Text` (full-width punctuation and digits are
//! ASCII there: `，` is `,`, `（` is `(`). Each pattern has a group `n` holding the number and
//! may have a group `fill` (the words between the verb and the number, which must pass the
//! form's checks) and `year` (a year written inside the form, e.g. `结转至2024年`).

use super::RowRole;

/// The table cells a count in the text is about. Several cells are summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cells {
    /// 表三: the row playing this role (一、本年新收 …, 二、上年结转 …, （七）总计, 四、结转下年度).
    Role(RowRole),
    /// 表三: the items （N） of 三、本年度办理结果, each a row or a group summed over its rows
    /// (（一）予以公开 is 1, （三）不予公开 is 3, （六）其他处理 is 6).
    Items(&'static [u8]),
    /// 表三: the leaf row the sentence names by its label (the form is made per leaf row).
    Leaf,
    /// 表四: the 总计 of these groups (indices into `REVIEW_GROUPS`), summed.
    Reviews(&'static [usize]),
}

/// Which sentences a form may be read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// About the requests of 表三: the sentence (or the sentence it continues) speaks of
    /// 政府信息公开申请.
    Requests,
    /// About reconsideration and litigation over information disclosure (表四): the sentence
    /// speaks of 信息公开, and the agency is not the one deciding the cases.
    Reviews,
}

/// One way a report states a count of a table cell.
#[derive(Debug, Clone, Copy)]
pub struct SentenceForm {
    /// A stable name, for tests.
    pub id: &'static str,
    pub pattern: &'static str,
    /// Readings of the count, each a sum of cells; the count agrees with the table when one
    /// reading does. The first is the one messages name first.
    pub readings: &'static [&'static [Cells]],
    /// What the text counts, for messages: `收到申请`.
    pub what_zh: &'static str,
    pub what_en: &'static str,
    pub topic: Topic,
    /// A general verb (收到, 受理, 办结): after `其中` it counts a sub-group, not the cell.
    pub general: bool,
}

const RECEIVED: &[Cells] = &[Cells::Role(RowRole::Received)];
const RECEIVED_WITH_CARRIED: &[Cells] = &[
    Cells::Role(RowRole::Received),
    Cells::Role(RowRole::CarriedIn),
];

/// The unit after a count of requests.
macro_rules! count {
    () => {
        r"(?:共计|合计|总计|共|计|为)?\s*(?P<n>[0-9０-９]+)\s*(?:件|份|个)"
    };
}

/// A short run of words between a verb and its count: no digits, no clause punctuation.
macro_rules! fill {
    ($max:literal) => {
        concat!(r"(?P<fill>[^0-9０-９,;:。!?、()\n]{0,", $max, r"}?)")
    };
}

/// The sentence forms, in priority order: a number taken by one form is not read by a later
/// one. Leaf rows of 表三 (`属于四类过程性信息2件`) are read by [`LEAF_FORM`], made per row.
pub const SENTENCE_FORMS: &[SentenceForm] = &[
    SentenceForm {
        id: "received-count-first",
        pattern: concat!(
            r"(?:收到|受理|接收|接到)(?:了)?(?P<n>[0-9０-９]+)\s*(?:件|份|个)",
            r"(?P<fill>[^0-9０-９,;:。!?、()\n]{0,10}?)申请"
        ),
        readings: &[RECEIVED, RECEIVED_WITH_CARRIED],
        what_zh: "收到申请",
        what_en: "requests received",
        topic: Topic::Requests,
        general: true,
    },
    SentenceForm {
        id: "received",
        pattern: concat!(r"(?:收到|受理|接收|接到)", fill!(20), count!()),
        readings: &[RECEIVED, RECEIVED_WITH_CARRIED],
        what_zh: "收到申请",
        what_en: "requests received",
        topic: Topic::Requests,
        general: true,
    },
    SentenceForm {
        id: "new",
        pattern: concat!(r"新收(?:到)?", fill!(16), count!()),
        readings: &[RECEIVED],
        what_zh: "本年新收申请",
        what_en: "new requests",
        topic: Topic::Requests,
        general: true,
    },
    SentenceForm {
        id: "carried-in",
        pattern: concat!(r"上一?年度?结转(?:的)?", fill!(12), count!()),
        readings: &[&[Cells::Role(RowRole::CarriedIn)]],
        what_zh: "上年结转申请",
        what_en: "requests carried over from last year",
        topic: Topic::Requests,
        general: false,
    },
    SentenceForm {
        id: "carried-out",
        pattern: concat!(
            r"结转(?:至|到|入)?(?:下一?个?年度?|下年|次年|(?P<year>[0-9０-９]{4})年度?)",
            r"(?:继续办理|办理)?(?:的)?(?:申请)?",
            count!()
        ),
        readings: &[&[Cells::Role(RowRole::CarriedOut)]],
        what_zh: "结转下年度继续办理",
        what_en: "requests carried over to next year",
        topic: Topic::Requests,
        general: false,
    },
    SentenceForm {
        id: "closed",
        pattern: concat!(r"办结", fill!(12), count!()),
        readings: &[&[Cells::Role(RowRole::ResultsTotal)]],
        what_zh: "办结申请",
        what_en: "requests closed",
        topic: Topic::Requests,
        general: true,
    },
    SentenceForm {
        id: "disclosed-and-partly",
        pattern: concat!(
            r"予以公开(?:及|和|或|与|、|或者|以及)部分公开(?:的|答复)?",
            count!()
        ),
        readings: &[&[Cells::Items(&[1, 2])]],
        what_zh: "予以公开及部分公开",
        what_en: "disclosed in whole or in part",
        topic: Topic::Requests,
        general: false,
    },
    SentenceForm {
        id: "disclosed",
        pattern: concat!(r"(?:^|[^不])予以公开(?:答复|的|申请)?", count!()),
        readings: &[&[Cells::Items(&[1])]],
        what_zh: "予以公开",
        what_en: "disclosed",
        topic: Topic::Requests,
        general: false,
    },
    SentenceForm {
        id: "partly",
        pattern: concat!(r"部分公开(?:答复|的|申请)?", count!()),
        readings: &[&[Cells::Items(&[2])]],
        what_zh: "部分公开",
        what_en: "partly disclosed",
        topic: Topic::Requests,
        general: false,
    },
    SentenceForm {
        id: "withheld",
        pattern: concat!(r"不予公开", fill!(10), count!()),
        readings: &[&[Cells::Items(&[3])]],
        what_zh: "不予公开",
        what_en: "withheld",
        topic: Topic::Requests,
        general: false,
    },
    SentenceForm {
        id: "unavailable",
        pattern: concat!(r"无法提供(?:的|答复|申请)?", count!()),
        readings: &[&[Cells::Items(&[4])]],
        what_zh: "无法提供",
        what_en: "unavailable",
        topic: Topic::Requests,
        general: false,
    },
    SentenceForm {
        id: "not-processed",
        pattern: concat!(r"不予处理(?:的|答复|申请)?", count!()),
        readings: &[&[Cells::Items(&[5])]],
        what_zh: "不予处理",
        what_en: "not processed",
        topic: Topic::Requests,
        general: false,
    },
    SentenceForm {
        id: "other-processing",
        pattern: concat!(r"其他处理(?:的)?", count!()),
        readings: &[&[Cells::Items(&[6])]],
        what_zh: "其他处理",
        what_en: "otherwise processed",
        topic: Topic::Requests,
        general: false,
    },
    SentenceForm {
        id: "reconsideration",
        pattern: r"行政复议(?:申请|案件)?(?:共计|共|为)?\s*(?P<n>[0-9０-９]+)\s*(?:件|起|宗|个)",
        readings: &[&[Cells::Reviews(&[0])]],
        what_zh: "行政复议",
        what_en: "reconsideration cases",
        topic: Topic::Reviews,
        general: false,
    },
    SentenceForm {
        id: "litigation",
        pattern: r"行政诉讼(?:案件)?(?:共计|共|为)?\s*(?P<n>[0-9０-９]+)\s*(?:件|起|宗|个)",
        readings: &[&[Cells::Reviews(&[1, 2])]],
        what_zh: "行政诉讼",
        what_en: "lawsuits",
        topic: Topic::Reviews,
        general: false,
    },
];

/// The form of a 表三 leaf row named by its label (without its `1.` numbering), e.g.
/// `属于四类过程性信息2件`; `{label}` is replaced by the escaped label.
pub const LEAF_FORM: SentenceForm = SentenceForm {
    id: "leaf",
    pattern: concat!(r"{label}(?:的|类)?(?:申请)?", count!()),
    readings: &[&[Cells::Leaf]],
    what_zh: "",
    what_en: "",
    topic: Topic::Requests,
    general: false,
};

/// Leaf labels shorter than this (`其他`) are too common to tell a row.
pub const LEAF_MIN_CHARS: usize = 4;

/// `现行有效行政规范性文件25件` / `行政规范性文件现行有效25件`: the 现行有效件数 of a row of
/// 表二 item （一） (2021 format). `{rows}` is replaced by the alternation of the rows' names.
pub const IN_FORCE_PATTERNS: [&str; 2] = [
    r"现行有效(?:的)?(?P<row>{rows})(?:共计|共|为)?\s*(?P<n>[0-9０-９]+)\s*(?:件|部|个)",
    r"(?P<row>{rows})现行有效(?:件数|的)?(?:共计|共|为)?\s*(?P<n>[0-9０-９]+)\s*(?:件|部|个)",
];

/// What 表二's in-force counts are called in messages.
pub const IN_FORCE_WHAT: (&str, &str) = ("现行有效", "in force");

/// `未收到政府信息公开申请`: the text says 本年新收 is 0.
pub const NONE_RECEIVED: &str = r"(?:未|没有)(?:收到|受理|接到|接收)(?:过)?(?:任何)?(?P<fill>[^0-9０-９,;:。!?、()\n]{0,8}?)(?:政府信息公开申请|信息公开申请|依申请公开(?:申请|事项)?)";

/// `未发生因政府信息公开引起的行政复议、行政诉讼`: the text says the 表四 totals it names are 0.
pub const NO_REVIEWS: &str = r"(?:未|没有)(?:发生|出现|产生|引发|引起|收到)?(?:过)?(?:任何)?(?:因|涉及)?(?:政府)?信息公开(?:工作|申请)?(?:而)?(?:被)?(?:引起|引发|产生)?(?:的)?(?:被)?(?:申请)?(?:行政复议|行政诉讼)(?:(?:和|或|及|、)(?:被)?(?:提起)?(?:行政复议|行政诉讼))?";

/// What the zero statements are called in messages.
pub const NONE_RECEIVED_WHAT: (&str, &str) = ("未收到申请", "no requests received");
pub const NO_REVIEWS_WHAT: (&str, &str) =
    ("未发生行政复议、行政诉讼", "no reconsideration or lawsuit");

/// `均获维持`: every reconsideration or lawsuit the sentence speaks of was upheld.
pub const ALL_UPHELD: &str =
    r"(?:均|全部|都)(?:获|被|予以|得到|依法)?(?:复议机关|法院|人民法院)?(?:决定|判决|裁定)?维持";

/// Words before a count that make it about something else than the cell: a comparison with
/// another year, another period, other agencies. Looked for in the sentence before the count.
pub const NOT_THIS_CELL: &[&str] = &[
    "较",
    "同比",
    "环比",
    "相比",
    "比去年",
    "比上年",
    "去年",
    "增加",
    "减少",
    "增长",
    "下降",
    "上升",
    "持平",
    "季度",
    "上半年",
    "下半年",
    "月份",
    "累计",
    "以来",
    "历年",
    "近三年",
    "近五年",
    "全市",
    "全县",
    "全区",
    "全省",
    "全州",
    "全镇",
    "全乡",
    "全旗",
    "全系统",
    "各级",
    "各部门",
    "各单位",
    "各乡镇",
    "各镇",
    "各街道",
    "各县",
    "各区",
    "各职能部门",
    "下属",
    "所属",
    "市直",
    "县直",
    "区直",
    "本系统",
    "约",
    "近",
    "超过",
    "以上",
    "左右",
];

/// `上年`/`上一年` before a count compares with last year, unless it is `上年结转`.
pub const LAST_YEAR: &[&str] = &["上年", "上一年"];

/// Words that make a sentence about other business than disclosure requests (the text of
/// 表三's row labels is taken out before looking, so `信访举报投诉类申请` does not count).
pub const OTHER_BUSINESS: &[&str] = &[
    "建议",
    "提案",
    "热线",
    "12345",
    "咨询",
    "留言",
    "来信",
    "信箱",
    "许可",
    "审批",
    "政务服务",
    "行政执法",
    "办件",
];

/// Before a general count (`通过网络收到申请8件`, `收到涉及征收的申请5件`): a channel or a
/// topic, so the count is a sub-group.
pub const SUBGROUP: &[&str] = &[
    "网络", "网上", "在线", "信函", "当面", "现场", "邮寄", "传真", "邮件", "网站", "平台", "窗口",
    "来信", "电话", "涉及", "关于", "方面", "类",
];

/// Applicants named in words the table has no column for: a count of theirs is a sub-group.
pub const OTHER_APPLICANTS: &[&str] = &[
    "法人", "企业", "机构", "组织", "公民", "个人", "群众", "律师", "单位",
];

/// What shows a sentence speaks of disclosure requests.
pub const REQUEST_WORDS: &[&str] = &["公开申请", "依申请", "申请公开", "申请人", "信息公开申请"];

/// A sentence continuing the one before (its sub-groups): it starts with one of these.
pub const CONTINUATIONS: &[&str] = &["其中", "包括", "具体", "分别"];

/// Before a 表四 count: the agency decided the cases (a 复议机关's own work), not the table's.
pub const REVIEW_AS_DECIDER: &[&str] = &["办理", "审理", "受理", "承办", "代理", "应诉", "审结的"];

/// Before `均获维持`: only the cases already decided were upheld.
pub const UPHELD_PARTLY: &[&str] = &["已审结", "审结的", "已结", "除", "其余", "其他"];

// ---------------------------------------------------------------------------------------------
// The preamble's list of the six parts

/// How a preamble names each of the six sections: any of these words (in the folded text)
/// marks the part as listed. Index 0 is section 一.
pub const PART_WORDS: [&[&str]; 6] = [
    &["总体情况", "概述", "总体工作情况", "基本情况"],
    &["主动公开"],
    &["申请"],
    &["复议", "诉讼"],
    &["问题", "改进"],
    &["其他"],
];

/// A sentence that lists the report's parts: `本报告由……组成`, `全文包括……`, `分为……`
/// (the sentence must also name the report, see [`PARTS_LIST_SUBJECT`]). The list is at most
/// [`PARTS_LIST_MAX_CHARS`] long: the reader checks that bound, because written in the pattern
/// (`{4,240}`) it would make the pattern hundreds of copies of the class to build.
pub const PARTS_LIST: &str = r"(?:由|包括|包含|分为|共分为|共有|共分|主要有)(?P<list>[^。]{4,}?)(?:(?P<etc>等)?(?:共)?(?P<count>[一二三四五六七八九十0-9０-９])\s*(?:个)?(?:部分|方面)|组成|构成|(?P<etc2>等)(?:内容|方面|几个方面)|。|$)";

/// The longest list of parts read, in characters.
pub const PARTS_LIST_MAX_CHARS: usize = 240;

/// What a sentence listing the parts speaks of, before the list.
pub const PARTS_LIST_SUBJECT: &[&str] = &["报告", "年报", "全文"];

/// At least this many parts must be named for a sentence to be a list of the parts.
pub const PARTS_LIST_MIN: usize = 3;
