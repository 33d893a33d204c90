// Embedding: another origin, strict CSP, three per page, the iframe, no JavaScript, deep links,
// autoplay on visibility, themes, print and export.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";

const WIDGET = "http://127.0.0.1:8765";
const OTHER_ORIGIN = "http://127.0.0.1:8766";
const STRICT = "http://127.0.0.1:8767";

let errors;
test.beforeEach(async ({ page }) => {
  errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
});

const ready = (map) => expect(map).toHaveAttribute("data-ready", "");
const live = (map) => map.locator(".frame");

test("the README snippet works on a page of another origin, and styles stay apart", async ({ page }) => {
  await page.goto(`${OTHER_ORIGIN}/host.html`);
  const map = page.locator("trip-map");
  await ready(map);
  await expect(live(map).locator(".tm-trip")).toHaveCount(12);
  // The page's button style does not reach the widget's buttons...
  const inside = await map.getByRole("button", { name: "Play" }).evaluate((b) => getComputedStyle(b).backgroundColor);
  expect(inside).not.toBe("rgb(255, 0, 0)");
  const spacing = await map.locator(".trip-title").first().evaluate((e) => getComputedStyle(e).letterSpacing);
  expect(spacing).toBe("normal");
  // ...and the widget's styles do not reach the page.
  const pageButton = await page.locator("#page-button").evaluate((b) => getComputedStyle(b).backgroundColor);
  expect(pageButton).toBe("rgb(255, 0, 0)");
  expect(errors).toEqual([]);
});

test("under exactly the strict CSP the widget works, with no violation", async ({ page }) => {
  const violations = [];
  await page.exposeFunction("reportViolation", (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(`${STRICT}/test/csp.html`);
  expect(response.headers()["content-security-policy"]).toBe(
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'");
  const map = page.locator("trip-map");
  await ready(map);
  await expect(live(map).locator(".tm-trip")).toHaveCount(12);
  // Interaction that positions things (tooltip, chooser, ticks) still works.
  await map.evaluate((el) => { el.playbackRate = 8; el.play(); });
  await page.waitForTimeout(400);
  await map.evaluate((el) => el.pause());
  await map.getByRole("button", { name: /Hanoi/ }).click();
  await expect(map.locator('[role="region"][aria-label="Trip details"]')).toBeVisible();
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});

test("the demo page itself also runs under the strict CSP", async ({ page }) => {
  await page.goto(`${STRICT}/index.html`);
  await ready(page.locator("trip-map"));
  expect(errors).toEqual([]);
});

test("a widget without src reads the trips written inside it, as text, and fetches no data", async ({ page }) => {
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`${STRICT}/test/blank.html`);
  // As tripmap-render writes the data block: every "<" in it as \u003c, so that a title
  // holding "</script>" cannot end it.
  const file = readFileSync(new URL("pages/two-trips.geojson", import.meta.url), "utf8")
    .replace('"To Tokyo"', '"To Tokyo </script><b>bold</b>"')
    .replaceAll("<", "\\u003c");
  await page.evaluate((json) => {
    document.querySelector("#slot").innerHTML =
      `<trip-map id="inline"><script type="application/geo+json">${json}</script></trip-map>`;
  }, file);
  const map = page.locator("#inline");
  await ready(map);
  await expect(live(map).locator(".tm-trip")).toHaveCount(2);
  await expect(map.locator(".trip-title").first()).toHaveText("To Tokyo </script><b>bold</b>");
  expect(await map.locator("b").count()).toBe(0);
  // No data file (the basemap is fetched: this page has no fallback whose land it could use).
  expect(fetched.filter((p) => p.endsWith(".geojson"))).toEqual([]);
  expect(errors).toEqual([]);
});

test("a widget defined before its trips are parsed waits for them", async ({ page }) => {
  await page.goto(`${WIDGET}/test/early.html`);
  const map = page.locator("#early");
  await ready(map);
  // The module was in while the parser still waited for the late script: the element was
  // upgraded, and connected, before its data block existed.
  expect(await page.evaluate(() => document.documentElement.dataset.definedWhile)).toBe("loading");
  await expect(live(map).locator(".tm-trip")).toHaveCount(2);
  expect(errors).toEqual([]);
});

test("a widget with neither src nor trips inside it says what it needs", async ({ page }) => {
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`${WIDGET}/test/blank.html`);
  await page.waitForFunction(() => customElements.get("trip-map"));
  await page.evaluate(() => document.querySelector("#slot").append(document.createElement("trip-map")));
  const status = page.locator("trip-map .status");
  await expect(status).toBeVisible();
  await expect(status).toContainText("No data: give <trip-map> a src attribute");
  await expect(status).toContainText('<script type="application/geo+json">');
  expect(fetched).not.toContain("/tripmap_bg.wasm"); // nothing to draw: nothing downloaded
  errors = errors.filter((e) => !e.includes("No data")); // the error event is also logged
  expect(errors).toEqual([]);
});

/// The page with a lazy map four screens down, loaded and settled; the paths it requested.
async function openLazy(page) {
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`${WIDGET}/test/lazy.html`);
  await page.waitForLoadState("networkidle");
  return { map: page.locator("#far"), fetched };
}

