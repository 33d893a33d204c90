// The interactive widget, driven as a reader would: mouse, keyboard, small screens, reduced motion.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { generate } from "../../scripts/bench/synth-trips.mjs";

const features = JSON.parse(readFileSync(new URL("../../data/trips.geojson", import.meta.url), "utf8")).features;
// The widget lists trips in date order.
const trips = features
  .filter((f) => f.properties.role !== "origin")
  .map((f) => f.properties)
  .sort((a, b) => (a.start + a.end + a.id).localeCompare(b.start + b.end + b.id));

let errors;
test.beforeEach(async ({ page }) => {
  errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
});
test.afterEach(() => expect(errors, "no console errors").toEqual([]));

async function open(page, url = "/index.html") {
  await page.goto(url);
  await expect(page.locator("trip-map")).toHaveAttribute("data-ready", "");
  return page.locator("trip-map");
}

/// Screen position of the point `at` (0..1) along a trip's first leg.
async function pointOnTrip(map, index, at = 0.5) {
  return map.locator(`.frame .tm-trip[data-trip="${index}"] .tm-leg`).first().evaluate((path, at) => {
    const p = path.getPointAtLength(path.getTotalLength() * at);
    const scroller = document.createElementNS("http://www.w3.org/2000/svg", "circle");
    scroller.setAttribute("cx", p.x);
    scroller.setAttribute("cy", p.y);
    path.after(scroller);
    scroller.scrollIntoView({ block: "center" });
    scroller.remove();
    const m = path.getScreenCTM();
    return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
  }, at);
}

const details = (map) => map.locator('[role="region"][aria-label="Trip details"]');

/// Serves /test/many.geojson: the real trips `times` times over, each copy with an id and a
/// title of its own. Returns the copies.
async function serveCopies(page, times) {
  const copies = [];
  for (let k = 1; k <= times; k++) {
    for (const f of features.filter((f) => f.properties.role !== "origin")) {
      copies.push({ ...f, properties: { ...f.properties, id: `${f.properties.id}-${k}`, title: `${f.properties.title} (copy ${k})` } });
    }
  }
  const origin = features.filter((f) => f.properties.role === "origin");
  await page.route("**/test/many.geojson", (route) =>
    route.fulfill({ contentType: "application/geo+json", body: JSON.stringify({ type: "FeatureCollection", features: [...origin, ...copies] }) }));
  return copies;
}
/// What the reader sees of each trip, in date order, once the play has stopped: a trip
/// finished during play may still be drawn on the canvas over its resting self (the canvas
/// lists them when the play stops), and one on the moving layer shows its state there.
const states = (map) => map.locator(".frame").evaluate((frame) => {
  const seen = new Map();
  for (const g of frame.querySelectorAll("svg.tm-map .tm-trip")) seen.set(g.dataset.trip, g.dataset.state);
  const canvas = frame.querySelector("canvas.tm-done");
  for (const i of (canvas?.dataset.trips ?? "").split(" ").filter(Boolean)) seen.set(i, "done");
  for (const g of frame.querySelectorAll("svg.tm-overlay .tm-trip")) seen.set(g.dataset.trip, g.dataset.state);
  return [...seen.values()];
});

test("clicking a trip on the map shows that trip's details", async ({ page }) => {
  const map = await open(page);
  const singapore = trips.findIndex((t) => t.id === "2018-06-singapore");
  const p = await pointOnTrip(map, singapore, 0.7);
  // The route's hit area is wider than the drawn line: 8 px off the line still hits.
  await page.mouse.click(p.x + 8, p.y);
  await expect(details(map)).toBeVisible();
  await expect(details(map).locator("h3")).toHaveText(trips[singapore].title);
  await expect(details(map)).toContainText("Donald Trump");
  // Pyongyang to Singapore is thousands of km, written with a comma ("4,7xx km").
  await expect(details(map)).toContainText(/Plane, \d,\d{3} km/);
  // Drawn again over the dimmed map, thick.
  const chosen = map.locator(`.frame .tm-chosen[data-trip="${singapore}"]`);
  await expect(chosen).toBeVisible();
  expect(await chosen.locator(".tm-leg").first().evaluate((leg) => getComputedStyle(leg).strokeWidth)).toBe("4.5px");
  expect(await map.locator(".frame svg.tm-map").evaluate((svg) => getComputedStyle(svg).opacity)).toBe("0.2");
});

test("a place where several trips end offers a choice", async ({ page }) => {
  const map = await open(page);
  const beijing = trips.map((t, i) => (t.destination === "Beijing" ? i : -1)).filter((i) => i >= 0);
  expect(beijing.length).toBe(4);
  const dot = map.locator(`.frame circle.tm-dest[data-trips="${beijing.join(" ")}"]`);
  await expect(dot).toHaveCount(1);
  await dot.scrollIntoViewIfNeeded();
  const box = await dot.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const chooser = map.locator('[role="dialog"][aria-label="Choose a trip"]');
  await expect(chooser).toBeVisible();
  // The four Beijing trips, and any route passing over the city (the Singapore flight).
  for (const i of beijing) await expect(chooser.getByRole("button", { name: trips[i].title })).toHaveCount(1);
  await chooser.getByRole("button", { name: trips[beijing[3]].title }).click();
  await expect(details(map).locator("h3")).toHaveText(trips[beijing[3]].title);
});

