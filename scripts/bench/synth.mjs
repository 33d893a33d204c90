// Writes the synthetic trip sets of the scale benchmarks (synth-trips.mjs) as files.
// usage: node scripts/bench/synth.mjs OUT_DIR N [N ...]
import { mkdirSync, writeFileSync } from "node:fs";
import { generate } from "./synth-trips.mjs";

const [outDir, ...sizes] = process.argv.slice(2);
if (!outDir || sizes.length === 0) throw new Error("usage: node scripts/bench/synth.mjs OUT_DIR N [N ...]");

mkdirSync(outDir, { recursive: true });
for (const n of sizes.map(Number)) {
  const path = `${outDir}/synth-${n}.geojson`;
  writeFileSync(path, JSON.stringify(generate(n)));
  console.log(`wrote ${path}`);
}
