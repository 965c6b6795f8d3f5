//! The script: what the server answers, request by request, and the record of what it
//! received.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// What the server answers, request by request.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Script {
    /// Answers in order: request *n* gets the *n*-th (after expanding `times`).
    pub steps: Vec<Step>,
    /// Answers for given request numbers (1-based), ahead of `steps`.
    pub at: BTreeMap<u64, Step>,
    /// The answer once `steps` is used up.
    pub otherwise: Option<Step>,
    /// The list that steps with `"page": true` serve.
    pub list: Option<ListSpec>,
}

impl Script {
    /// A script answering every request with `step`.
    pub fn always(step: Step) -> Self {
        Self {
            otherwise: Some(step),
            ..Self::default()
        }
    }

    /// A script answering the requests in order with `steps`, then with `599`.
    pub fn steps(steps: impl IntoIterator<Item = Step>) -> Self {
        Self {
            steps: steps.into_iter().collect(),
            ..Self::default()
        }
    }

    /// Which step answers request `n` (1-based); `None` means the `599` "script ran out".
    pub fn step_for(&self, n: u64) -> Option<&Step> {
        if let Some(s) = self.at.get(&n) {
            return Some(s);
        }
        let mut left = n;
        for s in &self.steps {
            let times = u64::from(s.times.unwrap_or(1).max(1));
            if left <= times {
                return Some(s);
            }
            left -= times;
        }
        self.otherwise.as_ref()
    }
}

/// Where a connection is reset (closed with a TCP RST).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reset {
    /// After reading the request, before any byte of the answer.
    BeforeHead,
    /// Right after the status line and headers, before the body.
    AfterHead,
}

/// One answer. Every field is optional; an empty step is `200` with an empty JSON object.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Step {
    /// Uses this step for this many requests in a row (in `steps`).
    pub times: Option<u32>,
    /// The status (default 200; 302 with `redirect`, 502 with `html`).
    pub status: Option<u16>,
    /// Headers to send, e.g. `retry-after`, `retry-after-ms`, `x-should-retry`,
    /// `x-request-id`; they replace the defaults of the same name.
    pub headers: BTreeMap<String, String>,
    /// A JSON body.
    pub body: Option<Value>,
    /// A body sent as this text.
    pub text: Option<String>,
    /// Serves the next page of the script's [`ListSpec`], after the request's cursor.
    pub page: bool,
    /// A JSON body that stops in the middle (with a matching `content-length`).
    pub malformed: bool,
    /// An HTML error page (`text/html`).
    pub html: bool,
    /// A body of this many bytes (a JSON object padded with `x`), made as it is sent.
    pub huge: Option<u64>,
    /// Sends the body without `content-length`, closing the connection after it.
    pub no_length: bool,
    /// Announces this `content-length` instead of the body's real length.
    pub claim_length: Option<u64>,
    /// Waits this many milliseconds before the head.
    pub delay_ms: u64,
    /// Resets the connection before or after the head.
    pub reset: Option<Reset>,
    /// Sends only this many bytes of the body (the full length announced), then closes.
    pub truncate: Option<u64>,
    /// Sends the body in pieces of `drip_bytes`, this many milliseconds apart.
    pub drip_ms: u64,
    /// The piece size for `drip_ms` (default 1).
    pub drip_bytes: Option<usize>,
    /// Redirects to this location.
    pub redirect: Option<String>,
}

impl Step {
    /// `200` with this JSON body.
    pub fn json(body: Value) -> Self {
        Self {
            body: Some(body),
            ..Self::default()
        }
    }

    /// This status with an API error body `{"error": {"message", "type"}}`.
    pub fn status(status: u16) -> Self {
        Self {
            status: Some(status),
            body: Some(
                json!({"error": {"message": format!("scripted {status}"), "type": "scripted_error"}}),
            ),
            ..Self::default()
        }
    }

    /// The next page of the script's list.
    pub fn page() -> Self {
        Self {
            page: true,
            ..Self::default()
        }
    }

    /// A connection reset at `at`.
    pub fn reset(at: Reset) -> Self {
        Self {
            reset: Some(at),
            ..Self::default()
        }
    }

    /// Whether this step misbehaves in any way (a status other than 2xx, a reset, a cut,
    /// malformed, oversized, slow or redirecting answer), for counting injected faults.
    pub fn is_fault(&self) -> bool {
        !matches!(self.status, None | Some(200..=299))
            || self.reset.is_some()
            || self.truncate.is_some()
            || self.claim_length.is_some()
            || self.malformed
            || self.html
            || self.huge.is_some()
            || self.no_length
            || self.delay_ms > 0
            || self.drip_ms > 0
            || self.redirect.is_some()
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.insert(name.to_owned(), value.to_owned());
        self
    }

    /// Waits before the head.
    pub fn delay_ms(mut self, ms: u64) -> Self {
        self.delay_ms = ms;
        self
    }
}

/// A generated list of `total` items, served `page_size` at a time and paged by the id of
/// the last item (`after=<id>`; the page also carries `first_id`, `last_id`, `has_more`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ListSpec {
    /// How many items (0: an endless list, every page saying `has_more`).
    pub total: u64,
    /// Items per page.
    pub page_size: u64,
    /// Item ids are this prefix and a six-digit number from 1 (`item_000001`).
    pub id_prefix: String,
    /// Each item is this object with its `id` set.
    pub item: Value,
    /// The query parameter carrying the cursor.
    pub cursor_param: String,
}

impl Default for ListSpec {
    fn default() -> Self {
        Self {
            total: 0,
            page_size: 100,
            id_prefix: "item_".to_owned(),
            item: json!({"object": "organization.user", "name": "n", "email": "e@example.com",
                         "role": "reader", "added_at": 1}),
            cursor_param: "after".to_owned(),
        }
    }
}

impl ListSpec {
    /// The item id for number `i` (from 1).
    pub fn id(&self, i: u64) -> String {
        format!("{}{i:06}", self.id_prefix)
    }

    /// The page after `cursor` (the first page for `None`).
    pub(crate) fn page(&self, cursor: Option<&str>) -> Value {
        let start = cursor
            .and_then(|c| c.strip_prefix(self.id_prefix.as_str()))
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0)
            + 1;
        let end = if self.total == 0 {
            start + self.page_size
        } else {
            (start + self.page_size).min(self.total + 1)
        };
        let data: Vec<Value> = (start..end)
            .map(|i| {
                let mut item = self.item.clone();
                if let Value::Object(m) = &mut item {
                    m.insert("id".to_owned(), Value::String(self.id(i)));
                }
                item
            })
            .collect();
        let id_of = |v: Option<&Value>| v.and_then(|v| v.get("id")).cloned();
        json!({
            "object": "list",
            "first_id": id_of(data.first()),
            "last_id": id_of(data.last()),
            "has_more": self.total == 0 || end <= self.total,
            "data": data,
        })
    }
}

/// One request the server received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Received {
    /// Its number, from 1.
    pub n: u64,
    /// The method.
    pub method: String,
    /// The request target as sent: path and query, still percent-encoded.
    pub target: String,
    /// The path part of `target`.
    pub path: String,
    /// The query part of `target` (without `?`), when present.
    pub query: Option<String>,
    /// The headers, names lower-cased; repeated headers joined with `", "`.
    pub headers: BTreeMap<String, String>,
    /// The body, as text (invalid UTF-8 replaced).
    pub body: String,
    /// When it arrived (its head complete), in milliseconds since the server started.
    pub at_ms: f64,
}

impl Received {
    /// The value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}