test("clicking a trip in the list shows its details; Escape and Close clear them", async ({ page }) => {
  const map = await open(page);
  const selects = [];
  await map.evaluate((el) => el.addEventListener("tripselect", (e) => (window.__selects ??= []).push(e.detail.id)));
  await map.getByRole("button", { name: new RegExp(trips[7].title) }).click();
  await expect(details(map).locator("h3")).toHaveText(trips[7].title);
  await expect(details(map)).toContainText("Train");
  await expect(details(map)).toContainText("Road");
  expect(await map.evaluate((el) => el.selectedTrip)).toBe(trips[7].id);
  await page.keyboard.press("Escape");
  await expect(details(map)).toBeHidden();
  await map.getByRole("button", { name: new RegExp(trips[2].title) }).click();
  await map.getByRole("button", { name: "Close trip details" }).click();
  await expect(details(map)).toBeHidden();
  selects.push(...(await page.evaluate(() => window.__selects)));
  expect(selects).toEqual([trips[7].id, null, trips[2].id, null]);
});

test("the first trip's details, laid out ahead while the page is idle, are never seen or heard", async ({ page }) => {
  const map = await open(page);
  await map.evaluate((el) => el.addEventListener("tripselect", () => (window.__selected = true)));
  // Two idle periods after ready: the widget's own head start (#warmDetails) has run by then.
  for (let k = 0; k < 2; k++) await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
  const panel = await details(map).evaluate((d) => ({ hidden: d.hidden, children: d.childElementCount, style: d.getAttribute("style") }));
  expect(panel).toEqual({ hidden: true, children: 0, style: null });
  expect(await map.evaluate((el) => el.selectedTrip)).toBeNull();
  expect(new URL(page.url()).hash).toBe("");
  expect(await page.evaluate(() => window.__selected)).toBeUndefined();
  await expect(map.locator("[aria-live]")).toHaveText("");
  // The reader's first trip shows its own details, in the panel's place above the list.
  await map.getByRole("button", { name: new RegExp(trips[3].title) }).click();
  await expect(details(map).locator("h3")).toHaveText(trips[3].title);
  await expect(details(map)).toBeVisible();
  const [panelBox, listBox] = await Promise.all([details(map).boundingBox(), map.locator("ol.list").boundingBox()]);
  expect(panelBox.y + panelBox.height).toBeLessThanOrEqual(listBox.y);
  expect(await details(map).getAttribute("style")).toBeNull();
});

test("the chosen trip alone is marked, in the list and on the map, also after the map is laid out again", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const map = await open(page);
  const marked = () => map.evaluate((el) => ({
    pressed: [...el.shadowRoot.querySelectorAll('button.trip[aria-pressed="true"]')].map((b) => Number(b.dataset.trip)),
    unpressed: el.shadowRoot.querySelectorAll('button.trip[aria-pressed="false"]').length,
    selected: [...el.shadowRoot.querySelectorAll(".frame .tm-chosen, .frame .tm-trip.tm-selected")].map((g) => Number(g.dataset.trip)),
  }));
  const none = { pressed: [], unpressed: trips.length, selected: [] };
  expect(await marked()).toEqual(none);
  await map.getByRole("button", { name: new RegExp(trips[7].title) }).click();
  expect(await marked()).toEqual({ pressed: [7], unpressed: trips.length - 1, selected: [7] });
  // Another trip chosen straight away: the first is no longer marked anywhere.
  await map.getByRole("button", { name: new RegExp(trips[2].title) }).click();
  await expect(details(map).locator("h3")).toHaveText(trips[2].title);
  expect(await marked()).toEqual({ pressed: [2], unpressed: trips.length - 1, selected: [2] });
  // A narrow column: the map is drawn again, and its new trip 2 is the one marked.
  await page.setViewportSize({ width: 400, height: 900 });
  await expect.poll(() => map.locator(".frame .tm-map").evaluate((svg) => svg.viewBox.baseVal.width)).toBeLessThan(400);
  await expect.poll(marked).toEqual({ pressed: [2], unpressed: trips.length - 1, selected: [2] });
  await map.getByRole("button", { name: "Close trip details" }).click();
  expect(await marked()).toEqual(none);
});

test("every trip's details show its own leaders, legs and sources, in the data's order", async ({ page }) => {
  const map = await open(page);
  for (const trip of trips) {
    await map.evaluate((el, id) => el.select(id), trip.id);
    await expect(details(map).locator("h3")).toHaveText(trip.title);
    const shown = await details(map).evaluate((d) => ({
      facts: Object.fromEntries([...d.querySelectorAll("dt")].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])),
      summary: d.querySelector(".summary")?.textContent ?? "",
      sources: [...d.querySelectorAll(".sources li")].map((li) => [li.textContent, li.querySelector("a")?.getAttribute("href") ?? null]),
    }));
    expect(shown.facts["Leaders met"] ?? "").toBe(trip.leaders.join(", "));
    const legs = shown.facts[trip.modes.length > 1 ? "Legs" : "Mode"];
    expect(legs.match(/\d[\d,]* km/g)).toHaveLength(trip.modes.length + (trip.modes.length > 1 ? 1 : 0));
    expect(shown.facts.Destination).toContain(trip.country);
    expect(shown.summary).toBe(trip.summary.trim());
    expect(shown.sources).toEqual(trip.sources.map((s) => [s.title || s.url, /^https?:/.test(s.url) ? s.url : null]));
  }
});

test("sources are links only for http(s), and open safely", async ({ page }) => {
  const map = await open(page);
  await map.evaluate((el, id) => el.select(id), trips[0].id);
  const links = details(map).locator(".sources a");
  await expect(links).toHaveCount(trips[0].sources.length);
  for (const a of await links.all()) {
    expect(await a.getAttribute("href")).toMatch(/^https?:/);
    expect(await a.getAttribute("rel")).toContain("noopener");
  }
});

