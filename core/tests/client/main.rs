//! The async client against a scripted HTTP/1.1 server on 127.0.0.1.
#![allow(clippy::unwrap_used, missing_docs)] // tests may panic

mod paging;
mod requests;
mod retries;
mod streaming;
mod support;
