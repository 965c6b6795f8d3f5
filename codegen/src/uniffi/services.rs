//! The resource tree (`ops.rs`): one service object per resource, one async method per
//! operation, and a pager object per list operation.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use heck::ToSnakeCase;

use super::convert::{Dir, conv};
use super::shape::{OpShape, emit_into_op, emit_params};
use super::{HAND_WRITTEN, HEADER, u_name, u_ty};
use crate::ir::{Api, Op, type_name};

/// The services: node path (Python SDK names) → (accessor names from JS, children, ops).
pub(super) struct Node<'a> {
    pub(super) js: Vec<String>,
    pub(super) children: BTreeSet<Vec<String>>,
    pub(super) ops: Vec<&'a Op>,
}

pub(super) fn service_name(path: &[String]) -> String {
    format!(
        "{}Service",
        path.iter().map(|p| type_name(p)).collect::<String>()
    )
}

pub(super) fn tree(api: &Api) -> BTreeMap<Vec<String>, Node<'_>> {
    let mut t: BTreeMap<Vec<String>, Node<'_>> = BTreeMap::new();
    for op in &api.ops {
        let js: Vec<String> = op.sdk_method_js.split('.').map(str::to_owned).collect();
        assert_eq!(
            js.len(),
            op.module.len() + 1,
            "{}: JS and Python SDK paths differ in depth",
            op.sdk_method
        );
        for depth in 1..=op.module.len() {
            let key = op.module[..depth].to_vec();
            let node = t.entry(key.clone()).or_insert_with(|| Node {
                js: js[..depth].to_vec(),
                children: BTreeSet::new(),
                ops: Vec::new(),
            });
            if depth == op.module.len() {
                node.ops.push(op);
            }
            if depth > 1 {
                let parent = op.module[..depth - 1].to_vec();
                t.get_mut(&parent).map(|p| p.children.insert(key));
            }
        }
    }
    t
}

pub(super) fn is_paged(op: &Op) -> bool {
    op.page_style.is_list()
}

