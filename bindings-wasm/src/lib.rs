//! The wasm binding (built on the core; see the repository README).
