//! The official JS SDK's type names for the package, from each operation's `x-sdk-types.js`:
//! one file per official module under `bindings-wasm/src/resources/` (the module's response,
//! params and page types as aliases of the core's types, and its resource class under the
//! official class name), an `index.ts` per directory with the re-exports the official package
//! has, `src/generated/official.ts` with the names that are unambiguous at the package root,
//! and `src/generated/namespaces.ts` with the `Admin.Organization.…` namespaces the official
//! client class carries.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use heck::ToUpperCamelCase;

use crate::ir::{Api, Op};
use crate::typescript::{HEADER, class_name, has_params, item_ty, ts_ty};

/// One official module: where it is and what it defines.
#[derive(Default)]
struct Module {
    /// The resource (JS path without the method, e.g. `admin.organization.users`).
    resource: Vec<String>,
    /// Official type name → its definition in terms of the core's types (`T.…`, `Page<…>`).
    types: BTreeMap<String, String>,
}

/// The class name the official SDK gives a resource: `adminAPIKeys` → `AdminAPIKeys`,
/// `apiKeys` → `APIKeys` (it spells the acronym in capitals).
fn official_class(segment: &str) -> String {
    let camel = segment.to_upper_camel_case();
    match camel.strip_prefix("Api") {
        Some(rest) => format!("API{rest}"),
        None => camel.replace("ApiKeys", "APIKeys"),
    }
}

/// A name the module defines itself (not `RolesAPI.Role` or `PagePromise<…>`, which refer to
/// another module's type).
fn own_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn define(m: &mut Module, name: &str, def: String, op: &Op) -> Result<(), String> {
    if !own_name(name) {
        return Ok(());
    }
    match m.types.get(name) {
        Some(old) if *old != def => Err(format!(
            "x-sdk-types of {}: {name} is {def} here and {old} in another operation of the module",
            op.operation_id
        )),
        _ => {
            m.types.insert(name.to_owned(), def);
            Ok(())
        }
    }
}

/// The modules by path (`resources/admin/organization/users/users`).
fn modules(api: &Api) -> Result<BTreeMap<String, Module>, String> {
    let mut out: BTreeMap<String, Module> = BTreeMap::new();
    for op in &api.ops {
        let js = &op.sdk_types.js;
        if !js.module.starts_with("resources/")
            || js
                .module
                .split('/')
                .any(|s| !own_name(&s.replace('-', "_")))
        {
            return Err(format!(
                "x-sdk-types of {}: bad js module {:?}",
                op.operation_id, js.module
            ));
        }
        let mut resource: Vec<String> = op.sdk_method_js.split('.').map(str::to_owned).collect();
        resource.pop();
        let m = out.entry(js.module.clone()).or_default();
        if m.resource.is_empty() {
            m.resource.clone_from(&resource);
        } else if m.resource != resource {
            return Err(format!(
                "x-sdk-types: module {} holds two resources",
                js.module
            ));
        }
        let out_ty = ts_ty(&op.output, "T.");
        let item = item_ty(api, op);
        match (&js.page, &item) {
            (Some(page), Some(item)) => {
                if let Some(r) = &js.response {
                    define(m, r, item.clone(), op)?;
                }
                define(m, page, format!("Page<{item}, {out_ty}> & {out_ty}"), op)?;
            }
            (Some(_), None) => {
                return Err(format!(
                    "x-sdk-types of {}: a page in the official SDK, not a list here",
                    op.operation_id
                ));
            }
            // A list whose whole body the official SDK returns (usage, costs): the body's type.
            (None, _) => {
                if let Some(r) = &js.response {
                    define(m, r, out_ty, op)?;
                }
            }
        }
        if let Some(p) = &js.params {
            if !has_params(op) {
                return Err(format!(
                    "x-sdk-types of {}: params {p} in the official SDK, none here",
                    op.operation_id
                ));
            }
            define(m, p, format!("T.{}Params", op.struct_name), op)?;
        }
    }
    Ok(out)
}

