//! A local, stateful OpenAI Admin API: a seeded organization served over HTTP, for trying
//! admin automation offline and for testing clients (ours and the official SDKs).
//!
//! Every operation of the core's table ([`openai_admin::OPERATIONS`]) is routed by its
//! method and path template; parameters are checked by building the core's typed
//! operation from the request, and answers are shaped by the spec's schemas. See the
//! crate's README for the command line, state files and fault injection.

mod seed;
mod spec;
mod state;
mod usage;

use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

pub use payloads::org::OrgSizes;
pub use state::{Reply, SeedSizes, State, error};

/// A fault to answer with instead of the real answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// `429` with `retry-after: 1`.
    RateLimited,
    /// `500`.
    ServerError,
    /// The connection is closed without an answer.
    Reset,
    /// The real answer, its body sent slowly (half, a pause of two seconds, the rest).
    Slow,
}

impl Fault {
    /// Reads `429`, `500`, `reset` or `slow`, optionally followed by `*N` (the count).
    pub fn parse(s: &str) -> Result<(Self, usize), String> {
        let (kind, n) = match s.split_once('*') {
            Some((k, n)) => (
                k,
                n.trim().parse::<usize>().map_err(|e| format!("{s}: {e}"))?,
            ),
            None => (s, 1),
        };
        let f = match kind.trim() {
            "429" => Self::RateLimited,
            "500" => Self::ServerError,
            "reset" => Self::Reset,
            "slow" => Self::Slow,
            other => return Err(format!("unknown fault '{other}' (429, 500, reset or slow)")),
        };
        Ok((f, n))
    }
}

/// How to start a sandbox.
#[derive(Debug, Clone)]
pub struct Options {
    /// The admin key clients must send.
    pub admin_key: String,
    /// The seed of the organization.
    pub seed: u64,
    /// How big it is.
    pub sizes: SeedSizes,
    /// Where state is loaded from (if it exists) and saved to after every change.
    pub state_file: Option<PathBuf>,
    /// Faults for the first requests.
    pub faults: Vec<(Fault, usize)>,
}

/// A bound sandbox, ready to serve.
#[derive(Debug)]
pub struct Sandbox {
    listener: TcpListener,
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    state: Mutex<State>,
    faults: Mutex<VecDeque<Fault>>,
    state_file: Option<PathBuf>,
}

fn wall_clock() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

impl Sandbox {
    /// Seeds the organization (or loads the state file) and binds `addr`.
    pub async fn bind(addr: SocketAddr, opts: Options) -> Result<Self, String> {
        // Seeded at the start of today (UTC): the same seed gives the same organization all day.
        let now = wall_clock();
        let mut state = State::new(opts.seed, &opts.admin_key, &opts.sizes, now - now % 86_400)?;
        state.tick(now);
        if let Some(f) = &opts.state_file {
            if f.exists() {
                let text =
                    std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
                let snap =
                    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", f.display()))?;
                state.restore(&snap)?;
            }
        }
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let mut faults = VecDeque::new();
        for (f, n) in &opts.faults {
            faults.extend(std::iter::repeat_n(*f, *n));
        }
        Ok(Self {
            listener,
            shared: Arc::new(Shared {
                state: Mutex::new(state),
                faults: Mutex::new(faults),
                state_file: opts.state_file,
            }),
        })
    }

    /// The base URL clients use, ending in `/v1`.
    pub fn url(&self) -> String {
        match self.listener.local_addr() {
            Ok(a) => format!("http://{a}/v1"),
            Err(_) => String::new(),
        }
    }

    /// Runs `f` on the state (for tests and tools in the same process).
    pub fn handle(&self) -> Handle {
        Handle(self.shared.clone())
    }

    /// Serves until the task is dropped.
    pub async fn serve(self) {
        loop {
            let Ok((stream, _)) = self.listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let shared = self.shared.clone();
            tokio::spawn(async move {
                let svc = service_fn(move |req| answer(shared.clone(), req));
                let _ = hyper::server::conn::http1::Builder::new()
                    .keep_alive(true)
                    .serve_connection(TokioIo::new(stream), svc)
                    .await;
            });
        }
    }
}

/// Access to a running sandbox's state from the same process.
#[derive(Debug, Clone)]
pub struct Handle(Arc<Shared>);

