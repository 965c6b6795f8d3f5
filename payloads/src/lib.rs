//! Seeded generators for the Admin API: JSON response bodies used as benchmark
//! inputs, and the seeded organization the sandbox serves ([`org`]: its people,
//! projects, members, service accounts, API keys and the usage they make, with
//! [`Faker`], the one source of fake names, emails and ids).
//!
//! Every function returns the exact bytes a server could send for one `200`
//! response, shaped after the schemas in `spec/openai-admin.openapi.yaml`. The
//! output depends only on the arguments: the same seed always gives the same
//! bytes (ChaCha8 seeded with [`rand::SeedableRng::seed_from_u64`], and JSON
//! written by hand in a fixed key order), so benchmarks in Rust, Python and JS
//! can all parse the same documents. `check_schema.py` in this crate validates
//! generated files against the spec.

mod audit;
mod fake;
mod json;
pub mod org;
mod usage;
mod users;

pub use fake::Faker;

/// A `GET /organization/audit_logs` page (`ListAuditLogsResponse`) with `n`
/// entries of mixed event types, newest first.
///
/// Each entry carries an actor (a session, or an admin key owned by a user or
/// a service account), the detail object named after its type and, for
/// project-level events, the project.
pub fn audit_logs(seed: u64, n: usize) -> Vec<u8> {
    audit::audit_logs(seed, n).into_bytes()
}

/// The audit log event types [`audit_logs`] can produce.
pub fn audit_log_event_types() -> Vec<&'static str> {
    audit::event_types().collect()
}

/// A `GET /organization/usage/completions` page (`UsageResponse`) of `buckets`
/// consecutive daily buckets holding `results_per_bucket` completions results
/// each, grouped by project, model and API key.
pub fn usage_completions(seed: u64, buckets: usize, results_per_bucket: usize) -> Vec<u8> {
    usage::completions(seed, buckets, results_per_bucket).into_bytes()
}

/// A `GET /organization/costs` page (`UsageResponse` of `CostsResult`s) of
/// `buckets` daily buckets with `results_per_bucket` results each, grouped by
/// project and line item.
pub fn costs(seed: u64, buckets: usize, results_per_bucket: usize) -> Vec<u8> {
    usage::costs(seed, buckets, results_per_bucket).into_bytes()
}

/// A `GET /organization/users` page (`UserListResponse`) of `n` users with
/// every field of `User` present.
pub fn users(seed: u64, n: usize, has_more: bool) -> Vec<u8> {
    users::UserPages::new(seed).page(n, has_more).into_bytes()
}

/// `total` users split into pages of `per_page`, as a client walking the
/// cursor would receive them: each page's `last_id` is the `after` cursor for
/// the next, and only the last page has `has_more: false`. The pages hold the
/// same users, in the same order, as `users(seed, total, false)`.
///
/// `total == 0` gives one empty page. Panics if `per_page` is zero.
pub fn users_pages(seed: u64, total: usize, per_page: usize) -> Vec<Vec<u8>> {
    assert!(per_page > 0, "per_page must be positive");
    let mut writer = users::UserPages::new(seed);
    let pages = total.div_ceil(per_page).max(1);
    (0..pages)
        .map(|k| {
            let n = per_page.min(total - k * per_page);
            writer.page(n, k + 1 < pages).into_bytes()
        })
        .collect()
}
