//! A small JSON reader into a value tree. It reads bytes (so the browser hands the file over
//! once, as it arrived, with no `JSON.parse` object graph), checks UTF-8, and bounds depth and
//! size while reading, before any other work. Reading into a tree (rather than straight into
//! typed structs) lets validation name the trip and the field of every error.
//!
//! Hand-written rather than serde_json, for a measured size cost: in a release wasm this reader
//! adds 4.8 KB gzip, serde_json 11.1 KB (`scripts/crate-sizes.sh`, quoted in the README). It is
//! a few hundred lines and formats no floats.

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
    /// Any other array (and the empty array).
    Array(Vec<Value>),
    /// A non-empty array of numbers only, such as a position `[lon, lat]`: stored flat, one
    /// allocation of 8 bytes a number instead of a 32-byte value each. A trip file is mostly
    /// positions, so this halves the tree and the time spent allocating it.
    Numbers(Vec<f64>),
    /// A non-empty array of positions `[x, y]` only, such as a route's points: stored flat,
    /// one allocation for the whole line instead of one a point.
    Positions(Vec<[f64; 2]>),
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
            Value::Array(_) | Value::Numbers(_) | Value::Positions(_) => "an array",
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

    /// The elements, if this is an array. An array of numbers is copied into values: read
    /// numbers with [`Value::as_numbers`].
    pub fn as_array(&self) -> Option<std::borrow::Cow<'_, [Value]>> {
        match self {
            Value::Array(items) => Some(std::borrow::Cow::Borrowed(items)),
            Value::Numbers(numbers) => Some(std::borrow::Cow::Owned(
                numbers.iter().copied().map(Value::Number).collect(),
            )),
            Value::Positions(positions) => {
                Some(std::borrow::Cow::Owned(position_values(positions)))
            }
            _ => None,
        }
    }

    /// The positions, if this is a non-empty array of `[x, y]` only.
    pub fn as_positions(&self) -> Option<&[[f64; 2]]> {
        match self {
            Value::Positions(positions) => Some(positions),
            _ => None,
        }
    }

    /// The numbers, if this is a non-empty array of numbers only.
    pub fn as_numbers(&self) -> Option<&[f64]> {
        match self {
            Value::Numbers(numbers) => Some(numbers),
            _ => None,
        }
    }

    /// The number of elements, if this is an array.
    pub fn array_len(&self) -> Option<usize> {
        match self {
            Value::Array(items) => Some(items.len()),
            Value::Numbers(numbers) => Some(numbers.len()),
            Value::Positions(positions) => Some(positions.len()),
            _ => None,
        }
    }
}

/// Positions as ordinary values, each an array of two numbers.
fn position_values(positions: &[[f64; 2]]) -> Vec<Value> {
    positions
        .iter()
        .map(|p| Value::Numbers(p.to_vec()))
        .collect()
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

/// Parses JSON text within `limits`. A leading byte order mark is skipped, as browsers do.
pub fn parse(text: &str, limits: ReadLimits) -> Result<Value, crate::Error> {
    parse_bytes(text.as_bytes(), limits)
}

/// Parses JSON from bytes, which must be UTF-8 (a leading byte order mark is skipped).
pub fn parse_bytes(bytes: &[u8], limits: ReadLimits) -> Result<Value, crate::Error> {
    parse_counted(bytes, limits, 0)
}

/// [`parse_bytes`], with `values` already counted against `limits.max_values` (those of the
/// trips that [`crate::stream`] read while the file arrived).
pub(crate) fn parse_counted(
    bytes: &[u8],
    limits: ReadLimits,
    values: usize,
) -> Result<Value, crate::Error> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let at = e.valid_up_to();
        return Err(crate::Error::NotUtf8(line_col(bytes, at)));
    }
    let mut reader = Reader {
        bytes,
        at: 0,
        values,
        limits,
        partial: false,
    };
    reader.skip_space();
    let value = reader.value(0)?;
    reader.skip_space();
    if reader.at < bytes.len() {
        return Err(reader.fail("unexpected text after the end of the data"));
    }
    Ok(value)
}

