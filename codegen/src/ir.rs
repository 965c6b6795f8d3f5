//! The spec, read into the few shapes the emitter knows: structs, string enums, tagged
//! unions, aliases, and operations over them.

use heck::{ToSnakeCase, ToUpperCamelCase};
use indexmap::IndexMap;
use serde_yaml::Value as Y;

/// A field or parameter type.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Str {
        sample: String,
    },
    Int {
        sample: i64,
    },
    Num,
    Bool,
    /// Any JSON value.
    Any,
    /// A JSON value that may take several shapes; `sample` is JSON text of one of them.
    OneOfShapes {
        sample: String,
    },
    /// A free-form JSON object.
    Object,
    Vec(Box<Ty>),
    Map(Box<Ty>),
    Named(String),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub wire: String,
    pub ident: String,
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
}

impl Field {
    /// Whether the Rust field is an `Option`.
    pub fn optional(&self) -> bool {
        !self.required || self.nullable
    }
}

#[derive(Debug, Clone)]
pub enum Kind {
    Struct(Vec<Field>),
    Enum(Vec<String>),
    Union {
        tag: String,
        variants: Vec<(String, String)>,
    },
    Alias(Ty),
}

#[derive(Debug, Clone)]
pub struct Def {
    pub name: String,
    /// The module it is emitted in: `None` for models, else a resource path.
    pub module: Option<Vec<String>>,
    pub kind: Kind,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub field: Field,
    pub location: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    /// An object in the query string, sent as `name[key]=value`.
    QueryObject,
}

#[derive(Debug, Clone)]
pub struct Op {
    pub struct_name: String,
    pub method: String,
    pub path: String,
    pub operation_id: String,
    pub sdk_method: String,
    pub sdk_method_js: String,
    pub page_style: String,
    /// Resource modules, e.g. `["admin", "organization", "projects", "users"]`.
    pub module: Vec<String>,
    pub params: Vec<Param>,
    /// The body type and whether it must be sent.
    pub body: Option<(Ty, bool)>,
    pub output: Ty,
}

#[derive(Debug, Default)]
pub struct Api {
    pub defs: IndexMap<String, Def>,
    pub ops: Vec<Op>,
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

fn get<'a>(node: &'a Y, key: &str) -> Option<&'a Y> {
    node.as_mapping().and_then(|m| m.get(key))
}

fn get_str<'a>(node: &'a Y, key: &str) -> Option<&'a str> {
    get(node, key).and_then(Y::as_str)
}

fn ref_name(r: &str) -> String {
    type_name(r.rsplit('/').next().unwrap_or(r))
}

struct Reader<'a> {
    schemas: &'a serde_yaml::Mapping,
    api: Api,
}

