//! Renders `dispatch.rs`: the sorted table of every operation and the lookups by name.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::syntax::{ident, module_doc};
use crate::ir::Api;

/// The dispatch module.
pub(crate) fn module(api: &Api) -> TokenStream {
    let count = Literal::usize_unsuffixed(api.ops.len());
    let rows = api.ops.iter().map(|op| {
        let name = ident(&op.struct_name);
        // Lists with a cursor follow their pages; the rest stop after one.
        if op.page_style.cursor_param().is_some() {
            quote!(OperationInfo::paged::<ops::#name>())
        } else {
            quote!(OperationInfo::of::<ops::#name>())
        }
    });
    let doc = module_doc(
        "Operations by their official SDK name, with parameters as a JSON object: one sorted\n\
         table, each row carrying the operation's own functions, and a lookup.",
    );
    quote! {
        #doc

        use super::ops;
        use crate::config::Config;
        use crate::error::Error;
        use crate::operation::OperationInfo;
        use crate::params::Params;
        use crate::request::{HttpRequest, RequestOptions};
        use http::{HeaderMap, StatusCode};

        /// Every operation of the Admin API, sorted by SDK method.
        pub static OPERATIONS: [OperationInfo; #count] = [#(#rows),*];

        /// The operation named `sdk_method` (the official Python SDK's name).
        pub fn operation(sdk_method: &str) -> Option<&'static OperationInfo> {
            OPERATIONS.binary_search_by(|o| o.sdk_method.cmp(sdk_method)).ok().map(|i| &OPERATIONS[i])
        }

        fn find(sdk_method: &str) -> Result<&'static OperationInfo, Error> {
            operation(sdk_method).ok_or_else(|| {
                Error::invalid("operation", format!("no operation is named {sdk_method:?}"))
            })
        }

        /// Checks `params` and builds the request of the operation named `sdk_method`
        /// (e.g. `admin.organization.users.list`).
        pub fn build(sdk_method: &str, params: Params, cfg: &Config, opts: &RequestOptions) -> Result<HttpRequest, Error> {
            find(sdk_method)?.build(params, cfg, opts)
        }

        /// Reads a response of the operation named `sdk_method`: checked against its type,
        /// then handed back as JSON (unknown fields included).
        pub fn parse(sdk_method: &str, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<serde_json::Value, Error> {
            find(sdk_method)?.parse(status, headers, body)
        }

        /// Checks a response of the operation named `sdk_method` without keeping the result:
        /// a status error for non-2xx, a decode error when the body does not fit its type.
        pub fn validate(sdk_method: &str, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<(), Error> {
            find(sdk_method)?.validate(status, headers, body)
        }

        /// The parameters for the page after `page` (a response body of the operation named
        /// `sdk_method` called with `params`), or `None` when it was the last.
        pub fn next_params(sdk_method: &str, params: &Params, page: &[u8]) -> Result<Option<Params>, Error> {
            find(sdk_method)?.next_params(params, page)
        }
    }
}