/// `../` up from a file at `path` (relative to `src/`) to `src/`.
fn up(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

fn emit_module(path: &str, m: &Module) -> String {
    let up = up(path);
    let mut s = String::from(HEADER);
    let _ = writeln!(
        s,
        "// `{}`: the official JS SDK's names for its types (aliases of the core's types) and its resource class.",
        m.resource.join(".")
    );
    s.push_str("/* eslint-disable */\n\n");
    let uses_page = m.types.values().any(|d| d.starts_with("Page<"));
    if uses_page {
        let _ = writeln!(s, "import type {{ Page }} from '{up}core.js';");
    }
    if m.types.values().any(|d| d.contains("T.")) {
        let _ = writeln!(s, "import type * as T from '{up}generated/types.js';");
    }
    let class = official_class(m.resource.last().map_or("", String::as_str));
    let _ = writeln!(
        s,
        "export {{ {} as {class} }} from '{up}generated/resources.js';\n",
        class_name(&m.resource)
    );
    for (name, def) in &m.types {
        let _ = writeln!(s, "export type {name} = {def};");
    }
    s
}

/// What a directory's `index.ts` re-exports: for each resource directly under it (a module
/// `dir/x`, or `dir/x/x` for one with sub-resources), its class and its own types.
fn emit_index(dir: &str, children: &[(&String, &Module)]) -> String {
    let mut s = String::from(HEADER);
    let _ = writeln!(
        s,
        "// The resources under `{dir}`: each one's class and its own types."
    );
    s.push_str("/* eslint-disable */\n\n");
    let mut seen = BTreeSet::new();
    for (path, m) in children {
        let rel = &path[dir.len() + 1..];
        let class = official_class(m.resource.last().map_or("", String::as_str));
        let mut names = Vec::new();
        if seen.insert(class.clone()) {
            names.push(class);
        }
        for name in m.types.keys() {
            if seen.insert(name.clone()) {
                names.push(format!("type {name}"));
            }
        }
        if !names.is_empty() {
            let _ = writeln!(s, "export {{ {} }} from './{rel}.js';", names.join(", "));
        }
    }
    s
}

/// The official names that mean one type across all modules and are not already names of
/// the package root (the core's types keep theirs): name → the module it comes from.
fn root_names<'a>(api: &Api, mods: &'a BTreeMap<String, Module>) -> BTreeMap<&'a str, &'a str> {
    let mut core: BTreeSet<String> = api.defs.keys().cloned().collect();
    core.extend(api.ops.iter().map(|op| format!("{}Params", op.struct_name)));
    let mut seen: BTreeMap<&str, Option<(&str, &str)>> = BTreeMap::new();
    for (path, m) in mods {
        for (name, def) in &m.types {
            seen.entry(name)
                .and_modify(|e| {
                    if e.is_some_and(|(_, d)| d != def) {
                        *e = None;
                    }
                })
                .or_insert(Some((path.as_str(), def.as_str())));
        }
    }
    seen.into_iter()
        .filter(|(name, _)| !core.contains(*name))
        .filter_map(|(name, e)| e.map(|(path, _)| (name, path)))
        .collect()
}

/// The `Admin.Organization.…` namespaces: for a resource, its own types, then for each child
/// its types and its namespace (as the official client's merged namespaces have them).
fn emit_namespace(
    s: &mut String,
    resource: &[String],
    tree: &BTreeMap<Vec<String>, Option<(usize, &Module)>>,
    depth: usize,
) {
    let pad = "  ".repeat(depth);
    let mut seen = BTreeSet::new();
    let mut own = |s: &mut String, r: &[String]| {
        if let Some(Some((i, m))) = tree.get(r) {
            for name in m.types.keys() {
                if seen.insert(name.clone()) {
                    let _ = writeln!(s, "{pad}  export type {name} = M{i}.{name};");
                }
            }
        }
    };
    own(s, resource);
    let children: Vec<&Vec<String>> = tree
        .keys()
        .filter(|k| k.len() == resource.len() + 1 && k.starts_with(resource))
        .collect();
    for child in &children {
        own(s, child);
    }
    for child in children {
        let name = official_class(child.last().map_or("", String::as_str));
        let _ = writeln!(s, "{pad}  export namespace {name} {{");
        emit_namespace(s, child, tree, depth + 1);
        let _ = writeln!(s, "{pad}  }}");
    }
}

fn emit_root(api: &Api, mods: &BTreeMap<String, Module>) -> String {
    let mut s = String::from(HEADER);
    s.push_str("// The official JS SDK's type names that name one type across all modules and are not the\n");
    s.push_str(
        "// core's names, for the package root (the rest: from their `openai-admin/resources/…`\n",
    );
    s.push_str("// module, or as `OpenAI.Admin.…`).\n");
    s.push_str("/* eslint-disable */\n\n");
    let mut by_module: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, path) in root_names(api, mods) {
        by_module.entry(path).or_default().push(name);
    }
    for (path, names) in &by_module {
        let _ = writeln!(
            s,
            "export type {{ {} }} from '../{path}.js';",
            names.join(", ")
        );
    }
    s
}

