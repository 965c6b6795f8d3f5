//! The seeded organization shaped into the API's objects: people, projects and their
//! members, service accounts and API keys come from the `payloads` crate's
//! [`SeededOrg`]; every other collection, the settings and an audit history are filled
//! from the spec's schemas.

use std::collections::BTreeMap;

use payloads::org::{MODELS, SeededOrg};
use serde_json::{Map, Value, json};

use crate::state::{
    AUDIT_LOGS, SeedSizes, State, admin_key_owner, as_new, key_of, link_to, overlay,
};

const DAY: i64 = 86_400;

fn set(v: &mut Value, k: &str, x: Value) {
    if let Value::Object(m) = v {
        m.insert(k.to_owned(), x);
    }
}

/// Fills `s` with the organization `sizes` describes, and returns the model each API key
/// mostly calls, by key id (for the usage sources).
pub(crate) fn seed(s: &mut State, sizes: &SeedSizes) -> BTreeMap<String, &'static str> {
    let now = s.now();
    let lists = s.list_templates();

    let org = SeededOrg::new(s.seed, now, &sizes.org);

    // People: the first three own the organization.
    let user_schema = s.list_item_schema("/organization/users");
    let mut users = Vec::new();
    for p in &org.people {
        let mut u = s.spec.example(&user_schema, &mut s.fake, "users");
        overlay(
            &mut u,
            &json!({
                "id": p.id, "name": p.name, "email": p.email, "role": p.role,
                "added_at": p.added_at, "created": p.added_at,
                "is_default": false, "is_service_account": false,
                "user": {"id": p.id, "email": p.email, "name": p.name, "banned": false,
                         "banned_at": null, "enabled": true},
            }),
        );
        users.push(u);
    }
    s.colls.insert("/organization/users".into(), users);

    let project_schema = s.list_item_schema("/organization/projects");
    let mut projects = Vec::new();
    for p in &org.projects {
        let mut v = s.spec.example(&project_schema, &mut s.fake, "projects");
        overlay(
            &mut v,
            &json!({"id": p.id, "name": p.name, "created_at": p.created_at, "status": "active"}),
        );
        set(&mut v, "archived_at", json!(p.archived_at));
        if p.archived_at.is_some() {
            set(&mut v, "status", json!("archived"));
        }
        projects.push(v);
    }
    s.colls.insert("/organization/projects".into(), projects);
    for p in &org.projects {
        project_members(s, &org, p);
    }

    let mut templates: Vec<(usize, &str)> = lists
        .iter()
        .copied()
        .filter(|(_, p)| {
            !matches!(
                *p,
                "/organization/users" | "/organization/projects" | AUDIT_LOGS
            ) && !p.contains("/usage/")
                && !p.ends_with("/costs")
        })
        .collect();
    // Parents before children; members before the keys they own.
    templates.sort_by_key(|(_, p)| {
        (
            p.matches('{').count(),
            p.starts_with("/projects"),
            !p.ends_with("/users"),
        )
    });
    for (i, template) in templates {
        let schema = s.item_schema(i);
        for path in expand(s, template) {
            if !s.colls.contains_key(&path) {
                fill(s, &path, &schema, sizes, now);
            }
        }
    }

    // Each member's projects, as the user objects list them.
    let mut memberships: Vec<(String, Value)> = Vec::new();
    for p in s.items("/organization/projects") {
        let pid = key_of(p).unwrap_or("");
        for m in s.items(&format!("/organization/projects/{pid}/users")) {
            let uid = key_of(m).unwrap_or("").to_owned();
            memberships.push((
                uid,
                json!({"id": pid, "name": p["name"], "role": m["role"]}),
            ));
        }
    }
    if let Some(users) = s.colls.get_mut("/organization/users") {
        for u in users.iter_mut() {
            let id = key_of(u).unwrap_or("").to_owned();
            let data: Vec<Value> = memberships
                .iter()
                .filter(|(uid, _)| *uid == id)
                .map(|(_, m)| m.clone())
                .collect();
            if u.get("projects").is_some() {
                u["projects"] = json!({"object": "list", "data": data});
            }
        }
    }

    // Settings.
    s.seed_single(
        "/organization/data_retention",
        "/organization/data_retention",
    );
    s.seed_single("/organization/spend_limit", "/organization/spend_limit");
    let ids: Vec<String> = s
        .items("/organization/projects")
        .iter()
        .filter_map(|p| key_of(p).map(str::to_owned))
        .collect();
    for id in &ids {
        for leaf in [
            "data_retention",
            "hosted_tool_permissions",
            "model_permissions",
            "service_tier_settings",
            "spend_limit",
        ] {
            s.seed_single(
                &format!("/organization/projects/{{project_id}}/{leaf}"),
                &format!("/organization/projects/{id}/{leaf}"),
            );
        }
    }

    // An audit history over the last 30 days, oldest first.
    let kinds = [
        "api_key.created",
        "api_key.updated",
        "project.created",
        "service_account.created",
        "invite.sent",
        "user.updated",
        "login.succeeded",
        "rate_limit.updated",
    ];
    for k in 0..sizes.audit_logs {
        let when = now - DAY * 30 + (k as i64 * DAY * 30) / sizes.audit_logs.max(1) as i64;
        let event = s.fake.pick(&kinds);
        let project = ids
            .get(s.fake.range(0, ids.len().max(1) as i64) as usize)
            .cloned();
        let resource = seeded_resource(s, event, project.as_deref());
        let mut detail = Map::new();
        detail.insert("id".into(), json!(resource));
        let entry = audit_entry(s, event, detail, project.as_deref(), Some(when));
        s.log(&entry);
    }
    let keys = org.projects.iter().flat_map(|p| &p.api_keys);
    keys.map(|k| (k.id.clone(), k.model)).collect()
}

