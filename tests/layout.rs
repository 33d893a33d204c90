//! Layout of the shipped map at the widths readers see: labels stay on the map and clear of
//! each other, the title, the legend and the credit.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::path::Path;
use tripmap::basemap::{Basemap, SharedLand};
use tripmap::json::{parse, ReadLimits};
use tripmap::map::{label_text, Layout, Rect, LABEL_FONT_PX, LAYOUT_WIDTHS};
use tripmap::scene::write_svg;
use tripmap::TripSet;
use tripmap::{Map, Options};

fn map(width: f64) -> Map {
    let read =
        |p: &str| std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).unwrap();
    let trips = parse(&read("data/trips.geojson"), ReadLimits::default()).unwrap();
    let basemap = parse(&read("data/basemap.topo.json"), ReadLimits::default()).unwrap();
    Map::new(
        &trips,
        Some(&basemap),
        Options {
            width,
            ..Options::default()
        },
    )
    .unwrap()
}

/// A generous box around a label's text (wider than the layout's own estimate).
fn label_box(m: &Map, i: usize) -> (f64, f64, f64, f64) {
    let l = &m.labels[i];
    let w = label_text(l).chars().count() as f64 * LABEL_FONT_PX * 0.55;
    let x0 = match l.anchor {
        "end" => l.text_at.x - w,
        "middle" => l.text_at.x - w / 2.0,
        _ => l.text_at.x,
    };
    (
        x0,
        l.text_at.y - LABEL_FONT_PX * 0.75,
        x0 + w,
        l.text_at.y + 2.0,
    )
}

fn overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

fn edges(r: Rect) -> (f64, f64, f64, f64) {
    (r.x, r.y, r.x + r.w, r.y + r.h)
}

#[test]
fn labels_are_readable_at_every_layout_width() {
    for width in [360.0, 540.0, 720.0, 900.0] {
        let m = map(width);
        assert_eq!(m.labels.len(), 8, "origin + 7 places at {width}");
        for i in 0..m.labels.len() {
            let b = label_box(&m, i);
            assert!(
                b.0 >= 0.0 && b.2 <= m.width && b.1 >= 0.0 && b.3 <= m.height,
                "{} off the map at {width}",
                m.labels[i].text
            );
            assert!(
                !overlap(b, edges(m.furniture.title_box)),
                "{} under the title at {width}",
                m.labels[i].text
            );
            assert!(
                !overlap(b, edges(m.furniture.legend_box)),
                "{} under the legend at {width}",
                m.labels[i].text
            );
            let credit_top = m.height - 12.0 - m.furniture.credit_lines.len() as f64 * 13.0;
            assert!(
                b.3 <= credit_top + 2.0,
                "{} under the credit at {width}",
                m.labels[i].text
            );
            for j in 0..i {
                assert!(
                    !overlap(b, label_box(&m, j)),
                    "{} overlaps {} at {width}",
                    m.labels[i].text,
                    m.labels[j].text
                );
            }
        }
    }
}

#[test]
fn the_credit_wraps_to_fit_a_narrow_map() {
    let narrow = map(360.0);
    assert!(narrow.furniture.credit_lines.len() > 1);
    for line in &narrow.furniture.credit_lines {
        assert!(
            line.chars().count() as f64 * 11.0 * 0.5 < 360.0 - 24.0,
            "{line}"
        );
    }
    assert_eq!(map(900.0).furniture.credit_lines.len(), 1);
}

#[test]
fn no_place_or_route_runs_under_the_title_at_any_width() {
    // On a phone the title spans most of the map: Vostochny, the northernmost place, once
    // sat under it, its dot and the end of its railway hidden by the text.
    for width in [360.0, 540.0, 720.0, 900.0] {
        let m = map(width);
        let (x0, y0, x1, y1) = edges(m.furniture.title_box);
        let under = |p: tripmap::geo::Px, reach: f64| {
            p.x > x0 - reach && p.x < x1 + reach && p.y > y0 - reach && p.y < y1 + reach
        };
        for label in &m.labels {
            assert!(
                !under(label.at, 5.0),
                "{width}: {} at {:?}",
                label.text,
                label.at
            );
        }
        for (t, route) in m.routes.iter().enumerate() {
            for p in route.legs.iter().flat_map(|l| &l.points) {
                assert!(!under(*p, 1.5), "{width}: trip {t} at {p:?}");
            }
        }
    }
}

