//! Faults on demand, state files across restarts, and the same seed giving the same
//! organization.

use openai_admin::client::{CallOptions, Client};
use openai_admin::params::Params;
use openai_admin::request::RequestOptions;
use openai_admin::{Config, host};
use openai_admin_sandbox::{Fault, Options, Sandbox, SeedSizes, State};
use payloads::org::{OrgSizes, SeededOrg};
use serde_json::{Value, json};

use super::api::Api;
use super::common;

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
    // The audit log too: the seeded history and the change, newest first.
    let log = second.handle().with(|s| s.audit_log());
    assert_eq!(log.len(), 201);
    assert_eq!(log[0]["project.created"]["id"], resp["id"]);
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

/// The whole seeded state (every collection, setting and the audit history) is a function of
/// the seed and the clock; its people, projects, members and keys are the `payloads` crate's
/// seeded organization.
#[test]
fn seeded_state_is_the_payloads_organization_and_deterministic() {
    let now = 1_800_000_000;
    let sizes = SeedSizes::default();
    let state = |seed| State::new(seed, "sk-admin-x", &sizes, now).unwrap();
    let (a, b, c) = (state(9), state(9), state(10));
    assert_eq!(a.snapshot(), b.snapshot(), "same seed, same state");
    assert_ne!(a.snapshot(), c.snapshot(), "another seed, another state");

    let org = SeededOrg::new(9, now, &OrgSizes::default());
    let users = a.items("/organization/users");
    assert_eq!(users.len(), org.people.len());
    for (u, p) in users.iter().zip(&org.people) {
        assert_eq!(
            (u["id"].as_str(), u["email"].as_str()),
            (Some(p.id.as_str()), Some(p.email.as_str()))
        );
    }
    let projects = a.items("/organization/projects");
    assert_eq!(projects.len(), org.projects.len());
    for (v, p) in projects.iter().zip(&org.projects) {
        assert_eq!(v["id"].as_str(), Some(p.id.as_str()));
        assert_eq!(v["name"].as_str(), Some(p.name.as_str()));
        let keys = a.items(&format!("/organization/projects/{}/api_keys", p.id));
        let ids: Vec<&str> = keys.iter().filter_map(|k| k["id"].as_str()).collect();
        let want: Vec<&str> = p.api_keys.iter().map(|k| k.id.as_str()).collect();
        assert_eq!(ids, want, "{}", p.name);
        for (k, want) in keys.iter().zip(&p.api_keys) {
            assert_eq!(k["last_used_at"].as_i64(), want.last_used_at);
            let owner = &p.members[want.owner];
            assert_eq!(
                k["owner"]["user"]["id"].as_str(),
                Some(org.people[owner.person].id.as_str())
            );
        }
        let members = a.items(&format!("/organization/projects/{}/users", p.id));
        assert_eq!(members.len(), p.members.len());
    }
}

/// Groups have their own size (`OrgSizes::group_users`), not the projects' member count, and
/// their members are distinct people whatever the organization's size.
#[test]
fn groups_have_their_own_number_of_distinct_members() {
    let now = 1_800_000_000;
    for (users, project_users, group_users) in [(48, 6, 12), (49, 3, 10), (14, 6, 20)] {
        let sizes = SeedSizes {
            org: OrgSizes {
                users,
                project_users,
                group_users,
                ..OrgSizes::default()
            },
            ..SeedSizes::default()
        };
        let s = State::new(5, "sk-admin-x", &sizes, now).unwrap();
        let groups = s.items("/organization/groups");
        assert!(!groups.is_empty());
        for g in groups {
            let id = g["id"].as_str().unwrap();
            let members = s.items(&format!("/organization/groups/{id}/users"));
            let distinct: std::collections::BTreeSet<&str> =
                members.iter().map(|m| m["id"].as_str().unwrap()).collect();
            let want = group_users.min(users);
            assert_eq!(
                (members.len(), distinct.len()),
                (want, want),
                "{users} people, {group_users} per group"
            );
        }
    }
    assert_eq!(OrgSizes::default().group_users, 12);
}
