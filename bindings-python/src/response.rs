//! Responses as Python sees them: status, headers and the request at once; the body read
//! whole, or piece by piece as asked (`with_streaming_response`); and for a list, the page
//! after it as the core's walk decides. Every read is waited for with the GIL released, or
//! with `is_async` is an awaitable: one implementation for both clients.

use std::sync::{Arc, Mutex, OnceLock};

use futures_util::lock::Mutex as AsyncMutex;
use http::{HeaderMap, StatusCode};
use openai_admin::client::{KeptBody, RawResponse, StreamingResponse};
use openai_admin::host::{self, Cut, PageFacts, Piece, Split};
use openai_admin::{ApiError, Error, OperationInfo, dispatch, error::request_id};
use pyo3::IntoPyObjectExt;
use pyo3::exceptions::{PyRuntimeError, PyStopAsyncIteration, PyStopIteration, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::errors::{Raise, guard, to_pyerr_at};
use crate::{Call, CoreClient, Extras, Sent, model, run};

/// The text of a body (bytes that are not UTF-8 replaced).
fn text(body: Vec<u8>) -> Arc<String> {
    let s = String::from_utf8(body)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Arc::new(s)
}

/// The part of a body not read yet: the core's reader, which keeps what it reads (`None`
/// once the body is whole).
type Open = Arc<AsyncMutex<Option<KeptBody>>>;

/// The walk after a page: the next request's parameters (`None`: the walk ends) and the walk.
type After = (Option<Py<PyAny>>, Arc<host::Walk>);

/// A response with a 2xx status, its body read or not, not yet parsed.
#[pyclass(frozen, module = "openai_admin._core")]
#[derive(Debug)]
pub(crate) struct Response {
    op: &'static OperationInfo,
    call: Call,
    status: StatusCode,
    headers: HeaderMap,
    whole: OnceLock<Arc<String>>,
    open: Open,
    root: OnceLock<Py<model::BaseModel>>,
    /// For a page after the first, the walk as it stood before it (the first page starts one).
    walk: Mutex<Option<Arc<host::Walk>>>,
    after: OnceLock<After>,
}

#[pymethods]
impl Response {
    #[getter]
    fn status_code(&self) -> u16 {
        self.status.as_u16()
    }
    /// The headers as `(name, value)` pairs, each name once.
    #[getter]
    fn headers(&self) -> Vec<(String, String)> {
        host::header_fields(&self.headers, false)
    }
    #[getter]
    fn request_id(&self) -> Option<String> {
        request_id(&self.headers)
    }
    /// The request's method, URL and headers (credentials redacted).
    #[getter]
    fn sent(&self) -> Sent {
        self.call.sent.clone()
    }
    /// Whether nothing more will be read: the body is whole, closed, or failed.
    #[getter]
    fn is_closed(&self) -> bool {
        let open = self.open.try_lock();
        let done = open.is_some_and(|b| b.as_ref().is_none_or(KeptBody::is_closed));
        self.whole.get().is_some() || done
    }
    /// The whole body; for a streamed response, only once it has been read to its end.
    #[getter]
    fn content<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        Ok(PyBytes::new(py, self.body()?.as_bytes()))
    }

    /// Reads the rest of the body and gives all of it.
    #[pyo3(signature = (is_async=false))]
    fn read(slf: &Bound<'_, Self>, is_async: bool) -> PyResult<Py<PyAny>> {
        Self::reading(slf, is_async, None, |py, this, _| {
            this.content(py).map(Bound::unbind)
        })
    }

    /// An iterator (`for` or `async for`) over the rest of the body, or all of it once it
    /// has been read whole: `kind` is `bytes`, `text` (both of `size` bytes when given) or
    /// `lines`.
    #[pyo3(signature = (kind, size=None))]
    fn pieces(slf: &Bound<'_, Self>, kind: &str, size: Option<usize>) -> PyResult<Pieces> {
        let mut split = Split::new(match kind {
            "bytes" => Cut::Bytes(size),
            "text" => Cut::Text(size),
            "lines" => Cut::Lines,
            _ => return Err(PyValueError::new_err("kind is bytes, text or lines")),
        });
        if let Some(whole) = slf.get().whole.get() {
            split.push(whole.as_bytes());
            split.finish();
        }
        let split = Arc::new(AsyncMutex::new(split));
        let resp = slf.clone().unbind();
        Ok(Pieces { resp, split })
    }

    /// Stops reading a streamed body: its connection is closed (an awaitable with `is_async`).
    #[pyo3(signature = (is_async=false))]
    fn close(&self, py: Python<'_>, is_async: bool) -> PyResult<Py<PyAny>> {
        if let Some(Some(body)) = self.open.try_lock().as_deref_mut() {
            body.close();
        }
        ready(py, py.None(), is_async)
    }

    /// The body as a model (checked against the operation's type first in strict mode).
    fn parse(&self, py: Python<'_>) -> PyResult<Py<model::BaseModel>> {
        guard(py, || self.parse_body(py))
    }

    /// The next page's request parameters, or `None` when the walk ends with this page: the
    /// core's walk decides, which also ends at a cursor already followed and at the page cap.
    fn next_params(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        Ok(self.after(py)?.0.as_ref().map(|p| p.clone_ref(py)))
    }

    /// Sends the next page's request through `core` with the call's `opts`. An API error
    /// gets `resume_cursor`: the cursor to start the walk again from.
    #[pyo3(signature = (core, opts, is_async=false))]
    fn follow(
        &self,
        py: Python<'_>,
        core: PyRef<'_, CoreClient>,
        opts: Extras<'_>,
        is_async: bool,
    ) -> PyResult<Py<PyAny>> {
        let (params, walk) = self.after(py)?;
        let msg = "no next page; check has_next_page() first";
        let params = params
            .as_ref()
            .ok_or_else(|| PyRuntimeError::new_err(msg))?;
        let name = self.op.sdk_method;
        let (req, op, opts, call) = guard(py, || {
            core.prepare(name, params.bind(py).cast()?, Some(opts))
        })?;
        let (sending, walk) = (core.send((req, op, opts), false), walk.clone());
        run(py, is_async, sending, move |py, got| {
            let resume = walk.resume_cursor().map(str::to_owned);
            let resp = finish(py, op, call, got).inspect_err(|e| {
                let _ = e.value(py).setattr("resume_cursor", resume);
            })?;
            *lock(&resp.walk) = Some(walk);
            Ok(resp)
        })
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Response {
    fn body(&self) -> PyResult<&Arc<String>> {
        let msg = "the body has not been read to its end: read() reads it";
        self.whole.get().ok_or_else(|| PyRuntimeError::new_err(msg))
    }

    /// Reads the body (a piece as `split` cuts it, or with no split the rest), with the GIL
    /// released or as an awaitable, and hands the piece (`None` at the end) to `then`.
    fn reading<R>(
        slf: &Bound<'_, Self>,
        is_async: bool,
        split: Option<Arc<AsyncMutex<Split>>>,
        then: impl FnOnce(Python<'_>, &Self, Option<Piece>) -> PyResult<R> + Send + 'static,
    ) -> PyResult<Py<PyAny>>
    where
        R: for<'py> IntoPyObject<'py> + Send + 'static,
    {
        let open = slf.get().open.clone();
        let read = async move {
            let mut body = open.lock_owned().await;
            let piece = match (body.as_mut(), split) {
                (Some(body), Some(s)) => body.next_piece(&mut *s.lock().await).await?,
                (Some(body), None) => body.read_to_end().await.map(|()| None)?,
                // A body read whole at once: the split was given all of it.
                (None, Some(s)) => s.lock().await.pop(),
                (None, None) => None,
            };
            Ok::<_, Error>((piece, body.as_mut().and_then(KeptBody::take_whole)))
        };
        let resp = slf.clone().unbind();
        run(slf.py(), is_async, read, move |py, got| {
            let this = resp.get();
            let sent = || Some(this.call.sent.clone());
            let (piece, whole) = got.map_err(|e| to_pyerr_at(py, e, sent(), None))?;
            if let Some(whole) = whole {
                let _ = this.whole.set(text(whole));
            }
            then(py, this, piece)
        })
    }

    fn parse_body(&self, py: Python<'_>) -> PyResult<Py<model::BaseModel>> {
        if let Some(m) = self.root.get() {
            return Ok(m.clone_ref(py));
        }
        let (name, body) = (self.op.sdk_method, self.body()?.clone());
        if self.call.strict {
            py.detach(|| dispatch::validate(name, self.status, &self.headers, body.as_bytes()))
                .raise(py)?;
        }
        let root = py.detach(|| model::root(body, name));
        let root = root
            .map_err(|e| Error::Decode {
                message: format!("the body is not a JSON object: {e}"),
                request_id: request_id(&self.headers),
            })
            .raise(py)?;
        let m = Py::new(py, root)?;
        Ok(self.root.get_or_init(|| m).clone_ref(py))
    }

    /// The walk after this page, decided once from the page's facts (read by the core from
    /// the members of the body's index, items skipped).
    fn after(&self, py: Python<'_>) -> PyResult<&After> {
        if let Some(after) = self.after.get() {
            return Ok(after);
        }
        let (root, style, params) = (self.parse_body(py)?, self.op.page_style, &self.call.params);
        let facts = py.detach(|| PageFacts::from_members(style, root.get().members()));
        let facts = facts.raise(py)?;
        let first = || Arc::new(host::Walk::for_params(style, params, self.call.max_pages));
        let mut walk = lock(&self.walk).take().unwrap_or_else(first);
        let next = Arc::make_mut(&mut walk).next_params(params, &facts);
        let next = next.map(|p| model::plain(py, &p)).transpose()?;
        Ok(self.after.get_or_init(|| (next, walk)))
    }
}

/// The pieces of a body (bytes, text or lines): `for` waits for each read with the GIL
/// released, `async for` awaits it.
#[pyclass(frozen, module = "openai_admin._core")]
#[derive(Debug)]
pub(crate) struct Pieces {
    resp: Py<Response>,
    split: Arc<AsyncMutex<Split>>,
}

#[pymethods]
impl Pieces {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __aiter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __next__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.next(py, false)
    }
    fn __anext__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.next(py, true)
    }
}

impl Pieces {
    fn next(&self, py: Python<'_>, is_async: bool) -> PyResult<Py<PyAny>> {
        // A piece already cut needs no read (and with `is_async`, no task).
        if let Some(piece) = self.split.try_lock().and_then(|mut s| s.pop()) {
            return ready(py, piece_of(py, Some(piece), false)?, is_async);
        }
        let (resp, split) = (self.resp.bind(py), Some(self.split.clone()));
        Response::reading(resp, is_async, split, move |py, _, p| {
            piece_of(py, p, is_async)
        })
    }
}

/// `value`, or with `is_async` an awaitable of it (with no task to wait for).
fn ready(py: Python<'_>, value: Py<PyAny>, is_async: bool) -> PyResult<Py<PyAny>> {
    match is_async {
        true => Ready(Some(value)).into_py_any(py),
        false => Ok(value),
    }
}

/// An awaitable whose value is already at hand.
#[pyclass(module = "openai_admin._core")]
struct Ready(Option<Py<PyAny>>);

#[pymethods]
impl Ready {
    fn __await__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __next__(&mut self) -> PyResult<()> {
        Err(PyStopIteration::new_err((self.0.take(),)))
    }
}

/// A piece as Python takes it; at the end, the exception that ends the iteration.
fn piece_of(py: Python<'_>, piece: Option<Piece>, is_async: bool) -> PyResult<Py<PyAny>> {
    match piece {
        Some(Piece::Bytes(b)) => Ok(PyBytes::new(py, &b).into_any().unbind()),
        Some(Piece::Text(t)) => Ok(PyString::new(py, &t).into_any().unbind()),
        None if is_async => Err(PyStopAsyncIteration::new_err(())),
        None => Err(PyStopIteration::new_err(())),
    }
}

/// What a call got: the whole response, or (streamed, with a 2xx status) its status and
/// headers with the body unread.
pub(crate) enum Got {
    Whole(RawResponse),
    Open(StreamingResponse),
}

/// Turns what the client returned into a [`Response`], or the error for a non-2xx status.
pub(crate) fn finish(
    py: Python<'_>,
    op: &'static OperationInfo,
    call: Call,
    got: Result<Got, Error>,
) -> PyResult<Response> {
    let got = got.map_err(|e| to_pyerr_at(py, e, Some(call.sent.clone()), None))?;
    let whole = OnceLock::new();
    let (status, headers, error, open) = match got {
        Got::Whole(raw) => {
            let error = (!raw.status.is_success())
                .then(|| ApiError::from_response(raw.status, &raw.headers, &raw.body));
            let _ = whole.set(text(raw.body));
            (raw.status, raw.headers, error, None)
        }
        Got::Open(open) => (
            open.status,
            open.headers,
            None,
            Some(KeptBody::new(open.body)),
        ),
    };
    let sent = error.as_ref().map(|_| call.sent.clone());
    let resp = Response {
        op,
        call,
        status,
        headers,
        whole,
        open: Arc::new(AsyncMutex::new(open)),
        root: OnceLock::new(),
        walk: Mutex::new(None),
        after: OnceLock::new(),
    };
    match error.map(|e| Error::Status(Box::new(e))) {
        Some(e) => Err(to_pyerr_at(py, e, sent, Some(resp))),
        None => Ok(resp),
    }
}

/// Adds the response classes to the module, and `PAGE_FIELDS`: the fields a
/// page of any style answers, as `None` where its own style has no such field.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Response>()?;
    m.add_class::<Pieces>()?;
    m.add("PAGE_FIELDS", host::all_page_fields())
}
