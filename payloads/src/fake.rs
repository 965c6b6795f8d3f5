//! Seeded building blocks for realistic-looking values: ids, people, IPs, and a
//! small fictional organization shared by the payload generators.

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX: &[u8] = b"0123456789abcdef";

const FIRST_NAMES: &[&str] = &[
    "Ada", "Alan", "Amara", "Bruno", "Chen", "Dana", "Diego", "Elena", "Farah", "Felix", "Grace",
    "Hana", "Ines", "Ivan", "Jonas", "Kai", "Lena", "Luca", "Maya", "Mei", "Nadia", "Noah", "Omar",
    "Priya", "Quinn", "Rosa", "Sam", "Sofia", "Tariq", "Uma", "Victor", "Wen", "Yara", "Zoe",
];
const LAST_NAMES: &[&str] = &[
    "Abe", "Bauer", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen",
    "Kim", "Larsen", "Moreau", "Nakamura", "Okafor", "Patel", "Quiroga", "Rossi", "Schmidt",
    "Tanaka", "Urban", "Vargas", "Weber", "Xu", "Yilmaz", "Zhang",
];
const DOMAINS: &[&str] = &["example.com", "example.org", "corp.example.net"];
/// Project names of the fictional organization, in order.
pub const PROJECT_NAMES: &[&str] = &[
    "Default project",
    "Support Assistant",
    "Search Ranking",
    "Doc Summarizer",
    "Voice Agent",
    "Data Labeling",
    "Internal Tools",
    "Marketing Copy",
    "Code Review Bot",
    "Evals Sandbox",
    "Mobile App",
    "Research",
];

/// Number of API keys each fictional project owns.
pub(crate) const KEYS_PER_PROJECT: usize = 4;

/// A seeded source of fake values; the same seed always yields the same sequence.
#[derive(Debug)]
pub struct Faker {
    rng: ChaCha8Rng,
}

impl Faker {
    /// A source seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Faker {
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// Uniform integer in `lo..hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        self.rng.random_range(lo..hi)
    }

    /// Uniform float in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        self.rng.random::<f64>()
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    /// One of `items`, uniformly. Panics if `items` is empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        items.choose(&mut self.rng).expect("non-empty choice")
    }

    /// Index into a table of weights, chosen proportionally to the weights.
    pub(crate) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut ticket = self.rng.random_range(0..total);
        for (i, &w) in weights.iter().enumerate() {
            if ticket < w {
                return i;
            }
            ticket -= w;
        }
        unreachable!("ticket below the total weight")
    }

    fn chars(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len).map(|_| *self.pick(alphabet) as char).collect()
    }

    /// `prefix` followed by `len` random letters and digits, like OpenAI ids.
    pub fn id(&mut self, prefix: &str, len: usize) -> String {
        format!("{prefix}{}", self.chars(ALNUM, len))
    }

    /// `len` random lowercase hex digits.
    pub(crate) fn hex(&mut self, len: usize) -> String {
        self.chars(HEX, len)
    }

    /// A display name and a matching email address.
    pub fn person(&mut self) -> (String, String) {
        let first = *self.pick(FIRST_NAMES);
        let last = *self.pick(LAST_NAMES);
        let domain = *self.pick(DOMAINS);
        let tag = if self.chance(0.5) {
            String::new()
        } else {
            self.range(1, 100).to_string()
        };
        let email = format!(
            "{}.{}{tag}@{domain}",
            first.to_lowercase(),
            last.to_lowercase()
        );
        (format!("{first} {last}"), email)
    }

    /// An IP address: mostly IPv4, sometimes IPv6 from the documentation range.
    pub(crate) fn ip(&mut self) -> String {
        if self.chance(0.85) {
            let (a, b, c, d) = (
                self.range(11, 224),
                self.range(0, 256),
                self.range(0, 256),
                self.range(1, 255),
            );
            format!("{a}.{b}.{c}.{d}")
        } else {
            format!("2001:db8:{}:{}::{}", self.hex(4), self.hex(4), self.hex(3))
        }
    }
}

/// One fictional project with its API keys.
#[derive(Debug)]
pub(crate) struct Project {
    pub id: String,
    pub name: String,
    pub key_ids: Vec<String>,
}

/// A person in the fictional organization.
#[derive(Debug)]
pub(crate) struct Member {
    pub id: String,
    pub email: String,
}

/// The fictional organization the payloads talk about: its projects, keys,
/// people and service accounts, so that ids repeat the way they do in real data.
#[derive(Debug)]
pub(crate) struct Org {
    pub projects: Vec<Project>,
    pub members: Vec<Member>,
    pub service_accounts: Vec<String>,
    pub admin_key_ids: Vec<String>,
}

impl Org {
    pub(crate) fn new(f: &mut Faker) -> Self {
        let projects = PROJECT_NAMES
            .iter()
            .map(|name| Project {
                id: f.id("proj_", 24),
                name: (*name).to_string(),
                key_ids: (0..KEYS_PER_PROJECT).map(|_| f.id("key_", 16)).collect(),
            })
            .collect();
        let members = (0..40)
            .map(|_| {
                let (_, email) = f.person();
                Member {
                    id: f.id("user-", 24),
                    email,
                }
            })
            .collect();
        let service_accounts = (0..8).map(|_| f.id("svc_acct_", 24)).collect();
        let admin_key_ids = (0..3).map(|_| f.id("key_", 16)).collect();
        Org {
            projects,
            members,
            service_accounts,
            admin_key_ids,
        }
    }
}
