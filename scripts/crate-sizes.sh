#!/usr/bin/env bash
# What reading JSON costs in the wasm, with tripmap's own reader (src/json.rs) or with the
# crates of the field: each variant is a cdylib exporting one `parse(bytes)` through
# wasm-bindgen, built like the release (opt-level z, LTO, panic abort, wasm-opt -Oz), and
# printed with its gzip size above an empty export's. Quoted in the README.
# usage: scripts/crate-sizes.sh   (builds in target/crate-sizes; needs crates.io)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
ws=target/crate-sizes
mkdir -p "$ws"
cat > "$ws/Cargo.toml" <<'TOML'
[workspace]
members = ["empty", "ours", "serde_json", "geojson", "topojson"]
resolver = "2"
[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"
TOML
variant() { # name, dependency line, body of parse()
  mkdir -p "$ws/$1/src"
  printf '[package]\nname = "size-%s"\nversion = "0.0.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n[dependencies]\nwasm-bindgen = "=0.2.130"\n%s\n' "$1" "$2" > "$ws/$1/Cargo.toml"
  printf '%s\n#[wasm_bindgen::prelude::wasm_bindgen]\npub fn parse(bytes: &[u8]) -> usize {\n    %s\n}\n' "${4:-}" "$3" > "$ws/$1/src/lib.rs"
}
variant empty "" "bytes.len()"
variant serde_json 'serde_json = "1"' 'match serde_json::from_slice::<serde_json::Value>(bytes) { Ok(serde_json::Value::Object(m)) => m.len(), _ => 0 }'
variant geojson 'geojson = { version = "0.24", default-features = false }' 'match std::str::from_utf8(bytes).ok().and_then(|t| t.parse::<geojson::GeoJson>().ok()) { Some(geojson::GeoJson::FeatureCollection(c)) => c.features.len(), _ => 0 }'
variant topojson 'topojson = "0.5"' 'match std::str::from_utf8(bytes).ok().and_then(|t| t.parse::<topojson::TopoJson>().ok()) { Some(topojson::TopoJson::Topology(t)) => t.arcs.len(), _ => 0 }'
# Our reader, alone: src/json.rs with stand-ins for the two items it takes from the crate.
shim='#[derive(Debug, Clone, PartialEq)]
pub enum Error { Json(String), NotUtf8(String), TooDeep { limit: usize }, TooLarge { what: &'"'"'static str, limit: usize } }
mod model { pub const MAX_POINTS_PER_TRIP: usize = 100_000; }
mod svg { pub fn push_u64(s: &mut String, mut n: u64) { let mut d = Vec::new(); loop { d.push(char::from(b'"'"'0'"'"' + (n % 10) as u8)); n /= 10; if n == 0 { break; } } s.extend(d.iter().rev()); } }
#[path = "'"$root"'/src/json.rs"]
pub mod json;'
variant ours "" 'match json::parse_bytes(bytes, json::ReadLimits::default()) { Ok(json::Value::Object(m)) => m.len(), Err(Error::Json(s)) => s.len(), _ => 0 }' "$shim"
(cd "$ws" && cargo build --quiet --release --target wasm32-unknown-unknown)
opt=(-Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
  --enable-multivalue --enable-reference-types --strip-debug --strip-producers)
base=0
for v in empty ours serde_json geojson topojson; do
  wasm-bindgen "$ws/target/wasm32-unknown-unknown/release/size_$v.wasm" --out-dir "$ws/out/$v" --target web
  node_modules/.bin/wasm-opt "${opt[@]}" "$ws/out/$v/size_${v}_bg.wasm" -o "$ws/out/$v/opt.wasm"
  # The system's gzip, as when the README's crate figures were measured: they compare crates with
  # each other, so they stay as measured (scripts/sizes.mjs gives the wasm's own size as make bench does).
  gz=$(gzip -9c "$ws/out/$v/opt.wasm" | wc -c)
  [[ $v == empty ]] && base=$gz
  printf '%-11s %7d bytes raw %6d gzip  (+%d over an empty export)\n' "$v" "$(stat -c%s "$ws/out/$v/opt.wasm")" "$gz" "$((gz - base))"
done
