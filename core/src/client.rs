//! The async client: sends what the operations build, retries by [`crate::retry`]'s rule,
//! and reads the answers with the operations' own parsers.
//!
//! The client adds no API knowledge of its own. Each call goes the same way:
//! [`Operation::build`] → send (with reqwest) → [`retry::decide`] → [`Operation::parse`].
//!
//! ```no_run
//! # async fn demo() -> Result<(), openai_admin::Error> {
//! use openai_admin::client::Client;
//!
//! let client = Client::from_env()?; // reads OPENAI_ADMIN_KEY
//! # let _ = client;
//! # Ok(())
//! # }
//! ```
//!
//! The futures and streams it returns need a Tokio runtime with its timer enabled.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use futures_util::stream::{self, StreamExt};
use http::{HeaderMap, StatusCode};

pub use futures_core::Stream;

use crate::config::Config;
use crate::error::{Error, request_id};
use crate::host::{Defaults, NextPage, Settings, Walk};
use crate::operation::{Operation, Paginated};
use crate::request::{HttpRequest, RequestOptions};
use crate::retry::{self, Attempt, Decision, RetryPolicy};

/// How long one attempt may take, from connecting to the last byte of the body.
pub const DEFAULT_TIMEOUT: Duration = Defaults::TIMEOUT;

/// How long establishing a connection may take.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Defaults::CONNECT_TIMEOUT;

/// A client for the Admin API.
///
/// Cheap to clone: clones share one connection pool.
#[derive(Debug, Clone)]
pub struct Client {
    cfg: Config,
    http: reqwest::Client,
    timeout: Duration,
    retry: RetryPolicy,
    max_pages: u64,
    max_response_bytes: u64,
}

/// Per-call changes on top of the client's settings.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// Extra headers, query pairs and body fields for the request.
    pub request: RequestOptions,
    /// Replaces the client's per-attempt timeout.
    pub timeout: Option<Duration>,
    /// Replaces the client's retry count.
    pub max_retries: Option<u32>,
    /// Replaces the client's choice about retrying operations that create things.
    pub retry_non_idempotent: Option<bool>,
}

/// A response as it came, whatever its status: what [`Client::execute`] returns.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The whole body.
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The `x-request-id` header, when present and readable.
    pub fn request_id(&self) -> Option<&str> {
        self.headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
    }
}

/// A decoded response together with its status and headers.
#[derive(Debug, Clone)]
pub struct Response<T> {
    /// The HTTP status (always 2xx: other statuses become [`Error::Status`]).
    pub status: u16,
    /// The response headers.
    pub headers: HeaderMap,
    /// The `x-request-id` header, when present.
    pub request_id: Option<String>,
    /// The decoded body.
    pub data: T,
}

