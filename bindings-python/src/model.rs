//! Results as Python objects built on demand. The response body stays as one string; a
//! [`BaseModel`] is a slice of it (one JSON object) that indexes its own fields the first
//! time one is read, and turns a field into a Python value only when the attribute is read.
//! A page of 10,000 items costs one scan of the body and 10,000 small objects.

use std::sync::{Arc, OnceLock};

use openai_admin::host;
use openai_admin::host::members::{self, Members};
use pyo3::exceptions::{PyAttributeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use pyo3::{IntoPyObjectExt, PyTypeInfo};
use serde_json::{Map, Value};

use crate::dump::{Dump, dump};
use crate::generated::MODELS;
use crate::shape::Shape;

type Dict<'py> = Bound<'py, PyDict>;

/// How deep a value sent as JSON may nest. Deeper values, and values that contain
/// themselves, are refused with a typed error before anything is sent.
const MAX_DEPTH: usize = 128;

/// A result object: attribute access for every field, `to_dict()`, `to_json()`, equality.
#[pyclass(frozen, module = "openai_admin", name = "BaseModel", subclass)]
#[derive(Debug)]
pub(crate) struct BaseModel {
    doc: Arc<String>,
    start: usize,
    end: usize,
    /// Index into `MODELS`; `None` for an object of an unknown union variant.
    pub(crate) ty: Option<u16>,
    index: OnceLock<Members>,
    /// Set after the first field lookup: the second one indexes the whole object.
    touched: std::sync::atomic::AtomicBool,
}

impl BaseModel {
    fn new(doc: &Arc<String>, start: usize, end: usize, ty: u16) -> Self {
        let mut m = Self {
            doc: doc.clone(),
            start,
            end,
            ty: Some(ty),
            index: OnceLock::new(),
            touched: std::sync::atomic::AtomicBool::new(false),
        };
        m.ty = variant(ty, |tag| {
            let (s, e) = m.find(tag)?;
            serde_json::from_str::<String>(&doc[s..e]).ok()
        });
        m
    }

    fn raw(&self) -> &str {
        &self.doc[self.start..self.end]
    }

    fn fields(&self) -> &Members {
        let all = || members::members(&self.doc, self.start, self.end).unwrap_or_default();
        self.index.get_or_init(all)
    }

    fn find(&self, key: &str) -> Option<(usize, usize)> {
        use std::sync::atomic::Ordering::Relaxed;
        if self.index.get().is_none() && !self.touched.swap(true, Relaxed) {
            return members::find(&self.doc, self.start, self.end, key);
        }
        self.fields()
            .iter()
            .find(|(k, ..)| k == key)
            .map(|(_, s, e)| (*s, *e))
    }

    /// Each member as `(key, raw JSON)`, from the object's index.
    pub(crate) fn members(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields()
            .iter()
            .map(|(k, s, e)| (k.as_str(), &self.doc[*s..*e]))
    }

    /// A model of type `ty` (`None`: of no known type) for the JSON object `doc`, indexed
    /// (which checks the JSON).
    pub(crate) fn parsed(doc: Arc<String>, ty: Option<u16>) -> Result<Self, serde_json::Error> {
        let index = members::members(&doc, 0, doc.len())?;
        // Re-based on the trimmed object so `raw()` is exactly the object.
        let (start, end) = members::trimmed(&doc);
        let mut m = Self::new(&doc, start, end, ty.unwrap_or(0));
        m.ty = ty.and(m.ty);
        let _ = m.index.set(index);
        Ok(m)
    }

    pub(crate) fn value(&self) -> Value {
        serde_json::from_str(self.raw()).unwrap_or(Value::Null)
    }

    fn type_name(&self) -> &'static str {
        self.ty.map_or("BaseModel", |t| MODELS[t as usize].name)
    }

    /// The Python name and shape of the field the API calls `wire`, when the type has one.
    fn field_by_wire(&self, wire: &str) -> Option<(&'static str, Shape)> {
        let fields = self.ty.map_or(&[][..], |t| MODELS[t as usize].fields);
        fields.iter().find(|f| f.1 == wire).map(|f| (f.0, f.2))
    }
}

/// The model an object of model `t` is: `t` itself for a struct; for a tagged union, the
/// variant its tag names (`tag` reads the tag field's value from the object), `None` for a tag
/// this version does not know.
pub(crate) fn variant<S: AsRef<str>>(t: u16, tag: impl FnOnce(&str) -> Option<S>) -> Option<u16> {
    let info = &MODELS[t as usize];
    if info.tag.is_empty() {
        return Some(t);
    }
    let tag = tag(info.tag)?;
    let named = info.variants.iter().find(|(v, _)| *v == tag.as_ref());
    named.map(|(_, i)| *i)
}

