//! Walks over pages: every page once, cycles and the page cap end them.

use crate::support::*;

#[tokio::test]
async fn pages_and_items_walk_every_page() {
    let script = || {
        vec![
            page(&["a", "b"], true),
            page(&["c", "d"], true),
            page(&["e"], false),
        ]
    };
    let srv = Server::start(script()).await;
    let client = srv.client();
    let op = ListThings {
        limit: Some(2),
        ..Default::default()
    };

    let mut pages = client.pages(op.clone());
    let mut sizes = Vec::new();
    while let Some(p) = pages.next().await {
        sizes.push(p.unwrap().data.len());
    }
    assert_eq!(sizes, [2, 2, 1]);
    let targets: Vec<_> = srv.seen().into_iter().map(|s| s.target).collect();
    assert_eq!(
        targets,
        [
            "/v1/things?limit=2",
            "/v1/things?after=b&limit=2",
            "/v1/things?after=d&limit=2"
        ]
    );

    let srv = Server::start(script()).await;
    let client = srv.client();
    let ids: Vec<String> = client.items(op).map(|t| t.unwrap().id).collect().await;
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    assert_eq!(srv.count(), 3);
}

#[tokio::test]
async fn a_cursor_cycle_ends_the_walk() {
    // a → b → a: the third page hands back a cursor already followed.
    let srv = Server::start(vec![
        page(&["a"], true),
        page(&["b"], true),
        page(&["a"], true),
        page(&["never"], false),
    ])
    .await;
    let ids: Vec<String> = srv
        .client()
        .items(ListThings::default())
        .map(|t| t.unwrap().id)
        .collect()
        .await;
    assert_eq!(ids, ["a", "b", "a"]);
    assert_eq!(srv.count(), 3);
}

#[tokio::test]
async fn the_page_cap_ends_an_endless_walk() {
    let script = (0..10).map(|i| page(&[&format!("t{i}")], true)).collect();
    let srv = Server::start(script).await;
    let client = srv.client().with_max_pages(4);
    let pages: Vec<_> = client.pages(ListThings::default()).collect().await;
    assert_eq!(pages.len(), 4);
    assert_eq!(srv.count(), 4);
}

#[tokio::test]
async fn paging_stops_at_an_error() {
    let srv = Server::start(vec![
        page(&["a"], true),
        Reply::new(403, r#"{"error":{"message":"no"}}"#),
        page(&["z"], false),
    ])
    .await;
    let client = srv.client();
    let got: Vec<Result<Thing, Error>> = client.items(ListThings::default()).collect().await;
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].as_ref().unwrap().id, "a");
    let err = got[1].as_ref().unwrap_err();
    assert_eq!(
        err.api().map(|a| a.kind()),
        Some(StatusKind::PermissionDenied)
    );
    no_key(err);
    assert_eq!(srv.count(), 2);
}

#[tokio::test]
async fn call_options_reach_the_server_on_every_page() {
    let srv = Server::start(vec![page(&["a"], true), page(&["b"], false)]).await;
    let client = srv.client();
    let opts = CallOptions {
        request: RequestOptions {
            extra_headers: vec![("X-Trace".into(), "t-1".into())],
            extra_query: vec![("extra".into(), "yes please".into())],
            extra_body: None,
        },
        ..Default::default()
    };
    let pages: Vec<_> = client
        .pages_with(ListThings::default(), &opts)
        .collect()
        .await;
    assert_eq!(pages.len(), 2);
    let seen = srv.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].target, "/v1/things?extra=yes%20please");
    assert_eq!(seen[1].target, "/v1/things?after=a&extra=yes%20please");
    for s in &seen {
        assert_eq!(s.header("x-trace"), Some("t-1"));
        assert_eq!(
            s.header("authorization"),
            Some(format!("Bearer {KEY}").as_str())
        );
    }

    // And on a single call, with organization and project from the config.
    let srv = Server::start(vec![thing("t_1")]).await;
    let mut cfg = Config::new(KEY).with_base_url(&srv.base);
    cfg.organization = Some("org_1".into());
    cfg.project = Some("proj_1".into());
    let client = Client::new(cfg).unwrap();
    let opts = CallOptions {
        request: RequestOptions {
            extra_headers: vec![("X-Trace".into(), "t-2".into())],
            extra_query: vec![("q".into(), "1".into())],
            extra_body: Some(
                serde_json::json!({ "note": "hi" })
                    .as_object()
                    .unwrap()
                    .clone(),
            ),
        },
        ..Default::default()
    };
    client
        .send_with(&CreateThing { name: "x".into() }, &opts)
        .await
        .unwrap();
    let seen = srv.seen();
    assert_eq!(seen[0].target, "/v1/things?q=1");
    assert_eq!(seen[0].header("x-trace"), Some("t-2"));
    assert_eq!(seen[0].header("openai-organization"), Some("org_1"));
    assert_eq!(seen[0].header("openai-project"), Some("proj_1"));
    let body: serde_json::Value = serde_json::from_str(&seen[0].body).unwrap();
    assert_eq!(body, serde_json::json!({ "name": "x", "note": "hi" }));
}
