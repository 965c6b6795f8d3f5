//! Memory kept per create: the sandbox's resident set and the JSON size of what it stores
//! (the new item and its audit entry), over 20,000 invites created in process (no HTTP).
//! Linux only (reads `/proc/self/statm`).
//!
//! ```sh
//! cargo run --release -p openai-admin-sandbox --example memory
//! ```
#![allow(clippy::unwrap_used, clippy::print_stdout)]

use openai_admin_sandbox::{SeedSizes, State};

const CREATES: usize = 20_000;
const WARM_UP: usize = 1_000;
const KEY: &str = "sk-admin-memory";

/// Resident set size in bytes.
fn rss() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("Linux /proc/self/statm");
    let pages: usize = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4096
}

fn create(s: &mut State, n: usize) {
    let body = format!(r#"{{"email": "memory-{n}@example.com", "role": "reader"}}"#);
    let auth = format!("Bearer {KEY}");
    let r = s.handle(
        "POST",
        "/organization/invites",
        "",
        Some(&auth),
        body.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
}

fn main() {
    let mut s = State::new(7, KEY, &SeedSizes::default(), 1_800_000_000).unwrap();
    // The first creates grow the collections' vectors and the allocator's arenas.
    for n in 0..WARM_UP {
        create(&mut s, n);
    }
    let before = rss();
    for n in WARM_UP..WARM_UP + CREATES {
        create(&mut s, n);
    }
    let after = rss();
    let json = |path: &str| -> usize {
        let items = s.items(path);
        let last = &items[items.len() - CREATES..];
        last.iter()
            .map(|v| serde_json::to_vec(v).unwrap().len())
            .sum()
    };
    let invites = json("/organization/invites");
    // The audit log is newest first.
    let audit: usize = s.audit_log()[..CREATES]
        .iter()
        .map(|v| serde_json::to_vec(v).unwrap().len())
        .sum();
    println!(
        "{CREATES} creates: resident set +{:.1} MiB, {:.0} bytes per create",
        (after - before) as f64 / (1 << 20) as f64,
        (after - before) as f64 / CREATES as f64
    );
    println!(
        "stored as JSON: invite {:.0} bytes, audit entry {:.0} bytes per create",
        invites as f64 / CREATES as f64,
        audit as f64 / CREATES as f64
    );
}
