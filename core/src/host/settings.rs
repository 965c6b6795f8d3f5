//! The defaults every host starts from, and the one rule for reading the environment.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::LogLevel;
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
    /// The log level of a host whose logger has levels, when neither the caller nor
    /// [`Defaults::ENV_LOG`] names one: warnings and errors only.
    pub const LOG_LEVEL: LogLevel = LogLevel::Warn;
}

/// The `User-Agent` of a host: `openai-admin-<host>/<version>` (host `rust`, `python`,
/// `js`, `kotlin`, `swift`).
pub fn user_agent(host: &str) -> String {
    format!("openai-admin-{host}/{}", env!("CARGO_PKG_VERSION"))
}

/// A client's settings as a host starts from them: defaults, then the environment, then
/// what the caller passed.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// `OPENAI_LOG`'s value, trimmed and in lowercase, when set ([`Settings::log_level`]
    /// reads it as a [`LogLevel`]).
    pub log: Option<String>,
    /// Whether a failed create (an operation that is not idempotent) may be sent again.
    pub retry_non_idempotent: bool,
    /// The largest response body read, in bytes.
    pub max_response_bytes: u64,
    /// Whether every item of a list page is type-checked, not only the page's own fields (a
    /// host sets it from its own option: hosts differ in whether they have one).
    pub strict_response_validation: bool,
}

