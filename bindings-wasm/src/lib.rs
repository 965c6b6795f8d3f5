//! The core compiled to WebAssembly for the `openai-admin` npm package.
//!
//! It builds requests, checks responses, picks the next page and decides on retries; the
//! package's TypeScript driver does the I/O with `fetch` and timers. Operations are named by
//! the official Python SDK's method (the generated TypeScript passes that name), parameters
//! are one flat object, as in [`openai_admin::dispatch`].
//!
//! Responses are only *checked* here: the driver lets the engine's `JSON.parse` build the
//! result objects, which is faster than copying a decoded structure out of wasm.
//!
//! Errors are thrown as plain objects `{ kind, message, … }` (`kind` is one of
//! `invalid_input`, `status`, `decode`, `connection`, `timeout`); the driver turns them into
//! its error classes.

use std::time::{Duration, SystemTime};

use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use openai_admin::dispatch;
use openai_admin::pagination::PageStyle;
use openai_admin::params::Params;
use openai_admin::retry::{self, Attempt, Decision, RetryPolicy};
use openai_admin::{Config, Error, OPERATIONS, RequestOptions};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// Client-wide settings, as the driver passes them to [`Core::new`].
#[derive(Debug, Deserialize)]
struct ConfigIn {
    base_url: String,
    api_key: String,
    organization: Option<String>,
    project: Option<String>,
    #[serde(default)]
    default_headers: Vec<(String, String)>,
    #[serde(default)]
    default_query: Vec<(String, String)>,
    user_agent: Option<String>,
}

/// A request ready for `fetch`.
#[derive(Debug, Serialize)]
struct RequestOut {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Option<String>,
}

/// The error object thrown into JavaScript.
#[derive(Debug, Default, Serialize)]
struct ErrorOut {
    kind: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    param: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<serde_json::Value>,
}

fn error_out(e: Error) -> ErrorOut {
    let message = e.to_string();
    match e {
        Error::InvalidInput { param, message } => ErrorOut {
            kind: "invalid_input",
            message,
            param: Some(param),
            ..ErrorOut::default()
        },
        Error::Status(api) => ErrorOut {
            kind: "status",
            message: api.message,
            status: Some(api.status),
            error_type: api.error_type,
            code: api.code,
            param: api.param,
            request_id: api.request_id,
            body: Some(api.body),
        },
        Error::Decode { request_id, .. } => ErrorOut {
            kind: "decode",
            message,
            request_id,
            ..ErrorOut::default()
        },
        Error::Connection { .. } => ErrorOut {
            kind: "connection",
            message,
            ..ErrorOut::default()
        },
        _ => ErrorOut {
            kind: "timeout",
            message,
            ..ErrorOut::default()
        },
    }
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&ser).unwrap_or(JsValue::NULL)
}

fn throw(e: Error) -> JsValue {
    to_js(&error_out(e))
}

fn invalid(param: &str, message: impl Into<String>) -> JsValue {
    throw(Error::invalid(param, message))
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| invalid(what, e.to_string()))
}

/// `[[name, value], …]` into a header map; unreadable pairs are skipped.
fn header_map(headers: JsValue) -> Result<HeaderMap, JsValue> {
    let pairs: Vec<(String, String)> = if headers.is_undefined() || headers.is_null() {
        Vec::new()
    } else {
        from_js(headers, "headers")?
    };
    let mut map = HeaderMap::with_capacity(pairs.len());
    for (k, v) in pairs {
        if let (Ok(k), Ok(v)) = (
            HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(&v),
        ) {
            map.append(k, v);
        }
    }
    Ok(map)
}

fn params_of(params: JsValue) -> Result<Params, JsValue> {
    if params.is_undefined() || params.is_null() {
        return Ok(Params::new());
    }
    let value: serde_json::Value = from_js(params, "params")?;
    match value {
        // The driver leaves out `undefined` values; a `null` is kept, so that a body field
        // that may be null can be cleared (the core reads `null` elsewhere as not given).
        serde_json::Value::Object(map) => Ok(map),
        _ => Err(invalid("params", "must be an object")),
    }
}

fn pairs_of(value: JsValue, what: &str) -> Result<Vec<(String, String)>, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(Vec::new())
    } else {
        from_js(value, what)
    }
}

/// One client's settings; builds its requests.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Core {
    cfg: Config,
}

#[wasm_bindgen]
impl Core {
    /// Settings from `{ base_url, api_key, organization?, project?, default_headers?,
    /// default_query?, user_agent? }` (header and query lists as `[name, value]` pairs).
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<Core, JsValue> {
        let c: ConfigIn = from_js(config, "config")?;
        let mut cfg = Config::new(c.api_key).with_base_url(c.base_url);
        cfg.organization = c.organization;
        cfg.project = c.project;
        cfg.default_headers = c.default_headers;
        cfg.default_query = c.default_query;
        if let Some(ua) = c.user_agent {
            cfg.user_agent = ua;
        }
        Ok(Core { cfg })
    }

