//! One operation's typed arguments: its first argument, its params record (path and query
//! parameters and the body's fields, spread), and the code building the core operation.

use std::fmt::Write;

use heck::ToSnakeCase;

use super::convert::{Dir, conv, field_conv, u_field_ty};
use super::{core_path, u_ty};
use crate::ir::{Api, Field, Kind, Location, Op, Ty};
use crate::rust::syntax::{boxes_fields, clearable, is_request_body};

/// The path parameters of `op` in the order of its path.
pub(super) fn path_order(op: &Op) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let end = rest[start..]
            .find('}')
            .map(|e| e + start)
            .unwrap_or(rest.len());
        out.push(rest[start + 1..end].to_owned());
        rest = &rest[(end + 1).min(rest.len())..];
    }
    out
}

/// One field of a params record: where it goes in the core operation.
pub(super) struct PField<'a> {
    pub(super) ident: String,
    pub(super) field: &'a Field,
    /// `true`: a body field; `false`: a path or query parameter.
    pub(super) in_body: bool,
    pub(super) clear: bool,
}

pub(super) struct OpShape<'a> {
    pub(super) op: &'a Op,
    /// The first argument: the last path parameter.
    pub(super) own: Option<&'a Field>,
    pub(super) fields: Vec<PField<'a>>,
    /// The body struct, when its fields are spread into the params record.
    pub(super) body_struct: Option<(&'a str, &'a [Field])>,
    /// The body as one `body` field (not an object with fields).
    pub(super) body_whole: bool,
    pub(super) params_name: String,
}

impl<'a> OpShape<'a> {
    pub(super) fn new(api: &'a Api, op: &'a Op) -> Self {
        let order = path_order(op);
        let own_wire = order.last();
        let own = op
            .params
            .iter()
            .find(|p| Some(&p.field.wire) == own_wire)
            .map(|p| &p.field);
        let mut fields: Vec<PField<'a>> = Vec::new();
        for p in &op.params {
            if Some(&p.field.wire) == own_wire && p.location == Location::Path {
                continue;
            }
            fields.push(PField {
                ident: p.field.ident.clone(),
                field: &p.field,
                in_body: false,
                clear: false,
            });
        }
        let mut body_struct = None;
        let mut body_whole = false;
        if let Some((ty, _)) = &op.body {
            match ty {
                Ty::Named(n) if matches!(api.defs[n].kind, Kind::Struct(_)) => {
                    let Kind::Struct(fs) = &api.defs[n].kind else {
                        unreachable!()
                    };
                    body_struct = Some((n.as_str(), fs.as_slice()));
                    let in_body = is_request_body(api, n);
                    for f in fs {
                        let mut ident = f.ident.clone();
                        while fields.iter().any(|x| x.ident == ident)
                            || own.is_some_and(|o| o.ident == ident)
                        {
                            ident.push_str("_body");
                        }
                        fields.push(PField {
                            ident,
                            field: f,
                            in_body: true,
                            clear: clearable(in_body, f),
                        });
                    }
                }
                _ => body_whole = true,
            }
        }
        Self {
            op,
            own,
            fields,
            body_struct,
            body_whole,
            params_name: format!("{}Params", op.struct_name),
        }
    }

    /// The service method's name: the last part of the official JS SDK's name, in snake case
    /// (`self` is a Rust keyword, so `self_`).
    pub(super) fn method(&self) -> String {
        let verb = self
            .op
            .sdk_method_js
            .rsplit('.')
            .next()
            .unwrap_or_default()
            .to_snake_case();
        if verb == "self" { "self_".into() } else { verb }
    }

    /// The type of a whole `body` field and whether it must be given (`Any` and not when the
    /// operation has no body).
    pub(super) fn whole_body(&self) -> (&'a Ty, bool) {
        self.op
            .body
            .as_ref()
            .map(|(t, r)| (t, *r))
            .unwrap_or((&Ty::Any, false))
    }

    pub(super) fn body_required(&self) -> bool {
        self.op.body.as_ref().is_some_and(|(_, r)| *r)
    }

    /// Whether a params field must be given: required, and not inside an optional body.
    pub(super) fn field_required(&self, f: &PField<'_>) -> bool {
        !f.field.optional() && (!f.in_body || self.body_required())
    }

    pub(super) fn has_params(&self) -> bool {
        !self.fields.is_empty() || self.body_whole
    }

    pub(super) fn params_default(&self) -> bool {
        self.fields.iter().all(|f| !self.field_required(f))
            && (!self.body_whole || !self.body_required())
    }

    pub(super) fn pf_ty(&self, api: &Api, f: &PField<'_>) -> String {
        if f.clear {
            u_field_ty(api, f.field, true)
        } else if self.field_required(f) {
            u_ty(api, &f.field.ty)
        } else {
            format!("Option<{}>", u_ty(api, &f.field.ty))
        }
    }
}

