//! The Python resource tree under `client.admin`: the runtime classes (`resources.py`) and
//! their stubs (`resources.pyi`), sync and async, plain and with raw responses.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::ir::{Api, Field, Kind, Location, Op, Ty, type_name};
use crate::python::{PY_HEADER, py_ident, py_ty};

pub(crate) struct Arg {
    pub(crate) py: String,
    pub(crate) wire: String,
    pub(crate) ty: Ty,
    pub(crate) required: bool,
    pub(crate) positional: bool,
}

pub(crate) fn args(api: &Api, op: &Op) -> Vec<Arg> {
    let mut out = Vec::new();
    let path: Vec<&Field> = op
        .params
        .iter()
        .filter(|p| p.location == Location::Path)
        .map(|p| &p.field)
        .collect();
    let last = path.last().map(|f| f.wire.clone());
    for p in &op.params {
        out.push(Arg {
            py: py_ident(&p.field.wire),
            wire: p.field.wire.clone(),
            ty: p.field.ty.clone(),
            required: p.field.required || p.location == Location::Path,
            positional: p.location == Location::Path && Some(&p.field.wire) == last.as_ref(),
        });
    }
    if let Some((t, body_required)) = &op.body {
        for f in body_fields(api, t) {
            if out.iter().any(|a| a.wire == f.wire) {
                continue;
            }
            out.push(Arg {
                py: py_ident(&f.wire),
                wire: f.wire.clone(),
                ty: f.ty.clone(),
                required: f.required && *body_required,
                positional: false,
            });
        }
    }
    out
}

/// The body's top-level fields (for a union, every variant's, all optional).
fn body_fields(api: &Api, ty: &Ty) -> Vec<Field> {
    match api.resolve(ty) {
        Ty::Named(n) => match &api.defs[n].kind {
            Kind::Struct(f) => f.clone(),
            Kind::Union { variants, .. } => {
                let mut out: Vec<Field> = Vec::new();
                for (_, v) in variants {
                    for mut f in body_fields(api, &Ty::Named(v.clone())) {
                        if !out.iter().any(|o| o.wire == f.wire) {
                            f.required = false;
                            out.push(f);
                        }
                    }
                }
                out
            }
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn doc(op: &Op) -> String {
    let sentence = if op.page_style.is_list() {
        format!("{} Iterate over the result to walk every page.", op.doc)
    } else {
        op.doc.clone()
    };
    format!("{sentence}\n\n        `{} {}`", op.method, op.path)
}

#[derive(Default)]
struct Node<'a> {
    children: BTreeMap<String, Vec<String>>,
    ops: Vec<&'a Op>,
}

pub(crate) struct Tree<'a> {
    nodes: BTreeMap<Vec<String>, Node<'a>>,
}

fn class_name(path: &[String]) -> String {
    path.iter().map(|p| type_name(p)).collect()
}

impl<'a> Tree<'a> {
    pub(crate) fn new(api: &'a Api) -> Self {
        let mut nodes: BTreeMap<Vec<String>, Node<'a>> = BTreeMap::new();
        for op in &api.ops {
            for depth in 1..=op.module.len() {
                let path = op.module[..depth].to_vec();
                nodes.entry(path.clone()).or_default();
                if depth > 1 {
                    let parent = op.module[..depth - 1].to_vec();
                    nodes
                        .entry(parent)
                        .or_default()
                        .children
                        .insert(op.module[depth - 1].clone(), path);
                }
            }
            nodes.entry(op.module.clone()).or_default().ops.push(op);
        }
        Self { nodes }
    }

    pub(crate) fn runtime(&self, api: &Api) -> String {
        let mut s = String::from(PY_HEADER);
        s.push_str("\"\"\"The resource tree under `client.admin`, sync and async.\"\"\"\n\n");
        s.push_str("# ruff: noqa: A002, E501\n");
        s.push_str("from functools import cached_property\n\n");
        s.push_str("from .._resource import NOT_GIVEN, SyncAPIResource\n\n");
        // One tree serves both clients: each method hands its call to the client, which
        // sends it (sync or async); the async names are the same classes.
        for (path, node) in self.nodes.iter().rev() {
            let _ = writeln!(s, "\nclass {}(SyncAPIResource):", class_name(path));
            let _ = writeln!(s, "    \"\"\"`client.{}`\"\"\"\n", path.join("."));
            for (name, child) in &node.children {
                let _ = writeln!(
                    s,
                    "    @cached_property\n    def {name}(self):\n        return {}(self._c, self._raw)\n",
                    class_name(child)
                );
            }
            for op in &node.ops {
                s.push_str(&method_runtime(api, op));
            }
        }
        s.push('\n');
        for path in self.nodes.keys() {
            let _ = writeln!(s, "Async{0} = {0}", class_name(path));
        }
        s
    }

    pub(crate) fn stubs(&self, api: &Api) -> String {
        let mut s = String::from(PY_HEADER);
        s.push_str("# ruff: noqa: E501\n");
        s.push_str("import typing as _t\n\n");
        s.push_str("from .. import types as _m\n");
        s.push_str("from .._base_client import AsyncPage, AsyncPaginator, SyncPage\n");
        s.push_str("from .._resource import AsyncAPIResource, NotGiven, SyncAPIResource\n");
        s.push_str("from .._response import APIResponse, AsyncAPIResponse, LegacyAPIResponse\n\n");
        for asy in [false, true] {
            for raw in [Mode::Plain, Mode::Raw, Mode::Streaming] {
                for (path, node) in self.nodes.iter().rev() {
                    let prefix = if asy { "Async" } else { "" };
                    let suffix = raw.suffix();
                    let base = if asy {
                        "AsyncAPIResource"
                    } else {
                        "SyncAPIResource"
                    };
                    let _ = writeln!(s, "\nclass {prefix}{}{suffix}({base}):", class_name(path));
                    if raw == Mode::Plain {
                        for mode in [Mode::Raw, Mode::Streaming] {
                            let _ = writeln!(
                                s,
                                "    @property\n    def with_{}_response(self) -> {prefix}{}{}: ...",
                                mode.word(),
                                class_name(path),
                                mode.suffix()
                            );
                        }
                    }
                    for (name, child) in &node.children {
                        let _ = writeln!(
                            s,
                            "    @property\n    def {name}(self) -> {prefix}{}{suffix}: ...",
                            class_name(child)
                        );
                    }
                    for op in &node.ops {
                        s.push_str(&method_stub(api, op, asy, raw));
                    }
                    if node.children.is_empty() && node.ops.is_empty() {
                        s.push_str("    pass\n");
                    }
                }
            }
        }
        s
    }
}

fn method_runtime(api: &Api, op: &Op) -> String {
    let verb = op.verb.as_str();
    let args = args(api, op);
    let mut sig = String::from("self");
    for a in args.iter().filter(|a| a.positional) {
        let _ = write!(sig, ", {}", a.py);
    }
    sig.push_str(", *");
    for a in args.iter().filter(|a| !a.positional) {
        if a.required {
            let _ = write!(sig, ", {}", a.py);
        } else {
            let _ = write!(sig, ", {}=NOT_GIVEN", a.py);
        }
    }
    sig.push_str(", extra_headers=None, extra_query=None, extra_body=None, timeout=NOT_GIVEN");
    let params: Vec<String> = args
        .iter()
        .map(|a| format!("{:?}: {}", a.wire, a.py))
        .collect();
    let call_args = format!(
        "{:?}, {{{}}}, extra_headers, extra_query, extra_body, timeout, self._raw",
        op.sdk_method,
        params.join(", ")
    );
    // The client (sync or async) decides how to send; a list gives a page.
    let call = match api.page_item(op).is_some() {
        false => format!("self._c._call({call_args})"),
        true => format!("self._c._page({call_args})"),
    };
    format!(
        "    def {verb}({sig}):\n        \"\"\"{}\"\"\"\n        return {call}\n\n",
        doc(op)
    )
}

/// What the methods of a resource class return: the result, the raw response, or a context
/// manager of a streamed response.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Plain,
    Raw,
    Streaming,
}

