// The built page, in headless Chromium: the wasm core draws the map.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";

const trips = JSON.parse(readFileSync(new URL("../../data/trips.geojson", import.meta.url), "utf8"))
  .features.filter((f) => f.properties.role !== "origin");

function collectErrors(page) {
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

test("the demo page draws one path group per trip, from the wasm core", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto("/index.html");
  const map = page.locator("trip-map");
  await expect(map.locator(".frame .tm-map")).toBeVisible();
  await expect(map.locator(".frame .tm-trip")).toHaveCount(trips.length);
  // Every trip has at least one drawn leg with real geometry.
  const legs = await map.locator(".frame .tm-trip").evaluateAll((groups) =>
    groups.map((g) => [...g.querySelectorAll("path.tm-leg")].map((p) => p.getTotalLength())));
  for (const lengths of legs) {
    expect(lengths.length).toBeGreaterThan(0);
    expect(Math.max(...lengths)).toBeGreaterThan(1);
  }
  await expect(map.locator(".frame .tm-land")).toHaveCount(1);
  expect(errors).toEqual([]);
});

test("the live map draws the fallback's land again at every width, and never fetches the basemap", async ({ page }) => {
  const errors = collectErrors(page);
  const basemapRequests = [];
  page.on("request", (r) => r.url().endsWith("/basemap.topo.json") && basemapRequests.push(r.url()));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/index.html");
  const map = page.locator("trip-map");
  await expect(map.locator(".frame .tm-trip")).toHaveCount(trips.length);
  const fallbackLand = await map.locator(".tm-fallback .tm-land").getAttribute("d");
  expect(fallbackLand.length).toBeGreaterThan(1000);
  // At the fallback's own width its land is shown as it is.
  expect(await map.locator(".frame .tm-land").getAttribute("d")).toBe(fallbackLand);

  // A phone-sized column lays the map out again, with the same land moved and scaled.
  await page.setViewportSize({ width: 400, height: 900 });
  await expect.poll(() => map.locator(".frame .tm-map").evaluate((svg) => svg.viewBox.baseVal.width)).toBeLessThan(400);
  const narrow = map.locator(".frame .tm-land");
  expect(await narrow.getAttribute("d")).toBe(fallbackLand);
  expect(await narrow.getAttribute("transform")).toMatch(/^matrix\(0\.\d+ 0 0 0\.\d+ /);
  // Land where the basemap has it: Pyongyang's dot stands on land, in both layouts.
  const originOnLand = () => map.locator(".frame").evaluate((frame) => {
    const origin = frame.querySelector(".tm-origin");
    const land = frame.querySelector(".tm-land");
    const placed = land.transform.baseVal.consolidate()?.matrix ?? new DOMMatrix();
    const at = new DOMPoint(origin.cx.baseVal.value, origin.cy.baseVal.value).matrixTransform(placed.inverse());
    return land.isPointInFill(at);
  });
  expect(await originOnLand()).toBe(true);
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect.poll(() => map.locator(".frame .tm-map").evaluate((svg) => svg.viewBox.baseVal.width)).toBe(720);
  expect(await originOnLand()).toBe(true);
  expect(basemapRequests).toEqual([]);
  expect(errors).toEqual([]);
});

test("a fallback that does not say where its land was drawn still gets land, from the basemap", async ({ page }) => {
  const errors = collectErrors(page);
  const basemapRequests = [];
  page.on("request", (r) => r.url().endsWith("/basemap.topo.json") && basemapRequests.push(r.url()));
  // As an older tripmap-render wrote it: no data-land on its SVG.
  await page.route("**/index.html", async (route) => {
    const response = await route.fetch();
    route.fulfill({ response, body: (await response.text()).replace(/ data-land="[^"]*"/, "") });
  });
  await page.setViewportSize({ width: 400, height: 900 });
  await page.goto("/index.html");
  const map = page.locator("trip-map");
  await expect(map.locator(".frame .tm-trip")).toHaveCount(trips.length);
  expect((await map.locator(".frame .tm-land").getAttribute("d")).length).toBeGreaterThan(1000);
  expect(basemapRequests).toHaveLength(1);
  expect(errors).toEqual([]);
});
