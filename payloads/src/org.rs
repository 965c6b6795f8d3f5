//! The seeded organization the sandbox serves: its people, its projects with their members,
//! service accounts and API keys (with a realistic last use), and the usage those keys make.
//!
//! Everything here is plain data, independent of the spec's schemas: the sandbox shapes it
//! into the API's objects. The same seed and "now" always give the same organization.

use crate::fake::Faker;
pub use crate::fake::PROJECT_NAMES;

const DAY: i64 = 86_400;

/// Names of service accounts, in the order they are handed out.
pub const SERVICE_ACCOUNT_NAMES: &[&str] = &[
    "ci-deployer",
    "nightly-evals",
    "ticket-triage",
    "batch-indexer",
    "slack-bot",
    "etl-runner",
];
/// What API keys are named after (a key is `<use>-<model>`).
pub const KEY_USES: &[&str] = &[
    "prod-backend",
    "staging",
    "notebook",
    "batch-jobs",
    "analytics",
];
/// Names of groups.
pub const GROUP_NAMES: &[&str] = &[
    "Engineering",
    "Data Science",
    "Support",
    "Finance",
    "Security",
];
/// Names of custom roles.
pub const ROLE_NAMES: &[&str] = &[
    "Billing Viewer",
    "Key Manager",
    "Usage Auditor",
    "Model Tester",
];
/// Models the organization's usage is spread over.
pub const MODELS: &[&str] = &[
    "gpt-4o",
    "gpt-4o-mini",
    "gpt-4.1",
    "o3-mini",
    "text-embedding-3-small",
];

/// The name of project `i`: the list of realistic names, then numbered.
pub fn project_name(i: usize) -> String {
    match PROJECT_NAMES.get(i) {
        Some(n) => (*n).to_owned(),
        None => format!("Project {}", i + 1),
    }
}

/// The two models project `i` mostly calls.
pub fn project_models(i: usize) -> [&'static str; 2] {
    [MODELS[i % MODELS.len()], MODELS[(i + 1) % MODELS.len()]]
}

/// A 64-bit FNV-1a hash of `parts` and `n`: stable across builds and platforms (unlike the
/// standard library's hasher), so that values derived from it stay the same for a seed.
pub fn stable_hash(parts: &[&str], n: i64) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(PRIME);
        }
    };
    for p in parts {
        eat(p.as_bytes());
        eat(&[0xff]);
    }
    eat(&n.to_le_bytes());
    h
}

/// How big the organization is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgSizes {
    /// Organization members.
    pub users: usize,
    /// Projects; the last one is archived when there are six or more.
    pub projects: usize,
    /// Members per project.
    pub project_users: usize,
    /// Members per group (groups and their members are the sandbox's; people are drawn
    /// from the organization's).
    pub group_users: usize,
    /// Service accounts per project.
    pub service_accounts: usize,
    /// API keys per project.
    pub api_keys: usize,
}

impl Default for OrgSizes {
    fn default() -> Self {
        Self {
            users: 48,
            projects: 8,
            project_users: 6,
            group_users: 12,
            service_accounts: 2,
            api_keys: 4,
        }
    }
}

/// A member of the organization.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// `user-…`
    pub id: String,
    /// Display name.
    pub name: String,
    /// Email address (unique in the organization).
    pub email: String,
    /// `owner` (the first three to join) or `reader`.
    pub role: &'static str,
    /// When they joined (Unix seconds).
    pub added_at: i64,
}

/// A person's membership of a project.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Index into [`SeededOrg::people`].
    pub person: usize,
    /// `owner` (the first member) or `member`.
    pub role: &'static str,
    /// When they were added (Unix seconds).
    pub added_at: i64,
}

/// A service account of a project.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceAccount {
    /// `svc_acct_…`
    pub id: String,
    /// One of [`SERVICE_ACCOUNT_NAMES`].
    pub name: String,
    /// `owner` (the first) or `member`.
    pub role: &'static str,
    /// Unix seconds.
    pub created_at: i64,
}

