#!/usr/bin/env python3
"""Writes tests/corpus/inputs/: the clean and planted tab drafts as the files people really
have — Word documents made with python-docx and published web pages — for
server/tests/inputs.rs, which checks that each gives exactly the findings of its source.

    pip install python-docx        # tests/run installs it
    python3 tests/corpus/make-inputs.py [--out DIR]

For each `clean/*.txt` and `planted/*.txt` draft it writes `inputs/<dir>-<name>.docx` and
`inputs/<dir>-<name>.html`:

- paragraphs stay paragraphs (an empty line an empty paragraph); a run of tab-separated lines
  becomes one table;
- header and label cells are merged as in the official form: a text cell over the empty cells
  to its right (`gridSpan` / `colspan`: 申请人情况, 法人或其他组织, 行政复议) and down over
  the empty cells below it while the cell to its left is empty too (`vMerge` / `rowspan`:
  三、本年度办理结果, （三）不予公开, the 表三 note), so the expanded grid is the source's;
- in the Word documents of drafts whose six section headings are in order, the headings are
  Word-numbered paragraphs (`一、` drawn by a chineseCounting list, not typed);
- `clean-2023-format2021-tab-split.docx` has its tables of more than 15 rows (表三) cut in two
  by a page break, the label cells merged down each half;
- the web pages carry a site's chrome (header, navigation, breadcrumbs, a script, a style, a
  hidden block, a footer) and break long header cells with `<br>`.

The files are committed; rerun this only to change them. Word documents carry timestamps, so a
rerun changes their bytes but not their text.
"""
import html
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "inputs")

HEADING = re.compile(r"^([一二三四五六])、(.+)$")
NUMERALS = "一二三四五六"


def blocks(text):
    """The draft as ('p', line) and ('table', rows) in order."""
    out = []
    table = []
    for line in text.split("\n"):
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        if table:
            out.append(("table", table))
            table = []
        out.append(("p", line))
    if table:
        out.append(("table", table))
    # The text ends with a line break: the last "line" is empty and is no paragraph.
    if out and out[-1] == ("p", ""):
        out.pop()
    return out


def is_number(cell):
    return re.fullmatch(r"[-+]?[0-9０-９.,，．%]+", cell.strip()) is not None


def merges(rows):
    """Rectangles (row, col, rows, cols) a Word or web table of this grid would merge, each
    a text cell at its top left over empty cells."""
    width = max(len(r) for r in rows)
    grid = [r + [""] * (width - len(r)) for r in rows]
    claimed = [[False] * width for _ in grid]
    out = []
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if claimed[r][c] or not cell.strip() or is_number(cell):
                continue
            cols = 1
            while c + cols < width and not grid[r][c + cols].strip() and not claimed[r][c + cols]:
                cols += 1
            # Down while the rectangle's cells are empty and so is the cell on its left.
            nrows = 1
            while r + nrows < len(grid):
                below = grid[r + nrows]
                if any(below[c + k].strip() or claimed[r + nrows][c + k] for k in range(cols)):
                    break
                if c > 0 and below[c - 1].strip():
                    break
                if not any(x.strip() for x in below):
                    break
                nrows += 1
            for dr in range(nrows):
                for dc in range(cols):
                    claimed[r + dr][c + dc] = True
            if nrows > 1 or cols > 1:
                out.append((r, c, nrows, cols))
    return grid, out


def sequential_headings(items):
    found = [HEADING.match(line).group(1) for kind, line in items
             if kind == "p" and HEADING.match(line)]
    return "".join(found) == NUMERALS


# ---------------------------------------------------------------------------------------
# Word

def add_chinese_numbering(document):
    """A list whose first level draws 一、 二、 …; returns its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:multiLevelType w:val="hybridMultilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>'
        '</w:abstractNum>')
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    # abstractNum elements come before num elements in the schema.
    first_num = numbering.find(num.tag)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return 90


def numbered(paragraph, num_id, level=0):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def write_docx(text, path, split=None):
    """`split`: cut every table longer than this many rows into two at that row, with a page
    break between them, as a long 表三 often is when it runs over a page."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    items = blocks(text)
    num_id = add_chinese_numbering(document) if sequential_headings(items) else None
    for kind, value in items:
        if kind == "p":
            heading = HEADING.match(value)
            if heading and num_id is not None:
                p = document.add_paragraph(heading.group(2))
                numbered(p, num_id)
            else:
                document.add_paragraph(value)
            continue
        if split and len(value) > split:
            add_table(document, value[:split])
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            add_table(document, value[split:])
        else:
            add_table(document, value)
    slim(document)
    document.save(path)