fn emit_namespaces(mods: &BTreeMap<String, Module>) -> String {
    let mut s = String::from(HEADER);
    s.push_str("// The `Admin.Organization.…` namespaces merged into the client class, so that\n");
    s.push_str("// `OpenAI.Admin.Organization.Users.OrganizationUser` names what it names in the official SDK.\n");
    s.push_str("/* eslint-disable */\n\n");
    let mut tree: BTreeMap<Vec<String>, Option<(usize, &Module)>> = BTreeMap::new();
    for (i, (path, m)) in mods.iter().enumerate() {
        let _ = writeln!(s, "import type * as M{i} from '../{path}.js';");
        for depth in 1..m.resource.len() {
            tree.entry(m.resource[..depth].to_vec()).or_insert(None);
        }
        tree.insert(m.resource.clone(), Some((i, m)));
    }
    s.push_str("\n/** `OpenAI.Admin.…`: the official SDK's type names, by resource. */\n");
    s.push_str("export declare namespace Admin {\n");
    emit_namespace(&mut s, &["admin".to_owned()], &tree, 0);
    s.push_str("}\n");
    s
}

/// Every file: path relative to the repository root → contents.
pub fn files(api: &Api) -> Result<BTreeMap<String, String>, String> {
    let mods = modules(api)?;
    let mut out = BTreeMap::new();
    for (path, m) in &mods {
        out.insert(format!("bindings-wasm/src/{path}.ts"), emit_module(path, m));
    }
    // Directories holding resources: `dir/x` or `dir/x/x`.
    let mut dirs: BTreeMap<String, Vec<(&String, &Module)>> = BTreeMap::new();
    for (path, m) in &mods {
        let parts: Vec<&str> = path.split('/').collect();
        let n = parts.len();
        if n >= 3 && parts[n - 1] == parts[n - 2] {
            // `dir/x/x`: a child of `dir`, and the first resource of `dir/x`.
            dirs.entry(parts[..n - 2].join("/"))
                .or_default()
                .push((path, m));
        }
        dirs.entry(parts[..n - 1].join("/"))
            .or_default()
            .push((path, m));
    }
    for (dir, children) in &dirs {
        if dir == "resources" {
            continue;
        }
        if mods.contains_key(dir) {
            return Err(format!(
                "x-sdk-types: {dir} is both a module and a directory"
            ));
        }
        out.insert(
            format!("bindings-wasm/src/{dir}/index.ts"),
            emit_index(dir, children),
        );
        let (parent, name) = dir.rsplit_once('/').unwrap_or(("", dir));
        let mut s = String::from(HEADER);
        let _ = writeln!(s, "export * from './{name}/index.js';");
        if out
            .insert(format!("bindings-wasm/src/{parent}/{name}.ts"), s)
            .is_some()
        {
            return Err(format!(
                "x-sdk-types: {dir}.ts is both a module and a directory's re-export"
            ));
        }
    }
    out.insert(
        "bindings-wasm/src/generated/official.ts".to_owned(),
        emit_root(api, &mods),
    );
    out.insert(
        "bindings-wasm/src/generated/namespaces.ts".to_owned(),
        emit_namespaces(&mods),
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_spell_api_in_capitals() {
        assert_eq!(official_class("adminAPIKeys"), "AdminAPIKeys");
        assert_eq!(official_class("apiKeys"), "APIKeys");
        assert_eq!(official_class("users"), "Users");
        assert_eq!(
            official_class("workloadIdentityProviders"),
            "WorkloadIdentityProviders"
        );
    }

    #[test]
    fn names_of_other_modules_are_not_defined() {
        assert!(own_name("OrganizationUser"));
        assert!(!own_name("RolesAPI.Role"));
        assert!(!own_name("PagePromise<RolesPage, RolesAPI.Role>"));
        assert!(!own_name(""));
    }

    #[test]
    fn a_name_with_two_meanings_stays_off_the_root() {
        let module = |names: &[(&str, &str)]| Module {
            resource: vec!["admin".to_owned()],
            types: names
                .iter()
                .map(|(n, d)| ((*n).to_owned(), (*d).to_owned()))
                .collect(),
        };
        let mut mods = BTreeMap::new();
        mods.insert(
            "resources/a".to_owned(),
            module(&[
                ("UserListParams", "T.A"),
                ("Shared", "T.S"),
                ("Only", "T.O"),
            ]),
        );
        mods.insert(
            "resources/b".to_owned(),
            module(&[("UserListParams", "T.B"), ("Shared", "T.S")]),
        );
        let api = Api {
            defs: indexmap::IndexMap::new(),
            ops: Vec::new(),
        };
        let root = root_names(&api, &mods);
        assert_eq!(
            root.into_iter().collect::<Vec<_>>(),
            [("Only", "resources/a"), ("Shared", "resources/a")]
        );
    }
}
