// Bad data, hostile data, network faults, failed downloads, and a clean lifecycle.
import { test, expect } from "@playwright/test";
import { existsSync, readFileSync } from "node:fs";
import { generate } from "../../scripts/bench/synth-trips.mjs";

const BASE = "http://127.0.0.1:8765";
const index = JSON.parse(readFileSync(new URL("../fixtures/bad/expected.json", import.meta.url), "utf8"));
const generatedDir = new URL("../fixtures/bad/generated/", import.meta.url);

/// A page with nothing but the module, a button of its own and a paragraph after the widgets.
async function blankPage(page) {
  await page.goto(`${BASE}/test/blank.html`);
  await page.waitForFunction(() => customElements.get("trip-map"));
}

/// Mounts a widget for `src`, waits for ready or error, reports what the reader sees.
function mount(page, src, attrs = {}) {
  return page.evaluate(async ({ src, attrs }) => {
    const el = document.createElement("trip-map");
    el.setAttribute("src", src);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    const outcome = new Promise((resolve) => {
      el.addEventListener("ready", () => resolve({ ready: true }), { once: true });
      el.addEventListener("error", (e) => resolve({ error: e.detail.message }), { once: true });
    });
    document.querySelector("#slot").append(el);
    const result = await outcome;
    const status = el.shadowRoot.querySelector(".status");
    return {
      ...result,
      shown: status.hidden ? "" : status.textContent,
      statusVisible: status.getBoundingClientRect().height > 0,
      retry: Boolean(el.shadowRoot.querySelector(".status .retry")),
      drawn: el.shadowRoot.querySelectorAll(".frame .tm-trip").length,
    };
  }, { src, attrs });
}

let errors;
test.beforeEach(async ({ page }) => {
  errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    // Failed loads the test provokes on purpose are logged by the browser; anything else is not.
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
});

test("every file of the bad-data corpus gives a visible, specific message and leaves the page working", async ({ page }) => {
  test.setTimeout(120_000);
  await blankPage(page);
  const files = Object.entries(index.files);
  expect(files.length).toBeGreaterThanOrEqual(40);
  const large = Object.entries(index.generated).filter(([name]) => existsSync(new URL(name, generatedDir)));
  for (const [name, spec] of [...files, ...large.map(([n, e]) => [`generated/${n}`, { expect: e }])]) {
    const result = await mount(page, `${BASE}/fixtures/bad/${name}`);
    if (spec.ok) {
      expect(result.ready, name).toBe(true);
      continue;
    }
    if (spec.partial) {
      // One bad trip among good ones: drawn, with a warning naming the trip that was left out.
      expect(result.ready, name).toBe(true);
      expect(result.drawn, name).toBeGreaterThan(0);
    } else {
      expect(result.error, `${name} should fail`).toBeTruthy();
      expect(result.retry, name).toBe(true);
    }
    expect(result.statusVisible, `${name}: the message is on screen`).toBe(true);
    for (const words of spec.expect) expect(result.shown, name).toContain(words);
    await page.evaluate(() => document.querySelector("#slot").replaceChildren());
  }
  // The page around the widgets still works.
  await page.getByRole("button", { name: "Page button" }).click();
  await expect(page.locator("#clicks")).toHaveText("1");
  expect(errors).toEqual([]);
});

test("hostile strings never run and never render as markup", async ({ page }) => {
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await blankPage(page);
  const result = await mount(page, `${BASE}/fixtures/hostile.geojson`);
  expect(result.ready).toBe(true);
  const map = page.locator("trip-map");
  // Open every detail panel, hover the map, play: every string is shown somewhere.
  for (const button of await map.locator(".list button").all()) await button.click();
  await map.evaluate((el) => { el.playbackRate = 8; el.play(); });
  await page.waitForTimeout(500);
  await map.evaluate((el) => el.select(el.trips[0].id));
  const details = map.locator('[role="region"][aria-label="Trip details"]');
  await expect(details.locator("h3")).toHaveText(`<img src="http://127.0.0.1:9/img" onerror="alert('title')">Title`);
  // Only the https source is a link.
  const hrefs = await details.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(hrefs).toEqual(["https://example.org/real"]);
  await expect(details.locator(".sources")).toContainText("<img src=x onerror=alert('source')>");
  // No element came from the data: no img, script, iframe, style or b in the widget.
  const injected = await map.evaluate((el) => el.shadowRoot.querySelectorAll("img, script, iframe, style, b, foreignObject").length);
  expect(injected).toBe(0);
  const label = await map.locator(".frame .tm-label").first().textContent();
  expect(label).toContain("<script>");
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  // Every request went to the widget's own host, for its own files.
  const unexpected = requests.filter((u) => !u.startsWith(`${BASE}/`));
  expect(unexpected).toEqual([]);
  expect(errors).toEqual([]);
});

