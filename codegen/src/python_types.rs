//! The official SDK's type names for the Python package, from each operation's
//! `x-sdk-types.python`: a module per `openai.types…` path under `openai_admin/types/…`
//! exporting the operation's result type (the item type for lists) and its params as a
//! `TypedDict`, and `openai_admin/pagination.py` naming the page classes as the official
//! `openai.pagination` does (every name an alias of `SyncPage` or `AsyncPage`, which page
//! through the core whatever the style).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::ir::{Api, Op};
use crate::python::{PY_HEADER, py_ty};
use crate::python_tree::args;

/// The package directory the type modules go to.
pub const TYPES: &str = "bindings-python/python/openai_admin/types";

/// One module's names: official name → its definition (an alias, or a `TypedDict` class).
type Module = BTreeMap<String, String>;

/// `openai.types.admin.organization` → `admin/organization`.
fn dir_of(module: &str) -> Result<String, String> {
    let rest = module
        .strip_prefix("openai.types.")
        .ok_or_else(|| format!("x-sdk-types.python.module {module:?} is not under openai.types"))?;
    Ok(rest.replace('.', "/"))
}

fn add(m: &mut Module, name: &str, def: String, op: &Op) -> Result<(), String> {
    match m.get(name) {
        Some(old) if *old != def => Err(format!(
            "{}: x-sdk-types.python names {name} twice in one module, differently",
            op.operation_id
        )),
        _ => {
            m.insert(name.to_owned(), def);
            Ok(())
        }
    }
}

fn params_class(api: &Api, op: &Op, name: &str) -> String {
    let mut s = format!("class {name}(_t.TypedDict, total=False):\n");
    let fields: Vec<String> = args(api, op)
        .iter()
        .filter(|a| !a.positional)
        .map(|a| {
            let t = py_ty(api, &a.ty, true, "_m.");
            match a.required {
                true => format!("    {}: Required[{t}]\n", a.py),
                false => format!("    {}: {t}\n", a.py),
            }
        })
        .collect();
    match fields.is_empty() {
        true => s.push_str("    pass\n"),
        false => s.push_str(&fields.concat()),
    }
    s
}

/// Every type module (path → contents), the `types` package's own `__init__.py` included,
/// and `openai_admin/pagination.py`.
pub fn files(api: &Api) -> Result<BTreeMap<String, String>, String> {
    let mut modules: BTreeMap<String, Module> = BTreeMap::new();
    let mut pages = BTreeSet::new();
    for op in &api.ops {
        let names = &op.sdk_types.python;
        let module = modules.entry(dir_of(&names.module)?).or_default();
        if let Some(resp) = &names.response {
            let ty = api.page_item(op).unwrap_or(&op.output);
            add(
                module,
                resp,
                format!("{resp} = {}\n", py_ty(api, ty, false, "_m.")),
                op,
            )?;
        }
        if let Some(params) = &names.params {
            let dir = dir_of(names.params_module.as_deref().unwrap_or(&names.module))?;
            let def = params_class(api, op, params);
            add(modules.entry(dir).or_default(), params, def, op)?;
        }
        pages.extend(names.page.iter().cloned());
    }
    // Every package on the way down needs an `__init__.py`.
    for dir in modules.keys().cloned().collect::<Vec<_>>() {
        let mut parts: Vec<&str> = dir.split('/').collect();
        while parts.pop().is_some() && !parts.is_empty() {
            modules.entry(parts.join("/")).or_default();
        }
    }
    let mut out = BTreeMap::new();
    out.insert(
        format!("{TYPES}/__init__.py"),
        format!(
            "{PY_HEADER}\"\"\"The Admin API's model types under the spec's names (see the stubs for their\nfields); the official SDK's names are in the modules below.\"\"\"\n\nfrom .._generated.types import *  # noqa: F403\n"
        ),
    );
    for (dir, names) in &modules {
        let up = ".".repeat(dir.split('/').count() + 2);
        let mut s = format!(
            "{PY_HEADER}\"\"\"`openai.types.{}` under its official names.\"\"\"\n\n",
            dir.replace('/', ".")
        );
        if !names.is_empty() {
            s.push_str(
                "# ruff: noqa: E501\nfrom __future__ import annotations\n\nimport typing as _t\n\n",
            );
            let _ = writeln!(s, "from {up}_generated import types as _m\n");
            s.push_str("TYPE_CHECKING = False\nif TYPE_CHECKING:\n    from typing_extensions import Required\n\n");
            let all: Vec<String> = names.keys().map(|n| format!("{n:?}")).collect();
            let _ = writeln!(s, "__all__ = [{}]\n", all.join(", "));
            for def in names.values() {
                let _ = writeln!(s, "{def}");
            }
        }
        out.insert(
            format!("{TYPES}/{dir}/__init__.py"),
            s.trim_end().to_owned() + "\n",
        );
    }
    let mut s = format!(
        "{PY_HEADER}\"\"\"The page classes under the official SDK's names.\"\"\"\n\nfrom ._base_client import AsyncPage, SyncPage\n\n__all__ = [\n"
    );
    let names: Vec<(String, String)> = pages
        .iter()
        .flat_map(|p| {
            [
                (p.clone(), "SyncPage"),
                (p.replacen("Sync", "Async", 1), "AsyncPage"),
            ]
        })
        .map(|(n, base)| (n, base.to_owned()))
        .filter(|(n, _)| n != "SyncPage" && n != "AsyncPage")
        .collect();
    for (n, _) in &names {
        let _ = writeln!(s, "    {n:?},");
    }
    s.push_str("    \"SyncPage\",\n    \"AsyncPage\",\n]\n\n");
    for (n, base) in &names {
        let _ = writeln!(s, "{n} = {base}");
    }
    out.insert(
        "bindings-python/python/openai_admin/pagination.py".to_owned(),
        s,
    );
    Ok(out)
}
