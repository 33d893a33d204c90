//! The bad-data corpus (tests/fixtures/bad, made by scripts/make-bad-fixtures.mjs): every file
//! gives a specific error, or a warning for the one bad trip, and nothing panics.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::path::Path;
use tripmap::json::{parse, parse_bytes, ReadLimits, Value};
use tripmap::{Map, Options};

fn corpus() -> (std::path::PathBuf, Vec<(String, Value)>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let index = parse(
        &std::fs::read_to_string(dir.join("expected.json")).unwrap(),
        ReadLimits::default(),
    )
    .unwrap();
    let Some(Value::Object(files)) = index.get("files") else {
        panic!("expected.json has no files")
    };
    (dir, files.clone())
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

#[test]
fn the_corpus_has_at_least_forty_files() {
    assert!(corpus().1.len() >= 40, "{}", corpus().1.len());
}

#[test]
fn every_bad_file_gives_a_specific_message() {
    let (dir, files) = corpus();
    for (name, spec) in files {
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        let expect = {
            let rust = strings(spec.get("rustExpect"));
            if rust.is_empty() {
                strings(spec.get("expect"))
            } else {
                rust
            }
        };
        let ok = spec.get("ok").is_some();
        let partial = spec.get("partial").is_some();
        // The same bytes the browser hands to the core.
        let result = parse_bytes(&bytes, ReadLimits::default())
            .and_then(|doc| Map::new(&doc, None, Options::default()));
        match result {
            Ok(map) if ok => assert!(
                map.set.warnings.is_empty(),
                "{name}: {:?}",
                map.set.warnings
            ),
            Ok(map) => {
                let warnings: Vec<String> =
                    map.set.warnings.iter().map(ToString::to_string).collect();
                assert!(!warnings.is_empty(), "{name} was accepted without a word");
                assert!(
                    partial,
                    "{name} should fail as a whole, but only warned: {warnings:?}"
                );
                let all = warnings.join(" ");
                for e in &expect {
                    assert!(
                        all.contains(e.as_str()),
                        "{name}: warnings {all:?} do not say {e:?}"
                    );
                }
            }
            Err(err) => {
                assert!(!ok, "{name} should load: {err}");
                let msg = err.to_string();
                for e in &expect {
                    assert!(
                        msg.contains(e.as_str()),
                        "{name}: {msg:?} does not say {e:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn every_file_read_as_it_arrives_gives_what_it_gives_read_whole() {
    let (dir, files) = corpus();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<_> = files.iter().map(|(name, _)| dir.join(name)).collect();
    paths.push(root.join("data/trips.geojson"));
    paths.push(root.join("tests/fixtures/hostile.geojson"));
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        let whole = parse_bytes(&bytes, ReadLimits::default())
            .and_then(|doc| tripmap::TripSet::from_value(&doc));
        let sizes: &[usize] = if bytes.len() < 100_000 {
            &[1, 13, 4096]
        } else {
            &[4096, 65_536]
        };
        for &size in sizes {
            let mut reader = tripmap::stream::TripReader::default();
            for piece in bytes.chunks(size) {
                reader.push(piece.to_vec());
            }
            assert_eq!(
                reader.finish(),
                whole,
                "{} in pieces of {size}",
                path.display()
            );
        }
    }
}