/// An API key of a project, owned by one of its members.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiKey {
    /// `key_…`
    pub id: String,
    /// `<use>-<model>`, e.g. `prod-backend-gpt-4o`.
    pub name: String,
    /// Index into the project's [`Project::members`].
    pub owner: usize,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds; about one key in six is stale (unused for 95+ days) and one in six was
    /// never used.
    pub last_used_at: Option<i64>,
    /// The model the key mostly calls.
    pub model: &'static str,
}

/// A project with everything under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    /// `proj_…`
    pub id: String,
    /// [`project_name`] of its position.
    pub name: String,
    /// Unix seconds; projects are 40 days apart, oldest first.
    pub created_at: i64,
    /// Set for the archived project.
    pub archived_at: Option<i64>,
    /// Members, the first one the project's owner.
    pub members: Vec<Member>,
    /// Service accounts, oldest first.
    pub service_accounts: Vec<ServiceAccount>,
    /// API keys, oldest first.
    pub api_keys: Vec<ApiKey>,
}

/// The whole seeded organization.
#[derive(Debug, Clone, PartialEq)]
pub struct SeededOrg {
    /// Members of the organization, by join date.
    pub people: Vec<Person>,
    /// Projects, oldest first.
    pub projects: Vec<Project>,
}

impl SeededOrg {
    /// The organization of `seed` as it stands at `now` (Unix seconds).
    pub fn new(seed: u64, now: i64, sizes: &OrgSizes) -> Self {
        let f = &mut Faker::new(seed);
        let people = people(f, now, sizes.users);
        let projects = (0..sizes.projects)
            .map(|i| project(f, now, i, sizes, &people))
            .collect();
        Self { people, projects }
    }
}

fn people(f: &mut Faker, now: i64, n: usize) -> Vec<Person> {
    let mut out: Vec<Person> = Vec::with_capacity(n);
    for i in 0..n {
        let (name, mut email) = f.person();
        // Emails are unique: a repeat gets a number.
        if out.iter().any(|p| p.email == email) {
            email = email.replacen('@', &format!("{i}@"), 1);
        }
        out.push(Person {
            id: f.id("user-", 20),
            name,
            email,
            role: if i < 3 { "owner" } else { "reader" },
            added_at: now - f.range(30 * DAY, 700 * DAY),
        });
    }
    // The owners joined first.
    out.sort_by_key(|p| (p.role != "owner", p.added_at));
    out
}

/// Uniform in `lo..hi`, or `lo` when the range is empty.
fn between(f: &mut Faker, lo: i64, hi: i64) -> i64 {
    if hi > lo { f.range(lo, hi) } else { lo }
}

fn project(f: &mut Faker, now: i64, i: usize, sizes: &OrgSizes, people: &[Person]) -> Project {
    let created_at = now - (sizes.projects - i) as i64 * 40 * DAY - f.range(0, DAY);
    let archived_at = (i + 1 == sizes.projects && sizes.projects >= 6).then_some(now - 20 * DAY);
    // Nothing happens in a project before it exists or after it is archived.
    let end = archived_at.unwrap_or(now).max(created_at + 1);
    let mut members: Vec<Member> = Vec::new();
    if !people.is_empty() {
        let start = f.range(0, people.len() as i64) as usize;
        for k in 0..sizes.project_users.min(people.len()) {
            let person = (start + k * 7) % people.len();
            if members.iter().any(|m| m.person == person) {
                continue;
            }
            let joined = created_at.max(people[person].added_at);
            members.push(Member {
                person,
                role: if k == 0 { "owner" } else { "member" },
                added_at: between(f, joined, end),
            });
        }
    }
    members.sort_by_key(|m| m.added_at);
    let mut service_accounts: Vec<ServiceAccount> = (0..sizes.service_accounts)
        .map(|k| ServiceAccount {
            id: f.id("svc_acct_", 20),
            name: (*f.pick(SERVICE_ACCOUNT_NAMES)).to_owned(),
            role: if k == 0 { "owner" } else { "member" },
            created_at: between(f, created_at, end),
        })
        .collect();
    service_accounts.sort_by_key(|s| s.created_at);
    let models = project_models(i);
    let mut api_keys: Vec<ApiKey> = (0..sizes.api_keys)
        .map(|k| {
            // Most keys are in use; about one in six is stale and one in six never used.
            let mut last_used_at = match (k + i) % 6 {
                0 | 1 => Some(end - f.range(60, 2 * DAY)),
                2 | 3 => Some(end - f.range(3 * DAY, 20 * DAY)),
                4 => Some(end - f.range(95 * DAY, 200 * DAY)),
                _ => None,
            };
            if let Some(t) = last_used_at
                && t <= created_at
            {
                // A project younger than the key's idle time: used since it began.
                last_used_at = Some(between(f, created_at + 1, end));
            }
            let created = between(f, created_at, last_used_at.unwrap_or(end));
            let model = models[k % 2];
            ApiKey {
                id: f.id("key_", 20),
                name: format!("{}-{model}", KEY_USES[k % KEY_USES.len()]),
                owner: if members.is_empty() {
                    0
                } else {
                    k % members.len()
                },
                created_at: created,
                last_used_at,
                model,
            }
        })
        .collect();
    api_keys.sort_by_key(|k| k.created_at);
    Project {
        id: f.id("proj_", 20),
        name: project_name(i),
        created_at,
        archived_at,
        members,
        service_accounts,
        api_keys,
    }
}

