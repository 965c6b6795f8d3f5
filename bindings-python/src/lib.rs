//! The Python extension `openai_admin._core`: a thin layer over the `openai-admin` core.
//!
//! Python calls an operation by its SDK name with a dict of parameters; the core builds the
//! request, the core's client sends it (GIL released), and the body is parsed in Rust into
//! a [`model::BaseModel`] that makes Python values only when they are read. Every rule comes
//! from the core's host protocol ([`host`]): the settings and the environment, the operation
//! facts, the next page of a walk and how an error is described. The resource tree, the page
//! objects and the exception classes live in the Python package.

mod dump;
mod errors;
mod generated;
mod model;
mod response;
mod shape;

use std::future::Future;
use std::time::Duration;

use openai_admin::client::{CallOptions, Client};
use openai_admin::host::{self, Defaults, Settings};
use openai_admin::{Error, HttpRequest, OperationInfo, RequestOptions, dispatch};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3::{IntoPyObject, IntoPyObjectExt};
use serde_json::{Map, Value};

use errors::{Raise, guard, panic_err, panic_if_asked, to_pyerr};
use response::{Got, finish};

/// String pairs for a mapping of headers or query parameters, or `None` (values as JSON
/// text, strings as they are).
fn pairs(m: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(String, String)>> {
    let text = |v| match v {
        Value::String(s) => s,
        other => other.to_string(),
    };
    let items = dict(m)?
        .into_iter()
        .flat_map(|d| d.iter().collect::<Vec<_>>());
    items
        .map(|(k, v)| {
            let k: String = k.extract()?;
            let v = text(model::from_py(&v, &k)?);
            Ok((k, v))
        })
        .collect()
}

/// A mapping (or `None`) as a dict.
fn dict<'py>(m: Option<&Bound<'py, PyAny>>) -> PyResult<Option<Dict<'py>>> {
    m.filter(|m| !m.is_none()).map(model::as_dict).transpose()
}