/// The id of a seeded resource an event of type `event` could be about.
fn seeded_resource(s: &mut State, event: &str, project: Option<&str>) -> String {
    let p = project.unwrap_or("");
    let coll = match event.split('.').next().unwrap_or("") {
        "user" | "login" => "/organization/users".to_owned(),
        "project" => "/organization/projects".to_owned(),
        "invite" => "/organization/invites".to_owned(),
        "api_key" => format!("/organization/projects/{p}/api_keys"),
        "service_account" => format!("/organization/projects/{p}/service_accounts"),
        "rate_limit" => format!("/organization/projects/{p}/rate_limits"),
        other => return s.fake.id_for(other),
    };
    if event.starts_with("project.") && !p.is_empty() {
        return p.to_owned();
    }
    let n = s.items(&coll).len();
    if n == 0 {
        return s.fake.id_for("obj");
    }
    let i = s.fake.range(0, n as i64) as usize;
    key_of(&s.items(&coll)[i]).unwrap_or("").to_owned()
}

/// The members, service accounts and API keys of project `p`, from the seeded organization.
fn project_members(s: &mut State, org: &SeededOrg, p: &payloads::org::Project) {
    let base = format!("/organization/projects/{}", p.id);
    let schema = |s: &State, leaf: &str| {
        s.list_item_schema(&format!("/organization/projects/{{project_id}}/{leaf}"))
    };
    let user_schema = schema(s, "users");
    let mut members = Vec::new();
    for m in &p.members {
        let Some(person) = org.people.get(m.person) else {
            continue;
        };
        let Some(u) = s
            .items("/organization/users")
            .iter()
            .find(|u| u["id"] == person.id.as_str())
            .cloned()
        else {
            continue;
        };
        let mut v = s.spec.example(&user_schema, &mut s.fake, "users");
        link_to(&mut v, &u, "users");
        overlay(
            &mut v,
            &json!({"role": m.role, "added_at": m.added_at, "project_id": p.id}),
        );
        members.push(v);
    }
    let sa_schema = schema(s, "service_accounts");
    let mut accounts = Vec::new();
    for a in &p.service_accounts {
        let mut v = s.spec.example(&sa_schema, &mut s.fake, "service_accounts");
        overlay(
            &mut v,
            &json!({"id": a.id, "name": a.name, "role": a.role, "created_at": a.created_at}),
        );
        accounts.push(v);
    }
    let key_schema = schema(s, "api_keys");
    let mut keys = Vec::new();
    for k in &p.api_keys {
        let owner = p
            .members
            .get(k.owner)
            .and_then(|m| Some((m, org.people.get(m.person)?)));
        let mut v = s.spec.example(&key_schema, &mut s.fake, "api_keys");
        overlay(
            &mut v,
            &json!({"id": k.id, "name": k.name, "created_at": k.created_at}),
        );
        set(&mut v, "last_used_at", json!(k.last_used_at));
        if let Some((m, person)) = owner {
            set(
                &mut v,
                "owner",
                json!({"type": "user", "service_account": null, "user": {
                    "id": person.id, "name": person.name, "email": person.email,
                    "role": m.role, "created_at": m.added_at,
                }}),
            );
        }
        keys.push(v);
    }
    s.colls.insert(format!("{base}/users"), members);
    s.colls.insert(format!("{base}/service_accounts"), accounts);
    s.colls.insert(format!("{base}/api_keys"), keys);
}

