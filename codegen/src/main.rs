//! `cargo run -p codegen [-- --check]`: regenerate, or check the generated code is current.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const SPEC: &str = "spec/openai-admin.openapi.yaml";
const SDK_METHODS: &str = "spec/sdk-methods.tsv";
const CORE: &str = "core";
const TESTS: &str = "core/tests";

fn main() -> ExitCode {
    let check = std::env::args().any(|a| a == "--check");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let spec = match std::fs::read_to_string(root.join(SPEC)) {
        Ok(s) => s,
        Err(e) => return fail(&format!("cannot read {SPEC}: {e}")),
    };
    // The table of SDK names beside the spec must say what the spec says.
    let table = match std::fs::read_to_string(root.join(SDK_METHODS)) {
        Ok(s) => s,
        Err(e) => return fail(&format!("cannot read {SDK_METHODS}: {e}")),
    };
    let differences = match codegen::spec::Spec::parse(&spec) {
        Ok(parsed) => codegen::sdk_methods::differences(&parsed, &table),
        Err(e) => return fail(&e),
    };
    if !differences.is_empty() {
        return fail(&format!(
            "{SDK_METHODS} disagrees with {SPEC}:\n  {}",
            differences.join("\n  ")
        ));
    }
    let files = match codegen::generate(&spec, CORE, TESTS) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    let mut existing = BTreeSet::new();
    for dir in codegen::owned_dirs() {
        list(&root, &root.join(dir), &mut existing);
    }
    let mut stale = Vec::new();
    for (path, text) in &files {
        let full = root.join(path);
        if std::fs::read_to_string(&full).ok().as_deref() != Some(text.as_str()) {
            stale.push(path.clone());
            if !check {
                if let Some(dir) = full.parent() {
                    std::fs::create_dir_all(dir).expect("create directory");
                }
                std::fs::write(&full, text).expect("write generated file");
            }
        }
    }
    for path in existing.iter().filter(|p| !files.contains_key(*p)) {
        stale.push(path.clone());
        if !check {
            std::fs::remove_file(root.join(path)).expect("remove stale file");
        }
    }
    if check && !stale.is_empty() {
        eprintln!("generated code is out of date; run `cargo run -p codegen`:");
        for p in &stale {
            eprintln!("  {p}");
        }
        return ExitCode::FAILURE;
    }
    if !check {
        println!("codegen: {} files, {} changed", files.len(), stale.len());
    }
    ExitCode::SUCCESS
}

fn list(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            list(root, &p, out);
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("codegen: {msg}");
    ExitCode::FAILURE
}
