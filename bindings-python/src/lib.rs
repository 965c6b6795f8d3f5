//! The Python extension `openai_admin._core`: a thin layer over the `openai-admin` core.
//!
//! Python calls an operation by its SDK name with a dict of parameters; the core builds the
//! request, the core's client sends it (GIL released), and the body is parsed in Rust into
//! a [`model::BaseModel`] that makes Python values only when they are read. Every rule comes
//! from the core's host protocol ([`host`]): the settings and the environment, the operation
//! facts, the next page of a walk and how an error is described. The resource tree, the page
//! objects and the exception classes live in the Python package.

mod generated;
mod model;
mod shape;

use std::future::Future;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use http::{HeaderMap, StatusCode};
use openai_admin::client::{CallOptions, Client, RawResponse};
use openai_admin::host::{self, Defaults, PageFacts, Settings};
use openai_admin::retry::RetryPolicy;
use openai_admin::{AdminKey, ApiError, Error, HttpRequest, OperationInfo, RequestOptions};
use openai_admin::{dispatch, error::request_id};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict};
use serde_json::{Map, Value};

/// Runs `f`, turning a panic into an exception of the package's own hierarchy
/// (`_exceptions.InternalError`, an `OpenAIError`) instead of pyo3's `PanicException`,
/// which `except Exception` does not catch.
pub(crate) fn guard<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|payload| Err(panic_err(py, payload.as_ref())))
}

