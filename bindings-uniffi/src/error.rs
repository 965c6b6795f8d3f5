//! The one error type of the binding: a field copy of the core's [`describe`].
//!
//! Each variant is an official SDK error class (Kotlin: `AdminException.NotFound`, Swift:
//! `AdminError.NotFound`), and every variant carries the same fields. The human sentence is
//! `detail`: a field named `message` would clash with Kotlin's `Throwable.message`.

use std::fmt;

use openai_admin::host::{ErrorInfo, ErrorKind, describe};

macro_rules! admin_error {
    ($($(#[$doc:meta])* $variant:ident => $class:literal,)*) => {
        /// An error from a call, by the official SDKs' error class.
        #[derive(Debug, Clone, PartialEq, uniffi::Error)]
        pub enum AdminError {
            $(
                $(#[$doc])*
                $variant {
                    /// The HTTP status, when there was a response.
                    status: Option<u16>,
                    /// `error.type` of the API's error body.
                    error_type: Option<String>,
                    /// `error.code` of the API's error body.
                    code: Option<String>,
                    /// `error.param` of the API's error body, or the rejected parameter.
                    param: Option<String>,
                    /// What went wrong, for people.
                    detail: String,
                    /// The response's `x-request-id`.
                    request_id: Option<String>,
                    /// The whole error body as JSON text, for status errors.
                    body: Option<String>,
                    /// The official Python SDK's class name (`NotFoundError`, …).
                    class_name: String,
                },
            )*
        }

        /// The official class names that have a variant of their own.
        #[cfg(test)]
        const CLASSES: &[&str] = &[$($class),*];

        impl AdminError {
            /// The variant for an official class name, with the described fields.
            fn from_info(info: ErrorInfo) -> Self {
                let ErrorInfo { kind, class, status, error_type, code, param, message, request_id, body, .. } = info;
                let fields = Fields {
                    status, error_type, code, param, detail: message, request_id,
                    body: body.map(|b| b.to_string()), class_name: class.to_owned(),
                };
                // A class this version does not know yet gets the variant of its kind.
                let variant = if [$($class),*].contains(&class) { class } else { fallback(kind) };
                Self::new(variant, fields)
            }

            /// The variant named by its official class (`ApiStatus` for a name not listed).
            fn new(variant: &str, f: Fields) -> Self {
                let Fields { status, error_type, code, param, detail, request_id, body, class_name } = f;
                match variant {
                    $($class => Self::$variant { status, error_type, code, param, detail, request_id, body, class_name },)*
                    _ => Self::ApiStatus { status, error_type, code, param, detail, request_id, body, class_name },
                }
            }

            /// The fields every variant has.
            fn parts(&self) -> (&str, &str, Option<u16>, Option<&str>) {
                match self {
                    $(Self::$variant { class_name, detail, status, request_id, .. } =>
                        (class_name, detail, *status, request_id.as_deref()),)*
                }
            }
        }
    };
}

admin_error! {
    /// HTTP 400.
    BadRequest => "BadRequestError",
    /// HTTP 401.
    Authentication => "AuthenticationError",
    /// HTTP 403.
    PermissionDenied => "PermissionDeniedError",
    /// HTTP 404.
    NotFound => "NotFoundError",
    /// HTTP 409.
    Conflict => "ConflictError",
    /// HTTP 422.
    UnprocessableEntity => "UnprocessableEntityError",
    /// HTTP 429.
    RateLimit => "RateLimitError",
    /// HTTP 5xx.
    InternalServer => "InternalServerError",
    /// Another non-2xx status.
    ApiStatus => "APIStatusError",
    /// No complete answer: the connection failed or broke.
    ApiConnection => "APIConnectionError",
    /// No complete answer within the timeout.
    ApiTimeout => "APITimeoutError",
    /// A 2xx answer whose body did not fit the operation's type.
    ApiResponseValidation => "APIResponseValidationError",
    /// A parameter was rejected before anything was sent.
    InvalidInput => "InvalidInputError",
    /// The call's `CancellationToken` fired.
    Cancelled => "CancelledError",
    /// The Rust code panicked; the call failed instead of the app.
    Panic => "PanicError",
}

/// The fields every variant carries.
struct Fields {
    status: Option<u16>,
    error_type: Option<String>,
    code: Option<String>,
    param: Option<String>,
    detail: String,
    request_id: Option<String>,
    body: Option<String>,
    class_name: String,
}

impl Fields {
    /// A class name and a sentence, nothing else (errors that are not the API's).
    fn plain(class: &str, detail: String) -> Self {
        Self {
            status: None,
            error_type: None,
            code: None,
            param: None,
            detail,
            request_id: None,
            body: None,
            class_name: class.to_owned(),
        }
    }
}

/// The variant's class for an error of `kind` whose own class has no variant.
fn fallback(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::InvalidInput => "InvalidInputError",
        ErrorKind::Status => "APIStatusError",
        ErrorKind::Decode => "APIResponseValidationError",
        ErrorKind::Connection => "APIConnectionError",
        ErrorKind::Timeout => "APITimeoutError",
    }
}

impl AdminError {
    /// A connection error raised by this crate (the runtime could not start), described by
    /// the core as any other.
    pub(crate) fn connection(detail: String) -> Self {
        openai_admin::Error::Connection { message: detail }.into()
    }

    /// A rejected parameter, found by this crate, described by the core as any other.
    pub(crate) fn invalid(param: &str, detail: String) -> Self {
        openai_admin::Error::invalid(param, detail).into()
    }

    /// The call was cancelled through its token.
    pub(crate) fn cancelled() -> Self {
        let class = "CancelledError";
        Self::new(
            class,
            Fields::plain(class, "the call was cancelled".to_owned()),
        )
    }

    /// A panic caught on the way.
    pub(crate) fn panic(what: String) -> Self {
        let class = "PanicError";
        Self::new(
            class,
            Fields::plain(class, format!("the library panicked: {what}")),
        )
    }

    /// The human sentence.
    pub fn detail(&self) -> &str {
        self.parts().1
    }

    /// The official Python SDK's class name.
    pub fn class_name(&self) -> &str {
        self.parts().0
    }
}

impl From<openai_admin::Error> for AdminError {
    fn from(e: openai_admin::Error) -> Self {
        Self::from_info(describe(&e))
    }
}

impl fmt::Display for AdminError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (class, detail, status, request_id) = self.parts();
        write!(f, "{class}")?;
        if let Some(s) = status {
            write!(f, " ({s})")?;
        }
        write!(f, ": {detail}")?;
        if let Some(r) = request_id {
            write!(f, " [request {r}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for AdminError {}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use openai_admin::{ApiError, Error};

    fn status_error(status: u16) -> AdminError {
        status_error_raw(status).into()
    }

    fn status_error_raw(status: u16) -> Error {
        let body = br#"{"error":{"message":"nope","type":"invalid_request_error","param":"user_id","code":"not_found"}}"#;
        let mut headers = http::HeaderMap::new();
        headers.insert("x-request-id", "req_1".parse().unwrap());
        let api =
            ApiError::from_response(http::StatusCode::from_u16(status).unwrap(), &headers, body);
        Error::Status(Box::new(api))
    }

    #[test]
    fn every_status_class_maps_with_its_fields() {
        for (status, class) in [
            (400, "BadRequestError"),
            (401, "AuthenticationError"),
            (403, "PermissionDeniedError"),
            (404, "NotFoundError"),
            (409, "ConflictError"),
            (422, "UnprocessableEntityError"),
            (429, "RateLimitError"),
            (500, "InternalServerError"),
            (503, "InternalServerError"),
            (418, "APIStatusError"),
        ] {
            let e = status_error(status);
            assert_eq!(e.class_name(), class);
            let AdminError::BadRequest { .. } = e else {
                if let AdminError::NotFound {
                    status: s,
                    error_type,
                    code,
                    param,
                    detail,
                    request_id,
                    body,
                    ..
                } = &e
                {
                    assert_eq!(*s, Some(404));
                    assert_eq!(error_type.as_deref(), Some("invalid_request_error"));
                    assert_eq!(code.as_deref(), Some("not_found"));
                    assert_eq!(param.as_deref(), Some("user_id"));
                    assert_eq!(detail, "nope");
                    assert_eq!(request_id.as_deref(), Some("req_1"));
                    assert!(body.as_deref().unwrap().contains("not_found"));
                }
                continue;
            };
            assert_eq!(status, 400);
        }
        assert!(matches!(
            status_error(401),
            AdminError::Authentication { .. }
        ));
        assert!(matches!(
            status_error(403),
            AdminError::PermissionDenied { .. }
        ));
        assert!(matches!(status_error(409), AdminError::Conflict { .. }));
        assert!(matches!(
            status_error(422),
            AdminError::UnprocessableEntity { .. }
        ));
        assert!(matches!(status_error(429), AdminError::RateLimit { .. }));
        assert!(matches!(
            status_error(500),
            AdminError::InternalServer { .. }
        ));
        assert!(matches!(status_error(418), AdminError::ApiStatus { .. }));
    }

    #[test]
    fn every_class_the_core_names_has_its_own_variant() {
        let mut errors: Vec<Error> = (100..=599).map(status_error_raw).collect();
        errors.extend([
            Error::Timeout,
            Error::Connection {
                message: "refused".into(),
            },
            Error::Decode {
                message: "bad".into(),
                request_id: None,
            },
            Error::invalid("user_id", "must not be empty"),
        ]);
        for e in errors {
            let class = describe(&e).class;
            assert!(CLASSES.contains(&class), "{class} has no variant");
            assert_eq!(AdminError::from(e).class_name(), class);
        }
    }

    #[test]
    fn errors_this_crate_makes_are_described_by_the_core() {
        let e = AdminError::connection("no runtime".into());
        assert!(matches!(e, AdminError::ApiConnection { .. }), "{e:?}");
        assert_eq!(
            e.class_name(),
            describe(&Error::Connection {
                message: String::new()
            })
            .class
        );
        match AdminError::invalid("limit", "too big".into()) {
            AdminError::InvalidInput {
                param, class_name, ..
            } => {
                assert_eq!(param.as_deref(), Some("limit"));
                assert_eq!(class_name, describe(&Error::invalid("x", "")).class);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn other_kinds_map() {
        let e: AdminError = Error::Timeout.into();
        assert!(matches!(e, AdminError::ApiTimeout { .. }));
        let e: AdminError = Error::Connection {
            message: "refused".into(),
        }
        .into();
        assert!(matches!(e, AdminError::ApiConnection { .. }));
        let e: AdminError = Error::Decode {
            message: "bad".into(),
            request_id: Some("r".into()),
        }
        .into();
        assert!(matches!(
            e,
            AdminError::ApiResponseValidation {
                status: Some(200),
                ..
            }
        ));
        let e: AdminError = Error::invalid("user_id", "must not be empty").into();
        match e {
            AdminError::InvalidInput { param, .. } => assert_eq!(param.as_deref(), Some("user_id")),
            other => panic!("{other:?}"),
        }
        assert!(
            AdminError::cancelled()
                .to_string()
                .starts_with("CancelledError")
        );
    }
}
