//! Reading a trips file while it downloads: each trip is read and validated as soon as its
//! feature has arrived, so that once the last byte is in, only the layout is left to do.
//!
//! What it gives is always what reading the whole file at once gives ([`TripSet::from_value`]
//! on [`crate::json::parse_bytes`]): the same trips, warnings and errors. The features of a
//! top-level object's `"features"` array are read early, and the rest of the object (its type
//! and metadata) at the end; a file of any other shape, or that is not valid JSON, is read
//! whole at the end, which then says what is wrong (with its line and column).

use crate::json::{parse_bytes, parse_counted, read_partial, Partial, ReadLimits, Value};
use crate::model::{features_of, Builder, MAX_TRIPS};
use crate::{Error, TripSet};

/// Where reading has got to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stage {
    /// Before the top-level object.
    Start,
    /// In the top-level object, before its `"features"`: the next key is at `at`.
    Keys,
    /// In the features array: the next feature, or the array's end, is at `at`.
    Features,
    /// Past the features array: the rest of the file is read at the end.
    Rest,
    /// Read at the end as a whole.
    Whole,
}

/// A trips file, given piece by piece as it arrives ([`TripReader::push`]).
pub struct TripReader {
    /// The file before `base`, read: kept, in the pieces it was read in, in case the file
    /// must be read whole (for an error, with its line and column).
    kept: Vec<Vec<u8>>,
    /// The file from `base` on. While features are read, what is read moves to `kept`, so
    /// this is at most a feature and a piece long.
    bytes: Vec<u8>,
    base: usize,
    limits: ReadLimits,
    stage: Stage,
    /// Where in `bytes` the next thing to read is.
    at: usize,
    /// A feature that ended with the bytes is tried again once there are this many: waiting
    /// for it to double bounds the reading done twice, however long one feature is.
    retry_at: usize,
    /// Where in the file the features array starts (its `[`), and ends (after its `]`).
    features: (usize, usize),
    /// The features read, and whether the last thing read was a comma between two.
    count: usize,
    after_comma: bool,
    /// Values in the features read, for `limits.max_values`.
    values: usize,
    builder: Builder,
}

impl Default for TripReader {
    fn default() -> Self {
        TripReader::new(ReadLimits::default())
    }
}

impl TripReader {
    /// A reader with nothing read yet.
    pub fn new(limits: ReadLimits) -> TripReader {
        TripReader {
            kept: Vec::new(),
            bytes: Vec::new(),
            base: 0,
            limits,
            stage: Stage::Start,
            at: 0,
            retry_at: 0,
            features: (0, 0),
            count: 0,
            after_comma: false,
            values: 0,
            builder: Builder::default(),
        }
    }

    /// The next piece of the file: every feature it completes is read now.
    pub fn push(&mut self, piece: Vec<u8>) {
        // Taken as it is when nothing is waiting: a file handed over in one piece is held once.
        if self.bytes.is_empty() {
            self.bytes = piece;
        } else {
            self.bytes.extend_from_slice(&piece);
        }
        while self.step() {}
        if self.stage == Stage::Features && self.at > 0 {
            // What is read moves, as it is, to `kept`; what is not goes on in a new buffer.
            let rest = self.bytes.split_off(self.at);
            let mut read = std::mem::replace(&mut self.bytes, rest);
            read.shrink_to_fit();
            self.kept.push(read);
            self.base += self.at;
            self.retry_at = self.retry_at.saturating_sub(self.at);
            self.at = 0;
        }
    }

    /// The trips, once the whole file has been given.
    pub fn finish(mut self) -> Result<TripSet, Error> {
        self.settle();
        // The features array in the outline is the one read early (the first of that name,
        // as in the whole file); the collection's type and metadata are the file's.
        let early = match self.outline() {
            Some(doc) if features_of(&doc)?.is_empty() => Some(doc),
            _ => None,
        };
        if let Some(doc) = early {
            return self.builder.finish(&doc);
        }
        // Not read early: the file is not valid JSON, or not a collection whose features are
        // in an array of at most MAX_TRIPS + 1, and reading it whole says which. Every other
        // file is read early (the tests check that both ways agree on every kind of file).
        let mut file = self.kept.concat();
        file.append(&mut self.bytes);
        drop(self.kept);
        features_of(&parse_bytes(&file, self.limits)?)?;
        Err(Error::NoTrips)
    }

    /// Reads what the last pieces left: a feature that ended with the last piece but one
    /// was waiting for more.
    fn settle(&mut self) {
        self.retry_at = 0;
        while self.step() {}
    }

    /// The file with its features array emptied, for the collection's type and metadata;
    /// None if it is not valid JSON then, and so neither is the file (which says where).
    fn outline(&self) -> Option<Value> {
        if self.stage != Stage::Rest {
            return None;
        }
        let (open, close) = self.features;
        let mut outline = Vec::new();
        for piece in self.kept.iter().chain([&self.bytes]) {
            let wanted = open - outline.len();
            outline.extend_from_slice(piece.get(..wanted.min(piece.len()))?);
            if outline.len() == open {
                break;
            }
        }
        outline.extend_from_slice(b"[]");
        outline.extend_from_slice(self.bytes.get(close.checked_sub(self.base)?..)?);
        // The values of the features read count with those of the rest.
        parse_counted(&outline, self.limits, self.values).ok()
    }

