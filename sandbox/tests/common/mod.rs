//! Starting a sandbox inside the test process.
#![allow(dead_code, unreachable_pub)]

use openai_admin_sandbox::{Handle, Options, Sandbox, SeedSizes};

pub const KEY: &str = "sk-admin-sandbox-test";

/// A running sandbox: its base URL and its state.
pub async fn start(seed: u64, sizes: SeedSizes) -> (String, Handle) {
    let opts = Options {
        admin_key: KEY.to_owned(),
        seed,
        sizes,
        state_file: None,
        faults: Vec::new(),
    };
    let sb = Sandbox::bind("127.0.0.1:0".parse().unwrap(), opts)
        .await
        .expect("sandbox starts");
    let url = sb.url();
    let handle = sb.handle();
    tokio::spawn(sb.serve());
    (url, handle)
}