/// Every concrete path of `template`, ids taken from the seeded parents.
fn expand(s: &State, template: &str) -> Vec<String> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for seg in template.split('/').filter(|x| !x.is_empty()) {
        if seg.starts_with('{') {
            let mut next = Vec::new();
            for prefix in &out {
                let ids: Vec<String> = s
                    .collection_for(prefix)
                    .map(|c| {
                        s.items(&c)
                            .iter()
                            .filter_map(|v| key_of(v).map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default();
                for id in ids {
                    let mut p = prefix.clone();
                    p.push(id);
                    next.push(p);
                }
            }
            out = next;
        } else {
            for p in &mut out {
                p.push(seg.to_owned());
            }
        }
    }
    out.into_iter()
        .map(|p| format!("/{}", p.join("/")))
        .collect()
}

fn fill(s: &mut State, path: &str, schema: &Value, sizes: &SeedSizes, now: i64) {
    let segs: Vec<&str> = path.split('/').filter(|x| !x.is_empty()).collect();
    let kind = segs.last().copied().unwrap_or("");
    let nested = segs.len() > 2;
    let source = match kind {
        "users" if nested => Some("/organization/users"),
        "roles" if nested && (segs.len() > 3 || segs[0] == "organization") => {
            Some("/organization/roles")
        }
        "groups" if nested => Some("/organization/groups"),
        _ => None,
    };
    let n = match kind {
        // Projects' members come from the seeded organization; these are groups'.
        "users" => sizes.org.group_users,
        "rate_limits" => MODELS.len(),
        "roles" if nested => 1,
        _ => sizes.other,
    };
    let mut items = Vec::with_capacity(n);
    if let Some(src) = source {
        let pool: Vec<Value> = s.items(src).to_vec();
        if pool.is_empty() {
            return;
        }
        for (k, i) in distinct(s, pool.len(), n).into_iter().enumerate() {
            let r = &pool[i];
            let mut v = s.spec.example(schema, &mut s.fake, kind);
            link_to(&mut v, r, kind);
            let mut extra = Map::new();
            extra.insert(
                "role".into(),
                json!(if k == 0 { "owner" } else { "member" }),
            );
            extra.insert("added_at".into(), json!(now - s.fake.range(DAY, 300 * DAY)));
            if segs.len() > 2 {
                extra.insert("project_id".into(), json!(segs[2]));
            }
            overlay(&mut v, &Value::Object(extra));
            items.push(v);
        }
    } else {
        for k in 0..n {
            let mut v = s.spec.example(schema, &mut s.fake, kind);
            let created = now - s.fake.range(2 * DAY, 400 * DAY);
            overlay(&mut v, &json!({"created_at": created}));
            if kind == "rate_limits" {
                let model = MODELS[k % MODELS.len()];
                overlay(
                    &mut v,
                    &json!({"id": format!("rl-{model}"), "model": model,
                            "max_requests_per_1_minute": 5000,
                            "max_tokens_per_1_minute": 2_000_000}),
                );
            }
            if kind == "admin_api_keys" {
                let owners = s.items("/organization/users");
                let o = owners
                    .get(k % owners.len().clamp(1, 3))
                    .cloned()
                    .unwrap_or(Value::Null);
                set(&mut v, "owner", admin_key_owner(&o));
            }
            if kind == "invites" {
                let (_, email) = s.fake.person();
                overlay(&mut v, &json!({"email": email}));
                as_new(&mut v, kind);
            }
            items.push(v);
        }
    }
    items.sort_by_key(|v| v["created_at"].as_i64().or(v["added_at"].as_i64()));
    s.colls.insert(path.to_owned(), items);
}

/// `n` distinct indices below `len` (all of them when `n >= len`), drawn from the sandbox's
/// stream: the first `n` of a shuffle.
fn distinct(s: &mut State, len: usize, n: usize) -> Vec<usize> {
    let mut all: Vec<usize> = (0..len).collect();
    let n = n.min(len);
    for k in 0..n {
        let j = s.fake.range(k as i64, len as i64) as usize;
        all.swap(k, j);
    }
    all.truncate(n);
    all
}

/// An audit-log entry for `event`, by one of the owners; `detail` fills the fields of the
/// event's detail object that the spec gives it (`id`, …; objects field by field).
pub(crate) fn audit_entry(
    s: &mut State,
    event: &str,
    detail: Map<String, Value>,
    project: Option<&str>,
    when: Option<i64>,
) -> Value {
    let schema = s.list_item_schema(AUDIT_LOGS);
    // Only this event's detail object is filled, not the other event types'.
    let mut schema = s.spec.resolve(&schema);
    if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        props.retain(|k, _| !k.contains('.') || k == event);
    }
    let mut e = s.spec.example(&schema, &mut s.fake, "audit_logs");
    let n = s.items("/organization/users").len().clamp(1, 3) as i64;
    let pick = s.fake.range(0, n) as usize;
    let actor = s
        .items("/organization/users")
        .get(pick)
        .cloned()
        .unwrap_or(Value::Null);
    let project_name = project.and_then(|p| {
        s.items("/organization/projects")
            .iter()
            .find(|x| key_of(x) == Some(p))
            .map(|x| x["name"].clone())
    });
    let at = when.unwrap_or(s.now());
    if let Value::Object(m) = &mut e {
        m.retain(|k, _| !k.contains('.') || k == event);
        m.insert("id".into(), json!(s.fake.id_for("audit_logs")));
        m.insert("type".into(), json!(event));
        m.insert("effective_at".into(), json!(at));
        if let Some(Value::Object(slot)) = m.get_mut(event) {
            for (k, v) in detail {
                match slot.get_mut(&k) {
                    Some(current @ Value::Object(_)) => overlay(current, &v),
                    Some(current) => *current = v,
                    None => {}
                }
            }
        }
        match project {
            Some(p) => {
                m.insert("project".into(), json!({"id": p, "name": project_name}));
            }
            None => {
                m.remove("project");
            }
        }
        if let Some(a) = m.get_mut("actor") {
            set(a, "type", json!("session"));
            if let Some(sess) = a.get_mut("session") {
                overlay(
                    sess,
                    &json!({"user": {"id": actor["id"], "email": actor["email"]},
                            "ip_address": "203.0.113.24"}),
                );
            }
            if let Value::Object(am) = a {
                am.remove("api_key");
            }
        }
    }
    e
}
