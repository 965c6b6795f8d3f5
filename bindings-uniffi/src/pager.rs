//! Pagers: one list walked page by page through the core's [`Walk`].
//!
//! uniffi objects cannot be generic, so each list operation has its own generated pager
//! object holding a [`PagerCore`] for its operation.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use openai_admin::Paginated;
use openai_admin::client::CallOptions as CoreCallOptions;
use openai_admin::host::{NextPage, Walk};
use tokio::sync::Mutex;

use crate::client::Inner;
use crate::error::AdminError;
use crate::options::{CallOptions, CancellationToken};
use crate::runtime;

/// Where a walk is: the request for the next page (none once the walk is over).
#[derive(Debug)]
struct State<O> {
    next: Option<O>,
    walk: Walk,
}

/// The state of one walk over the pages of operation `O`.
#[derive(Debug)]
pub struct PagerCore<O> {
    inner: Arc<Inner>,
    opts: CoreCallOptions,
    cancel: Option<Arc<CancellationToken>>,
    state: Arc<Mutex<State<O>>>,
    fetched: Arc<AtomicU64>,
}

impl<O> PagerCore<O>
where
    O: Paginated + Send + Sync + 'static,
    O::Output: Send,
{
    /// A walk starting with `first`.
    pub(crate) fn new(inner: Arc<Inner>, first: O, options: CallOptions) -> Self {
        let (opts, cancel) = options.split();
        let walk = Walk::new(O::PAGE_STYLE, first.cursor(), inner.max_pages);
        Self {
            inner,
            opts,
            cancel,
            state: Arc::new(Mutex::new(State {
                next: Some(first),
                walk,
            })),
            fetched: Arc::new(AtomicU64::new(0)),
        }
    }

    /// The next page converted by `out`, or `None` when the walk is over. A failed request
    /// leaves the walk where it was.
    pub(crate) async fn next_page<T: Send + 'static>(
        &self,
        out: fn(O::Output) -> T,
    ) -> Result<Option<T>, AdminError> {
        let inner = self.inner.clone();
        let opts = self.opts.clone();
        let state = self.state.clone();
        let fetched = self.fetched.clone();
        runtime::run(self.cancel.clone(), async move {
            let mut state = state.lock().await;
            let Some(op) = state.next.clone() else {
                return Ok(None);
            };
            let page = inner.client.send_with(&op, &opts).await?.data;
            fetched.fetch_add(1, Ordering::Relaxed);
            state.next = match state.walk.next(&O::facts(&page)) {
                NextPage::Cursor { value, .. } => Some(op.with_cursor(value)),
                NextPage::End { .. } => None,
            };
            Ok(Some(out(page)))
        })
        .await
    }

    /// How many pages this pager has fetched.
    pub(crate) fn pages_fetched(&self) -> u64 {
        self.fetched.load(Ordering::Relaxed)
    }
}
