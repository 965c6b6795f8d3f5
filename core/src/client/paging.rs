//! Walks over a list's pages and entries: [`Client::pages`] and [`Client::items`], driven
//! by the core's [`Walk`].

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use futures_util::stream::{self, StreamExt};

use super::{CallOptions, Client, Stream};
use crate::error::Error;
use crate::host::{NextPage, Walk};
use crate::operation::Paginated;

impl Client {
    /// Every page of a list, one request per page, starting with `op` and following the
    /// cursors a [`Walk`] picks: it ends after the last page, at a cursor it has already
    /// followed, or at the page cap ([`Client::with_max_pages`]).
    ///
    /// The stream is `Unpin`, so `StreamExt::next` works on it directly. It ends after the
    /// last page, or right after yielding an error; then [`WalkStream::resume_cursor`]
    /// says where to pick the walk up again.
    pub fn pages<O: Paginated>(
        &self,
        op: O,
    ) -> WalkStream<impl Stream<Item = Result<O::Output, Error>> + Unpin> {
        self.pages_with(op, &CallOptions::default())
    }

    /// [`Client::pages`] with per-call options, applied to every page's request.
    pub fn pages_with<O: Paginated>(
        &self,
        op: O,
        opts: &CallOptions,
    ) -> WalkStream<impl Stream<Item = Result<O::Output, Error>> + Unpin + use<'_, O>> {
        let opts = opts.clone();
        let walk = Walk::new(O::PAGE_STYLE, op.cursor(), self.max_pages);
        let at = Arc::new(Mutex::new(walk.resume_cursor().map(str::to_owned)));
        let shared = at.clone();
        let inner = stream::unfold(Some((op, opts, walk)), move |state| {
            let at = shared.clone();
            Box::pin(async move {
                let (op, opts, mut walk) = state?;
                match self.send_with(&op, &opts).await {
                    Ok(resp) => {
                        let next = match walk.next(&O::facts(&resp.data)) {
                            NextPage::Cursor { value, .. } => {
                                Some((op.with_cursor(value), opts, walk))
                            }
                            NextPage::End { .. } => None,
                        };
                        if let Some((_, _, walk)) = &next {
                            *lock(&at) = walk.resume_cursor().map(str::to_owned);
                        }
                        Some((Ok(resp.data), next))
                    }
                    Err(e) => Some((Err(e), None)),
                }
            })
        });
        WalkStream { inner, at }
    }

    /// Every entry of a list across all its pages, fetched page by page as the stream is
    /// read.
    ///
    /// The stream is `Unpin`. It ends after the last entry, or right after yielding an
    /// error; then [`WalkStream::resume_cursor`] says where to pick the walk up again
    /// (every entry before it has been yielded once).
    pub fn items<O: Paginated>(
        &self,
        op: O,
    ) -> WalkStream<impl Stream<Item = Result<O::Item, Error>> + Unpin> {
        self.items_with(op, &CallOptions::default())
    }

    /// [`Client::items`] with per-call options, applied to every page's request.
    pub fn items_with<O: Paginated>(
        &self,
        op: O,
        opts: &CallOptions,
    ) -> WalkStream<impl Stream<Item = Result<O::Item, Error>> + Unpin + use<'_, O>> {
        let WalkStream { inner, at } = self.pages_with(op, opts);
        let inner = inner.flat_map(|page| {
            let batch: Vec<Result<O::Item, Error>> = match page {
                Ok(page) => O::items(page).into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            };
            stream::iter(batch)
        });
        WalkStream { inner, at }
    }
}

/// A walk over a list's pages or entries ([`Client::pages`], [`Client::items`]): a
/// [`Stream`] that also says where the walk can be resumed after a failure.
pub struct WalkStream<S> {
    inner: S,
    /// The cursor of the page asked for next (or that failed).
    at: Arc<Mutex<Option<String>>>,
}

impl<S> WalkStream<S> {
    /// The cursor to resume the walk from: after the stream yielded an error, the cursor
    /// of the page request that failed (`None` when the first page failed and the walk
    /// began without a cursor). Every page or entry before it has been yielded once, so
    /// the same operation with this cursor (`Paginated::with_cursor`) carries on with
    /// nothing lost or repeated.
    pub fn resume_cursor(&self) -> Option<String> {
        lock(&self.at).clone()
    }
}

impl<S: Stream + Unpin> Stream for WalkStream<S> {
    type Item = S::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        Pin::new(&mut self.inner).poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<S> std::fmt::Debug for WalkStream<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WalkStream")
            .field("resume_cursor", &self.resume_cursor())
            .finish_non_exhaustive()
    }
}

/// Locks the walk's cursor; a panic elsewhere does not make it unreadable.
fn lock(at: &Mutex<Option<String>>) -> std::sync::MutexGuard<'_, Option<String>> {
    at.lock().unwrap_or_else(|e| e.into_inner())
}
