//! Golden-file test of the static render of the shipped data. Regenerate on purpose with
//! `UPDATE_GOLDEN=1 cargo test --test golden` and review the diff; CI never regenerates.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::path::Path;
use tripmap::json::{parse, ReadLimits};
use tripmap::{scene, Map, Options};

fn render() -> String {
    let read =
        |p: &str| std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).unwrap();
    let trips = parse(&read("data/trips.geojson"), ReadLimits::default()).unwrap();
    let basemap = parse(&read("data/basemap.topo.json"), ReadLimits::default()).unwrap();
    let map = Map::new(&trips, Some(&basemap), Options::default()).unwrap();
    assert!(map.set.warnings.is_empty(), "{:?}", map.set.warnings);
    scene::write_svg(&map)
}

#[test]
fn the_static_render_of_the_shipped_data_matches_the_golden_file() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/kim-trips.svg");
    let svg = render();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        assert!(
            std::env::var_os("CI").is_none(),
            "golden files are never regenerated in CI"
        );
        std::fs::write(&golden, &svg).unwrap();
        return;
    }
    let expected =
        std::fs::read_to_string(&golden).expect("golden file; run with UPDATE_GOLDEN=1 once");
    assert!(
        svg == expected,
        "the render differs from tests/golden/kim-trips.svg; if the change is intended, run \
         UPDATE_GOLDEN=1 cargo test --test golden and review the diff"
    );
}

#[test]
fn the_render_has_every_part_a_reader_needs() {
    let svg = render();
    assert_eq!(
        svg.matches(" data-trip=\"").count(),
        12,
        "one group per trip"
    );
    assert!(svg.contains("class=\"tm-land\""), "basemap");
    assert!(svg.contains(">Pyongyang</text>"), "origin label");
    for place in [
        "Beijing ×4",
        "Singapore",
        "Hanoi",
        "Vladivostok",
        "Vostochny",
        "Dalian",
        "Panmunjom ×3",
    ] {
        assert!(svg.contains(&format!(">{place}</text>")), "label {place}");
    }
    assert!(svg.contains("How he travelled"), "legend");
    assert!(
        svg.contains("Not a trip abroad"),
        "the Tongilgak meeting is marked"
    );
    assert!(svg.contains("Basemap: Natural Earth"), "source line");
    assert!(svg.contains(">Kim Jong Un's trips abroad</text>"), "title");
    assert!(
        !svg.contains("<style") && !svg.contains("style=") && !svg.contains(" id="),
        "no inline styles (strict CSP) and no ids (many maps per page)"
    );
}

#[test]
fn numbers_are_written_with_fixed_precision() {
    let svg = render();
    // No long float tails anywhere: every number has at most one decimal. But for the land's
    // frame, which says with the precision that needs where the land was drawn, for the
    // widget to draw it again at another size.
    let start = svg.find(" data-land=\"").unwrap();
    let end = start + 12 + svg[start + 12..].find('"').unwrap();
    let svg = format!("{}{}", &svg[..start], &svg[end + 1..]);
    let long_fraction = svg
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .any(|tok| tok.split_once('.').is_some_and(|(_, frac)| frac.len() > 1));
    assert!(!long_fraction);
}