def add_table(document, rows):
    grid, rects = merges(rows)
    table = document.add_table(rows=len(grid), cols=len(grid[0]))
    table.style = "Table Grid"
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell:
                table.cell(r, c).text = cell
    for r, c, nrows, cols in rects:
        # python-docx keeps the top-left text of a merge (and the others' if not empty;
        # they are empty here), as Word does.
        table.cell(r, c).merge(table.cell(r + nrows - 1, c + cols - 1))


def slim(document):
    """Drops the optional parts of python-docx's template that make up most of its size (the
    Word 2010 copy of the styles, the thumbnail): Word opens the file without them."""
    import datetime

    for rels in (document.part.rels, document.part.package.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype.endswith(("/stylesWithEffects", "/thumbnail")):
                del rels[r_id]
    core = document.core_properties
    core.created = core.modified = datetime.datetime(2024, 1, 15, 9, 0, 0)
    core.last_modified_by = core.author = "nianbao"


# ---------------------------------------------------------------------------------------
# Web pages

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title} - 某市人民政府门户网站</title>
<style>body {{ font-family: SimSun; }} .nav li {{ display: inline; }}</style>
<script>var _hmt = _hmt || []; document.write("一、总体情况");</script>
</head>
<body>
<header class="site-header"><a href="/">某市人民政府</a> <a href="/en/">English</a></header>
<nav class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/xxgk/">政府信息公开年报</a></li></ul></nav>
<div class="breadcrumb" hidden>当前位置：首页 &gt; 政务公开 &gt; 年报</div>
<div class="main">
<div class="article">
{body}
</div>
<div style="display:none">分享到：微信 微博</div>
</div>
<footer>主办：某市人民政府办公室　网站标识码：0000000000　<script>stats();</script></footer>
</body>
</html>
"""


def cell_html(cell):
    """A header label longer than six characters is broken with <br> as pages do."""
    text = html.escape(cell)
    if len(cell) > 6 and not is_number(cell) and "（" not in cell and "第" not in cell:
        text = html.escape(cell[:4]) + "<br>" + html.escape(cell[4:])
    return text


def write_html(text, path):
    items = blocks(text)
    body = []
    title = next((v for k, v in items if k == "p" and v.strip()), "")
    for kind, value in items:
        if kind == "p":
            if not value.strip():
                continue
            tag = "h1" if value == title else "p"
            body.append(f"<{tag}>{html.escape(value)}</{tag}>")
            continue
        grid, rects = merges(value)
        spans = {(r, c): (n, k) for r, c, n, k in rects}
        covered = set()
        for r, c, n, k in rects:
            for dr in range(n):
                for dc in range(k):
                    if dr or dc:
                        covered.add((r + dr, c + dc))
        rows = []
        for r, row in enumerate(grid):
            cells = []
            for c, cell in enumerate(row):
                if (r, c) in covered:
                    continue
                attrs = ""
                if (r, c) in spans:
                    n, k = spans[(r, c)]
                    attrs += f' rowspan="{n}"' if n > 1 else ""
                    attrs += f' colspan="{k}"' if k > 1 else ""
                cells.append(f"<td{attrs}>{cell_html(cell)}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        body.append('<table border="1" cellspacing="0">\n<tbody>\n' + "\n".join(rows)
                    + "\n</tbody>\n</table>")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(PAGE.format(title=html.escape(title), body="\n".join(body)))


def main():
    out = OUT
    if len(sys.argv) == 3 and sys.argv[1] == "--out":
        out = sys.argv[2]
    elif len(sys.argv) != 1:
        print("usage: make-inputs.py [--out DIR]", file=sys.stderr)
        return 2
    os.makedirs(out, exist_ok=True)
    for folder in ("clean", "planted"):
        directory = os.path.join(HERE, folder)
        for name in sorted(os.listdir(directory)):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(directory, name), encoding="utf-8") as f:
                text = f.read()
            stem = f"{folder}-{name[:-4]}"
            write_docx(text, os.path.join(out, stem + ".docx"))
            if stem == "clean-2023-format2021-tab":
                write_docx(text, os.path.join(out, stem + "-split.docx"), split=15)
            write_html(text, os.path.join(out, stem + ".html"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
