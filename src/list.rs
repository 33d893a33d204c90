//! What the shell's list, timeline and animation read of every trip at start-up, as one text
//! and one array of numbers: two crossings to JavaScript whatever the number of trips.
//!
//! As an array of arrays (serde-wasm-bindgen), the same data took a call into JavaScript for
//! every string, number and array: 33 ms at 1,000 trips. One string is decoded once and split
//! by the engine's own code.

use crate::date::range_label;
use crate::map::Map;

/// Ends one field of a trip in [`trip_text`].
pub const FIELD: char = '\u{1f}';
/// Ends one trip.
pub const RECORD: char = '\u{1e}';
/// Separates the legs' labels within a field.
pub const ITEM: char = '\u{1d}';

/// Every trip in date order, as text: for each trip, nine fields each ended by [`FIELD`],
/// then [`RECORD`]: id, title, start and end (ISO dates), the dates as shown, destination,
/// `1` when the trip is abroad (else empty), the legs' mode names separated by spaces, and
/// the legs' labels separated by [`ITEM`].
///
/// Texts from the data are written as they are, except for the three separators (control
/// characters that no title means to show), which become U+FFFD, so no field spills into
/// the next.
pub fn trip_text(map: &Map) -> String {
    let trips = &map.set.trips;
    let mut text = String::with_capacity(trips.len() * 96);
    for trip in trips {
        for field in [
            trip.id.as_str(),
            &trip.title,
            &trip.start.iso(),
            &trip.end.iso(),
            &range_label(trip.start, trip.end),
            &trip.destination,
            if trip.foreign { "1" } else { "" },
        ] {
            push_field(&mut text, field);
            text.push(FIELD);
        }
        for (j, leg) in trip.legs.iter().enumerate() {
            if j > 0 {
                text.push(' ');
            }
            text.push_str(leg.mode.name());
        }
        text.push(FIELD);
        for (j, leg) in trip.legs.iter().enumerate() {
            if j > 0 {
                text.push(ITEM);
            }
            text.push_str(leg.mode.label());
        }
        text.push(FIELD);
        text.push(RECORD);
    }
    text
}

/// Every trip in date order, as numbers: when it starts and finishes drawing (ms), then each
/// leg's drawn length (px), as many as [`trip_text`] gives it legs.
pub fn trip_numbers(map: &Map) -> Vec<f64> {
    let mut numbers = Vec::with_capacity(map.routes.len() * 4);
    for (i, route) in map.routes.iter().enumerate() {
        let (t0, t1) = map.timeline.window(i).unwrap_or_default();
        numbers.push(t0);
        numbers.push(t1);
        numbers.extend(route.legs.iter().map(|l| l.length_px()));
    }
    numbers
}

fn push_field(out: &mut String, text: &str) {
    if !text.contains([FIELD, RECORD, ITEM]) {
        out.push_str(text);
        return;
    }
    out.extend(text.chars().map(|c| {
        if matches!(c, FIELD | RECORD | ITEM) {
            char::REPLACEMENT_CHARACTER
        } else {
            c
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse, ReadLimits};
    use crate::Options;

    fn map(geojson: &str) -> Map {
        let value = parse(geojson, ReadLimits::default()).unwrap();
        Map::new(&value, None, Options::default()).unwrap()
    }

    fn shipped() -> Map {
        map(include_str!("../data/trips.geojson"))
    }

    /// What the shell does with the text: records, then fields.
    fn rows(text: &str) -> Vec<Vec<&str>> {
        text.split_terminator(RECORD)
            .map(|r| r.split_terminator(FIELD).collect())
            .collect()
    }

    #[test]
    fn every_trip_has_its_nine_fields_in_date_order() {
        let m = shipped();
        let text = trip_text(&m);
        let rows = rows(&text);
        assert_eq!(rows.len(), m.set.trips.len());
        for (row, trip) in rows.iter().zip(&m.set.trips) {
            assert_eq!(row.len(), 9, "{row:?}");
            assert_eq!(row[0], trip.id);
            assert_eq!(row[1], trip.title);
            assert_eq!(row[2], trip.start.iso());
            assert_eq!(row[6], if trip.foreign { "1" } else { "" });
            assert_eq!(row[7].split(' ').count(), trip.legs.len());
            assert_eq!(row[8].split(ITEM).count(), trip.legs.len());
        }
        let starts: Vec<&str> = rows.iter().map(|r| r[2]).collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
        // The first trip of the shipped data went by train, the Singapore summit by plane.
        assert_eq!(rows[0][7], "train");
        assert!(rows.iter().any(|r| r[5] == "Singapore" && r[8] == "Plane"));
    }

    #[test]
    fn the_numbers_give_each_trip_its_window_and_leg_lengths() {
        let m = shipped();
        let numbers = trip_numbers(&m);
        let mut at = numbers.iter().copied();
        for (i, route) in m.routes.iter().enumerate() {
            let window = (at.next().unwrap(), at.next().unwrap());
            assert_eq!(Some(window), m.timeline.window(i));
            for leg in &route.legs {
                let px = at.next().unwrap();
                assert_eq!(px, leg.length_px());
                assert!(px > 0.0);
            }
        }
        assert_eq!(at.next(), None, "no number left over");
    }

    #[test]
    fn a_title_holding_a_separator_cannot_spill_into_the_next_field() {
        let data = include_str!("../data/trips.geojson").replacen(
            "\"title\":\"Dalian: ",
            "\"title\":\"Split\\u001fhere\\u001eand\\u001dthere ",
            1,
        );
        let m = map(&data);
        let text = trip_text(&m);
        let rows = rows(&text);
        assert_eq!(rows.len(), m.set.trips.len());
        assert!(rows.iter().all(|r| r.len() == 9));
        assert!(rows
            .iter()
            .any(|r| r[1].starts_with("Split\u{fffd}here\u{fffd}and\u{fffd}there a short")));
    }
}
