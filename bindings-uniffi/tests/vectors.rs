//! The shared response vectors through the uniffi records: every successful case survives a
//! trip core → uniffi → core unchanged (unknown fields, enum values and union variants
//! included), and every error case maps to the variant of its class with its fields.
#![allow(clippy::unwrap_used, missing_docs)] // tests may panic

use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use openai_admin::Operation;
use openai_admin::ops as co;
use openai_admin_uniffi::*;
use serde_json::Value;

#[path = "generated/roundtrip.rs"]
mod roundtrip;

fn cases() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/responses.json"
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["cases"].as_array().unwrap().clone()
}

fn headers(c: &Value) -> HeaderMap {
    let mut h = HeaderMap::new();
    if let Some(m) = c["headers"].as_object() {
        for (k, v) in m {
            h.insert(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v.as_str().unwrap()).unwrap(),
            );
        }
    }
    h
}

/// Whether `got` holds `want`: objects by the keys `want` has, arrays element by element.
fn contains(got: &Value, want: &Value) -> bool {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => w
            .iter()
            .all(|(k, v)| g.get(k).is_some_and(|x| contains(x, v))),
        (Value::Array(g), Value::Array(w)) => {
            g.len() == w.len() && g.iter().zip(w).all(|(x, v)| contains(x, v))
        }
        _ => got == want,
    }
}

#[test]
fn every_response_vector_round_trips_or_maps_its_error() {
    let mut ok = 0;
    let mut errors = 0;
    for c in cases() {
        let name = c["name"].as_str().unwrap();
        let status = StatusCode::from_u16(c["status"].as_u64().unwrap() as u16).unwrap();
        let body = c["body"].as_str().unwrap().as_bytes();
        let method = c["sdk_method"].as_str().unwrap();
        let r = roundtrip::roundtrip(method, status, &headers(&c), body)
            .unwrap_or_else(|| panic!("{name}: no operation {method}"));
        match (r, c.get("error")) {
            (Ok((core, back)), None) => {
                assert_eq!(core, back, "{name}: changed on the way through the records");
                assert!(
                    contains(&back, &c["expect"]),
                    "{name}: {back} does not hold {}",
                    c["expect"]
                );
                ok += 1;
            }
            (Err(e), Some(want)) => {
                let e = AdminError::from(e);
                let (class, status, request_id, error_type, param, code, detail) = match &e {
                    AdminError::NotFound {
                        class_name,
                        status,
                        request_id,
                        error_type,
                        param,
                        code,
                        detail,
                        ..
                    }
                    | AdminError::RateLimit {
                        class_name,
                        status,
                        request_id,
                        error_type,
                        param,
                        code,
                        detail,
                        ..
                    }
                    | AdminError::InternalServer {
                        class_name,
                        status,
                        request_id,
                        error_type,
                        param,
                        code,
                        detail,
                        ..
                    }
                    | AdminError::ApiResponseValidation {
                        class_name,
                        status,
                        request_id,
                        error_type,
                        param,
                        code,
                        detail,
                        ..
                    } => (
                        class_name, status, request_id, error_type, param, code, detail,
                    ),
                    other => panic!("{name}: unexpected variant {other:?}"),
                };
                let kind_class = match want["kind"].as_str().unwrap() {
                    "decode" => "APIResponseValidationError",
                    "status" => match want["status"].as_u64().unwrap() {
                        404 => "NotFoundError",
                        429 => "RateLimitError",
                        _ => "InternalServerError",
                    },
                    k => panic!("{name}: kind {k}"),
                };
                assert_eq!(class, kind_class, "{name}");
                if let Some(s) = want["status"].as_u64() {
                    assert_eq!(status.map(u64::from), Some(s), "{name}");
                }
                for (field, got) in [
                    ("request_id", request_id),
                    ("error_type", error_type),
                    ("param", param),
                    ("code", code),
                ] {
                    if let Some(w) = want[field].as_str() {
                        assert_eq!(got.as_deref(), Some(w), "{name}: {field}");
                    }
                }
                if let Some(m) = want["message"].as_str() {
                    assert_eq!(detail, m, "{name}");
                }
                errors += 1;
            }
            (r, want) => panic!("{name}: got {r:?}, wanted {want:?}"),
        }
    }
    assert!(ok >= 3 && errors >= 5, "{ok} successes, {errors} errors");
}

fn parse<O: Operation>(body: &str) -> O::Output {
    O::parse(StatusCode::OK, &HeaderMap::new(), body.as_bytes()).unwrap()
}

#[test]
fn unknown_values_are_reachable_in_the_records() {
    let c = cases();
    let body = |i: usize| c[i]["body"].as_str().unwrap().to_owned();

    // An unknown field lands in `extra`.
    let user = User::from(parse::<co::UsersRetrieve>(&body(0)));
    assert_eq!(user.id, "user_1");
    assert_eq!(
        user.extra.get("from_the_future"),
        Some(&JsonValue::Object(
            [("x".to_owned(), JsonValue::Int(1))].into()
        ))
    );

    // An unknown enum value is `Unknown` with its text, and goes back as it came.
    let invite = Invite::from(parse::<co::InvitesRetrieve>(&body(1)));
    assert_eq!(invite.role, InviteRole::Unknown("galactic_admin".into()));
    let back = openai_admin::models::Invite::from(invite);
    assert_eq!(
        serde_json::to_value(&back).unwrap()["role"],
        "galactic_admin"
    );

    // An unknown union variant is `Unknown` with the raw object.
    let page = UsageResponse::from(parse::<co::UsageCompletions>(&body(2)));
    match &page.data[0].results[0] {
        UsageTimeBucketResultsItem::Unknown(JsonValue::Object(o)) => {
            assert_eq!(o.get("jumps"), Some(&JsonValue::Int(3)));
        }
        other => panic!("expected an unknown variant, got {other:?}"),
    }
}

#[test]
fn a_clearable_body_field_sends_a_value_null_or_nothing() {
    use openai_admin::{Config, RequestOptions};
    let cfg = Config::new("sk-admin-test");
    let body = |key: Option<ClearableString>| {
        let op = projects_create_op(ProjectsCreateParams {
            name: "Research".into(),
            residency: None,
            external_key_id: key,
            geography: None,
        })
        .unwrap();
        let req = op.build(&cfg, &RequestOptions::default()).unwrap();
        serde_json::from_slice::<Value>(req.body()).unwrap()
    };
    assert_eq!(body(None), serde_json::json!({"name": "Research"}));
    assert_eq!(
        body(Some(ClearableString::Null)),
        serde_json::json!({"name": "Research", "external_key_id": null})
    );
    assert_eq!(
        body(Some(ClearableString::Set("key_1".into()))),
        serde_json::json!({"name": "Research", "external_key_id": "key_1"})
    );
}

#[test]
fn generated_pages_round_trip_through_the_records() {
    let h = HeaderMap::new();
    for (method, body) in [
        (
            "admin.organization.audit_logs.list",
            payloads::audit_logs(7, 400),
        ),
        (
            "admin.organization.usage.completions",
            payloads::usage_completions(7, 5, 20),
        ),
        ("admin.organization.usage.costs", payloads::costs(7, 5, 20)),
        (
            "admin.organization.users.list",
            payloads::users(7, 50, true),
        ),
    ] {
        let (core, back) = roundtrip::roundtrip(method, StatusCode::OK, &h, &body)
            .unwrap()
            .unwrap_or_else(|e| panic!("{method}: {e}"));
        assert_eq!(
            core, back,
            "{method}: changed on the way through the records"
        );
        assert!(!core["data"].as_array().unwrap().is_empty(), "{method}");
    }
}
