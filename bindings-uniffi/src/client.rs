//! The client object and the one path every typed call takes.

use std::sync::Arc;
use std::time::Duration;

use openai_admin::client::{CallOptions as CoreCallOptions, Client};
use openai_admin::host::{Settings, non_empty, trim_base_url};
use openai_admin::retry::RetryPolicy;
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

/// Settings from the environment (through `lookup`), then the options on top.
pub(crate) fn settings(
    api_key: Option<String>,
    options: &ClientOptions,
    lookup: impl Fn(&str) -> Option<String>,
) -> Settings {
    let mut s = Settings::from_lookup(lookup);
    if let Some(k) = non_empty(api_key) {
        s.api_key = Some(AdminKey::new(k));
    }
    if let Some(u) = non_empty(options.base_url.clone()) {
        s.base_url = trim_base_url(&u);
    }
    if let Some(o) = non_empty(options.organization.clone()) {
        s.organization = Some(o);
    }
    if let Some(p) = non_empty(options.project.clone()) {
        s.project = Some(p);
    }
    if let Some(t) = options.timeout {
        s.timeout_ms = u64::try_from(t.as_millis()).unwrap_or(u64::MAX);
    }
    if let Some(r) = options.max_retries {
        s.max_retries = r;
    }
    if let Some(m) = options.max_pages {
        s.max_pages = m;
    }
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
        let mut client = Client::new(cfg)?
            .with_timeout(Duration::from_millis(s.timeout_ms))
            .with_max_retries(s.max_retries)
            .with_max_pages(s.max_pages);
        if let Some(opt_in) = options.retry_non_idempotent {
            let policy = RetryPolicy {
                retry_non_idempotent: opt_in,
                ..client.retry_policy()
            };
            client = client.with_retry_policy(policy);
        }
        if let Some(max) = options.max_response_bytes {
            client = client.with_max_response_bytes(max);
        }
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
    fn options_override_the_environment_and_empty_values_do_not() {
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
        assert_eq!(s.organization.as_deref(), Some("org_env"));
        assert_eq!(s.max_retries, 0);
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
