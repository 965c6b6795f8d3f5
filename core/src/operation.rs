//! What every operation is: parameters that build a request, and a parser for its answer.

use http::{HeaderMap, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::config::Config;
use crate::error::{ApiError, Error, request_id};
use crate::host::{NextPage, PageFacts, Walk};
use crate::pagination::PageStyle;
use crate::request::{HttpRequest, RequestOptions};

/// One Admin API operation: its parameters, and how to build and read it.
pub trait Operation {
    /// The decoded response.
    type Output: DeserializeOwned + Serialize;
    /// HTTP method, e.g. `"GET"`.
    const METHOD: &'static str;
    /// The path template, e.g. `/organization/users/{user_id}`.
    const PATH: &'static str;
    /// The spec's `operationId`.
    const OPERATION_ID: &'static str;
    /// The official Python SDK's name, e.g. `admin.organization.users.retrieve`.
    const SDK_METHOD: &'static str;
    /// The official JS SDK's name, e.g. `admin.organization.users.retrieve`.
    const SDK_METHOD_JS: &'static str;
    /// How the next page is asked for.
    const PAGE_STYLE: PageStyle;
    /// Whether sending it twice has the same effect as sending it once. Operations that
    /// create something are not; see [`crate::retry`].
    const IDEMPOTENT: bool;

    /// Checks the parameters and builds the request.
    fn build(&self, cfg: &Config, opts: &RequestOptions) -> Result<HttpRequest, Error>;

    /// Reads the response: a status error for non-2xx, else the decoded body.
    fn parse(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Self::Output, Error> {
        parse_response(status, headers, body)
    }
}

/// A list operation whose results may span several pages.
///
/// Which page comes next is decided by [`crate::host::Walk`] from the page's
/// [`PageFacts`]; the operation only reads those facts and sets the cursor.
pub trait Paginated: Operation + Clone {
    /// One entry of a page.
    type Item;
    /// The values of `page` that decide the next request.
    fn facts(page: &Self::Output) -> PageFacts;
    /// This request, asking for the page at `cursor`.
    fn with_cursor(&self, cursor: String) -> Self;
    /// The cursor this request carries, if any.
    fn cursor(&self) -> Option<&str>;
    /// The request for the page after `page`, or `None` when `page` is the last (or the
    /// server handed back this request's own cursor). A walk over many pages keeps one
    /// [`Walk`] instead, which also stops cycles and endless walks.
    fn next_page(&self, page: &Self::Output) -> Option<Self> {
        let mut walk = Walk::new(Self::PAGE_STYLE, self.cursor(), 0);
        match walk.next(&Self::facts(page)) {
            NextPage::Cursor { value, .. } => Some(self.with_cursor(value)),
            NextPage::End { .. } => None,
        }
    }
    /// The entries of a page.
    fn items(page: Self::Output) -> Vec<Self::Item>;
    /// The entries of a page, borrowed.
    fn items_ref(page: &Self::Output) -> &[Self::Item];
}

/// Reads a response: a status error for non-2xx, else the body decoded as `T`.
pub fn parse_response<T: DeserializeOwned>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<T, Error> {
    if !status.is_success() {
        return Err(Error::Status(Box::new(ApiError::from_response(
            status, headers, body,
        ))));
    }
    decode(headers, body)
}

/// Decodes a 2xx body as `T`, with an error that says what did not fit.
pub fn decode<T: DeserializeOwned>(headers: &HeaderMap, body: &[u8]) -> Result<T, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Decode {
            message: "the body is empty".to_owned(),
            request_id: request_id(headers),
        });
    }
    // One UTF-8 check of the whole body is cheaper than serde_json's check of every string.
    let text = std::str::from_utf8(body).map_err(|e| Error::Decode {
        message: format!("the body is not valid JSON: it is not UTF-8 ({e})"),
        request_id: request_id(headers),
    })?;
    serde_json::from_str(text).map_err(|e| {
        let message = match e.classify() {
            serde_json::error::Category::Eof => format!("the body ends too soon: {e}"),
            serde_json::error::Category::Syntax => format!("the body is not valid JSON: {e}"),
            _ => format!(
                "the body does not match {}: {e}",
                std::any::type_name::<T>()
            ),
        };
        Error::Decode {
            message,
            request_id: request_id(headers),
        }
    })
}
