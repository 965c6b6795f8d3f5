//! Settings objects (data retention, spend limits, permissions, …): one per path, seeded with
//! defaults, changed by a `POST`, put back to the defaults by a `DELETE`.

use openai_admin::OPERATIONS;
use serde_json::{Value, json};

use super::{Reply, Req, State, error, kind_of, overlay, singular};

impl State {
    pub(super) fn single_get(&mut self, req: &Req) -> Reply {
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

    pub(super) fn single_set(&mut self, req: &Req) -> Reply {
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

    pub(super) fn single_delete(&mut self, req: &Req) -> Reply {
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
}
