#![doc = include_str!("../README.md")]

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