test("a source whose title wraps has its bullet beside its first line", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const map = await open(page);
  let wrapped = 0;
  for (const trip of trips) {
    await map.evaluate((el, id) => el.select(id), trip.id);
    await expect(details(map).locator("h3")).toHaveText(trip.title);
    for (const li of await details(map).locator(".sources li").all()) {
      await li.scrollIntoViewIfNeeded();
      const box = await li.evaluate((item) => {
        const r = item.getBoundingClientRect();
        const line = parseFloat(getComputedStyle(item).lineHeight) || 20;
        return { x: r.left - 16, y: r.top, width: 14, height: r.height, line };
      });
      // Only a title over two lines or more tells the first line from the last.
      if (box.height < 2 * box.line) continue;
      wrapped++;
      // The bullet is drawn left of the item: find the rows of dark pixels in that column.
      const png = (await page.screenshot({ clip: box })).toString("base64");
      const rows = await page.evaluate(async (data) => {
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const image = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
        const ctx = new OffscreenCanvas(image.width, image.height).getContext("2d");
        ctx.drawImage(image, 0, 0);
        const { data: px, width, height } = ctx.getImageData(0, 0, image.width, image.height);
        const dark = [];
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            const i = (y * width + x) * 4;
            if (px[i] + px[i + 1] + px[i + 2] < 300) { dark.push(y); break; }
          }
        }
        return dark;
      }, png);
      expect(rows.length, `a bullet beside "${await li.textContent()}"`).toBeGreaterThan(0);
      expect(Math.max(...rows), `the bullet of "${await li.textContent()}" on its first line`).toBeLessThan(box.line + 4);
    }
  }
  expect(wrapped, "some source titles wrap at 375 px").toBeGreaterThan(0);
});

test("Play draws the trips in date order, fires timeupdate, and ends", async ({ page }) => {
  const map = await open(page);
  const result = await map.evaluate(async (el) => {
    const seen = [];
    let timeupdates = 0;
    el.addEventListener("timeupdate", () => timeupdates++);
    const ended = new Promise((resolve) => el.addEventListener("ended", resolve, { once: true }));
    let poll = true;
    const sample = () => {
      const growing = el.shadowRoot.querySelector('.tm-trip[data-state="active"]');
      const active = growing ? Number(growing.dataset.trip) : -1;
      if (active >= 0 && seen.at(-1) !== active) seen.push(active);
      if (poll) requestAnimationFrame(sample);
    };
    el.playbackRate = 8;
    el.play();
    const pausedWhilePlaying = el.paused;
    sample();
    await ended;
    poll = false;
    return { seen, timeupdates, pausedWhilePlaying, paused: el.paused, time: el.currentTime, duration: el.duration };
  });
  expect(result.pausedWhilePlaying).toBe(false);
  expect(result.timeupdates).toBeGreaterThan(3);
  expect(result.paused).toBe(true);
  expect(result.time).toBeCloseTo(result.duration, 5);
  // Each trip grew in turn, in date order (a fast frame may skip seeing a short one).
  expect(result.seen.length).toBeGreaterThan(trips.length / 2);
  expect([...result.seen].sort((a, b) => a - b)).toEqual(result.seen);
  expect(await states(map)).toEqual(trips.map(() => "done"));
});

test("the scrubber's thumb follows the play to the pixel, and shows the exact time when paused", async ({ page }) => {
  const map = await open(page);
  const result = await map.evaluate(async (el) => {
    const scrubber = el.shadowRoot.querySelector(".scrubber");
    // The thumb travels the track less its own width: the ticks' span, which the widget uses.
    const travel = el.shadowRoot.querySelector(".ticks").getBoundingClientRect().width;
    const msPerPx = (el.duration * 1000) / travel;
    let worst = 0;
    let moves = 0;
    let last = scrubber.value;
    el.playbackRate = 2;
    el.play();
    await new Promise((resolve) => {
      const sample = () => {
        // Read after this frame's tick: the thumb may lag the time by less than a pixel.
        worst = Math.max(worst, Math.abs(el.currentTime * 1000 - Number(scrubber.value)));
        if (scrubber.value !== last) moves++;
        last = scrubber.value;
        if (el.currentTime < el.duration / 2) requestAnimationFrame(() => setTimeout(sample));
        else resolve();
      };
      requestAnimationFrame(() => setTimeout(sample));
    });
    el.pause();
    return { worstPx: worst / msPerPx, moves, value: Number(scrubber.value), time: el.currentTime * 1000 };
  });
  expect(result.worstPx).toBeLessThanOrEqual(1.01);
  expect(result.moves).toBeGreaterThan(20);
  expect(result.value).toBeCloseTo(result.time, 6);
});

test("after scrubbing to a date, exactly the trips before it are fully drawn", async ({ page }) => {
  const map = await open(page);
  const scrubber = map.getByRole("slider", { name: "Timeline" });
  const max = Number(await scrubber.getAttribute("max"));
  for (const fraction of [0.1, 0.37, 0.5, 0.66, 0.93]) {
    await scrubber.fill(String(max * fraction));
    const text = await scrubber.getAttribute("aria-valuetext");
    const date = new Date(`${text} UTC`);
    expect(Number.isNaN(date.getTime()), text).toBe(false);
    const iso = date.toISOString().slice(0, 10);
    const drawn = await states(map);
    trips.forEach((t, i) => {
      if (t.end < iso) expect(drawn[i], `${t.id} ends before ${iso}`).toBe("done");
      if (t.start > iso) expect(drawn[i], `${t.id} starts after ${iso}`).toBe("hidden");
    });
    expect(await map.locator(".date").textContent()).toBe(text);
  }
  expect(await map.evaluate((el) => el.paused)).toBe(true);
});