test("a lazy map far down the page downloads nothing until the reader scrolls near it", async ({ page }) => {
  const { map, fetched } = await openLazy(page);
  expect(fetched).not.toContain("/tripmap_bg.wasm");
  expect(fetched).not.toContain("/test/two-trips.geojson");
  expect(fetched).not.toContain("/trip-map.css");
  await expect(map).not.toHaveAttribute("data-ready", "");
  await expect(map.locator(".fallback-text")).toBeVisible();
  // Not built yet: no shadow DOM, and the element's API and attributes are safe to use.
  const waiting = await map.evaluate((el) => {
    el.setAttribute("theme", "dark");
    el.play(); el.pause(); el.select("busan"); el.currentTime = 2; el.playbackRate = 2; el.downloadSvg();
    return { shadow: el.shadowRoot !== null, paused: el.paused, selected: el.selectedTrip, trips: el.trips.length };
  });
  expect(waiting).toEqual({ shadow: false, paused: true, selected: null, trips: 0 });
  // Scrolled towards, it loads before it is in view: within a screen's height of it.
  await page.evaluate(() => {
    const top = document.querySelector("#far").getBoundingClientRect().top + scrollY;
    scrollTo(0, top - innerHeight * 1.5);
  });
  await ready(map);
  expect(await map.evaluate((el) => el.getBoundingClientRect().top > innerHeight)).toBe(true);
  await expect(live(map).locator(".tm-trip")).toHaveCount(2);
  expect(fetched.filter((p) => p === "/tripmap_bg.wasm")).toHaveLength(1);
  // The theme set while it waited applies, and the speed holds.
  expect(await map.evaluate((el) => el.shadowRoot.querySelector(".dark") !== null)).toBe(true);
  expect(await map.evaluate((el) => el.playbackRate)).toBe(2);
  expect(errors).toEqual([]);
});

test("a lazy map loads at once when it is no longer lazy, and a new src waits with it", async ({ page }) => {
  const { map, fetched } = await openLazy(page);
  await map.evaluate((el) => el.setAttribute("src", "/trips.geojson"));
  await page.waitForTimeout(300);
  expect(fetched).not.toContain("/trips.geojson");
  await map.evaluate((el) => el.removeAttribute("loading"));
  await ready(map);
  await expect(live(map).locator(".tm-trip")).toHaveCount(12);
  expect(fetched).not.toContain("/test/two-trips.geojson");
  expect(errors).toEqual([]);
});

test("a lazy map named by a deep link loads at once and opens the linked trip", async ({ page }) => {
  await page.goto(`${WIDGET}/test/lazy.html#far.trip=busan`);
  const map = page.locator("#far");
  await ready(map);
  expect(await map.evaluate((el) => el.selectedTrip)).toBe("busan");
  expect(errors).toEqual([]);
});

