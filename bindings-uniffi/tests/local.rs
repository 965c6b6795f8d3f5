//! The typed API against a scripted HTTP server on 127.0.0.1: pagers (several pages, a
//! cursor cycle, the page cap, usage pages), errors with their fields, bad path ids refused
//! before any request, cancellation, per-call options on the wire, and concurrent calls.
#![allow(clippy::unwrap_used, missing_docs)] // tests may panic

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use openai_admin_uniffi::*;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

type Responder = dyn Fn(&Seen) -> (u16, Value, Duration) + Send + Sync;

/// Serves `respond`'s answers; returns the base URL and the requests seen.
async fn serve(respond: Arc<Responder>) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/v1", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let respond = respond.clone();
            let log = log.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                let head_end = loop {
                    let n = sock.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        break i + 4;
                    }
                };
                let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
                let mut lines = head.split("\r\n");
                let target = lines
                    .next()
                    .and_then(|l| l.split(' ').nth(1))
                    .unwrap_or_default()
                    .to_owned();
                let headers: Vec<(String, String)> = lines
                    .filter_map(|l| l.split_once(": "))
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect();
                let len: usize = headers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                    .and_then(|(_, v)| v.parse().ok())
                    .unwrap_or(0);
                while buf.len() < head_end + len {
                    let n = sock.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        break;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                }
                let s = Seen {
                    target,
                    headers,
                    body: buf[head_end..].to_vec(),
                };
                log.lock().unwrap().push(s.clone());
                let (status, body, delay) = respond(&s);
                // While it waits, the server notices a client that hangs up (logged as a
                // request whose target starts with `CLOSED `).
                let hung_up = tokio::select! {
                    () = tokio::time::sleep(delay) => false,
                    n = sock.read(&mut chunk) => matches!(n, Ok(0) | Err(_)),
                };
                if hung_up {
                    let mut gone = s.clone();
                    gone.target = format!("CLOSED {}", s.target);
                    log.lock().unwrap().push(gone);
                    return;
                }
                let body = body.to_string();
                let resp = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\nx-request-id: req_{status}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = sock.write_all(resp.as_bytes()).await;
            });
        }
    });
    (url, seen)
}

fn client(url: &str, opts: ClientOptions) -> AdminClient {
    AdminClient::new(
        Some("sk-admin-TESTKEY".into()),
        ClientOptions {
            base_url: Some(url.to_owned()),
            max_retries: Some(0),
            ..opts
        },
    )
    .unwrap()
}

fn user(id: &str) -> Value {
    json!({"object": "organization.user", "id": id, "name": "N", "email": "e@x", "role": "owner", "added_at": 1})
}

