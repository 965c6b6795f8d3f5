//! `cargo run -p uniffi-bindgen -- generate --library <lib> --language kotlin|swift --out-dir <dir>`:
//! the uniffi binding generator, pinned to the uniffi version the binding is built with.

fn main() {
    uniffi::uniffi_bindgen_main()
}
