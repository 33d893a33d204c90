//! Any bytes through the whole native pipeline: JSON reading, validation, projection, routes,
//! labels, the timeline, a frame and both writers. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tripmap::json::{parse, ReadLimits};
use tripmap::{fallback, scene, Map, Options};

fuzz_target!(|data: &[u8]| {
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
