//! Exact cursor paging over a big organization, and usage and costs arithmetic.

use std::collections::HashSet;

use openai_admin_sandbox::{OrgSizes, SeedSizes};
use serde_json::{Value, json};

use super::api::{Api, now};

#[tokio::test]
async fn paging_over_1200_members_returns_each_once() {
    let sizes = SeedSizes {
        org: OrgSizes {
            users: 1200,
            ..OrgSizes::default()
        },
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
    let all = api
        .all("admin.organization.users.list", json!({}), 100)
        .await;
    // A page of one at a time.
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
    // `before` walks back: the page before the second rate limit holds only the first.
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

/// An archived project makes no usage after it was archived, and so costs nothing since.
#[tokio::test]
async fn archived_projects_cost_nothing_after_archival() {
    let api = Api::start(SeedSizes::default()).await;
    let (archived, at) = api.handle.with(|s| {
        let p = s
            .items("/organization/projects")
            .iter()
            .find(|p| p["archived_at"].is_i64())
            .unwrap()
            .clone();
        (
            p["id"].as_str().unwrap().to_owned(),
            p["archived_at"].as_i64().unwrap(),
        )
    });
    let cost_of = |page: &Value| -> f64 {
        page["data"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|b| b["results"].as_array().unwrap())
            .map(|r| r["amount"]["value"].as_f64().unwrap())
            .sum()
    };
    let params = |start: i64| {
        json!({"start_time": start, "bucket_width": "1d", "limit": 7,
               "group_by": ["project_id"], "project_ids": [archived]})
    };
    let after = api
        .ok("admin.organization.usage.costs", params(at + 86_400))
        .await;
    assert_eq!(cost_of(&after), 0.0, "{after}");
    let before = api
        .ok("admin.organization.usage.costs", params(at - 7 * 86_400))
        .await;
    assert!(cost_of(&before) > 0.0, "{before}");
}

/// Each API key's usage is under the model its name says it calls (`prod-backend-gpt-4o`:
/// `gpt-4o`), and only that one.
#[tokio::test]
async fn each_keys_usage_is_under_the_model_its_name_ends_with() {
    let api = Api::start(SeedSizes::default()).await;
    let names: std::collections::HashMap<String, String> = api.handle.with(|s| {
        let projects = s.items("/organization/projects").to_vec();
        let keys = projects.iter().flat_map(|p| {
            let pid = p["id"].as_str().unwrap();
            s.items(&format!("/organization/projects/{pid}/api_keys"))
                .to_vec()
        });
        keys.map(|k| {
            (
                k["id"].as_str().unwrap().to_owned(),
                k["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
    });
    let q = json!({"start_time": now() - 7 * 86_400, "bucket_width": "1d", "limit": 7,
                   "group_by": ["model", "api_key_id"]});
    let buckets = api.all("admin.organization.usage.completions", q, 7).await;
    let mut seen = 0;
    for r in buckets
        .iter()
        .flat_map(|b| b["results"].as_array().unwrap())
    {
        let (key, model) = (
            r["api_key_id"].as_str().unwrap(),
            r["model"].as_str().unwrap(),
        );
        let name = &names[key];
        assert!(
            name.ends_with(&format!("-{model}")),
            "{name} has usage under {model}"
        );
        seen += 1;
    }
    assert!(seen > 10, "only {seen} results");
}

/// The audit log pages newest first, each entry once, with and without filters.
#[tokio::test]
async fn audit_log_pages_exactly_with_filters() {
    let api = Api::start(SeedSizes::default()).await;
    api.ok(
        "admin.organization.projects.create",
        json!({"name": "Audited"}),
    )
    .await;
    let log = api.handle.with(|s| s.audit_log());
    assert_eq!(log.len(), 201);
    assert_eq!(log[0]["type"], "project.created");
    let ids = |entries: &[Value]| -> Vec<String> {
        entries
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = api
        .all("admin.organization.audit_logs.list", json!({}), 7)
        .await;
    assert_eq!(ids(&all), ids(&log));
    let wanted: Vec<Value> = log
        .iter()
        .filter(|e| e["type"] == "api_key.created" || e["type"] == "project.created")
        .cloned()
        .collect();
    assert!(wanted.len() > 3);
    let filtered = api
        .all(
            "admin.organization.audit_logs.list",
            json!({"event_types": ["api_key.created", "project.created"]}),
            3,
        )
        .await;
    assert_eq!(ids(&filtered), ids(&wanted));
    // Before a cursor: the entries just newer than it.
    let before = api
        .ok(
            "admin.organization.audit_logs.list",
            json!({"before": log[10]["id"], "limit": 4}),
        )
        .await;
    assert_eq!(ids(before["data"].as_array().unwrap()), ids(&log[6..10]));
}
