//! The organization in memory and the API's rules over it. This module holds the state and
//! its shared helpers; the rules are split by concern: [`route`] (routing from the core's
//! operation table, parameter checks through the core's typed operations), [`collections`]
//! (lists with cursors and filters, create/retrieve/update/delete), [`settings`] (settings
//! objects), [`actions`] (archive, certificate activation, service-account keys) and
//! [`audit`] (the audit log of changes); usage and costs are in `crate::usage`.

use std::collections::{BTreeMap, HashMap};

use openai_admin::{Config, OPERATIONS};
use serde_json::{Map, Value, json};

use crate::spec::{Gen, Spec};
use crate::usage;

mod actions;
mod audit;
use audit::Logged;
mod collections;
pub(crate) use collections::as_new;
mod route;
mod settings;

use payloads::org::OrgSizes;
use route::classify;

/// The audit log's path; the log is kept apart from the other collections (see `audit`).
pub(crate) const AUDIT_LOGS: &str = "/organization/audit_logs";

/// How big the seeded organization is.
#[derive(Debug, Clone)]
pub struct SeedSizes {
    /// People, projects, their members, service accounts and keys (the `payloads` crate's
    /// seeded organization).
    pub org: OrgSizes,
    /// Entries of every other collection.
    pub other: usize,
    /// Seeded audit-log entries.
    pub audit_logs: usize,
}

impl Default for SeedSizes {
    fn default() -> Self {
        Self {
            org: OrgSizes::default(),
            other: 3,
            audit_logs: 200,
        }
    }
}

/// An answer: status and JSON body.
#[derive(Debug)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// JSON body.
    pub body: Value,
}

impl Reply {
    pub(crate) fn ok(body: Value) -> Self {
        Self { status: 200, body }
    }
}

/// The API's error body.
pub fn error(status: u16, message: &str, param: Option<&str>, code: Option<&str>) -> Reply {
    Reply {
        status,
        body: json!({"error": {
            "message": message,
            "type": "invalid_request_error",
            "param": param,
            "code": code,
        }}),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    List,
    Retrieve,
    Create,
    Update,
    Delete,
    SingleGet,
    SingleSet,
    SingleDelete,
    Action,
    Usage,
}

/// The sandbox's whole state.
#[derive(Debug)]
pub struct State {
    pub(crate) spec: Spec,
    pub(crate) fake: Gen,
    admin_key: String,
    kinds: Vec<Kind>,
    /// Items of each concrete collection path, oldest first (the audit log aside).
    pub(crate) colls: BTreeMap<String, Vec<Value>>,
    /// The audit log, oldest first.
    audit: Vec<Logged>,
    /// Settings objects by concrete path.
    singles: HashMap<String, Value>,
    pub(crate) seed: u64,
    /// The organization's id (drawn from the seed), for audit entries about it.
    pub(crate) org_id: String,
    /// Where usage and costs come from (see `usage::sources`).
    pub(crate) usage_sources: Value,
    cfg: Config,
}

fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

fn is_param(seg: &str) -> bool {
    seg.starts_with('{') && seg.ends_with('}')
}

/// Path parameters by name, in path order.
type PathParams = Vec<(String, String)>;

/// Whether `path` fits `template`; the path parameters if so.
fn match_path(template: &str, path: &[String]) -> Option<PathParams> {
    let t = segments(template);
    if t.len() != path.len() {
        return None;
    }
    let mut params = Vec::new();
    for (ts, ps) in t.iter().zip(path) {
        if is_param(ts) {
            if ps.is_empty() {
                return None;
            }
            params.push((ts[1..ts.len() - 1].to_owned(), ps.clone()));
        } else if ts != ps {
            return None;
        }
    }
    Some(params)
}

/// The key an item is found by in its collection.
pub(crate) fn key_of(item: &Value) -> Option<&str> {
    ["id", "group_id", "user_id", "role_id"]
        .iter()
        .find_map(|k| item.get(*k).and_then(Value::as_str))
}

fn same_kind(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.is_i64() == y.is_i64() || x.is_f64(),
        (Value::String(_), Value::String(_))
        | (Value::Bool(_), Value::Bool(_))
        | (Value::Object(_), Value::Object(_)) => true,
        // An empty list fits any; otherwise lists of text, or lists of objects, alike.
        (Value::Array(x), Value::Array(y)) => {
            let all = |a: &[Value], f: fn(&Value) -> bool| a.iter().all(f);
            y.is_empty()
                || (all(x, Value::is_string) && all(y, Value::is_string))
                || (all(x, Value::is_object) && all(y, Value::is_object))
        }
        _ => false,
    }
}