/// One key's daily volume of requests-worth of usage for the day holding `t0`: weekdays
/// busier, the same for the same `parts` (seed, endpoint, project, model, key, side) and day.
pub fn daily_volume(parts: &[&str], t0: i64) -> i64 {
    let h = stable_hash(parts, t0);
    let weekday = ((t0 / DAY) + 4).rem_euclid(7) < 5;
    (1_000 + (h % 40_000) as i64) * if weekday { 3 } else { 1 }
}

/// The share of a daily `volume` that usage metric `field` counts (tokens, requests, …).
pub fn metric_share(field: &str, volume: i64) -> i64 {
    match field {
        "num_model_requests" | "images" | "sessions" | "num_sessions" | "characters"
        | "seconds" | "usage_bytes" => volume / 40,
        k if k.starts_with("output") => volume / 3,
        k if k.contains("cached") || k.contains("audio") || k.contains("image") => volume / 10,
        _ => volume * 2,
    }
}

/// The cost, in whole cents, of a daily `volume` over a `scale` of a day.
pub fn cost_cents(volume: i64, scale: f64) -> f64 {
    ((volume as f64 * scale) / 50.0).round()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn stable_hash_is_fnv1a() {
        // FNV-1a over `a`, a 0xff separator and 7 as eight little-endian bytes (computed
        // independently); pinned, since seeded organizations depend on it.
        assert_eq!(stable_hash(&["a"], 7), 0x9b55_9442_bb35_812e);
        assert_ne!(stable_hash(&["a"], 1), stable_hash(&["a"], 2));
        assert_ne!(stable_hash(&["ab", "c"], 0), stable_hash(&["a", "bc"], 0));
    }

    #[test]
    fn keys_have_owners_among_members_and_a_mix_of_last_use() {
        let now = 1_800_000_000;
        let org = SeededOrg::new(1, now, &OrgSizes::default());
        let keys: Vec<&ApiKey> = org.projects.iter().flat_map(|p| &p.api_keys).collect();
        assert_eq!(keys.len(), 32);
        assert!(keys.iter().any(|k| k.last_used_at.is_none()));
        assert!(
            keys.iter()
                .any(|k| k.last_used_at.is_some_and(|t| now - t > 90 * DAY))
        );
        for p in &org.projects {
            for k in &p.api_keys {
                assert!(k.owner < p.members.len());
                assert!(k.created_at >= p.created_at);
                assert!(k.last_used_at.is_none_or(|t| k.created_at <= t));
                assert!(
                    k.last_used_at
                        .is_none_or(|t| t <= p.archived_at.unwrap_or(now))
                );
            }
            for m in &p.members {
                assert!(m.added_at >= p.created_at.max(org.people[m.person].added_at));
            }
            assert!(
                p.service_accounts
                    .iter()
                    .all(|s| s.created_at >= p.created_at)
            );
        }
        assert_eq!(
            org.projects
                .iter()
                .filter(|p| p.archived_at.is_some())
                .count(),
            1
        );
    }
}
