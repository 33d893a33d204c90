//! The `tripmap-render` command as an editor runs it: `--fallback` writes the snippet that goes
//! inside `<trip-map>`, with the trips after it unless `--no-data`.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, missing_docs)]

use std::process::Command;
use tripmap::fallback::DATA_BLOCK_OPEN as OPEN;
use tripmap::json::{parse, ReadLimits};
use tripmap::TripSet;

fn render(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_tripmap-render"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("tripmap-render runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn the_fallback_carries_the_same_trips_after_the_list() {
    let html = render(&["--fallback", "data/trips.geojson"]);
    assert_eq!(html.matches(OPEN).count(), 1);
    let (list, block) = html.split_once(OPEN).expect("a data block");
    assert!(list.contains("tm-fallback-list"), "the list comes first");
    let data = block.trim_end().strip_suffix("</script>").expect("closed");
    let file = std::fs::read_to_string("data/trips.geojson").expect("the shipped trips");
    let read = |text: &str| {
        let value = parse(text, ReadLimits::default()).expect("JSON");
        TripSet::from_value(&value).expect("trips")
    };
    // The widget reads the same trips from the block as from the file, every text and point,
    // from a block that leaves out what it does not read (each leg's stations).
    assert_eq!(read(data), read(&file));
    assert!(
        file.contains("\"stops\""),
        "the file keeps its record of stations"
    );
    assert!(!data.contains("\"stops\""));
    assert!(
        data.len() < file.len(),
        "{} of {} bytes",
        data.len(),
        file.len()
    );
}

#[test]
fn no_data_leaves_the_block_out_for_pages_with_a_src() {
    let html = render(&["--fallback", "--no-data", "data/trips.geojson"]);
    assert!(!html.contains("application/geo+json"));
    assert!(html.contains("tm-fallback-list"));
}