test("three widgets on a page keep their own state, focus and selection", async ({ page }) => {
  await page.goto(`${WIDGET}/test/three.html`);
  const [one, two, three] = ["#one", "#two", "#three"].map((id) => page.locator(id));
  for (const m of [one, two, three]) await ready(m);
  await expect(live(three).locator(".tm-trip")).toHaveCount(2);
  await expect(live(one).locator(".tm-trip")).toHaveCount(12);

  await one.evaluate((el, id) => el.select(id), "2018-06-singapore");
  await two.evaluate((el) => { el.currentTime = 3; });
  await three.evaluate((el) => el.select("busan"));
  expect(await one.evaluate((el) => el.selectedTrip)).toBe("2018-06-singapore");
  expect(await two.evaluate((el) => el.selectedTrip)).toBe(null);
  expect(await three.evaluate((el) => el.selectedTrip)).toBe("busan");
  expect(await one.evaluate((el) => el.currentTime)).not.toBe(3);

  // Playing one leaves the others paused; Escape in one closes only its own details.
  await two.evaluate((el) => el.play());
  expect(await one.evaluate((el) => el.paused)).toBe(true);
  await two.evaluate((el) => el.pause());
  await one.getByRole("button", { name: "Close trip details" }).focus();
  await page.keyboard.press("Escape");
  expect(await one.evaluate((el) => el.selectedTrip)).toBe(null);
  expect(await three.evaluate((el) => el.selectedTrip)).toBe("busan");

  // No id is used twice, in the page or in any shadow root.
  const ids = await page.evaluate(() => {
    const all = [...document.querySelectorAll("[id]")].map((e) => e.id);
    for (const m of document.querySelectorAll("trip-map")) all.push(...[...m.shadowRoot.querySelectorAll("[id]")].map((e) => e.id));
    return all;
  });
  expect(new Set(ids).size).toBe(ids.length);
  expect(errors).toEqual([]);
});

test("removing a widget stops its frames and frees its handle", async ({ page }) => {
  await page.addInitScript(() => {
    const raf = window.requestAnimationFrame.bind(window);
    window.rafCalls = 0;
    window.requestAnimationFrame = (cb) => raf((t) => { window.rafCalls++; cb(t); });
  });
  await page.goto(`${WIDGET}/test/three.html`);
  await ready(page.locator("#one"));
  const one = await page.locator("#one").elementHandle();
  for (const id of ["#two", "#three"]) await page.locator(id).evaluate((el) => el.remove());
  await one.evaluate((el) => { el.playbackRate = 0.5; el.play(); });
  await page.waitForTimeout(200);
  const state = await one.evaluate(async (el) => {
    el.remove();
    const before = window.rafCalls;
    await new Promise((r) => setTimeout(r, 300));
    return { after: window.rafCalls - before, duration: el.duration, paused: el.paused };
  });
  expect(state.after).toBeLessThanOrEqual(1); // at most a frame already queued
  expect(Number.isNaN(state.duration)).toBe(true);
  expect(state.paused).toBe(true);
  // Calls on a removed element are safe.
  await one.evaluate((el) => { el.play(); el.pause(); el.select("x"); el.currentTime = 5; return el.trips; });
  expect(errors).toEqual([]);
});

test("the iframe embed posts its height in Pym and Datawrapper formats", async ({ page }) => {
  await page.goto(`${OTHER_ORIGIN}/iframe-parent.html`);
  const frame = page.frameLocator("iframe");
  await expect(frame.locator("trip-map")).toHaveAttribute("data-ready", "");
  await expect.poll(() => page.evaluate(() => document.querySelector("iframe").getBoundingClientRect().height))
    .toBeGreaterThan(600);
  const messages = await page.evaluate(() => window.messages);
  const pym = messages.filter((m) => typeof m === "string" && m.startsWith("pymxPYMxc1xPYMxheightxPYMx"));
  const dw = messages.filter((m) => m && m["datawrapper-height"] && m["datawrapper-height"]["tripmap-test"] > 0);
  expect(pym.length).toBeGreaterThan(0);
  expect(dw.length).toBeGreaterThan(0);
  const last = Number(pym.at(-1).split("xPYMx").at(-1));
  const iframeHeight = await page.evaluate(() => document.querySelector("iframe").getBoundingClientRect().height);
  expect(Math.abs(last - iframeHeight)).toBeLessThan(2);
  expect(errors).toEqual([]);
});

