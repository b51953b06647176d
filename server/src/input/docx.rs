//! A Word document (.docx, as Word and WPS save it) as its text: the paragraphs of
//! `word/document.xml` one a line, with the numbers Word's numbering draws before them
//! (`一、` of a numbered heading is not typed, but the user sees it), and each table as its
//! grid — `gridSpan` and `vMerge` expanded, a merged cell's text at its top left and the
//! places it covers empty — so the header and row checks see the real structure.
//!
//! Headers, footers, footnotes and comments are other parts and are not read; deleted text
//! of tracked changes is left out, inserted text kept.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::extract::{is_wide, Builder};
use super::{Document, InputError, Kind};

/// Largest XML part read. A report's document.xml is a few hundred kilobytes; a larger
/// part is a zip bomb or not a report.
const MAX_PART: u64 = 64 * 1024 * 1024;

/// Nesting of tables and paragraphs (text boxes) past this is refused, not recursed into.
const MAX_NESTING: usize = 64;

/// Reads a .docx package.
pub fn read(bytes: &[u8]) -> Result<Document, InputError> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| InputError::BadDocx(e.to_string()))?;
    let document = part(&mut zip, "word/document.xml")?
        .ok_or_else(|| InputError::BadDocx("no word/document.xml".into()))?;
    let numbering = match part(&mut zip, "word/numbering.xml")? {
        Some(xml) => Numbering::parse(&xml),
        None => Numbering::default(),
    };
    let styles = match part(&mut zip, "word/styles.xml")? {
        Some(xml) => StyleNumbers::parse(&xml),
        None => StyleNumbers::default(),
    };
    let (text, places) = Body::new(&numbering, &styles).read(&document)?;
    Ok(Document {
        kind: Kind::Docx,
        text,
        encoding: None,
        places,
    })
}

fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, InputError> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(InputError::BadDocx(format!("{name}: {e}"))),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::BadDocx(format!("{name}: {e}")))?;
    if bytes.len() as u64 > MAX_PART {
        return Err(InputError::BadDocx(format!("{name} is too large")));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| InputError::BadDocx(format!("{name} is not UTF-8")))
}

/// The value of attribute `w:NAME` (any prefix) of an element.
fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| String::from_utf8_lossy(&a.value).into_owned())
    })
}

fn local(e: &BytesStart) -> Vec<u8> {
    e.local_name().as_ref().to_vec()
}

/// Text of a general reference (`&amp;`, `&#x4E00;`) inside `w:t`.
fn reference(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(value);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------
// Numbering: what number Word draws before a numbered paragraph.

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    /// `%1、`: the text drawn, with `%N` the counter of level N.
    text: String,
    /// What separates the number from the paragraph: `tab` (Word's default), `space`,
    /// `nothing`.
    suffix: String,
}

#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → levels by ilvl.
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// numId → (abstractNumId, start overrides by ilvl).
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
}

