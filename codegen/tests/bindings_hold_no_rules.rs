//! No hand-written file of the JavaScript or Kotlin/Swift binding holds its own copy of a
//! rule the core owns: each rule below is looked for, as a quoted literal, in every file of
//! `bindings-wasm/src` and `bindings-uniffi/src` that the generator does not write. A binding
//! takes these values from the core (through wasm, or from a file generated from it).
//!
//! A Rust file's tests are left out (they may pin the values they check). The needles are
//! built from the core's own constants, so this file holds no copy either.
#![allow(clippy::unwrap_used, missing_docs)] // tests may panic

use std::path::{Path, PathBuf};

/// The binding sources a person writes: `.rs` and `.ts` files under these directories,
/// outside the generator's directories and the wasm build's output.
const HAND_WRITTEN: &[&str] = &["bindings-wasm/src", "bindings-uniffi/src"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn hand_written_files() -> Vec<(String, String)> {
    let root = root();
    let skip: Vec<PathBuf> = codegen::owned_dirs()
        .iter()
        .map(|d| root.join(d))
        .chain([root.join("bindings-wasm/src/wasm")])
        .collect();
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = HAND_WRITTEN.iter().map(|d| root.join(d)).collect();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if skip.iter().any(|s| path.starts_with(s)) {
                continue;
            }
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs" || e == "ts") {
                let mut text = std::fs::read_to_string(&path).unwrap();
                // A Rust file's tests (its last module) may pin the values they check.
                if let Some(at) = text.find("#[cfg(test)]") {
                    text.truncate(at);
                }
                let name = path.strip_prefix(&root).unwrap().display().to_string();
                out.push((name, text));
            }
        }
    }
    assert!(out.len() > 15, "only {} files found", out.len());
    out
}

/// `value` as a string literal in Rust or TypeScript, also inside a Rust string (a name in
/// backticks is a doc comment's).
fn quoted(value: &str) -> Vec<String> {
    vec![
        format!("\"{value}\""),
        format!("'{value}'"),
        format!("\\\"{value}\\\""),
    ]
}

/// Every `(file, rule)` where a hand-written file holds one of `needles`.
fn holding(rule: &str, needles: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for (file, text) in hand_written_files() {
        for needle in needles {
            if text.contains(needle.as_str()) {
                found.push(format!("{file}: {rule} {needle}"));
            }
        }
    }
    found
}

/// Every `(file, rule)` where a hand-written file spells one of `values` as a literal.
fn copies(rule: &str, values: &[&str]) -> Vec<String> {
    let needles: Vec<String> = values.iter().flat_map(|v| quoted(v)).collect();
    holding(rule, &needles)
}

#[test]
fn the_request_id_header_is_the_cores() {
    let found = copies(
        "request id header",
        &[openai_admin::host::REQUEST_ID_HEADER],
    );
    assert!(found.is_empty(), "{found:#?}");
}

/// The level table is the core's: no binding declares the levels or their order. (The
/// driver names the level of each message it logs; only a table names the silent level.)
#[test]
fn the_log_levels_are_the_cores() {
    use openai_admin::host::LogLevel;
    let silent = LogLevel::ALL[0];
    assert!(LogLevel::ALL.iter().all(|l| !l.logs(silent)));
    let mut found = copies("the silent log level", &[silent.name()]);
    found.extend(holding(
        "a declaration of the levels",
        &["type LogLevel =".to_owned(), "LOG_LEVELS:".to_owned()],
    ));
    assert!(found.is_empty(), "{found:#?}");
}

/// The redaction marker is the core's: a binding's printed forms use `secret::REDACTED`.
/// (The JS logs' `***` is the official JS SDK's log marker, not a copy of this one.)
#[test]
fn the_redaction_marker_is_the_cores() {
    let found = holding(
        "the redaction marker",
        &[openai_admin::secret::REDACTED.to_owned()],
    );
    assert!(found.is_empty(), "{found:#?}");
}

/// The class of an error kind is the core's (`ErrorKind::base_class`, `base_class_js`): no
/// binding matches on a kind to pick a class.
#[test]
fn no_binding_maps_error_kinds_to_classes() {
    use openai_admin::host::ErrorKind::*;
    let needles: Vec<String> = [InvalidInput, Status, Decode, Connection, Timeout]
        .iter()
        .map(|k| format!("ErrorKind::{k:?} =>"))
        .collect();
    let found = holding("a class for an error kind", &needles);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_generated_constants_are_the_cores() {
    use codegen::typescript::host;
    assert_eq!(
        host::REQUEST_ID_HEADER,
        openai_admin::host::REQUEST_ID_HEADER
    );
    let core = openai_admin::host::LogLevel::ALL.map(|l| l.name());
    assert_eq!(host::LOG_LEVELS, core, "the levels and their order");
}
