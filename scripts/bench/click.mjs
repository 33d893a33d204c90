// Opening a trip from the list, as a reader does: the d3 peer (A) against tripmap (B), alternating
// fresh loads. In each load the 4th trip of the list is clicked, then the 8th; for each click the
// interaction's Event Timing entries give how long from the click to the next paint (their
// longest duration: what Interaction to Next Paint counts, to 8 ms) and how long its event
// handlers ran (their processing time, not rounded). Medians, and ours / peer.
// usage: node scripts/bench/click.mjs RUNS PEER_URL TRIPMAP_URL
import { launchChromium } from "./browser.mjs";
import { median } from "./median.mjs";

const [runsArg, peerUrl, oursUrl] = process.argv.slice(2);
const runs = Number(runsArg) || 20;
const sides = {
  peer: { url: peerUrl, ready: ".tripmap-list button", item: (n) => `.tripmap-list button[data-index="${n}"]` },
  tripmap: { url: oursUrl, ready: "trip-map[data-ready]", item: (n) => `trip-map >> button[data-trip="${n}"]` },
};
const ITEMS = [3, 7];

const browser = await launchChromium();
const results = { peer: [], tripmap: [] };
for (let run = 0; run < runs; run++) {
  for (const [name, side] of Object.entries(sides)) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    await page.goto(side.url);
    await page.waitForSelector(side.ready, { timeout: 60000 });
    await page.waitForTimeout(800); // start-up settled: the clicks are timed, not the load
    await page.evaluate(() => {
      window.__events = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.interactionId) window.__events.push([e.name, e.duration, e.processingEnd - e.processingStart]);
        }
      }).observe({ type: "event", durationThreshold: 0 });
    });
    const clicks = [];
    for (const n of ITEMS) {
      const button = page.locator(side.item(n));
      await button.scrollIntoViewIfNeeded();
      await page.waitForTimeout(200);
      await page.evaluate(() => (window.__events = []));
      await button.click();
      // An entry is reported once its frame is presented, which at 1,000 trips can take a while.
      // A click never reported is left out (and counted), rather than ending the whole bench.
      const reported = await page
        .waitForFunction(() => window.__events.some((e) => e[0] === "click"), null, { timeout: 10000 })
        .then(() => true, () => false);
      await page.waitForTimeout(100);
      const events = await page.evaluate(() => window.__events);
      clicks.push(reported ? {
        paintMs: Math.max(0, ...events.map((e) => e[1])),
        handlersMs: events.reduce((sum, e) => sum + e[2], 0),
      } : null);
    }
    results[name].push(clicks);
    await context.close();
  }
}
await browser.close();

console.log(`${runs} loads of each, alternating, 1280x1000; the list's 4th trip clicked, then its 8th`);
console.log(`${"click".padEnd(30)}${"peer".padStart(8)}${"tripmap".padStart(9)}${"ours/peer".padStart(11)}`);
const of = (side, k, key) => results[side].map((r) => r[k]?.[key]).filter((v) => v !== undefined);
ITEMS.forEach((_, k) => {
  for (const [key, label] of [["paintMs", "to next paint, ms"], ["handlersMs", "handlers, ms"]]) {
    const a = median(of("peer", k, key));
    const b = median(of("tripmap", k, key));
    const what = `${k ? "second" : "first"} trip: ${label}`;
    console.log(`${what.padEnd(30)}${a.toFixed(1).padStart(8)}${b.toFixed(1).padStart(9)}${(a ? b / a : NaN).toFixed(2).padStart(11)}`);
  }
});
const missing = Object.values(results).flat(2).filter((c) => c === null).length;
if (missing) console.log(`(${missing} clicks left out: no Event Timing entry within 10 s)`);
