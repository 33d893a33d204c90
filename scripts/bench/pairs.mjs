// How sure a start-up ratio is: for A/B runs written by the peer's bench/measure.mjs (--json),
// the median of the per-pair ratios B/A and its 95% interval by bootstrap (the pairs resampled
// with replacement, 2,000 times, from a fixed seed so that the same file prints the same
// interval). On this shared machine one pair says little; the interval says which medians the
// run can tell apart: a goal of 0.75 outside it is missed or met, inside it is undecided.
//
// usage: node scripts/bench/pairs.mjs RESULT.json [METRIC ...]   (default: readyMs fcpMs)
import { readFileSync } from "node:fs";
import { median } from "./median.mjs";

const [file, ...asked] = process.argv.slice(2);
const metrics = asked.length ? asked : ["readyMs", "fcpMs"];
const { runs } = JSON.parse(readFileSync(file, "utf8"));

// mulberry32: a small seeded generator, so the interval is reproducible.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

for (const metric of metrics) {
  const ratios = runs.A.map((a, i) => runs.B[i]?.[metric] / a?.[metric]).filter(Number.isFinite);
  if (ratios.length < 2) {
    console.log(`${metric}: fewer than two pairs`);
    continue;
  }
  const next = random(20261129);
  const medians = Array.from({ length: 2000 }, () =>
    median(Array.from(ratios, () => ratios[Math.floor(next() * ratios.length)])),
  ).sort((a, b) => a - b);
  const [lo, hi] = [medians[49], medians[1949]];
  console.log(`${metric.padEnd(13)} B/A median ${median(ratios).toFixed(2)}, 95% interval ${lo.toFixed(2)}–${hi.toFixed(2)} (${ratios.length} pairs)`);
}
