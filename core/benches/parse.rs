//! Typed parsing of large response pages, next to `serde_json::Value` on the same bytes.
//!
//! Inputs come from the `payloads` crate (seed 42), the same documents the Python and JS
//! benchmarks read. Before anything is timed, every typed parse is checked once: it must
//! succeed, hold the expected number of entries and decode them as known variants, so a
//! payload that no longer fits the models fails here instead of timing an error path.
//!
//! ```text
//! cargo bench -p openai-admin --bench parse -- --warm-up-time 1 --measurement-time 3
//! ```
#![allow(clippy::unwrap_used, missing_docs)] // tests and benches may panic

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use http::{HeaderMap, StatusCode};
use openai_admin::Operation;
use openai_admin::models::{
    AuditLogEventType, ListAuditLogsResponse, UsageResponse, UsageTimeBucketResultsItem,
    UserListResponse,
};
use openai_admin::ops;

const SEED: u64 = 42;

/// One benchmark input: a name, the body, and a check of the typed parse.
struct Page {
    name: &'static str,
    bytes: Vec<u8>,
    parse: fn(&[u8]),
}

fn audit_logs(body: &[u8]) {
    black_box(ops::AuditLogsList::parse(StatusCode::OK, &HeaderMap::new(), body).unwrap());
}

fn usage_completions(body: &[u8]) {
    black_box(ops::UsageCompletions::parse(StatusCode::OK, &HeaderMap::new(), body).unwrap());
}

fn costs(body: &[u8]) {
    black_box(ops::UsageCosts::parse(StatusCode::OK, &HeaderMap::new(), body).unwrap());
}

fn users(body: &[u8]) {
    black_box(ops::UsersList::parse(StatusCode::OK, &HeaderMap::new(), body).unwrap());
}

fn check_audit_logs(body: &[u8], n: usize) {
    let page: ListAuditLogsResponse =
        ops::AuditLogsList::parse(StatusCode::OK, &HeaderMap::new(), body)
            .expect("audit log page parses");
    assert_eq!(page.data.len(), n, "audit log entries");
    for e in &page.data {
        assert!(
            !matches!(e.r#type, AuditLogEventType::Unknown(_)),
            "audit log {} has an event type the models do not know: {:?}",
            e.id,
            e.r#type
        );
        assert!(
            e.extra.is_empty(),
            "audit log {} has fields the models do not know: {:?}",
            e.id,
            e.extra.keys().collect::<Vec<_>>()
        );
    }
}

fn check_usage(
    what: &str,
    page: UsageResponse,
    buckets: usize,
    per_bucket: usize,
    expected: fn(&UsageTimeBucketResultsItem) -> bool,
) {
    assert_eq!(page.data.len(), buckets, "{what} buckets");
    for b in &page.data {
        assert_eq!(b.results.len(), per_bucket, "{what} results per bucket");
        for r in &b.results {
            assert!(expected(r), "{what}: unexpected result variant {r:?}");
        }
    }
}

fn check_users(body: &[u8], n: usize) {
    let page: UserListResponse =
        ops::UsersList::parse(StatusCode::OK, &HeaderMap::new(), body).expect("users page parses");
    assert_eq!(page.data.len(), n, "users");
    assert!(
        page.data.iter().all(|u| u.extra.is_empty()),
        "unknown user fields"
    );
}

fn pages() -> Vec<Page> {
    let audit = payloads::audit_logs(SEED, 10_000);
    check_audit_logs(&audit, 10_000);

    let completions = payloads::usage_completions(SEED, 31, 300);
    check_usage(
        "usage completions",
        ops::UsageCompletions::parse(StatusCode::OK, &HeaderMap::new(), &completions)
            .expect("usage completions page parses"),
        31,
        300,
        |r| matches!(r, UsageTimeBucketResultsItem::UsageCompletionsResult(x) if x.extra.is_empty()),
    );

    let cost = payloads::costs(SEED, 31, 300);
    check_usage(
        "costs",
        ops::UsageCosts::parse(StatusCode::OK, &HeaderMap::new(), &cost)
            .expect("costs page parses"),
        31,
        300,
        |r| matches!(r, UsageTimeBucketResultsItem::CostsResult(x) if x.extra.is_empty()),
    );

    let users_10k = payloads::users(SEED, 10_000, false);
    check_users(&users_10k, 10_000);
    let users_100 = payloads::users(SEED, 100, true);
    check_users(&users_100, 100);

    vec![
        Page {
            name: "audit_logs_10000",
            bytes: audit,
            parse: audit_logs,
        },
        Page {
            name: "usage_completions_31x300",
            bytes: completions,
            parse: usage_completions,
        },
        Page {
            name: "costs_31x300",
            bytes: cost,
            parse: costs,
        },
        Page {
            name: "users_10000",
            bytes: users_10k,
            parse: users,
        },
        Page {
            name: "users_100",
            bytes: users_100,
            parse: users,
        },
    ]
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for page in pages() {
        let body = page.bytes.as_slice();
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function(format!("typed/{}", page.name), |b| {
            b.iter(|| (page.parse)(black_box(body)))
        });
        group.bench_function(format!("value/{}", page.name), |b| {
            b.iter(|| {
                black_box(serde_json::from_slice::<serde_json::Value>(black_box(body)).unwrap())
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Large pages take 5–20 ms each: 20 samples fit a few seconds of measurement.
    // `--sample-size` on the command line still wins.
    config = Criterion::default().sample_size(20);
    targets = parse
}
criterion_main!(benches);
