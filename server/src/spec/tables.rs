//! The three groups of tables: 表二 (主动公开), 表三 (申请), 表四 (复议、诉讼).

use super::Layout;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableKind {
    /// Section 二: items of article 20.
    Proactive,
    /// Section 三: requests received and handled.
    Applications,
    /// Section 四: administrative reconsideration and litigation.
    Reviews,
}

impl TableKind {
    pub fn name_zh(self) -> &'static str {
        match self {
            TableKind::Proactive => "主动公开情况表",
            TableKind::Applications => "收到和处理政府信息公开申请情况表",
            TableKind::Reviews => "行政复议、行政诉讼情况表",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            TableKind::Proactive => "the proactive-disclosure table",
            TableKind::Applications => "the requests table",
            TableKind::Reviews => "the reconsideration and litigation table",
        }
    }

    /// The section (1–6) that holds this table.
    pub fn section_number(self) -> u8 {
        match self {
            TableKind::Proactive => 2,
            TableKind::Applications => 3,
            TableKind::Reviews => 4,
        }
    }
}

/// What a data cell may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A non-negative whole number (件, 项).
    Count,
    /// A whole number that may be negative (2019 `本年增/减`).
    SignedCount,
    /// A non-negative amount of money, possibly with decimals. `unit` is the unit printed in
    /// the header, if any.
    Amount { unit: Option<&'static str> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    pub header: &'static str,
    pub kind: ValueKind,
}

const fn count(header: &'static str) -> ColumnSpec {
    ColumnSpec {
        header,
        kind: ValueKind::Count,
    }
}

/// One block of 表二: `第二十条第（X）项`, its column headers and its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockSpec {
    /// The item numeral inside `第二十条第（X）项`.
    pub item: &'static str,
    pub columns: &'static [ColumnSpec],
    pub rows: &'static [&'static str],
}

impl BlockSpec {
    pub fn title(&self) -> String {
        block_title(self.item)
    }
}

/// The article of the Regulations whose items 表二's blocks report on.
pub const BLOCK_ARTICLE: &str = "第二十条";

/// The title row of a 表二 block: `第二十条第（X）项`.
pub fn block_title(item: &str) -> String {
    format!("{BLOCK_ARTICLE}第（{item}）项")
}

/// Every label a table of either format may hold: 表二's block titles' start, headers and
/// rows, 表三's rows and headers, 表四's headers.
pub fn table_labels() -> Vec<&'static str> {
    let mut labels = vec![BLOCK_ARTICLE, BLOCK_ROW_HEADER];
    for layout in Layout::ALL {
        for block in proactive_blocks(layout) {
            labels.extend(block.columns.iter().map(|c| c.header));
            labels.extend(block.rows.iter().copied());
        }
        labels.extend(application_rows(layout).iter().map(|r| r.label));
    }
    labels.extend(application_header_cells());
    labels.extend(review_header_cells());
    labels.sort_unstable();
    labels.dedup();
    labels
}

/// The 2019 column of a change over the year, the one column whose values may be negative.
pub const CHANGE_COLUMN_2019: &str = "本年增/减";

/// The first header cell of every 表二 block.
pub const BLOCK_ROW_HEADER: &str = "信息内容";

