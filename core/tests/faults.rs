//! The shared fault scenarios (`tests/vectors/faults.json`) through the Rust client, each
//! against its own fault server (`fault-server/`). The Rust-only checks (cancellation,
//! creates sent once, secrets in `Debug`) are in `faults_rust.rs`.
#![allow(clippy::unwrap_used, missing_docs)] // tests may panic

use std::time::{Duration, Instant};

use fault_server::{FaultServer, Received, Script, Step};
use futures_util::StreamExt;
use openai_admin::client::{CallOptions, Client};
use openai_admin::host::{self, describe};
use openai_admin::params::FromParams;
use openai_admin::retry::RetryPolicy;
use openai_admin::{Config, Error, Paginated, RequestOptions, dispatch, ops};
use serde::Deserialize;
use serde_json::{Map, Value};

/// Scheduling slack allowed past a wait's upper bound (a loaded machine runs late, never
/// early).
const LATE: f64 = 0.35;
/// Timer rounding allowed before a wait's lower bound.
const EARLY: f64 = 0.005;

#[derive(Deserialize)]
struct Doc {
    admin_key: String,
    base_path: String,
    client: ClientSpec,
    scenarios: Vec<Scenario>,
    hostile_ids: Hostile,
}

#[derive(Deserialize, Default, Clone, Copy)]
#[serde(deny_unknown_fields)]
struct ClientSpec {
    max_retries: Option<u32>,
    timeout_ms: Option<u64>,
    max_response_bytes: Option<u64>,
    max_pages: Option<u64>,
    retry_non_idempotent: Option<bool>,
}

