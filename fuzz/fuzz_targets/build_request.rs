//! Request building from arbitrary parameters: input = operation byte, then JSON. Building
//! never panics, and a built request stays on its operation's endpoint: same method, the
//! base URL, the path's fixed segments, one segment per path parameter.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openai_admin::{Config, Error, RequestOptions, dispatch};
use openai_admin_fuzz::operation;
use serde_json::Value;

const BASE: &str = "http://fuzz.test/v1";

fuzz_target!(init: openai_admin_fuzz::seeds::write(openai_admin_fuzz::seeds::build_request), |data: &[u8]| {
    let [op, json @ ..] = data else { return };
    let op = operation(*op);
    let Ok(Value::Object(params)) = serde_json::from_slice::<Value>(json) else {
        return;
    };
    let cfg = Config::new("sk-admin-fuzz").with_base_url(BASE);
    let req = match dispatch::build(op.sdk_method, params, &cfg, &RequestOptions::default()) {
        Ok(r) => r,
        Err(Error::InvalidInput { .. }) => return,
        Err(e) => panic!("{}: {e:?} is not an invalid-input error", op.sdk_method),
    };
    assert_eq!(req.method().as_str(), op.method);
    let uri = req.uri().to_string();
    let rest = uri.strip_prefix(BASE).expect("left the base URL");
    let path = rest.split(['?', '#']).next().unwrap_or("");
    assert!(!uri.contains('#'), "a fragment in {uri}");
    let want: Vec<&str> = op.path.split('/').collect();
    let got: Vec<&str> = path.split('/').collect();
    assert_eq!(got.len(), want.len(), "{uri} is not on {}", op.path);
    for (g, w) in got.iter().zip(&want) {
        if w.starts_with('{') {
            assert!(!g.is_empty() && *g != "." && *g != "..", "segment {g:?} in {uri}");
        } else {
            assert_eq!(g, w, "{uri} is not on {}", op.path);
        }
    }
});
