//! `to_dict`/`to_json` (the official models' names) and `model_dump`/`model_dump_json`
//! (pydantic's): the options they take, and what those do to a model's JSON. Also the
//! constructor a pickled model is made again with.

use std::collections::HashSet;

use openai_admin::Error;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde::Deserialize;
use serde_json::Value;

use crate::generated::MODELS;
use crate::model::{BaseModel, variant};
use crate::shape::Shape;

/// The options, by the names the official SDK and pydantic give them; any other is refused.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Args {
    mode: Option<String>,
    use_api_names: Option<bool>,
    by_alias: Option<bool>,
    exclude_unset: Option<bool>,
    exclude_defaults: bool,
    exclude_none: bool,
    include: Option<HashSet<String>>,
    exclude: Option<HashSet<String>>,
    /// Taken and ignored: the values are JSON already, and nothing here warns.
    #[serde(rename = "round_trip")]
    _round_trip: bool,
    #[serde(rename = "warnings")]
    _warnings: Option<bool>,
}

/// What a dump is asked to give.
#[derive(Debug, Default)]
pub(crate) struct Dump {
    /// Fields by their API names (else by their Python names).
    api_names: bool,
    /// Every field of each type, `None` where the body has none.
    fill: bool,
    /// Fields whose value is `None` left out (no field has another default).
    drop_none: bool,
    /// Only these top-level fields (all when `None`).
    include: Option<HashSet<String>>,
    /// Not these top-level fields.
    exclude: HashSet<String>,
}

impl Dump {
    /// `to_dict`'s defaults: API names, only the fields the body has.
    pub(crate) const API: bool = true;
    /// pydantic's defaults: Python names, every field of the type.
    pub(crate) const PYDANTIC: bool = false;

    /// The dump `args` ask for, from the defaults of `api` ([`Self::API`] or
    /// [`Self::PYDANTIC`]); an unknown option or a bad value is an `InvalidInputError`.
    pub(crate) fn from_args(args: Option<Bound<'_, PyDict>>, api: bool) -> PyResult<Self> {
        let Some(args) = args else {
            return Ok(Self::with(Args::default(), api));
        };
        let py = args.py();
        let bad = |name: &str, msg: String| crate::to_pyerr(py, Error::invalid(name, msg));
        let parse = |d: &Bound<'_, PyDict>| pythonize::depythonize::<Args>(d);
        let a = parse(&args).map_err(|e| {
            // Named by the first option refused on its own.
            let alone = |(k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>)| {
                let one = PyDict::new(py);
                one.set_item(&k, v).ok()?;
                parse(&one).is_err().then(|| k.to_string())
            };
            bad(
                &args.iter().find_map(alone).unwrap_or_default(),
                e.to_string(),
            )
        })?;
        if let Some(mode) = a
            .mode
            .as_deref()
            .filter(|m| !matches!(*m, "python" | "json"))
        {
            return Err(bad(
                "mode",
                format!("is \"python\" or \"json\", not {mode:?}"),
            ));
        }
        Ok(Self::with(a, api))
    }

    fn with(a: Args, api: bool) -> Self {
        Self {
            api_names: a.use_api_names.or(a.by_alias).unwrap_or(api),
            fill: !a.exclude_unset.unwrap_or(api),
            drop_none: a.exclude_none || a.exclude_defaults,
            include: a.include,
            exclude: a.exclude.unwrap_or_default(),
        }
    }
}

/// The model's JSON as `how` asks.
pub(crate) fn dump(model: &BaseModel, how: &Dump) -> Value {
    let mut v = model.value();
    if let (Value::Object(_), Some(t)) = (&v, model.ty) {
        dumped(&mut v, Shape::Model(t), how);
    }
    if let Value::Object(m) = &mut v {
        let keep = |k: &String| how.include.as_ref().is_none_or(|i| i.contains(k));
        m.retain(|k, _| keep(k) && !how.exclude.contains(k));
    }
    v
}

/// Applies `how` to `v`, a value of `shape`, and to every model inside it.
fn dumped(v: &mut Value, shape: Shape, how: &Dump) {
    match (v, shape) {
        (Value::Object(m), Shape::Model(t)) => {
            let Some(t) = variant(t, |tag| m.get(tag).and_then(Value::as_str)) else {
                return;
            };
            let fields = MODELS[t as usize].fields;
            let name = |f: &(&'static str, &'static str, Shape)| match how.api_names {
                true => f.1,
                false => f.0,
            };
            for (key, mut x) in std::mem::take(m) {
                match fields.iter().find(|f| f.1 == key) {
                    Some(f) => {
                        dumped(&mut x, f.2, how);
                        m.insert(name(f).to_owned(), x);
                    }
                    None => drop(m.insert(key, x)),
                }
            }
            for f in fields.iter().filter(|_| how.fill) {
                m.entry(name(f)).or_insert(Value::Null);
            }
            if how.drop_none {
                m.retain(|_, x| !x.is_null());
            }
        }
        (Value::Array(items), Shape::List(inner)) => {
            items.iter_mut().for_each(|x| dumped(x, *inner, how));
        }
        (Value::Object(m), Shape::Map(inner)) => {
            m.values_mut().for_each(|x| dumped(x, *inner, how));
        }
        _ => {}
    }
}

/// A model from its JSON text and type name: what a pickled model is made again from.
#[pyfunction]
pub(crate) fn _model(json: String, type_name: &str) -> PyResult<BaseModel> {
    let ty = MODELS.iter().position(|m| m.name == type_name);
    let ty = ty.and_then(|t| u16::try_from(t).ok());
    BaseModel::parsed(json.into(), ty).map_err(crate::model::decode)
}
