//! Collections: lists with cursors and filters, and create, retrieve, update and delete of
//! their items.

use openai_admin::OPERATIONS;
use serde_json::{Map, Value, json};

use super::{
    AUDIT_LOGS, Reply, Req, State, admin_key_owner, error, key_of, kind_of, link_to, not_found,
    overlay, singular,
};
use crate::spec::Gen;

impl State {
    pub(super) fn shape(&mut self, op: usize, item: &Value, req: &Req) -> Value {
        let schema = self.spec.ops[op].response.clone();
        let kind = kind_of(OPERATIONS[op].path);
        // Filled from the item's own seed, so that reading twice gives the same answer.
        let seed = payloads::org::stable_hash(&[key_of(item).unwrap_or("")], op as i64);
        let mut g = Gen::new(seed, self.now());
        let mut out = self.spec.example(&schema, &mut g, kind);
        let mut from_path = Map::new();
        for (k, v) in &req.path_params {
            from_path.insert(k.clone(), Value::String(v.clone()));
        }
        overlay(&mut out, &Value::Object(from_path));
        overlay(&mut out, item);
        out
    }

    pub(super) fn list(&mut self, req: &Req) -> Reply {
        let info = &OPERATIONS[req.op];
        let limit = match req.query.get("limit").and_then(Value::as_i64) {
            Some(l) if l < 1 => {
                return error(400, "limit must be at least 1", Some("limit"), None);
            }
            Some(l) => (l as usize).min(if info.path == AUDIT_LOGS { 100 } else { 1000 }),
            None => 20,
        };
        let (data, has_more) = if info.path == AUDIT_LOGS {
            self.audit_page(&req.query, limit)
        } else {
            // References, not copies: only the page is cloned (a list of 1,000+ members
            // stays cheap).
            let mut items: Vec<&Value> = self.items(&req.path).iter().collect();
            filter(&mut items, &req.query);
            if info.path == "/organization/projects"
                && req.query.get("include_archived") != Some(&json!(true))
            {
                items.retain(|it| it["archived_at"].is_null());
            }
            if req.query.get("order").and_then(Value::as_str) == Some("desc") {
                items.reverse();
            }
            let keys: Vec<Option<&str>> = items.iter().map(|it| key_of(it)).collect();
            let (start, end) = window(&keys, &req.query, limit);
            let page = items[start..end].iter().map(|v| (*v).clone()).collect();
            (page, end < items.len())
        };
        let schema = self.spec.ops[req.op].response.clone();
        let kind = kind_of(info.path);
        let first = data.first().and_then(key_of).map(str::to_owned);
        let last = data.last().and_then(key_of).map(str::to_owned);
        let mut out = self.spec.example(&schema, &mut self.fake, kind);
        if let Value::Object(m) = &mut out {
            m.insert("data".into(), Value::Array(data));
            m.insert("has_more".into(), json!(has_more));
            // Lists whose `object` is not pinned by the spec say "list", as the others do.
            if m.get("object").is_some_and(|o| o != "list") {
                m.insert("object".into(), json!("list"));
            }
            if m.contains_key("first_id") {
                m.insert("first_id".into(), json!(first));
            }
            if m.contains_key("last_id") {
                m.insert("last_id".into(), json!(last));
            }
            if m.contains_key("next") {
                let next = if has_more { last.clone() } else { None };
                m.insert("next".into(), json!(next));
            }
        }
        Reply::ok(out)
    }

    fn find(&self, req: &Req) -> Result<(String, usize), Reply> {
        let n = req.segs.len();
        let coll = format!("/{}", req.segs[..n - 1].join("/"));
        let id = &req.segs[n - 1];
        self.colls
            .get(&coll)
            .and_then(|items| items.iter().position(|it| key_of(it) == Some(id)))
            .map(|p| (coll.clone(), p))
            .ok_or_else(|| not_found(&req.segs[n - 2], id))
    }

    pub(super) fn retrieve(&mut self, req: &Req) -> Reply {
        match self.find(req) {
            Ok((c, p)) => {
                let item = self.colls[&c][p].clone();
                Reply::ok(self.shape(req.op, &item, req))
            }
            Err(r) => r,
        }
    }

    pub(super) fn update(&mut self, req: &Req) -> Reply {
        match self.find(req) {
            Ok((c, p)) => {
                let body = Value::Object(req.body.clone());
                if let Some(items) = self.colls.get_mut(&c) {
                    overlay(&mut items[p], &body);
                }
                let item = self.colls[&c][p].clone();
                Reply::ok(self.shape(req.op, &item, req))
            }
            Err(r) => r,
        }
    }