for (const [fault, words] of [
  ["404", "the server answered 404"],
  ["500", "the server answered 500"],
  ["html", "is not JSON: the server sent text/html"],
  ["truncated", "is not valid JSON"],
  ["slow", "took more than 1 s to arrive"],
]) {
  test(`when the data fails to arrive (${fault}), the widget says so and offers Retry`, async ({ page }) => {
    await blankPage(page);
    const result = await mount(page, `${BASE}/__fault/${fault}`, { timeout: "1" });
    expect(result.error).toContain(words);
    expect(result.shown).toContain(words);
    expect(result.retry).toBe(true);
    expect(errors).toEqual([]);
  });
}

test("trips that arrive slowly, in small pieces, are drawn as they would be if they came at once", async ({ page }) => {
  await blankPage(page);
  const slow = await mount(page, `${BASE}/__fault/trickle`);
  const fast = await mount(page, `${BASE}/__fault/trickle?whole`);
  expect(slow.ready && fast.ready).toBe(true);
  expect(slow.drawn).toBe(12);
  const maps = page.locator("trip-map");
  const read = (i) => maps.nth(i).evaluate((el) => ({
    list: [...el.shadowRoot.querySelectorAll(".list .trip")].map((b) => b.textContent),
    legs: [...el.shadowRoot.querySelectorAll(".frame .tm-leg")].map((p) => p.getAttribute("d")),
  }));
  const [a, b] = [await read(0), await read(1)];
  expect(a.list).toHaveLength(12);
  expect(a).toEqual(b);
  expect(errors).toEqual([]);
});

test("a file that breaks after its first trips have been read says where, as it does when it comes at once", async ({ page }) => {
  await blankPage(page);
  const slow = await mount(page, `${BASE}/__fault/trickle?broken`);
  const fast = await mount(page, `${BASE}/__fault/trickle?broken&whole`);
  expect(slow.error).toMatch(/is not valid JSON.*line \d+, column \d+/);
  expect(slow.shown).toBe(fast.shown);
  expect(slow.error).toBe(fast.error);
  expect(errors).toEqual([]);
});

test("Retry loads the map once the data arrives", async ({ page }) => {
  await blankPage(page);
  const key = `k${Date.now()}`;
  const first = await mount(page, `${BASE}/__fault/flaky?key=${key}`);
  expect(first.error).toContain("503");
  const map = page.locator("trip-map");
  const ready = map.evaluate((el) => new Promise((r) => el.addEventListener("ready", r, { once: true })));
  await map.getByRole("button", { name: "Retry" }).click();
  await ready;
  await expect(map.locator(".frame .tm-trip")).toHaveCount(12);
  await expect(map.locator(".status")).toBeHidden();
  expect(errors).toEqual([]);
});

