//! The scripted HTTP server the tests talk to (the workspace's `fault-server`, answering
//! through a closure), and small helpers.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use fault_server::Step;
pub(crate) use fault_server::{FaultServer, Received as Seen};
use openai_admin_uniffi::*;
use serde_json::{Value, json};

/// The status, JSON body and delay of the answer to a request.
pub(crate) type Responder = dyn Fn(&Seen) -> (u16, Value, Duration) + Send + Sync;

/// Serves `respond`'s answers (each with `x-request-id: req_STATUS`); returns the base URL
/// and the server, which records the requests and stops when dropped.
pub(crate) async fn serve(respond: Arc<Responder>) -> (String, FaultServer) {
    let server = FaultServer::start_with(Arc::new(move |seen: &Seen| {
        let (status, body, delay) = respond(seen);
        Step {
            status: Some(status),
            body: Some(body),
            delay_ms: u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
            headers: [("x-request-id".to_owned(), format!("req_{status}"))].into(),
            ..Step::default()
        }
    }))
    .await
    .unwrap();
    (format!("{}/v1", server.url()), server)
}

pub(crate) fn client(url: &str, opts: ClientOptions) -> AdminClient {
    AdminClient::new(
        Some("sk-admin-TESTKEY".into()),
        ClientOptions {
            base_url: Some(url.to_owned()),
            max_retries: Some(0),
            ..opts
        },
    )
    .unwrap()
}

pub(crate) fn user(id: &str) -> Value {
    json!({"object": "organization.user", "id": id, "name": "N", "email": "e@x", "role": "owner", "added_at": 1})
}

pub(crate) fn query(target: &str) -> HashMap<String, String> {
    target
        .split_once('?')
        .map(|(_, q)| q)
        .unwrap_or_default()
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}
