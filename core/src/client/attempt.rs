//! One attempt of a call: the request rebuilt from its template, sent, and its answer opened
//! or read whole; what went wrong is told to the retry rule as an [`Attempt`].

use std::time::Duration;

use http::{HeaderMap, StatusCode};

use super::error_chain;
use super::stream::Body;
use crate::error::{Error, request_id};
use crate::request::HttpRequest;
use crate::retry::Attempt;

/// The parts of a built request, kept to send it again on each attempt.
pub(super) struct Template {
    method: http::Method,
    url: reqwest::Url,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Template {
    pub(super) fn new(req: HttpRequest) -> Result<Self, Error> {
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

/// What one attempt got: the status and headers, and the body: read whole into `data` (then
/// `body` is closed), or left unread in `body` (then `data` is empty).
pub(super) struct Answer {
    pub(super) status: StatusCode,
    pub(super) headers: HeaderMap,
    pub(super) data: Vec<u8>,
    pub(super) body: Body,
}

/// Sends the request once. With `whole`, the body is read to its end (up to `limit` bytes)
/// and all of it must come within `timeout`; otherwise only the status and headers must,
/// and the body is left unread, each later read of it getting `timeout` on its own.
pub(super) async fn attempt(
    http: &reqwest::Client,
    template: &Template,
    timeout: Duration,
    limit: u64,
    whole: bool,
) -> Result<Answer, Failure> {
    let run = async {
        let resp = http
            .execute(template.request())
            .await
            .map_err(Failure::send)?;
        let (status, headers) = (resp.status(), resp.headers().clone());
        if resp.content_length().is_some_and(|n| n > limit) {
            return Err(Failure::too_large(status, request_id(&headers), limit));
        }
        let mut body = Body::new(resp, limit, timeout);
        let data = match whole {
            true => body.rest().await?,
            false => Vec::new(),
        };
        Ok(Answer {
            status,
            headers,
            data,
            body,
        })
    };
    match tokio::time::timeout(timeout, run).await {
        Ok(outcome) => outcome,
        Err(_) => Err(Failure::timed_out()),
    }
}

/// An attempt that got no complete response.
pub(super) struct Failure {
    /// What the retry rule is told; `None` for a final failure the rule is not asked about.
    pub(super) attempt: Option<Attempt<'static>>,
    /// What the caller is told if this is the last attempt.
    pub(super) error: Error,
}

impl Failure {
    pub(super) fn timed_out() -> Self {
        Self {
            attempt: Some(Attempt::Timeout),
            error: Error::Timeout,
        }
    }

    /// A body larger than the cap: final, never retried.
    pub(super) fn too_large(status: StatusCode, request_id: Option<String>, limit: u64) -> Self {
        Self {
            attempt: None,
            error: Error::ResponseTooLarge {
                status: status.as_u16(),
                limit,
                request_id,
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
    pub(super) fn body(e: &reqwest::Error) -> Self {
        let attempt = if e.is_timeout() {
            Attempt::Timeout
        } else {
            Attempt::ConnectionLost
        };
        Self::transport(attempt, e)
    }
}
