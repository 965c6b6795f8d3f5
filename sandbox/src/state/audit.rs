//! The audit log of changes: every change made through the sandbox writes an entry with one
//! of the spec's event types.

use openai_admin::OPERATIONS;
use serde_json::Value;

use super::{Kind, Req, State, kind_of};

impl State {
    pub(super) fn log_change(&mut self, req: &Req, result: &Value) {
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
