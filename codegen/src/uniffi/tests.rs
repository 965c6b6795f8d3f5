//! The binding's generated tests: every operation called through the typed API
//! (`calls.rs`), and every operation's output turned into the uniffi records and back
//! (`roundtrip.rs`).

use std::collections::BTreeMap;
use std::fmt::Write;

use heck::ToSnakeCase;
use serde_json::Value;

use super::convert::{Dir, conv};
use super::services::{Node, tree};
use super::shape::OpShape;
use super::{HEADER, enum_variants, label, u_name, u_ty, union_variants};
use crate::ir::{Api, Field, Kind, Location, Op, Ty};
use crate::rust::syntax::{clearable, is_request_body};
use crate::sample;

/// A Rust expression of `ty`'s uniffi type holding `v`, a sample from [`sample::json`]: the
/// shared rule decides the values, this only renders them.
fn render(api: &Api, ty: &Ty, v: &Value) -> String {
    match ty {
        Ty::Str { .. } => format!("{:?}.to_owned()", v.as_str().unwrap_or_default()),
        Ty::Int { .. } | Ty::Num | Ty::Bool => v.to_string(),
        Ty::Any | Ty::OneOfShapes { .. } => match v {
            Value::String(x) => format!("JsonValue::Str({x:?}.to_owned())"),
            _ => format!(
                "openai_admin_uniffi::json_parse({:?}.to_owned()).unwrap()",
                v.to_string()
            ),
        },
        Ty::Object => entries(v, |x| render(api, &Ty::Any, x)),
        Ty::Map(t) => entries(v, |x| render(api, t, x)),
        Ty::Vec(t) => {
            let items: Vec<String> = v
                .as_array()
                .into_iter()
                .flatten()
                .map(|x| render(api, t, x))
                .collect();
            format!("vec![{}]", items.join(", "))
        }
        Ty::Named(n) => match &api.defs[n].kind {
            Kind::Alias(t) => render(api, t, v),
            Kind::Enum(values) => {
                let i = values.iter().position(|x| Some(x.as_str()) == v.as_str());
                let vars = enum_variants(&u_name(n), values);
                format!("{}::{}", u_name(n), vars[i.unwrap_or(0)])
            }
            Kind::Union { tag, variants } => {
                let i = variants
                    .iter()
                    .position(|(value, _)| v.get(tag).and_then(Value::as_str) == Some(value));
                let i = i.unwrap_or(0);
                format!(
                    "{}::{}({})",
                    u_name(n),
                    union_variants(api, variants)[i],
                    render(api, &Ty::Named(variants[i].1.clone()), v)
                )
            }
            Kind::Struct(fields) => {
                let in_body = is_request_body(api, n);
                let mut s = format!("{} {{ ", u_name(n));
                for f in fields {
                    let x = render_field(api, f, clearable(in_body, f), v.get(&f.wire));
                    let _ = write!(s, "{}: {x}, ", f.ident);
                }
                s.push_str("extra: HashMap::new() }");
                s
            }
        },
    }
}

/// A `HashMap` expression of the entries of the JSON object `v`, each value rendered by `one`.
fn entries(v: &Value, one: impl Fn(&Value) -> String) -> String {
    let map = v.as_object().filter(|m| !m.is_empty());
    match map {
        None => "HashMap::new()".into(),
        Some(m) => {
            let items: Vec<String> = m
                .iter()
                .map(|(k, x)| format!("({k:?}.to_owned(), {})", one(x)))
                .collect();
            format!("HashMap::from([{}])", items.join(", "))
        }
    }
}

/// A field's value: `v` rendered and wrapped as the field's uniffi type needs; `None` for an
/// optional field the sample leaves out.
fn render_field(api: &Api, f: &Field, clear: bool, v: Option<&Value>) -> String {
    match v {
        Some(v) if clear => format!(
            "Some(Clearable{}::Set({}))",
            label(api, &f.ty),
            render(api, &f.ty, v)
        ),
        Some(v) if f.optional() => format!("Some({})", render(api, &f.ty, v)),
        Some(v) => render(api, &f.ty, v),
        None if clear || f.optional() => "None".into(),
        // A required field always has a sample; this keeps the output well-typed regardless.
        None => render(api, &f.ty, &sample::json(api, &f.ty, false)),
    }
}

/// `ty`'s sample rendered.
fn sample(api: &Api, ty: &Ty, full: bool) -> String {
    render(api, ty, &sample::json(api, ty, full))
}

