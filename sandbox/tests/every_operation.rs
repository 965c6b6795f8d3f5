//! Every operation of the core's table against the sandbox, each answer read with the
//! core's strict typed parse: the sandbox never answers what the real API could not.
#![allow(clippy::unwrap_used, missing_docs, unreachable_pub)]

mod common;

use std::collections::BTreeSet;

use openai_admin::request::RequestOptions;
use openai_admin::{Config, Operation};
use openai_admin_sandbox::{Handle, SeedSizes};
use serde_json::Value;

#[path = "../../core/tests/generated/contract_cases.rs"]
mod cases;

/// Sends each case with real ids and records which operations answered and parsed.
#[derive(Debug)]
pub struct Tally {
    base: String,
    handle: Handle,
    http: reqwest::Client,
    passed: BTreeSet<&'static str>,
    failures: Vec<String>,
}

impl Tally {
    pub async fn check<O: Operation>(&mut self, required: O, full: O) {
        let mut ok = true;
        for (label, op) in [("required only", required), ("every parameter", full)] {
            if let Err(p) = self.send(&op).await {
                ok = false;
                self.failures
                    .push(format!("{} {} ({label}): {p}", O::METHOD, O::PATH));
            }
        }
        if ok {
            self.passed.insert(O::OPERATION_ID);
        }
    }

    async fn send<O: Operation>(&self, op: &O) -> Result<(), String> {
        let cfg = Config::new(common::KEY).with_base_url(self.base.clone());
        let req = op
            .build(&cfg, &RequestOptions::default())
            .map_err(|e| e.to_string())?;
        let mut body: Value = if req.body().is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(req.body()).unwrap()
        };
        let path = self
            .handle
            .with(|s| s.example_request(O::PATH, &mut body))
            .ok_or("no resource to address")?;
        // `after`/`before` cursors from the cases name nothing; the rest of the query stays.
        let query: Vec<&str> = req
            .uri()
            .query()
            .unwrap_or("")
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("after=") && !p.starts_with("before="))
            .filter(|p| !p.starts_with("page="))
            .collect();
        let url = format!("{}{}?{}", self.base, path, query.join("&"));
        let mut r = self
            .http
            .request(req.method().clone(), &url)
            .header("authorization", format!("Bearer {}", common::KEY));
        if !body.is_null() {
            r = r.json(&body);
        }
        let resp = r.send().await.map_err(|e| e.to_string())?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.bytes().await.map_err(|e| e.to_string())?;
        O::parse(status, &headers, &bytes)
            .map(drop)
            .map_err(|e| format!("{url}: {e}: {}", String::from_utf8_lossy(&bytes)))
    }
}

#[tokio::test]
async fn every_operation_answers_and_parses_strictly() {
    let (base, handle) = common::start(7, SeedSizes::default()).await;
    let mut t = Tally {
        base,
        handle,
        http: reqwest::Client::new(),
        passed: BTreeSet::new(),
        failures: Vec::new(),
    };
    cases::run_all(&mut t).await;
    assert!(t.failures.is_empty(), "{}", t.failures.join("\n"));
    // Every change was logged, each with an event type the spec knows.
    let spec: Value =
        serde_norway::from_str(include_str!("../../spec/openai-admin.openapi.yaml")).unwrap();
    let known: BTreeSet<&str> = spec["components"]["schemas"]["AuditLogEventType"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let events = t
        .handle
        .with(|s| s.items("/organization/audit_logs").to_vec());
    assert!(
        events.len() > 200,
        "the seeded 200 and the changes: {}",
        events.len()
    );
    for e in &events {
        let ty = e["type"].as_str().unwrap();
        assert!(
            known.contains(ty),
            "{ty} is not an audit event type of the spec"
        );
    }
    assert_eq!(t.passed.len(), cases::COUNT);
    assert_eq!(cases::COUNT, openai_admin::OPERATIONS.len());
}