for (const [what, pattern] of [["wasm", "**/tripmap_bg.wasm"], ["basemap", "**/basemap.topo.json"]]) {
  test(`when the ${what} fails to load, the static map stays and the error is reported`, async ({ page }) => {
    await page.route(pattern, (route) => route.fulfill({ status: 404, body: "gone" }));
    if (what === "basemap") {
      // The demo's fallback gives the map its land at every width: a fallback that does not
      // say where its land was drawn (an older one) needs the basemap on a phone.
      await page.route("**/index.html", async (route) => {
        const response = await route.fetch();
        route.fulfill({ response, body: (await response.text()).replace(/ data-land="[^"]*"/, "") });
      });
    }
    await page.setViewportSize({ width: 400, height: 800 });
    const messages = [];
    await page.exposeFunction("reportError", (m) => messages.push(m));
    await page.addInitScript(() => {
      addEventListener("error", (e) => e.target?.localName === "trip-map" && window.reportError(e.detail?.message), true);
    });
    await page.goto(`${BASE}/index.html`);
    await expect.poll(() => messages.length).toBeGreaterThan(0);
    const map = page.locator("trip-map");
    await expect(map.locator(".tm-fallback svg.tm-map")).toBeVisible();
    await expect(map.locator(".tm-fallback ol li")).toHaveCount(12);
    await expect(map.locator(".status")).toContainText("could not be drawn");
    expect(errors).toEqual([]);
  });
}

test("a server that sends the wasm as another type than application/wasm still gets a map", async ({ page }) => {
  // Many servers and CDNs know no wasm type: streaming instantiation refuses such a response,
  // and the widget reads the bytes whole instead.
  let served = 0;
  await page.route("**/tripmap_bg.wasm", async (route) => {
    const response = await route.fetch();
    served++;
    route.fulfill({ response, headers: { ...response.headers(), "content-type": "application/octet-stream" } });
  });
  await page.goto(`${BASE}/index.html`);
  const map = page.locator("trip-map");
  await expect(map).toHaveAttribute("data-ready", "");
  await expect(map.locator(".frame .tm-trip")).toHaveCount(12);
  await expect(map.locator(".status")).toBeHidden();
  expect(served).toBe(1);
  expect(errors).toEqual([]);
});

test("calls before ready and after removal are safe", async ({ page }) => {
  await blankPage(page);
  const outcome = await page.evaluate(async () => {
    const el = document.createElement("trip-map");
    const early = [el.paused, Number.isNaN(el.duration), el.currentTime, el.trips.length, el.selectedTrip];
    el.play(); el.pause(); el.select("x"); el.currentTime = 3; el.playbackRate = 2;
    el.setAttribute("src", "/trips.geojson");
    document.querySelector("#slot").append(el);
    el.play(); el.select("2018-06-singapore");
    await new Promise((r) => el.addEventListener("ready", r, { once: true }));
    const ready = el.trips.length;
    el.remove();
    el.play(); el.pause(); el.select("2018-06-singapore"); el.currentTime = 1; el.downloadSvg();
    return { early, ready, afterPaused: el.paused, afterTrips: el.trips.length };
  });
  expect(outcome.early).toEqual([true, true, 0, 0, null]);
  expect(outcome.ready).toBe(12);
  expect(outcome.afterPaused).toBe(true);
  expect(outcome.afterTrips).toBe(0);
  expect(errors).toEqual([]);
});

test("a widget removed while its trips download frees what the core had read of them", async ({ page }) => {
  test.setTimeout(120_000);
  await blankPage(page);
  // Each widget is removed a moment after its first pieces have gone to the core, while the
  // rest still trickles in (the file takes about 0.6 s to arrive whole).
  const cycle = (n) => page.evaluate(async ({ n, src }) => {
    for (let i = 0; i < n; i++) {
      const el = document.createElement("trip-map");
      el.setAttribute("src", src);
      document.querySelector("#slot").append(el);
      await new Promise((r) => setTimeout(r, 250));
      if (el.hasAttribute("data-ready")) throw new Error("ready before it was removed");
      el.remove();
    }
  }, { n, src: `${BASE}/__fault/trickle?big` });
  const wasmBytes = () => page.evaluate(async () => (await import("/trip-map.js")).wasmMemoryBytes());
  await cycle(4); // the core loaded, the allocator at its working size
  const before = await wasmBytes();
  expect(before).toBeGreaterThan(0);
  await cycle(40);
  expect(await wasmBytes()).toBe(before);
  // And a widget left to finish still draws the map.
  expect((await mount(page, `${BASE}/__fault/trickle`)).drawn).toBe(12);
  expect(errors).toEqual([]);
});

test("a large map's start-up pauses between its steps, and a widget removed in a pause frees its map and shows nothing", async ({ page }) => {
  test.setTimeout(120_000);
  // 1,000 trips, on a CPU slowed four times: the layout, then the SVG's parse, each take longer
  // than the step start-up runs before letting the page handle input and paint.
  const body = JSON.stringify(generate(1000));
  await page.route("**/test/synth-1000.geojson", (route) => route.fulfill({ contentType: "application/geo+json", body }));
  await blankPage(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  // A widget left alone: start-up ends its task at least once, and the map is whole at `ready`.
  const whole = await page.evaluate(() => new Promise((resolve) => {
    let pauses = 0;
    const own = scheduler.yield;
    scheduler.yield = function () { pauses++; return own.call(this); };
    const el = document.createElement("trip-map");
    el.setAttribute("src", "/test/synth-1000.geojson");
    el.addEventListener("ready", () => {
      scheduler.yield = own;
      resolve({ pauses, drawn: el.shadowRoot.querySelectorAll(".frame .tm-trip").length, trips: el.trips.length });
    }, { once: true });
    document.querySelector("#slot").append(el);
  }));
  expect(whole.pauses, "start-up ended its task between its steps").toBeGreaterThanOrEqual(1);
  expect(whole).toMatchObject({ drawn: 1000, trips: 1000 });
  // Widgets removed in start-up's first pause, after the layout: each frees its map (the wasm
  // memory stays as it was) and never draws it, fires `ready` or shows an error.
  const cycle = (n) => page.evaluate(async (n) => {
    const seen = [];
    for (let i = 0; i < n; i++) {
      const el = document.createElement("trip-map");
      el.setAttribute("src", "/test/synth-1000.geojson");
      const events = [];
      el.addEventListener("ready", () => events.push("ready"));
      el.addEventListener("error", () => events.push("error"));
      const own = scheduler.yield;
      const paused = new Promise((resolve) => {
        scheduler.yield = function () {
          scheduler.yield = own;
          el.remove();
          resolve();
          return own.call(this);
        };
      });
      document.querySelector("#slot").append(el);
      await paused;
      await new Promise((r) => setTimeout(r, 300));
      seen.push({ events, drawn: el.shadowRoot.querySelectorAll(".frame .tm-trip").length, failed: Boolean(el.shadowRoot.querySelector(".status.error")) });
    }
    return seen;
  }, n);
  const wasmBytes = () => page.evaluate(async () => (await import("/trip-map.js")).wasmMemoryBytes());
  await cycle(2); // the allocator at its working size for a map of 1,000 trips
  const before = await wasmBytes();
  const seen = await cycle(6);
  expect(await wasmBytes(), "each removed widget freed its map").toBe(before);
  expect(seen).toEqual(Array(6).fill({ events: [], drawn: 0, failed: false }));
  expect(errors).toEqual([]);
});

test("attaching and removing a widget 200 times grows neither wasm memory nor listeners", async ({ page }) => {
  test.setTimeout(180_000);
  await blankPage(page);
  const cdp = await page.context().newCDPSession(page);
  const cycle = (n) => page.evaluate(async (n) => {
    for (let i = 0; i < n; i++) {
      const el = document.createElement("trip-map");
      el.setAttribute("src", "/trips.geojson");
      const ready = new Promise((r) => el.addEventListener("ready", r, { once: true }));
      document.querySelector("#slot").append(el);
      await ready;
      el.play();
      el.remove();
    }
  }, n);
  const wasmBytes = () => page.evaluate(async () => (await import("/trip-map.js")).wasmMemoryBytes());
  const listeners = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    return (await cdp.send("Memory.getDOMCounters")).jsEventListeners;
  };
  await cycle(20); // warm up: the allocator reaches its working size
  const before = { wasm: await wasmBytes(), listeners: await listeners() };
  expect(before.wasm).toBeGreaterThan(0); // the hook reaches the page's own wasm instance
  await cycle(200);
  const after = { wasm: await wasmBytes(), listeners: await listeners() };
  console.log(`lifecycle: wasm memory ${before.wasm} -> ${after.wasm} bytes, listeners ${before.listeners} -> ${after.listeners}`);
  expect(after.wasm).toBe(before.wasm);
  // The element removed last can still be reachable for a moment on a busy machine (a task
  // of its own not yet run); a leak is what stays after that. Once seen in CI: 14 -> 29.
  await expect.poll(listeners, { timeout: 10_000 }).toBeLessThanOrEqual(before.listeners);
  expect(errors).toEqual([]);
});
