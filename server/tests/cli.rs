//! The `nianbao` binary as users run it: exit codes, output formats, configuration lookup
//! and I/O errors. These tests depend on as few rule findings as possible; where one is
//! needed they use a draft with only its first section, which lacks sections 二 to 六.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// A 2023 draft with only section 一: NB101 (section-missing, error) for the other five.
const DRAFT: &str = "某某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n正文。\n";

fn nianbao(dir: &Path, args: &[&str]) -> Output {
    nianbao_with_stdin(dir, args, None)
}

fn nianbao_with_stdin(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the nianbao binary runs");
    if let Some(bytes) = stdin {
        child
            .stdin
            .take()
            .expect("piped stdin")
            .write_all(bytes)
            .expect("write stdin");
    }
    child.wait_with_output().expect("nianbao finishes")
}

fn code(output: &Output) -> i32 {
    output
        .status
        .code()
        .expect("exited normally, not by a signal")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", stdout(output)))
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create directories");
    }
    fs::write(&path, contents).expect("write a file");
    path
}

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/seeds")
}

/// Every code reported, over all files of a JSON document.
fn codes(document: &Value) -> Vec<String> {
    document["files"]
        .as_array()
        .expect("files array")
        .iter()
        .flat_map(|f| {
            f["diagnostics"]
                .as_array()
                .expect("diagnostics array")
                .iter()
        })
        .map(|d| d["code"].as_str().expect("code string").to_string())
        .collect()
}

