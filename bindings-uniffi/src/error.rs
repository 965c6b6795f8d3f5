//! The binding's error mapping: a field copy of the core's [`describe`] into [`AdminError`].
//!
//! The type itself, one variant per official SDK error class (Kotlin: `AdminException.NotFound`,
//! Swift: `AdminError.NotFound`), each with the same fields, is generated
//! (`src/generated/errors.rs`), from the table that also writes the Kotlin and Swift accessors
//! of those fields. The human sentence is `detail`: a field named `message` would clash with
//! Kotlin's `Throwable.message`.

use std::fmt;

use openai_admin::host::{ErrorInfo, describe};

use crate::generated::errors::Fields;
pub use crate::generated::errors::{AdminError, ErrorView};

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

impl AdminError {
    /// The variant for an official class name, with the described fields.
    fn from_info(info: ErrorInfo) -> Self {
        let ErrorInfo {
            kind,
            class,
            status,
            error_type,
            code,
            param,
            message,
            request_id,
            body,
            ..
        } = info;
        let fields = Fields {
            status,
            error_type,
            code,
            param,
            detail: message,
            request_id,
            body: body.map(|b| b.to_string()),
            class_name: class.to_owned(),
        };
        // A class this version does not know yet gets the variant of its kind's base class.
        let variant = if Self::CLASSES.contains(&class) {
            class
        } else {
            kind.base_class()
        };
        Self::new(variant, fields)
    }

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
        self.view().detail
    }

    /// The official Python SDK's class name.
    pub fn class_name(&self) -> &str {
        self.view().class_name
    }
}

impl From<openai_admin::Error> for AdminError {
    fn from(e: openai_admin::Error) -> Self {
        Self::from_info(describe(&e))
    }
}

impl fmt::Display for AdminError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ErrorView {
            class_name,
            detail,
            status,
            request_id,
            ..
        } = self.view();
        write!(f, "{class_name}")?;
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
        headers.insert(
            openai_admin::host::REQUEST_ID_HEADER,
            "req_1".parse().unwrap(),
        );
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
            let body = e.view().body.unwrap();
            assert!(body.contains("not_found"), "{body}");
            assert_eq!(
                ErrorView {
                    body: None,
                    ..e.view()
                },
                ErrorView {
                    status: Some(status),
                    error_type: Some("invalid_request_error"),
                    code: Some("not_found"),
                    param: Some("user_id"),
                    detail: "nope",
                    request_id: Some("req_1"),
                    body: None,
                    class_name: class,
                }
            );
        }
        assert!(matches!(status_error(400), AdminError::BadRequest { .. }));
        assert!(matches!(
            status_error(401),
            AdminError::Authentication { .. }
        ));
        assert!(matches!(
            status_error(403),
            AdminError::PermissionDenied { .. }
        ));
        assert!(matches!(status_error(404), AdminError::NotFound { .. }));
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
            assert!(
                AdminError::CLASSES.contains(&class),
                "{class} has no variant"
            );
            assert_eq!(AdminError::from(e).class_name(), class);
        }
    }

    /// The variant's name, as Kotlin and Swift spell it (`NotFound`).
    fn variant_name(e: &AdminError) -> String {
        let debug = format!("{e:?}");
        debug.split_once(' ').unwrap().0.to_owned()
    }

    /// The generated Kotlin and Swift accessors read the fields of every variant this crate
    /// declares, and of no other: a variant added to the Rust side without regenerating them
    /// fails here (Kotlin's `when` also fails to compile; Swift is not compiled here).
    #[test]
    fn kotlin_and_swift_accessors_know_every_variant() {
        let kotlin = include_str!("../kotlin/src/main/kotlin/io/github/openaiadmin/Errors.kt");
        let swift = include_str!("../swift/Sources/OpenAIAdmin/Errors.swift");
        let mut variants = Vec::new();
        for class in AdminError::CLASSES {
            let e = AdminError::new(class, Fields::plain(class, String::new()));
            assert_eq!(e.class_name(), *class);
            variants.push(variant_name(&e));
        }
        let mut distinct = variants.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(
            distinct.len(),
            variants.len(),
            "two classes share a variant"
        );
        for v in &variants {
            assert!(
                kotlin.contains(&format!("    is AdminException.{v} -> ErrorFields(")),
                "Errors.kt does not read AdminException.{v}"
            );
            assert!(
                swift.contains(&format!(" let .{v}(")),
                "Errors.swift does not read AdminError.{v}"
            );
        }
        assert_eq!(kotlin.matches("is AdminException.").count(), variants.len());
        assert_eq!(swift.matches(" let .").count(), variants.len());
    }

    /// A class the core may name in a later version, unknown to this one, gets the variant of
    /// its kind's base class (the core's `ErrorKind::base_class`), with the class name kept.
    #[test]
    fn an_unknown_class_falls_back_to_its_kinds_base_class() {
        use openai_admin::host::ErrorKind;
        let kinds = [
            ErrorKind::InvalidInput,
            ErrorKind::Status,
            ErrorKind::Decode,
            ErrorKind::Connection,
            ErrorKind::Timeout,
        ];
        for kind in kinds {
            let info = ErrorInfo {
                class: "SomeFutureError",
                ..describe(&Error::Timeout)
            };
            let e = AdminError::from_info(ErrorInfo { kind, ..info });
            let base = AdminError::new(kind.base_class(), Fields::plain("", String::new()));
            assert_eq!(variant_name(&e), variant_name(&base), "{kind:?}");
            assert_eq!(e.class_name(), "SomeFutureError");
        }
    }

    #[test]
    fn errors_this_crate_makes_have_their_own_variants() {
        assert!(matches!(
            AdminError::cancelled(),
            AdminError::Cancelled { .. }
        ));
        assert!(matches!(
            AdminError::panic("boom".into()),
            AdminError::Panic { .. }
        ));
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
