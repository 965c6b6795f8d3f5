//! The values that cross between wasm and the TypeScript driver. Each type's TypeScript
//! declaration is generated from its definition here (tsify), into the wasm module's `.d.ts`,
//! so the driver and the core cannot disagree on a field.
//!
//! Outputs are serialized JSON-compatibly (maps as plain objects, `None` as `null`: hence
//! `missing_as_null` on the types with optional fields).

use std::collections::BTreeMap;
use std::fmt;

use openai_admin::OperationInfo;
use openai_admin::host::{self, ErrorInfo, ErrorKind, LogLevel, Settings};
use openai_admin::params::Params;
use openai_admin::secret::REDACTED;
use serde::{Deserialize, Serialize};
use tsify_next::Tsify;
use wasm_bindgen::JsValue;

/// `[name, value]` pairs (headers, query parameters), in order.
#[derive(Debug, Default, Serialize, Deserialize, Tsify)]
#[serde(transparent)]
pub struct Pairs(pub Vec<(String, String)>);

/// What the driver passes to `new Core(…)`: the caller's options, then the environment.
#[derive(Deserialize, Tsify)]
pub struct ClientConfig {
    /// The admin key, when the caller gave one.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub api_key: Option<String>,
    /// The base URL, when the caller gave one.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub base_url: Option<String>,
    /// Sent as `OpenAI-Organization`, when the caller gave one.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub organization: Option<String>,
    /// Sent as `OpenAI-Project`, when the caller gave one.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub project: Option<String>,
    /// Milliseconds before one attempt is abandoned.
    #[serde(default)]
    #[tsify(optional, type = "number | null")]
    pub timeout_ms: Option<f64>,
    /// Retries after the first attempt.
    #[serde(default)]
    #[tsify(optional, type = "number | null")]
    pub max_retries: Option<u32>,
    /// The most pages one walk follows (0: no cap).
    #[serde(default)]
    #[tsify(optional, type = "number | null")]
    pub max_pages: Option<u64>,
    /// Whether a create may be sent again after it may have reached the server.
    #[serde(default)]
    #[tsify(optional, type = "boolean | null")]
    pub retry_non_idempotent: Option<bool>,
    /// The largest response body read, in bytes.
    #[serde(default)]
    #[tsify(optional, type = "number | null")]
    pub max_response_bytes: Option<u64>,
    /// Whether every item of a list page is type-checked in the core.
    #[serde(default)]
    #[tsify(optional, type = "boolean | null")]
    pub strict_response_validation: Option<bool>,
    /// The log level, when the caller named one (one of [`LogLevel::ALL`]).
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub log_level: Option<String>,
    /// Headers sent with every request.
    #[serde(default)]
    #[tsify(optional, type = "Pairs")]
    pub default_headers: Vec<(String, String)>,
    /// Query parameters sent with every request.
    #[serde(default)]
    #[tsify(optional, type = "Pairs")]
    pub default_query: Vec<(String, String)>,
    /// The values of the environment variables `defaults().env` names (unset ones left out
    /// or `undefined`).
    #[serde(default)]
    #[tsify(optional, type = "Record<string, string | undefined>")]
    pub env: BTreeMap<String, Option<String>>,
}

