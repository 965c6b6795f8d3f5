//! The spec, read into the few shapes the emitters know: structs, string enums, tagged
//! unions, aliases, and operations over them. Policy (names, page style, idempotency, the
//! doc sentence) is decided here, once; the emitters only render.

use heck::{ToSnakeCase, ToUpperCamelCase};
use indexmap::IndexMap;

/// A field or parameter type.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// A string; `sample` is a value for tests (the constant, when there is one).
    Str {
        /// A value for tests.
        sample: String,
    },
    /// An integer; `sample` is a value for tests within the spec's bounds.
    Int {
        /// A value for tests.
        sample: i64,
    },
    /// A number.
    Num,
    /// A boolean.
    Bool,
    /// Any JSON value.
    Any,
    /// A JSON value that may take several shapes; `sample` is JSON text of one of them.
    OneOfShapes {
        /// JSON text of one shape, for tests.
        sample: String,
    },
    /// A free-form JSON object.
    Object,
    /// An array.
    Vec(Box<Ty>),
    /// An object with values of one type, keyed by strings.
    Map(Box<Ty>),
    /// A definition in [`Api::defs`].
    Named(String),
}

/// A struct field or a parameter.
#[derive(Debug, Clone)]
pub struct Field {
    /// The name on the wire.
    pub wire: String,
    /// The Rust identifier (`r#type` for keywords).
    pub ident: String,
    /// Its type.
    pub ty: Ty,
    /// Whether the spec requires it.
    pub required: bool,
    /// Whether it may be `null`.
    pub nullable: bool,
    /// Whether it holds a credential (the secret of a newly made key): kept out of every
    /// printed form by the bindings.
    pub secret: bool,
}

impl Field {
    /// Whether the Rust field is an `Option`.
    pub fn optional(&self) -> bool {
        !self.required || self.nullable
    }
}

/// What a definition is.
#[derive(Debug, Clone)]
pub enum Kind {
    /// An object with known fields (others are kept as they came).
    Struct(Vec<Field>),
    /// A string enum, by wire value (others arrive as `Unknown`).
    Enum(Vec<String>),
    /// A union told apart by a tag property.
    Union {
        /// The tag property.
        tag: String,
        /// Tag value and definition name of each variant.
        variants: Vec<(String, String)>,
    },
    /// Another name for a type.
    Alias(Ty),
}

/// A named type.
#[derive(Debug, Clone)]
pub struct Def {
    /// Its Rust name.
    pub name: String,
    /// What it is, as a sentence: "An admin API key.", "The `owner` field of `AdminApiKey`."
    pub doc: String,
    /// The module it is emitted in: `None` for models, else a resource path.
    pub module: Option<Vec<String>>,
    /// What it is.
    pub kind: Kind,
}

/// An operation's parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// Its name and type.
    pub field: Field,
    /// Where it goes.
    pub location: Location,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// Into the path template.
    Path,
    /// Into the query string.
    Query,
    /// An object in the query string, sent as `name[key]=value`.
    QueryObject,
}

/// One operation of the API.
#[derive(Debug, Clone)]
pub struct Op {
    /// The Rust struct's name, e.g. `ProjectsUsersList`.
    pub struct_name: String,
    /// The HTTP method, upper case.
    pub method: String,
    /// The path template.
    pub path: String,
    /// The spec's `operationId`.
    pub operation_id: String,
    /// The official Python SDK's method path.
    pub sdk_method: String,
    /// The official JS SDK's method path.
    pub sdk_method_js: String,
    /// The SDK method's last part: `list`, `retrieve`, `create`, …
    pub verb: String,
    /// How the next page is asked for.
    pub page_style: PageStyle,
    /// Whether sending it twice has the same effect as once (creating operations do not).
    pub idempotent: bool,
    /// The doc sentence: what it does, e.g. "Lists the users of a project."
    pub doc: String,
    /// Resource modules, e.g. `["admin", "organization", "projects", "users"]`.
    pub module: Vec<String>,
    /// Path and query parameters, in the spec's order.
    pub params: Vec<Param>,
    /// The body type and whether it must be sent.
    pub body: Option<(Ty, bool)>,
    /// The type of a 200 response.
    pub output: Ty,
    /// The official SDKs' names for its types (`x-sdk-types`).
    pub sdk_types: crate::spec::SdkTypes,
}

