pub mod models {}
pub mod ops {}
