//! Language-server latency, measured the way an editor experiences it: a scripted client
//! talks JSON-RPC over the pipes of a real server process and replays typing into the largest
//! seed report.
//!
//! Reports:
//! - didChange → publishDiagnostics for each keystroke (debounce 0): p50, p99, max;
//! - the round trip of a trivial request (an unknown method, answered "method not found")
//!   in the same run, i.e. the cost of the protocol itself;
//! - the server's peak resident memory with 50 reports open;
//! - the first publish after `didOpen` in a fresh process (initialize, initialized, didOpen
//!   at once, as an editor opening a report does), over several processes;
//! - a 5 MB document: its first publish, the server's peak memory, and the longest wait of a
//!   hover on another (small) document asked again and again while the big one is checked.
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
const FRESH_PROCESSES: usize = 10;
const BIG_DOCUMENT_BYTES: usize = 5 << 20;

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

    /// Sends a request and waits for its reply; says whether a publish for `watched` was read
    /// on the way.
    fn request_watching(&mut self, method: &str, params: Value, watched: &str) -> (Value, bool) {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let mut seen = false;
        loop {
            let m = self.read();
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == watched {
                seen = true;
            }
            if m["id"] == json!(id) && m.get("method").is_none() {
                return (m, seen);
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

    // The first publish in a fresh process, as an editor starting the server for a report.
    let mut first = Vec::with_capacity(FRESH_PROCESSES);
    for _ in 0..FRESH_PROCESSES {
        let mut fresh = Client::start();
        let started = Instant::now();
        fresh.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }));
        fresh.wait_published(uri, 1);
        first.push(started.elapsed());
        fresh.stop();
    }
    first.sort();

    // A 5 MB document, and hovers on a small one while it is checked.
    let mut big = String::with_capacity(BIG_DOCUMENT_BYTES + text.len());
    while big.len() < BIG_DOCUMENT_BYTES {
        big.push_str(&text);
        big.push('\n');
    }
    let mut client = Client::start();
    let small = "file:///bench/small.txt";
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": small, "languageId": "plaintext", "version": 1, "text": text } }));
    client.wait_published(small, 1);
    let big_uri = "file:///bench/big.txt";
    let started = Instant::now();
    // Over 2 MiB, a document is checked only when its language says it is a report.
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": big_uri, "languageId": "nianbao", "version": 1, "text": big } }));
    let hover =
        json!({ "textDocument": { "uri": small }, "position": { "line": line, "character": 0 } });
    let mut waits = Vec::new();
    let big_published = loop {
        let asked = Instant::now();
        let (reply, published) =
            client.request_watching("textDocument/hover", hover.clone(), big_uri);
        assert!(reply.get("error").is_none(), "hover failed: {reply}");
        if published {
            break started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the 5 MB document was not published within two minutes"
        );
        waits.push(asked.elapsed());
    };
    let big_peak = client.peak_rss_kib();
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
    println!(
        "first publish after didOpen in a fresh process ({FRESH_PROCESSES} processes): median {}, max {}",
        ms(percentile(&first, 0.5)),
        ms(*first.last().unwrap())
    );
    println!(
        "{:.1} MB document: first publish {}, peak server memory {}",
        big.len() as f64 / 1e6,
        ms(big_published),
        big_peak.map_or("not available".to_string(), |kib| format!(
            "{:.1} MiB",
            kib as f64 / 1024.0
        ))
    );
    // The first hover is read after the 5 MB didOpen in the same pipe: it waits for that
    // message to be read whatever the server does; the others show whether the check holds
    // anything up.
    match waits.split_first() {
        Some((first, rest)) => {
            let mut rest = rest.to_vec();
            rest.sort();
            println!(
                "hover on another document meanwhile: the first (behind the 5 MB message in the pipe) {}; {} more, p50 {}, longest {}",
                ms(*first),
                rest.len(),
                rest.get(rest.len() / 2).map_or("-".into(), |d| ms(*d)),
                rest.last().map_or("-".into(), |d| ms(*d)),
            );
        }
        None => {
            println!("hover on another document meanwhile: none answered before the big publish")
        }
    }
    match peak {
        Some(kib) => println!(
            "peak server memory with {OPEN_REPORTS} reports open: {:.1} MiB (VmHWM)",
            kib as f64 / 1024.0
        ),
        None => println!("peak server memory: not available on this system"),
    }
}
