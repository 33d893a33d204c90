#!/usr/bin/env bash
# The release wasm as shipped (wasm-bindgen, then scripts/wasm-opt.sh) but with its function names
# kept, for `twiggy top target/wasm-names/tripmap_bg.wasm`: what each function costs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/wasm-names
mkdir -p "$out"
# The same toolchain and settings as the shipped build.
source scripts/wasm-env.sh
cargo build --quiet --release --target wasm32-unknown-unknown --lib
wasm-bindgen "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/tripmap.wasm" --out-dir "$out" --target web --keep-debug
bash scripts/wasm-opt.sh "$out/tripmap_bg.wasm" "$out/tripmap_bg.wasm" -g
printf 'wasm: %d bytes, %d gzip\n' "$(stat -c%s "$out/tripmap_bg.wasm")" "$(node "$(dirname "$0")/sizes.mjs" "$out" | awk '$1 == "tripmap_bg.wasm" { print $3 }')"
