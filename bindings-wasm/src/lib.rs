//! The core compiled to WebAssembly for the `openai-admin` npm package.
//!
//! A thin layer over [`openai_admin::host`]: it resolves settings, builds requests, checks
//! responses, decides on retries and walks pages; the package's TypeScript driver does the
//! I/O with `fetch` and timers. Operations are named by the official Python SDK's method (the
//! generated TypeScript passes that name); parameters are one flat object, as in
//! [`openai_admin::dispatch`].
//!
//! Everything that crosses the boundary has a TypeScript type generated from its Rust
//! definition (see [`boundary`]). Failures are thrown as an [`boundary::ErrorRecord`]: the
//! core's own description of the error ([`host::describe`]), whose `class_js` names the class
//! the driver throws.
//!
//! Responses are only *checked* here: the driver lets the engine's `JSON.parse` build the
//! result objects, which is faster than copying a decoded structure out of wasm. A list page
//! never enters wasm memory: [`paging::Walk`] reads the few values that decide the next page
//! from the parsed object.

mod boundary;
mod paging;

use std::time::{Duration, SystemTime};

use http::{HeaderName, StatusCode};
use openai_admin::error::ApiError;
use openai_admin::host::{self, Defaults, LogLevel, Settings};
use openai_admin::params::Params;
use openai_admin::retry::{self, Attempt, Decision, RetryPolicy};
use openai_admin::secret::AdminKey;
use openai_admin::{Config, Error, OPERATIONS, RequestOptions, dispatch};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tsify_next::Tsify;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

pub use boundary::{
    ClientConfig, DefaultsOut, ErrorRecord, HttpRequestOut, OperationOut, Operations, Outcome,
    Pairs, RequestParams, RetryDecision, RetryInput, SettingsOut,
};
pub use paging::Walk;

/// `value` as a JS value of its declared TypeScript type (JSON-compatible: maps as plain
/// objects, `None` as `undefined`).
fn to_js<T: Tsify + Serialize>(value: &T) -> Result<T::JsType, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&ser)
        .map(JsCast::unchecked_into)
        .map_err(|e| invalid("result", e.to_string()))
}

/// A JS value read as `T`; a value of the wrong shape is an `invalid_input` error for `what`.
fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| invalid(what, e.to_string()))
}

/// The error as thrown into JavaScript: the core's description of it.
pub(crate) fn throw(e: &Error) -> JsValue {
    ErrorRecord::from(host::describe(e)).into_js_value()
}

pub(crate) fn invalid(param: &str, message: impl Into<String>) -> JsValue {
    throw(&Error::invalid(param, message))
}

/// `[[name, value], …]` pairs; `undefined` or `null` is none.
fn pairs(value: <Pairs as Tsify>::JsType, what: &str) -> Result<Vec<(String, String)>, JsValue> {
    let value: JsValue = value.into();
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    from_js::<Pairs>(value, what).map(|p| p.0)
}

fn status_of(status: u16) -> Result<StatusCode, JsValue> {
    StatusCode::from_u16(status).map_err(|e| invalid("status", e.to_string()))
}

/// Request parameters: an object; `undefined` or `null` is none.
pub(crate) fn params_of(params: JsValue) -> Result<Params, JsValue> {
    if params.is_undefined() || params.is_null() {
        return Ok(Params::new());
    }
    match from_js(params, "params")? {
        // The driver leaves out `undefined` values; a `null` is kept, so that a body field
        // that may be null can be cleared (the core reads `null` elsewhere as not given).
        serde_json::Value::Object(map) => Ok(map),
        _ => Err(invalid("params", "must be an object")),
    }
}

/// The settings of one client: the environment's values over the defaults
/// ([`Settings::from_lookup`]: empty values count as unset), then the caller's options by the
/// core's rule for a caller's changes ([`Settings::apply`]).
fn settings_of(c: &ClientConfig) -> Settings {
    let mut s = Settings::from_lookup(|name| c.env.get(name).cloned().flatten());
    s.apply(host::Overrides {
        api_key: c.api_key.clone().map(AdminKey::new),
        base_url: c.base_url.clone(),
        organization: c.organization.clone(),
        project: c.project.clone(),
        timeout: c
            .timeout_ms
            .filter(|ms| ms.is_finite() && *ms >= 0.0)
            .map(|ms| std::time::Duration::from_millis(ms as u64)),
        max_retries: c.max_retries,
        max_pages: c.max_pages,
        retry_non_idempotent: c.retry_non_idempotent,
        max_response_bytes: c.max_response_bytes,
        strict_response_validation: c.strict_response_validation,
    });
    s
}

