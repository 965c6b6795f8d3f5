//! Responses as Python sees them: status, headers and the request at once, and the body
//! read whole or pulled chunk by chunk (`with_streaming_response`); and the walk over pages.

use std::sync::{Arc, Mutex, OnceLock};

use http::{HeaderMap, StatusCode};
use openai_admin::client::{Body, RawResponse};
use openai_admin::host::{self, Defaults, PageFacts};
use openai_admin::{ApiError, Error, OperationInfo, dispatch, error::request_id};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use serde_json::Value;

use crate::errors::{Raise, guard, to_pyerr_at};
use crate::{Call, model, pairs, run};

/// Header pairs; with `redact`, credentials (marked sensitive, or named as one by the core)
/// are shown as `<redacted>`.
pub(crate) fn header_pairs(h: &HeaderMap, redact: bool) -> Vec<(String, String)> {
    let secret = |k: &http::HeaderName, v: &http::HeaderValue| {
        v.is_sensitive() || openai_admin::request::is_sensitive(k)
    };
    let text = |k: &http::HeaderName, v: &http::HeaderValue| match redact && secret(k, v) {
        true => "<redacted>".to_owned(),
        false => String::from_utf8_lossy(v.as_bytes()).into_owned(),
    };
    h.iter().map(|(k, v)| (k.to_string(), text(k, v))).collect()
}

/// A body: whole once read; until then, the unread rest and the bytes read so far.
#[derive(Debug, Default)]
struct Content {
    whole: OnceLock<Arc<String>>,
    open: Mutex<Option<(Body, Vec<u8>)>>,
}

impl Content {
    fn open(&self) -> std::sync::MutexGuard<'_, Option<(Body, Vec<u8>)>> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The text of a body (bytes that are not UTF-8 replaced).
fn text(body: Vec<u8>) -> Arc<String> {
    let s = String::from_utf8(body)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Arc::new(s)
}

/// A response with a 2xx status, its body read or not, not yet parsed.
#[pyclass(frozen, module = "openai_admin._core")]
#[derive(Debug)]
pub(crate) struct Response {
    op: &'static OperationInfo,
    call: Call,
    status: StatusCode,
    headers: HeaderMap,
    content: Arc<Content>,
    root: OnceLock<Py<model::BaseModel>>,
}

#[pymethods]
impl Response {
    #[getter]
    fn status_code(&self) -> u16 {
        self.status.as_u16()
    }
    #[getter]
    fn headers(&self) -> Vec<(String, String)> {
        header_pairs(&self.headers, false)
    }
    #[getter]
    fn request_id(&self) -> Option<String> {
        request_id(&self.headers)
    }
    /// The whole body; for a streamed response, only once it has been read to its end.
    #[getter]
    fn content<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        Ok(PyBytes::new(py, self.body()?.as_bytes()))
    }
    /// Whether the whole body has been read.
    #[getter]
    fn is_read(&self) -> bool {
        self.content.whole.get().is_some()
    }
    #[getter]
    fn method(&self) -> &str {
        &self.call.sent.0
    }
    #[getter]
    fn url(&self) -> &str {
        &self.call.sent.1
    }
    /// The request's headers, `Authorization` redacted.
    #[getter]
    fn request_headers(&self) -> Vec<(String, String)> {
        self.call.sent.2.clone()
    }

    /// The next chunk of a streamed body (`None` at its end, or when the body was read
    /// whole), waited for with the GIL released, or with `is_async` an awaitable of it.
    #[pyo3(signature = (is_async=false))]
    fn next_chunk(&self, py: Python<'_>, is_async: bool) -> PyResult<Py<PyAny>> {
        if self.is_read() {
            return Ok(py.None());
        }
        let Some((mut body, seen)) = self.content.open().take() else {
            let msg = "the body is being read elsewhere, or its reading failed";
            return Err(PyRuntimeError::new_err(msg));
        };
        let (content, sent) = (self.content.clone(), self.call.sent.clone());
        let read = async move { (body.chunk().await, body) };
        run(py, is_async, read, move |py, (chunk, body)| {
            let mut seen = seen;
            match chunk {
                Ok(Some(c)) => {
                    seen.extend_from_slice(&c);
                    *content.open() = Some((body, seen));
                    Ok(Some(PyBytes::new(py, &c).unbind()))
                }
                Ok(None) => {
                    let _ = content.whole.set(text(seen));
                    Ok(None)
                }
                Err(e) => Err(to_pyerr_at(py, e, Some(sent), None)),
            }
        })
    }

    /// Stops reading a streamed body: its connection is closed.
    fn close(&self) {
        self.content.open().take();
    }

    /// The body as a model (checked against the operation's type first in strict mode).
    fn parse(&self, py: Python<'_>) -> PyResult<Py<model::BaseModel>> {
        guard(py, || self.parse_body(py))
    }

