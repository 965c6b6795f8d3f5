//! Request building, one benchmark per kind of operation: a GET with a path id, a list with
//! query arrays and a deep-object filter, and a POST with a JSON body.
//!
//! Each request is checked once before timing, so a benchmark never measures an error path.
//!
//! ```text
//! cargo bench -p openai-admin --bench build -- --warm-up-time 1 --measurement-time 3
//! ```
#![allow(clippy::unwrap_used, missing_docs)] // tests and benches may panic

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use openai_admin::de::Extra;
use openai_admin::models::{
    AuditLogEventType, InviteRequest, InviteRequestProjectsItem, InviteRequestProjectsItemRole,
    InviteRequestRole, ProjectCreateRequest, PublicProjectResidency,
};
use openai_admin::ops;
use openai_admin::{Config, HttpRequest, Operation, RequestOptions};

const BASE_URL: &str = "http://127.0.0.1:4010/v1";

fn config() -> Config {
    Config::new("sk-admin-bench").with_base_url(BASE_URL)
}

fn strings(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}_{i:04}abcdef")).collect()
}

fn users_retrieve() -> ops::UsersRetrieve {
    ops::UsersRetrieve {
        user_id: "user_abc123DEF456".to_owned(),
    }
}

fn audit_logs_list() -> ops::AuditLogsList {
    ops::AuditLogsList {
        effective_at: Some(ops::AuditLogsListEffectiveAt {
            gte: Some(1_735_689_600),
            lt: Some(1_738_368_000),
            ..Default::default()
        }),
        project_ids: Some(strings("proj", 3)),
        event_types: Some(vec![
            AuditLogEventType::ApiKeyCreated,
            AuditLogEventType::ProjectCreated,
            AuditLogEventType::InviteSent,
            AuditLogEventType::LoginFailed,
        ]),
        actor_ids: Some(strings("user", 2)),
        actor_emails: Some(vec![
            "ada@example.com".to_owned(),
            "grace+ops@example.com".to_owned(),
        ]),
        resource_ids: None,
        tenant_only: None,
        limit: Some(100),
        after: Some("audit_log-0123456789abcdef".to_owned()),
        before: None,
    }
}

fn invites_create() -> ops::InvitesCreate {
    ops::InvitesCreate {
        body: InviteRequest {
            email: "new.user@example.com".to_owned(),
            role: InviteRequestRole::Reader,
            projects: Some(
                strings("proj", 3)
                    .into_iter()
                    .map(|id| InviteRequestProjectsItem {
                        id,
                        role: InviteRequestProjectsItemRole::Member,
                        extra: Extra::new(),
                    })
                    .collect(),
            ),
            extra: Extra::new(),
        },
    }
}

fn projects_create() -> ops::ProjectsCreate {
    ops::ProjectsCreate {
        body: ProjectCreateRequest {
            name: "Benchmarks".to_owned(),
            residency: Some(Some(PublicProjectResidency::EuStorageProcessing)),
            external_key_id: None,
            geography: None,
            extra: Extra::new(),
        },
    }
}

fn check(req: &HttpRequest, method: &str, path: &str, query: Option<&str>, body: bool) {
    assert_eq!(req.method().as_str(), method);
    assert_eq!(req.uri().path(), format!("/v1{path}"));
    assert_eq!(req.uri().query(), query);
    assert_eq!(req.headers()["authorization"], "Bearer sk-admin-bench");
    assert_eq!(!req.body().is_empty(), body);
    if body {
        assert_eq!(req.headers()["content-type"], "application/json");
        serde_json::from_slice::<serde_json::Value>(req.body()).expect("the body is JSON");
    }
}

fn build(c: &mut Criterion) {
    let cfg = config();
    let opts = RequestOptions::default();

    let get = users_retrieve();
    let list = audit_logs_list();
    let invite = invites_create();
    let project = projects_create();

    check(
        &get.build(&cfg, &opts).unwrap(),
        "GET",
        "/organization/users/user_abc123DEF456",
        None,
        false,
    );
    let q = list.build(&cfg, &opts).unwrap();
    check(
        &q,
        "GET",
        "/organization/audit_logs",
        q.uri().query(),
        false,
    );
    let query = q.uri().query().expect("the list has a query");
    for want in [
        "effective_at[gte]=1735689600",
        "effective_at[lt]=1738368000",
        "project_ids[]=proj_0002abcdef",
        "event_types[]=login.failed",
        "actor_emails[]=grace%2Bops%40example.com",
        "limit=100",
    ] {
        assert!(query.contains(want), "{want:?} missing from {query:?}");
    }
    check(
        &invite.build(&cfg, &opts).unwrap(),
        "POST",
        "/organization/invites",
        None,
        true,
    );
    check(
        &project.build(&cfg, &opts).unwrap(),
        "POST",
        "/organization/projects",
        None,
        true,
    );

    let mut group = c.benchmark_group("build");
    group.bench_function("get_path_id/users_retrieve", |b| {
        b.iter(|| black_box(&get).build(black_box(&cfg), &opts).unwrap())
    });
    group.bench_function("list_query_arrays/audit_logs_list", |b| {
        b.iter(|| black_box(&list).build(black_box(&cfg), &opts).unwrap())
    });
    group.bench_function("post_json/invites_create", |b| {
        b.iter(|| black_box(&invite).build(black_box(&cfg), &opts).unwrap())
    });
    group.bench_function("post_json/projects_create", |b| {
        b.iter(|| black_box(&project).build(black_box(&cfg), &opts).unwrap())
    });
    group.finish();
}

criterion_group!(benches, build);
criterion_main!(benches);
