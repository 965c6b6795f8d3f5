//! Replays the shared vectors in `tests/vectors/` against the Rust core.
#![allow(clippy::unwrap_used, missing_docs)] // tests and benches may panic

use std::time::{Duration, SystemTime};

use http::{HeaderMap, HeaderName, StatusCode};
use openai_admin::retry::{self, Attempt, Decision, RetryPolicy};
use openai_admin::{Config, Error, RequestOptions, StatusKind, dispatch};
use serde_json::{Value, json};

fn load(name: &str) -> Value {
    let path = format!("{}/../tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("read vector file")).expect("JSON")
}

fn params(v: &Value) -> serde_json::Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

fn headers(v: Option<&Value>) -> HeaderMap {
    let mut h = HeaderMap::new();
    for (k, v) in v.and_then(Value::as_object).into_iter().flatten() {
        h.insert(
            HeaderName::from_bytes(k.as_bytes()).unwrap(),
            v.as_str().unwrap().parse().unwrap(),
        );
    }
    h
}

/// `expected` is contained in `actual`: every key it names has the same value.
fn contains(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => e
            .iter()
            .all(|(k, ev)| a.get(k).is_some_and(|av| contains(av, ev))),
        (Value::Array(a), Value::Array(e)) => {
            a.len() == e.len() && a.iter().zip(e).all(|(av, ev)| contains(av, ev))
        }
        _ => actual == expected,
    }
}

fn kind_name(k: StatusKind) -> &'static str {
    match k {
        StatusKind::BadRequest => "bad_request",
        StatusKind::Authentication => "authentication",
        StatusKind::PermissionDenied => "permission_denied",
        StatusKind::NotFound => "not_found",
        StatusKind::Conflict => "conflict",
        StatusKind::UnprocessableEntity => "unprocessable_entity",
        StatusKind::RateLimit => "rate_limit",
        StatusKind::InternalServer => "internal_server",
        _ => "other",
    }
}

fn error_json(e: &Error) -> Value {
    match e {
        Error::InvalidInput { param, .. } => json!({"kind": "invalid_input", "param": param}),
        Error::Status(a) => json!({
            "kind": "status", "status": a.status, "status_kind": kind_name(a.kind()),
            "message": a.message, "request_id": a.request_id, "error_type": a.error_type,
            "param": a.param, "code": a.code,
        }),
        Error::Decode { .. } => json!({"kind": "decode"}),
        Error::Connection { .. } => json!({"kind": "connection"}),
        Error::Timeout => json!({"kind": "timeout"}),
        _ => json!({"kind": "other"}),
    }
}

#[test]
fn requests() {
    let v = load("requests.json");
    let cfg =
        Config::new(v["api_key"].as_str().unwrap()).with_base_url(v["base_url"].as_str().unwrap());
    let base = v["base_url"].as_str().unwrap();
    let cases = v["cases"].as_array().unwrap();
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let got = dispatch::build(
            c["sdk_method"].as_str().unwrap(),
            params(&c["params"]),
            &cfg,
            &RequestOptions::default(),
        );
        match (&got, c.get("expect"), c.get("error")) {
            (Ok(req), Some(exp), None) => {
                assert_eq!(req.method().as_str(), exp["method"], "{name}");
                let url = req.uri().to_string();
                assert_eq!(url.strip_prefix(base), exp["url"].as_str(), "{name}");
                let body: Value = if req.body().is_empty() {
                    Value::Null
                } else {
                    serde_json::from_slice(req.body()).unwrap()
                };
                assert_eq!(body, exp["body"], "{name}");
                assert_eq!(
                    req.headers()["authorization"],
                    "Bearer sk-admin-vector-fake"
                );
            }
            (Err(e), None, Some(exp)) => assert!(contains(&error_json(e), exp), "{name}: {e:?}"),
            _ => panic!("{name}: got {got:?}"),
        }
    }
    assert!(cases.len() >= 15);
}

