//! Rust-only checks against the fault server: cancellation, a create sent once per call, and
//! secrets kept out of `Debug` and errors.
#![allow(clippy::unwrap_used, missing_docs)] // tests may panic

use std::time::{Duration, Instant};

use fault_server::{FaultServer, Script, Step};
use openai_admin::client::{CallOptions, Client};
use openai_admin::host::describe;
use openai_admin::params::FromParams;
use openai_admin::{Config, Error, RequestOptions, ops};

const KEY: &str = "sk-admin-faults-fake-0123456789";

fn plain_client(server: &FaultServer) -> Client {
    Client::new(Config::new(KEY).with_base_url(format!("{}/v1", server.url()))).unwrap()
}

fn user() -> Step {
    Step::json(serde_json::json!({"object": "organization.user", "id": "user_1", "added_at": 1}))
}

/// Dropping the call while it waits to retry ends the wait: no second request is sent.
#[tokio::test]
async fn cancelling_during_the_retry_wait_sends_nothing_more() {
    let server = FaultServer::start(Script::steps([
        Step::status(429).header("retry-after-ms", "800"),
        user(),
    ]))
    .await
    .unwrap();
    let client = plain_client(&server);
    let op = ops::UsersRetrieve {
        user_id: "user_1".into(),
    };
    let t = Instant::now();
    let r = tokio::time::timeout(Duration::from_millis(200), client.send(&op)).await;
    assert!(r.is_err(), "the call should still be waiting");
    assert!(t.elapsed() < Duration::from_millis(600));
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(server.requests(), 1, "a cancelled call sent a retry");
}

/// Dropping the call while the answer is pending closes the connection: no retry follows.
#[tokio::test]
async fn cancelling_during_the_request_stops_it() {
    let server = FaultServer::start(Script::steps([user().delay_ms(600), user()]))
        .await
        .unwrap();
    let client = plain_client(&server);
    let op = ops::UsersRetrieve {
        user_id: "user_1".into(),
    };
    let r = tokio::time::timeout(Duration::from_millis(150), client.send(&op)).await;
    assert!(r.is_err());
    tokio::time::sleep(Duration::from_millis(900)).await;
    assert_eq!(server.requests(), 1);
    // The client still works afterwards.
    let u = client.send(&op).await.unwrap();
    assert_eq!(u.id, "user_1");
    assert_eq!(server.requests(), 2);
}

/// A create that got no answer before the timeout is not sent again, even when the server
/// answers later.
#[tokio::test]
async fn a_create_is_sent_once_per_call() {
    let server = FaultServer::start(Script::always(
        Step::json(
            serde_json::json!({"object": "organization.project", "id": "proj_1",
            "name": "p", "created_at": 1}),
        )
        .delay_ms(400),
    ))
    .await
    .unwrap();
    let client = plain_client(&server).with_timeout(Duration::from_millis(100));
    let op = ops::ProjectsCreate {
        body: openai_admin::models::ProjectCreateRequest {
            name: "p".into(),
            ..Default::default()
        },
    };
    assert!(matches!(client.send(&op).await, Err(Error::Timeout)));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(server.requests(), 1);
    assert_eq!(server.log()[0].body, r#"{"name":"p"}"#);
}

/// The key set through `default_headers` or extra headers never shows in `Debug`, and the
/// server still receives it.
#[tokio::test]
async fn credentials_in_headers_stay_out_of_debug() {
    let server = FaultServer::start(Script::always(user())).await.unwrap();
    let mut cfg = Config::new(KEY).with_base_url(format!("{}/v1", server.url()));
    cfg.default_headers = vec![(
        "Authorization".into(),
        "Bearer sk-admin-OTHER-SECRET".into(),
    )];
    let client = Client::new(cfg).unwrap();
    let opts = CallOptions {
        request: RequestOptions {
            extra_headers: vec![("api-key".into(), "sk-EXTRA-SECRET".into())],
            ..Default::default()
        },
        ..Default::default()
    };
    let op = ops::UsersRetrieve {
        user_id: "user_1".into(),
    };
    let r = client.send_with(&op, &opts).await.unwrap();
    let seen = &server.log()[0];
    assert_eq!(
        seen.headers["authorization"],
        "Bearer sk-admin-OTHER-SECRET"
    );
    assert_eq!(seen.headers["api-key"], "sk-EXTRA-SECRET");
    for shown in [
        format!("{client:?}"),
        format!("{opts:?}"),
        format!("{r:?}"),
        format!("{:?}", client.config()),
    ] {
        for secret in ["SECRET", "fake-0123456789"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
    }
}

/// The `value` of a created key must not print: the generator types key values as
/// `openai_admin::Secret`, whose `Debug` is a redaction.
#[tokio::test]
async fn a_created_key_does_not_print() {
    let server = FaultServer::start(Script::always(Step {
        status: Some(201),
        ..Step::json(
            serde_json::json!({"object": "organization.admin_api_key", "id": "key_1",
            "redacted_value": "sk-admin-...cdef", "created_at": 1, "expires_at": null,
            "owner": {}, "value": "sk-admin-NEWLY-CREATED-SECRET"}),
        )
    }))
    .await
    .unwrap();
    let client = plain_client(&server);
    let op = ops::AdminApiKeysCreate::from_params(
        serde_json::json!({"name": "ci"})
            .as_object()
            .unwrap()
            .clone(),
    )
    .unwrap();
    let created = client.send(&op).await.unwrap();
    let shown = format!("{created:?} {created:#?}");
    assert!(!shown.contains("NEWLY-CREATED"), "{shown}");
}

/// Errors never carry the admin key, whatever failed.
#[tokio::test]
async fn errors_never_carry_the_key() {
    let server = FaultServer::start(Script::steps([
        Step::status(401),
        Step::reset(fault_server::Reset::BeforeHead),
        Step {
            malformed: true,
            ..Step::default()
        },
    ]))
    .await
    .unwrap();
    let client = plain_client(&server).with_max_retries(0);
    let op = ops::UsersRetrieve {
        user_id: "user_1".into(),
    };
    for _ in 0..3 {
        let e = client.send(&op).await.unwrap_err();
        let info = describe(&e);
        for shown in [
            format!("{e}"),
            format!("{e:?}"),
            serde_json::to_string(&info).unwrap(),
        ] {
            assert!(!shown.contains("fake-0123456789"), "{shown}");
        }
    }
    assert_eq!(server.requests(), 3);
}