impl ClientSpec {
    fn over(self, base: ClientSpec) -> ClientSpec {
        ClientSpec {
            max_retries: self.max_retries.or(base.max_retries),
            timeout_ms: self.timeout_ms.or(base.timeout_ms),
            max_response_bytes: self.max_response_bytes.or(base.max_response_bytes),
            max_pages: self.max_pages.or(base.max_pages),
            retry_non_idempotent: self.retry_non_idempotent.or(base.retry_non_idempotent),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    name: String,
    script: Script,
    call: Call,
    #[serde(default)]
    client: ClientSpec,
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Call {
    sdk_method: String,
    params: Map<String, Value>,
    #[serde(default)]
    walk: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    attempts: usize,
    #[serde(default)]
    waits: Option<Vec<[f64; 2]>>,
    #[serde(default)]
    result: Option<Map<String, Value>>,
    #[serde(default)]
    error: Option<Map<String, Value>>,
    #[serde(default)]
    items: Option<Items>,
    #[serde(default)]
    paths: Option<Vec<String>>,
    #[serde(default)]
    resume_cursor: Option<String>,
    #[serde(default)]
    resume: Option<Box<Expect>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Items {
    count: usize,
    #[serde(default)]
    first: Option<String>,
    #[serde(default)]
    last: Option<String>,
    #[serde(default)]
    ordered: bool,
}

#[derive(Deserialize)]
struct Hostile {
    sdk_method: String,
    param: String,
    answer: Step,
    cases: Vec<HostileCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HostileCase {
    name: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    id_repeat: Option<Repeat>,
    expect: HostileExpect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Repeat {
    #[serde(default)]
    prefix: String,
    text: String,
    times: usize,
}

impl Repeat {
    fn build(&self) -> String {
        format!("{}{}", self.prefix, self.text.repeat(self.times))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HostileExpect {
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    path_repeat: Option<Repeat>,
    #[serde(default)]
    error: Option<Map<String, Value>>,
}

fn doc() -> Doc {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/faults.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn client(doc: &Doc, server: &FaultServer, spec: ClientSpec) -> Client {
    let spec = spec.over(doc.client);
    let cfg = Config::new(doc.admin_key.as_str()).with_base_url(format!(
        "{}{}",
        server.url(),
        doc.base_path
    ));
    let mut c = Client::new(cfg).unwrap().with_retry_policy(RetryPolicy {
        max_retries: spec.max_retries.unwrap_or(host::Defaults::MAX_RETRIES),
        retry_non_idempotent: spec.retry_non_idempotent.unwrap_or(false),
    });
    if let Some(ms) = spec.timeout_ms {
        c = c.with_timeout(Duration::from_millis(ms));
    }
    if let Some(n) = spec.max_response_bytes {
        c = c.with_max_response_bytes(n);
    }
    if let Some(n) = spec.max_pages {
        c = c.with_max_pages(n);
    }
    c
}

/// One operation by name, as the bindings call it: build, execute (with retries), parse.
async fn call_once(
    client: &Client,
    sdk_method: &str,
    params: &Map<String, Value>,
) -> Result<Value, Error> {
    let info = host::require_operation(sdk_method)?;
    let req = dispatch::build(
        sdk_method,
        params.clone(),
        client.config(),
        &RequestOptions::default(),
    )?;
    let raw = client
        .execute(req, info.idempotent, &CallOptions::default())
        .await?;
    dispatch::parse(sdk_method, raw.status, &raw.headers, &raw.body)
}

/// What a walk yielded: the item ids, the error that ended it, and where to resume.
struct Walked {
    ids: Vec<String>,
    error: Option<Error>,
    resume: Option<String>,
}

async fn walk_users(client: &Client, op: ops::UsersList) -> Walked {
    let mut items = client.items(op);
    let mut ids = Vec::new();
    let mut error = None;
    while let Some(item) = items.next().await {
        match item {
            Ok(user) => ids.push(user.id),
            Err(e) => {
                error = Some(e);
                break;
            }
        }
    }
    Walked {
        ids,
        error,
        resume: items.resume_cursor(),
    }
}

fn check_error(name: &str, e: &Error, want: &Map<String, Value>) {
    let got = serde_json::to_value(describe(e)).unwrap();
    for (k, v) in want {
        assert_eq!(&got[k], v, "{name}: error field {k:?} of {got}");
    }
}

fn check_items(name: &str, ids: &[String], want: &Items) {
    assert_eq!(ids.len(), want.count, "{name}: items");
    if let Some(first) = &want.first {
        assert_eq!(ids.first(), Some(first), "{name}: first item");
    }
    if let Some(last) = &want.last {
        assert_eq!(ids.last(), Some(last), "{name}: last item");
    }
    if want.ordered {
        // Strictly increasing: each once, in order.
        for w in ids.windows(2) {
            assert!(w[0] < w[1], "{name}: {} then {}", w[0], w[1]);
        }
    }
}

fn check_waits(name: &str, log: &[Received], waits: &[[f64; 2]]) {
    assert_eq!(waits.len() + 1, log.len(), "{name}: one wait per retry");
    for (i, [lo, hi]) in waits.iter().enumerate() {
        let gap = (log[i + 1].at_ms - log[i].at_ms) / 1000.0;
        assert!(
            gap >= lo - EARLY && gap <= hi + LATE,
            "{name}: wait {i} was {gap:.3} s, expected {lo}..{hi} s"
        );
    }
}

/// What running the scenarios counted.
#[derive(Default, Debug)]
struct Tally {
    scenarios: usize,
    requests: usize,
    faults: usize,
    paged_items: usize,
}

async fn run(doc: &Doc, sc: &Scenario, tally: &mut Tally) {
    let name = sc.name.as_str();
    let server = FaultServer::start(sc.script.clone()).await.unwrap();
    let client = client(doc, &server, sc.client);
    let started = Instant::now();
    let outcome: Result<Value, Error>;
    let mut walked = None;
    match sc.call.walk.as_deref() {
        None => outcome = call_once(&client, &sc.call.sdk_method, &sc.call.params).await,
        Some("items") => {
            assert_eq!(
                sc.call.sdk_method, "admin.organization.users.list",
                "{name}"
            );
            let op = ops::UsersList::from_params(sc.call.params.clone()).unwrap();
            let w = walk_users(&client, op).await;
            outcome = match &w.error {
                Some(e) => Err(Error::invalid("walk", e.to_string())),
                None => Ok(Value::Null),
            };
            walked = Some(w);
        }
        Some(other) => panic!("{name}: unknown walk {other:?}"),
    }
    let log = server.log();
    let ex = &sc.expect;
    assert_eq!(
        log.len(),
        ex.attempts,
        "{name}: attempts ({:?})",
        started.elapsed()
    );
    for r in &log {
        assert_eq!(
            r.headers.get("authorization").map(String::as_str),
            Some(format!("Bearer {}", doc.admin_key).as_str()),
            "{name}"
        );
    }
    if walked.is_none() {
        // A retry sends the very same request.
        for r in &log[1..] {
            assert_eq!(
                (&r.method, &r.target, &r.body),
                (&log[0].method, &log[0].target, &log[0].body),
                "{name}: a retry differs from the first attempt"
            );
        }
    }
    if let Some(waits) = &ex.waits {
        check_waits(name, &log, waits);
    }
    if let Some(paths) = &ex.paths {
        let got: Vec<&str> = log.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(got, *paths, "{name}: paths");
    }
    match (&walked, &outcome) {
        (Some(w), _) => {
            if let Some(items) = &ex.items {
                check_items(name, &w.ids, items);
            }
            tally.paged_items += w.ids.len();
            match (&w.error, &ex.error) {
                (Some(e), Some(want)) => check_error(name, e, want),
                (None, None) => {}
                (got, want) => panic!("{name}: error {got:?}, expected {want:?}"),
            }
            if let Some(c) = &ex.resume_cursor {
                assert_eq!(w.resume.as_ref(), Some(c), "{name}: resume cursor");
            }
        }
        (None, Ok(v)) => {
            assert!(
                ex.error.is_none(),
                "{name}: succeeded, expected {:?}",
                ex.error
            );
            for (k, want) in ex.result.iter().flatten() {
                assert_eq!(&v[k], want, "{name}: result field {k}");
            }
        }
        (None, Err(e)) => match &ex.error {
            Some(want) => check_error(name, e, want),
            None => panic!("{name}: failed with {e}"),
        },
    }
    tally.scenarios += 1;
    tally.requests += log.len();
    tally.faults += count_faults(&sc.script, &log);
    // Resume the walk from where it failed, on the same server (the script goes on).
    if let (Some(resume), Some(w)) = (&ex.resume, &walked) {
        let cursor = w.resume.clone().unwrap();
        let op = ops::UsersList::from_params(sc.call.params.clone())
            .unwrap()
            .with_cursor(cursor);
        let before = log.len();
        let again = walk_users(&client, op).await;
        assert!(
            again.error.is_none(),
            "{name}: resumed walk failed: {:?}",
            again.error
        );
        let log = server.log();
        assert_eq!(
            log.len() - before,
            resume.attempts,
            "{name}: resumed attempts"
        );
        if let Some(items) = &resume.items {
            check_items(name, &again.ids, items);
        }
        // Nothing lost or repeated across the break.
        let mut all = w.ids.clone();
        all.extend(again.ids.iter().cloned());
        let mut dedup = all.clone();
        dedup.sort();
        dedup.dedup();
        assert_eq!(dedup.len(), all.len(), "{name}: an item came twice");
        tally.paged_items += again.ids.len();
        tally.requests += log.len() - before;
    }
}

fn count_faults(script: &Script, log: &[Received]) -> usize {
    log.iter()
        .filter(|r| script.step_for(r.n).is_some_and(Step::is_fault))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shared_fault_scenarios() {
    let doc = doc();
    let mut tally = Tally::default();
    let start = Instant::now();
    for sc in &doc.scenarios {
        let t = Instant::now();
        run(&doc, sc, &mut tally).await;
        eprintln!("  ok  {:>6.2} s  {}", t.elapsed().as_secs_f64(), sc.name);
    }
    assert_eq!(tally.scenarios, doc.scenarios.len());
    println!(
        "faults (rust): {} scenarios, {} requests, {} faults injected and survived, {} items paged under faults, {:.1} s",
        tally.scenarios,
        tally.requests,
        tally.faults,
        tally.paged_items,
        start.elapsed().as_secs_f64()
    );
}

#[tokio::test]
async fn hostile_ids_stay_on_their_endpoint() {
    let doc = doc();
    let h = &doc.hostile_ids;
    let server = FaultServer::start(Script::always(h.answer.clone()))
        .await
        .unwrap();
    let client = client(&doc, &server, ClientSpec::default());
    let mut tried = 0;
    for case in &h.cases {
        let id = match (&case.id, &case.id_repeat) {
            (Some(id), None) => id.clone(),
            (None, Some(r)) => r.build(),
            _ => panic!("{}: give id or id_repeat", case.name),
        };
        let mut params = Map::new();
        params.insert(h.param.clone(), Value::String(id));
        let before = server.requests();
        let got = call_once(&client, &h.sdk_method, &params).await;
        let log = server.log();
        match (&case.expect.error, got) {
            (Some(want), Err(e)) => {
                check_error(&case.name, &e, want);
                assert_eq!(log.len(), before, "{}: nothing may be sent", case.name);
            }
            (None, Ok(_)) => {
                assert_eq!(log.len(), before + 1, "{}", case.name);
                let want = match (&case.expect.path, &case.expect.path_repeat) {
                    (Some(p), None) => p.clone(),
                    (None, Some(r)) => r.build(),
                    _ => panic!("{}: give path or path_repeat", case.name),
                };
                let seen = &log[before];
                assert_eq!(seen.target, want, "{}: the path the server saw", case.name);
                assert_eq!(seen.method, "GET");
            }
            (want, got) => panic!("{}: got {got:?}, expected error {want:?}", case.name),
        }
        tried += 1;
    }
    println!("hostile ids (rust): {tried} tried, every one refused or kept on its endpoint");
}

// ---------------------------------------------------------------------------------------
// Rust-only checks
// ---------------------------------------------------------------------------------------