/// The exception for a caught panic, with its message.
fn panic_err(py: Python<'_>, payload: &(dyn std::any::Any + Send)) -> PyErr {
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
fn panic_if_asked(site: u8) {
    use std::sync::atomic::Ordering::SeqCst;
    if PANIC_NEXT.compare_exchange(site, 0, SeqCst, SeqCst).is_ok() {
        panic!("a panic asked for by the test hook (site {site})");
    }
}

/// Test hook: the next request panics on purpose at `site` (`"call"`: on the calling thread,
/// `"task"`: in the task that sends it), to check that no panic crosses into Python as
/// anything but an `OpenAIError`.
#[pyfunction]
fn _panic_next(site: &str) -> PyResult<()> {
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
fn to_pyerr_at(py: Python<'_>, e: Error, sent: Option<Sent>, resp: Option<Response>) -> PyErr {
    static MAKE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let make = || -> PyResult<PyErr> {
        let info = plain_of(py, &host::describe(&e))?;
        let f = MAKE.import(py, "openai_admin._exceptions", "_from_core")?;
        Ok(PyErr::from_value(f.call1((info, sent, resp))?))
    };
    make().unwrap_or_else(|err| err)
}

/// `?` for core results: the error becomes its Python exception.
trait Raise<T> {
    fn raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> Raise<T> for Result<T, Error> {
    fn raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_pyerr(py, e))
    }
}

/// Plain Python values for what the core serializes.
fn plain_of(py: Python<'_>, v: &impl serde::Serialize) -> PyResult<Py<PyAny>> {
    let v = serde_json::to_value(v).map_err(|e| PyValueError::new_err(e.to_string()))?;
    model::plain(py, &v)
}

fn header_pairs(h: &HeaderMap, redact: bool) -> Vec<(String, String)> {
    // Credentials (marked sensitive, or named as one by the core) never leave redacted.
    let secret = |k: &http::HeaderName, v: &http::HeaderValue| {
        v.is_sensitive() || openai_admin::request::is_sensitive(k)
    };
    let text = |k: &http::HeaderName, v: &http::HeaderValue| match redact && secret(k, v) {
        true => "<redacted>".to_owned(),
        false => String::from_utf8_lossy(v.as_bytes()).into_owned(),
    };
    h.iter().map(|(k, v)| (k.to_string(), text(k, v))).collect()
}

/// A response with a 2xx status, not yet parsed.
#[pyclass(frozen, module = "openai_admin._core")]
#[derive(Debug)]
struct Response {
    op: &'static OperationInfo,
    call: Call,
    status: StatusCode,
    headers: HeaderMap,
    body: Arc<String>,
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
    #[getter]
    fn content<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.body.as_bytes())
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
    fn parse_body(&self, py: Python<'_>) -> PyResult<Py<model::BaseModel>> {
        if let Some(m) = self.root.get() {
            return Ok(m.clone_ref(py));
        }
        let (name, body) = (self.op.sdk_method, self.body.as_bytes());
        if self.call.strict {
            py.detach(|| dispatch::validate(name, self.status, &self.headers, body))
                .raise(py)?;
        }
        let root = py.detach(|| model::root(self.body.clone(), name));
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

/// One walk over a list's pages: the core's [`host::Walk`], which ends a walk at a cursor it
/// has already followed and at the page cap. Each page holds the walk as it stood before it;
/// [`Walk::step`] gives the walk after it, so walking again from an earlier page decides the
/// same way. The state is shared until it changes: a walk whose earlier pages are gone is
/// updated in place.
#[pyclass(module = "openai_admin._core")]
#[derive(Debug)]
struct Walk(Option<Arc<host::Walk>>);

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

fn pairs(d: Option<&Bound<'_, PyDict>>) -> PyResult<Vec<(String, String)>> {
    let text = |v| match v {
        Value::String(s) => s,
        other => other.to_string(),
    };
    let items = d.into_iter().flat_map(|d| d.iter());
    items
        .map(|(k, v)| Ok((k.extract()?, text(model::from_py(&v)?))))
        .collect()
}

/// A timeout in seconds; `inf` (what the Python side passes for `timeout=None`) is no
/// timeout at all.
fn secs(t: Option<f64>) -> PyResult<Option<Duration>> {
    let bad = |_| PyValueError::new_err("timeout must be >= 0");
    let dur = |s: f64| match s == f64::INFINITY {
        true => Ok(Duration::MAX),
        false => Duration::try_from_secs_f64(s).map_err(bad),
    };
    t.map(dur).transpose()
}

/// The settings the core reads from the environment mapping `env` (`os.environ`).
fn settings_from(env: &Bound<'_, PyAny>) -> Settings {
    Settings::from_lookup(|k| {
        env.call_method1("get", (k,))
            .and_then(|v| v.extract())
            .ok()?
    })
}

/// The settings the core reads from `env` (`os.environ`), the key left out.
#[pyfunction]
fn settings(py: Python<'_>, env: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    plain_of(py, &settings_from(env))
}

/// A call's extra headers, query pairs, body fields and timeout (`opts` on the Python side).
type Extras<'py> = (
    Option<Dict<'py>>,
    Option<Dict<'py>>,
    Option<Dict<'py>>,
    Option<f64>,
);

/// A call's retry settings over the client's: `max_retries`, `retry_non_idempotent`.
type Retries = Option<(Option<u32>, Option<bool>)>;
type Dict<'py> = Bound<'py, PyDict>;

/// What a response needs to know about the call that got it.
#[derive(Debug, Default)]
struct Call {
    params: Map<String, Value>,
    strict: bool,
    max_pages: u64,
    /// Method, URL and headers (`Authorization` redacted) of the request, for logs.
    sent: Sent,
}

/// Method, URL and headers (`Authorization` redacted) of a request.
type Sent = (String, String, Vec<(String, String)>);

/// Turns what the client returned into a [`Response`], or the error for a non-2xx status.
fn finish(
    py: Python<'_>,
    op: &'static OperationInfo,
    call: Call,
    raw: Result<RawResponse, Error>,
) -> PyResult<Response> {
    let raw = raw.map_err(|e| to_pyerr_at(py, e, Some(call.sent.clone()), None))?;
    let error = (!raw.status.is_success())
        .then(|| ApiError::from_response(raw.status, &raw.headers, &raw.body));
    let body = String::from_utf8(raw.body)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let (status, headers, body, root) = (raw.status, raw.headers, Arc::new(body), OnceLock::new());
    let sent = error.as_ref().map(|_| call.sent.clone());
    let resp = Response {
        op,
        call,
        status,
        headers,
        body,
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

/// Runs `fut` on the shared Tokio runtime and waits for it with the GIL released, checking
/// for signals every 50 ms so that Ctrl-C interrupts the wait.
fn wait<T: Send + 'static>(
    py: Python<'_>,
    fut: impl Future<Output = T> + Send + 'static,
) -> PyResult<T> {
    let rt = pyo3_async_runtimes::tokio::get_runtime();
    let mut task = rt.spawn(fut);
    let tick = Duration::from_millis(50);
    loop {
        match py.detach(|| rt.block_on(async { tokio::time::timeout(tick, &mut task).await })) {
            Ok(Ok(done)) => return Ok(done),
            Ok(Err(e)) if e.is_panic() => return Err(panic_err(py, e.into_panic().as_ref())),
            Ok(Err(e)) => return Err(PyRuntimeError::new_err(format!("failed: {e}"))),
            Err(_) => py.check_signals().inspect_err(|_| task.abort())?,
        }
    }
}

/// The HTTP side of a client: settings, connection pool and retry loop.
#[pyclass(frozen, module = "openai_admin._core")]
#[derive(Debug)]
struct CoreClient {
    client: Client,
    strict: bool,
    settings: Settings,
}

/// A call ready to send: the request, the operation, the call options, and for the response.
type Prepared = (HttpRequest, &'static OperationInfo, CallOptions, Call);

impl CoreClient {
    fn prepare(
        &self,
        sdk_method: &str,
        params: &Bound<'_, PyDict>,
        x: Extras<'_>,
        retries: Retries,
    ) -> PyResult<Prepared> {
        let py = params.py();
        panic_if_asked(1);
        let op = host::require_operation(sdk_method).raise(py)?;
        let params = model::dict_to_map(params)?;
        let request = RequestOptions {
            extra_headers: pairs(x.0.as_ref())?,
            extra_query: pairs(x.1.as_ref())?,
            extra_body: x.2.as_ref().map(model::dict_to_map).transpose()?,
        };
        let cfg = self.client.config();
        let req = dispatch::build(op.sdk_method, params.clone(), cfg, &request).raise(py)?;
        let sent = (
            req.method().to_string(),
            req.uri().to_string(),
            header_pairs(req.headers(), true),
        );
        let (strict, max_pages) = (self.strict, self.settings.max_pages);
        let (max_retries, retry_non_idempotent) = retries.unwrap_or_default();
        let opts = CallOptions {
            request,
            timeout: secs(x.3)?,
            max_retries,
            retry_non_idempotent,
        };
        Ok((
            req,
            op,
            opts,
            Call {
                params,
                strict,
                max_pages,
                sent,
            },
        ))
    }

    /// Sends the request; the future owns all it needs.
    fn send(
        &self,
        (req, op, opts): (HttpRequest, &OperationInfo, CallOptions),
    ) -> impl Future<Output = Result<RawResponse, Error>> + Send + 'static {
        let (client, idempotent) = (self.client.clone(), op.idempotent);
        async move {
            panic_if_asked(2);
            client.execute(req, idempotent, &opts).await
        }
    }
}

#[pymethods]
impl CoreClient {
    /// A client from the environment mapping `env` (`os.environ`) and the arguments given,
    /// which replace what the environment says; empty values count as unset (the core's
    /// rule). `max_pages` caps every walk (0: no cap). With `share`, the settings not given
    /// are `share`'s and the connection pool is shared with it.
    #[new]
    #[pyo3(signature = (env, api_key=None, base_url=None, organization=None, project=None, default_headers=None, default_query=None, timeout=None, max_retries=None, max_pages=None, strict=false, share=None, retry_non_idempotent=None, max_response_bytes=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        env: &Bound<'_, PyAny>,
        api_key: Option<String>,
        base_url: Option<String>,
        organization: Option<String>,
        project: Option<String>,
        default_headers: Option<&Bound<'_, PyDict>>,
        default_query: Option<&Bound<'_, PyDict>>,
        timeout: Option<f64>,
        max_retries: Option<u32>,
        max_pages: Option<u64>,
        strict: bool,
        share: Option<PyRef<'_, CoreClient>>,
        retry_non_idempotent: Option<bool>,
        max_response_bytes: Option<u64>,
    ) -> PyResult<Self> {
        // A copy starts from the settings of the client it shares a connection pool with.
        let mut s = share
            .as_ref()
            .map_or_else(|| settings_from(env), |c| c.settings.clone());
        let given = |arg: Option<String>, env: Option<String>| match arg {
            Some(_) => host::non_empty(arg),
            None => env,
        };
        if api_key.is_some() {
            s.api_key = host::non_empty(api_key).map(AdminKey::new);
        }
        s.organization = given(organization, s.organization);
        s.project = given(project, s.project);
        if let Some(url) = host::non_empty(base_url) {
            s.base_url = host::trim_base_url(&url);
        }
        let timeout = secs(timeout)?.unwrap_or(Duration::from_millis(s.timeout_ms));
        s.timeout_ms = u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX);
        s.max_retries = max_retries.unwrap_or(s.max_retries);
        s.max_pages = max_pages.unwrap_or(s.max_pages);
        let mut cfg = s.config("python").raise(py)?;
        cfg.default_headers = pairs(default_headers)?;
        cfg.default_query = pairs(default_query)?;
        // Entering the runtime lets reqwest find it; the client itself does no I/O yet.
        let _guard = pyo3_async_runtimes::tokio::get_runtime().enter();
        let client = match &share {
            Some(c) => c.client.clone().with_config(cfg),
            None => Client::new(cfg).raise(py)?,
        };
        // Creates are retried only when asked (here, or by the client this one copies).
        let retry_non_idempotent = retry_non_idempotent
            .or_else(|| {
                share
                    .as_ref()
                    .map(|c| c.client.retry_policy().retry_non_idempotent)
            })
            .unwrap_or(false);
        let max_response_bytes = max_response_bytes
            .or_else(|| share.as_ref().map(|c| c.client.max_response_bytes()))
            .unwrap_or(Defaults::MAX_RESPONSE_BYTES);
        let client = client
            .with_timeout(timeout)
            .with_retry_policy(RetryPolicy {
                max_retries: s.max_retries,
                retry_non_idempotent,
            })
            .with_max_response_bytes(max_response_bytes)
            .with_max_pages(s.max_pages);
        Ok(Self {
            client,
            strict,
            settings: s,
        })
    }

    /// Whether failed creates are sent again.
    #[getter]
    fn retry_non_idempotent(&self) -> bool {
        self.client.retry_policy().retry_non_idempotent
    }

    /// The client's settings (the key left out).
    #[getter]
    fn settings(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        plain_of(py, &self.settings)
    }

    /// Sends one request and waits for it with the GIL released; Ctrl-C interrupts it.
    /// `retries` replaces the client's `max_retries` and `retry_non_idempotent` for this call.
    #[pyo3(signature = (sdk_method, params, opts, retries=None))]
    fn request(
        &self,
        py: Python<'_>,
        sdk_method: &str,
        params: &Bound<'_, PyDict>,
        opts: Extras<'_>,
        retries: Retries,
    ) -> PyResult<Response> {
        guard(py, || {
            let (req, op, opts, call) = self.prepare(sdk_method, params, opts, retries)?;
            let raw = wait(py, self.send((req, op, opts)))?;
            finish(py, op, call, raw)
        })
    }

    /// Sends one request on the shared Tokio runtime; returns an asyncio awaitable.
    /// Cancelling the awaitable drops the call: the request in flight is abandoned and a
    /// pending retry is not sent.
    #[pyo3(signature = (sdk_method, params, opts, retries=None))]
    fn request_async<'py>(
        &self,
        py: Python<'py>,
        sdk_method: &str,
        params: &Bound<'py, PyDict>,
        opts: Extras<'py>,
        retries: Retries,
    ) -> PyResult<Bound<'py, PyAny>> {
        use futures_util::FutureExt;
        let (req, op, opts, call) = guard(py, || self.prepare(sdk_method, params, opts, retries))?;
        let sending = std::panic::AssertUnwindSafe(self.send((req, op, opts))).catch_unwind();
        pyo3_async_runtimes::tokio::future_into_py(py, async move {
            let raw = sending.await;
            Python::attach(|py| match raw {
                Ok(raw) => guard(py, || finish(py, op, call, raw)),
                Err(payload) => Err(panic_err(py, payload.as_ref())),
            })
        })
    }

    /// Builds a request without sending it (for the shared test vectors):
    /// `(method, url, headers with Authorization redacted, body or None)`.
    fn build(&self, sdk_method: &str, params: &Bound<'_, PyDict>) -> PyResult<Built> {
        let x = (None, None, None, None);
        let (req, _, _, call) = guard(params.py(), || self.prepare(sdk_method, params, x, None))?;
        let body = (!req.body().is_empty()).then(|| PyBytes::new(params.py(), req.body()).unbind());
        let (method, url, headers) = call.sent;
        Ok((method, url, headers, body))
    }
}