/// One client's settings; builds its requests.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Core {
    cfg: Config,
    settings: Settings,
    /// The caller's log level, when given.
    log_level: Option<LogLevel>,
}

#[wasm_bindgen]
impl Core {
    /// Resolves the client's settings; throws an `InvalidInputError` record for `api_key`
    /// when neither the options nor the environment hold a key.
    #[wasm_bindgen(constructor)]
    pub fn new(config: <ClientConfig as Tsify>::JsType) -> Result<Core, JsValue> {
        let c: ClientConfig = from_js(config.into(), "config")?;
        let log_level = match c.log_level.as_deref() {
            None => None,
            Some(name) => Some(LogLevel::from_name(name).ok_or_else(|| {
                let names = LogLevel::ALL.map(LogLevel::name);
                invalid(
                    "logLevel",
                    format!("`logLevel` must be one of {}", names.join(", ")),
                )
            })?),
        };
        let settings = settings_of(&c);
        let mut cfg = settings.config("js").map_err(|e| throw(&e))?;
        cfg.default_headers = c.default_headers;
        cfg.default_query = c.default_query;
        Ok(Core {
            cfg,
            settings,
            log_level,
        })
    }

    /// The resolved settings (the admin key left out).
    pub fn settings(&self) -> Result<<SettingsOut as Tsify>::JsType, JsValue> {
        to_js(&SettingsOut::new(&self.settings, self.log_level))
    }

    /// The admin key the client sends (from the options or the environment).
    #[wasm_bindgen(js_name = adminKey)]
    pub fn admin_key(&self) -> Option<String> {
        self.settings
            .api_key
            .as_ref()
            .map(|k| k.expose().to_owned())
    }

    /// Checks `params` and builds the request of `sdk_method`.
    ///
    /// Throws an `InvalidInputError` record (naming the parameter) before any request exists.
    pub fn build(
        &self,
        sdk_method: &str,
        params: <RequestParams as Tsify>::JsType,
        extra_headers: <Pairs as Tsify>::JsType,
        extra_query: <Pairs as Tsify>::JsType,
    ) -> Result<<HttpRequestOut as Tsify>::JsType, JsValue> {
        let opts = RequestOptions {
            extra_headers: pairs(extra_headers, "headers")?,
            extra_query: pairs(extra_query, "query")?,
            extra_body: None,
        };
        let idempotent = host::require_operation(sdk_method)
            .map_err(|e| throw(&e))?
            .idempotent;
        let req = dispatch::build(sdk_method, params_of(params.into())?, &self.cfg, &opts)
            .map_err(|e| throw(&e))?;
        let (parts, body) = req.into_parts();
        let headers = host::header_pairs(&parts.headers);
        let body = if body.is_empty() {
            None
        } else {
            Some(String::from_utf8(body).map_err(|e| invalid("body", e.to_string()))?)
        };
        to_js(&HttpRequestOut {
            method: parts.method.as_str().to_owned(),
            url: parts.uri.to_string(),
            headers,
            body,
            idempotent,
        })
    }
}

/// Checks a whole response of `sdk_method`: throws a status error record for non-2xx, a
/// decode error record when a 2xx body does not fit the operation's type (every item of a
/// list included).
#[wasm_bindgen]
pub fn validate(
    sdk_method: &str,
    status: u16,
    headers: <Pairs as Tsify>::JsType,
    body: &str,
) -> Result<(), JsValue> {
    let headers = host::header_map(pairs(headers, "headers")?);
    let status = status_of(status)?;
    if !status.is_success() {
        let api = ApiError::from_response(status, &headers, body.as_bytes());
        return Err(throw(&Error::Status(Box::new(api))));
    }
    dispatch::validate(sdk_method, status, &headers, body.as_bytes()).map_err(|e| throw(&e))
}

