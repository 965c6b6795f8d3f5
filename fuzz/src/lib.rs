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

/// Whether a JSON text has an object with the same key twice (at any depth). Such a body
/// reads differently depending on which occurrence a reader keeps, so the decode target
/// checks its round trip only from the first re-written form on.
pub fn has_duplicate_keys(body: &[u8]) -> bool {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use std::collections::HashSet;

    struct Dup;
    impl<'de> serde::Deserialize<'de> for Dup {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(Dup)
        }
    }
    impl<'de> Visitor<'de> for Dup {
        type Value = Dup;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("JSON")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dup, A::Error> {
            let mut seen = HashSet::new();
            while let Some(k) = map.next_key::<String>()? {
                if !seen.insert(k) {
                    return Err(serde::de::Error::custom("duplicate key"));
                }
                map.next_value::<Dup>()?;
            }
            Ok(Dup)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Dup, A::Error> {
            while seq.next_element::<Dup>()?.is_some() {}
            Ok(Dup)
        }
        fn visit_bool<E>(self, _: bool) -> Result<Dup, E> {
            Ok(Dup)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Dup, E> {
            Ok(Dup)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Dup, E> {
            Ok(Dup)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Dup, E> {
            Ok(Dup)
        }
        fn visit_str<E>(self, _: &str) -> Result<Dup, E> {
            Ok(Dup)
        }
        fn visit_unit<E>(self) -> Result<Dup, E> {
            Ok(Dup)
        }
    }
    let _ = IgnoredAny;
    serde_json::from_slice::<Dup>(body).is_err()
        && serde_json::from_slice::<IgnoredAny>(body).is_ok()
}
