# Sourced before every release build of the wasm (make build, make serve, scripts/wasm-names.sh).
# With Debian's Rust toolchain (rustc-web, rust-web-src; scripts/setup.sh installs it and links
# it into rustup as "debian-web"), std itself is compiled with the release profile and with
# panics that abort at once: no panic messages, unwinding tables or their formatting code in
# the wasm (about 2.5 KB gzip less). rustup's nightly with rust-src would do the same, but
# rust-src cannot be downloaded here; the Debian packages can. Without that toolchain the build
# falls back to the default one, and the wasm is bigger. `-Zlocation-detail=none` drops the
# source paths and line numbers that bounds and overflow checks still carried to a panic that
# aborts without printing them (102 B gzip less). `-reference-types` has wasm-bindgen keep the
# few JavaScript values the core hands out (errors, a trip's details) in its JS-side table
# rather than in a wasm table with its own allocator: the wasm 466 B gzip smaller, its glue
# 49 B bigger (the budget's total 83,026 -> 82,604 B); start-up measured the same within noise.
if rustup toolchain list 2>/dev/null | grep -q '^debian-web' && [[ -d /usr/lib/rustlib/src/rust/library ]]; then
  llvm_major=$(/usr/bin/rustc --version --verbose | awk '/^LLVM version/ { split($3, v, "."); print v[1] }')
  export RUSTUP_TOOLCHAIN=debian-web
  export RUSTC_BOOTSTRAP=1 # build-std is an unstable cargo feature
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Ctarget-feature=-reference-types"
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-$llvm_major/bin/wasm-ld
  # Its own target directory: the default toolchain's builds (tests, clippy) keep theirs.
  export CARGO_TARGET_DIR=target/web
fi
