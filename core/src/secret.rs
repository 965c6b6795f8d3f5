//! The admin key, kept out of every `Debug` and `Display`.

use std::fmt;

/// An OpenAI admin API key.
///
/// Printing it with `{}` or `{:?}` shows a redaction, never the key; only
/// [`AdminKey::expose`] hands out the characters, for the `Authorization` header.
#[derive(Clone, PartialEq, Eq)]
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
        f.write_str("AdminKey(<redacted>)")
    }
}

impl fmt::Display for AdminKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_printed() {
        let k = AdminKey::new("sk-admin-fake-0123456789");
        assert!(!format!("{k:?}").contains("fake"));
        assert!(!format!("{k}").contains("fake"));
        assert_eq!(k.expose(), "sk-admin-fake-0123456789");
    }
}
