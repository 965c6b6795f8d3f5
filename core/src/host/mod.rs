//! The host protocol: everything a binding needs besides the operation table.
//!
//! A binding (Python, JavaScript, Kotlin/Swift, the Rust client itself) holds no rule of its
//! own. It asks this module:
//! - how an [`Error`] is described to its users ([`describe`] → [`ErrorInfo`]: the kind, the
//!   official SDKs' class name, and the fields), so its error mapping is a field copy;
//! - which page comes next ([`PageFacts`] read from a body, then [`Walk::next`]), with the
//!   guards against cursor cycles and endless walks kept here;
//! - what the defaults are and how the environment is read ([`Defaults`], [`Settings`],
//!   [`Settings::from_lookup`]: one rule for empty values), and the log levels ([`LogLevel`]);
//! - the facts of an operation ([`operation`], [`operation_js`]: method, path, page style,
//!   idempotency, SDK names);
//! - where the fields of a JSON body are, for hosts that build result objects lazily
//!   ([`members`]), and which fields a page has besides its items ([`page_fields`]);
//! - how a body read chunk by chunk is cut into bytes, text or lines ([`Split`]), how
//!   headers are shown ([`header_fields`]) and handed to a host's HTTP stack
//!   ([`header_pairs`], [`header_map`]), and which header holds the request id ([`REQUEST_ID_HEADER`]).
//!
//! Nothing here does I/O: the environment is read through a lookup the host passes in.

mod errors;
mod facts;
mod log;
pub mod members;
mod settings;
mod split;
mod walk;

pub use crate::error::{REQUEST_ID_HEADER, request_id};
pub use crate::secret::REDACTED;
pub use errors::{ErrorInfo, ErrorKind, describe, status_class};
pub use facts::{PageFacts, all_page_fields, page_fields};
pub use log::LogLevel;
pub use settings::{Defaults, Overrides, Settings, non_empty, trim_base_url, user_agent};
pub use split::{Cut, Piece, Split};
pub use walk::{NextPage, Walk, WalkEnd};

use crate::error::Error;
use crate::generated::{OPERATIONS, OperationInfo};

/// The operation named `sdk_method`, the official Python SDK's name
/// (`admin.organization.users.list`).
pub fn operation(sdk_method: &str) -> Option<&'static OperationInfo> {
    OPERATIONS
        .binary_search_by(|o| o.sdk_method.cmp(sdk_method))
        .ok()
        .map(|i| &OPERATIONS[i])
}

/// The operation named `sdk_method_js`, the official JS SDK's name
/// (`admin.organization.adminAPIKeys.list`).
pub fn operation_js(sdk_method_js: &str) -> Option<&'static OperationInfo> {
    OPERATIONS.iter().find(|o| o.sdk_method_js == sdk_method_js)
}

/// The operation named `name`, or [`Error::InvalidInput`] for `operation`.
pub fn require_operation(name: &str) -> Result<&'static OperationInfo, Error> {
    operation(name)
        .or_else(|| operation_js(name))
        .ok_or_else(|| Error::invalid("operation", format!("no operation is named {name:?}")))
}

/// Headers as a host shows them: one `(name, value)` pair per name, in order, the values of a
/// name that comes more than once joined with `, ` (bytes that are not text replaced); with
/// `redact`, credentials (marked sensitive, or named as one by
/// [`crate::request::is_sensitive`]) shown as [`REDACTED`].
pub fn header_fields(headers: &http::HeaderMap, redact: bool) -> Vec<(String, String)> {
    let shown = |v: &http::HeaderValue| match redact && v.is_sensitive() {
        true => REDACTED.to_owned(),
        false => String::from_utf8_lossy(v.as_bytes()).into_owned(),
    };
    let field = |name: &http::HeaderName| {
        let values: Vec<_> = headers.get_all(name).iter().map(shown).collect();
        match redact && crate::request::is_sensitive(name) {
            true => (name.to_string(), REDACTED.to_owned()),
            false => (name.to_string(), values.join(", ")),
        }
    };
    headers.keys().map(field).collect()
}

