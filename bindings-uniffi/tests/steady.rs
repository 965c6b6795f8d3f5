//! Every operation through the typed uniffi API (service tree, params records, conversions)
//! against the Steady mock server, which rejects requests that do not match the spec. Two
//! calls each: required parameters only, then every parameter. Needs `OPENAI_ADMIN_MOCK_URL`
//! (set by `scripts/test`; or `eval "$(scripts/steady start)"`).
#![allow(clippy::unwrap_used, missing_docs)] // tests may panic

use std::collections::BTreeSet;

use openai_admin_uniffi::*;

#[path = "generated/calls.rs"]
mod calls;

/// Counts operations whose both calls succeeded.
#[derive(Debug, Default)]
pub struct Tally {
    seen: BTreeSet<&'static str>,
    failed: BTreeSet<&'static str>,
    failures: Vec<String>,
}

impl Tally {
    pub fn check(&mut self, sdk_method: &'static str, label: &str, r: Result<(), AdminError>) {
        self.seen.insert(sdk_method);
        if let Err(e) = r {
            self.failed.insert(sdk_method);
            self.failures.push(format!("{sdk_method} ({label}): {e}"));
        }
    }
}

/// A client of the Steady mock, without retries (a failure shows at once).
fn steady_client() -> AdminClient {
    let url = std::env::var("OPENAI_ADMIN_MOCK_URL")
        .expect("OPENAI_ADMIN_MOCK_URL is not set: run the suite with scripts/test");
    AdminClient::new(
        Some("sk-admin-fake-uniffi".into()),
        ClientOptions {
            base_url: Some(url),
            max_retries: Some(0),
            ..ClientOptions::default()
        },
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_through_the_typed_api_against_steady() {
    let c = steady_client();
    let mut t = Tally::default();
    calls::run_all(&c, &mut t).await;
    let passed = t.seen.len() - t.failed.len();
    println!("uniffi typed API: {passed}/{} operations", calls::COUNT);
    assert_eq!(t.seen.len(), calls::COUNT);
    assert_eq!(calls::COUNT, openai_admin::OPERATIONS.len());
    assert!(
        t.failures.is_empty(),
        "{} failures:\n{}",
        t.failures.len(),
        t.failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_escape_hatch_calls_by_name_against_steady() {
    let c = steady_client();
    let out = c
        .call(
            "admin.organization.projects.users.list".into(),
            r#"{"project_id": "proj_1", "limit": 2}"#.into(),
            CallOptions::default(),
        )
        .await
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["data"].is_array(), "{v}");
    let e = c
        .call(
            "admin.organization.nope".into(),
            "{}".into(),
            CallOptions::default(),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, AdminError::InvalidInput { .. }), "{e:?}");
    let e = c
        .call(
            "admin.organization.projects.users.list".into(),
            "[1]".into(),
            CallOptions::default(),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, AdminError::InvalidInput { .. }), "{e:?}");
}
