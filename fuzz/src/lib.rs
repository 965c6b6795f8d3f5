//! What the fuzz targets share: how input bytes choose an operation, a status and a page
//! style, and the seed inputs each target writes into its corpus (from the shared vectors in
//! `tests/vectors/` and the payloads generators) when `OPENAI_ADMIN_FUZZ_SEED` names a
//! directory.

pub mod seeds;

use openai_admin::{OPERATIONS, OperationInfo};

/// The statuses a decode input can pick (by its second byte): successes, API errors,
/// a redirect and an unknown code.
pub const STATUSES: [u16; 14] = [
    200, 201, 204, 400, 401, 403, 404, 409, 422, 429, 500, 503, 302, 418,
];

/// The operation a byte picks.
pub fn operation(b: u8) -> &'static OperationInfo {
    &OPERATIONS[b as usize % OPERATIONS.len()]
}

/// The byte that picks `sdk_method`.
pub fn operation_byte(sdk_method: &str) -> Option<u8> {
    OPERATIONS
        .iter()
        .position(|o| o.sdk_method == sdk_method)
        .and_then(|i| u8::try_from(i).ok())
}

/// The byte that picks `status` from [`STATUSES`].
pub fn status_byte(status: u16) -> u8 {
    STATUSES.iter().position(|s| *s == status).unwrap_or(0) as u8
}

/// Page styles, picked by a byte.
pub const STYLES: [openai_admin::PageStyle; 6] = [
    openai_admin::PageStyle::AfterLastId,
    openai_admin::PageStyle::AfterItemId,
    openai_admin::PageStyle::AfterNext,
    openai_admin::PageStyle::NextPage,
    openai_admin::PageStyle::Single,
    openai_admin::PageStyle::None,
];