/// A timeout as the Python side gives it: `NOT_GIVEN` (or left out) for the client's, `None`
/// for none at all, or seconds.
fn timeout(t: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Duration>> {
    match t {
        Some(t) if model::is_not_given(t) => Ok(None),
        Some(t) if t.is_none() => Ok(Some(Duration::MAX)),
        Some(t) => Duration::try_from_secs_f64(t.extract()?)
            .map(Some)
            .map_err(|_| PyValueError::new_err("timeout must be >= 0")),
        None => Ok(None),
    }
}

/// The settings the core reads from the environment mapping `env` (`os.environ`).
fn settings_from(env: &Bound<'_, PyAny>) -> Settings {
    Settings::from_lookup(|k| {
        env.call_method1("get", (k,))
            .and_then(|v| v.extract())
            .ok()?
    })
}

/// The level of the `openai_admin` logger that `OPENAI_LOG` in `env` asks for: `"debug"`,
/// `"info"`, or `None` (the official Python client logs at these two levels only).
#[pyfunction]
fn log_level(env: &Bound<'_, PyAny>) -> Option<&'static str> {
    let level = settings_from(env).log_level()?;
    let python = [host::LogLevel::Debug, host::LogLevel::Info];
    python
        .into_iter()
        .find(|l| level.logs(*l))
        .map(host::LogLevel::name)
}

/// The settings the core reads from `env` (`os.environ`), the key left out.
#[pyfunction]
fn settings(py: Python<'_>, env: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    model::plain(py, &settings_from(env))
}

/// A call's extra headers, query pairs and body fields (mappings or `None`) and its timeout,
/// as a generated method was given them (`opts` on the Python side).
type Extras<'py> = (Any<'py>, Any<'py>, Any<'py>, Any<'py>);
type Any<'py> = Bound<'py, PyAny>;
type Dict<'py> = Bound<'py, PyDict>;

/// What a response needs to know about the call that got it.
#[derive(Debug)]
pub(crate) struct Call {
    params: Map<String, Value>,
    strict: bool,
    max_pages: u64,
    /// Method, URL and headers (`Authorization` redacted) of the request, for logs.
    sent: Sent,
}

/// Method, URL and headers (`Authorization` redacted) of a request.
pub(crate) type Sent = (String, String, Vec<(String, String)>);

/// Runs `fut` on the shared Tokio runtime and hands its output to `then` (with the GIL):
/// waited for here with the GIL released, checking for signals every 50 ms so that Ctrl-C
/// interrupts the wait (and drops the task); or, with `is_async`, as an asyncio awaitable
/// (cancelling it drops the task). A panic on either side becomes `InternalError`.
pub(crate) fn run<T, R>(
    py: Python<'_>,
    is_async: bool,
    fut: impl Future<Output = T> + Send + 'static,
    then: impl FnOnce(Python<'_>, T) -> PyResult<R> + Send + 'static,
) -> PyResult<Py<PyAny>>
where
    T: Send + 'static,
    R: for<'py> IntoPyObject<'py> + Send + 'static,
{
    use futures_util::FutureExt;
    let fut = std::panic::AssertUnwindSafe(fut).catch_unwind();
    if is_async {
        let done = pyo3_async_runtimes::tokio::future_into_py(py, async move {
            let out = fut.await;
            Python::attach(|py| match out {
                Ok(out) => guard(py, || then(py, out)),
                Err(payload) => Err(panic_err(py, payload.as_ref())),
            })
        });
        return done.map(Bound::unbind);
    }
    let rt = pyo3_async_runtimes::tokio::get_runtime();
    let mut task = rt.spawn(fut);
    let tick = Duration::from_millis(50);
    let out = loop {
        match py.detach(|| rt.block_on(async { tokio::time::timeout(tick, &mut task).await })) {
            Ok(Ok(Ok(done))) => break done,
            Ok(Ok(Err(payload))) => return Err(panic_err(py, payload.as_ref())),
            Ok(Err(e)) => return Err(PyRuntimeError::new_err(format!("failed: {e}"))),
            Err(_) => py.check_signals().inspect_err(|_| task.abort())?,
        }
    };
    guard(py, || then(py, out))?.into_py_any(py)
}

/// The HTTP side of a client: settings, connection pool and retry loop.
#[pyclass(frozen, module = "openai_admin._core")]
#[derive(Debug)]
struct CoreClient {
    client: Client,
    settings: Settings,
}

/// A call ready to send: the request, the operation, the call options, and for the response.
type Prepared = (HttpRequest, &'static OperationInfo, CallOptions, Call);

impl CoreClient {
    fn prepare(
        &self,
        sdk_method: &str,
        params: &Bound<'_, PyDict>,
        x: Option<Extras<'_>>,
    ) -> PyResult<Prepared> {
        let py = params.py();
        panic_if_asked(1);
        let op = host::require_operation(sdk_method).raise(py)?;
        let params = model::dict_to_map(params)?;
        let (h, q, b, t) = match &x {
            Some((h, q, b, t)) => (Some(h), Some(q), Some(b), Some(t)),
            None => (None, None, None, None),
        };
        let request = RequestOptions {
            extra_headers: pairs(h)?,
            extra_query: pairs(q)?,
            extra_body: dict(b)?.as_ref().map(model::dict_to_map).transpose()?,
        };
        let cfg = self.client.config();
        let req = dispatch::build(op.sdk_method, params.clone(), cfg, &request).raise(py)?;
        let sent = (
            req.method().to_string(),
            req.uri().to_string(),
            host::header_fields(req.headers(), true),
        );
        let s = &self.settings;
        let (strict, max_pages) = (s.strict_response_validation, s.max_pages);
        let opts = CallOptions {
            request,
            timeout: timeout(t)?,
            ..CallOptions::default()
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

    /// Sends the request; the future owns all it needs. With `stream`, a 2xx answer comes
    /// back with its body unread (any other is read whole, for its error).
    fn send(
        &self,
        (req, op, opts): (HttpRequest, &OperationInfo, CallOptions),
        stream: bool,
    ) -> impl Future<Output = Result<Got, Error>> + Send + 'static {
        let (client, idempotent) = (self.client.clone(), op.idempotent);
        async move {
            panic_if_asked(2);
            if !stream {
                return client.execute(req, idempotent, &opts).await.map(Got::Whole);
            }
            let open = client.execute_streaming(req, idempotent, &opts).await?;
            match open.status.is_success() {
                true => Ok(Got::Open(open)),
                false => open.into_raw().await.map(Got::Whole),
            }
        }
    }
}

#[pymethods]
impl CoreClient {
    /// A client from the environment mapping `env` (`os.environ`) and `given`, the settings
    /// passed by the core's names (`host::Overrides`), which replace what the environment
    /// says; empty values count as unset (the core's rule). `timeout` as a call's (see
    /// [`timeout`]). With `share`, the settings not given are `share`'s and the connection pool is
    /// shared with it.
    #[new]
    #[pyo3(signature = (env, timeout, headers=None, query=None, share=None, **given))]
    fn new(
        env: &Bound<'_, PyAny>,
        timeout: Any<'_>,
        headers: Option<Any<'_>>,
        query: Option<Any<'_>>,
        share: Option<PyRef<'_, CoreClient>>,
        given: Option<Dict<'_>>,
    ) -> PyResult<Self> {
        let py = env.py();
        let given = given.map(|d| pythonize::depythonize::<host::Overrides>(&d));
        let bad = |e: pythonize::PythonizeError| Error::invalid("client settings", e.to_string());
        let mut given = given
            .transpose()
            .map_err(bad)
            .raise(py)?
            .unwrap_or_default();
        given.timeout = self::timeout(Some(&timeout))?;
        // A copy starts from the settings of the client it shares a connection pool with.
        let mut s = share
            .as_ref()
            .map_or_else(|| settings_from(env), |c| c.settings.clone());
        s.apply(given);
        let mut cfg = s.config("python").raise(py)?;
        cfg.default_headers = pairs(headers.as_ref())?;
        cfg.default_query = pairs(query.as_ref())?;
        // Entering the runtime lets reqwest find it; the client itself does no I/O yet.
        let _guard = pyo3_async_runtimes::tokio::get_runtime().enter();
        let client = match &share {
            Some(c) => c.client.clone().with_config(cfg),
            None => Client::new(cfg).raise(py)?,
        };
        let client = client.with_settings(&s);
        Ok(Self {
            client,
            settings: s,
        })
    }

    /// The client's settings (the key left out).
    #[getter]
    fn settings(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        model::plain(py, &self.settings)
    }

    /// The admin key the client sends (the official client's `admin_api_key` attribute).
    #[getter]
    fn admin_api_key(&self) -> Option<&str> {
        self.settings.api_key.as_ref().map(|k| k.expose())
    }

    /// Sends one request and returns its response: waited for with the GIL released
    /// (Ctrl-C interrupts it), or with `is_async` as an asyncio awaitable (cancelling it drops
    /// the call: the request in flight is abandoned and a pending retry is not sent). With
    /// `stream`, the response comes once its status and headers are in, its body unread.
    #[pyo3(signature = (sdk_method, params, opts, *, is_async=false, stream=false))]
    fn request(
        &self,
        py: Python<'_>,
        sdk_method: &str,
        params: &Bound<'_, PyDict>,
        opts: Extras<'_>,
        is_async: bool,
        stream: bool,
    ) -> PyResult<Py<PyAny>> {
        let (req, op, opts, call) = guard(py, || self.prepare(sdk_method, params, Some(opts)))?;
        let sending = self.send((req, op, opts), stream);
        run(py, is_async, sending, move |py, got| {
            finish(py, op, call, got)
        })
    }
}

/// The page style of an operation (`none`, `single`, `after_last_id`, …).
#[pyfunction]
fn page_style(sdk_method: &str) -> Option<&'static str> {
    host::operation(sdk_method).map(|o| o.page_style.as_str())
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<CoreClient>()?;
    response::register(m)?;
    model::register(m)?;
    m.add_function(wrap_pyfunction!(settings, m)?)?;
    m.add_function(wrap_pyfunction!(log_level, m)?)?;
    m.add_function(wrap_pyfunction!(page_style, m)?)?;
    m.add_function(wrap_pyfunction!(errors::_panic_next, m)?)?;
    m.add("OPERATION_COUNT", openai_admin::OPERATIONS.len())?;
    m.add("DEFAULT_BASE_URL", Defaults::BASE_URL)?;
    m.add("DEFAULT_TIMEOUT", Defaults::TIMEOUT.as_secs_f64())?;
    m.add("DEFAULT_MAX_RETRIES", Defaults::MAX_RETRIES)?;
    m.add("DEFAULT_MAX_PAGES", Defaults::MAX_PAGES)?;
    m.add("REQUEST_ID_HEADER", host::REQUEST_ID_HEADER)?;
    Ok(())
}
