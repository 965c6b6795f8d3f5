//! The async client against a scripted HTTP/1.1 server on 127.0.0.1.
#![allow(clippy::unwrap_used, missing_docs)] // tests and benches may panic

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use http::Method;
use openai_admin::client::{CallOptions, Client};
use openai_admin::host::PageFacts;
use openai_admin::pagination::PageStyle;
use openai_admin::request::RequestBuilder;
use openai_admin::{Config, Error, HttpRequest, Operation, Paginated, RequestOptions, StatusKind};
use serde::Deserialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const KEY: &str = "sk-admin-TESTKEY-0123456789abcdef";

// ---------------------------------------------------------------------------------------
// A tiny scripted server
// ---------------------------------------------------------------------------------------

/// One scripted answer.
#[derive(Clone)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// Wait this long before answering.
    delay: Duration,
    /// Announce this many more bytes than are sent, then close.
    short_by: usize,
}

impl Reply {
    fn new(status: u16, body: &str) -> Self {
        Self {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
            delay: Duration::ZERO,
            short_by: 0,
        }
    }
    fn json(v: serde_json::Value) -> Self {
        Self::new(200, &v.to_string())
    }
    fn header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.into(), v.into()));
        self
    }
    fn delay(mut self, d: Duration) -> Self {
        self.delay = d;
        self
    }
    fn short_by(mut self, n: usize) -> Self {
        self.short_by = n;
        self
    }
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
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

struct Server {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Serves `script` in order, one reply per request; past its end, a 599.
    async fn start(script: Vec<Reply>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}/v1", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(Mutex::new(script.into_iter()));
        let seen2 = seen.clone();
        tokio::spawn(async move {
            loop {
                let Ok((sock, _)) = listener.accept().await else {
                    return;
                };
                let (seen, script) = (seen2.clone(), script.clone());
                tokio::spawn(async move {
                    let _ = serve(sock, seen, script).await;
                });
            }
        });
        Self { base, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn count(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    fn client(&self) -> Client {
        Client::new(Config::new(KEY).with_base_url(&self.base)).unwrap()
    }
}

async fn serve(
    mut sock: TcpStream,
    seen: Arc<Mutex<Vec<Seen>>>,
    script: Arc<Mutex<std::vec::IntoIter<Reply>>>,
) -> std::io::Result<()> {
    // Read the head.
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = sock.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut start = lines.next().unwrap_or("").split(' ');
    let method = start.next().unwrap_or("").to_owned();
    let target = start.next().unwrap_or("").to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let len: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < len {
        let n = sock.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    seen.lock().unwrap().push(Seen {
        method,
        target,
        headers,
        body,
    });

    let reply = script
        .lock()
        .unwrap()
        .next()
        .unwrap_or_else(|| Reply::new(599, "script ended"));
    tokio::time::sleep(reply.delay).await;
    let mut out = format!("HTTP/1.1 {} Scripted\r\n", reply.status);
    for (k, v) in &reply.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        reply.body.len() + reply.short_by
    ));
    sock.write_all(out.as_bytes()).await?;
    sock.write_all(&reply.body).await?;
    sock.flush().await?;
    sock.shutdown().await
}

// ---------------------------------------------------------------------------------------
// Test-only operations
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
struct Thing {
    id: String,
}

#[derive(Debug, Deserialize, serde::Serialize)]
struct ThingPage {
    data: Vec<Thing>,
    has_more: Option<bool>,
    last_id: Option<String>,
}

/// `GET /things?after=…&limit=…`
#[derive(Debug, Clone, Default)]
struct ListThings {
    after: Option<String>,
    limit: Option<i64>,
}

impl Operation for ListThings {
    type Output = ThingPage;
    const METHOD: &'static str = "GET";
    const PATH: &'static str = "/things";
    const OPERATION_ID: &'static str = "list-things";
    const SDK_METHOD: &'static str = "admin.things.list";
    const SDK_METHOD_JS: &'static str = "admin.things.list";
    const PAGE_STYLE: PageStyle = PageStyle::AfterLastId;
    const IDEMPOTENT: bool = true;

