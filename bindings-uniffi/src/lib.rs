//! Kotlin and Swift bindings of the openai-admin core, through uniffi.
//!
//! The foreign API (see `bindings-uniffi/API.md`) is an [`AdminClient`] with the resource tree
//! of the official SDKs (`client.admin().organization().projects().users()`), one async method
//! per operation with typed parameters and results, pagers over list pages, one error type
//! ([`AdminError`]) and a by-name escape hatch ([`AdminClient::call`]).
//!
//! Requests run on a Tokio runtime this library owns; the foreign side only awaits them.
//! The typed records and the methods are generated (`cargo run -p codegen`) into
//! `src/generated/`; this crate's own code turns errors, options and pages into them.

// `AdminError` is what crosses to Kotlin/Swift (serialized, field by field); boxing its
// fields would change nothing there.
#![allow(clippy::result_large_err)]

uniffi::setup_scaffolding!();

mod call;
mod client;
mod error;
mod json;
mod options;
mod pager;
mod runtime;
mod secret;

#[allow(
    missing_docs,
    clippy::large_enum_variant,
    clippy::enum_variant_names,
    clippy::too_many_arguments,
    clippy::doc_markdown,
    clippy::useless_conversion,
    clippy::redundant_closure
)]
pub mod generated;

pub use client::{AdminClient, ClientSettings};
pub use error::{AdminError, ErrorView};
pub use generated::models::*;
pub use generated::ops::*;
pub use json::{JsonValue, json_parse, json_stringify};
pub use options::{CallOptions, CancellationToken, ClientOptions};
pub use pager::PagerCore;
pub use secret::SecretValue;
