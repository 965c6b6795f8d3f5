//! The API's semantics over the seeded organization, through the Rust client: create,
//! list, retrieve, update, delete per resource; exact paging; usage and cost arithmetic;
//! list filters; the audit log; malformed requests; faults; state files.
#![allow(clippy::unwrap_used, missing_docs, unreachable_pub)]

mod common;

use std::collections::HashSet;
use std::time::{SystemTime, UNIX_EPOCH};

use openai_admin::client::{CallOptions, Client};
use openai_admin::params::Params;
use openai_admin::request::RequestOptions;
use openai_admin::{Config, host};
use openai_admin_sandbox::{Fault, Handle, Options, Sandbox, SeedSizes};
use serde_json::{Value, json};

struct Api {
    client: Client,
    handle: Handle,
    base: String,
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

impl Api {
    async fn start(sizes: SeedSizes) -> Self {
        let (base, handle) = common::start(3, sizes).await;
        let cfg = Config::new(common::KEY).with_base_url(base.clone());
        let client = Client::new(cfg).unwrap().with_max_retries(0);
        Self {
            client,
            handle,
            base,
        }
    }

    /// Calls `method` (official Python name) with `params`; the status and JSON body.
    /// Every 2xx body is checked with the core's strict typed decode.
    async fn call(&self, method: &str, params: Value) -> (u16, Value) {
        let info = host::operation(method).unwrap_or_else(|| panic!("{method}"));
        let p: Params = params.as_object().unwrap().clone();
        let req = info
            .build(p, self.client.config(), &RequestOptions::default())
            .unwrap_or_else(|e| panic!("{method}: {e}"));
        let r = self
            .client
            .execute(req, info.idempotent, &CallOptions::default())
            .await
            .unwrap();
        if r.status.is_success() {
            info.validate(r.status, &r.headers, &r.body)
                .unwrap_or_else(|e| panic!("{method}: {e}"));
        }
        (r.status.as_u16(), serde_json::from_slice(&r.body).unwrap())
    }

    async fn ok(&self, method: &str, params: Value) -> Value {
        let (status, body) = self.call(method, params).await;
        assert_eq!(status, 200, "{method}: {body}");
        body
    }

    /// Every item of a list, page by page as the core's paging rules say, limit `limit`.
    async fn all(&self, method: &str, params: Value, limit: i64) -> Vec<Value> {
        let info = host::operation(method).unwrap();
        let mut p: Params = params.as_object().unwrap().clone();
        p.insert("limit".into(), json!(limit));
        let mut out = Vec::new();
        for _ in 0..10_000 {
            let page = self.ok(method, Value::Object(p.clone())).await;
            out.extend(page["data"].as_array().unwrap().iter().cloned());
            match info
                .next_params(&p, &serde_json::to_vec(&page).unwrap())
                .unwrap()
            {
                Some(next) => p = next,
                None => return out,
            }
        }
        panic!("{method} never ended");
    }

