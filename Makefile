# tripmap: the two commands are `make serve` (build and serve the demo) and `make test`
# (every test). Both install what is missing first (scripts/setup.sh, idempotent).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CHROMEDRIVER := /usr/bin/chromedriver
# Native builds run with the default toolchain, also when trunk (under scripts/wasm-env.sh)
# calls back into make for the fallback.
NATIVE := env -u RUSTUP_TOOLCHAIN -u RUSTC_BOOTSTRAP -u CARGO_UNSTABLE_BUILD_STD \
  -u CARGO_UNSTABLE_BUILD_STD_FEATURES -u CARGO_TARGET_DIR

.PHONY: serve test setup build lint test-native test-wasm test-e2e size fallback render data basemap fuzz bench clean

serve: setup
	source scripts/wasm-env.sh && trunk serve --release

test: setup lint test-native test-wasm build test-e2e size

setup:
	@scripts/setup.sh

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo check --target wasm32-unknown-unknown

test-native:
	cargo test

test-wasm:
	cargo test --target wasm32-unknown-unknown

build:
	source scripts/wasm-env.sh && trunk build --release

test-e2e:
	node scripts/make-bad-fixtures.mjs --large
	npx playwright test

size:
	@scripts/size.sh dist

# Sizes, start-up, play, scale and native hot paths, beside the d3 peer (../shared/peers).
bench: setup
	scripts/bench/run.sh

# The no-JavaScript fallback snippet for the shipped data (trunk runs this before each build).
fallback:
	@mkdir -p target/fallback
	@$(NATIVE) cargo run --quiet --release --bin tripmap-render -- --fallback data/trips.geojson data/basemap.topo.json > target/fallback/fallback.html.tmp
	@mv target/fallback/fallback.html.tmp target/fallback/fallback.html

# The static render of the shipped data: make render > map.svg
render:
	@$(NATIVE) cargo run --quiet --release --bin tripmap-render -- data/trips.geojson data/basemap.topo.json

# Regenerate data/trips.geojson from ../shared/reference/kim-trips-sourced.json.
data:
	node scripts/build-trips.mjs

# Regenerate data/basemap.topo.json from Natural Earth (npm package world-atlas).
basemap: setup
	node scripts/build-basemap.mjs

# A short, bounded fuzz run of parsing plus layout (libFuzzer, nightly). FUZZ_SECONDS=600 for longer.
FUZZ_SECONDS ?= 60
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	cd fuzz && cargo +nightly fuzz run parse_layout corpus/parse_layout ../tests/fixtures/bad -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536

clean:
	rm -rf dist target/wasm-opt