/// How a list operation asks for its next page: the spec's `x-page-style`, a mirror of the
/// core's `PageStyle`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStyle {
    /// `after=<last_id>` from the page body.
    AfterLastId,
    /// `after=<id of the page's last item>`.
    AfterItemId,
    /// `after=<next>` from the page body.
    AfterNext,
    /// `page=<next_page>` from the page body.
    NextPage,
    /// The whole list comes in one response.
    Single,
    /// Not a list.
    None,
}

impl PageStyle {
    /// The style named by the spec's `x-page-style`.
    pub fn from_spec(name: &str) -> Option<Self> {
        Some(match name {
            "after_last_id" => Self::AfterLastId,
            "after_item_id" => Self::AfterItemId,
            "after_next" => Self::AfterNext,
            "next_page" => Self::NextPage,
            "single" => Self::Single,
            "none" => Self::None,
            _ => return None,
        })
    }

    /// The name of the core's `PageStyle` variant.
    pub fn variant(self) -> &'static str {
        match self {
            Self::AfterLastId => "AfterLastId",
            Self::AfterItemId => "AfterItemId",
            Self::AfterNext => "AfterNext",
            Self::NextPage => "NextPage",
            Self::Single => "Single",
            Self::None => "None",
        }
    }

    /// Whether the operation returns a page of items (`data`), possibly the only one.
    pub fn is_list(self) -> bool {
        self != Self::None
    }

    /// The query parameter that asks for the next page, or `None` when there is no next page.
    pub fn cursor_param(self) -> Option<&'static str> {
        match self {
            Self::AfterLastId | Self::AfterItemId | Self::AfterNext => Some("after"),
            Self::NextPage => Some("page"),
            Self::Single | Self::None => None,
        }
    }

    /// The page field holding the cursor, or `None` when the cursor is the `id` of the
    /// page's last item (or there is none).
    pub fn cursor_field(self) -> Option<&'static str> {
        match self {
            Self::AfterLastId => Some("last_id"),
            Self::AfterNext => Some("next"),
            Self::NextPage => Some("next_page"),
            Self::AfterItemId | Self::Single | Self::None => None,
        }
    }
}

/// The whole API, as the emitters see it.
#[derive(Debug, Default)]
pub struct Api {
    /// Every named type, by name, in the order they were read.
    pub defs: IndexMap<String, Def>,
    /// Every operation, sorted by SDK method.
    pub ops: Vec<Op>,
}

impl Api {
    /// `ty`, with aliases followed to the type they stand for.
    pub fn resolve<'a>(&'a self, ty: &'a Ty) -> &'a Ty {
        match ty {
            Ty::Named(n) => match &self.defs[n].kind {
                Kind::Alias(t) => self.resolve(t),
                _ => ty,
            },
            _ => ty,
        }
    }

    /// The item type of a list operation's page: the element type of its `data` array
    /// (`None` for an operation that is not a list, or a page without that array).
    pub fn page_item(&self, op: &Op) -> Option<&Ty> {
        if !op.page_style.is_list() {
            return None;
        }
        let Ty::Named(n) = self.resolve(&op.output) else {
            return None;
        };
        let Kind::Struct(fields) = &self.defs[n].kind else {
            return None;
        };
        let data = fields.iter().find(|f| f.wire == "data")?;
        match self.resolve(&data.ty) {
            Ty::Vec(t) => Some(t),
            _ => None,
        }
    }
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "try", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof",
    "unsized", "virtual", "yield",
];

/// A snake_case Rust identifier for a wire name.
pub fn ident(wire: &str) -> String {
    let s = wire.replace(['.', '-', '[', ']'], "_").to_snake_case();
    let s = if s.is_empty() { "field".to_owned() } else { s };
    let s = if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{s}")
    } else {
        s
    };
    match s.as_str() {
        "self" | "super" | "crate" | "extra" => format!("{s}_"),
        k if KEYWORDS.contains(&k) => format!("r#{s}"),
        _ => s,
    }
}

/// An UpperCamelCase type or variant name.
pub fn type_name(s: &str) -> String {
    let s = s.replace(['.', '-', '/', ' '], "_").to_upper_camel_case();
    if s.is_empty() {
        "Empty".to_owned()
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{s}")
    } else {
        s
    }
}