#[test]
fn the_map_keeps_its_proportions_across_widths() {
    // The fallback is drawn at 720 px and the live map at the reader's width: the same
    // aspect ratio means no layout jump when the script takes over.
    let ratio = |m: Map| m.height / m.width;
    let reference = ratio(map(720.0));
    for width in [360.0, 540.0, 900.0] {
        assert!((ratio(map(width)) - reference).abs() < 0.01, "{width}");
    }
}

#[test]
fn the_hit_test_finds_a_route_and_every_trip_ending_at_a_place() {
    let m = map(720.0);
    let singapore = m
        .set
        .trips
        .iter()
        .position(|t| t.id == "2018-06-singapore")
        .unwrap();
    // A point 8 px off the middle of the Singapore flight's last segment.
    let leg = &m.routes[singapore].legs[0];
    let mid = leg.points[leg.points.len() * 3 / 4];
    let near = m.trips_near(
        tripmap::geo::Px {
            x: mid.x + 8.0,
            y: mid.y,
        },
        12.0,
    );
    assert_eq!(near.first(), Some(&singapore));
    assert!(m
        .trips_near(
            tripmap::geo::Px {
                x: mid.x + 40.0,
                y: mid.y
            },
            12.0
        )
        .is_empty());
    // The Beijing dot: its four trips, whatever else passes there.
    let beijing = m.labels.iter().find(|l| l.text == "Beijing").unwrap();
    let at = m.trips_near(beijing.at, 12.0);
    for i in &beijing.trips {
        assert!(at.contains(i), "{i} missing at Beijing: {at:?}");
    }
}

#[test]
fn the_hit_test_lists_the_nearest_trip_first() {
    // Near Beijing many routes pass within a wide radius: the menu lists them nearest first,
    // and at the same distance in date order.
    let m = map(720.0);
    let beijing = m.labels.iter().find(|l| l.text == "Beijing").unwrap();
    let p = tripmap::geo::Px {
        x: beijing.at.x + 9.0,
        y: beijing.at.y + 14.0,
    };
    let radius = 60.0;
    let near = m.trips_near(p, radius);
    assert!(near.len() >= 5, "{near:?}");
    let distance = |i: usize| {
        let route = m.routes[i].distance_px(p, radius);
        m.labels[1..]
            .iter()
            .filter(|l| l.trips.contains(&i))
            .map(|l| l.at.distance(p))
            .fold(route, f64::min)
    };
    for pair in near.windows(2) {
        let (a, b) = (distance(pair[0]), distance(pair[1]));
        assert!(
            a < b || (a == b && pair[0] < pair[1]),
            "{near:?}: {a} then {b}"
        );
    }
    // Every trip within the radius is there, once.
    let all: Vec<usize> = (0..m.routes.len())
        .filter(|&i| distance(i) <= radius)
        .collect();
    let mut sorted = near.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, all);
}

/// The shipped trips laid out `width` px wide without a basemap, as the widget builds them.
fn bare(trips: &tripmap::json::Value, width: f64) -> Map {
    Map::new(
        trips,
        None,
        Options {
            width,
            ..Options::default()
        },
    )
    .unwrap()
}

/// The rings of a land path (`M` x,y, then `l` steps, `z`), as absolute points.
fn rings_of(d: &str) -> Vec<Vec<(f64, f64)>> {
    let mut rings: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut numbers = Vec::new();
    let mut current = String::new();
    let mut command = ' ';
    for c in d.chars().chain(std::iter::once(' ')) {
        let in_number = c.is_ascii_digit() || c == '.';
        if !in_number && !current.is_empty() {
            numbers.push(current.parse::<f64>().unwrap());
            current.clear();
        }
        // A pair is complete before the command that follows it takes over.
        if let [x, y] = numbers[..] {
            numbers.clear();
            if command == 'M' {
                rings.push(vec![(x, y)]);
            } else {
                let ring = rings.last_mut().unwrap();
                let &(px, py) = ring.last().unwrap();
                ring.push((px + x, py + y));
            }
        }
        match c {
            '0'..='9' | '.' | '-' => current.push(c),
            'M' | 'l' | 'z' => command = c,
            _ => {}
        }
    }
    rings
}

