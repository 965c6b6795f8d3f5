//! The Python extension `openai_admin._core`: a thin layer over the `openai-admin` core.
//!
//! Python calls an operation by its SDK name with a dict of parameters; the core builds the
//! request, the core's client sends it (GIL released), and the body is parsed in Rust into
//! a [`model::BaseModel`] that makes Python values only when they are read. The resource
//! tree, the page objects and the exceptions live in the Python package.

mod generated;
mod model;
mod shape;

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use http::{HeaderMap, StatusCode};
use openai_admin::client::{CallOptions, Client, RawResponse};
use openai_admin::{ApiError, Config, Error, HttpRequest, PageStyle, RequestOptions, dispatch};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict};
use serde_json::{Map, Value};

/// Builds the Python exception for a core error (the classes live in `_exceptions.py`).
fn to_pyerr(py: Python<'_>, e: Error) -> PyErr {
    static MAKE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let make = match MAKE.import(py, "openai_admin._exceptions", "_from_core") {
        Ok(f) => f,
        Err(err) => return err,
    };
    let kw = PyDict::new(py);
    let build = || -> PyResult<PyErr> {
        let kind = match &e {
            Error::InvalidInput { param, message } => {
                return Ok(PyValueError::new_err(format!(
                    "invalid parameter `{param}`: {message}"
                )));
            }
            Error::Status(api) => {
                kw.set_item("status_code", api.status)?;
                kw.set_item("request_id", api.request_id.as_deref())?;
                kw.set_item("body", model::plain(py, &api.body)?)?;
                kw.set_item("code", api.code.as_deref())?;
                kw.set_item("param", api.param.as_deref())?;
                kw.set_item("type", api.error_type.as_deref())?;
                "status"
            }
            Error::Decode { request_id, .. } => {
                kw.set_item("request_id", request_id.as_deref())?;
                "decode"
            }
            Error::Timeout => "timeout",
            _ => "connection",
        };
        let message = match &e {
            Error::Status(api) => api.message.clone(),
            other => other.to_string(),
        };
        let exc = make.call((kind, message), Some(&kw))?;
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|err| err)
}

fn header_pairs(h: &HeaderMap, redact: bool) -> Vec<(String, String)> {
    h.iter()
        .map(|(k, v)| {
            let v = if redact && k == http::header::AUTHORIZATION {
                "<redacted>".to_owned()
            } else {
                String::from_utf8_lossy(v.as_bytes()).into_owned()
            };
            (k.as_str().to_owned(), v)
        })
        .collect()
}

/// A response with a 2xx status, not yet parsed.
#[pyclass(frozen, module = "openai_admin._core")]
#[derive(Debug)]
struct Response {
    sdk_method: &'static str,
    page_style: PageStyle,
    strict: bool,
    params: Map<String, Value>,
    status: StatusCode,
    headers: HeaderMap,
    body: Arc<String>,
    root: OnceLock<Py<model::BaseModel>>,
    method: String,
    url: String,
    request_headers: Vec<(String, String)>,
}

