//! The two official report formats as data.
//!
//! Every official string of 国办公开办函〔2019〕60号 (试行, used for 2019 and 2020 reports) and
//! 国办公开办函〔2021〕30号 (2021 onward) is written here once. Rules, templates, and later the
//! language server's completion and hover, derive from these tables; no other module spells a
//! label.

mod narrative;
mod tables;
pub mod templates;
mod terms;

pub use narrative::*;
pub use tables::*;
pub use templates::TableStyle;
pub use terms::*;

/// Which national format a table (or a whole report) follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layout {
    /// 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号.
    Y2019,
    /// 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号.
    Y2021,
}

impl Layout {
    pub const ALL: [Layout; 2] = [Layout::Y2019, Layout::Y2021];

    /// The format that applies to a report for `year`: the 2021 format took effect with the
    /// 2021 reports; 2019 and 2020 reports used the trial format.
    pub fn for_year(year: i32) -> Layout {
        if year >= 2021 {
            Layout::Y2021
        } else {
            Layout::Y2019
        }
    }

    pub fn parse(s: &str) -> Option<Layout> {
        match s.trim() {
            "2019" => Some(Layout::Y2019),
            "2021" => Some(Layout::Y2021),
            _ => None,
        }
    }

    pub fn year_label(self) -> &'static str {
        match self {
            Layout::Y2019 => "2019",
            Layout::Y2021 => "2021",
        }
    }

    /// The notice that issued the format.
    pub fn document_number(self) -> &'static str {
        match self {
            Layout::Y2019 => "国办公开办函〔2019〕60号",
            Layout::Y2021 => "国办公开办函〔2021〕30号",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Layout::Y2019 => "2019年试行格式（国办公开办函〔2019〕60号）",
            Layout::Y2021 => "2021年格式（国办公开办函〔2021〕30号）",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Layout::Y2019 => "the 2019 trial format (国办公开办函〔2019〕60号)",
            Layout::Y2021 => "the 2021 format (国办公开办函〔2021〕30号)",
        }
    }
}

/// Issuer part of the format notices' numbers, for spotting misspelt citations.
pub const FORMAT_NOTICE_ISSUER: &str = "国办公开办函";

/// The placeholder the templates put where the author writes text.
pub const TEXT_PLACEHOLDER: &str = "（文字描述）";

/// The 2021 template's body of section 六.
pub const FEE_PLACEHOLDER_2021: &str = "（文字描述，收取信息处理费情况在此处报告。）";

/// The term section 六 must mention in a 2021-format report.
pub const FEE_TERM: &str = "信息处理费";

/// A nil statement used in practice when no fee was charged (not official wording).
pub const FEE_NIL_STATEMENT: &str = "本年度未收取信息处理费。";

/// The kind of content a section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionBody {
    Text,
    Table(TableKind),
}

/// One of the six mandatory sections (template headings, identical in both formats).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionSpec {
    /// 1 to 6.
    pub number: u8,
    /// The Chinese numeral of the heading: 一 … 六.
    pub numeral: &'static str,
    /// The template title, without the numeral.
    pub title: &'static str,
    /// The longer wording in the format's own 一、报告内容, accepted as a variant.
    pub long_title: Option<&'static str>,
    pub body: SectionBody,
    /// What the format asks for in this section, for hover and documentation.
    pub requirement_zh: &'static str,
    pub requirement_en: &'static str,
}

impl SectionSpec {
    /// The heading exactly as the template prints it, e.g. `一、总体情况`.
    pub fn heading(&self) -> String {
        format!("{}、{}", self.numeral, self.title)
    }

    /// The placeholder body of a text section in `layout`'s template.
    pub fn text_stub(&self, layout: Layout) -> &'static str {
        if self.number == 6 && layout == Layout::Y2021 {
            FEE_PLACEHOLDER_2021
        } else {
            TEXT_PLACEHOLDER
        }
    }
}

pub const SECTIONS: [SectionSpec; 6] = [
    SectionSpec {
        number: 1,
        numeral: "一",
        title: "总体情况",
        long_title: None,
        body: SectionBody::Text,
        requirement_zh: "综述本机关贯彻落实《政府信息公开条例》情况，包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面；2021年格式要求篇幅原则上不超过一千字。",
        requirement_en: "An overview of the year's work: proactive disclosure, requests, information management, platforms, oversight. The 2021 format asks for at most about 1000 characters.",
    },
    SectionSpec {
        number: 2,
        numeral: "二",
        title: "主动公开政府信息情况",
        long_title: Some("行政机关主动公开政府信息情况"),
        body: SectionBody::Table(TableKind::Proactive),
        requirement_zh: "以表格报告《条例》第二十条第（一）（五）（六）（八）项（2019年试行格式另有第（九）项）的数据。",
        requirement_en: "A table of the data for article 20 items (一)(五)(六)(八) (the 2019 trial format also (九)).",
    },
    SectionSpec {
        number: 3,
        numeral: "三",
        title: "收到和处理政府信息公开申请情况",
        long_title: Some("行政机关收到和处理政府信息公开申请情况"),
        body: SectionBody::Table(TableKind::Applications),
        requirement_zh: "以表格报告申请人类别和申请的最终处理结果；每列满足“第一项加第二项之和，等于第三项加第四项之和”。",
        requirement_en: "A table of applicants by category and final outcomes; each column satisfies 一 + 二 = 三 + 四.",
    },
    SectionSpec {
        number: 4,
        numeral: "四",
        title: "政府信息公开行政复议、行政诉讼情况",
        long_title: Some("因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
        body: SectionBody::Table(TableKind::Reviews),
        requirement_zh: "以表格报告行政复议和行政诉讼（区分未经复议直接起诉、复议后起诉）的结果。",
        requirement_en: "A table of administrative reconsideration and litigation outcomes (litigation split into direct and after reconsideration).",
    },
    SectionSpec {
        number: 5,
        numeral: "五",
        title: "存在的主要问题及改进情况",
        long_title: Some("政府信息公开工作存在的主要问题及改进情况"),
        body: SectionBody::Text,
        requirement_zh: "实事求是、明确具体地报告主要问题及改进情况，不得敷衍了事甚至年年雷同。",
        requirement_en: "The main problems and improvements, concrete and specific, not the same text every year.",
    },
    SectionSpec {
        number: 6,
        numeral: "六",
        title: "其他需要报告的事项",
        long_title: None,
        body: SectionBody::Text,
        requirement_zh: "报告其他需要报告的事项；2021年格式要求在此专门报告收取信息处理费的情况。",
        requirement_en: "Other matters; the 2021 format requires the 信息处理费 (information processing fees) charged to be reported here.",
    },
];

/// The legal basis of the six sections, for hover.
pub const LEGAL_BASIS_ZH: &str = "《中华人民共和国政府信息公开条例》第五十条";

/// The legal basis in English, for hover.
pub const LEGAL_BASIS_EN: &str =
    "article 50 of the Regulations on the Disclosure of Government Information";

/// Chinese numerals used in headings and item numbers, in order.
pub const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// The value of a Chinese numeral 一 … 十.
pub fn numeral_value(numeral: &str) -> Option<u8> {
    NUMERALS
        .iter()
        .position(|n| *n == numeral)
        .map(|i| i as u8 + 1)
}

pub fn section(number: u8) -> &'static SectionSpec {
    &SECTIONS[usize::from(number.clamp(1, 6)) - 1]
}
