//! Routing a request to its operation and checking it as the API would: the path against the
//! core's operation table, the query by the spec's parameter types, the whole request by
//! building the core's typed operation from it, and the parents on the path.

use openai_admin::request::RequestOptions;
use openai_admin::{Error, OPERATIONS, PageStyle};
use serde_json::{Map, Value, json};

use super::{
    Kind, PathParams, Reply, Req, State, error, is_param, key_of, match_path, not_found, segments,
};
use crate::spec::{QueryKind, Spec};
use crate::usage;

impl State {
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

pub(super) fn classify(spec: &Spec) -> Vec<Kind> {
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
