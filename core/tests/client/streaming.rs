//! `Client::execute_streaming`: the answer comes back once its status and headers are in,
//! and the body is read only as the caller asks.

use crate::support::*;
use openai_admin::client::StreamingResponse;
use tokio::sync::oneshot;

/// A one-connection server: sends `head` (status line and headers), then `first`, then
/// waits for `go` before sending `rest` and closing. `closed` fires when the client hangs
/// up before `go`.
struct Staged {
    base: String,
    go: Option<oneshot::Sender<()>>,
    closed: oneshot::Receiver<()>,
}

async fn staged(head: &str, first: &[u8], rest: &[u8]) -> Staged {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/v1", listener.local_addr().unwrap());
    let (go_tx, go_rx) = oneshot::channel::<()>();
    let (closed_tx, closed_rx) = oneshot::channel::<()>();
    let head = format!("{head}\r\n\r\n").into_bytes();
    let (first, rest) = (first.to_vec(), rest.to_vec());
    tokio::spawn(async move {
        let (mut sock, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 4096];
        let _ = sock.read(&mut buf).await;
        sock.write_all(&head).await.unwrap();
        sock.write_all(&first).await.unwrap();
        sock.flush().await.unwrap();
        tokio::select! {
            _ = go_rx => {
                let _ = sock.write_all(&rest).await;
                let _ = sock.shutdown().await;
            }
            n = sock.read(&mut buf) => {
                if matches!(n, Ok(0) | Err(_)) {
                    let _ = closed_tx.send(());
                }
            }
        }
    });
    Staged {
        base,
        go: Some(go_tx),
        closed: closed_rx,
    }
}

fn get(c: &Client) -> HttpRequest {
    ListThings::default()
        .build(c.config(), &RequestOptions::default())
        .unwrap()
}

/// Sends [`get`] with the default options and returns the answer, its body unread.
async fn open(c: &Client) -> StreamingResponse {
    c.execute_streaming(get(c), true, &CallOptions::default())
        .await
        .unwrap()
}

const HEAD: &str = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-request-id: req_s";

#[tokio::test]
async fn returns_before_the_body_is_sent_and_reads_it_when_asked() {
    let head = format!("{HEAD}\r\ncontent-length: 28");
    let mut s = staged(&head, b"{\"data\":[", b"],\"has_more\":false}").await;
    let c = client(&s.base);
    // The server sends the rest only when told: the call returns without it.
    let opts = CallOptions::default();
    let call = c.execute_streaming(get(&c), true, &opts);
    let mut resp = tokio::time::timeout(Duration::from_secs(5), call)
        .await
        .expect("returned before the body was complete")
        .unwrap();
    assert_eq!(resp.status.as_u16(), 200);
    assert_eq!(resp.request_id(), Some("req_s"));
    assert_eq!(resp.body.bytes_read(), 0);
    let first = resp.body.chunk().await.unwrap().unwrap();
    assert_eq!(first, b"{\"data\":[");
    assert!(!resp.body.is_closed());
    s.go.take().unwrap().send(()).unwrap();
    let rest = resp.into_raw().await.unwrap().body;
    assert_eq!(rest, b"],\"has_more\":false}");
}

#[tokio::test]
async fn dropping_an_unread_body_closes_the_connection() {
    let head = format!("{HEAD}\r\ncontent-length: 1000");
    let s = staged(&head, b"{", b"").await;
    let c = client(&s.base);
    let resp = open(&c).await;
    drop(resp);
    tokio::time::timeout(Duration::from_secs(5), s.closed)
        .await
        .expect("the server saw the connection close")
        .unwrap();
}

#[tokio::test]
async fn the_size_cap_holds_while_reading() {
    // No length announced: the cap is found out only by reading.
    let head = "HTTP/1.1 200 OK\r\nx-request-id: req_big\r\nconnection: close";
    let mut s = staged(head, &[b'a'; 40], &[b'b'; 40]).await;
    s.go.take().unwrap().send(()).unwrap();
    let c = client(&s.base).with_max_response_bytes(50);
    let mut resp = open(&c).await;
    let e = resp.body.read_to_end().await.unwrap_err();
    assert!(
        matches!(&e, Error::ResponseTooLarge { limit: 50, request_id: Some(r), .. } if r == "req_big"),
        "{e:?}"
    );
    assert!(resp.body.is_closed());
    assert!(resp.body.chunk().await.unwrap().is_none());
    // A length over the cap fails at once, before any read.
    let s = staged(&format!("{HEAD}\r\ncontent-length: 51"), b"", b"").await;
    let c = client(&s.base).with_max_response_bytes(50);
    let e = c
        .execute_streaming(get(&c), true, &CallOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::ResponseTooLarge { .. }), "{e:?}");
}

