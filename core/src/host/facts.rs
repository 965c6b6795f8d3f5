//! The few values of a list page that decide the next request, read without building the items.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::Error;
use crate::pagination::PageStyle;

/// The few values of a list page that decide the next request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageFacts {
    /// The page's `has_more` (absent reads as "no more").
    #[serde(default)]
    pub has_more: Option<bool>,
    /// The page's cursor field for its style (`last_id`, `next` or `next_page`).
    #[serde(default)]
    pub cursor: Option<String>,
    /// The `id` of the page's last item (the cursor of [`PageStyle::AfterItemId`]).
    #[serde(default)]
    pub last_item_id: Option<String>,
}

impl PageFacts {
    /// The page member that says whether more pages follow.
    pub const HAS_MORE: &'static str = "has_more";
    /// The page member that holds the items.
    pub const ITEMS: &'static str = "data";
    /// The member of an item that holds its id (the cursor of [`PageStyle::AfterItemId`]).
    pub const ITEM_ID: &'static str = "id";

    /// Reads the facts from a page body without building its items: every value other
    /// than `has_more`, the cursor field and the last item's `id` is skipped.
    ///
    /// Fails with [`Error::Decode`] when the body is not a JSON object.
    pub fn read(style: PageStyle, body: &[u8]) -> Result<Self, Error> {
        // JSON is UTF-8: a body that is not is refused here as the full decode refuses it,
        // even when the bad bytes sit in a value the reader skips.
        let text = std::str::from_utf8(body).map_err(|e| Error::Decode {
            message: format!("the page is not valid JSON: it is not UTF-8 ({e})"),
            request_id: None,
        })?;
        let mut de = serde_json::Deserializer::from_str(text);
        let facts = FactsSeed::new(style)
            .deserialize(&mut de)
            .and_then(|f| de.end().map(|()| f))
            .map_err(unreadable)?;
        Ok(facts)
    }

    /// The facts of a page a host has already split into members, given as `(key, raw
    /// JSON)` pairs (from an index of the body, say): by the rules of [`PageFacts::read`],
    /// reading only the members that hold facts (items skipped), so the body is not
    /// scanned again.
    pub fn from_members<'a>(
        style: PageStyle,
        members: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, Error> {
        let seed = FactsSeed::new(style);
        let mut facts = PageFacts::default();
        for (key, raw) in members {
            match seed.fact(key) {
                Fact::HasMore => facts.has_more = serde_json::from_str(raw).map_err(unreadable)?,
                Fact::Cursor => {
                    let c: Option<Scalar> = serde_json::from_str(raw).map_err(unreadable)?;
                    facts.cursor = c.map(|s| s.0);
                }
                Fact::LastItemId => {
                    let last: LastId = serde_json::from_str(raw).map_err(unreadable)?;
                    facts.last_item_id = last.0;
                }
                Fact::None => {}
            }
        }
        Ok(facts)
    }

    /// Reads the facts from the few values a host took from a page it has already parsed
    /// (a JSON object with `has_more`, the style's cursor field and `data`, where `data`
    /// may hold only the last item), by the same rules as [`PageFacts::read`].
    pub fn from_value(style: PageStyle, page: &Value) -> Result<Self, Error> {
        let seed = FactsSeed {
            cursor_field: style.cursor_field(),
            want_last_id: style == PageStyle::AfterItemId,
        };
        seed.deserialize(page).map_err(unreadable)
    }

    /// The cursor this page offers for its style, when it says there is more.
    pub fn next_cursor(&self, style: PageStyle) -> Option<&str> {
        if self.has_more != Some(true) {
            return None;
        }
        let c = match style {
            PageStyle::AfterItemId => self.last_item_id.as_deref(),
            PageStyle::AfterLastId | PageStyle::AfterNext | PageStyle::NextPage => {
                self.cursor.as_deref()
            }
            PageStyle::Single | PageStyle::None => None,
        }?;
        (!c.is_empty()).then_some(c)
    }
}

/// The fields of a page of this style besides its items (`data`), as the spec's list objects
/// have them (held to the spec by the generator's `core_rules` test): the style's cursor
/// field ([`PageStyle::cursor_field`]) among them.
pub fn page_fields(style: PageStyle) -> &'static [&'static str] {
    match style {
        PageStyle::AfterLastId | PageStyle::AfterItemId => {
            &["object", "first_id", "last_id", "has_more"]
        }
        PageStyle::AfterNext => &["object", "has_more", "next"],
        PageStyle::NextPage => &["object", "has_more", "next_page"],
        PageStyle::Single => &["object"],
        PageStyle::None => &[],
    }
}