test("with JavaScript off, the map and the list are there", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${WIDGET}/index.html`);
  const fallback = page.locator("trip-map .tm-fallback");
  await expect(fallback.locator("svg.tm-map")).toBeVisible();
  await expect(fallback.locator("svg.tm-map .tm-trip")).toHaveCount(12);
  await expect(fallback.locator("ol li")).toHaveCount(12);
  await expect(fallback.locator("ol li").first()).toContainText("Beijing");
  const box = await fallback.locator("svg.tm-map").boundingBox();
  expect(box.width).toBeGreaterThan(600);
  await context.close();
});

test("the script takes over at the same size, with no layout shift", async ({ browser }) => {
  const viewport = { width: 1000, height: 2400 };
  const noJs = await browser.newContext({ javaScriptEnabled: false, viewport });
  const staticPage = await noJs.newPage();
  await staticPage.goto(`${WIDGET}/index.html`);
  const before = await staticPage.locator("trip-map .tm-fallback svg.tm-map").boundingBox();
  await noJs.close();

  const withJs = await browser.newContext({ viewport });
  const page = await withJs.newPage();
  await page.addInitScript(() => {
    window.shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.shifts.push({ value: e.value, sources: e.sources.map((s) => s.node?.nodeName) });
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(`${WIDGET}/index.html`);
  const map = page.locator("trip-map");
  await ready(map);
  await page.waitForTimeout(300);
  const after = await live(map).locator("svg.tm-map").boundingBox();
  expect(Math.abs(after.y - before.y)).toBeLessThan(1);
  expect(Math.abs(after.height - before.height)).toBeLessThan(2);
  expect(Math.abs(after.width - before.width)).toBeLessThan(2);
  const cls = await page.evaluate(() => window.shifts.reduce((sum, s) => sum + s.value, 0));
  expect(cls).toBeLessThan(0.1); // "good" by the Web Vitals threshold
  await withJs.close();
});

test("a deep link opens the widget with that trip selected at that time", async ({ page }) => {
  await page.goto(`${WIDGET}/index.html#kim-trips.trip=2019-02-vietnam-hanoi&kim-trips.t=2019-06-01`);
  const map = page.locator("trip-map");
  await ready(map);
  expect(await map.evaluate((el) => el.selectedTrip)).toBe("2019-02-vietnam-hanoi");
  await expect(map.locator('[role="region"][aria-label="Trip details"] h3')).toContainText("Hanoi");
  await expect(map.locator(".date")).toHaveText("1 June 2019");
  // Trips up to that date are drawn, later ones not yet.
  const states = await live(map).locator(".tm-trip").evaluateAll((gs) => gs.map((g) => g.dataset.state));
  expect(states.filter((s) => s === "done").length).toBe(9);
  // The short form works on a page with a single map that has an id.
  await page.goto(`${WIDGET}/index.html#trip=2018-06-singapore`);
  await page.reload();
  await ready(map);
  expect(await map.evaluate((el) => el.selectedTrip)).toBe("2018-06-singapore");
  // Selecting rewrites the element's own keys without adding history entries.
  const length = await page.evaluate(() => history.length);
  await map.getByRole("button", { name: /^Vladivostok: the first summit/ }).click();
  await expect.poll(() => page.evaluate(() => location.hash)).toContain("kim-trips.trip=2019-04-russia-vladivostok");
  expect(await page.evaluate(() => history.length)).toBe(length);
  expect(errors).toEqual([]);
});

test("a trip attribute selects a trip without a URL", async ({ page }) => {
  await page.goto(`${WIDGET}/test/three.html`);
  const three = page.locator("#three");
  await ready(three);
  await three.evaluate((el) => el.setAttribute("trip", "tokyo"));
  expect(await three.evaluate((el) => el.selectedTrip)).toBe("tokyo");
  // The other widgets' URL keys are untouched; only #three's were written.
  expect(await page.evaluate(() => location.hash)).toBe("#three.trip=tokyo&three.t=2020-01-12");
});

