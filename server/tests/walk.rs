//! Directory walks as users run them: `.ignore` and `.gitignore` honoured, `--include` and
//! `--exclude` applied to what the walk finds (never to a file named on the command line), a
//! bad pattern a usage error in the message language.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const DRAFT: &str = "某某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n正文。\n";

fn nianbao(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the nianbao binary runs")
}

/// The files `check --format json ARGS` checked.
fn checked(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["check", "--no-config", "--format", "json"];
    all.extend(args);
    let output = nianbao(dir, &all);
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    value["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().replace('\\', "/"))
        .collect()
}

#[test]
fn ignore_files_and_globs_choose_what_a_walk_checks() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for file in ["2023.txt", "草稿/2022.md", "旧稿/2021.txt", "备份.txt"] {
        let path = root.join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, DRAFT).unwrap();
    }
    fs::create_dir(root.join(".git")).unwrap();
    fs::write(root.join(".gitignore"), "旧稿/\n").unwrap();
    fs::write(root.join(".ignore"), "备份.txt\n").unwrap();
    assert_eq!(checked(root, &[]), ["2023.txt", "草稿/2022.md"]);
    assert_eq!(checked(root, &["--include", "*.md"]), ["草稿/2022.md"]);
    assert_eq!(checked(root, &["--exclude", "草稿"]), ["2023.txt"]);
    assert_eq!(
        checked(root, &["--exclude", "草稿/*.md", "."]),
        ["2023.txt"]
    );
    // A file named on the command line is checked whatever the filters and ignore files say.
    assert_eq!(
        checked(root, &["--exclude", "*.txt", "备份.txt"]),
        ["备份.txt"]
    );
}

#[test]
fn a_bad_pattern_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = nianbao(dir.path(), &["check", "--include", "a["]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("无效的匹配模式“a[”"), "{stderr}");
}
