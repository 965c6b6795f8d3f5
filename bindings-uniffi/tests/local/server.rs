//! The scripted HTTP server the tests talk to, and small helpers.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use openai_admin_uniffi::*;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    pub(crate) target: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Seen {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub(crate) type Responder = dyn Fn(&Seen) -> (u16, Value, Duration) + Send + Sync;

/// Serves `respond`'s answers; returns the base URL and the requests seen.
pub(crate) async fn serve(respond: Arc<Responder>) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/v1", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let respond = respond.clone();
            let log = log.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                let head_end = loop {
                    let n = sock.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        break i + 4;
                    }
                };
                let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
                let mut lines = head.split("\r\n");
                let target = lines
                    .next()
                    .and_then(|l| l.split(' ').nth(1))
                    .unwrap_or_default()
                    .to_owned();
                let headers: Vec<(String, String)> = lines
                    .filter_map(|l| l.split_once(": "))
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect();
                let len: usize = headers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                    .and_then(|(_, v)| v.parse().ok())
                    .unwrap_or(0);
                while buf.len() < head_end + len {
                    let n = sock.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        break;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                }
                let s = Seen {
                    target,
                    headers,
                    body: buf[head_end..].to_vec(),
                };
                log.lock().unwrap().push(s.clone());
                let (status, body, delay) = respond(&s);
                // While it waits, the server notices a client that hangs up (logged as a
                // request whose target starts with `CLOSED `).
                let hung_up = tokio::select! {
                    () = tokio::time::sleep(delay) => false,
                    n = sock.read(&mut chunk) => matches!(n, Ok(0) | Err(_)),
                };
                if hung_up {
                    let mut gone = s.clone();
                    gone.target = format!("CLOSED {}", s.target);
                    log.lock().unwrap().push(gone);
                    return;
                }
                let body = body.to_string();
                let resp = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\nx-request-id: req_{status}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = sock.write_all(resp.as_bytes()).await;
            });
        }
    });
    (url, seen)
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