    fn build(&self, cfg: &Config, opts: &RequestOptions) -> Result<HttpRequest, Error> {
        let mut b = RequestBuilder::new(cfg, Method::GET);
        b.path("/things")
            .query("after", &self.after)
            .query("limit", &self.limit);
        b.finish(opts)
    }
}

impl Paginated for ListThings {
    type Item = Thing;
    fn facts(page: &ThingPage) -> PageFacts {
        PageFacts {
            has_more: page.has_more,
            cursor: page.last_id.clone(),
            last_item_id: None,
        }
    }
    fn with_cursor(&self, cursor: String) -> Self {
        Self {
            after: Some(cursor),
            ..self.clone()
        }
    }
    fn cursor(&self) -> Option<&str> {
        self.after.as_deref()
    }
    fn items(page: ThingPage) -> Vec<Thing> {
        page.data
    }
    fn items_ref(page: &ThingPage) -> &[Thing] {
        &page.data
    }
}

/// `POST /things` with `{"name": …}`: creates something, so not idempotent.
#[derive(Debug, Clone)]
struct CreateThing {
    name: String,
}

impl Operation for CreateThing {
    type Output = Thing;
    const METHOD: &'static str = "POST";
    const PATH: &'static str = "/things";
    const OPERATION_ID: &'static str = "create-thing";
    const SDK_METHOD: &'static str = "admin.things.create";
    const SDK_METHOD_JS: &'static str = "admin.things.create";
    const PAGE_STYLE: PageStyle = PageStyle::None;
    const IDEMPOTENT: bool = false;

    fn build(&self, cfg: &Config, opts: &RequestOptions) -> Result<HttpRequest, Error> {
        if self.name.is_empty() {
            return Err(Error::invalid("name", "must not be empty"));
        }
        let mut b = RequestBuilder::new(cfg, Method::POST);
        b.path("/things")
            .json(&serde_json::json!({ "name": self.name }))?;
        b.finish(opts)
    }
}

fn page(ids: &[&str], has_more: bool) -> Reply {
    let data: Vec<_> = ids
        .iter()
        .map(|id| serde_json::json!({ "id": id }))
        .collect();
    Reply::json(serde_json::json!({
        "object": "list",
        "data": data,
        "first_id": ids.first(),
        "last_id": ids.last(),
        "has_more": has_more,
    }))
}

fn thing(id: &str) -> Reply {
    Reply::json(serde_json::json!({ "id": id, "object": "thing" }))
}

fn fast_500() -> Reply {
    Reply::new(500, r#"{"error":{"message":"boom","type":"server_error"}}"#)
        .header("retry-after-ms", "1")
}

/// Checks that neither `Debug` nor `Display` of an error shows the key.
fn no_key(e: &Error) {
    let debug = format!("{e:?}");
    let display = format!("{e}");
    assert!(
        !debug.contains(KEY) && !debug.contains("TESTKEY"),
        "key leaked: {debug}"
    );
    assert!(
        !display.contains(KEY) && !display.contains("TESTKEY"),
        "key leaked: {display}"
    );
}

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn success_is_parsed_and_the_request_is_as_built() {
    let srv = Server::start(vec![
        page(&["t_1", "t_2"], false).header("x-request-id", "req_ok"),
    ])
    .await;
    let client = srv.client();
    let op = ListThings {
        limit: Some(2),
        ..Default::default()
    };
    let resp = client
        .send_with(&op, &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.request_id.as_deref(), Some("req_ok"));
    assert_eq!(resp.headers["x-request-id"], "req_ok");
    assert_eq!(
        resp.data.data,
        [Thing { id: "t_1".into() }, Thing { id: "t_2".into() }]
    );
    assert_eq!(resp.data.has_more, Some(false));

    let seen = srv.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "GET");
    assert_eq!(seen[0].target, "/v1/things?limit=2");
    assert_eq!(
        seen[0].header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert!(
        seen[0]
            .header("user-agent")
            .unwrap()
            .starts_with("openai-admin-rust/")
    );
    assert_eq!(seen[0].header("accept"), Some("application/json"));
    assert!(seen[0].body.is_empty());
    assert!(seen[0].header("content-type").is_none());
}

#[tokio::test]
async fn post_body_arrives() {
    let srv = Server::start(vec![thing("t_9")]).await;
    let got = srv
        .client()
        .send(&CreateThing {
            name: "nine".into(),
        })
        .await
        .unwrap();
    assert_eq!(got, Thing { id: "t_9".into() });
    let seen = srv.seen();
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].header("content-type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_slice(&seen[0].body).unwrap();
    assert_eq!(body, serde_json::json!({ "name": "nine" }));
}

#[tokio::test]
async fn a_created_answer_is_never_sent_again() {
    // The server asks for a retry on a 201: the key it made must not be made twice.
    let srv = Server::start(vec![
        thing("t_1")
            .header("x-should-retry", "true")
            .header("retry-after", "0"),
        thing("t_2"),
    ])
    .await;
    let got = srv
        .client()
        .send(&CreateThing { name: "one".into() })
        .await
        .unwrap();
    assert_eq!(got, Thing { id: "t_1".into() });
    assert_eq!(srv.count(), 1);
}

#[tokio::test]
async fn invalid_input_sends_nothing() {
    let srv = Server::start(vec![]).await;
    let err = srv
        .client()
        .send(&CreateThing {
            name: String::new(),
        })
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { param, .. } if param == "name"),
        "{err:?}"
    );
    assert_eq!(srv.count(), 0);
}

