// The README's examples use the async client, so its doctests need the `client` feature.
#![cfg_attr(feature = "client", doc = include_str!("../README.md"))]
#![cfg_attr(
    not(feature = "client"),
    doc = "The I/O-free core of openai-admin: requests, responses, pages and retries for every \
           Admin API operation. `README.md` (the crate docs with the `client` feature) has the guide."
)]

pub mod config;
pub mod de;
pub mod error;
pub mod host;
pub mod operation;
pub mod pagination;
pub mod params;
pub mod request;
pub mod retry;
pub mod secret;

#[cfg(feature = "client")]
pub mod client;

mod generated;

pub use config::Config;
pub use error::{ApiError, Error, StatusKind};
pub use generated::{OPERATIONS, OperationInfo, admin, dispatch, models, ops};
pub use operation::{Operation, Paginated};
pub use pagination::PageStyle;
pub use request::{HttpRequest, RequestOptions};
pub use secret::{AdminKey, Secret};
