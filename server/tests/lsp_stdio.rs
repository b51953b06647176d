//! The built binary as editors run it: `nianbao lsp` over real standard input and output.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

fn frame(message: &Value) -> Vec<u8> {
    let body = serde_json::to_string(message).unwrap();
    format!("Content-Length: {}\r\n\r\n{}", body.len(), body).into_bytes()
}

/// Reads framed messages from the server's stdout on a thread; anything that is not a
/// well-formed frame fails the test (nothing but protocol may appear on stdout).
fn reader(stdout: std::process::ChildStdout) -> mpsc::Receiver<Value> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        loop {
            let mut length = None;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                let value = line
                    .strip_prefix("Content-Length: ")
                    .unwrap_or_else(|| panic!("not a protocol header on stdout: {line:?}"));
                length = Some(value.parse::<usize>().unwrap());
            }
            let mut body = vec![0; length.unwrap()];
            reader.read_exact(&mut body).unwrap();
            if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        }
    });
    rx
}

fn wait_for(rx: &mpsc::Receiver<Value>, what: impl Fn(&Value) -> bool) -> Value {
    loop {
        let message = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("a message from the server");
        if what(&message) {
            return message;
        }
    }
}

/// The binary as an editor runs it, with its standard streams.
struct Editor {
    child: std::process::Child,
    stdin: Option<std::process::ChildStdin>,
    rx: mpsc::Receiver<Value>,
}

impl Editor {
    /// Starts `nianbao lsp` and runs `initialize` + `initialized` with `options`.
    fn start(options: Value) -> Editor {
        let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .arg("lsp")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let rx = reader(child.stdout.take().unwrap());
        let mut server = Editor { child, stdin, rx };
        server.send(&json!({ "jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
            "processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": options } }));
        server.wait_for(|m| m["id"] == 0);
        server.send(&json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
        server
    }

    fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: &Value) {
        self.raw(&frame(message));
    }

    fn wait_for(&self, what: impl Fn(&Value) -> bool) -> Value {
        wait_for(&self.rx, what)
    }

    /// Sends a request and waits for its answer.
    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(|m| m["id"] == id && m.get("method").is_none())
    }

    /// The server still answers: an unknown method gets "method not found".
    fn assert_alive(&mut self, id: i64) {
        let answer = self.request(id, "nianbao/noSuchMethod", json!({}));
        assert_eq!(answer["error"]["code"], -32601, "{answer}");
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.send(
            &json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } } }),
        );
    }

    /// The next diagnostics published for `uri`.
    fn published(&self, uri: &str) -> Value {
        self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })["params"]
            .clone()
    }

    /// Waits for the process to end by itself (stdin may still be open) and returns its
    /// exit code and standard error.
    fn ended(mut self) -> (i32, String) {
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the server did not exit"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        drop(self.stdin.take());
        let mut stderr = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        (status.code().unwrap_or(-1), stderr)
    }

    /// `shutdown` then `exit`: exit code 0.
    fn shut_down(mut self) -> String {
        let answer = self.request(9_999, "shutdown", Value::Null);
        assert_eq!(answer["result"], Value::Null, "{answer}");
        self.send(&json!({ "jsonrpc": "2.0", "method": "exit", "params": null }));
        let (code, stderr) = self.ended();
        assert_eq!(code, 0, "{stderr}");
        stderr
    }
}

fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn corpus(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../tests/corpus/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const SEED: &str = "seeds/004_0413918a63fee9e6.txt";
const CLEAN: &str = "clean/2023-format2021-tab.txt";

#[test]
fn malformed_messages_are_answered_and_reading_goes_on() {
    let mut server = Editor::start(json!({}));
    // A well-framed body that is not JSON: -32700 with id null, then the next message is read.
    server.raw(b"Content-Length: 12\r\n\r\n{\"jsonrpc\":,");
    let reply = server.wait_for(|m| m.get("error").is_some());
    assert_eq!(reply["error"]["code"], -32700, "{reply}");
    assert_eq!(reply["id"], Value::Null);
    server.assert_alive(1);
    // JSON that is no message: -32600 with its id.
    server.send(&json!({ "jsonrpc": "1.0", "id": 2, "method": "x" }));
    let reply = server.wait_for(|m| m["id"] == 2);
    assert_eq!(reply["error"]["code"], -32600, "{reply}");
    // Headers without Content-Length, a length that is not a number, an absurd length, and
    // bytes between messages: skipped, logged, and the next message is read.
    server.raw(b"Content-Type: application/json\r\n\r\n{}");
    server.raw(b"Content-Length: twelve\r\n\r\n{}");
    server.raw(b"Content-Length: 999999999999\r\n\r\n");
    server.raw(b"\r\nstray bytes\r\n");
    server.assert_alive(3);
    // Params that do not fit: -32602 naming the field.
    let reply = server.request(
        4,
        "textDocument/hover",
        json!({ "textDocument": { "uri": "file:///tmp/a.txt" }, "position": { "line": "one", "character": 0 } }),
    );
    assert_eq!(reply["error"]["code"], -32602, "{reply}");
    assert!(
        reply["error"]["message"]
            .as_str()
            .unwrap()
            .contains("position.line"),
        "{reply}"
    );
    server.assert_alive(5);
    let stderr = server.shut_down();
    assert!(stderr.contains("-32700"), "{stderr}");
    assert!(stderr.contains("Content-Length"), "{stderr}");
}

#[test]
fn raw_utf8_and_windows_uris_are_checked_and_published_as_sent() {
    let mut server = Editor::start(json!({ "debounceMs": 0 }));
    let text = corpus(SEED);
    for uri in [
        "file:///home/u/南昌年报草稿.md",
        "file:///home/u/年报 草稿 2023.txt",
        "file:///c%3A/Users/u/Desktop/年报.txt",
        "file:///C:/Users/张三/年报.txt",
    ] {
        server.open(uri, "plaintext", &text);
        let published = server.published(uri);
        assert_eq!(published["uri"], uri);
        assert_eq!(codes(&published), ["NB202", "NB401"], "{uri}");
        // The fix-all code action's edit is keyed by the client's URI too.
        let actions = server.request(
            100,
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri },
                "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
                "context": { "diagnostics": [], "only": ["source.fixAll.nianbao"] } }),
        );
        let changes = &actions["result"][0]["edit"]["changes"];
        assert!(changes[uri].is_array(), "{actions}");
    }
    server.shut_down();
}

#[test]
fn changes_to_unknown_documents_and_positions_out_of_range_are_survived() {
    let mut server = Editor::start(json!({ "debounceMs": 0 }));
    let uri = "file:///tmp/seed.txt";
    server.send(
        &json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": { "uri": "file:///tmp/never-opened.txt", "version": 2 },
        "contentChanges": [{ "text": "x" }] } }),
    );
    server.assert_alive(1);
    server.open(uri, "plaintext", &corpus(SEED));
    assert_eq!(codes(&server.published(uri)), ["NB202", "NB401"]);
    let far = json!({ "line": 4_000_000_000u32, "character": 4_000_000_000u32 });
    let hover = server.request(
        2,
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": far }),
    );
    assert!(
        hover.get("result").is_some() || hover.get("error").is_some(),
        "{hover}"
    );
    let actions = server.request(
        3,
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": { "start": far, "end": far },
            "context": { "diagnostics": [] } }),
    );
    assert!(actions.get("result").is_some(), "{actions}");
    // An edit out of range changes nothing; the document keeps its text and findings.
    server.send(
        &json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": { "uri": uri, "version": 2 },
        "contentChanges": [{ "range": { "start": far, "end": far }, "text": "x" }] } }),
    );
    assert_eq!(codes(&server.published(uri)), ["NB202", "NB401"]);
    server.assert_alive(4);
    let stderr = server.shut_down();
    assert!(stderr.contains("not open"), "{stderr}");
}

#[test]
fn a_five_megabyte_document_is_taken() {
    let mut server = Editor::start(json!({ "debounceMs": 0 }));
    let seed = corpus(SEED);
    let big: String = seed.repeat(5 * 1024 * 1024 / seed.len() + 1);
    assert!(big.len() > 5 * 1024 * 1024);
    // Too large to be guessed a report: taken, kept, not checked, and the server goes on.
    server.open("file:///tmp/big.txt", "plaintext", &big);
    server.assert_alive(1);
    let symbols = server.request(
        2,
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": "file:///tmp/big.txt" } }),
    );
    assert_eq!(symbols["result"], Value::Null, "{symbols}");
    let small = "file:///tmp/small.txt";
    server.open(small, "plaintext", &seed);
    assert_eq!(codes(&server.published(small)), ["NB202", "NB401"]);
    server.shut_down();
}

