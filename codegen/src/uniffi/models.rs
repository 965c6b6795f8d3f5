//! The core's models as uniffi records and enums (`models.rs`), with conversions both ways.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::convert::{Dir, field_conv, u_field_ty};
use super::{HEADER, core_path, enum_variants, label, u_name, u_ty, union_variants};
use crate::ir::{Api, Kind, Ty};
use crate::rust::syntax::{
    boxes_fields, clearable, is_request_body, variant_names as core_variant_names,
};

pub(super) fn emit_models(api: &Api) -> String {
    let mut s = String::from(HEADER);
    s.push_str(
        "//! The core's models as uniffi records and enums, with conversions both ways.\n\n",
    );
    s.push_str("#![allow(unused_imports, clippy::all)]\n\n");
    s.push_str("use std::collections::{BTreeMap, HashMap};\n\nuse openai_admin::models as cm;\nuse openai_admin::ops as co;\nuse serde_json::{Map, Value};\n\n");
    s.push_str("use crate::json::{JsonValue, object_in, object_out};\n\n");
    let mut clearables: BTreeMap<String, Ty> = BTreeMap::new();
    for def in api.defs.values() {
        let name = u_name(&def.name);
        let core = core_path(api, &def.name);
        match &def.kind {
            Kind::Alias(_) => {}
            Kind::Struct(fields) => {
                let boxed = boxes_fields(api, fields);
                let in_body = is_request_body(api, &def.name);
                let _ = writeln!(
                    s,
                    "/// The `{}` object. Fields this version does not know are in `extra`.",
                    def.name
                );
                s.push_str("#[derive(Debug, Clone, PartialEq, uniffi::Record)]\n");
                let _ = writeln!(s, "pub struct {name} {{");
                for f in fields {
                    let clear = clearable(in_body, f);
                    if clear {
                        clearables.insert(label(api, &f.ty), f.ty.clone());
                    }
                    let need = if f.required { "required" } else { "optional" };
                    let null = if clear {
                        "; `Clearable….Null` sends `null`"
                    } else if f.nullable {
                        ", may be null"
                    } else {
                        ""
                    };
                    let _ = writeln!(s, "    /// `{}` ({need}{null}).", f.wire);
                    if f.optional() {
                        s.push_str("    #[uniffi(default)]\n");
                    }
                    let _ = writeln!(s, "    pub {}: {},", f.ident, u_field_ty(api, f, clear));
                }
                s.push_str("    /// Fields this version of the library does not know, as they came.\n    #[uniffi(default)]\n    pub extra: HashMap<String, JsonValue>,\n}\n\n");
                for d in [Dir::Out, Dir::In] {
                    let (from, to) = match d {
                        Dir::Out => (&core, &name),
                        Dir::In => (&name, &core),
                    };
                    let _ = writeln!(
                        s,
                        "impl From<{from}> for {to} {{\n    fn from(v: {from}) -> Self {{\n        Self {{"
                    );
                    for f in fields {
                        let e = format!("v.{}", f.ident);
                        let _ = writeln!(
                            s,
                            "            {}: {},",
                            f.ident,
                            field_conv(api, f, clearable(in_body, f), boxed, &e, d)
                        );
                    }
                    let extra = match d {
                        Dir::Out => "object_out(v.extra)",
                        Dir::In => "object_in(v.extra)",
                    };
                    let _ = writeln!(s, "            extra: {extra},\n        }}\n    }}\n}}\n");
                }
            }
            Kind::Enum(values) => {
                let core_vars = core_variant_names(values);
                let vars = enum_variants(&name, values);
                let _ = writeln!(
                    s,
                    "/// The `{}` values. A value this version does not know is `Unknown`.",
                    def.name
                );
                s.push_str("#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]\n");
                let _ = writeln!(s, "pub enum {name} {{");
                for (v, n) in values.iter().zip(&vars) {
                    let _ = writeln!(s, "    /// `{v}`\n    {n},");
                }
                s.push_str("    /// A value this version of the library does not know.\n    Unknown(String),\n}\n\n");
                let _ = writeln!(
                    s,
                    "impl From<{core}> for {name} {{\n    fn from(v: {core}) -> Self {{\n        match v {{"
                );
                for (c, n) in core_vars.iter().zip(&vars) {
                    let _ = writeln!(s, "            {core}::{c} => Self::{n},");
                }
                let _ = writeln!(
                    s,
                    "            {core}::Unknown(x) => Self::Unknown(x),\n            other => Self::Unknown(openai_admin::de::WireEnum::as_str(&other).to_owned()),\n        }}\n    }}\n}}\n"
                );
                let _ = writeln!(
                    s,
                    "impl From<{name}> for {core} {{\n    fn from(v: {name}) -> Self {{\n        match v {{"
                );
                for (c, n) in core_vars.iter().zip(&vars) {
                    let _ = writeln!(s, "            {name}::{n} => Self::{c},");
                }
                let _ = writeln!(
                    s,
                    "            {name}::Unknown(x) => <Self as openai_admin::de::WireEnum>::from_wire(&x),\n        }}\n    }}\n}}\n"
                );
            }
            Kind::Union { tag, variants } => {
                let vars = union_variants(api, variants);
                let _ = writeln!(
                    s,
                    "/// The `{}` union, told apart by `{tag}`. A variant this version does not know is `Unknown`, as it came.",
                    def.name
                );
                s.push_str("#[derive(Debug, Clone, PartialEq, uniffi::Enum)]\n");
                let _ = writeln!(s, "pub enum {name} {{");
                for ((value, t), n) in variants.iter().zip(&vars) {
                    let _ = writeln!(s, "    /// `{tag}: {value}`\n    {n}({}),", u_name(t));
                }
                s.push_str("    /// A variant this version of the library does not know, as it came.\n    Unknown(JsonValue),\n}\n\n");
                let _ = writeln!(
                    s,
                    "impl From<{core}> for {name} {{\n    fn from(v: {core}) -> Self {{\n        match v {{"
                );
                for ((_, t), n) in variants.iter().zip(&vars) {
                    let _ = writeln!(
                        s,
                        "            {core}::{t}(x) => Self::{n}({}::from(x)),",
                        u_name(t)
                    );
                }
                let _ = writeln!(
                    s,
                    "            {core}::Unknown(x) => Self::Unknown(JsonValue::from(x)),\n            other => Self::Unknown(JsonValue::from(serde_json::to_value(&other).unwrap_or_default())),\n        }}\n    }}\n}}\n"
                );
                let _ = writeln!(
                    s,
                    "impl From<{name}> for {core} {{\n    fn from(v: {name}) -> Self {{\n        match v {{"
                );
                for ((_, t), n) in variants.iter().zip(&vars) {
                    let _ = writeln!(
                        s,
                        "            {name}::{n}(x) => Self::{t}({}::from(x)),",
                        core_path(api, t)
                    );
                }
                let _ = writeln!(
                    s,
                    "            {name}::Unknown(x) => Self::Unknown(Value::from(x)),\n        }}\n    }}\n}}\n"
                );
            }
        }
    }
    for (l, ty) in &clearables {
        let t = u_ty(api, ty);
        let _ = writeln!(
            s,
            "/// A `{t}` that can also be cleared: `Set` sends the value, `Null` sends JSON `null`.\n#[derive(Debug, Clone, PartialEq, uniffi::Enum)]\npub enum Clearable{l} {{\n    /// Send this value.\n    Set({t}),\n    /// Send `null`: clear the field.\n    Null,\n}}\n"
        );
    }
    s
}