#[tokio::test]
async fn server_error_then_success_is_retried_with_backoff() {
    // No retry-after here: the default backoff (0.375–0.5 s) applies.
    let srv = Server::start(vec![Reply::new(500, "{}"), page(&["t_1"], false)]).await;
    let started = Instant::now();
    let got = srv.client().send(&ListThings::default()).await.unwrap();
    assert_eq!(got.data.len(), 1);
    assert_eq!(srv.count(), 2);
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(370), "{waited:?}");
}

#[tokio::test]
async fn rate_limit_waits_as_told() {
    let srv = Server::start(vec![
        Reply::new(429, r#"{"error":{"message":"slow down"}}"#).header("retry-after-ms", "10"),
        page(&["t_1"], false),
    ])
    .await;
    let started = Instant::now();
    srv.client().send(&ListThings::default()).await.unwrap();
    assert_eq!(srv.count(), 2);
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(10), "{waited:?}");
    assert!(waited < Duration::from_millis(300), "{waited:?}");
}

#[tokio::test]
async fn creating_operation_is_not_retried_after_500() {
    let srv = Server::start(vec![fast_500(), thing("t_2")]).await;
    let err = srv
        .client()
        .send(&CreateThing { name: "x".into() })
        .await
        .unwrap_err();
    no_key(&err);
    let api = err.api().expect("a status error");
    assert_eq!(api.status, 500);
    assert_eq!(api.kind(), StatusKind::InternalServer);
    assert_eq!(api.message, "boom");
    assert_eq!(srv.count(), 1);
}

#[tokio::test]
async fn creating_operation_is_retried_after_429() {
    let srv = Server::start(vec![
        Reply::new(429, "{}").header("retry-after-ms", "1"),
        thing("t_3"),
    ])
    .await;
    let got = srv
        .client()
        .send(&CreateThing { name: "x".into() })
        .await
        .unwrap();
    assert_eq!(got.id, "t_3");
    assert_eq!(srv.count(), 2);
}

#[tokio::test]
async fn creating_operation_retried_when_opted_in() {
    let srv = Server::start(vec![fast_500(), thing("t_4")]).await;
    let opts = CallOptions {
        retry_non_idempotent: Some(true),
        ..Default::default()
    };
    let got = srv
        .client()
        .send_with(&CreateThing { name: "x".into() }, &opts)
        .await
        .unwrap();
    assert_eq!(got.data.id, "t_4");
    assert_eq!(srv.count(), 2);
    // Both attempts carried the same body.
    let seen = srv.seen();
    assert_eq!(seen[0].body, seen[1].body);
    assert!(!seen[0].body.is_empty());
}

#[tokio::test]
async fn server_can_forbid_a_retry() {
    let srv = Server::start(vec![
        Reply::new(503, "{}")
            .header("x-should-retry", "false")
            .header("x-request-id", "req_no"),
        page(&[], false),
    ])
    .await;
    let err = srv.client().send(&ListThings::default()).await.unwrap_err();
    assert_eq!(err.api().map(|a| a.status), Some(503));
    assert_eq!(err.request_id(), Some("req_no"));
    assert_eq!(srv.count(), 1);
}

