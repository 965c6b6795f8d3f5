//! Usage and costs, computed from the seeded projects, their models and API keys: every
//! bucket is a sum of per-(project, model, key) records, so totals and grouped sums agree.

use std::collections::BTreeMap;

use openai_admin::OPERATIONS;
use serde_json::{Map, Value, json};

use payloads::org::{MODELS, cost_cents, daily_volume, metric_share};

use crate::state::{Reply, Req, State, error, key_of};

/// One source of usage: a project, a model and a key of it.
#[derive(Debug, Clone)]
struct Record {
    project_id: String,
    model: &'static str,
    api_key_id: String,
    user_id: Option<String>,
    /// When the project was archived: no usage from then on.
    until: Option<i64>,
}

/// The sources of usage as the organization stands: each API key of each project, with the
/// model it mostly calls (`models`, by key id, as the seeded organization drew it). Taken
/// once after seeding (see [`State::usage_sources`]), so that later changes (a key deleted,
/// a project added) do not rewrite history.
pub(crate) fn sources(s: &State, models: &BTreeMap<String, &'static str>) -> Value {
    let mut out = Vec::new();
    for p in s.items("/organization/projects") {
        let Some(pid) = key_of(p) else { continue };
        let keys = s.items(&format!("/organization/projects/{pid}/api_keys"));
        for key in keys {
            let Some(kid) = key_of(key) else { continue };
            let Some(model) = models.get(kid) else {
                continue;
            };
            out.push(json!({
                "project_id": pid,
                "model": model,
                "api_key_id": kid,
                "user_id": key["owner"]["user"]["id"],
                "until": p["archived_at"],
            }));
        }
    }
    Value::Array(out)
}

fn records(s: &State) -> Vec<Record> {
    s.usage_sources
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| {
            let model = MODELS.iter().find(|m| r["model"] == **m)?;
            Some(Record {
                project_id: r["project_id"].as_str()?.to_owned(),
                model,
                api_key_id: r["api_key_id"].as_str()?.to_owned(),
                user_id: r["user_id"].as_str().map(str::to_owned),
                until: r["until"].as_i64(),
            })
        })
        .collect()
}

/// The `usage`/`costs` answer for `req`.
pub(crate) fn answer(s: &mut State, req: &Req) -> Reply {
    let q = &req.query;
    let Some(start) = q.get("start_time").and_then(Value::as_i64) else {
        return error(400, "start_time is required", Some("start_time"), None);
    };
    let now = s.now();
    let end = q.get("end_time").and_then(Value::as_i64).unwrap_or(now);
    let width_name = q
        .get("bucket_width")
        .and_then(Value::as_str)
        .unwrap_or("1d");
    let (width, default_limit, max_limit) = match width_name {
        "1m" => (60, 60, 1440),
        "1h" => (3600, 24, 168),
        "1d" => (86_400, 7, 31),
        other => {
            return error(
                400,
                &format!("Invalid bucket_width '{other}': use 1m, 1h or 1d."),
                Some("bucket_width"),
                Some("invalid_value"),
            );
        }
    };
    // An empty range has no buckets.
    let end = end.max(start);
    let limit = match q.get("limit").and_then(Value::as_i64) {
        Some(l) if l < 1 || l > max_limit => {
            return error(
                400,
                &format!("limit must be between 1 and {max_limit} for bucket_width {width_name}"),
                Some("limit"),
                Some("invalid_value"),
            );
        }
        Some(l) => l,
        None => default_limit,
    };
    let first = start - start.rem_euclid(width);
    let total = ((end - first + width - 1) / width).max(0);
    let offset = match q.get("page").and_then(Value::as_str) {
        None => 0,
        Some(p) => match p.strip_prefix("page_").and_then(|n| n.parse::<i64>().ok()) {
            Some(n) if (0..=total).contains(&n) => n,
            _ => {
                return error(
                    400,
                    "Invalid page cursor.",
                    Some("page"),
                    Some("invalid_value"),
                );
            }
        },
    };
    let stop = (offset + limit).min(total);
    let path = OPERATIONS[req.op].path;
    let endpoint = path.rsplit('/').next().unwrap_or("").to_owned();
    let costs = endpoint == "costs";
    let group_by: Vec<String> = strings(q.get("group_by"));
    let wanted = |name: &str| strings(q.get(name));
    let (projects, keys, models, users) = (
        wanted("project_ids"),
        wanted("api_key_ids"),
        wanted("models"),
        wanted("user_ids"),
    );
    let recs: Vec<Record> = records(s)
        .into_iter()
        .filter(|r| projects.is_empty() || projects.contains(&r.project_id))
        .filter(|r| keys.is_empty() || keys.contains(&r.api_key_id))
        .filter(|r| models.is_empty() || models.iter().any(|m| m == r.model))
        .filter(|r| users.is_empty() || r.user_id.as_ref().is_some_and(|u| users.contains(u)))
        .collect();

    let schema = s.spec.ops[req.op].response.clone();
    let bucket_schema = s.spec.list_item(&schema).unwrap_or(Value::Null);
    let result_schema = result_schema(s, &bucket_schema, &endpoint);
    let template = s.spec.example(&result_schema, &mut s.fake, "usage");
    let line_items = wanted("line_items");
    let mut data = Vec::new();
    for b in offset..stop {
        let t0 = first + b * width;
        let t1 = t0 + width;
        let mut groups: BTreeMap<Vec<String>, Value> = BTreeMap::new();
        if t0 < now {
            for r in recs.iter().filter(|r| r.until.is_none_or(|u| t0 < u)) {
                let parts: Vec<(String, &'static str)> = if costs {
                    vec![
                        (format!("{}, input", r.model), "input"),
                        (format!("{}, output", r.model), "output"),
                    ]
                } else {
                    vec![(String::new(), "")]
                };
                for (line_item, side) in parts {
                    if !line_items.is_empty() && !line_items.contains(&line_item) {
                        continue;
                    }
                    let key: Vec<String> = group_by
                        .iter()
                        .map(|g| match g.as_str() {
                            "project_id" => r.project_id.clone(),
                            "model" => r.model.to_owned(),
                            "api_key_id" => r.api_key_id.clone(),
                            "user_id" => r.user_id.clone().unwrap_or_default(),
                            "line_item" => line_item.clone(),
                            _ => String::new(),
                        })
                        .collect();
                    let seed = s.seed.to_string();
                    let id = [
                        seed.as_str(),
                        endpoint.as_str(),
                        &r.project_id,
                        r.model,
                        &r.api_key_id,
                        side,
                    ];
                    let entry = groups.entry(key).or_insert_with(|| zero(&template, costs));
                    add(entry, &template, &id, t0, width, costs);
                }
            }
        }
        let mut results = Vec::new();
        for (key, metrics) in groups {
            let mut res = template.clone();
            if let Value::Object(m) = &mut res {
                for f in [
                    "project_id",
                    "model",
                    "api_key_id",
                    "user_id",
                    "line_item",
                    "api_source",
                ] {
                    if m.contains_key(f) {
                        m.insert(f.to_owned(), Value::Null);
                    }
                }
                for (g, v) in group_by.iter().zip(&key) {
                    if m.contains_key(g.as_str()) {
                        m.insert(g.clone(), json!(v));
                    }
                }
                if let Value::Object(mm) = metrics {
                    for (k, v) in mm {
                        m.insert(k, v);
                    }
                }
            }
            if costs {
                round_amount(&mut res);
            }
            results.push(res);
        }
        let mut bucket = s.spec.example(&bucket_schema, &mut s.fake, "usage");
        bucket["start_time"] = json!(t0);
        bucket["end_time"] = json!(t1);
        bucket["results"] = Value::Array(results);
        data.push(bucket);
    }
    let mut out = s.spec.example(&schema, &mut s.fake, "usage");
    let has_more = stop < total;
    out["data"] = Value::Array(data);
    out["has_more"] = json!(has_more);
    out["next_page"] = if has_more {
        json!(format!("page_{stop}"))
    } else {
        Value::Null
    };
    Reply::ok(out)
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(str::to_owned))
        .collect()
}

