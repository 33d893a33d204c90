// <trip-map src="trips.geojson">: an animated, accessible trip map (the trips from `src`, or
// written inside the element as <script type="application/geo+json">).
//
// This module owns the DOM, the events and the animation loop. The wasm core (tripmap_bg.wasm,
// found beside this module, and its wasm-bindgen glue, bundled into this file at release) owns
// the data, the geometry and the timeline: it hands over the SVG markup and the trip details
// once, then a dozen numbers per frame.
//
// Importing this module defines the element and does nothing else: no globals, no listeners
// outside the element, no network until an element is connected.

const moduleUrl = import.meta.url;
const asset = (name) => new URL(name, moduleUrl).href;

// One wasm instance per page serves every element; each element has its own handle.
let corePromise = null;
let coreMemory = null; // the instance's memory, where each map leaves its frame's numbers
function loadCore() {
  if (corePromise) return corePromise;
  // The wasm is fetched while the glue loads, not after it: one round trip less at start-up.
  const wasm = fetch(asset("tripmap_bg.wasm"));
  wasm.catch(() => {}); // a failure is reported once, by the init below
  // A literal path: the release build bundles the glue into this file (scripts/minify.mjs),
  // still evaluated only here, on first use; from www/ it is fetched beside this module.
  corePromise = import("./tripmap.js")
    .then(async (glue) => {
      coreMemory = (await glue.default({ module_or_path: wasm })).memory;
      return glue;
    })
    .catch((error) => {
      corePromise = null; // Retry, or a later element, tries again
      throw new Error(`The map's code could not be loaded (${error.message}).`);
    });
  return corePromise;
}

/// The size of the wasm memory the page's maps share, in bytes (0 before the first map has
/// loaded): for the memory figures of `make bench` and the lifecycle test, which cannot reach
/// the glue once it is bundled in.
export const wasmMemoryBytes = () => coreMemory?.buffer.byteLength ?? 0;

let basemapPromise = null;
function loadBasemap() {
  basemapPromise ??= fetchBytes(asset("basemap.topo.json"), "basemap", 30000).catch((error) => {
    basemapPromise = null;
    throw error;
  });
  return basemapPromise;
}

const NO_DATA = "No data: give <trip-map> a src attribute naming a GeoJSON file of trips, "
  + "or put the trips inside it in a <script type=\"application/geo+json\">.";

/// The largest data file read, in bytes (10,000 synthetic trips fit), checked before parsing.
const MAX_DATA_BYTES = 50 * 1024 * 1024;
const MB = (bytes) => `${Math.round(bytes / (1024 * 1024))} MB`;

/// Fetches a file's bytes, turning every failure into a sentence a reader can act on. The size
/// limit is enforced while the body arrives. The bytes go to the core as they are: it checks
/// UTF-8 (a byte order mark is allowed), parses and validates. With `onPiece`, each piece goes
/// there as it arrives, and nothing is kept here.
async function fetchBytes(url, what, timeoutMs, signal, onPiece) {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    const response = await fetch(url, { signal: combined });
    if (!response.ok) {
      const reason = `${response.status} ${response.statusText}`.trim();
      throw new Error(`The ${what} could not be loaded: the server answered ${reason} for ${url}.`);
    }
    const type = (response.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (type === "text/html" || type.startsWith("image/") || type.startsWith("video/") || type.startsWith("audio/")) {
      throw new Error(`The ${what} at ${url} is not JSON: the server sent ${type}. Check the address.`);
    }
    const declared = Number(response.headers.get("content-length"));
    if (declared > MAX_DATA_BYTES && !response.headers.get("content-encoding")) {
      throw new Error(`The ${what} at ${url} is ${MB(declared)}; the limit is ${MB(MAX_DATA_BYTES)}.`);
    }
    return await readCapped(response, MAX_DATA_BYTES, () =>
      new Error(`The ${what} at ${url} is larger than the limit of ${MB(MAX_DATA_BYTES)}.`), onPiece);
  } catch (error) {
    if (signal?.aborted) throw error;
    if (timeout.aborted) throw new Error(`The ${what} took more than ${timeoutMs / 1000} s to arrive from ${url}.`);
    if (error.message.startsWith(`The ${what}`)) throw error;
    throw new Error(`The ${what} could not be loaded from ${url} (${error.message}).`);
  }
}

/// Reads a response body, stopping as soon as it passes `limit` bytes: into one array, or
/// piece by piece into `onPiece`.
async function readCapped(response, limit, tooLarge, onPiece) {
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    if (onPiece) onPiece(value);
    else chunks.push(value);
  }
  if (onPiece) return null;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const FRAME_LEN = 12;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
const SPEEDS = [0.5, 1, 2];
const TIMEUPDATE_MS = 250;
const STEP_MS = 1800; // reduced motion: how long each trip stays before the next
// During play, the shortest wait between two announcements of the trip on the map: about what
// a screen reader takes to say one. A trip that starts sooner is skipped; the one on the map
// when the wait is over is announced then. (Announced with every trip, a play of 1,000 trips
// asked for one a frame, and each was also a layout of the page's text.)
const ANNOUNCE_MS = 1000;
// During play, the shortest wait between two writes of the date under the map (and of the
// timeline's spoken value). At 1,000 trips the date changed in every frame, and each change
// laid its box out again (half the layout of a frame) and changed what the slider says to
// assistive technology 60 times a second. Whenever the play stops, jumps or is scrubbed, the
// date is written at once, so a paused map always shows the date of its frame.
const DATE_MS = 100;
const BREATHE_MS = 16; // start-up ends its task once a step has held the main thread for a frame (breathe)
const LAYOUT_POINTS = 20000; // points of the trips laid out in one call between breathe's checks
const LIST_FIRST = 60; // trips listed with the map: more than a tall screen shows (#renderList)
const LIST_BATCH = 250; // trips added to the list in each task after that
const LIST_BATCH_PLAYING = 50; // ... or in each frame, during a play
const PREPARE_AHEAD = 32; // during play, trips whose copy and paths are made in one batch (#prepare)
const MIN_LAYOUT_PX = 360;
const MAX_LAYOUT_PX = 900;
const RELAYOUT_RATIO = 0.15; // a box this much wider or narrower than the layout lays out again

// Glyphs of the traveller marker, drawn around (0, 0) facing east (heading 0).
const GLYPHS = {
  train: "M-9-5h14l4 5-4 5h-14z",
  plane: "M10 0 2-2-3-9h-3l3 7-6 1-3-3h-2l2 4-2 4h2l3-3 6 1-3 7h3l5-7z",
  car: "M-8-4h11l5 4-5 4h-11z",
  foot: "M-4-4a4 4 0 1 0 8 0a4 4 0 1 0-8 0M-3 3h6v6h-6z",
};

