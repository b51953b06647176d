//! A web page (a published report, saved or crawled) as the text of its body: each block
//! one line, each data table as its grid of cells with `rowspan`/`colspan` expanded, and
//! the site's chrome — navigation, scripts, styles, forms' controls, hidden elements —
//! left out. Parsed by html5ever as a browser parses, so unclosed cells and stray tags
//! end up where a browser puts them.

use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use super::extract::{is_wide, Builder, Places};

/// Elements whose content is never part of the report.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "aside", "iframe", "object", "embed",
    "svg", "canvas", "select", "button", "textarea", "map", "audio", "video",
];

/// Page chrome when outside the page's `article`/`main`; an article's own header holds its
/// title.
const CHROME_OUTSIDE_CONTENT: &[&str] = &["header", "footer"];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Nesting past this depth is read as plain text without structure: recursion stays
/// bounded whatever the page.
const MAX_DEPTH: usize = 200;

/// Largest `colspan` honoured (HTML's own limit is 1000); larger is a page error that would
/// only pad rows with empty cells.
pub(crate) const MAX_COLSPAN: usize = 100;

/// The page's text and the places of its paragraphs and table cells.
pub fn extract(html: &str) -> (String, Places) {
    let dom = parse_document(RcDom::default(), ParseOpts::default())
        .from_utf8()
        .one(html.as_bytes());
    let mut walker = Walker::default();
    walker.walk(&dom.document, 0, false);
    walker.flush();
    walker.builder.finish()
}

/// Text gathered into lines, white space collapsed as a browser shows it.
#[derive(Debug, Default)]
struct Lines {
    done: Vec<String>,
    line: String,
    /// White space seen since the last character; `true` when it held a line break.
    pending: Option<bool>,
}

impl Lines {
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                let newline = c == '\n' || c == '\r';
                self.pending = Some(self.pending.unwrap_or(false) || newline);
                continue;
            }
            if let Some(newline) = self.pending.take() {
                // A line break in the source between two Chinese characters is no space
                // (as CSS says for East Asian text); other white space is one space.
                let joined = newline && self.line.chars().last().is_some_and(is_wide) && is_wide(c);
                if !self.line.is_empty() && !joined {
                    self.line.push(' ');
                }
            }
            self.line.push(c);
        }
    }

    fn break_line(&mut self) {
        self.pending = None;
        let line = std::mem::take(&mut self.line);
        let line = line.trim();
        if !line.is_empty() {
            self.done.push(line.to_string());
        }
    }

    fn take(&mut self) -> Vec<String> {
        self.break_line();
        std::mem::take(&mut self.done)
    }
}

#[derive(Debug, Default)]
struct Walker {
    builder: Builder,
    lines: Lines,
}

impl Walker {
    /// Moves the finished lines into the text as paragraphs.
    fn flush(&mut self) {
        for line in self.lines.take() {
            self.builder.paragraph(&line);
        }
    }

    fn walk(&mut self, node: &Handle, depth: usize, in_content: bool) {
        if depth > MAX_DEPTH {
            self.lines.text(&flat_text(node));
            return;
        }
        let tag = match &node.data {
            NodeData::Text { contents } => {
                self.lines.text(&contents.borrow());
                return;
            }
            NodeData::Element { name, .. } => name.local.to_string().to_ascii_lowercase(),
            NodeData::Document => String::new(),
            _ => return,
        };
        if skipped(node, &tag, in_content) {
            return;
        }
        match tag.as_str() {
            "br" => return self.lines.break_line(),
            "table" if !has_descendant(node, "table") => {
                self.flush();
                self.table(node);
                return;
            }
            _ => {}
        }
        let block = BLOCKS.contains(&tag.as_str());
        if block {
            self.lines.break_line();
        }
        let in_content = in_content || tag == "article" || tag == "main";
        for child in node.children.borrow().iter() {
            self.walk(child, depth + 1, in_content);
        }
        if block {
            self.lines.break_line();
        }
    }