    /// Checks `params` and builds the request of `sdk_method`:
    /// `{ method, url, headers: [[name, value]…], body?: string }`.
    ///
    /// Throws an `invalid_input` error (naming the parameter) before any request exists.
    pub fn build(
        &self,
        sdk_method: &str,
        params: JsValue,
        extra_headers: JsValue,
        extra_query: JsValue,
    ) -> Result<JsValue, JsValue> {
        let opts = RequestOptions {
            extra_headers: pairs_of(extra_headers, "headers")?,
            extra_query: pairs_of(extra_query, "query")?,
            extra_body: None,
        };
        let req =
            dispatch::build(sdk_method, params_of(params)?, &self.cfg, &opts).map_err(throw)?;
        let (parts, body) = req.into_parts();
        let headers = parts
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = if body.is_empty() {
            None
        } else {
            Some(String::from_utf8(body).map_err(|e| invalid("body", e.to_string()))?)
        };
        Ok(to_js(&RequestOut {
            method: parts.method.as_str().to_owned(),
            url: parts.uri.to_string(),
            headers,
            body,
        }))
    }
}

/// Checks a response of `sdk_method` (a `status` error for non-2xx, a `decode` error when
/// the body does not fit the operation's type) and, for a list called with `params`,
/// returns the next page's parameters (`null` on the last page).
///
/// A list's body is decoded once, for both the check and the next cursor.
#[wasm_bindgen]
pub fn check(
    sdk_method: &str,
    status: u16,
    headers: JsValue,
    body: &[u8],
    params: JsValue,
) -> Result<JsValue, JsValue> {
    let headers = header_map(headers)?;
    let status = StatusCode::from_u16(status).map_err(|e| invalid("status", e.to_string()))?;
    let info = dispatch::operation(sdk_method)
        .ok_or_else(|| invalid("operation", format!("no operation is named {sdk_method:?}")))?;
    let paged = !matches!(info.page_style, PageStyle::None | PageStyle::Single);
    if !status.is_success() || !paged || params.is_undefined() {
        dispatch::validate(sdk_method, status, &headers, body).map_err(throw)?;
        return Ok(JsValue::NULL);
    }
    let params = params_of(params)?;
    match dispatch::next_params(sdk_method, &params, body) {
        Ok(Some(next)) => Ok(to_js(&next)),
        Ok(None) => Ok(JsValue::NULL),
        Err(Error::Decode { message, .. }) => Err(throw(Error::Decode {
            message,
            request_id: openai_admin::error::request_id(&headers),
        })),
        Err(e) => Err(throw(e)),
    }
}

/// Seconds to wait before retrying, or a negative number to stop.
///
/// `outcome` is `response` (with `status` and `headers`), `connect_failed`,
/// `connection_lost` or `timeout`; `jitter` is in `[0, 1)`; `now_ms` is `Date.now()`.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn decide(
    max_retries: u32,
    retry_non_idempotent: bool,
    idempotent: bool,
    retries_done: u32,
    outcome: &str,
    status: u16,
    headers: JsValue,
    jitter: f64,
    now_ms: f64,
) -> Result<f64, JsValue> {
    let headers = header_map(headers)?;
    let attempt = match outcome {
        "response" => Attempt::Response {
            status,
            headers: &headers,
        },
        "connect_failed" => Attempt::ConnectFailed,
        "connection_lost" => Attempt::ConnectionLost,
        "timeout" => Attempt::Timeout,
        other => return Err(invalid("outcome", format!("unknown outcome {other:?}"))),
    };
    let policy = RetryPolicy {
        max_retries,
        retry_non_idempotent,
    };
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs_f64(now_ms.max(0.0) / 1000.0);
    Ok(
        match retry::decide(&policy, idempotent, retries_done, attempt, jitter, now) {
            Decision::RetryAfter(d) => d.as_secs_f64(),
            _ => -1.0,
        },
    )
}

/// One operation, as [`operations`] lists it.
#[derive(Debug, Serialize)]
struct OperationOut {
    sdk_method: &'static str,
    sdk_method_js: &'static str,
    method: &'static str,
    path: &'static str,
    page_style: &'static str,
    idempotent: bool,
}

/// Every operation: `{ sdk_method, sdk_method_js, method, path, page_style, idempotent }`.
#[wasm_bindgen]
pub fn operations() -> JsValue {
    let ops: Vec<OperationOut> = OPERATIONS
        .iter()
        .map(|o| OperationOut {
            sdk_method: o.sdk_method,
            sdk_method_js: o.sdk_method_js,
            method: o.method,
            path: o.path,
            page_style: o.page_style.as_str(),
            idempotent: o.idempotent,
        })
        .collect();
    to_js(&ops)
}
