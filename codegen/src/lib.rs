//! The code generator: reads `spec/openai-admin.openapi.yaml` and writes the core's
//! models, operations and contract cases, and the bindings' generated files. Run
//! `cargo run -p codegen` to regenerate and `cargo run -p codegen -- --check` to verify the
//! checked-in output is current (and that `spec/sdk-methods.tsv` agrees with the spec).
//!
//! The pipeline, one module each:
//! - [`spec`]: the OpenAPI document as typed serde structs;
//! - [`read`]: the spec into the [`ir`]: structs, enums, unions, aliases and operations,
//!   with every policy decided once (names, page style, idempotency, the doc sentence from
//!   [`words`]);
//! - emitters that only render: [`rust`] (the core, with `quote!`), [`python`],
//!   [`typescript`], all drawing test values from [`sample`]; [`uniffi`] (the Kotlin/Swift
//!   binding's Rust side: records, params, services, pagers, and its typed-call test);
//! - [`sdk_methods`]: the check of the SDK-name table against the spec.

pub mod ir;
pub mod python;
pub mod python_errors;
pub mod python_tree;
pub mod python_types;
pub mod read;
pub mod rust;
pub mod sample;
pub mod sdk_methods;
pub mod spec;
pub mod status_classes;
pub mod typescript;
pub mod typescript_official;
pub mod uniffi;
pub mod words;

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
    let api = read::read(&spec::Spec::parse(spec)?)?;
    let mut files = rust::files(&api, core_dir, tests_dir)?;
    files.extend(python::files(&api)?);
    files.extend(typescript::files(&api)?);
    files.extend(uniffi::files(&api)?);
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
    let mut stdin = child.stdin.take().ok_or("rustfmt has no stdin")?;
    stdin.write_all(src.as_bytes()).map_err(|e| e.to_string())?;
    drop(stdin);
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "rustfmt failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}