    /// A data table (one with no table inside: an outer one only lays out the page): its
    /// caption as a paragraph, then its grid.
    fn table(&mut self, table: &Handle) {
        let mut rows: Vec<Vec<Spanned>> = Vec::new();
        for child in element_children(table) {
            match tag_of(&child).as_deref() {
                Some("caption") => {
                    for line in cell_lines(&child) {
                        self.builder.paragraph(&line);
                    }
                }
                // A hidden row (Word's "Save as web page" adds one to fix column widths)
                // is no row of the table.
                Some("tr") if !is_hidden(&child) => rows.push(row_cells(&child)),
                Some("thead" | "tbody" | "tfoot") => {
                    for row in element_children(&child) {
                        if tag_of(&row).as_deref() == Some("tr") && !is_hidden(&row) {
                            rows.push(row_cells(&row));
                        }
                    }
                }
                _ => {}
            }
        }
        self.builder.table(&expand(&rows));
    }
}

/// A cell as the page gives it: its text (lines joined later) and how far it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Spanned {
    text: String,
    colspan: usize,
    rowspan: usize,
}

fn row_cells(row: &Handle) -> Vec<Spanned> {
    element_children(row)
        .filter(|c| matches!(tag_of(c).as_deref(), Some("td" | "th")))
        .filter(|c| !is_hidden(c))
        .map(|cell| Spanned {
            text: cell_lines(&cell).join("\n"),
            colspan: span_attr(&cell, "colspan").clamp(1, MAX_COLSPAN),
            // 0 means "to the end of the table", which `expand` clamps to.
            rowspan: span_attr(&cell, "rowspan"),
        })
        .collect()
}

/// The lines of a cell (or a caption): `<br>` and blocks inside it break lines.
fn cell_lines(cell: &Handle) -> Vec<String> {
    let mut walker = Walker::default();
    for child in cell.children.borrow().iter() {
        walker.walk_cell(child, 0);
    }
    walker.lines.take()
}

impl Walker {
    /// Inside a cell: text and line breaks only (a table nested in a cell is its text).
    fn walk_cell(&mut self, node: &Handle, depth: usize) {
        if depth > MAX_DEPTH {
            self.lines.text(&flat_text(node));
            return;
        }
        let tag = match &node.data {
            NodeData::Text { contents } => return self.lines.text(&contents.borrow()),
            NodeData::Element { name, .. } => name.local.to_string().to_ascii_lowercase(),
            _ => return,
        };
        if skipped(node, &tag, true) {
            return;
        }
        if tag == "br" {
            return self.lines.break_line();
        }
        let block = BLOCKS.contains(&tag.as_str());
        if block {
            self.lines.break_line();
        }
        for child in node.children.borrow().iter() {
            self.walk_cell(child, depth + 1);
        }
        if block {
            self.lines.break_line();
        }
    }
}

/// Grid positions a table's spans may fill beyond one per cell. A report's largest table
/// has a few hundred; a page whose every cell spans a thousand rows would otherwise take
/// a long time to expand into nothing useful.
const MAX_SPANNED: usize = 100_000;

/// The grid of a table: each cell's text at its top-left position, the positions it covers
/// empty, as the rows of a tab-separated draft hold a merged header.
fn expand(rows: &[Vec<Spanned>]) -> Vec<Vec<String>> {
    let mut grid: Vec<Vec<Option<String>>> = vec![Vec::new(); rows.len()];
    let mut budget = MAX_SPANNED;
    for (r, row) in rows.iter().enumerate() {
        let mut column = 0;
        for cell in row {
            while grid[r].get(column).is_some_and(Option::is_some) {
                column += 1;
            }
            let last_row = match cell.rowspan {
                0 => rows.len(),
                n => (r + n).min(rows.len()),
            };
            let area = (last_row - r) * cell.colspan;
            let (last_row, colspan) = if area <= budget {
                budget -= area;
                (last_row, cell.colspan)
            } else {
                (r + 1, 1)
            };
            let cell = &Spanned {
                text: cell.text.clone(),
                colspan,
                rowspan: last_row - r,
            };
            for (dr, grid_row) in grid[r..last_row].iter_mut().enumerate() {
                for dc in 0..cell.colspan {
                    let at = column + dc;
                    if grid_row.len() <= at {
                        grid_row.resize(at + 1, None);
                    }
                    // A page whose spans overlap keeps the first cell that claimed a place.
                    if grid_row[at].is_none() {
                        let text = if dr == 0 && dc == 0 {
                            cell.text.clone()
                        } else {
                            String::new()
                        };
                        grid_row[at] = Some(text);
                    }
                }
            }
            column += cell.colspan;
        }
    }
    grid.into_iter()
        .map(|row| row.into_iter().map(Option::unwrap_or_default).collect())
        .collect()
}