test("a paused play shows the date of its frame, though a play writes the date at a pace", async ({ page }) => {
  // During play the date under the map is written at most every 100 ms (DATE_MS): over 100
  // synthetic trips it changes in every frame. A pause must still leave the date of the frame
  // it stopped on, on screen and for a screen reader.
  const body = JSON.stringify(generate(100));
  await page.route("**/test/synth-100.geojson", (route) => route.fulfill({ contentType: "application/geo+json", body }));
  await page.goto("/test/blank.html");
  const pauses = await page.evaluate(() => new Promise((resolve) => {
    const el = document.createElement("trip-map");
    el.setAttribute("src", "/test/synth-100.geojson");
    el.addEventListener("ready", async () => {
      const root = el.shadowRoot;
      const shown = () => root.querySelector(".date-text").textContent;
      const said = () => root.querySelector(".scrubber").getAttribute("aria-valuetext");
      const seen = [];
      for (let k = 0; k < 12; k++) {
        el.play();
        await new Promise((done) => setTimeout(done, 150 + 37 * k));
        el.pause();
        const atPause = { shown: shown(), said: said() };
        el.currentTime = el.currentTime; // a seek to the same moment writes its date at once
        seen.push({ ...atPause, exact: shown() });
      }
      resolve(seen);
    }, { once: true });
    document.querySelector("#slot").append(el);
  }));
  for (const { shown, said, exact } of pauses) {
    expect(shown).toBe(exact);
    expect(said).toBe(exact);
  }
  expect(new Set(pauses.map((p) => p.exact)).size, "the pauses fell on different dates").toBe(pauses.length);
});

test("the controls stay put while the date changes, and every date shows in full", async ({ page }) => {
  const map = await open(page);
  const scrubber = map.getByRole("slider", { name: "Timeline" });
  const max = Number(await scrubber.getAttribute("max"));
  const seen = new Set();
  const speedAt = new Set();
  for (let k = 0; k <= 50; k++) {
    await scrubber.fill(String((max * k) / 50));
    const { date, fits, speed } = await map.evaluate((el) => {
      const root = el.shadowRoot;
      const box = root.querySelector(".date").getBoundingClientRect();
      const text = root.querySelector(".date-text");
      const range = document.createRange();
      range.selectNodeContents(text);
      const drawn = range.getBoundingClientRect();
      return {
        date: text.textContent,
        fits: drawn.left >= box.left - 0.5 && drawn.right <= box.right + 0.5,
        speed: Math.round(root.querySelector(".speed").getBoundingClientRect().left),
      };
    });
    seen.add(date.split(" ")[1]);
    speedAt.add(speed);
    expect(fits, `"${date}" lies within its box`).toBe(true);
  }
  // The dates passed include the longest month name, and no date moved the speed menu.
  expect(seen.has("September")).toBe(true);
  expect([...speedAt]).toHaveLength(1);
});

