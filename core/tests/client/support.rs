//! The scripted HTTP/1.1 server and the small operations the client tests use.
#![allow(dead_code, unused_imports)]

pub(crate) use std::sync::{Arc, Mutex};
pub(crate) use std::time::{Duration, Instant};

pub(crate) use futures_util::StreamExt;
pub(crate) use http::Method;
pub(crate) use openai_admin::client::{CallOptions, Client};
pub(crate) use openai_admin::host::PageFacts;
pub(crate) use openai_admin::pagination::PageStyle;
pub(crate) use openai_admin::request::RequestBuilder;
pub(crate) use openai_admin::{
    Config, Error, HttpRequest, Operation, Paginated, RequestOptions, StatusKind,
};
pub(crate) use serde::Deserialize;
pub(crate) use tokio::io::{AsyncReadExt, AsyncWriteExt};
pub(crate) use tokio::net::{TcpListener, TcpStream};

pub(crate) const KEY: &str = "sk-admin-TESTKEY-0123456789abcdef";

// ---------------------------------------------------------------------------------------
// A tiny scripted server
// ---------------------------------------------------------------------------------------

/// One scripted answer.
#[derive(Clone)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
    /// Wait this long before answering.
    pub(crate) delay: Duration,
    /// Announce this many more bytes than are sent, then close.
    pub(crate) short_by: usize,
}

impl Reply {
    pub(crate) fn new(status: u16, body: &str) -> Self {
        Self {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
            delay: Duration::ZERO,
            short_by: 0,
        }
    }
    pub(crate) fn json(v: serde_json::Value) -> Self {
        Self::new(200, &v.to_string())
    }
    pub(crate) fn header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.into(), v.into()));
        self
    }
    pub(crate) fn delay(mut self, d: Duration) -> Self {
        self.delay = d;
        self
    }
    pub(crate) fn short_by(mut self, n: usize) -> Self {
        self.short_by = n;
        self
    }
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    pub(crate) method: String,
    pub(crate) target: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Seen {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub(crate) struct Server {
    pub(crate) base: String,
    pub(crate) seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Serves `script` in order, one reply per request; past its end, a 599.
    pub(crate) async fn start(script: Vec<Reply>) -> Self {
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

    pub(crate) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    pub(crate) fn count(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    pub(crate) fn client(&self) -> Client {
        Client::new(Config::new(KEY).with_base_url(&self.base)).unwrap()
    }
}

pub(crate) async fn serve(
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
pub(crate) struct Thing {
    pub(crate) id: String,
}

#[derive(Debug, Deserialize, serde::Serialize)]
pub(crate) struct ThingPage {
    pub(crate) data: Vec<Thing>,
    pub(crate) has_more: Option<bool>,
    pub(crate) last_id: Option<String>,
}

/// `GET /things?after=…&limit=…`
#[derive(Debug, Clone, Default)]
pub(crate) struct ListThings {
    pub(crate) after: Option<String>,
    pub(crate) limit: Option<i64>,
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
pub(crate) struct CreateThing {
    pub(crate) name: String,
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

pub(crate) fn page(ids: &[&str], has_more: bool) -> Reply {
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

pub(crate) fn thing(id: &str) -> Reply {
    Reply::json(serde_json::json!({ "id": id, "object": "thing" }))
}

pub(crate) fn fast_500() -> Reply {
    Reply::new(500, r#"{"error":{"message":"boom","type":"server_error"}}"#)
        .header("retry-after-ms", "1")
}

/// Checks that neither `Debug` nor `Display` of an error shows the key.
pub(crate) fn no_key(e: &Error) {
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
