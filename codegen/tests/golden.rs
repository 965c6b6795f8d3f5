//! The generator's output for `tests/tiny/spec.yaml`, compared with `tests/tiny/expected/`
//! (a unified diff on mismatch), and the expected core compiled as a crate.
//! Set `UPDATE_GOLDEN=1` to rewrite the expected files after a deliberate change.
#![allow(clippy::unwrap_used, missing_docs)] // tests and benches may panic

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn tiny() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tiny")
}

fn generate() -> BTreeMap<String, String> {
    let spec = std::fs::read_to_string(tiny().join("spec.yaml")).unwrap();
    codegen::generate(&spec, "core", "core/tests").unwrap()
}

fn diff(path: &str, want: &str, got: &str) -> String {
    similar::TextDiff::from_lines(want, got)
        .unified_diff()
        .context_radius(3)
        .header(&format!("expected/{path}"), &format!("generated/{path}"))
        .to_string()
}

#[test]
fn tiny_spec_matches_golden_output() {
    let files = generate();
    let expected_dir = tiny().join("expected");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut diffs = String::new();
    for (path, text) in &files {
        let want = expected_dir.join(path);
        if update {
            std::fs::create_dir_all(want.parent().unwrap()).unwrap();
            std::fs::write(&want, text).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&want).unwrap_or_default();
        if expected != *text {
            diffs.push_str(&diff(path, &expected, text));
        }
    }
    assert!(
        diffs.is_empty(),
        "the output differs from tests/tiny/expected (UPDATE_GOLDEN=1 to accept):\n{diffs}"
    );
    assert!(files.contains_key("core/src/generated/models.rs"));
    assert!(files.contains_key("core/src/generated/admin/organization/widgets/parts.rs"));
}

#[test]
fn tiny_spec_shapes() {
    let files = generate();
    let core: String = files
        .iter()
        .filter(|(path, _)| path.starts_with("core/src/generated/"))
        .map(|(_, text)| text.as_str())
        .collect();
    let models = &core;
    // schemas live next to the operations that use them, and `models` names them all
    let widgets = &files["core/src/generated/admin/organization/widgets.rs"];
    assert!(widgets.contains("pub struct Widget {"));
    assert!(
        files["core/src/generated/models.rs"]
            .contains("widgets::{\n    Color, Gear, Spring, Widget,")
    );
    // enum values keep their wire names, with an Unknown case
    assert!(models.contains("\"dark-blue\" => Self::DarkBlue"));
    assert!(models.contains("\"1000_tokens\" => Self::V1000Tokens"));
    assert!(models.contains("Unknown(String)"));
    // union by discriminator, with the raw value for unknown variants
    assert!(models.contains("const TAG: &'static str = \"kind\";"));
    assert!(models.contains("Unknown(Value)"));
    // a keyword field and a nullable required field
    assert!(models.contains("pub r#type: Option<String>"));
    assert!(models.contains("pub name: Option<String>"));
    let widgets = &files["core/src/generated/admin/organization/widgets.rs"];
    assert!(widgets.contains("r.query(\"made_at[gte]\", &o.gte);"));
    assert!(widgets.contains("r.query(\"colors\", &self.colors);"));
    assert!(widgets.contains("const IDEMPOTENT: bool = false;"));
    let parts = &files["core/src/generated/admin/organization/widgets/parts.rs"];
    assert!(parts.contains("r.path_param(\"widget_id\", &self.widget_id)?;"));
    assert!(parts.contains("PageStyle::Single"));
}

/// Copies every file under `from` into `to`, skipping the directory `skip`.
fn copy_tree(from: &Path, to: &Path, skip: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path == skip {
            continue;
        }
        let dest = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &dest, skip);
        } else {
            std::fs::copy(&path, &dest).unwrap();
        }
    }
}

/// The expected output is a real core: the core's hand-written modules with the tiny
/// spec's generated modules beside them, checked by `cargo check` (warnings are errors).
#[test]
fn tiny_expected_core_compiles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let krate = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tiny-core");
    let _ = std::fs::remove_dir_all(&krate);
    let core_src = root.join("core/src");
    copy_tree(&core_src, &krate.join("src"), &core_src.join("generated"));
    copy_tree(
        &tiny().join("expected/core/src/generated"),
        &krate.join("src/generated"),
        Path::new(""),
    );
    std::fs::copy(root.join("core/README.md"), krate.join("README.md")).unwrap();
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    // The core's own dependencies (core/Cargo.toml), without the client feature.
    let manifest = r#"[workspace]

[package]
name = "openai-admin"
version = "0.1.0"
edition = "2024"

[features]
client = []

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = { version = "1", features = ["raw_value"] }
http = "1"
percent-encoding = "2"
httpdate = "1"
thiserror = "2"

[lints.rust]
missing_docs = "warn"
unreachable_pub = "warn"
"#;
    std::fs::write(krate.join("Cargo.toml"), manifest).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .args(["check", "--offline", "--quiet", "--lib"])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", krate.with_file_name("tiny-core-target"))
        .env("RUSTFLAGS", "-Dwarnings")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the tiny expected core does not compile:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