test("a keyboard-only session works from start to end", async ({ page }) => {
  const map = await open(page);
  const play = map.getByRole("button", { name: "Play" });
  await play.focus();
  await page.keyboard.press("Enter");
  await expect(map.getByRole("button", { name: "Pause" })).toBeFocused();
  expect(await map.evaluate((el) => el.paused)).toBe(false);
  await page.keyboard.press("Enter");
  expect(await map.evaluate((el) => el.paused)).toBe(true);
  // Next trip, by keyboard.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(map.getByRole("button", { name: "Next trip" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(details(map)).toBeVisible();
  // The timeline slider moves with the arrow keys and speaks a date.
  const slider = map.getByRole("slider", { name: "Timeline" });
  await slider.focus();
  const before = await slider.getAttribute("aria-valuetext");
  await page.keyboard.press("Home");
  await expect(slider).not.toHaveAttribute("aria-valuetext", before);
  // Space on the slider plays and pauses.
  await page.keyboard.press(" ");
  expect(await map.evaluate((el) => el.paused)).toBe(false);
  await page.keyboard.press(" ");
  expect(await map.evaluate((el) => el.paused)).toBe(true);
  // Tab into the list, arrows between trips, Enter to open one, Escape to close.
  const first = map.getByRole("button", { name: new RegExp(trips[0].title) });
  await first.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(map.getByRole("button", { name: new RegExp(trips[2].title) })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(details(map).locator("h3")).toHaveText(trips[2].title);
  await expect(details(map).locator("h3")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(details(map)).toBeHidden();
});

test("in a long list, End and Home reach the last and first trips, drawn in full", async ({ page }) => {
  // The keyboard reaches every trip of a list longer than the screen, and each one it lands on
  // is in view with its whole text (a guard for anything that renders far trips lazily: one
  // such step failed this, docs/performance.md, thirteenth round). 96 trips: the real ones
  // eight times over.
  await serveCopies(page, 8);
  await page.setViewportSize({ width: 1200, height: 700 });
  await page.goto("/test/blank.html");
  await page.evaluate(() => {
    const el = document.createElement("trip-map");
    el.setAttribute("src", "/test/many.geojson");
    document.querySelector("#slot").append(el);
  });
  const map = page.locator("trip-map");
  await expect(map).toHaveAttribute("data-ready", "");
  await expect(map.getByRole("heading", { name: "96 trips" })).toBeVisible();
  const buttons = map.locator(".list button.trip");
  await expect(buttons).toHaveCount(96);
  const first = buttons.first();
  const last = buttons.last();
  const lastTitle = await last.locator(".trip-title").textContent();
  expect(lastTitle).toMatch(/\(copy 8\)$/);
  await expect(last).not.toBeInViewport();
  await first.focus();
  await page.keyboard.press("End");
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport({ ratio: 1 });
  const box = await last.boundingBox();
  expect(box.height).toBeGreaterThan(30);
  await page.keyboard.press("Home");
  await expect(first).toBeFocused();
  await expect(first).toBeInViewport({ ratio: 1 });
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await expect(details(map).locator("h3")).toHaveText(lastTitle);
});

test("a list of 1,000 trips is whole soon after the map is ready; a trip not listed yet can be chosen and reached by End", async ({ page }) => {
  // A long list is built in parts after the map's first frame (#renderList). What a reader or a
  // page does at the moment the map is ready must not see the difference.
  const synth = generate(1000);
  const body = JSON.stringify(synth);
  await page.route("**/test/synth-1000.geojson", (route) => route.fulfill({ contentType: "application/geo+json", body }));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/test/blank.html");
  const atReady = await page.evaluate((farId) => new Promise((resolve) => {
    const el = document.createElement("trip-map");
    el.setAttribute("src", "/test/synth-1000.geojson");
    el.addEventListener("ready", () => {
      const list = el.shadowRoot.querySelector(".list");
      const listed = list.children.length;
      el.select(farId);
      const chosen = list.querySelector('button[aria-pressed="true"]');
      const first = list.querySelector("button[data-trip]");
      first.focus();
      first.dispatchEvent(new KeyboardEvent("keydown", { key: "End", bubbles: true, composed: true }));
      resolve({ listed, chosen: chosen?.dataset.trip, chosenTitle: chosen?.querySelector(".trip-title").textContent, focused: el.shadowRoot.activeElement?.dataset.trip });
    }, { once: true });
    document.querySelector("#slot").append(el);
  }), synth.features[901].properties.id);
  // The widget lists trips in date order: the chosen trip's place in it, from the data.
  const ordered = synth.features.filter((f) => f.properties.role !== "origin").map((f) => f.properties)
    .sort((a, b) => (a.start + a.end + a.id).localeCompare(b.start + b.end + b.id));
  const farIndex = ordered.findIndex((t) => t.id === synth.features[901].properties.id);
  expect(atReady.listed, "the list is still being built when the map is ready").toBeLessThan(1000);
  expect(farIndex, "the chosen trip is far down the list").toBeGreaterThan(atReady.listed);
  expect(atReady.chosen).toBe(String(farIndex));
  expect(atReady.chosenTitle).toBe(ordered[farIndex].title);
  expect(atReady.focused).toBe("999");
  const map = page.locator("trip-map");
  await expect(map.locator(".list > li")).toHaveCount(1000);
  await page.waitForTimeout(300); // no part added twice
  const listed = await map.locator(".list button.trip").evaluateAll((buttons) => buttons.map((b) => [b.dataset.trip, b.querySelector(".trip-title").textContent]));
  expect(listed).toEqual(ordered.map((t, i) => [String(i), t.title]));
  await expect(map.locator('.list button[aria-pressed="true"]')).toHaveCount(1);
});

test("a long list still being built stops when the map is replaced: the new list holds only its own trips", async ({ page }) => {
  const body = JSON.stringify(generate(1000));
  await page.route("**/test/synth-1000.geojson", (route) => route.fulfill({ contentType: "application/geo+json", body }));
  await page.goto("/test/blank.html");
  await page.evaluate(() => new Promise((resolve) => {
    const el = document.createElement("trip-map");
    el.setAttribute("src", "/test/synth-1000.geojson");
    el.addEventListener("ready", () => {
      el.addEventListener("ready", resolve, { once: true });
      el.setAttribute("src", "/trips.geojson"); // the 12 real trips
    }, { once: true });
    document.querySelector("#slot").append(el);
  }));
  const map = page.locator("trip-map");
  await expect(map.getByRole("heading", { name: `${trips.length} trips` })).toBeVisible();
  await page.waitForTimeout(500); // longer than the old list's parts would take
  await expect(map.locator(".list > li")).toHaveCount(trips.length);
  expect(await map.locator(".list .trip-title").allTextContents()).toEqual(trips.map((t) => t.title));
});

test("with reduced motion, nothing grows or moves: Play steps from trip to trip", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  const map = await open(page);
  expect(await states(map)).toEqual(trips.map(() => "done"));
  const log = await map.evaluate(async (el) => {
    const root = el.shadowRoot;
    const seen = [];
    let partial = false;
    let marker = false;
    const observer = new MutationObserver(() => {
      if (root.querySelector('.tm-trip[data-state="active"]')) partial = true;
      if (root.querySelector(".tm-marker.shown")) marker = true;
    });
    observer.observe(root, { attributes: true, subtree: true });
    el.playbackRate = 8; // steps every 225 ms
    el.play();
    const onCanvas = () => Number(root.querySelector("canvas.tm-done")?.dataset.count ?? 0);
    for (let i = 0; i < 3; i++) {
      seen.push(root.querySelectorAll('.tm-trip[data-state="done"]').length + onCanvas());
      await new Promise((r) => setTimeout(r, 240));
    }
    el.pause();
    observer.disconnect();
    return { seen, partial, marker };
  });
  expect(log.partial).toBe(false);
  expect(log.marker).toBe(false);
  expect(log.seen[0]).toBe(1);
  expect(log.seen[2]).toBeGreaterThan(log.seen[0]);
});

/// Plays the map at `rate` for `ms` and returns what its live region said, with when.
async function announcements(map, rate, ms) {
  return map.evaluate(async (el, [rate, ms]) => {
    const live = el.shadowRoot.querySelector("[aria-live]");
    const said = [];
    const observer = new MutationObserver(() => said.push({ at: performance.now(), text: live.textContent }));
    observer.observe(live, { childList: true, characterData: true, subtree: true });
    el.playbackRate = rate;
    el.play();
    await new Promise((r) => setTimeout(r, ms));
    el.pause();
    observer.disconnect();
    return said;
  }, [rate, ms]);
}

const announced = (said) => said.map(({ text }) => Number(/^Trip (\d+) of /.exec(text)?.[1]));

test("during play a screen reader hears each trip as it starts, and never more than one a second", async ({ page }) => {
  const map = await open(page);
  // At 1x (20 s for the 12 trips) trips start over a second apart: each one is heard, in order.
  const slow = await announcements(map, 1, 5000); // trip 3 starts at about 3.3 s
  expect(announced(slow).slice(0, 3)).toEqual([1, 2, 3]);
  // Each names the trip and its dates: "Trip 1 of 12: Beijing, 25–28 March 2018".
  slow.slice(0, 3).forEach(({ text }, i) =>
    expect(text).toMatch(new RegExp(`^Trip ${i + 1} of ${trips.length}: ${trips[i].destination}, .*\\b${trips[i].end.slice(0, 4)}$`)));

  // At 8x trips start every 0.2 s or so: the reader hears the trip on the map once a second,
  // not every trip (at 1,000 trips that was one announcement a frame).
  await map.evaluate((el) => { el.currentTime = 0; });
  await page.waitForTimeout(1100); // the pace holds across plays: a second since the last one
  const fast = await announcements(map, 8, 2400);
  const heard = announced(fast);
  expect(heard.length).toBeGreaterThanOrEqual(2);
  expect(heard.length).toBeLessThanOrEqual(3);
  expect(heard[0]).toBe(1);
  heard.slice(1).forEach((n, i) => expect(n).toBeGreaterThan(heard[i] + 1)); // trips were skipped
  fast.slice(1).forEach(({ at }, i) => expect(at - fast[i].at).toBeGreaterThan(950));
});

test("with reduced motion, each trip Play steps to is announced", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  const map = await open(page);
  await map.evaluate((el) => { el.currentTime = 0; });
  // Steps every 450 ms at 4x: each is a new picture, and each is said.
  const heard = announced(await announcements(map, 4, 1600));
  expect(heard.slice(0, 3)).toEqual([1, 2, 3]);
});

