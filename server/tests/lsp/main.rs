//! The language server through the real protocol, in process (duplex pipes): capabilities,
//! diagnostics, edits, code actions, features, configuration. JSON answers are pinned with
//! insta snapshots where their whole shape matters.

mod harness;

use harness::{corpus, summary, Encoding, TestClient};
use serde_json::{json, Value};

const URI: &str = "file:///drafts/report.txt";

fn codes(diagnostics: &Value) -> Vec<String> {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn capabilities_default_to_utf16() {
    let (client, result) = TestClient::start(json!({}), Value::Null, None).await;
    insta::assert_json_snapshot!("capabilities", result);
    client.shutdown().await;
}

#[tokio::test]
async fn utf8_is_negotiated_when_offered() {
    let caps = json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } });
    let (client, result) = TestClient::start(caps, Value::Null, None).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(client.encoding, Encoding::Utf8);
    client.shutdown().await;
    let caps = json!({ "general": { "positionEncodings": ["utf-32"] } });
    let (client, result) = TestClient::start(caps, Value::Null, None).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-32");
    client.shutdown().await;
}

#[tokio::test]
async fn diagnostics_on_each_seed() {
    let mut client = TestClient::plain().await;
    let seeds = [
        "000_9a12704310b9b92b",
        "001_1df9ee14cdc84c49",
        "002_ea5105af65b66e02",
        "003_85ce267dc675a287",
        "004_0413918a63fee9e6",
    ];
    for seed in seeds {
        let uri = format!("file:///seeds/{seed}.txt");
        client
            .open(&uri, "plaintext", &corpus(&format!("seeds/{seed}.txt")))
            .await;
        let diagnostics = client.diagnostics(&uri, 1).await;
        assert!(diagnostics
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["source"] == "nianbao"));
        insta::assert_json_snapshot!(format!("diagnostics_{seed}"), summary(&diagnostics));
    }
    client.shutdown().await;
}

#[tokio::test]
async fn messages_follow_the_editor_locale() {
    let (mut client, _) =
        TestClient::start(json!({}), json!({ "debounceMs": 0 }), Some("en-US")).await;
    client
        .open(URI, "plaintext", &corpus("seeds/004_0413918a63fee9e6.txt"))
        .await;
    let diagnostics = client.diagnostics(URI, 1).await;
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(message.starts_with("Header cell"), "{message}");
    client.shutdown().await;
}

#[tokio::test]
async fn each_code_links_to_its_rule_page() {
    let mut client = TestClient::plain().await;
    client
        .open(URI, "plaintext", &corpus("seeds/004_0413918a63fee9e6.txt"))
        .await;
    let diagnostics = client.diagnostics(URI, 1).await;
    let diagnostics = diagnostics.as_array().unwrap();
    assert!(!diagnostics.is_empty());
    for d in diagnostics {
        let code = d["code"].as_str().unwrap();
        let rule = nianbao::Rule::lookup(code).unwrap();
        assert_eq!(d["codeDescription"]["href"], rule.help_url(), "{code}");
        // Unless the build was given another address for the pages (NIANBAO_DOCS_URL).
        if option_env!("NIANBAO_DOCS_URL").is_none() {
            assert!(
                rule.help_url().ends_with(&format!("/docs/rules/{code}.md")),
                "{}",
                rule.help_url()
            );
        }
    }
    client.shutdown().await;
}

/// Typing Chinese and a character outside the BMP, then fixing a typo by an edit whose
/// position is counted in the negotiated encoding.
async fn incremental_edits(caps: Value) {
    let (mut client, _) = TestClient::start(caps, json!({ "debounceMs": 0 }), None).await;
    let mut text = corpus("planted/NB202-header-cell.txt");
    client.open(URI, "plaintext", &text).await;
    let first = client.diagnostics(URI, 1).await;
    assert_eq!(codes(&first), ["NB202"]);

    // Insert "𝄞年报" at the start of the typo'd header's row, so the header cell moves right
    // by a character outside the BMP (2 UTF-16 units, 4 UTF-8 bytes) and two CJK characters.
    let typo = text.find("本年度止件数").unwrap();
    let insert_at = text[..typo].rfind('\n').unwrap() + 1;
    let at = client.position(&text, insert_at);
    client
        .change(
            URI,
            2,
            json!([{ "range": { "start": at, "end": at }, "text": "𝄞年报" }]),
        )
        .await;
    text.insert_str(insert_at, "𝄞年报");
    let second = client.diagnostics(URI, 2).await;
    assert_eq!(codes(&second), ["NB202"]);
    let typo = text.find("本年度止件数").unwrap();
    assert_eq!(second[0]["range"]["start"], client.position(&text, typo));

    // Replace 度 by 废 with a ranged edit.
    let du = typo + "本年".len();
    let range = client.range(&text, du, du + "度".len());
    client
        .change(URI, 3, json!([{ "range": range, "text": "废" }]))
        .await;
    text.replace_range(du..du + "度".len(), "废");
    assert_eq!(client.diagnostics(URI, 3).await, json!([]));
    // And remove the inserted text again, leaving the clean text.
    let range = client.range(&text, insert_at, insert_at + "𝄞年报".len());
    client
        .change(URI, 4, json!([{ "range": range, "text": "" }]))
        .await;
    assert_eq!(client.diagnostics(URI, 4).await, json!([]));
    client.shutdown().await;
}

