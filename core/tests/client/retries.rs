//! Retries: when, how long to wait, and when never.

use crate::support::*;

#[tokio::test]
async fn server_error_then_success_is_retried_with_backoff() {
    // No retry-after here: the default backoff (0.375–0.5 s) applies.
    let srv = Server::start(vec![Reply::new(500, "{}"), page(&["t_1"], false)]).await;
    let started = Instant::now();
    let got = srv.client().send(&ListThings::default()).await.unwrap();
    assert_eq!(got.data.len(), 1);
    assert_eq!(srv.count(), 2);
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(370), "{waited:?}");
}

#[tokio::test]
async fn rate_limit_waits_as_told() {
    let srv = Server::start(vec![
        Reply::new(429, r#"{"error":{"message":"slow down"}}"#).header("retry-after-ms", "10"),
        page(&["t_1"], false),
    ])
    .await;
    let started = Instant::now();
    srv.client().send(&ListThings::default()).await.unwrap();
    assert_eq!(srv.count(), 2);
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(10), "{waited:?}");
    assert!(waited < Duration::from_millis(300), "{waited:?}");
}

#[tokio::test]
async fn creating_operation_is_not_retried_after_500() {
    let srv = Server::start(vec![fast_500(), thing("t_2")]).await;
    let err = srv
        .client()
        .send(&CreateThing { name: "x".into() })
        .await
        .unwrap_err();
    no_key(&err);
    let api = err.api().expect("a status error");
    assert_eq!(api.status, 500);
    assert_eq!(api.kind(), StatusKind::InternalServer);
    assert_eq!(api.message, "boom");
    assert_eq!(srv.count(), 1);
}

#[tokio::test]
async fn creating_operation_is_retried_after_429() {
    let srv = Server::start(vec![
        Reply::new(429, "{}").header("retry-after-ms", "1"),
        thing("t_3"),
    ])
    .await;
    let got = srv
        .client()
        .send(&CreateThing { name: "x".into() })
        .await
        .unwrap();
    assert_eq!(got.id, "t_3");
    assert_eq!(srv.count(), 2);
}

#[tokio::test]
async fn creating_operation_retried_when_opted_in() {
    let srv = Server::start(vec![fast_500(), thing("t_4")]).await;
    let opts = CallOptions {
        retry_non_idempotent: Some(true),
        ..Default::default()
    };
    let got = srv
        .client()
        .send_with(&CreateThing { name: "x".into() }, &opts)
        .await
        .unwrap();
    assert_eq!(got.data.id, "t_4");
    assert_eq!(srv.count(), 2);
    // Both attempts carried the same body.
    let seen = srv.seen();
    assert_eq!(seen[0].body, seen[1].body);
    assert!(!seen[0].body.is_empty());
}

#[tokio::test]
async fn server_can_forbid_a_retry() {
    let srv = Server::start(vec![
        Reply::new(503, "{}")
            .header("x-should-retry", "false")
            .header("x-request-id", "req_no"),
        page(&[], false),
    ])
    .await;
    let err = srv.client().send(&ListThings::default()).await.unwrap_err();
    assert_eq!(err.api().map(|a| a.status), Some(503));
    assert_eq!(err.request_id(), Some("req_no"));
    assert_eq!(srv.count(), 1);
}

#[tokio::test]
async fn max_retries_is_respected() {
    let srv = Server::start(vec![fast_500(); 10]).await;
    let client = srv.client().with_max_retries(3);
    let err = client.send(&ListThings::default()).await.unwrap_err();
    assert_eq!(err.api().map(|a| a.status), Some(500));
    assert_eq!(srv.count(), 4);

    // A per-call override wins over the client's count.
    let opts = CallOptions {
        max_retries: Some(1),
        ..Default::default()
    };
    let err = client
        .send_with(&ListThings::default(), &opts)
        .await
        .unwrap_err();
    assert_eq!(err.api().map(|a| a.status), Some(500));
    assert_eq!(srv.count(), 6);

    let client = client.with_max_retries(0);
    client.send(&ListThings::default()).await.unwrap_err();
    assert_eq!(srv.count(), 7);
}

#[tokio::test]
async fn truncated_body_is_retried_when_safe() {
    let srv = Server::start(vec![
        page(&["t_1"], false).short_by(100),
        page(&["t_2"], false),
    ])
    .await;
    let got = srv.client().send(&ListThings::default()).await.unwrap();
    assert_eq!(got.data[0].id, "t_2");
    assert_eq!(srv.count(), 2);

    // ...but not for an operation that creates something.
    let srv = Server::start(vec![thing("t_1").short_by(10), thing("t_2")]).await;
    let err = srv
        .client()
        .send(&CreateThing { name: "x".into() })
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
    assert_eq!(srv.count(), 1);
}

#[tokio::test]
async fn slow_server_times_out() {
    let slow = || page(&["t_1"], false).delay(Duration::from_secs(3));
    let srv = Server::start(vec![slow(), slow()]).await;
    let client = srv
        .client()
        .with_timeout(Duration::from_millis(200))
        .with_max_retries(0);
    let started = Instant::now();
    let err = client.send(&ListThings::default()).await.unwrap_err();
    no_key(&err);
    assert!(matches!(err, Error::Timeout), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(srv.count(), 1);

    // The per-call timeout replaces the client's.
    let client = srv.client().with_max_retries(0);
    let opts = CallOptions {
        timeout: Some(Duration::from_millis(200)),
        ..Default::default()
    };
    let started = Instant::now();
    let err = client
        .send_with(&ListThings::default(), &opts)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn timeout_covers_a_stalled_body() {
    // Headers come at once; the body never completes while the connection stays open.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/v1", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut sock, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 4096];
        let _ = sock.read(&mut buf).await;
        let _ = sock
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"data\"")
            .await;
        tokio::time::sleep(Duration::from_secs(3)).await;
    });
    let client = Client::new(Config::new(KEY).with_base_url(base))
        .unwrap()
        .with_timeout(Duration::from_millis(200))
        .with_max_retries(0);
    let started = Instant::now();
    let err = client.send(&ListThings::default()).await.unwrap_err();
    assert!(matches!(err, Error::Timeout), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn refused_connection_is_retried_then_reported() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let client = Client::new(Config::new(KEY).with_base_url(format!("http://127.0.0.1:{port}/v1")))
        .unwrap()
        .with_max_retries(1);
    let started = Instant::now();
    // Even an operation that creates something is retried: nothing reached a server.
    let err = client
        .send(&CreateThing { name: "x".into() })
        .await
        .unwrap_err();
    no_key(&err);
    match &err {
        Error::Connection { message } => assert!(message.contains("127.0.0.1"), "{message}"),
        other => panic!("{other:?}"),
    }
    // One backoff of 0.375–0.5 s happened.
    assert!(
        started.elapsed() >= Duration::from_millis(370),
        "{:?}",
        started.elapsed()
    );
}
