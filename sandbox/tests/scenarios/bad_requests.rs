//! Malformed requests get the API's error shapes.

use openai_admin_sandbox::SeedSizes;
use serde_json::Value;

use super::api::{Api, assert_error};
use super::common;

/// One malformed request: method, path and query, body, authorization, status, param.
type Case<'a> = (
    &'a str,
    String,
    Option<&'a str>,
    Option<&'a str>,
    u16,
    Option<&'a str>,
);

/// Malformed requests get the API's error shape, with the right status and `param`.
#[tokio::test]
async fn malformed_requests_get_the_api_error_shapes() {
    let api = Api::start(SeedSizes::default()).await;
    let http = reqwest::Client::new();
    let project = api.first_id("/organization/projects");
    let auth = format!("Bearer {}", common::KEY);
    let group = api.first_id("/organization/groups");
    let group_with_no_role = format!(r#"{{"group_id":"{group}","role":"role_nothing"}}"#);
    // (method, path and query, body, authorization, status, param)
    let table: Vec<Case<'_>> = vec![
        ("GET", "/organization/users".into(), None, None, 401, None),
        (
            "GET",
            "/organization/users".into(),
            None,
            Some("Bearer sk-wrong"),
            401,
            None,
        ),
        (
            "GET",
            "/organization/nothing".into(),
            None,
            Some(&auth),
            404,
            None,
        ),
        (
            "PUT",
            "/organization/users".into(),
            None,
            Some(&auth),
            405,
            None,
        ),
        (
            "GET",
            "/organization/users?limit=many".into(),
            None,
            Some(&auth),
            400,
            Some("limit"),
        ),
        (
            "GET",
            "/organization/users?limit=0".into(),
            None,
            Some(&auth),
            400,
            Some("limit"),
        ),
        (
            "GET",
            "/organization/users?colour=blue".into(),
            None,
            Some(&auth),
            400,
            Some("colour"),
        ),
        (
            "POST",
            "/organization/projects".into(),
            Some("{}"),
            Some(&auth),
            400,
            Some("name"),
        ),
        (
            "POST",
            "/organization/projects".into(),
            Some(r#"{"name": 5}"#),
            Some(&auth),
            400,
            Some("name"),
        ),
        (
            "POST",
            "/organization/projects".into(),
            Some("{not json"),
            Some(&auth),
            400,
            None,
        ),
        (
            "POST",
            "/organization/projects".into(),
            Some(r#"{"name":"x","colour":1}"#),
            Some(&auth),
            400,
            Some("colour"),
        ),
        (
            "GET",
            "/organization/projects/proj_missing".into(),
            None,
            Some(&auth),
            404,
            None,
        ),
        (
            "GET",
            "/organization/projects/proj_missing/users".into(),
            None,
            Some(&auth),
            404,
            None,
        ),
        (
            "POST",
            format!("/organization/projects/{project}/users"),
            Some(r#"{"user_id":"user-nobody","role":"member"}"#),
            Some(&auth),
            404,
            Some("user_id"),
        ),
        (
            "POST",
            format!("/organization/projects/{project}/groups"),
            Some(&group_with_no_role),
            Some(&auth),
            404,
            Some("role"),
        ),
        (
            "GET",
            "/organization/costs".into(),
            None,
            Some(&auth),
            400,
            Some("start_time"),
        ),
        (
            "GET",
            "/organization/costs?start_time=1&bucket_width=2d".into(),
            None,
            Some(&auth),
            400,
            Some("bucket_width"),
        ),
        (
            "GET",
            "/organization/usage/completions?start_time=1&limit=1000".into(),
            None,
            Some(&auth),
            400,
            Some("limit"),
        ),
        (
            "GET",
            "/organization/audit_logs?effective_at[gte]=soon".into(),
            None,
            Some(&auth),
            400,
            Some("effective_at"),
        ),
    ];
    for (method, path, body, key, status, param) in table {
        let mut r = http.request(method.parse().unwrap(), format!("{}{path}", api.base));
        if let Some(k) = key {
            r = r.header("authorization", k);
        }
        if let Some(b) = body {
            r = r
                .header("content-type", "application/json")
                .body(b.to_owned());
        }
        let resp = r.send().await.unwrap();
        assert_eq!(resp.status().as_u16(), status, "{method} {path}");
        let body: Value = resp.json().await.unwrap();
        assert_error(&body, param);
    }
}
