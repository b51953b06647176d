//! Every rule's stable code, name, default severity and documentation.
//!
//! Codes never change meaning once published: NB1xx sections, NB2xx tables,
//! NB3xx cells and arithmetic, NB4xx content, NB9xx input the reader could not read.

use crate::locale::Locale;

/// How serious a finding is. Ordered from most to least serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" | "information" => Some(Severity::Info),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

macro_rules! catalog {
    ($( $variant:ident => $code:literal, $name:literal, $sev:ident,
        zh: $zh:literal, en: $en:literal, doc_zh: $doc_zh:literal, doc_en: $doc_en:literal; )*) => {
        /// One rule of the checker. The order here is the order of `nianbao explain --all`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule { $($variant),* }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            pub fn code(self) -> &'static str {
                match self { $(Rule::$variant => $code),* }
            }

            /// Kebab-case name, accepted wherever a code is (configuration, `explain`).
            pub fn name(self) -> &'static str {
                match self { $(Rule::$variant => $name),* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$sev),* }
            }

            /// One line: what the rule checks.
            pub fn title(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $((Rule::$variant, Locale::Zh) => $zh, (Rule::$variant, Locale::En) => $en,)*
                }
            }

            /// The rule's document: why it exists, what the format says, how to fix it.
            pub fn doc(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $((Rule::$variant, Locale::Zh) => $doc_zh, (Rule::$variant, Locale::En) => $doc_en,)*
                }
            }
        }
    };
}

/// Where the rule pages (`docs/rules/NBxxx.md`) are read online: `NIANBAO_DOCS_URL` at build
/// time (a fork or a mirror), else the crate's repository on its main branch.
pub const DOCS_URL: &str = match option_env!("NIANBAO_DOCS_URL") {
    Some(url) => url,
    None => concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules"),
};

impl Rule {
    /// The address of the rule's page (`{DOCS_URL}/NB301.md`): an editor opens it from the
    /// finding's code, a SARIF viewer from the rule's `helpUri`.
    pub fn help_url(self) -> String {
        format!("{}/{}.md", DOCS_URL.trim_end_matches('/'), self.code())
    }

    /// Finds a rule by code (`NB301`, case-insensitive) or name (`blank-cell`).
    pub fn lookup(key: &str) -> Option<Rule> {
        let key = key.trim();
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.code().eq_ignore_ascii_case(key) || r.name() == key)
    }
}

