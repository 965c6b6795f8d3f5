//! Reads the typed [`Spec`] into the [`Api`]: every schema becomes a definition or a plain
//! type, every operation an [`Op`].

use indexmap::IndexMap;

use crate::ir::{Api, Def, Field, Kind, Location, Op, PageStyle, Param, Ty, ident, type_name};
use crate::spec::{self, AdditionalProperties, In, Schema, Spec};
use crate::words;

/// The definition name a `$ref` points at.
fn ref_name(r: &str) -> String {
    type_name(r.rsplit('/').next().unwrap_or(r))
}

/// Reads the whole spec.
pub fn read(spec: &Spec) -> Result<Api, String> {
    let schemas = &spec.components.schemas;
    let mut r = Reader {
        schemas,
        api: Api::default(),
    };
    // Component schemas keep their names; reserve them before inline names are chosen.
    for k in schemas.keys() {
        let name = type_name(k);
        r.add(name, String::new(), &None, Kind::Alias(Ty::Any));
    }
    for (k, v) in schemas {
        let name = type_name(k);
        r.api.defs.shift_remove(&name);
        let at = Place::new(name.clone(), words::type_phrase(&name));
        let (ty, _) = r.ty(v, &at, &None)?;
        match ty {
            Ty::Named(n) if n == name => {}
            other => {
                r.add(name, words::sentence(&at.what), &None, Kind::Alias(other));
            }
        }
    }
    for (path, item) in &spec.paths {
        for (method, op) in item.operations() {
            let op = r
                .op(path, method, op)
                .map_err(|e| format!("{method} {path}: {e}"))?;
            r.api.ops.push(op);
        }
    }
    r.api.ops.sort_by(|a, b| a.sdk_method.cmp(&b.sdk_method));
    Ok(r.api)
}

struct Reader<'a> {
    schemas: &'a IndexMap<String, Schema>,
    api: Api,
}

/// A module path, or `None` for the shared models.
type Module = Option<Vec<String>>;

/// Where a schema sits: the name an inline definition there gets, and what it is in words
/// (its doc).
struct Place {
    name: String,
    what: String,
}

impl Place {
    fn new(name: String, what: String) -> Self {
        Self { name, what }
    }

    /// A place inside this one.
    fn child(&self, suffix: &str, what: String) -> Self {
        Self::new(format!("{}{suffix}", self.name), what)
    }
}