fn skipped(node: &Handle, tag: &str, in_content: bool) -> bool {
    SKIPPED.contains(&tag)
        || (!in_content && CHROME_OUTSIDE_CONTENT.contains(&tag))
        || is_hidden(node)
}

/// `hidden`, `aria-hidden="true"` or an inline `display:none`.
fn is_hidden(node: &Handle) -> bool {
    let NodeData::Element { attrs, .. } = &node.data else {
        return false;
    };
    attrs.borrow().iter().any(|a| match &*a.name.local {
        "hidden" => true,
        "aria-hidden" => a.value.trim().eq_ignore_ascii_case("true"),
        "style" => {
            let style: String = a
                .value
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        }
        _ => false,
    })
}

fn span_attr(node: &Handle, name: &str) -> usize {
    let NodeData::Element { attrs, .. } = &node.data else {
        return 1;
    };
    attrs
        .borrow()
        .iter()
        .find(|a| &*a.name.local == name)
        .and_then(|a| {
            let digits: String = a
                .value
                .trim()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse::<usize>().ok()
        })
        .unwrap_or(1)
}

fn tag_of(node: &Handle) -> Option<String> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.to_string().to_ascii_lowercase()),
        _ => None,
    }
}

fn element_children(node: &Handle) -> impl Iterator<Item = Handle> {
    let children: Vec<Handle> = node
        .children
        .borrow()
        .iter()
        .filter(|c| matches!(c.data, NodeData::Element { .. }))
        .cloned()
        .collect();
    children.into_iter()
}

/// Whether an element holds a `tag` element anywhere below it (iteratively: pages nest deep).
fn has_descendant(node: &Handle, tag: &str) -> bool {
    let mut stack: Vec<Handle> = node.children.borrow().iter().cloned().collect();
    while let Some(n) = stack.pop() {
        if tag_of(&n).as_deref() == Some(tag) {
            return true;
        }
        stack.extend(n.children.borrow().iter().cloned());
    }
    false
}