#[tokio::test]
async fn incremental_edits_utf16() {
    incremental_edits(json!({})).await;
}

#[tokio::test]
async fn incremental_edits_utf8() {
    incremental_edits(json!({ "general": { "positionEncodings": ["utf-8"] } })).await;
}

/// Every quick fix a planted draft offers, applied by the client, then checked again.
#[tokio::test]
async fn each_kind_of_code_action_applies_and_rechecks() {
    let cases = [
        ("planted/NB202-header-cell.txt", "NB202", true),
        ("planted/NB310-blank-cell.txt", "NB310", false),
        ("planted/NB101-section-missing.txt", "NB101", false),
        ("planted/NB302-identity-results.txt", "NB302", false),
        ("planted/NB401-fee-statement.txt", "NB401", false),
        ("seeds/003_85ce267dc675a287.txt", "NB406", true),
    ];
    let mut client = TestClient::plain().await;
    for (n, (path, code, safe)) in cases.iter().enumerate() {
        let uri = format!("file:///actions/{n}.txt");
        let text = corpus(path);
        client.open(&uri, "plaintext", &text).await;
        let diagnostics = client.diagnostics(&uri, 1).await;
        let target = diagnostics
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == *code)
            .unwrap_or_else(|| panic!("{path}: no {code}"))
            .clone();
        let actions = client
            .request(
                "textDocument/codeAction",
                json!({ "textDocument": { "uri": uri }, "range": target["range"], "context": { "diagnostics": [target], "only": ["quickfix"] } }),
            )
            .await;
        let action = actions
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["diagnostics"][0]["code"] == *code)
            .unwrap_or_else(|| panic!("{path}: no quick fix for {code}: {actions}"))
            .clone();
        assert_eq!(action["kind"], "quickfix");
        assert_eq!(
            action["isPreferred"] == json!(true),
            *safe,
            "{path}: isPreferred only for one sure fix"
        );
        let edits = &action["edit"]["changes"][&uri];
        let fixed = client.apply_edits(&text, edits);
        client.change(&uri, 2, json!([{ "text": fixed }])).await;
        let after = client.diagnostics(&uri, 2).await;
        let before_count = codes(&diagnostics).iter().filter(|c| *c == code).count();
        let after_count = codes(&after).iter().filter(|c| *c == code).count();
        assert!(
            after_count < before_count,
            "{path}: {code} still there after its fix: {}",
            summary(&after)
        );
    }
    client.shutdown().await;
}

#[tokio::test]
async fn fix_all_applies_safe_fixes_only() {
    let mut client = TestClient::plain().await;
    let text = corpus("seeds/000_9a12704310b9b92b.txt");
    client.open(URI, "plaintext", &text).await;
    let before = client.diagnostics(URI, 1).await;
    let whole = client.range(&text, 0, text.len());
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": URI }, "range": whole, "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
        )
        .await;
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.nianbao");
    let fixed = client.apply_edits(&text, &actions[0]["edit"]["changes"][URI]);
    client.change(URI, 2, json!([{ "text": fixed }])).await;
    let after = client.diagnostics(URI, 2).await;
    // The row-label typo is fixed; blank cells (their fix writes a number: unsafe) and the
    // unit in a cell (no safe fix) stay.
    assert!(codes(&before).contains(&"NB204".to_string()));
    assert!(
        !codes(&after).contains(&"NB204".to_string()),
        "{}",
        summary(&after)
    );
    assert!(codes(&after).contains(&"NB310".to_string()));
    assert!(codes(&after).contains(&"NB313".to_string()));
    client.shutdown().await;
}

