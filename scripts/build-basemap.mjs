// Builds data/basemap.topo.json: Natural Earth 1:50m countries (world-atlas 2.0.2, which carries
// Natural Earth 4.1.0, public domain), clipped to the region the trips need, simplified only as
// far as it still looks right on a 1200 px wide map, and quantized.
// usage: node scripts/build-basemap.mjs [out.topo.json]
import mapshaper from "mapshaper";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const output = process.argv[2] ?? fileURLToPath(new URL("../data/basemap.topo.json", import.meta.url));
const input = createRequire(import.meta.url).resolve("world-atlas/countries-50m.json");

// Singapore (1 N) to the Amur (53 N), Hanoi (106 E) to Komsomolsk (137 E), plus what the fitted
// map shows around them: its corners reach about 81 E 46 N and 148 E 52 N.
const BBOX = "78,-6,152,58";
// 1200 px across about 5,000 km is about 4 km a pixel: a 7 km interval removes no detail
// larger than two pixels.
const INTERVAL_M = 7000;

await mapshaper.runCommands([
  `-i "${input}"`,
  "-drop target=land",
  `-clip bbox=${BBOX}`,
  `-simplify interval=${INTERVAL_M} keep-shapes`,
  "-filter-fields name",
  `-o "${output}" format=topojson quantization=10000 precision=0.0001`,
].join(" "));

// Name the collection by what it holds, and record provenance inside the file.
const topo = JSON.parse(readFileSync(output, "utf8"));
topo.metadata = {
  source: "Natural Earth 1:50m admin 0 countries, v4.1.0 (public domain), via the npm package world-atlas 2.0.2",
  clip_bbox_deg: BBOX.split(",").map(Number),
  simplify_interval_m: INTERVAL_M,
  command: "npm run basemap",
};
writeFileSync(output, JSON.stringify(topo));
console.log(`${output}: ${statSync(output).size} bytes`);