/// The error of an attempt that got no response: a timeout, or a connection that failed as
/// `message` says.
#[wasm_bindgen]
pub fn failure(timed_out: bool, message: &str) -> <ErrorRecord as Tsify>::JsType {
    let e = if timed_out {
        Error::Timeout
    } else {
        Error::Connection {
            message: message.to_owned(),
        }
    };
    throw(&e).unchecked_into()
}

/// The error of a response whose body is larger than `limit` bytes (announced by its
/// `content-length` or found while reading it): final, never retried.
#[wasm_bindgen]
pub fn too_large(
    status: u16,
    headers: <Pairs as Tsify>::JsType,
    limit: f64,
) -> Result<<ErrorRecord as Tsify>::JsType, JsValue> {
    let headers = host::header_map(pairs(headers, "headers")?);
    let e = Error::ResponseTooLarge {
        status,
        limit: limit.max(0.0) as u64,
        request_id: host::request_id(&headers),
    };
    Ok(throw(&e).unchecked_into())
}

/// Whether a header's value is a credential (the core's list): logs show it redacted.
#[wasm_bindgen(js_name = "isSensitiveHeader")]
pub fn is_sensitive_header(name: &str) -> bool {
    HeaderName::from_bytes(name.to_ascii_lowercase().as_bytes())
        .is_ok_and(|n| openai_admin::request::is_sensitive(&n))
}

/// A test hook: panics on purpose, so that the package's tests can check that a trap in
/// the core rejects the call with an SDK error and leaves a fresh, working instance.
#[wasm_bindgen(js_name = "__panicForTests")]
pub fn panic_for_tests() {
    panic!("a deliberate panic (test hook)");
}

/// Whether to send a request again after `outcome`, and after how long.
#[wasm_bindgen]
pub fn decide(
    input: <RetryInput as Tsify>::JsType,
    outcome: <Outcome as Tsify>::JsType,
) -> Result<<RetryDecision as Tsify>::JsType, JsValue> {
    let input: RetryInput = from_js(input.into(), "retry")?;
    let outcome: Outcome = from_js(outcome.into(), "outcome")?;
    let headers;
    let attempt = match outcome {
        Outcome::Response {
            status,
            headers: pairs,
        } => {
            headers = host::header_map(pairs.0);
            Attempt::Response {
                status,
                headers: &headers,
            }
        }
        Outcome::ConnectFailed => Attempt::ConnectFailed,
        Outcome::ConnectionLost => Attempt::ConnectionLost,
        Outcome::Timeout => Attempt::Timeout,
    };
    let policy = RetryPolicy {
        max_retries: input.max_retries,
        retry_non_idempotent: input.retry_non_idempotent,
    };
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs_f64(input.now_ms.max(0.0) / 1000.0);
    let decision = match retry::decide(
        &policy,
        input.idempotent,
        input.retries_done,
        attempt,
        input.jitter,
        now,
    ) {
        Decision::RetryAfter(d) => RetryDecision::Retry {
            after_ms: d.as_secs_f64() * 1000.0,
        },
        _ => RetryDecision::Stop,
    };
    to_js(&decision)
}

/// Every operation, sorted by `sdk_method`.
#[wasm_bindgen]
pub fn operations() -> Result<<Operations as Tsify>::JsType, JsValue> {
    to_js(&Operations(
        OPERATIONS.iter().map(OperationOut::from).collect(),
    ))
}

/// The defaults every client starts from, and the environment variables it reads.
#[wasm_bindgen]
pub fn defaults() -> Result<<DefaultsOut as Tsify>::JsType, JsValue> {
    to_js(&DefaultsOut {
        base_url: Defaults::BASE_URL,
        timeout_ms: Defaults::TIMEOUT.as_millis() as u64,
        max_retries: Defaults::MAX_RETRIES,
        max_pages: Defaults::MAX_PAGES,
        max_response_bytes: Defaults::MAX_RESPONSE_BYTES,
        connect_timeout_ms: Defaults::CONNECT_TIMEOUT.as_millis() as u64,
        env: vec![
            Defaults::ENV_ADMIN_KEY,
            Defaults::ENV_BASE_URL,
            Defaults::ENV_ORG_ID,
            Defaults::ENV_PROJECT_ID,
            Defaults::ENV_LOG,
        ],
        key_env: Defaults::ENV_ADMIN_KEY,
        user_agent: host::user_agent("js"),
    })
}
