//! Language-server latency, measured the way an editor experiences it: a scripted client
//! talks JSON-RPC over the pipes of a real server process and replays typing into the largest
//! seed report.
//!
//! Reports:
//! - didChange → publishDiagnostics for each keystroke (debounce 0): p50, p99, max;
//! - the round trip of a trivial request (an unknown method, answered "method not found")
//!   in the same run, i.e. the cost of the protocol itself;
//! - the server's peak resident memory with 50 reports open.
//!
//! Run: `cargo bench --bench lsp_latency` (figures go in the README).
//! The bench re-runs its own executable as the server (`NIANBAO_BENCH_SERVER=1`), which
//! serves exactly as `nianbao lsp` does.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const KEYSTROKES: usize = 300;
const PINGS: usize = 300;
const OPEN_REPORTS: usize = 50;

struct Client {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<std::process::ChildStdout>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .env("NIANBAO_BENCH_SERVER", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut client = Client {
            child,
            stdin,
            stdout,
            next_id: 0,
        };
        client.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": { "debounceMs": 0 } }));
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_string(&message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn read(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                self.stdout.read_line(&mut line).unwrap() > 0,
                "server closed its output"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let m = self.read();
            if m["id"] == json!(id) && m.get("method").is_none() {
                return m;
            }
        }
    }

    fn wait_published(&mut self, uri: &str, version: i64) {
        loop {
            let m = self.read();
            if m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == json!(version)
            {
                return;
            }
        }
    }

    /// Peak resident set size of the server process, from /proc (Linux).
    fn peak_rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn seeds() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/seeds");
    let mut seeds: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    seeds.sort();
    seeds
}

fn main() {
    if std::env::var_os("NIANBAO_BENCH_SERVER").is_some() {
        nianbao::lsp::run_stdio(nianbao::lsp::Options::default()).expect("serve");
        return;
    }
    // `cargo bench` passes filters and --bench; this bench has no options.
    let seeds = seeds();
    let (name, text) = seeds.iter().max_by_key(|(_, t)| t.len()).unwrap().clone();
    let mut client = Client::start();
    let uri = "file:///bench/largest.txt";
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }));
    client.wait_published(uri, 1);

    // Type into the first paragraph of section 一, one character per change.
    let at = text
        .find("一、")
        .and_then(|i| text[i..].find('\n').map(|n| i + n + 1))
        .unwrap_or(0);
    let line = text[..at].matches('\n').count() as u32;
    let typed: Vec<char> = "本机关认真贯彻落实政府信息公开条例全年主动公开政府信息"
        .chars()
        .cycle()
        .take(KEYSTROKES)
        .collect();
    let mut latencies = Vec::with_capacity(KEYSTROKES);
    let mut column = 0u32;
    for (i, c) in typed.iter().enumerate() {
        let version = i as i64 + 2;
        let pos = json!({ "line": line, "character": column });
        let started = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "range": { "start": pos, "end": pos }, "text": c.to_string() }] }),
        );
        client.wait_published(uri, version);
        latencies.push(started.elapsed());
        column += c.len_utf16() as u32;
    }
    let mut pings = Vec::with_capacity(PINGS);
    for _ in 0..PINGS {
        let started = Instant::now();
        let reply = client.request("nianbao/ping", json!({}));
        assert_eq!(reply["error"]["code"], -32601);
        pings.push(started.elapsed());
    }
    latencies.sort();
    pings.sort();

    // Memory with many reports open.
    for i in 0..OPEN_REPORTS {
        let (_, text) = &seeds[i % seeds.len()];
        let uri = format!("file:///bench/open-{i}.txt");
        client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }));
        client.wait_published(&uri, 1);
    }
    let peak = client.peak_rss_kib();
    client.stop();

    println!(
        "nianbao lsp latency: {KEYSTROKES} keystrokes typed into {name} ({} KiB), debounce 0",
        text.len() / 1024
    );
    println!("| measure | p50 | p99 | max |");
    println!("|---|---|---|---|");
    println!(
        "| didChange → publishDiagnostics | {} | {} | {} |",
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.99)),
        ms(*latencies.last().unwrap())
    );
    println!(
        "| trivial request round trip | {} | {} | {} |",
        ms(percentile(&pings, 0.5)),
        ms(percentile(&pings, 0.99)),
        ms(*pings.last().unwrap())
    );
    match peak {
        Some(kib) => println!(
            "peak server memory with {OPEN_REPORTS} reports open: {:.1} MiB (VmHWM)",
            kib as f64 / 1024.0
        ),
        None => println!("peak server memory: not available on this system"),
    }
}