/// What reading one value of a file that is still arriving gave.
pub(crate) enum Partial {
    /// The value, and where the next character after it (and any spaces) is.
    Done(Value, usize),
    /// The bytes end inside the value or right after it: it needs more of the file.
    More,
    /// Not valid JSON here, or beyond a limit: reading the whole file says what is wrong.
    Bad,
}

/// Reads the value at `at` of `bytes` (what has arrived of a file), inside `depth` levels of
/// nesting, adding its values to `values`. Its bytes are checked as UTF-8.
pub(crate) fn read_partial(
    bytes: &[u8],
    at: usize,
    depth: usize,
    values: &mut usize,
    limits: ReadLimits,
) -> Partial {
    let mut reader = Reader {
        bytes,
        at,
        values: *values,
        limits,
        partial: true,
    };
    let value = reader.value(depth);
    let end = reader.at;
    reader.skip_space();
    match value {
        // A number, or a key, may go on in the next piece: a value is whole only once
        // something follows it.
        _ if reader.at >= bytes.len() => Partial::More,
        Ok(value)
            if bytes
                .get(at..end)
                .is_some_and(|b| std::str::from_utf8(b).is_ok()) =>
        {
            *values = reader.values;
            Partial::Done(value, reader.at)
        }
        _ => Partial::Bad,
    }
}

/// "line L, column C" of a byte offset, counted from 1, columns in characters.
fn line_col(bytes: &[u8], at: usize) -> String {
    let before = bytes.get(..at).unwrap_or(bytes);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = before
        .get(line_start..)
        .unwrap_or_default()
        .iter()
        .filter(|&&b| b & 0xc0 != 0x80)
        .count()
        + 1;
    let mut s = String::from("line ");
    crate::svg::push_u64(&mut s, line as u64);
    s.push_str(", column ");
    crate::svg::push_u64(&mut s, column as u64);
    s
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    values: usize,
    limits: ReadLimits,
    /// Reading part of a file ([`read_partial`]): its errors are never shown, so they are
    /// not written out (a line and column count every byte before them), and any error
    /// stands for all of them.
    partial: bool,
}