/// The [`page_fields`] of every operation's page style, each once, sorted: what a host whose
/// pages are all one class answers on every page (as nothing where the page's own style has
/// no such field).
pub fn all_page_fields() -> Vec<&'static str> {
    let all = crate::OPERATIONS
        .iter()
        .flat_map(|o| page_fields(o.page_style));
    let mut all: Vec<_> = all.copied().collect();
    all.sort_unstable();
    all.dedup();
    all
}

fn unreadable(e: serde_json::Error) -> Error {
    Error::Decode {
        message: format!("the page could not be read: {e}"),
        request_id: None,
    }
}

struct FactsSeed {
    cursor_field: Option<&'static str>,
    want_last_id: bool,
}

/// The fact a page member holds.
enum Fact {
    HasMore,
    Cursor,
    LastItemId,
    None,
}

impl FactsSeed {
    fn new(style: PageStyle) -> Self {
        Self {
            cursor_field: style.cursor_field(),
            want_last_id: style == PageStyle::AfterItemId,
        }
    }

    fn fact(&self, key: &str) -> Fact {
        if key == PageFacts::HAS_MORE {
            Fact::HasMore
        } else if Some(key) == self.cursor_field {
            Fact::Cursor
        } else if key == PageFacts::ITEMS && self.want_last_id {
            Fact::LastItemId
        } else {
            Fact::None
        }
    }
}

impl<'de> DeserializeSeed<'de> for FactsSeed {
    type Value = PageFacts;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<PageFacts, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FactsSeed {
    type Value = PageFacts;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list page (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PageFacts, A::Error> {
        let mut facts = PageFacts::default();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match self.fact(&key) {
                Fact::HasMore => facts.has_more = map.next_value::<Option<bool>>()?,
                Fact::Cursor => facts.cursor = map.next_value::<Option<Scalar>>()?.map(|s| s.0),
                Fact::LastItemId => facts.last_item_id = map.next_value::<LastId>()?.0,
                Fact::None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(facts)
    }
}

/// A cursor value: a string, or a number read as its text.
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::String(s) => Ok(Self(s)),
            Value::Number(n) => Ok(Self(n.to_string())),
            other => Err(de::Error::custom(format!(
                "a cursor must be a string, not {other}"
            ))),
        }
    }
}

/// The `id` of the last element of an array of objects; every other value skipped.
struct LastId(Option<String>);

impl<'de> Deserialize<'de> for LastId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Items;
        impl<'de> Visitor<'de> for Items {
            type Value = LastId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of items")
            }
            fn visit_unit<E: de::Error>(self) -> Result<LastId, E> {
                Ok(LastId(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<LastId, A::Error> {
                let mut last = None;
                while let Some(item) = seq.next_element::<ItemId>()? {
                    last = Some(item.0);
                }
                Ok(LastId(last.flatten()))
            }
        }
        d.deserialize_any(Items)
    }
}

/// An item's `id`, its other fields skipped.
struct ItemId(Option<String>);

