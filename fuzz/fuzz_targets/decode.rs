//! Response decoding of every operation (lists, usage buckets, audit logs, keys, errors):
//! input = operation byte, status byte, body. `dispatch::validate` and `dispatch::parse`
//! must agree, never panic, and a decoded body must decode again after it is written back.
#![no_main]

use http::{HeaderMap, StatusCode};
use libfuzzer_sys::fuzz_target;
use openai_admin::{Error, dispatch};
use openai_admin_fuzz::{STATUSES, has_duplicate_keys, operation};

fuzz_target!(init: openai_admin_fuzz::seeds::write(openai_admin_fuzz::seeds::decode), |data: &[u8]| {
    let [op, st, body @ ..] = data else { return };
    let op = operation(*op);
    let status = STATUSES[*st as usize % STATUSES.len()];
    let status = StatusCode::from_u16(status).unwrap();
    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", "req_fuzz".parse().unwrap());
    let checked = dispatch::validate(op.sdk_method, status, &headers, body);
    let parsed = dispatch::parse(op.sdk_method, status, &headers, body);
    assert_eq!(checked.is_ok(), parsed.is_ok(), "{}: validate and parse disagree", op.sdk_method);
    if !status.is_success() {
        match &parsed {
            Err(Error::Status(e)) => {
                assert_eq!(e.status, status.as_u16());
                assert_eq!(e.request_id.as_deref(), Some("req_fuzz"));
            }
            other => panic!("{}: a {status} gave {other:?}", op.sdk_method),
        }
        return;
    }
    if let Ok(value) = parsed {
        // What a host receives must read back as the same operation's answer, unchanged
        // (from its first re-written form on when the body repeats a key).
        let again = |v: &serde_json::Value| {
            let bytes = serde_json::to_vec(v).unwrap();
            dispatch::parse(op.sdk_method, status, &headers, &bytes).unwrap_or_else(|e| {
                panic!("{}: its own output does not decode: {e}", op.sdk_method)
            })
        };
        let (first, second) = if has_duplicate_keys(body) {
            let v = again(&value);
            let w = again(&v);
            (v, w)
        } else {
            let v = again(&value);
            (value, v)
        };
        assert!(
            same(&first, &second),
            "{}: not stable after a round trip:\n{first}\n{second}",
            op.sdk_method
        );
    }
});

/// Equal, but floats only to within a few units in the last place: serde_json's default
/// float parser (without its `float_roundtrip` feature) may read a printed float back one
/// or two ulps off.
fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            x == y || (x - y).abs() <= x.abs().max(y.abs()) * 1e-15
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}