    /// The walk over pages that starts with this response (the client's page cap).
    fn walk(&self) -> Walk {
        let w = host::Walk::for_params(self.op.page_style, &self.call.params, self.call.max_pages);
        Walk(Some(Arc::new(w)))
    }
}

impl Response {
    fn body(&self) -> PyResult<&Arc<String>> {
        let msg = "the body has not been read: call read() first";
        self.content
            .whole
            .get()
            .ok_or_else(|| PyRuntimeError::new_err(msg))
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
}

/// What a call got: the whole response, or (streamed, with a 2xx status) its status and
/// headers with the body unread.
pub(crate) enum Got {
    Whole(RawResponse),
    Open(StatusCode, HeaderMap, Body),
}

/// Turns what the client returned into a [`Response`], or the error for a non-2xx status.
pub(crate) fn finish(
    py: Python<'_>,
    op: &'static OperationInfo,
    call: Call,
    got: Result<Got, Error>,
) -> PyResult<Response> {
    let got = got.map_err(|e| to_pyerr_at(py, e, Some(call.sent.clone()), None))?;
    let content = Arc::new(Content::default());
    let (status, headers, error) = match got {
        Got::Whole(raw) => {
            let error = (!raw.status.is_success())
                .then(|| ApiError::from_response(raw.status, &raw.headers, &raw.body));
            let _ = content.whole.set(text(raw.body));
            (raw.status, raw.headers, error)
        }
        Got::Open(status, headers, body) => {
            *content.open() = Some((body, Vec::new()));
            (status, headers, None)
        }
    };
    let sent = error.as_ref().map(|_| call.sent.clone());
    let root = OnceLock::new();
    let resp = Response {
        op,
        call,
        status,
        headers,
        content,
        root,
    };
    match error {
        Some(e) => Err(to_pyerr_at(
            py,
            Error::Status(Box::new(e)),
            sent,
            Some(resp),
        )),
        None => Ok(resp),
    }
}

/// One walk over a list's pages: the core's [`host::Walk`], which ends a walk at a cursor it
/// has already followed and at the page cap. Each page holds the walk as it stood before it;
/// [`Walk::step`] gives the walk after it, so walking again from an earlier page decides the
/// same way. The state is shared until it changes: a walk whose earlier pages are gone is
/// updated in place.
#[pyclass(module = "openai_admin._core")]
#[derive(Debug)]
pub(crate) struct Walk(Option<Arc<host::Walk>>);

#[pymethods]
impl Walk {
    /// Records `page` and returns the next request's parameters (`None` when the walk is
    /// over) and the walk after this page. The page's facts are read by the core from the
    /// members of the body's index (items skipped). A walk steps once.
    fn step(&mut self, py: Python<'_>, page: &Response) -> PyResult<(Option<Py<PyAny>>, Walk)> {
        let (root, style) = (page.parse_body(py)?, page.op.page_style);
        let m = root.get();
        let facts = py.detach(|| PageFacts::from_members(style, m.members()));
        let facts = facts.raise(py)?;
        let mut state = self
            .0
            .take()
            .ok_or_else(|| PyRuntimeError::new_err("walked on"))?;
        let next = Arc::make_mut(&mut state).next_params(&page.call.params, &facts);
        let next = next
            .map(|p| model::plain(py, &Value::Object(p)))
            .transpose()?;
        Ok((next, Walk(Some(state))))
    }

    /// Another handle on this walk, for the page that comes next.
    fn share(&self) -> Walk {
        Walk(self.0.clone())
    }

    /// The cursor of the page this walk asks for now: when that page's request fails for
    /// good, the walk resumes from here (every item before it has been read).
    #[getter]
    fn resume_cursor(&self) -> Option<String> {
        self.0.as_ref()?.resume_cursor().map(str::to_owned)
    }
}

/// A response of `sdk_method` that came from no request, checked as in strict mode (for the
/// shared test vectors): the status error or decode error, or the response.
#[pyfunction]
#[pyo3(signature = (sdk_method, status, body, headers=None, params=None))]
pub(crate) fn response(
    py: Python<'_>,
    sdk_method: &str,
    status: u16,
    body: &[u8],
    headers: Option<&Bound<'_, PyDict>>,
    params: Option<&Bound<'_, PyDict>>,
) -> PyResult<Response> {
    let op = host::require_operation(sdk_method).raise(py)?;
    let status = StatusCode::from_u16(status).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let pairs: std::collections::HashMap<_, _> = pairs(headers)?.into_iter().collect();
    let map = HeaderMap::try_from(&pairs).map_err(|e| PyValueError::new_err(e.to_string()))?;
    dispatch::validate(op.sdk_method, status, &map, body).raise(py)?;
    let params = params.map(model::dict_to_map).transpose()?;
    let call = Call {
        params: params.unwrap_or_default(),
        max_pages: Defaults::MAX_PAGES,
        ..Call::default()
    };
    let body = body.to_vec();
    let raw = RawResponse {
        status,
        headers: map,
        body,
    };
    finish(py, op, call, Ok(Got::Whole(raw)))
}
