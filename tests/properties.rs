//! Property tests: the parser, the validator and the layout never panic, whatever the input.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use proptest::prelude::*;
use tripmap::json::{parse, parse_bytes, ReadLimits, Value};
use tripmap::{Map, Options, TripSet};

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(Value::Number),
        (-200.0..200.0f64).prop_map(Value::Number),
        "[a-z0-9 <>&\"-]{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("2018-06-10"),
            Just("2019-02-30"),
            Just("train"),
            Just("plane"),
            Just("Feature"),
            Just("MultiLineString"),
            Just("FeatureCollection"),
            Just("origin")
        ]
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            // Lists of [x, y] with now and then another item: the reader keeps the pairs flat
            // until the first other item, then reads on as values.
            prop::collection::vec(
                prop_oneof![
                    4 => (any::<f64>(), -200.0..200.0f64).prop_map(|(x, y)| Value::Array(vec![
                        Value::Number(x),
                        Value::Number(y)
                    ])),
                    1 => inner.clone(),
                ],
                0..6
            )
            .prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("type"),
                        Just("features"),
                        Just("geometry"),
                        Just("coordinates"),
                        Just("properties"),
                        Just("id"),
                        Just("title"),
                        Just("start"),
                        Just("end"),
                        Just("destination"),
                        Just("modes"),
                        Just("role"),
                        Just("sources"),
                        Just("leaders"),
                        Just("destination_point"),
                        Just("foreign_trip")
                    ]
                    .prop_map(str::to_string),
                    inner
                ),
                0..8
            )
            .prop_map(Value::Object),
        ]
    })
}

fn from_serde(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap()),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(items) => Value::Array(items.iter().map(from_serde).collect()),
        serde_json::Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), from_serde(v)))
                .collect(),
        ),
    }
}

/// Equal, with numbers within a relative 1e-14: the reader is exact up to 15 significant
/// digits and 1e±22 (every coordinate), and that close beyond (see `json::scale`).
fn close(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x == y
                || (x - y).abs() <= 1e-14 * x.abs().max(y.abs())
                || (x.abs() < 1e-300 && y.abs() < 1e-300)
        }
        // The reader keeps arrays of numbers and of positions flat: compare items.
        (x, y) if x.array_len().is_some() && y.array_len().is_some() => {
            let (x, y) = (x.as_array().unwrap(), y.as_array().unwrap());
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| close(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, a), (kb, b))| ka == kb && close(a, b))
        }
        _ => a == b,
    }
}

/// Non-finite numbers have no JSON form; serde_json writes them as null.
fn to_serde(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => serde_json::Number::from_f64(*n)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        Value::Numbers(numbers) => serde_json::Value::Array(
            numbers
                .iter()
                .map(|n| to_serde(&Value::Number(*n)))
                .collect(),
        ),
        Value::Positions(positions) => serde_json::Value::Array(
            positions
                .iter()
                .map(|p| to_serde(&Value::Numbers(p.to_vec())))
                .collect(),
        ),
        Value::Object(members) => serde_json::Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), to_serde(v)))
                .collect(),
        ),
    }
}