#[tokio::test]
async fn max_retries_is_respected() {
    let srv = Server::start(vec![fast_500(); 10]).await;
    let client = srv.client().with_max_retries(3);
    let err = client.send(&ListThings::default()).await.unwrap_err();
    assert_eq!(err.api().map(|a| a.status), Some(500));
    assert_eq!(srv.count(), 4);

    // A per-call override wins over the client's count.
    let opts = CallOptions {
        max_retries: Some(1),
        ..Default::default()
    };
    let err = client
        .send_with(&ListThings::default(), &opts)
        .await
        .unwrap_err();
    assert_eq!(err.api().map(|a| a.status), Some(500));
    assert_eq!(srv.count(), 6);

    let client = client.with_max_retries(0);
    client.send(&ListThings::default()).await.unwrap_err();
    assert_eq!(srv.count(), 7);
}

#[tokio::test]
async fn execute_returns_the_last_response_whatever_its_status() {
    let srv = Server::start(vec![fast_500(), fast_500(), fast_500()]).await;
    let client = srv.client();
    let req = ListThings::default()
        .build(client.config(), &RequestOptions::default())
        .unwrap();
    let raw = client
        .execute(req, true, &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(raw.status, 500);
    assert_eq!(srv.count(), 3);
    assert!(String::from_utf8_lossy(&raw.body).contains("boom"));
    assert_eq!(raw.request_id(), None);
    assert!(!format!("{raw:?}").contains(KEY));
}

#[tokio::test]
async fn not_found_is_a_status_error_with_request_id() {
    let srv = Server::start(vec![Reply::new(
        404,
        r#"{"error":{"message":"No such thing","type":"invalid_request_error","param":"thing_id","code":"not_found"}}"#,
    )
    .header("x-request-id", "req_404")])
    .await;
    let err = srv.client().send(&ListThings::default()).await.unwrap_err();
    no_key(&err);
    let api = err.api().expect("a status error");
    assert_eq!(api.kind(), StatusKind::NotFound);
    assert_eq!(api.message, "No such thing");
    assert_eq!(api.code.as_deref(), Some("not_found"));
    assert_eq!(api.request_id.as_deref(), Some("req_404"));
    assert_eq!(err.request_id(), Some("req_404"));
    assert_eq!(srv.count(), 1);
}

#[tokio::test]
async fn malformed_json_is_a_decode_error() {
    let srv = Server::start(vec![
        Reply::new(200, r#"{"data": [ {"id": "#).header("x-request-id", "req_bad"),
        Reply::new(200, r#"{"data": 5}"#),
        Reply::new(200, ""),
    ])
    .await;
    let client = srv.client();
    for _ in 0..3 {
        let err = client.send(&ListThings::default()).await.unwrap_err();
        no_key(&err);
        assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    }
    assert_eq!(srv.count(), 3);
}

#[tokio::test]
async fn truncated_body_is_a_connection_error() {
    let srv = Server::start(vec![page(&["t_1"], false).short_by(100)]).await;
    let client = srv.client().with_max_retries(0);
    let err = client.send(&ListThings::default()).await.unwrap_err();
    no_key(&err);
    assert!(
        matches!(err, Error::Connection { .. } | Error::Decode { .. }),
        "{err:?}"
    );
    assert_eq!(srv.count(), 1);
}

#[tokio::test]
async fn truncated_body_is_retried_when_safe() {
    let srv = Server::start(vec![
        page(&["t_1"], false).short_by(100),
        page(&["t_2"], false),
    ])
    .await;
    let got = srv.client().send(&ListThings::default()).await.unwrap();
    assert_eq!(got.data[0].id, "t_2");
    assert_eq!(srv.count(), 2);

    // ...but not for an operation that creates something.
    let srv = Server::start(vec![thing("t_1").short_by(10), thing("t_2")]).await;
    let err = srv
        .client()
        .send(&CreateThing { name: "x".into() })
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
    assert_eq!(srv.count(), 1);
}

#[tokio::test]
async fn slow_server_times_out() {
    let slow = || page(&["t_1"], false).delay(Duration::from_secs(3));
    let srv = Server::start(vec![slow(), slow()]).await;
    let client = srv
        .client()
        .with_timeout(Duration::from_millis(200))
        .with_max_retries(0);
    let started = Instant::now();
    let err = client.send(&ListThings::default()).await.unwrap_err();
    no_key(&err);
    assert!(matches!(err, Error::Timeout), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(srv.count(), 1);

    // The per-call timeout replaces the client's.
    let client = srv.client().with_max_retries(0);
    let opts = CallOptions {
        timeout: Some(Duration::from_millis(200)),
        ..Default::default()
    };
    let started = Instant::now();
    let err = client
        .send_with(&ListThings::default(), &opts)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn timeout_covers_a_stalled_body() {
    // Headers come at once; the body never completes while the connection stays open.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/v1", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut sock, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 4096];
        let _ = sock.read(&mut buf).await;
        let _ = sock
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"data\"")
            .await;
        tokio::time::sleep(Duration::from_secs(3)).await;
    });
    let client = Client::new(Config::new(KEY).with_base_url(base))
        .unwrap()
        .with_timeout(Duration::from_millis(200))
        .with_max_retries(0);
    let started = Instant::now();
    let err = client.send(&ListThings::default()).await.unwrap_err();
    assert!(matches!(err, Error::Timeout), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn refused_connection_is_retried_then_reported() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let client = Client::new(Config::new(KEY).with_base_url(format!("http://127.0.0.1:{port}/v1")))
        .unwrap()
        .with_max_retries(1);
    let started = Instant::now();
    // Even an operation that creates something is retried: nothing reached a server.
    let err = client
        .send(&CreateThing { name: "x".into() })
        .await
        .unwrap_err();
    no_key(&err);
    match &err {
        Error::Connection { message } => assert!(message.contains("127.0.0.1"), "{message}"),
        other => panic!("{other:?}"),
    }
    // One backoff of 0.375–0.5 s happened.
    assert!(
        started.elapsed() >= Duration::from_millis(370),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn pages_and_items_walk_every_page() {
    let script = || {
        vec![
            page(&["a", "b"], true),
            page(&["c", "d"], true),
            page(&["e"], false),
        ]
    };
    let srv = Server::start(script()).await;
    let client = srv.client();
    let op = ListThings {
        limit: Some(2),
        ..Default::default()
    };

    let mut pages = client.pages(op.clone());
    let mut sizes = Vec::new();
    while let Some(p) = pages.next().await {
        sizes.push(p.unwrap().data.len());
    }
    assert_eq!(sizes, [2, 2, 1]);
    let targets: Vec<_> = srv.seen().into_iter().map(|s| s.target).collect();
    assert_eq!(
        targets,
        [
            "/v1/things?limit=2",
            "/v1/things?after=b&limit=2",
            "/v1/things?after=d&limit=2"
        ]
    );

    let srv = Server::start(script()).await;
    let client = srv.client();
    let ids: Vec<String> = client.items(op).map(|t| t.unwrap().id).collect().await;
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    assert_eq!(srv.count(), 3);
}

#[tokio::test]
async fn a_cursor_cycle_ends_the_walk() {
    // a → b → a: the third page hands back a cursor already followed.
    let srv = Server::start(vec![
        page(&["a"], true),
        page(&["b"], true),
        page(&["a"], true),
        page(&["never"], false),
    ])
    .await;
    let ids: Vec<String> = srv
        .client()
        .items(ListThings::default())
        .map(|t| t.unwrap().id)
        .collect()
        .await;
    assert_eq!(ids, ["a", "b", "a"]);
    assert_eq!(srv.count(), 3);
}

#[tokio::test]
async fn the_page_cap_ends_an_endless_walk() {
    let script = (0..10).map(|i| page(&[&format!("t{i}")], true)).collect();
    let srv = Server::start(script).await;
    let client = srv.client().with_max_pages(4);
    let pages: Vec<_> = client.pages(ListThings::default()).collect().await;
    assert_eq!(pages.len(), 4);
    assert_eq!(srv.count(), 4);
}

#[tokio::test]
async fn paging_stops_at_an_error() {
    let srv = Server::start(vec![
        page(&["a"], true),
        Reply::new(403, r#"{"error":{"message":"no"}}"#),
        page(&["z"], false),
    ])
    .await;
    let client = srv.client();
    let got: Vec<Result<Thing, Error>> = client.items(ListThings::default()).collect().await;
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].as_ref().unwrap().id, "a");
    let err = got[1].as_ref().unwrap_err();
    assert_eq!(
        err.api().map(|a| a.kind()),
        Some(StatusKind::PermissionDenied)
    );
    no_key(err);
    assert_eq!(srv.count(), 2);
}

#[tokio::test]
async fn call_options_reach_the_server_on_every_page() {
    let srv = Server::start(vec![page(&["a"], true), page(&["b"], false)]).await;
    let client = srv.client();
    let opts = CallOptions {
        request: RequestOptions {
            extra_headers: vec![("X-Trace".into(), "t-1".into())],
            extra_query: vec![("extra".into(), "yes please".into())],
            extra_body: None,
        },
        ..Default::default()
    };
    let pages: Vec<_> = client
        .pages_with(ListThings::default(), &opts)
        .collect()
        .await;
    assert_eq!(pages.len(), 2);
    let seen = srv.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].target, "/v1/things?extra=yes%20please");
    assert_eq!(seen[1].target, "/v1/things?after=a&extra=yes%20please");
    for s in &seen {
        assert_eq!(s.header("x-trace"), Some("t-1"));
        assert_eq!(
            s.header("authorization"),
            Some(format!("Bearer {KEY}").as_str())
        );
    }

    // And on a single call, with organization and project from the config.
    let srv = Server::start(vec![thing("t_1")]).await;
    let mut cfg = Config::new(KEY).with_base_url(&srv.base);
    cfg.organization = Some("org_1".into());
    cfg.project = Some("proj_1".into());
    let client = Client::new(cfg).unwrap();
    let opts = CallOptions {
        request: RequestOptions {
            extra_headers: vec![("X-Trace".into(), "t-2".into())],
            extra_query: vec![("q".into(), "1".into())],
            extra_body: Some(
                serde_json::json!({ "note": "hi" })
                    .as_object()
                    .unwrap()
                    .clone(),
            ),
        },
        ..Default::default()
    };
    client
        .send_with(&CreateThing { name: "x".into() }, &opts)
        .await
        .unwrap();
    let seen = srv.seen();
    assert_eq!(seen[0].target, "/v1/things?q=1");
    assert_eq!(seen[0].header("x-trace"), Some("t-2"));
    assert_eq!(seen[0].header("openai-organization"), Some("org_1"));
    assert_eq!(seen[0].header("openai-project"), Some("proj_1"));
    let body: serde_json::Value = serde_json::from_slice(&seen[0].body).unwrap();
    assert_eq!(body, serde_json::json!({ "name": "x", "note": "hi" }));
}

#[tokio::test]
async fn the_key_never_shows() {
    let srv = Server::start(vec![]).await;
    let client = srv.client();
    let shown = format!("{client:?}");
    assert!(
        !shown.contains(KEY) && !shown.contains("TESTKEY"),
        "{shown}"
    );
    let shown = format!("{:?}", client.config());
    assert!(!shown.contains("TESTKEY"), "{shown}");

    // A bad base URL is reported without the key.
    let bad = Client::new(Config::new(KEY).with_base_url("not a url")).unwrap();
    let err = bad.send(&ListThings::default()).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    no_key(&err);
}

#[test]
fn construction() {
    assert!(matches!(
        Client::new(Config::new("")),
        Err(Error::InvalidInput { .. })
    ));
    let c = Client::new(Config::new(KEY))
        .unwrap()
        .with_timeout(Duration::from_secs(7))
        .with_max_retries(4);
    assert_eq!(c.timeout(), Duration::from_secs(7));
    assert_eq!(c.retry_policy().max_retries, 4);
    assert!(!c.retry_policy().retry_non_idempotent);
    assert_eq!(c.config().base_url, "https://api.openai.com/v1");
    let d = Client::new(Config::new(KEY)).unwrap();
    assert_eq!(d.timeout(), Duration::from_secs(600));
    assert_eq!(d.retry_policy().max_retries, 2);

    // Without the variable, from_env names the missing key. (Tests cannot unset it
    // safely, so this is only checked where it is unset.)
    if std::env::var_os("OPENAI_ADMIN_KEY").is_none_or(|v| v.is_empty()) {
        match Client::from_env() {
            Err(Error::InvalidInput { param, .. }) => assert_eq!(param, "api_key"),
            other => panic!("{other:?}"),
        }
    }
}

/// The futures and streams can move between threads, as `tokio::spawn` and the bindings
/// need.
#[test]
fn futures_are_send() {
    fn is_send<T: Send>(_: &T) {}
    let c = Client::new(Config::new(KEY)).unwrap();
    let op = ListThings::default();
    is_send(&c.send(&op));
    is_send(&c.send_with(&op, &CallOptions::default()));
    is_send(&c.pages(op.clone()));
    is_send(&c.items(op.clone()));
    let req = op.build(c.config(), &RequestOptions::default()).unwrap();
    is_send(&c.execute(req, true, &CallOptions::default()));
}