/// Method, URL, headers and body of a built request.
type Built = (String, String, Vec<(String, String)>, Option<Py<PyBytes>>);

/// A response of `sdk_method` that came from no request, checked as in strict mode (for the
/// shared test vectors): the status error or decode error, or the response.
#[pyfunction]
#[pyo3(signature = (sdk_method, status, body, headers=None, params=None))]
fn response(
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
    let params = params
        .map(model::dict_to_map)
        .transpose()?
        .unwrap_or_default();
    let call = Call {
        params,
        max_pages: Defaults::MAX_PAGES,
        ..Call::default()
    };
    let raw = RawResponse {
        status,
        headers: map,
        body: body.to_vec(),
    };
    finish(py, op, call, Ok(raw))
}

/// The page style of an operation (`none`, `single`, `after_last_id`, …).
#[pyfunction]
fn page_style(sdk_method: &str) -> Option<&'static str> {
    host::operation(sdk_method).map(|o| o.page_style.as_str())
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<CoreClient>()?;
    m.add_class::<Response>()?;
    m.add_class::<Walk>()?;
    model::register(m)?;
    m.add_function(wrap_pyfunction!(settings, m)?)?;
    m.add_function(wrap_pyfunction!(response, m)?)?;
    m.add_function(wrap_pyfunction!(page_style, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_next, m)?)?;
    m.add("OPERATION_COUNT", openai_admin::OPERATIONS.len())?;
    m.add("DEFAULT_BASE_URL", Defaults::BASE_URL)?;
    m.add("DEFAULT_TIMEOUT", Defaults::TIMEOUT.as_secs_f64())?;
    m.add("DEFAULT_MAX_RETRIES", Defaults::MAX_RETRIES)?;
    m.add("DEFAULT_MAX_PAGES", Defaults::MAX_PAGES)?;
    Ok(())
}
