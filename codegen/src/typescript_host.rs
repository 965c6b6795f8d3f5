//! The core's small host rules that the JavaScript driver needs at compile time, as
//! TypeScript constants (`src/generated/host.ts`). The generator runs while the generated
//! core may not build, so it keeps its own copy of each rule here; `tests/core_rules.rs`
//! holds every copy to the core's value.

use std::fmt::Write;

/// The core's `error::REQUEST_ID_HEADER`: the response header that carries the request id.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The core's `host::LogLevel::ALL` by name, quietest first (the first logs nothing).
pub const LOG_LEVELS: [&str; 5] = ["off", "error", "warn", "info", "debug"];

/// The core's `host::ErrorKind` values as they cross to JavaScript (their serde names).
pub const ERROR_KINDS: [&str; 5] = ["invalid_input", "status", "decode", "connection", "timeout"];

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
    let kinds: Vec<String> = ERROR_KINDS.iter().map(|k| format!("'{k}'")).collect();
    let _ = write!(
        s,
        "\n/** What kind of failure an error is (the core's error record's `kind`). */\nexport type ErrorKind = {};\n",
        kinds.join(" | ")
    );
    let quoted: Vec<String> = LOG_LEVELS.iter().map(|l| format!("'{l}'")).collect();
    let _ = write!(
        s,
        "\n/** How much a client logs (`logLevel`, `OPENAI_LOG`): a client logs the messages of its level and of every quieter one. */\nexport type LogLevel = {};\n",
        quoted.join(" | ")
    );
    let _ = write!(
        s,
        "\n/** The levels a message can have: every level but the first, which logs nothing. */\nexport type MessageLevel = Exclude<LogLevel, {}>;\n",
        quoted[0]
    );
    let _ = write!(
        s,
        "\n/** Every level, quietest first. */\nexport const LOG_LEVELS: readonly LogLevel[] = [{}];\n",
        quoted.join(", ")
    );
    s
}
