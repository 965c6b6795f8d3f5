//! The python binding (built on the core; see the repository README).
