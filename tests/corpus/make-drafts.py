#!/usr/bin/env python3
"""Writes the synthetic drafts of tests/corpus: clean reports in both formats and both table
styles, drafts with one planted error each (named after the rule that must find it), the clean
2023 draft in the layout variants of real drafts (variants/), and the clean tab drafts and the
planted table errors in the layouts real reports reach the checker in (layouts/).

    python3 tests/corpus/make-drafts.py

The drafts are committed; rerun this only to change them (it is deterministic: a rerun
reproduces the committed files byte for byte), then review the snapshot diffs.
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))

PREAMBLE = "根据《中华人民共和国政府信息公开条例》规定，现公布本机关{year}年度政府信息公开工作年度报告。"

ONE = ("{year}年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请{received}件，"
       "均按期答复。主动公开政府信息{published}条，政府信息公开平台运行平稳，监督保障制度健全。")
FIVE = "主要问题是政策解读形式较为单一。下一步将丰富解读形式，提高政策解读质量。"
SIX_2021 = "本年度未收取信息处理费。"
SIX_2019 = "无。"

APPLICANTS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

ROWS_COMMON = [
    ("一、本年新收政府信息公开申请数量", None, None),
    ("二、上年结转政府信息公开申请数量", None, None),
    ("（一）予以公开", "三、本年度办理结果", None),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, None),
    ("1.属于国家秘密", None, "（三）不予公开"),
    ("2.其他法律行政法规禁止公开", None, None),
    ("3.危及“三安全一稳定”", None, None),
    ("4.保护第三方合法权益", None, None),
    ("5.属于三类内部事务信息", None, None),
    ("6.属于四类过程性信息", None, None),
    ("7.属于行政执法案卷", None, None),
    ("8.属于行政查询事项", None, None),
    ("1.本机关不掌握相关政府信息", None, "（四）无法提供"),
    ("2.没有现成信息需要另行制作", None, None),
    ("3.补正后申请内容仍不明确", None, None),
    ("1.信访举报投诉类申请", None, "（五）不予处理"),
    ("2.重复申请", None, None),
    ("3.要求提供公开出版物", None, None),
    ("4.无正当理由大量反复申请", None, None),
    ("5.要求行政机关确认或重新出具已获取信息", None, None),
]
OTHER_2019 = [("（六）其他处理", None, None)]
OTHER_2021 = [
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", None, "（六）其他处理"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", None, None),
    ("3.其他", None, None),
]
TAIL = [("（七）总计", None, None), ("四、结转下年度继续办理", None, None)]

# Values per row label: [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他]; 总计 is computed.
VALUES = {
    "一、本年新收政府信息公开申请数量": [9, 2, 0, 0, 1, 0],
    "二、上年结转政府信息公开申请数量": [1, 0, 0, 0, 0, 0],
    "（一）予以公开": [5, 1, 0, 0, 1, 0],
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": [1, 0, 0, 0, 0, 0],
    "6.属于四类过程性信息": [1, 0, 0, 0, 0, 0],
    "1.本机关不掌握相关政府信息": [2, 1, 0, 0, 0, 0],
    "2.重复申请": [1, 0, 0, 0, 0, 0],
    "四、结转下年度继续办理": [0, 0, 0, 0, 0, 0],
}
RESULT_TOTAL = [10, 2, 0, 0, 1, 0]


def row_values(label):
    if label == "（七）总计":
        v = RESULT_TOTAL
    else:
        v = VALUES.get(label, [0] * 6)
    return [str(x) for x in v] + [str(sum(v))]


def applications(layout, style):
    rows = ROWS_COMMON + (OTHER_2021 if layout == 2021 else OTHER_2019) + TAIL
    lines = []
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    header = [
        [note, "", "", "申请人情况", "", "", "", "", "", ""],
        ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
        ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
    ]
    body = []
    for label, top, group in rows:
        if top is None and group is None:
            if label.startswith(("一、", "二、", "四、")):
                cells = [label, "", ""]
            elif label.startswith("（七）") or label.startswith("（六）"):
                cells = ["", label, ""]
            elif label.startswith("（"):
                cells = ["", label, ""]
            else:
                cells = ["", "", label]
        elif top is not None:
            cells = [top, label, ""]
        else:
            cells = ["", group, label]
        body.append(cells + row_values(label))
    return render(header + body, style)


def proactive(layout, style):
    if layout == 2021:
        grid = [
            ["第二十条第（一）项", "", "", ""],
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "0", "0", "0"],
            ["行政规范性文件", "3", "1", "12"],
            ["第二十条第（五）项", "", "", ""],
            ["信息内容", "本年处理决定数量", "", ""],
            ["行政许可", "126", "", ""],
            ["第二十条第（六）项", "", "", ""],
            ["信息内容", "本年处理决定数量", "", ""],
            ["行政处罚", "4", "", ""],
            ["行政强制", "0", "", ""],
            ["第二十条第（八）项", "", "", ""],
            ["信息内容", "本年收费金额（单位：万元）", "", ""],
            ["行政事业性收费", "1.25", "", ""],
        ]
    else:
        grid = [
            ["第二十条第（一）项", "", "", ""],
            ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
            ["规章", "0", "0", "0"],
            ["规范性文件", "3", "3", "12"],
            ["第二十条第（五）项", "", "", ""],
            ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
            ["行政许可", "14", "-2", "126"],
            ["其他对外管理服务事项", "3", "0", "40"],
            ["第二十条第（六）项", "", "", ""],
            ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
            ["行政处罚", "5", "0", "4"],
            ["行政强制", "1", "0", "0"],
            ["第二十条第（八）项", "", "", ""],
            ["信息内容", "上一年项目数量", "本年增/减", ""],
            ["行政事业性收费", "2", "0", ""],
            ["第二十条第（九）项", "", "", ""],
            ["信息内容", "采购项目数量", "采购总金额", ""],
            ["政府集中采购", "6", "35.6", ""],
        ]
    return render(grid, style)


def reviews(style):
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    grid = [
        ["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9,
        outcomes + ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
        [""] * 5 + outcomes + outcomes,
        ["1", "0", "0", "1", "2", "0", "0", "0", "1", "1", "0", "0", "0", "0", "0"],
    ]
    return render(grid, style)


def render(grid, style):
    out = []
    for i, row in enumerate(grid):
        if style == "tab":
            out.append("\t".join(row))
        else:
            out.append("| " + " | ".join(row) + " |")
            if i == 0:
                out.append("|" + " --- |" * len(row))
    return "\n".join(out)


def report(year, layout, style, agency="某市教育局", date=None):
    received = sum(VALUES["一、本年新收政府信息公开申请数量"])
    date = date or f"{year + 1}年1月20日"
    heading = "## " if style == "pipe" else ""
    parts = [
        f"{agency}{year}年政府信息公开工作年度报告",
        PREAMBLE.format(year=year),
        f"{heading}一、总体情况",
        ONE.format(year=year, received=received, published=86),
        f"{heading}二、主动公开政府信息情况",
        proactive(layout, style),
        f"{heading}三、收到和处理政府信息公开申请情况",
        applications(layout, style),
        f"{heading}四、政府信息公开行政复议、行政诉讼情况",
        reviews(style),
        f"{heading}五、存在的主要问题及改进情况",
        FIVE,
        f"{heading}六、其他需要报告的事项",
        SIX_2021 if layout == 2021 else SIX_2019,
        agency,
        date,
    ]
    return "\n\n".join(parts) + "\n"


def write(path, text):
    with open(os.path.join(HERE, path), "w", encoding="utf-8") as f:
        f.write(text)


def main():
    os.makedirs(os.path.join(HERE, "clean"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "planted"), exist_ok=True)
    base = report(2023, 2021, "tab")
    write("clean/2023-format2021-tab.txt", base)
    write("clean/2022-format2021-markdown.md", report(2022, 2021, "pipe", agency="某区人民政府办公室"))
    write("clean/2020-format2019-tab.txt", report(2020, 2019, "tab", agency="某县卫生健康局"))
    write("clean/2019-format2019-markdown.md", report(2019, 2019, "pipe", agency="某市司法局"))

    def plant(name, old, new, text=base):
        assert old in text, (name, old)
        write(f"planted/{name}.txt", text.replace(old, new, 1))

    five = "五、存在的主要问题及改进情况\n\n" + FIVE + "\n\n"
    plant("NB101-section-missing", five, "")
    moved = base.replace(five, "", 1).replace("二、主动公开政府信息情况", five + "二、主动公开政府信息情况", 1)
    write("planted/NB102-section-order.txt", moved)
    plant("NB105-section-title", "一、总体情况", "一、工作基本情况")
    plant("NB202-header-cell", "本年废止件数", "本年度止件数")
    plant("NB204-row-label", "2.其他法律行政法规禁止公开", "2.其他法律法规禁止公开")
    plant("NB208-layout-year", proactive(2021, "tab"), proactive(2019, "tab"))
    # （七）总计 is wrong while the results and I1 agree: only I2 fails.
    plant("NB302-identity-results", "（七）总计\t\t10\t2\t0\t0\t1\t0\t13", "（七）总计\t\t9\t2\t0\t0\t1\t0\t12")
    # Two row totals off by one in opposite directions keep the 总计 column balanced.
    received = "一、本年新收政府信息公开申请数量\t\t\t9\t2\t0\t0\t1\t0\t12\n二、上年结转政府信息公开申请数量\t\t\t1\t0\t0\t0\t0\t0\t1"
    off_by_one = "一、本年新收政府信息公开申请数量\t\t\t9\t2\t0\t0\t1\t0\t13\n二、上年结转政府信息公开申请数量\t\t\t1\t0\t0\t0\t0\t0\t0"
    plant("NB303-identity-row", received, off_by_one)
    plant("NB304-identity-review", "1\t0\t0\t1\t2\t0", "1\t0\t0\t1\t3\t0")
    plant("NB310-blank-cell", "行政处罚\t4", "行政处罚\t")
    plant("NB401-fee-statement", SIX_2021, "无。")
    plant("NB402-narrative-mismatch", "全年共收到政府信息公开申请12件", "全年共收到政府信息公开申请15件")
    plant("NB403-placeholder", FIVE, "（文字描述）")
    plant("NB404-superseded-format", PREAMBLE.format(year=2023), PREAMBLE.format(year=2023) + "报告按照国办公开办函〔2019〕60号的格式编制。")
    plant("NB402-narrative-results", "均按期答复",
          "其中予以公开及部分公开9件，均按期答复。因政府信息公开被申请行政复议2件，均获维持")
    plant("NB405-signature-date", "2024年1月20日", "2024年2月20日")
    # Says six parts, lists five: 四、政府信息公开行政复议、行政诉讼情况 is left out.
    plant("NB410-preamble-parts", PREAMBLE.format(year=2023), PREAMBLE.format(year=2023)
          + "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
          "存在的主要问题及改进情况、其他需要报告的事项等六部分组成。")
    plant("NB411-date-invalid", PREAMBLE.format(year=2023), PREAMBLE.format(year=2023)
          + "本报告所列数据的统计期限为2023年1月1日至202323年12月31日。")
    plant("NB412-obsolete-term", "均按期答复", "其中因信息不存在无法提供3件，均按期答复")
    # Digits run together with two splits that both add up (10 2 0 0 1 0 13 and 1 0 2 0 0 10 13):
    # the row cannot be read. (92001012 could: its only split that adds up is read.)
    plant("NB901-digits-run-together", "一、本年新收政府信息公开申请数量\t\t\t9\t2\t0\t0\t1\t0\t12", "一、本年新收政府信息公开申请数量\t\t\t102001013")


def simplified_to_traditional():
    """Inverts the project's own Traditional → Simplified map (server/src/text/t2s.rs)."""
    table = {}
    source = open(os.path.join(HERE, "../../server/src/text/t2s.rs"), encoding="utf-8").read()
    for t, s in re.findall(r"\('(.)',\s*'(.)'\)", source):
        table.setdefault(s, t)
    return table


