//! The API's semantics over the seeded organization, through the Rust client, one module per
//! concern: create, list, retrieve, update, delete per resource ([`resources`]); exact paging
//! and usage and cost arithmetic ([`paging_usage`]); malformed requests ([`bad_requests`]);
//! faults, state files and seeding ([`faults_state`]). One test binary, so one link.
#![allow(clippy::unwrap_used, missing_docs, unreachable_pub)]

#[path = "../common/mod.rs"]
mod common;

mod api;
mod bad_requests;
mod faults_state;
mod paging_usage;
mod resources;