    fn first_id(&self, path: &str) -> String {
        self.handle
            .with(|s| s.items(path)[0]["id"].as_str().unwrap().to_owned())
    }
}

fn assert_error(body: &Value, param: Option<&str>) {
    let e = &body["error"];
    assert!(
        e["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert_eq!(e["type"], "invalid_request_error", "{body}");
    assert!(
        e.get("code").is_some() && e.get("param").is_some(),
        "{body}"
    );
    assert_eq!(e["param"].as_str(), param, "{body}");
}

#[tokio::test]
async fn projects_create_list_retrieve_update_archive() {
    let api = Api::start(SeedSizes::default()).await;
    let p = api
        .ok(
            "admin.organization.projects.create",
            json!({"name": "Checkout Assistant"}),
        )
        .await;
    let id = p["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("proj_"));
    let listed = api
        .all("admin.organization.projects.list", json!({}), 3)
        .await;
    assert_eq!(listed.iter().filter(|x| x["id"] == id.as_str()).count(), 1);
    let got = api
        .ok(
            "admin.organization.projects.retrieve",
            json!({"project_id": id}),
        )
        .await;
    assert_eq!(got["name"], "Checkout Assistant");
    api.ok(
        "admin.organization.projects.update",
        json!({"project_id": id, "name": "Checkout Bot"}),
    )
    .await;
    let got = api
        .ok(
            "admin.organization.projects.retrieve",
            json!({"project_id": id}),
        )
        .await;
    assert_eq!(got["name"], "Checkout Bot");
    api.ok(
        "admin.organization.projects.archive",
        json!({"project_id": id}),
    )
    .await;
    let active = api
        .all("admin.organization.projects.list", json!({}), 100)
        .await;
    assert!(active.iter().all(|x| x["id"] != id.as_str()));
    let all = api
        .all(
            "admin.organization.projects.list",
            json!({"include_archived": true}),
            100,
        )
        .await;
    assert!(
        all.iter()
            .any(|x| x["id"] == id.as_str() && x["status"] == "archived")
    );
    // The change is in the audit log, newest first.
    let log = api
        .ok(
            "admin.organization.audit_logs.list",
            json!({"event_types": ["project.created"], "limit": 5}),
        )
        .await;
    let first = &log["data"][0];
    assert_eq!(first["type"], "project.created");
    assert_eq!(first["project.created"]["id"], id.as_str());
    assert!(
        log["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["type"] == "project.created")
    );
}

/// create → list → retrieve → update → delete → 404, for each resource that has them all
/// (and create → list → retrieve → delete → 404 for those without an update).
#[tokio::test]
async fn each_resource_lives_and_dies() {
    let api = Api::start(SeedSizes::default()).await;
    let project = api.first_id("/organization/projects");
    let user = api.handle.with(|s| {
        let members: Vec<String> = s
            .items(&format!("/organization/projects/{project}/users"))
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_owned())
            .collect();
        s.items("/organization/users")
            .iter()
            .map(|u| u["id"].as_str().unwrap().to_owned())
            .find(|u| !members.contains(u))
            .unwrap()
    });
    let p = json!({"project_id": project});
    // (resource, scope params, create body, id field of the created object,
    //  id param name, update body or null)
    let cases: Vec<(&str, Value, Value, &str, &str, Value)> = vec![
        (
            "admin.organization.projects.users",
            p.clone(),
            json!({"user_id": user, "role": "member"}),
            "id",
            "user_id",
            json!({"role": "owner"}),
        ),
        (
            "admin.organization.projects.service_accounts",
            p.clone(),
            json!({"name": "release-bot"}),
            "id",
            "service_account_id",
            json!({"name": "release-bot-2"}),
        ),
        (
            "admin.organization.projects.spend_alerts",
            p.clone(),
            json!({"threshold_amount": 250, "interval": "month", "currency": "USD", "notification_channel": {"type": "email", "recipients": ["finance@example.com"]}}),
            "id",
            "alert_id",
            json!({"threshold_amount": 500, "interval": "month", "currency": "USD", "notification_channel": {"type": "email", "recipients": ["finance@example.com"]}}),
        ),
        (
            "admin.organization.groups",
            json!({}),
            json!({"name": "Platform Team"}),
            "id",
            "group_id",
            json!({"name": "Platform"}),
        ),
        (
            "admin.organization.roles",
            json!({}),
            json!({"role_name": "Spend Reader", "permissions": ["api.usage.read"]}),
            "id",
            "role_id",
            json!({"description": "reads spend"}),
        ),
        (
            "admin.organization.invites",
            json!({}),
            json!({"email": "new.hire@example.com", "role": "reader"}),
            "id",
            "invite_id",
            Value::Null,
        ),
        (
            "admin.organization.admin_api_keys",
            json!({}),
            json!({"name": "terraform"}),
            "id",
            "key_id",
            Value::Null,
        ),
    ];
    for (res, scope, body, id_field, id_param, update) in cases {
        let mut create = scope.clone();
        merge(&mut create, &body);
        let made = api.ok(&format!("{res}.create"), create).await;
        let id = made[id_field]
            .as_str()
            .unwrap_or_else(|| panic!("{res}: {made}"))
            .to_owned();
        let listed = api.all(&format!("{res}.list"), scope.clone(), 2).await;
        assert_eq!(
            listed.iter().filter(|x| x[id_field] == id.as_str()).count(),
            1,
            "{res}: created {id} is listed once"
        );
        let mut at = scope.clone();
        at[id_param] = json!(id);
        let got = api.ok(&format!("{res}.retrieve"), at.clone()).await;
        assert_eq!(got[id_field], id.as_str(), "{res}");
        if !update.is_null() {
            let mut u = at.clone();
            merge(&mut u, &update);
            api.ok(&format!("{res}.update"), u).await;
            let got = api.ok(&format!("{res}.retrieve"), at.clone()).await;
            for (k, v) in update.as_object().unwrap() {
                match v.as_object() {
                    Some(fields) => {
                        for (f, x) in fields {
                            assert_eq!(&got[k][f], x, "{res}: {k}.{f} updated");
                        }
                    }
                    None => assert_eq!(&got[k], v, "{res}: {k} updated"),
                }
            }
        }
        let gone = api.ok(&format!("{res}.delete"), at.clone()).await;
        assert_eq!(gone["deleted"], true, "{res}: {gone}");
        let (status, body) = api.call(&format!("{res}.retrieve"), at.clone()).await;
        assert_eq!(status, 404, "{res}: {body}");
        assert_error(&body, None);
        let (status, _) = api.call(&format!("{res}.delete"), at).await;
        assert_eq!(status, 404, "{res}: deleting twice");
        let listed = api.all(&format!("{res}.list"), scope, 100).await;
        assert!(listed.iter().all(|x| x[id_field] != id.as_str()), "{res}");
    }
}

fn merge(a: &mut Value, b: &Value) {
    for (k, v) in b.as_object().unwrap() {
        a[k] = v.clone();
    }
}

#[tokio::test]
async fn paging_over_1200_members_returns_each_once() {
    let sizes = SeedSizes {
        users: 1200,
        ..SeedSizes::default()
    };
    let api = Api::start(sizes).await;
    for limit in [1000, 100, 7] {
        let users = api
            .all("admin.organization.users.list", json!({}), limit)
            .await;
        let ids: HashSet<&str> = users.iter().map(|u| u["id"].as_str().unwrap()).collect();
        assert_eq!(users.len(), 1200, "limit {limit}");
        assert_eq!(ids.len(), 1200, "limit {limit}");
    }
    // `before` walks back: the page before the 11th member is the first ten.
    let all = api
        .all("admin.organization.users.list", json!({}), 100)
        .await;
    let groups = api
        .all("admin.organization.groups.list", json!({}), 1)
        .await;
    assert_eq!(groups.len(), 3);
    let page = api
        .ok(
            "admin.organization.projects.rate_limits.list_rate_limits",
            json!({"project_id": api.first_id("/organization/projects"), "limit": 2}),
        )
        .await;
    let second = page["data"][1]["id"].as_str().unwrap().to_owned();
    let back = api
        .ok(
            "admin.organization.projects.rate_limits.list_rate_limits",
            json!({"project_id": api.first_id("/organization/projects"), "limit": 5, "before": second}),
        )
        .await;
    assert_eq!(back["data"].as_array().unwrap().len(), 1);
    assert_eq!(back["data"][0]["id"], page["data"][0]["id"]);
    // Filters filter.
    let emails = [all[5]["email"].clone(), all[900]["email"].clone()];
    let found = api
        .ok("admin.organization.users.list", json!({"emails": emails}))
        .await;
    let got: Vec<&Value> = found["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| &u["email"])
        .collect();
    assert_eq!(got, emails.iter().collect::<Vec<_>>());
}

#[tokio::test]
async fn costs_and_usage_sums_by_group_match_totals() {
    let api = Api::start(SeedSizes::default()).await;
    let start = now() - 7 * 86_400;
    let total = api
        .all(
            "admin.organization.usage.costs",
            json!({"start_time": start}),
            3,
        )
        .await;
    assert_eq!(total.len(), 8, "7 whole days and today, over pages of 3");
    let starts: Vec<i64> = total
        .iter()
        .map(|b| b["start_time"].as_i64().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[1] - w[0] == 86_400));
    let by_project = api
        .all(
            "admin.organization.usage.costs",
            json!({"start_time": start, "group_by": ["project_id", "line_item"]}),
            7,
        )
        .await;
    let sum = |b: &Value| -> f64 {
        b["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["amount"]["value"].as_f64().unwrap())
            .sum()
    };
    let mut grand = 0.0;
    for (t, g) in total.iter().zip(&by_project) {
        assert!((sum(t) - sum(g)).abs() < 1e-6, "{} vs {}", sum(t), sum(g));
        grand += sum(t);
        for r in g["results"].as_array().unwrap() {
            assert!(r["project_id"].as_str().unwrap().starts_with("proj_"));
            assert!(r["line_item"].as_str().is_some());
        }
    }
    assert!(grand > 1.0, "a week of spend: {grand}");

    let tokens = |buckets: &[Value]| -> i64 {
        buckets
            .iter()
            .flat_map(|b| b["results"].as_array().unwrap().clone())
            .map(|r| r["input_tokens"].as_i64().unwrap())
            .sum()
    };
    let q = json!({"start_time": start, "bucket_width": "1h", "limit": 168});
    let t = api
        .all("admin.organization.usage.completions", q.clone(), 168)
        .await;
    let mut g = q.clone();
    g["group_by"] = json!(["model", "project_id", "api_key_id"]);
    let grouped = api
        .all("admin.organization.usage.completions", g, 168)
        .await;
    assert_eq!(tokens(&t), tokens(&grouped));
    assert!(tokens(&t) > 0);
    // A project filter keeps that project's share only.
    let project = api.first_id("/organization/projects");
    let mut f = q.clone();
    f["project_ids"] = json!([project]);
    f["group_by"] = json!(["project_id"]);
    let one = api
        .all("admin.organization.usage.completions", f, 168)
        .await;
    let mut h = q.clone();
    h["group_by"] = json!(["project_id"]);
    let per_project = api
        .all("admin.organization.usage.completions", h, 168)
        .await;
    let of = |buckets: &[Value]| -> i64 {
        buckets
            .iter()
            .flat_map(|b| b["results"].as_array().unwrap().clone())
            .filter(|r| r["project_id"] == project.as_str())
            .map(|r| r["input_tokens"].as_i64().unwrap())
            .sum()
    };
    assert_eq!(tokens(&one), of(&per_project));
    assert!(tokens(&one) < tokens(&t));
}

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

#[tokio::test]
async fn faults_on_demand_and_retries() {
    let api = Api::start(SeedSizes::default()).await;
    api.handle.inject(Fault::RateLimited, 2);
    let (status, body) = api.call("admin.organization.users.list", json!({})).await;
    assert_eq!(status, 429);
    assert_eq!(body["error"]["code"], "rate_limit_exceeded");
    // The client's own retries ride out the second one (retry-after: 1).
    let client = Client::new(Config::new(common::KEY).with_base_url(api.base.clone()))
        .unwrap()
        .with_max_retries(2);
    let info = host::operation("admin.organization.users.list").unwrap();
    let req = info
        .build(Params::new(), client.config(), &RequestOptions::default())
        .unwrap();
    let r = client
        .execute(req, true, &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(r.status.as_u16(), 200);
    // A header queues faults too: a 500, then a dropped connection.
    let http = reqwest::Client::new();
    let resp = http
        .get(format!("{}/organization/users", api.base))
        .header("authorization", format!("Bearer {}", common::KEY))
        .header("x-sandbox-fault", "500")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 500);
    // A slow body still arrives whole.
    api.handle.inject(Fault::Slow, 1);
    let (status, body) = api
        .call("admin.organization.projects.list", json!({}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["object"], "list");
    api.handle.inject(Fault::Reset, 1);
    let failed = http
        .get(format!("{}/organization/users", api.base))
        .header("authorization", format!("Bearer {}", common::KEY))
        .send()
        .await;
    assert!(failed.is_err());
}

#[tokio::test]
async fn state_file_carries_changes_to_the_next_start() {
    let dir = std::env::temp_dir().join(format!("sandbox-state-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("org.json");
    let _ = std::fs::remove_file(&file);
    let opts = || Options {
        admin_key: common::KEY.to_owned(),
        seed: 5,
        sizes: SeedSizes::default(),
        state_file: Some(file.clone()),
        faults: Vec::new(),
    };
    let first = Sandbox::bind("127.0.0.1:0".parse().unwrap(), opts())
        .await
        .unwrap();
    let base = first.url();
    let task = tokio::spawn(first.serve());
    let resp: Value = reqwest::Client::new()
        .post(format!("{base}/organization/projects"))
        .header("authorization", format!("Bearer {}", common::KEY))
        .json(&json!({"name": "Kept Across Restarts"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    task.abort();
    let second = Sandbox::bind("127.0.0.1:0".parse().unwrap(), opts())
        .await
        .unwrap();
    let found = second.handle().with(|s| {
        s.items("/organization/projects")
            .iter()
            .any(|p| p["id"] == resp["id"] && p["name"] == "Kept Across Restarts")
    });
    assert!(found);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn same_seed_same_organization() {
    let a = Api::start(SeedSizes::default()).await;
    let b = Api::start(SeedSizes::default()).await;
    let names = |api: &Api| {
        api.handle.with(|s| {
            s.items("/organization/users")
                .iter()
                .map(|u| u["email"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(names(&a), names(&b));
    assert_eq!(names(&a).len(), 48);
}
