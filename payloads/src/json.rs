//! A tiny append-only JSON writer.
//!
//! Payloads are written straight into a `String`: no intermediate tree, and the
//! key order is exactly the order of the calls, whatever features `serde_json`
//! happens to be compiled with elsewhere in the workspace.

use std::fmt::Write as _;

/// Writes a complete JSON object built by `f` and returns its text.
pub(crate) fn object(f: impl FnOnce(&mut Obj)) -> String {
    let mut out = String::new();
    Obj::write(&mut out, f);
    out
}

/// The members of one JSON object being written.
#[derive(Debug)]
pub(crate) struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

/// The elements of one JSON array being written.
#[derive(Debug)]
pub(crate) struct Arr<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Obj<'a> {
    fn write(out: &'a mut String, f: impl FnOnce(&mut Obj)) {
        out.push('{');
        let mut obj = Obj { out, first: true };
        f(&mut obj);
        obj.out.push('}');
    }

    /// Starts a member: separator, quoted key, colon.
    fn key(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        push_str_lit(self.out, key);
        self.out.push(':');
        self.out
    }

    pub(crate) fn str(&mut self, key: &str, value: &str) -> &mut Self {
        let out = self.key(key);
        push_str_lit(out, value);
        self
    }

    pub(crate) fn int(&mut self, key: &str, value: i64) -> &mut Self {
        let out = self.key(key);
        let _ = write!(out, "{value}");
        self
    }

    pub(crate) fn num(&mut self, key: &str, value: f64) -> &mut Self {
        let out = self.key(key);
        push_f64(out, value);
        self
    }

    pub(crate) fn bool(&mut self, key: &str, value: bool) -> &mut Self {
        self.key(key).push_str(if value { "true" } else { "false" });
        self
    }

    pub(crate) fn null(&mut self, key: &str) -> &mut Self {
        self.key(key).push_str("null");
        self
    }

    /// A string, or `null` for `None`.
    pub(crate) fn opt_str(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        match value {
            Some(v) => self.str(key, v),
            None => self.null(key),
        }
    }

    /// An integer, or `null` for `None`.
    pub(crate) fn opt_int(&mut self, key: &str, value: Option<i64>) -> &mut Self {
        match value {
            Some(v) => self.int(key, v),
            None => self.null(key),
        }
    }

    /// A boolean, or `null` for `None`.
    pub(crate) fn opt_bool(&mut self, key: &str, value: Option<bool>) -> &mut Self {
        match value {
            Some(v) => self.bool(key, v),
            None => self.null(key),
        }
    }

    pub(crate) fn obj(&mut self, key: &str, f: impl FnOnce(&mut Obj)) -> &mut Self {
        Obj::write(self.key(key), f);
        self
    }

    pub(crate) fn arr(&mut self, key: &str, f: impl FnOnce(&mut Arr)) -> &mut Self {
        Arr::write(self.key(key), f);
        self
    }

    /// An array of strings.
    pub(crate) fn strs<S: AsRef<str>>(&mut self, key: &str, items: &[S]) -> &mut Self {
        self.arr(key, |a| {
            for s in items {
                a.str(s.as_ref());
            }
        })
    }
}

impl<'a> Arr<'a> {
    fn write(out: &'a mut String, f: impl FnOnce(&mut Arr)) {
        out.push('[');
        let mut arr = Arr { out, first: true };
        f(&mut arr);
        arr.out.push(']');
    }

    fn next(&mut self) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out
    }

    pub(crate) fn str(&mut self, value: &str) -> &mut Self {
        push_str_lit(self.next(), value);
        self
    }

    pub(crate) fn obj(&mut self, f: impl FnOnce(&mut Obj)) -> &mut Self {
        Obj::write(self.next(), f);
        self
    }
}

/// Appends `s` as a quoted JSON string literal.
fn push_str_lit(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends a finite float; Rust's `Display` gives the shortest text that
/// reads back to the same value and never uses an exponent.
fn push_f64(out: &mut String, v: f64) {
    assert!(v.is_finite(), "JSON has no NaN or infinity");
    let _ = write!(out, "{v}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_nested_values_and_escapes() {
        let text = object(|o| {
            o.str("s", "a\"b\\c\n\u{1}é")
                .int("i", -3)
                .num("f", 0.25)
                .bool("t", true)
                .null("n")
                .arr("a", |a| {
                    a.str("x").obj(|_| {});
                })
                .obj("o", |o| {
                    o.strs("e", &[] as &[&str]);
                });
        });
        assert_eq!(
            text,
            r#"{"s":"a\"b\\c\n\u0001é","i":-3,"f":0.25,"t":true,"n":null,"a":["x",{}],"o":{"e":[]}}"#
        );
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["s"], "a\"b\\c\n\u{1}é");
    }
}
