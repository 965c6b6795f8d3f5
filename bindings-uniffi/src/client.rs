//! The client object and the one path every typed call takes.

use std::sync::Arc;
use std::time::Duration;

use openai_admin::client::{CallOptions as CoreCallOptions, Client};
use openai_admin::host::{Overrides, Settings};
use openai_admin::{AdminKey, Operation};

use crate::error::AdminError;
use crate::options::{CallOptions, ClientOptions};
use crate::runtime;

/// What the resource objects share: the core client and the page cap.
#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) client: Client,
    pub(crate) max_pages: u64,
}

/// A client for the Admin API. `admin()` opens the resource tree.
///
/// The key lives only inside this object (and is never printed).
#[derive(Debug, uniffi::Object)]
pub struct AdminClient {
    pub(crate) inner: Arc<Inner>,
}

/// A client's effective settings, without the key.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ClientSettings {
    /// The base URL requests go to.
    pub base_url: String,
    /// Sent as `OpenAI-Organization`.
    pub organization: Option<String>,
    /// Sent as `OpenAI-Project`.
    pub project: Option<String>,
    /// The per-attempt timeout.
    pub timeout: Duration,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The page cap of a pager (0: none).
    pub max_pages: u64,
    /// Whether a key was found (it always is for a built client).
    pub has_api_key: bool,
}

/// Settings from the environment (through `lookup`), then the options on top, by the core's
/// rule for a caller's changes (`Settings::apply`).
pub(crate) fn settings(
    api_key: Option<String>,
    options: &ClientOptions,
    lookup: impl Fn(&str) -> Option<String>,
) -> Settings {
    let mut s = Settings::from_lookup(lookup);
    s.apply(Overrides {
        api_key: api_key.map(AdminKey::new),
        base_url: options.base_url.clone(),
        organization: options.organization.clone(),
        project: options.project.clone(),
        timeout: options.timeout,
        max_retries: options.max_retries,
        max_pages: options.max_pages,
        retry_non_idempotent: options.retry_non_idempotent,
        max_response_bytes: options.max_response_bytes,
        // Not an option here: results are always typed records, checked as they are built.
        strict_response_validation: None,
    });
    s
}

#[uniffi::export]
impl AdminClient {
    /// A client. `api_key` defaults to `OPENAI_ADMIN_KEY`; unset options come from the
    /// environment, then from the defaults. Fails with `InvalidInput` when no key is found.
    #[uniffi::constructor(default(api_key = None, options))]
    pub fn new(api_key: Option<String>, options: ClientOptions) -> Result<Self, AdminError> {
        let s = settings(api_key, &options, |k| std::env::var(k).ok());
        Self::from_settings(&s, options)
    }

    /// The effective settings (the key is never shown).
    pub fn settings(&self) -> ClientSettings {
        let c = &self.inner.client;
        let cfg = c.config();
        ClientSettings {
            base_url: cfg.base_url.clone(),
            organization: cfg.organization.clone(),
            project: cfg.project.clone(),
            timeout: c.timeout(),
            max_retries: c.retry_policy().max_retries,
            max_pages: self.inner.max_pages,
            has_api_key: !cfg.api_key.is_empty(),
        }
    }
}

impl AdminClient {
    pub(crate) fn from_settings(s: &Settings, options: ClientOptions) -> Result<Self, AdminError> {
        let mut cfg = s.config("kotlin-swift")?;
        let mut headers: Vec<(String, String)> = options.default_headers.into_iter().collect();
        headers.sort();
        cfg.default_headers = headers;
        let client = Client::new(cfg)?.with_settings(s);
        Ok(Self {
            inner: Arc::new(Inner {
                client,
                max_pages: s.max_pages,
            }),
        })
    }
}

/// Sends `op` on the library's runtime and converts its output with `out`.
pub(crate) async fn send<O, T>(
    inner: Arc<Inner>,
    op: O,
    options: CallOptions,
    out: fn(O::Output) -> T,
) -> Result<T, AdminError>
where
    O: Operation + Send + Sync + 'static,
    O::Output: Send,
    T: Send + 'static,
{
    let (opts, cancel): (CoreCallOptions, _) = options.split();
    runtime::run(cancel, async move {
        let resp = inner.client.send_with(&op, &opts).await?;
        Ok(out(resp.data))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_override_the_environment_and_blank_ones_clear_it() {
        let env = |k: &str| match k {
            "OPENAI_ADMIN_KEY" => Some("sk-admin-env".to_owned()),
            "OPENAI_BASE_URL" => Some("http://env.example/v1/".to_owned()),
            "OPENAI_ORG_ID" => Some("org_env".to_owned()),
            _ => None,
        };
        let s = settings(None, &ClientOptions::default(), env);
        assert_eq!(
            s.api_key.as_ref().map(AdminKey::expose),
            Some("sk-admin-env")
        );
        assert_eq!(s.base_url, "http://env.example/v1");
        assert_eq!(s.organization.as_deref(), Some("org_env"));
        let opts = ClientOptions {
            base_url: Some("http://mine/".into()),
            organization: Some("  ".into()),
            max_retries: Some(0),
            ..ClientOptions::default()
        };
        let s = settings(Some("sk-admin-arg".into()), &opts, env);
        assert_eq!(
            s.api_key.as_ref().map(AdminKey::expose),
            Some("sk-admin-arg")
        );
        assert_eq!(s.base_url, "http://mine");
        assert_eq!(
            s.organization, None,
            "a blank organization clears the environment's"
        );
        assert_eq!(s.max_retries, 0);
        let blank_url = ClientOptions {
            base_url: Some(" ".into()),
            ..ClientOptions::default()
        };
        let s = settings(None, &blank_url, env);
        assert_eq!(
            s.base_url, "http://env.example/v1",
            "a blank base URL keeps the current one"
        );
    }

    #[test]
    fn no_key_is_invalid_input_and_the_key_is_never_printed() {
        let s = settings(None, &ClientOptions::default(), |_| None);
        let e = AdminClient::from_settings(&s, ClientOptions::default())
            .err()
            .map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.starts_with("InvalidInputError")));
        let s = settings(
            Some("sk-admin-SECRET".into()),
            &ClientOptions::default(),
            |_| None,
        );
        let c = AdminClient::from_settings(&s, ClientOptions::default()).ok();
        let shown = format!("{c:?} {:?}", c.as_ref().map(AdminClient::settings));
        assert!(!shown.contains("SECRET"), "{shown}");
    }
}
