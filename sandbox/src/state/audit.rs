//! The audit log of changes: every change made through the sandbox writes an entry with one
//! of the spec's event types, whose detail object names the object the change is about.
//!
//! The log keeps each entry as its JSON text, not as a parsed tree: parsed, an entry is half
//! a dozen nested objects of a B-tree node (about 600 bytes) each, about 4.7 KB in all, while
//! its text is about 350 bytes, and the log grows by one entry per change. A list parses only
//! the entries it filters on and the page it answers.

use openai_admin::OPERATIONS;
use serde_json::{Map, Value, json};

use super::collections::{filter, window};
use super::{Kind, Req, State, kind_of};

/// An audit-log entry as the log keeps it: its id (the list's cursor) and its JSON text.
#[derive(Debug, Clone)]
pub(crate) struct Logged {
    id: Box<str>,
    json: Box<str>,
}

impl Logged {
    pub(super) fn new(entry: &Value) -> Self {
        Self {
            id: entry["id"].as_str().unwrap_or("").into(),
            json: entry.to_string().into(),
        }
    }

    fn value(&self) -> Value {
        serde_json::from_str(&self.json).unwrap_or(Value::Null)
    }
}

impl State {
    /// Adds `entry` to the audit log as its newest entry.
    pub(crate) fn log(&mut self, entry: &Value) {
        self.audit.push(Logged::new(entry));
    }

    /// The audit log, newest first, as the API lists it.
    pub fn audit_log(&self) -> Vec<Value> {
        self.audit.iter().rev().map(Logged::value).collect()
    }

    /// A page of the audit log (newest first) filtered by `query`, and whether more follow.
    pub(super) fn audit_page(
        &self,
        query: &Map<String, Value>,
        limit: usize,
    ) -> (Vec<Value>, bool) {
        let filters = query
            .keys()
            .any(|k| !matches!(k.as_str(), "limit" | "after" | "before"));
        let kept: Vec<&Logged> = self
            .audit
            .iter()
            .rev()
            .filter(|e| {
                if !filters {
                    return true;
                }
                let v = e.value();
                let mut one = vec![&v];
                filter(&mut one, query);
                !one.is_empty()
            })
            .collect();
        let keys: Vec<Option<&str>> = kept.iter().map(|e| Some(&*e.id)).collect();
        let (start, end) = window(&keys, query, limit);
        let page = kept[start..end].iter().map(|e| e.value()).collect();
        (page, end < kept.len())
    }

    pub(super) fn log_change(&mut self, req: &Req, result: &Value) {
        let info = &OPERATIONS[req.op];
        let Some(event) = audit_event(info.path, self.kinds[req.op]) else {
            return;
        };
        let detail = self.subject(event, req, result);
        let project = req
            .path_params
            .iter()
            .find(|(k, _)| k == "project_id")
            .map(|(_, v)| v.clone());
        let entry = crate::seed::audit_entry(self, event, detail, project.as_deref(), None);
        self.log(&entry);
    }

    /// The fields of `event`'s detail object that say what the change was about: its `id`
    /// (the user added, the project whose settings changed, the organization, the role
    /// granted, …) and, where the spec's detail has them, the principal and resource of a
    /// role assignment, the certificates switched, the provider of a federation rule.
    fn subject(&self, event: &str, req: &Req, result: &Value) -> Map<String, Value> {
        let path = |name: &str| {
            req.path_params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let body = |name: &str| req.body.get(name).and_then(Value::as_str);
        // An item operation (`…/{id}`) is about the item it addresses; a create or an
        // action that makes something is about what it made.
        let addressed = OPERATIONS[req.op]
            .path
            .ends_with('}')
            .then(|| req.path_params.last().map(|(_, v)| v.as_str()))
            .flatten();
        let made = result.get("id").and_then(Value::as_str);
        let (resource_type, resource_id) = match path("project_id") {
            Some(p) => ("api.project", p),
            None => ("api.organization", self.org_id.as_str()),
        };
        let mut d = Map::new();
        let granted: String;
        let id = match event {
            "organization.updated" => Some(self.org_id.as_str()),
            // A project's settings, alerts and limits are changes to the project.
            "project.updated" | "project.archived" => path("project_id"),
            "user.added" | "user.updated" | "user.deleted" => path("user_id")
                .or_else(|| body("user_id"))
                .or_else(|| result.get("user_id").and_then(Value::as_str))
                .or(made),
            "role.assignment.created" | "role.assignment.deleted" => {
                let (principal_type, principal) = match path("user_id") {
                    Some(u) => ("user", u),
                    None => (
                        "group",
                        path("group_id").or_else(|| body("group_id")).unwrap_or(""),
                    ),
                };
                d.insert("principal_id".into(), json!(principal));
                d.insert("principal_type".into(), json!(principal_type));
                d.insert("resource_id".into(), json!(resource_id));
                d.insert("resource_type".into(), json!(resource_type));
                // The role granted or taken away: named by the request, or (a group leaving
                // a project) the one it was granted when it joined.
                let role = path("role_id")
                    .or_else(|| body("role_id"))
                    .or_else(|| body("role"));
                granted = match role {
                    Some(r) => r.to_owned(),
                    None => self
                        .granted_role(principal, resource_id)
                        .unwrap_or_else(|| principal.to_owned()),
                };
                Some(granted.as_str())
            }
            "role.created" => {
                d.insert("resource_id".into(), json!(resource_id));
                d.insert("resource_type".into(), json!(resource_type));
                d.insert("role_name".into(), result["name"].clone());
                if result["permissions"].is_array() {
                    d.insert("permissions".into(), result["permissions"].clone());
                }
                made
            }
            "certificates.activated" | "certificates.deactivated" => {
                let certs: Vec<Value> = result["data"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|c| json!({"id": c["id"], "name": c["name"]}))
                    .collect();
                d.insert("certificates".into(), Value::Array(certs));
                None
            }
            e if e.starts_with("workload_identity_provider_mapping.") => {
                if let Some(p) = path("workload_identity_provider_id") {
                    d.insert("identity_provider_id".into(), json!(p));
                }
                addressed.or(made)
            }
            _ => addressed.or(made),
        };
        if let Some(id) = id {
            d.insert("id".into(), json!(id));
        }
        // What was asked for, in the fields the detail records it under.
        for key in ["data", "changes_requested"] {
            d.insert(key.into(), Value::Object(req.body.clone()));
        }
        d
    }

    /// The role `principal` was granted on `resource` by the newest logged assignment.
    fn granted_role(&self, principal: &str, resource: &str) -> Option<String> {
        self.audit.iter().rev().find_map(|e| {
            if !e.json.contains(principal) {
                return None;
            }
            let v = e.value();
            let d = &v["role.assignment.created"];
            (d["principal_id"] == principal && d["resource_id"] == resource)
                .then(|| d["id"].as_str().map(str::to_owned))
                .flatten()
        })
    }
}

/// The audit-log event type of a change (one of the spec's event types), when the API logs
/// one.
fn audit_event(template: &str, kind: Kind) -> Option<&'static str> {
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
        // A group joins or leaves a project with a project role: a role assignment whose
        // principal is the group and whose resource is the project.
        ("groups", Create) => "role.assignment.created",
        ("groups", Delete) => "role.assignment.deleted",
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
    Some(e)
}
