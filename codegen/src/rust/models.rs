//! Renders definitions: structs (with a field-by-field deserializer that keeps unknown
//! fields), string enums and tagged unions (with an `Unknown` case), and aliases.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::syntax::{
    boxes_fields, clearable, defaultable, doc, field_ty, ident, is_request_body, rust_ty, slot_ty,
    type_text, variant_names,
};
use crate::ir::{Api, Def, Field, Kind, Ty};

/// The Rust items of one definition.
pub(crate) fn def(api: &Api, def: &Def) -> TokenStream {
    let name = ident(&def.name);
    match &def.kind {
        Kind::Alias(ty) => {
            let t = rust_ty(ty);
            let d = doc(&format!(
                "The `{}` schema: a plain `{}`.",
                def.name,
                type_text(ty)
            ));
            quote! { #d pub type #name = #t; }
        }
        Kind::Struct(fields) => structure(api, def, fields),
        Kind::Enum(values) => string_enum(def, values),
        Kind::Union { tag, variants } => union(def, tag, variants),
    }
}

fn structure(api: &Api, def: &Def, fields: &[Field]) -> TokenStream {
    let name = ident(&def.name);
    let fields_name = format_ident!("{}Fields", def.name);
    let name_str = &def.name;
    let boxed = boxes_fields(api, fields);
    let in_body = is_request_body(api, &def.name);
    let default = defaultable(api, &Ty::Named(def.name.clone())).then(|| quote!(, Default));
    let d = doc(&format!(
        "{} Fields the spec does not list are kept in `extra`.",
        def.doc
    ));

    let public = fields.iter().map(|f| {
        let id = ident(&f.ident);
        let need = if f.required { "required" } else { "optional" };
        let null = if clearable(in_body, f) {
            ", may be null: `Some(None)` sends `null`"
        } else if f.nullable {
            ", may be null"
        } else {
            ""
        };
        let d = doc(&format!("`{}` ({need}{null}).", f.wire));
        let wire = &f.wire;
        let rename =
            (f.ident.trim_start_matches("r#") != f.wire).then(|| quote!(#[serde(rename = #wire)]));
        let skip = (!f.required).then(|| quote!(#[serde(skip_serializing_if = "Option::is_none")]));
        let t = slot_ty(api, in_body, boxed, f);
        quote! { #d #rename #skip pub #id: #t, }
    });

    // A field's slot is `None` until the field arrives. An optional field that reads
    // missing and `null` alike needs no slot of its own: its type is the slot.
    let wraps = |f: &Field| !f.optional() || clearable(in_body, f);
    let slots = fields.iter().map(|f| {
        let id = ident(&f.ident);
        let t = field_ty(api, boxed, f);
        if wraps(f) {
            quote!(#id: Option<#t>,)
        } else {
            quote!(#id: #t,)
        }
    });
    let arms = fields.iter().map(|f| {
        let id = ident(&f.ident);
        let wire = &f.wire;
        if wraps(f) {
            quote!(#wire => self.#id = Some(Deserialize::deserialize(d)?),)
        } else {
            quote!(#wire => self.#id = Deserialize::deserialize(d)?,)
        }
    });
    let finish = fields.iter().map(|f| {
        let id = ident(&f.ident);
        let wire = &f.wire;
        if f.optional() {
            quote!(#id: self.#id,)
        } else {
            quote!(#id: self.#id.ok_or_else(|| E::missing_field(#wire))?,)
        }
    });

    quote! {
        #d
        #[derive(Debug, Clone, PartialEq, Serialize #default)]
        pub struct #name {
            #(#public)*
            /// Fields this version of the library does not know, as they came.
            #[serde(flatten)]
            pub extra: Extra,
        }

        #[doc(hidden)]
        #[derive(Debug, Default)]
        pub struct #fields_name {
            #(#slots)*
            extra: Extra,
        }

        impl Fields for #fields_name {
            type Out = #name;
            const NAME: &'static str = #name_str;
            fn field<'de, D: Deserializer<'de>>(&mut self, key: &str, d: D) -> Result<(), D::Error> {
                match key {
                    #(#arms)*
                    _ => {
                        self.extra.insert(key.to_owned(), Value::deserialize(d)?);
                    }
                }
                Ok(())
            }
            fn finish<E: de::Error>(self) -> Result<#name, E> {
                Ok(#name {
                    #(#finish)*
                    extra: self.extra,
                })
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                deserialize_struct::<#fields_name, D>(d)
            }
        }
    }
}

fn string_enum(def: &Def, values: &[String]) -> TokenStream {
    let d = doc(&format!(
        "{} A value the spec does not list arrives as `Unknown`.",
        def.doc
    ));
    let name = ident(&def.name);
    let vars: Vec<_> = variant_names(values).iter().map(|v| ident(v)).collect();
    let docs = values.iter().map(|v| doc(&format!("`{v}`")));
    quote! {
        #d
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#docs #vars,)*
            /// A value this version of the library does not know.
            Unknown(String),
        }

        impl WireEnum for #name {
            fn from_wire(s: &str) -> Self {
                match s {
                    #(#values => Self::#vars,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
            fn as_str(&self) -> &str {
                match self {
                    #(Self::#vars => #values,)*
                    Self::Unknown(s) => s,
                }
            }
        }

        impl Serialize for #name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                serialize_enum(self, s)
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                deserialize_enum(d)
            }
        }
    }
}

fn union(def: &Def, tag: &str, variants: &[(String, String)]) -> TokenStream {
    let d = doc(&format!(
        "{} One of several shapes, told apart by `{tag}`; a shape the spec does not list \
         arrives as `Unknown`.",
        def.doc
    ));
    let name_str = &def.name;
    let name = ident(&def.name);
    let docs = variants.iter().map(|(v, _)| doc(&format!("`{tag}: {v}`")));
    let values = variants.iter().map(|(v, _)| v);
    let types: Vec<_> = variants.iter().map(|(_, t)| ident(t)).collect();
    let fields = variants.iter().map(|(_, t)| format_ident!("{t}Fields"));
    quote! {
        #d
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#docs #types(#types),)*
            /// A variant this version of the library does not know, as it came.
            Unknown(Value),
        }

        impl Union for #name {
            const NAME: &'static str = #name_str;
            const TAG: &'static str = #tag;
            fn with_tag<'de, A: MapAccess<'de>>(tag: &str, seen: Vec<(String, Value)>, map: A) -> Result<Self, A::Error> {
                match tag {
                    #(#values => finish_variant::<#fields, A>(Self::TAG, tag, seen, map).map(Self::#types),)*
                    _ => finish_unknown(Self::TAG, tag, seen, map).map(Self::Unknown),
                }
            }
            fn untagged(raw: Value) -> Self {
                Self::Unknown(raw)
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                deserialize_union(d)
            }
        }
    }
}
