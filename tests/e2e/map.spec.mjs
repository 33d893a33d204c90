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

test("the live map reuses the fallback's land, and fetches the basemap only for another layout", async ({ page }) => {
  const errors = collectErrors(page);
  const basemapRequests = [];
  page.on("request", (r) => r.url().endsWith("/basemap.topo.json") && basemapRequests.push(r.url()));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/index.html");
  const map = page.locator("trip-map");
  await expect(map.locator(".frame .tm-trip")).toHaveCount(trips.length);
  const fallbackLand = await map.locator(".tm-fallback .tm-land").getAttribute("d");
  expect(fallbackLand.length).toBeGreaterThan(1000);
  expect(await map.locator(".frame .tm-land").getAttribute("d")).toBe(fallbackLand);
  expect(basemapRequests).toEqual([]);

  // A phone-sized column lays the map out again: that land has to come from the basemap.
  await page.setViewportSize({ width: 400, height: 900 });
  await expect.poll(() => map.locator(".frame .tm-map").evaluate((svg) => svg.viewBox.baseVal.width)).toBeLessThan(400);
  const narrowLand = await map.locator(".frame .tm-land").getAttribute("d");
  expect(narrowLand.length).toBeGreaterThan(1000);
  expect(narrowLand).not.toBe(fallbackLand);
  expect(basemapRequests).toHaveLength(1);
  expect(errors).toEqual([]);
});
