//! Client-wide settings that every request is built from.

use crate::secret::AdminKey;

/// The production base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";

/// The `User-Agent` every request carries.
pub const USER_AGENT: &str = concat!("openai-admin-rust/", env!("CARGO_PKG_VERSION"));

/// Settings shared by every request: where to send it and who is asking.
///
/// Its `Debug` shows neither the key nor credential headers in `default_headers`.
#[derive(Clone)]
pub struct Config {
    /// Base URL without a trailing slash, e.g. `https://api.openai.com/v1`.
    pub base_url: String,
    /// The admin key sent as `Authorization: Bearer …`.
    pub api_key: AdminKey,
    /// Sent as `OpenAI-Organization` when set.
    pub organization: Option<String>,
    /// Sent as `OpenAI-Project` when set.
    pub project: Option<String>,
    /// Headers added to every request (after the built-in ones, so they win).
    pub default_headers: Vec<(String, String)>,
    /// Query pairs added to every request.
    pub default_query: Vec<(String, String)>,
    /// The `User-Agent` header; defaults to [`USER_AGENT`].
    pub user_agent: String,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key)
            .field("organization", &self.organization)
            .field("project", &self.project)
            .field(
                "default_headers",
                &crate::request::ShownHeaders(&self.default_headers),
            )
            .field("default_query", &self.default_query)
            .field("user_agent", &self.user_agent)
            .finish()
    }
}

impl Config {
    /// Settings for `api_key` against the production base URL.
    pub fn new(api_key: impl Into<AdminKey>) -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_key: api_key.into(),
            organization: None,
            project: None,
            default_headers: Vec::new(),
            default_query: Vec::new(),
            user_agent: USER_AGENT.to_owned(),
        }
    }

    /// Replaces the base URL (a trailing `/` is dropped).
    pub fn with_base_url(mut self, url: impl Into<String>) -> Self {
        let mut url = url.into();
        while url.ends_with('/') {
            url.pop();
        }
        self.base_url = url;
        self
    }
}
