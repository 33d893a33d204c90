// A map below the first screen, before the reader scrolls to it: the demo page with thirty
// paragraphs of article before the map, as it is (A) and with `loading="lazy"` on the element and
// without the preload hints for the widget's stylesheet and wasm (B). Alternating fresh loads; for each, what the page downloads
// and the main thread's work in the 2 s after its load event, then medians and their ratio.
// usage: node scripts/bench/below.mjs SITE_DIR BASE_URL RUNS   (writes below-*.html into SITE_DIR)
import { readFileSync, writeFileSync } from "node:fs";
import { launchChromium } from "./browser.mjs";
import { median } from "./median.mjs";

const [site, base, runsArg] = process.argv.slice(2);
const runs = Number(runsArg) || 20;

const TAG = '<trip-map id="kim-trips">';
const PRELOADS = [
  '<link rel="preload" href="trip-map.css" as="style">',
  '<link rel="preload" href="tripmap_bg.wasm" as="fetch" crossorigin>',
];
const demo = readFileSync(`${site}/index.html`, "utf8");
if (![TAG, ...PRELOADS].every((s) => demo.includes(s))) {
  console.error("below.mjs: the demo page's <trip-map> tag or preload hints were not found");
  process.exit(1);
}
const sentence = "The article goes on for several screens before the map: reporting, quotes and context. ";
const article = `<p>${sentence.repeat(4)}</p>\n`.repeat(30);
const pages = {
  eager: demo.replace(TAG, article + TAG),
  lazy: PRELOADS.reduce((html, hint) => html.replace(hint, ""), demo)
    .replace(TAG, article + '<trip-map id="kim-trips" loading="lazy">'),
};
for (const [name, html] of Object.entries(pages)) writeFileSync(`${site}/below-${name}.html`, html);

const browser = await launchChromium();
const results = { eager: [], lazy: [] };
for (let run = 0; run < runs; run++) {
  for (const name of Object.keys(pages)) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Performance.enable");
    let bytes = 0;
    cdp.on("Network.loadingFinished", (e) => { bytes += e.encodedDataLength; });
    await page.goto(`${base}/below-${name}.html`, { waitUntil: "load" });
    await page.waitForTimeout(2000);
    const metrics = Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
    const timing = await page.evaluate(() => ({
      fcpMs: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
      loadMs: performance.getEntriesByType("navigation")[0].loadEventStart,
      built: document.querySelector("trip-map").hasAttribute("data-ready") ? 1 : 0,
    }));
    results[name].push({
      transferKB: bytes / 1000,
      fcpMs: timing.fcpMs,
      loadMs: timing.loadMs,
      taskMs: metrics.TaskDuration * 1000,
      scriptMs: metrics.ScriptDuration * 1000,
      built: timing.built,
    });
    await context.close();
  }
}
await browser.close();

console.log(`${runs} loads of each, alternating, 1280x1400; figures 2 s after the load event`);
console.log(`${"metric".padEnd(12)}${"eager".padStart(10)}${"lazy".padStart(10)}${"lazy/eager".padStart(12)}`);
for (const key of ["transferKB", "fcpMs", "loadMs", "taskMs", "scriptMs", "built"]) {
  const a = median(results.eager.map((r) => r[key]));
  const b = median(results.lazy.map((r) => r[key]));
  const digits = key === "transferKB" ? 1 : 0;
  console.log(`${key.padEnd(12)}${a.toFixed(digits).padStart(10)}${b.toFixed(digits).padStart(10)}${(a ? b / a : NaN).toFixed(2).padStart(12)}`);
}
console.log("(built: 1 when the map was built without the reader scrolling to it)");
