//! The `fault-server` binary as other languages' tests use it: base URL on the first line,
//! scripts posted to `/__faults/script`, the record read from `/__faults/log`.
#![allow(clippy::unwrap_used, missing_docs)] // tests may panic

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

/// One request on a fresh connection; returns the status and the body.
fn request(addr: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\ncontent-length: {}\r\nx-test: yes\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = Vec::new();
    // The server keeps the connection open after a complete answer: read the head and
    // exactly content-length bytes.
    let mut reader = BufReader::new(&mut s);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let status: u16 = line.split(' ').nth(1).unwrap().parse().unwrap();
    let mut len = 0usize;
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            len = v.trim().parse().unwrap();
        }
    }
    out.resize(len, 0);
    reader.read_exact(&mut out).unwrap();
    (status, String::from_utf8(out).unwrap())
}

#[test]
fn driven_over_http() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fault-server"))
        .arg("--exit-on-stdin-eof")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let url = first.trim();
    let addr = url.strip_prefix("http://").unwrap();

    let script =
        r#"{"steps": [{"status": 429, "headers": {"retry-after-ms": "5"}}, {"body": {"ok": 1}}]}"#;
    assert_eq!(request(addr, "POST", "/__faults/script", script).0, 200);
    let (status, _) = request(addr, "GET", "/v1/a?x=1", "");
    assert_eq!(status, 429);
    let (status, body) = request(addr, "POST", "/v1/b", "{\"n\":2}");
    assert_eq!((status, body.as_str()), (200, "{\"ok\":1}"));
    assert_eq!(request(addr, "GET", "/v1/c", "").0, 599);

    let (status, log) = request(addr, "GET", "/__faults/log", "");
    assert_eq!(status, 200);
    let log: serde_json::Value = serde_json::from_str(&log).unwrap();
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 3, "control requests are not recorded");
    assert_eq!(log[0]["target"], "/v1/a?x=1");
    assert_eq!(log[0]["query"], "x=1");
    assert_eq!(log[1]["method"], "POST");
    assert_eq!(log[1]["body"], "{\"n\":2}");
    assert_eq!(log[1]["headers"]["x-test"], "yes");
    assert_eq!(
        request(addr, "POST", "/__faults/script", "{\"nope\": 1}").0,
        400
    );

    // Closing stdin stops it.
    drop(child.stdin.take());
    let status = child.wait().unwrap();
    assert!(status.success());
}
