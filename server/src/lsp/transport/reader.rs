//! The message reader: splits the client's byte stream into framed messages and hands on only
//! messages the framework can take.
//!
//! tower-lsp-server stops reading for good after the first message it cannot decode (its
//! framed reader ends on an error), so one typo in one message would cost the editor its
//! server. This reader stands in front of it and never stops: a body that is not JSON gets
//! `-32700 Parse error`, JSON that is not a JSON-RPC message gets `-32600 Invalid Request`,
//! params that do not fit the method get `-32602 Invalid params` naming the field, a bad header
//! is skipped up to the next `Content-Length`, and a URI with raw non-ASCII characters or spaces
//! is percent-encoded (see `uri`). Every message it hands on is re-serialised from the value it
//! checked, so the framework reads exactly what passed the checks.
//!
//! It is synchronous and does no I/O (bytes in, events out), so the fuzz target drives it as
//! the server does.

use serde::Deserialize;
use serde_json::{json, Value};
use tower_lsp_server::jsonrpc::{Request, Response};

use super::params;
use super::uri::UriMap;

/// A header block longer than this is not a header: skip to the next `Content-Length`.
pub const MAX_HEADER_BYTES: usize = 8 * 1024;

/// The largest message body taken. A report is tens of kilobytes; a document of 5 MB opens; a
/// `Content-Length` past this is a broken header, not a message to wait for.
pub const MAX_BODY_BYTES: usize = 64 << 20;

/// What the reader made of the bytes so far.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A message for the framework: its body, re-serialised JSON.
    Message(Vec<u8>),
    /// A message that was refused: the error response to send (none for a notification or a
    /// response) and the log line saying why.
    Refused { reply: Option<Vec<u8>>, log: String },
    /// Bytes that were skipped (a bad header, a stream cut in the middle of a message).
    Skipped { log: String },
}

/// JSON-RPC error codes the reader answers with.
pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;
pub const INVALID_PARAMS: i64 = -32602;

#[derive(Debug, Default)]
pub struct MessageReader {
    buf: Vec<u8>,
    /// The length of the body whose header has been read.
    body: Option<usize>,
    uris: UriMap,
}

impl MessageReader {
    /// A reader recording the URIs it percent-encodes in `uris` (the writer restores them).
    pub fn new(uris: UriMap) -> MessageReader {
        MessageReader {
            buf: Vec::new(),
            body: None,
            uris,
        }
    }

    /// Appends bytes read from the client.
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next event, or `None` when more bytes are needed.
    pub fn next_event(&mut self) -> Option<Event> {
        loop {
            if let Some(len) = self.body {
                if self.buf.len() < len {
                    return None;
                }
                let body: Vec<u8> = self.buf.drain(..len).collect();
                self.body = None;
                return Some(self.accept(&body));
            }
            let Some(end) = header_end(&self.buf) else {
                if self.buf.len() > MAX_HEADER_BYTES {
                    let log = format!(
                        "消息头超过 {MAX_HEADER_BYTES} 字节仍未结束，已跳到下一个 Content-Length"
                    );
                    self.resync(self.buf.len());
                    return Some(Event::Skipped { log });
                }
                return None;
            };
            match content_length(&self.buf[..end]) {
                Ok(len) if len <= MAX_BODY_BYTES => {
                    self.buf.drain(..end);
                    self.body = Some(len);
                }
                Ok(len) => {
                    let log = format!(
                        "Content-Length {len} 超过上限 {MAX_BODY_BYTES}，已跳到下一个 Content-Length"
                    );
                    self.resync(end);
                    return Some(Event::Skipped { log });
                }
                Err(why) => {
                    let log = format!("消息头无效（{why}），已跳到下一个 Content-Length");
                    self.resync(end);
                    return Some(Event::Skipped { log });
                }
            }
        }
    }

    /// How many more bytes the body being read needs, if a header has been read (for tests
    /// and the fuzz target, which complete a body before sending a message after it).
    pub fn pending_body(&self) -> Option<usize> {
        self.body.map(|len| len.saturating_sub(self.buf.len()))
    }

    /// At the end of the stream: what was left unread, if anything.
    pub fn finish(&mut self) -> Option<Event> {
        let left = self.buf.len();
        self.buf.clear();
        let expected = self.body.take();
        (left > 0 || expected.is_some()).then(|| Event::Skipped {
            log: format!("输入在一条消息中途结束，丢弃了最后 {left} 字节"),
        })
    }