impl Response {
    /// A response that did not come from a request (for the shared vectors).
    fn detached(
        sdk_method: &str,
        params: Map<String, Value>,
        status: StatusCode,
        headers: HeaderMap,
        body: &[u8],
    ) -> PyResult<Self> {
        let info = dispatch::operation(sdk_method).ok_or_else(|| {
            PyValueError::new_err(format!("no operation is named {sdk_method:?}"))
        })?;
        Ok(Self {
            sdk_method: info.sdk_method,
            page_style: info.page_style,
            strict: false,
            params,
            status,
            headers,
            body: Arc::new(String::from_utf8_lossy(body).into_owned()),
            root: OnceLock::new(),
            method: String::new(),
            url: String::new(),
            request_headers: Vec::new(),
        })
    }
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
        openai_admin::error::request_id(&self.headers)
    }
    #[getter]
    fn content<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.body.as_bytes())
    }
    #[getter]
    fn method(&self) -> &str {
        &self.method
    }
    #[getter]
    fn url(&self) -> &str {
        &self.url
    }
    /// The request's headers, `Authorization` redacted.
    #[getter]
    fn request_headers(&self) -> Vec<(String, String)> {
        self.request_headers.clone()
    }
    #[getter]
    fn params(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        model::plain(py, &Value::Object(self.params.clone()))
    }

    /// The body as a model (checked against the operation's type first in strict mode).
    fn parse(&self, py: Python<'_>) -> PyResult<Py<model::BaseModel>> {
        if let Some(m) = self.root.get() {
            return Ok(m.clone_ref(py));
        }
        if self.strict {
            py.detach(|| {
                dispatch::validate(
                    self.sdk_method,
                    self.status,
                    &self.headers,
                    self.body.as_bytes(),
                )
            })
            .map_err(|e| to_pyerr(py, e))?;
        }
        let root = py
            .detach(|| model::root(self.body.clone(), self.sdk_method))
            .map_err(|e| {
                let e = Error::Decode {
                    message: format!("the body is not a JSON object: {e}"),
                    request_id: openai_admin::error::request_id(&self.headers),
                };
                to_pyerr(py, e)
            })?;
        let m = Py::new(py, root)?;
        Ok(self.root.get_or_init(|| m).clone_ref(py))
    }

    /// The parameters for the next page, or `None` after the last page (or when the server
    /// hands back the cursor this page was asked with).
    fn next_params(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let root = self.parse(py)?;
        let m = root.get();
        let text = |k: &str| match model::page_field(m, k) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        };
        let Some(param) = self.page_style.cursor_param() else {
            return Ok(None);
        };
        let cursor = match self.page_style.cursor_field() {
            Some(field) => text(field),
            None => model::last_item_id(m),
        };
        let has_more = model::page_field(m, "has_more").and_then(|v| v.as_bool());
        let Some(next) = openai_admin::pagination::next_cursor(has_more, cursor.as_deref()) else {
            return Ok(None);
        };
        if self.params.get(param).and_then(Value::as_str) == Some(next.as_str()) {
            return Ok(None);
        }
        let mut p = self.params.clone();
        p.insert(param.to_owned(), Value::String(next));
        Ok(Some(model::plain(py, &Value::Object(p))?))
    }
}

fn pairs(d: Option<&Bound<'_, PyDict>>) -> PyResult<Vec<(String, String)>> {
    let mut out = Vec::new();
    if let Some(d) = d {
        for (k, v) in d.iter() {
            let v = match model::from_py(&v)? {
                Value::String(s) => s,
                other => other.to_string(),
            };
            out.push((k.extract()?, v));
        }
    }
    Ok(out)
}

fn secs(t: Option<f64>) -> PyResult<Option<Duration>> {
    t.map(|s| {
        Duration::try_from_secs_f64(s).map_err(|_| PyValueError::new_err("timeout must be >= 0"))
    })
    .transpose()
}

/// A prepared call: the request plus what the response object needs.
struct Prepared {
    req: HttpRequest,
    idempotent: bool,
    opts: CallOptions,
    sdk_method: &'static str,
    page_style: PageStyle,
    params: Map<String, Value>,
}

/// The HTTP side of a client: settings, connection pool and retry loop.
#[pyclass(frozen, module = "openai_admin._core")]
#[derive(Debug)]
struct CoreClient {
    client: Client,
    strict: bool,
}

impl CoreClient {
    #[allow(clippy::too_many_arguments)]
    fn prepare(
        &self,
        sdk_method: &str,
        params: &Bound<'_, PyDict>,
        extra_headers: Option<&Bound<'_, PyDict>>,
        extra_query: Option<&Bound<'_, PyDict>>,
        extra_body: Option<&Bound<'_, PyDict>>,
        timeout: Option<f64>,
    ) -> PyResult<Prepared> {
        let py = params.py();
        let info = dispatch::operation(sdk_method).ok_or_else(|| {
            PyValueError::new_err(format!("no operation is named {sdk_method:?}"))
        })?;
        let params = model::dict_to_map(params)?;
        let request = RequestOptions {
            extra_headers: pairs(extra_headers)?,
            extra_query: pairs(extra_query)?,
            extra_body: extra_body.map(model::dict_to_map).transpose()?,
        };
        let req = dispatch::build(sdk_method, params.clone(), self.client.config(), &request)
            .map_err(|e| to_pyerr(py, e))?;
        Ok(Prepared {
            req,
            idempotent: info.idempotent,
            opts: CallOptions {
                request,
                timeout: secs(timeout)?,
                ..CallOptions::default()
            },
            sdk_method: info.sdk_method,
            page_style: info.page_style,
            params,
        })
    }
}

