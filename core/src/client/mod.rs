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

mod attempt;
mod paging;
mod stream;

use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};

pub use futures_core::Stream;
pub use paging::WalkStream;
pub use stream::{Body, KeptBody, StreamingResponse};

use self::attempt::{Answer, Failure, Template, attempt};
use crate::config::Config;
use crate::error::{Error, request_id, request_id_in};
use crate::host::{Defaults, Settings};
use crate::operation::Operation;
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
        request_id_in(&self.headers)
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

    /// Takes the client-side settings of `s` (timeout, retries and the retry of creates, page
    /// cap, response size cap); the request settings are the [`Config`]'s.
    pub fn with_settings(self, s: &Settings) -> Self {
        self.with_timeout(Duration::from_millis(s.timeout_ms))
            .with_retry_policy(RetryPolicy {
                max_retries: s.max_retries,
                retry_non_idempotent: s.retry_non_idempotent,
            })
            .with_max_pages(s.max_pages)
            .with_max_response_bytes(s.max_response_bytes)
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
        let answer = self.run(req, idempotent, opts, true).await?;
        Ok(RawResponse {
            status: answer.status,
            headers: answer.headers,
            body: answer.data,
        })
    }

    /// The retry loop of [`Client::execute`] and [`Client::execute_streaming`]; `whole`
    /// says whether each attempt reads its body to the end.
    async fn run(
        &self,
        req: HttpRequest,
        idempotent: bool,
        opts: &CallOptions,
        whole: bool,
    ) -> Result<Answer, Error> {
        let template = Template::new(req)?;
        let timeout = opts.timeout.unwrap_or(self.timeout);
        let policy = RetryPolicy {
            max_retries: opts.max_retries.unwrap_or(self.retry.max_retries),
            retry_non_idempotent: opts
                .retry_non_idempotent
                .unwrap_or(self.retry.retry_non_idempotent),
        };
        let limit = self.max_response_bytes;
        let mut retries_done = 0;
        loop {
            let outcome = attempt(&self.http, &template, timeout, limit, whole).await;
            let attempt = match &outcome {
                Ok(r) => Attempt::Response {
                    status: r.status.as_u16(),
                    headers: &r.headers,
                },
                Err(Failure {
                    attempt: Some(a), ..
                }) => *a,
                // A final failure (a body over the cap) is not for the retry rule.
                Err(Failure { attempt: None, .. }) => return outcome.map_err(|f| f.error),
            };
            let now = SystemTime::now();
            match retry::decide(&policy, idempotent, retries_done, attempt, jitter(), now) {
                // An answer not kept is dropped here, unread if it was.
                Decision::RetryAfter(wait) => {
                    drop(outcome);
                    tokio::time::sleep(wait).await;
                    retries_done += 1;
                }
                Decision::Stop => return outcome.map_err(|f| f.error),
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
        let s = Settings {
            timeout_ms: 1500,
            max_retries: 4,
            retry_non_idempotent: true,
            max_pages: 9,
            max_response_bytes: 10,
            ..Settings::default()
        };
        let c = c.with_settings(&s);
        assert_eq!((c.timeout(), c.max_pages), (Duration::from_millis(1500), 9));
        assert_eq!(c.retry_policy().max_retries, 4);
        assert!(c.retry_policy().retry_non_idempotent && c.max_response_bytes() == 10);
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
