//! Client and per-call options, and the cancel handle.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use openai_admin::RequestOptions;
use openai_admin::client::CallOptions as CoreCallOptions;
use tokio::sync::Notify;

use crate::json::{JsonValue, object_in};

/// How a client is set up. Every field may be left out: unset values come from the
/// environment (`OPENAI_BASE_URL`, `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID`), then from the
/// library's defaults. The admin key is not here: it is the client constructor's own
/// argument, so that no record ever holds (or prints) it.
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct ClientOptions {
    /// The API's base URL.
    #[uniffi(default)]
    pub base_url: Option<String>,
    /// Sent as `OpenAI-Organization`.
    #[uniffi(default)]
    pub organization: Option<String>,
    /// Sent as `OpenAI-Project`.
    #[uniffi(default)]
    pub project: Option<String>,
    /// How long one attempt may take (default 600 s).
    #[uniffi(default)]
    pub timeout: Option<Duration>,
    /// Retries after the first attempt (default 2).
    #[uniffi(default)]
    pub max_retries: Option<u32>,
    /// The most pages a pager follows (default 10 000; 0 means no cap).
    #[uniffi(default)]
    pub max_pages: Option<u64>,
    /// Headers sent with every request.
    #[uniffi(default)]
    pub default_headers: HashMap<String, String>,
}

/// Changes for one call on top of the client's settings.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct CallOptions {
    /// Replaces the client's per-attempt timeout.
    #[uniffi(default)]
    pub timeout: Option<Duration>,
    /// Replaces the client's retry count.
    #[uniffi(default)]
    pub max_retries: Option<u32>,
    /// Extra headers; they replace headers of the same name.
    #[uniffi(default)]
    pub extra_headers: HashMap<String, String>,
    /// Extra query pairs.
    #[uniffi(default)]
    pub extra_query: HashMap<String, String>,
    /// Extra top-level fields of the JSON body.
    #[uniffi(default)]
    pub extra_body: HashMap<String, JsonValue>,
    /// Fire it to stop the call (it then fails with `Cancelled`).
    #[uniffi(default)]
    pub cancel: Option<Arc<CancellationToken>>,
}

impl CallOptions {
    /// The core's options, and the cancel handle.
    pub(crate) fn split(self) -> (CoreCallOptions, Option<Arc<CancellationToken>>) {
        let mut extra_headers: Vec<(String, String)> = self.extra_headers.into_iter().collect();
        extra_headers.sort();
        let mut extra_query: Vec<(String, String)> = self.extra_query.into_iter().collect();
        extra_query.sort();
        let extra_body = (!self.extra_body.is_empty()).then(|| object_in(self.extra_body));
        let core = CoreCallOptions {
            request: RequestOptions {
                extra_headers,
                extra_query,
                extra_body,
            },
            timeout: self.timeout,
            max_retries: self.max_retries,
            retry_non_idempotent: None,
        };
        (core, self.cancel)
    }
}

/// A handle that stops calls it was passed to (in [`CallOptions::cancel`]).
///
/// Swift `Task` cancellation does not reach Rust; fire a token from a cancellation handler
/// instead. One token may serve many calls; once fired it stays fired.
#[derive(Debug, Default, uniffi::Object)]
pub struct CancellationToken {
    fired: AtomicBool,
    notify: Notify,
}

#[uniffi::export]
impl CancellationToken {
    /// A token that has not fired.
    #[uniffi::constructor]
    pub fn new() -> Self {
        Self::default()
    }

    /// Fires the token: calls that carry it stop.
    pub fn cancel(&self) {
        self.fired.store(true, Ordering::SeqCst);
        self.notify.notify_waiters();
    }

    /// Whether the token has fired.
    pub fn is_cancelled(&self) -> bool {
        self.fired.load(Ordering::SeqCst)
    }
}

impl CancellationToken {
    /// Completes once the token fires.
    pub(crate) async fn cancelled(&self) {
        loop {
            let notified = self.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if self.is_cancelled() {
                return;
            }
            notified.await;
        }
    }
}
