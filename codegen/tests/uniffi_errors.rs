//! The table of the uniffi binding's error cases (`codegen/src/uniffi/errors.rs`): the Rust
//! enum, the Kotlin `when` and the Swift `switch` it writes list the same cases and fields,
//! and every class the core's error description can name has a case.
#![allow(clippy::unwrap_used, missing_docs)] // tests may panic

use codegen::uniffi::errors::{
    CATCH_ALL, FIELDS, cases, emit_kotlin, emit_rust, emit_swift, variant,
};
use heck::ToLowerCamelCase;
use openai_admin::Error;
use openai_admin::host::{describe, status_class};

/// The names that follow each `before` in `text`, up to `after`.
fn listed<'a>(text: &'a str, before: &str, after: char) -> Vec<&'a str> {
    text.split(before)
        .skip(1)
        .filter_map(|rest| rest.split_once(after).map(|(name, _)| name))
        .collect()
}

fn rust() -> String {
    codegen::rustfmt(&emit_rust().unwrap()).unwrap()
}

#[test]
fn variants_follow_the_class_names() {
    assert_eq!(variant("NotFoundError"), "NotFound");
    assert_eq!(
        variant("APIResponseValidationError"),
        "ApiResponseValidation"
    );
    assert_eq!(variant("InvalidInputError"), "InvalidInput");
    let all = cases();
    let mut seen: Vec<String> = all.iter().map(|c| variant(c.class)).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), all.len(), "two classes give one variant");
    assert!(all.iter().any(|c| c.class == CATCH_ALL));
}

/// The Rust enum, the Kotlin `when` and the Swift `switch` list the same cases, in order.
#[test]
fn every_language_lists_every_case() {
    let want: Vec<String> = cases().iter().map(|c| variant(c.class)).collect();
    let rust = rust();
    let body = rust
        .split_once("pub enum AdminError {")
        .unwrap()
        .1
        .split_once("\n}\n")
        .unwrap()
        .0;
    let rust_cases: Vec<&str> = body
        .lines()
        .filter_map(|l| l.strip_prefix("    ")?.strip_suffix(" {"))
        .collect();
    assert_eq!(rust_cases, want);
    assert_eq!(listed(&emit_kotlin(), "is AdminException.", ' '), want);
    assert_eq!(listed(&emit_swift(), " let .", '('), want);
}

/// Kotlin and Swift read every field the Rust variants declare.
#[test]
fn every_language_reads_every_field() {
    let rust = rust();
    let fields = rust
        .split_once("pub(crate) struct Fields {")
        .unwrap()
        .1
        .split_once('}')
        .unwrap()
        .0;
    let names: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
    assert_eq!(listed(fields, "pub(crate) ", ':'), names);
    let (kotlin, swift) = (emit_kotlin(), emit_swift());
    for f in FIELDS {
        let n = f.name.to_lower_camel_case();
        let k = format!("val AdminException.{n}: {} get()", f.ty.kotlin());
        assert!(kotlin.contains(&k), "Kotlin lacks {k}");
        let s = format!("public var {n}: {} {{", f.ty.swift());
        assert!(swift.contains(&s), "Swift lacks {s}");
    }
}

/// Every class the core's error description names has a case of its own: the class of each
/// status (`describe` takes it from `status_class`) and of each other kind of error.
#[test]
fn every_class_the_core_names_has_a_case() {
    let others = [
        Error::Timeout,
        Error::Connection {
            message: "refused".into(),
        },
        Error::Decode {
            message: "bad".into(),
            request_id: None,
        },
        Error::invalid("user_id", "must not be empty"),
    ];
    let classes = (100..=599)
        .map(status_class)
        .chain(others.iter().map(|e| describe(e).class));
    let all = cases();
    for class in classes {
        assert!(all.iter().any(|c| c.class == class), "{class} has no case");
    }
}
