//! Writes the standard benchmark payloads (seed 42) into a directory:
//! `cargo run -p payloads --release -- OUT_DIR`.

use std::path::PathBuf;
use std::process::ExitCode;

const SEED: u64 = 42;

/// An output file name and the generator that fills it.
type Payload = (&'static str, fn() -> Vec<u8>);

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: payloads OUT_DIR");
        return ExitCode::from(2);
    };
    let files: [Payload; 5] = [
        ("audit_logs_10000.json", || {
            payloads::audit_logs(SEED, 10_000)
        }),
        ("usage_completions_31x300.json", || {
            payloads::usage_completions(SEED, 31, 300)
        }),
        ("costs_31x300.json", || payloads::costs(SEED, 31, 300)),
        ("users_10000.json", || payloads::users(SEED, 10_000, false)),
        ("users_100.json", || payloads::users(SEED, 100, false)),
    ];
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for (name, make) in files {
        let bytes = make();
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, &bytes) {
            eprintln!("cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("{:>10} bytes  {}", bytes.len(), path.display());
    }
    ExitCode::SUCCESS
}
