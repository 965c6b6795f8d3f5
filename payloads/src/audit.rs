//! `GET /organization/audit_logs`: a `ListAuditLogsResponse` of mixed events.

use crate::fake::{Faker, Org, Project};
use crate::json::{self, Obj};

/// Event types generated, with relative frequencies and whether the event
/// belongs to a project (and so carries the `project` member).
const EVENTS: &[(&str, u32, bool)] = &[
    ("login.succeeded", 30, false),
    ("login.failed", 6, false),
    ("logout.succeeded", 12, false),
    ("api_key.created", 10, true),
    ("api_key.updated", 4, true),
    ("api_key.deleted", 5, true),
    ("project.created", 3, true),
    ("project.updated", 2, true),
    ("project.archived", 1, true),
    ("invite.sent", 5, false),
    ("invite.accepted", 4, false),
    ("invite.deleted", 1, false),
    ("user.added", 4, false),
    ("user.updated", 3, false),
    ("user.deleted", 1, false),
    ("service_account.created", 3, true),
    ("service_account.updated", 1, true),
    ("service_account.deleted", 1, true),
    ("rate_limit.updated", 3, true),
    ("rate_limit.deleted", 1, true),
    ("organization.updated", 1, false),
    ("group.created", 2, false),
    ("group.updated", 1, false),
    ("group.deleted", 1, false),
    ("role.created", 2, false),
    ("role.assignment.created", 3, false),
    ("role.bound_to_resource", 1, false),
    ("certificate.created", 1, false),
    ("certificates.activated", 1, false),
    ("ip_allowlist.created", 1, false),
    ("checkpoint.permission.created", 2, true),
    ("external_storage.registered", 1, false),
    ("scim.enabled", 1, false),
    ("workload_identity_provider_mapping.deleted", 1, true),
];

const SCOPES: &[&str] = &[
    "api.model.read",
    "api.model.request",
    "api.files.read",
    "api.files.write",
    "api.fine_tuning.jobs.write",
    "api.assistants.read",
    "api.batch.write",
];

/// Writes `n` audit log entries, newest first, in one list page.
pub(crate) fn audit_logs(seed: u64, n: usize) -> String {
    let f = &mut Faker::new(seed);
    let org = Org::new(f);
    let org_id = f.id("org-", 24);
    let weights: Vec<u32> = EVENTS.iter().map(|e| e.1).collect();
    let mut effective_at = 1_759_276_800; // 2025-10-01T00:00:00Z, walking back in time
    let mut ids = Vec::with_capacity(n);
    json::object(|o| {
        o.str("object", "list").arr("data", |a| {
            for _ in 0..n {
                let (kind, _, scoped) = EVENTS[f.weighted(&weights)];
                let id = f.id("audit_log-", 24);
                effective_at -= f.range(1, 900);
                let project = f.pick(&org.projects);
                a.obj(|e| {
                    e.str("id", &id)
                        .str("type", kind)
                        .int("effective_at", effective_at);
                    if scoped {
                        e.obj("project", |p| {
                            p.str("id", &project.id).str("name", &project.name);
                        });
                    }
                    e.obj("actor", |a| actor(a, f, &org, kind.starts_with("log")));
                    e.obj(kind, |d| details(kind, d, f, &org, project, &org_id));
                });
                ids.push(id);
            }
        });
        cursors(o, &ids, false);
    })
}

/// The members that close a cursor-paginated list: `first_id`, `last_id`, `has_more`.
pub(crate) fn cursors(o: &mut Obj, ids: &[String], has_more: bool) {
    o.opt_str("first_id", ids.first().map(String::as_str))
        .opt_str("last_id", ids.last().map(String::as_str))
        .bool("has_more", has_more);
}