fn query(target: &str) -> HashMap<String, String> {
    target
        .split_once('?')
        .map(|(_, q)| q)
        .unwrap_or_default()
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pager_walks_every_page_then_ends() {
    let (url, seen) = serve(Arc::new(|s: &Seen| {
        let page = match query(&s.target).get("after").map(String::as_str) {
            None => json!({"object": "list", "data": [user("u1"), user("u2")], "has_more": true, "first_id": "u1", "last_id": "u2"}),
            Some("u2") => json!({"object": "list", "data": [user("u3")], "has_more": false, "first_id": "u3", "last_id": "u3"}),
            Some(other) => panic!("unexpected cursor {other}"),
        };
        (200, page, Duration::ZERO)
    }))
    .await;
    let c = client(&url, ClientOptions::default());
    let pager = c
        .admin()
        .organization()
        .users()
        .list_pager(
            Some(UsersListParams {
                limit: Some(2),
                ..Default::default()
            }),
            CallOptions::default(),
        )
        .unwrap();
    let mut ids = Vec::new();
    while let Some(page) = pager.next_page().await.unwrap() {
        ids.extend(page.data.into_iter().map(|u| u.id));
    }
    assert_eq!(ids, ["u1", "u2", "u3"]);
    assert_eq!(pager.pages_fetched(), 2);
    assert!(pager.next_page().await.unwrap().is_none());
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert_eq!(
        query(&seen[1].target).get("limit").map(String::as_str),
        Some("2")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pager_stops_at_a_repeated_cursor_and_at_the_page_cap() {
    // Always "more", always the same cursor: a cycle after the second page.
    let (url, seen) = serve(Arc::new(|_: &Seen| {
        (
            200,
            json!({"object": "list", "data": [user("u1")], "has_more": true, "last_id": "u1"}),
            Duration::ZERO,
        )
    }))
    .await;
    let c = client(&url, ClientOptions::default());
    let pager = c
        .admin()
        .organization()
        .users()
        .list_pager(None, CallOptions::default())
        .unwrap();
    let mut pages = 0;
    while pager.next_page().await.unwrap().is_some() {
        pages += 1;
        assert!(pages < 10, "the walk did not stop");
    }
    assert_eq!(pages, 2);
    assert_eq!(seen.lock().unwrap().len(), 2);

    // A fresh cursor every time: the page cap ends it.
    let n = Arc::new(Mutex::new(0));
    let (url, _) = serve(Arc::new(move |_: &Seen| {
        let mut n = n.lock().unwrap();
        *n += 1;
        let id = format!("u{n}");
        (
            200,
            json!({"object": "list", "data": [user(&id)], "has_more": true, "last_id": id}),
            Duration::ZERO,
        )
    }))
    .await;
    let c = client(
        &url,
        ClientOptions {
            max_pages: Some(3),
            ..Default::default()
        },
    );
    let pager = c
        .admin()
        .organization()
        .users()
        .list_pager(None, CallOptions::default())
        .unwrap();
    let mut pages = 0;
    while pager.next_page().await.unwrap().is_some() {
        pages += 1;
        assert!(pages < 10, "the walk did not stop");
    }
    assert_eq!(pages, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_usage_pager_follows_next_page() {
    let (url, seen) = serve(Arc::new(|s: &Seen| {
        let bucket = |t: i64| json!({"object": "bucket", "start_time": t, "end_time": t + 86400, "results": [
            {"object": "organization.costs.result", "amount": {"value": 1.5, "currency": "usd"}, "project_id": "p"}
        ]});
        let page = match query(&s.target).get("page").map(String::as_str) {
            None => json!({"object": "page", "data": [bucket(0)], "has_more": true, "next_page": "pg2"}),
            Some("pg2") => json!({"object": "page", "data": [bucket(86400)], "has_more": false, "next_page": null}),
            Some(other) => panic!("unexpected page {other}"),
        };
        (200, page, Duration::ZERO)
    }))
    .await;
    let c = client(&url, ClientOptions::default());
    let params = UsageCostsParams {
        start_time: 0,
        end_time: None,
        bucket_width: None,
        project_ids: None,
        api_key_ids: None,
        group_by: None,
        limit: None,
        page: None,
        line_items: None,
    };
    let pager = c
        .admin()
        .organization()
        .usage()
        .costs_pager(params, CallOptions::default())
        .unwrap();
    let mut buckets = 0;
    while let Some(page) = pager.next_page().await.unwrap() {
        buckets += page.data.len();
    }
    assert_eq!(buckets, 2);
    let seen = seen.lock().unwrap();
    assert_eq!(
        query(&seen[0].target).get("start_time").map(String::as_str),
        Some("0")
    );
    assert_eq!(
        query(&seen[1].target).get("page").map(String::as_str),
        Some("pg2")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_come_back_by_class_with_their_fields() {
    let (url, _) = serve(Arc::new(|s: &Seen| {
        let status = if s.target.contains("/users/missing") { 404 } else { 429 };
        let body = json!({"error": {"message": "No such user", "type": "invalid_request_error", "param": "user_id", "code": "not_found"}});
        (status, body, Duration::ZERO)
    }))
    .await;
    let c = client(&url, ClientOptions::default());
    let users = c.admin().organization().users();
    match users
        .retrieve("missing".into(), CallOptions::default())
        .await
        .unwrap_err()
    {
        AdminError::NotFound {
            status,
            error_type,
            code,
            param,
            detail,
            request_id,
            body,
            class_name,
        } => {
            assert_eq!(status, Some(404));
            assert_eq!(error_type.as_deref(), Some("invalid_request_error"));
            assert_eq!(code.as_deref(), Some("not_found"));
            assert_eq!(param.as_deref(), Some("user_id"));
            assert_eq!(detail, "No such user");
            assert_eq!(request_id.as_deref(), Some("req_404"));
            assert!(body.unwrap().contains("No such user"));
            assert_eq!(class_name, "NotFoundError");
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
    let e = users.list(None, CallOptions::default()).await.unwrap_err();
    assert!(
        matches!(
            e,
            AdminError::RateLimit {
                status: Some(429),
                ..
            }
        ),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .starts_with("RateLimitError (429): No such user"),
        "{e}"
    );

    // Nothing listening: a connection error.
    let dead = client("http://127.0.0.1:9/v1", ClientOptions::default());
    let e = dead
        .admin()
        .organization()
        .users()
        .list(None, CallOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(e, AdminError::ApiConnection { .. }), "{e:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_path_ids_fail_before_any_request() {
    let (url, seen) = serve(Arc::new(|_: &Seen| (200, user("u1"), Duration::ZERO))).await;
    let c = client(&url, ClientOptions::default());
    for bad in ["", ".", "..", "%2e%2E"] {
        let e = c
            .admin()
            .organization()
            .users()
            .retrieve(bad.into(), CallOptions::default())
            .await
            .unwrap_err();
        match e {
            AdminError::InvalidInput { param, .. } => assert_eq!(param.as_deref(), Some("user_id")),
            other => panic!("{bad:?}: {other:?}"),
        }
        let e = c
            .admin()
            .organization()
            .projects()
            .users()
            .retrieve(
                "user_1".into(),
                ProjectsUsersRetrieveParams {
                    project_id: bad.into(),
                },
                CallOptions::default(),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, AdminError::InvalidInput { .. }), "{e:?}");
    }
    assert!(seen.lock().unwrap().is_empty());
    // A slash inside an id stays inside its segment.
    let u = c
        .admin()
        .organization()
        .users()
        .retrieve("a/b".into(), CallOptions::default())
        .await
        .unwrap();
    assert_eq!(u.id, "u1");
    assert!(seen.lock().unwrap()[0].target.ends_with("/users/a%2Fb"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_cancels_a_call_in_flight() {
    let (url, _) = serve(Arc::new(|_: &Seen| {
        (200, user("u1"), Duration::from_secs(30))
    }))
    .await;
    let c = Arc::new(client(&url, ClientOptions::default()));
    let token = Arc::new(CancellationToken::new());
    let opts = CallOptions {
        cancel: Some(token.clone()),
        ..Default::default()
    };
    let c2 = c.clone();
    let call = tokio::spawn(async move {
        c2.admin()
            .organization()
            .users()
            .retrieve("u1".into(), opts)
            .await
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let t0 = Instant::now();
    token.cancel();
    let e = call.await.unwrap().unwrap_err();
    assert!(matches!(e, AdminError::Cancelled { .. }), "{e:?}");
    assert!(t0.elapsed() < Duration::from_secs(5));
    assert!(token.is_cancelled());

    // The per-call timeout ends a slow call too.
    let opts = CallOptions {
        timeout: Some(Duration::from_millis(200)),
        ..Default::default()
    };
    let e = c
        .admin()
        .organization()
        .users()
        .retrieve("u1".into(), opts)
        .await
        .unwrap_err();
    assert!(matches!(e, AdminError::ApiTimeout { .. }), "{e:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropping_a_call_drops_its_request() {
    // What a cancelled Kotlin coroutine does: the call's future is dropped.
    let (url, seen) = serve(Arc::new(|_: &Seen| {
        (200, user("u1"), Duration::from_secs(30))
    }))
    .await;
    let c = client(&url, ClientOptions::default());
    let users = c.admin().organization().users();
    let call = users.retrieve("u1".into(), CallOptions::default());
    assert!(
        tokio::time::timeout(Duration::from_millis(300), call)
            .await
            .is_err()
    );
    let t0 = Instant::now();
    while !seen
        .lock()
        .unwrap()
        .iter()
        .any(|s| s.target.starts_with("CLOSED "))
    {
        assert!(
            t0.elapsed() < Duration::from_secs(5),
            "the request was not dropped"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn options_reach_the_wire() {
    let (url, seen) = serve(Arc::new(|_: &Seen| {
        (200, json!({"object": "organization.project", "id": "p1", "name": "R", "created_at": 1, "status": "active"}), Duration::ZERO)
    }))
    .await;
    let c = client(
        &url,
        ClientOptions {
            organization: Some("org_1".into()),
            default_headers: HashMap::from([("x-default".to_owned(), "d".to_owned())]),
            ..Default::default()
        },
    );
    let opts = CallOptions {
        extra_headers: HashMap::from([("x-extra".to_owned(), "e".to_owned())]),
        extra_query: HashMap::from([("trace".to_owned(), "1".to_owned())]),
        extra_body: HashMap::from([("note".to_owned(), JsonValue::Bool(true))]),
        ..Default::default()
    };
    let p = c
        .admin()
        .organization()
        .projects()
        .create(
            ProjectsCreateParams {
                name: "R".into(),
                residency: None,
                external_key_id: None,
                geography: Some(ClearableString::Null),
            },
            opts,
        )
        .await
        .unwrap();
    assert_eq!(p.id, "p1");
    let s = &seen.lock().unwrap()[0];
    assert_eq!(s.header("x-default"), Some("d"));
    assert_eq!(s.header("x-extra"), Some("e"));
    assert_eq!(s.header("openai-organization"), Some("org_1"));
    assert_eq!(s.header("authorization"), Some("Bearer sk-admin-TESTKEY"));
    assert!(
        s.header("user-agent")
            .unwrap()
            .starts_with("openai-admin-kotlin-swift/")
    );
    assert_eq!(query(&s.target).get("trace").map(String::as_str), Some("1"));
    let body: Value = serde_json::from_slice(&s.body).unwrap();
    assert_eq!(body, json!({"name": "R", "geography": null, "note": true}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_calls_at_once() {
    let (url, seen) = serve(Arc::new(|s: &Seen| {
        let id = s.target.rsplit('/').next().unwrap().to_owned();
        (200, user(&id), Duration::from_millis(50))
    }))
    .await;
    let c = Arc::new(client(&url, ClientOptions::default()));
    let calls: Vec<_> = (0..50)
        .map(|i| {
            let c = c.clone();
            tokio::spawn(async move {
                c.admin()
                    .organization()
                    .users()
                    .retrieve(format!("u{i}"), CallOptions::default())
                    .await
            })
        })
        .collect();
    for (i, call) in calls.into_iter().enumerate() {
        assert_eq!(call.await.unwrap().unwrap().id, format!("u{i}"));
    }
    assert_eq!(seen.lock().unwrap().len(), 50);
}
