//! Small builders of Rust syntax shared by the Rust emitters: identifiers, types, docs,
//! and the type policy (which fields are boxed, clearable, defaultable).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Api, Field, Kind, Ty, type_name};

/// An identifier; `r#type` becomes a raw identifier.
pub(crate) fn ident(s: &str) -> Ident {
    match s.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(s, Span::call_site()),
    }
}

/// Doc comment lines (`///`), one attribute per line of `text`.
pub(crate) fn doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        let l = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

/// Module doc lines (`//!`).
pub(crate) fn module_doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        let l = format!(" {l}");
        quote!(#![doc = #l])
    });
    quote!(#(#lines)*)
}

/// The Rust type of `ty`.
pub(crate) fn rust_ty(ty: &Ty) -> TokenStream {
    match ty {
        Ty::Str { .. } => quote!(String),
        Ty::Int { .. } => quote!(i64),
        Ty::Num => quote!(f64),
        Ty::Bool => quote!(bool),
        Ty::Any | Ty::OneOfShapes { .. } => quote!(Value),
        Ty::Object => quote!(Map<String, Value>),
        Ty::Vec(t) => {
            let t = rust_ty(t);
            quote!(Vec<#t>)
        }
        Ty::Map(t) => {
            let t = rust_ty(t);
            quote!(std::collections::BTreeMap<String, #t>)
        }
        Ty::Named(n) => {
            let n = ident(n);
            quote!(#n)
        }
    }
}

/// The Rust type of `ty` as text, for docs.
pub(crate) fn type_text(ty: &Ty) -> String {
    match ty {
        Ty::Vec(t) => format!("Vec<{}>", type_text(t)),
        Ty::Map(t) => format!("std::collections::BTreeMap<String, {}>", type_text(t)),
        Ty::Object => "Map<String, Value>".to_owned(),
        other => rust_ty(other).to_string(),
    }
}

/// Structs with at least this many optional object fields hold them boxed.
///
/// Such a struct is a record where few of many details are set (an audit log entry carries
/// one of 55 per-event objects). Held inline, every entry would be as large as all the
/// details together: `AuditLog` would take 5.7 KB per entry for about 350 bytes of JSON.
pub const BOX_THRESHOLD: usize = 8;

/// Whether `ty` is a struct or a union (a value worth boxing).
pub(crate) fn is_struct(api: &Api, ty: &Ty) -> bool {
    match ty {
        Ty::Named(n) => matches!(api.defs[n].kind, Kind::Struct(_) | Kind::Union { .. }),
        _ => false,
    }
}

/// Whether the optional object fields of a struct with `fields` are boxed.
pub(crate) fn boxes_fields(api: &Api, fields: &[Field]) -> bool {
    let objects = fields
        .iter()
        .filter(|f| f.optional() && is_struct(api, &f.ty));
    objects.count() >= BOX_THRESHOLD
}

/// Whether the struct `name` is the JSON body of some operation.
pub(crate) fn is_request_body(api: &Api, name: &str) -> bool {
    api.ops
        .iter()
        .any(|o| matches!(&o.body, Some((Ty::Named(n), _)) if n == name))
}

/// Whether field `f` of a struct can be sent as `null`: an optional, nullable field of a
/// request body (`in_body`), where leaving it out (no change) and `null` (clear it) differ.
/// Its Rust type is `Option<Option<T>>`.
pub(crate) fn clearable(in_body: bool, f: &Field) -> bool {
    in_body && !f.required && f.nullable
}

/// The type of field `f`: `T`, `Option<T>`, or `Option<Box<T>>` in a boxing struct.
pub(crate) fn field_ty(api: &Api, boxed: bool, f: &Field) -> TokenStream {
    let t = if f.secret {
        quote!(crate::secret::Secret)
    } else {
        rust_ty(&f.ty)
    };
    match (f.optional(), boxed && is_struct(api, &f.ty)) {
        (false, _) => t,
        (true, false) => quote!(Option<#t>),
        (true, true) => quote!(Option<Box<#t>>),
    }
}

/// The type of field `f` in its struct: [`field_ty`], with one more `Option` when it is
/// [`clearable`].
pub(crate) fn slot_ty(api: &Api, in_body: bool, boxed: bool, f: &Field) -> TokenStream {
    let t = field_ty(api, boxed, f);
    if clearable(in_body, f) {
        quote!(Option<#t>)
    } else {
        t
    }
}

/// Whether a value of `ty` can be made with `Default`.
pub(crate) fn defaultable(api: &Api, ty: &Ty) -> bool {
    match ty {
        Ty::Named(n) => match &api.defs[n].kind {
            Kind::Struct(fields) => fields
                .iter()
                .all(|f| f.optional() || defaultable(api, &f.ty)),
            Kind::Alias(t) => defaultable(api, t),
            Kind::Enum(_) | Kind::Union { .. } => false,
        },
        _ => true,
    }
}

/// The variant names of a string enum's `values`, unique and never `Unknown`.
pub(crate) fn variant_names(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        let mut n = type_name(v);
        if n == "Unknown" {
            n.push_str("Value");
        }
        while out.contains(&n) {
            n.push('_');
        }
        out.push(n);
    }
    out
}

/// The fields of the struct `ty` names (through aliases), or none.
pub(crate) fn struct_fields<'a>(api: &'a Api, ty: &Ty) -> &'a [Field] {
    match ty {
        Ty::Named(n) => match &api.defs[n].kind {
            Kind::Struct(f) => f,
            Kind::Alias(t) => struct_fields(api, t),
            _ => &[],
        },
        _ => &[],
    }
}
