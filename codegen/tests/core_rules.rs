//! The generator keeps small copies of rules the core owns, because it must run while the
//! generated core does not build. These tests hold each copy to the core, so they cannot drift.
#![allow(clippy::unwrap_used, missing_docs)] // tests may panic

use codegen::ir::PageStyle as Ir;
use codegen::status_classes::STATUS_CLASSES;
use openai_admin::PageStyle as Core;
use openai_admin::host::status_class;

/// The core's style for the generator's: exhaustive, so a style the generator adds does not
/// compile until the core has it.
fn to_core(s: Ir) -> Core {
    match s {
        Ir::AfterLastId => Core::AfterLastId,
        Ir::AfterItemId => Core::AfterItemId,
        Ir::AfterNext => Core::AfterNext,
        Ir::NextPage => Core::NextPage,
        Ir::Single => Core::Single,
        Ir::None => Core::None,
    }
}

/// The generator's style for the core's (the core's enum is `non_exhaustive`: a style only the
/// core has fails the tests below, which see every style the operations use).
fn to_ir(s: Core) -> Ir {
    match s {
        Core::AfterLastId => Ir::AfterLastId,
        Core::AfterItemId => Ir::AfterItemId,
        Core::AfterNext => Ir::AfterNext,
        Core::NextPage => Ir::NextPage,
        Core::Single => Ir::Single,
        Core::None => Ir::None,
        other => panic!("the generator has no page style for the core's {other:?}"),
    }
}

const ALL: [Ir; 6] = [
    Ir::AfterLastId,
    Ir::AfterItemId,
    Ir::AfterNext,
    Ir::NextPage,
    Ir::Single,
    Ir::None,
];

#[test]
fn page_styles_agree_with_the_core() {
    for ir in ALL {
        let core = to_core(ir);
        assert_eq!(to_ir(core), ir);
        assert_eq!(
            Ir::from_spec(core.as_str()),
            Some(ir),
            "{core:?}: spec name"
        );
        assert_eq!(ir.variant(), format!("{core:?}"), "{core:?}: variant name");
        assert_eq!(
            ir.cursor_param(),
            core.cursor_param(),
            "{core:?}: cursor param"
        );
        assert_eq!(
            ir.cursor_field(),
            core.cursor_field(),
            "{core:?}: cursor field"
        );
        assert_eq!(ir.is_list(), core != Core::None, "{core:?}: is a list");
    }
}

#[test]
fn every_style_the_core_uses_is_the_generators() {
    for op in openai_admin::OPERATIONS {
        let ir = to_ir(op.page_style);
        assert_eq!(to_core(ir), op.page_style, "{}", op.sdk_method);
    }
}

#[test]
fn the_status_class_table_is_the_cores() {
    for status in 100..=599u16 {
        let core = status_class(status);
        let ours = STATUS_CLASSES
            .iter()
            .find(|c| match c.status {
                Some(s) => s == status,
                None => status >= 500,
            })
            .map_or("APIStatusError", |c| c.name);
        assert_eq!(ours, core, "status {status}");
    }
}

#[test]
fn python_status_classes_are_the_cores() {
    // The classes the core names for error statuses, besides the catch-all base class.
    let mut core: Vec<&str> = (400..=599)
        .map(status_class)
        .filter(|c| *c != "APIStatusError")
        .collect();
    core.dedup();
    core.sort_unstable();
    core.dedup();
    // The classes `_generated/exceptions.py` declares.
    let py = codegen::python_errors::emit("");
    let mut emitted: Vec<&str> = py
        .lines()
        .filter_map(|l| l.strip_prefix("class "))
        .filter_map(|l| l.split_once('(').map(|(name, _)| name))
        .collect();
    emitted.sort_unstable();
    assert_eq!(emitted, core);
    assert!(
        py.lines()
            .filter(|l| l.starts_with("class "))
            .all(|l| l.ends_with("(APIStatusError):")),
        "{py}"
    );
}

#[test]
fn the_cores_page_fields_are_the_spec_list_objects() {
    use codegen::ir::{Kind, Ty};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = std::fs::read_to_string(root.join("spec/openai-admin.openapi.yaml")).unwrap();
    let api = codegen::read::read(&codegen::spec::Spec::parse(&text).unwrap()).unwrap();
    let mut checked = 0;
    for op in api.ops.iter().filter(|op| op.page_style.is_list()) {
        let Ty::Named(name) = &op.output else {
            panic!("{}: a list's output is a named object", op.sdk_method)
        };
        let Kind::Struct(fields) = &api.defs[name].kind else {
            panic!("{}: {name} is a struct", op.sdk_method)
        };
        let mut spec: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
        spec.retain(|w| *w != "data");
        spec.sort_unstable();
        let mut core = openai_admin::host::page_fields(to_core(op.page_style)).to_vec();
        core.sort_unstable();
        assert_eq!(core, spec, "{}: the fields of {name}", op.sdk_method);
        checked += 1;
    }
    assert!(checked > 30, "only {checked} lists checked");
}