/// The Python value for `doc[start..end]`, shaped by `shape`.
fn to_py(
    py: Python<'_>,
    doc: &Arc<String>,
    start: usize,
    end: usize,
    shape: Shape,
) -> PyResult<Py<PyAny>> {
    let text = &doc[start..end];
    let first = text.as_bytes().first().copied();
    match (first, shape) {
        (Some(b'{'), Shape::Model(t)) => BaseModel::new(doc, start, end, t).into_py_any(py),
        (Some(b'['), Shape::List(inner)) if !matches!(inner, Shape::Any) => {
            let items = members::items(doc, start, end).map_err(decode)?;
            let mut out = Vec::with_capacity(items.len());
            for (s, e) in items {
                out.push(to_py(py, doc, s, e, *inner)?);
            }
            PyList::new(py, out)?.into_py_any(py)
        }
        (Some(b'{'), Shape::Map(inner)) if !matches!(inner, Shape::Any) => {
            let d = PyDict::new(py);
            for (k, s, e) in members::members(doc, start, end).map_err(decode)? {
                d.set_item(k, to_py(py, doc, s, e, *inner)?)?;
            }
            d.into_py_any(py)
        }
        (Some(b'"'), _) => {
            let s: String = serde_json::from_str(text).map_err(decode)?;
            Ok(PyString::new(py, &s).into_any().unbind())
        }
        _ => plain(py, &serde_json::from_str::<Value>(text).map_err(decode)?),
    }
}

pub(crate) fn decode(e: serde_json::Error) -> PyErr {
    PyValueError::new_err(format!("malformed JSON in the response: {e}"))
}

/// Plain Python values (dicts, lists, scalars) for what serde serializes (JSON values, the
/// core's records).
pub(crate) fn plain(py: Python<'_>, v: &impl serde::Serialize) -> PyResult<Py<PyAny>> {
    let out = pythonize::pythonize(py, v).map_err(|e| PyValueError::new_err(e.to_string()));
    out.map(Bound::unbind)
}

static NOT_GIVEN: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Registers the `NOT_GIVEN` sentinel: dict entries holding it are left out.
#[pyfunction]
pub(crate) fn _set_not_given(py: Python<'_>, sentinel: Py<PyAny>) {
    let _ = NOT_GIVEN.set(py, sentinel);
}

/// Whether `obj` is the `NOT_GIVEN` sentinel.
pub(crate) fn is_not_given(obj: &Bound<'_, PyAny>) -> bool {
    NOT_GIVEN
        .get(obj.py())
        .is_some_and(|s| obj.is(s.bind(obj.py())))
}

/// JSON for a Python value: `None`, bools, ints, floats, strings, sequences, mappings, models.
/// A value JSON cannot hold is an `InvalidInputError` naming `param`, before anything is sent.
pub(crate) fn from_py(obj: &Bound<'_, PyAny>, param: &str) -> PyResult<Value> {
    from_py_at(obj, param, 0)
}

/// The typed error for a value of `param` that cannot be sent.
fn unsendable(py: Python<'_>, param: &str, why: impl std::fmt::Display) -> PyErr {
    crate::to_pyerr(py, openai_admin::Error::invalid(param, why.to_string()))
}

