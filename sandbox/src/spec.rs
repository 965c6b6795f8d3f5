//! What the sandbox reads from the spec: each operation's response schema and query
//! parameter types, and a generator of schema-valid values with realistic content (names,
//! emails and ids from the `payloads` crate's [`Faker`]).

use std::collections::HashMap;

use openai_admin::{OPERATIONS, OperationInfo};
use payloads::Faker;
use payloads::org::{
    GROUP_NAMES, KEY_USES, MODELS, PROJECT_NAMES, ROLE_NAMES, SERVICE_ACCOUNT_NAMES, project_name,
};
use serde_json::{Map, Value, json};

const SPEC: &str = include_str!("../../spec/openai-admin.openapi.yaml");

/// How a query parameter's text is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum QueryKind {
    /// Kept as text.
    Text,
    /// A whole number.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// Repeated values (`name[]=a&name[]=b`), each read as the given kind.
    Array(Box<QueryKind>),
    /// `name[key]=value` pairs.
    Object,
}

/// The spec facts of one operation.
#[derive(Debug)]
pub(crate) struct OpSpec {
    /// The row of the core's operation table.
    pub(crate) info: &'static OperationInfo,
    /// The `200` response schema.
    pub(crate) response: Value,
    /// Query parameters by their name in [`openai_admin::params::Params`].
    pub(crate) query: HashMap<String, QueryKind>,
}

/// The parsed spec.
#[derive(Debug)]
pub(crate) struct Spec {
    schemas: Map<String, Value>,
    /// One entry per row of [`OPERATIONS`], in the same order.
    pub(crate) ops: Vec<OpSpec>,
}

impl Spec {
    /// Reads the spec compiled into the binary.
    pub(crate) fn load() -> Result<Self, String> {
        let doc: Value = serde_norway::from_str(SPEC).map_err(|e| e.to_string())?;
        let schemas = doc["components"]["schemas"]
            .as_object()
            .cloned()
            .ok_or("the spec has no components.schemas")?;
        let mut ops = Vec::with_capacity(OPERATIONS.len());
        for info in &OPERATIONS {
            let op = &doc["paths"][info.path][info.method.to_ascii_lowercase()];
            if op.is_null() {
                return Err(format!("{} {} is not in the spec", info.method, info.path));
            }
            let response = op["responses"]["200"]["content"]["application/json"]["schema"].clone();
            let mut query = HashMap::new();
            for p in op["parameters"].as_array().into_iter().flatten() {
                if p["in"] != "query" {
                    continue;
                }
                let Some(name) = p["name"].as_str() else {
                    continue;
                };
                let base = name.trim_end_matches("[]").to_owned();
                let schema = resolve_in(&schemas, &p["schema"]);
                query.insert(base, query_kind(&schemas, &schema));
            }
            ops.push(OpSpec {
                info,
                response,
                query,
            });
        }
        Ok(Self { schemas, ops })
    }

    /// `schema` with a top-level `$ref` followed.
    pub(crate) fn resolve(&self, schema: &Value) -> Value {
        resolve_in(&self.schemas, schema)
    }

    /// The schema of the entries of a list response schema (`data` items), if any.
    pub(crate) fn list_item(&self, response: &Value) -> Option<Value> {
        let r = self.resolve(response);
        let data = r["properties"].get("data")?;
        let items = self.resolve(data).get("items")?.clone();
        Some(self.resolve(&items))
    }

    /// A value of `schema`, filled in by `g`. `kind` is the resource being made (the last
    /// literal path segment, like `users`), for realistic names and ids.
    pub(crate) fn example(&self, schema: &Value, g: &mut Gen, kind: &str) -> Value {
        self.value(schema, g, kind, "", 0)
    }

    fn value(&self, schema: &Value, g: &mut Gen, kind: &str, key: &str, depth: u32) -> Value {
        let s = self.resolve(schema);
        if depth > 12 {
            return Value::Null;
        }
        if let Some(v) = s.get("const") {
            return v.clone();
        }
        if let Some(e) = s.get("enum").and_then(Value::as_array) {
            return e.first().cloned().unwrap_or(Value::Null);
        }
        if let Some(all) = s.get("allOf").and_then(Value::as_array) {
            let mut out = Map::new();
            for part in all {
                if let Value::Object(m) = self.value(part, g, kind, key, depth + 1) {
                    out.extend(m);
                }
            }
            return Value::Object(out);
        }
        for alt in ["anyOf", "oneOf"] {
            if let Some(choices) = s.get(alt).and_then(Value::as_array) {
                let pick = choices
                    .iter()
                    .find(|c| self.resolve(c)["type"] != "null")
                    .or(choices.first());
                return pick.map_or(Value::Null, |c| self.value(c, g, kind, key, depth + 1));
            }
        }
        let ty = match &s["type"] {
            Value::String(t) => t.as_str(),
            Value::Array(ts) => ts
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null")
                .unwrap_or("null"),
            _ if s.get("properties").is_some() => "object",
            _ => "",
        };
        match ty {
            "object" => {
                let mut out = Map::new();
                if let Some(props) = s["properties"].as_object() {
                    for (k, v) in props {
                        out.insert(k.clone(), self.value(v, g, kind, k, depth + 1));
                    }
                }
                Value::Object(out)
            }
            "array" => {
                let item = self.value(&s["items"], g, kind, key, depth + 1);
                if item.is_null() {
                    json!([])
                } else {
                    json!([item])
                }
            }
            "string" => Value::String(g.text(kind, key)),
            "integer" => json!(g.integer(key)),
            "number" => json!(g.number(key)),
            "boolean" => json!(key == "enabled" || key == "active"),
            "null" => Value::Null,
            _ => json!({}),
        }
    }
}

