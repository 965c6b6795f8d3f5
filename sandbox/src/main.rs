//! `openai-admin-sandbox`: serves a seeded, stateful OpenAI Admin API on a local port.

use std::net::SocketAddr;

use openai_admin_sandbox::{Fault, Options, Sandbox, SeedSizes};

const USAGE: &str = "\
usage: openai-admin-sandbox [--host H] [--port P] [--admin-key KEY] [--seed N]
                            [--users N] [--projects N] [--state FILE] [--fault KIND[*N]]...

Serves a seeded OpenAI Admin API organization. Prints the base URL (ending in /v1) as its
first line of standard output, then serves until stopped.

  --host H         address to listen on (default 127.0.0.1)
  --port P         port (default 0: a free one)
  --admin-key KEY  the admin key clients must send (default: a random one, printed on stderr)
  --seed N         seed of the organization (default 1)
  --users N        organization members (default 48)
  --projects N     projects (default 8)
  --state FILE     load state from FILE if it exists; save it there after every change
  --fault K[*N]    answer the first N requests with fault K: 429, 500, reset or slow
                   (a request header `x-sandbox-fault: K[*N]` does the same at run time)";

fn fail(msg: &str) -> ! {
    eprintln!("openai-admin-sandbox: {msg}\n\n{USAGE}");
    std::process::exit(2)
}

#[tokio::main]
async fn main() {
    let mut host = "127.0.0.1".to_owned();
    let mut port = 0u16;
    let mut key = None;
    let mut opts = Options {
        admin_key: String::new(),
        seed: 1,
        sizes: SeedSizes::default(),
        state_file: None,
        faults: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .unwrap_or_else(|| fail(&format!("{name} needs a value")))
        };
        match a.as_str() {
            "--host" => host = value("--host"),
            "--port" => {
                port = value("--port")
                    .parse()
                    .unwrap_or_else(|_| fail("--port must be a number"))
            }
            "--admin-key" => key = Some(value("--admin-key")),
            "--seed" => {
                opts.seed = value("--seed")
                    .parse()
                    .unwrap_or_else(|_| fail("--seed must be a number"))
            }
            "--users" => {
                opts.sizes.org.users = value("--users")
                    .parse()
                    .unwrap_or_else(|_| fail("--users must be a number"))
            }
            "--projects" => {
                opts.sizes.org.projects = value("--projects")
                    .parse()
                    .unwrap_or_else(|_| fail("--projects must be a number"))
            }
            "--state" => opts.state_file = Some(value("--state").into()),
            "--fault" => opts
                .faults
                .push(Fault::parse(&value("--fault")).unwrap_or_else(|e| fail(&e))),
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            other => fail(&format!("unknown argument '{other}'")),
        }
    }
    opts.admin_key = match key {
        Some(k) if !k.trim().is_empty() => k,
        _ => {
            let k = format!("sk-admin-sandbox-{:016x}", rand::random::<u64>());
            eprintln!("openai-admin-sandbox: admin key {k}");
            k
        }
    };
    let addr: SocketAddr = format!("{host}:{port}")
        .parse()
        .or_else(|_| format!("[{host}]:{port}").parse())
        .unwrap_or_else(|_| fail(&format!("bad --host {host}")));
    let sandbox = match Sandbox::bind(addr, opts).await {
        Ok(s) => s,
        Err(e) => fail(&e),
    };
    println!("{}", sandbox.url());
    tokio::select! {
        () = sandbox.serve() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
}
