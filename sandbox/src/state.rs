//! The organization in memory and the API's rules over it: routing from the core's
//! operation table, parameter checks through the core's typed operations, lists with
//! cursors, create/update/delete, usage and costs, and the audit log.

use std::collections::{BTreeMap, HashMap};

use openai_admin::request::RequestOptions;
use openai_admin::{Config, Error, OPERATIONS, PageStyle};
use serde_json::{Map, Value, json};

use crate::spec::{Gen, MODELS, PROJECTS, QueryKind, Spec};
use crate::usage;

/// How big the seeded organization is.
#[derive(Debug, Clone)]
pub struct SeedSizes {
    /// Organization members.
    pub users: usize,
    /// Projects (at most 12 distinct names; more get numbered).
    pub projects: usize,
    /// Members per project.
    pub project_users: usize,
    /// Service accounts per project.
    pub service_accounts: usize,
    /// API keys per project.
    pub api_keys: usize,
    /// Entries of every other collection.
    pub other: usize,
    /// Seeded audit-log entries.
    pub audit_logs: usize,
}

impl Default for SeedSizes {
    fn default() -> Self {
        Self {
            users: 48,
            projects: 8,
            project_users: 6,
            service_accounts: 2,
            api_keys: 4,
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
    /// Items of each concrete collection path, oldest first.
    pub(crate) colls: BTreeMap<String, Vec<Value>>,
    /// Settings objects by concrete path.
    singles: HashMap<String, Value>,
    pub(crate) seed: u64,
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
fn match_path(template: &str, path: &[String]) -> Option<Vec<(String, String)>> {
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
        (Value::Array(x), Value::Array(y)) => {
            y.iter().all(|v| v.is_string()) && x.iter().all(|v| v.is_string())
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
            fake: Gen::new(seed, now),
            admin_key: admin_key.to_owned(),
            kinds,
            colls: BTreeMap::new(),
            singles: HashMap::new(),
            seed,
            usage_sources: Value::Null,
            cfg: Config::new("sk-admin-sandbox-check"),
        };
        crate::seed::seed(&mut s, sizes);
        s.usage_sources = usage::sources(&s);
        Ok(s)
    }

    /// Everything a later start needs to carry on: collections, settings and the clock.
    pub fn snapshot(&self) -> Value {
        json!({
            "format": "openai-admin-sandbox/1",
            "seed": self.seed,
            "now": self.fake.now,
            "collections": self.colls,
            "settings": self.singles,
            "usage_sources": self.usage_sources,
        })
    }

    /// Replaces the organization with a [`Self::snapshot`].
    pub fn restore(&mut self, snap: &Value) -> Result<(), String> {
        if snap["format"] != "openai-admin-sandbox/1" {
            return Err("not a sandbox state file (format openai-admin-sandbox/1)".into());
        }
        let colls = serde_json::from_value(snap["collections"].clone())
            .map_err(|e| format!("collections: {e}"))?;
        let singles = serde_json::from_value(snap["settings"].clone())
            .map_err(|e| format!("settings: {e}"))?;
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
    /// in `body` (`user_id`, `role_id`, `group_id`, `email`, `certificate_ids`) pointing at
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

    /// Answers one request. `path` is below the base URL (no `/v1`), `query` the raw
    /// query string.
    pub fn handle(
        &mut self,
        method: &str,
        path: &str,
        query: &str,
        auth: Option<&str>,
        body: &[u8],
    ) -> Reply {
        let expected = format!("Bearer {}", self.admin_key);
        match auth {
            Some(a) if a == expected => {}
            Some(_) => {
                return error(
                    401,
                    "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
                    None,
                    Some("invalid_api_key"),
                );
            }
            None => {
                return error(
                    401,
                    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                    None,
                    None,
                );
            }
        }
        let segs: Vec<String> = segments(path)
            .iter()
            .map(|s| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8_lossy()
                    .into_owned()
            })
            .collect();
        // The best match has the most literal segments (`certificates/activate` over
        // `certificates/{certificate_id}`).
        let mut found: Option<(usize, PathParams, usize)> = None;
        let mut path_known = false;
        for (i, info) in OPERATIONS.iter().enumerate() {
            if let Some(params) = match_path(info.path, &segs) {
                path_known = true;
                if info.method != method {
                    continue;
                }
                let literals = segments(info.path).iter().filter(|s| !is_param(s)).count();
                if found.as_ref().is_none_or(|f| literals > f.2) {
                    found = Some((i, params, literals));
                }
            }
        }
        let Some((i, path_params, _)) = found else {
            let msg = format!("Invalid URL ({method} /v1{path})");
            return if path_known {
                error(405, &msg, None, Some("method_not_allowed"))
            } else {
                error(404, &msg, None, Some("unknown_url"))
            };
        };
        let body = if body.iter().all(u8::is_ascii_whitespace) {
            Map::new()
        } else {
            match serde_json::from_slice::<Value>(body) {
                Ok(Value::Object(m)) => m,
                Ok(_) => return error(400, "The body must be a JSON object.", None, None),
                Err(e) => {
                    return error(
                        400,
                        &format!("We could not parse the JSON body of your request. ({e})"),
                        None,
                        None,
                    );
                }
            }
        };
        let query = match self.read_query(i, query) {
            Ok(q) => q,
            Err(r) => return r,
        };
        let mut params = body.clone();
        for (k, v) in &query {
            params.insert(k.clone(), v.clone());
        }
        for (k, v) in &path_params {
            params.insert(k.clone(), Value::String(v.clone()));
        }
        if let Err(e) = OPERATIONS[i].build(params, &self.cfg, &RequestOptions::default()) {
            return match e {
                Error::InvalidInput { param, message } => error(
                    400,
                    &format!("Invalid value for '{param}': it {message}."),
                    Some(&param),
                    Some("invalid_value"),
                ),
                other => error(400, &other.to_string(), None, None),
            };
        }
        let req = Req {
            op: i,
            path: format!("/{}", segs.join("/")),
            segs,
            path_params,
            query,
            body,
        };
        if let Err(r) = self.check_parents(&req) {
            return r;
        }
        let reply = match self.kinds[i] {
            Kind::List => self.list(&req),
            Kind::Retrieve => self.retrieve(&req),
            Kind::Create => self.create(&req),
            Kind::Update => self.update(&req),
            Kind::Delete => self.delete(&req),
            Kind::SingleGet => self.single_get(&req),
            Kind::SingleSet => self.single_set(&req),
            Kind::SingleDelete => self.single_delete(&req),
            Kind::Action => self.action(&req),
            Kind::Usage => usage::answer(self, &req),
        };
        if reply.status == 200 && method != "GET" {
            self.log_change(&req, &reply.body);
        }
        reply
    }

    fn read_query(&self, i: usize, raw: &str) -> Result<Map<String, Value>, Reply> {
        let kinds = &self.spec.ops[i].query;
        let mut out = Map::new();
        for pair in raw.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let k = percent_encoding::percent_decode_str(&k.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned();
            let v = percent_encoding::percent_decode_str(&v.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned();
            let (name, sub) = match k.split_once('[') {
                Some((n, rest)) => (n.to_owned(), rest.trim_end_matches(']').to_owned()),
                None => (k.clone(), String::new()),
            };
            let Some(kind) = kinds.get(&name) else {
                return Err(error(
                    400,
                    &format!("Unrecognized request argument supplied: {name}"),
                    Some(&name),
                    Some("unknown_parameter"),
                ));
            };
            match kind {
                QueryKind::Array(item) => {
                    let entry = out.entry(name).or_insert_with(|| json!([]));
                    if let Value::Array(a) = entry {
                        a.push(scalar(item, &v));
                    }
                }
                QueryKind::Object => {
                    let entry = out.entry(name).or_insert_with(|| json!({}));
                    if let Value::Object(m) = entry {
                        m.insert(sub, scalar(&QueryKind::Integer, &v));
                    }
                }
                other => {
                    out.insert(name, scalar(other, &v));
                }
            }
        }
        Ok(out)
    }

    /// 404 when a resource the path goes through does not exist.
    fn check_parents(&self, req: &Req) -> Result<(), Reply> {
        let t = segments(OPERATIONS[req.op].path);
        let item_op = matches!(
            self.kinds[req.op],
            Kind::Retrieve | Kind::Update | Kind::Delete
        );
        for (pos, ts) in t.iter().enumerate() {
            if !is_param(ts) || (item_op && pos + 1 == t.len()) {
                continue;
            }
            let coll = self.collection_for(&req.segs[..pos]);
            let Some(items) = coll.and_then(|c| self.colls.get(&c)) else {
                continue;
            };
            let id = &req.segs[pos];
            if !items.iter().any(|it| key_of(it) == Some(id)) {
                let kind = req.segs[pos - 1].as_str();
                return Err(not_found(kind, id));
            }
        }
        Ok(())
    }

    /// The stored collection a path prefix names (`/projects` reads as the organization's).
    pub(crate) fn collection_for(&self, prefix: &[String]) -> Option<String> {
        let p = format!("/{}", prefix.join("/"));
        if self.colls.contains_key(&p) {
            return Some(p);
        }
        // Below `/projects/{project_id}/…` (the role paths), a project's users and groups
        // are those of the organization.
        if prefix.first().map(String::as_str) != Some("projects") {
            return None;
        }
        let last = prefix.last()?;
        let org = match last.as_str() {
            "projects" => "/organization/projects".to_owned(),
            "users" | "groups" => format!("/organization/projects/{}/{last}", prefix[1]),
            _ => return None,
        };
        self.colls.contains_key(&org).then_some(org)
    }

    fn shape(&mut self, op: usize, item: &Value, req: &Req) -> Value {
        let schema = self.spec.ops[op].response.clone();
        let kind = kind_of(OPERATIONS[op].path);
        // Filled from the item's own seed, so that reading twice gives the same answer.
        let mut h = std::hash::DefaultHasher::new();
        std::hash::Hash::hash(&(key_of(item), op), &mut h);
        let mut g = Gen::new(std::hash::Hasher::finish(&h), self.now());
        let mut out = self.spec.example(&schema, &mut g, kind);
        let mut from_path = Map::new();
        for (k, v) in &req.path_params {
            from_path.insert(k.clone(), Value::String(v.clone()));
        }
        overlay(&mut out, &Value::Object(from_path));
        overlay(&mut out, item);
        out
    }

    fn list(&mut self, req: &Req) -> Reply {
        let info = &OPERATIONS[req.op];
        let mut items: Vec<Value> = self.items(&req.path).to_vec();
        filter(&mut items, &req.query);
        if info.path == "/organization/projects"
            && req.query.get("include_archived") != Some(&json!(true))
        {
            items.retain(|it| it["archived_at"].is_null());
        }
        if req.query.get("order").and_then(Value::as_str) == Some("desc") {
            items.reverse();
        }
        let limit = match req.query.get("limit").and_then(Value::as_i64) {
            Some(l) if l < 1 => {
                return error(400, "limit must be at least 1", Some("limit"), None);
            }
            Some(l) => (l as usize).min(if info.path.ends_with("audit_logs") {
                100
            } else {
                1000
            }),
            None => 20,
        };
        let pos = |c: &str| items.iter().position(|it| key_of(it) == Some(c));
        let (start, end) = match (
            req.query.get("after").and_then(Value::as_str),
            req.query.get("before").and_then(Value::as_str),
        ) {
            (Some(a), _) => {
                let s = pos(a).map_or(items.len(), |p| p + 1);
                (s, (s + limit).min(items.len()))
            }
            (None, Some(b)) => {
                let e = pos(b).unwrap_or(0);
                (e.saturating_sub(limit), e)
            }
            (None, None) => (0, limit.min(items.len())),
        };
        let has_more = end < items.len();
        let page: Vec<Value> = items[start..end].to_vec();
        let schema = self.spec.ops[req.op].response.clone();
        let kind = kind_of(info.path);
        let data = page.clone();
        let first = page.first().and_then(key_of).map(str::to_owned);
        let last = page.last().and_then(key_of).map(str::to_owned);
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

    fn retrieve(&mut self, req: &Req) -> Reply {
        match self.find(req) {
            Ok((c, p)) => {
                let item = self.colls[&c][p].clone();
                Reply::ok(self.shape(req.op, &item, req))
            }
            Err(r) => r,
        }
    }

    fn update(&mut self, req: &Req) -> Reply {
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

    fn delete(&mut self, req: &Req) -> Reply {
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

    fn create(&mut self, req: &Req) -> Reply {
        let referenced = match self.referenced(req) {
            Ok(r) => r,
            Err(r) => return r,
        };
        let list_op = self.op_index("GET", OPERATIONS[req.op].path);
        let item_schema = list_op.map_or(Value::Null, |i| self.item_schema(i));
        let kind = kind_of(OPERATIONS[req.op].path);
        let mut item = self.spec.example(&item_schema, &mut self.fake, kind);
        let now = self.now();
        if let Some(r) = &referenced {
            let mut r = r.clone();
            if let Value::Object(m) = &mut r {
                m.remove("object");
            }
            overlay(&mut item, &r);
            let single = kind.trim_end_matches('s');
            let mut alias = Map::new();
            alias.insert(format!("{single}_id"), r["id"].clone());
            alias.insert(format!("{single}_name"), r["name"].clone());
            overlay(&mut item, &Value::Object(alias));
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
        overlay(&mut item, &Value::Object(req.body.clone()));
        let mut stamps = Map::new();
        for k in ["created_at", "added_at", "created", "updated_at"] {
            stamps.insert(k.to_owned(), json!(now));
        }
        overlay(&mut item, &Value::Object(stamps));
        if let Value::Object(m) = &mut item {
            if m.contains_key("archived_at") {
                m.insert("archived_at".into(), Value::Null);
            }
            if m.contains_key("last_used_at") {
                m.insert("last_used_at".into(), Value::Null);
            }
            if kind == "projects" {
                m.insert("status".into(), json!("active"));
            }
        }
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
                *slot = json!({"type": "user", "object": "organization.user", "id": o["id"],
                               "name": o["name"], "created_at": o["added_at"], "role": "owner"});
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

    /// A new API key of project `project` owned by service account `owner`.
    fn new_project_key(&mut self, project: &str, owner: &Value, now: i64) -> Value {
        let coll = format!("/organization/projects/{project}/api_keys");
        let schema = self
            .op_index("GET", "/organization/projects/{project_id}/api_keys")
            .map_or(Value::Null, |i| self.item_schema(i));
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

    fn single_get(&mut self, req: &Req) -> Reply {
        if !self.singles.contains_key(&req.path) {
            // Every project has its settings from the start (defaults until changed; a
            // delete puts the defaults back).
            self.seed_single(OPERATIONS[req.op].path, &req.path);
        }
        match self.singles.get(&req.path).cloned() {
            Some(v) => Reply::ok(self.shape(req.op, &v, req)),
            None => error(
                404,
                &format!("No {} is set.", singular(kind_of(&req.path))),
                None,
                None,
            ),
        }
    }

    fn single_set(&mut self, req: &Req) -> Reply {
        let current = match self.singles.get(&req.path) {
            Some(v) => v.clone(),
            None => {
                let schema = self.spec.ops[req.op].response.clone();
                self.spec
                    .example(&schema, &mut self.fake, kind_of(&req.path))
            }
        };
        let mut next = current;
        overlay(&mut next, &Value::Object(req.body.clone()));
        self.singles.insert(req.path.clone(), next.clone());
        Reply::ok(self.shape(req.op, &next, req))
    }

    fn single_delete(&mut self, req: &Req) -> Reply {
        if !self.singles.contains_key(&req.path) {
            self.seed_single(OPERATIONS[req.op].path, &req.path);
        }
        match self.singles.remove(&req.path) {
            Some(v) => {
                let mut out = self.shape(req.op, &v, req);
                overlay(&mut out, &json!({"deleted": true}));
                Reply::ok(out)
            }
            None => error(
                404,
                &format!("No {} is set.", singular(kind_of(&req.path))),
                None,
                None,
            ),
        }
    }

    /// Seeds a settings object at `path` for operation `GET template`.
    pub(crate) fn seed_single(&mut self, template: &str, path: &str) {
        if let Some(i) = self.op_index("GET", template) {
            let schema = self.spec.ops[i].response.clone();
            let v = self
                .spec
                .example(&schema, &mut self.fake, kind_of(template));
            self.singles.insert(path.to_owned(), v);
        }
    }

    fn action(&mut self, req: &Req) -> Reply {
        let n = req.segs.len();
        let verb = req.segs[n - 1].as_str();
        let parent = format!("/{}", req.segs[..n - 1].join("/"));
        let now = self.now();
        if OPERATIONS[req.op].page_style == PageStyle::Single {
            // Activate or deactivate the certificates named in the body.
            let ids: Vec<String> = req.body["certificate_ids"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect();
            let active = verb == "activate";
            let mut hit = Vec::new();
            if let Some(items) = self.colls.get_mut(&parent) {
                for it in items.iter_mut() {
                    if key_of(it).is_some_and(|k| ids.iter().any(|i| i == k)) {
                        overlay(it, &json!({"active": active}));
                        hit.push(it.clone());
                    }
                }
            }
            if let Some(missing) = ids
                .iter()
                .find(|i| !hit.iter().any(|h| key_of(h) == Some(i)))
            {
                return not_found("certificates", missing);
            }
            let schema = self.spec.ops[req.op].response.clone();
            let item_schema = self.spec.list_item(&schema).unwrap_or(Value::Null);
            let mut out = self.spec.example(&schema, &mut self.fake, "certificates");
            let data: Vec<Value> = hit
                .iter()
                .map(|h| {
                    let mut v = self
                        .spec
                        .example(&item_schema, &mut self.fake, "certificates");
                    overlay(&mut v, h);
                    v
                })
                .collect();
            out["data"] = Value::Array(data);
            return Reply::ok(out);
        }
        let Some((coll, id)) = parent.rsplit_once('/') else {
            return error(404, "Not found", None, None);
        };
        let Some(p) = self
            .colls
            .get(coll)
            .and_then(|items| items.iter().position(|it| key_of(it) == Some(id)))
        else {
            return not_found(kind_of(coll), id);
        };
        match verb {
            "archive" => {
                if let Some(items) = self.colls.get_mut(coll) {
                    items[p]["archived_at"] = json!(now);
                    items[p]["status"] = json!("archived");
                }
                let item = self.colls[coll][p].clone();
                Reply::ok(self.shape(req.op, &item, req))
            }
            "api_keys" => {
                // A new key for a service account of a project.
                let owner = self.colls[coll][p].clone();
                let key = self.new_project_key(&req.segs[2], &owner, now);
                let mut out = self.shape(req.op, &key, req);
                overlay(&mut out, &Value::Object(req.body.clone()));
                if out.get("value").is_some() {
                    out["value"] = json!(self.fake.id("sk-svcacct-", 40));
                }
                Reply::ok(out)
            }
            _ => {
                let item = self.colls[coll][p].clone();
                Reply::ok(self.shape(req.op, &item, req))
            }
        }
    }

    fn log_change(&mut self, req: &Req, result: &Value) {
        let info = &OPERATIONS[req.op];
        let Some(event) = audit_event(info.path, self.kinds[req.op]) else {
            return;
        };
        let id = result
            .get("id")
            .and_then(Value::as_str)
            .or_else(|| req.segs.last().map(String::as_str))
            .unwrap_or("")
            .to_owned();
        let project = req
            .path_params
            .iter()
            .find(|(k, _)| k == "project_id")
            .map(|(_, v)| v.clone());
        let entry = crate::seed::audit_entry(self, &event, &id, project.as_deref(), None);
        self.colls
            .entry("/organization/audit_logs".to_owned())
            .or_default()
            .insert(0, entry);
    }
}

/// The audit-log event type of a change (one of the spec's event types), when the API logs
/// one.
fn audit_event(template: &str, kind: Kind) -> Option<String> {
    use Kind::{Action, Create, Delete, SingleDelete, SingleSet, Update};
    let k = kind_of(template);
    let in_project = template.contains("/projects/{project_id}");
    let assignment =
        k == "roles" && (template.contains("/users/") || template.contains("/groups/"));
    let e = match (k, kind) {
        ("projects", Create) => "project.created",
        ("projects", Update) => "project.updated",
        ("archive", Action) => "project.archived",
        ("users", Create) => "user.added",
        ("users", Update) => "user.updated",
        ("users", Delete) => "user.deleted",
        ("service_accounts", Create) => "service_account.created",
        ("service_accounts", Update) => "service_account.updated",
        ("service_accounts", Delete) => "service_account.deleted",
        ("api_keys" | "admin_api_keys", Create | Action) => "api_key.created",
        ("api_keys", Update) => "api_key.updated",
        ("api_keys" | "admin_api_keys", Delete) => "api_key.deleted",
        ("invites", Create) => "invite.sent",
        ("invites", Delete) => "invite.deleted",
        ("certificates", Create) => "certificate.created",
        ("certificates", Update) => "certificate.updated",
        ("certificates", Delete) => "certificate.deleted",
        ("activate", Action) => "certificates.activated",
        ("deactivate", Action) => "certificates.deactivated",
        ("rate_limits", Update) => "rate_limit.updated",
        ("roles", Create) if assignment => "role.assignment.created",
        ("roles", Delete) if assignment => "role.assignment.deleted",
        ("roles", Create) => "role.created",
        ("roles", Update) => "role.updated",
        ("roles", Delete) => "role.deleted",
        ("groups", Create) if !in_project => "group.created",
        ("groups", Update) => "group.updated",
        ("groups", Delete) if !in_project => "group.deleted",
        ("groups", Create | Delete) => "role.bound_to_resource",
        ("external_keys", Create) => "external_key.registered",
        ("external_keys", Delete) => "external_key.removed",
        ("external_storage", Create) => "external_storage.registered",
        ("external_storage", Delete) => "external_storage.removed",
        ("workload_identity_providers", Create) => "workload_identity_provider.created",
        ("workload_identity_providers", Update) => "workload_identity_provider.updated",
        ("workload_identity_providers", Delete) => "workload_identity_provider.deleted",
        ("federation_rules", Create) => "workload_identity_provider_mapping.created",
        ("federation_rules", Update) => "workload_identity_provider_mapping.updated",
        ("federation_rules", Delete) => "workload_identity_provider_mapping.deleted",
        (_, Create | Update | Delete | SingleSet | SingleDelete) if in_project => "project.updated",
        (_, Create | Update | Delete | SingleSet | SingleDelete) => "organization.updated",
        _ => return None,
    };
    Some(e.to_owned())
}

fn scalar(kind: &QueryKind, v: &str) -> Value {
    match kind {
        QueryKind::Integer => v.parse::<i64>().map_or_else(|_| json!(v), |n| json!(n)),
        QueryKind::Boolean => match v {
            "true" => json!(true),
            "false" => json!(false),
            other => json!(other),
        },
        _ => json!(v),
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

/// Applies the list filters of `query` to `items`.
fn filter(items: &mut Vec<Value>, query: &Map<String, Value>) {
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

/// One request, routed and checked.
#[derive(Debug)]
pub(crate) struct Req {
    pub(crate) op: usize,
    /// The concrete path, decoded, with a leading `/`.
    pub(crate) path: String,
    pub(crate) segs: Vec<String>,
    pub(crate) path_params: Vec<(String, String)>,
    pub(crate) query: Map<String, Value>,
    pub(crate) body: Map<String, Value>,
}

fn classify(spec: &Spec) -> Vec<Kind> {
    let has = |m: &str, p: &str| OPERATIONS.iter().any(|o| o.method == m && o.path == p);
    spec.ops
        .iter()
        .map(|o| {
            let info = o.info;
            let p = info.path;
            let last_is_param = segments(p).last().is_some_and(|s| is_param(s));
            if p.contains("/usage/") || p.ends_with("/costs") {
                Kind::Usage
            } else if info.method == "GET" && info.page_style != PageStyle::None {
                Kind::List
            } else if info.page_style == PageStyle::Single {
                Kind::Action
            } else if last_is_param {
                match info.method {
                    "GET" => Kind::Retrieve,
                    "POST" => Kind::Update,
                    _ => Kind::Delete,
                }
            } else if info.method == "POST" && has("GET", p) && o_is_list(p) {
                Kind::Create
            } else if has("GET", p) || info.method == "DELETE" {
                match info.method {
                    "GET" => Kind::SingleGet,
                    "POST" => Kind::SingleSet,
                    _ => Kind::SingleDelete,
                }
            } else {
                Kind::Action
            }
        })
        .collect()
}

fn o_is_list(p: &str) -> bool {
    OPERATIONS
        .iter()
        .any(|o| o.method == "GET" && o.path == p && o.page_style != PageStyle::None)
}

/// Project names for `n` projects: the list, then numbered.
pub(crate) fn project_name(i: usize) -> String {
    match PROJECTS.get(i) {
        Some(n) => (*n).to_owned(),
        None => format!("Project {}", i + 1),
    }
}

/// The models a project uses.
pub(crate) fn project_models(i: usize) -> [&'static str; 2] {
    [MODELS[i % MODELS.len()], MODELS[(i + 1) % MODELS.len()]]
}
