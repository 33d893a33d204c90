//! One error type for everything that can be wrong with input. Every message names the trip
//! and the field, and says what was found and what was expected.

use std::fmt;

/// What is wrong with one value.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A required field is absent.
    Missing,
    /// The value has the wrong JSON type.
    WrongType {
        /// What the field must be, in words ("a string", "an array of [lon, lat]").
        expected: &'static str,
        /// The JSON type that was found.
        found: &'static str,
    },
    /// A number that is NaN or infinite.
    NotFinite,
    /// A longitude outside -180..180 degrees.
    LongitudeOutOfRange(f64),
    /// A latitude outside -90..90 degrees.
    LatitudeOutOfRange(f64),
    /// A date that is not an ISO 8601 calendar date (YYYY-MM-DD).
    BadDate(String),
    /// The end date falls before the start date.
    EndBeforeStart {
        /// The start date as given.
        start: String,
        /// The end date as given.
        end: String,
    },
    /// A route with no legs, or a leg with fewer than two points.
    EmptyRoute,
    /// A travel mode that is not one of train, plane, car, foot.
    UnknownMode(String),
    /// The number of modes does not match the number of legs.
    ModeCount {
        /// Legs in the geometry.
        legs: usize,
        /// Modes in the properties.
        modes: usize,
    },
    /// More points, items or characters than the limit allows.
    TooMany {
        /// What was counted ("points", "characters").
        what: &'static str,
        /// The limit.
        limit: usize,
        /// How many were found.
        found: usize,
    },
    /// Another trip already has this id.
    DuplicateId(String),
    /// A string that must not be empty is empty.
    Empty,
}

/// Everything that can make a data file or a basemap unusable, or one trip in it invalid.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The text is not JSON at all.
    Json(String),
    /// The bytes are not UTF-8 text (where the first bad byte is, "line L, column C").
    NotUtf8(String),
    /// The JSON nests deeper than any GeoJSON file needs.
    TooDeep {
        /// The deepest nesting accepted.
        limit: usize,
    },
    /// The file holds more values, bytes or trips than the widget will take.
    TooLarge {
        /// What was counted.
        what: &'static str,
        /// The limit.
        limit: usize,
    },
    /// The top level is not a GeoJSON FeatureCollection.
    NotFeatureCollection(String),
    /// The collection holds no usable trip.
    NoTrips,
    /// One trip (feature) is invalid.
    Trip {
        /// The trip's id where it has one, else its position ("feature 3").
        trip: String,
        /// The field, as a path ("properties.start", "geometry.coordinates[0][2][1]").
        field: String,
        /// What is wrong with it.
        problem: Problem,
    },
    /// The basemap is not usable TopoJSON.
    Basemap(String),
}

impl Error {
    /// An error in one field of one trip.
    pub fn trip(trip: &str, field: impl Into<String>, problem: Problem) -> Self {
        Error::Trip {
            trip: trip.to_string(),
            field: field.into(),
            problem,
        }
    }
}

/// A piece of a message: text, or a count.
pub trait Piece {
    /// Appends the piece to `s`.
    fn push_to(&self, s: &mut String);
}

impl Piece for str {
    fn push_to(&self, s: &mut String) {
        s.push_str(self);
    }
}

impl Piece for String {
    fn push_to(&self, s: &mut String) {
        s.push_str(self);
    }
}

impl Piece for usize {
    fn push_to(&self, s: &mut String) {
        crate::svg::push_u64(s, *self as u64);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, s: &mut String) {
        (**self).push_to(s);
    }
}

/// Joins pieces (text and counts) into a message. Not `format!`: that links `std::fmt` into
/// the wasm, and nothing else there needs it.
macro_rules! cat {
    ($($piece:expr),* $(,)?) => {{
        let mut s = String::new();
        $( $crate::error::Piece::push_to(&$piece, &mut s); )*
        s
    }};
}
pub(crate) use cat;