/// Turns what the client returned into a [`Response`], or the error for a non-2xx status.
fn finish(
    py: Python<'_>,
    strict: bool,
    p: Prepared,
    method: String,
    url: String,
    request_headers: Vec<(String, String)>,
    out: Result<RawResponse, Error>,
) -> PyResult<Response> {
    let raw = out.map_err(|e| to_pyerr(py, e))?;
    if !raw.status.is_success() {
        let e = ApiError::from_response(raw.status, &raw.headers, &raw.body);
        return Err(to_pyerr(py, Error::Status(Box::new(e))));
    }
    let body = String::from_utf8(raw.body)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Ok(Response {
        sdk_method: p.sdk_method,
        page_style: p.page_style,
        strict,
        params: p.params,
        status: raw.status,
        headers: raw.headers,
        body: Arc::new(body),
        root: OnceLock::new(),
        method,
        url,
        request_headers,
    })
}

#[pymethods]
impl CoreClient {
    #[new]
    #[pyo3(signature = (api_key, base_url, organization=None, project=None, default_headers=None, default_query=None, timeout=None, max_retries=2, strict=false))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        api_key: String,
        base_url: String,
        organization: Option<String>,
        project: Option<String>,
        default_headers: Option<&Bound<'_, PyDict>>,
        default_query: Option<&Bound<'_, PyDict>>,
        timeout: Option<f64>,
        max_retries: u32,
        strict: bool,
    ) -> PyResult<Self> {
        let mut cfg = Config::new(api_key).with_base_url(base_url);
        cfg.organization = organization;
        cfg.project = project;
        cfg.default_headers = pairs(default_headers)?;
        cfg.default_query = pairs(default_query)?;
        cfg.user_agent = concat!("openai-admin-python/", env!("CARGO_PKG_VERSION")).to_owned();
        let mut client = Python::attach(|py| {
            // Entering the runtime lets reqwest find it; the client itself does no I/O yet.
            let _guard = pyo3_async_runtimes::tokio::get_runtime().enter();
            Client::new(cfg).map_err(|e| to_pyerr(py, e))
        })?;
        if let Some(t) = secs(timeout)? {
            client = client.with_timeout(t);
        }
        Ok(Self {
            client: client.with_max_retries(max_retries),
            strict,
        })
    }

    /// Sends one request and waits for it with the GIL released; Ctrl-C interrupts it.
    #[pyo3(signature = (sdk_method, params, extra_headers=None, extra_query=None, extra_body=None, timeout=None))]
    #[allow(clippy::too_many_arguments)]
    fn request(
        &self,
        py: Python<'_>,
        sdk_method: &str,
        params: &Bound<'_, PyDict>,
        extra_headers: Option<&Bound<'_, PyDict>>,
        extra_query: Option<&Bound<'_, PyDict>>,
        extra_body: Option<&Bound<'_, PyDict>>,
        timeout: Option<f64>,
    ) -> PyResult<Response> {
        let p = self.prepare(
            sdk_method,
            params,
            extra_headers,
            extra_query,
            extra_body,
            timeout,
        )?;
        let (method, url) = (p.req.method().to_string(), p.req.uri().to_string());
        let req_headers = header_pairs(p.req.headers(), true);
        let client = self.client.clone();
        let (req, idem, opts) = (p.req.clone(), p.idempotent, p.opts.clone());
        let rt = pyo3_async_runtimes::tokio::get_runtime();
        let mut task = rt.spawn(async move { client.execute(req, idem, &opts).await });
        let out = loop {
            let waited = py.detach(|| {
                rt.block_on(async {
                    tokio::time::timeout(Duration::from_millis(50), &mut task).await
                })
            });
            match waited {
                Ok(joined) => {
                    break joined.map_err(|e| {
                        PyRuntimeError::new_err(format!("request task failed: {e}"))
                    })?;
                }
                Err(_) => {
                    if let Err(interrupt) = py.check_signals() {
                        task.abort();
                        return Err(interrupt);
                    }
                }
            }
        };
        finish(py, self.strict, p, method, url, req_headers, out)
    }

    /// Sends one request on the shared Tokio runtime; returns an asyncio awaitable.
    #[pyo3(signature = (sdk_method, params, extra_headers=None, extra_query=None, extra_body=None, timeout=None))]
    #[allow(clippy::too_many_arguments)]
    fn request_async<'py>(
        &self,
        py: Python<'py>,
        sdk_method: &str,
        params: &Bound<'py, PyDict>,
        extra_headers: Option<&Bound<'py, PyDict>>,
        extra_query: Option<&Bound<'py, PyDict>>,
        extra_body: Option<&Bound<'py, PyDict>>,
        timeout: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let p = self.prepare(
            sdk_method,
            params,
            extra_headers,
            extra_query,
            extra_body,
            timeout,
        )?;
        let (method, url) = (p.req.method().to_string(), p.req.uri().to_string());
        let req_headers = header_pairs(p.req.headers(), true);
        let client = self.client.clone();
        let strict = self.strict;
        pyo3_async_runtimes::tokio::future_into_py(py, async move {
            let out = client.execute(p.req.clone(), p.idempotent, &p.opts).await;
            Python::attach(|py| finish(py, strict, p, method, url, req_headers, out))
        })
    }
}