#[test]
fn responses() {
    let v = load("responses.json");
    for c in v["cases"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        let status = StatusCode::from_u16(c["status"].as_u64().unwrap() as u16).unwrap();
        let got = dispatch::parse(
            c["sdk_method"].as_str().unwrap(),
            status,
            &headers(c.get("headers")),
            c["body"].as_str().unwrap().as_bytes(),
        );
        match (&got, c.get("expect"), c.get("error")) {
            (Ok(value), Some(exp), None) => assert!(contains(value, exp), "{name}: {value}"),
            (Err(e), None, Some(exp)) => {
                let actual = error_json(e);
                assert!(contains(&actual, exp), "{name}: {actual}");
            }
            _ => panic!("{name}: got {got:?}"),
        }
    }
}

#[test]
fn retries() {
    let v = load("retry.json");
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(v["now"].as_u64().unwrap());
    for c in v["cases"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        let policy = RetryPolicy {
            max_retries: c
                .get("max_retries")
                .or(v["policy"].get("max_retries"))
                .and_then(Value::as_u64)
                .unwrap() as u32,
            retry_non_idempotent: c
                .get("retry_non_idempotent")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        };
        let hs = headers(c["outcome"].get("headers"));
        let attempt = match (
            c["outcome"].get("status"),
            c["outcome"].get("failure").and_then(Value::as_str),
        ) {
            (Some(s), None) => Attempt::Response {
                status: s.as_u64().unwrap() as u16,
                headers: &hs,
            },
            (None, Some("timeout")) => Attempt::Timeout,
            (None, Some("connection_lost")) => Attempt::ConnectionLost,
            (None, Some("connect_failed")) => Attempt::ConnectFailed,
            other => panic!("{name}: bad outcome {other:?}"),
        };
        let d = retry::decide(
            &policy,
            c["idempotent"].as_bool().unwrap(),
            c["retries_done"].as_u64().unwrap() as u32,
            attempt,
            c["jitter"].as_f64().unwrap(),
            now,
        );
        let got = match d {
            Decision::RetryAfter(d) => json!(d.as_secs_f64()),
            _ => Value::Null,
        };
        match (&got, &c["expect"]) {
            (Value::Number(g), Value::Number(e)) => {
                assert!(
                    (g.as_f64().unwrap() - e.as_f64().unwrap()).abs() < 1e-9,
                    "{name}: {g} vs {e}"
                )
            }
            (g, e) => assert_eq!(g, e, "{name}"),
        }
    }
}

#[test]
fn pages() {
    let v = load("pages.json");
    for c in v["cases"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        let page = serde_json::to_vec(&c["page"]).unwrap();
        let got = dispatch::next_params(
            c["sdk_method"].as_str().unwrap(),
            &params(&c["params"]),
            &page,
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            got.map(Value::Object).unwrap_or(Value::Null),
            c["next"],
            "{name}"
        );
    }
}

#[test]
fn operations_by_name() {
    let info = dispatch::operation("admin.organization.invites.create").unwrap();
    assert_eq!(
        (info.method, info.path, info.idempotent),
        ("POST", "/organization/invites", false)
    );
    assert!(
        dispatch::operation("admin.organization.invites.list")
            .unwrap()
            .idempotent
    );
    assert!(dispatch::operation("admin.organization.nope").is_none());
    assert_eq!(openai_admin::OPERATIONS.len(), 143);
    for op in openai_admin::OPERATIONS.iter() {
        assert_eq!(dispatch::operation(op.sdk_method), Some(op));
    }
    let ok = br#"{"object":"organization.user","id":"u","added_at":1}"#;
    assert!(
        dispatch::validate(
            "admin.organization.users.retrieve",
            StatusCode::OK,
            &HeaderMap::new(),
            ok
        )
        .is_ok()
    );
    let bad = dispatch::validate(
        "admin.organization.users.retrieve",
        StatusCode::OK,
        &HeaderMap::new(),
        b"{}",
    );
    assert!(matches!(bad, Err(Error::Decode { .. })));
}
