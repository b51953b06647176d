//! The message reader in front of the framework (`lsp/transport/reader.rs`): arbitrary bytes,
//! cut into arbitrary chunks, never panic; every message it hands on is one the framework
//! reads; every reply is a JSON-RPC error; and a valid message sent after the bytes (once a
//! body the bytes announced is complete) is read.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::lsp::transport::reader::{frame, framework_reads};
use nianbao::lsp::transport::{Event, MessageReader};
use serde_json::Value;

const MARKER: &str = r#"{"jsonrpc":"2.0","id":"nianbao-fuzz-marker","method":"nianbao/marker"}"#;

fn drain(reader: &mut MessageReader) -> bool {
    let mut marker = false;
    while let Some(event) = reader.next_event() {
        match event {
            Event::Message(body) => {
                assert!(
                    framework_reads(&body),
                    "handed on what the framework cannot read"
                );
                let value: Value = serde_json::from_slice(&body).expect("JSON");
                marker |= value["id"] == "nianbao-fuzz-marker";
            }
            Event::Refused {
                reply: Some(reply), ..
            } => {
                let value: Value = serde_json::from_slice(&reply).expect("a JSON reply");
                assert!(value["error"]["code"].is_i64(), "{value}");
                assert!(framework_reads(&reply));
            }
            Event::Refused { reply: None, .. } | Event::Skipped { .. } => {}
        }
    }
    marker
}

fuzz_target!(|data: &[u8]| {
    let Some((&chunk, bytes)) = data.split_first() else {
        return;
    };
    let chunk = usize::from(chunk % 64) + 1;
    let mut reader = MessageReader::default();
    for part in bytes.chunks(chunk) {
        reader.push(part);
        drain(&mut reader);
    }
    // A body the bytes announced takes the bytes after it, whatever they are: complete it
    // (past a few MiB the run would be slow, and the length was read correctly anyway).
    if let Some(pending) = reader.pending_body() {
        if pending > 4 << 20 {
            return;
        }
        reader.push(&vec![b' '; pending]);
        drain(&mut reader);
    }
    reader.push(&frame(MARKER.as_bytes()));
    assert!(
        drain(&mut reader),
        "the message after the bytes was not read"
    );
});
