//! Free-form JSON as a uniffi type: [`JsonValue`] (a sealed class in Kotlin, an enum in
//! Swift), and the conversions the generated code uses.

use std::collections::HashMap;

use serde_json::{Map, Number, Value};

use crate::error::AdminError;

/// Any JSON value.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum JsonValue {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number that fits 64 signed bits.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<JsonValue>),
    /// An object.
    Object(HashMap<String, JsonValue>),
}

impl From<Value> for JsonValue {
    fn from(v: Value) -> Self {
        match v {
            Value::Null => Self::Null,
            Value::Bool(b) => Self::Bool(b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => Self::Int(i),
                None => Self::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => Self::Str(s),
            Value::Array(a) => Self::Array(a.into_iter().map(Self::from).collect()),
            Value::Object(o) => Self::Object(object_out(o)),
        }
    }
}

impl From<JsonValue> for Value {
    fn from(v: JsonValue) -> Self {
        match v {
            JsonValue::Null => Value::Null,
            JsonValue::Bool(b) => Value::Bool(b),
            JsonValue::Int(i) => Value::Number(i.into()),
            // JSON has no NaN or infinity: such a number is sent as `null`.
            JsonValue::Float(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
            JsonValue::Str(s) => Value::String(s),
            JsonValue::Array(a) => Value::Array(a.into_iter().map(Value::from).collect()),
            JsonValue::Object(o) => Value::Object(object_in(o)),
        }
    }
}

/// A JSON object as a foreign map.
pub(crate) fn object_out(o: Map<String, Value>) -> HashMap<String, JsonValue> {
    o.into_iter()
        .map(|(k, v)| (k, JsonValue::from(v)))
        .collect()
}

/// A foreign map as a JSON object.
pub(crate) fn object_in(o: HashMap<String, JsonValue>) -> Map<String, Value> {
    o.into_iter().map(|(k, v)| (k, Value::from(v))).collect()
}

/// Reads JSON text.
#[uniffi::export]
pub fn json_parse(text: String) -> Result<JsonValue, AdminError> {
    serde_json::from_str::<Value>(&text)
        .map(JsonValue::from)
        .map_err(|e| AdminError::invalid("text", format!("is not JSON: {e}")))
}

/// Writes a value as compact JSON text.
#[uniffi::export]
pub fn json_stringify(value: JsonValue) -> String {
    Value::from(value).to_string()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn round_trips() {
        let text = r#"{"a":[1,-2,1.5,"x",true,null,{"b":{}}],"big":18446744073709551615}"#;
        let v = json_parse(text.into()).unwrap();
        let back: Value = serde_json::from_str(&json_stringify(v)).unwrap();
        let orig: Value = serde_json::from_str(text).unwrap();
        assert_eq!(back["a"], orig["a"]);
        assert_eq!(back["big"].as_f64(), orig["big"].as_f64());
        assert!(json_parse("{".into()).is_err());
    }
}