/// Method, URL, headers (`Authorization` redacted) and body of a built request.
type BuiltRequest = (String, String, Vec<(String, String)>, Option<Py<PyBytes>>);

/// Builds a request without sending it (for the shared test vectors):
/// `(method, url, headers, body or None)`.
#[pyfunction]
#[pyo3(signature = (sdk_method, params, base_url, api_key))]
fn build_request(
    py: Python<'_>,
    sdk_method: &str,
    params: &Bound<'_, PyDict>,
    base_url: &str,
    api_key: &str,
) -> PyResult<BuiltRequest> {
    let cfg = Config::new(api_key).with_base_url(base_url);
    let params = model::dict_to_map(params)?;
    let req = dispatch::build(sdk_method, params, &cfg, &RequestOptions::default())
        .map_err(|e| to_pyerr(py, e))?;
    let body = (!req.body().is_empty()).then(|| PyBytes::new(py, req.body()).unbind());
    Ok((
        req.method().to_string(),
        req.uri().to_string(),
        header_pairs(req.headers(), true),
        body,
    ))
}

/// Parses a response body of `sdk_method` as the client would (for the shared vectors).
#[pyfunction]
#[pyo3(signature = (sdk_method, status, body, headers=None))]
fn parse_body(
    py: Python<'_>,
    sdk_method: &str,
    status: u16,
    body: &[u8],
    headers: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let status = StatusCode::from_u16(status).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let mut map = HeaderMap::new();
    for (k, v) in pairs(headers)? {
        if let (Ok(k), Ok(v)) = (
            http::HeaderName::try_from(k.as_str()),
            http::HeaderValue::try_from(v.as_str()),
        ) {
            map.append(k, v);
        }
    }
    if !status.is_success() {
        let e = ApiError::from_response(status, &map, body);
        return Err(to_pyerr(py, Error::Status(Box::new(e))));
    }
    dispatch::validate(sdk_method, status, &map, body).map_err(|e| to_pyerr(py, e))?;
    let resp = Response::detached(sdk_method, Map::new(), status, map, body)?;
    Ok(resp.parse(py)?.into_any())
}

/// The next page's parameters after `page`, as the pager computes them (for the shared
/// vectors).
#[pyfunction]
fn next_params(
    py: Python<'_>,
    sdk_method: &str,
    params: &Bound<'_, PyDict>,
    page: &[u8],
) -> PyResult<Option<Py<PyAny>>> {
    let params = model::dict_to_map(params)?;
    let resp = Response::detached(sdk_method, params, StatusCode::OK, HeaderMap::new(), page)?;
    resp.next_params(py)
}

/// The page style of an operation (`none`, `single`, `after_last_id`, …).
#[pyfunction]
fn page_style(sdk_method: &str) -> Option<&'static str> {
    dispatch::operation(sdk_method).map(|o| o.page_style.as_str())
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<CoreClient>()?;
    m.add_class::<Response>()?;
    model::register(m)?;
    m.add_function(wrap_pyfunction!(build_request, m)?)?;
    m.add_function(wrap_pyfunction!(parse_body, m)?)?;
    m.add_function(wrap_pyfunction!(next_params, m)?)?;
    m.add_function(wrap_pyfunction!(page_style, m)?)?;
    m.add("OPERATION_COUNT", openai_admin::OPERATIONS.len())?;
    Ok(())
}
