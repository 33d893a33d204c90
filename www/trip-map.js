// <trip-map src="trips.geojson">: an animated, accessible trip map.
//
// This module owns the DOM, the events and the animation loop. The wasm core (tripmap.js and
// tripmap_bg.wasm, found beside this module) owns the data, the geometry and the timeline:
// it hands over the SVG markup and the trip details once, then numbers per frame.
//
// Importing this module defines the element and does nothing else: no globals, no listeners
// outside the element, no network until an element is connected.

const moduleUrl = import.meta.url;
const asset = (name) => new URL(name, moduleUrl).href;

// One wasm instance per page is shared by every element (each element has its own handle).
let corePromise = null;
function loadCore() {
  corePromise ??= import(asset("tripmap.js")).then(async (glue) => {
    await glue.default({ module_or_path: asset("tripmap_bg.wasm") });
    return glue;
  });
  return corePromise;
}

let basemapPromise = null;
function loadBasemap() {
  basemapPromise ??= fetchJson(asset("basemap.topo.json"), "basemap").catch((error) => {
    basemapPromise = null; // a later element (or Retry) tries again
    throw error;
  });
  return basemapPromise;
}

async function fetchJson(url, what) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`The ${what} could not be loaded from ${url} (${error.message}).`);
  }
  if (!response.ok) {
    throw new Error(`The ${what} could not be loaded from ${url}: the server answered ${response.status} ${response.statusText}.`.replace(" .", "."));
  }
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`The ${what} at ${url} is not valid JSON: ${error.message}.`);
  }
}

const SVG_TYPE = "image/svg+xml";

class TripMapElement extends HTMLElement {
  static observedAttributes = ["src"];

  #root;
  #map = null; // the wasm handle
  #generation = 0; // bumps on every load and on disconnect, so stale loads are dropped

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = asset("trip-map.css");
    const figure = document.createElement("div");
    figure.className = "frame";
    figure.setAttribute("part", "map");
    const status = document.createElement("p");
    status.className = "status";
    status.setAttribute("role", "status");
    this.#root.append(style, figure, status);
  }

  connectedCallback() {
    this.#load();
  }

  disconnectedCallback() {
    this.#generation++;
    this.#free();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (name === "src" && oldValue !== newValue && this.isConnected) this.#load();
  }

  async #load() {
    const generation = ++this.#generation;
    const src = this.getAttribute("src");
    if (!src) {
      this.#fail("No data: set the src attribute of <trip-map> to a GeoJSON file of trips.");
      return;
    }
    this.#status("Loading the map…");
    try {
      const dataUrl = new URL(src, document.baseURI).href;
      const [core, basemap, trips] = await Promise.all([
        loadCore(),
        loadBasemap(),
        fetchJson(dataUrl, "trip data"),
      ]);
      if (generation !== this.#generation) return;
      const map = new core.TripMap(trips, basemap, 20000);
      this.#free();
      this.#map = map;
      this.#render();
      this.#status("");
      this.dispatchEvent(new Event("ready"));
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#fail(error instanceof Error ? error.message : String(error));
    }
  }

  #render() {
    const frame = this.#root.querySelector(".frame");
    const doc = new DOMParser().parseFromString(this.#map.svg(), SVG_TYPE);
    const svg = document.importNode(doc.documentElement, true);
    frame.replaceChildren(svg);
  }

  #status(text) {
    const status = this.#root.querySelector(".status");
    status.textContent = text;
    status.classList.remove("error");
  }

  #fail(message) {
    const status = this.#root.querySelector(".status");
    status.textContent = message;
    status.classList.add("error");
    this.dispatchEvent(new CustomEvent("error", { detail: { message } }));
  }

  #free() {
    this.#map?.free();
    this.#map = null;
  }
}

if (!customElements.get("trip-map")) customElements.define("trip-map", TripMapElement);