    /// The first character from `at` that is not a space, and where it is.
    fn next(&self, at: usize) -> Option<(usize, u8)> {
        let rest = self.bytes.get(at..)?;
        let skip = rest.iter().position(|b| !b" \n\r\t".contains(b))?;
        Some((at + skip, *rest.get(skip)?))
    }

    /// Reads what it can from `at`; true if it moved on (and may go on).
    fn step(&mut self) -> bool {
        match self.stage {
            Stage::Start => self.start(),
            Stage::Keys => self.key(),
            Stage::Features => self.feature(),
            Stage::Rest | Stage::Whole => false,
        }
    }

    fn whole(&mut self) -> bool {
        self.stage = Stage::Whole;
        false
    }

    fn start(&mut self) -> bool {
        const BOM: &[u8] = b"\xef\xbb\xbf";
        if self.bytes.len() < BOM.len() && BOM.starts_with(&self.bytes) {
            return false;
        }
        let at = if self.bytes.starts_with(BOM) {
            BOM.len()
        } else {
            0
        };
        match self.next(at) {
            None => false,
            Some((p, b'{')) => {
                self.at = p + 1;
                self.stage = Stage::Keys;
                true
            }
            Some(_) => self.whole(),
        }
    }

    fn key(&mut self) -> bool {
        let p = match self.next(self.at) {
            None => return false,
            Some((p, b'"')) => p,
            // The end of the object before any "features", or not JSON: read whole.
            Some(_) => return self.whole(),
        };
        // Keys and the values before "features" are read to find it, and read again at the
        // end with the rest (a few short texts, in any file tripmap writes).
        let mut scratch = 0;
        let (key, colon) = match read_partial(&self.bytes, p, 1, &mut scratch, self.limits) {
            Partial::Done(Value::String(key), colon) => (key, colon),
            Partial::More => return false,
            _ => return self.whole(),
        };
        if self.bytes.get(colon) != Some(&b':') {
            return self.whole();
        }
        let Some((v, first)) = self.next(colon + 1) else {
            return false;
        };
        if key == "features" {
            if first != b'[' {
                return self.whole();
            }
            self.features.0 = self.base + v;
            self.at = v + 1;
            self.stage = Stage::Features;
            return true;
        }
        match read_partial(&self.bytes, v, 1, &mut scratch, self.limits) {
            Partial::Done(_, after) if self.bytes.get(after) == Some(&b',') => {
                self.at = after + 1;
                true
            }
            Partial::More => false,
            _ => self.whole(),
        }
    }