/// What a caller changes on top of [`Settings`] (a host's constructor arguments, or a copy's
/// `with_options`): `None` keeps the setting. A key, organization or project given empty
/// clears it (the one rule for empty values); a base URL given empty keeps the current one.
///
/// Deserializable from a map of these names (a host's keyword arguments), except `timeout`,
/// whose "none at all" a map cannot carry: a host sets it itself.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Overrides {
    /// The admin key.
    pub api_key: Option<AdminKey>,
    /// The base URL.
    pub base_url: Option<String>,
    /// The organization id.
    pub organization: Option<String>,
    /// The project id.
    pub project: Option<String>,
    /// The per-attempt timeout ([`Duration::MAX`]: none).
    #[serde(skip)]
    pub timeout: Option<Duration>,
    /// Retries after the first attempt.
    pub max_retries: Option<u32>,
    /// The page cap of a walk (0: no cap).
    pub max_pages: Option<u64>,
    /// Whether a failed create may be sent again.
    pub retry_non_idempotent: Option<bool>,
    /// The largest response body read, in bytes.
    pub max_response_bytes: Option<u64>,
    /// Whether every response body is checked against its operation's type.
    pub strict_response_validation: Option<bool>,
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
            retry_non_idempotent: false,
            max_response_bytes: Defaults::MAX_RESPONSE_BYTES,
            strict_response_validation: false,
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

    /// These settings with the caller's changes.
    pub fn apply(&mut self, o: Overrides) {
        let given = |arg: Option<String>, now: &mut Option<String>| {
            if arg.is_some() {
                *now = non_empty(arg);
            }
        };
        if let Some(key) = o.api_key {
            self.api_key = (!key.expose().trim().is_empty()).then_some(key);
        }
        given(o.organization, &mut self.organization);
        given(o.project, &mut self.project);
        if let Some(url) = non_empty(o.base_url) {
            self.base_url = trim_base_url(&url);
        }
        if let Some(t) = o.timeout {
            self.timeout_ms = u64::try_from(t.as_millis()).unwrap_or(u64::MAX);
        }
        self.max_retries = o.max_retries.unwrap_or(self.max_retries);
        self.max_pages = o.max_pages.unwrap_or(self.max_pages);
        self.retry_non_idempotent = o.retry_non_idempotent.unwrap_or(self.retry_non_idempotent);
        self.max_response_bytes = o.max_response_bytes.unwrap_or(self.max_response_bytes);
        self.strict_response_validation = o
            .strict_response_validation
            .unwrap_or(self.strict_response_validation);
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

    /// The level [`Defaults::ENV_LOG`] names, when it names one of [`LogLevel::ALL`]
    /// (`None` when it is unset or names no level).
    pub fn log_level(&self) -> Option<LogLevel> {
        self.log.as_deref().and_then(LogLevel::from_name)
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

    #[test]
    fn overrides_keep_what_is_not_given_and_clear_what_is_given_empty() {
        let mut s = Settings {
            organization: Some("org_1".into()),
            project: Some("proj_1".into()),
            ..Settings::default()
        };
        s.apply(Overrides {
            project: Some(" ".into()),
            base_url: Some(String::new()),
            timeout: Some(Duration::MAX),
            max_retries: Some(5),
            retry_non_idempotent: Some(true),
            ..Overrides::default()
        });
        assert_eq!(
            (s.organization.as_deref(), s.project.as_deref()),
            (Some("org_1"), None)
        );
        assert_eq!(s.base_url, Defaults::BASE_URL);
        assert_eq!((s.timeout_ms, s.max_retries), (u64::MAX, 5));
        assert!(s.retry_non_idempotent && s.api_key.is_none());
        s.apply(Overrides {
            api_key: Some(AdminKey::new("sk-admin-1")),
            base_url: Some("http://h/v1/".into()),
            ..Overrides::default()
        });
        assert_eq!(s.base_url, "http://h/v1");
        assert_eq!(s.api_key.as_ref().map(AdminKey::expose), Some("sk-admin-1"));
        s.apply(Overrides {
            api_key: Some(AdminKey::new("")),
            ..Overrides::default()
        });
        assert!(s.api_key.is_none() && s.max_retries == 5);
    }

    #[test]
    fn the_checks_and_the_body_cap_are_off_and_64_mib_until_a_caller_sets_them() {
        let mut s = Settings::from_lookup(|_| Some("1".to_owned()));
        assert!(!s.strict_response_validation && !s.retry_non_idempotent);
        assert_eq!(s.max_response_bytes, Defaults::MAX_RESPONSE_BYTES);
        s.apply(Overrides {
            retry_non_idempotent: Some(true),
            max_response_bytes: Some(1024),
            ..Overrides::default()
        });
        assert!(s.retry_non_idempotent && !s.strict_response_validation);
        assert_eq!(s.max_response_bytes, 1024);
        s.apply(Overrides::default());
        assert!(s.retry_non_idempotent && s.max_response_bytes == 1024);
        s.apply(Overrides {
            strict_response_validation: Some(true),
            ..Overrides::default()
        });
        s.apply(Overrides::default());
        assert!(s.strict_response_validation);
    }

    #[test]
    fn overrides_read_from_a_map_of_names() {
        let o: Overrides = serde_json::from_value(serde_json::json!({
            "api_key": "sk-admin-1", "max_retries": 3, "organization": null
        }))
        .unwrap();
        assert_eq!(o.api_key.as_ref().map(AdminKey::expose), Some("sk-admin-1"));
        assert!(!format!("{o:?}").contains("sk-admin-1"));
        assert_eq!(
            (o.max_retries, o.organization, o.timeout),
            (Some(3), None, None)
        );
        let unknown = serde_json::from_value::<Overrides>(serde_json::json!({"retries": 3}));
        assert!(unknown.unwrap_err().to_string().contains("retries"));
        let timeout = serde_json::from_value::<Overrides>(serde_json::json!({"timeout": 3}));
        assert!(timeout.is_err(), "a host sets the timeout itself");
    }

    #[test]
    fn the_log_level_is_read_from_the_environment_against_the_table() {
        let with = |v: &str| {
            let v = v.to_owned();
            Settings::from_lookup(move |k| (k == Defaults::ENV_LOG).then(|| v.clone()))
        };
        assert_eq!(with(" Debug ").log_level(), Some(LogLevel::Debug));
        assert_eq!(with("info").log_level(), Some(LogLevel::Info));
        assert_eq!(with("off").log_level(), Some(LogLevel::Off));
        let odd = with("verbose");
        assert_eq!(
            (odd.log.as_deref(), odd.log_level()),
            (Some("verbose"), None)
        );
        assert_eq!(with("").log_level(), None);
        assert_eq!(Settings::default().log_level(), None);
    }
}