def variants(base):
    """The same clean report written in the other layouts real drafts use."""
    def cell_per_line(trailing_pipe):
        out = []
        for line in base.split("\n"):
            if "\t" in line:
                out.extend(c + (" |" if trailing_pipe else "") for c in line.split("\t"))
                out.append("")
            else:
                out.append(line)
        return "\n".join(out)

    def space_separated():
        return "\n".join(" ".join(c for c in l.split("\t") if c.strip()) if "\t" in l else l for l in base.split("\n"))

    to_traditional = simplified_to_traditional()
    fullwidth = lambda m: "".join(chr(ord(c) + 0xFEE0) for c in m.group(0))
    return {
        "one-cell-per-line": cell_per_line(False),
        "one-cell-per-line-trailing-pipe": cell_per_line(True),
        "space-separated": space_separated(),
        "fullwidth-digits": re.sub(r"(?<=\t)\d+(?=\t|$)", fullwidth, base, flags=re.M),
        "halfwidth-punctuation": base.replace("（", "(").replace("）", ")").replace("：", ":").replace("，", ","),
        "numbering-dunhao": re.sub(r"(?<=\t)(\d)\.(?=[\u4e00-\u9fff])", r"\1、", base),
        "other-written-qita": base.replace("其他", "其它"),
        "padded-cells": base.replace("\t", "\t  "),
        "crlf-line-ends": base.replace("\n", "\r\n"),
        "traditional-characters": "".join(to_traditional.get(c, c) for c in base),
    }