impl fmt::Debug for ClientConfig {
    // The key is never shown, neither from the options nor from the environment.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("api_key", &self.api_key.as_ref().map(|_| REDACTED))
            .field("base_url", &self.base_url)
            .field("organization", &self.organization)
            .field("project", &self.project)
            .field("timeout_ms", &self.timeout_ms)
            .field("max_retries", &self.max_retries)
            .field("max_pages", &self.max_pages)
            .field("retry_non_idempotent", &self.retry_non_idempotent)
            .field("max_response_bytes", &self.max_response_bytes)
            .field(
                "strict_response_validation",
                &self.strict_response_validation,
            )
            .field("log_level", &self.log_level)
            .field("env", &self.env.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// A client's resolved settings, as its public fields show them (the key left out).
#[derive(Debug, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct SettingsOut {
    /// The base URL, without a trailing `/`.
    pub base_url: String,
    /// Sent as `OpenAI-Organization` when set.
    pub organization: Option<String>,
    /// Sent as `OpenAI-Project` when set.
    pub project: Option<String>,
    /// Milliseconds before one attempt is abandoned.
    pub timeout_ms: u64,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The most pages one walk follows (0: no cap).
    pub max_pages: u64,
    /// Whether a create may be sent again after it may have reached the server.
    pub retry_non_idempotent: bool,
    /// The largest response body read, in bytes (a larger one fails).
    pub max_response_bytes: u64,
    /// Whether every item of a list page is type-checked in the core.
    pub strict_response_validation: bool,
    /// The log level: the caller's, else `OPENAI_LOG`'s when it names one, else the core's
    /// default. Its TypeScript type is the one generated from the core's table.
    #[tsify(type = "import('../generated/host.js').LogLevel")]
    pub log_level: LogLevel,
    /// `OPENAI_LOG`'s value when it names no level (and was ignored), for a warning.
    pub log_env_ignored: Option<String>,
}

impl SettingsOut {
    /// The settings as the client shows them; `log_level_given` is the caller's level, if any.
    pub(crate) fn new(s: &Settings, log_level_given: Option<LogLevel>) -> Self {
        let log_env_ignored = match (log_level_given, s.log_level()) {
            (None, None) => s.log.clone(),
            _ => None,
        };
        let log_level = log_level_given
            .or(s.log_level())
            .unwrap_or(host::Defaults::LOG_LEVEL);
        Self {
            base_url: s.base_url.clone(),
            organization: s.organization.clone(),
            project: s.project.clone(),
            timeout_ms: s.timeout_ms,
            max_retries: s.max_retries,
            max_pages: s.max_pages,
            retry_non_idempotent: s.retry_non_idempotent,
            max_response_bytes: s.max_response_bytes,
            strict_response_validation: s.strict_response_validation,
            log_level,
            log_env_ignored,
        }
    }
}

/// The defaults of `host::Defaults`, and the environment variables a client reads.
#[derive(Debug, Serialize, Tsify)]
pub struct DefaultsOut {
    /// The production base URL.
    pub base_url: &'static str,
    /// Milliseconds before one attempt is abandoned.
    pub timeout_ms: u64,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The most pages one walk follows.
    pub max_pages: u64,
    /// The largest response body read, in bytes (a larger one fails).
    pub max_response_bytes: u64,
    /// Milliseconds a connection may take to open (where the host can bound it).
    pub connect_timeout_ms: u64,
    /// The environment variables whose values `new Core({ env })` reads.
    pub env: Vec<&'static str>,
    /// The one of them that holds the admin key (its value is kept out of every log line).
    pub key_env: &'static str,
    /// The `User-Agent` of this package's requests.
    pub user_agent: String,
}

/// A request ready for `fetch`.
#[derive(Debug, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct HttpRequestOut {
    /// `GET`, `POST`, …
    pub method: String,
    /// The whole URL, query included.
    pub url: String,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The JSON body, if any.
    pub body: Option<String>,
    /// Whether sending it twice is harmless (the operation's `idempotent` fact): decides
    /// which failures are retried.
    pub idempotent: bool,
}

/// Request parameters: one flat object (path, query and body fields together).
#[derive(Debug, Serialize, Tsify)]
#[serde(transparent)]
pub struct RequestParams(#[tsify(type = "Record<string, unknown>")] pub Params);

/// An error as the core describes it ([`openai_admin::host::describe`]); thrown by every
/// export that fails.
#[derive(Debug, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct ErrorRecord {
    /// The kind of failure.
    #[tsify(type = "import('../generated/host.js').ErrorKind")]
    pub kind: ErrorKind,
    /// The official JS SDK's class for it (`NotFoundError`, `APIConnectionTimeoutError`, …).
    pub class_js: &'static str,
    /// The class every error of its kind is an instance of (`ErrorKind::base_class_js`): the
    /// driver's class when it does not know `class_js` (one a later core may name).
    pub base_class_js: &'static str,
    /// The HTTP status, for status errors.
    pub status: Option<u16>,
    /// `error.type` of the API's error body.
    #[serde(rename = "type")]
    pub error_type: Option<String>,
    /// `error.code` of the API's error body, as text.
    pub code: Option<String>,
    /// `error.param` of the API's error body, or the rejected parameter.
    pub param: Option<String>,
    /// A sentence for people.
    pub message: String,
    /// The response's `x-request-id`.
    pub request_id: Option<String>,
    /// The whole error body as JSON text, for status errors. Text rather than a JS value so
    /// that any number survives the crossing (`JSON.parse` rounds one above 2^53 instead of
    /// failing).
    pub body_json: Option<String>,
}