pub const PROACTIVE_2019: &[BlockSpec] = &[
    BlockSpec {
        item: "一",
        columns: &[
            count("本年新制作数量"),
            count("本年新公开数量"),
            count("对外公开总数量"),
        ],
        rows: &["规章", "规范性文件"],
    },
    BlockSpec {
        item: "五",
        columns: &[
            count("上一年项目数量"),
            ColumnSpec {
                header: CHANGE_COLUMN_2019,
                kind: ValueKind::SignedCount,
            },
            count("处理决定数量"),
        ],
        rows: &["行政许可", "其他对外管理服务事项"],
    },
    BlockSpec {
        item: "六",
        columns: &[
            count("上一年项目数量"),
            ColumnSpec {
                header: CHANGE_COLUMN_2019,
                kind: ValueKind::SignedCount,
            },
            count("处理决定数量"),
        ],
        rows: &["行政处罚", "行政强制"],
    },
    BlockSpec {
        item: "八",
        columns: &[
            count("上一年项目数量"),
            ColumnSpec {
                header: CHANGE_COLUMN_2019,
                kind: ValueKind::SignedCount,
            },
        ],
        rows: &["行政事业性收费"],
    },
    BlockSpec {
        item: "九",
        columns: &[
            count("采购项目数量"),
            ColumnSpec {
                header: "采购总金额",
                kind: ValueKind::Amount { unit: None },
            },
        ],
        rows: &["政府集中采购"],
    },
];

pub const PROACTIVE_2021: &[BlockSpec] = &[
    BlockSpec {
        item: "一",
        columns: &[
            count("本年制发件数"),
            count("本年废止件数"),
            count("现行有效件数"),
        ],
        rows: &["规章", "行政规范性文件"],
    },
    BlockSpec {
        item: "五",
        columns: &[count("本年处理决定数量")],
        rows: &["行政许可"],
    },
    BlockSpec {
        item: "六",
        columns: &[count("本年处理决定数量")],
        rows: &["行政处罚", "行政强制"],
    },
    BlockSpec {
        item: "八",
        columns: &[ColumnSpec {
            header: "本年收费金额（单位：万元）",
            kind: ValueKind::Amount {
                unit: Some("万元")
            },
        }],
        rows: &["行政事业性收费"],
    },
];

pub fn proactive_blocks(layout: Layout) -> &'static [BlockSpec] {
    match layout {
        Layout::Y2019 => PROACTIVE_2019,
        Layout::Y2021 => PROACTIVE_2021,
    }
}

/// Decimal places beyond which an amount in 万元 is flagged (4 places = exact to the yuan).
pub const AMOUNT_MAX_DECIMALS: usize = 4;

// ---------------------------------------------------------------------------------------------
// 表三

/// The note printed in the top-left cell of 表三: the only identity the format prints.
pub const APPLICATIONS_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// The data columns of 表三, in order. The last is the row total.
pub const APPLICANT_COLUMNS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

/// Index of the 总计 column in [`APPLICANT_COLUMNS`].
pub const APPLICANT_TOTAL_COLUMN: usize = 6;

/// Header cells of 表三 that group columns (they hold no data).
pub const APPLICANT_GROUP_HEADERS: [&str; 2] = ["申请人情况", "法人或其他组织"];

/// What a row of 表三 means in the identities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowRole {
    /// 一、本年新收
    Received,
    /// 二、上年结转
    CarriedIn,
    /// A leaf under 三、本年度办理结果.
    Result,
    /// （七）总计
    ResultsTotal,
    /// 四、结转下年度继续办理
    CarriedOut,
    /// A row-group label with no data (三、本年度办理结果, （三）不予公开 …).
    Group,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowSpec {
    pub label: &'static str,
    pub role: RowRole,
    /// The group label this row sits under (e.g. `（三）不予公开` for `1.属于国家秘密`).
    pub parent: Option<&'static str>,
}

impl RowSpec {
    pub fn is_data(&self) -> bool {
        self.role != RowRole::Group
    }
}

const fn row(label: &'static str, role: RowRole, parent: Option<&'static str>) -> RowSpec {
    RowSpec {
        label,
        role,
        parent,
    }
}

const RESULTS: &str = "三、本年度办理结果";
/// The row group of the results withheld (不予公开), whose rows the text often sums up.
pub const WITHHELD: &str = "（三）不予公开";
/// The row that totals the results, per column.
pub const RESULTS_TOTAL: &str = "（七）总计";
const UNAVAILABLE: &str = "（四）无法提供";
const NOT_PROCESSED: &str = "（五）不予处理";
const OTHER: &str = "（六）其他处理";
/// The row of the requests carried into next year.
pub const CARRIED_OUT: &str = "四、结转下年度继续办理";

