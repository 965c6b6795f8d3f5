//! Results as Python objects built on demand: a [`BaseModel`] holds the parsed JSON and a
//! path into it, and turns a field into a Python value only when the attribute is read.

use std::sync::Arc;

use pyo3::exceptions::{PyAttributeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use pyo3::{IntoPyObjectExt, PyTypeInfo};
use serde_json::{Map, Value};

use crate::generated::MODELS;
use crate::shape::Shape;

#[derive(Debug, Clone)]
enum Seg {
    Key(Arc<str>),
    Idx(usize),
}

/// A result object: attribute access for every field, `to_dict()`, `to_json()`, equality.
#[pyclass(frozen, module = "openai_admin", name = "BaseModel", subclass)]
#[derive(Debug)]
pub struct BaseModel {
    root: Arc<Value>,
    path: Vec<Seg>,
    /// Index into `MODELS`; `None` for an object of an unknown union variant.
    ty: Option<u16>,
}

/// Fields whose values are secrets and never shown by `repr`.
const SECRET_FIELDS: &[&str] = &["value", "api_key", "secret", "private_key", "key"];

impl BaseModel {
    fn node(&self) -> &Value {
        let mut v: &Value = &self.root;
        for s in &self.path {
            v = match s {
                Seg::Key(k) => &v[&**k],
                Seg::Idx(i) => &v[*i],
            };
        }
        v
    }

    fn obj(&self) -> &Map<String, Value> {
        static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
        self.node()
            .as_object()
            .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
    }

    fn type_name(&self) -> &'static str {
        self.ty.map_or("BaseModel", |t| MODELS[t as usize].name)
    }
}

/// A model over `root` at `path`, with a union resolved to its variant by the tag.
fn model(root: &Arc<Value>, path: Vec<Seg>, node: &Value, ty: u16) -> BaseModel {
    let info = &MODELS[ty as usize];
    let ty = if info.tag.is_empty() {
        Some(ty)
    } else {
        let tag = node.get(info.tag).and_then(Value::as_str);
        info.variants
            .iter()
            .find(|(v, _)| Some(*v) == tag)
            .map(|(_, i)| *i)
    };
    BaseModel {
        root: root.clone(),
        path,
        ty,
    }
}

/// The Python value for `node` (found at `path` under `root`), shaped by `shape`.
fn to_py(
    py: Python<'_>,
    root: &Arc<Value>,
    path: &[Seg],
    node: &Value,
    shape: Shape,
) -> PyResult<Py<PyAny>> {
    match (node, shape) {
        (Value::Object(_), Shape::Model(t)) => model(root, path.to_vec(), node, t).into_py_any(py),
        (Value::Array(items), Shape::List(inner)) if matches!(inner, Shape::Model(_)) => {
            let mut out = Vec::with_capacity(items.len());
            let mut p = path.to_vec();
            for (i, item) in items.iter().enumerate() {
                p.push(Seg::Idx(i));
                out.push(to_py(py, root, &p, item, *inner)?);
                p.pop();
            }
            PyList::new(py, out)?.into_py_any(py)
        }
        (Value::Object(m), Shape::Map(inner)) if matches!(inner, Shape::Model(_)) => {
            let d = PyDict::new(py);
            let mut p = path.to_vec();
            for (k, v) in m {
                p.push(Seg::Key(Arc::from(k.as_str())));
                d.set_item(k, to_py(py, root, &p, v, *inner)?)?;
                p.pop();
            }
            d.into_py_any(py)
        }
        _ => plain(py, node),
    }
}

/// Plain Python values (dicts, lists, scalars) for JSON.
pub fn plain(py: Python<'_>, v: &Value) -> PyResult<Py<PyAny>> {
    Ok(match v {
        Value::Null => py.None(),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any().unbind(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_py_any(py)?
            } else if let Some(u) = n.as_u64() {
                u.into_py_any(py)?
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_py_any(py)?
            }
        }
        Value::String(s) => PyString::new(py, s).into_any().unbind(),
        Value::Array(a) => {
            let items = a
                .iter()
                .map(|x| plain(py, x))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any().unbind()
        }
        Value::Object(m) => {
            let d = PyDict::new(py);
            for (k, x) in m {
                d.set_item(k, plain(py, x)?)?;
            }
            d.into_any().unbind()
        }
    })
}

static NOT_GIVEN: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Registers the `NOT_GIVEN` sentinel: dict entries holding it are left out.
#[pyfunction]
pub fn _set_not_given(py: Python<'_>, sentinel: Py<PyAny>) {
    let _ = NOT_GIVEN.set(py, sentinel);
}

