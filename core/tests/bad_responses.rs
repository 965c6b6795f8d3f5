//! Responses that are broken in every way we could think of give an error, never a panic.
#![allow(clippy::unwrap_used, missing_docs)] // tests and benches may panic

use http::{HeaderMap, StatusCode};
use openai_admin::ops::{UsageCompletions, UsersList, UsersRetrieve};
use openai_admin::{Error, Operation, StatusKind};

fn headers() -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert("x-request-id", "req_bad".parse().unwrap());
    h
}

fn decode_err<O: Operation>(body: &[u8]) -> String
where
    O::Output: std::fmt::Debug,
{
    match O::parse(StatusCode::OK, &headers(), body) {
        Err(Error::Decode {
            message,
            request_id,
        }) => {
            assert_eq!(request_id.as_deref(), Some("req_bad"));
            message
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

const USER: &str = r#"{"object":"organization.user","id":"user_1","name":"A","email":"a@b.c","role":"owner","added_at":1}"#;

#[test]
fn malformed_json() {
    let m = decode_err::<UsersRetrieve>(b"{\"object\": \"organization.user\", id: 1}");
    assert!(m.contains("not valid JSON"), "{m}");
}

#[test]
fn truncated_body() {
    let m = decode_err::<UsersRetrieve>(&USER.as_bytes()[..USER.len() / 2]);
    assert!(m.contains("ends too soon"), "{m}");
}

#[test]
fn wrong_types() {
    let wrong = USER.replace("\"added_at\":1", "\"added_at\":\"yesterday\"");
    let m = decode_err::<UsersRetrieve>(wrong.as_bytes());
    assert!(m.contains("does not match"), "{m}");
    let m =
        decode_err::<UsersList>(br#"{"object":"list","data":{"not":"an array"},"has_more":false}"#);
    assert!(m.contains("does not match"), "{m}");
    let m = decode_err::<UsersRetrieve>(b"[1, 2, 3]");
    assert!(m.contains("does not match"), "{m}");
}

#[test]
fn missing_required_field() {
    let m =
        decode_err::<UsersRetrieve>(br#"{"object":"organization.user","name":"A","added_at":1}"#);
    assert!(m.contains("missing field `id`"), "{m}");
}

#[test]
fn empty_body() {
    let m = decode_err::<UsersRetrieve>(b"");
    assert!(m.contains("empty"), "{m}");
    decode_err::<UsersRetrieve>(b"  \n");
}

#[test]
fn html_page_with_200() {
    let m = decode_err::<UsersList>(b"<!doctype html><html><body>Gateway</body></html>");
    assert!(m.contains("not valid JSON"), "{m}");
}

#[test]
fn html_page_with_error_status() {
    let r = UsersList::parse(
        StatusCode::BAD_GATEWAY,
        &headers(),
        b"<html>502 Bad Gateway</html>",
    );
    match r {
        Err(Error::Status(e)) => {
            assert_eq!(e.status, 502);
            assert_eq!(e.kind(), StatusKind::InternalServer);
            assert_eq!(e.request_id.as_deref(), Some("req_bad"));
        }
        other => panic!("expected a status error, got {other:?}"),
    }
}

#[test]
fn huge_bodies() {
    // Deep nesting hits serde_json's recursion limit instead of the stack.
    let deep = "[".repeat(1_000_000);
    decode_err::<UsersList>(deep.as_bytes());
    // A very large string where an id belongs.
    let big = USER.replace("\"user_1\"", &format!("\"{}\"", "x".repeat(32 << 20)));
    let u = UsersRetrieve::parse(StatusCode::OK, &headers(), big.as_bytes()).unwrap();
    assert_eq!(u.id.len(), 32 << 20);
    // 50 MB of garbage.
    decode_err::<UsageCompletions>(&vec![b'@'; 50 << 20]);
}

#[test]
fn invalid_utf8() {
    let mut b = USER.as_bytes().to_vec();
    let at = USER.find("A\"").unwrap();
    b[at] = 0xff;
    decode_err::<UsersRetrieve>(&b);
}