catalog! {
    SectionMissing => "NB101", "section-missing", Error,
        zh: "缺少规定的部分", en: "A mandatory section is missing",
        doc_zh: "年度报告必须包含格式规定的六个部分（国办公开办函〔2021〕30号；2019、2020年度报告适用〔2019〕60号试行格式）：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。依据是《政府信息公开条例》第五十条，格式要求“不能遗漏，也不宜泛化”。\n修复（需确认）：在应有位置插入该部分的官方标题和模板正文（含表格）。",
        doc_en: "A report must contain the six sections of the national format (国办公开办函〔2021〕30号; the 2019 trial format for 2019–2020 reports), as required by article 50 of the Regulation. The format says content must not be omitted.\nFix (unsafe): insert the official heading and the template body (with its table) where the section belongs.";
    SectionOrder => "NB102", "section-order", Warning,
        zh: "部分顺序与格式不符", en: "Sections are out of order",
        doc_zh: "六个部分应按一至六的顺序排列。顺序颠倒通常是复制粘贴造成的。",
        doc_en: "The six sections must appear in the order 一 to 六. A wrong order usually comes from copying and pasting.";
    SectionDuplicate => "NB103", "section-duplicate", Error,
        zh: "同一部分出现多次", en: "A section appears more than once",
        doc_zh: "每个部分只能出现一次。重复的标题会让读者无法判断哪一份数据有效。",
        doc_en: "Each section must appear once. A repeated heading leaves readers unsure which data is valid.";
    ReportDuplicate => "NB104", "report-duplicate", Error,
        zh: "整份报告被粘贴了两次", en: "The whole report is pasted twice",
        doc_zh: "从网页或旧稿复制时，整份报告常被重复粘贴。第二份与第一份完全相同时，修复（需确认）会删除第二份；两份有差异时须人工核对。",
        doc_en: "Copying from a web page or an old draft often pastes the whole report twice. When the second copy is identical, the (unsafe) fix deletes it; otherwise compare the copies by hand.";
    SectionTitle => "NB105", "section-title", Warning,
        zh: "部分标题与格式不一致", en: "A section title differs from the format",
        doc_zh: "各部分标题应使用格式模板的原文，例如“一、总体情况”而不是“一、工作基本情况”，“行政复议”而不是“行政法复议”。修复：改为官方标题。",
        doc_en: "Section headings must use the template's wording, e.g. 一、总体情况 rather than 一、工作基本情况. Fix: use the official title.";
    SectionTitleLongForm => "NB106", "section-title-long-form", Info,
        zh: "部分标题使用了格式说明中的长表述", en: "A section title uses the long wording of the format's notes",
        doc_zh: "格式说明中的表述（如“行政机关主动公开政府信息情况”）可以接受，但模板标题更简洁统一。",
        doc_en: "The longer wording from the format's own notes (e.g. 行政机关主动公开政府信息情况) is accepted, but the template title is shorter and uniform.";
    TableMissing => "NB201", "table-missing", Error,
        zh: "该部分缺少规定的表格", en: "A section lacks its table",
        doc_zh: "第二、三、四部分必须以表格报告数据。找不到表格时（包括表格只是图片、无法读取），报告无法核对。修复（需确认）：按文档的表格样式插入空白官方表格。",
        doc_en: "Sections 二, 三 and 四 must report their data in the official tables. A missing table, or one that is only an image, cannot be checked. Fix (unsafe): insert the empty official table in the document's table style.";
    HeaderCell => "NB202", "header-cell", Warning,
        zh: "表头单元格文字有误", en: "A header cell's text is wrong",
        doc_zh: "表头必须与官方格式逐字一致，例如“本年废止件数”不能写成“本年度止件数”。修复：改为官方文字。",
        doc_en: "Header cells must match the official text exactly, e.g. 本年废止件数, not 本年度止件数. Fix: the official text.";
    HeaderMissing => "NB203", "header-missing", Error,
        zh: "缺少表头单元格", en: "A header cell is missing",
        doc_zh: "表格缺少官方格式规定的表头，读者无法知道该列数据的含义。",
        doc_en: "A header cell required by the format is missing, so readers cannot tell what the column means.";
    RowLabel => "NB204", "row-label", Warning,
        zh: "行标签文字有误", en: "A row label's text is wrong",
        doc_zh: "行标签必须与官方格式一致，例如“2.其他法律行政法规禁止公开”。修复：改为官方文字。",
        doc_en: "Row labels must match the official text, e.g. 2.其他法律行政法规禁止公开. Fix: the official text.";
    RowMissing => "NB205", "row-missing", Error,
        zh: "表格缺少规定的行", en: "A table lacks a required row",
        doc_zh: "格式规定的每一行都必须填报，没有发生的情形填 0。",
        doc_en: "Every row of the format must be reported; a situation that did not occur is reported as 0.";
    RowUnknown => "NB206", "row-unknown", Warning,
        zh: "表格中有格式以外的行", en: "A table has a row the format does not have",
        doc_zh: "统一格式不允许自行增加行。地方模板增加的行（如“其他主动公开文件”）应改在正文中说明。",
        doc_en: "The uniform format has no extra rows. Rows added by local templates belong in the text instead.";
    BlockMissing => "NB207", "block-missing", Error,
        zh: "主动公开表缺少第二十条某项", en: "The proactive-disclosure table lacks an item of article 20",
        doc_zh: "2021年格式的表二包括第二十条第（一）（五）（六）（八）项；2019年试行格式还包括第（九）项。修复（需确认）：插入该项的空白表格。",
        doc_en: "The 2021 format's 表二 has items (一)(五)(六)(八) of article 20; the 2019 trial format also (九). Fix (unsafe): insert the item's empty block.";
    LayoutYear => "NB208", "layout-year", Error,
        zh: "表格格式与报告年度不符", en: "The table layout does not match the report year",
        doc_zh: "2021年及以后的年度报告应使用国办公开办函〔2021〕30号的格式；2019、2020年度报告使用〔2019〕60号试行格式。套用错误年份的模板是常见错误，例如2023年报告仍用“本年新制作数量”“上一年项目数量”。",
        doc_en: "Reports for 2021 onward use the 2021 format (国办公开办函〔2021〕30号); 2019 and 2020 reports use the 2019 trial format. A template from the wrong year is a common error.";
    LayoutMixed => "NB209", "layout-mixed", Warning,
        zh: "同一报告混用了两种格式", en: "The report mixes the two formats",
        doc_zh: "有的表格用2019年试行格式，有的用2021年格式，说明模板拼接有误。",
        doc_en: "Some tables follow the 2019 trial format and others the 2021 format: the template was assembled from two years.";
    ExtraCells => "NB210", "extra-cells", Warning,
        zh: "一行中的数值多于格式规定的列数", en: "A row has more values than the format has columns",
        doc_zh: "多出的数值通常来自多余的列或错位的单元格。检查器只读取前面规定数量的数值。",
        doc_en: "Extra values usually come from a stray column or shifted cells. The checker reads only the expected number of values.";
    HeaderOrder => "NB211", "header-order", Warning,
        zh: "表头的列序与格式不符", en: "Header cells are in another order than the format's",
        doc_zh: "主动公开情况表每一项的列有固定顺序，例如2021年格式第二十条第（一）项为“本年制发件数、本年废止件数、现行有效件数”。列的顺序调换后，读者会把数字对应到错误的列，统计汇总也会出错。检查器按格式的列序读取数值。\n修复：按格式的顺序排列各列，并核对每个数值所在的列。",
        doc_en: "Each item of the proactive-disclosure table has its columns in a fixed order, e.g. 本年制发件数, 本年废止件数, 现行有效件数 for item (一) of the 2021 format. With columns swapped, readers and statistics take numbers for the wrong column. The checker reads the values in the format's order.\nFix: put the columns in the format's order and check each value's column.";
    LayoutForced => "NB212", "layout-forced", Warning,
        zh: "指定的表格格式与报告年度不符", en: "The forced table layout does not match the report year",
        doc_zh: "配置（nianbao.toml 的 layout 或命令行 --layout）指定了表格格式，但它不是报告年度应使用的格式（2021年及以后用2021年格式，2019、2020年度用2019年试行格式）。此时所有表格都按报告并未采用的格式检查，表格类问题可能不实，依赖表格格式的修复也不会自动应用。\n修复：删除该设置（使用 auto），或改为报告年度的格式。",
        doc_en: "The configuration (layout in nianbao.toml, or --layout) forces a table layout that is not the report year's (2021 format from 2021 on, the 2019 trial format for 2019 and 2020). Every table is then checked against a format the report does not use, so table findings may be wrong, and fixes that depend on the layout are not applied unattended.\nFix: remove the setting (auto), or set the report year's format.";
    IdentityColumn => "NB301", "identity-column", Error,
        zh: "勾稽关系不成立：第一项加第二项不等于第三项加第四项", en: "Identity broken: 一 + 二 ≠ 三 + 四",
        doc_zh: "表三的注明文字规定：“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”，即每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理。",
        doc_en: "The note printed in 表三: for every column, 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理.";
    IdentityResults => "NB302", "identity-results", Error,
        zh: "办理结果之和不等于（七）总计", en: "The results do not add up to （七）总计",
        doc_zh: "每一列的（七）总计应等于（一）至（六）各项办理结果之和。修复（需确认）：把总计改为计算值。",
        doc_en: "In every column, （七）总计 equals the sum of the result rows （一） to （六）. Fix (unsafe): set the total to the computed sum.";
    IdentityRow => "NB303", "identity-row", Error,
        zh: "一行的总计不等于各类申请人之和", en: "A row's 总计 is not the sum of the applicant columns",
        doc_zh: "表三每一行的“总计”列应等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。修复（需确认）：把总计改为计算值。",
        doc_en: "In every row of 表三, 总计 equals the sum of the six applicant columns. Fix (unsafe): set the total to the computed sum.";
    IdentityReview => "NB304", "identity-review", Error,
        zh: "行政复议或行政诉讼的总计与各项之和不符", en: "An appeal or lawsuit total does not add up",
        doc_zh: "表四中行政复议、未经复议直接起诉、复议后起诉三组，每组的总计应等于结果维持、结果纠正、其他结果、尚未审结之和。修复（需确认）：把总计改为计算值。",
        doc_en: "In 表四, for each of 行政复议, 未经复议直接起诉 and 复议后起诉, 总计 equals 结果维持 + 结果纠正 + 其他结果 + 尚未审结. Fix (unsafe): set the total to the computed sum.";
    BlankCell => "NB310", "blank-cell", Error,
        zh: "应填数字的单元格为空", en: "A cell that needs a number is blank",
        doc_zh: "空白不等于 0：读者无法区分“没有发生”和“漏填”。没有发生的情形应填 0。修复：填 0。",
        doc_en: "Blank is not 0: readers cannot tell 'none' from 'forgotten'. Report none as 0. Fix: fill in 0.";
    NotNumber => "NB311", "not-number", Error,
        zh: "单元格不是数字", en: "A cell is not a number",
        doc_zh: "格式没有“/”“—”“无”之类的不适用标记，数据单元格只能填数字。",
        doc_en: "The format has no 'not applicable' mark such as / or —; data cells hold numbers only.";
    NegativeCount => "NB312", "negative-count", Error,
        zh: "件数为负数", en: "A count is negative",
        doc_zh: "件数不能为负。只有2019年试行格式的“本年增/减”一列可以为负。",
        doc_en: "Counts cannot be negative. Only the 2019 column 本年增/减 may be negative.";
    UnitInCell => "NB313", "unit-in-cell", Warning,
        zh: "单元格中写了单位", en: "A cell contains a unit",
        doc_zh: "单位应写在表头（如“本年收费金额（单位：万元）”），单元格只填数字。修复：去掉与表头一致的单位；单位与表头不一致时（如“元”写在万元列）需换算，修复需确认。",
        doc_en: "Units belong in the header (e.g. 本年收费金额（单位：万元）); cells hold numbers. Fix: drop a unit that matches the header; a different unit (元 in a 万元 column) needs conversion (unsafe).";
    TooManyDecimals => "NB314", "too-many-decimals", Warning,
        zh: "金额的小数位过多", en: "An amount has too many decimal places",
        doc_zh: "金额以万元为单位时，4位小数已精确到元。更多小数位通常是未经取舍的计算结果。",
        doc_en: "In 万元, four decimals are already exact to the yuan. More usually means an unrounded computation.";
    NotInteger => "NB315", "not-integer", Error,
        zh: "件数不是整数", en: "A count is not a whole number",
        doc_zh: "件数、数量只能是整数。",
        doc_en: "Counts are whole numbers.";
    FeeStatement => "NB401", "fee-statement", Error,
        zh: "第六部分没有报告信息处理费情况", en: "Section 六 does not report 信息处理费",
        doc_zh: "2021年格式规定：“各行政机关依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，在此处专门报告。”未收取的，也应写明，例如“本年度未收取信息处理费。”修复（需确认）：插入该句。",
        doc_en: "The 2021 format requires section 六 to report the 信息处理费 charged; if none was charged, say so (e.g. 本年度未收取信息处理费。). Fix (unsafe): insert that sentence.";
    NarrativeMismatch => "NB402", "narrative-mismatch", Warning,
        zh: "正文中的数字与表格不一致", en: "A number in the text contradicts the tables",
        doc_zh: "正文中关于表格单元格的数字应与表格一致：收到、受理、本年新收、上年结转、办结、结转下年度的申请件数，予以公开、部分公开、不予公开、无法提供、不予处理、其他处理及其各小项的件数（表三，未写明申请人类别的比较总计列），行政复议、行政诉讼件数（表四总计；行政诉讼为未经复议直接起诉与复议后起诉之和），“均获维持”（表四不应有结果纠正或尚未审结），“未收到政府信息公开申请”“未发生……行政复议、行政诉讼”（对应单元格应为 0），现行有效规章、行政规范性文件件数（表二）。\n只比较句式明确、所指单元格为整数的表述：其他年度（“较2022年的5件”）、其他时段（季度、月份、累计）、其他单位（全市、各部门）、“其中”的分项、约数，以及带“%”“次”“条”的数字都不比较。悬停在正文数字上可查看对应的单元格。",
        doc_en: "Counts the text states about table cells must equal the cells: requests received, new, carried over, closed and carried forward, and each result (表三, the 总计 column unless an applicant type is named); reconsideration and litigation cases (表四 totals; litigation is direct plus after reconsideration); “均获维持” (no case corrected or pending in 表四); “未收到政府信息公开申请” and “未发生……行政复议、行政诉讼” (the cells are 0); rules and normative documents in force (表二).\nOnly unambiguous sentences about whole-number cells are compared: other years, periods, agencies, sub-groups after 其中, approximations and numbers with %, 次 or 条 are not. Hover on a number in the text to see its cells.";
    Placeholder => "NB403", "placeholder", Error,
        zh: "留有模板占位文字", en: "Template placeholder text is left in",
        doc_zh: "“（文字描述）”“XX”“××”等是模板占位符，发布前必须替换为实际内容。",
        doc_en: "（文字描述）, XX and ×× are template placeholders; replace them before publishing.";
    SupersededFormat => "NB404", "superseded-format", Warning,
        zh: "引用了已被取代的2019年试行格式", en: "Cites the superseded 2019 trial format",
        doc_zh: "2021年及以后的年度报告应依据国办公开办函〔2021〕30号，不再依据〔2019〕60号试行格式。",
        doc_en: "Reports for 2021 onward follow 国办公开办函〔2021〕30号, not the 2019 trial format (〔2019〕60号).";
    SignatureDate => "NB405", "signature-date", Warning,
        zh: "落款日期晚于法定期限或早于报告期结束", en: "The signature date is past the deadline or before the year ended",
        doc_zh: "《政府信息公开条例》第四十九条：县级以上人民政府部门应在每年1月31日前公布上一年度报告；县级以上地方人民政府在3月31日前公布。数据核定时间点为12月31日，落款不应早于次年1月1日。",
        doc_en: "Article 49: departments publish last year's report before 31 January; local governments before 31 March. Data are as of 31 December, so the date cannot precede 1 January of the next year.";
    DocumentNumber => "NB406", "document-number", Warning,
        zh: "文号书写有误", en: "A document number is misspelt",
        doc_zh: "格式文件的文号是“国办公开办函〔2021〕30号”和“国办公开办函〔2019〕60号”。常见错误：发文机关代字写错（“国办公开办涵”），或丢了一个括号（“国办公开办函〔202130号”）。修复：改为正确写法。",
        doc_en: "The format notices are 国办公开办函〔2021〕30号 and 国办公开办函〔2019〕60号. Common errors: a misspelt issuer (国办公开办涵) or a lost bracket (国办公开办函〔202130号). Fix: the correct number.";
    TraditionalCharacters => "NB407", "traditional-characters", Warning,
        zh: "报告使用了繁体字", en: "The report is in Traditional characters",
        doc_zh: "政府公文应使用规范汉字。繁体文本多来自镜像网站的转换，应以原始简体稿为准。",
        doc_en: "Official documents use standard Simplified characters. Traditional text usually comes from a mirror site's conversion; use the original.";
    ReportYear => "NB408", "report-year", Warning,
        zh: "无法确定报告年度", en: "The report year cannot be determined",
        doc_zh: "标题应写明报告年度，例如“XX局2024年政府信息公开工作年度报告”。没有年度时，检查器无法判断应使用哪一年的格式。",
        doc_en: "The title must state the year (…2024年政府信息公开工作年度报告). Without it the checker cannot tell which format applies.";
    OtherProcessingHigh => "NB409", "other-processing-high", Info,
        zh: "“其他处理”占比偏高", en: "A high share of 其他处理",
        doc_zh: "2019年格式说明：“其他处理”主要用于新旧条例衔接和极少数特殊情况，主管部门要关注该项数量偏高的机关。",
        doc_en: "The 2019 format's notes: 其他处理 is for rare cases; a high count draws the supervising office's attention.";
    PreambleParts => "NB410", "preamble-parts", Warning,
        zh: "前言列出的报告组成部分与格式不符", en: "The preamble's list of parts does not match the format",
        doc_zh: "不少报告在开头写明“本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分组成”。格式规定年度报告由这六个部分组成（《政府信息公开条例》第五十条）。常见错误是说“六部分”却只列出五个（漏掉行政复议、行政诉讼或其他需要报告的事项），或所说的部分数与所列不符。\n只检查写明了部分数的列举（“六部分”“五个部分”）：没有部分数的列举可能只是概述，不检查遗漏。修复：补上遗漏的部分，或改正部分数。",
        doc_en: "Many reports open with a sentence listing their parts (本报告由……等六部分组成). The format has six parts (article 50). Common errors: saying six parts but listing five (leaving out 行政复议、行政诉讼 or 其他需要报告的事项), or a count that differs from the list.\nOnly a list that states a count (六部分, 五个部分) is checked: without one the list may be a summary. Fix: add the missing part, or correct the count.";
    DateInvalid => "NB411", "date-invalid", Error,
        zh: "日期不存在或统计期限有误", en: "An impossible date or a wrong statistics period",
        doc_zh: "报告中的日期必须真实存在：年份多打了数字（“202323年”）、“13月”“2月30日”都是错误。统计期限（“本报告所列数据的统计期限为……至……”）应在报告年度之内，且结束日期不能早于开始日期。\n修复：年份是报告年度重复录入（如2023年度报告中的“202323年”）时，可安全地改为报告年度；其他情况需人工核对。",
        doc_en: "Every date must exist: a year with extra digits (202323年), 13月 or 2月30日 are errors. The statistics period (统计期限为……至……) lies within the report year and does not end before it starts.\nFix: a year that is the report year typed twice (202323年 in a 2023 report) is safely corrected to the report year; other cases need a person.";
    ObsoleteTerm => "NB412", "obsolete-term", Warning,
        zh: "正文使用了已废止的统计类别名称", en: "The text uses an obsolete category name",
        doc_zh: "2019年修订的《政府信息公开条例》施行后，此前的统计口径随原条例失效（国办公开办函〔2019〕60号）。2021年及以后的年度报告，正文仍用旧类别描述申请处理结果的，应改用表三的现行名称，例如“信息不存在”改为“本机关不掌握相关政府信息”，“申请信息不明确”改为“补正后申请内容仍不明确”，“不属于本行政机关公开”的情形计入“本机关不掌握相关政府信息”。\n只检查表格以外的正文；表格行标签由NB204检查。",
        doc_en: "Since the 2019 Regulation, the earlier statistical categories have lapsed (国办公开办函〔2019〕60号). In reports for 2021 onward, the text should describe outcomes with the current names of 表三: 信息不存在 → 本机关不掌握相关政府信息, 申请信息不明确 → 补正后申请内容仍不明确, 不属于本行政机关公开 → counted under 本机关不掌握相关政府信息.\nOnly the text outside the tables is checked; row labels are NB204's.";
    InternalError => "NB900", "internal-error", Error,
        zh: "检查器内部错误，部分检查未完成", en: "Internal error: some checks did not run",
        doc_zh: "检查器的某一组规则在这份文档上出错（这是 nianbao 的缺陷，不是报告的问题）。其他规则的结果照常给出，但这一组规则本应报告的问题可能缺失。请把文档附上报告此问题。",
        doc_en: "A family of rules failed on this document (a defect of nianbao, not of the report). The other rules' findings are given as usual, but what this family would have found may be missing. Please report it with the document.";
    DigitsRunTogether => "NB901", "digits-run-together", Error,
        zh: "数字连在一起，无法分辨各单元格", en: "Digits run together and cannot be split into cells",
        doc_zh: "从PDF或网页复制时，单元格之间的分隔可能丢失，例如“640020470”。每格一位数字时拆分是唯一的，检查器会照此读取；其他情况下检查器不会猜测拆分方式，这张表的加总检查被跳过。请按原表重新填写。",
        doc_en: "Copying from PDF or the web can lose cell separators (640020470). When every cell has one digit the split is unique and is read; otherwise the checker does not guess how to split them and skips the table's sums. Re-enter the row.";
    Garbled => "NB902", "garbled-text", Warning,
        zh: "疑似乱码", en: "Garbled characters",
        doc_zh: "“?”“�”通常是编码转换时丢失的字符（常见于空格和缩进）。请从原稿重新复制。",
        doc_en: "? and � usually stand for characters lost in an encoding conversion. Copy the text again from the original.";
    SumsNotChecked => "NB903", "sums-not-checked", Info,
        zh: "表格读取有疑问，未检查加总关系", en: "A table was read with doubt: its sums were not checked",
        doc_zh: "检查器只在确定读对了一张表时才检查它的加总关系（勾稽关系、各项之和、总计）：缺行、多出填有数字的行、一行的数值多于或少于列数、表头未能读出时，任何一个数都可能被放错了列，据此报告“加总不符”就可能是误报。此时检查器不做加总检查，只用这条提示说明原因；表格结构方面的问题仍会单独报告。\n修复：先处理提示所指的问题，加总检查随之恢复。",
        doc_en: "The checker checks a table's sums (the printed identity, the results' sum, the totals) only when it is sure it read the table right: with a row missing, a row the format lacks carrying numbers, a row with more or fewer values than columns, or an unread header, any number may sit in the wrong column, and a sum error reported from it could be false. The sums are then not checked and this hint says why; the structural findings are reported on their own.\nFix: fix what the hint names, and the sums are checked again.";
}
