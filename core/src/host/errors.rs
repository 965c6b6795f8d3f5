//! Errors described as plain data: kind, the official class names and the fields.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{ApiError, Error};

/// What kind of failure an error is, independent of the host language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A parameter was rejected before anything was sent.
    InvalidInput,
    /// The API answered with a non-2xx status.
    Status,
    /// A 2xx answer whose body did not fit the operation's type.
    Decode,
    /// No complete answer: the connection failed or broke.
    Connection,
    /// No complete answer within the timeout.
    Timeout,
}

impl ErrorKind {
    /// The official Python SDK's class that every error of this kind is an instance of
    /// (`APIStatusError` for [`ErrorKind::Status`]); the class [`describe`] names is this one
    /// or, for a status, one of its subclasses ([`status_class`]). A host that meets a class
    /// name it does not know falls back to this one.
    pub const fn base_class(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "InvalidInputError",
            ErrorKind::Status => "APIStatusError",
            ErrorKind::Decode => "APIResponseValidationError",
            ErrorKind::Connection => "APIConnectionError",
            ErrorKind::Timeout => "APITimeoutError",
        }
    }

    /// [`ErrorKind::base_class`] as the official JS SDK names it (`APIError` for a status,
    /// `APIConnectionTimeoutError` for a timeout).
    pub const fn base_class_js(self) -> &'static str {
        match self {
            ErrorKind::Status => "APIError",
            ErrorKind::Timeout => "APIConnectionTimeoutError",
            other => other.base_class(),
        }
    }
}

/// An error, described as plain data for a host to turn into its own exception.
///
/// `class` is the official Python SDK's class name, `class_js` the official JS SDK's;
/// a binding picks its class by name and copies the fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorInfo {
    /// The kind of failure.
    pub kind: ErrorKind,
    /// The official Python SDK's exception class (`NotFoundError`, `APITimeoutError`, …).
    pub class: &'static str,
    /// The official JS SDK's error class (`NotFoundError`, `APIConnectionTimeoutError`, …).
    pub class_js: &'static str,
    /// The HTTP status, for [`ErrorKind::Status`] (and 2xx for [`ErrorKind::Decode`]).
    pub status: Option<u16>,
    /// `error.type` of the API's error body.
    #[serde(rename = "type")]
    pub error_type: Option<String>,
    /// `error.code` of the API's error body, as text.
    pub code: Option<String>,
    /// `error.param` of the API's error body, or the rejected parameter for invalid input.
    pub param: Option<String>,
    /// A sentence for people: the API's `error.message`, or what went wrong.
    pub message: String,
    /// The response's `x-request-id`, when there was a response.
    pub request_id: Option<String>,
    /// The whole error body as JSON (a string when it was not JSON), for status errors.
    pub body: Option<Value>,
}

/// The official SDKs' class name for an HTTP status (the same in Python and JS, except that
/// JS calls `APIStatusError` plain `APIError`: see [`describe`]).
pub fn status_class(status: u16) -> &'static str {
    match status {
        400 => "BadRequestError",
        401 => "AuthenticationError",
        403 => "PermissionDeniedError",
        404 => "NotFoundError",
        409 => "ConflictError",
        422 => "UnprocessableEntityError",
        429 => "RateLimitError",
        s if s >= 500 => "InternalServerError",
        _ => "APIStatusError",
    }
}

/// Describes an error. One exhaustive match: a new [`Error`] variant does not compile until
/// it is described here, so no host can send it to a wrong class.
pub fn describe(e: &Error) -> ErrorInfo {
    let plain = |kind: ErrorKind| ErrorInfo {
        kind,
        class: kind.base_class(),
        class_js: kind.base_class_js(),
        status: None,
        error_type: None,
        code: None,
        param: None,
        message: e.to_string(),
        request_id: None,
        body: None,
    };
    match e {
        Error::InvalidInput { param, .. } => ErrorInfo {
            param: Some(param.clone()),
            ..plain(ErrorKind::InvalidInput)
        },
        Error::Status(api) => describe_status(api),
        Error::Decode { request_id, .. } => ErrorInfo {
            request_id: request_id.clone(),
            status: Some(200),
            ..plain(ErrorKind::Decode)
        },
        Error::Connection { .. } => plain(ErrorKind::Connection),
        Error::Timeout => plain(ErrorKind::Timeout),
        // An answer came but could not be used: like a body that does not fit its type.
        Error::ResponseTooLarge {
            status, request_id, ..
        } => ErrorInfo {
            request_id: request_id.clone(),
            status: Some(*status),
            ..plain(ErrorKind::Decode)
        },
    }
}

