//! Properties of the engine that hold for every input, however broken: it does not panic,
//! every offset it reports is inside the text and on a character boundary, and safe fixes
//! produce text that can be checked again.
//!
//! Inputs come from three generators: arbitrary Unicode; a soup of report fragments
//! (headings, table labels, separators, numbers, odd characters); and report-shaped text
//! (a title, sections in any order, table rows of labels and numbers).

use nianbao::fix::{fix_all, Policy};
use nianbao::spec::Layout;
use nianbao::{Config, Diagnostic, Span};
use proptest::prelude::*;

const HEADINGS: &[&str] = &[
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "一、工作基本情况",
    "（一）主动公开情况",
    "二、行政机关主动公开政府信息情况",
];

const LABELS: &[&str] = &[
    "信息内容",
    "本年制发件数",
    "本年废止件数",
    "本年度止件数",
    "现行有效件数",
    "本年新制作数量",
    "上一年项目数量",
    "本年增/减",
    "规章",
    "行政规范性文件",
    "第二十条第（一）项",
    "第二十条第（五）项",
    "行政许可",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "本年收费金额（单位：万元）",
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "（六）其它處理",
    "（七）总计",
    "四、结转下年度继续办理",
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "信息处理费",
    "本年度未收取信息处理费。",
    "国办公开办函〔2021〕30号",
    "国办公开办函〔2019〕60号",
    "XX局",
    "2024年1月31日",
];

const PIECES: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\t\t",
    " ",
    "　",
    "|",
    " | ",
    "| --- |",
    "|---|---|",
    "0",
    "1",
    "12",
    "305",
    "-3",
    "1.5",
    "0.005",
    "１２",
    "1 234",
    "12345678",
    "/",
    "—",
    "无",
    "-",
    "万元",
    "件",
    "正文。",
    "（",
    "）",
    "、",
    "。",
    "处理",
    "處理",
    "年度报告",
    "2023年",
    "2019年",
    "2020",
    "🎉",
    "👨‍👩‍👧",
    "e\u{301}",
    "\u{FEFF}",
    "\u{200B}",
    "\0",
    "\u{1b}[31m",
    "\u{10FFFF}",
    "\\",
    "**",
    "#",
    "> ",
];

fn config_strategy() -> impl Strategy<Value = Config> {
    prop::sample::select(vec![None, Some(Layout::Y2019), Some(Layout::Y2021)]).prop_map(|layout| {
        Config {
            layout,
            ..Config::default()
        }
    })
}

/// Any piece of the vocabulary.
fn fragment() -> impl Strategy<Value = &'static str> {
    let all: Vec<&'static str> = HEADINGS
        .iter()
        .chain(LABELS)
        .chain(PIECES)
        .copied()
        .collect();
    prop::sample::select(all)
}

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..160).prop_map(|parts| parts.concat())
}

/// One table row: a label and some cells, separated the ways drafts separate them.
fn row() -> impl Strategy<Value = String> {
    let cell = prop::sample::select(vec![
        "0", "1", "7", "12", "305", "", " ", "-2", "1.5", "/", "无", "３", "12万元",
    ]);
    let separator = prop::sample::select(vec!["\t", " ", "  ", "|", " | "]);
    (
        prop::sample::select(LABELS.to_vec()),
        prop::collection::vec(cell, 0..12),
        separator,
        any::<bool>(),
    )
        .prop_map(|(label, cells, sep, piped)| {
            let mut line = String::new();
            if piped {
                line.push('|');
            }
            line.push_str(label);
            for cell in cells {
                line.push_str(sep);
                line.push_str(cell);
            }
            if piped {
                line.push('|');
            }
            line.push('\n');
            line
        })
}

/// Text shaped like a report: optional title, then sections in any order, each with some
/// prose and table rows.
fn report_shaped() -> impl Strategy<Value = String> {
    let section = (
        prop::sample::select(HEADINGS.to_vec()),
        prop::collection::vec(row(), 0..14),
        prop::option::of(prop::sample::select(vec![
            "正文。\n",
            "本年度未收取信息处理费。\n",
        ])),
    )
        .prop_map(|(heading, rows, prose)| {
            let mut text = format!("\n{heading}\n\n");
            if let Some(prose) = prose {
                text.push_str(prose);
            }
            text.extend(rows);
            text
        });
    (
        prop::option::of(2015i32..2030),
        prop::collection::vec(section, 0..8),
        prop::option::of(fragment()),
        any::<bool>(),
    )
        .prop_map(|(year, sections, tail, crlf)| {
            let mut text = String::new();
            if let Some(year) = year {
                text.push_str(&format!("某某局{year}年政府信息公开工作年度报告\n"));
            }
            text.extend(sections);
            text.push_str(tail.unwrap_or(""));
            // Drafts saved on Windows end their lines with CRLF.
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            text
        })
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), soup(), report_shaped()]
}

fn check_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside {} bytes",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} splits a character"
    );
    Ok(())
}

fn check_diagnostics(text: &str, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    for d in diagnostics {
        let code = d.code();
        check_span(text, d.span, code)?;
        for related in &d.related {
            check_span(text, related.span, &format!("{code} related"))?;
        }
        for fix in &d.fixes {
            for edit in &fix.edits {
                check_span(text, edit.span, &format!("{code} fix edit"))?;
            }
        }
    }
    // Documented order: by position.
    for pair in diagnostics.windows(2) {
        prop_assert!(
            pair[0].span.start <= pair[1].span.start,
            "findings out of order: {:?} before {:?}",
            pair[0].span,
            pair[1].span
        );
    }
    Ok(())
}

