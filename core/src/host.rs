//! The host protocol: everything a binding needs besides the operation table.
//!
//! A binding (Python, JavaScript, Kotlin/Swift, the Rust client itself) holds no rule of its
//! own. It asks this module:
//! - how an [`Error`] is described to its users ([`describe`] → [`ErrorInfo`]: the kind, the
//!   official SDKs' class name, and the fields), so its error mapping is a field copy;
//! - which page comes next ([`PageFacts`] read from a body, then [`Walk::next`]), with the
//!   guards against cursor cycles and endless walks kept here;
//! - what the defaults are and how the environment is read ([`Defaults`], [`Settings`],
//!   [`Settings::from_lookup`]: one rule for empty values);
//! - the facts of an operation ([`operation`], [`operation_js`]: method, path, page style,
//!   idempotency, SDK names).
//!
//! Nothing here does I/O: the environment is read through a lookup the host passes in.

use std::collections::HashSet;
use std::fmt;
use std::time::Duration;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{ApiError, Error};
use crate::generated::{OPERATIONS, OperationInfo};
use crate::pagination::PageStyle;
use crate::secret::AdminKey;

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// What kind of failure an error is, independent of the host language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A parameter was rejected before anything was sent.
    InvalidInput,
    /// The API answered with a non-2xx status.
    Status,
    /// A 2xx answer whose body did not fit the operation's type.
    Decode,
    /// No complete answer: the connection failed or broke.
    Connection,
    /// No complete answer within the timeout.
    Timeout,
}

/// An error, described as plain data for a host to turn into its own exception.
///
/// `class` is the official Python SDK's class name, `class_js` the official JS SDK's;
/// a binding picks its class by name and copies the fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorInfo {
    /// The kind of failure.
    pub kind: ErrorKind,
    /// The official Python SDK's exception class (`NotFoundError`, `APITimeoutError`, …).
    pub class: &'static str,
    /// The official JS SDK's error class (`NotFoundError`, `APIConnectionTimeoutError`, …).
    pub class_js: &'static str,
    /// The HTTP status, for [`ErrorKind::Status`] (and 2xx for [`ErrorKind::Decode`]).
    pub status: Option<u16>,
    /// `error.type` of the API's error body.
    #[serde(rename = "type")]
    pub error_type: Option<String>,
    /// `error.code` of the API's error body, as text.
    pub code: Option<String>,
    /// `error.param` of the API's error body, or the rejected parameter for invalid input.
    pub param: Option<String>,
    /// A sentence for people: the API's `error.message`, or what went wrong.
    pub message: String,
    /// The response's `x-request-id`, when there was a response.
    pub request_id: Option<String>,
    /// The whole error body as JSON (a string when it was not JSON), for status errors.
    pub body: Option<Value>,
}

/// The official SDKs' class name for an HTTP status (the same in Python and JS, except that
/// JS calls `APIStatusError` plain `APIError`: see [`describe`]).
pub fn status_class(status: u16) -> &'static str {
    match status {
        400 => "BadRequestError",
        401 => "AuthenticationError",
        403 => "PermissionDeniedError",
        404 => "NotFoundError",
        409 => "ConflictError",
        422 => "UnprocessableEntityError",
        429 => "RateLimitError",
        s if s >= 500 => "InternalServerError",
        _ => "APIStatusError",
    }
}

/// Describes an error. One exhaustive match: a new [`Error`] variant does not compile until
/// it is described here, so no host can send it to a wrong class.
pub fn describe(e: &Error) -> ErrorInfo {
    let plain = |kind, class, class_js| ErrorInfo {
        kind,
        class,
        class_js,
        status: None,
        error_type: None,
        code: None,
        param: None,
        message: e.to_string(),
        request_id: None,
        body: None,
    };
    match e {
        Error::InvalidInput { param, .. } => ErrorInfo {
            param: Some(param.clone()),
            ..plain(
                ErrorKind::InvalidInput,
                "InvalidInputError",
                "InvalidInputError",
            )
        },
        Error::Status(api) => describe_status(api),
        Error::Decode { request_id, .. } => ErrorInfo {
            request_id: request_id.clone(),
            status: Some(200),
            ..plain(
                ErrorKind::Decode,
                "APIResponseValidationError",
                "APIResponseValidationError",
            )
        },
        Error::Connection { .. } => plain(
            ErrorKind::Connection,
            "APIConnectionError",
            "APIConnectionError",
        ),
        Error::Timeout => plain(
            ErrorKind::Timeout,
            "APITimeoutError",
            "APIConnectionTimeoutError",
        ),
    }
}