pub(super) fn emit_params(api: &Api, sh: &OpShape<'_>) -> String {
    let mut s = String::new();
    if !sh.has_params() {
        return s;
    }
    let op = sh.op;
    let _ = writeln!(
        s,
        "/// The parameters of `{}` besides its first argument.",
        op.sdk_method_js
    );
    let default = if sh.params_default() { ", Default" } else { "" };
    let _ = writeln!(
        s,
        "#[derive(Debug, Clone, PartialEq{default}, uniffi::Record)]"
    );
    let _ = writeln!(s, "pub struct {} {{", sh.params_name);
    for f in &sh.fields {
        let place = if f.in_body {
            "Body field"
        } else if f.field.required && !f.field.optional() {
            "Parameter"
        } else {
            "Optional parameter"
        };
        let _ = writeln!(s, "    /// {place} `{}`.", f.field.wire);
        if !sh.field_required(f) {
            s.push_str("    #[uniffi(default)]\n");
        }
        let _ = writeln!(s, "    pub {}: {},", f.ident, sh.pf_ty(api, f));
    }
    if sh.body_whole {
        let (ty, req) = sh.whole_body();
        if req {
            let _ = writeln!(
                s,
                "    /// The JSON body.\n    pub body: {},",
                u_ty(api, ty)
            );
        } else {
            let _ = writeln!(
                s,
                "    /// The JSON body, when one is sent.\n    #[uniffi(default)]\n    pub body: Option<{}>,",
                u_ty(api, ty)
            );
        }
    }
    s.push_str("}\n\n");
    s
}

/// The expression building the core operation, from `own` (the first argument) and `p`.
pub(super) fn emit_into_op(api: &Api, sh: &OpShape<'_>) -> String {
    let op = sh.op;
    let mut s = String::new();
    let p_arg = if sh.has_params() { "p" } else { "_p" };
    let p_ty = if sh.has_params() {
        sh.params_name.clone()
    } else {
        "()".into()
    };
    let own_arg = sh
        .own
        .map(|o| format!("{}: String, ", o.ident))
        .unwrap_or_default();
    let _ = writeln!(
        s,
        "/// The core operation for the typed arguments (public for tests).\n#[doc(hidden)]\npub fn {}_op({own_arg}{p_arg}: {p_ty}) -> Result<co::{}, AdminError> {{",
        op.struct_name.to_snake_case(),
        op.struct_name
    );
    let mut parts = Vec::new();
    if let Some(o) = sh.own {
        parts.push(format!("{0}: {0}", o.ident));
    }
    for f in sh.fields.iter().filter(|f| !f.in_body) {
        let e = format!("p.{}", f.ident);
        parts.push(format!(
            "{}: {}",
            f.field.ident,
            field_conv(api, f.field, false, false, &e, Dir::In)
        ));
    }
    if let Some((name, fs)) = sh.body_struct {
        let boxed = boxes_fields(api, fs);
        let core = core_path(api, name);
        let mut b = format!("{core} {{ ");
        for f in sh.fields.iter().filter(|f| f.in_body) {
            let e = format!("p.{}", f.ident);
            let v = if sh.body_required() || f.field.optional() {
                field_conv(api, f.field, f.clear, boxed, &e, Dir::In)
            } else {
                // A required field of an optional body: given once the body is sent.
                let one = field_conv(api, f.field, false, boxed, "x", Dir::In);
                format!(
                    "match {e} {{ Some(x) => {one}, None => return Err(AdminError::invalid({:?}, \"is required when the body is sent\".to_owned())) }}",
                    f.field.wire
                )
            };
            let _ = write!(b, "{}: {v}, ", f.field.ident);
        }
        b.push_str("extra: Map::new() }");
        if sh.body_required() {
            let _ = writeln!(s, "    let body = {b};");
        } else {
            let any: Vec<String> = sh
                .fields
                .iter()
                .filter(|f| f.in_body)
                .map(|f| format!("p.{}.is_some()", f.ident))
                .collect();
            let cond = if any.is_empty() {
                "false".to_owned()
            } else {
                any.join(" || ")
            };
            let _ = writeln!(
                s,
                "    let body = if {cond} {{ Some({b}) }} else {{ None }};"
            );
        }
        parts.push("body".into());
    } else if sh.body_whole {
        let (ty, req) = sh.whole_body();
        let e = if req {
            conv(api, ty, "p.body", Dir::In)
        } else {
            let one = conv(api, ty, "x", Dir::In);
            if one == "x" {
                "p.body".into()
            } else {
                format!("p.body.map(|x| {one})")
            }
        };
        parts.push(format!("body: {e}"));
    }
    let _ = writeln!(
        s,
        "    Ok(co::{} {{ {} }})\n}}\n",
        op.struct_name,
        parts.join(", ")
    );
    s
}
