#!/usr/bin/env bash
# wasm-opt for the release (a trunk post_build hook, on $TRUNK_STAGING_DIR/tripmap_bg.wasm) and
# for scripts/wasm-names.sh (`scripts/wasm-opt.sh IN OUT -g`, names kept). Run here rather than
# by trunk, which puts its -Oz before any pass of ours.
#
# The functions named below are called once per trip or leg from functions called once. Inlined
# there (binaryen inlines a function with one caller, whatever Rust's #[inline(never)]), their
# loops ran inside the once-called function, in V8's baseline code for the whole first call:
# V8 optimises a function for its next call, never in the middle of one. Kept apart, they are
# optimised after their first few trips. At 1,000 trips the core's first call went from about
# 515 to 385 ms (medians of 6), and the wasm is about 400 B gzip smaller.
set -euo pipefail
cd "$(dirname "$0")/.."
hook=$(($# == 0)) # trunk's post-build hook passes no arguments
in=${1:-${TRUNK_STAGING_DIR:?}/tripmap_bg.wasm}
out=${2:-$in}
shift $(($# < 2 ? $# : 2))
per_item=(
  '*model::read_trip*'
  '*GroundLeg*of_trip*'
  '*Route*place*'
  '*simplify::simplify*'
  '*scene::write_trip*'
)
no_inline=()
for f in "${per_item[@]}"; do no_inline+=("--no-inline=$f"); done
# The marks must come before -Oz: passes run in the order given. Names are dropped last.
# As trunk's hook, the wasm's import and export names are shortened last, to one or two
# letters ("tripmap_frameAt", "__wbg_Error_208446807d0d1e30"): 0.4 KB gzip less wasm, and less
# glue. binaryen prints the old and new names as JSON, which scripts/minify.mjs reads to rename
# them in the glue it bundles (and then deletes). Other callers keep the names.
options=(
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-multivalue --enable-reference-types
  "${no_inline[@]}" -Oz --strip-producers
)
if ((hook)); then
  node_modules/.bin/wasm-opt "${options[@]}" --strip-debug --minify-imports-and-exports-and-modules \
    "$in" -o "$out" > "$TRUNK_STAGING_DIR/wasm-names.json"
else
  node_modules/.bin/wasm-opt "${options[@]}" "${@:---strip-debug}" "$in" -o "$out"
fi