#[tokio::test]
async fn template_for_an_empty_draft() {
    let caps = json!({ "workspace": { "applyEdit": true } });
    let (mut client, _) = TestClient::start(caps, json!({ "debounceMs": 0 }), None).await;
    let text = "某局2026年政府信息公开工作年度报告\n";
    client.open(URI, "plaintext", text).await;
    let diagnostics = client.diagnostics(URI, 1).await;
    assert_eq!(
        codes(&diagnostics).iter().filter(|c| *c == "NB101").count(),
        6
    );
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": URI }, "range": client.range(text, 0, 0), "context": { "diagnostics": [] } }),
        )
        .await;
    let template = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "refactor.rewrite.nianbao.template")
        .expect("a template action")
        .clone();
    let filled = client.apply_edits(text, &template["edit"]["changes"][URI]);
    assert!(filled.starts_with(text), "the title is kept");
    client.change(URI, 2, json!([{ "text": filled }])).await;
    let after = client.diagnostics(URI, 2).await;
    let left: Vec<String> = codes(&after);
    assert!(
        left.iter()
            .all(|c| c == "NB310" || c == "NB403" || c == "NB401"),
        "{left:?}"
    );
    // The same through the command an editor binds to a menu entry.
    client.change(URI, 3, json!([{ "text": text }])).await;
    client.diagnostics(URI, 3).await;
    let applied = client
        .request(
            "workspace/executeCommand",
            json!({ "command": "nianbao.insertTemplate", "arguments": [URI] }),
        )
        .await;
    assert_eq!(applied, json!(true));
    assert_eq!(client.applied_edits.len(), 1);
    client.shutdown().await;
}

#[tokio::test]
async fn pull_diagnostics_when_the_client_supports_them() {
    let caps = json!({
        "textDocument": { "diagnostic": { "dynamicRegistration": false } },
        "workspace": { "diagnostics": { "refreshSupport": true } }
    });
    let (mut client, result) = TestClient::start(caps, Value::Null, None).await;
    assert_eq!(
        result["capabilities"]["diagnosticProvider"]["identifier"],
        "nianbao"
    );
    let text = corpus("seeds/004_0413918a63fee9e6.txt");
    client.open(URI, "plaintext", &text).await;
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": URI } }),
        )
        .await;
    assert_eq!(report["kind"], "full");
    assert_eq!(codes(&report["items"]), ["NB202", "NB401"]);
    let transcript = client.shutdown().await;
    assert!(
        !transcript
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "no push when the client pulls"
    );
}

#[tokio::test]
async fn configuration_changes_apply_without_restart() {
    let caps = json!({ "workspace": { "configuration": true } });
    let (mut client, _) = TestClient::start(caps, json!({ "debounceMs": 0 }), None).await;
    let text = corpus("seeds/004_0413918a63fee9e6.txt");
    client.open(URI, "plaintext", &text).await;
    assert_eq!(codes(&client.diagnostics(URI, 1).await), ["NB202", "NB401"]);
    // The editor's settings now turn NB401 off and switch to English.
    client.configuration = json!({ "rules": { "NB401": "off" }, "locale": "en", "debounceMs": 0 });
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": {} }),
        )
        .await;
    let after = client.diagnostics(URI, 1).await;
    assert_eq!(codes(&after), ["NB202"]);
    assert!(after[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("Header cell"));
    client.shutdown().await;
}

#[tokio::test]
async fn settings_in_the_notification_for_clients_without_configuration_requests() {
    let mut client = TestClient::plain().await;
    client
        .open(URI, "plaintext", &corpus("seeds/004_0413918a63fee9e6.txt"))
        .await;
    assert_eq!(codes(&client.diagnostics(URI, 1).await), ["NB202", "NB401"]);
    client
        .notify("workspace/didChangeConfiguration", json!({ "settings": { "nianbao": { "rules": { "header-cell": "off" }, "debounceMs": 0 } } }))
        .await;
    assert_eq!(codes(&client.diagnostics(URI, 1).await), ["NB401"]);
    client.shutdown().await;
}

