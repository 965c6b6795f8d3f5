//! The secret of a key the API has just made, as an object whose printed forms are a
//! redaction: Kotlin's `toString` and Swift's `description` show the core's marker
//! ([`REDACTED`]), and only
//! [`SecretValue::expose`] hands out the characters.

use std::fmt;
use std::sync::Arc;

use openai_admin::Secret;
use openai_admin::secret::REDACTED;

/// A credential (the `value` of a newly made key).
#[derive(PartialEq, uniffi::Object)]
#[uniffi::export(Debug, Display, Eq)]
pub struct SecretValue(Secret);

impl SecretValue {
    /// Wraps a core secret for the foreign side.
    pub fn new(s: Secret) -> Arc<Self> {
        Arc::new(Self(s))
    }

    /// The core secret inside.
    pub fn secret(&self) -> Secret {
        self.0.clone()
    }
}

#[uniffi::export]
impl SecretValue {
    /// The secret itself: store it somewhere safe, it is shown only once by the API.
    pub fn expose(&self) -> String {
        self.0.expose().to_owned()
    }
}

impl Eq for SecretValue {}

impl fmt::Debug for SecretValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretValue({REDACTED})")
    }
}

impl fmt::Display for SecretValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_printed() {
        let s = SecretValue::new(Secret::new("sk-admin-NEW"));
        assert_eq!(
            format!("{s} {s:?}"),
            format!("{REDACTED} SecretValue({REDACTED})")
        );
        assert_eq!(s.expose(), "sk-admin-NEW");
    }
}
