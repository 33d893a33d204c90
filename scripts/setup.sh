#!/usr/bin/env bash
# Installs everything the build and the tests need, skipping whatever is already there, so a
# second run takes about a second. Nothing here downloads a binary from outside the package
# registries (crates.io, npm, Debian): trunk is pointed at the wasm-bindgen and wasm-opt
# installed here (Trunk.toml [tools]).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14            # 0.22 needs a newer rustc than this machine has
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf 'setup: %s\n' "$*"; }

# The wasm-bindgen CLI must equal the crate in Cargo.lock, or trunk tries to download one.
bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  step "installing Debian's chromium and chromium-driver"
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# The release wasm is built by Debian's Rust with its std sources (scripts/wasm-env.sh says why).
llvm_major() { /usr/bin/rustc --version --verbose 2>/dev/null | awk '/^LLVM version/ { split($3, v, "."); print v[1] }'; }
if ! rustup toolchain list | grep -q '^debian-web' || [[ ! -d /usr/lib/rustlib/src/rust/library ]] \
  || [[ ! -x /usr/lib/llvm-$(llvm_major)/bin/wasm-ld ]]; then
  step "installing Debian's rustc-web, cargo-web, rust-web-src and LLVM's wasm-ld (about a minute)"
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    rustc-web cargo-web rust-web-src >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "lld-$(llvm_major)" >/dev/null
  rustup toolchain link debian-web /usr
fi

if [[ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]]; then
  step "installing trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

want=$(bindgen_version)
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]]; then
  step "installing wasm-bindgen-cli $want, the version in Cargo.lock (about 3 minutes)"
  # Not --locked: the CLI's own lockfile names a webpki-roots this registry lacks.
  cargo install wasm-bindgen-cli --version "$want" --force
fi

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "installing the npm packages: wasm-opt (binaryen 132), esbuild, terser, Playwright, mapshaper, world-atlas"
  npm ci --no-audit --no-fund --loglevel=error
fi