impl Handle {
    /// Runs `f` on the state.
    pub fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        let mut g = match self.0.state.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        f(&mut g)
    }

    /// Queues `n` faults of kind `f` for the next requests.
    pub fn inject(&self, f: Fault, n: usize) {
        if let Ok(mut q) = self.0.faults.lock() {
            q.extend(std::iter::repeat_n(f, n));
        }
    }
}

type Body = http_body_util::combinators::BoxBody<Bytes, Infallible>;

fn full(status: u16, body: &serde_json::Value, extra: &[(&str, String)]) -> Response<Body> {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    let mut r = Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .header(
            "x-request-id",
            format!("req_sandbox_{:016x}", rand::random::<u64>()),
        );
    for (k, v) in extra {
        r = r.header(*k, v);
    }
    r.body(Full::new(Bytes::from(bytes)).boxed())
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new()).boxed()))
}

#[derive(Debug)]
struct ResetError;

impl std::fmt::Display for ResetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection reset on purpose (fault injection)")
    }
}

impl std::error::Error for ResetError {}

async fn answer(shared: Arc<Shared>, req: Request<Incoming>) -> Result<Response<Body>, ResetError> {
    if let Some(spec) = req
        .headers()
        .get("x-sandbox-fault")
        .and_then(|v| v.to_str().ok())
    {
        match Fault::parse(spec) {
            Ok((f, n)) => {
                if let Ok(mut q) = shared.faults.lock() {
                    q.extend(std::iter::repeat_n(f, n));
                }
            }
            Err(e) => return Ok(full(400, &error(400, &e, None, None).body, &[])),
        }
    }
    let fault = shared.faults.lock().ok().and_then(|mut q| q.pop_front());
    match fault {
        Some(Fault::RateLimited) => {
            let e = error(
                429,
                "Rate limit reached for requests (sandbox fault injection).",
                None,
                Some("rate_limit_exceeded"),
            );
            let mut body = e.body;
            body["error"]["type"] = serde_json::json!("requests");
            return Ok(full(429, &body, &[("retry-after", "1".to_owned())]));
        }
        Some(Fault::ServerError) => {
            let mut body = error(
                500,
                "The server had an error while processing your request (sandbox fault injection).",
                None,
                None,
            )
            .body;
            body["error"]["type"] = serde_json::json!("server_error");
            return Ok(full(500, &body, &[]));
        }
        Some(Fault::Reset) => return Err(ResetError),
        _ => {}
    }
    let method = req.method().as_str().to_owned();
    let path = req.uri().path().to_owned();
    let query = req.uri().query().unwrap_or("").to_owned();
    let auth = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = req
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let reply = match path.strip_prefix("/v1") {
        Some(rest) => {
            let mut g = match shared.state.lock() {
                Ok(g) => g,
                Err(p) => p.into_inner(),
            };
            g.tick(wall_clock());
            let r = g.handle(&method, rest, &query, auth.as_deref(), &body);
            if r.status == 200 && method != "GET" {
                if let Some(f) = &shared.state_file {
                    let snap = g.snapshot();
                    drop(g);
                    let _ = std::fs::write(f, serde_json::to_vec(&snap).unwrap_or_default());
                }
            }
            r
        }
        None => error(
            404,
            &format!("Invalid URL ({method} {path})"),
            None,
            Some("unknown_url"),
        ),
    };
    if fault == Some(Fault::Slow) {
        let bytes = serde_json::to_vec(&reply.body).unwrap_or_default();
        let half = bytes.len() / 2;
        let (a, b) = (
            Bytes::copy_from_slice(&bytes[..half]),
            Bytes::copy_from_slice(&bytes[half..]),
        );
        let stream = futures_util::stream::unfold(0u8, move |step| {
            let (a, b) = (a.clone(), b.clone());
            async move {
                match step {
                    0 => Some((Ok::<_, Infallible>(Frame::data(a)), 1)),
                    1 => {
                        tokio::time::sleep(Duration::from_secs(2)).await;
                        Some((Ok(Frame::data(b)), 2))
                    }
                    _ => None,
                }
            }
        });
        let r = Response::builder()
            .status(reply.status)
            .header("content-type", "application/json")
            .body(BodyExt::boxed(StreamBody::new(stream)))
            .unwrap_or_else(|_| Response::new(Full::new(Bytes::new()).boxed()));
        return Ok(r);
    }
    Ok(full(reply.status, &reply.body, &[]))
}