proptest! {
    // Integration tests have no source file for proptest to keep regressions beside, so
    // failures are reported (with the minimal input) rather than persisted.
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn spans_lie_inside_the_text_on_char_boundaries(text in any_text(), config in config_strategy()) {
        let diagnostics = nianbao::check(&text, &config);
        check_diagnostics(&text, &diagnostics)?;
    }

    #[test]
    fn checking_is_deterministic(text in any_text(), config in config_strategy()) {
        prop_assert_eq!(nianbao::check(&text, &config), nianbao::check(&text, &config));
    }

    /// The fix loop `--fix` runs (`fix::fix_all`): it ends, the text it leaves checks with
    /// spans inside it, and running it again changes nothing.
    #[test]
    fn safe_fixes_yield_text_that_checks_cleanly(text in any_text(), config in config_strategy()) {
        let fixed = fix_all(&text, &config, Policy::Safe);
        prop_assert!(fixed.passes <= nianbao::fix::FIX_PASSES);
        if fixed.applied == 0 {
            prop_assert_eq!(&fixed.text, &text);
        }
        check_diagnostics(&fixed.text, &fixed.analysis.diagnostics)?;
        if fixed.passes < nianbao::fix::FIX_PASSES {
            let again = fix_all(&fixed.text, &config, Policy::Safe);
            prop_assert_eq!(again.applied, 0);
            prop_assert_eq!(&again.text, &fixed.text);
        }
    }
}

/// Inputs that once broke a reader, or that sit at the edges of one: kept as plain cases
/// so they are tried on every run, not only when the generators happen upon them.
#[test]
fn edge_cases_keep_spans_inside_the_text() {
    let cases = [
        "",
        "\r",
        "\n",
        "\r\n\r\n",
        "\u{FEFF}",
        "二、主动公开政府信息情况\r\n",
        "二、主动公开政府信息情况\r",
        "某某局2023年政府信息公开工作年度报告\r\n一、总体情况\r\n",
        "规章\t\t\r\n",
        "|规章|1|2|\r\n",
        "（七）总计\t１２\t—\t\r",
        "一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
    ];
    for text in cases {
        for layout in [None, Some(Layout::Y2019), Some(Layout::Y2021)] {
            let config = Config {
                layout,
                ..Config::default()
            };
            let diagnostics = nianbao::check(text, &config);
            if let Err(e) = check_diagnostics(text, &diagnostics) {
                panic!("{text:?} with {layout:?}: {e}");
            }
            let fixed = fix_all(text, &config, Policy::Safe).text;
            let again = nianbao::check(&fixed, &config);
            if let Err(e) = check_diagnostics(&fixed, &again) {
                panic!("{text:?} fixed to {fixed:?} with {layout:?}: {e}");
            }
        }
    }
}

/// The vocabulary generators must produce what they claim, or the properties above
/// would quietly test less than they say.
#[test]
fn generators_produce_report_shaped_text() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let mut headings = 0;
    let mut tabs = 0;
    let mut crlf = 0;
    for _ in 0..64 {
        let text = report_shaped().new_tree(&mut runner).unwrap().current();
        headings += usize::from(HEADINGS.iter().any(|h| text.contains(h)));
        tabs += usize::from(text.contains('\t') || text.contains('|'));
        crlf += usize::from(text.contains("\r\n"));
    }
    assert!(headings > 16, "{headings} of 64 have a heading");
    assert!(tabs > 16, "{tabs} of 64 have table separators");
    assert!(crlf > 8, "{crlf} of 64 have CRLF line ends");
}

/// The clean 2023 draft with its tables written as labels and numbers separated by spaces, as
/// the lines of the text: (line, whether it is a table row).
fn spaced_draft() -> Vec<(String, bool)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/corpus/clean/2023-format2021-tab.txt"
    ))
    .unwrap();
    text.lines()
        .map(|l| {
            if l.contains('\t') {
                (
                    l.split('\t')
                        .filter(|c| !c.is_empty())
                        .collect::<Vec<_>>()
                        .join(" "),
                    true,
                )
            } else {
                (l.to_string(), false)
            }
        })
        .collect()
}

/// Every data cell the reader finds, by table, row and column: (row label, values).
fn read_cells(text: &str) -> Vec<(String, Vec<Option<i64>>)> {
    let report = nianbao::parse::read(text, None);
    let mut out = Vec::new();
    if let Some(t) = &report.proactive {
        for b in &t.blocks {
            for r in &b.rows {
                out.push((
                    format!("{}/{}", b.item, r.label.official),
                    r.values.iter().map(|v| v.integer()).collect(),
                ));
            }
        }
    }
    if let Some(t) = &report.applications {
        for r in &t.rows {
            out.push((
                r.label.official.to_string(),
                r.values.iter().map(|v| v.integer()).collect(),
            ));
        }
    }
    if let Some(t) = &report.reviews {
        out.push((
            "表四".to_string(),
            t.values.iter().map(|v| v.integer()).collect(),
        ));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Table rows written with spaces, some run onto one line (a copy that lost line breaks
    /// between rows): every cell reads as in the draft with all its breaks.
    #[test]
    fn line_breaks_between_table_rows_never_change_a_cell(joins in prop::collection::vec(any::<bool>(), 120)) {
        let lines = spaced_draft();
        let whole: String = lines.iter().map(|(l, _)| format!("{l}\n")).collect();
        let mut joined = String::new();
        for (k, (line, is_row)) in lines.iter().enumerate() {
            joined.push_str(line);
            let next_is_row = lines.get(k + 1).is_some_and(|(_, r)| *r);
            let join = *is_row && next_is_row && joins.get(k).copied().unwrap_or(false);
            joined.push(if join { ' ' } else { '\n' });
        }
        let expected = read_cells(&whole);
        prop_assert!(expected.len() > 30, "the spaced draft is read: {} rows", expected.len());
        prop_assert_eq!(read_cells(&joined), expected, "{}", joined);
    }
}
