//! `fault-server [--script FILE] [--exit-on-stdin-eof]`: runs the fault server for another
//! language's tests. The first line on stdout is the base URL (`http://127.0.0.1:PORT`);
//! scripts are then sent with `POST /__faults/script` and the record read with
//! `GET /__faults/log`. It runs until killed, or with `--exit-on-stdin-eof` until its
//! standard input closes (so it ends with the test process that started it).

use std::io::Write;

use fault_server::{FaultServer, Script};
use tokio::io::AsyncReadExt;

fn usage() -> ! {
    eprintln!("usage: fault-server [--script FILE] [--exit-on-stdin-eof]");
    std::process::exit(2)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut script = Script::default();
    let mut exit_on_eof = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--script" => {
                let path = args.next().unwrap_or_else(|| usage());
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                    eprintln!("fault-server: cannot read {path}: {e}");
                    std::process::exit(2)
                });
                script = serde_json::from_str(&text).unwrap_or_else(|e| {
                    eprintln!("fault-server: bad script in {path}: {e}");
                    std::process::exit(2)
                });
            }
            "--exit-on-stdin-eof" => exit_on_eof = true,
            _ => usage(),
        }
    }
    let server = match FaultServer::start(script).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("fault-server: cannot listen on 127.0.0.1: {e}");
            std::process::exit(1)
        }
    };
    let mut out = std::io::stdout();
    let _ = writeln!(out, "{}", server.url());
    let _ = out.flush();
    if exit_on_eof {
        let mut sink = [0u8; 1024];
        let mut stdin = tokio::io::stdin();
        while matches!(stdin.read(&mut sink).await, Ok(k) if k > 0) {}
    } else {
        std::future::pending::<()>().await;
    }
    drop(server);
}
