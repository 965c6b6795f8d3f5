//! The Python package's exception names (`_generated/exceptions.py`): the classes the core's
//! error description names for error statuses (`host::status_class`), each a subclass of
//! `APIStatusError`, from the table in [`crate::status_classes`].

use std::fmt::Write;

use crate::status_classes::STATUS_CLASSES;

/// `_generated/exceptions.py`.
pub fn emit(header: &str) -> String {
    let mut s = String::from(header);
    s.push_str(
        "\"\"\"The exception classes for error statuses, named as the core names them.\"\"\"\n\n",
    );
    s.push_str("from .._exceptions import APIStatusError\n\n__all__ = [\n");
    for c in STATUS_CLASSES {
        let _ = writeln!(s, "    {:?},", c.name);
    }
    s.push_str("]\n");
    for c in STATUS_CLASSES {
        let (name, doc) = (c.name, c.doc);
        let _ = write!(
            s,
            "\n\nclass {name}(APIStatusError):\n    \"\"\"{doc}\"\"\"\n"
        );
    }
    s
}
