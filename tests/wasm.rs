//! The wasm boundary in a real browser (headless Chromium through wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use tripmap::wasm::TripMap;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TRIPS: &str = include_str!("../data/trips.geojson");
const BASEMAP: &str = include_str!("../data/basemap.topo.json");

/// The bytes of a file, as the shell hands them over.
fn js(text: &str) -> &[u8] {
    text.as_bytes()
}

#[wasm_bindgen_test]
fn the_shipped_data_builds_a_map_with_every_trip() {
    let map = TripMap::new(js(TRIPS), js(BASEMAP), 20_000.0, 0.0).unwrap();
    assert_eq!(map.trip_count(), 12);
    let svg = map.svg();
    assert_eq!(svg.matches(" data-trip=\"").count(), 12);
    assert!(svg.contains("tm-land"));
    assert!(map.warnings().is_empty());
}

#[wasm_bindgen_test]
fn the_browser_svg_is_the_static_render() {
    // The golden file is the native static render; the wasm build must write the same bytes,
    // but for the land's frame (`data-land`), which only the native renderer writes: it is
    // for the fallback, and the live map is never one.
    let map = TripMap::new(js(TRIPS), js(BASEMAP), 20_000.0, 0.0).unwrap();
    let golden = include_str!("golden/kim-trips.svg");
    let start = golden.find(" data-land=\"").unwrap();
    let end = start + 12 + golden[start + 12..].find('"').unwrap() + 1;
    assert_eq!(map.svg(), format!("{}{}", &golden[..start], &golden[end..]));
}

#[wasm_bindgen_test]
fn a_narrow_layout_keeps_the_data_and_changes_the_geometry() {
    let mut map = TripMap::new(js(TRIPS), js(BASEMAP), 20_000.0, 0.0).unwrap();
    let wide = map.svg();
    map.resize(360.0);
    assert_eq!(map.width(), 360.0);
    assert_eq!(map.trip_count(), 12);
    let narrow = map.svg();
    assert!(narrow.starts_with(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="tm-map" viewBox="0 0 360 "#
    ));
    assert_ne!(wide, narrow);
}

#[wasm_bindgen_test]
fn frames_carry_numbers_and_end_fully_drawn() {
    let mut map = TripMap::new(js(TRIPS), &[], 20_000.0, 0.0).unwrap();
    assert_eq!(map.frame_at(map.duration()), 12);
    let out = map.last_frame();
    assert_eq!(out[0], 12.0, "all trips done at the end");
    assert_eq!(out[1], -1.0, "none in progress");
    // Trip 4's window, as the shell reads it: two numbers, then one per leg, a trip.
    let numbers = map.trip_numbers();
    let text = map.trips();
    let at: usize = text
        .split_terminator('\u{1e}')
        .take(4)
        .map(|trip| 2 + trip.split('\u{1f}').nth(7).unwrap().split(' ').count())
        .sum();
    map.frame_at((numbers[at] + numbers[at + 1]) / 2.0);
    let out = map.last_frame();
    assert_eq!(out[1], 4.0);
    assert!(out[2] > 0.0 && out[2] < 1.0);
    // JavaScript reads the same numbers in place, in the wasm memory.
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let view = js_sys::Float64Array::new_with_byte_offset_and_length(
        &memory.buffer(),
        map.frame_ptr() as u32,
        12,
    );
    assert_eq!(view.to_vec(), out.to_vec());
}

#[wasm_bindgen_test]
fn bad_data_is_an_error_value_not_a_trap() {
    let err = TripMap::new(js(r#"{"type":"Feature"}"#), &[], 1.0, 0.0)
        .err()
        .unwrap();
    let message: String = js_sys::Error::from(JsValue::from(err)).message().into();
    assert_eq!(
        message,
        "The data should be a GeoJSON FeatureCollection, but is a GeoJSON Feature"
    );
    // A later call still works: the module did not abort.
    assert!(TripMap::new(js(TRIPS), &[], 1.0, 0.0).is_ok());
    let deep = "[".repeat(5000) + &"]".repeat(5000);
    assert!(TripMap::new(js(&deep), &[], 1.0, 0.0).is_err());
    assert!(TripMap::new(js(TRIPS), &[], 1.0, 0.0).is_ok());
}