impl Mode {
    fn suffix(self) -> &'static str {
        match self {
            Mode::Plain => "",
            Mode::Raw => "WithRawResponse",
            Mode::Streaming => "WithStreamingResponse",
        }
    }

    fn word(self) -> &'static str {
        match self {
            Mode::Raw => "raw",
            _ => "streaming",
        }
    }
}

fn method_stub(api: &Api, op: &Op, asy: bool, raw: Mode) -> String {
    let verb = op.verb.as_str();
    let args = args(api, op);
    let mut sig = String::from("self");
    for a in args.iter().filter(|a| a.positional) {
        let _ = write!(sig, ", {}: {}", a.py, py_ty(api, &a.ty, true, "_m."));
    }
    sig.push_str(", *");
    for a in args.iter().filter(|a| !a.positional) {
        let t = py_ty(api, &a.ty, true, "_m.");
        if a.required {
            let _ = write!(sig, ", {}: {t}", a.py);
        } else {
            let _ = write!(sig, ", {}: _t.Union[{t}, None, NotGiven] = ...", a.py);
        }
    }
    sig.push_str(", extra_headers: _t.Optional[_t.Mapping[str, str]] = None, extra_query: _t.Optional[_t.Mapping[str, object]] = None, extra_body: _t.Optional[_t.Mapping[str, object]] = None, timeout: _t.Union[float, None, NotGiven] = ...");
    let out = py_ty(api, &op.output, false, "_m.");
    let page = api.page_item(op);
    let result = match (&page, asy) {
        (Some(item), false) => format!("SyncPage[{}]", py_ty(api, item, false, "_m.")),
        (Some(item), true) => format!("AsyncPage[{}]", py_ty(api, item, false, "_m.")),
        (None, _) => out,
    };
    let ret = match (&page, asy, raw) {
        (Some(item), true, Mode::Plain) => {
            format!("AsyncPaginator[{}]", py_ty(api, item, false, "_m."))
        }
        (_, _, Mode::Plain) => result,
        (_, _, Mode::Raw) => format!("LegacyAPIResponse[{result}]"),
        (_, false, Mode::Streaming) => format!("_t.ContextManager[APIResponse[{result}]]"),
        (_, true, Mode::Streaming) => {
            format!("_t.AsyncContextManager[AsyncAPIResponse[{result}]]")
        }
    };
    let kw = if asy && ((page.is_none() && raw != Mode::Streaming) || raw == Mode::Raw) {
        "async def"
    } else {
        "def"
    };
    format!(
        "    {kw} {verb}({sig}) -> {ret}:\n        \"\"\"{}\"\"\"\n\n",
        doc(op)
    )
}
