// Gzip (-9) and brotli (q11) size of every file a reader downloads for the demo widget, ours
// beside the d3 peer's and the static floor's.
// usage: node scripts/bench/transfer.mjs SITE_DIR [PEERS_DIR]
import { existsSync } from "node:fs";
import { printTable, sizes as size } from "../sizes.mjs";

const [site, peers] = process.argv.slice(2);
const table = (title, root, files) => {
  console.log(`\n${title}`);
  return printTable(root, files);
};
// trip-map.js carries the wasm-bindgen glue (bundled in). The demo page carries the no-JS
// fallback and, after it, the trips (a data block), so it fetches no data file; it reuses the
// fallback's land (same layout key), so it does not fetch the basemap either. A page without the
// fallback, or a very different width, does.
const ours = table("tripmap (demo page, everything the reader downloads)", site, [
  "index.html", "article.css", "trip-map.js", "trip-map.css", "tripmap_bg.wasm",
]);
const trips = size(`${site}/trips.geojson`);
console.log(`not downloaded by the demo: trips.geojson ${trips.gz} B gzip (in the page instead; a widget with a src fetches it)`);
const basemap = size(`${site}/basemap.topo.json`);
console.log(`not downloaded by the demo: basemap.topo.json ${basemap.gz} B gzip (the fallback's land serves every layout, phones' too; fetched once per page by a widget with no fallback)`);
const wasm = size(`${site}/tripmap_bg.wasm`);
console.log(`\nwasm alone: ${wasm.gz} B gzip (goal 18,432)`);
if (peers && existsSync(`${peers}/d3/dist/tripmap.js`)) {
  const peer = table("d3 peer", peers, [
    "d3/index.html", "d3/article.css", "d3/dist/tripmap.css", "d3/dist/tripmap.js", "data/out/trips.geojson", "data/out/basemap.topo.json",
  ]);
  const floor = table("static floor", peers, ["static/index.html"]);
  console.log(`\nours / peer, gzip: ${(ours.gz / peer.gz).toFixed(2)}   ours / floor: ${(ours.gz / floor.gz).toFixed(2)}   (goal: total <= 30,720 B)`);
}
