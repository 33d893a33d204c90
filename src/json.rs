//! A small JSON value tree that any serde deserializer can fill: `serde_json` natively,
//! `serde-wasm-bindgen` from a parsed JavaScript object in the browser. Reading into this tree
//! (rather than straight into typed structs) lets validation name the trip and the field of
//! every error. Depth and size are bounded while reading, before any other work.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt;

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// Any number (JSON numbers are read as f64, as JavaScript does).
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, in document order.
    Object(Vec<(String, Value)>),
}

/// The deepest nesting read. A trip file needs about eight levels.
pub const MAX_DEPTH: usize = 32;

impl Value {
    /// The JSON type, for messages ("a string", "an array").
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// The member `key` of an object; `None` for a missing key or a non-object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }
}

/// Limits applied while reading.
#[derive(Debug, Clone, Copy)]
pub struct ReadLimits {
    /// Deepest nesting.
    pub max_depth: usize,
    /// Most values (numbers, strings, arrays...) in the whole document.
    pub max_values: usize,
    /// Most items in any one array: stops a route of a million points, or a hundred thousand
    /// trips, while it is being read rather than after.
    pub max_array_len: usize,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            max_depth: MAX_DEPTH,
            max_values: 12_000_000,
            max_array_len: crate::model::MAX_POINTS_PER_TRIP + 1,
        }
    }
}

/// Why reading stopped early: kept apart from serde's own messages so the caller can report
/// the limit precisely.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Overrun {
    Depth,
    Values,
    ArrayLen,
}

/// Reads a [`Value`] from any serde deserializer within `limits`.
pub fn read<'de, D>(deserializer: D, limits: ReadLimits) -> Result<Value, crate::Error>
where
    D: de::Deserializer<'de>,
    D::Error: fmt::Display,
{
    let state = State {
        limits,
        values: Cell::new(0),
        overrun: Cell::new(None),
    };
    let seed = Seed {
        state: &state,
        depth: 0,
    };
    match seed.deserialize(deserializer) {
        Ok(v) => Ok(v),
        Err(e) => Err(match state.overrun.get() {
            Some(Overrun::Depth) => crate::Error::TooDeep {
                limit: limits.max_depth,
            },
            Some(Overrun::Values) => crate::Error::TooLarge {
                what: "values",
                limit: limits.max_values,
            },
            Some(Overrun::ArrayLen) => crate::Error::TooLarge {
                what: "items in one list (points in a route, or trips)",
                limit: limits.max_array_len,
            },
            None => crate::Error::Json(e.to_string()),
        }),
    }
}

/// Parses JSON text (native builds only: the browser parses with `JSON.parse`).
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str, limits: ReadLimits) -> Result<Value, crate::Error> {
    // A UTF-8 byte order mark is not JSON, but editors write it; accept it as browsers do.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // serde_json's own recursion limit (128) is above ours, so ours is the one that answers.
    let mut de = serde_json::Deserializer::from_str(text);
    let value = read(&mut de, limits)?;
    de.end().map_err(|e| crate::Error::Json(e.to_string()))?;
    Ok(value)
}

struct State {
    limits: ReadLimits,
    values: Cell<usize>,
    overrun: Cell<Option<Overrun>>,
}

impl State {
    fn count<E: de::Error>(&self) -> Result<(), E> {
        let n = self.values.get() + 1;
        self.values.set(n);
        if n > self.limits.max_values {
            self.overrun.set(Some(Overrun::Values));
            return Err(E::custom("too many values"));
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
struct Seed<'s> {
    state: &'s State,
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl Seed<'_> {
    fn nested<E: de::Error>(self) -> Result<Self, E> {
        if self.depth + 1 > self.state.limits.max_depth {
            self.state.overrun.set(Some(Overrun::Depth));
            return Err(E::custom("nested too deeply"));
        }
        Ok(Seed {
            state: self.state,
            depth: self.depth + 1,
        })
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.state.count()?;
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.visit_unit()
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        self.state.count()?;
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        self.visit_f64(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        self.visit_f64(v as f64)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        self.state.count()?;
        Ok(Value::Number(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.visit_string(v.to_string())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.state.count()?;
        Ok(Value::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.state.count()?;
        let inner = self.nested()?;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(inner)? {
            if items.len() >= self.state.limits.max_array_len {
                self.state.overrun.set(Some(Overrun::ArrayLen));
                return Err(de::Error::custom("too many items in one array"));
            }
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    // The remaining kinds cannot come from JSON. They are answered here rather than by serde's
    // defaults, whose messages format floats and would pull that code into the wasm.
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        self.visit_f64(v as f64)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        self.visit_f64(v as f64)
    }

    fn visit_char<E: de::Error>(self, v: char) -> Result<Value, E> {
        self.visit_string(v.to_string())
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Value, E> {
        Err(E::custom("bytes are not JSON"))
    }

    fn visit_newtype_struct<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<Value, A::Error> {
        Err(de::Error::custom("enums are not JSON"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.state.count()?;
        let inner = self.nested()?;
        let mut members = Vec::new();
        while let Some(key) = map.next_key_seed(Key)? {
            let value = map.next_value_seed(inner)?;
            members.push((key, value));
        }
        Ok(Value::Object(members))
    }
}

/// Reads an object key. Only strings are keys in JSON; anything else is an error whose message
/// needs no number formatting.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = String;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<String, E> {
        Err(E::custom("an object key is not a string"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<String, E> {
        Err(E::custom("an object key is not a string"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<String, E> {
        Err(E::custom("an object key is not a string"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<String, E> {
        Err(E::custom("an object key is not a string"))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<String, E> {
        Err(E::custom("an object key is not a string"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Err(E::custom("an object key is not a string"))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_values_in_document_order() {
        let v = parse(r#"{"b":[1,2.5,null],"a":{"c":"x"}}"#, ReadLimits::default()).unwrap();
        let Value::Object(members) = &v else { panic!() };
        assert_eq!(members[0].0, "b");
        assert_eq!(
            v.get("b").unwrap().as_array().unwrap()[1],
            Value::Number(2.5)
        );
        assert_eq!(v.get("a").unwrap().get("c").unwrap().as_str(), Some("x"));
    }

    #[test]
    fn deep_nesting_is_refused_with_the_limit() {
        let text = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(
            parse(&text, ReadLimits::default()),
            Err(crate::Error::TooDeep { limit: MAX_DEPTH })
        );
    }

    #[test]
    fn too_many_values_are_refused_with_the_limit() {
        let limits = ReadLimits {
            max_values: 10,
            ..ReadLimits::default()
        };
        let err = parse("[1,2,3,4,5,6,7,8,9,10,11]", limits).unwrap_err();
        assert_eq!(
            err,
            crate::Error::TooLarge {
                what: "values",
                limit: 10
            }
        );
    }

    #[test]
    fn a_huge_array_is_refused_while_reading() {
        let text = format!("[{}]", vec!["[125.0,39.0]"; 200_000].join(","));
        let err = parse(&text, ReadLimits::default()).unwrap_err();
        assert!(
            err.to_string().contains("too many items in one list"),
            "{err}"
        );
    }

    #[test]
    fn malformed_json_says_where() {
        let err = parse(r#"{"type": "FeatureCollection",}"#, ReadLimits::default()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("The data is not valid JSON"), "{msg}");
        assert!(msg.contains("line 1"), "{msg}");
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        assert_eq!(
            parse("\u{feff}[1]", ReadLimits::default()).unwrap(),
            Value::Array(vec![Value::Number(1.0)])
        );
    }
}
