//! Every operation through the Rust client against the Steady mock server, which rejects
//! any request that does not match the spec. Two calls each: required parameters only,
//! then every parameter. Needs `OPENAI_ADMIN_MOCK_URL` (set by `scripts/test`).
#![allow(clippy::unwrap_used, missing_docs)] // tests and benches may panic

use std::collections::BTreeSet;

use openai_admin::client::{CallOptions, Client};
use openai_admin::{Config, Error, Operation};

#[path = "generated/contract_cases.rs"]
mod cases;

/// Counts operations whose both calls were accepted and parsed.
#[derive(Debug)]
pub struct Tally {
    client: Client,
    passed: BTreeSet<&'static str>,
    failures: Vec<String>,
}

impl Tally {
    pub async fn check<O: Operation>(&mut self, required: O, full: O) {
        let mut ok = true;
        for (label, op) in [("required only", required), ("every parameter", full)] {
            let problem = match self.client.send_with(&op, &CallOptions::default()).await {
                Err(Error::Status(e)) => Some(format!("{e}: {}", e.body)),
                Err(e) => Some(e.to_string()),
                // Steady reports some mismatches (an unknown query parameter) with a 200.
                Ok(r) => match r.headers.get("x-steady-error-count").map(|v| v.to_str()) {
                    Some(Ok("0")) => None,
                    other => Some(format!(
                        "Steady found problems ({other:?}): {:?}",
                        r.headers
                    )),
                },
            };
            if let Some(p) = problem {
                ok = false;
                self.failures
                    .push(format!("{} ({label}): {p}", O::SDK_METHOD));
            }
        }
        if ok {
            self.passed.insert(O::OPERATION_ID);
        }
    }
}

#[tokio::test]
async fn every_operation_against_steady() {
    let url = std::env::var("OPENAI_ADMIN_MOCK_URL")
        .expect("OPENAI_ADMIN_MOCK_URL is not set: run the suite with scripts/test");
    let cfg = Config::new("sk-admin-fake-contract").with_base_url(url);
    let client = Client::new(cfg).expect("client").with_max_retries(0);
    let mut t = Tally {
        client,
        passed: BTreeSet::new(),
        failures: Vec::new(),
    };
    cases::run_all(&mut t).await;
    println!("contract: {}/{} operations", t.passed.len(), cases::COUNT);
    assert_eq!(cases::COUNT, openai_admin::OPERATIONS.len());
    assert!(
        t.failures.is_empty(),
        "{} failures:\n{}",
        t.failures.len(),
        t.failures.join("\n")
    );
}