    pub(super) fn delete(&mut self, req: &Req) -> Reply {
        match self.find(req) {
            Ok((c, p)) => {
                let item = self
                    .colls
                    .get_mut(&c)
                    .map(|items| items.remove(p))
                    .unwrap_or(Value::Null);
                let prefix = format!("{}/", req.path);
                self.colls.retain(|k, _| !k.starts_with(&prefix));
                let mut out = self.shape(req.op, &item, req);
                overlay(&mut out, &json!({"deleted": true}));
                Reply::ok(out)
            }
            Err(r) => r,
        }
    }

    /// The existing resource a create body points at (`user_id`, `email`, `role_id`, …).
    fn referenced(&self, req: &Req) -> Result<Option<Value>, Reply> {
        let kind = req.segs.last().map(String::as_str).unwrap_or("");
        let (source, field) = match kind {
            "users" if req.path != "/organization/users" => ("/organization/users", "user_id"),
            "roles" if req.segs.len() > 3 || req.segs[0] == "projects" => {
                ("/organization/roles", "role_id")
            }
            "groups" if req.segs.len() > 2 => ("/organization/groups", "group_id"),
            _ => return Ok(None),
        };
        let pool = self.items(source);
        if let Some(id) = req.body.get(field).and_then(Value::as_str) {
            let project_role = req.segs[0] == "projects" && field == "role_id";
            let pool: Vec<&Value> = if project_role {
                pool.iter()
                    .chain(self.items(&format!("/projects/{}/roles", req.segs[1])))
                    .collect()
            } else {
                pool.iter().collect()
            };
            return match pool.into_iter().find(|v| key_of(v) == Some(id)) {
                Some(v) => Ok(Some(v.clone())),
                None => Err(error(
                    404,
                    &format!("No {} found with id '{id}'.", singular(kind)),
                    Some(field),
                    None,
                )),
            };
        }
        if let Some(email) = req.body.get("email").and_then(Value::as_str) {
            return match pool.iter().find(|v| v["email"] == email) {
                Some(v) => Ok(Some(v.clone())),
                None => Err(error(
                    404,
                    &format!("No user found with email '{email}'."),
                    Some("email"),
                    None,
                )),
            };
        }
        Ok(None)
    }

    pub(super) fn create(&mut self, req: &Req) -> Reply {
        let referenced = match self.referenced(req) {
            Ok(r) => r,
            Err(r) => return r,
        };
        let item_schema = self.list_item_schema(OPERATIONS[req.op].path);
        let kind = kind_of(OPERATIONS[req.op].path);
        if let Err(r) = self.check_project_role(req, kind) {
            return r;
        }
        let mut item = self.spec.example(&item_schema, &mut self.fake, kind);
        let now = self.now();
        if let Some(r) = &referenced {
            link_to(&mut item, r, kind);
            if let Some(items) = self.colls.get(&req.path) {
                if items.iter().any(|it| key_of(it) == key_of(&item)) {
                    return error(
                        400,
                        &format!("That {} is already a member here.", singular(kind)),
                        None,
                        None,
                    );
                }
            }
        }
        // New, then as asked (an invite sent with projects grants them).
        as_new(&mut item, kind);
        overlay(&mut item, &Value::Object(req.body.clone()));
        let mut stamps = Map::new();
        for k in ["created_at", "added_at", "created", "updated_at"] {
            stamps.insert(k.to_owned(), json!(now));
        }
        overlay(&mut item, &Value::Object(stamps));
        self.colls
            .entry(req.path.clone())
            .or_default()
            .push(item.clone());
        let mut out = self.shape(req.op, &item, req);
        overlay(&mut out, &Value::Object(req.body.clone()));
        if kind == "admin_api_keys" {
            // Made by the organization's first owner, with a fresh secret shown once.
            let owner = self.items("/organization/users").first().cloned();
            if let (Some(o), Some(slot)) = (owner, out.get_mut("owner")) {
                *slot = admin_key_owner(&o);
            }
            if out.get("value").is_some() {
                out["value"] = json!(self.fake.id("sk-admin-", 40));
            }
            if let Some(stored) = self.colls.get_mut(&req.path).and_then(|c| c.last_mut()) {
                stored["owner"] = out["owner"].clone();
            }
        }
        if kind == "service_accounts" {
            let key = self.new_project_key(&req.segs[2], &item, now);
            if let Some(k) = out.get_mut("api_key") {
                overlay(k, &key);
                k["value"] = json!(self.fake.id("sk-svcacct-", 40));
            }
        }
        Reply::ok(out)
    }

    /// A group joins a project with a project role (`role`, a role's id): 404 when the
    /// organization and the project have no such role.
    fn check_project_role(&self, req: &Req, kind: &str) -> Result<(), Reply> {
        let (Some(project), Some(role)) = (
            (kind == "groups" && req.segs.len() > 3).then(|| &req.segs[2]),
            req.body.get("role").and_then(Value::as_str),
        ) else {
            return Ok(());
        };
        let project_roles = format!("/projects/{project}/roles");
        let mut roles = self
            .items("/organization/roles")
            .iter()
            .chain(self.items(&project_roles));
        if roles.any(|r| key_of(r) == Some(role)) {
            return Ok(());
        }
        Err(error(
            404,
            &format!("No role found with id '{role}'."),
            Some("role"),
            None,
        ))
    }

