//! Any bytes through the whole native pipeline: JSON reading, validation, projection, routes,
//! labels, the timeline, a frame and both writers. Nothing may panic. The same bytes read in
//! pieces, as the widget reads a download, must give what reading them at once gives.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tripmap::json::{parse, parse_bytes, ReadLimits};
use tripmap::stream::TripReader;
use tripmap::{fallback, scene, Map, Options, TripSet};

fuzz_target!(|data: &[u8]| {
    let whole = parse_bytes(data, ReadLimits::default()).and_then(|doc| TripSet::from_value(&doc));
    let mut reader = TripReader::default();
    // Pieces of 1 to 64 bytes, their lengths taken from the data itself.
    let mut rest = data;
    while !rest.is_empty() {
        let n = (usize::from(rest[0]) % 64 + 1).min(rest.len());
        let (piece, tail) = rest.split_at(n);
        reader.push(piece.to_vec());
        rest = tail;
    }
    assert_eq!(reader.finish(), whole);

    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = parse(text, ReadLimits::default()) else {
        return;
    };
    // The first bytes also choose the width and the moment, so layouts vary too.
    let width = 100.0 + f64::from(data.first().copied().unwrap_or(0)) * 4.0;
    let t = f64::from(data.last().copied().unwrap_or(0)) * 100.0;
    if let Ok(map) = Map::new(
        &doc,
        None,
        Options {
            width,
            ..Options::default()
        },
    ) {
        let frame = map.frame(t);
        assert!(frame.frame.done <= map.set.trips.len());
        let svg = scene::write_svg(&map);
        assert!(!svg.contains("NaN"));
        let _ = fallback::write_fallback(&map);
    }
});
