//! Decoding helpers that generated models are built on.
//!
//! Generated structs keep unknown fields, generated string enums keep unknown values and
//! generated unions keep unknown variants. The logic for that lives here once; the
//! generated code only lists fields and names.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serializer};
use serde_json::{Map, Value};

/// Unknown object fields, kept as they came.
pub type Extra = Map<String, Value>;

/// An object key, borrowed from the input when it can be.
#[derive(Debug)]
pub enum Key<'de> {
    /// Borrowed straight from the input.
    Borrowed(&'de str),
    /// Unescaped into a new string.
    Owned(String),
}

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        d.deserialize_str(V)
    }
}

/// The fields of a generated struct, filled one at a time while decoding.
pub trait Fields: Default {
    /// The struct these fields build.
    type Out;
    /// The struct's name, for error messages.
    const NAME: &'static str;
    /// Decodes the value of `key`; unknown keys go to the struct's extra fields.
    fn field<'de, D: Deserializer<'de>>(&mut self, key: &str, d: D) -> Result<(), D::Error>;
    /// Checks that required fields came and builds the struct.
    fn finish<E: de::Error>(self) -> Result<Self::Out, E>;
}

struct FieldSeed<'a, F> {
    fields: &'a mut F,
    key: &'a str,
}

impl<'de, F: Fields> DeserializeSeed<'de> for FieldSeed<'_, F> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.fields.field(self.key, d)
    }
}

fn read_rest<'de, F: Fields, A: MapAccess<'de>>(mut f: F, mut map: A) -> Result<F::Out, A::Error> {
    while let Some(key) = map.next_key::<Key<'de>>()? {
        map.next_value_seed(FieldSeed {
            fields: &mut f,
            key: key.as_str(),
        })?;
    }
    f.finish()
}

/// Decodes an object into the struct that `F` builds.
pub fn deserialize_struct<'de, F: Fields, D: Deserializer<'de>>(d: D) -> Result<F::Out, D::Error> {
    struct V<F>(PhantomData<F>);
    impl<'de, F: Fields> Visitor<'de> for V<F> {
        type Value = F::Out;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} object", F::NAME)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<F::Out, A::Error> {
            read_rest(F::default(), map)
        }
    }
    d.deserialize_map(V::<F>(PhantomData))
}

/// A union of object types told apart by one string field (the discriminator).
pub trait Union: Sized {
    /// The union's name, for error messages.
    const NAME: &'static str;
    /// The discriminator field.
    const TAG: &'static str;
    /// Finishes decoding once the tag is known: `seen` holds the fields read before it,
    /// `map` the ones after. Generated code calls [`finish_variant`] or [`finish_unknown`].
    fn with_tag<'de, A: MapAccess<'de>>(
        tag: &str,
        seen: Vec<(String, Value)>,
        map: A,
    ) -> Result<Self, A::Error>;
    /// An object without a readable tag.
    fn untagged(raw: Value) -> Self;
}

/// Decodes the variant `F` of a union: replays the fields seen before the tag, then the
/// tag, then reads the rest straight from the input.
pub fn finish_variant<'de, F: Fields, A: MapAccess<'de>>(
    tag_key: &str,
    tag: &str,
    seen: Vec<(String, Value)>,
    map: A,
) -> Result<F::Out, A::Error> {
    let mut f = F::default();
    for (k, v) in seen {
        f.field(&k, v).map_err(de::Error::custom)?;
    }
    f.field(tag_key, de::value::StrDeserializer::<A::Error>::new(tag))?;
    read_rest(f, map)
}

/// Keeps a variant this library does not know as the raw object.
pub fn finish_unknown<'de, A: MapAccess<'de>>(
    tag_key: &str,
    tag: &str,
    seen: Vec<(String, Value)>,
    mut map: A,
) -> Result<Value, A::Error> {
    let mut obj: Map<String, Value> = seen.into_iter().collect();
    obj.insert(tag_key.to_owned(), Value::String(tag.to_owned()));
    while let Some(key) = map.next_key::<String>()? {
        // A repeated tag is skipped: the object keeps the tag that chose this variant, so
        // it reads back as the same variant (found by the `decode` fuzz target).
        if key == tag_key {
            map.next_value::<de::IgnoredAny>()?;
            continue;
        }
        let v = map.next_value::<Value>()?;
        obj.insert(key, v);
    }
    Ok(Value::Object(obj))
}

