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

/// A sandbox after every case of every operation was sent to it.
async fn walk() -> Tally {
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
    t
}

#[tokio::test]
async fn every_operation_answers_and_parses_strictly() {
    let t = walk().await;
    // Every change was logged, each with an event type the spec knows.
    let spec: Value =
        serde_norway::from_str(include_str!("../../spec/openai-admin.openapi.yaml")).unwrap();
    let known: BTreeSet<&str> = spec["components"]["schemas"]["AuditLogEventType"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let events = t.handle.with(|s| s.audit_log());
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

/// The id prefix of the objects an event type is about (the sandbox's ids: `user-…`,
/// `proj_…`, `org-…`).
fn prefix_of(event: &str) -> &'static str {
    match event.rsplit_once('.').map_or(event, |(head, _)| head) {
        "user" => "user-",
        "project" => "proj_",
        "organization" => "org-",
        "group" => "group_",
        "role" | "role.assignment" => "role_",
        "api_key" => "key_",
        "service_account" => "svc_acct_",
        "invite" => "invite-",
        "certificate" | "certificates" => "cert_",
        "rate_limit" => "rl-",
        "external_key" => "ek_",
        "external_storage" => "es_",
        "workload_identity_provider" => "wip_",
        "workload_identity_provider_mapping" => "wifr_",
        other => panic!("no id prefix for events of {other}"),
    }
}

/// Every change the walk made wrote an audit entry about the object it changed: the detail's
/// `id` is an id of that object's kind (the user added to a group, the project whose settings
/// changed, the organization), never a word of the path (`users`, `roles`) or nothing.
#[tokio::test]
async fn every_change_is_logged_about_its_object() {
    let t = walk().await;
    let words: BTreeSet<&str> = openai_admin::OPERATIONS
        .iter()
        .flat_map(|o| o.path.split('/'))
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .collect();
    let events = t.handle.with(|s| s.audit_log());
    // Newest first: the changes, then the 200 seeded entries.
    let changes = &events[..events.len() - 200];
    let mut seen = BTreeSet::new();
    let mut wrong = Vec::new();
    for e in changes {
        let ty = e["type"].as_str().unwrap();
        seen.insert(ty);
        let d = &e[ty];
        let mut check = |field: &str, want: &[&str]| {
            let got = d[field].as_str().unwrap_or("");
            if got.is_empty() || words.contains(got) || !want.iter().any(|p| got.starts_with(p)) {
                wrong.push(format!("{ty}.{field} = {:?} (want {want:?}…)", d[field]));
            }
        };
        if ty.starts_with("certificates.") {
            let certs = d["certificates"].as_array().map_or(&[][..], Vec::as_slice);
            let ids: Vec<&str> = certs.iter().filter_map(|c| c["id"].as_str()).collect();
            if ids.is_empty()
                || ids.len() < certs.len()
                || ids.iter().any(|i| !i.starts_with("cert_"))
            {
                wrong.push(format!("{ty}.certificates = {}", d["certificates"]));
            }
            continue;
        }
        if ty.starts_with("external_storage.") {
            // The spec's detail for these events has no fields.
            continue;
        }
        check("id", &[prefix_of(ty)]);
        if ty.starts_with("role.assignment.") {
            check("principal_id", &["user-", "group_"]);
            check("resource_id", &["proj_", "org-"]);
        }
        if ty.starts_with("workload_identity_provider_mapping.") {
            check("identity_provider_id", &["wip_"]);
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The walk made every kind of change the sandbox logs.
    for ty in [
        "user.added",
        "role.assignment.created",
        "role.assignment.deleted",
        "organization.updated",
        "project.updated",
        "certificates.activated",
        "workload_identity_provider_mapping.deleted",
    ] {
        assert!(seen.contains(ty), "no {ty} entry");
    }
}