/// A trip's legs: the only children of its group. Walked, not spread: the iterator of a
/// host collection cost more than the rest of putting a finished trip on the canvas.
function legsOf(group) {
  const legs = [];
  for (let leg = group.firstElementChild; leg; leg = leg.nextElementSibling) legs.push(leg);
  return legs;
}

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function svgEl(tag, attrs = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/// Reads the core's SVG text by the HTML parser, into an inert template (nothing in it runs or
/// loads): at 1,000 trips it takes a quarter of the time of DOMParser's XML parser. Every text
/// in the SVG was escaped by the core. The element is moved, not copied, into this document: at
/// 1,000 trips a deep copy took about 10 ms.
function parseSvg(text) {
  const template = document.createElement("template");
  template.innerHTML = text;
  return document.adoptNode(template.content.firstElementChild);
}

/// Ends the task when start-up has held the main thread for longer than BREATHE_MS since
/// `since`, so that a large map's long steps (its layout in parts, then its SVG written, then
/// parsed) each run in a task of their own, with the reader's input and the page's paint
/// between them. Resolves with the time to count the next step from. A small map never waits.
async function breathe(since) {
  if (performance.now() - since < BREATHE_MS) return since;
  await (globalThis.scheduler?.yield?.() ?? new Promise((resolve) => setTimeout(resolve)));
  return performance.now();
}

/// What the last frame drew, before any frame: the next one redraws everything.
function unDrawn() {
  return { done: -1, active: -1, end: true, shown: false };
}

function dateLabel(year, month, day) {
  return `${day} ${MONTHS[month - 1] ?? ""} ${year}`;
}

// The core hands every trip over as one text and one array of numbers (src/list.rs): a trip
// is a record of nine fields, and its numbers are its window on the timeline and the drawn
// length of each leg. Two crossings at any size: as arrays of arrays, a thousand trips took
// 33 ms to cross.
const FIELD = "\x1f";
const RECORD = "\x1e";
const ITEM = "\x1d";
function tripRows(text, numbers) {
  let at = 0;
  return text.split(RECORD).slice(0, -1).map((record) => {
    const [id, title, start, end, dates, destination, foreign, modes, labels] = record.split(FIELD);
    const legModes = modes.split(" ");
    const t1 = numbers[at + 1]; // when the trip is whole; numbers[at] is when it starts
    const legPx = [];
    for (let j = 0; j < legModes.length; j++) legPx.push(numbers[at + 2 + j]);
    at += 2 + legModes.length;
    return {
      id, title, start, end, dates, destination, foreign: foreign === "1",
      modes: legModes, modeLabels: labels.split(ITEM), legPx, t1,
    };
  });
}
// The details cross as two flat arrays, texts and numbers (a smaller wasm than objects or
// nested arrays); this names their fields, laid out as `TripDetails` in src/wasm.rs says.
function detailsRow([texts, numbers]) {
  const [venue, country, summary] = texts;
  const [km, leaderCount, legCount] = numbers;
  const leaders = texts.slice(3, 3 + leaderCount);
  const legKm = numbers.slice(3, 3 + legCount);
  const sources = numbers.slice(3 + legCount).map((link, k) => ({
    title: texts[3 + leaderCount + 2 * k], url: texts[4 + leaderCount + 2 * k], link: link === 1,
  }));
  return { venue, country, leaders, km, legKm, summary, sources };
}

/// Writes each trip's state and whether the play is in time onto a map's SVG: the live map
/// when its held trips are shown again, or a copy being saved while they are held.
function showStates(svg, groups, states, inTime) {
  groups.forEach((g, i) => {
    if (g.dataset.state !== states[i]) g.dataset.state = states[i];
  });
  svg.classList.toggle("tm-in-time", inTime);
}

/// Whole kilometres with a comma between thousands ("1,352 km"), written out: a page's first
/// `toLocaleString` loads the locale's data, which was 20 to 30 ms of the first trip opened.
function formatKm(km) {
  return `${String(Math.round(km)).replace(/\B(?=(\d{3})+$)/g, ",")} km`;
}

class TripMapElement extends HTMLElement {
  static observedAttributes = ["src", "speed", "duration", "trip", "date", "theme", "loading"];

  #root;
  #ui = {};
  #core = null;
  #map = null; // the wasm handle
  #trips = []; // details of each trip, in date order
  #legStarts = []; // per trip, where each leg starts along the route, px
  #generation = 0; // bumps on every load and on disconnect, so stale loads are dropped
  #abort = null;

  #time = 0; // ms on the play axis
  #duration = 0;
  #rate = 1;
  #paused = true;
  #raf = 0;
  #stepTimer = 0;
  #lastTick = 0;
  #lastTimeupdate = 0;
  #frame = new Float64Array(FRAME_LEN);
  #dateDay; // the day the date under the map shows (#showDate), and when it was written
  #datedAt = 0;
  #frameView = null; // the map's frame numbers, in place in the wasm memory
  #drawn = unDrawn();
  #repaintLater = false; // a trip left the canvas: draw it again after this frame's changes
  #announced = -1; // the trip last announced during play, and when (performance.now())
  #announcedAt = -Infinity;
  #selected = -1;
  #reducedMotion = null;
  #resizeObserver = null;
  #visibilityObserver = null;
  #nearObserver = null; // loading="lazy": waits for the element to near the view
  #visible = false;
  #autoplayArmed = false; // autoplay waits for the widget to be half in view
  #autoplaying = false; // the current play was started by autoplay, not by the reader
  #connected = false;
  #unitsPerPx = 1;
  #msPerTrackPx = 0; // timeline ms that move the scrubber's thumb by one pixel
  #scrubbedTo = NaN; // the time the scrubber last showed
  #relayoutTo = 0; // the width a pending re-layout is for
  #darkQuery = null;
  #onScheme = () => this.#applyTheme();

  // The shadow DOM is built when the element is first connected (#activate), or for a lazy map
  // when it first nears the view: a lazy map far down a page costs no stylesheet and no DOM.

  // ---- Public API, modelled on HTMLMediaElement -------------------------------------------

  /// Starts or resumes playing. From the end, starts again from the beginning.
  play() {
    this.#autoplaying = false;
    this.#start();
  }

  /// Pauses where it is.
  pause() {
    this.#autoplayArmed = false;
    this.#autoplaying = false;
    this.#halt();
  }

  #start() {
    if (!this.#map || !this.#paused) return;
    const reduced = this.#prefersReducedMotion();
    this.#paused = false;
    this.#announced = -1; // a play that starts again says where it is, once the pace allows
    if (this.#time >= this.#duration) {
      // From the end, every trip on the map would go hidden at once, and none shows there
      // again before the play stops (finished trips go to the canvas): restyling them was a
      // 40 ms first frame at 1,000 trips. Instead their layer is made transparent, which the
      // compositor does alone (it is a layer of its own), and their states wait (#rest) until
      // #settle; a play that runs to its end leaves them as they were, and nothing is
      // restyled.
      if (!reduced) this.#holdTrips();
      this.#seek(0, false);
    }
    this.#updatePlayButton();
    this.dispatchEvent(new Event("play"));
    if (reduced) {
      this.#step();
    } else {
      this.#lastTick = performance.now();
      this.#raf = requestAnimationFrame((now) => this.#tick(now));
    }
  }

  #halt() {
    if (this.#paused) return;
    this.#stopLoop();
    this.#paused = true;
    this.#scrubTo(this.#time); // during play the thumb may lag by up to a pixel
    this.#showDate(true); // and the date by up to DATE_MS
    this.#settle(); // finished trips waiting on the moving layers rejoin the map
    this.#updatePlayButton();
    this.#fireTimeupdate(true);
    this.dispatchEvent(new Event("pause"));
  }

  get paused() {
    return this.#paused;
  }

  /// Position on the timeline, in seconds (0 before ready).
  get currentTime() {
    return this.#time / 1000;
  }

  set currentTime(seconds) {
    const ms = Number(seconds) * 1000;
    if (!this.#map || !Number.isFinite(ms)) return;
    this.#seek(ms, true);
  }

  /// Length of a full play at 1x, in seconds (NaN before ready, as for media).
  get duration() {
    return this.#map ? this.#duration / 1000 : NaN;
  }

  get playbackRate() {
    return this.#rate;
  }

  set playbackRate(rate) {
    const r = Number(rate);
    if (!Number.isFinite(r) || r <= 0) return;
    this.#rate = Math.min(Math.max(r, 0.1), 8);
    if (this.#ui.speed) this.#ui.speed.value = String(this.#rate);
    this.dispatchEvent(new Event("ratechange"));
  }

  /// The trips, in date order: {id, title, start, end}.
  get trips() {
    return this.#trips.map(({ id, title, start, end }) => ({ id, title, start, end }));
  }

  /// The id of the selected trip, or null.
  get selectedTrip() {
    return this.#trips[this.#selected]?.id ?? null;
  }

  /// Selects the trip with this id (opens its details); null or an unknown id clears.
  select(id) {
    const index = id == null ? -1 : this.#trips.findIndex((t) => t.id === String(id));
    this.#setSelected(index, false);
  }

  // ---- Lifecycle ----------------------------------------------------------------------------

  connectedCallback() {
    this.#connected = true;
    this.#loadWhenNear();
  }

  /// Builds the shadow DOM on first use, watches the element's size and visibility and the
  /// reader's colour scheme, and loads the map.
  #activate() {
    if (!this.#root) {
      this.#root = this.attachShadow({ mode: "open" });
      this.#build();
    }
    this.#reducedMotion ??= matchMedia("(prefers-reduced-motion: reduce)");
    this.#resizeObserver ??= new ResizeObserver(() => this.#layout());
    this.#resizeObserver.observe(this);
    // The map itself is watched, not the whole widget: a long list below it must not keep a
    // visible map from counting as in view.
    this.#visibilityObserver ??= new IntersectionObserver((entries) => this.#onVisibility(entries), {
      threshold: [0, 0.25, 0.5, 0.75, 1],
    });
    this.#visibilityObserver.observe(this.#ui.mapbox);
    this.#darkQuery ??= matchMedia("(prefers-color-scheme: dark)");
    this.#darkQuery.addEventListener("change", this.#onScheme);
    this.#applyTheme();
    this.#load();
  }

  disconnectedCallback() {
    this.#connected = false;
    this.#generation++;
    this.#abort?.abort();
    this.#stopLoop();
    this.#paused = true;
    this.#resizeObserver?.disconnect();
    this.#visibilityObserver?.disconnect();
    this.#stopWaiting();
    this.#darkQuery?.removeEventListener("change", this.#onScheme);
    this.#free();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (name === "speed") this.playbackRate = Number(newValue) || 1;
    else if (name === "theme") this.#applyTheme();
    else if (name === "trip" || name === "date") {
      if (this.#map) this.#applyDeepLink({ trip: this.getAttribute("trip"), date: this.getAttribute("date") });
    }
    // Still waiting for the view: no longer lazy, it loads now.
    else if (name === "loading") {
      if (this.#nearObserver) this.#loadWhenNear();
    }
    // Before connection, connectedCallback does the first load; a lazy element that has not
    // loaded yet reads its attributes when it does.
    else if (this.#connected && !this.#nearObserver) this.#load();
  }

  /// `loading="lazy"`, as for an image: nothing is downloaded or built until the element is
  /// within a screen's height of the view; the fallback in the page shows until then. A map
  /// far down an article costs its readers no wasm, no data, no stylesheet and no DOM unless
  /// they scroll towards it. Otherwise, or when the page's address links to a trip or date in
  /// this map, it is built and loads at once.
  #loadWhenNear() {
    this.#stopWaiting();
    if (this.getAttribute("loading") !== "lazy" || this.#deepLinkFromUrl()) {
      this.#activate();
      return;
    }
    this.#nearObserver = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      this.#stopWaiting();
      this.#activate();
    }, { rootMargin: "100% 0px" });
    this.#nearObserver.observe(this);
  }

  /// A lazy element no longer waits for the view (it is near, no longer lazy, or gone).
  #stopWaiting() {
    this.#nearObserver?.disconnect();
    this.#nearObserver = null;
  }

  // ---- Building the shadow DOM ----------------------------------------------------------------

  #build() {
    const ui = this.#ui;
    const style = el("link", { rel: "stylesheet", href: asset("trip-map.css") });
    // The live widget is shown only once its styles apply: shown unstyled for a moment, it
    // would push the article around.
    ui.styled = new Promise((resolve) => {
      style.addEventListener("load", resolve, { once: true });
      style.addEventListener("error", resolve, { once: true });
    }).then(() => (ui.shell.hidden = false));
    ui.widget = el("div", { class: "widget", part: "widget" });
    ui.fallback = el("div", { class: "fallback" });
    ui.fallback.append(document.createElement("slot"));

    ui.main = el("div", { class: "main" });
    ui.frame = el("div", { class: "frame", part: "map" });
    ui.tooltip = el("div", { class: "tooltip", role: "tooltip", hidden: "" });
    ui.chooser = el("div", { class: "chooser", role: "dialog", "aria-label": "Choose a trip", hidden: "" });
    ui.mapbox = el("div", { class: "mapbox" });
    ui.mapbox.append(ui.frame, ui.tooltip, ui.chooser);

    ui.controls = el("div", { class: "controls", role: "group", "aria-label": "Timeline" });
    ui.play = el("button", { type: "button", class: "play", "aria-label": "Play" });
    ui.play.append(el("span", { class: "icon", "aria-hidden": "true" }));
    ui.prev = el("button", { type: "button", class: "prev", "aria-label": "Previous trip" }, "‹");
    ui.next = el("button", { type: "button", class: "next", "aria-label": "Next trip" }, "›");
    ui.track = el("div", { class: "track" });
    ui.ticks = el("div", { class: "ticks", "aria-hidden": "true" });
    ui.scrubber = el("input", {
      type: "range", class: "scrubber", "aria-label": "Timeline", min: "0", max: "1000", step: "any", value: "1000",
    });
    ui.track.append(ui.ticks, ui.scrubber);
    // The date and the announcements change in nearly every frame of a play. Each sits in a box
    // the browser can lay out on its own (trip-map.css), so a new date or announcement does not
    // have the whole widget and page laid out again: at 1,000 trips that was most of a frame's
    // layout (docs/performance.md, twenty-first round).
    ui.date = el("output", { class: "date", "aria-hidden": "true" });
    ui.dateText = el("span", { class: "date-text" });
    ui.date.append(ui.dateText);
    ui.speed = el("select", { class: "speed", "aria-label": "Speed" });
    for (const s of SPEEDS) ui.speed.append(el("option", { value: String(s) }, `${s}×`));
    ui.speed.value = "1";
    ui.exportSvg = el("button", { type: "button", class: "export", "aria-label": "Download SVG", title: "Download SVG" }, "⤓ SVG");
    ui.exportPng = el("button", { type: "button", class: "export", "aria-label": "Download PNG", title: "Download PNG" }, "⤓ PNG");
    ui.exports = el("div", { class: "exports" });
    ui.exports.append(ui.exportSvg, ui.exportPng);
    ui.controls.append(ui.play, ui.prev, ui.next, ui.track, ui.date, ui.speed, ui.exports);
    ui.main.append(ui.mapbox, ui.controls);

    ui.side = el("div", { class: "side" });
    ui.details = el("section", { class: "details", role: "region", "aria-label": "Trip details", hidden: "" });
    ui.listHeading = el("h2", { class: "list-heading" }, "Trips");
    ui.list = el("ol", { class: "list" });
    ui.side.append(ui.details, ui.listHeading, ui.list);

    ui.status = el("div", { class: "status", role: "status" });
    ui.widget.hidden = true;
    ui.live = el("div", { class: "visually-hidden", "aria-live": "polite" });
    const liveBox = el("div", { class: "live-box" });
    liveBox.append(ui.live);
    ui.widget.append(ui.main, ui.side);
    // Until the styles apply, only the fallback shows: the status line, unstyled, would
    // move the page.
    ui.shell = el("div", { class: "root", hidden: "" });
    ui.shell.append(ui.status, ui.widget, liveBox);
    this.#root.append(style, ui.fallback, ui.shell);

    ui.play.addEventListener("click", () => (this.#paused ? this.play() : this.pause()));
    ui.prev.addEventListener("click", () => this.#jump(-1));
    ui.next.addEventListener("click", () => this.#jump(1));
    ui.scrubber.addEventListener("input", () => {
      this.pause();
      this.#seek(Number(ui.scrubber.value), true);
    });
    ui.speed.addEventListener("change", () => (this.playbackRate = Number(ui.speed.value)));
    ui.exportSvg.addEventListener("click", () => this.downloadSvg());
    ui.exportPng.addEventListener("click", () => this.downloadPng());
    ui.list.addEventListener("click", (e) => {
      const button = e.target.closest("button[data-trip]");
      if (button) this.#setSelected(Number(button.dataset.trip), true);
    });
    ui.list.addEventListener("keydown", (e) => this.#listKeys(e));
    ui.frame.addEventListener("click", (e) => this.#mapClick(e));
    ui.frame.addEventListener("pointermove", (e) => this.#hover(e));
    ui.frame.addEventListener("pointerleave", () => (ui.tooltip.hidden = true));
    ui.chooser.addEventListener("click", (e) => {
      const button = e.target.closest("button[data-trip]");
      if (button) {
        ui.chooser.hidden = true;
        this.#setSelected(Number(button.dataset.trip), true);
      }
    });
    // Keys act only while focus is inside this widget: the listener is on the shadow root.
    this.#root.addEventListener("keydown", (e) => this.#keys(e));
  }

  // ---- Loading ----------------------------------------------------------------------------------

  async #load() {
    const generation = ++this.#generation;
    this.#abort?.abort();
    this.#abort = new AbortController();
    this.#stopLoop();
    this.#paused = true;
    // Nothing to draw, and nothing more will come: said at once, with nothing downloaded.
    if (!this.getAttribute("src") && !this.#inlineData() && document.readyState !== "loading") {
      this.#fail(NO_DATA);
      return;
    }
    // Said to screen readers only: a visible line here would move when the map replaces the
    // fallback, which readers see as a layout jump.
    this.#setStatus("Loading the map…", false, true);
    try {
      // With no static map in the page the basemap will be needed: it downloads with the rest,
      // not after the core is built. A failure is reported when it is used (#giveLand).
      if (!this.#fallbackSvg()) loadBasemap().catch(() => {});
      // The styles' promise never fails, and the trips' fails when the core does: a loader
      // that is returned is always used or freed here.
      const coreLoaded = loadCore();
      const [core, loader] = await Promise.all([coreLoaded, this.#data(coreLoaded), this.#ui.styled]);
      if (generation !== this.#generation) {
        loader.free();
        return;
      }
      const seconds = Number(this.getAttribute("duration"));
      const durationMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 20000;
      const width = this.#layoutWidth();
      let since = performance.now();
      let map, svg;
      try {
        // A large map is laid out in parts, its task ended between them (breathe).
        while (!(map = loader.layOut(LAYOUT_POINTS, durationMs, width))) {
          since = await breathe(since);
          if (generation !== this.#generation) return;
        }
      } finally {
        loader.free();
      }
      try {
        await this.#giveLand(map);
        // Nothing more is made for a widget removed (or given another src) meanwhile: its map
        // is freed below.
        if (generation === this.#generation) {
          const text = map.svg();
          since = await breathe(since);
          if (generation === this.#generation) {
            svg = parseSvg(text);
            await breathe(since);
          }
        }
      } catch (error) {
        map.free();
        throw error;
      }
      if (generation !== this.#generation) {
        map.free();
        return;
      }
      this.#free();
      this.#core = core;
      this.#map = map;
      this.#readTrips(map);
      this.#duration = map.duration;
      this.#render(svg);
      this.#renderList();
      this.#setSelected(-1, false);
      this.#time = this.#duration;
      this.#drawn = unDrawn();
      this.#applyFrame(true);
      const skipped = map.warningCount;
      this.#setStatus(skipped
        ? `${skipped} ${skipped === 1 ? "trip was" : "trips were"} left out: ${map.warnings()}`
        : "", skipped > 0);
      this.toggleAttribute("data-ready", true);
      this.playbackRate = Number(this.getAttribute("speed")) || this.#rate;
      const link = this.#deepLinkFromUrl();
      this.#applyDeepLink(link ?? { trip: this.getAttribute("trip"), date: this.getAttribute("date") });
      this.#autoplayArmed = this.hasAttribute("autoplay") && !link;
      this.dispatchEvent(new Event("ready"));
      this.#maybeAutoplay();
      this.#warmDetails(generation);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#fail(error instanceof Error ? error.message : String(error));
    }
  }

  /// The trips, read by the core (a TripLoader, once `coreLoaded` gives it) as their bytes
  /// arrive: the file named by `src`, or without one, the trips written inside the element as
  /// `<script type="application/geo+json">` (the fallback that tripmap-render writes carries
  /// them, so the page needs no second request). Script data is never run and is read as
  /// text, so a strict Content-Security-Policy allows it. Pieces that arrive before the core
  /// wait for it; once it is there, each is read as it comes, while the rest downloads.
  async #data(coreLoaded) {
    let loader = null;
    let failed = false;
    const early = [];
    const give = (piece) => (loader ? loader.push(piece) : early.push(piece));
    const started = coreLoaded.then((core) => {
      if (failed) return;
      loader = new core.TripLoader();
      for (const piece of early.splice(0)) loader.push(piece);
    });
    started.catch(() => {}); // reported by #load, which waits for the core too
    try {
      await this.#bytes(give);
      await started;
      return loader;
    } catch (error) {
      failed = true;
      loader?.free();
      throw error;
    }
  }

  /// Hands the trips' bytes to `give`, as they arrive (what it returns is not used).
  async #bytes(give) {
    const src = this.getAttribute("src");
    if (src) {
      const url = new URL(src, document.baseURI).href;
      return fetchBytes(url, "trip data", this.#timeoutMs(), this.#abort.signal, give);
    }
    // An element defined before the page is parsed connects before its children arrive: it
    // waits, once, for the parser to finish (the one listener outside the element that is not
    // the reader's colour scheme; it removes itself).
    if (!this.#inlineData() && document.readyState === "loading") {
      await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
    }
    const script = this.#inlineData();
    if (!script) throw new Error(NO_DATA);
    give(new TextEncoder().encode(script.textContent));
  }

  #inlineData() {
    return this.querySelector(':scope > script[type="application/geo+json"]');
  }

  /// The no-JavaScript fallback's map, if the page has one.
  #fallbackSvg() {
    return this.querySelector("svg.tm-map[data-land]");
  }

  /// The land comes from the fallback already in the page: the core draws it again for its
  /// own layout, at any width the fallback's land covers (all those the widget lays out for),
  /// and the basemap is never downloaded. Otherwise the basemap is fetched (once per page)
  /// and drawn by the core.
  async #giveLand(map) {
    if (map.hasLand) return;
    const svg = this.#fallbackSvg();
    const land = svg?.querySelector(".tm-land")?.getAttribute("d") ?? "";
    if (svg && map.shareLand(svg.dataset.land, land)) return;
    map.setBasemap(await loadBasemap());
  }

  /// Puts the map's SVG (parsed from the core's text, here or by the caller) on the page.
  #render(svg = parseSvg(this.#map.svg())) {
    const ui = this.#ui;
    // The sea and the land go on a layer of their own under the trips, so that the trips can
    // be dimmed as one layer, by the compositor, when a trip is chosen (#setSelected).
    ui.base = svgEl("svg", { class: "tm-base", viewBox: svg.getAttribute("viewBox"), "aria-hidden": "true", focusable: "false" });
    ui.base.append(...svg.querySelectorAll(".tm-sea, .tm-land"));
    // Each leg carries the length the core measured (pathLength), which the dash arithmetic
    // uses. Hit testing is the core's too (tripsNear): no second copy of the paths.
    ui.marker = svgEl("g", { class: "tm-marker", "aria-hidden": "true" });
    ui.glyph = svgEl("path", { class: "tm-glyph" });
    ui.glyphMode = ""; // the mode its glyph shows
    ui.marker.append(svgEl("circle", { r: "11", class: "tm-marker-bg" }), ui.glyph);
    // What moves during play is drawn over the map: the growing trip and the marker on an SVG
    // layer at the top, and each trip finished during play once onto a canvas below it
    // (#shelve). Neither repaints the land or the trips on the map itself, and a finished trip
    // costs nothing in later frames, however many there are.
    ui.canvas = el("canvas", { class: "tm-done", "aria-hidden": "true" });
    ui.ctx = ui.canvas.getContext("2d");
    ui.painted = new Map(); // trip index -> its strokes on the canvas
    ui.canvasCount = -1; // the count its data-count shows
    ui.looks = new Map(); // how a leg looks on the canvas, by its classes and the map's
    ui.overlay = svgEl("svg", {
      class: "tm-overlay", viewBox: svg.getAttribute("viewBox"), "aria-hidden": "true", focusable: "false",
    });
    ui.overlayTrips = svg.querySelector(".tm-trips").cloneNode(false);
    ui.overlay.append(ui.overlayTrips, ui.marker);
    // The map's dots, labels, title, legend and credit move to a layer of their own over the
    // canvas, so that trips finished during play stay under them as they do on the map. It is
    // painted once.
    ui.furniture = ui.overlay.cloneNode(false);
    ui.furniture.setAttribute("font-family", svg.getAttribute("font-family") ?? "");
    ui.furniture.append(...svg.querySelectorAll(".tm-places, .tm-labels, .tm-title, .tm-legend, .tm-credit"));
    ui.lifted = new Map(); // trip index -> its copy on a moving layer
    ui.ready = new Map(); // trip index -> a copy made ahead of its lifting (#prepare)
    ui.paths = new Map(); // trip index -> its legs as canvas paths, made ahead (#prepare)
    ui.growing = null; // the copy being drawn, its legs and their last dash offsets
    if (ui.svg) this.#resizeObserver.unobserve(ui.svg); // the map this one replaces
    ui.svg = svg;
    ui.groups = [...svg.querySelectorAll(".tm-trip")];
    ui.marked = -1; // the trip drawn again as chosen (ui.chosen): none on a new map
    ui.chosen = null;
    ui.states = ui.groups.map((g) => g.dataset.state ?? ""); // each trip's state on the map
    ui.held = false; // states kept aside during a play (#holdTrips)
    ui.frame.replaceChildren(ui.base, svg, ui.canvas, ui.furniture, ui.overlay);
    ui.fallback.hidden = true;
    ui.widget.hidden = false;
    this.#renderTicks();
    // Measured when the browser lays the page out for its next frame, not forced here: the
    // observer calls #layout (canvas size, marker scale, year labels) before that frame is
    // painted, and start-up does not pay for a layout that the frame would redo.
    this.#resizeObserver.observe(svg);
  }

  /// The list of trips. A long list is built in parts: the first LIST_FIRST items with the map,
  /// the rest in parts after the map's first frame, so that neither `ready` nor that
  /// frame waits for items far below the list's first screen (at 1,000 trips their style and
  /// layout were about 40% of that frame; docs/performance.md, twenty-fourth round). Whatever
  /// needs an item not built yet builds the items up to it at once (#fillList): choosing a trip,
  /// a key in the list.
  #renderList() {
    const ui = this.#ui;
    // Each item is a copy of one made here: at 1,000 trips, copying took less than half the
    // time of making 4,000 elements and setting their attributes one by one.
    const model = el("li");
    model.append(el("button", { type: "button", class: "trip", "aria-pressed": "false" }));
    model.firstChild.append(el("span", { class: "trip-title" }), el("span", { class: "trip-meta" }));
    const trips = this.#trips;
    let built = 0;
    const fill = (upTo) => {
      const end = Math.min(upTo, trips.length);
      if (built >= end) return; // nothing to add: the list is not touched
      const items = document.createDocumentFragment();
      for (; built < end; built++) {
        const trip = trips[built];
        const item = model.cloneNode(true);
        const button = item.firstChild;
        button.setAttribute("data-trip", String(built));
        const modes = [...new Set(trip.modeLabels)].join(", ");
        button.firstChild.textContent = trip.title;
        button.lastChild.textContent = `${trip.dates} · ${trip.destination} · ${modes}${trip.foreign ? "" : " · not a trip abroad"}`;
        if (!trip.foreign) button.classList.add("not-abroad");
        items.append(item);
      }
      ui.list.append(items);
    };
    ui.list.replaceChildren();
    fill(LIST_FIRST);
    ui.fillList = fill;
    ui.pressed = -1; // the item whose button is pressed: none in a new list
    ui.listHeading.textContent = `${trips.length} ${trips.length === 1 ? "trip" : "trips"}`;
    if (built < trips.length) {
      // The rest after the map's first frame, as fast as tasks come; during a play a small part
      // a frame instead, so that no frame of the play lays out many items. The timeouts also
      // serve a hidden page, which draws no frames.
      let timer = 0;
      let frame = 0;
      const more = () => {
        clearTimeout(timer);
        cancelAnimationFrame(frame);
        if (ui.fillList !== fill || built >= trips.length) return;
        const playing = !this.#paused;
        fill(built + (playing ? LIST_BATCH_PLAYING : LIST_BATCH));
        // Laid out here, in this part's own task: left to the next frame, which the browser may
        // be slow to draw after the map's first one, the parts came due together, as one long
        // task (about 45 ms at 1,000 trips, in the first frame of a play that began then).
        void ui.list.offsetHeight;
        if (playing) frame = requestAnimationFrame(more);
        timer = setTimeout(more, playing ? 100 : 0);
      };
      timer = setTimeout(more, 100);
      frame = requestAnimationFrame(() => {
        clearTimeout(timer);
        timer = setTimeout(more, 0);
      });
    }
  }

  /// Builds the list's items up to `upTo` (all of them when not given) if they are not built yet.
  #fillList(upTo = Infinity) {
    this.#ui.fillList?.(upTo);
  }

  #renderTicks() {
    const ui = this.#ui;
    const duration = this.#duration;
    ui.scrubber.max = String(duration);
    // A tick where each trip ends: one path for all of them (a thousand trips are a thousand
    // ticks, not a thousand elements to style and lay out), in timeline units stretched to the
    // track; the stroke keeps its width.
    let d = "";
    const years = [];
    let lastYear = null;
    this.#trips.forEach(({ t1, start }) => {
      d += `M${t1.toFixed(1)} 0v6`;
      const year = start.slice(0, 4);
      if (year !== lastYear) {
        const label = el("span", { class: "year" }, year);
        label.style.left = `${(100 * t1) / duration}%`; // CSSOM, allowed under a strict CSP
        years.push(label);
        lastYear = year;
      }
    });
    const marks = svgEl("svg", {
      class: "tick-marks", viewBox: `0 0 ${Math.max(duration, 1)} 6`, preserveAspectRatio: "none", focusable: "false",
    });
    if (d) marks.append(svgEl("path", { d }));
    ui.ticks.replaceChildren(marks, ...years);
  }

  /// The width the core lays the map out for: the element's own, within limits, so that labels
  /// and lines keep a readable size from a phone to a wide desktop column.
  #layoutWidth() {
    const width = this.getBoundingClientRect().width || 720;
    // Close enough to the fallback's own width (the same tolerance as a resize): lay out as
    // the fallback did, so the map does not change under the reader and its land is reused.
    const fallback = Number(this.#fallbackSvg()?.viewBox.baseVal.width);
    if (fallback > 0 && Math.abs(width - fallback) / fallback <= RELAYOUT_RATIO) return fallback;
    return Math.round(Math.min(Math.max(width, MIN_LAYOUT_PX), MAX_LAYOUT_PX) / 10) * 10;
  }

  /// The trips as the list and the animation use them, with where each leg starts along its
  /// trip (px of the current layout).
  #readTrips(map) {
    this.#trips = tripRows(map.trips(), map.tripNumbers());
    this.#legStarts = this.#trips.map((t) => {
      let sum = 0;
      return t.legPx.map((px) => ((sum += px), sum - px));
    });
  }

  async #relayout(width) {
    const map = this.#map;
    const generation = this.#generation;
    if (this.#relayoutTo === width) return;
    this.#relayoutTo = width;
    try {
      // The new layout's land is drawn from the basemap or from the fallback's land, which
      // covers every width the widget lays out for; only a fallback from elsewhere may not,
      // and then the basemap is fetched (once per page) before the new layout is shown.
      map.resize(width);
      // Every length on the map changed with the layout: the shell's copies must too, or the
      // growing line and the marker part ways.
      this.#readTrips(map);
      await this.#giveLand(map);
      if (map !== this.#map || generation !== this.#generation || this.#relayoutTo !== width) return;
    } catch (error) {
      if (generation === this.#generation) this.#fail(error.message);
      return;
    } finally {
      if (this.#relayoutTo === width) this.#relayoutTo = 0;
    }
    this.#render();
    this.#drawn = unDrawn();
    this.#applyFrame(true);
    this.#setSelected(this.#selected, false);
  }

  #layout() {
    const svg = this.#ui.svg;
    if (!svg || !this.#map) return;
    const { width, height } = svg.getBoundingClientRect();
    if (!width) return;
    const wanted = this.#layoutWidth();
    if (Math.abs(wanted - this.#map.width) / this.#map.width > RELAYOUT_RATIO) {
      // A much narrower or wider box (a phone turned, a column resized): lay out again.
      this.#relayout(wanted);
      return;
    }
    this.#sizeCanvas(width, height);
    const unitsPerPx = this.#map.width / width;
    this.#unitsPerPx = unitsPerPx;
    this.#ui.markerScale = Math.max(unitsPerPx, 0.6);
    // Year labels too close to the previous one are hidden.
    const trackWidth = this.#ui.ticks.getBoundingClientRect().width;
    this.#msPerTrackPx = trackWidth > 0 ? this.#duration / trackWidth : 0;
    let last = -Infinity;
    for (const label of this.#ui.ticks.querySelectorAll(".year")) {
      const x = (parseFloat(label.style.left) / 100) * trackWidth;
      label.hidden = x - last < 34;
      if (!label.hidden) last = x;
    }
    this.#placeMarker();
    this.classList.toggle("narrow", width < 560);
  }

  // ---- Time ----------------------------------------------------------------------------------------

  #tick(now) {
    if (this.#paused) return;
    const dt = Math.min(now - this.#lastTick, 100); // a hidden tab does not jump ahead
    this.#lastTick = now;
    this.#time = Math.min(this.#time + dt * this.#rate, this.#duration);
    this.#applyFrame(false);
    this.#fireTimeupdate(false);
    if (this.#time >= this.#duration) {
      this.#ended();
      return;
    }
    this.#raf = requestAnimationFrame((t) => this.#tick(t));
  }

  // Reduced motion: nothing grows; the map shows each trip whole, one after another.
  #step() {
    if (this.#paused) return;
    const next = this.#nextTripEnd(this.#time);
    this.#seek(next, true);
    this.#announce(this.#frame[0] - 1, false); // nothing grows: the trip just shown whole
    if (this.#time >= this.#duration) {
      this.#ended();
      return;
    }
    this.#stepTimer = setTimeout(() => this.#step(), STEP_MS / this.#rate);
  }

  #ended() {
    this.#stopLoop();
    if (this.hasAttribute("loop")) {
      this.#seek(0, true);
      this.#paused = true;
      this.#start();
      return;
    }
    this.#paused = true;
    this.#listPainted(); // the finished trips stay on the canvas, as drawn
    this.#updatePlayButton();
    this.#fireTimeupdate(true);
    this.dispatchEvent(new Event("pause"));
    this.dispatchEvent(new Event("ended"));
  }

  #stopLoop() {
    cancelAnimationFrame(this.#raf);
    clearTimeout(this.#stepTimer);
    this.#raf = 0;
    this.#stepTimer = 0;
  }

  #seek(ms, notify) {
    this.#time = Math.min(Math.max(ms, 0), this.#duration);
    this.#applyFrame(false);
    if (notify) this.#fireTimeupdate(true);
  }

  /// The end of the first trip that finishes after `t` (or the end of the axis).
  #nextTripEnd(t) {
    return this.#trips.find(({ t1 }) => t1 > t + 1)?.t1 ?? this.#duration;
  }

  #jump(direction) {
    if (!this.#map) return;
    this.pause();
    const n = this.#trips.length;
    const current = this.#frame[0]; // trips fully drawn
    // Next: the first trip not yet whole. Previous: the one before the last whole trip.
    const target = direction > 0
      ? Math.min(current >= n ? 0 : current, n - 1)
      : Math.max(Math.min(current, n) - 2, 0);
    this.#seek(this.#trips[target].t1, true);
    this.#setSelected(target, false);
  }

  #fireTimeupdate(force) {
    const now = performance.now();
    if (!force && now - this.#lastTimeupdate < TIMEUPDATE_MS) return;
    this.#lastTimeupdate = now;
    this.dispatchEvent(new Event("timeupdate"));
  }

  // ---- Drawing a frame ------------------------------------------------------------------------------
  // Only what changed is touched: the trips whose state changed since the last frame, and the
  // one trip being drawn. The cost does not grow with the number of trips already finished.

  #applyFrame(force) {
    const map = this.#map;
    const ui = this.#ui;
    if (!map || !ui.groups) return;
    const f = this.#frame;
    map.frameAt(this.#time);
    // A view dies when the wasm memory grows; it is then made again.
    if (this.#frameView?.buffer !== coreMemory.buffer) {
      this.#frameView = new Float64Array(coreMemory.buffer, map.framePtr, FRAME_LEN);
    }
    f.set(this.#frameView);
    const done = f[0];
    const active = f[1];
    const end = this.#time >= this.#duration;
    const prev = this.#drawn;

    if (force || prev.done !== done || prev.active !== active) {
      if (!this.#paused) this.#prepare(done);
      // Below lo every trip was and stays done; above hi every trip was and stays hidden.
      const lo = force ? 0 : Math.min(prev.done, done);
      const hi = force ? ui.groups.length - 1 : Math.max(prev.done, done, prev.active, active);
      for (let i = Math.max(lo, 0); i <= Math.min(hi, ui.groups.length - 1); i++) {
        const state = i < done ? "done" : i === active ? "active" : "hidden";
        this.#setTripState(i, state, force);
      }
      if (this.#repaintLater) {
        this.#repaintLater = false;
        this.#repaint();
      }
      // How many trips the canvas holds, once a frame; which ones is written when the play
      // stops (a list rewritten per trip would cost more the more trips had finished).
      if (ui.canvasCount !== ui.painted.size) {
        ui.canvasCount = ui.painted.size;
        ui.canvas.dataset.count = String(ui.canvasCount);
      }
    }
    if (active >= 0) this.#growTrip(active, f[3]);
    if (force || prev.end !== end) this.#mapClass("tm-in-time", !end);
    const shown = active >= 0;
    // Each frame touches only what changed, and makes as few strings and objects as it can:
    // what a frame leaves behind for the garbage collector is script time in later frames.
    if (force || shown !== prev.shown) ui.marker.classList.toggle("shown", shown);
    prev.done = done;
    prev.active = active;
    prev.end = end;
    prev.shown = shown;
    if (force || this.#paused) this.#settle();
    if (shown) {
      const mode = this.#trips[active].modes[f[7]] ?? "train";
      // Compared with a copy kept here: reading the element's dataset each frame cost more.
      if (ui.glyphMode !== mode) {
        ui.glyphMode = mode;
        ui.glyph.dataset.mode = mode;
        ui.glyph.setAttribute("d", GLYPHS[mode] ?? GLYPHS.train);
        ui.marker.dataset.mode = mode;
      }
      this.#placeMarker();
    }
    // Controls. During play the thumb moves only when it would move by a pixel: setting the
    // range's value restyles and repaints it, which every frame was a sixth of a frame's work.
    if (force || this.#paused || end || !(Math.abs(this.#time - this.#scrubbedTo) < this.#msPerTrackPx)) {
      this.#scrubTo(this.#time);
    }
    this.#showDate(force || this.#paused || end);
    if (active >= 0) this.#announce(active);
  }

  /// Writes the frame's date under the map and as the timeline's spoken value, if it is not
  /// shown already: at once when `exact`, otherwise at most every DATE_MS.
  #showDate(exact) {
    const f = this.#frame;
    const day = f[8] * 10000 + f[9] * 100 + f[10];
    if (day === this.#dateDay) return; // most frames of a small map: nothing more to do
    const now = performance.now();
    if (!exact && now - this.#datedAt < DATE_MS) return;
    this.#dateDay = day;
    this.#datedAt = now;
    const date = dateLabel(f[8], f[9], f[10]);
    this.#ui.dateText.textContent = date;
    this.#ui.scrubber.setAttribute("aria-valuetext", date);
  }

  /// Tells a screen reader which trip the play has reached: at most once per ANNOUNCE_MS
  /// while trips grow, and every trip when the play steps from one to the next (reduced
  /// motion, already STEP_MS apart at 1×).
  #announce(i, paced = true) {
    if (this.#paused || i === this.#announced) return;
    const now = performance.now();
    if (paced && now - this.#announcedAt < ANNOUNCE_MS) return;
    const t = this.#trips[i];
    if (!t) return;
    this.#announced = i;
    this.#announcedAt = now;
    this.#ui.live.textContent = `Trip ${i + 1} of ${this.#trips.length}: ${t.destination}, ${t.dates}`;
  }

  #scrubTo(time) {
    this.#ui.scrubber.value = String(time);
    this.#scrubbedTo = time;
  }

  /// Toggles a class on the map and on its moving layers, which share the map's styles. While
  /// the map's trips are held, the map's own `tm-in-time` waits for #settle too.
  #mapClass(name, on) {
    const ui = this.#ui;
    for (const svg of [ui.svg, ui.furniture, ui.overlay]) {
      if (svg === ui.svg && ui.held && name === "tm-in-time") continue;
      svg?.classList.toggle(name, on);
    }
  }

  /// Trip i's state on the map: recorded, and shown there unless the trips are held.
  #rest(i, state) {
    const ui = this.#ui;
    if (ui.states[i] === state) return;
    ui.states[i] = state;
    if (i === ui.marked && ui.chosen) ui.chosen.dataset.state = state;
    if (!ui.held) ui.groups[i].dataset.state = state;
  }

  /// Covers the map's trips with the canvas, painted with the map's sea and land, and keeps
  /// their states aside until #settle.
  #holdTrips() {
    const ui = this.#ui;
    if (!ui.svg || !ui.ctx || ui.held) return;
    ui.held = true;
    // Painting the sea and the land over them on the canvas instead (until the twenty-first
    // round) was a long task on a slow phone: a canvas three times the map's size filled.
    ui.svg.classList.add("tm-held");
  }

  /// Shows the map's trips again, each in the state it has by now: only those whose state
  /// changed since they were held are restyled.
  #releaseTrips() {
    const ui = this.#ui;
    if (!ui.held || !ui.groups) return;
    ui.held = false;
    showStates(ui.svg, ui.groups, ui.states, ui.overlay.classList.contains("tm-in-time"));
    ui.svg.classList.remove("tm-held");
  }

  /// The copy of trip i on the moving layer, made when it starts to grow. The trip on the
  /// map itself stays untouched (hidden) until it rejoins, so growing repaints nothing else.
  /// A new copy takes `state` before it is placed, where restyling it costs nothing.
  #lift(i, state) {
    const ui = this.#ui;
    let copy = ui.lifted.get(i);
    if (!copy) {
      copy = ui.ready.get(i) ?? ui.groups[i].cloneNode(true);
      ui.ready.delete(i);
      // Attributes by name on this path, which runs for every trip in a play: the dataset's
      // named properties cost several times as much.
      copy.setAttribute("data-state", state ?? ui.states[i]); // the map's own may be held (#holdTrips)
      copy.setAttribute("class", this.#copyClasses(i));
      this.#rest(i, "hidden");
      // In date order among the other copies there (the lifted ones): found in that map, not
      // by reading the layer's elements, which cost more than the rest of lifting.
      let next = null;
      let after = Infinity;
      for (const [j, c] of ui.lifted) {
        if (j > i && j < after && c.parentNode === ui.overlayTrips) {
          next = c;
          after = j;
        }
      }
      ui.overlayTrips.insertBefore(copy, next);
      ui.lifted.set(i, copy);
    }
    return copy;
  }

  /// The classes of trip i's copy on the moving layer: the map's own, and tm-selected when it
  /// is the chosen trip (the map's own never is). Also the look of a trip shelved with no copy.
  #copyClasses(i) {
    const own = this.#ui.groups[i].getAttribute("class") ?? "";
    return i === this.#selected ? `${own} tm-selected` : own;
  }

  /// A trip that has finished during play is drawn once onto the canvas under the moving
  /// layer, as it looks there now (colour, width, dashes, dimming), and its copy goes. Only
  /// the canvas changes: the map and the trips already drawn are not painted again.
  /// Without a copy (a trip that started and finished between two frames) it is drawn from the
  /// map's own legs, if their looks have been read; if not, it returns false and draws nothing.
  #shelve(i, copy) {
    const ui = this.#ui;
    const group = copy ?? ui.groups[i];
    const classes = copy ? copy.getAttribute("class") : this.#copyClasses(i);
    // Legs that look alike (same mode, state, selection and theme) share one computed style:
    // reading it forces a style update, which a thousand finishing trips paid once each.
    const look = `${ui.shell.className}|${ui.overlay.getAttribute("class")}|${classes}|done|`;
    const legs = legsOf(group);
    const keys = legs.map((leg) => look + leg.getAttribute("class"));
    if (keys.some((key) => !ui.looks.has(key))) {
      if (!copy) return false;
      // A look not read yet: the copy is styled as the trip rests on the map (done, and each
      // leg its mode's own dashes), then read. A copy whose looks are known goes as it is.
      copy.setAttribute("data-state", "done");
      const resting = legsOf(ui.groups[i]);
      legs.forEach((leg, j) => {
        const dash = resting[j]?.getAttribute("stroke-dasharray");
        if (dash) leg.setAttribute("stroke-dasharray", dash);
        else leg.removeAttribute("stroke-dasharray");
        leg.removeAttribute("stroke-dashoffset");
        if (ui.looks.has(keys[j])) return;
        const style = getComputedStyle(leg);
        ui.looks.set(keys[j], {
          color: style.stroke,
          width: parseFloat(style.strokeWidth) || 1,
          alpha: Number(style.strokeOpacity),
          // "none", or lengths such as "7px, 5px"
          dash: (style.strokeDasharray.match(/[\d.]+/g) ?? []).map(Number),
        });
      });
    }
    const paths = ui.paths.get(i);
    ui.paths.delete(i);
    const strokes = legs.map((leg, j) => ({ ...ui.looks.get(keys[j]), path: paths?.[j] ?? new Path2D(leg.getAttribute("d") ?? "") }));
    if (copy) copy.remove();
    else this.#rest(i, "hidden"); // as #lift leaves it: the trip is on the canvas now
    ui.lifted.delete(i);
    ui.painted.set(i, strokes);
    this.#paint(strokes);
    return true;
  }

  /// During play, the copies (#lift) and canvas paths (#shelve) of the next trips from `from`
  /// are made together, a batch when the play reaches a trip without them. Made one at a time,
  /// in the frame that needs each, they cost about a third more: at 1,000 trips a trip starts
  /// and another finishes in nearly every frame, and each paid for a copy and a path parsed
  /// cold (docs/performance.md, sixteenth round).
  #prepare(from) {
    const ui = this.#ui;
    const last = Math.min(from + PREPARE_AHEAD, ui.groups.length);
    if (from >= last || ui.ready.has(from) || ui.lifted.has(from) || ui.painted.has(from)) return;
    // What an earlier batch made and the play has passed (or jumped over) goes.
    ui.ready.clear();
    for (const i of ui.paths.keys()) if (!ui.lifted.has(i)) ui.paths.delete(i);
    for (let i = from; i < last; i++) {
      if (ui.lifted.has(i) || ui.painted.has(i)) continue;
      const group = ui.groups[i];
      ui.ready.set(i, group.cloneNode(true));
      ui.paths.set(i, legsOf(group).map((leg) => new Path2D(leg.getAttribute("d") ?? "")));
    }
  }

  #paint(strokes) {
    const ctx = this.#ui.ctx;
    if (!ctx) return;
    for (const s of strokes) {
      ctx.globalAlpha = s.alpha;
      ctx.strokeStyle = s.color;
      ctx.lineWidth = s.width;
      ctx.setLineDash(s.dash);
      ctx.stroke(s.path);
    }
  }

  /// Draws the canvas again from the trips on it (after a resize, or when one leaves it).
  /// It matches the map's box in device pixels, with map units as its coordinates.
  #repaint(width = this.#ui.canvas.width, height = this.#ui.canvas.height) {
    const { canvas, ctx, svg, painted } = this.#ui;
    canvas.width = width; // clears it, and resets the context
    canvas.height = height;
    const view = svg.viewBox.baseVal;
    ctx?.setTransform(width / (view.width || 1), 0, 0, height / (view.height || 1), 0, 0);
    if (ctx) ctx.lineCap = ctx.lineJoin = "round";
    for (const strokes of painted.values()) this.#paint(strokes);
    this.#listPainted();
  }

  #listPainted() {
    const { canvas, painted } = this.#ui;
    if (!canvas) return;
    this.#ui.canvasCount = painted.size;
    canvas.dataset.count = String(painted.size);
    canvas.dataset.trips = [...painted.keys()].join(" ");
  }

  #sizeCanvas(width, height) {
    const ratio = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(width * ratio));
    const h = Math.max(1, Math.round(height * ratio));
    const { canvas } = this.#ui;
    if (canvas.width !== w || canvas.height !== h) this.#repaint(w, h);
  }

  /// When paused (or on a jump) finished trips rejoin the map, in one repaint, and the canvas
  /// and the moving layer are cleared. Never called during play: that would repaint the whole
  /// map.
  #settle() {
    const ui = this.#ui;
    let repaint = false;
    if (ui.painted?.size) {
      for (const i of ui.painted.keys()) this.#rest(i, "done");
      ui.painted.clear();
      repaint = true;
    }
    for (const [i, copy] of ui.lifted ?? []) {
      if (copy.dataset.state !== "done") continue;
      this.#rest(i, "done");
      copy.remove();
      ui.lifted.delete(i);
    }
    this.#releaseTrips();
    if (repaint) this.#repaint();
  }

  #setTripState(i, state, force) {
    const ui = this.#ui;
    // A trip that finishes between two frames (a thousand trips in a short play) also goes
    // through the moving layers, so the map itself is not repainted during play.
    if (state !== "done" && ui.painted.delete(i)) this.#repaintLater = true; // going back
    if (state === "done" && ui.painted.has(i)) return;
    const lift = state === "active" || (state === "done" && !force && ui.states[i] !== "done");
    const before = ui.lifted.get(i);
    // Finished between two frames: straight onto the canvas, with no copy placed to be removed.
    if (lift && !before && state === "done" && this.#shelve(i, null)) return;
    const copy = lift ? this.#lift(i, state) : before;
    if (state === "hidden" && copy) {
      copy.remove();
      ui.lifted.delete(i);
    }
    if (copy && state !== "hidden") {
      if (copy.getAttribute("data-state") === state && copy === before) return;
      if (ui.growing?.group === copy) ui.growing = null; // its dashes change
      // Finished: onto the canvas, as it rests on the map.
      if (state === "done") {
        this.#shelve(i, copy);
        return;
      }
      if (copy.getAttribute("data-state") !== state) copy.setAttribute("data-state", state);
      if (copy.parentNode !== ui.overlayTrips) ui.overlayTrips.append(copy);
      return;
    }
    this.#rest(i, state);
  }

  #growTrip(i, drawnPx) {
    const group = this.#lift(i);
    const ui = this.#ui;
    const starts = this.#legStarts[i];
    const lengths = this.#trips[i].legPx;
    let growing = ui.growing;
    if (growing?.group !== group) {
      // Once per trip: its legs, made solid (the mode shows on the marker glyph at the head).
      const legs = legsOf(group).map((leg) => {
        const j = Number(leg.getAttribute("data-leg"));
        const length = lengths[j] ?? 0;
        leg.setAttribute("stroke-dasharray", `${length} ${length + 1}`);
        return { leg, start: starts[j] ?? 0, length, offset: "" };
      });
      growing = ui.growing = { group, legs };
    }
    // Each frame: only the offsets that changed, which is the one leg being drawn.
    for (const g of growing.legs) {
      const shown = Math.min(Math.max(drawnPx - g.start, 0), g.length);
      const offset = String(g.length - shown);
      if (offset !== g.offset) {
        g.offset = offset;
        g.leg.setAttribute("stroke-dashoffset", offset);
      }
    }
  }

  #placeMarker() {
    const ui = this.#ui;
    if (!ui.marker || this.#frame[1] < 0) return;
    const scale = ui.markerScale || 1;
    const [x, y, heading] = [this.#frame[4], this.#frame[5], this.#frame[6]];
    // Keep glyphs upright: a westbound train is mirrored rather than upside down.
    const west = Math.abs(heading) > 90;
    const angle = west ? heading - 180 * Math.sign(heading) : heading;
    ui.marker.setAttribute("transform",
      `translate(${x.toFixed(1)} ${y.toFixed(1)}) rotate(${angle.toFixed(1)}) scale(${(west ? -scale : scale).toFixed(3)} ${scale.toFixed(3)})`);
  }

  // ---- Selection, hover and keys -------------------------------------------------------------------

  #setSelected(index, fromUser) {
    const ui = this.#ui;
    if (!ui.list) return; // not built yet: nothing to select
    const valid = index >= 0 && index < this.#trips.length;
    const next = valid ? index : -1;
    const changed = next !== this.#selected;
    this.#selected = next;
    ui.chooser.hidden = true;
    // The canvas cannot restyle one trip: what it holds rejoins the map first.
    if (changed) this.#settle();
    // The other trips dim as one layer: the map's trips, which hold nothing but trips, take an
    // opacity that the compositor applies, and no trip on it is restyled or painted again. The
    // chosen trip is drawn again over them, whole and thick, under the labels. Restyling every
    // trip instead (stroke-opacity) made the first click at 1,000 trips repaint all of them.
    ui.svg?.classList.toggle("tm-dim", valid);
    ui.overlay?.classList.toggle("tm-has-selection", valid); // trips growing during play
    if (ui.groups && ui.marked !== next) {
      ui.chosen?.remove();
      ui.chosen = null;
      const group = ui.groups[next];
      if (group) {
        const chosen = group.cloneNode(true);
        chosen.classList.replace("tm-trip", "tm-chosen");
        chosen.classList.add("tm-selected");
        for (const [k, v] of [["fill", "none"], ["stroke-linecap", "round"], ["stroke-linejoin", "round"]]) chosen.setAttribute(k, v);
        chosen.dataset.state = ui.states[next];
        ui.furniture.prepend(chosen);
        ui.chosen = chosen;
      }
      ui.marked = next;
    }
    for (const [i, copy] of ui.lifted ?? []) copy.classList.toggle("tm-selected", i === next);
    if (ui.pressed !== next) {
      this.#fillList(next + 1);
      ui.list.children[ui.pressed]?.firstChild.setAttribute("aria-pressed", "false");
      ui.list.children[next]?.firstChild.setAttribute("aria-pressed", "true");
      ui.pressed = next;
    }
    if (valid) {
      this.#renderDetails({ ...this.#trips[next], ...detailsRow(this.#map.details(next)) });
      // A trip chosen while paused is shown whole: move to the moment it was complete.
      if (this.#paused && changed && this.#map && next >= this.#frame[0]) this.#seek(this.#trips[next].t1, true);
    } else ui.details.hidden = true;
    if (changed) {
      this.#writeDeepLink();
      this.dispatchEvent(new CustomEvent("tripselect", { detail: { id: valid ? this.#trips[next].id : null } }));
    }
    if (fromUser && valid && changed) ui.details.querySelector("h3")?.focus({ preventScroll: true });
  }

  /// The first trip a reader opened had its handlers run twice as long as the next ones' (10.4
  /// against 4.4 ms at 12 trips, a frame later to the next paint on a loaded machine): its
  /// panel's text was the first laid out in the panel's font sizes, and the core's details
  /// were read for the first time. Once the page is idle after
  /// `ready`, the first trip's details are laid out once, unseen, and taken away in the same
  /// task, before anything is painted or told to a screen reader (docs/performance.md,
  /// twenty-sixth round).
  #warmDetails(generation) {
    (window.requestIdleCallback ?? setTimeout)(() => {
      const d = this.#ui.details;
      // Not once the map is gone or replaced (a new generation), nor over a trip already open.
      if (generation !== this.#generation || !d.hidden) return;
      try {
        this.#renderDetails({ ...this.#trips[0], ...detailsRow(this.#map.details(0)) });
        d.style.cssText = "position:absolute;visibility:hidden";
        d.getBoundingClientRect();
      } catch {
        // Only a head start: a trip opened later reads its details again, and says so if that fails.
      }
      d.hidden = true;
      d.removeAttribute("style");
      d.replaceChildren();
    });
  }

  #renderDetails(trip) {
    const d = this.#ui.details;
    const heading = el("h3", { tabindex: "-1" }, trip.title);
    const close = el("button", { type: "button", class: "close", "aria-label": "Close trip details" }, "×");
    close.addEventListener("click", () => {
      const selected = this.#selected;
      this.#setSelected(-1, true);
      this.#ui.list.querySelector(`button[data-trip="${selected}"]`)?.focus();
    });
    const facts = el("dl");
    const fact = (term, value) => {
      if (!value) return;
      facts.append(el("dt", {}, term), el("dd", {}, value));
    };
    fact("Dates", trip.dates);
    const venueNamesPlace = trip.venue && trip.venue.includes(trip.destination);
    fact("Destination", [venueNamesPlace ? "" : trip.destination, trip.venue, trip.country].filter(Boolean).join(", "));
    fact("Leaders met", trip.leaders.join(", "));
    const legs = trip.modeLabels.map((m, j) => `${m}, ${formatKm(trip.legKm[j] ?? 0)}`);
    fact(trip.modeLabels.length > 1 ? "Legs" : "Mode", legs.join("; ") + (legs.length > 1 ? ` (${formatKm(trip.km)} in all)` : ""));
    if (!trip.foreign) fact("Note", "Not a trip abroad");
    const parts = [close, heading, facts];
    if (trip.summary) parts.push(el("p", { class: "summary" }, trip.summary));
    if (trip.sources.length) {
      const list = el("ul", { class: "sources" });
      for (const s of trip.sources) {
        const li = el("li");
        if (s.link) li.append(el("a", { href: s.url, rel: "noopener noreferrer", target: "_blank" }, s.title || s.url));
        else li.append(document.createTextNode(s.title || s.url));
        list.append(li);
      }
      parts.push(el("h4", {}, "Sources"), list);
    }
    d.replaceChildren(...parts);
    d.hidden = false;
  }

  /// Drawn trips within 12 px of a pointer event (a 24 px wide target at any map size), in
  /// date order. The core does the geometry.
  #tripsAt(e) {
    const svg = this.#ui.svg;
    const matrix = svg?.getScreenCTM();
    if (!matrix || !this.#map) return [];
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(matrix.inverse());
    const done = this.#frame[0];
    const active = this.#frame[1];
    return [...this.#map.tripsNear(p.x, p.y, 12 * this.#unitsPerPx)]
      .filter((i) => i < done || i === active)
      .sort((a, b) => a - b);
  }

  #mapClick(e) {
    const trips = this.#tripsAt(e);
    const ui = this.#ui;
    if (trips.length === 0) {
      ui.chooser.hidden = true;
      return;
    }
    if (trips.length === 1) {
      this.#setSelected(trips[0], true);
      return;
    }
    // Several trips here (the Beijing routes share their track): let the reader choose.
    ui.chooser.replaceChildren(el("p", {}, `${trips.length} trips pass here:`), ...trips.map((i) =>
      el("button", { type: "button", "data-trip": String(i) }, `${this.#trips[i].title} (${this.#trips[i].dates})`)));
    const box = ui.mapbox.getBoundingClientRect();
    ui.chooser.style.left = `${Math.min(e.clientX - box.left, box.width - 240)}px`;
    ui.chooser.style.top = `${e.clientY - box.top + 12}px`;
    ui.chooser.hidden = false;
    ui.tooltip.hidden = true;
    ui.chooser.querySelector("button")?.focus();
  }

  #hover(e) {
    const ui = this.#ui;
    if (e.pointerType === "touch") return;
    const trips = this.#tripsAt(e);
    ui.frame.style.cursor = trips.length ? "pointer" : "";
    if (trips.length === 0) {
      ui.tooltip.hidden = true;
      return;
    }
    const t = this.#trips[trips[0]];
    ui.tooltip.textContent = trips.length === 1
      ? `${t.title} · ${t.dates}`
      : `${trips.length} trips: click to choose`;
    const box = ui.mapbox.getBoundingClientRect();
    ui.tooltip.style.left = `${Math.min(e.clientX - box.left + 14, box.width - 200)}px`;
    ui.tooltip.style.top = `${e.clientY - box.top + 14}px`;
    ui.tooltip.hidden = false;
  }

  #listKeys(e) {
    this.#fillList(); // End goes to the last trip, built or not
    const buttons = [...this.#ui.list.querySelectorAll("button[data-trip]")];
    const at = buttons.indexOf(e.target);
    if (at < 0) return;
    const to = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    buttons[Math.min(Math.max(to, 0), buttons.length - 1)].focus();
  }

  #keys(e) {
    if (e.key === "Escape") {
      if (!this.#ui.chooser.hidden) this.#ui.chooser.hidden = true;
      else if (this.#selected >= 0) this.#setSelected(-1, false);
      return;
    }
    if (e.key === " " || e.key === "Spacebar") {
      // Buttons, links and form controls keep Space for themselves; the slider does not use it.
      const target = e.composedPath()[0];
      if (target.closest?.('button, a, select, textarea, input:not([type="range"])')) return;
      e.preventDefault();
      if (this.#paused) this.play();
      else this.pause();
    }
  }

  // ---- Deep links, autoplay, export ------------------------------------------------------------
  // Deep links belong to elements with an id, so two widgets on a page never fight over the URL:
  // `#<id>.trip=<trip id>&<id>.t=<YYYY-MM-DD>`. When the page has a single <trip-map id>, the
  // short form `#trip=…&t=…` works too. Selecting a trip rewrites the element's own keys with
  // history.replaceState, never adding history entries.

  #deepLinkFromUrl() {
    if (!this.id) return null;
    const params = new URLSearchParams(location.hash.slice(1));
    const only = document.querySelectorAll("trip-map[id]").length === 1;
    const get = (key) => params.get(`${this.id}.${key}`) ?? (only ? params.get(key) : null);
    const trip = get("trip");
    const date = get("t");
    return trip || date ? { trip, date } : null;
  }

  #applyDeepLink({ trip, date }) {
    if (!this.#map) return;
    const index = trip ? this.#trips.findIndex((t) => t.id === trip) : -1;
    const at = date ? this.#map.timeAtDate(date) : undefined;
    if (index >= 0 && at === undefined) this.#seek(this.#trips[index].t1, true);
    else if (at !== undefined) this.#seek(at, true);
    if (index >= 0) {
      this.#setSelected(index, false);
      // Opened by a link, the trip shows even if the date is before it.
      if (this.#frame[0] <= index) this.#seek(this.#trips[index].t1, true);
    }
  }

  #writeDeepLink() {
    if (!this.id || !this.#map) return;
    const params = new URLSearchParams(location.hash.slice(1));
    const only = document.querySelectorAll("trip-map[id]").length === 1;
    for (const key of ["trip", "t"]) {
      params.delete(`${this.id}.${key}`);
      if (only) params.delete(key);
    }
    const trip = this.#trips[this.#selected];
    if (trip) {
      params.set(`${this.id}.trip`, trip.id);
      params.set(`${this.id}.t`, trip.end);
    }
    const hash = params.toString();
    const url = `${location.pathname}${location.search}${hash ? `#${hash}` : ""}`;
    if (url !== `${location.pathname}${location.search}${location.hash}`) {
      history.replaceState(history.state, "", url);
    }
  }

  #onVisibility(entries) {
    const entry = entries.at(-1);
    // Half the map in view, or (for a map taller than the screen) half the screen filled by it.
    const viewportHeight = entry.rootBounds?.height || innerHeight;
    this.#visible = entry.isIntersecting && entry.intersectionRect.height > 0 &&
      (entry.intersectionRatio >= 0.5 || entry.intersectionRect.height >= viewportHeight * 0.5);
    if (!entry.isIntersecting && !this.#paused) {
      // Out of view: stop. An autoplay resumes when the widget is back in view; a play the
      // reader started stays paused.
      const resume = this.#autoplaying;
      this.#halt();
      this.#autoplayArmed = resume;
    }
    this.#maybeAutoplay();
  }

  #maybeAutoplay() {
    if (!this.#autoplayArmed || !this.#visible || !this.#map || !this.#paused) return;
    if (this.#prefersReducedMotion()) return;
    this.#autoplayArmed = false;
    this.#start();
    this.#autoplaying = true;
  }

  /// The current frame as a standalone SVG document: what the reader sees, all layers in one.
  #exportSvg() {
    const ui = this.#ui;
    const svg = ui.svg.cloneNode(true);
    svg.classList.remove("tm-dim", "tm-held");
    svg.prepend(...[...ui.base.children].map((part) => part.cloneNode(true)));
    // Trips on the moving layer replace their resting selves; the marker joins too.
    const trips = svg.querySelector(".tm-trips");
    if (ui.held) showStates(svg, [...trips.children], ui.states, ui.overlay.classList.contains("tm-in-time"));
    for (const [i, copy] of ui.lifted) trips.children[i]?.replaceWith(copy.cloneNode(true));
    for (const part of ui.furniture.children) if (part !== ui.chosen) svg.append(part.cloneNode(true));
    for (const i of ui.painted.keys()) trips.children[i]?.setAttribute("data-state", "done");
    if (ui.marker.classList.contains("shown")) svg.querySelector(".tm-labels").after(ui.marker.cloneNode(true));
    for (const g of svg.querySelectorAll('.tm-trip[data-state="hidden"]')) g.remove();
    const done = svg.classList.contains("tm-in-time");
    for (const g of svg.querySelectorAll('.tm-trip[data-state="done"]')) if (done) g.setAttribute("stroke-opacity", "0.5");
    svg.setAttribute("width", String(this.#map.width));
    svg.setAttribute("height", String(this.#map.height));
    return new XMLSerializer().serializeToString(svg);
  }

  #download(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: name });
    a.hidden = true;
    this.#root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  #fileName(ext) {
    const trip = this.#trips[this.#selected];
    return `trip-map-${trip ? trip.id : `t${Math.round(this.#time / 100) / 10}`}.${ext}`;
  }

  downloadSvg() {
    if (!this.#map) return;
    this.#download(new Blob([this.#exportSvg()], { type: "image/svg+xml" }), this.#fileName("svg"));
  }

  async downloadPng() {
    if (!this.#map) return;
    const scale = 2;
    const url = URL.createObjectURL(new Blob([this.#exportSvg()], { type: "image/svg+xml" }));
    try {
      const img = new Image();
      img.src = url;
      await img.decode();
      const canvas = el("canvas", { width: String(this.#map.width * scale), height: String(this.#map.height * scale) });
      canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
      const png = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
      if (!png) throw new Error("the browser made no PNG");
      this.#download(png, this.#fileName("png"));
    } catch {
      const message = "The PNG could not be made here (the page's security policy may forbid drawing images); Download SVG still works.";
      this.#setStatus(message, true);
      this.dispatchEvent(new CustomEvent("error", { detail: { message } }));
    } finally {
      URL.revokeObjectURL(url);
    }
  }

  #timeoutMs() {
    const seconds = Number(this.getAttribute("timeout"));
    return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 20000;
  }

  #applyTheme() {
    if (!this.#ui.shell) return; // not built yet: applied when it is
    const theme = this.getAttribute("theme");
    const dark = theme === "dark" || (theme !== "light" && Boolean(this.#darkQuery?.matches));
    this.#ui.shell.classList.toggle("dark", dark);
    this.#settle(); // the canvas keeps the colours it was drawn with
  }

  // ---- Status and errors ------------------------------------------------------------------------

  #updatePlayButton() {
    const label = this.#paused ? "Play" : "Pause";
    this.#ui.play.setAttribute("aria-label", label);
    this.#ui.play.classList.toggle("playing", !this.#paused);
  }

  #prefersReducedMotion() {
    return Boolean(this.#reducedMotion?.matches);
  }

  #setStatus(text, warn = false, quiet = false) {
    const s = this.#ui.status;
    s.textContent = text;
    s.className = `status${warn ? " warning" : ""}${quiet ? " visually-hidden" : ""}`;
  }

  #fail(message) {
    const ui = this.#ui;
    this.#setStatus("");
    ui.status.className = "status error";
    ui.status.append(el("strong", {}, "The map could not be drawn. "), document.createTextNode(message), " ");
    const retry = el("button", { type: "button", class: "retry" }, "Retry");
    retry.addEventListener("click", () => this.#load());
    ui.status.append(retry);
    ui.widget.hidden = !this.#map;
    ui.fallback.hidden = Boolean(this.#map);
    this.dispatchEvent(new CustomEvent("error", { detail: { message } }));
  }

  #free() {
    this.#map?.free();
    this.#map = null;
    this.#frameView = null;
    this.#trips = [];
    this.#ui.fillList = null; // a list still being built stops
    this.#ui.groups = null;
    this.#ui.held = false;
    this.#ui.svg?.classList.remove("tm-held");
    this.removeAttribute("data-ready");
  }
}

if (!customElements.get("trip-map")) customElements.define("trip-map", TripMapElement);
