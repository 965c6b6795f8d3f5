//! No hand-written file of a binding (JavaScript, Kotlin/Swift, Python) holds its own copy of
//! a rule the core owns: each rule below is looked for, as a quoted literal, in every file of
//! `bindings-wasm/src`, `bindings-uniffi/src`, `bindings-python/src` and
//! `bindings-python/python` that the generator does not write. A binding
//! takes these values from the core (through wasm, or from a file generated from it).
//!
//! A Rust file's tests are left out (they may pin the values they check). The needles are
//! built from the core's own constants, so this file holds no copy either.
#![allow(clippy::unwrap_used, missing_docs)] // tests may panic

use std::path::{Path, PathBuf};

/// The binding sources a person writes: `.rs` and `.ts` files under these directories,
/// outside the generator's directories and the wasm build's output.
const HAND_WRITTEN: &[&str] = &[
    "bindings-wasm/src",
    "bindings-uniffi/src",
    "bindings-python/src",
    "bindings-python/python",
];

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
            } else if path
                .extension()
                .is_some_and(|e| e == "rs" || e == "ts" || e == "py" || e == "pyi")
            {
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

/// `value` as a string literal in Rust, TypeScript or Python, also inside a Rust string (a name in
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

/// The defaults and the environment's names are the core's (`host::Defaults`).
#[test]
fn the_defaults_and_environment_names_are_the_cores() {
    use openai_admin::host::Defaults;
    let found = copies(
        "a default or environment variable",
        &[
            Defaults::BASE_URL,
            Defaults::ENV_ADMIN_KEY,
            Defaults::ENV_BASE_URL,
            Defaults::ENV_ORG_ID,
            Defaults::ENV_PROJECT_ID,
            Defaults::ENV_LOG,
        ],
    );
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
    assert_eq!(error_kinds(), host::ERROR_KINDS, "the error kinds");
}

/// The core's error kinds as they cross to JavaScript. Exhaustive: a kind the core adds does
/// not compile here until it is listed, and then fails above until the generator has it.
fn error_kinds() -> Vec<String> {
    use openai_admin::host::ErrorKind::{self, *};
    let all = [InvalidInput, Status, Decode, Connection, Timeout];
    for kind in all {
        match kind {
            ErrorKind::InvalidInput
            | ErrorKind::Status
            | ErrorKind::Decode
            | ErrorKind::Connection
            | ErrorKind::Timeout => {}
        }
    }
    all.iter()
        .map(|k| {
            serde_json::to_value(k)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

/// The error kinds' wire names are the core's: the wasm record's type is the generated one.
/// Most kind names are ordinary words elsewhere (an option's `timeout`, a parameter's
/// `status`), so the test looks for the ones with an underscore, which only a copy of the
/// kinds spells, and for a declaration of the type.
#[test]
fn no_binding_declares_the_error_kinds() {
    let kinds = error_kinds();
    let odd: Vec<&str> = kinds
        .iter()
        .map(String::as_str)
        .filter(|k| k.contains('_'))
        .collect();
    assert!(!odd.is_empty());
    let mut found = copies("an error kind", &odd);
    found.extend(holding(
        "a declaration of the error kinds",
        &["type ErrorKind =".to_owned()],
    ));
    assert!(found.is_empty(), "{found:#?}");
}

/// The members of a list page that decide the next one are the core's (`PageFacts`).
#[test]
fn the_page_facts_members_are_the_cores() {
    use openai_admin::host::PageFacts;
    let found = copies(
        "a page fact's member",
        &[PageFacts::HAS_MORE, PageFacts::ITEMS, PageFacts::ITEM_ID],
    );
    assert!(found.is_empty(), "{found:#?}");
}