    fn feature(&mut self) -> bool {
        let Some((p, first)) = self.next(self.at) else {
            return false;
        };
        if first == b']' && !self.after_comma {
            self.features.1 = self.base + p + 1;
            self.stage = Stage::Rest;
            return false;
        }
        // No more features than the limit are read early.
        if self.count > MAX_TRIPS {
            return self.whole();
        }
        if self.bytes.len() < self.retry_at {
            return false;
        }
        let feature = read_partial(&self.bytes, p, 2, &mut self.values, self.limits);
        let (value, after) = match feature {
            Partial::Done(value, after) => (value, after),
            Partial::More => {
                self.retry_at = 2 * self.bytes.len() - p;
                return false;
            }
            Partial::Bad => return self.whole(),
        };
        self.builder.add(self.count, &value);
        self.count += 1;
        match self.bytes.get(after) {
            Some(b',') => {
                self.at = after + 1;
                self.after_comma = true;
                true
            }
            Some(b']') => {
                self.at = after;
                self.after_comma = false;
                true
            }
            _ => self.whole(),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// The file read whole, and read in pieces of `size` bytes (with the stage that ended in).
    fn both(text: &str, size: usize) -> (Result<TripSet, Error>, Result<TripSet, Error>, Stage) {
        let whole = parse_bytes(text.as_bytes(), ReadLimits::default())
            .and_then(|doc| TripSet::from_value(&doc));
        let mut reader = TripReader::default();
        for piece in text.as_bytes().chunks(size.max(1)) {
            reader.push(piece.to_vec());
        }
        reader.settle();
        let stage = reader.stage;
        (whole, reader.finish(), stage)
    }

    const TRIP: &str = r#"{"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[[125.7,39.0],[116.4,39.9]]]},"properties":{"id":"ID","title":"To Beijing","start":"2018-03-25","end":"2018-03-28","destination":"Beijing","modes":["train"]}}"#;

    fn trip(id: &str) -> String {
        TRIP.replace("ID", id)
    }

    fn collection(features: &[String]) -> String {
        format!(
            r#"{{"type":"FeatureCollection","metadata":{{"title":"Trips"}},"features":[{}]}}"#,
            features.join(",\n ")
        )
    }

    #[test]
    fn trips_read_as_the_file_arrives_are_those_of_the_whole_file() {
        let text = collection(&[trip("a"), trip("b"), trip("c")]);
        for size in [1, 2, 7, 64, 300, text.len()] {
            let (whole, early, stage) = both(&text, size);
            assert_eq!(early, whole, "pieces of {size} bytes");
            assert_eq!(stage, Stage::Rest, "read early");
            assert_eq!(early.unwrap().trips.len(), 3);
        }
    }

    #[test]
    fn features_are_read_before_the_file_ends() {
        let text = collection(&[trip("a"), trip("b"), trip("c")]);
        let mut reader = TripReader::default();
        let second = text.find(r#""b""#).unwrap();
        reader.push(text.get(..second).unwrap().as_bytes().to_vec());
        assert_eq!(reader.count, 1, "the first trip, whole, is read");
        reader.push(text.get(second..).unwrap().as_bytes().to_vec());
        assert_eq!(reader.count, 3);
        assert_eq!(reader.stage, Stage::Rest);
    }

    #[test]
    fn every_error_is_the_one_the_whole_file_gives() {
        let good = collection(&[trip("a"), trip("b")]);
        let accented = collection(&[
            trip("a"),
            trip("b").replace("To Beijing", "T\u{f4} B\u{e9}ijing \u{1f686}"),
        ]);
        let cases = [
            good.clone(),
            accented, // pieces end inside a character
            good.replace(r#"{"type":"FeatureCollection","#, r#"{"type":"Feature","#),
            good.get(..good.len() - 1).unwrap().to_string(), // the file ends too soon
            good.replace("}}]}", "}},]}"),                   // a comma after the last trip
            good.replace(",\n ", ",, "),                     // two commas
            good.replace("}}]}", "}}],}"),                   // a comma before the end
            good.replace(r#""b""#, r#""a""#),                // a repeated id: a warning
            good.replace(r#""To Beijing""#, "1"),            // a trip with a wrong field
            good.replace("[[[125.7", "[[[\"x\""),            // a wrong coordinate
            good.replace(r#""id":"b","title":"To Beijing""#, r#""title":1"#), // named by its place
            good.replace(r#""features":["#, r#""features":[1,"#), // not an object
            good.replace(r#""features":["#, r#""features":{"#), // not an array
            good.replace(r#""metadata""#, r#""features":[],"metadata""#), // features twice
            good.replace(r#""metadata":{"title":"Trips"}"#, r#""metadata":{"title":"#),
            good.replace(r#""Trips""#, "\"\u{e9}\u{1f}\""), // a control character
            good.replace(r#""type":"FeatureCollection","#, ""), // no type
            format!("{good} x"),                            // text after the end
            format!("\u{feff}{good}"),                      // a byte order mark, allowed
            format!("[{good}]"),
            String::from("{}"),
            String::new(),
            collection(&[]),
        ];
        for (n, text) in cases.iter().enumerate() {
            for size in [1, 3, 50, text.len()] {
                let (whole, early, stage) = both(text, size);
                assert_eq!(early, whole, "case {n}, pieces of {size}:\n{text}");
                // The first cases, valid JSON in the usual shape, are read early.
                if n < 2 || (7..11).contains(&n) || n == 18 {
                    assert_eq!(stage, Stage::Rest, "case {n} read early");
                }
            }
        }
    }

    #[test]
    fn a_file_that_is_not_utf8_is_reported_where_it_breaks() {
        let mut bytes = collection(&[trip("a"), trip("b")]).into_bytes();
        let at = bytes.iter().rposition(|&b| b == b'B').unwrap();
        bytes[at] = 0xff;
        let whole = parse_bytes(&bytes, ReadLimits::default()).unwrap_err();
        let mut reader = TripReader::default();
        for piece in bytes.chunks(16) {
            reader.push(piece.to_vec());
        }
        assert_eq!(reader.finish().unwrap_err(), whole);
        assert!(whole.message().contains("line 2"), "{}", whole.message());
    }

    #[test]
    fn a_long_feature_is_not_read_again_for_every_piece() {
        let points: Vec<String> = (0..20_000)
            .map(|i| format!("[{},{}]", 100.0 + f64::from(i) * 0.001, 30.0))
            .collect();
        let long = TRIP.replace("[125.7,39.0],[116.4,39.9]", &points.join(","));
        let text = collection(&[long]);
        let mut reader = TripReader::default();
        let mut tries = 0;
        for piece in text.as_bytes().chunks(1024) {
            let before = reader.retry_at;
            reader.push(piece.to_vec());
            tries += usize::from(reader.retry_at != before);
        }
        // About log2(file / piece) tries, not one a piece.
        assert!(
            tries <= 12,
            "{tries} tries for {} pieces",
            text.len() / 1024
        );
        let set = reader.finish().unwrap();
        assert_eq!(set.trips[0].legs[0].points.len(), 20_000);
    }
}