impl Reader<'_> {
    /// `name`, or `name2`, `name3`, … if it is taken.
    fn unique(&self, name: String) -> String {
        let mut candidate = name.clone();
        let mut i = 2;
        while self.api.defs.contains_key(&candidate) {
            candidate = format!("{name}{i}");
            i += 1;
        }
        candidate
    }

    fn add(&mut self, name: String, doc: String, module: &Module, kind: Kind) -> Ty {
        let def = Def {
            name: name.clone(),
            doc,
            module: module.clone(),
            kind,
        };
        self.api.defs.insert(name.clone(), def);
        Ty::Named(name)
    }

    /// Adds a definition under a fresh name made from `hint`.
    fn add_new(&mut self, at: &Place, module: &Module, kind: Kind) -> Ty {
        let name = self.unique(type_name(&at.name));
        self.add(name, words::sentence(&at.what), module, kind)
    }

    fn resolve_ref(&self, r: &str) -> Result<&Schema, String> {
        let key = r.rsplit('/').next().unwrap_or(r);
        self.schemas
            .get(key)
            .ok_or_else(|| format!("unknown $ref {r}"))
    }

    /// Resolves a schema into a type, registering any inline definition under `hint`.
    /// Returns the type and whether `null` is allowed.
    fn ty(&mut self, node: &Schema, at: &Place, module: &Module) -> Result<(Ty, bool), String> {
        if let Some(r) = &node.reference {
            return Ok((Ty::Named(ref_name(r)), false));
        }
        let nullable = node.nullable;
        if let Some(members) = &node.any_of {
            let non_null: Vec<&Schema> = members.iter().filter(|m| !m.is("null")).collect();
            let nullable = nullable || non_null.len() < members.len();
            if let [only] = non_null[..] {
                let (t, n) = self.ty(only, at, module)?;
                return Ok((t, n || nullable));
            }
            if non_null.iter().all(|m| m.is("string")) {
                let mut values: Vec<String> = Vec::new();
                for v in non_null.iter().flat_map(|m| m.enum_strings()) {
                    if !values.contains(&v) {
                        values.push(v);
                    }
                }
                if values.is_empty() {
                    return Ok((str_ty(node), nullable));
                }
                return Ok((self.add_new(at, module, Kind::Enum(values)), nullable));
            }
            let first = non_null.first().copied().cloned().unwrap_or_default();
            let sample = json_sample(self.schemas, &first).to_string();
            return Ok((Ty::OneOfShapes { sample }, nullable));
        }
        if let Some(members) = &node.one_of {
            let Some(disc) = &node.discriminator else {
                return Ok((Ty::Any, nullable));
            };
            let tag = disc.property_name.clone();
            let mut variants = Vec::new();
            for m in members {
                let r = m
                    .reference
                    .as_deref()
                    .ok_or("oneOf members must be $refs")?;
                let mapped = disc.mapping.iter().find(|(_, v)| *v == r);
                let value = match mapped {
                    Some((k, _)) => Some(k.clone()),
                    None => self
                        .resolve_ref(r)?
                        .properties
                        .as_ref()
                        .and_then(|p| p.get(&tag))
                        .and_then(|prop| prop.enum_strings().into_iter().next()),
                };
                let value = value.ok_or_else(|| format!("no tag value for {r} in {}", at.name))?;
                variants.push((value, ref_name(r)));
            }
            let kind = Kind::Union { tag, variants };
            return Ok((self.add_new(at, module, kind), nullable));
        }
        if let Some(parts) = &node.all_of {
            let mut merged = Schema {
                ty: Some("object".to_owned()),
                ..Schema::default()
            };
            let mut props = IndexMap::new();
            for p in parts {
                let p = match &p.reference {
                    Some(r) => self.resolve_ref(r)?.clone(),
                    None => p.clone(),
                };
                props.extend(p.properties.unwrap_or_default());
                merged.required.extend(p.required);
            }
            merged.properties = Some(props);
            return self.ty(&merged, at, module);
        }
        let ty = match node.ty.as_deref() {
            Some("string") => {
                let values = node.enum_strings();
                if values.len() > 1 {
                    self.add_new(at, module, Kind::Enum(values))
                } else if let Some(v) = values.into_iter().next() {
                    Ty::Str { sample: v }
                } else {
                    str_ty(node)
                }
            }
            Some("integer") => {
                let min = node.minimum.as_ref().and_then(|v| v.as_i64());
                let max = node.maximum.as_ref().and_then(|v| v.as_i64());
                let sample = min.unwrap_or(1).max(1).min(max.unwrap_or(i64::MAX));
                Ty::Int { sample }
            }
            Some("number") => Ty::Num,
            Some("boolean") => Ty::Bool,
            Some("array") => {
                let items = node.items.as_deref().cloned().unwrap_or_default();
                let item = at.child("Item", format!("one entry of {}", at.what));
                let (t, _) = self.ty(&items, &item, module)?;
                Ty::Vec(Box::new(t))
            }
            Some("object") | None if node.properties.is_some() => {
                let fields = self.fields(node, at, module)?;
                self.add_new(at, module, Kind::Struct(fields))
            }
            Some("object") => match &node.additional_properties {
                Some(AdditionalProperties::Schema(ap)) => {
                    let value = at.child("Value", format!("a value of {}", at.what));
                    let (t, _) = self.ty(ap, &value, module)?;
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
        Ok((ty, nullable))
    }

    fn fields(&mut self, node: &Schema, at: &Place, module: &Module) -> Result<Vec<Field>, String> {
        let mut out: Vec<Field> = Vec::new();
        let parent = type_name(&at.name);
        for (wire, v) in node.properties.iter().flatten() {
            let sub = Place::new(
                format!("{parent}{}", type_name(wire)),
                format!("the `{wire}` field of `{parent}`"),
            );
            let (ty, nullable) = self.ty(v, &sub, module)?;
            let mut id = ident(wire);
            while out.iter().any(|f| f.ident == id) {
                id.push('_');
            }
            // The one place that says which fields are credentials: the `value` of a key
            // the API has just made.
            let secret =
                wire == "value" && parent.contains("ApiKey") && matches!(ty, Ty::Str { .. });
            out.push(Field {
                required: node.required.contains(wire),
                wire: wire.clone(),
                ident: id,
                ty,
                nullable,
                secret,
            });
        }
        Ok(out)
    }

    fn op(&mut self, path: &str, method: &str, op: &spec::Operation) -> Result<Op, String> {
        let mut parts: Vec<String> = op.sdk_method.split('.').map(str::to_owned).collect();
        let verb = parts.pop().ok_or("empty x-sdk-method")?;
        let named: String = parts
            .iter()
            .skip_while(|p| *p == "admin" || *p == "organization")
            .map(|p| type_name(p))
            .collect();
        let struct_name = format!("{named}{}", type_name(&verb));
        let module = Some(parts.clone());
        let mut params = Vec::new();
        for p in &op.parameters {
            let bare = p.name.trim_end_matches("[]").to_owned();
            let at = Place::new(
                format!("{struct_name}{}", type_name(&bare)),
                format!("the `{bare}` parameter of `{struct_name}`"),
            );
            let (ty, nullable) = self.ty(&p.schema, &at, &module)?;
            let location = match p.location {
                In::Path => Location::Path,
                In::Query if p.schema.is("object") => Location::QueryObject,
                In::Query => Location::Query,
                other => return Err(format!("parameter {} in {other:?}", p.name)),
            };
            let field = Field {
                ident: ident(&bare),
                wire: bare,
                ty,
                required: p.required,
                nullable,
                secret: false,
            };
            params.push(Param { field, location });
        }
        let body = match &op.request_body {
            Some(rb) => {
                let schema = spec::json_schema(&rb.content).ok_or("the body is not JSON")?;
                let at = Place::new(
                    format!("{struct_name}Body"),
                    format!("the body of `{struct_name}`"),
                );
                let (ty, _) = self.ty(schema, &at, &module)?;
                Some((ty, rb.required))
            }
            None => None,
        };
        let resp = op
            .responses
            .get("200")
            .and_then(|r| spec::json_schema(&r.content))
            .ok_or("no 200 JSON response")?;
        let at = Place::new(
            format!("{struct_name}Response"),
            format!("the response of `{struct_name}`"),
        );
        let (output, _) = self.ty(resp, &at, &module)?;
        let page_style = PageStyle::from_spec(&op.page_style)
            .ok_or_else(|| format!("unknown x-page-style {:?}", op.page_style))?;
        // Creating operations are the ones a retry could repeat with a visible effect.
        let idempotent = !(method == "POST" && verb == "create");
        let doc = crate::words::doc_sentence(&verb, &parts);
        Ok(Op {
            verb,
            idempotent,
            doc,
            struct_name,
            method: method.to_owned(),
            path: path.to_owned(),
            operation_id: op.operation_id.clone(),
            sdk_method: op.sdk_method.clone(),
            sdk_method_js: op.sdk_method_js.clone(),
            sdk_types: op.sdk_types.clone(),
            page_style,
            module: parts,
            params,
            body,
            output,
        })
    }
}

fn str_ty(node: &Schema) -> Ty {
    let sample = match node.format.as_deref() {
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

/// A JSON value that fits `node` (required properties only), for test samples.
fn json_sample(schemas: &IndexMap<String, Schema>, node: &Schema) -> serde_json::Value {
    use serde_json::json;
    if let Some(r) = &node.reference {
        let key = r.rsplit('/').next().unwrap_or(r);
        return match schemas.get(key) {
            Some(target) => json_sample(schemas, target),
            None => json_sample(schemas, &Schema::default()),
        };
    }
    if let Some(v) = node.enum_strings().into_iter().next() {
        return json!(v);
    }
    for members in [&node.any_of, &node.one_of].into_iter().flatten() {
        if let Some(first) = members.iter().find(|m| !m.is("null")) {
            return json_sample(schemas, first);
        }
    }
    match node.ty.as_deref() {
        Some("string") => json!("sample"),
        Some("integer") => json!(1),
        Some("number") => json!(1.0),
        Some("boolean") => json!(true),
        Some("array") => {
            let items = node.items.as_deref().cloned().unwrap_or_default();
            json!([json_sample(schemas, &items)])
        }
        Some("object") => {
            let mut o = serde_json::Map::new();
            if let Some(props) = &node.properties {
                for r in &node.required {
                    if let Some(p) = props.get(r) {
                        o.insert(r.clone(), json_sample(schemas, p));
                    }
                }
            }
            serde_json::Value::Object(o)
        }
        _ => json!("sample"),
    }
}
