//! URIs as clients really send them. Some send file URIs with raw non-ASCII characters or
//! spaces (`file:///home/u/南昌年报草稿.md`), which the protocol's URI type rejects, so the whole
//! message would be dropped. The reader percent-encodes such a URI before the framework parses
//! it and remembers the pair; the writer puts the client's own spelling back into everything the
//! server sends, so the client finds its document under the URI it used.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Arc, Mutex};

use serde_json::Value;
use tower_lsp_server::ls_types::Uri;

/// Pairs remembered at most (one per document a client opened under a raw URI); past this,
/// new pairs are still encoded but not restored, and that is logged once.
const MAX_PAIRS: usize = 10_000;

/// Encoded URI → the client's spelling, shared by the reader and the writer.
#[derive(Debug, Clone, Default)]
pub struct UriMap {
    pairs: Arc<Mutex<HashMap<String, String>>>,
}

impl UriMap {
    fn pairs(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        // Plain data: a panic elsewhere while holding the lock leaves it usable.
        self.pairs.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Percent-encodes, in place, every URI field (`uri`, `…Uri`) of `params` that the
    /// protocol's URI type would reject, and remembers each pair.
    pub fn encode_in(&self, params: &mut Value) {
        match params {
            Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    match value {
                        Value::String(s) if is_uri_key(key) => {
                            if let Some(encoded) = encode(s) {
                                let original = std::mem::replace(s, encoded.clone());
                                self.remember(encoded, original);
                            }
                        }
                        _ => self.encode_in(value),
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.encode_in(v)),
            _ => {}
        }
    }

    fn remember(&self, encoded: String, original: String) {
        let mut pairs = self.pairs();
        if pairs.len() < MAX_PAIRS || pairs.contains_key(&encoded) {
            pairs.insert(encoded, original);
        } else if pairs.len() == MAX_PAIRS {
            eprintln!("nianbao: 已记住 {MAX_PAIRS} 个需要转写的 URI，此后的不再还原为客户端的写法");
        }
    }

    /// Puts the client's spelling back into an outgoing message body (string values and object
    /// keys, such as a workspace edit's `changes`). Bodies that hold no encoded URI are returned
    /// as they are, without parsing.
    pub fn restore(&self, body: Vec<u8>) -> Vec<u8> {
        let pairs = self.pairs().clone();
        if pairs.is_empty() || !pairs.keys().any(|k| contains(&body, k.as_bytes())) {
            return body;
        }
        let Ok(mut value) = serde_json::from_slice::<Value>(&body) else {
            return body;
        };
        restore_in(&mut value, &pairs);
        serde_json::to_vec(&value).unwrap_or(body)
    }
}

fn restore_in(value: &mut Value, pairs: &HashMap<String, String>) {
    match value {
        Value::String(s) => {
            if let Some(original) = pairs.get(s.as_str()) {
                s.clone_from(original);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| restore_in(v, pairs)),
        Value::Object(map) => {
            let renamed: Vec<(String, String)> = map
                .keys()
                .filter_map(|k| pairs.get(k).map(|o| (k.clone(), o.clone())))
                .collect();
            for (from, to) in renamed {
                if let Some(v) = map.remove(&from) {
                    map.insert(to, v);
                }
            }
            map.values_mut().for_each(|v| restore_in(v, pairs));
        }
        _ => {}
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

fn is_uri_key(key: &str) -> bool {
    key == "uri" || key.ends_with("Uri")
}

/// Parses a URI as the protocol's type does, percent-encoding what that type rejects first.
pub fn parse_lenient(s: &str) -> Option<Uri> {
    Uri::from_str(s)
        .ok()
        .or_else(|| encode(s).and_then(|e| Uri::from_str(&e).ok()))
}

/// The percent-encoded form of a URI the protocol's type rejects, if encoding makes it
/// acceptable; `None` for a URI that is fine as it is (or that encoding cannot save).
pub fn encode(s: &str) -> Option<String> {
    if Uri::from_str(s).is_ok() {
        return None;
    }
    // First only what can never appear in a URI (non-ASCII, spaces, controls, `"<>\^`{|}`,
    // a `%` not starting an escape), then, if that is not enough, every sub-delimiter too.
    [false, true].into_iter().find_map(|strict| {
        let encoded = percent_encode(s, strict);
        Uri::from_str(&encoded).is_ok().then_some(encoded)
    })
}

fn percent_encode(s: &str, strict: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 16);
    for (i, &b) in bytes.iter().enumerate() {
        let keep = match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => true,
            b':' | b'/' | b'?' | b'#' | b'@' => true,
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' => !strict,
            b'[' | b']' => !strict,
            b'%' => {
                bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                    && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
            }
            _ => false,
        };
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn raw_non_ascii_and_spaces_are_encoded() {
        assert_eq!(
            encode("file:///home/u/南昌年报草稿.md").as_deref(),
            Some("file:///home/u/%E5%8D%97%E6%98%8C%E5%B9%B4%E6%8A%A5%E8%8D%89%E7%A8%BF.md")
        );
        assert_eq!(
            encode("file:///tmp/a b.txt").as_deref(),
            Some("file:///tmp/a%20b.txt")
        );
        assert_eq!(
            encode("file:///tmp/100%.txt").as_deref(),
            Some("file:///tmp/100%25.txt")
        );
        // Already fine: left alone.
        assert_eq!(encode("file:///tmp/%E5%B9%B4.txt"), None);
    }

    #[test]
    fn windows_shaped_uris_parse() {
        for s in [
            "file:///c%3A/Users/u/%E5%B9%B4%E6%8A%A5.md",
            "file:///c%3A/Users/u/年报.md",
            "file:///C:/Users/张三/年报 2023.md",
            "file:///c:/Users/u/Desktop/年报.txt",
        ] {
            assert!(parse_lenient(s).is_some(), "{s}");
        }
    }

    #[test]
    fn outgoing_messages_get_the_clients_spelling_back() {
        let map = UriMap::default();
        let mut params =
            json!({ "textDocument": { "uri": "file:///年报.md" }, "rootUri": "file:///a b" });
        map.encode_in(&mut params);
        assert_eq!(
            params["textDocument"]["uri"],
            "file:///%E5%B9%B4%E6%8A%A5.md"
        );
        let out = json!({ "params": { "uri": "file:///%E5%B9%B4%E6%8A%A5.md",
            "edit": { "changes": { "file:///%E5%B9%B4%E6%8A%A5.md": [] } } } });
        let back: Value =
            serde_json::from_slice(&map.restore(serde_json::to_vec(&out).unwrap())).unwrap();
        assert_eq!(back["params"]["uri"], "file:///年报.md");
        assert!(back["params"]["edit"]["changes"]["file:///年报.md"].is_array());
        assert_eq!(
            map.restore(br#""file:///a%20b""#.to_vec()),
            br#""file:///a b""#
        );
    }
}