def write_variants():
    os.makedirs(os.path.join(HERE, "variants"), exist_ok=True)
    base = open(os.path.join(HERE, "clean/2023-format2021-tab.txt"), encoding="utf-8").read()
    for name, text in variants(base).items():
        with open(os.path.join(HERE, f"variants/{name}.txt"), "w", encoding="utf-8", newline="") as f:
            f.write(text)


# ---------------------------------------------------------------------------------------------
# Layouts: the clean tab drafts (and the planted table and number errors) in the layouts real
# reports reach the checker in. Each is rendered from the tab draft's own cells, so every number
# is the tab draft's; tests/corpus.rs compares the cells the reader finds with the tab draft's.

LAYOUT_SOURCES = {
    "2023": "clean/2023-format2021-tab.txt",
    "2020": "clean/2020-format2019-tab.txt",
}
# The planted drafts whose error lives in a table's cells, labels or numbers.
LAYOUT_PLANTED = [
    "NB202-header-cell",
    "NB204-row-label",
    "NB302-identity-results",
    "NB303-identity-row",
    "NB304-identity-review",
    "NB310-blank-cell",
]
NUMERALS = "一二三四五六"
REVIEW_GROUPS = ["行政复议", "未经复议直接起诉", "复议后起诉"]
REVIEW_OUTCOMES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
# Characters a line may not start with, and characters it may not end with (避头尾).
NO_LINE_START = "，。、；：？！）》”’"
NO_LINE_END = "（《“‘"


