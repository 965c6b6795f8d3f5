//! Turning an operation's parameters into an HTTP request: path, query, headers, body.

use http::header::{AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue, USER_AGENT};
use http::{Method, Request};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use serde::Serialize;

use crate::config::Config;
use crate::error::Error;
use crate::secret::REDACTED;

/// A request ready to send: method, URL, headers and body bytes.
pub type HttpRequest = Request<Vec<u8>>;

/// Everything but RFC 3986's unreserved characters is escaped, so `/ ? # %` stay inside
/// their path segment or query value.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Per-request additions a caller may make on top of the [`Config`].
///
/// Its `Debug` shows credential headers ([`is_sensitive`]) as [`REDACTED`].
#[derive(Clone, Default)]
pub struct RequestOptions {
    /// Extra headers; they replace a header of the same name.
    pub extra_headers: Vec<(String, String)>,
    /// Extra query pairs, appended as given.
    pub extra_query: Vec<(String, String)>,
    /// Extra top-level fields merged into a JSON body (an object is sent even when the
    /// operation has no body).
    pub extra_body: Option<serde_json::Map<String, serde_json::Value>>,
}

impl std::fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestOptions")
            .field("extra_headers", &ShownHeaders(&self.extra_headers))
            .field("extra_query", &self.extra_query)
            .field("extra_body", &self.extra_body)
            .finish()
    }
}

/// Header pairs for `Debug`, credential values replaced by [`REDACTED`].
pub(crate) struct ShownHeaders<'a>(pub(crate) &'a [(String, String)]);

impl std::fmt::Debug for ShownHeaders<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut list = f.debug_list();
        for (k, v) in self.0 {
            let secret = HeaderName::from_bytes(k.as_bytes()).is_ok_and(|n| is_sensitive(&n));
            list.entry(&(k, if secret { REDACTED } else { v.as_str() }));
        }
        list.finish()
    }
}

/// Checks a path parameter and escapes it into one segment.
///
/// Empty ids and ids that are `.` or `..` once percent-decoded are refused: they would
/// change which resource the path names.
pub fn encode_path_param(name: &str, value: &str) -> Result<String, Error> {
    if value.is_empty() {
        return Err(Error::invalid(name, "must not be empty"));
    }
    let decoded = percent_decode_str(value).decode_utf8_lossy();
    if decoded == "." || decoded == ".." {
        return Err(Error::invalid(name, format!("must not be {value:?}")));
    }
    Ok(utf8_percent_encode(value, COMPONENT).to_string())
}

/// A value that can go in the query string.
pub trait QueryValue {
    /// Appends `name=value` pairs for `self`.
    fn push_to(&self, name: &str, q: &mut Query);
}

/// The query string under construction.
#[derive(Debug, Default)]
pub struct Query(String);

impl Query {
    /// Appends one `name=value` pair, escaping the value.
    pub fn push(&mut self, name: &str, value: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.push_str(name);
        self.0.push('=');
        self.0.extend(utf8_percent_encode(value, COMPONENT));
    }

    /// Appends one pair whose name came from a caller (`default_query`, `extra_query`):
    /// the name is escaped too, so `&`, `=` or `#` in it cannot add or cut pairs.
    pub fn push_escaped(&mut self, name: &str, value: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.extend(utf8_percent_encode(name, COMPONENT));
        self.0.push('=');
        self.0.extend(utf8_percent_encode(value, COMPONENT));
    }

    /// The query string without the leading `?`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl QueryValue for str {
    fn push_to(&self, name: &str, q: &mut Query) {
        q.push(name, self);
    }
}
impl QueryValue for String {
    fn push_to(&self, name: &str, q: &mut Query) {
        q.push(name, self);
    }
}
impl QueryValue for i64 {
    fn push_to(&self, name: &str, q: &mut Query) {
        q.push(name, &self.to_string());
    }
}
impl QueryValue for f64 {
    fn push_to(&self, name: &str, q: &mut Query) {
        q.push(name, &self.to_string());
    }
}
impl QueryValue for bool {
    fn push_to(&self, name: &str, q: &mut Query) {
        q.push(name, if *self { "true" } else { "false" });
    }
}
impl<T: QueryValue> QueryValue for Option<T> {
    fn push_to(&self, name: &str, q: &mut Query) {
        if let Some(v) = self {
            v.push_to(name, q);
        }
    }
}
/// Arrays go as `name[]=a&name[]=b`; `name` is the bare name (brackets are added here).
impl<T: QueryValue> QueryValue for Vec<T> {
    fn push_to(&self, name: &str, q: &mut Query) {
        let key = format!("{name}[]");
        for v in self {
            v.push_to(&key, q);
        }
    }
}

