// Deterministic synthetic trips: N trips from Pyongyang, 2 to 500 points each in 1 to 3 legs,
// dates 2012-2025. Same algorithm and seed as the d3 peer's generator (mulberry32, seed 1), so
// both widgets draw the same sets. Read by the scale benchmarks (synth.mjs) and by the memory
// budget in the tests (tests/e2e/budget.spec.mjs).
function mulberry32(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ORIGIN = { lon: 125.7525, lat: 39.0195 };
const MODES = ["train", "plane", "car", "foot"];
const DAY = 86400e3;
const FIRST = Date.UTC(2012, 0, 1);
const LAST = Date.UTC(2025, 11, 31);

/// N synthetic trips as a GeoJSON FeatureCollection (an object), the same for the same N.
export function generate(n, seed = 1) {
  const random = mulberry32(seed);
  const between = (lo, hi) => lo + (hi - lo) * random();
  const int = (lo, hi) => Math.floor(between(lo, hi + 1));
  const pick = (list) => list[int(0, list.length - 1)];
  const round4 = (x) => Math.round(x * 1e4) / 1e4;
  const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
  const route = (points) => {
    const dest = [between(97, 148), between(-3, 58)];
    const wobble = between(0.2, 3);
    const line = [];
    for (let i = 0; i < points; i++) {
      const f = points === 1 ? 1 : i / (points - 1);
      const edge = i === 0 || i === points - 1 ? 0 : 1;
      line.push([
        round4(ORIGIN.lon + (dest[0] - ORIGIN.lon) * f + edge * wobble * Math.sin(f * Math.PI) * (random() - 0.5)),
        round4(ORIGIN.lat + (dest[1] - ORIGIN.lat) * f + edge * wobble * Math.sin(f * Math.PI) * (random() - 0.5)),
      ]);
    }
    return line;
  };
  const legs = (line) => {
    const count = Math.min(int(1, 3), line.length - 1);
    const cuts = [0];
    for (let k = 1; k < count; k++) cuts.push(Math.round(((line.length - 1) * k) / count));
    cuts.push(line.length - 1);
    return cuts.slice(1).map((end, k) => line.slice(cuts[k], end + 1));
  };
  const features = [{
    type: "Feature", geometry: { type: "Point", coordinates: [ORIGIN.lon, ORIGIN.lat] }, properties: { role: "origin", name: "Pyongyang" },
  }];
  for (let i = 1; i <= n; i++) {
    const start = FIRST + Math.floor((random() * (LAST - FIRST)) / DAY) * DAY;
    const parts = legs(route(int(2, 500)));
    features.push({
      type: "Feature",
      geometry: { type: "MultiLineString", coordinates: parts },
      properties: {
        id: `synth-${String(i).padStart(5, "0")}`,
        title: `Synthetic trip ${i} to Place ${int(1, 999)}`,
        start: iso(start),
        end: iso(start + int(0, 10) * DAY),
        destination: `Place ${i}`,
        country: `Country ${int(1, 40)}`,
        foreign_trip: random() < 0.9,
        modes: parts.map(() => pick(MODES)),
        leaders: [`Leader ${int(1, 99)}`],
        sources: [{ title: `Synthetic source ${i}`, url: `https://example.org/source/${i}` }],
      },
    });
  }
  return { type: "FeatureCollection", features };
}
