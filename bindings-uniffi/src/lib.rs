//! The uniffi binding (built on the core; see the repository README).