    /// Drops bytes up to the next `Content-Length` after the first byte (so the reader always
    /// moves on), or up to `fallback` when there is none yet, keeping a tail that may be the
    /// start of one.
    fn resync(&mut self, fallback: usize) {
        let next = find_content_length(&self.buf, 1);
        let cut = match next {
            Some(at) => at,
            None => {
                let keep = CONTENT_LENGTH.len() - 1;
                fallback.max(self.buf.len().saturating_sub(keep)).max(1)
            }
        };
        let cut = cut.min(self.buf.len());
        self.buf.drain(..cut);
    }

    /// Checks one body and says what to do with it.
    fn accept(&mut self, body: &[u8]) -> Event {
        let mut value: Value = match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => {
                return refuse(
                    Value::Null,
                    PARSE_ERROR,
                    format!("Parse error: {e}"),
                    format!("消息体不是有效的 JSON（{e}），已回复 -32700"),
                )
            }
        };
        let id = value
            .get("id")
            .filter(|id| id.is_string() || id.is_i64())
            .cloned()
            .unwrap_or(Value::Null);
        if !value.is_object() {
            return refuse(
                Value::Null,
                INVALID_REQUEST,
                "Invalid Request: a message is a JSON object".to_string(),
                "消息不是 JSON 对象，已回复 -32600".to_string(),
            );
        }
        let method = value
            .get("method")
            .and_then(Value::as_str)
            .map(String::from);
        if let Some(params) = value.get_mut("params") {
            self.uris.encode_in(params);
        }
        let bytes = match serde_json::to_vec(&value) {
            Ok(b) => b,
            // A `Value` always serialises; answer rather than assume.
            Err(e) => {
                return refuse(
                    id,
                    INVALID_REQUEST,
                    format!("Invalid Request: {e}"),
                    format!("消息无法重新序列化（{e}）"),
                )
            }
        };
        // Whatever the framework would fail to read, it would also stop reading after. Asked
        // of the parsed value, which is what `bytes` serialise (the fuzz target `reader`
        // checks every message handed on with `framework_reads` on its bytes).
        if !framework_reads_value(&value) {
            if value.get("result").is_some() || value.get("error").is_some() {
                // A broken response to one of the server's requests: a response is never
                // answered, so it is only logged.
                return Event::Refused {
                    reply: None,
                    log: "客户端的响应不是有效的 JSON-RPC 2.0 响应，已忽略".to_string(),
                };
            }
            return refuse(
                id,
                INVALID_REQUEST,
                "Invalid Request: not a JSON-RPC 2.0 request, notification or response".into(),
                "消息不是 JSON-RPC 2.0 请求、通知或响应，已回复 -32600".to_string(),
            );
        }
        if let Some(method) = method {
            let params = value.get("params").unwrap_or(&Value::Null);
            if let Err(why) = params::check(&method, params) {
                let is_request = value.get("id").is_some_and(|id| !id.is_null());
                let log = format!("{method} 的参数无效：{why}");
                if is_request {
                    return refuse(
                        id,
                        INVALID_PARAMS,
                        format!("Invalid params: {why}"),
                        format!("{log}，已回复 -32602"),
                    );
                }
                return Event::Refused {
                    reply: None,
                    log: format!("{log}，通知已忽略"),
                };
            }
        }
        Event::Message(bytes)
    }
}

/// An error response and its log line.
fn refuse(id: Value, code: i64, message: String, log: String) -> Event {
    let reply = json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": message },
    });
    Event::Refused {
        reply: serde_json::to_vec(&reply).ok(),
        log,
    }
}

const CONTENT_LENGTH: &[u8] = b"content-length";

/// The length of the header block including its blank line, if it is complete. Lines end with
/// `\r\n` as the protocol says; a bare `\n` is taken too.
pub(crate) fn header_end(buf: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < buf.len() {
        if buf[i] == b'\n' {
            let rest = &buf[i + 1..];
            if rest.starts_with(b"\r\n") {
                return Some(i + 3);
            }
            if rest.starts_with(b"\n") {
                return Some(i + 2);
            }
        }
        i += 1;
    }
    None
}

