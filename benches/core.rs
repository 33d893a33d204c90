//! Native hot paths: parsing and validation, projection, densification, path writing, layout
//! and frame(t); layout and SVG writing of the synthetic 1,000 trips too when `make bench`
//! names their file. Run with `cargo bench --bench core` (part of `make bench`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

// The core's native API (and criterion) exist only off wasm; on wasm this bench is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::core);

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, Criterion};
    use std::hint::black_box;
    use tripmap::geo::{densify_km, LonLat, Projection, ProjectionKind, Px};
    use tripmap::json::{parse, ReadLimits};
    use tripmap::svg::PathWriter;
    use tripmap::{Map, Options};

    const TRIPS: &str = include_str!("../data/trips.geojson");
    const BASEMAP: &str = include_str!("../data/basemap.topo.json");

    /// The shipped trips repeated `copies` times with fresh ids: a larger file of real routes.
    fn many_trips(copies: usize) -> String {
        let doc = TRIPS;
        let start = doc
            .find("\n  {\"type\":\"Feature\",\"geometry\":{\"type\":\"MultiLineString\"")
            .unwrap();
        let end = doc.rfind("\n]}").unwrap();
        let body = &doc[start..end];
        let mut out = String::from(&doc[..start]);
        for k in 0..copies {
            if k > 0 {
                out.push(',');
            }
            out.push_str(&body.replace("\"id\":\"", &format!("\"id\":\"c{k}-")));
        }
        out.push_str("\n]}");
        out
    }

    pub fn benches(c: &mut Criterion) {
        let limits = ReadLimits::default();
        let big = many_trips(84); // about 1,000 trips
        c.bench_function("parse+validate/12 trips", |b| {
            b.iter(|| {
                tripmap::TripSet::from_value(&parse(black_box(TRIPS), limits).unwrap()).unwrap()
            })
        });
        c.bench_function("parse+validate/1008 trips", |b| {
            b.iter(|| {
                tripmap::TripSet::from_value(&parse(black_box(&big), limits).unwrap()).unwrap()
            })
        });
        // As the shell reads a file: in pieces as it downloads (the same trips as above).
        c.bench_function("parse+validate/1008 trips in 64 KB pieces", |b| {
            b.iter(|| {
                let mut reader = tripmap::stream::TripReader::new(limits);
                for piece in black_box(big.as_bytes()).chunks(65_536) {
                    reader.push(piece.to_vec());
                }
                reader.finish().unwrap()
            })
        });

        let p = Projection::new(
            ProjectionKind::AzimuthalEquidistant,
            LonLat::new(125.75, 39.02),
        );
        let points: Vec<LonLat> = (0..10_000)
            .map(|i| LonLat::new(100.0 + f64::from(i % 400) / 10.0, f64::from(i / 400) * 2.0))
            .collect();
        c.bench_function("project/10k points aeqd", |b| {
            b.iter(|| points.iter().filter_map(|q| p.project(*q)).count())
        });

        let flight = [
            LonLat::new(125.67, 39.2241),
            LonLat::new(116.3883, 39.9289),
            LonLat::new(103.994, 1.3502),
        ];
        c.bench_function("densify/Singapore flight, 25 km", |b| {
            b.iter(|| densify_km(black_box(&flight), 25.0))
        });

        let line: Vec<Px> = (0..1000)
            .map(|i| Px {
                x: f64::from(i) * 0.7,
                y: (f64::from(i) * 0.1).sin() * 50.0,
            })
            .collect();
        c.bench_function("path writer/1000 points", |b| {
            b.iter(|| {
                let mut w = PathWriter::new();
                w.polyline(black_box(&line));
                w.finish()
            })
        });

        let trips = parse(TRIPS, limits).unwrap();
        let basemap = parse(BASEMAP, limits).unwrap();
        c.bench_function("layout/12 trips with basemap", |b| {
            b.iter(|| Map::new(&trips, Some(&basemap), Options::default()).unwrap())
        });
        let map = Map::new(&trips, Some(&basemap), Options::default()).unwrap();
        c.bench_function("svg/12 trips with basemap", |b| {
            b.iter(|| tripmap::scene::write_svg(&map))
        });
        c.bench_function("frame(t)/12 trips", |b| {
            let mut t = 0.0;
            b.iter(|| {
                t = (t + 16.7) % 20_000.0;
                map.frame(black_box(t))
            })
        });
        let big_value = parse(&big, limits).unwrap();
        c.bench_function("layout/1008 trips", |b| {
            b.iter(|| Map::new(black_box(&big_value), None, Options::default()).unwrap())
        });
        let big_map = Map::new(&big_value, None, Options::default()).unwrap();
        c.bench_function("frame(t)/1008 trips", |b| {
            let mut t = 0.0;
            b.iter(|| {
                t = (t + 16.7) % 20_000.0;
                big_map.frame(black_box(t))
            })
        });
    }

    /// The scale benchmarks' synthetic set of 1,000 trips (random walks of 2 to 500 points, about
    /// seven times the real trips' points), when `TRIPMAP_BENCH_SYNTH` names its file:
    /// `make bench` writes it (`scripts/bench/synth.mjs`) and sets the variable; a plain
    /// `cargo bench` skips these lines, and says so.
    pub fn synthetic(c: &mut Criterion) {
        let Ok(path) = std::env::var("TRIPMAP_BENCH_SYNTH") else {
            eprintln!(
                "layout/ and svg/1000 synthetic trips skipped: write the set with \
                 `node scripts/bench/synth.mjs DIR 1000` and set TRIPMAP_BENCH_SYNTH to \
                 DIR/synth-1000.geojson (make bench does both)"
            );
            return;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let value = parse(&text, ReadLimits::default()).unwrap();
        c.bench_function("layout/1000 synthetic trips", |b| {
            b.iter(|| Map::new(black_box(&value), None, Options::default()).unwrap())
        });
        let map = Map::new(&value, None, Options::default()).unwrap();
        c.bench_function("svg/1000 synthetic trips", |b| {
            b.iter(|| tripmap::scene::write_svg(black_box(&map)))
        });
    }

    criterion_group!(core, benches, synthetic);
}
