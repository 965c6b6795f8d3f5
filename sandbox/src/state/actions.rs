//! Actions on resources: archiving a project, activating and deactivating certificates, and
//! issuing a service account a new API key.

use openai_admin::{OPERATIONS, PageStyle};
use serde_json::{Value, json};

use super::{Reply, Req, State, error, key_of, kind_of, not_found, overlay};

impl State {
    pub(super) fn action(&mut self, req: &Req) -> Reply {
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
}