#[tokio::test]
async fn watched_project_file_is_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.txt");
    let text = corpus("seeds/004_0413918a63fee9e6.txt");
    std::fs::write(&path, &text).unwrap();
    let uri = format!("file://{}", path.display());
    let caps = json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    let (mut client, _) = TestClient::start(caps, json!({ "debounceMs": 0 }), None).await;
    client.open(&uri, "plaintext", &text).await;
    assert_eq!(
        codes(&client.diagnostics(&uri, 1).await),
        ["NB202", "NB401"]
    );
    let toml = dir.path().join("nianbao.toml");
    std::fs::write(&toml, "[rules]\nfee-statement = \"off\"\n").unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": format!("file://{}", toml.display()), "type": 1 }] }),
        )
        .await;
    assert_eq!(codes(&client.diagnostics(&uri, 1).await), ["NB202"]);
    let transcript = client.shutdown().await;
    assert!(
        transcript
            .iter()
            .any(|m| m["method"] == "client/registerCapability"
                && m["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles"),
        "the server asks to watch nianbao.toml"
    );
}

#[tokio::test]
async fn a_burst_of_edits_ends_in_the_right_diagnostics() {
    let (mut client, _) = TestClient::start(json!({}), json!({ "debounceMs": 20 }), None).await;
    let clean = corpus("clean/2023-format2021-tab.txt");
    client.open(URI, "plaintext", &clean).await;
    assert_eq!(client.diagnostics(URI, 1).await, json!([]));
    // Type a wrong header one character at a time, then leave it wrong.
    let header = clean.find("本年废止件数").unwrap();
    let mut text = clean.clone();
    let mut version = 1;
    for (i, c) in "本年度止件数".chars().enumerate() {
        version += 1;
        let at = header + "本年度止件数".char_indices().nth(i).unwrap().0;
        let next = text[at..].chars().next().unwrap();
        let range = client.range(&text, at, at + next.len_utf8());
        client
            .change(
                URI,
                version,
                json!([{ "range": range, "text": c.to_string() }]),
            )
            .await;
        text.replace_range(at..at + next.len_utf8(), &c.to_string());
    }
    let last = client.diagnostics(URI, version).await;
    assert_eq!(codes(&last), ["NB202"]);
    assert_eq!(last[0]["range"]["start"], client.position(&text, header));
    let transcript = client.shutdown().await;
    let published: Vec<i64> = transcript
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    assert_eq!(
        published.last(),
        Some(&version),
        "the last publication is for the last version"
    );
    assert!(
        published.windows(2).all(|w| w[0] <= w[1]),
        "never an older version after a newer: {published:?}"
    );
}

#[tokio::test]
async fn other_documents_get_nothing() {
    let mut client = TestClient::plain().await;
    client
        .open(
            "file:///notes.txt",
            "plaintext",
            "会议纪要\n\n一、总体情况\n",
        )
        .await;
    client
        .open(
            "file:///main.rs",
            "rust",
            "某局2023年政府信息公开工作年度报告",
        )
        .await;
    client
        .open(URI, "plaintext", &corpus("seeds/004_0413918a63fee9e6.txt"))
        .await;
    client.diagnostics(URI, 1).await;
    let hover = client
        .request("textDocument/hover", json!({ "textDocument": { "uri": "file:///notes.txt" }, "position": { "line": 0, "character": 0 } }))
        .await;
    assert_eq!(hover, Value::Null);
    let transcript = client.shutdown().await;
    let published: Vec<&Value> = transcript
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| &m["params"]["uri"])
        .collect();
    assert_eq!(published, [&json!(URI)]);
}

#[tokio::test]
async fn bad_input_gets_an_error_or_a_log_line_and_the_server_keeps_serving() {
    let mut client = TestClient::plain().await;
    // An unknown method: method not found.
    let reply = client.request("nianbao/unknown", json!({})).await;
    assert_eq!(reply["error"]["code"], -32601);
    // An edit to a document that is not open: a log line.
    client
        .change("file:///never-opened.txt", 2, json!([{ "text": "x" }]))
        .await;
    let log = client.notification("window/logMessage").await;
    let log = if log["message"].as_str().unwrap().contains("ready") {
        client.notification("window/logMessage").await
    } else {
        log
    };
    assert!(
        log["message"].as_str().unwrap().contains("not open"),
        "{log}"
    );
    // An out-of-range edit: logged, the document stays as it was, diagnostics still come.
    let text = corpus("seeds/004_0413918a63fee9e6.txt");
    client.open(URI, "plaintext", &text).await;
    client.diagnostics(URI, 1).await;
    client
        .change(URI, 2, json!([{ "range": { "start": { "line": 9999, "character": 0 }, "end": { "line": 9999, "character": 1 } }, "text": "x" }]))
        .await;
    assert_eq!(codes(&client.diagnostics(URI, 2).await), ["NB202", "NB401"]);
    // A request for a position outside the document: an answer, not a crash.
    let hover = client
        .request("textDocument/hover", json!({ "textDocument": { "uri": URI }, "position": { "line": 99999, "character": 3 } }))
        .await;
    assert!(hover.is_null() || hover.get("error").is_some(), "{hover}");
    // Still serving.
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": URI } }),
        )
        .await;
    assert!(symbols.is_array());
    client.shutdown().await;
}

