//! The defaults every host starts from, and the one rule for reading the environment.

use std::fmt;
use std::time::Duration;

use serde::Serialize;

use crate::error::Error;
use crate::secret::AdminKey;

/// The defaults every host starts from.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Defaults;

impl Defaults {
    /// The production base URL.
    pub const BASE_URL: &'static str = crate::config::DEFAULT_BASE_URL;
    /// How long one attempt may take, from connecting to the last byte.
    pub const TIMEOUT: Duration = Duration::from_secs(600);
    /// How long establishing a connection may take.
    pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
    /// Retries after the first attempt.
    pub const MAX_RETRIES: u32 = 2;
    /// The most pages one walk follows before it stops (a guard against a server that
    /// never says "no more"): a million items at 100 a page.
    pub const MAX_PAGES: u64 = 10_000;
    /// The largest response body a client reads (64 MiB): reading stops at the cap with
    /// [`Error::ResponseTooLarge`], checked as the body streams in (and against a
    /// `content-length` announcing more, before reading any of it).
    pub const MAX_RESPONSE_BYTES: u64 = 64 << 20;
    /// The environment variable holding the admin key.
    pub const ENV_ADMIN_KEY: &'static str = "OPENAI_ADMIN_KEY";
    /// The environment variable holding the base URL.
    pub const ENV_BASE_URL: &'static str = "OPENAI_BASE_URL";
    /// The environment variable holding the organization id.
    pub const ENV_ORG_ID: &'static str = "OPENAI_ORG_ID";
    /// The environment variable holding the project id.
    pub const ENV_PROJECT_ID: &'static str = "OPENAI_PROJECT_ID";
    /// The environment variable that turns on logging (`debug` or `info`).
    pub const ENV_LOG: &'static str = "OPENAI_LOG";
}

/// The `User-Agent` of a host: `openai-admin-<host>/<version>` (host `rust`, `python`,
/// `js`, `kotlin`, `swift`).
pub fn user_agent(host: &str) -> String {
    format!("openai-admin-{host}/{}", env!("CARGO_PKG_VERSION"))
}

/// A client's settings as a host starts from them: defaults, then the environment, then
/// what the caller passed.
#[derive(Clone, PartialEq, Serialize)]
pub struct Settings {
    /// The admin key, when one was found (never printed: see [`AdminKey`]).
    #[serde(skip)]
    pub api_key: Option<AdminKey>,
    /// The base URL, without a trailing `/`.
    pub base_url: String,
    /// Sent as `OpenAI-Organization` when set.
    pub organization: Option<String>,
    /// Sent as `OpenAI-Project` when set.
    pub project: Option<String>,
    /// Per-attempt timeout in milliseconds.
    pub timeout_ms: u64,
    /// Connect timeout in milliseconds.
    pub connect_timeout_ms: u64,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The page cap of a walk.
    pub max_pages: u64,
    /// The log level from `OPENAI_LOG` (`debug`, `info`), when set.
    pub log: Option<String>,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("api_key", &self.api_key)
            .field("base_url", &self.base_url)
            .field("organization", &self.organization)
            .field("project", &self.project)
            .field("timeout_ms", &self.timeout_ms)
            .field("connect_timeout_ms", &self.connect_timeout_ms)
            .field("max_retries", &self.max_retries)
            .field("max_pages", &self.max_pages)
            .field("log", &self.log)
            .finish()
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            api_key: None,
            base_url: Defaults::BASE_URL.to_owned(),
            organization: None,
            project: None,
            timeout_ms: Defaults::TIMEOUT.as_millis() as u64,
            connect_timeout_ms: Defaults::CONNECT_TIMEOUT.as_millis() as u64,
            max_retries: Defaults::MAX_RETRIES,
            max_pages: Defaults::MAX_PAGES,
            log: None,
        }
    }
}

/// The one rule for values from the environment or from a caller: a value that is empty
/// or only whitespace counts as not set.
pub fn non_empty(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}

impl Settings {
    /// The defaults, overridden by the environment as read through `lookup` (the host's
    /// `os.environ`, `process.env`, `std::env::var`, …). Empty values count as unset.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let var = |k: &str| non_empty(lookup(k));
        let mut s = Self {
            api_key: var(Defaults::ENV_ADMIN_KEY).map(AdminKey::new),
            organization: var(Defaults::ENV_ORG_ID),
            project: var(Defaults::ENV_PROJECT_ID),
            log: var(Defaults::ENV_LOG).map(|l| l.trim().to_ascii_lowercase()),
            ..Self::default()
        };
        if let Some(url) = var(Defaults::ENV_BASE_URL) {
            s.base_url = trim_base_url(&url);
        }
        s
    }

    /// The request settings, or [`Error::InvalidInput`] for `api_key` when no key was
    /// found.
    pub fn config(&self, host: &str) -> Result<crate::Config, Error> {
        let key = self.api_key.clone().ok_or_else(|| {
            Error::invalid(
                "api_key",
                format!(
                    "no admin key: pass one, or set the {} environment variable",
                    Defaults::ENV_ADMIN_KEY
                ),
            )
        })?;
        let mut cfg = crate::Config::new(key).with_base_url(self.base_url.clone());
        cfg.organization = self.organization.clone();
        cfg.project = self.project.clone();
        cfg.user_agent = user_agent(host);
        Ok(cfg)
    }
}

/// A base URL without trailing `/`.
pub fn trim_base_url(url: &str) -> String {
    url.trim().trim_end_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_treat_empty_as_unset() {
        let env = |k: &str| match k {
            "OPENAI_ADMIN_KEY" => Some("sk-admin-secret".to_owned()),
            "OPENAI_ORG_ID" => Some(String::new()),
            "OPENAI_PROJECT_ID" => Some("  ".to_owned()),
            "OPENAI_BASE_URL" => Some("http://127.0.0.1:4010/v1//".to_owned()),
            _ => None,
        };
        let s = Settings::from_lookup(env);
        assert_eq!(s.organization, None);
        assert_eq!(s.project, None);
        assert_eq!(s.base_url, "http://127.0.0.1:4010/v1");
        assert_eq!(s.max_retries, 2);
        assert!(!format!("{s:?}").contains("secret"));
        assert!(!serde_json::to_string(&s).unwrap().contains("secret"));
        let cfg = s.config("kotlin").unwrap();
        assert!(cfg.user_agent.starts_with("openai-admin-kotlin/"));
        let none = Settings::from_lookup(|_| Some(String::new()));
        assert_eq!(none.base_url, Defaults::BASE_URL);
        assert!(matches!(
            none.config("rust"),
            Err(Error::InvalidInput { .. })
        ));
    }
}
