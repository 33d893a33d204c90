// The size budget: what a reader downloads for the demo widget (gzip -9), taken from the
// requests the demo page really makes, not from a list kept by hand.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { gzipSize as gzip } from "../../scripts/sizes.mjs";
import { generate } from "../../scripts/bench/synth-trips.mjs";

/// Most bytes (gzip -9) the widget may cost a page: its script (with the wasm-bindgen glue),
/// wasm, stylesheet, any data or basemap it fetches, and the no-JavaScript fallback it puts in
/// the page (with the trips written after it).
///
/// The performance issue asks for 45 KB at most (30 KB as the goal). The widget is not there
/// yet: its wasm alone is about 45 KB (docs/performance.md says why and what comes next). Until
/// it is, this is a ratchet just above the size measured when it was set, so that any growth
/// fails the tests; lower it with every saving. It was 73 KiB (74,550 B measured) until the
/// twentieth round, when the fallback's land began to serve the widget at every width: 2.5 KB
/// more on a desktop (77,089 B), but a phone's reader, who also downloaded the 12.6 KB
/// basemap before, now downloads the same 77,089 B instead of 87,108. Both are checked. It was
/// 75.5 KiB (77,057 B measured) until the twenty-third round, when the core began to read the
/// trips while they download: 2.1 KB more, for a start-up at 1,000 trips about 7% sooner here
/// and the reading hidden behind a slow network (docs/performance.md, that round's rows). It was
/// 77.5 KiB (79,340 B measured) until the twenty-fifth round, when the wasm-bindgen glue's
/// loader was replaced by the one way the shell starts the core (scripts/minify.mjs): 419 B less.
/// It was 77.1 KiB (78,921 B measured) until the twenty-sixth round, when the shell began to lay
/// out the first trip's details ahead, unseen, once the page is idle (#warmDetails): 111 B more,
/// for a first trip opened whose handlers take half the time they did. It was 77.2 KiB
/// (79,035 B measured) until the twenty-ninth round, when the wasm's import and export names
/// were shortened and the glue renamed to match (scripts/wasm-opt.sh, scripts/minify.mjs):
/// 589 B less. It was 76.7 KiB (78,476 B measured) until the thirtieth round, when start-up
/// began to end its task between a large map's layout and its SVG's parse (breathe): 96 B more,
/// for a longest task before `ready` at 1,000 trips of about half what it was. It was 76.8 KiB
/// (78,572 B measured) until the same round, when the core began to lay a map out in parts
/// (TripLoader.layOut), its task ended between them: 527 B more, for start-up at 1,000 trips
/// with no long task before `ready` in most loads here. It was 77.3 KiB (79,109 B measured)
/// until the same round's review folded the layout's last step into the call that gives the map
/// (one export less): 147 B less.
const BUDGET = 77.2 * 1024;
const ISSUE_LIMIT = 45 * 1024;

/// Most wasm memory, in MB (2^20 bytes), the widget may hold once ready with the scale
/// benchmarks' 1,000 synthetic trips. Wasm memory never shrinks: what start-up needed at its
/// peak stays the page's for as long as the widget lives. Measured at 18.0 MB in the eighteenth
/// round (29.3 before; the JS heap adds about 3 MB). A ratchet a little above that, so that
/// any growth fails. The d3 peer, in `make bench`, holds 13.2 MB of JS heap there after a
/// garbage collection (22.7 MB at ready before one, as its own instrument reads it).
const MEMORY_BUDGET_MB = 19;
const PEER_HEAP_MB = 13.2;

/// Files of the article page itself, not of the widget.
const PAGE_FILES = new Set(["/index.html", "/article.css", "/favicon.svg"]);

const dist = (path) => readFileSync(new URL(`../../dist${path}`, import.meta.url));

for (const [who, viewport] of [["on a desktop", { width: 1280, height: 900 }], ["on a phone", { width: 375, height: 800 }]]) {
  test(`the demo widget's transfer stays within the size budget ${who}`, async ({ page }) => {
    const paths = new Set();
    page.on("request", (r) => {
      const url = new URL(r.url());
      if (url.port === "8765") paths.add(url.pathname === "/" ? "/index.html" : url.pathname);
    });
    await page.setViewportSize(viewport);
    await page.goto("/index.html");
    await page.locator("trip-map[data-ready]").waitFor();
    await page.waitForLoadState("networkidle");

    const rows = [...paths].filter((p) => !PAGE_FILES.has(p)).sort()
      .map((p) => [p.slice(1), gzip(dist(p))]);
    rows.push(["(fallback in the page)", gzip(dist("/fallback.html"))]);
    const total = rows.reduce((sum, [, bytes]) => sum + bytes, 0);
    const page_ = [...paths].filter((p) => PAGE_FILES.has(p)).reduce((sum, p) => sum + gzip(dist(p)), 0);
    console.log([
      `widget transfer ${who} (${viewport.width} px), gzip -9 bytes:`,
      ...rows.map(([name, bytes]) => `  ${name.padEnd(26)}${String(bytes).padStart(8)}`),
      `  ${"total".padEnd(26)}${String(total).padStart(8)}  (budget ${BUDGET}, issue limit ${ISSUE_LIMIT})`,
      `  whole demo page: ${page_ + total - gzip(dist("/fallback.html"))} (the article page carries the fallback)`,
    ].join("\n"));

    // What a reader of the demo needs, and nothing more: no basemap (the fallback's land is
    // drawn again for the phone's layout too) and no data file (the trips follow the fallback
    // in the page).
    expect(rows.map(([name]) => name)).toEqual(expect.arrayContaining(["trip-map.js", "tripmap_bg.wasm"]));
    expect(paths.has("/basemap.topo.json")).toBe(false);
    expect(paths.has("/trips.geojson")).toBe(false);
    expect(total).toBeLessThanOrEqual(BUDGET);
  });
}

test("a thousand trips fit in the memory budget", async ({ page }) => {
  const body = JSON.stringify(generate(1000));
  await page.route("**/test/synth-1000.geojson", (route) => route.fulfill({ contentType: "application/geo+json", body }));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/test/blank.html");
  await page.evaluate(() => {
    const el = document.createElement("trip-map");
    el.setAttribute("src", "/test/synth-1000.geojson");
    document.querySelector("#slot").append(el);
  });
  const map = page.locator("trip-map");
  await expect(map).toHaveAttribute("data-ready", "", { timeout: 30_000 });
  await expect(map.getByRole("heading", { name: "1000 trips" })).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const heapMb = (await cdp.send("Runtime.getHeapUsage")).usedSize / 2 ** 20;
  const wasmMb = (await page.evaluate(async () => (await import("/trip-map.js")).wasmMemoryBytes())) / 2 ** 20;
  console.log(`memory once ready, 1,000 synthetic trips: wasm ${wasmMb.toFixed(1)} MB (budget ${MEMORY_BUDGET_MB}), ` +
    `JS heap ${heapMb.toFixed(1)} MB, together ${(wasmMb + heapMb).toFixed(1)} MB (the d3 peer's JS heap, collected: ${PEER_HEAP_MB} MB)`);
  expect(wasmMb).toBeGreaterThan(0);
  expect(wasmMb).toBeLessThanOrEqual(MEMORY_BUDGET_MB);
});
