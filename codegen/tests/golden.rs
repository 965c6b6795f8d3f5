//! The generator's output for `tests/tiny/spec.yaml`, compared with `tests/tiny/expected/`.
//! Set `UPDATE_GOLDEN=1` to rewrite the expected files after a deliberate change.
#![allow(clippy::unwrap_used, missing_docs)] // tests and benches may panic

use std::path::Path;

#[test]
fn tiny_spec_matches_golden_output() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tiny");
    let spec = std::fs::read_to_string(dir.join("spec.yaml")).unwrap();
    let files = codegen::generate(&spec, "core", "core/tests").unwrap();
    let expected_dir = dir.join("expected");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatched = Vec::new();
    for (path, text) in &files {
        let want = expected_dir.join(path);
        if update {
            std::fs::create_dir_all(want.parent().unwrap()).unwrap();
            std::fs::write(&want, text).unwrap();
        } else if std::fs::read_to_string(&want).ok().as_deref() != Some(text.as_str()) {
            mismatched.push(path.clone());
        }
    }
    assert!(
        mismatched.is_empty(),
        "differs from golden output (UPDATE_GOLDEN=1 to accept): {mismatched:?}"
    );
    assert!(files.contains_key("core/src/generated/models.rs"));
    assert!(files.contains_key("core/src/generated/admin/organization/widgets/parts.rs"));
}

#[test]
fn tiny_spec_shapes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tiny");
    let spec = std::fs::read_to_string(dir.join("spec.yaml")).unwrap();
    let files = codegen::generate(&spec, "core", "core/tests").unwrap();
    let models = &files["core/src/generated/models.rs"];
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
