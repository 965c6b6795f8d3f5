//! The code generator: reads `spec/openai-admin.openapi.yaml` and writes the core's
//! models, operations and contract cases. Run `cargo run -p codegen` to regenerate and
//! `cargo run -p codegen -- --check` to verify the checked-in output is current.

#![allow(missing_docs, clippy::unwrap_used)] // TODO(issue 8): the generator rewrite documents its IR and drops these unwraps

pub mod emit;
pub mod ir;
pub mod python;
pub mod typescript;
pub mod uniffi;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Generates every file from the spec's text: relative path → formatted contents.
pub fn generate(
    spec: &str,
    core_dir: &str,
    tests_dir: &str,
) -> Result<BTreeMap<String, String>, String> {
    let yaml: serde_yaml::Value = serde_yaml::from_str(spec).map_err(|e| format!("spec: {e}"))?;
    let api = ir::read(&yaml);
    let mut files = emit::files(&api, core_dir, tests_dir);
    files.extend(python::files(&api));
    files.extend(typescript::files(&api));
    files.extend(uniffi::files(&api));
    files
        .into_iter()
        .map(|(path, text)| {
            if path.ends_with(".rs") {
                rustfmt(&text)
                    .map(|t| (path.clone(), t))
                    .map_err(|e| format!("{path}: {e}"))
            } else {
                Ok((path, text))
            }
        })
        .collect()
}

/// Directories whose every file the generator owns (stale files there are removed).
pub fn owned_dirs() -> Vec<&'static str> {
    let mut dirs = vec!["core/src/generated", "core/tests/generated"];
    dirs.extend_from_slice(python::OWNED);
    dirs.extend_from_slice(typescript::OWNED);
    dirs.extend_from_slice(uniffi::OWNED);
    dirs
}

/// Formats Rust source with the workspace's rustfmt settings.
pub fn rustfmt(src: &str) -> Result<String, String> {
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rustfmt.toml");
    let mut child = Command::new("rustfmt")
        .args([
            "--edition",
            "2024",
            "--emit",
            "stdout",
            "--quiet",
            "--config-path",
        ])
        .arg(config)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run rustfmt: {e}"))?;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(src.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "rustfmt failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}
