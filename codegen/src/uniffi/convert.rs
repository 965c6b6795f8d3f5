//! Conversions between the core's types and the uniffi records, both ways.

use super::{core_path, label, u_name, u_ty};
use crate::ir::{Api, Field, Kind, Ty};
use crate::rust::syntax::is_struct;

pub(super) fn is_identity(api: &Api, ty: &Ty) -> bool {
    match ty {
        Ty::Str { .. } | Ty::Int { .. } | Ty::Num | Ty::Bool => true,
        Ty::Vec(t) => is_identity(api, t),
        Ty::Named(n) => match &api.defs[n].kind {
            Kind::Alias(t) => is_identity(api, t),
            _ => false,
        },
        _ => false,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Dir {
    /// Core → uniffi.
    Out,
    /// Uniffi → core.
    In,
}

/// An expression converting `e` (a value of `ty`) in direction `d`.
pub(super) fn conv(api: &Api, ty: &Ty, e: &str, d: Dir) -> String {
    if is_identity(api, ty) {
        return e.to_owned();
    }
    match (ty, d) {
        (Ty::Any | Ty::OneOfShapes { .. }, Dir::Out) => format!("JsonValue::from({e})"),
        (Ty::Any | Ty::OneOfShapes { .. }, Dir::In) => format!("Value::from({e})"),
        (Ty::Object, Dir::Out) => format!("object_out({e})"),
        (Ty::Object, Dir::In) => format!("object_in({e})"),
        (Ty::Vec(t), _) => format!(
            "{e}.into_iter().map(|x| {}).collect::<Vec<_>>()",
            conv(api, t, "x", d)
        ),
        (Ty::Map(t), Dir::Out) => format!(
            "{e}.into_iter().map(|(k, x)| (k, {})).collect::<HashMap<_, _>>()",
            conv(api, t, "x", d)
        ),
        (Ty::Map(t), Dir::In) => format!(
            "{e}.into_iter().map(|(k, x)| (k, {})).collect::<BTreeMap<_, _>>()",
            conv(api, t, "x", d)
        ),
        (Ty::Named(n), _) => match &api.defs[n].kind {
            Kind::Alias(t) => conv(api, t, e, d),
            _ if d == Dir::Out => format!("{}::from({e})", u_name(n)),
            _ => format!("{}::from({e})", core_path(api, n)),
        },
        _ => e.to_owned(),
    }
}

/// The uniffi type of a struct field (or a parameter).
pub(super) fn u_field_ty(api: &Api, f: &Field, clear: bool) -> String {
    if f.secret {
        let t = "std::sync::Arc<crate::secret::SecretValue>";
        return if f.optional() {
            format!("Option<{t}>")
        } else {
            t.to_owned()
        };
    }
    if clear {
        format!("Option<Clearable{}>", label(api, &f.ty))
    } else if f.optional() {
        format!("Option<{}>", u_ty(api, &f.ty))
    } else {
        u_ty(api, &f.ty)
    }
}

/// Converts a field value `e` of a struct whose optional object fields are `boxed`.
pub(super) fn field_conv(
    api: &Api,
    f: &Field,
    clear: bool,
    boxed: bool,
    e: &str,
    d: Dir,
) -> String {
    let boxed = boxed && f.optional() && is_struct(api, &f.ty);
    // The conversion of one present value `x`.
    let one = |x: &str| -> String {
        if f.secret {
            return match d {
                Dir::Out => format!("crate::secret::SecretValue::new({x})"),
                Dir::In => format!("{x}.secret()"),
            };
        }
        match (boxed, d) {
            (true, Dir::Out) => conv(api, &f.ty, &format!("*{x}"), d),
            (true, Dir::In) => format!("Box::new({})", conv(api, &f.ty, x, d)),
            (false, _) => conv(api, &f.ty, x, d),
        }
    };
    if clear {
        let c = format!("Clearable{}", label(api, &f.ty));
        return match d {
            Dir::Out => format!(
                "{e}.map(|x| match x {{ Some(x) => {c}::Set({}), None => {c}::Null }})",
                one("x")
            ),
            Dir::In => format!(
                "{e}.map(|x| match x {{ {c}::Set(x) => Some({}), {c}::Null => None }})",
                one("x")
            ),
        };
    }
    if !f.optional() {
        return one(e);
    }
    let inner = one("x");
    if inner == "x" {
        e.to_owned()
    } else {
        format!("{e}.map(|x| {inner})")
    }
}
