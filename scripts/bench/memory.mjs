// Wasm linear memory and JS heap once the widget is ready, for each page given.
// usage: node scripts/bench/memory.mjs URL [URL ...]
import { launchChromium } from "./browser.mjs";

const browser = await launchChromium();
for (const url of process.argv.slice(2)) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector("trip-map[data-ready]", { timeout: 120_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const heap = (await cdp.send("Runtime.getHeapUsage")).usedSize;
  const wasm = await page.evaluate(async () => (await import("./trip-map.js")).wasmMemoryBytes());
  console.log(`${url.split("/").pop().padEnd(22)} wasm memory ${(wasm / 1048576).toFixed(1)} MB   JS heap ${(heap / 1048576).toFixed(1)} MB`);
  await page.close();
}
await browser.close();
