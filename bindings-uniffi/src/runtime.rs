//! The Tokio runtime the library owns, and how a foreign call runs on it.
//!
//! Every async method spawns its work here and awaits the task's handle, so the foreign
//! executor (Kotlin coroutines, Swift tasks) only polls a handle. Dropping the call (a
//! cancelled coroutine) aborts the task and with it the request; a panic in the task comes
//! back as [`AdminError::Panic`]; a fired [`CancellationToken`] ends it with
//! [`AdminError::Cancelled`].

use std::future::Future;
use std::sync::{Arc, OnceLock};

use tokio::runtime::{Builder, Runtime};
use tokio::task::JoinHandle;

use crate::error::AdminError;
use crate::options::CancellationToken;

fn runtime() -> Result<&'static Runtime, AdminError> {
    static RUNTIME: OnceLock<Result<Runtime, String>> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            Builder::new_multi_thread()
                .enable_all()
                .thread_name("openai-admin")
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| AdminError::connection(format!("could not start the I/O runtime: {e}")))
}

/// Aborts the task when the awaiting call is dropped.
struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Runs `work` on the library's runtime and waits for it, watching `cancel` when given.
pub(crate) async fn run<T, F>(
    cancel: Option<Arc<CancellationToken>>,
    work: F,
) -> Result<T, AdminError>
where
    T: Send + 'static,
    F: Future<Output = Result<T, AdminError>> + Send + 'static,
{
    let rt = runtime()?;
    let task = rt.spawn(async move {
        match cancel {
            None => work.await,
            Some(token) => {
                tokio::select! {
                    biased;
                    () = token.cancelled() => Err(AdminError::cancelled()),
                    r = work => r,
                }
            }
        }
    });
    let mut handle = AbortOnDrop(task);
    match (&mut handle.0).await {
        Ok(r) => r,
        Err(e) if e.is_panic() => Err(AdminError::panic(panic_text(e.into_panic()))),
        Err(_) => Err(AdminError::cancelled()),
    }
}

fn panic_text(p: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_panic_becomes_an_error() {
        let r: Result<(), AdminError> =
            futures_executor_block_on(run(None, async { panic!("boom") }));
        match r {
            Err(AdminError::Panic { detail, .. }) => assert!(detail.contains("boom")),
            other => panic!("expected a panic error, got {other:?}"),
        }
    }

    #[test]
    fn a_fired_token_cancels() {
        let token = Arc::new(CancellationToken::new());
        token.cancel();
        let r: Result<(), AdminError> = futures_executor_block_on(run(Some(token), async {
            tokio::time::sleep(std::time::Duration::from_secs(60)).await;
            Ok(())
        }));
        assert!(matches!(r, Err(AdminError::Cancelled { .. })), "{r:?}");
    }

    /// Blocks on a future from a thread that is not part of any runtime, as a foreign
    /// executor would poll it.
    fn futures_executor_block_on<F: Future>(f: F) -> F::Output {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        rt.block_on(f)
    }
}