#[tokio::test]
async fn hover_explains_cells_headings_and_findings() {
    let mut client = TestClient::plain().await;
    let text = corpus("seeds/003_85ce267dc675a287.txt");
    client.open(URI, "plaintext", &text).await;
    let diagnostics = client.diagnostics(URI, 1).await;
    // The （七）总计 cell of the 自然人 column: a finding (NB302) and the computed value.
    let total = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "NB302")
        .unwrap();
    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": URI }, "position": total["range"]["start"] }),
        )
        .await;
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(markdown.contains("NB302"), "{markdown}");
    assert!(markdown.contains("10"), "the computed value: {markdown}");
    // A section heading: what the format requires and the legal basis.
    let heading = text.find("三、收到和处理政府信息公开申请情况").unwrap();
    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": URI }, "position": client.position(&text, heading) }),
        )
        .await;
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(markdown.contains("第五十条"), "{markdown}");
    insta::assert_json_snapshot!("hover_heading", hover);
    client.shutdown().await;
}

#[tokio::test]
async fn document_symbols_outline_the_report() {
    let mut client = TestClient::plain().await;
    let text = corpus("clean/2023-format2021-tab.txt");
    client.open(URI, "plaintext", &text).await;
    client.diagnostics(URI, 1).await;
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": URI } }),
        )
        .await;
    let sections: Vec<&Value> = symbols
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["name"].as_str().unwrap().contains('、'))
        .collect();
    assert_eq!(sections.len(), 6, "{symbols}");
    insta::assert_json_snapshot!("symbols", symbols);
    client.shutdown().await;
}

#[tokio::test]
async fn completion_offers_the_next_heading_and_official_labels() {
    let mut client = TestClient::plain().await;
    let text = corpus("planted/NB101-section-missing.txt");
    // An empty line just before section 六: the missing 五 is offered first.
    let six = text.find("六、其他需要报告的事项").unwrap();
    let text = format!("{}\n{}", &text[..six], &text[six..]);
    client.open(URI, "plaintext", &text).await;
    client.diagnostics(URI, 1).await;
    let list = client
        .request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": URI }, "position": client.position(&text, six) }),
        )
        .await;
    let first = &list["items"][0];
    assert_eq!(first["label"], "五、存在的主要问题及改进情况", "{list}");
    assert_eq!(first["textEdit"]["newText"], "五、存在的主要问题及改进情况");
    // Inside 表三, at the start of a row: official row labels.
    let row = text.find("二、上年结转政府信息公开申请数量").unwrap();
    let list = client
        .request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": URI }, "position": client.position(&text, row) }),
        )
        .await;
    let labels: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"（七）总计"), "{labels:?}");
    assert!(
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["kind"] == 15),
        "a whole-table snippet is offered"
    );
    client.shutdown().await;
}

#[tokio::test]
async fn inlay_hints_show_computed_totals() {
    let mut client = TestClient::plain().await;
    let text = corpus("seeds/003_85ce267dc675a287.txt");
    client.open(URI, "plaintext", &text).await;
    client.diagnostics(URI, 1).await;
    let whole = client.range(&text, 0, text.len());
    let hints = client
        .request(
            "textDocument/inlayHint",
            json!({ "textDocument": { "uri": URI }, "range": whole }),
        )
        .await;
    let hints = hints.as_array().unwrap();
    assert_eq!(
        hints.len(),
        2,
        "the two （七）总计 cells that do not match: {hints:?}"
    );
    assert!(hints
        .iter()
        .all(|h| h["label"].as_str().unwrap().contains("10")));
    insta::assert_json_snapshot!("inlay_hints", hints);
    // "all" shows every computable total; "off" none.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "nianbao": { "inlayHints": "all", "debounceMs": 0 } } }),
        )
        .await;
    let all = client
        .request(
            "textDocument/inlayHint",
            json!({ "textDocument": { "uri": URI }, "range": whole }),
        )
        .await;
    assert!(all.as_array().unwrap().len() > 2);
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "nianbao": { "inlayHints": "off" } } }),
        )
        .await;
    let off = client
        .request(
            "textDocument/inlayHint",
            json!({ "textDocument": { "uri": URI }, "range": whole }),
        )
        .await;
    assert_eq!(off, json!([]));
    client.shutdown().await;
}