/// A structurally valid trip with arbitrary coordinates, dates and modes.
fn trip_feature() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::collection::vec((-400.0..400.0f64, -200.0..200.0f64), 0..6), 0..4),
        prop::collection::vec(prop_oneof![Just("train"), Just("plane"), Just("car"), Just("foot"), Just("boat")], 0..4),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "[a-c]{1,2}",
    )
        .prop_map(|(legs, modes, start, end, id)| {
            let coords: Vec<String> = legs
                .iter()
                .map(|l| format!("[{}]", l.iter().map(|(x, y)| format!("[{x},{y}]")).collect::<Vec<_>>().join(",")))
                .collect();
            let modes: Vec<String> = modes.iter().map(|m| format!("\"{m}\"")).collect();
            format!(
                r#"{{"type":"Feature","geometry":{{"type":"MultiLineString","coordinates":[{}]}},"properties":{{"id":"{id}","title":"t","start":"{start}","end":"{end}","destination":"d","modes":[{}]}}}}"#,
                coords.join(","),
                modes.join(",")
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn parsing_arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = parse(&text, ReadLimits::default());
    }

    #[test]
    fn the_reader_agrees_with_serde_json(text in r#"[\[\]{}",:0-9a-z.eE+ \\-]{0,120}"#) {
        let ours = parse(&text, ReadLimits::default());
        let reference = serde_json::from_str::<serde_json::Value>(&text);
        prop_assert_eq!(ours.is_ok(), reference.is_ok(), "{:?}: {:?}", text, ours);
        if let (Ok(ours), Ok(reference)) = (ours, reference) {
            prop_assert!(close(&ours, &from_serde(&reference)), "{:?}", text);
        }
    }

    #[test]
    fn written_values_read_back_the_same(value in json_value()) {
        let text = serde_json::to_string(&to_serde(&value)).unwrap();
        let back = parse(&text, ReadLimits::default()).unwrap();
        prop_assert!(close(&back, &from_serde(&to_serde(&value))), "{:?}", text);
    }

    #[test]
    fn parsing_json_like_text_never_panics(text in r#"[\[\]{}",:0-9a-z.eE+-]{0,200}"#) {
        if let Ok(v) = parse(&text, ReadLimits::default()) {
            let _ = TripSet::from_value(&v);
        }
    }

    #[test]
    fn validating_arbitrary_values_never_panics(value in json_value()) {
        let doc = Value::Object(vec![
            ("type".into(), Value::String("FeatureCollection".into())),
            ("features".into(), Value::Array(vec![value.clone()])),
        ]);
        let _ = TripSet::from_value(&doc);
        let _ = TripSet::from_value(&value);
    }

    #[test]
    fn building_and_animating_any_valid_trips_never_panics(
        features in prop::collection::vec(trip_feature(), 1..5),
        t in any::<f64>(),
        width in any::<f64>(),
    ) {
        let text = format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","));
        let doc = parse(&text, ReadLimits::default()).unwrap();
        if let Ok(map) = Map::new(&doc, None, Options { width, ..Options::default() }) {
            let f = map.frame(t);
            prop_assert!(f.frame.done <= map.set.trips.len());
            let svg = tripmap::scene::write_svg(&map);
            prop_assert!(!svg.contains("NaN") && !svg.contains("inf"));
        }
    }

    #[test]
    fn trips_read_in_any_pieces_are_those_read_whole(
        features in prop::collection::vec(trip_feature(), 1..5),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..8),
        metadata_first in any::<bool>(),
    ) {
        let features = features.join(",\n");
        let text = if metadata_first {
            format!(r#"{{"metadata":{{"title":"T"}},"type":"FeatureCollection","features":[{features}]}}"#)
        } else {
            format!(r#"{{"type":"FeatureCollection","features":[{features}],"metadata":{{"credit":"C"}}}}"#)
        };
        prop_assert_eq!(in_pieces(text.as_bytes(), &cuts), whole(text.as_bytes()));
    }

    #[test]
    fn any_text_read_in_pieces_gives_what_it_gives_whole(
        text in r#"[\[\]{}",:0-9a-z.eE+ \\-]{0,160}"#,
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
    ) {
        // Mostly not JSON, so mostly errors: each must be the one the whole file gives.
        let text = format!(r#"{{"type":"FeatureCollection","features":[{text}"#);
        prop_assert_eq!(in_pieces(text.as_bytes(), &cuts), whole(text.as_bytes()));
    }
}

fn whole(bytes: &[u8]) -> Result<TripSet, tripmap::Error> {
    parse_bytes(bytes, ReadLimits::default()).and_then(|doc| TripSet::from_value(&doc))
}

/// The file given to a stream reader in pieces cut at `cuts`.
fn in_pieces(bytes: &[u8], cuts: &[prop::sample::Index]) -> Result<TripSet, tripmap::Error> {
    let mut at: Vec<usize> = cuts.iter().map(|c| c.index(bytes.len() + 1)).collect();
    at.push(0);
    at.push(bytes.len());
    at.sort_unstable();
    let mut reader = tripmap::stream::TripReader::default();
    for pair in at.windows(2) {
        reader.push(bytes[pair[0]..pair[1]].to_vec());
    }
    reader.finish()
}