macro_rules! application_rows {
    ($($other:expr),* ; $other_role:expr) => {
        &[
            row("一、本年新收政府信息公开申请数量", RowRole::Received, None),
            row("二、上年结转政府信息公开申请数量", RowRole::CarriedIn, None),
            row(RESULTS, RowRole::Group, None),
            row("（一）予以公开", RowRole::Result, Some(RESULTS)),
            row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", RowRole::Result, Some(RESULTS)),
            row(WITHHELD, RowRole::Group, Some(RESULTS)),
            row("1.属于国家秘密", RowRole::Result, Some(WITHHELD)),
            row("2.其他法律行政法规禁止公开", RowRole::Result, Some(WITHHELD)),
            row("3.危及“三安全一稳定”", RowRole::Result, Some(WITHHELD)),
            row("4.保护第三方合法权益", RowRole::Result, Some(WITHHELD)),
            row("5.属于三类内部事务信息", RowRole::Result, Some(WITHHELD)),
            row("6.属于四类过程性信息", RowRole::Result, Some(WITHHELD)),
            row("7.属于行政执法案卷", RowRole::Result, Some(WITHHELD)),
            row("8.属于行政查询事项", RowRole::Result, Some(WITHHELD)),
            row(UNAVAILABLE, RowRole::Group, Some(RESULTS)),
            row("1.本机关不掌握相关政府信息", RowRole::Result, Some(UNAVAILABLE)),
            row("2.没有现成信息需要另行制作", RowRole::Result, Some(UNAVAILABLE)),
            row("3.补正后申请内容仍不明确", RowRole::Result, Some(UNAVAILABLE)),
            row(NOT_PROCESSED, RowRole::Group, Some(RESULTS)),
            row("1.信访举报投诉类申请", RowRole::Result, Some(NOT_PROCESSED)),
            row("2.重复申请", RowRole::Result, Some(NOT_PROCESSED)),
            row("3.要求提供公开出版物", RowRole::Result, Some(NOT_PROCESSED)),
            row("4.无正当理由大量反复申请", RowRole::Result, Some(NOT_PROCESSED)),
            row("5.要求行政机关确认或重新出具已获取信息", RowRole::Result, Some(NOT_PROCESSED)),
            row(OTHER, $other_role, Some(RESULTS)),
            $($other,)*
            row(RESULTS_TOTAL, RowRole::ResultsTotal, Some(RESULTS)),
            row(CARRIED_OUT, RowRole::CarriedOut, None),
        ]
    };
}

/// 2019: （六）其他处理 is one data row.
pub const APPLICATION_ROWS_2019: &[RowSpec] = application_rows!(; RowRole::Result);

/// 2021: （六）其他处理 groups three data rows.
pub const APPLICATION_ROWS_2021: &[RowSpec] = application_rows!(
    row("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", RowRole::Result, Some(OTHER)),
    row("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", RowRole::Result, Some(OTHER)),
    row("3.其他", RowRole::Result, Some(OTHER));
    RowRole::Group
);

pub fn application_rows(layout: Layout) -> &'static [RowSpec] {
    match layout {
        Layout::Y2019 => APPLICATION_ROWS_2019,
        Layout::Y2021 => APPLICATION_ROWS_2021,
    }
}

/// The row group the 2019 notes single out (“其他处理”数量偏高).
pub const OTHER_PROCESSING_GROUP: &str = OTHER;

/// Every header cell of 表三 (same in both formats), in template reading order.
pub fn application_header_cells() -> Vec<&'static str> {
    let mut cells = vec![
        APPLICATIONS_NOTE,
        APPLICANT_GROUP_HEADERS[0],
        APPLICANT_COLUMNS[0],
    ];
    cells.push(APPLICANT_GROUP_HEADERS[1]);
    cells.push(APPLICANT_COLUMNS[APPLICANT_TOTAL_COLUMN]);
    cells.extend_from_slice(&APPLICANT_COLUMNS[1..APPLICANT_TOTAL_COLUMN]);
    cells
}