impl Reader<'_> {
    fn fail(&self, what: &str) -> crate::Error {
        if self.partial {
            return crate::Error::NoTrips;
        }
        let mut msg = String::from(what);
        msg.push_str(" at ");
        msg.push_str(&line_col(self.bytes, self.at));
        crate::Error::Json(msg)
    }

    // Always inlined: it runs once a byte, and out of line (where the size-optimised build
    // left it) each call passed its `Option` through memory. Parsing 1,000 synthetic trips
    // natively: 339 → 232 M instructions; in Chromium, `number` 64 → 39 ms a load.
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.at += 1;
        }
    }

    fn count(&mut self) -> Result<(), crate::Error> {
        self.values += 1;
        if self.values > self.limits.max_values {
            return Err(crate::Error::TooLarge {
                what: "values",
                limit: self.limits.max_values,
            });
        }
        Ok(())
    }

    fn literal(&mut self, word: &[u8], value: Value) -> Result<Value, crate::Error> {
        if self.bytes.get(self.at..self.at + word.len()) == Some(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.fail("unexpected character"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, crate::Error> {
        self.count()?;
        match self.peek() {
            None => Err(self.fail("unexpected end of the data")),
            Some(b'n') => self.literal(b"null", Value::Null),
            Some(b't') => self.literal(b"true", Value::Bool(true)),
            Some(b'f') => self.literal(b"false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'[') => self.array(depth + 1),
            Some(b'{') => self.object(depth + 1),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(_) => Err(self.fail("unexpected character")),
        }
    }

    fn enter(&mut self, depth: usize) -> Result<(), crate::Error> {
        if depth > self.limits.max_depth {
            return Err(crate::Error::TooDeep {
                limit: self.limits.max_depth,
            });
        }
        self.at += 1; // the opening bracket
        self.skip_space();
        Ok(())
    }

    /// After an item: a comma (then more) or the closing bracket. True when closed.
    fn next_or_close(&mut self, close: u8, expected: &str) -> Result<bool, crate::Error> {
        self.skip_space();
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                self.skip_space();
                Ok(false)
            }
            Some(b) if b == close => {
                self.at += 1;
                Ok(true)
            }
            None => Err(self.fail("unexpected end of the data")),
            Some(_) => Err(self.fail(expected)),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, crate::Error> {
        self.enter(depth)?;
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(Vec::new()));
        }
        // Numbers are kept flat for as long as only numbers come.
        let mut numbers = Vec::new();
        while let Some(b'-' | b'0'..=b'9') = self.peek() {
            self.check_len(numbers.len())?;
            self.count()?;
            numbers.push(self.number()?);
            if self.next_or_close(b']', "expected ',' or ']'")? {
                return Ok(Value::Numbers(numbers));
            }
        }
        let mut items: Vec<Value> = numbers.into_iter().map(Value::Number).collect();
        // Positions are kept flat too, for as long as only [number, number] come: a route of
        // n points is then one allocation, not n + 1.
        if items.is_empty() && depth < self.limits.max_depth {
            let mut positions: Vec<[f64; 2]> = Vec::new();
            loop {
                let start = self.at;
                let Some(position) = self.position() else {
                    // Something else: read it, and the rest, as values.
                    self.at = start;
                    items = position_values(&positions);
                    break;
                };
                self.check_len(positions.len())?;
                for _ in 0..3 {
                    self.count()?;
                }
                positions.push(position);
                if self.next_or_close(b']', "expected ',' or ']'")? {
                    return Ok(Value::Positions(positions));
                }
            }
        }
        loop {
            self.check_len(items.len())?;
            items.push(self.value(depth)?);
            if self.next_or_close(b']', "expected ',' or ']'")? {
                return Ok(Value::Array(items));
            }
        }
    }

    /// Exactly `[number, number]`, or None, with `self.at` anywhere (the caller goes back).
    fn position(&mut self) -> Option<[f64; 2]> {
        let mut pair = [0.0; 2];
        let mut separator = b'[';
        for slot in &mut pair {
            if self.peek() != Some(separator) {
                return None;
            }
            self.at += 1;
            self.skip_space();
            // Checked first: a failed number() would build a message with its line and column.
            if !matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
                return None;
            }
            *slot = self.number().ok()?;
            self.skip_space();
            separator = b',';
        }
        if self.peek() != Some(b']') {
            return None;
        }
        self.at += 1;
        Some(pair)
    }

    fn check_len(&self, len: usize) -> Result<(), crate::Error> {
        if len >= self.limits.max_array_len {
            return Err(crate::Error::TooLarge {
                what: "items in one list (points in a route, or trips)",
                limit: self.limits.max_array_len,
            });
        }
        Ok(())
    }

    fn object(&mut self, depth: usize) -> Result<Value, crate::Error> {
        self.enter(depth)?;
        let mut members = Vec::new();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(members));
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.fail("expected a key in double quotes"));
            }
            let key = self.string()?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.fail("expected ':'"));
            }
            self.at += 1;
            self.skip_space();
            members.push((key, self.value(depth)?));
            if self.next_or_close(b'}', "expected ',' or '}'")? {
                return Ok(Value::Object(members));
            }
        }
    }

    /// A string; `self.at` is on the opening quote. The input is known to be UTF-8.
    fn string(&mut self) -> Result<String, crate::Error> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // Runs end on ASCII bytes, so they are whole UTF-8 sequences.
            if let Some(run) = self.bytes.get(start..self.at) {
                out.push_str(std::str::from_utf8(run).unwrap_or_default());
            }
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let c = self.escape()?;
                    out.push(c);
                }
                None => return Err(self.fail("unexpected end of the data in a string")),
                Some(_) => return Err(self.fail("a control character in a string")),
            }
        }
    }

    /// One escape after the backslash. Lone surrogates, which Rust strings cannot hold,
    /// become U+FFFD.
    fn escape(&mut self) -> Result<char, crate::Error> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.at += 1;
                let high = self.hex4()?;
                if (0xd800..0xdc00).contains(&high)
                    && self.bytes.get(self.at..self.at + 2) == Some(b"\\u")
                {
                    let save = self.at;
                    self.at += 2;
                    let low = self.hex4()?;
                    if (0xdc00..0xe000).contains(&low) {
                        let code = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
                        return Ok(char::from_u32(code).unwrap_or('\u{fffd}'));
                    }
                    self.at = save;
                }
                return Ok(char::from_u32(high).unwrap_or('\u{fffd}'));
            }
            _ => return Err(self.fail("an unknown escape in a string")),
        };
        self.at += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32, crate::Error> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.fail("expected four hex digits after \\u")),
            };
            code = code * 16 + u32::from(digit);
            self.at += 1;
        }
        Ok(code)
    }

    /// Reads a run of digits into `mantissa`; returns how many there were.
    fn digits_into(&mut self, mantissa: &mut Mantissa) -> usize {
        let start = self.at;
        while let Some(b @ b'0'..=b'9') = self.peek() {
            mantissa.push(b - b'0');
            self.at += 1;
        }
        self.at - start
    }

    /// A number, in JSON's grammar. The digits are read into a 64-bit mantissa and a decimal
    /// exponent; values with at most 15 significant digits and an exponent within ±22 (every
    /// coordinate and count in practice) are exact, as `JSON.parse` reads them; others are
    /// within a relative 1e-14, which no map can show.
    fn number(&mut self) -> Result<f64, crate::Error> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let int_start = self.at;
        let mut mantissa = Mantissa::default();
        let int_len = self.digits_into(&mut mantissa);
        if int_len == 0 {
            return Err(self.fail("expected a digit"));
        }
        if int_len > 1 && self.bytes.get(int_start) == Some(&b'0') {
            return Err(self.fail("a number with a leading zero"));
        }
        let mut frac_len = 0;
        if self.peek() == Some(b'.') {
            self.at += 1;
            frac_len = self.digits_into(&mut mantissa);
            if frac_len == 0 {
                return Err(self.fail("expected a digit after the decimal point"));
            }
        }
        let mut exp: i64 = 0;
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            let exp_negative = match self.peek() {
                Some(b'-') => {
                    self.at += 1;
                    true
                }
                Some(b'+') => {
                    self.at += 1;
                    false
                }
                _ => false,
            };
            let mut digits = Mantissa::default();
            if self.digits_into(&mut digits) == 0 {
                return Err(self.fail("expected a digit in the exponent"));
            }
            // Beyond ±100,000 every value is 0 or infinite already.
            exp = if digits.dropped > 0 {
                100_000
            } else {
                digits.value.min(100_000) as i64
            };
            if exp_negative {
                exp = -exp;
            }
        }
        let exp = exp + mantissa.dropped - frac_len as i64;
        let value = scale(mantissa.value, exp);
        Ok(if negative { -value } else { value })
    }
}