impl Reader<'_> {
    fn unique(&self, name: String) -> String {
        if !self.api.defs.contains_key(&name) {
            return name;
        }
        (2..)
            .map(|i| format!("{name}{i}"))
            .find(|n| !self.api.defs.contains_key(n))
            .unwrap()
    }

    fn add(&mut self, name: String, module: &Option<Vec<String>>, kind: Kind) -> Ty {
        self.api.defs.insert(
            name.clone(),
            Def {
                name: name.clone(),
                module: module.clone(),
                kind,
            },
        );
        Ty::Named(name)
    }

    fn resolve_ref(&self, r: &str) -> &Y {
        let key = r.rsplit('/').next().unwrap();
        self.schemas
            .get(key)
            .unwrap_or_else(|| panic!("unknown $ref {r}"))
    }

    /// Resolves a schema into a type, registering any inline definition under `hint`.
    /// Returns the type and whether `null` is allowed.
    fn ty(&mut self, node: &Y, hint: &str, module: &Option<Vec<String>>) -> (Ty, bool) {
        if let Some(r) = get_str(node, "$ref") {
            return (Ty::Named(ref_name(r)), false);
        }
        let nullable = get(node, "nullable").and_then(Y::as_bool).unwrap_or(false);
        if let Some(Y::Sequence(members)) = get(node, "anyOf") {
            let non_null: Vec<&Y> = members
                .iter()
                .filter(|m| get_str(m, "type") != Some("null"))
                .collect();
            let nullable = nullable || non_null.len() < members.len();
            if non_null.len() == 1 {
                let (t, n) = self.ty(non_null[0], hint, module);
                return (t, n || nullable);
            }
            let all_strings = non_null
                .iter()
                .all(|m| get_str(m, "type") == Some("string"));
            if all_strings {
                let mut values = Vec::new();
                for m in &non_null {
                    for v in enum_values(m) {
                        if !values.contains(&v) {
                            values.push(v);
                        }
                    }
                }
                if values.is_empty() {
                    return (str_ty(node), nullable);
                }
                let name = self.unique(type_name(hint));
                return (self.add(name, module, Kind::Enum(values)), nullable);
            }
            let sample = json_sample(self.schemas, non_null[0]).to_string();
            return (Ty::OneOfShapes { sample }, nullable);
        }
        if let Some(Y::Sequence(members)) = get(node, "oneOf") {
            let Some(disc) = get(node, "discriminator") else {
                return (Ty::Any, nullable);
            };
            let tag = get_str(disc, "propertyName")
                .expect("discriminator.propertyName")
                .to_owned();
            let mapping = get(disc, "mapping").and_then(Y::as_mapping);
            let mut variants = Vec::new();
            for m in members {
                let r = get_str(m, "$ref").expect("oneOf members are $refs");
                let value = mapping
                    .and_then(|mp| {
                        mp.iter()
                            .find(|(_, v)| v.as_str() == Some(r))
                            .and_then(|(k, _)| k.as_str())
                    })
                    .map(str::to_owned)
                    .or_else(|| {
                        let target = self.resolve_ref(r);
                        let prop = get(target, "properties").and_then(|p| get(p, &tag))?;
                        enum_values(prop).into_iter().next()
                    })
                    .unwrap_or_else(|| panic!("no tag value for {r} in {hint}"));
                variants.push((value, ref_name(r)));
            }
            let name = self.unique(type_name(hint));
            return (
                self.add(name, module, Kind::Union { tag, variants }),
                nullable,
            );
        }
        if let Some(Y::Sequence(parts)) = get(node, "allOf") {
            let mut merged = serde_yaml::Mapping::new();
            let mut props = serde_yaml::Mapping::new();
            let mut required = Vec::new();
            for p in parts {
                let p = match get_str(p, "$ref") {
                    Some(r) => self.resolve_ref(r).clone(),
                    None => p.clone(),
                };
                if let Some(Y::Mapping(ps)) = get(&p, "properties") {
                    props.extend(ps.clone());
                }
                if let Some(Y::Sequence(rs)) = get(&p, "required") {
                    required.extend(rs.iter().cloned());
                }
            }
            merged.insert("type".into(), "object".into());
            merged.insert("properties".into(), Y::Mapping(props));
            merged.insert("required".into(), Y::Sequence(required));
            return self.ty(&Y::Mapping(merged), hint, module);
        }
        let ty = match get_str(node, "type") {
            Some("string") => {
                let values = enum_values(node);
                if values.len() > 1 {
                    let name = self.unique(type_name(hint));
                    self.add(name, module, Kind::Enum(values))
                } else if let Some(v) = values.into_iter().next() {
                    Ty::Str { sample: v }
                } else {
                    str_ty(node)
                }
            }
            Some("integer") => {
                let min = get(node, "minimum").and_then(Y::as_i64);
                let max = get(node, "maximum").and_then(Y::as_i64);
                let sample = min.unwrap_or(1).max(1).min(max.unwrap_or(i64::MAX));
                Ty::Int { sample }
            }
            Some("number") => Ty::Num,
            Some("boolean") => Ty::Bool,
            Some("array") => {
                let items = get(node, "items").cloned().unwrap_or(Y::Null);
                let (t, _) = self.ty(&items, &format!("{hint}Item"), module);
                Ty::Vec(Box::new(t))
            }
            Some("object") | None if get(node, "properties").is_some() => {
                let fields = self.fields(node, hint, module);
                let name = self.unique(type_name(hint));
                self.add(name, module, Kind::Struct(fields))
            }
            Some("object") => match get(node, "additionalProperties") {
                Some(ap @ Y::Mapping(_)) => {
                    let (t, _) = self.ty(ap, &format!("{hint}Value"), module);
                    if t == Ty::Any {
                        Ty::Object
                    } else {
                        Ty::Map(Box::new(t))
                    }
                }
                _ => Ty::Object,
            },
            _ => Ty::Any,
        };
        (ty, nullable)
    }

    fn fields(&mut self, node: &Y, hint: &str, module: &Option<Vec<String>>) -> Vec<Field> {
        let required: Vec<&str> = match get(node, "required") {
            Some(Y::Sequence(r)) => r.iter().filter_map(Y::as_str).collect(),
            _ => Vec::new(),
        };
        let mut out: Vec<Field> = Vec::new();
        if let Some(Y::Mapping(props)) = get(node, "properties") {
            for (k, v) in props {
                let wire = k.as_str().expect("property names are strings").to_owned();
                let sub = format!("{}{}", type_name(hint), type_name(&wire));
                let (ty, nullable) = self.ty(v, &sub, module);
                let mut id = ident(&wire);
                while out.iter().any(|f| f.ident == id) {
                    id.push('_');
                }
                out.push(Field {
                    required: required.contains(&wire.as_str()),
                    wire,
                    ident: id,
                    ty,
                    nullable,
                });
            }
        }
        out
    }
}

