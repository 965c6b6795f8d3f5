//! Secrets kept out of every `Debug` and `Display`: the admin key ([`AdminKey`]) and
//! secrets that responses carry, such as the value of a newly created API key ([`Secret`]).

use std::fmt;

use serde::{Deserialize, Serialize};

/// What every printed form shows in place of a secret: `Debug` and `Display` of the key and
/// of response secrets, credential headers in `Debug` output and in [`crate::host::header_fields`],
/// and the bindings' own wrappers. One marker, so a log can be searched for it.
pub const REDACTED: &str = "<redacted>";

/// An OpenAI admin API key.
///
/// Printing it with `{}` or `{:?}` shows a redaction, never the key; only
/// [`AdminKey::expose`] hands out the characters, for the `Authorization` header.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct AdminKey(String);

impl AdminKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// The key itself. Only for building the `Authorization` header.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the key is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for AdminKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AdminKey({REDACTED})")
    }
}

impl fmt::Display for AdminKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl From<&str> for AdminKey {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

impl From<String> for AdminKey {
    fn from(s: String) -> Self {
        Self(s)
    }
}

/// A secret a response carries, such as the `value` of a key the API just created.
///
/// It reads and writes as a plain JSON string (so a decoded response serializes back with
/// the value, for hosts that need it), but `{:?}` prints `Secret(<redacted>)` and it has
/// no `Display`: only [`Secret::expose`] hands out the characters.
#[derive(Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The secret itself, unwrapped.
    pub fn into_inner(self) -> String {
        self.0
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({REDACTED})")
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

impl PartialEq<str> for Secret {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Secret {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_read_and_write_as_strings_but_never_print() {
        #[derive(Debug, Serialize, Deserialize)]
        struct Created {
            id: String,
            value: Secret,
        }
        let c: Created =
            serde_json::from_str(r#"{"id": "key_1", "value": "sk-proj-NEWSECRET"}"#).unwrap();
        assert_eq!(c.value, "sk-proj-NEWSECRET");
        let shown = format!("{c:?} {c:#?}");
        assert!(!shown.contains("NEWSECRET"), "{shown}");
        assert!(shown.contains("key_1"));
        let back = serde_json::to_value(&c).unwrap();
        assert_eq!(back["value"], "sk-proj-NEWSECRET");
        assert_eq!(Secret::default().expose(), "");
    }

    #[test]
    fn never_printed() {
        let k = AdminKey::new("sk-admin-fake-0123456789");
        assert!(!format!("{k:?}").contains("fake"));
        assert!(!format!("{k}").contains("fake"));
        assert_eq!(k.expose(), "sk-admin-fake-0123456789");
        // The marker itself, pinned here: every printed form uses this constant.
        assert_eq!(REDACTED, "<redacted>");
        assert_eq!(format!("{k} {k:?}"), "<redacted> AdminKey(<redacted>)");
        assert_eq!(format!("{:?}", Secret::new("x")), "Secret(<redacted>)");
    }
}
