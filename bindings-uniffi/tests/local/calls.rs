//! Calls in flight: cancellation, a dropped call, per-call options on the wire, and many
//! calls at once.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use openai_admin_uniffi::*;
use serde_json::{Value, json};

use crate::server::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_cancels_a_call_in_flight() {
    let (url, _server) = serve(Arc::new(|_: &Seen| {
        (200, user("u1"), Duration::from_secs(30))
    }))
    .await;
    let c = Arc::new(client(&url, ClientOptions::default()));
    let token = Arc::new(CancellationToken::new());
    let opts = CallOptions {
        cancel: Some(token.clone()),
        ..Default::default()
    };
    let c2 = c.clone();
    let call = tokio::spawn(async move {
        c2.admin()
            .organization()
            .users()
            .retrieve("u1".into(), opts)
            .await
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let t0 = Instant::now();
    token.cancel();
    let e = call.await.unwrap().unwrap_err();
    assert!(matches!(e, AdminError::Cancelled { .. }), "{e:?}");
    assert!(t0.elapsed() < Duration::from_secs(5));
    assert!(token.is_cancelled());

    // The per-call timeout ends a slow call too.
    let opts = CallOptions {
        timeout: Some(Duration::from_millis(200)),
        ..Default::default()
    };
    let e = c
        .admin()
        .organization()
        .users()
        .retrieve("u1".into(), opts)
        .await
        .unwrap_err();
    assert!(matches!(e, AdminError::ApiTimeout { .. }), "{e:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropping_a_call_drops_its_request() {
    // What a cancelled Kotlin coroutine does: the call's future is dropped.
    let (url, server) = serve(Arc::new(|_: &Seen| {
        (200, user("u1"), Duration::from_secs(30))
    }))
    .await;
    let c = client(&url, ClientOptions::default());
    let users = c.admin().organization().users();
    let call = users.retrieve("u1".into(), CallOptions::default());
    assert!(
        tokio::time::timeout(Duration::from_millis(300), call)
            .await
            .is_err()
    );
    let t0 = Instant::now();
    while server.hang_ups() == 0 {
        assert!(
            t0.elapsed() < Duration::from_secs(5),
            "the request was not dropped"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn options_reach_the_wire() {
    let (url, server) = serve(Arc::new(|_: &Seen| {
        (200, json!({"object": "organization.project", "id": "p1", "name": "R", "created_at": 1, "status": "active"}), Duration::ZERO)
    }))
    .await;
    let c = client(
        &url,
        ClientOptions {
            organization: Some("org_1".into()),
            default_headers: HashMap::from([("x-default".to_owned(), "d".to_owned())]),
            ..Default::default()
        },
    );
    let opts = CallOptions {
        extra_headers: HashMap::from([("x-extra".to_owned(), "e".to_owned())]),
        extra_query: HashMap::from([("trace".to_owned(), "1".to_owned())]),
        extra_body: HashMap::from([("note".to_owned(), JsonValue::Bool(true))]),
        ..Default::default()
    };
    let p = c
        .admin()
        .organization()
        .projects()
        .create(
            ProjectsCreateParams {
                name: "R".into(),
                residency: None,
                external_key_id: None,
                geography: Some(ClearableString::Null),
            },
            opts,
        )
        .await
        .unwrap();
    assert_eq!(p.id, "p1");
    let log = server.log();
    let s = &log[0];
    assert_eq!(s.header("x-default"), Some("d"));
    assert_eq!(s.header("x-extra"), Some("e"));
    assert_eq!(s.header("openai-organization"), Some("org_1"));
    assert_eq!(s.header("authorization"), Some("Bearer sk-admin-TESTKEY"));
    assert!(
        s.header("user-agent")
            .unwrap()
            .starts_with("openai-admin-kotlin-swift/")
    );
    assert_eq!(query(&s.target).get("trace").map(String::as_str), Some("1"));
    let body: Value = serde_json::from_str(&s.body).unwrap();
    assert_eq!(body, json!({"name": "R", "geography": null, "note": true}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_calls_at_once() {
    let (url, server) = serve(Arc::new(|s: &Seen| {
        let id = s.target.rsplit('/').next().unwrap().to_owned();
        (200, user(&id), Duration::from_millis(50))
    }))
    .await;
    let c = Arc::new(client(&url, ClientOptions::default()));
    let calls: Vec<_> = (0..50)
        .map(|i| {
            let c = c.clone();
            tokio::spawn(async move {
                c.admin()
                    .organization()
                    .users()
                    .retrieve(format!("u{i}"), CallOptions::default())
                    .await
            })
        })
        .collect();
    for (i, call) in calls.into_iter().enumerate() {
        assert_eq!(call.await.unwrap().unwrap().id, format!("u{i}"));
    }
    assert_eq!(server.log().len(), 50);
}
