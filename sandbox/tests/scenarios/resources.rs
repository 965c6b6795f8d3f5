//! Resources through their life: create → list → retrieve → update → delete → 404.

use openai_admin_sandbox::SeedSizes;
use serde_json::{Value, json};

use super::api::{Api, assert_error, merge};

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

/// An invite, seeded or just sent, is pending and not accepted yet.
#[tokio::test]
async fn invites_are_pending_until_accepted() {
    let api = Api::start(SeedSizes::default()).await;
    let sent = api
        .ok(
            "admin.organization.invites.create",
            json!({"email": "new.hire@example.com", "role": "reader"}),
        )
        .await;
    let seeded = api
        .all("admin.organization.invites.list", json!({}), 100)
        .await;
    assert!(seeded.len() > 1);
    for invite in seeded.iter().chain([&sent]) {
        assert_eq!(invite["status"], "pending", "{invite}");
        assert!(invite["accepted_at"].is_null(), "{invite}");
    }
    // The projects an invite grants are those it was sent with, none unless asked.
    assert_eq!(sent["projects"], json!([]), "{sent}");
    let project = api.first_id("/organization/projects");
    let grants = json!([{"id": project, "role": "owner"}]);
    let with_project = api
        .ok(
            "admin.organization.invites.create",
            json!({"email": "lead@example.com", "role": "reader", "projects": grants}),
        )
        .await;
    let got = api
        .ok(
            "admin.organization.invites.retrieve",
            json!({"invite_id": with_project["id"]}),
        )
        .await;
    assert_eq!(
        (&with_project["projects"], &got["projects"]),
        (&grants, &grants)
    );
}

/// A user added to a group is logged as `user.added` about that user; a group joining a
/// project with a project role is a role assignment whose principal is the group, whose
/// resource is the project and whose id is the role, also when the group leaves again.
#[tokio::test]
async fn group_changes_are_logged_about_the_user_group_and_role() {
    let api = Api::start(SeedSizes::default()).await;
    let group = api.first_id("/organization/groups");
    let user = api.handle.with(|s| {
        let members: Vec<&str> = s
            .items(&format!("/organization/groups/{group}/users"))
            .iter()
            .filter_map(|m| m["id"].as_str())
            .collect();
        let free = s
            .items("/organization/users")
            .iter()
            .find(|u| !members.contains(&u["id"].as_str().unwrap()));
        free.unwrap()["id"].as_str().unwrap().to_owned()
    });
    api.ok(
        "admin.organization.groups.users.create",
        json!({"group_id": group, "user_id": user}),
    )
    .await;
    let newest = |ty: &'static str| {
        let api = &api;
        async move {
            let log = api
                .ok(
                    "admin.organization.audit_logs.list",
                    json!({"event_types": [ty], "limit": 1}),
                )
                .await;
            log["data"][0][ty].clone()
        }
    };
    assert_eq!(newest("user.added").await["id"], user.as_str());

    let project = api.first_id("/organization/projects");
    let role = api.first_id(&format!("/projects/{project}/roles"));
    // A new group, in no project yet.
    let made = api
        .ok(
            "admin.organization.groups.create",
            json!({"name": "Release managers"}),
        )
        .await;
    let free_group = made["id"].as_str().unwrap().to_owned();
    api.ok(
        "admin.organization.projects.groups.create",
        json!({"project_id": project, "group_id": free_group, "role": role}),
    )
    .await;
    api.ok(
        "admin.organization.projects.groups.delete",
        json!({"project_id": project, "group_id": free_group}),
    )
    .await;
    for ty in ["role.assignment.created", "role.assignment.deleted"] {
        let d = newest(ty).await;
        assert_eq!(
            (&d["id"], &d["principal_id"], &d["principal_type"]),
            (&json!(role), &json!(free_group), &json!("group")),
            "{ty}: {d}"
        );
        assert_eq!(
            (&d["resource_id"], &d["resource_type"]),
            (&json!(project), &json!("api.project")),
            "{ty}: {d}"
        );
    }
}
