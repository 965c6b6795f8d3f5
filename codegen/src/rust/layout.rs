//! Where each schema of the spec's `components` lives: next to the operations that use it,
//! so a newcomer finds `Invite` in `admin/organization/invites.rs`; schemas that several
//! resources use (or none) live in `shared.rs`. `models` re-exports them all, so
//! `models::Invite` stays the path.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Api, Kind, Op, Ty};

/// The module of schemas no single resource owns.
pub(crate) const SHARED: &str = "shared";

/// The module path of every definition: its own, or the one chosen here for schemas.
pub(crate) fn modules(api: &Api) -> BTreeMap<String, Vec<String>> {
    let mut users: BTreeMap<String, BTreeSet<Vec<String>>> = BTreeMap::new();
    for op in &api.ops {
        let mut seen = BTreeSet::new();
        for ty in op_types(op) {
            reach(api, ty, &mut seen);
        }
        for name in seen {
            users.entry(name).or_default().insert(op.module.clone());
        }
    }
    let mut out = BTreeMap::new();
    for def in api.defs.values() {
        let module = match &def.module {
            Some(m) => m.clone(),
            None => users
                .get(&def.name)
                .and_then(common_resource)
                .unwrap_or_else(|| vec![SHARED.to_owned()]),
        };
        out.insert(def.name.clone(), module);
    }
    out
}

/// The types an operation mentions directly.
fn op_types(op: &Op) -> impl Iterator<Item = &Ty> {
    let params = op.params.iter().map(|p| &p.field.ty);
    params
        .chain(op.body.as_ref().map(|(t, _)| t))
        .chain([&op.output])
}

/// Adds every definition `ty` reaches to `seen`.
fn reach(api: &Api, ty: &Ty, seen: &mut BTreeSet<String>) {
    match ty {
        Ty::Vec(t) | Ty::Map(t) => reach(api, t, seen),
        Ty::Named(n) if seen.insert(n.clone()) => match api.defs.get(n).map(|d| &d.kind) {
            Some(Kind::Struct(fields)) => fields.iter().for_each(|f| reach(api, &f.ty, seen)),
            Some(Kind::Alias(t)) => reach(api, t, seen),
            Some(Kind::Union { variants, .. }) => {
                for (_, v) in variants {
                    reach(api, &Ty::Named(v.clone()), seen);
                }
            }
            Some(Kind::Enum(_)) | None => {}
        },
        _ => {}
    }
}

/// The deepest resource module all of `modules` share, if it is a resource (below
/// `admin.organization`).
fn common_resource(modules: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    let mut iter = modules.iter();
    let mut prefix = iter.next()?.clone();
    for m in iter {
        let same = prefix.iter().zip(m).take_while(|(a, b)| a == b).count();
        prefix.truncate(same);
    }
    (prefix.len() >= 3).then_some(prefix)
}
