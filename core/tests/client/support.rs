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
// The scripted server: the workspace's fault server, with a small builder of answers
// ---------------------------------------------------------------------------------------

pub(crate) use fault_server::Received as Seen;
use fault_server::{FaultServer, Script, Step};

/// One scripted answer.
#[derive(Clone)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: String,
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
            body: body.to_owned(),
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

    /// The fault server's step for this answer.
    fn step(self) -> Step {
        let claim = (self.short_by > 0).then(|| (self.body.len() + self.short_by) as u64);
        Step {
            status: Some(self.status),
            headers: self.headers.into_iter().collect(),
            text: Some(self.body),
            delay_ms: self.delay.as_millis() as u64,
            claim_length: claim,
            ..Step::default()
        }
    }
}

pub(crate) struct Server {
    pub(crate) base: String,
    server: FaultServer,
}

impl Server {
    /// Serves `script` in order, one reply per request; past its end, a 599.
    pub(crate) async fn start(script: Vec<Reply>) -> Self {
        let server = FaultServer::start(Script::steps(script.into_iter().map(Reply::step)))
            .await
            .unwrap();
        Self {
            base: format!("{}/v1", server.url()),
            server,
        }
    }

    pub(crate) fn seen(&self) -> Vec<Seen> {
        self.server.log()
    }

    pub(crate) fn count(&self) -> usize {
        self.server.requests()
    }

    pub(crate) fn client(&self) -> Client {
        client(&self.base)
    }
}

/// A client with the test key for the server at `base`.
pub(crate) fn client(base: &str) -> Client {
    Client::new(Config::new(KEY).with_base_url(base)).unwrap()
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