/// Copies the fields of `src` that `target` has, where their JSON kinds agree.
pub(crate) fn overlay(target: &mut Value, src: &Value) {
    let (Value::Object(t), Value::Object(s)) = (target, src) else {
        return;
    };
    for (k, tv) in t.iter_mut() {
        let Some(sv) = s.get(k) else { continue };
        if let (Value::Object(_), Value::Object(_)) = (&*tv, sv) {
            overlay(tv, sv);
        } else if sv.is_null() || same_kind(tv, sv) {
            *tv = sv.clone();
        }
    }
}

/// Fills `item`, an entry that links to another resource (a project's or a group's user, a
/// role assignment), from the resource `linked` of kind `kind` (`users`, `roles`, …): its
/// fields (its `object` aside), and `<kind>_id` and `<kind>_name` (`user_id`, `user_name`).
pub(crate) fn link_to(item: &mut Value, linked: &Value, kind: &str) {
    let mut r = linked.clone();
    if let Value::Object(m) = &mut r {
        m.remove("object");
    }
    overlay(item, &r);
    let single = kind.trim_end_matches('s');
    let mut alias = Map::new();
    alias.insert(format!("{single}_id"), r["id"].clone());
    alias.insert(format!("{single}_name"), r["name"].clone());
    overlay(item, &Value::Object(alias));
}

/// The `owner` of an admin API key made by `user`, one of the organization's owners.
pub(crate) fn admin_key_owner(user: &Value) -> Value {
    json!({"type": "user", "object": "organization.user", "id": user["id"],
           "name": user["name"], "created_at": user["added_at"], "role": "owner"})
}

fn kind_of(template: &str) -> &str {
    segments(template)
        .iter()
        .rev()
        .find(|s| !is_param(s))
        .copied()
        .unwrap_or("")
}

fn singular(kind: &str) -> String {
    match kind {
        "external_storage" => "external storage configuration".to_owned(),
        k => k.trim_end_matches('s').replace('_', " "),
    }
}

impl State {
    /// A seeded organization served with `admin_key`.
    pub fn new(seed: u64, admin_key: &str, sizes: &SeedSizes, now: i64) -> Result<Self, String> {
        let spec = Spec::load()?;
        let kinds = classify(&spec);
        let mut s = Self {
            spec,
            // Its own stream, apart from the one the organization is drawn from.
            fake: Gen::new(
                payloads::org::stable_hash(&["schema-fill"], seed as i64),
                now,
            ),
            admin_key: admin_key.to_owned(),
            kinds,
            colls: BTreeMap::new(),
            audit: Vec::new(),
            singles: HashMap::new(),
            seed,
            org_id: Gen::new(
                payloads::org::stable_hash(&["organization"], seed as i64),
                now,
            )
            .id("org-", 24),
            usage_sources: Value::Null,
            cfg: Config::new("sk-admin-sandbox-check"),
        };
        let models = crate::seed::seed(&mut s, sizes);
        s.usage_sources = usage::sources(&s, &models);
        Ok(s)
    }

    /// Everything a later start needs to carry on: collections, settings and the clock.
    pub fn snapshot(&self) -> Value {
        let mut colls = json!(self.colls);
        colls[AUDIT_LOGS] = Value::Array(self.audit_log());
        json!({
            "format": "openai-admin-sandbox/1",
            "seed": self.seed,
            "now": self.fake.now,
            "collections": colls,
            "settings": self.singles,
            "usage_sources": self.usage_sources,
        })
    }

    /// Replaces the organization with a [`Self::snapshot`].
    pub fn restore(&mut self, snap: &Value) -> Result<(), String> {
        if snap["format"] != "openai-admin-sandbox/1" {
            return Err("not a sandbox state file (format openai-admin-sandbox/1)".into());
        }
        let mut colls: BTreeMap<String, Vec<Value>> =
            serde_json::from_value(snap["collections"].clone())
                .map_err(|e| format!("collections: {e}"))?;
        let singles = serde_json::from_value(snap["settings"].clone())
            .map_err(|e| format!("settings: {e}"))?;
        // Written newest first, as the API lists it.
        let log = colls.remove(AUDIT_LOGS).unwrap_or_default();
        self.audit = log.iter().rev().map(Logged::new).collect();
        self.colls = colls;
        self.singles = singles;
        if snap["usage_sources"].is_array() {
            self.usage_sources = snap["usage_sources"].clone();
        }
        if let Some(n) = snap["now"].as_i64() {
            self.tick(n);
        }
        Ok(())
    }