/// Whether (x, y) is on land (even-odd over every ring).
fn on_land(rings: &[Vec<(f64, f64)>], (x, y): (f64, f64)) -> bool {
    let mut inside = false;
    for ring in rings {
        for (i, &(x1, y1)) in ring.iter().enumerate() {
            let (x0, y0) = ring[(i + ring.len() - 1) % ring.len()];
            if (y0 > y) != (y1 > y) && x < x0 + (y - y0) / (y1 - y0) * (x1 - x0) {
                inside = !inside;
            }
        }
    }
    inside
}

/// Where, on a 3 px grid over the map, `m`'s land (placed as the map places it) has land and
/// path `b` has not or the other way round: the largest distance of such a point from `b`'s
/// coastline, px.
fn land_mismatch(m: &Map, b: &str) -> f64 {
    let (k, dx, dy) = m.land_placed.unwrap_or((1.0, 0.0, 0.0));
    let a: Vec<Vec<(f64, f64)>> = rings_of(&m.land)
        .into_iter()
        .map(|ring| {
            ring.into_iter()
                .map(|(x, y)| (k * x + dx, k * y + dy))
                .collect()
        })
        .collect();
    let b = rings_of(b);
    let coast_distance = |(x, y): (f64, f64)| {
        let mut best = f64::INFINITY;
        for ring in &b {
            for (i, &(x1, y1)) in ring.iter().enumerate() {
                let (x0, y0) = ring[(i + ring.len() - 1) % ring.len()];
                let (dx, dy) = (x1 - x0, y1 - y0);
                let len = dx * dx + dy * dy;
                let t = if len > 0.0 {
                    (((x - x0) * dx + (y - y0) * dy) / len).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                best = best.min((x - x0 - t * dx).hypot(y - y0 - t * dy));
            }
        }
        best
    };
    let mut worst: f64 = 0.0;
    let mut y = 1.0;
    while y < m.height {
        let mut x = 1.0;
        while x < m.width {
            if on_land(&a, (x, y)) != on_land(&b, (x, y)) {
                worst = worst.max(coast_distance((x, y)));
            }
            x += 3.0;
        }
        y += 3.0;
    }
    worst
}

#[test]
fn the_fallbacks_land_serves_every_width_the_widget_lays_out_for() {
    let read =
        |p: &str| std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).unwrap();
    let trips = parse(&read("data/trips.geojson"), ReadLimits::default()).unwrap();
    let basemap = parse(&read("data/basemap.topo.json"), ReadLimits::default()).unwrap();
    let basemap = Basemap::from_topojson(&basemap).unwrap();
    // The fallback as tripmap-render writes it, and its land read back as the widget reads it.
    let mut fallback = map(Options::default().width);
    fallback.share_land(&basemap, Options::default());
    let svg = tripmap::scene::write_svg(&fallback);
    let attr = |name: &str| {
        let start = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        svg[start..start + svg[start..].find('"').unwrap()].to_string()
    };
    let shared = SharedLand::read(&attr("data-land"), &attr("d")).expect("the fallback's land");
    let (first, last, step) = LAYOUT_WIDTHS;
    let mut width = first;
    while width <= last {
        // The widget's map, built without a basemap, takes the fallback's land ...
        let mut bare = bare(&trips, width);
        assert!(bare.land.is_empty());
        assert!(
            bare.borrow_land(&shared),
            "the fallback's land covers a {width} px map"
        );
        // ... and it is the land the basemap itself draws there, but for the coast's pixels
        // (each drawing is simplified to a pixel and rounded to whole ones). Compared at some
        // of the widths: a comparison takes seconds.
        if width % 120.0 == 0.0 || width == last {
            let full = map(width);
            let off = land_mismatch(&bare, &full.land);
            assert!(
                off <= 2.5,
                "{width} px: land and sea differ {off:.1} px from the coast"
            );
        }
        width += step;
    }
    // Beyond the widths the widget uses, the land may not reach the map's edges, or would be
    // enlarged too far: refused.
    let (mut wide, mut narrow) = (bare(&trips, 2000.0), bare(&trips, 200.0));
    assert!(!wide.borrow_land(&shared) && !narrow.borrow_land(&shared));
}