fn str_ty(node: &Y) -> Ty {
    let sample = match get_str(node, "format") {
        Some("email") => "user@example.com",
        Some("uri") | Some("url") => "https://example.com/",
        Some("date-time") => "2024-01-01T00:00:00Z",
        Some("date") => "2024-01-01",
        _ => "sample",
    };
    Ty::Str {
        sample: sample.to_owned(),
    }
}

/// A JSON value that fits `node`, for test samples.
fn json_sample(schemas: &serde_yaml::Mapping, node: &Y) -> serde_json::Value {
    use serde_json::json;
    if let Some(r) = get_str(node, "$ref") {
        let target = schemas
            .get(r.rsplit('/').next().unwrap())
            .cloned()
            .unwrap_or(Y::Null);
        return json_sample(schemas, &target);
    }
    if let Some(v) = enum_values(node).into_iter().next() {
        return json!(v);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Y::Sequence(m)) = get(node, key)
            && let Some(first) = m.iter().find(|m| get_str(m, "type") != Some("null"))
        {
            return json_sample(schemas, first);
        }
    }
    match get_str(node, "type") {
        Some("string") => json!("sample"),
        Some("integer") => json!(1),
        Some("number") => json!(1.0),
        Some("boolean") => json!(true),
        Some("array") => json!([json_sample(schemas, get(node, "items").unwrap_or(&Y::Null))]),
        Some("object") => {
            let mut o = serde_json::Map::new();
            if let (Some(Y::Mapping(props)), Some(Y::Sequence(req))) =
                (get(node, "properties"), get(node, "required"))
            {
                for r in req.iter().filter_map(Y::as_str) {
                    if let Some(p) = props.get(r) {
                        o.insert(r.to_owned(), json_sample(schemas, p));
                    }
                }
            }
            serde_json::Value::Object(o)
        }
        _ => json!("sample"),
    }
}

fn enum_values(node: &Y) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(Y::Sequence(vs)) = get(node, "enum") {
        out.extend(vs.iter().filter_map(|v| match v {
            Y::String(s) => Some(s.clone()),
            _ => None,
        }));
    }
    if let Some(Y::String(c)) = get(node, "const") {
        out.push(c.clone());
    }
    out
}