impl Numbering {
    fn parse(xml: &str) -> Numbering {
        let mut numbering = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut num: Option<(String, String, HashMap<u8, u32>)> = None;
        let mut level: Option<(u8, Level)> = None;
        let mut override_level: Option<u8> = None;
        // A malformed part gives what was read up to the error: numbers are a nicety.
        while let Ok(event) = reader.read_event() {
            match event {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => match local(&e).as_slice() {
                    b"abstractNum" => abstract_id = attr(&e, b"abstractNumId"),
                    b"lvl" if abstract_id.is_some() => {
                        let ilvl = attr(&e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        level = Some((
                            ilvl,
                            Level {
                                start: 1,
                                format: "decimal".into(),
                                suffix: "tab".into(),
                                ..Level::default()
                            },
                        ));
                    }
                    b"start" => {
                        if let (Some((_, l)), Some(v)) = (&mut level, attr(&e, b"val")) {
                            l.start = v.parse().unwrap_or(1);
                        }
                    }
                    b"numFmt" => {
                        if let (Some((_, l)), Some(v)) = (&mut level, attr(&e, b"val")) {
                            l.format = v;
                        }
                    }
                    b"lvlText" => {
                        if let (Some((_, l)), Some(v)) = (&mut level, attr(&e, b"val")) {
                            l.text = v;
                        }
                    }
                    b"suff" => {
                        if let (Some((_, l)), Some(v)) = (&mut level, attr(&e, b"val")) {
                            l.suffix = v;
                        }
                    }
                    b"num" => {
                        if let Some(id) = attr(&e, b"numId") {
                            num = Some((id, String::new(), HashMap::new()));
                        }
                    }
                    b"abstractNumId" => {
                        if let (Some(n), Some(v)) = (&mut num, attr(&e, b"val")) {
                            n.1 = v;
                        }
                    }
                    b"lvlOverride" => {
                        override_level = attr(&e, b"ilvl").and_then(|v| v.parse().ok());
                    }
                    b"startOverride" => {
                        if let (Some(n), Some(ilvl), Some(v)) =
                            (&mut num, override_level, attr(&e, b"val"))
                        {
                            n.2.insert(ilvl, v.parse().unwrap_or(1));
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    b"lvl" => {
                        if let (Some(id), Some((ilvl, l))) = (&abstract_id, level.take()) {
                            numbering
                                .abstracts
                                .entry(id.clone())
                                .or_default()
                                .insert(ilvl, l);
                        }
                    }
                    b"abstractNum" => abstract_id = None,
                    b"num" => {
                        if let Some((id, abs, overrides)) = num.take() {
                            numbering.nums.insert(id, (abs, overrides));
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        numbering
    }
}

/// A list and a level in it: (numId, ilvl).
type ListLevel = (String, u8);

/// The numbering a paragraph style gives its paragraphs (a heading style linked to a list).
#[derive(Debug, Default)]
struct StyleNumbers {
    /// styleId → the list level set on the style itself, and the style it is based on.
    styles: HashMap<String, (Option<ListLevel>, Option<String>)>,
}

impl StyleNumbers {
    fn parse(xml: &str) -> StyleNumbers {
        let mut out = StyleNumbers::default();
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, Option<String>, u8, Option<String>)> = None;
        while let Ok(event) = reader.read_event() {
            match event {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => match local(&e).as_slice() {
                    b"style" => {
                        current = attr(&e, b"styleId").map(|id| (id, None, 0, None));
                    }
                    b"basedOn" => {
                        if let Some(c) = &mut current {
                            c.3 = attr(&e, b"val");
                        }
                    }
                    b"numId" => {
                        if let Some(c) = &mut current {
                            c.1 = attr(&e, b"val");
                        }
                    }
                    b"ilvl" => {
                        if let Some(c) = &mut current {
                            c.2 = attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == b"style" => {
                    if let Some((id, num, ilvl, based)) = current.take() {
                        out.styles.insert(id, (num.map(|n| (n, ilvl)), based));
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The numbering of a style, looked up through the styles it is based on.
    fn of(&self, style: &str) -> Option<ListLevel> {
        let mut style = style.to_string();
        for _ in 0..16 {
            let (num, based) = self.styles.get(&style)?;
            if num.is_some() {
                return num.clone();
            }
            style = based.clone()?;
        }
        None
    }
}

/// The counters of each list as the document goes.
#[derive(Debug, Default)]
struct Counters {
    by_num: HashMap<String, [u32; 9]>,
}

impl Counters {
    /// The number drawn before the next paragraph of list `num` at level `ilvl`, with its
    /// separator; `None` for bullets and unknown lists.
    fn next(&mut self, numbering: &Numbering, num: &str, ilvl: u8) -> Option<String> {
        let (abstract_id, overrides) = numbering.nums.get(num)?;
        let levels = numbering.abstracts.get(abstract_id)?;
        let ilvl = ilvl.min(8);
        let start_of = |l: u8| {
            overrides
                .get(&l)
                .copied()
                .or_else(|| levels.get(&l).map(|x| x.start))
                .unwrap_or(1)
        };
        let counters = self.by_num.entry(num.to_string()).or_insert_with(|| {
            let mut c = [0; 9];
            for (l, slot) in c.iter_mut().enumerate() {
                *slot = start_of(l as u8).saturating_sub(1);
            }
            c
        });
        counters[ilvl as usize] = counters[ilvl as usize].saturating_add(1);
        // A level restarts under each new number of the levels above it.
        for (l, counter) in counters.iter_mut().enumerate().skip(ilvl as usize + 1) {
            *counter = start_of(l as u8).saturating_sub(1);
        }
        let level = levels.get(&ilvl)?;
        if level.format == "bullet" {
            return None;
        }
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let l = (d - 1) as u8;
                    let value = counters[l as usize].max(1);
                    let format = levels.get(&l).map_or("decimal", |x| x.format.as_str());
                    label.push_str(&format_number(value, format));
                }
                _ => label.push(c),
            }
        }
        if label.is_empty() {
            return None;
        }
        // Word draws a tab or a space after the number; after `一、` or `（一）` it is
        // nothing a reader types, so none is added there.
        if level.suffix != "nothing" && !label.chars().last().is_some_and(is_wide) {
            label.push(' ');
        }
        Some(label)
    }
}

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// A counter in a Word number format (ECMA-376 ST_NumberFormat), for the formats Chinese
/// documents use; any other is drawn in decimal.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "ideographDigital" => chinese(n),
        "chineseLegalSimplified" => chinese(n)
            .chars()
            .map(|c| match c {
                '一' => '壹',
                '二' => '贰',
                '三' => '叁',
                '四' => '肆',
                '五' => '伍',
                '六' => '陆',
                '七' => '柒',
                '八' => '捌',
                '九' => '玖',
                '十' => '拾',
                '百' => '佰',
                other => other,
            })
            .collect(),
        "ideographTraditional" => ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]
            .get(n.saturating_sub(1) as usize)
            .map_or_else(|| n.to_string(), |s| s.to_string()),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let letter = (base + ((n.max(1) - 1) % 26) as u8) as char;
            letter
                .to_string()
                .repeat(((n.max(1) - 1) / 26 + 1) as usize)
        }
        "upperRoman" | "lowerRoman" => {
            let roman = roman(n);
            if format == "lowerRoman" {
                roman.to_lowercase()
            } else {
                roman
            }
        }
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五; past 999, decimal digits.
fn chinese(n: u32) -> String {
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!(
            "十{}",
            if n == 10 {
                ""
            } else {
                DIGITS[(n - 10) as usize]
            }
        ),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            if n % 10 == 0 {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        ),
        100..=999 => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", DIGITS[rest as usize]),
                10..=19 => format!("一{}", chinese(rest)),
                _ => chinese(rest),
            };
            format!("{}百{tail}", DIGITS[(n / 100) as usize])
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value && out.len() < 64 {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The body.

/// A paragraph being read.
#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    style: Option<String>,
    num_id: Option<String>,
    ilvl: u8,
}

/// A table being read: the grid rows so far, the row and cell being read.
#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    grid_after: usize,
    cell: Cell,
}

#[derive(Debug, Default)]
struct Cell {
    paragraphs: Vec<String>,
    span: usize,
    /// Covered by the cell above (`vMerge` continuing) or to the left (legacy `hMerge`).
    covered: bool,
}

struct Body<'a> {
    numbering: &'a Numbering,
    styles: &'a StyleNumbers,
    counters: Counters,
    builder: Builder,
    paragraphs: Vec<Paragraph>,
    tables: Vec<Table>,
    /// Inside `w:t`: its text is the paragraph's.
    in_text: bool,
    /// Depth of `w:r` runs: tabs and breaks count only inside one (elsewhere `w:tab` is a
    /// tab stop's definition).
    in_run: usize,
    /// Depth inside elements whose content is not the document's text: `mc:Fallback` (a
    /// copy of `mc:Choice`) and `w:pPrChange`/`w:rPrChange` (a tracked change's old
    /// properties, numbering included).
    skipping: usize,
}

impl<'a> Body<'a> {
    fn new(numbering: &'a Numbering, styles: &'a StyleNumbers) -> Body<'a> {
        Body {
            numbering,
            styles,
            counters: Counters::default(),
            builder: Builder::default(),
            paragraphs: Vec::new(),
            tables: Vec::new(),
            in_text: false,
            in_run: 0,
            skipping: 0,
        }
    }

    fn read(mut self, xml: &str) -> Result<(String, super::Places), InputError> {
        let mut reader = Reader::from_str(xml);
        loop {
            let event = reader
                .read_event()
                .map_err(|e| InputError::BadDocx(format!("word/document.xml: {e}")))?;
            match event {
                Event::Eof => break,
                Event::Start(e) => self.start(&e, false)?,
                Event::Empty(e) => self.start(&e, true)?,
                Event::End(e) => self.end(e.local_name().as_ref()),
                Event::Text(t) if self.in_text && self.skipping == 0 => {
                    let text = t.decode().map_err(|e| InputError::BadDocx(e.to_string()))?;
                    self.push_text(&text);
                }
                Event::CData(t) if self.in_text && self.skipping == 0 => {
                    self.push_text(&String::from_utf8_lossy(&t));
                }
                Event::GeneralRef(r) if self.in_text && self.skipping == 0 => {
                    let name = String::from_utf8_lossy(&r).into_owned();
                    if let Some(c) = reference(&name) {
                        self.push_text(c.encode_utf8(&mut [0; 4]));
                    }
                }
                _ => {}
            }
        }
        // A truncated document still gives what was read.
        while !self.paragraphs.is_empty() {
            self.end(b"p");
        }
        while !self.tables.is_empty() {
            self.end(b"tbl");
        }
        Ok(self.builder.finish())
    }

    fn push_text(&mut self, text: &str) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.text.push_str(text);
        }
    }

    fn start(&mut self, e: &BytesStart, empty: bool) -> Result<(), InputError> {
        let name = local(e);
        if self.skipping > 0 {
            if !empty {
                self.skipping += 1;
            }
            return Ok(());
        }
        match name.as_slice() {
            b"Fallback" | b"pPrChange" | b"rPrChange" | b"del" | b"moveFrom" if !empty => {
                self.skipping = 1;
            }
            b"p" => {
                if self.paragraphs.len() + self.tables.len() >= MAX_NESTING {
                    return Err(InputError::BadDocx("nested too deep".into()));
                }
                self.paragraphs.push(Paragraph::default());
                if empty {
                    self.end(b"p");
                }
            }
            b"pStyle" => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.style = attr(e, b"val");
                }
            }
            b"numId" => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.num_id = attr(e, b"val");
                }
            }
            b"ilvl" => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.ilvl = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
                }
            }
            b"r" if !empty => self.in_run += 1,
            b"t" if !empty => self.in_text = true,
            b"tab" if self.in_run > 0 => self.push_text("\t"),
            // A page or column break moves the text, it does not break the line.
            b"br" | b"cr"
                if self.in_run > 0
                    && !matches!(attr(e, b"type").as_deref(), Some("page" | "column")) =>
            {
                self.push_text("\n")
            }
            b"noBreakHyphen" if self.in_run > 0 => self.push_text("-"),
            b"tbl" => {
                if self.paragraphs.len() + self.tables.len() >= MAX_NESTING {
                    return Err(InputError::BadDocx("nested too deep".into()));
                }
                self.tables.push(Table::default());
                if empty {
                    self.end(b"tbl");
                }
            }
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row.clear();
                    t.grid_after = 0;
                }
                if empty {
                    self.end(b"tr");
                }
            }
            b"gridBefore" | b"gridAfter" => {
                let n = attr(e, b"val")
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(0)
                    .min(super::html::MAX_COLSPAN);
                if let Some(t) = self.tables.last_mut() {
                    if name.as_slice() == b"gridBefore" {
                        t.row.extend(std::iter::repeat_n(String::new(), n));
                    } else {
                        t.grid_after = n;
                    }
                }
            }
            b"tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Cell {
                        span: 1,
                        ..Cell::default()
                    };
                }
                if empty {
                    self.end(b"tc");
                }
            }
            b"gridSpan" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell.span = attr(e, b"val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .clamp(1, super::html::MAX_COLSPAN);
                }
            }
            b"vMerge" | b"hMerge" => {
                // Without a value, or with `continue`, the cell continues the merge.
                let continues = attr(e, b"val").is_none_or(|v| v != "restart");
                if let Some(t) = self.tables.last_mut() {
                    t.cell.covered = continues;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &[u8]) {
        if self.skipping > 0 {
            self.skipping -= 1;
            return;
        }
        match name {
            b"t" => self.in_text = false,
            b"r" => self.in_run = self.in_run.saturating_sub(1),
            b"p" => {
                let Some(p) = self.paragraphs.pop() else {
                    return;
                };
                let text = self.numbered(p);
                // A paragraph of a text box inside another paragraph, or of a cell, goes
                // where it sits; the others are the body's.
                if let Some(outer) = self.paragraphs.last_mut() {
                    outer.text.push_str(&text);
                } else if let Some(t) = self.tables.last_mut() {
                    t.cell.paragraphs.push(text);
                } else {
                    self.builder.paragraph(&text);
                }
            }
            b"tc" => {
                if let Some(t) = self.tables.last_mut() {
                    let cell = std::mem::take(&mut t.cell);
                    let text = if cell.covered {
                        String::new()
                    } else {
                        cell.paragraphs.join("\n")
                    };
                    t.row.push(text);
                    t.row
                        .extend(std::iter::repeat_n(String::new(), cell.span.max(1) - 1));
                }
            }
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let mut row = std::mem::take(&mut t.row);
                    row.extend(std::iter::repeat_n(String::new(), t.grid_after));
                    t.rows.push(row);
                }
            }
            b"tbl" => {
                let Some(table) = self.tables.pop() else {
                    return;
                };
                match self.tables.last_mut() {
                    // A table inside a cell is that cell's text, row by row.
                    Some(outer) => outer
                        .cell
                        .paragraphs
                        .extend(table.rows.iter().map(|r| r.join(" ").trim().to_string())),
                    None => self.builder.table(&table.rows),
                }
            }
            _ => {}
        }
    }

    /// The paragraph's text with the number Word draws before it.
    fn numbered(&mut self, p: Paragraph) -> String {
        let num = match p.num_id {
            Some(id) => Some((id, p.ilvl)),
            None => p.style.as_deref().and_then(|s| self.styles.of(s)),
        };
        let label = match num {
            // numId 0 takes a style's numbering away.
            Some((id, ilvl)) if id != "0" && !p.text.trim().is_empty() => {
                self.counters.next(self.numbering, &id, ilvl)
            }
            _ => None,
        };
        match label {
            Some(label) => label + &p.text,
            None => p.text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Place;
    use std::io::Write;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn package(document: &str, numbering: Option<&str>) -> Vec<u8> {
        let mut buffer = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buffer);
            let options = zip::write::SimpleFileOptions::default();
            zip.start_file("word/document.xml", options).unwrap();
            zip.write_all(document.as_bytes()).unwrap();
            if let Some(numbering) = numbering {
                zip.start_file("word/numbering.xml", options).unwrap();
                zip.write_all(numbering.as_bytes()).unwrap();
            }
            zip.finish().unwrap();
        }
        buffer.into_inner()
    }

    fn body(inner: &str) -> String {
        format!(r#"<?xml version="1.0"?><w:document {NS}><w:body>{inner}</w:body></w:document>"#)
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn paragraphs_and_merged_table_cells() {
        let table = r#"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>说明</w:t></w:r></w:p></w:tc>
<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>申请人情况</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
<w:tc><w:p><w:r><w:t>自然人</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>法人</w:t></w:r><w:r><w:br/><w:t>或其他组织</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl>"#;
        let xml = body(&format!(
            "{}<w:p/>{table}{}",
            p("某局2023年政府信息公开工作年度报告"),
            p("A &amp; B&#x4E00;")
        ));
        let doc = read(&package(&xml, None)).unwrap();
        assert_eq!(
            doc.text,
            "某局2023年政府信息公开工作年度报告\n\n说明\t申请人情况\t\n\t自然人\t法人或其他组织\nA & B一\n"
        );
        let at = |needle: &str| doc.places.at(doc.text.find(needle).unwrap()).unwrap().place;
        assert_eq!(
            at("法人"),
            Place::Cell {
                table: 1,
                row: 2,
                column: 3
            }
        );
        assert_eq!(at("A &"), Place::Paragraph { paragraph: 2 });
    }

    #[test]
    fn word_numbering_is_drawn_as_the_user_sees_it() {
        let numbering = format!(
            r#"<w:numbering {NS}><w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
        );
        let heading = |level: u8, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let xml = body(&format!(
            "{}{}{}{}{}",
            heading(0, "总体情况"),
            heading(1, "主动公开"),
            heading(1, "依申请公开"),
            heading(0, "主动公开政府信息情况"),
            heading(1, "规章"),
        ));
        let doc = read(&package(&xml, Some(&numbering))).unwrap();
        assert_eq!(
            doc.text,
            "一、总体情况\n（一）主动公开\n（二）依申请公开\n二、主动公开政府信息情况\n（一）规章\n"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        /// Any sequence of the elements a document is made of, well nested or not, is read
        /// or refused without a panic, and an extracted text keeps its places inside it.
        #[test]
        fn any_document_xml_is_read_or_refused(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "<w:p>", "</w:p>", "<w:p/>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "文字", "12",
                "<w:tbl>", "</w:tbl>", "<w:tr>", "</w:tr>", "<w:tc>", "</w:tc>",
                r#"<w:gridSpan w:val="3"/>"#, r#"<w:gridSpan w:val="99999999"/>"#, "<w:vMerge/>",
                r#"<w:vMerge w:val="restart"/>"#, r#"<w:gridBefore w:val="2"/>"#, "<w:tab/>",
                "<w:br/>", r#"<w:numPr><w:ilvl w:val="9"/><w:numId w:val="1"/></w:numPr>"#,
                "<mc:Fallback>", "</mc:Fallback>", "&amp;", "&#0;", "&bogus;",
            ]), 0..60),
        ) {
            let numbering = format!(
                r#"<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1%9、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
            );
            let xml = body(&parts.concat());
            if let Ok(doc) = read(&package(&xml, Some(&numbering))) {
                for segment in doc.places.segments() {
                    proptest::prop_assert!(segment.end <= doc.text.len());
                    proptest::prop_assert!(doc.text.is_char_boundary(segment.start));
                }
            }
        }
    }

    #[test]
    fn a_heading_style_linked_to_a_list_is_numbered() {
        let numbering = format!(
            r#"<w:numbering {NS}><w:abstractNum w:abstractNumId="5"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="2"><w:abstractNumId w:val="5"/></w:num></w:numbering>"#
        );
        let styles = format!(
            r#"<w:styles {NS}><w:style w:styleId="Base"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style><w:style w:styleId="H1"><w:basedOn w:val="Base"/></w:style></w:styles>"#
        );
        let styled = |text: &str| {
            format!(
                r#"<w:p><w:pPr><w:pStyle w:val="H1"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        // numId 0 on the paragraph takes the style's numbering away.
        let plain = r#"<w:p><w:pPr><w:pStyle w:val="H1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>"#;
        let xml = body(&format!(
            "{}{plain}{}",
            styled("总体情况"),
            styled("主动公开政府信息情况")
        ));
        let mut buffer = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buffer);
            let options = zip::write::SimpleFileOptions::default();
            for (name, part) in [
                ("word/document.xml", xml.as_str()),
                ("word/numbering.xml", numbering.as_str()),
                ("word/styles.xml", styles.as_str()),
            ] {
                zip.start_file(name, options).unwrap();
                zip.write_all(part.as_bytes()).unwrap();
            }
            zip.finish().unwrap();
        }
        let bytes = buffer.into_inner();
        let doc = read(&bytes).unwrap();
        assert_eq!(doc.text, "一、总体情况\n正文\n二、主动公开政府信息情况\n");
        // Without a name (standard input), a zip is read as the Word document it is.
        let doc = crate::input::read(&bytes, None, crate::input::Options::default()).unwrap();
        assert_eq!(doc.kind, Kind::Docx);
    }

    #[test]
    fn chinese_numbers() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (23, "二十三"),
            (105, "一百零五"),
            (110, "一百一十"),
        ];
        for (n, s) in cases {
            assert_eq!(chinese(n), s);
        }
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
    }

    #[test]
    fn broken_packages_are_one_error() {
        assert!(matches!(
            read(b"PK\x03\x04junk"),
            Err(InputError::BadDocx(_))
        ));
        let no_document = package("", None);
        let mut buffer = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buffer);
            zip.start_file("other.xml", zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.finish().unwrap();
        }
        assert!(matches!(
            read(&buffer.into_inner()),
            Err(InputError::BadDocx(m)) if m.contains("word/document.xml")
        ));
        // Malformed XML: an error, not a panic.
        assert!(read(&no_document).is_ok_and(|d| d.text.is_empty()));
        assert!(matches!(
            read(&package("<w:document><w:body><w:p></w:body>", None)),
            Err(InputError::BadDocx(_))
        ));
        let deep = body(&"<w:tbl><w:tr><w:tc>".repeat(200));
        assert!(read(&package(&deep, None)).is_err());
    }
}
