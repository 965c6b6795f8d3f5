//! Errors by class with their fields, and bad path ids refused before any request.

use std::sync::Arc;
use std::time::Duration;

use openai_admin_uniffi::*;
use serde_json::json;

use crate::server::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_come_back_by_class_with_their_fields() {
    let (url, _server) = serve(Arc::new(|s: &Seen| {
        let status = if s.target.contains("/users/missing") { 404 } else { 429 };
        let body = json!({"error": {"message": "No such user", "type": "invalid_request_error", "param": "user_id", "code": "not_found"}});
        (status, body, Duration::ZERO)
    }))
    .await;
    let c = client(&url, ClientOptions::default());
    let users = c.admin().organization().users();
    match users
        .retrieve("missing".into(), CallOptions::default())
        .await
        .unwrap_err()
    {
        AdminError::NotFound {
            status,
            error_type,
            code,
            param,
            detail,
            request_id,
            body,
            class_name,
        } => {
            assert_eq!(status, Some(404));
            assert_eq!(error_type.as_deref(), Some("invalid_request_error"));
            assert_eq!(code.as_deref(), Some("not_found"));
            assert_eq!(param.as_deref(), Some("user_id"));
            assert_eq!(detail, "No such user");
            assert_eq!(request_id.as_deref(), Some("req_404"));
            assert!(body.unwrap().contains("No such user"));
            assert_eq!(class_name, "NotFoundError");
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
    let e = users.list(None, CallOptions::default()).await.unwrap_err();
    assert!(
        matches!(
            e,
            AdminError::RateLimit {
                status: Some(429),
                ..
            }
        ),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .starts_with("RateLimitError (429): No such user"),
        "{e}"
    );

    // Nothing listening: a connection error.
    let dead = client("http://127.0.0.1:9/v1", ClientOptions::default());
    let e = dead
        .admin()
        .organization()
        .users()
        .list(None, CallOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(e, AdminError::ApiConnection { .. }), "{e:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_path_ids_fail_before_any_request() {
    let (url, server) = serve(Arc::new(|_: &Seen| (200, user("u1"), Duration::ZERO))).await;
    let c = client(&url, ClientOptions::default());
    for bad in ["", ".", "..", "%2e%2E"] {
        let e = c
            .admin()
            .organization()
            .users()
            .retrieve(bad.into(), CallOptions::default())
            .await
            .unwrap_err();
        match e {
            AdminError::InvalidInput { param, .. } => assert_eq!(param.as_deref(), Some("user_id")),
            other => panic!("{bad:?}: {other:?}"),
        }
        let e = c
            .admin()
            .organization()
            .projects()
            .users()
            .retrieve(
                "user_1".into(),
                ProjectsUsersRetrieveParams {
                    project_id: bad.into(),
                },
                CallOptions::default(),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, AdminError::InvalidInput { .. }), "{e:?}");
    }
    assert!(server.log().is_empty());
    // A slash inside an id stays inside its segment.
    let u = c
        .admin()
        .organization()
        .users()
        .retrieve("a/b".into(), CallOptions::default())
        .await
        .unwrap();
    assert_eq!(u.id, "u1");
    assert!(server.log()[0].target.ends_with("/users/a%2Fb"));
}