impl Problem {
    /// Appends what is wrong, as the end of a sentence ("is missing").
    fn describe(&self, s: &mut String) {
        let text = match self {
            Problem::Missing => cat!["is missing"],
            Problem::WrongType { expected, found } => {
                cat!["should be ", expected, ", but is ", found]
            }
            Problem::NotFinite => cat!["is not a finite number (NaN or infinity)"],
            Problem::LongitudeOutOfRange(v) => cat![
                "longitude ",
                crate::svg::decimal(*v),
                " is out of range; expected -180 to 180"
            ],
            Problem::LatitudeOutOfRange(v) => cat![
                "latitude ",
                crate::svg::decimal(*v),
                " is out of range; expected -90 to 90"
            ],
            Problem::BadDate(d) => cat![
                "\"",
                clip(d),
                "\" is not an ISO 8601 date; expected YYYY-MM-DD"
            ],
            Problem::EndBeforeStart { start, end } => cat!["end ", end, " is before start ", start],
            Problem::EmptyRoute => cat!["is an empty route; expected lines of at least two points"],
            Problem::UnknownMode(m) => cat![
                "\"",
                clip(m),
                "\" is not a known mode; expected train, plane, car or foot"
            ],
            Problem::ModeCount { legs, modes } => {
                cat![
                    "lists ",
                    modes,
                    " modes for ",
                    legs,
                    " legs; expected one per leg"
                ]
            }
            Problem::TooMany { what, limit, found } => {
                cat!["has ", found, " ", what, "; the limit is ", limit]
            }
            Problem::DuplicateId(id) => {
                cat!["\"", clip(id), "\" is already the id of another trip"]
            }
            Problem::Empty => cat!["is empty"],
        };
        s.push_str(&text);
    }
}

impl Error {
    /// The message for the reader and the embedding developer, as one sentence.
    pub fn message(&self) -> String {
        match self {
            Error::Json(msg) => cat!["The data is not valid JSON: ", msg],
            Error::NotUtf8(at) => cat![
                "The data is not UTF-8 text (a bad byte at ",
                at,
                "); save it as UTF-8 and try again"
            ],
            Error::TooDeep { limit } => cat![
                "The data nests more than ",
                limit,
                " levels deep; GeoJSON trips need far fewer"
            ],
            Error::TooLarge { what, limit } => {
                cat!["The data has too many ", what, "; the limit is ", limit]
            }
            Error::NotFeatureCollection(found) => cat![
                "The data should be a GeoJSON FeatureCollection, but is ",
                found
            ],
            Error::NoTrips => cat!["The data holds no trip that can be drawn"],
            Error::Trip {
                trip,
                field,
                problem,
            } => {
                let mut s = cat!["Trip ", clip(trip), ": ", field, " "];
                problem.describe(&mut s);
                s
            }
            Error::Basemap(msg) => cat!["The basemap is not usable: ", msg],
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.describe(&mut s);
        f.write_str(&s)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}

/// Long strings (a 100 KB title used as an id) are cut in messages.
fn clip(s: &str) -> String {
    let head = first_chars(s, 60);
    if head.len() < s.len() {
        cat![head, "…"]
    } else {
        s.to_string()
    }
}

/// The first `max` characters of `s` (all of it when shorter). A count of the bytes that
/// start a character, as `model::char_count`: `char_indices().nth()` was 454 B of wasm.
pub(crate) fn first_chars(s: &str, max: usize) -> &str {
    let mut chars = 0;
    for (at, b) in s.bytes().enumerate() {
        if b & 0xc0 != 0x80 {
            if chars == max {
                return s.get(..at).unwrap_or(s);
            }
            chars += 1;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trip_error_names_the_trip_the_field_and_the_expectation() {
        let e = Error::trip(
            "2018-06-singapore",
            "geometry.coordinates[0][1][1]",
            Problem::LatitudeOutOfRange(91.0),
        );
        assert_eq!(
            e.to_string(),
            "Trip 2018-06-singapore: geometry.coordinates[0][1][1] latitude 91 is out of range; expected -90 to 90"
        );
    }

    #[test]
    fn long_values_are_clipped_in_messages() {
        let id = "x".repeat(100_000);
        let msg = Error::trip(&id, "properties.title", Problem::Empty).to_string();
        assert!(msg.len() < 200, "{}", msg.len());
        assert!(msg.contains('…'));
    }

    #[test]
    fn a_cut_counts_characters_not_bytes() {
        // Hangul syllables are three bytes each; a cut never splits one.
        assert_eq!(first_chars("김정은 위원장", 3), "김정은");
        assert_eq!(first_chars("김정은", 3), "김정은");
        assert_eq!(first_chars("김정은", 10), "김정은");
        assert_eq!(first_chars("abc", 0), "");
        assert_eq!(first_chars("", 5), "");
        let id = "é".repeat(61);
        let msg = Error::trip(&id, "properties.id", Problem::Empty).to_string();
        assert!(
            msg.starts_with(&format!("Trip {}…:", "é".repeat(60))),
            "{msg}"
        );
    }
}
