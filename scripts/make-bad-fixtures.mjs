// Writes the bad-data corpus: tests/fixtures/bad/*.geojson (small, committed) and, with
// --large, the big ones into tests/fixtures/bad/generated/ (55 MB, a million points; not
// committed, made before the tests run). expected.json maps each file to the words its error
// must contain: which trip, which field, what was expected.
// usage: node scripts/make-bad-fixtures.mjs [--large]
import { mkdirSync, writeFileSync, createWriteStream } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("../tests/fixtures/bad/", import.meta.url));
const large = process.argv.includes("--large");

const origin = { type: "Feature", geometry: { type: "Point", coordinates: [125.7525, 39.0195] }, properties: { role: "origin", name: "Pyongyang" } };
const good = (id = "good", over = {}) => ({
  type: "Feature",
  geometry: { type: "MultiLineString", coordinates: [[[125.7364, 39.0047], [124.3936, 40.1436], [116.4279, 39.9029]]] },
  properties: { id, title: "To Beijing", start: "2018-03-25", end: "2018-03-28", destination: "Beijing", modes: ["train"], ...over },
});
const withProps = (over) => good("t1", over);
const withGeometry = (geometry) => ({ ...good("t1"), geometry });
const withCoords = (coords) => withGeometry({ type: "MultiLineString", coordinates: coords });
const collection = (...features) => ({ type: "FeatureCollection", features: [origin, ...features] });

const cases = {};
const add = (name, body, expect) => (cases[name] = { body, expect });
const json = (v) => JSON.stringify(v);

// Malformed JSON and wrong GeoJSON types.
add("malformed-trailing-comma", '{"type":"FeatureCollection","features":[],}', ["not valid JSON"]);
add("malformed-truncated", json(collection(good())).slice(0, 150), ["not valid JSON"]);
add("malformed-single-quotes", "{'type':'FeatureCollection'}", ["not valid JSON"]);
add("malformed-empty-file", "", ["not valid JSON"]);
add("malformed-nan-literal", '{"type":"FeatureCollection","features":[NaN]}', ["not valid JSON"]);
add("not-json-html", "<!doctype html><title>404</title>", ["not valid JSON"]);
add("type-feature-not-collection", json(good()), ["FeatureCollection", "GeoJSON Feature"]);
add("type-array-top-level", json([good()]), ["FeatureCollection", "an array"]);
add("type-number-top-level", "42", ["FeatureCollection", "a number"]);
add("type-features-not-array", json({ type: "FeatureCollection", features: {} }), ["features", "an object"]);
add("type-missing-features", json({ type: "FeatureCollection" }), ['without "features"']);
add("type-point-trip", json(collection(withGeometry({ type: "Point", coordinates: [1, 2] }))), ["Trip t1", "geometry.type", "MultiLineString"]);
add("type-polygon-trip", json(collection(withGeometry({ type: "Polygon", coordinates: [[[1, 2], [3, 4], [5, 6], [1, 2]]] }))), ["Trip t1", "geometry.type"]);
add("type-geometry-null", json(collection(withGeometry(null))), ["Trip t1", "geometry is missing"]);
add("type-coordinates-string", json(collection(withGeometry({ type: "MultiLineString", coordinates: "125,39" }))), ["Trip t1", "geometry.coordinates", "an array of lines"]);
add("type-feature-is-string", json(collection("a trip")), ["feature 2", "GeoJSON Feature"]);
// Missing properties, and dates.
add("missing-properties", json(collection({ ...good("x"), properties: undefined })), ["properties is missing"]);
add("missing-id", json(collection(good(undefined, { id: undefined }))), ["properties.id is missing"]);
add("missing-title", json(collection(withProps({ title: undefined }))), ["Trip t1", "properties.title is missing"]);
add("missing-start", json(collection(withProps({ start: undefined }))), ["Trip t1", "properties.start is missing"]);
add("missing-destination", json(collection(withProps({ destination: undefined }))), ["Trip t1", "properties.destination is missing"]);
add("missing-modes", json(collection(withProps({ modes: undefined }))), ["Trip t1", "properties.modes is missing"]);
add("date-not-iso", json(collection(withProps({ start: "25/03/2018" }))), ["Trip t1", "properties.start", "YYYY-MM-DD"]);
add("date-impossible-day", json(collection(withProps({ end: "2018-02-30" }))), ["Trip t1", "properties.end", "YYYY-MM-DD"]);
add("date-number", json(collection(withProps({ start: 20180325 }))), ["Trip t1", "properties.start", "ISO 8601"]);
add("date-end-before-start", json(collection(withProps({ end: "2018-03-01" }))), ["Trip t1", "properties.end", "before start 2018-03-25"]);
// Coordinates.
add("coord-string", json(collection(withCoords([[["125.7", 39.0], [124.4, 40.1]]]))), ["Trip t1", "geometry.coordinates[0][0][0] (longitude)", "a number"]);
add("coord-null", json(collection(withCoords([[[125.7, null], [124.4, 40.1]]]))), ["Trip t1", "(latitude)", "a number"]);
add("coord-lat-91", json(collection(withCoords([[[125.7, 91], [124.4, 40.1]]]))), ["Trip t1", "latitude 91", "-90 to 90"]);
add("coord-lon-181", json(collection(withCoords([[[181, 39], [124.4, 40.1]]]))), ["Trip t1", "longitude 181", "-180 to 180"]);
add("coord-infinity", '{"type":"FeatureCollection","features":[' + json(withCoords([[[125.7, 39], [124.4, 40.1]]])).replace("124.4", "1e999") + "]}", ["Trip t1", "longitude", "finite"]);
add("coord-one-number", json(collection(withCoords([[[125.7], [124.4, 40.1]]]))), ["Trip t1", "a position [lon, lat]"]);
add("coord-nested-too-deep", json(collection(withCoords([[[[125.7, 39]], [124.4, 40.1]]]))), ["Trip t1", "geometry.coordinates[0][0]", "a position [lon, lat]"]);
// Empty things, short routes, duplicates.
add("empty-collection", json({ type: "FeatureCollection", features: [] }), ["no trip that can be drawn"]);
add("empty-only-origin", json({ type: "FeatureCollection", features: [origin] }), ["no trip that can be drawn"]);
add("route-empty", json(collection(withCoords([]))), ["Trip t1", "empty route"]);
add("route-one-point", json(collection(withCoords([[[125.7, 39]]]))), ["Trip t1", "geometry.coordinates[0]", "empty route"]);
add("duplicate-ids", json(collection(good("same"), good("same"))), ["same", "already the id of another trip"]);
cases["duplicate-ids"].partial = true;
// Modes, sizes, text.
add("mode-unknown", json(collection(withProps({ modes: ["hovercraft"] }))), ["Trip t1", "hovercraft", "train, plane, car or foot"]);
add("mode-count", json(collection(withProps({ modes: ["train", "car"] }))), ["Trip t1", "2 modes for 1 legs"]);
add("title-100kb", json(collection(withProps({ title: "x".repeat(100_000) }))), ["Trip t1", "properties.title", "the limit is 300"]);
add("deeply-nested", "[".repeat(100_000) + "]".repeat(100_000), ["nests more than 32 levels"]);
add("leaders-not-list", json(collection(withProps({ leaders: 7 }))), ["Trip t1", "properties.leaders", "an array of strings"]);
add("foreign-not-bool", json(collection(withProps({ foreign_trip: "yes" }))), ["Trip t1", "properties.foreign_trip", "true or false"]);
// One bad trip among good ones: skipped, with a warning naming it.
add("one-bad-among-good", json(collection(good("fine-1"), withProps({ start: "soon" }), good("fine-2"))), ["1 trip was left out", "Trip t1", "properties.start"]);
cases["one-bad-among-good"].rustExpect = ["Trip t1", "properties.start"];
cases["one-bad-among-good"].partial = true;
// Bytes: not UTF-8, and a byte order mark (which is accepted).
const notUtf8 = Buffer.concat([Buffer.from('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"title":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}}]}')]);
cases["bytes-not-utf8"] = { body: notUtf8, expect: ["not UTF-8", "line 1, column 82"] };
add("bytes-bom-is-fine", "\ufeff" + json(collection(good())), []);
cases["bytes-bom-is-fine"].ok = true;