impl Client {
    /// A client for `cfg`, with a 600 s timeout per attempt, a 5 s connect timeout and up
    /// to 2 retries.
    ///
    /// Fails when the key is empty or the HTTP stack cannot be set up.
    pub fn new(cfg: Config) -> Result<Self, Error> {
        if cfg.api_key.is_empty() {
            return Err(Error::invalid("api_key", "must not be empty"));
        }
        let http = reqwest::Client::builder()
            .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
            // Like the official SDKs: a redirect is returned, not followed.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::Connection {
                message: format!("could not set up the HTTP client: {}", error_chain(&e)),
            })?;
        Ok(Self {
            cfg,
            http,
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            max_pages: Defaults::MAX_PAGES,
            max_response_bytes: Defaults::MAX_RESPONSE_BYTES,
        })
    }

    /// A client configured from the environment by [`Settings::from_lookup`]:
    /// `OPENAI_ADMIN_KEY`, and `OPENAI_BASE_URL`, `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID` when
    /// set (empty values count as unset).
    ///
    /// Fails with [`Error::InvalidInput`] for `api_key` when `OPENAI_ADMIN_KEY` is unset
    /// or empty.
    pub fn from_env() -> Result<Self, Error> {
        let settings = Settings::from_lookup(|k| std::env::var(k).ok());
        Self::new(settings.config("rust")?)
    }

    /// The same client (its connection pool, timeout, retries and page cap) with another
    /// configuration: how a host makes a copy of a client with some settings changed.
    pub fn with_config(mut self, cfg: Config) -> Self {
        self.cfg = cfg;
        self
    }

    /// Sets the most pages one walk ([`Client::pages`], [`Client::items`]) follows.
    /// 0 means no cap.
    pub fn with_max_pages(mut self, max_pages: u64) -> Self {
        self.max_pages = max_pages;
        self
    }

    /// Sets the largest response body read, in bytes (64 MiB by default,
    /// [`Defaults::MAX_RESPONSE_BYTES`]). A larger body fails with
    /// [`Error::ResponseTooLarge`] as soon as it is announced or read past the cap.
    pub fn with_max_response_bytes(mut self, max: u64) -> Self {
        self.max_response_bytes = max;
        self
    }

    /// The largest response body read, in bytes.
    pub fn max_response_bytes(&self) -> u64 {
        self.max_response_bytes
    }

    /// Sets how long one attempt may take, from connecting to the end of the body.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets how many times a failed request is retried.
    pub fn with_max_retries(mut self, max_retries: u32) -> Self {
        self.retry.max_retries = max_retries;
        self
    }

    /// Replaces the whole retry policy.
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The settings requests are built from.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// The per-attempt timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.retry
    }

    /// Sends a built request, retrying as [`retry::decide`] says, and returns the last
    /// response whatever its status.
    ///
    /// `idempotent` is the operation's [`Operation::IDEMPOTENT`]. Only
    /// `opts.timeout`, `opts.max_retries` and `opts.retry_non_idempotent` are read here:
    /// `opts.request` belongs to building, which has already happened.
    ///
    /// Fails with [`Error::Timeout`] or [`Error::Connection`] when the last attempt got no
    /// complete response, and with [`Error::ResponseTooLarge`] (not retried) when a body is
    /// larger than [`Client::max_response_bytes`].
    ///
    /// Dropping the returned future cancels the call: the request in flight is abandoned
    /// (its connection closed) and a pending wait before a retry ends, so nothing more is
    /// sent.
    pub async fn execute(
        &self,
        req: HttpRequest,
        idempotent: bool,
        opts: &CallOptions,
    ) -> Result<RawResponse, Error> {
        let template = Template::new(req)?;
        let timeout = opts.timeout.unwrap_or(self.timeout);
        let policy = RetryPolicy {
            max_retries: opts.max_retries.unwrap_or(self.retry.max_retries),
            retry_non_idempotent: opts
                .retry_non_idempotent
                .unwrap_or(self.retry.retry_non_idempotent),
        };
        let mut retries_done = 0;
        loop {
            let outcome = self.attempt(&template, timeout).await;
            let attempt = match &outcome {
                Ok(r) => Attempt::Response {
                    status: r.status.as_u16(),
                    headers: &r.headers,
                },
                Err(Failure {
                    attempt: Some(a), ..
                }) => *a,
                // A final failure (a body over the cap) is not for the retry rule.
                Err(Failure { attempt: None, .. }) => {
                    return outcome.map_err(Failure::into_error);
                }
            };
            match retry::decide(
                &policy,
                idempotent,
                retries_done,
                attempt,
                jitter(),
                SystemTime::now(),
            ) {
                Decision::RetryAfter(wait) => {
                    tokio::time::sleep(wait).await;
                    retries_done += 1;
                }
                Decision::Stop => return outcome.map_err(Failure::into_error),
            }
        }
    }

    /// Sends an operation and returns its decoded output.
    pub async fn send<O: Operation>(&self, op: &O) -> Result<O::Output, Error> {
        self.send_with(op, &CallOptions::default())
            .await
            .map(|r| r.data)
    }

    /// Sends an operation with per-call options, and returns the decoded output along
    /// with the response's status and headers.
    pub async fn send_with<O: Operation>(
        &self,
        op: &O,
        opts: &CallOptions,
    ) -> Result<Response<O::Output>, Error> {
        let req = op.build(&self.cfg, &opts.request)?;
        let raw = self.execute(req, O::IDEMPOTENT, opts).await?;
        let data = O::parse(raw.status, &raw.headers, &raw.body)?;
        Ok(Response {
            status: raw.status.as_u16(),
            request_id: request_id(&raw.headers),
            headers: raw.headers,
            data,
        })
    }

    /// Every page of a list, one request per page, starting with `op` and following the
    /// cursors a [`Walk`] picks: it ends after the last page, at a cursor it has already
    /// followed, or at the page cap ([`Client::with_max_pages`]).
    ///
    /// The stream is `Unpin`, so `StreamExt::next` works on it directly. It ends after the
    /// last page, or right after yielding an error; then [`WalkStream::resume_cursor`]
    /// says where to pick the walk up again.
    pub fn pages<O: Paginated>(
        &self,
        op: O,
    ) -> WalkStream<impl Stream<Item = Result<O::Output, Error>> + Unpin> {
        self.pages_with(op, &CallOptions::default())
    }

    /// [`Client::pages`] with per-call options, applied to every page's request.
    pub fn pages_with<O: Paginated>(
        &self,
        op: O,
        opts: &CallOptions,
    ) -> WalkStream<impl Stream<Item = Result<O::Output, Error>> + Unpin + use<'_, O>> {
        let opts = opts.clone();
        let walk = Walk::new(O::PAGE_STYLE, op.cursor(), self.max_pages);
        let at = Arc::new(Mutex::new(walk.resume_cursor().map(str::to_owned)));
        let shared = at.clone();
        let inner = stream::unfold(Some((op, opts, walk)), move |state| {
            let at = shared.clone();
            Box::pin(async move {
                let (op, opts, mut walk) = state?;
                match self.send_with(&op, &opts).await {
                    Ok(resp) => {
                        let next = match walk.next(&O::facts(&resp.data)) {
                            NextPage::Cursor { value, .. } => {
                                Some((op.with_cursor(value), opts, walk))
                            }
                            NextPage::End { .. } => None,
                        };
                        if let Some((_, _, walk)) = &next {
                            *lock(&at) = walk.resume_cursor().map(str::to_owned);
                        }
                        Some((Ok(resp.data), next))
                    }
                    Err(e) => Some((Err(e), None)),
                }
            })
        });
        WalkStream { inner, at }
    }

    /// Every entry of a list across all its pages, fetched page by page as the stream is
    /// read.
    ///
    /// The stream is `Unpin`. It ends after the last entry, or right after yielding an
    /// error; then [`WalkStream::resume_cursor`] says where to pick the walk up again
    /// (every entry before it has been yielded once).
    pub fn items<O: Paginated>(
        &self,
        op: O,
    ) -> WalkStream<impl Stream<Item = Result<O::Item, Error>> + Unpin> {
        self.items_with(op, &CallOptions::default())
    }

    /// [`Client::items`] with per-call options, applied to every page's request.
    pub fn items_with<O: Paginated>(
        &self,
        op: O,
        opts: &CallOptions,
    ) -> WalkStream<impl Stream<Item = Result<O::Item, Error>> + Unpin + use<'_, O>> {
        let WalkStream { inner, at } = self.pages_with(op, opts);
        let inner = inner.flat_map(|page| {
            let batch: Vec<Result<O::Item, Error>> = match page {
                Ok(page) => O::items(page).into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            };
            stream::iter(batch)
        });
        WalkStream { inner, at }
    }

    /// One attempt: send, then read the whole body (up to the cap), all within `timeout`.
    async fn attempt(
        &self,
        template: &Template,
        timeout: Duration,
    ) -> Result<RawResponse, Failure> {
        let req = template.request();
        let limit = self.max_response_bytes;
        let run = async {
            let mut resp = self.http.execute(req).await.map_err(Failure::send)?;
            let status = resp.status();
            let headers = resp.headers().clone();
            let too_large = || Failure::too_large(status, &headers, limit);
            let announced = resp.content_length();
            if announced.is_some_and(|n| n > limit) {
                return Err(too_large());
            }
            // Grown as the body comes, never past the cap.
            let first = announced.unwrap_or(0).min(limit).min(1 << 20);
            let mut body = Vec::with_capacity(usize::try_from(first).unwrap_or(0));
            while let Some(chunk) = resp.chunk().await.map_err(Failure::body)? {
                if (body.len() + chunk.len()) as u64 > limit {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(RawResponse {
                status,
                headers,
                body,
            })
        };
        match tokio::time::timeout(timeout, run).await {
            Ok(outcome) => outcome,
            Err(_) => Err(Failure::timed_out()),
        }
    }
}

/// The parts of a built request, kept to send it again on each attempt.
struct Template {
    method: http::Method,
    url: reqwest::Url,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Template {
    fn new(req: HttpRequest) -> Result<Self, Error> {
        let (parts, body) = req.into_parts();
        let uri = parts.uri.to_string();
        let url = reqwest::Url::parse(&uri)
            .map_err(|e| Error::invalid("base_url", format!("{uri:?} is not a valid URL: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Error::invalid(
                "base_url",
                format!("{uri:?} is not an http or https URL"),
            ));
        }
        Ok(Self {
            method: parts.method,
            url,
            headers: parts.headers,
            body,
        })
    }

    fn request(&self) -> reqwest::Request {
        let mut req = reqwest::Request::new(self.method.clone(), self.url.clone());
        // The header map keeps the `Authorization` value marked sensitive.
        *req.headers_mut() = self.headers.clone();
        if !self.body.is_empty() {
            *req.body_mut() = Some(self.body.clone().into());
        }
        req
    }
}

/// An attempt that got no complete response.
struct Failure {
    /// What the retry rule is told; `None` for a final failure the rule is not asked about.
    attempt: Option<Attempt<'static>>,
    /// What the caller is told if this is the last attempt.
    error: Error,
}

impl Failure {
    fn timed_out() -> Self {
        Self {
            attempt: Some(Attempt::Timeout),
            error: Error::Timeout,
        }
    }

    /// A body larger than the cap: final, never retried.
    fn too_large(status: StatusCode, headers: &HeaderMap, limit: u64) -> Self {
        Self {
            attempt: None,
            error: Error::ResponseTooLarge {
                status: status.as_u16(),
                limit,
                request_id: request_id(headers),
            },
        }
    }

    fn transport(attempt: Attempt<'static>, e: &reqwest::Error) -> Self {
        let error = if e.is_timeout() {
            Error::Timeout
        } else {
            // The transport's description has no headers, so never the key.
            Error::Connection {
                message: error_chain(e),
            }
        };
        Self {
            attempt: Some(attempt),
            error,
        }
    }

    /// A failure before a response arrived.
    fn send(e: reqwest::Error) -> Self {
        // A connect error, timeout or not, means the request never reached the server,
        // so it is safe to send again even for operations that create things.
        let attempt = if e.is_connect() {
            Attempt::ConnectFailed
        } else if e.is_timeout() {
            Attempt::Timeout
        } else {
            Attempt::ConnectionLost
        };
        Self::transport(attempt, &e)
    }

    /// A failure while reading the body.
    fn body(e: reqwest::Error) -> Self {
        let attempt = if e.is_timeout() {
            Attempt::Timeout
        } else {
            Attempt::ConnectionLost
        };
        Self::transport(attempt, &e)
    }

    fn into_error(self) -> Error {
        self.error
    }
}

/// A walk over a list's pages or entries ([`Client::pages`], [`Client::items`]): a
/// [`Stream`] that also says where the walk can be resumed after a failure.
pub struct WalkStream<S> {
    inner: S,
    /// The cursor of the page asked for next (or that failed).
    at: Arc<Mutex<Option<String>>>,
}

impl<S> WalkStream<S> {
    /// The cursor to resume the walk from: after the stream yielded an error, the cursor
    /// of the page request that failed (`None` when the first page failed and the walk
    /// began without a cursor). Every page or entry before it has been yielded once, so
    /// the same operation with this cursor (`Paginated::with_cursor`) carries on with
    /// nothing lost or repeated.
    pub fn resume_cursor(&self) -> Option<String> {
        lock(&self.at).clone()
    }
}

impl<S: Stream + Unpin> Stream for WalkStream<S> {
    type Item = S::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        Pin::new(&mut self.inner).poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<S> std::fmt::Debug for WalkStream<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WalkStream")
            .field("resume_cursor", &self.resume_cursor())
            .finish_non_exhaustive()
    }
}

/// Locks the walk's cursor; a panic elsewhere does not make it unreadable.
fn lock(at: &Mutex<Option<String>>) -> std::sync::MutexGuard<'_, Option<String>> {
    at.lock().unwrap_or_else(|e| e.into_inner())
}