fn paths(document: &Value) -> Vec<String> {
    document["files"]
        .as_array()
        .expect("files array")
        .iter()
        .map(|f| f["path"].as_str().expect("path string").to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------
// Exit codes

#[test]
fn errors_found_exit_1_and_name_the_rule() {
    let dir = temp();
    write(dir.path(), "draft.txt", DRAFT);
    let out = nianbao(dir.path(), &["check", "draft.txt"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("draft.txt:"), "{text}");
    assert!(text.contains("error[NB101]"), "{text}");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn only_non_errors_exit_0() {
    let dir = temp();
    write(dir.path(), "nianbao.toml", "[rules]\nNB101 = \"warning\"\n");
    write(dir.path(), "draft.txt", DRAFT);
    let out = nianbao(dir.path(), &["check", "--format", "json", "draft.txt"]);
    let document = json(&out);
    let diagnostics = document["files"][0]["diagnostics"].as_array().unwrap();
    let nb101: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "NB101")
        .collect();
    assert!(!nb101.is_empty(), "NB101 is still reported");
    assert!(nb101.iter().all(|d| d["severity"] == "warning"));
    assert_eq!(code(&out), 0, "{diagnostics:?}");
}

#[test]
fn a_missing_file_exits_2_and_is_named() {
    let dir = temp();
    let out = nianbao(dir.path(), &["check", "no-such-report.txt"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no-such-report.txt"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn findings_for_good_files_are_printed_even_when_another_is_missing() {
    let dir = temp();
    write(dir.path(), "draft.txt", DRAFT);
    let out = nianbao(dir.path(), &["check", "gone.txt", "draft.txt"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("gone.txt"));
    assert!(stdout(&out).contains("error[NB101]"), "{}", stdout(&out));

    let out = nianbao(
        dir.path(),
        &["check", "--format", "json", "gone.txt", "draft.txt"],
    );
    assert_eq!(code(&out), 2);
    let document = json(&out);
    assert_eq!(paths(&document), ["draft.txt"]);
    assert_eq!(document["errors"][0]["path"], "gone.txt");
    assert!(document["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("gone.txt"));
}

/// `text` in UTF-16, little- or big-endian, with or without a byte order mark.
fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(&0xFEFFu16.to_le_bytes()[..]);
        if !little {
            out.reverse();
        }
    }
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

#[test]
fn gbk_and_utf16_files_are_checked_and_the_encoding_is_named() {
    let dir = temp();
    write(dir.path(), "utf8.txt", DRAFT);
    write(dir.path(), "gbk.txt", gbk(DRAFT));
    write(dir.path(), "le.txt", utf16(DRAFT, true, true));
    write(dir.path(), "be.txt", utf16(DRAFT, false, true));
    let expected = codes(&json(&nianbao(
        dir.path(),
        &["check", "--format", "json", "utf8.txt"],
    )));
    assert!(!expected.is_empty());
    for (name, encoding, origin) in [
        ("gbk.txt", "GBK", "detected"),
        ("le.txt", "UTF-16LE", "bom"),
        ("be.txt", "UTF-16BE", "bom"),
    ] {
        let out = nianbao(dir.path(), &["check", "--format", "json", name]);
        assert_eq!(code(&out), 1, "{name}: {}", stderr(&out));
        let document = json(&out);
        assert_eq!(codes(&document), expected, "{name}");
        let source = &document["files"][0]["source"];
        assert_eq!(source["kind"], "text");
        assert_eq!(source["encoding"], encoding, "{name}");
        assert_eq!(source["encoding_origin"], origin, "{name}");

        let out = nianbao(dir.path(), &["check", "--locale", "en", name]);
        let text = stdout(&out);
        assert!(
            text.starts_with(&format!("{name}: note: read as {encoding}")),
            "{text}"
        );
    }
    // A UTF-8 file says nothing about its encoding, in either format.
    let out = nianbao(dir.path(), &["check", "utf8.txt"]);
    assert!(!stdout(&out).contains("注："), "{}", stdout(&out));
    let out = nianbao(dir.path(), &["check", "--format", "json", "utf8.txt"]);
    assert!(json(&out)["files"][0].get("source").is_none());
}

#[test]
fn files_that_are_not_text_are_one_clear_error() {
    let dir = temp();
    write(dir.path(), "empty.txt", "");
    write(dir.path(), "blank.txt", "\n  \n");
    write(dir.path(), "nobom.txt", utf16(DRAFT, true, false));
    let mut elf = b"\x7fELF\x02\x01\x01\x00".to_vec();
    elf.extend((0..2000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    write(dir.path(), "program.txt", &elf);
    write(
        dir.path(),
        "old.doc",
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
    );
    for (name, en) in [
        ("empty.txt", "the file is empty"),
        ("blank.txt", "the file is empty"),
        ("nobom.txt", "UTF-16LE text without a byte order mark"),
        ("program.txt", "an executable program"),
        ("old.doc", "save it as .docx"),
    ] {
        let out = nianbao(dir.path(), &["check", "--locale", "en", name]);
        assert_eq!(code(&out), 2, "{name}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
        assert!(err.contains(name) && err.contains(en), "{name}: {err}");
        assert!(stdout(&out).is_empty(), "{name}: no findings");
        let out = nianbao(dir.path(), &["check", name]);
        assert!(stderr(&out).contains("错误："), "{}", stderr(&out));
    }
    // The encoding named by hand reads the file without a byte order mark.
    let out = nianbao(
        dir.path(),
        &["check", "--encoding", "utf-16le", "nobom.txt"],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    // And the wrong one is refused, not read as mojibake.
    write(dir.path(), "gbk.txt", gbk(DRAFT));
    let out = nianbao(dir.path(), &["check", "--encoding", "utf-8", "gbk.txt"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("UTF-8"), "{}", stderr(&out));
    assert_eq!(
        code(&nianbao(
            dir.path(),
            &["check", "--encoding", "klingon", "gbk.txt"]
        )),
        2
    );
}

#[test]
fn fix_writes_back_in_the_file_own_encoding_and_line_endings() {
    let dir = temp();
    // A header typo with a safe fix, in a draft with Windows line endings.
    let draft = format!("{DRAFT}\n二、主动公开政府信息情况\n\n第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年度止件数\t现行有效件数\n规章\t0\t0\t0\n")
        .replace('\n', "\r\n");
    let fixed = draft.replace("本年度止件数", "本年废止件数");
    assert_ne!(draft, fixed);
    let mut bom8 = b"\xEF\xBB\xBF".to_vec();
    bom8.extend_from_slice(draft.as_bytes());
    let mut bom8_fixed = b"\xEF\xBB\xBF".to_vec();
    bom8_fixed.extend_from_slice(fixed.as_bytes());
    let cases = [
        ("gbk.txt", gbk(&draft), gbk(&fixed)),
        (
            "le.txt",
            utf16(&draft, true, true),
            utf16(&fixed, true, true),
        ),
        (
            "be.txt",
            utf16(&draft, false, true),
            utf16(&fixed, false, true),
        ),
        ("bom8.txt", bom8, bom8_fixed),
    ];
    for (name, before, after) in cases {
        let path = write(dir.path(), name, &before);
        let out = nianbao(dir.path(), &["check", "--fix", name]);
        assert!(code(&out) < 2, "{name}: {}", stderr(&out));
        assert_eq!(fs::read(&path).unwrap(), after, "{name}");
    }
}

fn inputs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/inputs")
}

#[test]
fn word_documents_and_web_pages_are_located_by_paragraph_and_cell() {
    let dir = temp();
    let docx = fs::read(inputs_dir().join("planted-NB202-header-cell.docx")).unwrap();
    let html = fs::read(inputs_dir().join("planted-NB105-section-title.html")).unwrap();
    write(dir.path(), "报告.docx", &docx);
    write(dir.path(), "page.htm", &html);

    let out = nianbao(dir.path(), &["check", "报告.docx", "page.htm"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("报告.docx: 注：检查的是从 Word 文档中提取的文字"),
        "{text}"
    );
    assert!(
        text.contains("报告.docx:第1个表格 第2行 第3列: warning[NB202]"),
        "{text}"
    );
    assert!(text.contains("page.htm:第3段: warning[NB105]"), "{text}");
    // Nothing is offered to --fix that --fix would refuse.
    assert!(!text.contains("--fix 自动修复"), "{text}");

    let out = nianbao(
        dir.path(),
        &[
            "check",
            "--locale",
            "en",
            "--format",
            "json",
            "报告.docx",
            "page.htm",
        ],
    );
    let document = json(&out);
    let file = &document["files"][0];
    assert_eq!(file["source"]["kind"], "docx");
    let d = &file["diagnostics"][0];
    assert_eq!(d["code"], "NB202");
    assert_eq!(d["fixable"], false);
    assert_eq!(d["location"]["kind"], "cell");
    assert_eq!(d["location"]["table"], 1);
    assert_eq!(d["location"]["row"], 2);
    assert_eq!(d["location"]["column"], 3);
    assert_eq!(d["location"]["text"], "本年度止件数");
    let page = &document["files"][1];
    assert_eq!(page["source"]["kind"], "html");
    assert_eq!(page["source"]["encoding"], "UTF-8");
    assert_eq!(page["diagnostics"][0]["location"]["kind"], "paragraph");
    assert_eq!(page["diagnostics"][0]["location"]["paragraph"], 3);
    assert_eq!(document["summary"]["fixable"], 0);

    // A GitHub annotation's message names the cell: its line is one of the extracted text.
    let out = nianbao(dir.path(), &["check", "--format", "github", "报告.docx"]);
    assert!(
        stdout(&out).contains("::第1个表格 第2行 第3列：表头"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn fix_never_rewrites_a_word_document_or_a_web_page() {
    let dir = temp();
    let docx = fs::read(inputs_dir().join("planted-NB202-header-cell.docx")).unwrap();
    let html = fs::read(inputs_dir().join("planted-NB202-header-cell.html")).unwrap();
    let docx_path = write(dir.path(), "a.docx", &docx);
    let html_path = write(dir.path(), "a.html", &html);
    for (name, path, bytes, en) in [
        (
            "a.docx",
            &docx_path,
            &docx,
            "--fix never rewrites a Word document",
        ),
        (
            "a.html",
            &html_path,
            &html,
            "--fix never rewrites a web page",
        ),
    ] {
        let out = nianbao(dir.path(), &["check", "--locale", "en", "--fix", name]);
        assert_eq!(code(&out), 2, "{name}");
        assert!(stderr(&out).contains(en), "{}", stderr(&out));
        // The findings are still reported, and the file is untouched.
        assert!(stdout(&out).contains("NB202"), "{}", stdout(&out));
        assert_eq!(&fs::read(path).unwrap(), bytes, "{name}");
    }
}

#[test]
fn a_directory_without_reports_exits_2() {
    let dir = temp();
    fs::create_dir(dir.path().join("empty")).unwrap();
    write(dir.path(), "empty/notes.pdf", "not a report");
    let out = nianbao(dir.path(), &["check", "empty"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("empty"), "{}", stderr(&out));
}

#[test]
fn bad_arguments_exit_2() {
    let dir = temp();
    assert_eq!(code(&nianbao(dir.path(), &["check", "--format", "xml"])), 2);
    assert_eq!(
        code(&nianbao(dir.path(), &["check", "--layout", "2020"])),
        2
    );
    assert_eq!(code(&nianbao(dir.path(), &["check", "--locale", "fr"])), 2);
    assert_eq!(code(&nianbao(dir.path(), &["frobnicate"])), 2);
}

// ---------------------------------------------------------------------------------------
// Inputs

#[test]
fn directories_are_walked_for_reports_only() {
    let dir = temp();
    for name in [
        "a.txt",
        "b.md",
        "sub/c.markdown",
        "sub/deeper/d.TXT",
        "sub/notes.pdf",
        "sub/old.doc",
        ".hidden/e.txt",
        "target/f.txt",
        "node_modules/g.txt",
    ] {
        write(dir.path(), name, DRAFT);
    }
    let docx = fs::read(inputs_dir().join("clean-2023-format2021-tab.docx")).unwrap();
    let html = fs::read(inputs_dir().join("clean-2023-format2021-tab.html")).unwrap();
    write(dir.path(), "sub/w.docx", docx);
    write(dir.path(), "sub/p.htm", html);
    // Found by the walk but not reports: skipped and counted, never told they lack sections.
    write(
        dir.path(),
        "README.md",
        "# Drafts\n\nThe 2023 reports, one file each.\n",
    );
    write(dir.path(), "notes.txt", "会议纪要\n\n一、总体情况\n");
    write(dir.path(), "empty.txt", "");
    write(
        dir.path(),
        "sub/tool.txt",
        b"\x7fELF\x02\x01\x01\x00\x00\x00",
    );
    let out = nianbao(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let document = json(&out);
    let mut found = paths(&document);
    found.sort();
    assert_eq!(
        found,
        [
            "a.txt",
            "b.md",
            "sub/c.markdown",
            "sub/deeper/d.TXT",
            "sub/p.htm",
            "sub/w.docx"
        ]
    );
    assert_eq!(document["summary"]["skipped"], 4);
    assert!(document["errors"].as_array().unwrap().is_empty());

    // No path means the current directory.
    let out = nianbao(dir.path(), &["check", "--format", "json"]);
    assert_eq!(paths(&json(&out)).len(), 6);

    let out = nianbao(dir.path(), &["check", "--locale", "en", "."]);
    let text = stdout(&out);
    assert!(
        text.trim_end()
            .ends_with("6 files checked, 4 skipped as not a report."),
        "{text}"
    );
    assert!(!text.contains("README.md"), "{text}");

    // Named on the command line, a file is checked whatever it holds.
    let out = nianbao(dir.path(), &["check", "--format", "json", "README.md"]);
    assert_eq!(paths(&json(&out)), ["README.md"]);
}

#[test]
fn a_file_named_explicitly_is_checked_whatever_its_extension() {
    let dir = temp();
    write(dir.path(), "draft.report", DRAFT);
    let out = nianbao(dir.path(), &["check", "--format", "json", "draft.report"]);
    assert_eq!(code(&out), 1);
    assert_eq!(paths(&json(&out)), ["draft.report"]);
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let dir = temp();
    let out = nianbao_with_stdin(
        dir.path(),
        &["check", "--format", "json", "-"],
        Some(DRAFT.as_bytes()),
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let document = json(&out);
    assert_eq!(paths(&document), ["-"]);
    assert!(codes(&document).iter().any(|c| c == "NB101"));

    let out = nianbao_with_stdin(dir.path(), &["check", "-"], Some(DRAFT.as_bytes()));
    assert!(stdout(&out).contains("<stdin>:"), "{}", stdout(&out));

    // Standard input is decoded as a file is: GBK is read, an executable refused.
    let out = nianbao_with_stdin(dir.path(), &["check", "-"], Some(&gbk(DRAFT)));
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("<stdin>: 注：按 GBK 编码读取"),
        "{}",
        stdout(&out)
    );
    let out = nianbao_with_stdin(
        dir.path(),
        &["check", "-"],
        Some(b"\x7fELF\x02\x01\x01\x00"),
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("可执行程序"), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------
// Output formats

/// Checks one `{ "line", "column" }` pair and the range around it.
fn assert_range(range: &Value, what: &str) {
    for end in ["start", "end"] {
        let position = &range[end];
        assert!(
            position["line"].as_u64().is_some_and(|l| l >= 1),
            "{what}: {range}"
        );
        assert!(
            position["column"].as_u64().is_some_and(|c| c >= 1),
            "{what}: {range}"
        );
    }
    let start = (
        range["start"]["line"].as_u64(),
        range["start"]["column"].as_u64(),
    );
    let end = (
        range["end"]["line"].as_u64(),
        range["end"]["column"].as_u64(),
    );
    assert!(start <= end, "{what}: range runs backwards: {range}");
}

fn assert_span(span: &Value, text_len: usize, what: &str) {
    let start = span["start"].as_u64().expect("span.start") as usize;
    let end = span["end"].as_u64().expect("span.end") as usize;
    assert!(
        start <= end && end <= text_len,
        "{what}: {span} in {text_len} bytes"
    );
}

/// The whole version-1 schema of docs/json-output.md, for one document.
fn assert_schema(document: &Value, texts: &[(&str, &str)]) {
    assert_eq!(document["version"], 1);
    let files = document["files"].as_array().expect("files");
    let mut counted = [0usize; 5];
    for file in files {
        let path = file["path"].as_str().expect("path");
        let text = texts
            .iter()
            .find(|(p, _)| *p == path)
            .map_or_else(|| panic!("unexpected path {path}"), |(_, t)| *t);
        for d in file["diagnostics"].as_array().expect("diagnostics") {
            let code = d["code"].as_str().expect("code");
            assert!(code.len() == 5 && code.starts_with("NB"), "{code}");
            assert!(d["name"].as_str().is_some_and(|n| !n.is_empty()));
            let severity = d["severity"].as_str().expect("severity");
            let slot = ["error", "warning", "info", "hint"]
                .iter()
                .position(|s| *s == severity)
                .unwrap_or_else(|| panic!("severity {severity}"));
            counted[slot] += 1;
            assert!(d["message"].as_str().is_some_and(|m| !m.is_empty()));
            assert_span(&d["span"], text.len(), code);
            assert_range(&d["range"], code);
            let fixable = d["fixable"].as_bool().expect("fixable");
            let fixes = d["fixes"].as_array().expect("fixes");
            if fixable {
                counted[4] += 1;
            }
            assert_eq!(fixable, fixes.iter().any(|f| f["applicability"] == "safe"));
            for fix in fixes {
                assert!(fix["title"].as_str().is_some_and(|t| !t.is_empty()));
                assert!(["safe", "unsafe"].contains(&fix["applicability"].as_str().unwrap()));
                for edit in fix["edits"].as_array().expect("edits") {
                    assert_span(&edit["span"], text.len(), code);
                    assert_range(&edit["range"], code);
                    assert!(edit["replacement"].is_string());
                }
            }
            for related in d["related"].as_array().expect("related") {
                assert_span(&related["span"], text.len(), code);
                assert_range(&related["range"], code);
                assert!(related["message"].is_string());
            }
        }
    }
    let summary = &document["summary"];
    assert_eq!(summary["files"], files.len());
    assert_eq!(summary["errors"], counted[0]);
    assert_eq!(summary["warnings"], counted[1]);
    assert_eq!(summary["infos"], counted[2]);
    assert_eq!(summary["hints"], counted[3]);
    assert_eq!(summary["fixable"], counted[4]);
    assert!(summary["fixed"].is_u64());
    assert!(document["errors"].is_array());
}

#[test]
fn json_output_follows_the_documented_schema() {
    let dir = temp();
    write(dir.path(), "draft.txt", DRAFT);
    let out = nianbao(dir.path(), &["check", "--format", "json", "draft.txt"]);
    let document = json(&out);
    assert_schema(&document, &[("draft.txt", DRAFT)]);
    assert!(document["summary"]["errors"].as_u64().unwrap() >= 1);
}

#[test]
fn json_output_follows_the_schema_on_the_bundled_seeds() {
    let seeds = seeds_dir();
    let out = nianbao(&seeds, &["check", "--format", "json", "."]);
    assert_ne!(code(&out), 2, "{}", stderr(&out));
    let document = json(&out);
    let texts: Vec<(String, String)> = paths(&document)
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(seeds.join(&p)).unwrap();
            (p, text)
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = texts
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    assert!(!borrowed.is_empty());
    assert_schema(&document, &borrowed);
}

#[test]
fn json_ranges_count_characters_not_bytes() {
    let dir = temp();
    write(dir.path(), "draft.txt", DRAFT);
    let document = json(&nianbao(
        dir.path(),
        &["check", "--format", "json", "draft.txt"],
    ));
    for d in document["files"][0]["diagnostics"].as_array().unwrap() {
        let start = d["span"]["start"].as_u64().unwrap() as usize;
        let before = &DRAFT[..start];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
        assert_eq!(d["range"]["start"]["line"], line);
        assert_eq!(d["range"]["start"]["column"], column);
    }
}

/// Whether `nianbao check draft.txt` colours its output through a pipe with these variables.
fn coloured_through_a_pipe(dir: &Path, vars: &[(&str, &str)]) -> bool {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "draft.txt"])
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .envs(vars.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("the nianbao binary runs");
    assert_eq!(code(&out), 1);
    out.stdout.contains(&0x1b)
}

#[test]
fn colour_follows_the_terminal_no_color_and_clicolor_force() {
    let dir = temp();
    write(dir.path(), "draft.txt", DRAFT);
    assert!(!coloured_through_a_pipe(dir.path(), &[]), "not a terminal");
    assert!(coloured_through_a_pipe(
        dir.path(),
        &[("CLICOLOR_FORCE", "1")]
    ));
    assert!(
        !coloured_through_a_pipe(dir.path(), &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]),
        "NO_COLOR wins"
    );
    assert!(!coloured_through_a_pipe(dir.path(), &[("NO_COLOR", "1")]));
}

#[test]
fn human_output_has_locations_snippets_and_a_summary() {
    let dir = temp();
    write(dir.path(), "draft.txt", DRAFT);
    let out = nianbao(dir.path(), &["check", "draft.txt"]);
    let text = stdout(&out);
    assert!(!text.contains('\x1b'), "no colour when piped: {text:?}");
    let lines: Vec<&str> = text.lines().collect();
    let headline = lines
        .iter()
        .position(|l| l.starts_with("draft.txt:"))
        .expect("a finding");
    let head = lines[headline];
    let rest = head.strip_prefix("draft.txt:").unwrap();
    let mut parts = rest.splitn(3, ':');
    let line: usize = parts.next().unwrap().parse().expect("line number");
    let _column: usize = parts.next().unwrap().parse().expect("column number");
    assert!(parts.next().unwrap().starts_with(" error[NB"), "{head}");
    assert!(
        lines[headline + 1].starts_with(&format!("{line} | ")),
        "{text}"
    );
    assert!(lines[headline + 2].contains('^'), "{text}");
    let summary = lines.last().unwrap();
    assert!(
        summary.starts_with("共 ") && summary.contains("检查了 1 个文件"),
        "{summary}"
    );
}

#[test]
fn locale_en_changes_messages_and_summary() {
    let dir = temp();
    write(dir.path(), "draft.txt", DRAFT);
    let zh = json(&nianbao(
        dir.path(),
        &["check", "--format", "json", "draft.txt"],
    ));
    let en = json(&nianbao(
        dir.path(),
        &["check", "--format", "json", "--locale", "en", "draft.txt"],
    ));
    let message = |doc: &Value| doc["files"][0]["diagnostics"][0]["message"].clone();
    assert_ne!(message(&zh), message(&en));

    let out = nianbao(dir.path(), &["check", "--locale", "en", "draft.txt"]);
    let summary = stdout(&out).lines().last().unwrap().to_string();
    assert!(summary.contains("1 file checked."), "{summary}");

    write(
        dir.path(),
        "clean/nianbao.toml",
        "locale = \"en\"\n[rules]\nNB101 = \"off\"\n",
    );
    write(dir.path(), "clean/draft.txt", DRAFT);
    let out = nianbao(
        &dir.path().join("clean"),
        &["check", "--locale", "zh-CN", "draft.txt"],
    );
    let summary = stdout(&out).lines().last().unwrap().to_string();
    assert!(
        summary.contains("检查了 1 个文件"),
        "the flag wins over the file: {summary}"
    );
}

// ---------------------------------------------------------------------------------------
// Configuration

#[test]
fn nianbao_toml_is_found_walking_up_from_the_file() {
    let dir = temp();
    write(dir.path(), "nianbao.toml", "[rules]\nNB101 = \"off\"\n");
    write(dir.path(), "reports/2023/draft.txt", DRAFT);

    // Run from elsewhere: the file's own directories decide, not the current one.
    let elsewhere = temp();
    let file = dir.path().join("reports/2023/draft.txt");
    let out = nianbao(
        elsewhere.path(),
        &["check", "--format", "json", file.to_str().unwrap()],
    );
    let document = json(&out);
    assert!(!codes(&document).iter().any(|c| c == "NB101"), "{document}");
    assert_eq!(code(&out), 0, "{document}");

    let out = nianbao(
        elsewhere.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            file.to_str().unwrap(),
        ],
    );
    assert!(codes(&json(&out)).iter().any(|c| c == "NB101"));
    assert_eq!(code(&out), 1);
}

#[test]
fn the_nearest_nianbao_toml_wins() {
    let dir = temp();
    write(dir.path(), "nianbao.toml", "[rules]\nNB101 = \"off\"\n");
    write(
        dir.path(),
        "strict/nianbao.toml",
        "[rules]\nsection-missing = \"error\"\n",
    );
    write(dir.path(), "strict/draft.txt", DRAFT);
    write(dir.path(), "lenient/draft.txt", DRAFT);
    let out = nianbao(dir.path(), &["check", "--format", "json", "."]);
    let document = json(&out);
    for file in document["files"].as_array().unwrap() {
        let has_nb101 = file["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "NB101");
        let path = file["path"].as_str().unwrap();
        assert_eq!(has_nb101, path.starts_with("strict"), "{path}");
    }
}

#[test]
fn standard_input_uses_the_current_directory_configuration() {
    let dir = temp();
    write(dir.path(), "nianbao.toml", "[rules]\nNB101 = \"off\"\n");
    let out = nianbao_with_stdin(
        dir.path(),
        &["check", "--format", "json", "-"],
        Some(DRAFT.as_bytes()),
    );
    assert!(!codes(&json(&out)).iter().any(|c| c == "NB101"));
}

#[test]
fn a_broken_nianbao_toml_is_a_usage_error() {
    let dir = temp();
    write(dir.path(), "nianbao.toml", "[rules]\nNB999 = \"off\"\n");
    write(dir.path(), "draft.txt", DRAFT);
    let out = nianbao(dir.path(), &["check", "draft.txt"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("nianbao.toml"), "{err}");
    assert!(err.contains("NB999"), "{err}");
    assert!(
        stdout(&out).is_empty(),
        "nothing is checked with broken settings"
    );

    write(dir.path(), "nianbao.toml", "[rules\n");
    let out = nianbao(dir.path(), &["check", "--locale", "en", "draft.txt"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("invalid configuration"),
        "{}",
        stderr(&out)
    );

    // --no-config skips it.
    assert_eq!(
        code(&nianbao(dir.path(), &["check", "--no-config", "draft.txt"])),
        1
    );
}

#[test]
fn layout_is_accepted_and_overrides_the_file() {
    let dir = temp();
    write(dir.path(), "nianbao.toml", "layout = \"2019\"\n");
    write(dir.path(), "draft.txt", DRAFT);
    for layout in ["2019", "2021", "auto"] {
        let out = nianbao(dir.path(), &["check", "--layout", layout, "draft.txt"]);
        assert_eq!(code(&out), 1, "--layout {layout}: {}", stderr(&out));
    }
}

// ---------------------------------------------------------------------------------------
// --fix

#[test]
fn fix_leaves_a_draft_without_safe_fixes_untouched() {
    let dir = temp();
    let path = write(dir.path(), "draft.txt", DRAFT);
    let out = nianbao(dir.path(), &["check", "--fix", "draft.txt"]);
    assert_eq!(code(&out), 1);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        DRAFT,
        "unsafe fixes never run"
    );
}

#[test]
fn fix_on_the_seeds_leaves_utf8_text_with_nothing_left_to_fix() {
    let dir = temp();
    let mut copied = Vec::new();
    for entry in fs::read_dir(seeds_dir()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if name.ends_with(".txt") {
            let path = write(dir.path(), &name, fs::read(entry.path()).unwrap());
            copied.push(path);
        }
    }
    assert!(!copied.is_empty(), "the seeds are bundled");

    let before = json(&nianbao(dir.path(), &["check", "--format", "json", "."]));
    let out = nianbao(dir.path(), &["check", "--fix", "--format", "json", "."]);
    assert_ne!(code(&out), 2, "{}", stderr(&out));
    let fixed = json(&out);
    assert_eq!(fixed["summary"]["files"], before["summary"]["files"]);

    for path in &copied {
        let bytes = fs::read(path).unwrap();
        assert!(
            String::from_utf8(bytes).is_ok(),
            "{} is still UTF-8",
            path.display()
        );
    }
    let after = json(&nianbao(dir.path(), &["check", "--format", "json", "."]));
    // What --fix reported as remaining is what a plain check finds afterwards.
    let mut remaining = fixed["summary"].clone();
    remaining["fixed"] = Value::from(0);
    assert_eq!(after["summary"], remaining);
    assert_eq!(after["summary"]["fixable"], 0, "{}", after["summary"]);
    let fixable_before = before["summary"]["fixable"].as_u64().unwrap();
    assert_eq!(
        fixed["summary"]["fixed"].as_u64().unwrap() > 0,
        fixable_before > 0
    );

    // A second --fix has nothing to do and changes no byte.
    let contents: Vec<Vec<u8>> = copied.iter().map(|p| fs::read(p).unwrap()).collect();
    let again = json(&nianbao(
        dir.path(),
        &["check", "--fix", "--format", "json", "."],
    ));
    assert_eq!(again["summary"]["fixed"], 0);
    let unchanged: Vec<Vec<u8>> = copied.iter().map(|p| fs::read(p).unwrap()).collect();
    assert_eq!(contents, unchanged);
}

#[test]
fn fix_on_standard_input_prints_the_fixed_text() {
    let dir = temp();
    let out = nianbao_with_stdin(dir.path(), &["check", "--fix", "-"], Some(DRAFT.as_bytes()));
    assert_eq!(code(&out), 1);
    assert_eq!(stdout(&out), DRAFT, "stdout carries the text only");
    assert!(stderr(&out).contains("NB101"), "the report goes to stderr");
}

/// A seed with one safe fix (NB202, a typo in a header) and one unsafe one (NB401, the fee
/// statement).
fn seed_004() -> String {
    fs::read_to_string(seeds_dir().join("004_0413918a63fee9e6.txt")).unwrap()
}

#[test]
fn diff_shows_what_fix_would_write_and_writes_nothing() {
    let dir = temp();
    let path = write(dir.path(), "年报.txt", seed_004());
    let out = nianbao(dir.path(), &["check", "--diff", "年报.txt"]);
    assert_eq!(code(&out), 1, "a file would change: {}", stderr(&out));
    let diff = stdout(&out);
    assert!(
        diff.starts_with("--- a/年报.txt\n+++ b/年报.txt\n@@ "),
        "{diff}"
    );
    assert!(
        diff.contains("本年度止件数") && diff.contains("+信息内容"),
        "{diff}"
    );
    assert!(
        !diff.contains("信息处理费"),
        "unsafe fixes are not shown: {diff}"
    );
    assert!(stderr(&out).contains("未写入"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&path).unwrap(), seed_004());
    // With --unsafe-fixes the diff has the fee statement too; a clean draft has no diff.
    let out = nianbao(
        dir.path(),
        &["check", "--diff", "--unsafe-fixes", "年报.txt"],
    );
    assert!(
        stdout(&out).contains("+本年度未收取信息处理费"),
        "{}",
        stdout(&out)
    );
    write(dir.path(), "clean.txt", fs::read(clean_2023()).unwrap());
    let out = nianbao(dir.path(), &["check", "--diff", "clean.txt"]);
    assert_eq!((code(&out), stdout(&out).as_str()), (0, ""));
}

fn clean_2023() -> PathBuf {
    seeds_dir().join("../clean/2023-format2021-tab.txt")
}

#[test]
fn unsafe_fixes_are_applied_only_when_asked() {
    let dir = temp();
    let path = write(dir.path(), "年报.txt", seed_004());
    nianbao(dir.path(), &["check", "--fix", "年报.txt"]);
    let safe = fs::read_to_string(&path).unwrap();
    assert!(safe.contains("本年废止件数") && !safe.contains("未收取信息处理费"));
    let out = nianbao(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "年报.txt"],
    );
    let fixed = fs::read_to_string(&path).unwrap();
    assert!(fixed.contains("本年度未收取信息处理费"), "{fixed}");
    assert!(!stdout(&out).contains("NB401"), "{}", stdout(&out));
}

#[test]
fn fix_writes_whole_keeping_bom_line_endings_and_permissions() {
    let dir = temp();
    let text = format!("\u{FEFF}{}", seed_004().replace('\n', "\r\n"));
    let path = write(dir.path(), "年报.txt", &text);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o604)).unwrap();
    }
    let out = nianbao(dir.path(), &["check", "--fix", "年报.txt"]);
    assert_ne!(code(&out), 2, "{}", stderr(&out));
    let fixed = fs::read_to_string(&path).unwrap();
    assert_ne!(fixed, text, "the safe fix was applied");
    assert!(fixed.starts_with('\u{FEFF}'), "the BOM stays");
    assert_eq!(
        fixed.matches('\n').count(),
        fixed.matches("\r\n").count(),
        "every line break stays CRLF"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o604);
    }
    // Only the draft is in the directory: no temporary file is left.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// Makes `dir` refuse new files (chmod for a user, the immutable attribute for root, who
/// ignores modes). Returns false, saying so, when neither works here.
fn make_unwritable(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
        let probe = dir.join(".probe");
        if fs::write(&probe, "").is_err() {
            return true;
        }
        let _ = fs::remove_file(&probe);
        let immutable = Command::new("chattr").arg("+i").arg(dir).status();
        if immutable.is_ok_and(|s| s.success()) && fs::write(&probe, "").is_err() {
            return true;
        }
    }
    eprintln!("NOTE: cannot make a directory unwritable on this machine; the unwritable-file case is not exercised");
    false
}

fn make_writable(dir: &Path) {
    let _ = Command::new("chattr").arg("-i").arg(dir).status();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn a_file_that_cannot_be_written_is_named_and_the_others_are_fixed() {
    let dir = temp();
    let locked = write(dir.path(), "locked/年报.txt", seed_004());
    let open = write(dir.path(), "open/年报.txt", seed_004());
    if !make_unwritable(&dir.path().join("locked")) {
        make_writable(&dir.path().join("locked"));
        return;
    }
    let out = nianbao(
        dir.path(),
        &["check", "--fix", "locked/年报.txt", "open/年报.txt"],
    );
    make_writable(&dir.path().join("locked"));
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("locked/年报.txt"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&locked).unwrap(), seed_004());
    assert!(fs::read_to_string(&open).unwrap().contains("本年废止件数"));
}

#[test]
fn a_forced_layout_against_the_year_is_a_warning_and_fixes_nothing() {
    let dir = temp();
    let path = write(dir.path(), "clean.txt", fs::read(clean_2023()).unwrap());
    let before = fs::read(&path).unwrap();
    let out = nianbao(
        dir.path(),
        &["check", "--layout", "2019", "--fix", "clean.txt"],
    );
    assert!(stderr(&out).contains("不符"), "{}", stderr(&out));
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "no fix follows a forced layout"
    );
    let out = nianbao(dir.path(), &["check", "--layout", "2021", "clean.txt"]);
    assert!(!stderr(&out).contains("不符"), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------
// explain and rules

#[test]
fn explain_prints_the_rule_document() {
    let dir = temp();
    let out = nianbao(dir.path(), &["explain", "NB101"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.starts_with("NB101 section-missing\n"), "{text}");
    assert!(text.contains("默认级别：error"), "{text}");

    let by_name = nianbao(
        dir.path(),
        &["explain", "section-missing", "--locale", "en"],
    );
    assert_eq!(code(&by_name), 0);
    assert!(stdout(&by_name).contains("Default severity: error"));
    assert!(stdout(&by_name).contains("A mandatory section is missing"));
}

#[test]
fn explain_an_unknown_rule_exits_2_and_says_how_to_list_rules() {
    let dir = temp();
    let out = nianbao(dir.path(), &["explain", "NB999"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("nianbao rules"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn rules_lists_every_rule_once() {
    let dir = temp();
    let out = nianbao(dir.path(), &["rules", "--format", "json"]);
    assert_eq!(code(&out), 0);
    let rules = json(&out);
    let rules = rules.as_array().expect("an array of rules");
    let mut seen = std::collections::HashSet::new();
    for rule in rules {
        let code = rule["code"].as_str().unwrap();
        assert!(seen.insert(code.to_string()), "{code} listed twice");
        assert!(
            rule["name"].is_string() && rule["severity"].is_string() && rule["title"].is_string()
        );
    }
    assert!(seen.contains("NB101") && seen.contains("NB401"));

    let human = nianbao(dir.path(), &["rules"]);
    assert_eq!(stdout(&human).lines().count(), rules.len());
    let all = nianbao(dir.path(), &["explain", "--all"]);
    assert_eq!(stdout(&all), stdout(&human));
}

#[test]
fn a_folder_is_checked_on_every_core_and_reported_in_path_order() {
    // Enough files that several are checked at once, named so that their order differs
    // from the order they were written in; some checked, some skipped, one unreadable.
    let dir = temp();
    let count = 300;
    for i in (0..count).rev() {
        let body = if i % 7 == 0 {
            "不是年报的笔记。\n".to_string()
        } else {
            DRAFT.replace("某某局", &format!("第{i}局"))
        };
        write(dir.path(), &format!("r{i:03}.txt"), body);
    }
    write(dir.path(), "r500.txt", [0xff, 0xfe, 0x00, 0xd8, 0x00]);
    let first = nianbao(dir.path(), &["check", "--format", "json", "."]);
    let second = nianbao(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(stdout(&first), stdout(&second), "the same output every run");
    let document = json(&first);
    let listed = paths(&document);
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(listed, sorted, "files in path order");
    let checked = (0..count).filter(|i| i % 7 != 0).count();
    assert_eq!(listed.len(), checked, "notes skipped, drafts checked");
    // The notes, and the file of random bytes the walk found: not reports, skipped.
    assert_eq!(document["summary"]["skipped"], count - checked + 1);
}

/// Runs `nianbao ARGS` in a pseudo-terminal (util-linux `script`), its standard output thrown
/// away: what the terminal shows is what it wrote on standard error.
fn in_terminal(dir: &Path, args: &str) -> String {
    let command = format!("'{}' {args} >/dev/null", env!("CARGO_BIN_EXE_nianbao"));
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("`script` (util-linux) runs: the progress bar is tested in a real terminal");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_long_run_shows_progress_in_a_terminal_only() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..250 {
        fs::write(dir.path().join(format!("r{i:03}.md")), DRAFT).unwrap();
    }
    let shown = in_terminal(dir.path(), "check .");
    assert!(
        shown.contains("已检查") && shown.contains("/250 个文件"),
        "{shown:?}"
    );
    // Taken off the screen at the end: the last thing drawn clears the line.
    assert!(shown.trim_end().ends_with("\u{1b}[2K"), "{shown:?}");
    let quiet = in_terminal(dir.path(), "check --quiet .");
    assert!(!quiet.contains("已检查"), "{quiet:?}");
    let english = in_terminal(dir.path(), "--locale en check .");
    assert!(english.contains("/250 files"), "{english:?}");
    // Not in a pipe; and --quiet also drops the summary line.
    let piped = nianbao(dir.path(), &["check", "."]);
    assert!(!String::from_utf8_lossy(&piped.stderr).contains("已检查"));
    let stdout = String::from_utf8_lossy(&piped.stdout).into_owned();
    let quiet = nianbao(dir.path(), &["check", "-q", "."]);
    let quiet_stdout = String::from_utf8_lossy(&quiet.stdout).into_owned();
    assert!(stdout.starts_with(&quiet_stdout) && stdout.len() > quiet_stdout.len());
    assert_eq!(quiet.status.code(), Some(1));
}

#[test]
fn a_reader_that_goes_away_ends_the_run_quietly() {
    // `nianbao check . | head -1`: the output closes after the first line; the run stops
    // without an error message or a panic, and without checking the rest first.
    let dir = temp();
    for i in 0..400 {
        write(dir.path(), &format!("r{i:03}.txt"), DRAFT);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "."])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.trim().is_empty(),
        "nothing to say to a reader that left: {stderr}"
    );
}