#[test]
fn land_drawn_for_its_own_frame_serves_that_layout_only() {
    let read =
        |p: &str| std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).unwrap();
    let trips = parse(&read("data/trips.geojson"), ReadLimits::default()).unwrap();
    let plain = map(Options::default().width);
    let shared = SharedLand::read(&plain.land_frame(), &plain.land).unwrap();
    let mut same = bare(&trips, Options::default().width);
    assert!(same.borrow_land(&shared));
    assert!(land_mismatch(&same, &plain.land) <= 2.0);
    // A phone's map shows more around the routes than this land holds.
    assert!(!bare(&trips, 360.0).borrow_land(&shared));
    // Another projection's land is never taken.
    let mut mercator = Map::new(
        &trips,
        None,
        Options {
            projection: tripmap::geo::ProjectionKind::Mercator,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(!mercator.borrow_land(&shared));
}

/// `n` one-leg train trips from Pyongyang, each to its own place, spread over a few degrees
/// around `centre`, so that their labels compete for room.
fn crowded(n: usize, centre: (f64, f64), spread_deg: f64, width: f64) -> Map {
    let features: Vec<String> = (0..n)
        .map(|i| {
            // A deterministic scatter (golden angle spiral).
            let r = spread_deg * ((i as f64 + 0.5) / n as f64).sqrt();
            let a = i as f64 * 2.399_963;
            let (lon, lat) = (centre.0 + r * a.cos(), centre.1 + r * a.sin());
            format!(
                r#"{{"type":"Feature","geometry":{{"type":"MultiLineString","coordinates":[[[125.75,39.02],[{lon},{lat}]]]}},"properties":{{"id":"t{i}","title":"Trip {i}","start":"2019-01-01","end":"2019-01-02","destination":"Place {i}","destination_point":[{lon},{lat}],"modes":["train"]}}}}"#
            )
        })
        .collect();
    from_features(&features, width)
}

/// The map, `width` px wide, of trips from Pyongyang given as GeoJSON features.
fn from_features(features: &[String], width: f64) -> Map {
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","geometry":{{"type":"Point","coordinates":[125.75,39.02]}},"properties":{{"role":"origin","name":"Pyongyang"}}}},{}]}}"#,
        features.join(",")
    );
    let doc = parse(&text, ReadLimits::default()).unwrap();
    Map::new(
        &doc,
        None,
        Options {
            width,
            ..Options::default()
        },
    )
    .unwrap()
}

