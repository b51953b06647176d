//! `--format sarif` as code-scanning services read it: every log the binary writes is valid
//! against the SARIF 2.1.0 schema (`tests/data/sarif-schema-2.1.0.json`, the OASIS schema),
//! lists every rule, and locates findings as SARIF counts (UTF-16 code units).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::LazyLock;

use serde_json::Value;

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let text = fs::read_to_string(path).unwrap();
    // The schema's pattern for a language tag (of a run and of a tool) has a stray `]`, which
    // the draft-07 meta-schema refuses as a regex (so no validator compiles the schema); it is
    // read as the language tag it describes (`en`, `en-US`). Nothing else is changed.
    let stray = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(
        text.matches(stray).count(),
        2,
        "the schema is the published one"
    );
    let text = text.replace(stray, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    // This copy keeps the log's own schema (version, runs) under `definitions/Root` and names
    // it nowhere, so as it is it would take any JSON at all: the root is made to refer to it.
    assert!(schema.get("$ref").is_none() && schema["definitions"]["Root"].is_object());
    schema["$ref"] = "#/definitions/Root".into();
    // Formats are checked too: URIs and URI references above all.
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
});

fn corpus(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/corpus")
        .join(path)
}

fn run(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

/// The SARIF log of `nianbao check --format sarif ARGS`, checked against the schema.
fn sarif(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> (Value, i32) {
    let mut all = vec!["check", "--no-config", "--format", "sarif"];
    all.extend(args);
    let output = run(dir, &all, stdin);
    let log: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let errors: Vec<String> = VALIDATOR
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{args:?}: not valid SARIF 2.1.0:\n{errors:#?}"
    );
    (log, output.status.code().unwrap())
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().unwrap()
}

#[test]
fn the_driver_lists_every_rule_with_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let (log, _) = sarif(
        dir.path(),
        &[&corpus("clean/2023-format2021-tab.txt").to_string_lossy()],
        None,
    );
    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    assert_eq!(run["language"], "zh-CN");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "nianbao");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), nianbao::Rule::ALL.len());
    for (rule, r) in rules.iter().zip(nianbao::Rule::ALL) {
        assert_eq!(rule["id"], r.code());
        assert_eq!(rule["name"], r.name());
        assert_eq!(
            rule["shortDescription"]["text"],
            r.title(nianbao::Locale::Zh)
        );
        assert_eq!(rule["fullDescription"]["text"], r.doc(nianbao::Locale::Zh));
        let en = &rule["properties"]["translations"]["en-US"];
        assert_eq!(en["shortDescription"], r.title(nianbao::Locale::En));
        assert_eq!(en["fullDescription"], r.doc(nianbao::Locale::En));
        let level = match r.default_severity() {
            nianbao::Severity::Error => "error",
            nianbao::Severity::Warning => "warning",
            _ => "note",
        };
        assert_eq!(rule["defaultConfiguration"]["level"], level);
        assert_eq!(rule["helpUri"], r.help_url());
    }
    // A clean draft: no result, a successful invocation.
    assert!(results(&log).is_empty());
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    // The validator does refuse what is not SARIF: no runs, a level SARIF lacks, a URI with a
    // space.
    assert!(!VALIDATOR.is_valid(&serde_json::json!({"version": "2.1.0"})));
    assert!(!VALIDATOR.is_valid(&serde_json::json!({"version": "2.1.0", "runs": [{}]})));
    let mut bad = log.clone();
    bad["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] = "info".into();
    assert!(!VALIDATOR.is_valid(&bad));
    let mut bad = log.clone();
    bad["runs"][0]["tool"]["driver"]["informationUri"] = "not a uri".into();
    assert!(!VALIDATOR.is_valid(&bad));
    // In English the roles swap.
    let (log, _) = sarif(
        dir.path(),
        &[
            "--locale",
            "en",
            &corpus("clean/2023-format2021-tab.txt").to_string_lossy(),
        ],
        None,
    );
    let rule = &log["runs"][0]["tool"]["driver"]["rules"][0];
    assert_eq!(log["runs"][0]["language"], "en-US");
    assert_eq!(
        rule["shortDescription"]["text"],
        "A mandatory section is missing"
    );
    assert_eq!(
        rule["properties"]["translations"]["zh-CN"]["shortDescription"],
        "缺少规定的部分"
    );
}

