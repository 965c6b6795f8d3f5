//! Responses whose body is read only when asked: [`Client::execute_streaming`] returns once
//! the status and headers are in, and the body comes chunk by chunk from [`Body`].

use std::time::Duration;

use futures_util::stream;
use http::{HeaderMap, StatusCode};

use super::attempt::Failure;
use super::{CallOptions, Client, RawResponse, Stream};
use crate::error::{Error, request_id, request_id_in};
use crate::host::{Piece, Split};
use crate::request::HttpRequest;

/// A response whose status and headers have arrived and whose body has not been read:
/// what [`Client::execute_streaming`] returns. Dropping it unread closes the connection.
#[derive(Debug)]
pub struct StreamingResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body, read as the caller asks.
    pub body: Body,
}

impl StreamingResponse {
    /// The `x-request-id` header, when present and readable.
    pub fn request_id(&self) -> Option<&str> {
        request_id_in(&self.headers)
    }

    /// Reads what is left of the body and returns the response with it (chunks already
    /// taken with [`Body::chunk`] are not in it).
    pub async fn into_raw(mut self) -> Result<RawResponse, Error> {
        let body = self.body.read_to_end().await?;
        Ok(RawResponse {
            status: self.status,
            headers: self.headers,
            body,
        })
    }
}

/// A response body on its way: each [`Body::chunk`] reads what the server has sent next.
///
/// The client's size cap holds across reads: a read that takes the body past it fails with
/// [`Error::ResponseTooLarge`]. Each read may take up to the call's timeout. After the end,
/// an error, or [`Body::close`], the connection is released and reads return `None`.
#[derive(Debug)]
pub struct Body {
    resp: Option<reqwest::Response>,
    status: StatusCode,
    request_id: Option<String>,
    announced: Option<u64>,
    limit: u64,
    read: u64,
    timeout: Duration,
}

impl Body {
    pub(super) fn new(resp: reqwest::Response, limit: u64, timeout: Duration) -> Self {
        Self {
            status: resp.status(),
            request_id: request_id(resp.headers()),
            announced: resp.content_length(),
            resp: Some(resp),
            limit,
            read: 0,
            timeout,
        }
    }

    /// The next chunk of the body, `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<Vec<u8>>, Error> {
        match tokio::time::timeout(self.timeout, self.next(<[u8]>::to_vec)).await {
            Ok(outcome) => outcome.map_err(|f| f.error),
            Err(_) => {
                self.close();
                Err(Error::Timeout)
            }
        }
    }

    /// The rest of the body, read to its end.
    pub async fn read_to_end(&mut self) -> Result<Vec<u8>, Error> {
        let mut out = self.buffer();
        while let Some(chunk) = self.chunk().await? {
            out.extend_from_slice(&chunk);
        }
        Ok(out)
    }

    /// How many bytes of the body have been read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read
    }

    /// Whether the body has been read to its end, failed, or been closed.
    pub fn is_closed(&self) -> bool {
        self.resp.is_none()
    }

    /// Stops reading: the connection is closed, and later reads return `None`.
    pub fn close(&mut self) {
        self.resp = None;
    }

    /// The body as a stream of chunks.
    pub fn into_stream(self) -> impl Stream<Item = Result<Vec<u8>, Error>> + Send + Unpin {
        Box::pin(stream::unfold(self, |mut body| async move {
            match body.chunk().await {
                Ok(Some(chunk)) => Some((Ok(chunk), body)),
                Ok(None) => None,
                Err(e) => Some((Err(e), body)),
            }
        }))
    }

    /// The next chunk handed to `take` (its result is returned), with the size cap checked
    /// and no timeout of its own.
    pub(super) async fn next<T>(
        &mut self,
        take: impl FnOnce(&[u8]) -> T,
    ) -> Result<Option<T>, Failure> {
        let Some(resp) = self.resp.as_mut() else {
            return Ok(None);
        };
        let outcome = match resp.chunk().await {
            Err(e) => Err(Failure::body(&e)),
            Ok(Some(c)) if self.read + c.len() as u64 > self.limit => Err(Failure::too_large(
                self.status,
                self.request_id.clone(),
                self.limit,
            )),
            Ok(Some(c)) => {
                self.read += c.len() as u64;
                return Ok(Some(take(&c)));
            }
            Ok(None) => Ok(None),
        };
        self.close();
        outcome
    }

    /// The rest of the body with the size cap checked, and no timeout of its own.
    pub(super) async fn rest(&mut self) -> Result<Vec<u8>, Failure> {
        let mut out = self.buffer();
        while self.next(|c| out.extend_from_slice(c)).await?.is_some() {}
        Ok(out)
    }

    /// An empty buffer for the rest of the body: sized for what was announced (never past
    /// the cap, at most 1 MiB at first) and grown as the body comes.
    fn buffer(&self) -> Vec<u8> {
        let first = self.announced.unwrap_or(0).min(self.limit).min(1 << 20);
        Vec::with_capacity(usize::try_from(first).unwrap_or(0))
    }
}

