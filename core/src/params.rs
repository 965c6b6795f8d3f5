//! Operations built from loosely typed parameters (a JSON object keyed by the spec's
//! names), for hosts that call operations by name: the Python and JS bindings and the
//! shared test vectors. Every parameter is checked here, before a request exists.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::host::Walk;
use crate::operation::Paginated;

/// Flat parameters: path and query parameters by name, body fields beside them.
pub type Params = Map<String, Value>;

/// An operation that can be built from [`Params`].
pub trait FromParams: Sized {
    /// Takes every parameter out of `p`; a key the operation does not know is an error.
    fn from_params(p: Params) -> Result<Self, Error>;
}

fn wrong_type(name: &str, e: serde_json::Error) -> Error {
    Error::invalid(name, format!("has the wrong type or shape: {e}"))
}

/// Takes a required parameter.
pub fn required<T: DeserializeOwned>(p: &mut Params, name: &str) -> Result<T, Error> {
    match p.remove(name) {
        None | Some(Value::Null) => Err(Error::invalid(name, "is required")),
        Some(v) => serde_json::from_value(v).map_err(|e| wrong_type(name, e)),
    }
}

/// Takes an optional parameter (`null` reads as absent).
pub fn optional<T: DeserializeOwned>(p: &mut Params, name: &str) -> Result<Option<T>, Error> {
    match p.remove(name) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => serde_json::from_value(v)
            .map(Some)
            .map_err(|e| wrong_type(name, e)),
    }
}

/// Takes an optional body field that may be sent as `null`: absent is `None`, `null` is
/// `Some(None)` (sent as `null`, which clears the value on the server).
pub fn nullable<T: DeserializeOwned>(
    p: &mut Params,
    name: &str,
) -> Result<Option<Option<T>>, Error> {
    match p.remove(name) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(v) => serde_json::from_value(v)
            .map(|v| Some(Some(v)))
            .map_err(|e| wrong_type(name, e)),
    }
}

/// Reads what is left as the whole body (for bodies that are not plain objects).
pub fn whole_body<T: DeserializeOwned>(p: Params) -> Result<T, Error> {
    serde_json::from_value(Value::Object(p)).map_err(|e| wrong_type("body", e))
}

/// Fails on the first parameter nobody took.
pub fn finish(p: Params) -> Result<(), Error> {
    match p.into_iter().next() {
        None => Ok(()),
        Some((k, _)) => Err(Error::invalid(&k, "is not a parameter of this operation")),
    }
}

/// The parameters of the page after `page` (a response body), or `None` on the last page
/// (or when the server hands back the cursor `params` carry).
pub fn next_params<O: Paginated + FromParams>(
    params: &Params,
    page: &[u8],
) -> Result<Option<Params>, Error> {
    let out: O::Output = crate::operation::decode(&http::HeaderMap::new(), page)?;
    let mut walk = Walk::for_params(O::PAGE_STYLE, params, 0);
    Ok(walk.next_params(params, &O::facts(&out)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn p(v: Value) -> Params {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn takes_and_checks() {
        let mut m = p(json!({"limit": 5, "after": null, "user_id": "u"}));
        assert_eq!(optional::<i64>(&mut m, "limit").unwrap(), Some(5));
        assert_eq!(optional::<String>(&mut m, "after").unwrap(), None);
        assert_eq!(required::<String>(&mut m, "user_id").unwrap(), "u");
        assert!(finish(m).is_ok());
    }

    #[test]
    fn nullable_tells_absent_from_null() {
        let mut m = p(json!({"a": null, "b": "x", "c": 5}));
        assert_eq!(nullable::<String>(&mut m, "a").unwrap(), Some(None));
        assert_eq!(
            nullable::<String>(&mut m, "b").unwrap(),
            Some(Some("x".into()))
        );
        assert_eq!(nullable::<String>(&mut m, "z").unwrap(), None);
        match nullable::<String>(&mut m, "c") {
            Err(Error::InvalidInput { param, .. }) => assert_eq!(param, "c"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn errors_name_the_parameter() {
        let mut m = p(json!({"limit": "five", "bogus": 1}));
        match optional::<i64>(&mut m, "limit") {
            Err(Error::InvalidInput { param, .. }) => assert_eq!(param, "limit"),
            other => panic!("{other:?}"),
        }
        match required::<String>(&mut m, "user_id") {
            Err(Error::InvalidInput { param, message }) => {
                assert_eq!(param, "user_id");
                assert_eq!(message, "is required");
            }
            other => panic!("{other:?}"),
        }
        match finish(m) {
            Err(Error::InvalidInput { param, .. }) => assert_eq!(param, "bogus"),
            other => panic!("{other:?}"),
        }
    }
}
