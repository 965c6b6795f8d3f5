//! Renders operations: the parameter struct, its `Operation` impl (how the request is
//! built), `Paginated` for lists, and `FromParams` for hosts that call it by name.

use proc_macro2::TokenStream;
use quote::quote;

use super::syntax::{
    clearable, defaultable, doc, field_ty, ident, is_request_body, rust_ty, struct_fields,
};
use crate::ir::{Api, Field, Kind, Location, Op, PageStyle, Ty};

/// The Rust items of one operation.
pub(crate) fn op(api: &Api, op: &Op) -> Result<TokenStream, String> {
    let name = ident(&op.struct_name);
    let default = op
        .params
        .iter()
        .all(|p| p.field.optional() || defaultable(api, &p.field.ty))
        && op
            .body
            .as_ref()
            .is_none_or(|(t, req)| !req || defaultable(api, t));
    let default = default.then(|| quote!(, Default));
    let d = doc(&format!(
        "{}\n\n`{} {}`; `{}` in the official SDKs.",
        op.doc, op.method, op.path, op.sdk_method
    ));
    let params = op.params.iter().map(|p| {
        let place = match p.location {
            Location::Path => "Path",
            _ => "Query",
        };
        let d = doc(&format!("{place} parameter `{}`.", p.field.wire));
        let id = ident(&p.field.ident);
        let t = field_ty(api, false, &p.field);
        quote!(#d pub #id: #t,)
    });
    let body = op.body.as_ref().map(|(t, req)| {
        let t = rust_ty(t);
        let t = if *req { t } else { quote!(Option<#t>) };
        quote!(/// The JSON body.
               pub body: #t,)
    });

    let output = rust_ty(&op.output);
    let (method, path) = (&op.method, &op.path);
    let method_ident = ident(&op.method);
    let (operation_id, sdk_method, sdk_method_js) =
        (&op.operation_id, &op.sdk_method, &op.sdk_method_js);
    let style = ident(op.page_style.variant());
    let idempotent = op.idempotent;
    let build = build_steps(api, op)?;
    let paginated = paginated(api, op)?;
    let from_params = from_params(api, op);
    Ok(quote! {
        #d
        #[derive(Debug, Clone, PartialEq #default)]
        pub struct #name {
            #(#params)*
            #body
        }

        impl Operation for #name {
            type Output = #output;
            const METHOD: &'static str = #method;
            const PATH: &'static str = #path;
            const OPERATION_ID: &'static str = #operation_id;
            const SDK_METHOD: &'static str = #sdk_method;
            const SDK_METHOD_JS: &'static str = #sdk_method_js;
            const PAGE_STYLE: PageStyle = PageStyle::#style;
            const IDEMPOTENT: bool = #idempotent;
            fn build(&self, cfg: &Config, opts: &RequestOptions) -> Result<HttpRequest, Error> {
                let mut r = RequestBuilder::new(cfg, Method::#method_ident);
                #build
                r.finish(opts)
            }
        }

        #paginated
        #from_params
    })
}

/// The statements that put the path, the query and the body on the request `r`.
fn build_steps(api: &Api, op: &Op) -> Result<TokenStream, String> {
    let mut out = TokenStream::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').ok_or("unclosed `{` in path")? + start;
        let literal = &rest[..start];
        if !literal.is_empty() {
            out.extend(quote!(r.path(#literal);));
        }
        let name = &rest[start + 1..end];
        let p = op
            .params
            .iter()
            .find(|p| p.field.wire == name)
            .ok_or_else(|| format!("path parameter {name} is not declared"))?;
        let id = ident(&p.field.ident);
        out.extend(quote!(r.path_param(#name, &self.#id)?;));
        rest = &rest[end + 1..];
    }
    if !rest.is_empty() {
        out.extend(quote!(r.path(#rest);));
    }
    for p in &op.params {
        let id = ident(&p.field.ident);
        let wire = &p.field.wire;
        match p.location {
            Location::Path => {}
            Location::Query => out.extend(quote!(r.query(#wire, &self.#id);)),
            Location::QueryObject => {
                let Ty::Named(obj) = &p.field.ty else {
                    return Err(format!("query object {wire} is not a struct"));
                };
                let Kind::Struct(fields) = &api.defs[obj].kind else {
                    return Err(format!("query object {wire} is not a struct"));
                };
                let (access, open) = if p.field.optional() {
                    (quote!(o), quote!(if let Some(o) = &self.#id))
                } else {
                    (quote!(&self.#id), quote!())
                };
                let keys = fields.iter().map(|f| format!("{wire}[{}]", f.wire));
                let ids = fields.iter().map(|f| ident(&f.ident));
                out.extend(quote!(#open { #(r.query(#keys, &#access.#ids);)* }));
            }
        }
    }
    match &op.body {
        Some((_, true)) => out.extend(quote!(r.json(&self.body)?;)),
        Some((_, false)) => out.extend(quote!(if let Some(b) = &self.body {
            r.json(b)?;
        })),
        None => {}
    }
    Ok(out)
}

/// `Paginated` for a list operation: where its page's facts and items are, and how its
/// cursor is set.
fn paginated(api: &Api, op: &Op) -> Result<Option<TokenStream>, String> {
    if !op.page_style.is_list() {
        return Ok(None);
    }
    let name = ident(&op.struct_name);
    let fields = struct_fields(api, &op.output);
    let find = |w: &str| fields.iter().find(|f| f.wire == w);
    let data = find("data").ok_or("a list without `data`")?;
    let Ty::Vec(item) = &data.ty else {
        return Err("`data` is not an array".to_owned());
    };
    let item_ty = rust_ty(item);
    let (items, items_ref) = if data.optional() {
        (
            quote!(page.data.unwrap_or_default()),
            quote!(page.data.as_deref().unwrap_or(&[])),
        )
    } else {
        (quote!(page.data), quote!(&page.data))
    };
    // An owned copy of a page field, as `Option<_>`.
    let owned = |f: &Field| {
        let id = ident(&f.ident);
        if f.optional() {
            quote!(page.#id.clone())
        } else {
            quote!(Some(page.#id.clone()))
        }
    };
    let has_more = find("has_more").map(|f| {
        if f.optional() {
            quote!(page.has_more)
        } else {
            quote!(Some(page.has_more))
        }
    });
    let cursor = match op.page_style.cursor_field() {
        Some(field) => Some(owned(find(field).ok_or(format!("no `{field}` field"))?)),
        None => None,
    };
    let last_item_id = if op.page_style == PageStyle::AfterItemId {
        let id = struct_fields(api, item).iter().find(|f| f.wire == "id");
        let id = id.ok_or("page items have no `id`")?;
        let get = if id.optional() {
            quote!(and_then(|x| x.id.clone()))
        } else {
            quote!(map(|x| x.id.clone()))
        };
        let list = if data.optional() {
            quote!(page.data.as_deref().unwrap_or(&[]))
        } else {
            quote!(page.data)
        };
        Some(quote!(#list.last().#get))
    } else {
        None
    };
    let page_arg = if has_more.is_none() && cursor.is_none() && last_item_id.is_none() {
        quote!(_page)
    } else {
        quote!(page)
    };
    let [has_more, cursor, last_item_id] =
        [has_more, cursor, last_item_id].map(|v| v.unwrap_or(quote!(None)));
    let cursor_fns = match op.page_style.cursor_param() {
        Some(param) => {
            let p = op.params.iter().find(|p| p.field.wire == param);
            let p = p.ok_or(format!("no `{param}` parameter"))?;
            if !p.field.optional() {
                return Err(format!("the cursor parameter `{param}` must be optional"));
            }
            let id = ident(&p.field.ident);
            quote! {
                fn with_cursor(&self, cursor: String) -> Self {
                    Self { #id: Some(cursor), ..self.clone() }
                }
                fn cursor(&self) -> Option<&str> {
                    self.#id.as_deref()
                }
            }
        }
        None => quote! {
            fn with_cursor(&self, _cursor: String) -> Self {
                self.clone()
            }
            fn cursor(&self) -> Option<&str> {
                None
            }
        },
    };
    Ok(Some(quote! {
        impl Paginated for #name {
            type Item = #item_ty;
            fn facts(#page_arg: &Self::Output) -> PageFacts {
                PageFacts { has_more: #has_more, cursor: #cursor, last_item_id: #last_item_id }
            }
            #cursor_fns
            fn items(page: Self::Output) -> Vec<Self::Item> {
                #items
            }
            fn items_ref(page: &Self::Output) -> &[Self::Item] {
                #items_ref
            }
        }
    }))
}

/// Takes field `f` out of the params `p`: required, optional, or nullable when clearable.
fn take(f: &Field, clearable: bool) -> TokenStream {
    let how = if clearable {
        quote!(nullable)
    } else if f.optional() {
        quote!(optional)
    } else {
        quote!(required)
    };
    let wire = &f.wire;
    quote!(params::#how(&mut p, #wire)?)
}

/// `FromParams`: body fields first, then parameters, then a check that nothing is left.
fn from_params(api: &Api, op: &Op) -> TokenStream {
    let name = ident(&op.struct_name);
    let takes_any = !op.params.is_empty() || op.body.is_some();
    let arg = if takes_any { quote!(mut p) } else { quote!(p) };
    let mut fields: Vec<TokenStream> = op
        .params
        .iter()
        .map(|prm| {
            let id = ident(&prm.field.ident);
            let t = take(&prm.field, false);
            quote!(#id: #t)
        })
        .collect();
    let mut rest_taken = false;
    let mut body_stmt = TokenStream::new();
    if let Some((ty, req)) = &op.body {
        let struct_body = match ty {
            Ty::Named(n) => match &api.defs[n].kind {
                Kind::Struct(fs) => Some((n, fs)),
                _ => None,
            },
            _ => None,
        };
        let build = match struct_body {
            Some((n, fs)) => {
                let in_body = is_request_body(api, n);
                let n = ident(n);
                let ids = fs.iter().map(|f| ident(&f.ident));
                let takes = fs.iter().map(|f| take(f, clearable(in_body, f)));
                quote!(#n { #(#ids: #takes,)* extra: Extra::new() })
            }
            None => {
                rest_taken = true;
                quote!(params::whole_body(std::mem::take(&mut p))?)
            }
        };
        body_stmt = if *req {
            quote!(let body = #build;)
        } else {
            quote!(let body = if p.is_empty() { None } else { Some(#build) };)
        };
        fields.push(quote!(body));
    }
    let finish = (!rest_taken).then(|| quote!(params::finish(p)?;));
    quote! {
        impl FromParams for #name {
            fn from_params(#arg: Params) -> Result<Self, Error> {
                #body_stmt
                let op = Self { #(#fields),* };
                #finish
                Ok(op)
            }
        }
    }
}