#[tokio::test]
async fn each_read_has_the_timeout() {
    let s = staged(&format!("{HEAD}\r\ncontent-length: 10"), b"", b"").await;
    let c = client(&s.base);
    let opts = CallOptions {
        timeout: Some(Duration::from_millis(200)),
        ..CallOptions::default()
    };
    let mut resp = c.execute_streaming(get(&c), true, &opts).await.unwrap();
    let t = Instant::now();
    let e = resp.body.chunk().await.unwrap_err();
    assert!(matches!(e, Error::Timeout), "{e:?}");
    assert!(t.elapsed() < Duration::from_secs(3));
    assert!(resp.body.is_closed());
}

#[tokio::test]
async fn retries_on_status_and_headers_and_returns_the_last_answer() {
    let server = Server::start(vec![fast_500(), fast_500(), thing("t1")]).await;
    let c = server.client();
    let resp = open(&c).await;
    assert_eq!((resp.status.as_u16(), server.count()), (200, 3));
    let mut chunks = resp.body.into_stream();
    let mut body = Vec::new();
    while let Some(chunk) = chunks.next().await {
        body.extend(chunk.unwrap());
    }
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["id"], "t1");
    // Out of retries: the last error answer comes back as it is, its body unread.
    let server = Server::start(vec![fast_500(), fast_500()]).await;
    let c = server.client().with_max_retries(1);
    let resp = open(&c).await;
    assert_eq!((resp.status.as_u16(), resp.body.bytes_read()), (500, 0));
    let raw = resp.into_raw().await.unwrap();
    assert!(String::from_utf8_lossy(&raw.body).contains("boom"));
}

#[tokio::test]
async fn a_kept_body_hands_out_pieces_and_keeps_the_whole() {
    use openai_admin::client::KeptBody;
    use openai_admin::host::{Cut, Piece, Split};
    let body = "one\r\ntwo \u{e9}\nthree".as_bytes();
    // The `\r\n` is cut in half between what is sent first and the rest.
    let cut = body.iter().position(|b| *b == b'\n').unwrap();
    let head = format!("{HEAD}\r\ncontent-length: {}", body.len());
    let mut s = staged(&head, &body[..cut], &body[cut..]).await;
    let c = client(&s.base);
    let resp = open(&c).await;
    let mut kept = KeptBody::new(resp.body);
    assert!(!kept.is_closed());
    let mut lines = Split::new(Cut::Lines);
    s.go.take().unwrap().send(()).unwrap();
    let mut got = Vec::new();
    while let Some(Piece::Text(line)) = kept.next_piece(&mut lines).await.unwrap() {
        got.push(line);
    }
    assert_eq!(got, ["one", "two \u{e9}", "three"]);
    assert!(kept.is_ended() && kept.is_closed());
    assert_eq!(kept.take_whole().unwrap(), body);
    assert_eq!(kept.take_whole(), None);
}

#[tokio::test]
async fn a_kept_body_closed_before_its_end_cannot_be_read() {
    use openai_admin::client::KeptBody;
    let s = staged(&format!("{HEAD}\r\ncontent-length: 10"), b"{", b"").await;
    let c = client(&s.base);
    let resp = open(&c).await;
    let mut kept = KeptBody::new(resp.body);
    kept.close();
    assert!(kept.is_closed());
    let e = kept.read_to_end().await.unwrap_err();
    assert!(matches!(e, Error::Connection { .. }), "{e:?}");
    assert!(!kept.is_ended() && kept.take_whole().is_none());
    tokio::time::timeout(Duration::from_secs(5), s.closed)
        .await
        .expect("the server saw the connection close")
        .unwrap();
}

#[tokio::test]
async fn a_kept_body_whose_read_failed_cannot_be_read_again() {
    use openai_admin::client::KeptBody;
    // No length announced, and more than the cap sent: the first read fails on the cap.
    let head = "HTTP/1.1 200 OK\r\nconnection: close";
    let mut s = staged(head, &[b'a'; 40], &[b'b'; 40]).await;
    s.go.take().unwrap().send(()).unwrap();
    let c = client(&s.base).with_max_response_bytes(50);
    let mut kept = KeptBody::new(open(&c).await.body);
    let e = kept.read_to_end().await.unwrap_err();
    assert!(matches!(e, Error::ResponseTooLarge { .. }), "{e:?}");
    assert!(kept.is_closed());
    let e = kept.read_to_end().await.unwrap_err();
    assert!(matches!(e, Error::Connection { .. }), "{e:?}");
    assert!(!kept.is_ended() && kept.take_whole().is_none());
}