test("a 320 px wide screen renders the map with the list below it", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  const map = await open(page);
  const svg = await map.locator(".frame .tm-map").boundingBox();
  const list = await map.locator(".list").boundingBox();
  expect(svg.width).toBeGreaterThan(250);
  expect(svg.width).toBeLessThanOrEqual(320);
  expect(list.y).toBeGreaterThan(svg.y + svg.height);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  // A tap selects a trip.
  await map.getByRole("button", { name: new RegExp(trips[4].title) }).tap().catch(async () => {
    await map.getByRole("button", { name: new RegExp(trips[4].title) }).click();
  });
  await expect(details(map).locator("h3")).toHaveText(trips[4].title);
});

test("the media-like API reports trips, duration and time", async ({ page }) => {
  const map = await open(page);
  const api = await map.evaluate((el) => ({
    trips: el.trips, duration: el.duration, time: el.currentTime, paused: el.paused, rate: el.playbackRate,
  }));
  expect(api.trips.map((t) => t.id)).toEqual(trips.map((t) => t.id));
  expect(api.trips[0]).toEqual({ id: trips[0].id, title: trips[0].title, start: trips[0].start, end: trips[0].end });
  expect(api.duration).toBe(20);
  expect(api.time).toBe(20);
  expect(api.paused).toBe(true);
  expect(api.rate).toBe(1);
  await map.evaluate((el) => (el.currentTime = 0));
  expect(await states(map)).toEqual(trips.map(() => "hidden"));
});

