//! `nianbao new` as users run it: a draft on standard output or in a new file (never over an
//! existing one), in the style its name asks for, which `nianbao check` then finds nothing in
//! but the placeholders the author has to fill.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn nianbao(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the nianbao binary runs")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

/// The codes `nianbao check --format json` finds in `file`.
fn codes(dir: &Path, file: &str) -> Vec<String> {
    let output = nianbao(dir, &["check", "--no-config", "--format", "json", file]);
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    value["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_fresh_draft_checks_with_nothing_but_its_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    for year in ["2019", "2020", "2021", "2023", "2025"] {
        for (name, agency) in [("md", None), ("txt", Some("某某市某某局"))] {
            let file = format!("{year}.{name}");
            let mut args = vec!["new", "--year", year, "--output", &file];
            if let Some(agency) = agency {
                args.extend(["--agency", agency]);
            }
            let output = nianbao(dir.path(), &args);
            assert_eq!(
                code(&output),
                0,
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(output.stdout.is_empty());
            let found = codes(dir.path(), &file);
            assert!(!found.is_empty(), "{file}: the placeholders are flagged");
            assert!(
                found.iter().all(|c| c == "NB403"),
                "{file}: only placeholders, got {found:?}"
            );
            let text = fs::read_to_string(dir.path().join(&file)).unwrap();
            // The style follows the file's name: pipe tables in Markdown, tabs otherwise.
            assert_eq!(text.contains("| 行政处罚 | 0 |"), name == "md", "{file}");
            assert_eq!(text.contains("行政处罚\t0"), name == "txt", "{file}");
            if let Some(agency) = agency {
                assert!(text.starts_with(&format!("{agency}{year}年")), "{file}");
            }
        }
    }
}

#[test]
fn standard_output_by_default_and_the_style_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let output = nianbao(
        dir.path(),
        &["new", "--year", "2022", "--style", "markdown"],
    );
    assert_eq!(code(&output), 0);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("# XX2022年"), "{text}");
    assert!(text.contains("## 六、"), "{text}");
    // No year: the report year in progress, which is this year or last.
    let output = nianbao(dir.path(), &["new"]);
    assert_eq!(code(&output), 0);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("XX20"), "{text}");
    assert!(
        fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing written"
    );
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("年报.txt");
    fs::write(&path, "已经写了一半的稿子").unwrap();
    let output = nianbao(dir.path(), &["new", "-o", "年报.txt"]);
    assert_eq!(code(&output), 2);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("年报.txt：文件已存在，不会覆盖"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "已经写了一半的稿子");
    let output = nianbao(dir.path(), &["new", "-o", "年报.txt", "--locale", "en"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("the file exists; not overwritten"),
        "{stderr}"
    );
}

#[test]
fn years_without_a_national_format_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for year in ["2018", "3000"] {
        let output = nianbao(dir.path(), &["new", "--year", year]);
        assert_eq!(code(&output), 2, "{year}");
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("全国统一格式自 2019 年度起"), "{stderr}");
    }
    let output = nianbao(dir.path(), &["new", "--agency", "  "]);
    assert_eq!(code(&output), 2);
}
