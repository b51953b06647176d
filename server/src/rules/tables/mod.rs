//! NB2xx: each table is present, with the official headers and row labels, in the layout of
//! the report's year, and in one layout throughout.
//!
//! One file per check, named after its rule; where one pass over the cells decides several
//! rules, they share it (the file says which).

mod block_missing;
mod extra_cells;
mod header_order;
mod labels;
mod layout_forced;
mod layouts;
mod missing_parts;
mod table_missing;

use crate::rules::Ctx;

pub(super) fn check(ctx: &mut Ctx) {
    table_missing::check(ctx);
    labels::check(ctx);
    header_order::check(ctx);
    missing_parts::check(ctx);
    block_missing::check(ctx);
    layouts::check(ctx);
    layout_forced::check(ctx);
    extra_cells::check(ctx);
}

pub(super) fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("“{s}”"))
        .collect::<Vec<_>>()
        .join("、")
}

#[cfg(test)]
mod tests {
    pub(super) fn report(year: u32, tables: &str) -> String {
        format!(
            "某局{year}年政府信息公开工作年度报告\n\n一、总体情况\n\n正文。\n\n二、主动公开政府信息情况\n\n{tables}\n\n三、收到和处理政府信息公开申请情况\n\n四、政府信息公开行政复议、行政诉讼情况\n\n五、存在的主要问题及改进情况\n\n问题。\n\n六、其他需要报告的事项\n\n本年度未收取信息处理费。\n"
        )
    }

    pub(super) const BLOCKS_2021: &str = "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t1\t0\t3\n第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t5\n第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t0\n行政强制\t0\n第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t0";

    pub(super) const BLOCK_2019: &str = "第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n规范性文件\t1\t0\t3";
}