#[test]
fn on_a_crowded_map_labels_that_find_no_room_are_left_out_not_stacked() {
    let m = crowded(400, (116.4, 39.9), 6.0, 360.0);
    // Every place keeps its dot and its label entry (the dot's tooltip names it)...
    assert_eq!(m.labels.len(), 401);
    let shown: Vec<usize> = (0..m.labels.len()).filter(|&i| m.labels[i].shown).collect();
    // ...but only those with room show their name, and those never overlap.
    assert!(
        shown.len() > 10 && shown.len() < 200,
        "{} shown",
        shown.len()
    );
    assert!(m.labels[0].shown, "the origin's name is always shown");
    for (k, &i) in shown.iter().enumerate() {
        for &j in &shown[..k] {
            let (a, b) = (label_box(&m, i), label_box(&m, j));
            // The test's boxes are wider than the layout's estimate: allow that margin.
            let shrink = |b: (f64, f64, f64, f64)| (b.0 + 3.0, b.1 + 1.0, b.2 - 3.0, b.3 - 1.0);
            assert!(
                !overlap(shrink(a), shrink(b)),
                "{} overlaps {}",
                m.labels[i].text,
                m.labels[j].text
            );
        }
    }
    let svg = tripmap::scene::write_svg(&m);
    assert_eq!(svg.matches(r#"<circle class="tm-dest""#).count(), 400);
    assert_eq!(
        svg.matches(r#"<text class="tm-label""#).count(),
        shown.len() - 1
    );
}

/// One attribute of each of the map's legs, as written in its SVG, in order.
fn leg_attr(svg: &str, name: &str) -> Vec<String> {
    let key = format!(r#" {name}=""#);
    svg.split(r#"<path class="tm-leg "#)
        .skip(1)
        .filter_map(|p| p.split(key.as_str()).nth(1))
        .filter_map(|v| v.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_map_of_hundreds_of_trips_draws_each_route_thin_and_keeps_its_key_legible() {
    // Fewer trips than the threshold: every train leg has the train's width.
    let sparse = tripmap::scene::write_svg(&crowded(
        tripmap::scene::DENSE_TRIPS - 1,
        (116.4, 39.9),
        6.0,
        720.0,
    ));
    let widths = leg_attr(&sparse, "stroke-width");
    assert_eq!(widths.len(), tripmap::scene::DENSE_TRIPS - 1);
    assert!(widths.iter().all(|w| w == "2.6"), "{widths:?}");

    // From the threshold on, every leg is 1 px wide...
    let dense = tripmap::scene::write_svg(&crowded(
        tripmap::scene::DENSE_TRIPS,
        (116.4, 39.9),
        6.0,
        720.0,
    ));
    let widths = leg_attr(&dense, "stroke-width");
    assert_eq!(widths.len(), tripmap::scene::DENSE_TRIPS);
    assert!(widths.iter().all(|w| w == "1"), "{widths:?}");
    // ...while the legend's sample of the train keeps the train's width and colour.
    let legend = dense.split(r#"<g class="tm-legend""#).nth(1).unwrap();
    assert!(
        legend.contains(r##"class="tm-train" fill="none" stroke-linecap="round" stroke="#b3261e" stroke-width="2.6""##),
        "{legend}"
    );
}

/// `n` one-leg train trips from Pyongyang to places spread around Beijing, each along a
/// wavering line of 120 points (a rail line's many small bends, under a pixel to a few).
/// The last trip goes where the first does, so that maps of `n - 1` and `n` trips share their
/// extent.
fn wavering(n: usize) -> Map {
    let features: Vec<String> = (0..n)
        .map(|i| {
            let k = if i + 1 == n && n > 1 { 0 } else { i };
            let a = k as f64 * 2.399_963;
            let (lon, lat) = (116.4 + 4.0 * a.cos(), 39.9 + 4.0 * a.sin());
            let points: Vec<String> = (0..120)
                .map(|j| {
                    let f = j as f64 / 119.0;
                    // A deterministic scatter of bends, ±0.03 degree (about ±0.7 px here).
                    let bend = if j == 0 || j == 119 {
                        0.0
                    } else {
                        (((j * 7919 + k * 104_729) % 17) as f64 / 16.0 - 0.5) * 0.06
                    };
                    format!(
                        "[{},{}]",
                        125.75 + (lon - 125.75) * f + bend,
                        39.02 + (lat - 39.02) * f - bend
                    )
                })
                .collect();
            format!(
                r#"{{"type":"Feature","geometry":{{"type":"MultiLineString","coordinates":[[{}]]}},"properties":{{"id":"t{i}","title":"Trip {i}","start":"2019-01-01","end":"2019-01-02","destination":"Place {k}","destination_point":[{lon},{lat}],"modes":["train"]}}}}"#,
                points.join(",")
            )
        })
        .collect();
    from_features(&features, Options::default().width)
}

/// The vertices of a path written by the core's path writer (`M x,y` then relative `l`
/// steps), in user units.
fn vertices(d: &str) -> Vec<(f64, f64)> {
    let mut numbers = Vec::new();
    let mut current = String::new();
    for c in d.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || c == '.' || (c == '-' && current.is_empty()) {
            current.push(c);
            continue;
        }
        if !current.is_empty() {
            numbers.push(current.parse::<f64>().unwrap());
            current.clear();
        }
        if c == '-' {
            current.push(c);
        }
    }
    assert!(d.starts_with('M') && d.matches('M').count() == 1, "{d}");
    let mut at = (0.0, 0.0);
    numbers
        .chunks(2)
        .enumerate()
        .map(|(k, xy)| {
            at = if k == 0 {
                (xy[0], xy[1])
            } else {
                (at.0 + xy[0], at.1 + xy[1])
            };
            at
        })
        .collect()
}

#[test]
fn a_dense_map_writes_its_routes_to_whole_pixels_and_keeps_them_where_they_run() {
    let n = tripmap::scene::DENSE_TRIPS;
    let (sparse, dense) = (wavering(n - 1), wavering(n));
    // The same extent, fitted to the same box: the routes run in the same places.
    assert_eq!((sparse.width, sparse.height), (dense.width, dense.height));
    let (fine, coarse) = (
        leg_attr(&tripmap::scene::write_svg(&sparse), "d"),
        leg_attr(&tripmap::scene::write_svg(&dense), "d"),
    );
    assert_eq!((fine.len(), coarse.len()), (n - 1, n));
    // A sparse map's routes keep tenths of a pixel; a dense map's are whole pixels, in fewer
    // bytes.
    assert!(fine.iter().any(|d| d.contains('.')));
    assert!(coarse.iter().all(|d| !d.contains('.')), "{coarse:?}");
    let bytes = |paths: &[String]| paths.iter().take(n - 1).map(String::len).sum::<usize>();
    assert!(
        bytes(&coarse) < bytes(&fine),
        "{} >= {}",
        bytes(&coarse),
        bytes(&fine)
    );
    // Each corner drawn is within half a pixel (across and along) of a point of the route,
    // and each point of the route within half a pixel of a corner drawn.
    let near =
        |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).abs().max((a.1 - b.1).abs()) <= 0.5 + 1e-9;
    for (route, d) in dense.routes.iter().zip(&coarse) {
        let points: Vec<(f64, f64)> = route.legs[0].points.iter().map(|p| (p.x, p.y)).collect();
        let drawn = vertices(d);
        for v in &drawn {
            assert!(
                points.iter().any(|p| near(*p, *v)),
                "{v:?} is off the route"
            );
        }
        for p in &points {
            assert!(drawn.iter().any(|v| near(*p, *v)), "{p:?} is not drawn");
        }
    }
}

#[test]
fn a_map_laid_out_in_steps_is_the_map_laid_out_at_once() {
    // The shell lays a large map out in steps, ending its task between them: whatever the
    // steps, the reader must get the same map, frame for frame.
    let read =
        |p: &str| std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).unwrap();
    let trips =
        TripSet::from_value(&parse(&read("data/trips.geojson"), ReadLimits::default()).unwrap())
            .unwrap();
    let basemap = Basemap::from_topojson(
        &parse(&read("data/basemap.topo.json"), ReadLimits::default()).unwrap(),
    )
    .unwrap();
    let options = Options {
        width: 480.0,
        ..Options::default()
    };
    let at_once = Map::from_set(trips.clone(), Some(&basemap), options);
    let n = trips.trips.len();
    let frames = |m: &Map| -> Vec<String> {
        (0..=40)
            .map(|i| format!("{:?}", m.frame(i as f64 * options.duration_ms / 40.0)))
            .collect()
    };
    for (budget, steps_before_finish) in
        [(1, usize::MAX), (1, 3), (200, usize::MAX), (usize::MAX, 1)]
    {
        let mut layout = Layout::new(trips.clone(), options);
        let mut unfinished = 0;
        while unfinished < steps_before_finish && !layout.step(budget) {
            unfinished += 1;
        }
        if (budget, steps_before_finish) == (1, usize::MAX) {
            // One trip's worth a step: every trip is projected and placed in steps of its own.
            assert!(unfinished >= 2 * n, "{unfinished} steps for {n} trips");
        }
        let stepped = layout.finish(Some(&basemap));
        let what = format!("steps of {budget} points, finished after {unfinished}");
        assert_eq!(write_svg(&stepped), write_svg(&at_once), "{what}");
        assert_eq!(frames(&stepped), frames(&at_once), "{what}");
        assert_eq!(stepped.height, at_once.height, "{what}");
    }
}
