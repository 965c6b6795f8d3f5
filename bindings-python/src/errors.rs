//! Errors on their way to Python: core errors become the exceptions of `_exceptions.py`
//! named by the core's description, and panics become `InternalError`.

use openai_admin::{Error, host};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

use crate::Sent;
use crate::response::Response;

/// Runs `f`, turning a panic into an exception of the package's own hierarchy
/// (`_exceptions.InternalError`, an `OpenAIError`) instead of pyo3's `PanicException`,
/// which `except Exception` does not catch.
pub(crate) fn guard<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|payload| Err(panic_err(py, payload.as_ref())))
}

/// The exception for a caught panic, with its message.
pub(crate) fn panic_err(py: Python<'_>, payload: &(dyn std::any::Any + Send)) -> PyErr {
    let msg = (payload.downcast_ref::<&str>().copied())
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic");
    let make = || -> PyResult<PyErr> {
        let cls = py
            .import("openai_admin._exceptions")?
            .getattr("InternalError")?;
        Ok(PyErr::from_value(
            cls.call1((format!("internal error: {msg}"),))?,
        ))
    };
    make().unwrap_or_else(|err| err)
}

/// A test hook: where the next call panics on purpose (0: nowhere, 1: on the calling
/// thread while preparing the request, 2: in the task that sends it).
static PANIC_NEXT: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// Panics when the test hook asked for a panic at `site`.
pub(crate) fn panic_if_asked(site: u8) {
    use std::sync::atomic::Ordering::SeqCst;
    if PANIC_NEXT.compare_exchange(site, 0, SeqCst, SeqCst).is_ok() {
        panic!("a panic asked for by the test hook (site {site})");
    }
}

/// Test hook: the next request panics on purpose at `site` (`"call"`: on the calling thread,
/// `"task"`: in the task that sends it), to check that no panic crosses into Python as
/// anything but an `OpenAIError`.
#[pyfunction]
pub(crate) fn _panic_next(site: &str) -> PyResult<()> {
    let n = match site {
        "call" => 1,
        "task" => 2,
        _ => return Err(PyValueError::new_err("site is \"call\" or \"task\"")),
    };
    PANIC_NEXT.store(n, std::sync::atomic::Ordering::SeqCst);
    Ok(())
}

/// Raises a core error as the Python exception the core's description names (a class of
/// `_exceptions.py`), the description's fields copied.
pub(crate) fn to_pyerr(py: Python<'_>, e: Error) -> PyErr {
    to_pyerr_at(py, e, None, None)
}

/// [`to_pyerr`] for an error of a request that was sent: the exception also holds the
/// request (method, URL, headers) and the response, when there was one.
pub(crate) fn to_pyerr_at(
    py: Python<'_>,
    e: Error,
    sent: Option<Sent>,
    resp: Option<Response>,
) -> PyErr {
    static MAKE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let make = || -> PyResult<PyErr> {
        let info = crate::model::plain(py, &host::describe(&e))?;
        let f = MAKE.import(py, "openai_admin._exceptions", "_from_core")?;
        Ok(PyErr::from_value(f.call1((info, sent, resp))?))
    };
    make().unwrap_or_else(|err| err)
}

/// `?` for core results: the error becomes its Python exception.
pub(crate) trait Raise<T> {
    fn raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> Raise<T> for Result<T, Error> {
    fn raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_pyerr(py, e))
    }
}
