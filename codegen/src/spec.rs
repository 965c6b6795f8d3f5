//! The parts of an OpenAPI 3.1 document the generator reads, as typed serde structs.
//!
//! Anything not listed here (descriptions, examples, security, tags) is skipped when the
//! spec is read; a field of the wrong shape is an error naming where it is.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

/// The whole document.
#[derive(Debug, Deserialize)]
pub struct Spec {
    /// Operations by path, then by HTTP method.
    pub paths: IndexMap<String, PathItem>,
    /// Named schemas.
    #[serde(default)]
    pub components: Components,
}

impl Spec {
    /// Reads a spec from its YAML (or JSON) text.
    pub fn parse(text: &str) -> Result<Self, String> {
        serde_norway::from_str(text).map_err(|e| format!("spec: {e}"))
    }
}

/// `components`.
#[derive(Debug, Default, Deserialize)]
pub struct Components {
    /// `components.schemas`, in the spec's order.
    #[serde(default)]
    pub schemas: IndexMap<String, Schema>,
}

/// The operations on one path.
#[derive(Debug, Deserialize)]
pub struct PathItem {
    /// `GET`.
    pub get: Option<Operation>,
    /// `POST`.
    pub post: Option<Operation>,
    /// `PUT`.
    pub put: Option<Operation>,
    /// `PATCH`.
    pub patch: Option<Operation>,
    /// `DELETE`.
    pub delete: Option<Operation>,
}

impl PathItem {
    /// The operations present, with their upper-case HTTP method.
    pub fn operations(&self) -> impl Iterator<Item = (&'static str, &Operation)> {
        [
            ("GET", &self.get),
            ("POST", &self.post),
            ("PUT", &self.put),
            ("PATCH", &self.patch),
            ("DELETE", &self.delete),
        ]
        .into_iter()
        .filter_map(|(m, op)| op.as_ref().map(|op| (m, op)))
    }
}

/// One operation, with the SDK extensions this project's spec adds.
#[derive(Debug, Deserialize)]
pub struct Operation {
    /// `operationId`.
    #[serde(rename = "operationId")]
    pub operation_id: String,
    /// Path and query parameters.
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    /// The JSON body, if the operation takes one.
    #[serde(rename = "requestBody")]
    pub request_body: Option<RequestBody>,
    /// Responses by status code.
    pub responses: IndexMap<String, Response>,
    /// The official Python SDK's method path (`admin.organization.users.list`).
    #[serde(rename = "x-sdk-method")]
    pub sdk_method: String,
    /// The official JS SDK's method path.
    #[serde(rename = "x-sdk-method-js")]
    pub sdk_method_js: String,
    /// `cursor`, `page` (usage and costs) or `none`.
    #[serde(rename = "x-pagination")]
    pub pagination: String,
    /// How the next page is asked for: `after_last_id`, `after_item_id`, `after_next`,
    /// `next_page`, `single` or `none`.
    #[serde(rename = "x-page-style")]
    pub page_style: String,
    /// The official SDKs' type names for the operation.
    #[serde(rename = "x-sdk-types")]
    pub sdk_types: SdkTypes,
}

/// `x-sdk-types`: the names the official SDKs give an operation's types, per language.
#[derive(Debug, Clone, Deserialize)]
pub struct SdkTypes {
    /// The official Python SDK's.
    pub python: SdkTypeNames,
    /// The official JS SDK's.
    pub js: SdkTypeNames,
}