/// A body read as the caller asks that keeps what it reads: once its end is reached, the
/// whole body is at hand ([`KeptBody::take_whole`]), whether it was read piece by piece
/// ([`KeptBody::next_piece`]) or at once ([`KeptBody::read_to_end`]).
///
/// A read after [`KeptBody::close`], or after a read that failed, fails with
/// [`Error::Connection`]: the rest of the body can no longer be read.
#[derive(Debug)]
pub struct KeptBody {
    body: Body,
    kept: Vec<u8>,
    ended: bool,
    taken: bool,
    stopped: bool,
}

impl KeptBody {
    /// A body nothing of which has been read.
    pub fn new(body: Body) -> Self {
        let kept = body.buffer();
        Self {
            body,
            kept,
            ended: false,
            taken: false,
            stopped: false,
        }
    }

    /// The next piece of the body as `split` cuts it, reading as much as that takes; `None`
    /// once the body has ended and `split` has handed out every piece.
    pub async fn next_piece(&mut self, split: &mut Split) -> Result<Option<Piece>, Error> {
        loop {
            if let Some(piece) = split.pop() {
                return Ok(Some(piece));
            }
            if split.is_finished() {
                return Ok(None);
            }
            match self.chunk().await? {
                Some(chunk) => split.push(&chunk),
                None => split.finish(),
            }
        }
    }

    /// Reads the rest of the body.
    pub async fn read_to_end(&mut self) -> Result<(), Error> {
        while self.chunk().await?.is_some() {}
        Ok(())
    }

    /// Whether the body's end has been reached.
    pub fn is_ended(&self) -> bool {
        self.ended
    }

    /// Whether nothing more will be read: the end was reached, the body was closed, or a read
    /// failed.
    pub fn is_closed(&self) -> bool {
        self.ended || self.stopped
    }

    /// The whole body, the first time this is asked once its end has been reached (`None`
    /// before, and after).
    pub fn take_whole(&mut self) -> Option<Vec<u8>> {
        match self.ended && !self.taken {
            true => {
                self.taken = true;
                Some(std::mem::take(&mut self.kept))
            }
            false => None,
        }
    }

    /// Stops reading: the connection is closed.
    pub fn close(&mut self) {
        self.stopped |= !self.ended;
        self.body.close();
    }

    /// The next chunk (kept), `None` at the end.
    async fn chunk(&mut self) -> Result<Option<Vec<u8>>, Error> {
        if self.stopped {
            let message = "the body was closed before its end".to_owned();
            return Err(Error::Connection { message });
        }
        let chunk = self
            .body
            .chunk()
            .await
            .inspect_err(|_| self.stopped = true)?;
        match &chunk {
            Some(c) => self.kept.extend_from_slice(c),
            None => self.ended = true,
        }
        Ok(chunk)
    }
}

impl Client {
    /// Sends a built request with the same retries as [`Client::execute`], deciding on
    /// each answer's status and headers, and returns the last answer with its body unread.
    ///
    /// Waiting for the status and headers may take `opts.timeout` (or the client's timeout),
    /// and so may each later read of the body. Answers that are retried are dropped unread.
    pub async fn execute_streaming(
        &self,
        req: HttpRequest,
        idempotent: bool,
        opts: &CallOptions,
    ) -> Result<StreamingResponse, Error> {
        let answer = self.run(req, idempotent, opts, false).await?;
        Ok(StreamingResponse {
            status: answer.status,
            headers: answer.headers,
            body: answer.body,
        })
    }
}