fn from_py_at(obj: &Bound<'_, PyAny>, param: &str, depth: usize) -> PyResult<Value> {
    let py = obj.py();
    if depth > MAX_DEPTH {
        let msg = format!("nests more than {MAX_DEPTH} levels deep (or contains itself)");
        return Err(unsendable(py, param, msg));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        let n = (obj.extract::<i64>().map(Value::from))
            .or_else(|_| obj.extract::<u64>().map(Value::from));
        return n.map_err(|_| unsendable(py, param, "is an int too large for JSON numbers"));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let n = serde_json::Number::from_f64(f.value()).map(Value::Number);
        return n
            .ok_or_else(|| unsendable(py, param, "is NaN or infinite, which JSON cannot hold"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow().map_err(|e| unsendable(py, param, e))?;
        return Ok(Value::String(s.into_owned()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        return dict_to_map_at(d, Some(param), depth + 1).map(Value::Object);
    }
    if let Ok(m) = obj.cast::<BaseModel>() {
        return Ok(m.get().value());
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let items = obj
            .try_iter()?
            .map(|x| from_py_at(&x?, param, depth + 1))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(Value::Array(items));
    }
    if obj.cast::<pyo3::types::PyMapping>().is_ok() {
        return dict_to_map_at(&as_dict(obj)?, Some(param), depth + 1).map(Value::Object);
    }
    let kind = obj.get_type().name()?;
    Err(unsendable(
        py,
        param,
        format!("a {kind} cannot be sent as JSON"),
    ))
}

/// A mapping as a dict (itself when it is one).
pub(crate) fn as_dict<'py>(m: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    if let Ok(d) = m.cast::<PyDict>() {
        return Ok(d.clone());
    }
    let d = PyDict::new(m.py());
    d.update(m.cast::<pyo3::types::PyMapping>()?)?;
    Ok(d)
}

/// A JSON object for a dict of parameters (each key names its own errors), leaving out
/// `NOT_GIVEN` values.
pub(crate) fn dict_to_map(d: &Bound<'_, PyDict>) -> PyResult<Map<String, Value>> {
    dict_to_map_at(d, None, 0)
}

/// [`dict_to_map`] for a dict inside the value of `param` (`None` at the top).
fn dict_to_map_at(
    d: &Bound<'_, PyDict>,
    param: Option<&str>,
    depth: usize,
) -> PyResult<Map<String, Value>> {
    let mut out = Map::new();
    for (k, v) in d.iter() {
        if is_not_given(&v) {
            continue;
        }
        let key: String = k.extract().map_err(|_| {
            let msg = "has a key that is not a string";
            unsendable(d.py(), param.unwrap_or("params"), msg)
        })?;
        let value = from_py_at(&v, param.unwrap_or(&key), depth)?;
        out.insert(key, value);
    }
    Ok(out)
}

/// Whether the model's field `wire` holds a credential (the generator says which).
fn is_secret(model: &BaseModel, wire: &str) -> bool {
    matches!(model.field_by_wire(wire), Some((_, Shape::Secret)))
}

fn redacted(py: Python<'_>, model: &BaseModel) -> PyResult<String> {
    let mut parts = Vec::new();
    for (k, s, e) in model.fields() {
        let raw = &model.doc[*s..*e];
        let shown = match raw.as_bytes().first() {
            Some(b'"') if is_secret(model, k) => format!("'{}'", host::REDACTED),
            Some(b'{') => "{...}".to_owned(),
            Some(b'[') => "[...]".to_owned(),
            Some(b'"') => {
                let s: String = serde_json::from_str(raw).unwrap_or_default();
                PyString::new(py, &s).repr()?.to_string()
            }
            _ => raw.to_owned(),
        };
        parts.push(format!("{k}={shown}"));
    }
    Ok(format!("{}({})", model.type_name(), parts.join(", ")))
}

#[pymethods]
impl BaseModel {
    /// Schema fields are answered here directly (no failed generic lookup first); methods and
    /// other attributes go the usual way, and fields the schema does not know come last.
    fn __getattribute__(slf: &Bound<'_, Self>, name: &Bound<'_, PyString>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let this = slf.get();
        let key = name.to_cow()?;
        let field = this
            .ty
            .and_then(|t| MODELS[t as usize].fields.iter().find(|f| f.0 == key));
        if let Some((_, wire, shape)) = field {
            return match this.find(wire) {
                None => Ok(py.None()),
                Some((s, e)) => to_py(py, &this.doc, s, e, *shape),
            };
        }
        static GENERIC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        let generic = GENERIC
            .import(py, "builtins", "object")?
            .getattr("__getattribute__")?;
        match generic.call1((slf, name)) {
            Err(e) if e.is_instance_of::<PyAttributeError>(py) => match this.find(&key) {
                Some((s, e)) => to_py(py, &this.doc, s, e, Shape::Any),
                None => Err(PyAttributeError::new_err(format!(
                    "'{}' object has no attribute '{key}'",
                    this.type_name()
                ))),
            },
            other => other.map(Bound::unbind),
        }
    }

    fn __dir__(&self) -> Vec<String> {
        let known = self.ty.map_or(&[][..], |t| MODELS[t as usize].fields);
        let mut names: Vec<String> = known.iter().map(|f| f.0.to_owned()).collect();
        for (k, ..) in self.fields() {
            if !names.contains(k) {
                names.push(k.clone());
            }
        }
        names.extend(["to_dict", "to_json", "model_dump", "model_dump_json"].map(String::from));
        names
    }

    /// Every field as plain Python values (unknown fields included), by their API names and
    /// only those the body has, unless `args` say otherwise (the official models' `to_dict`).
    #[pyo3(signature = (**args))]
    fn to_dict(&self, py: Python<'_>, args: Option<Dict<'_>>) -> PyResult<Py<PyAny>> {
        let how = Dump::from_args(args, Dump::API)?;
        crate::guard(py, || plain(py, &dump(self, &how)))
    }

    /// The fields as pydantic's `model_dump` gives them: every field of the type (`None` where
    /// the body has none), by its Python name, unless `args` say otherwise.
    #[pyo3(signature = (**args))]
    fn model_dump(&self, py: Python<'_>, args: Option<Dict<'_>>) -> PyResult<Py<PyAny>> {
        let how = Dump::from_args(args, Dump::PYDANTIC)?;
        crate::guard(py, || plain(py, &dump(self, &how)))
    }

    /// `to_dict` as JSON text, indented by `indent` spaces (`None`: on one line).
    #[pyo3(signature = (*, indent = 2, **args))]
    fn to_json(
        &self,
        py: Python<'_>,
        indent: Option<i128>,
        args: Option<Dict<'_>>,
    ) -> PyResult<String> {
        let how = Dump::from_args(args, Dump::API)?;
        crate::guard(py, || json_text(&dump(self, &how), indent_of(py, indent)?))
    }

    /// `model_dump` as JSON text, on one line unless `indent` is given.
    #[pyo3(signature = (*, indent = None, **args))]
    fn model_dump_json(
        &self,
        py: Python<'_>,
        indent: Option<i128>,
        args: Option<Dict<'_>>,
    ) -> PyResult<String> {
        let how = Dump::from_args(args, Dump::PYDANTIC)?;
        crate::guard(py, || json_text(&dump(self, &how), indent_of(py, indent)?))
    }

    /// `(name, value)` for each field the body has, as pydantic models iterate (so
    /// `dict(model)` works).
    fn __iter__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let this = slf.get();
        let mut pairs = Vec::new();
        for (key, s, e) in this.fields() {
            let (name, shape) = this
                .field_by_wire(key)
                .unwrap_or((key.as_str(), Shape::Any));
            pairs.push((name.to_owned(), to_py(py, &this.doc, *s, *e, shape)?));
        }
        PyList::new(py, pairs)?
            .try_iter()
            .map(|i| i.into_any().unbind())
    }

    /// Pickles (and copies) as its JSON text and type name.
    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<(Py<PyAny>, (String, &'static str))> {
        let this = slf.get();
        let make = slf.py().import("openai_admin._core")?.getattr("_model")?;
        Ok((make.unbind(), (this.raw().to_owned(), this.type_name())))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<BaseModel>() {
            Ok(o) => self.raw() == o.get().raw() || self.value() == o.get().value(),
            Err(_) => false,
        }
    }

    fn __contains__(&self, key: &str) -> bool {
        self.find(key).is_some()
    }

    /// Also what `str()` shows: secret fields redacted.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        crate::guard(py, || redacted(py, self))
    }

    #[classattr]
    const __hash__: Option<Py<PyAny>> = None;

    /// The type name from the spec (e.g. `User`).
    #[getter]
    fn _type_name(&self) -> &'static str {
        self.type_name()
    }
}

