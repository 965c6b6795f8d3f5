//! The Rust client pointed at a sandbox started in the test process, with helpers that check
//! every answer with the core's strict typed decode.

use std::time::{SystemTime, UNIX_EPOCH};

use openai_admin::client::{CallOptions, Client};
use openai_admin::params::Params;
use openai_admin::request::RequestOptions;
use openai_admin::{Config, host};
use openai_admin_sandbox::{Handle, SeedSizes};
use serde_json::{Value, json};

use super::common;

pub struct Api {
    pub client: Client,
    pub handle: Handle,
    pub base: String,
}

pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

impl Api {
    pub async fn start(sizes: SeedSizes) -> Self {
        let (base, handle) = common::start(3, sizes).await;
        let cfg = Config::new(common::KEY).with_base_url(base.clone());
        let client = Client::new(cfg).unwrap().with_max_retries(0);
        Self {
            client,
            handle,
            base,
        }
    }

    /// Calls `method` (official Python name) with `params`; the status and JSON body.
    /// Every 2xx body is checked with the core's strict typed decode.
    pub async fn call(&self, method: &str, params: Value) -> (u16, Value) {
        let info = host::operation(method).unwrap_or_else(|| panic!("{method}"));
        let p: Params = params.as_object().unwrap().clone();
        let req = info
            .build(p, self.client.config(), &RequestOptions::default())
            .unwrap_or_else(|e| panic!("{method}: {e}"));
        let r = self
            .client
            .execute(req, info.idempotent, &CallOptions::default())
            .await
            .unwrap();
        if r.status.is_success() {
            info.validate(r.status, &r.headers, &r.body)
                .unwrap_or_else(|e| panic!("{method}: {e}"));
        }
        (r.status.as_u16(), serde_json::from_slice(&r.body).unwrap())
    }

    pub async fn ok(&self, method: &str, params: Value) -> Value {
        let (status, body) = self.call(method, params).await;
        assert_eq!(status, 200, "{method}: {body}");
        body
    }

    /// Every item of a list, page by page as the core's paging rules say, limit `limit`.
    pub async fn all(&self, method: &str, params: Value, limit: i64) -> Vec<Value> {
        let info = host::operation(method).unwrap();
        let mut p: Params = params.as_object().unwrap().clone();
        p.insert("limit".into(), json!(limit));
        let mut out = Vec::new();
        for _ in 0..10_000 {
            let page = self.ok(method, Value::Object(p.clone())).await;
            out.extend(page["data"].as_array().unwrap().iter().cloned());
            match info
                .next_params(&p, &serde_json::to_vec(&page).unwrap())
                .unwrap()
            {
                Some(next) => p = next,
                None => return out,
            }
        }
        panic!("{method} never ended");
    }

    pub fn first_id(&self, path: &str) -> String {
        self.handle
            .with(|s| s.items(path)[0]["id"].as_str().unwrap().to_owned())
    }
}

pub fn assert_error(body: &Value, param: Option<&str>) {
    let e = &body["error"];
    assert!(
        e["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert_eq!(e["type"], "invalid_request_error", "{body}");
    assert!(
        e.get("code").is_some() && e.get("param").is_some(),
        "{body}"
    );
    assert_eq!(e["param"].as_str(), param, "{body}");
}

pub fn merge(a: &mut Value, b: &Value) {
    for (k, v) in b.as_object().unwrap() {
        a[k] = v.clone();
    }
}