def parse_tab_draft(text):
    """A tab draft as report() writes it, as a list of parts: ("text", s), ("heading", n, s)
    or ("table", n, grid), n being the section the table sits in (2: 表二, 3: 表三, 4: 表四)."""
    parts = []
    section = 0
    for part in text.rstrip("\n").split("\n\n"):
        heading = re.fullmatch(r"([一二三四五六])、\S{2,20}", part)
        if "\t" in part:
            parts.append(("table", section, [line.split("\t") for line in part.split("\n")]))
        elif heading:
            section = NUMERALS.index(heading.group(1)) + 1
            parts.append(("heading", section, part))
        else:
            parts.append(("text", part))
    return parts


def wrap(text, width):
    """Breaks text into lines of about `width` characters the way a word processor does: no
    line starts with closing punctuation or ends with an opening one, digits stay together."""
    lines, line = [], ""
    for c in text:
        if (len(line) >= width and c not in NO_LINE_START
                and not (c.isdigit() and line[-1].isdigit())):
            carry = ""
            while line and line[-1] in NO_LINE_END:
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line)
            line = carry
        line += c
    lines.append(line)
    return lines


def filled(cells):
    return [c for c in cells if c.strip()]


def lstrip_empty(cells):
    while cells and not cells[0]:
        cells = cells[1:]
    return cells


def applications_rows(grid):
    """The data rows of a 表三 grid: (group labels that start on this row, leaf label, the
    column the leaf label starts in (0, 1 or 2), values)."""
    rows = []
    for row in grid[3:]:
        labels, values = row[:3], row[3:]
        last = max(i for i, c in enumerate(labels) if c)
        groups = [c for c in labels[:last] if c]
        rows.append((groups, labels[last], last, values))
    return rows