mkdirSync(dir, { recursive: true });
const expected = {};
for (const [name, { body, expect, rustExpect, ok, partial }] of Object.entries(cases)) {
  writeFileSync(`${dir}${name}.geojson`, body);
  expected[`${name}.geojson`] = {
    expect, ...(rustExpect ? { rustExpect } : {}), ...(ok ? { ok: true } : {}), ...(partial ? { partial: true } : {}),
  };
}

// The large cases are generated, never committed.
const largeCases = {
  "huge-55mb.geojson": ["larger than the limit of 50 MB"],
  "route-million-points.geojson": ["too many items in one list", "100001"],
};
if (large) {
  mkdirSync(`${dir}generated`, { recursive: true });
  // 55 MB: a valid file, just too big (the limit is 50 MB).
  const big = createWriteStream(`${dir}generated/huge-55mb.geojson`);
  big.write('{"type":"FeatureCollection","features":[');
  const feature = json(good("pad")).replace('"pad"', '"PAD"');
  let written = 0;
  for (let i = 0; written < 55 * 1024 * 1024; i++) {
    const f = (i ? "," : "") + feature.replace("PAD", `pad-${i}`);
    big.write(f);
    written += f.length;
  }
  big.end("]}");
  // A route of a million points (about 20 MB of text, under the byte limit).
  const points = [];
  for (let i = 0; i < 1_000_000; i++) points.push(`[${(100 + (i % 4000) / 100).toFixed(2)},${(30 + (i % 2000) / 100).toFixed(2)}]`);
  writeFileSync(`${dir}generated/route-million-points.geojson`,
    `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[${points.join(",")}]]},"properties":{"id":"long","title":"Long","start":"2020-01-01","end":"2020-01-02","destination":"Far","modes":["train"]}}]}`);
}
writeFileSync(`${dir}expected.json`, JSON.stringify({ files: expected, generated: largeCases }, null, 1) + "\n");
console.log(`${Object.keys(cases).length} files in ${dir}${large ? " (and the generated large ones)" : ""}`);