// ---------------------------------------------------------------------------------------------
// 表四 (identical in both formats)

/// The three groups of 表四 and the header cell that names each.
pub const REVIEW_GROUPS: [&str; 3] = ["行政复议", "未经复议直接起诉", "复议后起诉"];

/// What findings call 表四's one data row.
pub const REVIEW_ROW_NAME: &str = "行政复议、行政诉讼";

/// The header that spans the two litigation groups.
pub const LITIGATION_HEADER: &str = "行政诉讼";

/// The five columns of each group; the last is the group total.
pub const REVIEW_OUTCOMES: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// The data row of 表四 has one value per (group, outcome).
pub const REVIEW_VALUE_COUNT: usize = REVIEW_GROUPS.len() * REVIEW_OUTCOMES.len();

/// Every header cell of 表四, in template reading order.
pub fn review_header_cells() -> Vec<&'static str> {
    let mut cells = vec![REVIEW_GROUPS[0], LITIGATION_HEADER];
    cells.extend_from_slice(&REVIEW_OUTCOMES);
    cells.extend_from_slice(&REVIEW_GROUPS[1..]);
    for _ in 1..REVIEW_GROUPS.len() {
        cells.extend_from_slice(&REVIEW_OUTCOMES);
    }
    cells
}

// ---------------------------------------------------------------------------------------------
// Identities (FORMAT §6)

/// The arithmetic identities between cells, for documentation and hover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identity {
    /// For each column of 表三: 一 + 二 = （七）总计 + 四. Printed in the format.
    ColumnBalance,
    /// For each column of 表三: （七）总计 = the sum of the result leaves.
    ResultsSum,
    /// For each row of 表三: 总计 = the sum of the six applicant columns.
    RowSum,
    /// For each group of 表四: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
    ReviewSum,
}

impl Identity {
    pub fn describe_zh(self) -> &'static str {
        match self {
            Identity::ColumnBalance => {
                "本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理（每一列）"
            }
            Identity::ResultsSum => "（七）总计 = （一）至（六）各项办理结果之和（每一列）",
            Identity::RowSum => {
                "总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他（每一行）"
            }
            Identity::ReviewSum => "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结（每一组）",
        }
    }

    pub fn describe_en(self) -> &'static str {
        match self {
            Identity::ColumnBalance => {
                "received + carried in = （七）总计 + carried out (each column)"
            }
            Identity::ResultsSum => "（七）总计 = sum of the results （一）–（六） (each column)",
            Identity::RowSum => "总计 = sum of the six applicant columns (each row)",
            Identity::ReviewSum => "总计 = upheld + corrected + other + pending (each group)",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_counts_match_the_format() {
        let data = |rows: &[RowSpec]| rows.iter().filter(|r| r.is_data()).count();
        // FORMAT §4.2: 2021 = 25 data rows, 2019 = 23.
        assert_eq!(data(APPLICATION_ROWS_2021), 25);
        assert_eq!(data(APPLICATION_ROWS_2019), 23);
        assert_eq!(REVIEW_VALUE_COUNT, 15);
        assert_eq!(review_header_cells().len(), 19);
        assert_eq!(application_header_cells().len(), 10);
    }

    #[test]
    fn blocks_match_the_format() {
        let items = |b: &[BlockSpec]| b.iter().map(|b| b.item).collect::<Vec<_>>();
        assert_eq!(items(PROACTIVE_2019), ["一", "五", "六", "八", "九"]);
        assert_eq!(items(PROACTIVE_2021), ["一", "五", "六", "八"]);
        assert_eq!(PROACTIVE_2021[0].title(), "第二十条第（一）项");
    }
}