pub(super) fn op_call(
    api: &Api,
    t: &BTreeMap<Vec<String>, Node<'_>>,
    op: &Op,
    full: bool,
) -> String {
    let sh = OpShape::new(api, op);
    let mut chain = String::from("c");
    for depth in 1..=op.module.len() {
        let node = &t[&op.module[..depth].to_vec()];
        let _ = write!(chain, ".{}()", node.js[depth - 1].to_snake_case());
    }
    let verb = sh.method();
    let mut args = Vec::new();
    if sh.own.is_some() {
        args.push(format!("{:?}.to_owned()", sample::PATH_ID));
    }
    if sh.has_params() {
        let mut p = format!("{} {{ ", sh.params_name);
        for f in &sh.fields {
            let v = if !f.in_body && f.field.required && !f.field.optional() {
                if op
                    .params
                    .iter()
                    .any(|x| x.field.wire == f.field.wire && x.location == Location::Path)
                {
                    format!("{:?}.to_owned()", sample::PATH_ID)
                } else {
                    sample(api, &f.field.ty, full)
                }
            } else if f.in_body && !sh.body_required() && !f.field.optional() {
                if full {
                    format!("Some({})", sample(api, &f.field.ty, full))
                } else {
                    "None".into()
                }
            } else {
                render_field(
                    api,
                    f.field,
                    f.clear,
                    sample::field(api, f.field, full).as_ref(),
                )
            };
            let _ = write!(p, "{}: {v}, ", f.ident);
        }
        if sh.body_whole {
            let (ty, req) = sh.whole_body();
            let v = sample(api, ty, full);
            let v = if req {
                v
            } else if full {
                format!("Some({v})")
            } else {
                "None".into()
            };
            let _ = write!(p, "body: {v}, ");
        }
        p.push('}');
        if sh.params_default() {
            p = format!("Some({p})");
        }
        args.push(p);
    }
    args.push("CallOptions::default()".into());
    format!("{chain}.{verb}({}).await.map(drop)", args.join(", "))
}

pub(super) fn emit_calls(api: &Api) -> String {
    let t = tree(api);
    let mut s = String::from(HEADER);
    s.push_str("//! Every operation through the typed API: required parameters only, then every parameter.\n\n");
    s.push_str("#![allow(unused_imports, clippy::all)]\n\nuse std::collections::HashMap;\nuse std::future::Future;\nuse std::pin::Pin;\n\nuse openai_admin_uniffi::*;\n\n");
    let n = api.ops.len();
    let _ = writeln!(
        s,
        "/// The number of operations below.\npub(crate) const COUNT: usize = {n};\n"
    );
    s.push_str("/// Calls one operation twice and reports each result.\ntype Call = for<'a> fn(&'a AdminClient, &'a mut crate::Tally) -> Pin<Box<dyn Future<Output = ()> + 'a>>;\n\n");
    let names: Vec<String> = api
        .ops
        .iter()
        .map(|op| op.struct_name.to_snake_case())
        .collect();
    let _ = writeln!(
        s,
        "/// Calls every operation twice on `c` and reports each result to `t`.\npub(crate) async fn run_all(c: &AdminClient, t: &mut crate::Tally) {{\n    // One boxed future per operation, each made in its own function: a single function making\n    // every call needs a stack frame larger than a test thread's in debug builds.\n    const CALLS: [Call; {n}] = [{}];\n    for call in CALLS {{\n        call(c, t).await;\n    }}\n}}\n",
        names.join(", ")
    );
    for (op, name) in api.ops.iter().zip(&names) {
        let _ = writeln!(
            s,
            "fn {name}<'a>(c: &'a AdminClient, t: &'a mut crate::Tally) -> Pin<Box<dyn Future<Output = ()> + 'a>> {{\n    Box::pin(async move {{"
        );
        let _ = writeln!(
            s,
            "        t.check({:?}, \"required only\", {});",
            op.sdk_method,
            op_call(api, &t, op, false)
        );
        let _ = writeln!(
            s,
            "        t.check({:?}, \"every parameter\", {});",
            op.sdk_method,
            op_call(api, &t, op, true)
        );
        s.push_str("    })\n}\n\n");
    }
    s
}

pub(super) fn emit_roundtrip(api: &Api) -> String {
    let mut s = String::from(HEADER);
    s.push_str("//! Each operation's output: parsed by the core, turned into the uniffi records and back.\n\n");
    s.push_str("#![allow(unused_imports, clippy::all)]\n\nuse std::collections::{BTreeMap, HashMap};\n\nuse http::{HeaderMap, StatusCode};\nuse openai_admin::Operation;\nuse openai_admin::models as cm;\nuse openai_admin::ops as co;\nuse openai_admin_uniffi::*;\nuse serde_json::Value;\n\n");
    s.push_str("/// The core's output for `body`, and the same after a trip through the uniffi records, both\n/// as JSON; `None` for an unknown operation.\npub(crate) fn roundtrip(sdk_method: &str, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Option<Result<(Value, Value), openai_admin::Error>> {\n    Some(match sdk_method {\n");
    for op in &api.ops {
        let out = conv(api, &op.output, "o.clone()", Dir::Out);
        let back = conv(api, &op.output, "u", Dir::In);
        let _ = writeln!(
            s,
            "        {:?} => co::{}::parse(status, headers, body).map(|o| {{ let u: {} = {out}; let back = {back}; (serde_json::to_value(&o).unwrap(), serde_json::to_value(&back).unwrap()) }}),",
            op.sdk_method,
            op.struct_name,
            u_ty(api, &op.output)
        );
    }
    s.push_str("        _ => return None,\n    })\n}\n");
    s
}