impl From<ErrorInfo> for ErrorRecord {
    fn from(e: ErrorInfo) -> Self {
        // Every field named (no `..`): a field the core adds does not compile until it is
        // carried here or left out on purpose, as the Python class name is.
        let ErrorInfo {
            kind,
            class: _,
            class_js,
            status,
            error_type,
            code,
            param,
            message,
            request_id,
            body,
        } = e;
        Self {
            kind,
            class_js,
            base_class_js: kind.base_class_js(),
            status,
            error_type,
            code,
            param,
            message,
            request_id,
            body_json: body.map(|b| b.to_string()),
        }
    }
}

impl ErrorRecord {
    /// The record as the JS object thrown.
    pub(crate) fn into_js_value(self) -> JsValue {
        let ser = serde_wasm_bindgen::Serializer::json_compatible();
        // Only strings and small numbers: this cannot fail, but if it did the message stays.
        self.serialize(&ser)
            .unwrap_or_else(|_| JsValue::from_str(&self.message))
    }
}

/// What the retry decision needs besides the outcome.
#[derive(Debug, Deserialize, Tsify)]
pub struct RetryInput {
    /// Retries allowed after the first attempt.
    pub max_retries: u32,
    /// Whether a non-idempotent operation may be retried after it may have reached the server.
    pub retry_non_idempotent: bool,
    /// Whether the operation is idempotent (`operations()`).
    pub idempotent: bool,
    /// Retries already made (0 after the first attempt).
    pub retries_done: u32,
    /// A random number in `[0, 1)`.
    pub jitter: f64,
    /// `Date.now()`, to read an HTTP-date `retry-after`.
    pub now_ms: f64,
}

/// How an attempt ended.
#[derive(Debug, Deserialize, Tsify)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// A response arrived.
    Response {
        /// Its status.
        status: u16,
        /// Its headers.
        headers: Pairs,
    },
    /// No connection was made: nothing reached the server.
    ConnectFailed,
    /// The connection broke after the request may have been sent.
    ConnectionLost,
    /// The attempt timed out.
    Timeout,
}

/// Whether to send the request again.
#[derive(Debug, Serialize, Tsify)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum RetryDecision {
    /// Wait `after_ms` milliseconds, then send it again.
    Retry {
        /// Milliseconds to wait.
        after_ms: f64,
    },
    /// Do not retry: use the response (or report the failure) as it is.
    Stop,
}

/// One operation of the core's table.
#[derive(Debug, Serialize, Tsify)]
pub struct OperationOut {
    /// The official Python SDK's name (what the generated resources pass).
    pub sdk_method: &'static str,
    /// The official JS SDK's name.
    pub sdk_method_js: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Path template.
    pub path: &'static str,
    /// Whether repeating it is harmless.
    pub idempotent: bool,
}

impl From<&OperationInfo> for OperationOut {
    fn from(o: &OperationInfo) -> Self {
        Self {
            sdk_method: o.sdk_method,
            sdk_method_js: o.sdk_method_js,
            method: o.method,
            path: o.path,
            idempotent: o.idempotent,
        }
    }
}

/// Every operation, sorted by `sdk_method`.
#[derive(Debug, Serialize, Tsify)]
#[serde(transparent)]
pub struct Operations(pub Vec<OperationOut>);

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use openai_admin::Error;
    use openai_admin::host::describe;
    use serde_json::{Value, json};

    #[test]
    fn the_record_is_the_cores_description_field_for_field() {
        let body = br#"{"error":{"message":"nope","type":"invalid_request_error","param":"user_id","code":"not_found"}}"#;
        let mut headers = http::HeaderMap::new();
        headers.insert(
            openai_admin::host::REQUEST_ID_HEADER,
            "req_1".parse().unwrap(),
        );
        let api =
            openai_admin::ApiError::from_response(http::StatusCode::NOT_FOUND, &headers, body);
        let info = describe(&Error::Status(Box::new(api)));
        let Value::Object(mut core) = serde_json::to_value(&info).unwrap() else {
            panic!("not an object")
        };
        let Value::Object(record) = serde_json::to_value(ErrorRecord::from(info)).unwrap() else {
            panic!("not an object")
        };
        // The record leaves out the Python class name, adds the kind's base class and carries
        // the body as JSON text.
        core.remove("class");
        core.insert("base_class_js".into(), json!("APIError"));
        let body = core.remove("body").unwrap();
        core.insert("body_json".into(), json!(body.to_string()));
        assert_eq!(record, core);
    }
}
