//! Renders the contract cases: each operation called twice against the mock server, with
//! required parameters only and with every parameter, from the shared [`crate::sample`]s.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::syntax::{clearable, ident, is_request_body, module_doc, variant_names};
use crate::ir::{Api, Field, Kind, Location, Op, Ty};
use crate::sample;

/// The contract cases module.
pub(crate) fn module(api: &Api) -> TokenStream {
    let count = Literal::usize_unsuffixed(api.ops.len());
    let calls = api.ops.iter().map(|op| {
        let (required, full) = (op_value(api, op, false), op_value(api, op, true));
        quote!(t.check(#required, #full).await;)
    });
    let doc =
        module_doc("Two calls per operation: required parameters only, then every parameter.");
    quote! {
        #doc

        #[allow(unused_imports)]
        use openai_admin::models::*;
        use openai_admin::ops;
        use openai_admin::ops::*;

        /// The number of operations below.
        pub(crate) const COUNT: usize = #count;

        /// Runs every case through `t`.
        pub(crate) async fn run_all(t: &mut crate::Tally) {
            #(#calls)*
        }
    }
}

/// The operation struct with sample parameters.
fn op_value(api: &Api, op: &Op, full: bool) -> TokenStream {
    let name = ident(&op.struct_name);
    let params = op.params.iter().map(|p| {
        let id = ident(&p.field.ident);
        let v = if p.location == Location::Path {
            let id = sample::PATH_ID;
            quote!(#id.to_owned())
        } else {
            field_value(api, &p.field, full, false)
        };
        quote!(#id: #v,)
    });
    let body = op.body.as_ref().map(|(t, req)| {
        let v = value(api, t, full);
        let v = match (req, full) {
            (true, _) => v,
            (false, true) => quote!(Some(#v)),
            (false, false) => quote!(None),
        };
        quote!(body: #v,)
    });
    quote!(ops::#name { #(#params)* #body })
}

/// A field's value: its sample, wrapped as the field's type needs (`Some(Some(v))` when
/// `clearable`); `None` for an optional field left out.
fn field_value(api: &Api, f: &Field, full: bool, clearable: bool) -> TokenStream {
    let v = value(api, &f.ty, full);
    match (f.optional(), full || f.required, clearable) {
        (false, _, _) => v,
        (true, false, _) => quote!(None),
        (true, true, false) => quote!(Some(#v)),
        (true, true, true) => quote!(Some(Some(#v))),
    }
}

/// A Rust expression of type `ty`: the same sample as [`sample::json`], with required
/// fields only or every field when `full`.
fn value(api: &Api, ty: &Ty, full: bool) -> TokenStream {
    match ty {
        Ty::Str { sample } => quote!(#sample.to_owned()),
        Ty::Int { sample } => {
            let n = Literal::i64_unsuffixed(*sample);
            quote!(#n)
        }
        Ty::Num => quote!(1.0),
        Ty::Bool => quote!(true),
        Ty::Any | Ty::OneOfShapes { .. } => {
            let json = sample::json(api, ty, full).to_string();
            let json: TokenStream = json.parse().unwrap_or_default();
            quote!(serde_json::json!(#json))
        }
        Ty::Object if full => {
            quote!(
                serde_json::json!({"key": "value"})
                    .as_object()
                    .cloned()
                    .unwrap_or_default()
            )
        }
        Ty::Map(t) if full => {
            let inner = value(api, t, full);
            quote!([("key".to_owned(), #inner)].into_iter().collect())
        }
        Ty::Object | Ty::Map(_) => quote!(Default::default()),
        Ty::Vec(t) => {
            let inner = value(api, t, full);
            quote!(vec![#inner])
        }
        Ty::Named(n) => {
            let name = ident(n);
            match &api.defs[n].kind {
                Kind::Alias(t) => value(api, t, full),
                Kind::Enum(values) => {
                    let first = variant_names(values).into_iter().next().unwrap_or_default();
                    let first = ident(&first);
                    quote!(#name::#first)
                }
                Kind::Union { variants, .. } => match variants.first() {
                    Some((_, variant)) => {
                        let inner = value(api, &Ty::Named(variant.clone()), full);
                        let variant = ident(variant);
                        quote!(#name::#variant(#inner))
                    }
                    None => quote!(#name::Unknown(Default::default())),
                },
                Kind::Struct(fields) => {
                    let in_body = is_request_body(api, n);
                    let ids = fields.iter().map(|f| ident(&f.ident));
                    let values = fields
                        .iter()
                        .map(|f| field_value(api, f, full, full && clearable(in_body, f)));
                    quote!(#name { #(#ids: #values,)* extra: Default::default() })
                }
            }
        }
    }
}
