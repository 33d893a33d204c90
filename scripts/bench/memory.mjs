// Memory once the widget is ready: wasm linear memory and JS heap (after a garbage collection),
// for each page given; for the d3 peer's pages (after --peer), its JS heap, measured the same
// way, and beside the widget's page of the same name the two totals.
// With --json, the figures are also written to a file, which growth.mjs reads.
// usage: node scripts/bench/memory.mjs [--json OUT] URL [URL ...] [--peer URL [URL ...]]
import { writeFileSync } from "node:fs";
import { launchChromium } from "./browser.mjs";

const args = process.argv.slice(2);
const jsonAt = args.indexOf("--json");
const out = jsonAt < 0 ? null : args.splice(jsonAt, 2)[1];
const split = args.indexOf("--peer");
const ours = split < 0 ? args : args.slice(0, split);
const peers = split < 0 ? [] : args.slice(split + 1);
const name = (url) => url.split("/").pop();
const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;

const browser = await launchChromium();
async function measure(url, peer) {
  const page = await browser.newPage();
  // The peer says it is ready with a `ready` event on its window (its bench/measure.mjs waits
  // for the same).
  if (peer) await page.addInitScript(() => addEventListener("ready", () => { window.__ready = true; }, true));
  await page.goto(url);
  if (peer) await page.waitForFunction(() => window.__ready === true, null, { timeout: 120_000 });
  else await page.waitForSelector("trip-map[data-ready]", { timeout: 120_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const heap = (await cdp.send("Runtime.getHeapUsage")).usedSize;
  const wasm = peer ? 0 : await page.evaluate(async () => (await import("./trip-map.js")).wasmMemoryBytes());
  await page.close();
  return { heap, wasm };
}

const peerHeap = new Map();
for (const url of peers) {
  const { heap } = await measure(url, true);
  peerHeap.set(name(url), heap);
}
const record = { ours: {}, peer: Object.fromEntries([...peerHeap].map(([n, heap]) => [n, { heapMB: heap / 1048576 }])) };
for (const url of ours) {
  const { heap, wasm } = await measure(url, false);
  record.ours[name(url)] = { wasmMB: wasm / 1048576, heapMB: heap / 1048576 };
  const peer = peerHeap.get(name(url));
  const beside = peer === undefined ? "" : `   together ${mb(wasm + heap)}; the d3 peer's JS heap ${mb(peer)}`;
  console.log(`${name(url).padEnd(22)} wasm memory ${mb(wasm)}   JS heap ${mb(heap)}${beside}`);
}
await browser.close();
if (out) writeFileSync(out, JSON.stringify(record, null, 1) + "\n");
