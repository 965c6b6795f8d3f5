//! Requests as built, answers as parsed, errors as reported, secrets kept.

use crate::support::*;

#[tokio::test]
async fn success_is_parsed_and_the_request_is_as_built() {
    let srv = Server::start(vec![
        page(&["t_1", "t_2"], false).header("x-request-id", "req_ok"),
    ])
    .await;
    let client = srv.client();
    let op = ListThings {
        limit: Some(2),
        ..Default::default()
    };
    let resp = client
        .send_with(&op, &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.request_id.as_deref(), Some("req_ok"));
    assert_eq!(resp.headers["x-request-id"], "req_ok");
    assert_eq!(
        resp.data.data,
        [Thing { id: "t_1".into() }, Thing { id: "t_2".into() }]
    );
    assert_eq!(resp.data.has_more, Some(false));

    let seen = srv.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "GET");
    assert_eq!(seen[0].target, "/v1/things?limit=2");
    assert_eq!(
        seen[0].header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert!(
        seen[0]
            .header("user-agent")
            .unwrap()
            .starts_with("openai-admin-rust/")
    );
    assert_eq!(seen[0].header("accept"), Some("application/json"));
    assert!(seen[0].body.is_empty());
    assert!(seen[0].header("content-type").is_none());
}

#[tokio::test]
async fn post_body_arrives() {
    let srv = Server::start(vec![thing("t_9")]).await;
    let got = srv
        .client()
        .send(&CreateThing {
            name: "nine".into(),
        })
        .await
        .unwrap();
    assert_eq!(got, Thing { id: "t_9".into() });
    let seen = srv.seen();
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].header("content-type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_str(&seen[0].body).unwrap();
    assert_eq!(body, serde_json::json!({ "name": "nine" }));
}

#[tokio::test]
async fn a_created_answer_is_never_sent_again() {
    // The server asks for a retry on a 201: the key it made must not be made twice.
    let srv = Server::start(vec![
        thing("t_1")
            .header("x-should-retry", "true")
            .header("retry-after", "0"),
        thing("t_2"),
    ])
    .await;
    let got = srv
        .client()
        .send(&CreateThing { name: "one".into() })
        .await
        .unwrap();
    assert_eq!(got, Thing { id: "t_1".into() });
    assert_eq!(srv.count(), 1);
}

#[tokio::test]
async fn invalid_input_sends_nothing() {
    let srv = Server::start(vec![]).await;
    let err = srv
        .client()
        .send(&CreateThing {
            name: String::new(),
        })
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { param, .. } if param == "name"),
        "{err:?}"
    );
    assert_eq!(srv.count(), 0);
}

#[tokio::test]
async fn execute_returns_the_last_response_whatever_its_status() {
    let srv = Server::start(vec![fast_500(), fast_500(), fast_500()]).await;
    let client = srv.client();
    let req = ListThings::default()
        .build(client.config(), &RequestOptions::default())
        .unwrap();
    let raw = client
        .execute(req, true, &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(raw.status, 500);
    assert_eq!(srv.count(), 3);
    assert!(String::from_utf8_lossy(&raw.body).contains("boom"));
    assert_eq!(raw.request_id(), None);
    assert!(!format!("{raw:?}").contains(KEY));
}

#[tokio::test]
async fn not_found_is_a_status_error_with_request_id() {
    let srv = Server::start(vec![Reply::new(
        404,
        r#"{"error":{"message":"No such thing","type":"invalid_request_error","param":"thing_id","code":"not_found"}}"#,
    )
    .header("x-request-id", "req_404")])
    .await;
    let err = srv.client().send(&ListThings::default()).await.unwrap_err();
    no_key(&err);
    let api = err.api().expect("a status error");
    assert_eq!(api.kind(), StatusKind::NotFound);
    assert_eq!(api.message, "No such thing");
    assert_eq!(api.code.as_deref(), Some("not_found"));
    assert_eq!(api.request_id.as_deref(), Some("req_404"));
    assert_eq!(err.request_id(), Some("req_404"));
    assert_eq!(srv.count(), 1);
}

#[tokio::test]
async fn malformed_json_is_a_decode_error() {
    let srv = Server::start(vec![
        Reply::new(200, r#"{"data": [ {"id": "#).header("x-request-id", "req_bad"),
        Reply::new(200, r#"{"data": 5}"#),
        Reply::new(200, ""),
    ])
    .await;
    let client = srv.client();
    for _ in 0..3 {
        let err = client.send(&ListThings::default()).await.unwrap_err();
        no_key(&err);
        assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    }
    assert_eq!(srv.count(), 3);
}

#[tokio::test]
async fn truncated_body_is_a_connection_error() {
    let srv = Server::start(vec![page(&["t_1"], false).short_by(100)]).await;
    let client = srv.client().with_max_retries(0);
    let err = client.send(&ListThings::default()).await.unwrap_err();
    no_key(&err);
    assert!(
        matches!(err, Error::Connection { .. } | Error::Decode { .. }),
        "{err:?}"
    );
    assert_eq!(srv.count(), 1);
}

#[tokio::test]
async fn the_key_never_shows() {
    let srv = Server::start(vec![]).await;
    let client = srv.client();
    let shown = format!("{client:?}");
    assert!(
        !shown.contains(KEY) && !shown.contains("TESTKEY"),
        "{shown}"
    );
    let shown = format!("{:?}", client.config());
    assert!(!shown.contains("TESTKEY"), "{shown}");

    // A bad base URL is reported without the key.
    let bad = Client::new(Config::new(KEY).with_base_url("not a url")).unwrap();
    let err = bad.send(&ListThings::default()).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    no_key(&err);
}

#[test]
fn construction() {
    assert!(matches!(
        Client::new(Config::new("")),
        Err(Error::InvalidInput { .. })
    ));
    let c = Client::new(Config::new(KEY))
        .unwrap()
        .with_timeout(Duration::from_secs(7))
        .with_max_retries(4);
    assert_eq!(c.timeout(), Duration::from_secs(7));
    assert_eq!(c.retry_policy().max_retries, 4);
    assert!(!c.retry_policy().retry_non_idempotent);
    assert_eq!(c.config().base_url, "https://api.openai.com/v1");
    let d = Client::new(Config::new(KEY)).unwrap();
    assert_eq!(d.timeout(), Duration::from_secs(600));
    assert_eq!(d.retry_policy().max_retries, 2);

    // Without the variable, from_env names the missing key. (Tests cannot unset it
    // safely, so this is only checked where it is unset.)
    if std::env::var_os("OPENAI_ADMIN_KEY").is_none_or(|v| v.is_empty()) {
        match Client::from_env() {
            Err(Error::InvalidInput { param, .. }) => assert_eq!(param, "api_key"),
            other => panic!("{other:?}"),
        }
    }
}

/// The futures and streams can move between threads, as `tokio::spawn` and the bindings
/// need.
#[test]
fn futures_are_send() {
    fn is_send<T: Send>(_: &T) {}
    let c = Client::new(Config::new(KEY)).unwrap();
    let op = ListThings::default();
    is_send(&c.send(&op));
    is_send(&c.send_with(&op, &CallOptions::default()));
    is_send(&c.pages(op.clone()));
    is_send(&c.items(op.clone()));
    let req = op.build(c.config(), &RequestOptions::default()).unwrap();
    is_send(&c.execute(req, true, &CallOptions::default()));
}
