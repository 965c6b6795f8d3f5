//! Writing an answer as a [`Step`] says: the head, the body (whole, huge, dripped, cut short
//! or malformed), resets, and redirects.

use std::io;
use std::time::Duration;

use std::collections::BTreeMap;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use crate::read::Request;
use crate::script::{ListSpec, Reset, Step};

pub(crate) async fn write_simple(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status} {}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\r\n",
        reason(status),
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    stream.flush().await
}

/// Closes the connection with a TCP RST.
pub(crate) fn reset(stream: &mut TcpStream) {
    let _ = stream.set_zero_linger();
}

/// The body bytes of a step (without `huge`, which is made while sending).
fn body_of(step: &Step, list: Option<&ListSpec>, req: &Request) -> Vec<u8> {
    if step.page {
        let spec = list.cloned().unwrap_or_default();
        let cursor = req.target.split_once('?').and_then(|(_, q)| {
            q.split('&')
                .filter_map(|kv| kv.split_once('='))
                .find(|(k, _)| *k == spec.cursor_param)
                .map(|(_, v)| v.to_owned())
        });
        return spec.page(cursor.as_deref()).to_string().into_bytes();
    }
    if step.malformed {
        return br#"{"object": "list", "data": [{"id": "user_1", "object": "organization.user", "#
            .to_vec();
    }
    if step.html {
        return b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n".to_vec();
    }
    if let Some(t) = &step.text {
        return t.clone().into_bytes();
    }
    match &step.body {
        Some(v) => v.to_string().into_bytes(),
        None if step.redirect.is_some() => Vec::new(),
        None => b"{}".to_vec(),
    }
}

/// Writes `n` bytes of a padded JSON object, `{"pad":"xxx…"}` (just `x`s when `n` < 10).
async fn write_huge(stream: &mut TcpStream, n: u64) -> io::Result<()> {
    const OPEN: &[u8] = b"{\"pad\":\"";
    const CLOSE: &[u8] = b"\"}";
    let framed = n >= (OPEN.len() + CLOSE.len()) as u64;
    let mut left = n;
    if framed {
        stream.write_all(OPEN).await?;
        left -= (OPEN.len() + CLOSE.len()) as u64;
    }
    let block = vec![b'x'; 64 * 1024];
    while left > 0 {
        let k = left.min(block.len() as u64) as usize;
        stream.write_all(&block[..k]).await?;
        left -= k as u64;
    }
    if framed {
        stream.write_all(CLOSE).await?;
    }
    Ok(())
}

/// Waits `delay` before an answer; `true` when the client hung up meanwhile.
pub(crate) async fn hung_up_during(stream: &TcpStream, delay: Duration) -> bool {
    let wait = tokio::time::sleep(delay);
    tokio::pin!(wait);
    let mut probe = [0u8; 1];
    tokio::select! {
        () = &mut wait => false,
        seen = stream.peek(&mut probe) => match seen {
            Ok(0) | Err(_) => true,
            // The client already sent more (the next request): it is still there.
            Ok(_) => {
                wait.await;
                false
            }
        },
    }
}

/// Answers one request as `step` says (its delay already waited); `Ok(true)` when the
/// connection may serve another.
pub(crate) async fn answer(
    stream: &mut TcpStream,
    step: &Step,
    list: Option<&ListSpec>,
    req: &Request,
) -> io::Result<bool> {
    if step.reset == Some(Reset::BeforeHead) {
        reset(stream);
        return Ok(false);
    }
    let status = step.status.unwrap_or(if step.redirect.is_some() {
        302
    } else if step.html {
        502
    } else {
        200
    });
    let body = body_of(step, list, req);
    let body_len = step.huge.unwrap_or(body.len() as u64);
    let mut headers: BTreeMap<String, String> = BTreeMap::new();
    let content_type = if step.html || step.text.is_some() && step.body.is_none() && !step.page {
        if step.html { "text/html" } else { "text/plain" }
    } else {
        "application/json"
    };
    headers.insert("content-type".into(), content_type.into());
    if step.no_length {
        headers.insert("connection".into(), "close".into());
    } else {
        let claimed = step.claim_length.unwrap_or(body_len);
        headers.insert("content-length".into(), claimed.to_string());
    }
    if let Some(loc) = &step.redirect {
        headers.insert("location".into(), loc.clone());
    }
    for (k, v) in &step.headers {
        headers.insert(k.to_ascii_lowercase(), v.clone());
    }
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (k, v) in &headers {
        head.push_str(k);
        head.push_str(": ");
        head.push_str(v);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.flush().await?;
    if step.reset == Some(Reset::AfterHead) {
        reset(stream);
        return Ok(false);
    }
    if req.method == "HEAD" {
        return Ok(!step.no_length);
    }
    if let Some(n) = step.huge {
        write_huge(stream, n).await?;
    } else {
        let send: &[u8] = match step.truncate {
            Some(k) => &body[..(k as usize).min(body.len())],
            None => &body,
        };
        if step.drip_ms > 0 {
            let piece = step.drip_bytes.unwrap_or(1).max(1);
            for part in send.chunks(piece) {
                stream.write_all(part).await?;
                stream.flush().await?;
                tokio::time::sleep(Duration::from_millis(step.drip_ms)).await;
            }
        } else {
            stream.write_all(send).await?;
        }
    }
    stream.flush().await?;
    let whole = step.truncate.is_none() && step.claim_length.is_none_or(|c| c == body_len);
    if !whole || step.no_length {
        let _ = stream.shutdown().await;
        return Ok(false);
    }
    Ok(true)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}
