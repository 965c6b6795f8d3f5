//! The JavaScript package's error classes for HTTP statuses (`src/generated/errors.ts`): one
//! class per name the core gives a status (`host::status_class`), typed with its status, and
//! the table the driver picks a class from by the core's `class_js`. The classes come from
//! [`crate::status_classes`].

use std::fmt::Write;

use crate::status_classes::STATUS_CLASSES;

/// `bindings-wasm/src/generated/errors.ts`.
pub(crate) fn emit(header: &str) -> String {
    let mut s = String::from(header);
    s.push_str(
        "// The error classes for HTTP statuses, named as the core names them (`class_js`).\n\n",
    );
    s.push_str("import { APIError } from '../errors.js';\nimport type { ErrorRecord } from '../wasm.js';\n\n");
    s.push_str("/** A class for a status: made from the status, the body's `error`, a message, the headers and the core's record. */\n");
    s.push_str("export type StatusClass = new (status: number, error: unknown, message: string | undefined, headers: Headers, record: ErrorRecord) => APIError;\n");
    for c in STATUS_CLASSES {
        let name = c.name;
        // A class for a range is typed with any number, and its doc says which.
        let (ty, doc) = match c.status {
            Some(s) => (s.to_string(), c.doc.to_owned()),
            None => (
                "number".to_owned(),
                format!("{} (any 5xx status).", c.doc.trim_end_matches('.')),
            ),
        };
        let _ = write!(
            s,
            "\n/** {doc} */\nexport class {name} extends APIError<{ty}, Headers> {{}}\n"
        );
    }
    s.push_str(
        "\n/** The classes above by the name the core's error record gives them (`class_js`). */\n",
    );
    s.push_str("export const STATUS_CLASSES: ReadonlyMap<string, StatusClass> = new Map<string, StatusClass>([\n");
    for c in STATUS_CLASSES {
        let _ = writeln!(s, "  ['{0}', {0}],", c.name);
    }
    s.push_str("]);\n");
    s
}