#[test]
fn a_burst_of_full_text_edits_publishes_the_last_version() {
    // The default debounce, as editors run it.
    let mut server = Editor::start(json!({}));
    let uri = "file:///tmp/burst.txt";
    let seed = corpus(SEED);
    let clean = corpus(CLEAN);
    server.open(uri, "plaintext", &seed);
    for version in 2..=101 {
        let text = if version == 101 { &clean } else { &seed };
        server.send(
            &json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "text": text }] } }),
        );
    }
    let last = server.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 101
    });
    assert_eq!(codes(&last["params"]), Vec::<String>::new());
    // Nothing older follows it.
    std::thread::sleep(Duration::from_millis(400));
    while let Ok(m) = server.rx.try_recv() {
        if m["method"] == "textDocument/publishDiagnostics" {
            assert_eq!(m["params"]["version"], 101, "{m}");
        }
    }
    server.shut_down();
}

#[test]
fn shutdown_with_requests_in_flight_answers_them_all() {
    let mut server = Editor::start(json!({ "debounceMs": 0 }));
    let uri = "file:///tmp/flight.txt";
    server.open(uri, "plaintext", &corpus(SEED));
    let mut batch = Vec::new();
    for id in 1..=20 {
        let method = ["textDocument/documentSymbol", "textDocument/foldingRange"][id % 2];
        batch.extend(frame(
            &json!({ "jsonrpc": "2.0", "id": id, "method": method,
            "params": { "textDocument": { "uri": uri } } }),
        ));
    }
    batch.extend(frame(
        &json!({ "jsonrpc": "2.0", "id": 21, "method": "shutdown", "params": null }),
    ));
    server.raw(&batch);
    let mut answered = std::collections::BTreeSet::new();
    while answered.len() < 21 {
        let m = server.wait_for(|m| m.get("id").is_some() && m.get("method").is_none());
        assert!(m.get("result").is_some(), "{m}");
        answered.insert(m["id"].as_i64().unwrap());
    }
    // After shutdown a request is refused, and exit ends the process with 0.
    let late = server.request(
        22,
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert!(late.get("error").is_some(), "{late}");
    server.send(&json!({ "jsonrpc": "2.0", "method": "exit", "params": null }));
    let (code, stderr) = server.ended();
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn exit_without_shutdown_ends_with_code_1() {
    let mut server = Editor::start(json!({}));
    server.assert_alive(1);
    // stdin stays open: the process must end by itself.
    server.send(&json!({ "jsonrpc": "2.0", "method": "exit", "params": null }));
    let (code, stderr) = server.ended();
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn the_binary_serves_over_stdio_and_exits_cleanly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let rx = reader(child.stdout.take().unwrap());
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/corpus/seeds/004_0413918a63fee9e6.txt"
    ))
    .unwrap();
    let uri = "file:///tmp/004.txt";
    let initialize = json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "processId": null, "rootUri": null, "capabilities": {} } });
    stdin.write_all(&frame(&initialize)).unwrap();
    stdin.flush().unwrap();
    // As every client does, wait for the answer to initialize before sending anything else.
    let init = wait_for(&rx, |m| m["id"] == 1);
    assert_eq!(init["result"]["serverInfo"]["name"], "nianbao");
    for message in [
        json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }),
        json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } } }),
    ] {
        stdin.write_all(&frame(&message)).unwrap();
    }
    stdin.flush().unwrap();
    let published = wait_for(&rx, |m| m["method"] == "textDocument/publishDiagnostics");
    let codes: Vec<&str> = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["NB202", "NB401"]);
    // A change to a document that is not open is logged (to the client and to stderr).
    let stray = json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": { "uri": "file:///tmp/never-opened.txt", "version": 2 },
        "contentChanges": [{ "text": "x" }] } });
    stdin.write_all(&frame(&stray)).unwrap();
    stdin.flush().unwrap();
    let logged = wait_for(&rx, |m| {
        m["method"] == "window/logMessage" && m["params"]["type"] == 1
    });
    assert!(logged["params"]["message"]
        .as_str()
        .unwrap()
        .contains("not open"));
    stdin
        .write_all(&frame(
            &json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null }),
        ))
        .unwrap();
    stdin.flush().unwrap();
    let shutdown = wait_for(&rx, |m| m["id"] == 2);
    assert_eq!(shutdown["result"], Value::Null);
    stdin
        .write_all(&frame(
            &json!({ "jsonrpc": "2.0", "method": "exit", "params": null }),
        ))
        .unwrap();
    drop(stdin);
    // The process ends by itself after `exit`; give it a deadline, then report.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the server did not exit"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "exit status {status:?}");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(
        stderr.contains("not open"),
        "errors are logged to stderr: {stderr:?}"
    );
    assert!(
        !stderr.contains("ready"),
        "information stays in the client's log: {stderr:?}"
    );
}