#[test]
fn findings_and_safe_fixes_match_the_json_output() {
    let dir = tempfile::tempdir().unwrap();
    for file in [
        "seeds/004_0413918a63fee9e6.txt",
        "seeds/001_1df9ee14cdc84c49.txt",
        "planted/NB202-header-cell.txt",
        "clean/2019-format2019-markdown.md",
    ] {
        let path = corpus(file);
        let path = path.to_string_lossy();
        let (log, code) = sarif(dir.path(), &[&path], None);
        let json = run(
            dir.path(),
            &["check", "--no-config", "--format", "json", &path],
            None,
        );
        assert_eq!(
            json.status.code().unwrap(),
            code,
            "{file}: the same exit code"
        );
        let json: Value = serde_json::from_slice(&json.stdout).unwrap();
        let expected = json["files"][0]["diagnostics"].as_array().unwrap();
        let got = results(&log);
        assert_eq!(got.len(), expected.len(), "{file}");
        for (result, d) in got.iter().zip(expected) {
            assert_eq!(result["ruleId"], d["code"], "{file}");
            assert_eq!(result["message"]["text"], d["message"], "{file}");
            let region = &result["locations"][0]["physicalLocation"]["region"];
            // These drafts have no character outside the BMP: UTF-16 columns are characters.
            assert_eq!(region["startLine"], d["range"]["start"]["line"], "{file}");
            assert_eq!(
                region["startColumn"], d["range"]["start"]["column"],
                "{file}"
            );
            assert_eq!(region["endColumn"], d["range"]["end"]["column"], "{file}");
            let safe: Vec<&Value> = d["fixes"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["applicability"] == "safe")
                .collect();
            let fixes = result["fixes"].as_array().map_or(0, Vec::len);
            assert_eq!(fixes, safe.len(), "{file}: one SARIF fix per safe fix");
            for (fix, f) in result["fixes"].as_array().into_iter().flatten().zip(&safe) {
                let replacement = &fix["artifactChanges"][0]["replacements"][0];
                let edit = &f["edits"][0];
                assert_eq!(replacement["insertedContent"]["text"], edit["replacement"]);
                assert_eq!(
                    replacement["deletedRegion"]["startColumn"],
                    edit["range"]["start"]["column"]
                );
            }
        }
        if file.starts_with("seeds/004") {
            assert!(
                got.iter().any(|r| r["fixes"].is_array()),
                "a seed with fixes"
            );
        }
    }
}

#[test]
fn columns_are_utf16_code_units() {
    let dir = tempfile::tempdir().unwrap();
    // 𠀀 (outside the BMP) counts two UTF-16 units before the placeholder.
    let text = "𠀀某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n𠀀（文字描述）\n";
    fs::write(dir.path().join("年报 草稿.txt"), text).unwrap();
    let (log, code) = sarif(dir.path(), &["年报 草稿.txt"], None);
    assert_eq!(code, 1);
    let placeholder = results(&log)
        .iter()
        .find(|r| r["ruleId"] == "NB403")
        .expect("the placeholder is found");
    let location = &placeholder["locations"][0]["physicalLocation"];
    assert_eq!(location["region"]["startLine"], 5);
    assert_eq!(location["region"]["startColumn"], 3);
    assert_eq!(
        location["region"]["endColumn"],
        3 + "（文字描述）".chars().count()
    );
    assert_eq!(
        location["artifactLocation"]["uri"],
        "%E5%B9%B4%E6%8A%A5%20%E8%8D%89%E7%A8%BF.txt"
    );
}

#[test]
fn pages_and_word_documents_are_located_by_paragraph_and_cell() {
    let dir = tempfile::tempdir().unwrap();
    for file in [
        "inputs/planted-NB302-identity-results.docx",
        "inputs/planted-NB202-header-cell.html",
    ] {
        let (log, _) = sarif(dir.path(), &[&corpus(file).to_string_lossy()], None);
        let got = results(&log);
        assert!(!got.is_empty(), "{file}");
        for result in got {
            let location = &result["locations"][0];
            // Lines of the extracted text would point nowhere in the file itself.
            assert!(location["physicalLocation"]["region"].is_null(), "{file}");
            let name = location["logicalLocations"][0]["name"].as_str().unwrap();
            assert!(name.starts_with('第'), "{file}: {name}");
            // Such a file is never rewritten: no fix.
            assert!(result["fixes"].is_null(), "{file}");
        }
        let artifact = &log["runs"][0]["artifacts"][0];
        assert!(artifact["mimeType"]
            .as_str()
            .unwrap()
            .contains(if file.ends_with("docx") {
                "wordprocessingml"
            } else {
                "html"
            }));
    }
}

#[test]
fn inputs_that_cannot_be_checked_are_notifications() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    let (log, code) = sarif(
        dir.path(),
        &["missing.txt", "empty.txt", "-"],
        Some("一、总体情况\n".as_bytes()),
    );
    assert_eq!(code, 2);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notifications.len(), 2, "{notifications:#?}");
    assert!(notifications.iter().all(|n| n["level"] == "error"));
    // Standard input has no URI; it is described.
    let artifacts = log["runs"][0]["artifacts"].as_array().unwrap();
    assert_eq!(artifacts.len(), 1);
    assert!(artifacts[0]["location"]["uri"].is_null());
    assert!(!results(&log).is_empty());
}
