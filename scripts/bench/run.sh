#!/usr/bin/env bash
# make bench: builds the release, then prints transfer, start-up, play and scale figures for
# tripmap beside the d3 peer and the static floor (../shared/peers), and the native benchmarks.
# BENCH_RUNS (default 20, as in the issue's own figures) start-up pairs, BENCH_PLAY_RUNS
# (default 3) plays per page. Opening a trip is timed over BENCH_RUNS loads of each side at 12
# trips, half as many at 1,000. A slow phone (375 x 800, device pixel ratio 3, the CPU slowed
# 4x) is measured for start-up and for a play of 1,000 trips.
# The whole script is one block, read before any of it runs: bash otherwise reads a script as
# it goes, and an edit to this file during the 20 minutes of a run made it go on from the wrong
# byte (eighteenth round).
{
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${BENCH_RUNS:-20}
PLAY_RUNS=${BENCH_PLAY_RUNS:-3}
OUT=target/bench
SITE=$OUT/site
PEERS_SRC=../shared/peers

make -s build
rm -rf "$SITE" && mkdir -p "$OUT" && cp -r dist "$SITE"
node scripts/bench/synth.mjs "$SITE" 10 100 1000 10000 >/dev/null
sed 's|<trip-map id="kim-trips">|<trip-map id="kim-trips" duration="12">|' dist/index.html > "$SITE/bench-12s.html"
grep -q 'duration="12"' "$SITE/bench-12s.html" || { echo "bench-12s.html: the demo's <trip-map> tag was not found" >&2; exit 1; }
for N in 10 100 1000 10000; do sed "s|DATA|synth-$N.geojson|g" scripts/bench/page.html > "$SITE/synth-$N.html"; done

PEERS=""
if [[ -d $PEERS_SRC/d3 ]]; then
  PEERS=$OUT/peers
  if [[ ! -f $PEERS/data/out/synth-1000.geojson ]]; then
    rm -rf "$PEERS" && cp -r "$PEERS_SRC" "$PEERS" && chmod -R u+w "$PEERS"
    # The peer's converter reads ../shared/reference relative to its own folder.
    ln -sfn "$(cd "$PEERS_SRC/.." && pwd)" "$OUT/shared"
    (cd "$PEERS" && npm install --no-audit --no-fund --loglevel=error && node build.mjs 10 100 1000 >/dev/null)
    (cd "$PEERS/bench" && npm install --no-audit --no-fund --loglevel=error)
  fi
  # The peer's instrument with one change, for a phone's screen: its device pixel ratio (the
  # instrument has a viewport and a CPU slow-down, but draws every page at a ratio of 1).
  sed 's/viewport: { width: vw, height: vh } }/viewport: { width: vw, height: vh }, deviceScaleFactor: Number(process.env.DPR || 1) }/' \
    "$PEERS/bench/measure.mjs" > "$PEERS/bench/measure-phone.mjs"
  grep -q deviceScaleFactor "$PEERS/bench/measure-phone.mjs" || { echo "measure-phone.mjs: the peer's newContext call was not found" >&2; exit 1; }
fi

echo "== Transfer"
node scripts/bench/transfer.mjs "$SITE" "$PEERS"

if [[ -z $PEERS ]]; then
  echo "No peer at $PEERS_SRC: the browser figures need its measuring script (bench/measure.mjs)."
else
  MEASURE="node $PEERS/bench/measure.mjs"
  node scripts/serve.mjs --root "$SITE" --port 8801 --gzip >/dev/null & OURS_PID=$!
  node "$PEERS/bench/serve.mjs" --root "$PEERS" --port 8802 >/dev/null & PEER_PID=$!
  trap 'kill $OURS_PID $PEER_PID 2>/dev/null' EXIT INT TERM
  sleep 1
  U=http://127.0.0.1:8801
  P=http://127.0.0.1:8802
  R=$OUT/results && mkdir -p "$R"

  echo; echo "== Start-up: d3 peer (A) against tripmap (B), alternating; B/A is ours / peer"
  $MEASURE --url $P/d3/index.html --compare $U/index.html --selector-b trip-map --runs "$RUNS" --json $R/startup-peer.json
  node scripts/bench/pairs.mjs $R/startup-peer.json
  echo; echo "== Start-up on a phone (375 x 800): d3 peer (A) against tripmap (B), alternating; B/A is"
  echo "   ours / peer. transferKB is what each downloads there (tripmap lays its map out anew"
  echo "   for the phone, with the fallback's land: no basemap)"
  $MEASURE --url $P/d3/index.html --compare $U/index.html --selector-b trip-map --runs "$RUNS" --viewport 375x800 --json $R/startup-phone-peer.json
  node scripts/bench/pairs.mjs $R/startup-phone-peer.json
  echo; echo "== Start-up, control: tripmap (A) against itself (B). Nothing differs between them, so"
  echo "   the spread of B/A is this run's noise: a ratio elsewhere that falls inside it says nothing"
  $MEASURE --url $U/index.html --selector trip-map --compare $U/index.html --selector-b trip-map --runs "$RUNS" --json $R/startup-control.json
  node scripts/bench/pairs.mjs $R/startup-control.json
  echo; echo "== First paint: static floor (A) against tripmap (B); B/A is ours / floor"
  $MEASURE --url $P/static/index.html --ready-event load --compare $U/index.html --ready-event-b ready --runs "$RUNS" --json $R/startup-floor.json
  node scripts/bench/pairs.mjs $R/startup-floor.json fcpMs
  echo; echo "== The map on screen (screencast frames): static floor (A) against tripmap (B); B/A is ours / floor"
  node scripts/bench/mappaint.mjs "$RUNS" $P/static/index.html svg $U/index.html trip-map
  echo; echo "== A map below the first screen, before the reader scrolls to it: eager (the demo's"
  echo "   tag) against loading=\"lazy\" (and no preload hints), 30 paragraphs of article before it"
  node scripts/bench/below.mjs "$SITE" $U "$RUNS"
  echo; echo "== Opening a trip from the list, the 12 real trips: d3 peer against tripmap, alternating"
  node scripts/bench/click.mjs "$RUNS" $P/d3/index.html $U/index.html
  echo; echo "== Opening a trip from the list, 1,000 synthetic trips: d3 peer against tripmap, alternating"
  node scripts/bench/click.mjs "$(( (RUNS + 1) / 2 ))" $P/d3/synth-1000.html $U/synth-1000.html

  echo; echo "== Start-up's long tasks, the 12 real trips: d3 peer against tripmap, alternating"
  node scripts/bench/tasks.mjs "$(( (RUNS + 1) / 2 ))" $P/d3/index.html $U/index.html
  echo; echo "== Start-up's long tasks, 1,000 synthetic trips: d3 peer against tripmap, alternating"
  node scripts/bench/tasks.mjs "$(( (RUNS + 1) / 2 ))" $P/d3/synth-1000.html $U/synth-1000.html

  echo; echo "== Play at 1x, 12 s, the 12 real trips: tripmap, then the d3 peer"
  $MEASURE --url $U/bench-12s.html --selector trip-map --play --runs "$PLAY_RUNS" --json $R/play-ours.json
  $MEASURE --url $P/d3/index.html --play --runs "$PLAY_RUNS" --json $R/play-peer.json

  for N in 10 100 1000; do
    echo; echo "== Scale: $N synthetic trips, tripmap then the d3 peer"
    $MEASURE --url $U/synth-$N.html --selector trip-map --play --runs "$PLAY_RUNS" --json $R/synth-$N-ours.json
    $MEASURE --url $P/d3/synth-$N.html --play --runs "$PLAY_RUNS" --json $R/synth-$N-peer.json
  done
  echo; echo "== Start-up at 1,000 synthetic trips: d3 peer (A) against tripmap (B), alternating; B/A is ours / peer"
  $MEASURE --url $P/d3/synth-1000.html --compare $U/synth-1000.html --selector-b trip-map --runs "$RUNS" --json $R/startup-1000-peer.json
  node scripts/bench/pairs.mjs $R/startup-1000-peer.json
  echo; echo "== The map on screen at 1,000 trips (screencast frames): d3 peer (A) against tripmap (B). \`ready\`"
  echo "   and the frame after it are not when the map is seen: this browser rasters a large map in software"
  MAPPAINT_WAIT_MS=4000 node scripts/bench/mappaint.mjs "$(( (RUNS + 1) / 2 ))" $P/d3/synth-1000.html .tripmap-map $U/synth-1000.html trip-map
  echo; echo "== The same at a phone's device pixel ratio (3; the same viewport and CPU): nine times the pixels to raster"
  MAPPAINT_DPR=3 MAPPAINT_WAIT_MS=4000 node scripts/bench/mappaint.mjs "$(( (RUNS + 3) / 4 ))" $P/d3/synth-1000.html .tripmap-map $U/synth-1000.html trip-map
  echo; echo "== Scale: 10,000 synthetic trips (load only), tripmap"
  $MEASURE --url $U/synth-10000.html --selector trip-map --runs 3 --timeout 120 --json $R/synth-10000-ours.json

  echo; echo "== A slow phone: 375 x 800, device pixel ratio 3, the CPU slowed 4x (about a mid-range"
  echo "   phone's speed against this machine's). Start-up: d3 peer (A) against tripmap (B), alternating,"
  echo "   half as many pairs; B/A is ours / peer"
  PHONE="env DPR=3 node $PEERS/bench/measure-phone.mjs --viewport 375x800 --cpu-throttle 4 --timeout 120"
  $PHONE --url $P/d3/index.html --compare $U/index.html --selector-b trip-map --runs "$(( (RUNS + 1) / 2 ))" --json $R/slow-phone-startup-peer.json
  node scripts/bench/pairs.mjs $R/slow-phone-startup-peer.json
  echo; echo "== A slow phone, play at 1x of 1,000 synthetic trips: tripmap, then the d3 peer"
  $PHONE --url $U/synth-1000.html --selector trip-map --play --runs "$PLAY_RUNS" --json $R/slow-phone-1000-ours.json
  $PHONE --url $P/d3/synth-1000.html --play --runs "$PLAY_RUNS" --json $R/slow-phone-1000-peer.json

  echo; echo "== Memory once ready"
  node scripts/bench/memory.mjs --json $R/memory.json $U/index.html $U/synth-10.html $U/synth-100.html $U/synth-1000.html $U/synth-10000.html \
    --peer $P/d3/index.html $P/d3/synth-10.html $P/d3/synth-100.html $P/d3/synth-1000.html

  echo; echo "== Growth with the trip count"
  node scripts/bench/growth.mjs "$R"
fi

echo; echo "== Native hot paths (criterion, medians)"
# Criterion prints long names on a line of their own: join each time to its name.
# A target dir of its own: the cdylib + rlib library shares output file names between the
# release build above and the bench profile (cargo issue 6313), which can break the link.
TRIPMAP_BENCH_SYNTH=$SITE/synth-1000.geojson CARGO_TARGET_DIR=target/criterion-build cargo bench --bench core -- --noplot 2>&1 | grep -v '^Benchmarking' \
  | awk '/time:/ { if ($0 ~ /^ /) printf "%-34s%s\n", name, $0; else print; next } NF { name = $0 }'
exit
}