/// The `Content-Length` of a complete header block. Other headers (`Content-Type`) are ignored;
/// the body is read as UTF-8 JSON whatever they say.
pub(crate) fn content_length(header: &[u8]) -> Result<usize, &'static str> {
    let text = std::str::from_utf8(header).map_err(|_| "消息头不是 UTF-8")?;
    let mut length = None;
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        // A `Content-Length` inside a line is the next message's header run into the remains
        // of a broken one: the block is not one header, and the reader resynchronises on it.
        if find_content_length(line.as_bytes(), 1).is_some() {
            return Err("Content-Length 出现在一行的中间");
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err("消息头有一行不是“名称: 值”");
        };
        if name.is_empty() || !name.bytes().all(is_token) {
            return Err("消息头的名称含有不允许的字符");
        }
        if name.eq_ignore_ascii_case("content-length") {
            let value: usize = value
                .trim()
                .parse()
                .map_err(|_| "Content-Length 不是非负整数")?;
            if length.is_some_and(|l| l != value) {
                return Err("Content-Length 出现两次且不一致");
            }
            length = Some(value);
        }
    }
    length.ok_or("缺少 Content-Length")
}

/// A character allowed in a header name (an HTTP token).
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// The next `Content-Length` (any case) at or after `from`.
fn find_content_length(buf: &[u8], from: usize) -> Option<usize> {
    if buf.len() < CONTENT_LENGTH.len() {
        return None;
    }
    (from..=buf.len() - CONTENT_LENGTH.len())
        .find(|&i| buf[i..i + CONTENT_LENGTH.len()].eq_ignore_ascii_case(CONTENT_LENGTH))
}

/// The frame of a body: `Content-Length` header and the body.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Whether the framework reads `body`: as its own message type does, a response or else a
/// request (an untagged enum of its public types).
pub fn framework_reads(body: &[u8]) -> bool {
    serde_json::from_slice::<FrameworkMessage>(body).is_ok()
}

/// [`framework_reads`] for a body already parsed: reading the parsed value borrows its
/// strings instead of parsing the text again (a 5 MB document is not parsed a third time).
pub fn framework_reads_value(value: &Value) -> bool {
    FrameworkMessage::deserialize(value).is_ok()
}

/// The framework's own message type: a response or else a request (an untagged enum of its
/// public types).
#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)] // only whether it reads matters
enum FrameworkMessage {
    Response(Response),
    Request(Request),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(stream: &[u8]) -> Vec<Event> {
        let mut reader = MessageReader::default();
        reader.push(stream);
        let mut out = Vec::new();
        while let Some(e) = reader.next_event() {
            out.push(e);
        }
        out.extend(reader.finish());
        out
    }

    fn msg(body: &str) -> Vec<u8> {
        frame(body.as_bytes())
    }

    const PING: &str = r#"{"jsonrpc":"2.0","id":7,"method":"nianbao/ping"}"#;

    fn is_ping(e: &Event) -> bool {
        matches!(e, Event::Message(b) if serde_json::from_slice::<Value>(b).unwrap()["id"] == 7)
    }

    fn reply_code(e: &Event) -> Option<(Value, i64)> {
        match e {
            Event::Refused { reply: Some(r), .. } => {
                let v: Value = serde_json::from_slice(r).unwrap();
                Some((v["id"].clone(), v["error"]["code"].as_i64().unwrap()))
            }
            _ => None,
        }
    }

    #[test]
    fn a_body_that_is_not_json_gets_parse_error_and_reading_goes_on() {
        let mut stream = msg("{\"jsonrpc\":\"2.0\",\"id\":1,");
        stream.extend(msg(PING));
        let out = events(&stream);
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(reply_code(&out[0]), Some((Value::Null, PARSE_ERROR)));
        assert!(is_ping(&out[1]));
    }

