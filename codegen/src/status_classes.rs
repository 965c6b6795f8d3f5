//! The official SDKs' error classes for HTTP statuses, as the core's `host::status_class`
//! names them: one table that the Python exceptions, the JavaScript error classes and the
//! uniffi binding's error cases are all written from. A test compares it with the core.

/// One class for error statuses.
#[derive(Debug, Clone, Copy)]
pub struct StatusClass {
    /// The class name (`NotFoundError`).
    pub name: &'static str,
    /// The status it stands for; `None` for the whole 5xx range.
    pub status: Option<u16>,
    /// A sentence for its doc comment.
    pub doc: &'static str,
}

const fn class(name: &'static str, status: Option<u16>, doc: &'static str) -> StatusClass {
    StatusClass { name, status, doc }
}

/// Every class the core names for an error status, besides the catch-all `APIStatusError`.
pub const STATUS_CLASSES: &[StatusClass] = &[
    class(
        "BadRequestError",
        Some(400),
        "The request was malformed or had a bad parameter.",
    ),
    class(
        "AuthenticationError",
        Some(401),
        "The key was missing, wrong or revoked.",
    ),
    class(
        "PermissionDeniedError",
        Some(403),
        "The key may not do this.",
    ),
    class(
        "NotFoundError",
        Some(404),
        "The object asked for does not exist.",
    ),
    class(
        "ConflictError",
        Some(409),
        "The request conflicts with the object's current state.",
    ),
    class(
        "UnprocessableEntityError",
        Some(422),
        "The request was understood but cannot be carried out.",
    ),
    class(
        "RateLimitError",
        Some(429),
        "Too many requests; retry later.",
    ),
    class("InternalServerError", None, "The API failed on its side."),
];
