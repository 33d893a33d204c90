//! Writes the whole map at its final frame as one standalone SVG.
//!
//! usage: tripmap-render [--fallback [--stylesheet URL]] [TRIPS.geojson] [BASEMAP.topo.json]
//! Defaults: data/trips.geojson and data/basemap.topo.json. With --fallback it writes the
//! HTML snippet that goes inside <trip-map> for readers without JavaScript: the same map and
//! a list of the trips; with --stylesheet too, the snippet declares the element's shadow root
//! with that stylesheet (trip-map.css as the page reaches it), so the page paints the widget's
//! first layout once. Skipped trips are reported on
//! stderr; a file that cannot be drawn at all exits with status 1 and the reason.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
use std::process::ExitCode;
#[cfg(not(target_arch = "wasm32"))]
use tripmap::json::{parse, ReadLimits};
#[cfg(not(target_arch = "wasm32"))]
use tripmap::{scene, Map, Options};

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("usage: tripmap-render [--fallback [--stylesheet URL]] [TRIPS.geojson] [BASEMAP.topo.json]");
        return ExitCode::SUCCESS;
    }
    let stylesheet = match args.iter().position(|a| a == "--stylesheet") {
        Some(i) if i + 1 < args.len() => Some(args.drain(i..=i + 1).nth(1).unwrap_or_default()),
        Some(_) => {
            eprintln!("tripmap-render: --stylesheet needs the address of trip-map.css");
            return ExitCode::FAILURE;
        }
        None => None,
    };
    let fallback = args.iter().any(|a| a == "--fallback");
    args.retain(|a| a != "--fallback");
    if stylesheet.is_some() && !fallback {
        eprintln!("tripmap-render: --stylesheet goes with --fallback");
        return ExitCode::FAILURE;
    }
    let trips_path = args.first().map_or("data/trips.geojson", String::as_str);
    let basemap_path = args.get(1).map_or("data/basemap.topo.json", String::as_str);
    match render(trips_path, basemap_path, fallback.then_some(stylesheet)) {
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
/// The standalone SVG, or with `fallback` the fallback snippet (and its declared root when
/// it names a stylesheet).
fn render(
    trips_path: &str,
    basemap_path: &str,
    fallback: Option<Option<String>>,
) -> Result<String, String> {
    let read = |path: &str| std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"));
    let trips = parse(&read(trips_path)?, ReadLimits::default()).map_err(|e| e.to_string())?;
    let basemap = parse(&read(basemap_path)?, ReadLimits::default()).map_err(|e| e.to_string())?;
    let map = Map::new(&trips, Some(&basemap), Options::default()).map_err(|e| e.to_string())?;
    for warning in &map.set.warnings {
        eprintln!("tripmap-render: skipped: {warning}");
    }
    Ok(match fallback {
        Some(stylesheet) => tripmap::fallback::write_fallback(&map, stylesheet.as_deref()),
        None => scene::write_svg(&map),
    })
}
