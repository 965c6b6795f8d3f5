//! Requests per second against a running sandbox: 64 concurrent clients listing members,
//! then 64 creating invites, for a few seconds each.
//!
//! ```sh
//! eval "$(scripts/sandbox start)"
//! cargo run --release -p openai-admin-sandbox --example load -- "$OPENAI_BASE_URL" "$OPENAI_ADMIN_KEY"
//! ```
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

const CLIENTS: usize = 64;
const SECONDS: u64 = 5;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let base = args.next().expect("usage: load BASE_URL ADMIN_KEY");
    let key = args.next().expect("usage: load BASE_URL ADMIN_KEY");
    for (label, create) in [("list members (limit 20)", false), ("create invite", true)] {
        let done = Arc::new(AtomicU64::new(0));
        let failed = Arc::new(AtomicU64::new(0));
        let stop = Instant::now() + Duration::from_secs(SECONDS);
        let mut tasks = Vec::new();
        for c in 0..CLIENTS {
            let (base, key, done, failed) =
                (base.clone(), key.clone(), done.clone(), failed.clone());
            tasks.push(tokio::spawn(async move {
                let http = reqwest::Client::new();
                let mut n = 0u64;
                while Instant::now() < stop {
                    let r = if create {
                        let email = format!("load-{c}-{n}@example.com");
                        http.post(format!("{base}/organization/invites"))
                            .json(&serde_json::json!({"email": email, "role": "reader"}))
                    } else {
                        http.get(format!("{base}/organization/users?limit=20"))
                    };
                    match r.bearer_auth(&key).send().await {
                        Ok(resp) if resp.status().is_success() => {
                            let _ = resp.bytes().await;
                            done.fetch_add(1, Ordering::Relaxed);
                        }
                        _ => {
                            failed.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    n += 1;
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let ok = done.load(Ordering::Relaxed);
        println!(
            "{label}: {:.0} requests/s with {CLIENTS} clients ({ok} in {SECONDS} s, {} failed)",
            ok as f64 / SECONDS as f64,
            failed.load(Ordering::Relaxed)
        );
    }
}