    #[test]
    fn json_that_is_not_a_message_gets_invalid_request_with_its_id() {
        let mut stream = msg(r#"[1,2]"#);
        stream.extend(msg(r#"{"jsonrpc":"1.0","id":3,"method":"x"}"#));
        stream.extend(msg(PING));
        let out = events(&stream);
        assert_eq!(reply_code(&out[0]), Some((Value::Null, INVALID_REQUEST)));
        assert_eq!(reply_code(&out[1]), Some((json!(3), INVALID_REQUEST)));
        assert!(is_ping(&out[2]));
    }

    #[test]
    fn bad_headers_are_skipped_to_the_next_content_length() {
        let mut stream = b"Content-Type: text/plain\r\n\r\n{\"a\":1}".to_vec();
        stream.extend(b"garbage without a line end");
        stream.extend(msg(PING));
        stream.extend(b"Content-Length: 99999999999\r\n\r\n");
        stream.extend(b"Content-Length: x\r\n\r\n");
        stream.extend(msg(PING));
        let out = events(&stream);
        let pings = out.iter().filter(|e| is_ping(e)).count();
        assert_eq!(pings, 2, "{out:?}");
        assert!(out
            .iter()
            .any(|e| matches!(e, Event::Skipped { log } if log.contains("缺少"))));
        assert!(out
            .iter()
            .any(|e| matches!(e, Event::Skipped { log } if log.contains("上限"))));
    }

    #[test]
    fn messages_split_anywhere_read_the_same() {
        let mut stream = msg(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
        stream.extend(msg(PING));
        let whole = events(&stream);
        for cut in 0..stream.len() {
            let mut reader = MessageReader::default();
            let mut out = Vec::new();
            for part in [&stream[..cut], &stream[cut..]] {
                reader.push(part);
                while let Some(e) = reader.next_event() {
                    out.push(e);
                }
            }
            assert_eq!(out, whole, "cut at {cut}");
        }
    }

    #[test]
    fn a_header_with_lowercase_name_and_bare_newlines_is_read() {
        let body = PING.as_bytes();
        let mut stream = format!("content-length: {}\n\n", body.len()).into_bytes();
        stream.extend(body);
        assert!(is_ping(&events(&stream)[0]));
    }

    /// Found by the `reader` fuzz target: the remains of a broken header (a line starting
    /// with `\r@{`, then a partial header) ran into the next message's header, and the stale
    /// `Content-Length: 44` took the first bytes of the next message as its body.
    #[test]
    fn a_broken_header_does_not_swallow_the_next_message() {
        let mut stream =
            b"Content-Length: 44\r\n\r@{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutd\n".to_vec();
        stream.extend(b"jsonrpc\":\"2.0\",\"id\":2,Content-Lengown\"}");
        stream.extend(msg(PING));
        let out = events(&stream);
        assert!(out.iter().any(is_ping), "{out:?}");
        // A partial header line run into the next header.
        let mut stream = b"Content-Length: 44\r\nX: y".to_vec();
        stream.extend(msg(PING));
        assert!(events(&stream).iter().any(is_ping));
    }

    #[test]
    fn a_stream_cut_short_is_reported_once() {
        let out = events(b"Content-Length: 50\r\n\r\n{\"jsonrpc\"");
        assert!(matches!(&out[..], [Event::Skipped { .. }]), "{out:?}");
    }

    #[test]
    fn bad_params_name_the_field() {
        let request = r#"{"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///a.txt"},"position":{"line":"x","character":0}}}"#;
        let out = events(&msg(request));
        assert_eq!(reply_code(&out[0]), Some((json!(4), INVALID_PARAMS)));
        let Event::Refused { reply: Some(r), .. } = &out[0] else {
            unreachable!()
        };
        let text = String::from_utf8_lossy(r);
        assert!(text.contains("position.line"), "{text}");
        // A notification is not answered, only logged.
        let note = r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.txt"}}}"#;
        let out = events(&msg(note));
        assert!(
            matches!(&out[0], Event::Refused { reply: None, log } if log.contains("textDocument")),
            "{out:?}"
        );
    }

    #[test]
    fn raw_utf8_uris_are_encoded_for_the_framework() {
        let note = r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///home/u/南昌 年报.md","languageId":"markdown","version":1,"text":""}}}"#;
        let uris = UriMap::default();
        let mut reader = MessageReader::new(uris.clone());
        reader.push(&msg(note));
        let Some(Event::Message(body)) = reader.next_event() else {
            panic!("the message goes through")
        };
        let v: Value = serde_json::from_slice(&body).unwrap();
        let encoded = v["params"]["textDocument"]["uri"].as_str().unwrap();
        assert_eq!(
            encoded,
            "file:///home/u/%E5%8D%97%E6%98%8C%20%E5%B9%B4%E6%8A%A5.md"
        );
        assert!(framework_reads(&body));
        let back = uris.restore(body);
        let v: Value = serde_json::from_slice(&back).unwrap();
        assert_eq!(
            v["params"]["textDocument"]["uri"],
            "file:///home/u/南昌 年报.md"
        );
    }
}
