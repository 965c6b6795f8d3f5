//! Seed inputs for each target, from the shared vectors (`tests/vectors/*.json`) and the
//! payloads generators (audit logs, usage buckets, costs, users).
//!
//! A target calls [`write`] when it starts (libFuzzer runs that before it reads its corpus),
//! so `OPENAI_ADMIN_FUZZ_SEED=<corpus dir>` puts the seeds beside what earlier runs found.

use std::path::PathBuf;

use openai_admin::OPERATIONS;
use serde_json::{Value, json};

use crate::{STYLES, operation_byte, status_byte};

/// Writes `make()`'s inputs as `seed-NNNN` files into `$OPENAI_ADMIN_FUZZ_SEED`, when set.
pub fn write(make: fn() -> Vec<Vec<u8>>) {
    let Some(dir) = std::env::var_os("OPENAI_ADMIN_FUZZ_SEED").map(PathBuf::from) else {
        return;
    };
    std::fs::create_dir_all(&dir).expect("cannot create the corpus directory");
    for (i, bytes) in make().iter().enumerate() {
        std::fs::write(dir.join(format!("seed-{:04}", i + 1)), bytes).expect("cannot write a seed");
    }
}

fn vectors(name: &str) -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/").to_owned() + name;
    let text = std::fs::read_to_string(&path).expect("cannot read the vectors");
    serde_json::from_str(&text).expect("the vectors are not JSON")
}

fn cases(v: &Value) -> Vec<Value> {
    v["cases"].as_array().cloned().unwrap_or_default()
}

fn with_prefix(prefix: &[u8], body: &[u8]) -> Vec<u8> {
    let mut v = prefix.to_vec();
    v.extend_from_slice(body);
    v
}

fn byte(m: &str) -> u8 {
    operation_byte(m).unwrap_or_else(|| panic!("no operation {m}"))
}

/// Seeds of `decode`: operation byte, status byte, body.
pub fn decode() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for c in cases(&vectors("responses.json")) {
        let (Some(m), Some(status), Some(body)) = (
            c["sdk_method"].as_str(),
            c["status"].as_u64(),
            c["body"].as_str(),
        ) else {
            continue;
        };
        let status = u16::try_from(status).unwrap_or(200);
        out.push(with_prefix(
            &[byte(m), status_byte(status)],
            body.as_bytes(),
        ));
    }
    for c in cases(&vectors("pages.json")) {
        if let Some(m) = c["sdk_method"].as_str() {
            out.push(with_prefix(&[byte(m), 0], c["page"].to_string().as_bytes()));
        }
    }
    let families: [(&str, Vec<u8>); 5] = [
        ("admin.organization.users.list", payloads::users(7, 3, true)),
        (
            "admin.organization.audit_logs.list",
            payloads::audit_logs(7, 6),
        ),
        (
            "admin.organization.usage.completions",
            payloads::usage_completions(7, 2, 2),
        ),
        ("admin.organization.usage.costs", payloads::costs(7, 2, 2)),
        (
            "admin.organization.usage.embeddings",
            payloads::usage_completions(7, 1, 1),
        ),
    ];
    for (m, body) in &families {
        out.push(with_prefix(&[byte(m), 0], body));
    }
    let error = json!({"error": {"message": "nope", "type": "invalid_request_error",
                                 "param": "limit", "code": 42}})
    .to_string();
    for (i, op) in OPERATIONS.iter().enumerate() {
        let b = i as u8;
        out.push(with_prefix(&[b, 0], b"{}"));
        out.push(with_prefix(
            &[b, 0],
            br#"{"object":"list","data":[{"id":"x","object":"y"}],"has_more":true,"last_id":"x"}"#,
        ));
        if op.method == "GET" && i % 8 == 0 {
            out.push(with_prefix(&[b, status_byte(404)], error.as_bytes()));
            out.push(with_prefix(
                &[b, status_byte(503)],
                b"<html>bad gateway</html>",
            ));
        }
    }
    out
}

/// Seeds of `paging`: style byte, page-cap byte, page bodies split by 0xFF.
pub fn paging() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for c in cases(&vectors("pages.json")) {
        let Some(info) = c["sdk_method"]
            .as_str()
            .and_then(openai_admin::host::operation)
        else {
            continue;
        };
        let style = STYLES
            .iter()
            .position(|s| *s == info.page_style)
            .unwrap_or(0) as u8;
        let page = c["page"].to_string();
        let mut bytes = vec![style, 3];
        bytes.extend_from_slice(page.as_bytes());
        bytes.push(0xFF);
        bytes.extend_from_slice(page.as_bytes());
        out.push(bytes);
    }
    for (style, page) in [
        (
            0u8,
            r#"{"object":"list","data":[],"last_id":"a","has_more":true}"#,
        ),
        (
            1,
            r#"{"object":"list","data":[{"id":"k1"},{"id":"k2"}],"has_more":true}"#,
        ),
        (
            2,
            r#"{"object":"list","data":[],"next":"c2","has_more":true}"#,
        ),
        (
            3,
            r#"{"object":"page","data":[],"next_page":"p2","has_more":true}"#,
        ),
    ] {
        let mut bytes = vec![style, 0];
        for _ in 0..3 {
            bytes.extend_from_slice(page.as_bytes());
            bytes.push(0xFF);
        }
        out.push(bytes);
    }
    let mut walk = vec![0u8, 5];
    for body in payloads::users_pages(7, 5, 2) {
        walk.extend_from_slice(&body);
        walk.push(0xFF);
    }
    out.push(walk);
    out
}

/// Seeds of `retry`: the cases of `retry.json`, encoded.
pub fn retry() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for c in cases(&vectors("retry.json")) {
        let o = &c["outcome"];
        let status = u16::try_from(o["status"].as_u64().unwrap_or(0)).unwrap_or(0);
        let kind = match o["failure"].as_str() {
            None => 0u8,
            Some("connect_failed") => 1,
            Some("connection_lost") => 2,
            Some(_) => 3,
        };
        let flags = if c["idempotent"].as_bool() == Some(true) {
            2
        } else {
            0
        };
        let done = c["retries_done"].as_u64().unwrap_or(0) as u8;
        let jitter = (c["jitter"].as_f64().unwrap_or(0.0) * 256.0) as u8;
        let [s0, s1] = status.to_le_bytes();
        let mut bytes = vec![s0, s1, kind, done, 2, flags, jitter];
        bytes.extend_from_slice(&784_111_777u32.to_le_bytes());
        let h = &o["headers"];
        let parts: Vec<&str> = ["retry-after-ms", "retry-after", "x-should-retry"]
            .iter()
            .map(|k| h[*k].as_str().unwrap_or(""))
            .collect();
        bytes.extend_from_slice(parts.join("\n").as_bytes());
        out.push(bytes);
    }
    out
}

/// Seeds of `build_request`: operation byte, parameters as JSON.
pub fn build_request() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for c in cases(&vectors("requests.json")) {
        // Names no operation has (the vectors test them too) are skipped.
        if let Some(b) = c["sdk_method"].as_str().and_then(operation_byte) {
            out.push(with_prefix(&[b], c["params"].to_string().as_bytes()));
        }
    }
    for (i, op) in OPERATIONS.iter().enumerate() {
        let mut params = serde_json::Map::new();
        for seg in op.path.split('/') {
            if let Some(name) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                params.insert(name.to_owned(), json!("../x?y#z"));
            }
        }
        out.push(with_prefix(
            &[i as u8],
            Value::Object(params).to_string().as_bytes(),
        ));
    }
    out
}