/// The value of a union's tag field: a string, borrowed when it can be, or anything else
/// (which is no tag at all, and is kept as it came).
enum TagValue<'de> {
    Str(Key<'de>),
    Other(Value),
}

impl<'de> Deserialize<'de> for TagValue<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TagValue<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(TagValue::Str(Key::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(TagValue::Str(Key::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(TagValue::Str(Key::Owned(v)))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(TagValue::Other(Value::Bool(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(TagValue::Other(Value::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(TagValue::Other(Value::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(TagValue::Other(Value::from(v)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(TagValue::Other(Value::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(TagValue::Other(Value::Null))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(TagValue::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Value::deserialize(de::value::MapAccessDeserializer::new(map)).map(TagValue::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// Decodes a union: reads fields until the tag, then hands over to the variant.
pub fn deserialize_union<'de, U: Union, D: Deserializer<'de>>(d: D) -> Result<U, D::Error> {
    struct V<U>(PhantomData<U>);
    impl<'de, U: Union> Visitor<'de> for V<U> {
        type Value = U;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} object", U::NAME)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<U, A::Error> {
            let mut seen = Vec::new();
            while let Some(key) = map.next_key::<Key<'de>>()? {
                if key.as_str() == U::TAG {
                    match map.next_value::<TagValue<'de>>()? {
                        TagValue::Str(tag) => return U::with_tag(tag.as_str(), seen, map),
                        TagValue::Other(other) => seen.push((key.as_str().to_owned(), other)),
                    }
                } else {
                    seen.push((key.as_str().to_owned(), map.next_value::<Value>()?));
                }
            }
            Ok(U::untagged(Value::Object(seen.into_iter().collect())))
        }
    }
    d.deserialize_map(V::<U>(PhantomData))
}

/// A string enum that keeps values it does not know.
pub trait WireEnum: Sized {
    /// The enum's value for a wire string (an unknown string becomes the unknown case).
    fn from_wire(s: &str) -> Self;
    /// The wire string.
    fn as_str(&self) -> &str;
}

/// Decodes a [`WireEnum`] from a string.
pub fn deserialize_enum<'de, T: WireEnum, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let k = Key::deserialize(d)?;
    Ok(T::from_wire(k.as_str()))
}

/// Encodes a [`WireEnum`] as its string.
pub fn serialize_enum<T: WireEnum, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v.as_str())
}

impl<T: WireEnum> crate::request::QueryValue for T {
    fn push_to(&self, name: &str, q: &mut crate::request::Query) {
        q.push(name, self.as_str());
    }
}

/// Decodes a required field that the spec allows to be `null`: a missing field reads as `None`.
pub fn missing<T, E: de::Error>(
    v: Option<T>,
    struct_name: &str,
    field: &'static str,
) -> Result<T, E> {
    v.ok_or_else(|| E::custom(format_args!("missing field `{field}` in {struct_name}")))
}

#[cfg(test)]
mod tests {
    use crate::models::UsageTimeBucketResultsItem;

    #[test]
    fn an_unknown_variant_keeps_the_tag_that_chose_it() {
        let body = r#"{"object": "organization.future.result", "n": 1,
                       "object": "organization.costs.result"}"#;
        let item: UsageTimeBucketResultsItem = serde_json::from_str(body).unwrap();
        let UsageTimeBucketResultsItem::Unknown(raw) = &item else {
            panic!("{item:?}");
        };
        assert_eq!(raw["object"], "organization.future.result");
        assert_eq!(raw["n"], 1);
        // Written back and read again, it is the same unknown variant.
        let again: UsageTimeBucketResultsItem =
            serde_json::from_str(&serde_json::to_string(&item).unwrap()).unwrap();
        assert_eq!(again, item);
    }
}
