//! A scripted HTTP/1.1 server for tests, on `127.0.0.1` at a free port, that answers each
//! request as its [`Script`] says — including badly on purpose — and records what it received.
//!
//! It is used two ways:
//! - from Rust tests, as a library: [`FaultServer::start`] (or [`FaultServer::start_with`] and
//!   a closure that answers each request), then [`FaultServer::url`], [`FaultServer::log`];
//! - from other languages' tests, as the `fault-server` binary: it prints its base URL on
//!   the first line of stdout, and is driven over HTTP: `POST /__faults/script` replaces the
//!   script (and clears the record), `GET /__faults/log` returns what was received.
//!
//! Requests under `/__faults/` are control requests: they are neither counted nor recorded.
//!
//! # Scripts
//! Request *n* (counting from 1) is answered by `at["n"]` when present, else by the *n*-th
//! entry of `steps` (a step with `"times": k` counts as k entries), else by `otherwise`, else
//! with a `599` that says the script ran out. A [`Step`] can answer normally (status,
//! headers, JSON or text body), serve the next page of a generated list ([`ListSpec`]), or
//! misbehave: wait before the head, reset the connection before or after the head, cut the
//! body short, send malformed JSON or an HTML error page, send a body of any size, drip the
//! body slowly, or redirect.
//!
//! ```json
//! { "steps": [ { "status": 429, "headers": { "retry-after-ms": "20" } },
//!              { "reset": "before_head" },
//!              { "body": { "object": "organization.user", "id": "user_1" } } ] }
//! ```

use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::json;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

mod answer;
mod read;
mod script;

use answer::{answer, hung_up_during, write_simple};
use read::{Request, read_request};
pub use script::{ListSpec, Received, Reset, Script, Step};

/// Decides the answer to each request, in place of a script (see [`FaultServer::start_with`]).
pub type Responder = dyn Fn(&Received) -> Step + Send + Sync;

struct State {
    script: Script,
    responder: Option<Arc<Responder>>,
    log: Vec<Received>,
    hang_ups: usize,
}

struct Shared {
    state: Mutex<State>,
    start: Instant,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock leaves usable data behind.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A running fault server; stopped when dropped.
#[derive(Debug)]
pub struct FaultServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared").finish_non_exhaustive()
    }
}

impl FaultServer {
    /// Starts a server on `127.0.0.1` at a free port. Needs a Tokio runtime with I/O and
    /// timers enabled.
    pub async fn start(script: Script) -> io::Result<Self> {
        Self::listen(script, None).await
    }

    /// Starts a server that answers each request with the step `respond` returns for it,
    /// instead of following a script (until [`FaultServer::set_script`] gives it one).
    pub async fn start_with(respond: Arc<Responder>) -> io::Result<Self> {
        Self::listen(Script::default(), Some(respond)).await
    }

    async fn listen(script: Script, responder: Option<Arc<Responder>>) -> io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                script,
                responder,
                log: Vec::new(),
                hang_ups: 0,
            }),
            start: Instant::now(),
        });
        let task = tokio::spawn(accept_loop(listener, shared.clone()));
        Ok(Self { addr, shared, task })
    }

    /// The base URL, `http://127.0.0.1:PORT` (no trailing slash).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Replaces the script (and the responder, if any) and clears the record (request
    /// numbers start again from 1).
    pub fn set_script(&self, script: Script) {
        self.shared.lock().reset(script);
    }

    /// Every request received since the script was last set.
    pub fn log(&self) -> Vec<Received> {
        self.shared.lock().log.clone()
    }

    /// How many requests were received since the script was last set.
    pub fn requests(&self) -> usize {
        self.shared.lock().log.len()
    }

    /// How many clients hung up while the server waited to answer them (a step's
    /// `delay_ms`), since the script was last set.
    pub fn hang_ups(&self) -> usize {
        self.shared.lock().hang_ups
    }
}