#[tokio::test]
async fn folding_ranges_per_section() {
    let mut client = TestClient::plain().await;
    let text = corpus("clean/2022-format2021-markdown.md");
    client.open(URI, "markdown", &text).await;
    client.diagnostics(URI, 1).await;
    let folds = client
        .request(
            "textDocument/foldingRange",
            json!({ "textDocument": { "uri": URI } }),
        )
        .await;
    let folds = folds.as_array().unwrap();
    let lines = text.lines().count() as u64;
    assert!(folds.len() >= 6, "{folds:?}");
    assert!(folds.iter().all(|f| f["startLine"].as_u64().unwrap()
        < f["endLine"].as_u64().unwrap()
        && f["endLine"].as_u64().unwrap() < lines));
    client.shutdown().await;
}

#[tokio::test]
async fn command_line_options_override_negotiation_and_locale() {
    // `nianbao lsp --position-encoding utf-8 --locale en`, for clients such as ALE that count
    // bytes and do not negotiate.
    let options = nianbao::lsp::Options {
        position_encoding: Some(nianbao::lsp::Encoding::Utf8),
        locale: Some(nianbao::Locale::En),
        no_config: false,
    };
    let (mut client, result) = TestClient::start_with(
        options,
        json!({}),
        json!({ "debounceMs": 0 }),
        Some("zh-CN"),
    )
    .await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(client.encoding, Encoding::Utf8);
    let text = corpus("seeds/004_0413918a63fee9e6.txt");
    client.open(URI, "plaintext", &text).await;
    let diagnostics = client.diagnostics(URI, 1).await;
    assert!(diagnostics[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("Header cell"));
    let typo = text.find("本年度止件数").unwrap();
    assert_eq!(
        diagnostics[0]["range"]["start"],
        client.position(&text, typo),
        "a byte column"
    );
    client.shutdown().await;
}

#[tokio::test]
async fn pull_needs_refresh_support_otherwise_push() {
    // A client that can pull but cannot be told to pull again would keep stale findings
    // after a configuration change: it gets pushed diagnostics instead.
    let caps = json!({ "textDocument": { "diagnostic": { "dynamicRegistration": false } } });
    let (mut client, result) = TestClient::start(caps, json!({ "debounceMs": 0 }), None).await;
    assert!(result["capabilities"].get("diagnosticProvider").is_none());
    client
        .open(URI, "plaintext", &corpus("seeds/004_0413918a63fee9e6.txt"))
        .await;
    assert_eq!(codes(&client.diagnostics(URI, 1).await), ["NB202", "NB401"]);
    client.shutdown().await;
}

#[tokio::test]
async fn commands_need_a_client_that_applies_edits() {
    let mut client = TestClient::plain().await;
    client
        .open(URI, "plaintext", "某局2026年政府信息公开工作年度报告\n")
        .await;
    client.diagnostics(URI, 1).await;
    let reply = client
        .request(
            "workspace/executeCommand",
            json!({ "command": "nianbao.fixAll", "arguments": [URI] }),
        )
        .await;
    assert_eq!(reply["error"]["code"], -32600, "{reply}");
    assert!(reply["error"]["message"]
        .as_str()
        .unwrap()
        .contains("source.fixAll.nianbao"));
    assert!(client.applied_edits.is_empty());
    client.shutdown().await;
}

#[tokio::test]
async fn documents_whose_analysis_was_dropped_still_answer() {
    // The server keeps the analyses of the documents used last (ten); with more open, the
    // first one's analysis is dropped and computed again when a request needs it.
    let mut client = TestClient::plain().await;
    let text = corpus("planted/NB202-header-cell.txt");
    for n in 0..14 {
        client
            .open(&format!("file:///many/{n}.txt"), "plaintext", &text)
            .await;
        client
            .diagnostics(&format!("file:///many/{n}.txt"), 1)
            .await;
    }
    let first = "file:///many/0.txt";
    let range =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 400, "character": 0 } });
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": first }, "range": range, "context": { "diagnostics": [] } }),
        )
        .await;
    let titles: Vec<&str> = actions
        .as_array()
        .expect("code actions for the first document")
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(
        !titles.is_empty(),
        "no action for a document analysed again: {actions}"
    );
    // An edit to it is checked as usual.
    client.change(first, 2, json!([{ "text": "" }])).await;
    let after = client.diagnostics(first, 2).await;
    assert!(after.as_array().is_some());
    client.shutdown().await;
}
