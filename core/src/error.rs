//! The one error type, with a small set of kinds a caller can match on.

use std::fmt;

use http::{HeaderMap, StatusCode};

/// Everything that can go wrong, from bad input to a bad response.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A parameter was rejected before any request was built.
    #[error("invalid parameter `{param}`: {message}")]
    InvalidInput {
        /// The parameter's name as the spec spells it.
        param: String,
        /// What is wrong with it.
        message: String,
    },
    /// The API answered with a status other than 2xx.
    #[error("{0}")]
    Status(Box<ApiError>),
    /// A 2xx response whose body does not match the expected shape.
    #[error("could not decode the response{}: {message}", request_id_suffix(.request_id))]
    Decode {
        /// What failed to parse, with the JSON path where serde reports one.
        message: String,
        /// The `x-request-id` of the response, when present.
        request_id: Option<String>,
    },
    /// The request could not be sent or its response could not be read.
    #[error("connection error: {message}")]
    Connection {
        /// The transport's description.
        message: String,
    },
    /// The request did not complete within its timeout.
    #[error("request timed out")]
    Timeout,
    /// The response body was larger than the client's cap (see
    /// [`crate::host::Defaults::MAX_RESPONSE_BYTES`]); reading stopped at the cap, so the
    /// body was neither kept nor parsed. Never retried.
    #[error(
        "the response body is larger than the cap of {limit} bytes (status {status}){}",
        request_id_suffix(.request_id)
    )]
    ResponseTooLarge {
        /// The HTTP status of the response.
        status: u16,
        /// The cap, in bytes.
        limit: u64,
        /// The `x-request-id` of the response, when present.
        request_id: Option<String>,
    },
}

fn request_id_suffix(id: &Option<String>) -> String {
    id.as_ref()
        .map(|id| format!(" (request id {id})"))
        .unwrap_or_default()
}

/// Which family an API status belongs to, as the official SDKs name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StatusKind {
    /// 400
    BadRequest,
    /// 401
    Authentication,
    /// 403
    PermissionDenied,
    /// 404
    NotFound,
    /// 409
    Conflict,
    /// 422
    UnprocessableEntity,
    /// 429
    RateLimit,
    /// 500 and above
    InternalServer,
    /// Any other non-2xx status
    Other,
}

impl StatusKind {
    /// The kind for an HTTP status.
    pub fn of(status: u16) -> Self {
        match status {
            400 => Self::BadRequest,
            401 => Self::Authentication,
            403 => Self::PermissionDenied,
            404 => Self::NotFound,
            409 => Self::Conflict,
            422 => Self::UnprocessableEntity,
            429 => Self::RateLimit,
            s if s >= 500 => Self::InternalServer,
            _ => Self::Other,
        }
    }
}

/// A non-2xx answer from the API, with what its error body said.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The HTTP status code.
    pub status: u16,
    /// `error.message`, or a short description when the body had none.
    pub message: String,
    /// `error.type`
    pub error_type: Option<String>,
    /// `error.code` (a string or a number on the wire; kept as text)
    pub code: Option<String>,
    /// `error.param`
    pub param: Option<String>,
    /// The `x-request-id` response header.
    pub request_id: Option<String>,
    /// The whole body: JSON when it parsed, else a string (cut to 4 KiB).
    pub body: serde_json::Value,
}

impl ApiError {
    /// The family of this status.
    pub fn kind(&self) -> StatusKind {
        StatusKind::of(self.status)
    }

    /// Reads a non-2xx response. Never fails: an unreadable body still yields an error.
    pub fn from_response(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Self {
        let request_id = request_id(headers);
        let parsed: Option<serde_json::Value> = serde_json::from_slice(body).ok();
        let err = parsed
            .as_ref()
            .and_then(|v| v.get("error"))
            .filter(|e| e.is_object());
        let text = |k: &str| {
            err.and_then(|e| e.get(k)).and_then(|v| match v {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Null => None,
                other => Some(other.to_string()),
            })
        };
        let plain = parsed
            .as_ref()
            .and_then(|v| v.get("error"))
            .and_then(|e| e.as_str());
        let message = text("message")
            .or_else(|| plain.map(str::to_owned))
            .unwrap_or_else(|| {
                let reason = status.canonical_reason().unwrap_or("unknown status");
                format!("{} {reason}", status.as_u16())
            });
        let (error_type, code, param) = (text("type"), text("code"), text("param"));
        let body = parsed.unwrap_or_else(|| {
            let s = String::from_utf8_lossy(&body[..body.len().min(4096)]).into_owned();
            serde_json::Value::String(s)
        });
        Self {
            status: status.as_u16(),
            error_type,
            code,
            param,
            message,
            request_id,
            body,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "API status {}: {}", self.status, self.message)?;
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl Error {
    /// Builds an [`Error::InvalidInput`].
    pub fn invalid(param: &str, message: impl Into<String>) -> Self {
        Self::InvalidInput {
            param: param.to_owned(),
            message: message.into(),
        }
    }

    /// The API error, when this is a status error.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Self::Status(e) => Some(e),
            _ => None,
        }
    }

    /// The request id of the response this error came from, when there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Status(e) => e.request_id.as_deref(),
            Self::Decode { request_id, .. } | Self::ResponseTooLarge { request_id, .. } => {
                request_id.as_deref()
            }
            _ => None,
        }
    }
}

/// The response header that carries the request id, in lowercase (the form `http` compares
/// header names in). Hosts that read headers themselves take the name from here.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The [`REQUEST_ID_HEADER`] header, when present and readable.
pub fn request_id(headers: &HeaderMap) -> Option<String> {
    request_id_in(headers).map(str::to_owned)
}

/// [`request_id`], borrowed from the headers.
pub(crate) fn request_id_in(headers: &HeaderMap) -> Option<&str> {
    headers.get(REQUEST_ID_HEADER).and_then(|v| v.to_str().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        let k: Vec<_> = [400, 401, 403, 404, 409, 422, 429, 500, 503, 418]
            .into_iter()
            .map(StatusKind::of)
            .collect();
        use StatusKind::*;
        assert_eq!(
            k,
            [
                BadRequest,
                Authentication,
                PermissionDenied,
                NotFound,
                Conflict,
                UnprocessableEntity,
                RateLimit,
                InternalServer,
                InternalServer,
                Other
            ]
        );
    }

    #[test]
    fn reads_error_body() {
        let mut h = HeaderMap::new();
        // The name the API sends (and the official SDKs read), not the constant: a changed
        // constant fails here.
        h.insert("x-request-id", "req_1".parse().unwrap());
        let body = br#"{"error":{"message":"nope","type":"invalid_request_error","param":"limit","code":42}}"#;
        let e = ApiError::from_response(StatusCode::BAD_REQUEST, &h, body);
        assert_eq!(e.message, "nope");
        assert_eq!(e.error_type.as_deref(), Some("invalid_request_error"));
        assert_eq!(e.param.as_deref(), Some("limit"));
        assert_eq!(e.code.as_deref(), Some("42"));
        assert_eq!(e.request_id.as_deref(), Some("req_1"));
        assert_eq!(e.kind(), StatusKind::BadRequest);
    }

    #[test]
    fn html_error_page() {
        let e = ApiError::from_response(
            StatusCode::BAD_GATEWAY,
            &HeaderMap::new(),
            b"<html>bad gateway</html>",
        );
        assert_eq!(e.message, "502 Bad Gateway");
        assert_eq!(e.body, serde_json::json!("<html>bad gateway</html>"));
        assert_eq!(e.kind(), StatusKind::InternalServer);
    }
}
