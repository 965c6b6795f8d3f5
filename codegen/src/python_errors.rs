//! The Python package's exception names (`_generated/exceptions.py`): the classes the core's
//! error description names for error statuses (`host::status_class`), each a subclass of
//! `APIStatusError`.

use std::fmt::Write;

/// The official SDK's classes for error statuses, as the core names them, with a sentence each.
const STATUS_CLASSES: &[(&str, &str)] = &[
    (
        "BadRequestError",
        "The request was malformed or had a bad parameter.",
    ),
    (
        "AuthenticationError",
        "The key was missing, wrong or revoked.",
    ),
    ("PermissionDeniedError", "The key may not do this."),
    ("NotFoundError", "The object asked for does not exist."),
    (
        "ConflictError",
        "The request conflicts with the object's current state.",
    ),
    (
        "UnprocessableEntityError",
        "The request was understood but cannot be carried out.",
    ),
    ("RateLimitError", "Too many requests; retry later."),
    ("InternalServerError", "The API failed on its side."),
];

/// `_generated/exceptions.py`.
pub fn emit(header: &str) -> String {
    let mut s = String::from(header);
    s.push_str(
        "\"\"\"The exception classes for error statuses, named as the core names them.\"\"\"\n\n",
    );
    s.push_str("from .._exceptions import APIStatusError\n\n__all__ = [\n");
    for (name, _) in STATUS_CLASSES {
        let _ = writeln!(s, "    {name:?},");
    }
    s.push_str("]\n");
    for (name, doc) in STATUS_CLASSES {
        let _ = write!(
            s,
            "\n\nclass {name}(APIStatusError):\n    \"\"\"{doc}\"\"\"\n"
        );
    }
    s
}
