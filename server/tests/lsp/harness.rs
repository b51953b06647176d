//! An in-process client for the language server: the real server over two in-memory pipes,
//! speaking real JSON-RPC with `Content-Length` framing. It answers the server's own requests
//! (configuration, registrations, applyEdit) the way an editor would, and keeps every message.

use std::collections::VecDeque;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf,
};
use tokio::task::JoinHandle;

/// How long to wait for any one message before failing the test (not a sleep: a deadline).
const DEADLINE: Duration = Duration::from_secs(20);

pub struct TestClient {
    writer: WriteHalf<DuplexStream>,
    reader: BufReader<ReadHalf<DuplexStream>>,
    next_id: i64,
    /// Notifications not consumed yet, in arrival order.
    pub inbox: VecDeque<Value>,
    /// Every message the server sent, in order (for "nothing else was sent" checks).
    pub transcript: Vec<Value>,
    /// The answer to `workspace/configuration` (the `nianbao` section).
    pub configuration: Value,
    /// Edits the server asked the client to apply.
    pub applied_edits: Vec<Value>,
    server: JoinHandle<()>,
    pub encoding: Encoding,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl TestClient {
    /// Starts a server and runs `initialize` + `initialized`. Returns the initialize result.
    pub async fn start(
        capabilities: Value,
        options: Value,
        locale: Option<&str>,
    ) -> (TestClient, Value) {
        TestClient::start_with(
            nianbao::lsp::Options::default(),
            capabilities,
            options,
            locale,
        )
        .await
    }

    /// As `start`, for a server started with command-line options (`nianbao lsp --…`).
    pub async fn start_with(
        server_options: nianbao::lsp::Options,
        capabilities: Value,
        options: Value,
        locale: Option<&str>,
    ) -> (TestClient, Value) {
        let (client_side, server_side) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_side);
        let server = tokio::spawn(async move {
            nianbao::lsp::serve_with(server_read, server_write, server_options).await;
        });
        let (read, writer) = tokio::io::split(client_side);
        let mut client = TestClient {
            writer,
            reader: BufReader::new(read),
            next_id: 0,
            inbox: VecDeque::new(),
            transcript: Vec::new(),
            configuration: Value::Null,
            applied_edits: Vec::new(),
            server,
            encoding: Encoding::Utf16,
        };
        let mut params =
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities });
        if !options.is_null() {
            params["initializationOptions"] = options;
        }
        if let Some(locale) = locale {
            params["locale"] = json!(locale);
        }
        let result = client.request("initialize", params).await;
        if result["capabilities"]["positionEncoding"] == "utf-8" {
            client.encoding = Encoding::Utf8;
        }
        client.notify("initialized", json!({})).await;
        (client, result)
    }

    /// A client that offers nothing special: push diagnostics, UTF-16.
    pub async fn plain() -> TestClient {
        TestClient::start(json!({}), json!({ "debounceMs": 0 }), None)
            .await
            .0
    }

    async fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).unwrap();
        let frame = format!("Content-Length: {}\r\n\r\n{}", body.len(), body);
        self.writer.write_all(frame.as_bytes()).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    async fn read_message(&mut self) -> Value {
        let read = async {
            let mut length = None;
            loop {
                let mut line = String::new();
                let n = self.reader.read_line(&mut line).await.unwrap();
                assert!(n > 0, "the server closed the connection");
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length: ") {
                    length = Some(v.parse::<usize>().unwrap());
                }
            }
            let mut body = vec![0; length.expect("a Content-Length header")];
            self.reader.read_exact(&mut body).await.unwrap();
            serde_json::from_slice::<Value>(&body).unwrap()
        };
        let message = tokio::time::timeout(DEADLINE, read)
            .await
            .unwrap_or_else(|_| panic!("no message from the server within {DEADLINE:?}"));
        self.transcript.push(message.clone());
        message
    }

    /// Handles one incoming message: answers server requests, queues notifications, and
    /// returns responses to our requests.
    async fn pump(&mut self) -> Option<Value> {
        let message = self.read_message().await;
        match (message.get("id"), message.get("method")) {
            (Some(id), Some(method)) => {
                let id = id.clone();
                let result = match method.as_str().unwrap() {
                    "workspace/configuration" => {
                        let items = message["params"]["items"].as_array().map_or(0, Vec::len);
                        json!(vec![self.configuration.clone(); items])
                    }
                    "workspace/applyEdit" => {
                        self.applied_edits.push(message["params"]["edit"].clone());
                        json!({ "applied": true })
                    }
                    _ => Value::Null,
                };
                self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": result }))
                    .await;
                None
            }
            (None, Some(_)) => {
                self.inbox.push_back(message);
                None
            }
            _ => Some(message),
        }
    }

    /// Sends a request and returns its response (`result`, or the whole response on error).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))
            .await;
        loop {
            if let Some(response) = self.pump().await {
                if response["id"] == json!(id) {
                    return match response.get("error") {
                        Some(_) => response,
                        None => response["result"].clone(),
                    };
                }
            }
        }
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }))
            .await;
    }

    /// The next notification with this method (earlier ones of other methods stay queued).
    pub async fn notification(&mut self, method: &str) -> Value {
        loop {
            if let Some(i) = self.inbox.iter().position(|m| m["method"] == method) {
                return self.inbox.remove(i).unwrap()["params"].clone();
            }
            self.pump().await;
        }
    }

    /// Waits for the diagnostics of `uri` at `version`, skipping older publications.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Value {
        loop {
            let params = self.notification("textDocument/publishDiagnostics").await;
            if params["uri"] == uri && params["version"] == json!(version) {
                return params["diagnostics"].clone();
            }
        }
    }

    pub async fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
        )
        .await;
    }

    pub async fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        )
        .await;
    }

    pub async fn shutdown(mut self) -> Vec<Value> {
        let result = self.request("shutdown", Value::Null).await;
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null).await;
        tokio::time::timeout(DEADLINE, &mut self.server)
            .await
            .expect("the server stops after exit")
            .expect("the server task does not panic");
        self.transcript
    }

    /// The byte offset of a protocol position in `text`, counted independently of the server.
    pub fn offset(&self, text: &str, line: u64, character: u64) -> usize {
        let mut start = 0;
        for _ in 0..line {
            start += text[start..]
                .find('\n')
                .map_or(text.len() - start, |i| i + 1);
        }
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= character as usize || c == '\n' {
                return start + i;
            }
            units += match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
        }
        text.len()
    }

    /// The protocol position of a byte offset, counted independently of the server.
    pub fn position(&self, text: &str, offset: usize) -> Value {
        let line = text[..offset].matches('\n').count();
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let character: usize = text[line_start..offset]
            .chars()
            .map(|c| match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            })
            .sum();
        json!({ "line": line, "character": character })
    }

    pub fn range(&self, text: &str, start: usize, end: usize) -> Value {
        json!({ "start": self.position(text, start), "end": self.position(text, end) })
    }

    /// Applies protocol text edits to `text` the way an editor does (from the end backwards).
    pub fn apply_edits(&self, text: &str, edits: &Value) -> String {
        let mut spans: Vec<(usize, usize, String)> = edits
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let r = &e["range"];
                let start = self.offset(
                    text,
                    r["start"]["line"].as_u64().unwrap(),
                    r["start"]["character"].as_u64().unwrap(),
                );
                let end = self.offset(
                    text,
                    r["end"]["line"].as_u64().unwrap(),
                    r["end"]["character"].as_u64().unwrap(),
                );
                (start, end, e["newText"].as_str().unwrap().to_string())
            })
            .collect();
        spans.sort_by_key(|s| std::cmp::Reverse((s.0, s.1)));
        let mut out = text.to_string();
        for (start, end, new) in spans {
            out.replace_range(start..end, &new);
        }
        out
    }
}

/// A corpus file's text.
pub fn corpus(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../tests/corpus/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Diagnostics reduced to what a person reads: code, severity, range, message.
pub fn summary(diagnostics: &Value) -> Value {
    Value::Array(
        diagnostics
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                json!({
                    "code": d["code"], "severity": d["severity"], "range": d["range"],
                    "message": d["message"], "related": d["relatedInformation"].as_array().map_or(0, Vec::len)
                })
            })
            .collect(),
    )
}