pub(super) fn emit_ops(api: &Api) -> String {
    let mut s = String::from(HEADER);
    s.push_str("//! Every operation as a typed async method on the resource tree, with its params record\n//! and, for lists, its pager.\n\n");
    s.push_str("#![allow(unused_imports, clippy::all)]\n\n");
    s.push_str("use std::collections::{BTreeMap, HashMap};\nuse std::sync::Arc;\n\nuse openai_admin::models as cm;\nuse openai_admin::ops as co;\nuse serde_json::{Map, Value};\n\n");
    s.push_str("use super::models::*;\nuse crate::client::{AdminClient, Inner, send};\nuse crate::error::AdminError;\nuse crate::json::{JsonValue, object_in, object_out};\nuse crate::options::CallOptions;\nuse crate::pager::PagerCore;\n\n");

    let t = tree(api);
    let mut taken: BTreeSet<String> = api.defs.keys().map(|n| u_name(n)).collect();
    for h in HAND_WRITTEN {
        assert!(taken.insert((*h).to_owned()), "a model is named {h}");
    }
    let mut claim = |n: &str| {
        assert!(taken.insert(n.to_owned()), "generated name {n} is taken");
    };

    // Root accessor.
    let roots: Vec<&Vec<String>> = t.keys().filter(|k| k.len() == 1).collect();
    s.push_str("#[uniffi::export]\nimpl AdminClient {\n");
    for r in &roots {
        let _ = writeln!(
            s,
            "    /// The `{}` resources.\n    pub fn {}(&self) -> Arc<{}> {{\n        Arc::new({} {{ inner: self.inner.clone() }})\n    }}",
            r[0],
            t[*r].js[0].to_snake_case(),
            service_name(r),
            service_name(r)
        );
    }
    s.push_str("}\n\n");

    for (path, node) in &t {
        let svc = service_name(path);
        claim(&svc);
        let _ = writeln!(
            s,
            "/// `{}`: its operations and sub-resources.\n#[derive(Debug, uniffi::Object)]\npub struct {svc} {{\n    inner: Arc<Inner>,\n}}\n",
            node.js.join(".")
        );
        let mut methods = BTreeSet::new();
        let mut body = String::new();
        for c in &node.children {
            let acc = t[c]
                .js
                .last()
                .map(|j| j.to_snake_case())
                .unwrap_or_default();
            assert!(
                methods.insert(acc.clone()),
                "{svc}: two members named {acc}"
            );
            let _ = writeln!(
                body,
                "    /// `{}`.\n    pub fn {acc}(&self) -> Arc<{}> {{\n        Arc::new({} {{ inner: self.inner.clone() }})\n    }}\n",
                t[c].js.join("."),
                service_name(c),
                service_name(c)
            );
        }
        let mut extra = String::new();
        for op in &node.ops {
            let sh = OpShape::new(api, op);
            if sh.has_params() {
                claim(&sh.params_name);
            }
            extra.push_str(&emit_params(api, &sh));
            extra.push_str(&emit_into_op(api, &sh));
            let verb = sh.method();
            assert!(
                methods.insert(verb.clone()),
                "{svc}: two members named {verb}"
            );
            let out_ty = u_ty(api, &op.output);
            let out_conv = conv(api, &op.output, "o", Dir::Out);
            let mut args = String::new();
            let mut call = String::new();
            let mut defaults = Vec::new();
            if let Some(o) = sh.own {
                let _ = write!(args, ", {}: String", o.ident);
                let _ = write!(call, "{}, ", o.ident);
            }
            if sh.has_params() {
                if sh.params_default() {
                    // uniffi 0.32 takes a type's natural default only for the last argument:
                    // an all-optional params record is an `Option` defaulting to `None`.
                    let _ = write!(args, ", params: Option<{}>", sh.params_name);
                    call.push_str("params.unwrap_or_default()");
                    defaults.push("params = None");
                } else {
                    let _ = write!(args, ", params: {}", sh.params_name);
                    call.push_str("params");
                }
            } else {
                call.push_str("()");
            }
            args.push_str(", options: CallOptions");
            defaults.push("options");
            let fn_name = op.struct_name.to_snake_case();
            let _ = writeln!(
                body,
                "    /// `{} {}` (`{}`).\n    #[uniffi::method(default({}))]\n    pub async fn {verb}(&self{args}) -> Result<{out_ty}, AdminError> {{\n        let op = {fn_name}_op({call})?;\n        send(self.inner.clone(), op, options, |o| {out_conv}).await\n    }}\n",
                op.method,
                op.path,
                op.sdk_method_js,
                defaults.join(", ")
            );
            if is_paged(op) {
                let pager = format!("{}Pager", op.struct_name);
                claim(&pager);
                let pverb = format!("{verb}_pager");
                assert!(
                    methods.insert(pverb.clone()),
                    "{svc}: two members named {pverb}"
                );
                let _ = writeln!(
                    body,
                    "    /// A pager over `{}`: each `next_page()` fetches one page.\n    #[uniffi::method(default({}))]\n    pub fn {pverb}(&self{args}) -> Result<Arc<{pager}>, AdminError> {{\n        let op = {fn_name}_op({call})?;\n        Ok(Arc::new({pager}(PagerCore::new(self.inner.clone(), op, options))))\n    }}\n",
                    op.sdk_method_js,
                    defaults.join(", ")
                );
                let _ = writeln!(
                    extra,
                    "/// The pages of `{}`, one `next_page()` at a time.\n#[derive(Debug, uniffi::Object)]\npub struct {pager}(PagerCore<co::{}>);\n\n#[uniffi::export]\nimpl {pager} {{\n    /// The next page, or `None` when the walk is over (last page, a repeated cursor, or the\n    /// page cap). A failed request leaves the pager where it was.\n    pub async fn next_page(&self) -> Result<Option<{out_ty}>, AdminError> {{\n        self.0.next_page(|o| {out_conv}).await\n    }}\n\n    /// How many pages this pager has fetched.\n    pub fn pages_fetched(&self) -> u64 {{\n        self.0.pages_fetched()\n    }}\n}}\n",
                    op.sdk_method_js, op.struct_name
                );
            }
        }
        if !body.is_empty() {
            let _ = writeln!(s, "#[uniffi::export]\nimpl {svc} {{\n{body}}}\n");
        }
        s.push_str(&extra);
    }
    s
}