/// The widest indent `to_json` takes.
const MAX_INDENT: i128 = 1024;

/// An `indent` argument: `None` or an int from 0 to [`MAX_INDENT`]; anything else is an
/// invalid-input error (never a panic or a huge allocation).
fn indent_of(py: Python<'_>, indent: Option<i128>) -> PyResult<Option<usize>> {
    match indent {
        None => Ok(None),
        Some(n) if (0..=MAX_INDENT).contains(&n) => Ok(usize::try_from(n).ok()),
        Some(n) => {
            let msg = format!("must be None or an int from 0 to {MAX_INDENT}, not {n}");
            Err(crate::to_pyerr(
                py,
                openai_admin::Error::invalid("indent", msg),
            ))
        }
    }
}

fn json_text(v: &Value, indent: Option<usize>) -> PyResult<String> {
    let out = match indent {
        None => serde_json::to_string(v),
        Some(n) => {
            let ind = " ".repeat(n);
            let mut buf = Vec::new();
            let fmt = serde_json::ser::PrettyFormatter::with_indent(ind.as_bytes());
            let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
            serde::Serialize::serialize(v, &mut ser)
                .map(|_| String::from_utf8(buf).unwrap_or_default())
        }
    };
    out.map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The root object of a response body of `sdk_method`, indexed (which checks the JSON).
pub(crate) fn root(doc: Arc<String>, sdk_method: &str) -> Result<BaseModel, serde_json::Error> {
    let ty = match crate::generated::output(sdk_method) {
        Shape::Model(t) => t,
        _ => 0,
    };
    BaseModel::parsed(doc, Some(ty))
}

/// Makes `BaseModel` usable from the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("BaseModel", BaseModel::type_object(m.py()))?;
    m.add_function(wrap_pyfunction!(_set_not_given, m)?)?;
    m.add_function(wrap_pyfunction!(crate::dump::_model, m)?)?;
    Ok(())
}