/// A number's significant digits as they are read: up to 19 in a u64, and a count of the
/// digits dropped beyond those, each of which still scales the value by ten.
#[derive(Default)]
struct Mantissa {
    value: u64,
    kept: u32,
    dropped: i64,
}

impl Mantissa {
    fn push(&mut self, digit: u8) {
        if self.kept < 19 {
            self.value = self.value * 10 + u64::from(digit);
            if self.value > 0 {
                self.kept += 1;
            }
        } else {
            self.dropped += 1;
        }
    }
}

/// `mantissa` × 10^`exp`. Exact when the mantissa fits in 53 bits and |exp| ≤ 22 (both
/// factors are then exact doubles and IEEE arithmetic rounds once).
fn scale(mantissa: u64, exp: i64) -> f64 {
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let m = mantissa as f64;
    if mantissa == 0 {
        return 0.0;
    }
    let exp = exp.clamp(-400, 400) as i32;
    match POW10.get(exp.unsigned_abs() as usize) {
        Some(p) if exp >= 0 => m * p,
        Some(p) => m / p,
        // Beyond 1e22 powers of ten are inexact: apply exact 1e22 steps (one rounding each),
        // then the exact remainder.
        None => {
            let (mut v, mut left) = (m, exp.unsigned_abs());
            while left > 22 {
                v = if exp > 0 { v * 1e22 } else { v / 1e22 };
                left -= 22;
            }
            let p = POW10.get(left as usize).copied().unwrap_or(1.0);
            if exp > 0 {
                v * p
            } else {
                v / p
            }
        }
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
    fn numbers_read_as_javascript_reads_them() {
        for text in [
            "0",
            "-0",
            "1",
            "-1",
            "125.7625",
            "39.0392",
            "-180",
            "1e3",
            "1E-3",
            "2.5e+2",
            "0.1",
            "0.3",
            "123456789012345",
            "9007199254740993",
            "1e22",
            "1e23",
            "5e-324",
            "1.7976931348623157e308",
            "1e400",
            "-1e400",
            "1e-400",
            "0.000001",
            "12345678901234567890123",
            "3.141592653589793238462643383279",
        ] {
            let ours = match parse(text, ReadLimits::default()).unwrap() {
                Value::Number(n) => n,
                v => panic!("{text}: {v:?}"),
            };
            let exact: f64 = text.parse().unwrap();
            let close = ours == exact || (ours - exact).abs() <= 1e-14 * exact.abs();
            assert!(close, "{text}: {ours} vs {exact}");
            if text.len() <= 15 && !text.contains('e') {
                assert_eq!(ours, exact, "{text}");
            }
        }
    }

    #[test]
    fn strings_unescape_like_json_parse() {
        let v = parse(
            r#"["a\"b\\c\/d\n\t", "\u00e9\u4e2d", "\ud83d\ude82", "\ud800x", "Kim Jong Un 김정은"]"#,
            ReadLimits::default(),
        )
        .unwrap();
        let items = v.as_array().unwrap();
        let strings: Vec<&str> = items.iter().map(|s| s.as_str().unwrap()).collect();
        assert_eq!(
            strings,
            [
                "a\"b\\c/d\n\t",
                "é中",
                "🚂",
                "\u{fffd}x",
                "Kim Jong Un 김정은"
            ]
        );
    }

    #[test]
    fn what_json_parse_refuses_is_refused() {
        for text in [
            "",
            "[",
            "[1,]",
            "{\"a\":1,}",
            "{'a':1}",
            "NaN",
            "[Infinity]",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "\"a",
            "\"\\x\"",
            "\"tab\there\"",
            "[1] 2",
            "{\"a\" 1}",
            "{1:2}",
            "tru",
            "nul",
            "[1 2]",
        ] {
            let err = parse(text, ReadLimits::default()).unwrap_err();
            assert!(matches!(err, crate::Error::Json(_)), "{text:?}: {err:?}");
            assert!(
                serde_json::from_str::<serde_json::Value>(text).is_err(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn an_error_names_line_and_column() {
        let err = parse("{\n  \"a\": [1,\n  2,,]\n}", ReadLimits::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "The data is not valid JSON: unexpected character at line 3, column 5"
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused_with_where() {
        let err = parse_bytes(b"{\"title\": \"caf\xe9\"}", ReadLimits::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "The data is not UTF-8 text (a bad byte at line 1, column 15); save it as UTF-8 and try again"
        );
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        assert_eq!(
            parse("\u{feff}[1]", ReadLimits::default()).unwrap(),
            Value::Numbers(vec![1.0])
        );
    }

    #[test]
    fn arrays_of_numbers_are_flat_and_read_like_any_array() {
        let v = parse(
            r#"[[125.75, 39.02], [1, "x"], [], [[1]]]"#,
            ReadLimits::default(),
        )
        .unwrap();
        let items = v.as_array().unwrap();
        assert_eq!(items[0], Value::Numbers(vec![125.75, 39.02]));
        assert_eq!(items[0].as_array().unwrap()[1], Value::Number(39.02));
        // A number then something else: an ordinary array, in order.
        assert_eq!(
            items[1],
            Value::Array(vec![Value::Number(1.0), Value::String("x".into())])
        );
        assert_eq!(items[2], Value::Array(vec![]));
        assert_eq!(items[2].as_numbers(), None);
        assert_eq!(items[3].array_len(), Some(1));
        assert_eq!(items[3].kind(), "an array");
    }

    #[test]
    fn lists_of_positions_are_flat_until_something_else_comes() {
        let v = parse(
            r#"[[[125.75, 39.02], [ -1 , 2e1 ]], [[1, 2], [1, 2, 3], [4, 5]], [[1, 2], "x"]]"#,
            ReadLimits::default(),
        )
        .unwrap();
        let items = v.as_array().unwrap();
        assert_eq!(
            items[0],
            Value::Positions(vec![[125.75, 39.02], [-1.0, 20.0]])
        );
        assert_eq!(items[0].array_len(), Some(2));
        assert_eq!(items[0].kind(), "an array");
        assert_eq!(
            items[0].as_array().unwrap()[1],
            Value::Numbers(vec![-1.0, 20.0])
        );
        // An altitude, then pairs again: one ordinary array, in order.
        assert_eq!(
            items[1],
            Value::Array(vec![
                Value::Numbers(vec![1.0, 2.0]),
                Value::Numbers(vec![1.0, 2.0, 3.0]),
                Value::Numbers(vec![4.0, 5.0]),
            ])
        );
        assert_eq!(
            items[2],
            Value::Array(vec![
                Value::Numbers(vec![1.0, 2.0]),
                Value::String("x".into())
            ])
        );
    }

    #[test]
    fn positions_count_against_the_limits_and_keep_their_errors() {
        let limits = ReadLimits {
            max_array_len: 2,
            ..ReadLimits::default()
        };
        assert!(parse("[[1,2],[3,4]]", limits).is_ok());
        let err = parse("[[1,2],[3,4],[5,6]]", limits)
            .unwrap_err()
            .to_string();
        assert!(err.contains("too many items in one list"), "{err}");
        // Each position is three values (the array and two numbers), as in any array.
        let limits = ReadLimits {
            max_values: 7,
            ..ReadLimits::default()
        };
        assert!(parse("[[1,2],[3,4]]", limits).is_ok());
        assert!(parse("[[1,2],[3,4],[5,6]]", limits).is_err());
        // A broken number inside a position is reported where it is.
        let err = parse("[[1,2],\n[3,1.]]", ReadLimits::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "The data is not valid JSON: expected a digit after the decimal point at line 2, column 6"
        );
    }

    #[test]
    fn the_list_limit_holds_for_numbers_too() {
        let limits = ReadLimits {
            max_array_len: 3,
            ..ReadLimits::default()
        };
        assert!(parse("[1,2,3]", limits).is_ok());
        let err = parse("[1,2,3,4]", limits).unwrap_err().to_string();
        assert!(err.contains("too many items in one list"), "{err}");
        let err = parse(r#"[1,2,3,"x"]"#, limits).unwrap_err().to_string();
        assert!(err.contains("too many items in one list"), "{err}");
    }
}