impl State {
    fn reset(&mut self, script: Script) {
        self.script = script;
        self.responder = None;
        self.log.clear();
        self.hang_ups = 0;
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    // Dropping the set (when this task is aborted) aborts every connection task too.
    let mut conns = JoinSet::new();
    loop {
        while conns.try_join_next().is_some() {}
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        conns.spawn(serve(stream, shared.clone()));
    }
}

/// Serves one connection until it closes or a step ends it.
async fn serve(mut stream: TcpStream, shared: Arc<Shared>) {
    let mut buf = Vec::new();
    loop {
        let req = match read_request(&mut stream, &mut buf).await {
            Ok(Some(r)) => r,
            Ok(None) => return,
            Err(msg) => {
                let body = json!({"error": {"message": msg, "type": "fault_server"}}).to_string();
                let _ = write_simple(&mut stream, 400, "application/json", body.as_bytes()).await;
                return;
            }
        };
        if let Some(control) = req.target.strip_prefix("/__faults/") {
            if !control_request(&mut stream, &shared, &req, control).await {
                return;
            }
            continue;
        }
        let (scripted, responder, list, received) = {
            let mut st = shared.lock();
            let n = st.log.len() as u64 + 1;
            let (path, query) = match req.target.split_once('?') {
                Some((p, q)) => (p.to_owned(), Some(q.to_owned())),
                None => (req.target.clone(), None),
            };
            let received = Received {
                n,
                method: req.method.clone(),
                target: req.target.clone(),
                path,
                query,
                headers: req.headers.clone(),
                body: String::from_utf8_lossy(&req.body).into_owned(),
                at_ms: shared.start.elapsed().as_secs_f64() * 1000.0,
            };
            st.log.push(received.clone());
            let scripted = st.script.step_for(n).cloned();
            (
                scripted,
                st.responder.clone(),
                st.script.list.clone(),
                received,
            )
        };
        let n = received.n;
        // The responder runs outside the lock: it may look at the server.
        let step = responder.map_or(scripted, |respond| Some(respond(&received)));
        let step = step.unwrap_or_else(|| Step {
            status: Some(599),
            body: Some(json!({"error": {
                "message": format!("fault-server: the script has no answer for request {n}"),
                "type": "fault_server"}})),
            ..Step::default()
        });
        if step.delay_ms > 0 && hung_up_during(&stream, Duration::from_millis(step.delay_ms)).await
        {
            shared.lock().hang_ups += 1;
            return;
        }
        match answer(&mut stream, &step, list.as_ref(), &req).await {
            Ok(true) => {}
            Ok(false) | Err(_) => return,
        }
    }
}

/// Handles `/__faults/…`; `false` when the connection should close.
async fn control_request(
    stream: &mut TcpStream,
    shared: &Shared,
    req: &Request,
    what: &str,
) -> bool {
    let (status, body) = match (req.method.as_str(), what) {
        ("GET", "log") => (
            200,
            serde_json::to_vec(&shared.lock().log).unwrap_or_default(),
        ),
        ("POST", "script") => match serde_json::from_slice::<Script>(&req.body) {
            Ok(script) => {
                shared.lock().reset(script);
                (200, b"{\"ok\":true}".to_vec())
            }
            Err(e) => (
                400,
                json!({"error": {"message": format!("bad script: {e}"), "type": "fault_server"}})
                    .to_string()
                    .into_bytes(),
            ),
        },
        _ => (
            404,
            json!({"error": {"message": "unknown control request", "type": "fault_server"}})
                .to_string()
                .into_bytes(),
        ),
    };
    write_simple(stream, status, "application/json", &body)
        .await
        .is_ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn steps_expand_times_and_at_wins() {
        let mut s = Script::steps([
            Step {
                times: Some(2),
                ..Step::status(500)
            },
            Step::status(201),
        ]);
        s.at.insert(2, Step::status(404));
        s.otherwise = Some(Step::status(418));
        let st = |n| s.step_for(n).and_then(|x| x.status);
        assert_eq!(
            [st(1), st(2), st(3), st(4)],
            [Some(500), Some(404), Some(201), Some(418)]
        );
    }

    #[test]
    fn list_pages_by_last_id() {
        let spec = ListSpec {
            total: 5,
            page_size: 2,
            ..ListSpec::default()
        };
        let p1 = spec.page(None);
        assert_eq!(p1["last_id"], "item_000002");
        assert_eq!(p1["has_more"], true);
        let p3 = spec.page(Some("item_000004"));
        assert_eq!(p3["data"].as_array().unwrap().len(), 1);
        assert_eq!(p3["has_more"], false);
        let endless = ListSpec::default().page(Some("item_999999"));
        assert_eq!(endless["has_more"], true);
    }

    #[test]
    fn scripts_read_from_json() {
        let s: Script = serde_json::from_str(
            r#"{"steps": [{"status": 429, "headers": {"retry-after": "1"}}, {"reset": "after_head"}],
                "at": {"7": {"huge": 100}}, "list": {"total": 10}}"#,
        )
        .unwrap();
        assert_eq!(s.steps[1].reset, Some(Reset::AfterHead));
        assert_eq!(s.at[&7].huge, Some(100));
        assert!(serde_json::from_str::<Script>(r#"{"steps": [{"stauts": 1}]}"#).is_err());
    }
}