/// Reads the whole spec.
pub fn read(spec: &Y) -> Api {
    let empty = serde_yaml::Mapping::new();
    let schemas = get(spec, "components")
        .and_then(|c| get(c, "schemas"))
        .and_then(Y::as_mapping)
        .unwrap_or(&empty);
    let mut r = Reader {
        schemas,
        api: Api::default(),
    };
    // Component schemas keep their names; reserve them before inline names are chosen.
    for (k, _) in schemas {
        let name = type_name(k.as_str().unwrap());
        r.api.defs.insert(
            name.clone(),
            Def {
                name,
                module: None,
                kind: Kind::Alias(Ty::Any),
            },
        );
    }
    for (k, v) in schemas {
        let name = type_name(k.as_str().unwrap());
        r.api.defs.shift_remove(&name);
        let (ty, _) = r.ty(v, &name, &None);
        match ty {
            Ty::Named(n) if n == name => {}
            other => {
                r.api.defs.insert(
                    name.clone(),
                    Def {
                        name,
                        module: None,
                        kind: Kind::Alias(other),
                    },
                );
            }
        }
    }
    let paths = get(spec, "paths").and_then(Y::as_mapping).expect("paths");
    for (path, item) in paths {
        let path = path.as_str().unwrap();
        for method in ["get", "post", "put", "patch", "delete"] {
            let Some(op) = get(item, method) else {
                continue;
            };
            let op = read_op(&mut r, path, method, op);
            r.api.ops.push(op);
        }
    }
    r.api.ops.sort_by(|a, b| a.sdk_method.cmp(&b.sdk_method));
    r.api
}

fn read_op(r: &mut Reader<'_>, path: &str, method: &str, op: &Y) -> Op {
    let s = |k: &str| {
        get_str(op, k)
            .unwrap_or_else(|| panic!("{method} {path}: no {k}"))
            .to_owned()
    };
    let sdk_method = s("x-sdk-method");
    let mut parts: Vec<String> = sdk_method.split('.').map(str::to_owned).collect();
    let verb = parts.pop().unwrap();
    let named: Vec<&String> = parts
        .iter()
        .skip_while(|p| *p == "admin" || *p == "organization")
        .collect();
    let struct_name = format!(
        "{}{}",
        named.iter().map(|p| type_name(p)).collect::<String>(),
        type_name(&verb)
    );
    let module = Some(parts.clone());
    let mut params = Vec::new();
    if let Some(Y::Sequence(ps)) = get(op, "parameters") {
        for p in ps {
            let wire = get_str(p, "name").unwrap().to_owned();
            let bare = wire.trim_end_matches("[]").to_owned();
            let loc = get_str(p, "in").unwrap();
            let schema = get(p, "schema").cloned().unwrap_or(Y::Null);
            let hint = format!("{struct_name}{}", type_name(&bare));
            let (ty, nullable) = r.ty(&schema, &hint, &module);
            let is_object = get_str(&schema, "type") == Some("object");
            let location = match loc {
                "path" => Location::Path,
                "query" if is_object => Location::QueryObject,
                "query" => Location::Query,
                other => panic!("{method} {path}: parameter in {other}"),
            };
            let required = get(p, "required").and_then(Y::as_bool).unwrap_or(false);
            params.push(Param {
                field: Field {
                    ident: ident(&bare),
                    wire: bare,
                    ty,
                    required,
                    nullable,
                },
                location,
            });
        }
    }
    let body = get(op, "requestBody").map(|rb| {
        let schema = get(rb, "content")
            .and_then(|c| get(c, "application/json"))
            .and_then(|c| get(c, "schema"))
            .expect("JSON request body");
        let required = get(rb, "required").and_then(Y::as_bool).unwrap_or(false);
        let (ty, _) = r.ty(schema, &format!("{struct_name}Body"), &module);
        (ty, required)
    });
    let resp = get(op, "responses")
        .and_then(|rs| get(rs, "200"))
        .and_then(|c| get(c, "content"))
        .and_then(|c| get(c, "application/json"))
        .and_then(|c| get(c, "schema"))
        .unwrap_or_else(|| panic!("{method} {path}: no 200 JSON response"));
    let (output, _) = r.ty(resp, &format!("{struct_name}Response"), &module);
    Op {
        struct_name,
        method: method.to_uppercase(),
        path: path.to_owned(),
        operation_id: s("operationId"),
        sdk_method,
        sdk_method_js: s("x-sdk-method-js"),
        page_style: s("x-page-style"),
        module: parts,
        params,
        body,
        output,
    }
}
