//! Sample values for contract tests, shared by the Rust, Python and TS emitters: one rule
//! for what a sample of each type is, rendered by each emitter in its own language.

use serde_json::{Map, Value, json};

use crate::ir::{Api, Field, Kind, Ty};

/// The sample id given to every path parameter.
pub const PATH_ID: &str = "sample_id";

/// A JSON sample of `ty`: required fields only, or every field when `full`.
pub fn json(api: &Api, ty: &Ty, full: bool) -> Value {
    match ty {
        Ty::Str { sample } => json!(sample),
        Ty::Int { sample } => json!(sample),
        Ty::Num => json!(1.0),
        Ty::Bool => json!(true),
        Ty::Any => json!("sample"),
        Ty::OneOfShapes { sample } => serde_json::from_str(sample).unwrap_or(json!("sample")),
        Ty::Object if full => json!({"key": "value"}),
        Ty::Map(t) if full => json!({"key": json(api, t, full)}),
        Ty::Object | Ty::Map(_) => json!({}),
        Ty::Vec(t) => json!([json(api, t, full)]),
        Ty::Named(n) => match &api.defs[n].kind {
            Kind::Alias(t) => json(api, t, full),
            Kind::Enum(values) => json!(values.first()),
            Kind::Union { variants, .. } => match variants.first() {
                Some((_, v)) => json(api, &Ty::Named(v.clone()), full),
                None => json!({}),
            },
            Kind::Struct(fields) => {
                let mut m = Map::new();
                for f in fields {
                    if let Some(v) = field(api, f, full) {
                        m.insert(f.wire.clone(), v);
                    }
                }
                Value::Object(m)
            }
        },
    }
}

/// A JSON sample of field `f`, or `None` when the sample leaves it out: a sample holds the
/// required fields only, or every field when `full`.
pub fn field(api: &Api, f: &Field, full: bool) -> Option<Value> {
    (full || f.required).then(|| json(api, &f.ty, full))
}
