//! The core's small host rules that the JavaScript driver needs at compile time, as
//! TypeScript constants (`src/generated/host.ts`). The generator runs while the generated
//! core may not build, so it keeps its own copy of each rule here; `tests/core_rules.rs`
//! holds every copy to the core's value.

use std::fmt::Write;

/// The core's `error::REQUEST_ID_HEADER`: the response header that carries the request id.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// `bindings-wasm/src/generated/host.ts`.
pub(crate) fn emit(header: &str) -> String {
    let mut s = String::from(header);
    s.push_str(
        "// The core's small rules the driver needs as constants (the core is the source).\n",
    );
    let _ = write!(
        s,
        "\n/** The response header that carries the request id (`requestID`, `request_id`). */\nexport const REQUEST_ID_HEADER = '{REQUEST_ID_HEADER}';\n"
    );
    s
}
