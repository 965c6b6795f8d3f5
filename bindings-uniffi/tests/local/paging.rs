//! Pagers: several pages, a cursor cycle, the page cap, usage pages.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use openai_admin_uniffi::*;
use serde_json::json;

use crate::server::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pager_walks_every_page_then_ends() {
    let (url, server) = serve(Arc::new(|s: &Seen| {
        let page = match query(&s.target).get("after").map(String::as_str) {
            None => json!({"object": "list", "data": [user("u1"), user("u2")], "has_more": true, "first_id": "u1", "last_id": "u2"}),
            Some("u2") => json!({"object": "list", "data": [user("u3")], "has_more": false, "first_id": "u3", "last_id": "u3"}),
            Some(other) => panic!("unexpected cursor {other}"),
        };
        (200, page, Duration::ZERO)
    }))
    .await;
    let c = client(&url, ClientOptions::default());
    let pager = c
        .admin()
        .organization()
        .users()
        .list_pager(
            Some(UsersListParams {
                limit: Some(2),
                ..Default::default()
            }),
            CallOptions::default(),
        )
        .unwrap();
    let mut ids = Vec::new();
    while let Some(page) = pager.next_page().await.unwrap() {
        ids.extend(page.data.into_iter().map(|u| u.id));
    }
    assert_eq!(ids, ["u1", "u2", "u3"]);
    assert_eq!(pager.pages_fetched(), 2);
    assert!(pager.next_page().await.unwrap().is_none());
    let seen = server.log();
    assert_eq!(seen.len(), 2);
    assert_eq!(
        query(&seen[1].target).get("limit").map(String::as_str),
        Some("2")
    );
}

/// Walks `pager` to its end and counts its pages (failing at the tenth: the walk did not stop).
async fn pages_until_end(pager: &UsersListPager) -> usize {
    let mut pages = 0;
    while pager.next_page().await.unwrap().is_some() {
        pages += 1;
        assert!(pages < 10, "the walk did not stop");
    }
    pages
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pager_stops_at_a_repeated_cursor_and_at_the_page_cap() {
    // Always "more", always the same cursor: a cycle after the second page.
    let (url, server) = serve(Arc::new(|_: &Seen| {
        (
            200,
            json!({"object": "list", "data": [user("u1")], "has_more": true, "last_id": "u1"}),
            Duration::ZERO,
        )
    }))
    .await;
    let c = client(&url, ClientOptions::default());
    let pager = c
        .admin()
        .organization()
        .users()
        .list_pager(None, CallOptions::default())
        .unwrap();
    assert_eq!(pages_until_end(&pager).await, 2);
    assert_eq!(server.log().len(), 2);

    // A fresh cursor every time: the page cap ends it.
    let n = Arc::new(Mutex::new(0));
    let (url, _server) = serve(Arc::new(move |_: &Seen| {
        let mut n = n.lock().unwrap();
        *n += 1;
        let id = format!("u{n}");
        (
            200,
            json!({"object": "list", "data": [user(&id)], "has_more": true, "last_id": id}),
            Duration::ZERO,
        )
    }))
    .await;
    let c = client(
        &url,
        ClientOptions {
            max_pages: Some(3),
            ..Default::default()
        },
    );
    let pager = c
        .admin()
        .organization()
        .users()
        .list_pager(None, CallOptions::default())
        .unwrap();
    assert_eq!(pages_until_end(&pager).await, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_usage_pager_follows_next_page() {
    let (url, server) = serve(Arc::new(|s: &Seen| {
        let bucket = |t: i64| json!({"object": "bucket", "start_time": t, "end_time": t + 86400, "results": [
            {"object": "organization.costs.result", "amount": {"value": 1.5, "currency": "usd"}, "project_id": "p"}
        ]});
        let page = match query(&s.target).get("page").map(String::as_str) {
            None => json!({"object": "page", "data": [bucket(0)], "has_more": true, "next_page": "pg2"}),
            Some("pg2") => json!({"object": "page", "data": [bucket(86400)], "has_more": false, "next_page": null}),
            Some(other) => panic!("unexpected page {other}"),
        };
        (200, page, Duration::ZERO)
    }))
    .await;
    let c = client(&url, ClientOptions::default());
    let params = UsageCostsParams {
        start_time: 0,
        end_time: None,
        bucket_width: None,
        project_ids: None,
        api_key_ids: None,
        group_by: None,
        limit: None,
        page: None,
        line_items: None,
    };
    let pager = c
        .admin()
        .organization()
        .usage()
        .costs_pager(params, CallOptions::default())
        .unwrap();
    let mut buckets = 0;
    while let Some(page) = pager.next_page().await.unwrap() {
        buckets += page.data.len();
    }
    assert_eq!(buckets, 2);
    let seen = server.log();
    assert_eq!(
        query(&seen[0].target).get("start_time").map(String::as_str),
        Some("0")
    );
    assert_eq!(
        query(&seen[1].target).get("page").map(String::as_str),
        Some("pg2")
    );
}