/// The result schema of `endpoint` among the bucket's `results` choices.
fn result_schema(s: &State, bucket: &Value, endpoint: &str) -> Value {
    let items = s.spec.resolve(&bucket["properties"]["results"]["items"]);
    let Some(choices) = items.get("oneOf").and_then(Value::as_array) else {
        return items;
    };
    let want = if endpoint == "costs" {
        "organization.costs.result".to_owned()
    } else {
        format!("organization.usage.{endpoint}.result")
    };
    choices
        .iter()
        .map(|c| s.spec.resolve(c))
        .find(|c| c["properties"]["object"]["enum"][0] == want.as_str())
        .unwrap_or_else(|| items.clone())
}

/// The metric fields of a result, at zero.
fn zero(template: &Value, costs: bool) -> Value {
    let mut m = Map::new();
    if costs {
        m.insert("amount".into(), json!({"value": 0.0, "currency": "usd"}));
        m.insert("quantity".into(), json!(0.0));
        return Value::Object(m);
    }
    if let Value::Object(t) = template {
        for (k, v) in t {
            if v.is_i64() || v.is_u64() {
                m.insert(k.clone(), json!(0));
            }
        }
    }
    Value::Object(m)
}

/// Adds one record's share of bucket `[t0, t0 + width)` to `acc`.
fn add(acc: &mut Value, template: &Value, id: &[&str], t0: i64, width: i64, costs: bool) {
    let scale = (width as f64 / 86_400.0).max(1.0 / 1440.0);
    // A daily volume per record (weekdays busier), spread evenly over the day.
    let base = daily_volume(id, t0);
    if costs {
        // Cents, so that sums stay exact.
        let cents = cost_cents(base, scale);
        let value = acc["amount"]["value"].as_f64().unwrap_or(0.0) + cents;
        acc["amount"]["value"] = json!(value);
        let qty = acc["quantity"].as_f64().unwrap_or(0.0) + (base as f64 * scale * 10.0).round();
        acc["quantity"] = json!(qty);
        return;
    }
    let Value::Object(t) = template else { return };
    for (k, v) in t {
        if !(v.is_i64() || v.is_u64()) {
            continue;
        }
        let add = ((metric_share(k, base) as f64) * scale).round() as i64;
        let cur = acc[k.as_str()].as_i64().unwrap_or(0);
        acc[k.as_str()] = json!(cur + add);
    }
}

/// Cents to dollars, once per result.
fn round_amount(res: &mut Value) {
    if let Some(c) = res["amount"]["value"].as_f64() {
        res["amount"]["value"] = json!(c / 100.0);
    }
}