/// All the text under a node, iteratively, for content nested beyond `MAX_DEPTH`.
fn flat_text(node: &Handle) -> String {
    let mut out = String::new();
    let mut stack = vec![node.clone()];
    while let Some(n) = stack.pop() {
        match &n.data {
            NodeData::Text { contents } => {
                out.push_str(&contents.borrow());
                out.push(' ');
            }
            NodeData::Element { name, .. } if SKIPPED.contains(&&*name.local) => continue,
            _ => {}
        }
        stack.extend(n.children.borrow().iter().rev().cloned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Place;

    #[test]
    fn body_text_without_chrome() {
        let page = r#"<!DOCTYPE html><html><head><title>站点</title><style>p{}</style></head>
<body><header><a href="/">首页</a></header><nav><ul><li>栏目</li></ul></nav>
<div class="content"><h1>某局2023年政府信息公开工作年度报告</h1>
<p>本机关认真
贯彻落实条例。</p><p>第一行<br>第二行</p><script>var x = "一、总体情况";</script>
<div style="display: none">隐藏</div></div>
<footer>版权所有</footer></body></html>"#;
        let (text, places) = extract(page);
        assert_eq!(
            text,
            "某局2023年政府信息公开工作年度报告\n本机关认真贯彻落实条例。\n第一行\n第二行\n"
        );
        assert_eq!(
            places.at(text.find("第二行").unwrap()).unwrap().place,
            Place::Paragraph { paragraph: 4 }
        );
    }

    #[test]
    fn rowspan_and_colspan_put_header_cells_where_the_reader_expects() {
        let page = "<table><tr><td rowspan=2 colspan=2>说明</td><td colspan=3>申请人情况</td></tr>\
            <tr><td>自然人</td><td>法人<br>或其他组织</td><td>总计</td></tr>\
            <tr><td>一、本年新收</td><td></td><td>1<td>2<td>3</table>";
        let (text, places) = extract(page);
        assert_eq!(
            text,
            "说明\t\t申请人情况\t\t\n\t\t自然人\t法人或其他组织\t总计\n一、本年新收\t\t1\t2\t3\n"
        );
        assert_eq!(
            places.at(text.find("法人").unwrap()).unwrap().place,
            Place::Cell {
                table: 1,
                row: 2,
                column: 4
            }
        );
    }

    #[test]
    fn a_layout_table_is_walked_for_the_data_tables_inside() {
        let page = "<table><tr><td><p>标题</p><table><tr><td>a</td><td>1</td></tr></table>\
            <p>结尾</p></td></tr></table>";
        let (text, _) = extract(page);
        assert_eq!(text, "标题\na\t1\n结尾\n");
    }

    #[test]
    fn hidden_rows_and_gbk_pages() {
        let page = "<table><tr><td>信息内容</td><td>本年制发件数</td></tr>\
            <tr style='display:none'><td width=80></td><td width=90></td></tr>\
            <tr><td>规章</td><td>0</td></tr></table>";
        assert_eq!(extract(page).0, "信息内容\t本年制发件数\n规章\t0\n");
        let page = "<html><head><meta charset=gb2312></head><body><p>某局2023年政府信息公开工作年度报告</p>\
            <p>一、总体情况</p><p>本机关认真贯彻落实《中华人民共和国政府信息公开条例》。</p></body></html>";
        let bytes = encoding_rs::GBK.encode(page).0;
        let document = crate::input::read(
            &bytes,
            Some(std::path::Path::new("a.htm")),
            crate::input::Options::default(),
        )
        .unwrap();
        assert_eq!(document.kind, crate::input::Kind::Html);
        assert!(document
            .text
            .starts_with("某局2023年政府信息公开工作年度报告\n"));
        assert_eq!(document.encoding.unwrap().name(), "GBK");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Whatever the markup, extraction ends, and every place is a piece of the text on
        /// character boundaries, in order.
        #[test]
        fn any_markup_extracts_with_places_inside_the_text(
            page in "(<(/?)(table|tr|td|th|p|br|div|script|nav|caption|tbody|header|article)( rowspan=\"[0-9]{1,3}\"| colspan=\"[0-9]{1,5}\"| hidden)?>|[一二三a-z0-9 \t\n&;]){0,120}"
        ) {
            let (text, places) = extract(&page);
            let mut last = 0;
            for segment in places.segments() {
                proptest::prop_assert!(segment.start >= last && segment.start <= segment.end);
                proptest::prop_assert!(segment.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(segment.start));
                proptest::prop_assert!(text.is_char_boundary(segment.end));
                last = segment.start;
            }
        }
    }

    #[test]
    fn odd_pages_do_not_panic() {
        let deep = "<div>".repeat(5000) + "文字" + &"</div>".repeat(5000);
        assert!(extract(&deep).0.contains("文字"));
        let spans = "<table><tr><td rowspan=0 colspan=99999>x</td><td rowspan=-1>y</td></tr><tr></tr></table>";
        assert!(extract(spans).0.starts_with('x'));
        let row = "<tr><td rowspan=1000 colspan=100>x</td></tr>".repeat(1000);
        let started = std::time::Instant::now();
        assert!(extract(&format!("<table>{row}</table>")).0.starts_with('x'));
        assert!(started.elapsed().as_secs() < 20, "spans are bounded");
        assert_eq!(extract("").0, "");
        assert_eq!(extract("<table></table>").0, "");
    }
}