/// JSON for a Python value: `None`, bools, ints, floats, strings, sequences, mappings, models.
pub fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        return match obj.extract::<i64>() {
            Ok(i) => Ok(Value::from(i)),
            Err(_) => Ok(Value::from(obj.extract::<u64>()?)),
        };
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return serde_json::Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err("NaN and infinities cannot be sent as JSON"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        return dict_to_map(d).map(Value::Object);
    }
    if let Ok(m) = obj.cast::<BaseModel>() {
        return Ok(m.get().node().clone());
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let items = obj
            .try_iter()?
            .map(|x| from_py(&x?))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(Value::Array(items));
    }
    if let Ok(m) = obj.cast::<pyo3::types::PyMapping>() {
        let d = PyDict::new(obj.py());
        d.update(m)?;
        return dict_to_map(&d).map(Value::Object);
    }
    Err(PyTypeError::new_err(format!(
        "cannot send a value of type {} as JSON",
        obj.get_type().name()?
    )))
}

/// A JSON object for a dict, leaving out `NOT_GIVEN` values.
pub fn dict_to_map(d: &Bound<'_, PyDict>) -> PyResult<Map<String, Value>> {
    let skip = NOT_GIVEN.get(d.py());
    let mut out = Map::new();
    for (k, v) in d.iter() {
        if skip.is_some_and(|s| v.is(s.bind(d.py()))) {
            continue;
        }
        let key: String = k
            .extract()
            .map_err(|_| PyTypeError::new_err("mapping keys must be strings"))?;
        out.insert(key, from_py(&v)?);
    }
    Ok(out)
}

fn redacted(model: &BaseModel, py: Python<'_>) -> PyResult<String> {
    let mut parts = Vec::new();
    for (k, v) in model.obj() {
        let shown = if SECRET_FIELDS.contains(&k.as_str()) && v.is_string() {
            "'<redacted>'".to_owned()
        } else if v.is_object() {
            "{...}".to_owned()
        } else if let Value::Array(a) = v {
            format!("[...{} items]", a.len())
        } else {
            plain(py, v)?.bind(py).repr()?.to_string()
        };
        parts.push(format!("{k}={shown}"));
    }
    Ok(format!("{}({})", model.type_name(), parts.join(", ")))
}

#[pymethods]
impl BaseModel {
    fn __getattr__(&self, py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
        let obj = self.obj();
        let field = self
            .ty
            .and_then(|t| MODELS[t as usize].fields.iter().find(|f| f.0 == name));
        let (wire, shape) = match field {
            Some((_, wire, shape)) => (*wire, *shape),
            None if obj.contains_key(name) => (name, Shape::Any),
            None => {
                return Err(PyAttributeError::new_err(format!(
                    "'{}' object has no attribute '{name}'",
                    self.type_name()
                )));
            }
        };
        match obj.get(wire) {
            None => Ok(py.None()),
            Some(v) => {
                let mut path = self.path.clone();
                path.push(Seg::Key(Arc::from(wire)));
                to_py(py, &self.root, &path, v, shape)
            }
        }
    }

    fn __dir__(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .ty
            .map(|t| {
                MODELS[t as usize]
                    .fields
                    .iter()
                    .map(|f| f.0.to_owned())
                    .collect()
            })
            .unwrap_or_default();
        for k in self.obj().keys() {
            if !names.contains(k) {
                names.push(k.clone());
            }
        }
        names.extend(["to_dict", "to_json", "model_dump", "model_dump_json"].map(String::from));
        names
    }

    /// Every field as plain Python values (unknown fields included).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        plain(py, self.node())
    }

    /// Same as `to_dict()`, by the name pydantic uses.
    fn model_dump(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        plain(py, self.node())
    }

    /// The object as JSON text.
    #[pyo3(signature = (*, indent = 2))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_text(self.node(), indent)
    }

    /// Same as `to_json()`, compact by default, by the name pydantic uses.
    #[pyo3(signature = (*, indent = None))]
    fn model_dump_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_text(self.node(), indent)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<BaseModel>() {
            Ok(o) => self.node() == o.get().node(),
            Err(_) => false,
        }
    }

    fn __contains__(&self, key: &str) -> bool {
        self.obj().contains_key(key)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        redacted(self, py)
    }

    fn __str__(&self, py: Python<'_>) -> PyResult<String> {
        redacted(self, py)
    }

    #[classattr]
    const __hash__: Option<Py<PyAny>> = None;

    /// The type name from the spec (e.g. `User`).
    #[getter]
    fn _type_name(&self) -> &'static str {
        self.type_name()
    }

    /// `isinstance(x, SomeModel)` is true for every model: the stubs tell them apart.
    #[classmethod]
    fn __class_getitem__(
        cls: &Bound<'_, pyo3::types::PyType>,
        _item: &Bound<'_, PyAny>,
    ) -> Py<PyAny> {
        cls.clone().into_any().unbind()
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

/// The Python object for a parsed response of `sdk_method`.
pub fn result(py: Python<'_>, sdk_method: &str, value: Value) -> PyResult<Py<PyAny>> {
    let root = Arc::new(value);
    to_py(py, &root, &[], &root, crate::generated::output(sdk_method))
}

/// Makes `BaseModel` usable from the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("BaseModel", BaseModel::type_object(m.py()))?;
    m.add_function(wrap_pyfunction!(_set_not_given, m)?)?;
    Ok(())
}