/// Assembles one request; generated operations drive it, step by step.
#[derive(Debug)]
pub struct RequestBuilder<'a> {
    cfg: &'a Config,
    method: Method,
    path: String,
    query: Query,
    body: Option<Vec<u8>>,
}

impl<'a> RequestBuilder<'a> {
    /// Starts a request for `method` against the configured base URL.
    pub fn new(cfg: &'a Config, method: Method) -> Self {
        Self {
            cfg,
            method,
            path: String::new(),
            query: Query::default(),
            body: None,
        }
    }

    /// Appends a literal piece of the path.
    pub fn path(&mut self, literal: &str) -> &mut Self {
        self.path.push_str(literal);
        self
    }

    /// Appends a path parameter, checked and escaped.
    pub fn path_param(&mut self, name: &str, value: &str) -> Result<&mut Self, Error> {
        let seg = encode_path_param(name, value)?;
        self.path.push_str(&seg);
        Ok(self)
    }

    /// Appends a query parameter (nothing for `None`, `name[]=…` pairs for arrays).
    pub fn query<V: QueryValue + ?Sized>(&mut self, name: &str, value: &V) -> &mut Self {
        value.push_to(name, &mut self.query);
        self
    }

    /// Sets a JSON body.
    pub fn json<B: Serialize + ?Sized>(&mut self, body: &B) -> Result<&mut Self, Error> {
        let bytes = serde_json::to_vec(body).map_err(|e| Error::invalid("body", e.to_string()))?;
        self.body = Some(bytes);
        Ok(self)
    }

