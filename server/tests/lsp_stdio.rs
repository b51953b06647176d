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