/// Who did it: a signed-in session, or an admin API key owned by a user or a
/// service account. Logins and logouts always come from a session.
fn actor(a: &mut Obj, f: &mut Faker, org: &Org, session_only: bool) {
    let member = f.pick(&org.members);
    let user = |u: &mut Obj| {
        u.str("id", &member.id).str("email", &member.email);
    };
    if session_only || f.chance(0.7) {
        let ip = f.ip();
        a.str("type", "session").obj("session", |s| {
            s.obj("user", user).str("ip_address", &ip);
        });
    } else {
        let key = f.pick(&org.admin_key_ids);
        let svc = f.chance(0.3).then(|| f.pick(&org.service_accounts));
        a.str("type", "api_key").obj("api_key", |k| {
            k.str("id", key);
            match svc {
                Some(svc) => k
                    .str("type", "service_account")
                    .obj("service_account", |s| {
                        s.str("id", svc);
                    }),
                None => k.str("type", "user").obj("user", user),
            };
        });
    }
}

/// The per-type detail object, shaped as the `AuditLog` schema's member of the same name.
fn details(kind: &str, d: &mut Obj, f: &mut Faker, org: &Org, project: &Project, org_id: &str) {
    let member = f.pick(&org.members);
    let key_id = f.pick(&project.key_ids);
    let svc = f.pick(&org.service_accounts);
    match kind {
        "login.succeeded" | "logout.succeeded" => {}
        "login.failed" => {
            let (code, message) = *f.pick(&[
                ("invalid_credentials", "The email or password is incorrect."),
                ("mfa_required", "Multi-factor authentication is required."),
                (
                    "account_locked",
                    "Too many attempts; the account is locked for a while.",
                ),
            ]);
            d.str("error_code", code).str("error_message", message);
        }
        "api_key.created" => {
            let scopes = scopes(f);
            d.str("id", key_id).obj("data", |x| {
                x.strs("scopes", &scopes);
            });
        }
        "api_key.updated" => {
            let scopes = scopes(f);
            let expires = f.chance(0.5).then(|| 86_400 * f.range(1, 366));
            d.str("id", key_id).obj("changes_requested", |x| {
                x.strs("scopes", &scopes)
                    .opt_int("expires_in_seconds", expires);
            });
        }
        "api_key.deleted" => {
            d.str("id", key_id);
        }
        "project.created" => {
            d.str("id", &project.id).obj("data", |x| {
                x.str("name", &project.name).str("title", &project.name);
            });
        }
        "project.updated" => {
            d.str("id", &project.id).obj("changes_requested", |x| {
                x.str("title", &format!("{} (v2)", project.name));
            });
        }
        "project.archived" => {
            d.str("id", &project.id);
        }
        "scim.enabled" => {
            d.str("id", org_id);
        }
        "invite.sent" => {
            let (_, email) = f.person();
            let id = f.id("invite-", 24);
            let role = *f.pick(&["reader", "owner"]);
            d.str("id", &id).obj("data", |x| {
                x.str("email", &email).str("role", role);
            });
        }
        "invite.accepted" | "invite.deleted" => {
            d.str("id", &f.id("invite-", 24));
        }
        "user.added" | "user.updated" => {
            let role = *f.pick(&["reader", "owner"]);
            d.str("id", &member.id).obj(payload_key(kind), |x| {
                x.str("role", role);
            });
        }
        "user.deleted" => {
            d.str("id", &member.id);
        }
        "service_account.created" | "service_account.updated" => {
            let role = *f.pick(&["member", "owner"]);
            d.str("id", svc).obj(payload_key(kind), |x| {
                x.str("role", role);
            });
        }
        "service_account.deleted" => {
            d.str("id", svc);
        }
        "rate_limit.updated" => {
            let id = f.id("rl-", 12);
            let rpm = 500 * f.range(1, 21);
            let tpm = 10_000 * f.range(10, 3_001);
            d.str("id", &id).obj("changes_requested", |x| {
                x.int("max_requests_per_1_minute", rpm)
                    .int("max_tokens_per_1_minute", tpm);
            });
        }
        "rate_limit.deleted" => {
            d.str("id", &f.id("rl-", 12));
        }
        "organization.updated" => {
            let visibility = *f.pick(&["ANY_ROLE", "OWNERS", "NONE"]);
            d.str("id", org_id).obj("changes_requested", |x| {
                x.str("title", "Example Labs")
                    .str("usage_dashboard_visibility", visibility);
            });
        }
        "group.created" | "group.updated" => {
            let id = f.id("group_", 24);
            let name = *f.pick(&[
                "Engineering",
                "Data Science",
                "Finance",
                "Support",
                "Admins",
            ]);
            d.str("id", &id).obj(payload_key(kind), |x| {
                x.str("group_name", name);
            });
        }
        "group.deleted" => {
            d.str("id", &f.id("group_", 24));
        }
        "role.created" => {
            let id = f.id("role_", 24);
            let scopes = scopes(f);
            let name = *f.pick(&["Billing viewer", "Model tester", "Key manager"]);
            d.str("id", &id)
                .str("role_name", name)
                .strs("permissions", &scopes)
                .str("resource_type", "api.organization")
                .str("resource_id", org_id);
        }
        "role.assignment.created" => {
            let id = f.id("role_", 24);
            d.str("id", &id)
                .str("principal_id", &member.id)
                .str("principal_type", "user")
                .str("resource_id", &project.id)
                .str("resource_type", "api.project");
        }
        "role.bound_to_resource" => {
            let (id, role_id) = (f.id("rb_", 24), f.id("role_", 24));
            let scopes = scopes(f);
            let source = *f.pick(&[
                "role_toggle",
                "role_connector_update",
                "workspace_permissions",
            ]);
            d.str("id", &id)
                .str("role_id", &role_id)
                .str("resource_id", &project.id)
                .str("resource_type", "api.project")
                .strs("permissions", &scopes)
                .bool("enabled", true)
                .str("source", source);
        }
        "certificate.created" => {
            d.str("id", &f.id("cert_", 24)).str("name", "mtls-gateway");
        }
        "certificates.activated" => {
            let certs: Vec<String> = (0..f.range(1, 4)).map(|_| f.id("cert_", 24)).collect();
            d.arr("certificates", |a| {
                for (i, id) in certs.iter().enumerate() {
                    a.obj(|c| {
                        c.str("id", id)
                            .str("name", &format!("client-cert-{}", i + 1));
                    });
                }
            });
        }
        "ip_allowlist.created" => {
            let id = f.id("ipal_", 24);
            let ips = [format!("{}/32", f.ip()), "203.0.113.0/24".to_string()];
            d.str("id", &id)
                .str("name", "Office network")
                .strs("allowed_ips", &ips);
        }
        "checkpoint.permission.created" => {
            let id = f.id("cp_", 24);
            let ckpt = format!(
                "ft:gpt-4o-mini-2024-07-18:example::{}:ckpt-step-{}",
                f.id("", 8),
                100 * f.range(1, 50)
            );
            d.str("id", &id).obj("data", |x| {
                x.str("project_id", &project.id)
                    .str("fine_tuned_model_checkpoint", &ckpt);
            });
        }
        "external_storage.registered" => {
            let (id, ext) = (f.id("extstore_", 24), f.id("", 32));
            let account = f.range(100_000_000_000, 999_999_999_999).to_string();
            d.str("id", &id).obj("data", |x| {
                x.str("geography", "us").obj("provider", |p| {
                    p.str("account_id", &account)
                        .str("bucket", "example-openai-exports")
                        .str("external_id", &ext)
                        .str("region", "us-east-1")
                        .str(
                            "role_arn",
                            &format!("arn:aws:iam::{account}:role/openai-export"),
                        )
                        .str("type", "aws");
                });
            });
        }
        "workload_identity_provider_mapping.deleted" => {
            let (id, idp) = (f.id("wipm_", 24), f.id("wip_", 24));
            d.str("id", &id)
                .str("identity_provider_id", &idp)
                .str("project_id", &project.id)
                .str("service_account_id", svc);
        }
        other => unreachable!("no detail writer for {other}"),
    }
}

/// Creations describe the new thing under `data`, updates under `changes_requested`.
fn payload_key(kind: &str) -> &'static str {
    if kind.ends_with(".updated") {
        "changes_requested"
    } else {
        "data"
    }
}

/// One to three permission scopes.
fn scopes(f: &mut Faker) -> Vec<&'static str> {
    (0..f.range(1, 4)).map(|_| *f.pick(SCOPES)).collect()
}

/// The event types this generator can emit.
pub(crate) fn event_types() -> impl Iterator<Item = &'static str> {
    EVENTS.iter().map(|e| e.0)
}