def review_leaf_columns():
    return [(g, o) for g in REVIEW_GROUPS for o in REVIEW_OUTCOMES]


# Header cells as a narrow column wraps them (表三, 表四); 表二's wrap at half their length.
HEADER_WRAPS = {
    "商业企业": ("商业", "企业"),
    "科研机构": ("科研", "机构"),
    "社会公益组织": ("社会公益", "组织"),
    "法律服务机构": ("法律服务", "机构"),
    "结果维持": ("结果", "维持"),
    "结果纠正": ("结果", "纠正"),
    "其他结果": ("其他", "结果"),
    "尚未审结": ("尚未", "审结"),
}


def wrap_header(cell):
    """A header cell over two lines, or None when it fits on one."""
    if cell in HEADER_WRAPS:
        return HEADER_WRAPS[cell]
    if len(cell) < 5 or cell in ("总计", "申请人情况", "法人或其他组织", "未经复议直接起诉", "复议后起诉", "行政诉讼"):
        return None
    if "（" in cell:
        at = cell.index("（")
        return cell[:at], cell[at:]
    return cell[:len(cell) // 2], cell[len(cell) // 2:]


def wrapped_header_rows(kind, grid):
    """Which rows of a grid are header rows whose cells a narrow column wraps."""
    if kind == 2:
        return {i for i, row in enumerate(grid) if row[0] == "信息内容"}
    if kind == 3:
        return {2}
    return {1, 2}


# --- one line: a web page's text with every line break lost --------------------------------

def one_line(parts):
    out = ""
    for part in parts:
        if part[0] == "table":
            piece = " ".join(c for row in part[2] for c in filled(row))
        else:
            piece = part[-1]
        if out and not out.endswith("。"):
            out += " "
        out += piece
    return out + "\n"


def flat(parts):
    """A page whose table cells lost their separators: each row's cells run together on one
    line (`规章000`, `一、本年新收政府信息公开申请数量92001012`); headings and prose keep theirs."""
    out = []
    for part in parts:
        if part[0] == "table":
            out.extend("".join(filled(row)) for row in part[2])
        else:
            out.append(part[-1])
    return "\n".join(out) + "\n"


# --- text copied out of a PDF ---------------------------------------------------------------

PROSE_WIDTH = 28  # characters per line of an A4 page of 公文 (GB/T 9704)
LEAF_WIDTH = 14  # the third label column of 表三
GROUP_WIDTH = 4  # the second label column of 表三, where （三）不予公开 … stand
NOTE_WIDTH = 20  # the three label columns together


def pdf_number_rows(label_lines, numbers, numbers_before):
    """A row whose label wraps over several lines: its numbers, vertically centred, come out
    between the label's lines (or, from some extractors, before them)."""
    if not numbers:
        return label_lines
    if len(label_lines) == 1:
        return [label_lines[0] + " " + numbers]
    if numbers_before:
        return [numbers] + label_lines
    middle = len(label_lines) // 2
    if len(label_lines) % 2:
        # The middle line of the label shares the numbers' baseline.
        return label_lines[:middle] + [label_lines[middle] + " " + numbers] + label_lines[middle + 1:]
    return label_lines[:middle] + [numbers] + label_lines[middle:]


def pdf_proactive(grid):
    lines = []
    for row in grid:
        if row[0].startswith("第二十条第（六）项"):
            lines.append("- 3 -")  # a page ends between the blocks
        lines.append(" ".join(filled(row)))
    return lines


def pdf_applications(grid, numbers_before):
    note = grid[0][0]
    lines = wrap(note, NOTE_WIDTH)
    lines += [
        "申请人情况",
        "自然人 法人或其他组织 总计",
        " ".join(wrap_header(c)[0] if wrap_header(c) else c for c in filled(grid[2])),
        " ".join(wrap_header(c)[1] for c in filled(grid[2]) if wrap_header(c)),
    ]
    rows = applications_rows(grid)
    blocks = []  # the lines of each data row
    groups = []  # (first row, last row, group label) for the groups of the second column
    top = None  # (first row, last row) of 三、本年度办理结果
    for i, (starts, leaf, column, values) in enumerate(rows):
        numbers = " ".join(filled(values))
        if column == 2:
            label_lines = wrap(leaf, LEAF_WIDTH)
        elif leaf.startswith("（二）"):
            # A justified line of the two joined columns: a space where the PDF spread it.
            head, tail = leaf.split("，不计")
            label_lines = [head.replace("只计这一情形", "只计这一情 形") + "，", "不计" + tail]
        else:
            label_lines = [leaf]
        blocks.append(pdf_number_rows(label_lines, numbers, numbers_before))
        for g in starts:
            if g.startswith("三、"):
                top = [i, i]
            else:
                groups.append([i, i, g])
        if top and (column >= 1):
            top[1] = i
        if groups and column == 2 and not starts and groups[-1][1] == i - 1:
            groups[-1][1] = i
    gaps = [[] for _ in range(len(blocks) + 1)]  # lines printed before each row
    # The rotated group label: one character per line, centred on its rows.
    first, last = top
    inner = last - first  # the gaps between its rows
    start = first + 1 + (inner - len("三、本年度办理结果")) // 2
    for k, c in enumerate("三、本年度办理结果"):
        gaps[start + k].append(c)
    # The second column's groups, split over two lines around their middle row.
    for first, last, label in groups:
        middle = first + (last - first) // 2
        gaps[middle].append(label[:GROUP_WIDTH])
        gaps[middle + 1].append(label[GROUP_WIDTH:])
    # A page ends after （五）5.
    for i, (_, leaf, _, _) in enumerate(rows):
        if leaf.startswith("5.要求行政机关"):
            gaps[i + 1].insert(0, "- 4 -")
    for i, block in enumerate(blocks):
        lines += gaps[i] + block
    return lines + gaps[-1]


def pdf_reviews(grid):
    first = [wrap_header(o)[0] for o in REVIEW_OUTCOMES[:4]]
    second = [wrap_header(o)[1] for o in REVIEW_OUTCOMES[:4]]
    return [
        "行政复议 行政诉讼",
        " ".join(first + ["未经复议直接起诉", "复议后起诉"]),
        "总计",
        " ".join(second + first + first),
        "总计 总计",
        " ".join(second + second),
        " ".join(filled(grid[3])),
    ]


def pdf(parts, numbers_before=False):
    lines = []
    for n, part in enumerate(parts):
        if part[0] == "table":
            kind, grid = part[1], part[2]
            if kind == 2:
                lines += pdf_proactive(grid)
            elif kind == 3:
                lines += pdf_applications(grid, numbers_before)
            else:
                lines += pdf_reviews(grid)
        elif part[0] == "heading":
            lines.append(part[2])
        elif n == 0:
            # The title, set large and centred over two lines.
            head, tail = part[1].split("政府信息公开")
            lines += [head, "政府信息公开" + tail]
        else:
            lines += wrap(part[1], PROSE_WIDTH)
    return "\n".join(lines) + "\n"


# --- Markdown pipe tables -------------------------------------------------------------------

def pipe_rows(rows, header_rows=1):
    out = []
    for i, row in enumerate(rows):
        out.append("| " + " | ".join(row) + " |")
        if i == header_rows - 1:
            out.append("|" + " --- |" * len(row))
    return "\n".join(out)


def markdown(parts, table):
    out = []
    for part in parts:
        if part[0] == "table":
            out.append(table(part[1], part[2]))
        elif part[0] == "heading":
            out.append("## " + part[2])
        else:
            out.append(part[1])
    return "\n\n".join(out) + "\n"


def flat_header(words):
    """Markdown cannot merge cells: 表三 and 表四 get one header row of their leaf columns."""
    def table(kind, grid):
        if kind == 2:
            return pipe_rows(grid)
        if kind == 3:
            rows = [[grid[0][0]] + filled(grid[1])[:1] + filled(grid[2]) + filled(grid[1])[-1:]]
            for starts, leaf, _, values in applications_rows(grid):
                rows += [[g] + [""] * len(values) for g in starts]
                rows.append([leaf] + values)
            return pipe_rows(rows)
        if words:
            header = [o for _, o in review_leaf_columns()]
        else:
            header = [f"行政复议·{o}" if g == "行政复议" else f"行政诉讼·{g}·{o}" for g, o in review_leaf_columns()]
        return pipe_rows([header, grid[3]])
    return table


def wrapped_header(kind, grid):
    """Pipe tables from a converter that turned each line of a wrapped header cell into a row."""
    rows = []
    wrapped = wrapped_header_rows(kind, grid)
    for i, row in enumerate(grid):
        if i in wrapped and any(wrap_header(c) for c in row):
            rows.append([wrap_header(c)[0] if wrap_header(c) else c for c in row])
            rows.append([wrap_header(c)[1] if wrap_header(c) else "" for c in row])
        else:
            rows.append(row)
    return pipe_rows(rows)


# --- one cell per line, as a web page's table comes out of a browser ------------------------

def html_cells(kind, grid):
    """The cells of each row as an HTML table has them: a cell spanning columns is one cell
    (no padding after it), cells under a cell spanning rows are empty, a 表二 row has as many
    value cells as its block has headers."""
    rows = []
    values = 0
    for i, row in enumerate(grid):
        if kind == 2 and row[0] == "信息内容":
            values = len(filled(row)) - 1
        if kind == 3 and i >= 3:
            labels = row[:3]
            while not labels[-1]:
                labels = labels[:-1]
            rows.append(labels + row[3:])
        elif kind == 2 and not row[0].startswith("第二十条") and row[0] != "信息内容":
            rows.append(row[:1 + values])
        elif kind == 4 and i == 3:
            rows.append(row)
        else:
            # A header row: the empty cells under cells spanning rows lead, the padding of
            # cells spanning columns goes.
            lead = len(row) - len(lstrip_empty(row))
            rows.append(row[:lead] + filled(row[lead:]))
    return rows


def cell_per_line_wrapped(parts):
    out = []
    for part in parts:
        if part[0] != "table":
            out.append(part[-1])
            continue
        kind, grid = part[1], part[2]
        wrapped = wrapped_header_rows(kind, grid)
        rows = []
        for i, row in enumerate(html_cells(kind, grid)):
            lines = []
            for c in row:
                w = wrap_header(c) if i in wrapped else None
                # A line break inside a cell: the browser starts the cell's second line
                # without the tab that starts a cell.
                lines.append("\t" + "\n".join(w) if w else "\t" + c)
            rows.append("\n".join(lines))
        out.append("\n\n".join(rows) + "\n")
    return "\n\n".join(out) + "\n"


LAYOUT_RENDERERS = {
    "one-line": one_line,
    "pdf": pdf,
    "pdf-numbers-before": lambda parts: pdf(parts, numbers_before=True),
    "markdown-flat-header": lambda parts: markdown(parts, flat_header(words=False)),
    "markdown-flat-header-words": lambda parts: markdown(parts, flat_header(words=True)),
    "wrapped-header": lambda parts: markdown(parts, wrapped_header),
    "cell-per-line-wrapped": cell_per_line_wrapped,
}


def write_layouts():
    os.makedirs(os.path.join(HERE, "layouts/planted"), exist_ok=True)

    def read(path):
        return open(os.path.join(HERE, path), encoding="utf-8").read()

    for year, source in LAYOUT_SOURCES.items():
        parts = parse_tab_draft(read(source))
        for name, render_layout in LAYOUT_RENDERERS.items():
            write(f"layouts/{year}-{name}.txt", render_layout(parts))
    # Cells run together cannot always be told apart: these drafts are checked apart (every cell
    # read as in the tab form or marked unreadable, never another number).
    os.makedirs(os.path.join(HERE, "layouts/flat"), exist_ok=True)
    for year, source in LAYOUT_SOURCES.items():
        write(f"layouts/flat/{year}-flat.txt", flat(parse_tab_draft(read(source))))
    for planted in LAYOUT_PLANTED:
        parts = parse_tab_draft(read(f"planted/{planted}.txt"))
        code = planted.split("-")[0]
        for name, render_layout in LAYOUT_RENDERERS.items():
            write(f"layouts/planted/{code}-{name}.txt", render_layout(parts))

if __name__ == "__main__":
    main()
    write_variants()
    write_layouts()