impl<'de> Deserialize<'de> for ItemId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = ItemId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list item")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ItemId, A::Error> {
                let mut id = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == PageFacts::ITEM_ID {
                        id = map.next_value::<Option<Scalar>>()?.map(|s| s.0);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(ItemId(id))
            }
            // Items that are not objects have no id.
            fn visit_unit<E: de::Error>(self) -> Result<ItemId, E> {
                Ok(ItemId(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<ItemId, E> {
                Ok(ItemId(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<ItemId, E> {
                Ok(ItemId(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<ItemId, E> {
                Ok(ItemId(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<ItemId, E> {
                Ok(ItemId(None))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<ItemId, E> {
                Ok(ItemId(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ItemId, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(ItemId(None))
            }
        }
        d.deserialize_any(Fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn facts(style: PageStyle, v: Value) -> PageFacts {
        PageFacts::read(style, v.to_string().as_bytes()).unwrap()
    }

    #[test]
    fn page_fields_hold_each_styles_cursor() {
        use PageStyle::*;
        for style in [AfterLastId, AfterItemId, AfterNext, NextPage, Single, None] {
            let fields = page_fields(style);
            assert!(style.cursor_field().is_none_or(|c| fields.contains(&c)));
            assert_eq!(fields.contains(&"has_more"), style.cursor_param().is_some());
        }
        let all = [
            "first_id",
            "has_more",
            "last_id",
            "next",
            "next_page",
            "object",
        ];
        assert_eq!(all_page_fields(), all);
    }

    #[test]
    fn reads_facts_for_each_style() {
        let page = json!({"object": "list", "data": [{"id": "a", "x": [1, {"id": "no"}]}, {"id": "b"}],
                          "has_more": true, "last_id": "b", "next": "n1", "next_page": "p2"});
        let f = facts(PageStyle::AfterLastId, page.clone());
        assert_eq!((f.has_more, f.cursor.as_deref()), (Some(true), Some("b")));
        assert_eq!(f.last_item_id, None);
        assert_eq!(
            facts(PageStyle::AfterNext, page.clone()).cursor.as_deref(),
            Some("n1")
        );
        assert_eq!(
            facts(PageStyle::NextPage, page.clone()).cursor.as_deref(),
            Some("p2")
        );
        let f = facts(PageStyle::AfterItemId, page.clone());
        assert_eq!(f.last_item_id.as_deref(), Some("b"));
        assert_eq!(f.next_cursor(PageStyle::AfterItemId), Some("b"));
        // From members a host has indexed: the same facts.
        let members: Vec<(String, String)> = page
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.to_string()))
            .collect();
        for style in [
            PageStyle::AfterLastId,
            PageStyle::AfterItemId,
            PageStyle::AfterNext,
            PageStyle::NextPage,
        ] {
            let pairs = members.iter().map(|(k, v)| (k.as_str(), v.as_str()));
            let from = PageFacts::from_members(style, pairs).unwrap();
            assert_eq!(from, facts(style, page.clone()), "{style:?}");
        }
        let bad = PageFacts::from_members(PageStyle::AfterLastId, [("has_more", "\"yes\"")]);
        assert!(matches!(bad, Err(Error::Decode { .. })));
    }

    #[test]
    fn odd_pages_read_as_facts_or_fail_cleanly() {
        let f = facts(
            PageStyle::AfterItemId,
            json!({"data": null, "has_more": null}),
        );
        assert_eq!(f, PageFacts::default());
        let f = facts(
            PageStyle::AfterItemId,
            json!({"data": [1, "x", [2], null], "has_more": true}),
        );
        assert_eq!(f.next_cursor(PageStyle::AfterItemId), None);
        let f = facts(
            PageStyle::NextPage,
            json!({"has_more": true, "next_page": 7}),
        );
        assert_eq!(f.cursor.as_deref(), Some("7"));
        for bad in [&b"[]"[..], b"{", b"", b"{\"has_more\": \"yes\"}", b"{} x"] {
            assert!(matches!(
                PageFacts::read(PageStyle::AfterLastId, bad),
                Err(Error::Decode { .. })
            ));
        }
    }

    #[test]
    fn facts_from_a_parsed_page_follow_the_same_rules() {
        let page = json!({"data": [{"id": "z"}], "has_more": true, "next_page": 7});
        for style in [
            PageStyle::AfterItemId,
            PageStyle::NextPage,
            PageStyle::AfterLastId,
        ] {
            assert_eq!(
                PageFacts::from_value(style, &page).unwrap(),
                facts(style, page.clone())
            );
        }
        for bad in [
            json!([]),
            json!({"has_more": "yes"}),
            json!({"next_page": {}}),
        ] {
            assert!(matches!(
                PageFacts::from_value(PageStyle::NextPage, &bad),
                Err(Error::Decode { .. })
            ));
        }
    }

    #[test]
    fn facts_refuse_what_is_not_utf8() {
        // Found by the `paging` fuzz target: bad bytes in a skipped field were accepted.
        let body = b"{\"first_id\":\"u\xe7r\",\"has_more\":true,\"last_id\":\"a\"}";
        assert!(matches!(
            PageFacts::read(PageStyle::AfterLastId, body),
            Err(Error::Decode { .. })
        ));
        let ok = br#"{"first_id":"u","has_more":true,"last_id":"a"}"#;
        assert_eq!(
            PageFacts::read(PageStyle::AfterLastId, ok)
                .unwrap()
                .cursor
                .as_deref(),
            Some("a")
        );
    }
}
