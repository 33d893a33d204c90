// Start-up's long tasks, which the peer's instrument counts only during play: the d3 peer (A)
// against tripmap (B), alternating fresh loads. For each load, the Long Tasks API's entries from
// navigation to the `ready` event (the task that fires it included) give the longest task, the
// blocking time (what each task holds the main thread beyond 50 ms, summed: a click or a key in
// that time waits) and how many there are; then the longest task in the 1.5 s after `ready`, in
// which the browser lays out and paints the map it was given. Medians, and ours / peer.
// usage: node scripts/bench/tasks.mjs RUNS PEER_URL TRIPMAP_URL
import { launchChromium } from "./browser.mjs";
import { median } from "./median.mjs";

const [runsArg, peerUrl, oursUrl] = process.argv.slice(2);
const runs = Number(runsArg) || 10;
const AFTER_MS = 1500;

// Runs in the page before its scripts.
function probe() {
  const seen = (window.__tasks = { long: [], ready: null });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen.long.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
  addEventListener("ready", () => { seen.ready ??= performance.now(); }, true);
}

const browser = await launchChromium();
async function load(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  try {
    await context.addInitScript(probe);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await page.goto(url, { waitUntil: "load", timeout: 60000 });
    await page.waitForFunction(() => window.__tasks.ready !== null, null, { timeout: 60000 });
    await page.waitForTimeout(AFTER_MS);
    const { long, ready } = await page.evaluate(() => window.__tasks);
    const before = long.filter(([start]) => start < ready).map(([, ms]) => ms);
    const after = long.filter(([start]) => start >= ready && start < ready + AFTER_MS).map(([, ms]) => ms);
    return {
      longestMs: Math.max(0, ...before),
      blockingMs: before.reduce((sum, ms) => sum + ms - 50, 0),
      count: before.length,
      afterMs: Math.max(0, ...after),
    };
  } finally {
    await context.close();
  }
}

const results = { peer: [], tripmap: [] };
const urls = { peer: peerUrl, tripmap: oursUrl };
for (const url of Object.values(urls)) await load(url); // one warm-up load each, not counted
for (let run = 0; run < runs; run++) {
  for (const [side, url] of Object.entries(urls)) results[side].push(await load(url));
}
await browser.close();

console.log(`${runs} loads of each, alternating, 1280x1000; long tasks are those over 50 ms`);
console.log(`${"".padEnd(40)}${"peer".padStart(8)}${"tripmap".padStart(9)}${"ours/peer".padStart(11)}`);
for (const [key, label] of [
  ["longestMs", "longest task up to ready, ms"],
  ["blockingMs", "blocking time up to ready, ms"],
  ["count", "long tasks up to ready"],
  ["afterMs", "longest task in 1.5 s after ready, ms"],
]) {
  const a = median(results.peer.map((r) => r[key]));
  const b = median(results.tripmap.map((r) => r[key]));
  const ratio = a ? (b / a).toFixed(2) : "–";
  console.log(`${label.padEnd(40)}${a.toFixed(1).padStart(8)}${b.toFixed(1).padStart(9)}${ratio.padStart(11)}`);
}