    /// Finishes the request with the configured headers and the given options.
    pub fn finish(self, opts: &RequestOptions) -> Result<HttpRequest, Error> {
        let mut query = self.query;
        // Keys given by the caller are escaped like values: `&`, `=` or `#` in a key must
        // not add or cut pairs.
        for (k, v) in self.cfg.default_query.iter().chain(&opts.extra_query) {
            query.push_escaped(k, v);
        }
        let mut url =
            String::with_capacity(self.cfg.base_url.len() + self.path.len() + 1 + query.0.len());
        url.push_str(&self.cfg.base_url);
        url.push_str(&self.path);
        if !query.0.is_empty() {
            url.push('?');
            url.push_str(&query.0);
        }
        let mut body = self.body;
        if let Some(extra) = &opts.extra_body {
            body = Some(merge_body(body.as_deref(), extra)?);
        }

        let mut req = Request::builder()
            .method(self.method)
            .uri(&url)
            .body(Vec::new())
            .map_err(|e| Error::invalid("base_url", format!("{url:?} is not a valid URL: {e}")))?;
        let h = req.headers_mut();
        let auth = format!("Bearer {}", self.cfg.api_key.expose());
        let mut auth = HeaderValue::from_str(&auth).map_err(|_| {
            Error::invalid("api_key", "contains characters not allowed in a header")
        })?;
        auth.set_sensitive(true);
        h.insert(AUTHORIZATION, auth);
        h.insert(
            USER_AGENT,
            header_value("user_agent", &self.cfg.user_agent)?,
        );
        h.insert(
            http::header::ACCEPT,
            HeaderValue::from_static("application/json"),
        );
        if let Some(org) = &self.cfg.organization {
            h.insert("openai-organization", header_value("organization", org)?);
        }
        if let Some(project) = &self.cfg.project {
            h.insert("openai-project", header_value("project", project)?);
        }
        if body.is_some() {
            h.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        for (k, v) in self.cfg.default_headers.iter().chain(&opts.extra_headers) {
            let name = HeaderName::from_bytes(k.as_bytes())
                .map_err(|_| Error::invalid("headers", format!("{k:?} is not a header name")))?;
            let mut value = header_value("headers", v)?;
            if is_sensitive(&name) {
                value.set_sensitive(true);
            }
            h.insert(name, value);
        }
        *req.body_mut() = body.unwrap_or_default();
        Ok(req)
    }
}

/// Headers whose values are credentials: marked sensitive wherever they come from, so an
/// HTTP stack keeps them out of its logs and `Debug` output.
pub fn is_sensitive(name: &HeaderName) -> bool {
    matches!(
        name.as_str(),
        "authorization" | "proxy-authorization" | "api-key" | "x-api-key" | "cookie"
    )
}

fn header_value(param: &str, v: &str) -> Result<HeaderValue, Error> {
    HeaderValue::from_str(v)
        .map_err(|_| Error::invalid(param, "contains characters not allowed in a header"))
}

fn merge_body(
    body: Option<&[u8]>,
    extra: &serde_json::Map<String, serde_json::Value>,
) -> Result<Vec<u8>, Error> {
    let mut obj = match body {
        Some(b) => match serde_json::from_slice(b) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => {
                return Err(Error::invalid(
                    "extra_body",
                    "the body is not a JSON object",
                ));
            }
        },
        None => serde_json::Map::new(),
    };
    for (k, v) in extra {
        obj.insert(k.clone(), v.clone());
    }
    serde_json::to_vec(&obj).map_err(|e| Error::invalid("extra_body", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> Config {
        Config::new("sk-admin-test").with_base_url("http://127.0.0.1:1/")
    }

    #[test]
    fn path_params_stay_in_their_segment() {
        assert_eq!(
            encode_path_param("id", "a/b?c#d%e").unwrap(),
            "a%2Fb%3Fc%23d%25e"
        );
        assert_eq!(
            encode_path_param("id", "user_ABC-1.x~").unwrap(),
            "user_ABC-1.x~"
        );
        assert_eq!(encode_path_param("id", "é").unwrap(), "%C3%A9");
    }

    #[test]
    fn path_params_rejected() {
        for bad in ["", ".", "..", "%2e", "%2E%2e", ".%2E"] {
            match encode_path_param("user_id", bad) {
                Err(Error::InvalidInput { param, .. }) => assert_eq!(param, "user_id"),
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
        assert!(encode_path_param("user_id", "...").is_ok());
    }

    #[test]
    fn extra_query_keys_are_escaped() {
        let cfg = Config::new("sk-test");
        let opts = RequestOptions {
            extra_query: vec![("a&b=c#d".into(), "x&y".into())],
            ..Default::default()
        };
        let mut b = RequestBuilder::new(&cfg, Method::GET);
        b.path("/x");
        let r = b.finish(&opts).unwrap();
        assert!(
            r.uri().to_string().ends_with("/x?a%26b%3Dc%23d=x%26y"),
            "{}",
            r.uri()
        );
    }

    #[test]
    fn query_arrays_and_escaping() {
        let c = cfg();
        let mut b = RequestBuilder::new(&c, Method::GET);
        b.path("/organization/users")
            .query("emails", &Some(vec!["a@b.c".to_owned(), "x&y".to_owned()]))
            .query("limit", &Some(5i64))
            .query("after", &None::<String>)
            .query("flag", &true);
        let r = b.finish(&RequestOptions::default()).unwrap();
        assert_eq!(
            r.uri().to_string(),
            "http://127.0.0.1:1/organization/users?emails[]=a%40b.c&emails[]=x%26y&limit=5&flag=true"
        );
        assert_eq!(r.headers()["authorization"], "Bearer sk-admin-test");
        assert!(r.headers()["authorization"].is_sensitive());
        assert!(
            r.headers()["user-agent"]
                .to_str()
                .unwrap()
                .starts_with("openai-admin-rust/")
        );
        assert!(r.body().is_empty());
        assert!(r.headers().get("content-type").is_none());
    }

    #[test]
    fn query_names_from_callers_are_escaped() {
        let mut c = cfg();
        c.default_query = vec![("a&b=c".into(), "1".into())];
        let opts = RequestOptions {
            extra_query: vec![("x#y".into(), "2&z=3".into())],
            ..RequestOptions::default()
        };
        let mut b = RequestBuilder::new(&c, Method::GET);
        b.path("/organization/users");
        let r = b.finish(&opts).unwrap();
        assert_eq!(
            r.uri().query(),
            Some("a%26b%3Dc=1&x%23y=2%26z%3D3"),
            "each name and value stays inside its own pair"
        );
    }

    #[test]
    fn options_and_headers() {
        let mut c = cfg();
        c.organization = Some("org_1".into());
        c.project = Some("proj_1".into());
        c.default_query = vec![("d".into(), "1".into())];
        let opts = RequestOptions {
            extra_headers: vec![("X-Extra".into(), "yes".into())],
            extra_query: vec![("e".into(), "2".into())],
            extra_body: Some(serde_json::json!({"z": 1}).as_object().unwrap().clone()),
        };
        let mut b = RequestBuilder::new(&c, Method::POST);
        b.path("/organization/projects")
            .json(&serde_json::json!({"name": "p"}))
            .unwrap();
        let r = b.finish(&opts).unwrap();
        assert_eq!(
            r.uri().to_string(),
            "http://127.0.0.1:1/organization/projects?d=1&e=2"
        );
        assert_eq!(r.headers()["openai-organization"], "org_1");
        assert_eq!(r.headers()["openai-project"], "proj_1");
        assert_eq!(r.headers()["x-extra"], "yes");
        assert_eq!(r.headers()["content-type"], "application/json");
        let body: serde_json::Value = serde_json::from_slice(r.body()).unwrap();
        assert_eq!(body, serde_json::json!({"name": "p", "z": 1}));
    }

    #[test]
    fn credentials_from_any_header_source_are_sensitive() {
        let mut c = cfg();
        c.default_headers = vec![("Authorization".into(), "Bearer sk-default-SECRET".into())];
        let opts = RequestOptions {
            extra_headers: vec![
                ("api-key".into(), "sk-extra-SECRET".into()),
                ("X-Plain".into(), "visible".into()),
            ],
            ..RequestOptions::default()
        };
        let mut b = RequestBuilder::new(&c, Method::GET);
        b.path("/organization/users");
        let r = b.finish(&opts).unwrap();
        assert_eq!(r.headers()["authorization"], "Bearer sk-default-SECRET");
        assert!(r.headers()["authorization"].is_sensitive());
        assert!(r.headers()["api-key"].is_sensitive());
        assert!(!r.headers()["x-plain"].is_sensitive());
        let shown = format!("{:?}", r.headers());
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(shown.contains("visible"));
        for shown in [format!("{c:?}"), format!("{opts:?}")] {
            assert!(!shown.contains("SECRET"), "{shown}");
            assert!(shown.contains("<redacted>"), "{shown}");
        }
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any id either is refused or becomes one segment that decodes back to itself.
        #[test]
        fn path_ids_stay_one_segment(id in "\\PC{0,24}|[./%2eE]{0,6}") {
            match encode_path_param("id", &id) {
                Ok(seg) => {
                    prop_assert!(!seg.contains(['/', '?', '#']));
                    prop_assert_ne!(seg.as_str(), ".");
                    prop_assert_ne!(seg.as_str(), "..");
                    let back = percent_decode_str(&seg).decode_utf8().unwrap();
                    prop_assert_eq!(back, id.as_str());
                }
                Err(Error::InvalidInput { param, .. }) => {
                    prop_assert_eq!(param, "id");
                    let decoded = percent_decode_str(&id).decode_utf8_lossy().into_owned();
                    prop_assert!(id.is_empty() || decoded == "." || decoded == "..");
                }
                Err(other) => prop_assert!(false, "unexpected {:?}", other),
            }
        }

        /// Query values cannot break out of their pair.
        #[test]
        fn query_values_are_contained(v in "\\PC{0,24}") {
            let mut q = Query::default();
            q.push("k", &v);
            let s = q.as_str();
            prop_assert!(s.starts_with("k="));
            prop_assert!(!s[2..].contains(['&', '=', '#', '+', ' ']));
            prop_assert_eq!(percent_decode_str(&s[2..]).decode_utf8().unwrap(), v.as_str());
        }
    }
}