test("autoplay starts only when half the widget is visible, and pauses out of view", async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto(`${WIDGET}/test/autoplay.html`);
  const map = page.locator("trip-map");
  await ready(map);
  await page.waitForTimeout(300);
  expect(await map.evaluate((el) => el.paused)).toBe(true);
  await map.evaluate((el) => el.scrollIntoView({ block: "start" }));
  await expect.poll(() => map.evaluate((el) => el.paused)).toBe(false);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(() => map.evaluate((el) => el.paused)).toBe(true);
  // The page's focus and scroll were never taken.
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  expect(errors).toEqual([]);
});

test("autoplay never starts under reduced motion", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(`${WIDGET}/test/autoplay.html`);
  const map = page.locator("trip-map");
  await ready(map);
  await map.evaluate((el) => el.scrollIntoView({ block: "start" }));
  await page.waitForTimeout(500);
  expect(await map.evaluate((el) => el.paused)).toBe(true);
});

test("a dark theme follows the attribute and the reader's preference", async ({ page }) => {
  await page.goto(`${WIDGET}/index.html`);
  const map = page.locator("trip-map");
  await ready(map);
  const sea = () => live(map).locator(".tm-sea").evaluate((r) => getComputedStyle(r).fill);
  const light = await sea();
  await map.evaluate((el) => el.setAttribute("theme", "dark"));
  const dark = await sea();
  expect(dark).not.toBe(light);
  await map.evaluate((el) => el.removeAttribute("theme"));
  await page.emulateMedia({ colorScheme: "dark" });
  // The media query's change event arrives asynchronously.
  await expect.poll(sea).toBe(dark);
  await map.evaluate((el) => el.setAttribute("theme", "light"));
  expect(await sea()).toBe(light);
});

test("print shows the final frame with the list, without controls", async ({ page }) => {
  await page.goto(`${WIDGET}/index.html`);
  const map = page.locator("trip-map");
  await ready(map);
  await map.evaluate((el) => { el.currentTime = 4; });
  await page.emulateMedia({ media: "print" });
  await expect(map.locator(".controls")).toBeHidden();
  const visible = await live(map).locator(".tm-trip").evaluateAll((gs) => gs.every((g) => getComputedStyle(g).visibility === "visible"));
  expect(visible).toBe(true);
  await expect(map.locator(".list button")).toHaveCount(12);
  await expect(map.locator(".list")).toBeVisible();
});

test("Download SVG and Download PNG save the current frame", async ({ page }) => {
  await page.goto(`${WIDGET}/index.html`);
  const map = page.locator("trip-map");
  await ready(map);
  await map.evaluate((el) => { el.currentTime = 6; });
  const [svgDownload] = await Promise.all([page.waitForEvent("download"), map.getByRole("button", { name: "Download SVG" }).click()]);
  expect(svgDownload.suggestedFilename()).toMatch(/\.svg$/);
  const text = await (await svgDownload.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString());
  expect(text).toContain("<svg");
  expect(text).not.toContain("tm-hit");
  const ids = [...text.matchAll(/data-trip="(\d+)"/g)].map((m) => m[1]);
  expect(ids.length).toBeGreaterThan(0);
  expect(ids.length).toBeLessThan(12); // only what is drawn at this moment
  expect(new Set(ids).size).toBe(ids.length); // a growing trip once, not also its resting self
  // Exactly what the reader sees: trips drawn on the map or growing on the moving layer.
  const visible = await map.evaluate((el) => {
    const seen = new Map();
    for (const g of el.shadowRoot.querySelectorAll(".frame .tm-trip")) seen.set(g.dataset.trip, g.dataset.state);
    return [...seen].filter(([, state]) => state !== "hidden").map(([trip]) => trip).sort();
  });
  expect([...ids].sort()).toEqual(visible);
  const [pngDownload] = await Promise.all([page.waitForEvent("download"), map.getByRole("button", { name: "Download PNG" }).click()]);
  expect(pngDownload.suggestedFilename()).toMatch(/\.png$/);
  const png = await (await pngDownload.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks));
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  expect(errors).toEqual([]);
});
