//! The JavaScript package's error classes for HTTP statuses (`src/generated/errors.ts`): one
//! class per name the core gives a status (`host::status_class`), typed with its status, and
//! the table the driver picks a class from by the core's `class_js`.

use std::fmt::Write;

/// The classes the core names for error statuses: the status each stands for (`None`: a
/// range, typed as any number), and a sentence for its doc comment. A test compares this
/// with the core's `host::status_class`.
pub(crate) const STATUS_CLASSES: &[(&str, Option<u16>, &str)] = &[
    (
        "BadRequestError",
        Some(400),
        "The request was malformed or had a bad parameter.",
    ),
    (
        "AuthenticationError",
        Some(401),
        "The key was missing, wrong or revoked.",
    ),
    (
        "PermissionDeniedError",
        Some(403),
        "The key may not do this.",
    ),
    (
        "NotFoundError",
        Some(404),
        "The object asked for does not exist.",
    ),
    (
        "ConflictError",
        Some(409),
        "The request conflicts with the object's current state.",
    ),
    (
        "UnprocessableEntityError",
        Some(422),
        "The request was understood but cannot be carried out.",
    ),
    (
        "RateLimitError",
        Some(429),
        "Too many requests; retry later.",
    ),
    (
        "InternalServerError",
        None,
        "The API failed on its side (any 5xx status).",
    ),
];

/// `bindings-wasm/src/generated/errors.ts`.
pub(crate) fn emit(header: &str) -> String {
    let mut s = String::from(header);
    s.push_str(
        "// The error classes for HTTP statuses, named as the core names them (`class_js`).\n\n",
    );
    s.push_str("import { APIError } from '../errors.js';\nimport type { ErrorRecord } from '../wasm.js';\n\n");
    s.push_str("/** A class for a status: made from the status, the body's `error`, a message, the headers and the core's record. */\n");
    s.push_str("export type StatusClass = new (status: number, error: unknown, message: string | undefined, headers: Headers, record: ErrorRecord) => APIError;\n");
    for (name, status, doc) in STATUS_CLASSES {
        let ty = status.map_or_else(|| "number".to_owned(), |s| s.to_string());
        let _ = write!(
            s,
            "\n/** {doc} */\nexport class {name} extends APIError<{ty}, Headers> {{}}\n"
        );
    }
    s.push_str(
        "\n/** The classes above by the name the core's error record gives them (`class_js`). */\n",
    );
    s.push_str("export const STATUS_CLASSES: ReadonlyMap<string, StatusClass> = new Map<string, StatusClass>([\n");
    for (name, _, _) in STATUS_CLASSES {
        let _ = writeln!(s, "  ['{name}', {name}],");
    }
    s.push_str("]);\n");
    s
}

#[cfg(test)]
mod tests {
    use super::STATUS_CLASSES;

    #[test]
    fn the_table_is_the_cores_status_classes() {
        for status in 100..=599u16 {
            let core = openai_admin::host::status_class(status);
            let ours = STATUS_CLASSES
                .iter()
                .find(|(_, s, _)| match s {
                    Some(s) => *s == status,
                    None => status >= 500,
                })
                .map_or("APIStatusError", |(name, _, _)| *name);
            assert_eq!(ours, core, "status {status}");
        }
    }
}
