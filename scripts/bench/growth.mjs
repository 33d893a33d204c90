// Reads the scale results and says how each figure grows with the trip count.
// usage: node scripts/bench/growth.mjs RESULTS_DIR
import { existsSync, readFileSync } from "node:fs";

const dir = process.argv[2];
const load = (name) => (existsSync(`${dir}/${name}.json`) ? JSON.parse(readFileSync(`${dir}/${name}.json`, "utf8")).summary : null);
const metrics = ["readyMs", "scriptMsPerFrame", "frameGapP95Ms", "heapMB", "longTasks", "loafs"];
for (const who of ["ours", "peer"]) {
  const rows = [10, 100, 1000, 10000].map((n) => [n, load(`synth-${n}-${who}`)]).filter(([, s]) => s);
  if (rows.length < 2) continue;
  console.log(`\n${who === "ours" ? "tripmap" : "d3 peer"}`);
  console.log(["trips", ...metrics].map((m) => m.padStart(16)).join(""));
  for (const [n, s] of rows) console.log([n, ...metrics.map((m) => s[m]?.median)].map((v) => String(typeof v === "number" ? +v.toFixed(2) : v ?? "-").padStart(16)).join(""));
  const [n0, s0] = rows[0];
  const [n1, s1] = rows.at(-1);
  const per = (m) => ((s1[m]?.median - s0[m]?.median) / (n1 - n0)) * 100;
  console.log(`growth from ${n0} to ${n1} trips: ready +${per("readyMs").toFixed(1)} ms, heap +${per("heapMB").toFixed(2)} MB, script/frame ${per("scriptMsPerFrame") >= 0 ? "+" : ""}${per("scriptMsPerFrame").toFixed(3)} ms per 100 trips`);
}
