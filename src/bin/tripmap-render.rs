//! Writes the whole map at its final frame as one standalone SVG.
//!
//! usage: tripmap-render [--fallback [--no-data]] [TRIPS.geojson] [BASEMAP.topo.json] > map.svg
//! Defaults: data/trips.geojson and data/basemap.topo.json. With --fallback it writes the
//! HTML snippet that goes inside <trip-map> for readers without JavaScript: the same map and
//! a list of the trips, then the trips themselves as a data block, which the live widget reads
//! when it has no `src` (--no-data leaves it out, for pages whose widget has a `src`). Skipped
//! trips are reported on
//! stderr; a file that cannot be drawn at all exits with status 1 and the reason.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
use std::process::ExitCode;
#[cfg(not(target_arch = "wasm32"))]
use tripmap::basemap::Basemap;
#[cfg(not(target_arch = "wasm32"))]
use tripmap::json::{parse, ReadLimits};
#[cfg(not(target_arch = "wasm32"))]
use tripmap::{scene, Map, Options, TripSet};

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!(
            "usage: tripmap-render [--fallback [--no-data]] [TRIPS.geojson] [BASEMAP.topo.json] > map.svg"
        );
        return ExitCode::SUCCESS;
    }
    let fallback = args.iter().any(|a| a == "--fallback");
    let with_data = !args.iter().any(|a| a == "--no-data");
    args.retain(|a| a != "--fallback" && a != "--no-data");
    let trips_path = args.first().map_or("data/trips.geojson", String::as_str);
    let basemap_path = args.get(1).map_or("data/basemap.topo.json", String::as_str);
    match render(trips_path, basemap_path, fallback, with_data) {
        Ok(svg) => {
            println!("{svg}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("tripmap-render: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn render(
    trips_path: &str,
    basemap_path: &str,
    fallback: bool,
    with_data: bool,
) -> Result<String, String> {
    let read = |path: &str| std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"));
    let trips_text = read(trips_path)?;
    let trips = parse(&trips_text, ReadLimits::default()).map_err(|e| e.to_string())?;
    let basemap = parse(&read(basemap_path)?, ReadLimits::default()).map_err(|e| e.to_string())?;
    let basemap = Basemap::from_topojson(&basemap).map_err(|e| e.to_string())?;
    let set = TripSet::from_value(&trips).map_err(|e| e.to_string())?;
    let options = Options::default();
    let mut map = Map::from_set(set, Some(&basemap), options);
    if fallback {
        // The widget redraws this land for its own layout at any width it uses: no basemap
        // download on a phone or in a wide column.
        map.share_land(&basemap, options);
    }
    for warning in &map.set.warnings {
        eprintln!("tripmap-render: skipped: {warning}");
    }
    Ok(if fallback {
        let mut html = tripmap::fallback::write_fallback(&map);
        if with_data {
            html.push_str(&tripmap::fallback::write_data_script(&trips));
        }
        html
    } else {
        scene::write_svg(&map)
    })
}
