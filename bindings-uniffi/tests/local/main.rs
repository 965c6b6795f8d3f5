//! The typed API against a scripted HTTP server on 127.0.0.1: pagers (several pages, a
//! cursor cycle, the page cap, usage pages), errors with their fields, bad path ids refused
//! before any request, cancellation, per-call options on the wire, and concurrent calls.
#![allow(clippy::unwrap_used, missing_docs)] // tests may panic

mod calls;
mod errors;
mod paging;
mod server;