/// One SDK's type names for an operation.
#[derive(Debug, Clone, Deserialize)]
pub struct SdkTypeNames {
    /// Where users import them from: a Python module (`openai.types.admin.organization`) or a
    /// file under the JS package (`resources/admin/organization/users/users`).
    pub module: String,
    /// The result type, or the item type of a page.
    pub response: Option<String>,
    /// The page type, for lists.
    pub page: Option<String>,
    /// The params type, when the operation takes params.
    pub params: Option<String>,
    /// Python only: the module of the params type, where it is not `module`.
    pub params_module: Option<String>,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum In {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// A header (not used by the Admin API).
    Header,
    /// A cookie (not used by the Admin API).
    Cookie,
}

/// One parameter.
#[derive(Debug, Deserialize)]
pub struct Parameter {
    /// The wire name (`colors[]` for arrays sent with brackets).
    pub name: String,
    /// Where it goes.
    #[serde(rename = "in")]
    pub location: In,
    /// Whether it must be given.
    #[serde(default)]
    pub required: bool,
    /// Its type.
    #[serde(default)]
    pub schema: Schema,
}

/// A request body.
#[derive(Debug, Deserialize)]
pub struct RequestBody {
    /// Whether it must be sent.
    #[serde(default)]
    pub required: bool,
    /// By media type.
    pub content: IndexMap<String, MediaType>,
}

/// One response.
#[derive(Debug, Default, Deserialize)]
pub struct Response {
    /// By media type.
    #[serde(default)]
    pub content: IndexMap<String, MediaType>,
}

/// A body of one media type.
#[derive(Debug, Deserialize)]
pub struct MediaType {
    /// Its type.
    pub schema: Schema,
}

/// The JSON content of a body, if any.
pub fn json_schema(content: &IndexMap<String, MediaType>) -> Option<&Schema> {
    content.get("application/json").map(|m| &m.schema)
}

/// A schema: the subset of JSON Schema the spec uses.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Schema {
    /// `$ref` to a component schema.
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    /// `type`.
    #[serde(rename = "type")]
    pub ty: Option<String>,
    /// `nullable` (OpenAPI 3.0 style).
    #[serde(default)]
    pub nullable: bool,
    /// `anyOf`.
    #[serde(rename = "anyOf")]
    pub any_of: Option<Vec<Schema>>,
    /// `oneOf`.
    #[serde(rename = "oneOf")]
    pub one_of: Option<Vec<Schema>>,
    /// `allOf`.
    #[serde(rename = "allOf")]
    pub all_of: Option<Vec<Schema>>,
    /// How the members of a `oneOf` are told apart.
    pub discriminator: Option<Discriminator>,
    /// `enum` (only string values are used).
    #[serde(rename = "enum")]
    pub enum_values: Option<Vec<Value>>,
    /// `const`.
    #[serde(rename = "const")]
    pub const_value: Option<Value>,
    /// `format` of a string (`email`, `uri`, `date-time`, …).
    pub format: Option<String>,
    /// `minimum` of a number.
    pub minimum: Option<Value>,
    /// `maximum` of a number.
    pub maximum: Option<Value>,
    /// The item type of an array.
    pub items: Option<Box<Schema>>,
    /// Object properties, in the spec's order.
    pub properties: Option<IndexMap<String, Schema>>,
    /// Names of the required properties.
    #[serde(default)]
    pub required: Vec<String>,
    /// `additionalProperties`: a schema, or `true`/`false`.
    #[serde(rename = "additionalProperties")]
    pub additional_properties: Option<AdditionalProperties>,
}

impl Schema {
    /// Whether `type` is `t`.
    pub fn is(&self, t: &str) -> bool {
        self.ty.as_deref() == Some(t)
    }

    /// The string values of `enum` and `const`, in order.
    pub fn enum_strings(&self) -> Vec<String> {
        let values = self.enum_values.iter().flatten().chain(&self.const_value);
        values
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    }
}

/// `additionalProperties`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum AdditionalProperties {
    /// `true` or `false`.
    Allowed(bool),
    /// Values of this type.
    Schema(Box<Schema>),
}

/// `discriminator`.
#[derive(Debug, Clone, Deserialize)]
pub struct Discriminator {
    /// The tag property.
    #[serde(rename = "propertyName")]
    pub property_name: String,
    /// Tag value → `$ref`.
    #[serde(default)]
    pub mapping: IndexMap<String, String>,
}
