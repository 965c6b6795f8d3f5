//! Generated files for the Python package (type stubs and method tables).

use std::collections::BTreeMap;

use crate::ir::Api;

/// Directories this module's output owns.
pub const OWNED: &[&str] = &[];

/// Every file for the Python package (type stubs and method tables): path relative to the repository root → contents.
pub fn files(_api: &Api) -> BTreeMap<String, String> {
    BTreeMap::new()
}
