//! What every operation is: parameters that build a request, and a parser for its answer.

use http::{HeaderMap, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::config::Config;
use crate::error::{ApiError, Error, request_id};
use crate::host::{NextPage, PageFacts, Walk};
use crate::pagination::PageStyle;
use crate::params::{self, FromParams, Params};
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

/// One row of the operation table ([`crate::OPERATIONS`]): what a host needs to find an
/// operation by name, describe it, and run it with parameters given as a JSON object.
///
/// The table is generated; each row is made by [`OperationInfo::of`] (or
/// [`OperationInfo::paged`] for lists with a cursor), so the facts come from the
/// operation's [`Operation`] constants and the functions are the operation's own.
#[derive(Clone, Copy)]
pub struct OperationInfo {
    /// The spec's `operationId`.
    pub operation_id: &'static str,
    /// The official Python SDK's method path.
    pub sdk_method: &'static str,
    /// The official JS SDK's method path.
    pub sdk_method_js: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Path template.
    pub path: &'static str,
    /// How the next page is asked for.
    pub page_style: PageStyle,
    /// Whether repeating it is harmless (see [`crate::retry`]).
    pub idempotent: bool,
    build: fn(Params, &Config, &RequestOptions) -> Result<HttpRequest, Error>,
    parse: fn(StatusCode, &HeaderMap, &[u8]) -> Result<serde_json::Value, Error>,
    validate: fn(StatusCode, &HeaderMap, &[u8]) -> Result<(), Error>,
    next_params: fn(&Params, &[u8]) -> Result<Option<Params>, Error>,
}

impl OperationInfo {
    /// The row of operation `O`; its pages, if any, are not followed (see [`Self::paged`]).
    pub const fn of<O: Operation + FromParams>() -> Self {
        Self {
            operation_id: O::OPERATION_ID,
            sdk_method: O::SDK_METHOD,
            sdk_method_js: O::SDK_METHOD_JS,
            method: O::METHOD,
            path: O::PATH,
            page_style: O::PAGE_STYLE,
            idempotent: O::IDEMPOTENT,
            build: build_from_params::<O>,
            parse: parse_to_value::<O>,
            validate: validate_only::<O>,
            next_params: last_page,
        }
    }

    /// The row of list operation `O`, whose pages are followed by a cursor.
    pub const fn paged<O: Paginated + FromParams>() -> Self {
        Self {
            next_params: params::next_params::<O>,
            ..Self::of::<O>()
        }
    }

    /// Checks `params` and builds the request.
    pub fn build(
        &self,
        params: Params,
        cfg: &Config,
        opts: &RequestOptions,
    ) -> Result<HttpRequest, Error> {
        (self.build)(params, cfg, opts)
    }

    /// Reads a response: checked against the operation's type, then handed back as JSON
    /// (unknown fields included).
    pub fn parse(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<serde_json::Value, Error> {
        (self.parse)(status, headers, body)
    }

    /// Checks a response without keeping the result: a status error for non-2xx, a decode
    /// error when the body does not fit the operation's type.
    pub fn validate(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(), Error> {
        (self.validate)(status, headers, body)
    }

    /// The parameters for the page after `page` (a response body of this operation called
    /// with `params`), or `None` when it was the last or the operation has no pages.
    pub fn next_params(&self, params: &Params, page: &[u8]) -> Result<Option<Params>, Error> {
        (self.next_params)(params, page)
    }
}

impl std::fmt::Debug for OperationInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OperationInfo")
            .field("operation_id", &self.operation_id)
            .field("sdk_method", &self.sdk_method)
            .field("sdk_method_js", &self.sdk_method_js)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("page_style", &self.page_style)
            .field("idempotent", &self.idempotent)
            .finish_non_exhaustive()
    }
}

/// Rows are equal when they describe the same operation (the functions follow from it).
impl PartialEq for OperationInfo {
    fn eq(&self, other: &Self) -> bool {
        (
            self.operation_id,
            self.sdk_method,
            self.sdk_method_js,
            self.method,
            self.path,
            self.page_style,
            self.idempotent,
        ) == (
            other.operation_id,
            other.sdk_method,
            other.sdk_method_js,
            other.method,
            other.path,
            other.page_style,
            other.idempotent,
        )
    }
}

impl Eq for OperationInfo {}

fn build_from_params<O: Operation + FromParams>(
    p: Params,
    cfg: &Config,
    opts: &RequestOptions,
) -> Result<HttpRequest, Error> {
    O::from_params(p)?.build(cfg, opts)
}

fn parse_to_value<O: Operation>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<serde_json::Value, Error> {
    let out = O::parse(status, headers, body)?;
    serde_json::to_value(out).map_err(|e| Error::Decode {
        message: e.to_string(),
        request_id: request_id(headers),
    })
}

fn validate_only<O: Operation>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), Error> {
    O::parse(status, headers, body).map(drop)
}

fn last_page(_: &Params, _: &[u8]) -> Result<Option<Params>, Error> {
    Ok(None)
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