fn describe_status(api: &ApiError) -> ErrorInfo {
    let class = status_class(api.status);
    // The official JS SDK has no `APIStatusError`: a status without a class of its own is
    // a plain `APIError` there.
    let class_js = match class {
        "APIStatusError" => "APIError",
        named => named,
    };
    ErrorInfo {
        kind: ErrorKind::Status,
        class,
        class_js,
        status: Some(api.status),
        error_type: api.error_type.clone(),
        code: api.code.clone(),
        param: api.param.clone(),
        message: api.message.clone(),
        request_id: api.request_id.clone(),
        body: Some(api.body.clone()),
    }
}

// ---------------------------------------------------------------------------------------------
// Paging
// ---------------------------------------------------------------------------------------------

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
    /// Reads the facts from a page body without building its items: every value other
    /// than `has_more`, the cursor field and the last item's `id` is skipped.
    ///
    /// Fails with [`Error::Decode`] when the body is not a JSON object.
    pub fn read(style: PageStyle, body: &[u8]) -> Result<Self, Error> {
        let mut de = serde_json::Deserializer::from_slice(body);
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
        seed.deserialize(page).map_err(|e| Error::Decode {
            message: format!("the page could not be read: {e}"),
            request_id: None,
        })
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
        if key == "has_more" {
            Fact::HasMore
        } else if Some(key) == self.cursor_field {
            Fact::Cursor
        } else if key == "data" && self.want_last_id {
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
                    if key == "id" {
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

/// Why a walk over pages ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WalkEnd {
    /// The page said there is no more (or gave no cursor).
    LastPage,
    /// The operation is not paged by cursor (a single response, or not a list).
    NotPaged,
    /// The server handed back a cursor this walk had already followed (a cycle).
    CursorRepeated,
    /// The walk reached its page cap.
    PageCap,
}

/// What comes after a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "next")]
pub enum NextPage {
    /// Ask for the next page with `param=value` (`after=…` or `page=…`).
    Cursor {
        /// The query parameter (`after` or `page`).
        param: &'static str,
        /// Its value.
        value: String,
    },
    /// The walk is over.
    End {
        /// Why.
        reason: WalkEnd,
    },
}

/// One walk over a list's pages: the cursors already followed and the pages seen.
///
/// Every host pages through this: feed it each page's [`PageFacts`] and follow what
/// [`Walk::next`] says. A cursor seen before in this walk ends it (so cycles such as
/// A→B→A end too), and so does the page cap.
#[derive(Debug, Clone)]
pub struct Walk {
    style: PageStyle,
    seen: HashSet<String>,
    pages: u64,
    max_pages: u64,
}

impl Walk {
    /// A walk over an operation of page style `style`, whose first request carried
    /// `first_cursor` (if any), ending after at most `max_pages` pages (0 means no cap).
    pub fn new(style: PageStyle, first_cursor: Option<&str>, max_pages: u64) -> Self {
        let mut seen = HashSet::new();
        if let Some(c) = first_cursor.filter(|c| !c.is_empty()) {
            seen.insert(c.to_owned());
        }
        Self {
            style,
            seen,
            pages: 0,
            max_pages,
        }
    }

    /// The walk for the operation's request `params` (its cursor parameter read from them).
    pub fn for_params(style: PageStyle, params: &Map<String, Value>, max_pages: u64) -> Self {
        let first = style
            .cursor_param()
            .and_then(|p| params.get(p))
            .and_then(Value::as_str);
        Self::new(style, first, max_pages)
    }

    /// How many pages this walk has been told about.
    pub fn pages(&self) -> u64 {
        self.pages
    }

    /// Records one page and says what comes after it.
    pub fn next(&mut self, facts: &PageFacts) -> NextPage {
        self.pages += 1;
        let end = |reason| NextPage::End { reason };
        let Some(param) = self.style.cursor_param() else {
            return end(WalkEnd::NotPaged);
        };
        let Some(cursor) = facts.next_cursor(self.style) else {
            return end(WalkEnd::LastPage);
        };
        if self.max_pages != 0 && self.pages >= self.max_pages {
            return end(WalkEnd::PageCap);
        }
        if !self.seen.insert(cursor.to_owned()) {
            return end(WalkEnd::CursorRepeated);
        }
        NextPage::Cursor {
            param,
            value: cursor.to_owned(),
        }
    }

    /// [`Walk::next`] as request parameters: `params` with the cursor set, or `None` when
    /// the walk is over.
    pub fn next_params(
        &mut self,
        params: &Map<String, Value>,
        facts: &PageFacts,
    ) -> Option<Map<String, Value>> {
        match self.next(facts) {
            NextPage::Cursor { param, value } => {
                let mut p = params.clone();
                p.insert(param.to_owned(), Value::String(value));
                Some(p)
            }
            NextPage::End { .. } => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Defaults and the environment
// ---------------------------------------------------------------------------------------------

/// The defaults every host starts from.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Defaults;

impl Defaults {
    /// The production base URL.
    pub const BASE_URL: &'static str = crate::config::DEFAULT_BASE_URL;
    /// How long one attempt may take, from connecting to the last byte.
    pub const TIMEOUT: Duration = Duration::from_secs(600);
    /// How long establishing a connection may take.
    pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
    /// Retries after the first attempt.
    pub const MAX_RETRIES: u32 = 2;
    /// The most pages one walk follows before it stops (a guard against a server that
    /// never says "no more"): a million items at 100 a page.
    pub const MAX_PAGES: u64 = 10_000;
    /// The environment variable holding the admin key.
    pub const ENV_ADMIN_KEY: &'static str = "OPENAI_ADMIN_KEY";
    /// The environment variable holding the base URL.
    pub const ENV_BASE_URL: &'static str = "OPENAI_BASE_URL";
    /// The environment variable holding the organization id.
    pub const ENV_ORG_ID: &'static str = "OPENAI_ORG_ID";
    /// The environment variable holding the project id.
    pub const ENV_PROJECT_ID: &'static str = "OPENAI_PROJECT_ID";
    /// The environment variable that turns on logging (`debug` or `info`).
    pub const ENV_LOG: &'static str = "OPENAI_LOG";
}

/// The `User-Agent` of a host: `openai-admin-<host>/<version>` (host `rust`, `python`,
/// `js`, `kotlin`, `swift`).
pub fn user_agent(host: &str) -> String {
    format!("openai-admin-{host}/{}", env!("CARGO_PKG_VERSION"))
}

/// A client's settings as a host starts from them: defaults, then the environment, then
/// what the caller passed.
#[derive(Clone, PartialEq, Serialize)]
pub struct Settings {
    /// The admin key, when one was found (never printed: see [`AdminKey`]).
    #[serde(skip)]
    pub api_key: Option<AdminKey>,
    /// The base URL, without a trailing `/`.
    pub base_url: String,
    /// Sent as `OpenAI-Organization` when set.
    pub organization: Option<String>,
    /// Sent as `OpenAI-Project` when set.
    pub project: Option<String>,
    /// Per-attempt timeout in milliseconds.
    pub timeout_ms: u64,
    /// Connect timeout in milliseconds.
    pub connect_timeout_ms: u64,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The page cap of a walk.
    pub max_pages: u64,
    /// The log level from `OPENAI_LOG` (`debug`, `info`), when set.
    pub log: Option<String>,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("api_key", &self.api_key)
            .field("base_url", &self.base_url)
            .field("organization", &self.organization)
            .field("project", &self.project)
            .field("timeout_ms", &self.timeout_ms)
            .field("connect_timeout_ms", &self.connect_timeout_ms)
            .field("max_retries", &self.max_retries)
            .field("max_pages", &self.max_pages)
            .field("log", &self.log)
            .finish()
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            api_key: None,
            base_url: Defaults::BASE_URL.to_owned(),
            organization: None,
            project: None,
            timeout_ms: Defaults::TIMEOUT.as_millis() as u64,
            connect_timeout_ms: Defaults::CONNECT_TIMEOUT.as_millis() as u64,
            max_retries: Defaults::MAX_RETRIES,
            max_pages: Defaults::MAX_PAGES,
            log: None,
        }
    }
}

/// The one rule for values from the environment or from a caller: a value that is empty
/// or only whitespace counts as not set.
pub fn non_empty(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}

impl Settings {
    /// The defaults, overridden by the environment as read through `lookup` (the host's
    /// `os.environ`, `process.env`, `std::env::var`, …). Empty values count as unset.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let var = |k: &str| non_empty(lookup(k));
        let mut s = Self {
            api_key: var(Defaults::ENV_ADMIN_KEY).map(AdminKey::new),
            organization: var(Defaults::ENV_ORG_ID),
            project: var(Defaults::ENV_PROJECT_ID),
            log: var(Defaults::ENV_LOG).map(|l| l.trim().to_ascii_lowercase()),
            ..Self::default()
        };
        if let Some(url) = var(Defaults::ENV_BASE_URL) {
            s.base_url = trim_base_url(&url);
        }
        s
    }

    /// The request settings, or [`Error::InvalidInput`] for `api_key` when no key was
    /// found.
    pub fn config(&self, host: &str) -> Result<crate::Config, Error> {
        let key = self.api_key.clone().ok_or_else(|| {
            Error::invalid(
                "api_key",
                format!(
                    "no admin key: pass one, or set the {} environment variable",
                    Defaults::ENV_ADMIN_KEY
                ),
            )
        })?;
        let mut cfg = crate::Config::new(key).with_base_url(self.base_url.clone());
        cfg.organization = self.organization.clone();
        cfg.project = self.project.clone();
        cfg.user_agent = user_agent(host);
        Ok(cfg)
    }
}

/// A base URL without trailing `/`.
pub fn trim_base_url(url: &str) -> String {
    url.trim().trim_end_matches('/').to_owned()
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

/// The operation named `sdk_method`, the official Python SDK's name
/// (`admin.organization.users.list`).
pub fn operation(sdk_method: &str) -> Option<&'static OperationInfo> {
    OPERATIONS
        .binary_search_by(|o| o.sdk_method.cmp(sdk_method))
        .ok()
        .map(|i| &OPERATIONS[i])
}

/// The operation named `sdk_method_js`, the official JS SDK's name
/// (`admin.organization.adminAPIKeys.list`).
pub fn operation_js(sdk_method_js: &str) -> Option<&'static OperationInfo> {
    OPERATIONS.iter().find(|o| o.sdk_method_js == sdk_method_js)
}

/// The operation named `name`, or [`Error::InvalidInput`] for `operation`.
pub fn require_operation(name: &str) -> Result<&'static OperationInfo, Error> {
    operation(name)
        .or_else(|| operation_js(name))
        .ok_or_else(|| Error::invalid("operation", format!("no operation is named {name:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn facts(style: PageStyle, v: Value) -> PageFacts {
        PageFacts::read(style, v.to_string().as_bytes()).unwrap()
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

    fn page(cursor: &str) -> PageFacts {
        PageFacts {
            has_more: Some(true),
            cursor: Some(cursor.into()),
            last_item_id: None,
        }
    }

    #[test]
    fn walk_follows_and_ends() {
        let mut w = Walk::new(PageStyle::AfterLastId, None, 0);
        assert_eq!(
            w.next(&page("a")),
            NextPage::Cursor {
                param: "after",
                value: "a".into()
            }
        );
        let last = PageFacts {
            has_more: Some(false),
            ..page("b")
        };
        assert_eq!(
            w.next(&last),
            NextPage::End {
                reason: WalkEnd::LastPage
            }
        );
        let mut w = Walk::new(PageStyle::Single, None, 0);
        assert_eq!(
            w.next(&page("a")),
            NextPage::End {
                reason: WalkEnd::NotPaged
            }
        );
    }

    #[test]
    fn a_cursor_cycle_stops() {
        // The first request's own cursor counts as seen.
        let mut w = Walk::new(PageStyle::AfterNext, Some("a"), 0);
        assert!(matches!(w.next(&page("b")), NextPage::Cursor { .. }));
        assert!(matches!(w.next(&page("c")), NextPage::Cursor { .. }));
        assert_eq!(
            w.next(&page("a")),
            NextPage::End {
                reason: WalkEnd::CursorRepeated
            }
        );
        // A → B → A without a first cursor.
        let mut w = Walk::new(PageStyle::AfterNext, None, 0);
        assert!(matches!(w.next(&page("a")), NextPage::Cursor { .. }));
        assert!(matches!(w.next(&page("b")), NextPage::Cursor { .. }));
        assert_eq!(
            w.next(&page("a")),
            NextPage::End {
                reason: WalkEnd::CursorRepeated
            }
        );
    }

    #[test]
    fn the_page_cap_stops_an_endless_walk() {
        let mut w = Walk::new(PageStyle::NextPage, None, 5);
        let mut followed = 0;
        for i in 0.. {
            match w.next(&page(&format!("p{i}"))) {
                NextPage::Cursor { param, .. } => {
                    assert_eq!(param, "page");
                    followed += 1;
                }
                NextPage::End { reason } => {
                    assert_eq!(reason, WalkEnd::PageCap);
                    break;
                }
            }
        }
        // Five pages seen, four followed after the first.
        assert_eq!((followed, w.pages()), (4, 5));
    }

    #[test]
    fn next_params_sets_the_cursor() {
        let p = json!({"limit": 2, "project_id": "p"})
            .as_object()
            .unwrap()
            .clone();
        let mut w = Walk::for_params(PageStyle::AfterLastId, &p, 0);
        let next = w.next_params(&p, &page("u9")).unwrap();
        assert_eq!(
            Value::Object(next),
            json!({"limit": 2, "project_id": "p", "after": "u9"})
        );
        let p2 = json!({"after": "u9"}).as_object().unwrap().clone();
        let mut w = Walk::for_params(PageStyle::AfterLastId, &p2, 0);
        assert_eq!(w.next_params(&p2, &page("u9")), None);
    }

    #[test]
    fn every_error_is_described() {
        let api = |status| {
            Error::Status(Box::new(ApiError::from_response(
                http::StatusCode::from_u16(status).unwrap(),
                &http::HeaderMap::new(),
                br#"{"error":{"message":"m","type":"t","code":7,"param":"p"}}"#,
            )))
        };
        let cases = [
            (
                Error::invalid("user_id", "must not be empty"),
                ErrorKind::InvalidInput,
                "InvalidInputError",
                "InvalidInputError",
            ),
            (
                api(400),
                ErrorKind::Status,
                "BadRequestError",
                "BadRequestError",
            ),
            (
                api(401),
                ErrorKind::Status,
                "AuthenticationError",
                "AuthenticationError",
            ),
            (
                api(403),
                ErrorKind::Status,
                "PermissionDeniedError",
                "PermissionDeniedError",
            ),
            (
                api(404),
                ErrorKind::Status,
                "NotFoundError",
                "NotFoundError",
            ),
            (
                api(409),
                ErrorKind::Status,
                "ConflictError",
                "ConflictError",
            ),
            (
                api(422),
                ErrorKind::Status,
                "UnprocessableEntityError",
                "UnprocessableEntityError",
            ),
            (
                api(429),
                ErrorKind::Status,
                "RateLimitError",
                "RateLimitError",
            ),
            (
                api(503),
                ErrorKind::Status,
                "InternalServerError",
                "InternalServerError",
            ),
            (api(418), ErrorKind::Status, "APIStatusError", "APIError"),
            (
                Error::Decode {
                    message: "x".into(),
                    request_id: Some("r".into()),
                },
                ErrorKind::Decode,
                "APIResponseValidationError",
                "APIResponseValidationError",
            ),
            (
                Error::Connection {
                    message: "reset".into(),
                },
                ErrorKind::Connection,
                "APIConnectionError",
                "APIConnectionError",
            ),
            (
                Error::Timeout,
                ErrorKind::Timeout,
                "APITimeoutError",
                "APIConnectionTimeoutError",
            ),
        ];
        for (e, kind, class, class_js) in cases {
            let d = describe(&e);
            assert_eq!(
                (d.kind, d.class, d.class_js),
                (kind, class, class_js),
                "{e}"
            );
        }
        let d = describe(&api(404));
        assert_eq!(
            (
                d.status,
                d.error_type.as_deref(),
                d.code.as_deref(),
                d.param.as_deref()
            ),
            (Some(404), Some("t"), Some("7"), Some("p"))
        );
        assert_eq!(d.message, "m");
        let j = serde_json::to_value(&d).unwrap();
        assert_eq!(j["type"], "t");
        assert_eq!(j["kind"], "status");
    }

    #[test]
    fn settings_treat_empty_as_unset() {
        let env = |k: &str| match k {
            "OPENAI_ADMIN_KEY" => Some("sk-admin-secret".to_owned()),
            "OPENAI_ORG_ID" => Some(String::new()),
            "OPENAI_PROJECT_ID" => Some("  ".to_owned()),
            "OPENAI_BASE_URL" => Some("http://127.0.0.1:4010/v1//".to_owned()),
            _ => None,
        };
        let s = Settings::from_lookup(env);
        assert_eq!(s.organization, None);
        assert_eq!(s.project, None);
        assert_eq!(s.base_url, "http://127.0.0.1:4010/v1");
        assert_eq!(s.max_retries, 2);
        assert!(!format!("{s:?}").contains("secret"));
        assert!(!serde_json::to_string(&s).unwrap().contains("secret"));
        let cfg = s.config("kotlin").unwrap();
        assert!(cfg.user_agent.starts_with("openai-admin-kotlin/"));
        let none = Settings::from_lookup(|_| Some(String::new()));
        assert_eq!(none.base_url, Defaults::BASE_URL);
        assert!(matches!(
            none.config("rust"),
            Err(Error::InvalidInput { .. })
        ));
    }

    #[test]
    fn operations_by_either_name() {
        let a = require_operation("admin.organization.admin_api_keys.list").unwrap();
        let b = require_operation("admin.organization.adminAPIKeys.list").unwrap();
        assert_eq!(a, b);
        assert!(require_operation("admin.nope").is_err());
    }
}