    /// A new API key of project `project` owned by service account `owner`.
    pub(super) fn new_project_key(&mut self, project: &str, owner: &Value, now: i64) -> Value {
        let coll = format!("/organization/projects/{project}/api_keys");
        let schema = self.list_item_schema("/organization/projects/{project_id}/api_keys");
        let mut key = self.spec.example(&schema, &mut self.fake, "api_keys");
        let name = owner["name"].as_str().unwrap_or("service").to_owned();
        overlay(
            &mut key,
            &json!({"name": format!("{name} key"), "created_at": now}),
        );
        key["last_used_at"] = Value::Null;
        key["owner"] = json!({
            "type": "service_account",
            "user": null,
            "service_account": {
                "id": owner["id"], "name": name, "created_at": owner["created_at"],
                "role": owner["role"].as_str().unwrap_or("member"),
            },
        });
        self.colls.entry(coll).or_default().push(key.clone());
        key
    }
}

/// The page `[start, end)` of a list whose items have `keys` (in answer order): `limit`
/// items after the `after` cursor, before the `before` cursor, or from the start. A cursor
/// that names no item gives an empty page after it and the first page before it.
pub(super) fn window(
    keys: &[Option<&str>],
    query: &Map<String, Value>,
    limit: usize,
) -> (usize, usize) {
    let pos = |c: &str| keys.iter().position(|k| *k == Some(c));
    match (
        query.get("after").and_then(Value::as_str),
        query.get("before").and_then(Value::as_str),
    ) {
        (Some(a), _) => {
            let s = pos(a).map_or(keys.len(), |p| p + 1);
            (s, (s + limit).min(keys.len()))
        }
        (None, Some(b)) => {
            let e = pos(b).unwrap_or(0);
            (e.saturating_sub(limit), e)
        }
        (None, None) => (0, limit.min(keys.len())),
    }
}

/// Applies the list filters of `query` to `items`.
pub(super) fn filter(items: &mut Vec<&Value>, query: &Map<String, Value>) {
    for (name, v) in query {
        let wanted: Vec<&str> = match v {
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        match name.as_str() {
            "effective_at" => {
                let Some(m) = v.as_object() else { continue };
                items.retain(|it| {
                    let t = it["effective_at"].as_i64().unwrap_or(0);
                    m.iter().all(|(op, bound)| {
                        let b = bound.as_i64().unwrap_or(0);
                        match op.as_str() {
                            "gt" => t > b,
                            "gte" => t >= b,
                            "lt" => t < b,
                            "lte" => t <= b,
                            _ => true,
                        }
                    })
                });
            }
            "project_ids" => {
                items.retain(|it| {
                    let p = it["project"]["id"].as_str().or(it["project_id"].as_str());
                    p.is_some_and(|p| wanted.contains(&p))
                });
            }
            "event_types" => {
                items.retain(|it| it["type"].as_str().is_some_and(|t| wanted.contains(&t)))
            }
            "actor_ids" | "actor_emails" => {
                let field = if name == "actor_ids" { "id" } else { "email" };
                items.retain(|it| {
                    let a = &it["actor"];
                    let who = a["session"]["user"][field]
                        .as_str()
                        .or(a["api_key"]["user"][field].as_str())
                        .or(a["api_key"]["service_account"][field].as_str());
                    who.is_some_and(|w| wanted.contains(&w))
                });
            }
            "resource_ids" => items.retain(|it| {
                let ty = it["type"].as_str().unwrap_or("");
                let id = it[ty]["id"].as_str();
                id.is_some_and(|i| wanted.contains(&i))
            }),
            "emails" => {
                items.retain(|it| it["email"].as_str().is_some_and(|e| wanted.contains(&e)))
            }
            "owner_project_access" | "purpose" | "group_type" => {
                if let Some(s) = v.as_str() {
                    items.retain(|it| it[name.as_str()].as_str().is_none_or(|x| x == s));
                }
            }
            _ => {}
        }
    }
}

/// Makes `item`, a new `kind` (the last segment of its collection), one that nothing has
/// happened to yet: not archived, used or accepted, in its first status, and (an invite)
/// granting no projects until it is sent with some.
pub(crate) fn as_new(item: &mut Value, kind: &str) {
    let Value::Object(m) = item else { return };
    for later in ["archived_at", "last_used_at", "accepted_at"] {
        if m.contains_key(later) {
            m.insert(later.into(), Value::Null);
        }
    }
    if kind == "invites" && m.contains_key("projects") {
        m.insert("projects".into(), json!([]));
    }
    let first = match kind {
        "projects" => "active",
        "invites" => "pending",
        _ => return,
    };
    m.insert("status".into(), json!(first));
}