test("axe finds no WCAG 2.2 A/AA violation in the widget, idle, playing and with details open", async ({ page }) => {
  const map = await open(page);
  const axeSource = readFileSync(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
  await page.addScriptTag({ content: axeSource });
  const check = () => page.evaluate(async () => {
    const result = await window.axe.run(document.querySelector("trip-map"), {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  expect(await check()).toEqual([]);
  await map.evaluate((el) => el.select(el.trips[4].id));
  expect(await check()).toEqual([]);
  await map.evaluate((el) => { el.currentTime = 7; });
  expect(await check()).toEqual([]);
  await map.evaluate((el) => el.setAttribute("theme", "dark"));
  expect(await check()).toEqual([]);
});

test("during play the map itself is never repainted: what moves is on layers above it", async ({ page }) => {
  const map = await open(page);
  const layers = await map.evaluate(async (el) => {
    const frame = el.shadowRoot.querySelector(".frame");
    const base = frame.querySelector("svg.tm-map");
    el.currentTime = 0;
    let mutations = 0;
    const observer = new MutationObserver((list) => (mutations += list.length));
    observer.observe(base, { attributes: true, childList: true, subtree: true });
    el.playbackRate = 2;
    el.play();
    let most = 0;
    let onCanvas = 0;
    let inked = false;
    let growingOnTop = true;
    let duringPlay = -1;
    await new Promise((resolve) => {
      const sample = () => {
        const svgs = frame.querySelectorAll("svg");
        const top = svgs[svgs.length - 1];
        most = Math.max(most, frame.children.length);
        const canvas = frame.querySelector("canvas.tm-done");
        const painted = Number(canvas?.dataset.count ?? 0);
        if (painted > onCanvas && canvas.width > 0) {
          // What is listed there is really drawn: some pixels are not transparent.
          const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
          for (let k = 3; k < pixels.length && !inked; k += 4) inked = pixels[k] > 0;
        }
        onCanvas = Math.max(onCanvas, painted);
        for (const g of top.querySelectorAll(".tm-trip")) if (g.dataset.state !== "active") growingOnTop = false;
        if (!el.paused) requestAnimationFrame(sample);
        else resolve();
      };
      requestAnimationFrame(sample);
      setTimeout(() => {
        duringPlay = mutations + observer.takeRecords().length;
        observer.disconnect(); // pausing puts the finished trips back: that is not play
        el.pause();
      }, 2500);
    });
    const svgs = frame.querySelectorAll("svg");
    const top = svgs[svgs.length - 1];
    const growing = top.querySelector('.tm-trip[data-state="active"]');
    const resting = growing && base.querySelector(`.tm-trip[data-trip="${growing.dataset.trip}"]`);
    const canvas = frame.querySelector("canvas.tm-done");
    return {
      duringPlay, most, growingOnTop, onCanvas, inked,
      canvasAfterPause: canvas?.dataset.count ?? "",
      afterPause: { layers: svgs.length, onTop: [...top.querySelectorAll(".tm-trip")].map((g) => g.dataset.state) },
      restingState: resting?.dataset.state ?? null,
      topHidden: top.getAttribute("aria-hidden"),
    };
  });
  expect(layers.duringPlay).toBe(0);
  // The land, the map's trips, the canvas of finished trips, the map's labels again over it,
  // the top layer.
  expect(layers.most).toBe(5);
  expect(layers.onCanvas).toBeGreaterThan(0);
  expect(layers.inked).toBe(true);
  expect(layers.canvasAfterPause).toBe("0");
  expect(layers.growingOnTop).toBe(true);
  // Paused, the finished trips are back on the map, the canvas is empty, and at most the
  // growing trip is on top.
  expect(layers.afterPause.layers).toBe(4); // the land, the trips, the labels, the top layer
  expect(layers.afterPause.onTop.length).toBeLessThanOrEqual(1);
  if (layers.afterPause.onTop.length) expect(layers.restingState).toBe("hidden");
  expect(layers.topHidden).toBe("true");
  expect(errors).toEqual([]);
});

test("a play of many trips, several finishing in each frame, draws every one of them, as a seek to the end does", async ({ page }) => {
  // 240 trips in a 2 s play: most start and finish between two frames, and go straight onto
  // the canvas with no copy made (docs/performance.md, sixteenth round). Each must still be
  // drawn, in its own look, and the play must end where a seek to the end lands.
  const copies = await serveCopies(page, 20);
  await page.goto("/test/blank.html");
  const played = await page.evaluate(async () => {
    const el = document.createElement("trip-map");
    el.setAttribute("src", "/test/many.geojson");
    el.setAttribute("duration", "2");
    document.querySelector("#slot").append(el);
    await new Promise((r) => el.addEventListener("ready", r, { once: true }));
    const frame = el.shadowRoot.querySelector(".frame");
    const base = frame.querySelector("svg.tm-map");
    // The map's own trips are not touched before the last frame (which ends its in-time look).
    const observer = new MutationObserver((list) => el.currentTime < el.duration && (mutations += list.length));
    let mutations = 0;
    let most = 0;
    let frames = 0;
    let lastCount = 0;
    let grew = 0;
    let ended = false;
    el.addEventListener("ended", () => (ended = true), { once: true });
    el.currentTime = 0; // a seek, before the play: it restyles the map's trips
    observer.observe(base, { attributes: true, childList: true, subtree: true });
    el.play();
    await new Promise((resolve) => {
      const sample = () => {
        frames++;
        most = Math.max(most, frame.querySelectorAll("svg.tm-overlay .tm-trip").length);
        const count = Number(frame.querySelector("canvas.tm-done").dataset.count ?? 0);
        grew = Math.max(grew, count - lastCount);
        lastCount = count;
        if (el.paused) resolve();
        else requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    observer.disconnect();
    const canvas = frame.querySelector("canvas.tm-done");
    const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let k = 3; k < pixels.length; k += 4) if (pixels[k] > 0) inked++;
    return {
      trips: canvas.dataset.trips ?? "", count: canvas.dataset.count ?? "",
      mutations, most, frames, grew, inked, ended, time: el.currentTime, duration: el.duration,
    };
  });
  expect(played.ended).toBe(true);
  expect(played.time).toBe(played.duration);
  // Several trips finished in one frame, and none piled up on the moving layer.
  expect(played.grew).toBeGreaterThan(1);
  expect(played.most).toBeLessThanOrEqual(3);
  expect(played.mutations).toBe(0);
  // Every trip is on the canvas, once, and drawn there.
  const onCanvas = played.trips.split(" ").filter(Boolean).map(Number);
  expect(new Set(onCanvas).size).toBe(copies.length);
  expect(onCanvas.every((i) => Number.isInteger(i) && i >= 0 && i < copies.length)).toBe(true);
  expect(played.count).toBe(String(copies.length));
  expect(played.inked).toBeGreaterThan(1000);
  // Paused at the end, the trips rejoin the map: all of them done, as after a seek there.
  await page.locator("trip-map").evaluate((el) => el.pause());
  const afterPlay = await states(page.locator("trip-map"));
  await page.locator("trip-map").evaluate((el) => { el.currentTime = 0; el.currentTime = el.duration; });
  const afterSeek = await states(page.locator("trip-map"));
  expect(afterPlay).toHaveLength(copies.length);
  expect(afterPlay.every((s) => s === "done")).toBe(true);
  expect(afterSeek).toEqual(afterPlay);
});

test("a play from the end hides the map's trips instead of restyling each, and leaves them as they were", async ({ page }) => {
  const map = await open(page);
  await map.evaluate((el) => {
    const base = el.shadowRoot.querySelector("svg.tm-map");
    window.restyled = 0; // attribute changes on the map's own trips
    window.watch = new MutationObserver((list) => {
      for (const m of list) if (m.target.closest?.(".tm-trip")) window.restyled++;
    });
    window.watch.observe(base, { attributes: true, subtree: true });
    el.playbackRate = 4;
    el.play();
  });
  await page.waitForTimeout(1500);
  // Part way: the layer of the map's own trips (all still drawn there) is transparent, so only
  // the trips the play has drawn show, and an SVG saved now holds only what the reader sees.
  const midway = await map.evaluate((el) => {
    const canvas = el.shadowRoot.querySelector("canvas.tm-done");
    const base = el.shadowRoot.querySelector("svg.tm-map");
    return {
      playing: !el.paused, time: el.currentTime, painted: Number(canvas.dataset.count),
      opacity: getComputedStyle(base).opacity,
    };
  });
  const [download] = await Promise.all([page.waitForEvent("download"), map.evaluate((el) => el.downloadSvg())]);
  const saved = (await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c))).toString();
  const savedTrips = new Set([...saved.matchAll(/data-trip="(\d+)"/g)].map((m) => m[1]));
  const after = await map.evaluate(async (el) => {
    await new Promise((r) => el.addEventListener("ended", r, { once: true }));
    // After the end the drawn trips stay on the canvas; anything the reader does next (here,
    // setting the time) puts them back on the map.
    el.currentTime = el.duration;
    window.watch.disconnect();
    const canvas = el.shadowRoot.querySelector("canvas.tm-done");
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let k = 3; k < data.length; k += 4) if (data[k] > 0) inked++;
    const base = el.shadowRoot.querySelector("svg.tm-map");
    const states = [...base.querySelectorAll(".tm-trip")].map((g) => g.dataset.state);
    return { restyled: window.restyled, inked, states, opacity: getComputedStyle(base).opacity };
  });
  expect(midway.playing).toBe(true);
  expect(midway.time).toBeGreaterThan(0);
  expect(midway.painted).toBeGreaterThan(0);
  expect(midway.opacity).toBe("0");
  expect(savedTrips.size).toBeGreaterThan(0);
  expect(savedTrips.size).toBeLessThan(trips.length);
  // Every trip is back on the map as before the play, none was restyled on the way, and the
  // canvas is clear.
  expect(after.restyled).toBe(0);
  expect(after.inked).toBe(0);
  expect(after.opacity).toBe("1");
  expect(after.states).toEqual(trips.map(() => "done"));
});

/// How far the head of the growing line is from the traveller's marker, at every moment of the
/// timeline where a trip is being drawn (map units).
async function headToMarker(page, map) {
  const gaps = [];
  const duration = await map.evaluate((el) => el.duration);
  for (let k = 1; k < 60; k++) {
    await map.evaluate((el, t) => { el.pause(); el.currentTime = t; }, (duration * k) / 60);
    const gap = await map.locator(".frame").evaluate((frame) => {
      const copy = frame.querySelector('svg.tm-overlay .tm-trip[data-state="active"]');
      if (!copy) return null;
      let head = null;
      for (const leg of copy.querySelectorAll(".tm-leg")) {
        const length = Number(leg.getAttribute("pathLength"));
        const offset = Number(leg.getAttribute("stroke-dashoffset"));
        if (!(offset < length)) break; // this leg has not started
        const p = leg.getPointAtLength((leg.getTotalLength() * (length - offset)) / length);
        head = p;
        if (offset > 0) break; // this leg is the one growing
      }
      const m = frame.querySelector(".tm-marker").getAttribute("transform")?.match(/translate\(([-\d.]+) ([-\d.]+)\)/);
      return head && m ? Math.hypot(head.x - Number(m[1]), head.y - Number(m[2])) : null;
    });
    if (gap !== null) gaps.push(gap);
  }
  return gaps;
}

test("the growing line ends where the marker is, also after the map is laid out for a phone", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const map = await open(page);
  const wide = await headToMarker(page, map);
  expect(wide.length).toBeGreaterThan(10);
  expect(Math.max(...wide)).toBeLessThan(1.5);

  // A much narrower column: the core lays the map out again, and every length changes.
  await page.setViewportSize({ width: 400, height: 900 });
  await expect.poll(() => map.locator(".frame .tm-map").evaluate((svg) => svg.viewBox.baseVal.width)).toBeLessThan(400);
  const narrow = await headToMarker(page, map);
  expect(narrow.length).toBeGreaterThan(10);
  expect(Math.max(...narrow)).toBeLessThan(1.5);
});