/// Headers as a host sends them: one `(name, value)` pair per value, in order, a name that
/// comes more than once kept as separate pairs, nothing redacted. Each byte of a value is one
/// character (ISO-8859-1, as `fetch` and other HTTP stacks take header values), so a value
/// that is not ASCII comes back byte for byte.
pub fn header_pairs(headers: &http::HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            let text = value.as_bytes().iter().map(|&b| char::from(b)).collect();
            (name.as_str().to_owned(), text)
        })
        .collect()
}

/// The reverse of [`header_pairs`]: pairs a host's HTTP stack handed over, as a header map,
/// each character of a value one byte (ISO-8859-1). A pair that is no header (a bad name, a
/// character above U+00FF, a control character) is left out.
pub fn header_map<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> http::HeaderMap
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    let mut map = http::HeaderMap::new();
    for (name, value) in pairs {
        let bytes: Option<Vec<u8>> = value
            .as_ref()
            .chars()
            .map(|c| u8::try_from(c).ok())
            .collect();
        let name = http::HeaderName::from_bytes(name.as_ref().as_bytes());
        let value = bytes.and_then(|b| http::HeaderValue::from_bytes(&b).ok());
        if let (Ok(name), Some(value)) = (name, value) {
            map.append(name, value);
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_by_either_name() {
        let a = require_operation("admin.organization.admin_api_keys.list").unwrap();
        let b = require_operation("admin.organization.adminAPIKeys.list").unwrap();
        assert_eq!(a, b);
        assert!(require_operation("admin.nope").is_err());
    }

    #[test]
    fn header_fields_join_repeats_and_redact_credentials() {
        let mut h = http::HeaderMap::new();
        h.append("x-a", "1".parse().unwrap());
        h.append("authorization", "Bearer sk-secret".parse().unwrap());
        h.append("x-a", "2".parse().unwrap());
        let mut marked: http::HeaderValue = "token".parse().unwrap();
        marked.set_sensitive(true);
        h.append("x-b", marked);
        let pairs = |redact| -> Vec<(String, String)> { header_fields(&h, redact) };
        let want = |auth: &str, b: &str| {
            let v = [("x-a", "1, 2"), ("authorization", auth), ("x-b", b)];
            v.map(|(k, v)| (k.to_owned(), v.to_owned())).to_vec()
        };
        assert_eq!(pairs(false), want("Bearer sk-secret", "token"));
        assert_eq!(pairs(true), want("<redacted>", "<redacted>"));
    }

    #[test]
    fn header_pairs_keep_repeats_apart_and_every_byte() {
        let mut h = http::HeaderMap::new();
        h.append("x-a", "1".parse().unwrap());
        h.append("authorization", "Bearer sk-secret".parse().unwrap());
        h.append("x-a", "2".parse().unwrap());
        h.append("x-b", http::HeaderValue::from_bytes(b"caf\xe9").unwrap());
        let pairs = header_pairs(&h);
        let want = [
            ("x-a", "1"),
            ("x-a", "2"),
            ("authorization", "Bearer sk-secret"),
            ("x-b", "caf\u{e9}"),
        ];
        assert_eq!(pairs, want.map(|(k, v)| (k.to_owned(), v.to_owned())));
        // Back to the same bytes, as a host's HTTP stack would send them.
        let bytes: Vec<u8> = pairs[3].1.chars().map(|c| c as u8).collect();
        assert_eq!(bytes, b"caf\xe9");
        let back = header_map(pairs.iter().map(|(k, v)| (k, v)));
        assert_eq!(header_pairs(&back), pairs);
    }

    #[test]
    fn header_map_leaves_out_what_is_no_header() {
        let map = header_map([
            ("x-ok", "1"),
            ("bad name", "2"),
            ("x-wide", "\u{2603}"),
            ("x-ctl", "a\nb"),
            ("X-Upper", "3"),
        ]);
        let pairs = header_pairs(&map);
        let want = [("x-ok", "1"), ("x-upper", "3")];
        assert_eq!(pairs, want.map(|(k, v)| (k.to_owned(), v.to_owned())));
    }
}