/// An error and its causes, joined by `": "`.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}

/// A number in `[0, 1)` for retry jitter, from the thread's random generator.
fn jitter() -> f64 {
    rand::random::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_in_range_and_varies() {
        let xs: Vec<f64> = (0..1000).map(|_| jitter()).collect();
        assert!(xs.iter().all(|x| (0.0..1.0).contains(x)));
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        assert!((0.4..0.6).contains(&mean), "{mean}");
    }

    #[test]
    fn with_config_keeps_the_settings_and_replaces_the_config() {
        let c = Client::new(Config::new("sk-a"))
            .unwrap()
            .with_max_retries(7)
            .with_max_pages(3);
        let mut cfg = Config::new("sk-b");
        cfg.base_url = "http://127.0.0.1:9/v1".into();
        let c = c.with_config(cfg);
        assert_eq!(c.config().base_url, "http://127.0.0.1:9/v1");
        assert_eq!((c.retry_policy().max_retries, c.max_pages), (7, 3));
    }

    #[test]
    fn rejects_empty_key_and_odd_schemes() {
        assert!(matches!(
            Client::new(Config::new("")),
            Err(Error::InvalidInput { .. })
        ));
        let req = http::Request::builder()
            .uri("ftp://example.com/x")
            .body(Vec::new())
            .unwrap();
        assert!(matches!(
            Template::new(req),
            Err(Error::InvalidInput { .. })
        ));
    }
}