    /// A request of operation `method template` that the sandbox will accept: the path
    /// with ids of existing resources (the newest of each collection), and the references
    /// in `body` (`user_id`, `role_id`, `group_id`, `email`, `certificate_ids`, a project
    /// group's `role`) pointing at
    /// existing resources that are not linked there yet. `None` when a collection on the
    /// way is empty. For tests and examples that walk every operation.
    pub fn example_request(&self, template: &str, body: &mut Value) -> Option<String> {
        let t = segments(template);
        let segs = self.resolve_from(&t, Vec::new())?;
        let path = format!("/{}", segs.join("/"));
        let linked: Vec<&str> = self.items(&path).iter().filter_map(key_of).collect();
        if let Value::Object(m) = body {
            for (field, source) in [
                ("user_id", "/organization/users"),
                ("role_id", "/organization/roles"),
                ("group_id", "/organization/groups"),
            ] {
                if m.contains_key(field) {
                    let free = self
                        .items(source)
                        .iter()
                        .filter_map(key_of)
                        .find(|id| !linked.contains(id))?;
                    m.insert(field.to_owned(), json!(free));
                }
            }
            if m.get("email").is_some_and(Value::is_string) && !m.contains_key("user_id") {
                let free = self
                    .items("/organization/users")
                    .iter()
                    .find(|u| u["id"].as_str().is_some_and(|id| !linked.contains(&id)))?;
                m.insert("email".into(), free["email"].clone());
            }
            if template.ends_with("/groups") && m.get("role").is_some_and(Value::is_string) {
                // A group joins a project with one of the project's roles.
                let roles = format!("/projects/{}/roles", segs.get(2)?);
                let role = (self.items(&roles).last())
                    .or_else(|| self.items("/organization/roles").last())
                    .and_then(key_of)?;
                m.insert("role".into(), json!(role));
            }
            if m.contains_key("certificate_ids") {
                let parent = path.rsplit_once('/').map_or("", |p| p.0);
                let ids: Vec<&str> = self.items(parent).iter().filter_map(key_of).collect();
                m.insert("certificate_ids".into(), json!(ids));
            }
        }
        Some(path)
    }

    /// `prefix` completed along `t` with existing ids, newest first, backtracking when a
    /// choice leads to an empty collection.
    fn resolve_from(&self, t: &[&str], prefix: Vec<String>) -> Option<Vec<String>> {
        let Some(seg) = t.get(prefix.len()) else {
            return Some(prefix);
        };
        if !is_param(seg) {
            let mut p = prefix;
            p.push((*seg).to_owned());
            return self.resolve_from(t, p);
        }
        let coll = self.collection_for(&prefix)?;
        self.items(&coll)
            .iter()
            .rev()
            .filter_map(key_of)
            .find_map(|id| {
                let mut p = prefix.clone();
                p.push(id.to_owned());
                self.resolve_from(t, p)
            })
    }

    /// The current time of the sandbox (seconds).
    pub(crate) fn now(&self) -> i64 {
        self.fake.now
    }

    /// Moves the clock to the wall clock, if that is later.
    pub fn tick(&mut self, wall: i64) {
        if wall > self.fake.now {
            self.fake.now = wall;
        }
    }

    /// Indices into [`OPERATIONS`] of list operations, with their templates.
    pub(crate) fn list_templates(&self) -> Vec<(usize, &'static str)> {
        self.kinds
            .iter()
            .enumerate()
            .filter(|(_, k)| **k == Kind::List)
            .map(|(i, _)| (i, OPERATIONS[i].path))
            .collect()
    }

    /// The list item schema of operation `i`.
    pub(crate) fn item_schema(&self, i: usize) -> Value {
        self.spec
            .list_item(&self.spec.ops[i].response)
            .unwrap_or(Value::Null)
    }

    /// The item schema of the list at `template` (`GET template`); `Null` when there is none.
    pub(crate) fn list_item_schema(&self, template: &str) -> Value {
        self.op_index("GET", template)
            .map_or(Value::Null, |i| self.item_schema(i))
    }

    /// The operation `method template`'s index.
    pub(crate) fn op_index(&self, method: &str, template: &str) -> Option<usize> {
        OPERATIONS
            .iter()
            .position(|o| o.method == method && o.path == template)
    }

    /// The collection at `path`.
    pub fn items(&self, path: &str) -> &[Value] {
        self.colls.get(path).map_or(&[], Vec::as_slice)
    }
}

fn not_found(kind: &str, id: &str) -> Reply {
    error(
        404,
        &format!("No {} found with id '{id}'.", singular(kind)),
        None,
        None,
    )
}

/// One request, routed and checked.
#[derive(Debug)]
pub(crate) struct Req {
    pub(crate) op: usize,
    /// The concrete path, decoded, with a leading `/`.
    pub(crate) path: String,
    pub(crate) segs: Vec<String>,
    pub(crate) path_params: PathParams,
    pub(crate) query: Map<String, Value>,
    pub(crate) body: Map<String, Value>,
}