fn describe_status(api: &ApiError) -> ErrorInfo {
    let class = status_class(api.status);
    // The official JS SDK has no `APIStatusError`: a status without a class of its own is
    // its base class there, a plain `APIError`.
    let class_js = match class == ErrorKind::Status.base_class() {
        true => ErrorKind::Status.base_class_js(),
        false => class,
    };
    ErrorInfo {
        kind: ErrorKind::Status,
        class,
        class_js,
        status: Some(api.status),
        error_type: api.error_type.clone(),
        code: api.code.clone(),
        param: api.param.clone(),
        message: api.message.clone(),
        request_id: api.request_id.clone(),
        body: Some(api.body.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_is_described() {
        let api = |status| {
            Error::Status(Box::new(ApiError::from_response(
                http::StatusCode::from_u16(status).unwrap(),
                &http::HeaderMap::new(),
                br#"{"error":{"message":"m","type":"t","code":7,"param":"p"}}"#,
            )))
        };
        let cases = [
            (
                Error::invalid("user_id", "must not be empty"),
                ErrorKind::InvalidInput,
                "InvalidInputError",
                "InvalidInputError",
            ),
            (
                api(400),
                ErrorKind::Status,
                "BadRequestError",
                "BadRequestError",
            ),
            (
                api(401),
                ErrorKind::Status,
                "AuthenticationError",
                "AuthenticationError",
            ),
            (
                api(403),
                ErrorKind::Status,
                "PermissionDeniedError",
                "PermissionDeniedError",
            ),
            (
                api(404),
                ErrorKind::Status,
                "NotFoundError",
                "NotFoundError",
            ),
            (
                api(409),
                ErrorKind::Status,
                "ConflictError",
                "ConflictError",
            ),
            (
                api(422),
                ErrorKind::Status,
                "UnprocessableEntityError",
                "UnprocessableEntityError",
            ),
            (
                api(429),
                ErrorKind::Status,
                "RateLimitError",
                "RateLimitError",
            ),
            (
                api(503),
                ErrorKind::Status,
                "InternalServerError",
                "InternalServerError",
            ),
            (api(418), ErrorKind::Status, "APIStatusError", "APIError"),
            (
                Error::Decode {
                    message: "x".into(),
                    request_id: Some("r".into()),
                },
                ErrorKind::Decode,
                "APIResponseValidationError",
                "APIResponseValidationError",
            ),
            (
                Error::Connection {
                    message: "reset".into(),
                },
                ErrorKind::Connection,
                "APIConnectionError",
                "APIConnectionError",
            ),
            (
                Error::Timeout,
                ErrorKind::Timeout,
                "APITimeoutError",
                "APIConnectionTimeoutError",
            ),
            (
                Error::ResponseTooLarge {
                    status: 200,
                    limit: 10,
                    request_id: None,
                },
                ErrorKind::Decode,
                "APIResponseValidationError",
                "APIResponseValidationError",
            ),
        ];
        for (e, kind, class, class_js) in cases {
            let d = describe(&e);
            assert_eq!(
                (d.kind, d.class, d.class_js),
                (kind, class, class_js),
                "{e}"
            );
        }
        let d = describe(&api(404));
        assert_eq!(
            (
                d.status,
                d.error_type.as_deref(),
                d.code.as_deref(),
                d.param.as_deref()
            ),
            (Some(404), Some("t"), Some("7"), Some("p"))
        );
        assert_eq!(d.message, "m");
        let j = serde_json::to_value(&d).unwrap();
        assert_eq!(j["type"], "t");
        assert_eq!(j["kind"], "status");
        let d = describe(&Error::ResponseTooLarge {
            status: 502,
            limit: 1 << 20,
            request_id: Some("req_big".into()),
        });
        assert_eq!(d.status, Some(502));
        assert_eq!(d.request_id.as_deref(), Some("req_big"));
        assert!(d.message.contains("1048576"), "{}", d.message);
    }

    /// Each kind's base class is the class [`describe`] gives an error of that kind that has
    /// no class of its own, and every class it gives is its kind's base or a status class.
    #[test]
    fn base_classes_are_what_describe_falls_back_to() {
        let status = |s| {
            Error::Status(Box::new(ApiError::from_response(
                http::StatusCode::from_u16(s).unwrap(),
                &http::HeaderMap::new(),
                b"",
            )))
        };
        let plainest = [
            Error::invalid("p", "m"),
            status(418),
            Error::Decode {
                message: "m".into(),
                request_id: None,
            },
            Error::Connection {
                message: "m".into(),
            },
            Error::Timeout,
        ];
        let mut kinds = Vec::new();
        for e in &plainest {
            let d = describe(e);
            assert_eq!(
                (d.class, d.class_js),
                (d.kind.base_class(), d.kind.base_class_js())
            );
            kinds.push(d.kind);
        }
        kinds.dedup();
        assert_eq!(kinds.len(), 5, "every kind is covered: {kinds:?}");
        for s in 100..=599 {
            let d = describe(&status(s));
            assert_eq!(d.kind, ErrorKind::Status);
            let named = d.class != ErrorKind::Status.base_class();
            assert_eq!(
                named,
                d.class == status_class(s) && d.class_js == d.class,
                "{s}"
            );
            assert_eq!(
                named,
                d.class_js != ErrorKind::Status.base_class_js(),
                "{s}"
            );
        }
    }
}
