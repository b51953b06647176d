//! Errors about files and settings speak the message language: a Chinese run has no English
//! system error or configuration message in it, an English run keeps the system's words.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const DRAFT: &str = "某某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n正文。\n";

fn nianbao(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the nianbao binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn configuration_errors_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("draft.txt"), DRAFT).unwrap();
    let cases = [
        ("layout = \"2020\"\n", "layout 应为", "layout must be"),
        (
            "[rules]\nNB999 = \"off\"\n",
            "规则“NB999”不存在",
            "unknown rule `NB999`",
        ),
        (
            "[rules]\nNB101 = \"loud\"\n",
            "规则级别应为",
            "rule level must be",
        ),
        ("[rules\n", "不是有效的 TOML", "invalid configuration"),
    ];
    for (toml, zh, en) in cases {
        fs::write(dir.path().join("nianbao.toml"), toml).unwrap();
        let out = nianbao(dir.path(), &["check", "draft.txt"]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(
            err.contains("配置文件") && err.contains(zh),
            "{toml}: {err}"
        );
        assert!(!err.contains(en), "{toml}: {err}");
        let out = nianbao(dir.path(), &["check", "--locale", "en", "draft.txt"]);
        let err = stderr(&out);
        assert!(err.contains(en), "{toml}: {err}");
    }
}

#[test]
fn system_errors_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let out = nianbao(dir.path(), &["new", "-o", "没有这个目录/年报.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("找不到文件或目录"), "{err}");
    assert!(!err.contains("No such file"), "{err}");
    let out = nianbao(
        dir.path(),
        &["new", "-o", "没有这个目录/年报.txt", "--locale", "en"],
    );
    let err = stderr(&out);
    assert!(err.contains("cannot write"), "{err}");
}
