//! The members of a JSON object, and the items of a JSON array, as spans of the document
//! with their values left unparsed: how a host builds result objects lazily, parsing a field
//! only when it is read (the Python package does; [`PageFacts::from_members`] reads a page's
//! facts from the same spans).
//!
//! Spans are byte offsets `(start, end)` into the whole document, so a host can keep one
//! copy of the body and hand out slices of it.
//!
//! [`PageFacts::from_members`]: super::PageFacts::from_members

use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

/// `(key, start, end)` of each member of a JSON object.
pub type Members = Vec<(String, usize, usize)>;

/// Where `part` (a slice of `doc`) starts in `doc`.
fn offset(doc: &str, part: &str) -> usize {
    part.as_ptr() as usize - doc.as_ptr() as usize
}

/// The members of the object at `doc[start..end]`, in document order.
///
/// Fails when that text is not a JSON object.
pub fn members(doc: &str, start: usize, end: usize) -> Result<Members, serde_json::Error> {
    let Entries(e) = serde_json::from_str(&doc[start..end])?;
    let span = |(k, v): (String, &RawValue)| {
        let s = offset(doc, v.get());
        (k, s, s + v.get().len())
    };
    Ok(e.into_iter().map(span).collect())
}

/// The `(start, end)` of each item of the array at `doc[start..end]`.
///
/// Fails when that text is not a JSON array.
pub fn items(
    doc: &str,
    start: usize,
    end: usize,
) -> Result<Vec<(usize, usize)>, serde_json::Error> {
    let items: Vec<&RawValue> = serde_json::from_str(&doc[start..end])?;
    let span = |v: &RawValue| (offset(doc, v.get()), offset(doc, v.get()) + v.get().len());
    Ok(items.into_iter().map(span).collect())
}

/// The span of member `key` of the object at `doc[start..end]`, found without reading the
/// object past it (the values before it are skipped, not built). `None` when the object has
/// no such member or the text is not an object.
pub fn find(doc: &str, start: usize, end: usize, key: &str) -> Option<(usize, usize)> {
    let found = Cell::new(None);
    let mut de = serde_json::Deserializer::from_str(&doc[start..end]);
    // A match ends the scan with a marker error: how a serde visitor stops early.
    let _ = de.deserialize_map(Find(key, &found));
    found
        .get()
        .map(|v: &str| (offset(doc, v), offset(doc, v) + v.len()))
}

/// `(start, end)` of `doc` without the whitespace around it.
pub fn trimmed(doc: &str) -> (usize, usize) {
    (doc.len() - doc.trim_start().len(), doc.trim_end().len())
}

/// The members of a JSON object, values left unparsed.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de> serde::Deserialize<'de> for Entries<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Entries<'de>, A::Error> {
                let mut out = Vec::new();
                while let Some(e) = m.next_entry::<String, &'de RawValue>()? {
                    out.push(e);
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// Whether a key is the one looked for.
struct KeyIs<'k>(&'k str);

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        struct V<'k>(&'k str);
        impl<'de> Visitor<'de> for V<'_> {
            type Value = bool;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E>(self, v: &str) -> Result<bool, E> {
                Ok(v == self.0)
            }
        }
        d.deserialize_str(V(self.0))
    }
}

/// Scans an object for a key, keeping its raw value.
struct Find<'k, 'c, 'd>(&'k str, &'c Cell<Option<&'d str>>);

impl<'de> Visitor<'de> for Find<'_, '_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<(), A::Error> {
        while let Some(hit) = m.next_key_seed(KeyIs(self.0))? {
            if hit {
                let v: &'de RawValue = m.next_value()?;
                self.1.set(Some(v.get()));
                return Err(A::Error::custom("found"));
            }
            m.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"  {"a": 1, "b": {"c": [1, 2]}, "d": "x\"y"}  "#;

    #[test]
    fn members_and_find_agree_on_spans() {
        let (s, e) = trimmed(DOC);
        let all = members(DOC, s, e).unwrap();
        let keys: Vec<&str> = all.iter().map(|m| m.0.as_str()).collect();
        assert_eq!(keys, ["a", "b", "d"]);
        for (k, s2, e2) in &all {
            assert_eq!(find(DOC, s, e, k), Some((*s2, *e2)));
        }
        let (bs, be) = find(DOC, s, e, "b").unwrap();
        assert_eq!(&DOC[bs..be], r#"{"c": [1, 2]}"#);
        assert_eq!(&DOC[all[2].1..all[2].2], r#""x\"y""#);
        assert_eq!(find(DOC, s, e, "zz"), None);
    }

    #[test]
    fn items_of_an_array_and_errors() {
        let (cs, ce) = find(DOC, 0, DOC.len(), "b")
            .and_then(|(s, e)| find(DOC, s, e, "c"))
            .unwrap();
        let spans = items(DOC, cs, ce).unwrap();
        let texts: Vec<&str> = spans.iter().map(|&(s, e)| &DOC[s..e]).collect();
        assert_eq!(texts, ["1", "2"]);
        assert!(members(DOC, cs, ce).is_err());
        assert!(items(DOC, 0, DOC.len()).is_err());
        assert_eq!(find("[1]", 0, 3, "a"), None);
    }
}
