// Reads the scale results and says how each figure grows with the trip count. heapMB is the JS
// heap at ready as the peer's instrument reads it; wasmMB and collectedMB (the JS heap after a
// garbage collection, plus the wasm memory) come from memory.mjs.
// usage: node scripts/bench/growth.mjs RESULTS_DIR
import { existsSync, readFileSync } from "node:fs";

const dir = process.argv[2];
const load = (name) => (existsSync(`${dir}/${name}.json`) ? JSON.parse(readFileSync(`${dir}/${name}.json`, "utf8")).summary : null);
// Memory once ready, from memory.mjs (after a garbage collection, the same way for both sides).
const memory = existsSync(`${dir}/memory.json`) ? JSON.parse(readFileSync(`${dir}/memory.json`, "utf8")) : null;
const metrics = ["readyMs", "scriptMsPerFrame", "frameGapP95Ms", "heapMB", "longTasks", "loafs", "wasmMB", "collectedMB"];
for (const who of ["ours", "peer"]) {
  const rows = [10, 100, 1000, 10000].map((n) => [n, load(`synth-${n}-${who}`)]).filter(([, s]) => s);
  for (const [n, s] of rows) {
    const m = memory?.[who]?.[`synth-${n}.html`];
    if (m?.wasmMB !== undefined) s.wasmMB = { median: m.wasmMB };
    if (m) s.collectedMB = { median: m.heapMB + (m.wasmMB ?? 0) };
  }
  if (rows.length < 2) continue;
  console.log(`\n${who === "ours" ? "tripmap" : "d3 peer"}`);
  console.log(["trips", ...metrics].map((m) => m.padStart(18)).join(""));
  for (const [n, s] of rows) console.log([n, ...metrics.map((m) => s[m]?.median)].map((v) => String(typeof v === "number" ? +v.toFixed(2) : v ?? "-").padStart(18)).join(""));
  // Each figure's growth over the sizes that have it (10,000 trips is measured loading only).
  const per = (m) => {
    const have = rows.filter(([, s]) => typeof s[m]?.median === "number");
    if (have.length < 2) return null;
    const [[n0, s0], [n1, s1]] = [have[0], have.at(-1)];
    return { value: ((s1[m].median - s0[m].median) / (n1 - n0)) * 100, span: `${n0}-${n1}` };
  };
  const say = (m, label, unit, digits) => {
    const g = per(m);
    return g ? `${label} ${g.value >= 0 ? "+" : ""}${g.value.toFixed(digits)} ${unit} (${g.span})` : `${label} -`;
  };
  const wasm = who === "ours" ? `, ${say("wasmMB", "wasm memory", "MB", 2)}` : "";
  console.log(`growth per 100 trips: ${say("readyMs", "ready", "ms", 1)}, ${say("heapMB", "heap", "MB", 2)}${wasm}, ` +
    `${say("collectedMB", "all memory once collected", "MB", 2)}, ${say("scriptMsPerFrame", "script/frame", "ms", 3)}, ${say("frameGapP95Ms", "frame gap p95", "ms", 1)}`);
}