fn resolve_in(schemas: &Map<String, Value>, schema: &Value) -> Value {
    let mut s = schema;
    for _ in 0..16 {
        match s.get("$ref").and_then(Value::as_str) {
            Some(r) => match r
                .strip_prefix("#/components/schemas/")
                .and_then(|n| schemas.get(n))
            {
                Some(next) => s = next,
                None => return Value::Null,
            },
            None => break,
        }
    }
    s.clone()
}

fn query_kind(schemas: &Map<String, Value>, schema: &Value) -> QueryKind {
    let s = resolve_in(schemas, schema);
    if let Some(alts) = s.get("anyOf").and_then(Value::as_array) {
        if let Some(first) = alts.iter().find(|a| a["type"] != "null") {
            return query_kind(schemas, first);
        }
    }
    match s["type"].as_str() {
        Some("integer") => QueryKind::Integer,
        Some("boolean") => QueryKind::Boolean,
        Some("array") => QueryKind::Array(Box::new(query_kind(schemas, &s["items"]))),
        Some("object") => QueryKind::Object,
        _ => QueryKind::Text,
    }
}

/// `users` → `user`, for names made from a resource kind.
fn singular_kind(kind: &str) -> &str {
    kind.strip_suffix('s').unwrap_or(kind)
}

/// A seeded source of values for filling schemas; the same seed gives the same values.
#[derive(Debug)]
pub(crate) struct Gen {
    fake: Faker,
    /// "Now" of the sandbox: seeded timestamps lie before it.
    pub(crate) now: i64,
    person: Option<(String, String)>,
}

impl Gen {
    pub(crate) fn new(seed: u64, now: i64) -> Self {
        Self {
            fake: Faker::new(seed),
            now,
            person: None,
        }
    }

    /// Uniform in `lo..hi`.
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        self.fake.range(lo, hi)
    }

    /// One of `items`, or "" when there are none.
    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        if items.is_empty() {
            return "";
        }
        let picked: &&'a str = self.fake.pick(items);
        picked
    }

    /// `prefix` followed by `len` random letters and digits.
    pub(crate) fn id(&mut self, prefix: &str, len: usize) -> String {
        self.fake.id(prefix, len)
    }

    /// A fresh person (name, email); later `name`/`email` fields use it.
    pub(crate) fn person(&mut self) -> (String, String) {
        let p = self.fake.person();
        self.person = Some(p.clone());
        p
    }

    /// The id prefix of a resource kind.
    pub(crate) fn id_for(&mut self, kind: &str) -> String {
        let prefix = match kind {
            "users" => "user-",
            "projects" => "proj_",
            "service_accounts" => "svc_acct_",
            "api_keys" => "key_",
            "admin_api_keys" => "key_",
            "groups" => "group_",
            "roles" => "role_",
            "invites" => "invite-",
            "certificates" => "cert_",
            "rate_limits" => "rl-",
            "spend_alerts" => "alert_",
            "external_keys" => "ek_",
            "external_storage" => "es_",
            "workload_identity_providers" => "wip_",
            "federation_rules" => "wifr_",
            "audit_logs" => "audit_log-",
            _ => "obj_",
        };
        self.id(prefix, 20)
    }

    fn text(&mut self, kind: &str, key: &str) -> String {
        match key {
            "id" => self.id_for(kind),
            "email" | "actor_email" => match &self.person {
                Some(p) => p.1.clone(),
                None => self.person().1,
            },
            "name" => match kind {
                "users" | "invites" => match &self.person {
                    Some(p) => p.0.clone(),
                    None => self.person().0,
                },
                "projects" => project_name(self.range(0, PROJECT_NAMES.len() as i64) as usize),
                "service_accounts" => self.pick(SERVICE_ACCOUNT_NAMES).to_owned(),
                "api_keys" | "admin_api_keys" => self.pick(KEY_USES).to_owned(),
                "groups" => self.pick(GROUP_NAMES).to_owned(),
                "roles" => self.pick(ROLE_NAMES).to_owned(),
                "certificates" => format!("corp-mtls-{}", self.range(2024, 2027)),
                _ => format!("sandbox {}", kind.replace('_', " ")),
            },
            "redacted_value" => format!("sk-...{}", self.id("", 4)),
            "value" => self.id("sk-proj-", 40),
            "currency" => "usd".to_owned(),
            "model" => self.pick(MODELS).to_owned(),
            "role" => "member".to_owned(),
            "project_id" => self.id_for("projects"),
            "user_id" => self.id_for("users"),
            "api_key_id" => self.id_for("api_keys"),
            k if k.ends_with("_id") => self.id("obj_", 16),
            "picture" => "https://example.com/avatars/default.png".to_owned(),
            k if k.ends_with("_url") || k == "url" || k == "issuer" => {
                "https://example.com/".to_owned()
            }
            "description" => format!("{} managed in the sandbox", singular_kind(kind)),
            "status" => "active".to_owned(),
            "permissions" | "scopes" => "api.usage.read".to_owned(),
            "region" | "geography" | "location" => "us".to_owned(),
            "object" => format!("organization.{}", singular_kind(kind)),
            "type" | "owner_type" => "user".to_owned(),
            _ => "sandbox".to_owned(),
        }
    }

    fn integer(&mut self, key: &str) -> i64 {
        match key {
            "expires_at" => self.now + self.range(30, 365) * 86_400,
            k if k.ends_with("_at") || k == "created" || k == "start_time" => {
                self.now - self.range(86_400, 180 * 86_400)
            }
            "end_time" => self.now,
            _ => self.range(1, 100),
        }
    }

    fn number(&mut self, _key: &str) -> f64 {
        (self.range(100, 100_000) as f64) / 100.0
    }
}
