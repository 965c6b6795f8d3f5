//! The library with a responder closure: each request answered by what the closure returns,
//! headers read by name, and a client that hangs up during a delay counted.
#![allow(clippy::unwrap_used, missing_docs)] // tests may panic

use std::sync::Arc;
use std::time::{Duration, Instant};

use fault_server::{FaultServer, Received, Script, Step};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends one request with `connection: close` and reads the whole answer.
async fn get(server: &FaultServer, path: &str) -> String {
    let mut s = TcpStream::connect(server.addr()).await.unwrap();
    let req =
        format!("GET {path} HTTP/1.1\r\nhost: x\r\nX-Probe: {path}\r\nconnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = String::new();
    // The server keeps the connection open after a complete answer; read until the body.
    let mut buf = [0u8; 4096];
    while !out.contains("\r\n\r\n{") || !out.ends_with('}') {
        let n = s.read(&mut buf).await.unwrap();
        assert!(n > 0, "closed early: {out}");
        out.push_str(std::str::from_utf8(&buf[..n]).unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_responder_answers_each_request() {
    let server = FaultServer::start_with(Arc::new(|r: &Received| {
        let id = r.path.rsplit('/').next().unwrap_or_default().to_owned();
        let probe = r.header("x-probe").unwrap_or_default().to_owned();
        Step::json(serde_json::json!({"id": id, "probe": probe}))
    }))
    .await
    .unwrap();
    let answer = get(&server, "/v1/users/u7").await;
    assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");
    assert!(
        answer.ends_with(r#"{"id":"u7","probe":"/v1/users/u7"}"#),
        "{answer}"
    );
    let log = server.log();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].header("X-PROBE"), Some("/v1/users/u7"));
    assert_eq!(log[0].header("x-missing"), None);

    // A script replaces the responder.
    server.set_script(Script::always(Step::status(404)));
    assert!(
        get(&server, "/v1/users/u8")
            .await
            .starts_with("HTTP/1.1 404 ")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_hangs_up_during_a_delay_is_counted() {
    let server = FaultServer::start(Script::always(
        Step::json(serde_json::json!({})).delay_ms(30_000),
    ))
    .await
    .unwrap();
    let mut s = TcpStream::connect(server.addr()).await.unwrap();
    s.write_all(b"GET /v1/slow HTTP/1.1\r\nhost: x\r\n\r\n")
        .await
        .unwrap();
    let t0 = Instant::now();
    while server.requests() == 0 {
        assert!(t0.elapsed() < Duration::from_secs(5), "no request seen");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(server.hang_ups(), 0);
    drop(s);
    while server.hang_ups() == 0 {
        assert!(
            t0.elapsed() < Duration::from_secs(5),
            "the hang-up was not seen"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(server.hang_ups(), 1);
}
