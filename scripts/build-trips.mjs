// Builds data/trips.geojson from the researched reference file (kim-trips-sourced.json).
// Coordinates, dates, leaders, modes and sources come from the reference; titles, short
// destination names and summaries are our own words, kept in EDITORIAL below.
// usage: node scripts/build-trips.mjs [reference.json] [out.geojson]
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const input = process.argv[2] ?? here("../../shared/reference/kim-trips-sourced.json");
const output = process.argv[3] ?? here("../data/trips.geojson");

const EDITORIAL = {
  "2018-03-china-beijing": {
    title: "Beijing by armoured train: the first trip abroad",
    destination: "Beijing",
    summary: "Kim's first known journey abroad as leader, made in secret on his armoured train across the Yalu at Dandong. In Beijing he held talks and a banquet with Xi Jinping at the Great Hall of the People. China announced the visit only after the train had left.",
  },
  "2018-04-27-panmunjom-peace-house": {
    title: "Panmunjom: stepping across the line into the South",
    destination: "Panmunjom",
    summary: "Kim was driven south to the truce village and walked across the military demarcation line, the first North Korean leader to set foot in the South. He and Moon Jae-in talked at the Peace House and signed the Panmunjom Declaration.",
  },
  "2018-05-china-dalian": {
    title: "Dalian: a short flight to meet Xi again",
    destination: "Dalian",
    summary: "Six weeks after Beijing, Kim flew to the port city of Dalian for a second meeting with Xi Jinping. It was the first flight abroad by a North Korean leader in decades; the two walked by the sea at a state guesthouse.",
  },
  "2018-05-26-panmunjom-tongilgak": {
    title: "Panmunjom, northern side: a surprise meeting at Tongilgak",
    destination: "Panmunjom",
    summary: "Not a trip abroad: Moon Jae-in crossed into the North for a two-hour meeting at Tongilgak, a building on the North's side of the truce village. Kim did not cross the line. It is shown here because the meeting is often listed among his summits.",
  },
  "2018-06-singapore": {
    title: "Singapore: the first summit with a US president",
    destination: "Singapore",
    summary: "Kim flew to Singapore on an Air China Boeing 747 lent by Beijing, the plane passing over the Chinese capital on the way south. On 12 June he met Donald Trump at the Capella hotel on Sentosa, the first meeting of leaders of the two countries. He also met Prime Minister Lee Hsien Loong.",
  },
  "2018-06-china-beijing": {
    title: "Beijing by air, a week after Singapore",
    destination: "Beijing",
    summary: "A week after the Singapore summit Kim flew to Beijing for two days of talks with Xi Jinping. The visit was read as a debrief of his meeting with Donald Trump.",
  },
  "2019-01-china-beijing": {
    title: "Beijing by train, on his birthday",
    destination: "Beijing",
    summary: "Kim left Pyongyang by train on 7 January and met Xi Jinping at the Great Hall of the People the next day, his birthday. Before going home he toured a traditional medicine factory in the capital's economic development zone.",
  },
  "2019-02-vietnam-hanoi": {
    title: "Hanoi: 66 hours by train to the second Trump summit",
    destination: "Hanoi",
    summary: "Kim crossed China by train, a journey of about 66 hours, to the Vietnamese border town of Dong Dang, then went on by car to Hanoi. The summit with Donald Trump ended early without an agreement. He stayed on for an official visit and talks with Vietnam's leaders.",
  },
  "2019-04-russia-vladivostok": {
    title: "Vladivostok: the first summit with Putin",
    destination: "Vladivostok",
    summary: "Kim's train crossed the Tumen river into Russia at Khasan and ran on to Vladivostok. He met Vladimir Putin at the Far Eastern Federal University on Russky Island, their first meeting.",
  },
  "2019-06-30-panmunjom-trump": {
    title: "Panmunjom: a handshake with Trump at the line",
    destination: "Panmunjom",
    summary: "A meeting arranged at a day's notice: Donald Trump stepped across the demarcation line into the North, then both men walked into the South. They talked with Moon Jae-in nearby, at the Freedom House.",
  },
  "2023-09-russia-vostochny": {
    title: "Vostochny Cosmodrome, then Komsomolsk and Vladivostok",
    destination: "Vostochny",
    visit_at_arrival: true,
    summary: "After four years without a trip abroad, through the pandemic border closure, Kim went by train deep into the Russian Far East and met Vladimir Putin at the Vostochny space centre. He then toured an aircraft plant at Komsomolsk-on-Amur and military sites near Vladivostok before heading home.",
  },
  "2025-09-china-beijing-parade": {
    title: "Beijing: beside Xi and Putin at a military parade",
    destination: "Beijing",
    summary: "Kim travelled by train to Beijing for the parade marking 80 years since the end of the Second World War, watching from Tiananmen with Xi Jinping and Vladimir Putin. He held separate talks with both leaders.",
  },
};

// Pyongyang's reference point: Kim Il Sung Square (Wikipedia, via the reference file).
function originFeature(ref) {
  const sq = ref.pyongyang_reference.kim_il_sung_square;
  return {
    type: "Feature",
    geometry: { type: "Point", coordinates: [sq.lon, sq.lat] },
    properties: { role: "origin", name: "Pyongyang" },
  };
}

// route = [place, lat, lon, status] items with {leg} separators. A new leg starts where the
// previous one ended, so the drawn line stays continuous (Dong Dang -> Lang Son -> Hanoi).
function legsOf(route, places) {
  const legs = [{ coords: [], stops: [] }];
  for (const item of route) {
    if (!Array.isArray(item)) {
      const last = legs.at(-1);
      legs.push({ coords: last.coords.slice(-1), stops: last.stops.slice(-1) });
      continue;
    }
    const [place, lat, lon] = item;
    const leg = legs.at(-1);
    const prev = leg.coords.at(-1);
    if (prev && prev[0] === lon && prev[1] === lat) continue;
    leg.coords.push([lon, lat]);
    leg.stops.push(shortName(places[place]?.name ?? place));
  }
  return legs.filter((leg) => leg.coords.length >= 2);
}

function shortName(name) {
  return name.replace(/\s*\(.*\)$/, "").replace(/,.*$/, "");
}

// The free-text mode names the means per leg in order: "train (..) + car (..)" -> [train, car].
// Walking across the demarcation line at Panmunjom is metres long: the drawn leg is the car.
function modesOf(modeText, legCount) {
  const found = modeText.toLowerCase().split("+")
    .map((part) => ["plane", "train", "car", "foot"].find((m) => part.includes(m)))
    .filter(Boolean);
  const modes = found.length === legCount ? found : Array(legCount).fill(found[0]);
  if (!modes[0]) throw new Error(`no mode in "${modeText}"`);
  return modes;
}

const ref = JSON.parse(readFileSync(input, "utf8"));
const features = [originFeature(ref)];
for (const t of ref.trips) {
  const text = EDITORIAL[t.id];
  if (!text) throw new Error(`no editorial text for ${t.id}`);
  let legs = legsOf(t.route, ref.places);
  // A closing leg back to the first point is the journey home; no other trip draws one.
  const first = legs[0].coords[0];
  const lastLeg = legs.at(-1).coords;
  if (legs.length > 1 && lastLeg.at(-1)[0] === first[0] && lastLeg.at(-1)[1] === first[1]) legs = legs.slice(0, -1);
  const arrival = [t.arrival_point.lon, t.arrival_point.lat];
  const end = legs.at(-1).coords.at(-1);
  const properties = {
    id: t.id,
    title: text.title,
    start: t.start_date,
    end: t.end_date,
    destination: text.destination,
    venue: t.main_venue.name.replace(/\s*\(.*\)$/, ""),
    country: t.country.replace(/\s*\(.*\)$/, ""),
    foreign_trip: t.foreign_trip,
    leaders: t.leaders_met.map((name) => name.replace(/\s*\(.*\)$/, "")),
    modes: modesOf(t.mode, legs.length),
    stops: legs.map((leg) => leg.stops),
    summary: text.summary,
    sources: t.sources.map(({ title, url }) => ({ title, url })),
  };
  // Where the route goes on past the place of the visit (Vostochny), mark the visit's place.
  if (text.visit_at_arrival && (end[0] !== arrival[0] || end[1] !== arrival[1])) {
    properties.destination_point = arrival;
  }
  features.push({
    type: "Feature",
    geometry: { type: "MultiLineString", coordinates: legs.map((leg) => leg.coords) },
    properties,
  });
}

const collection = {
  type: "FeatureCollection",
  // Foreign member (RFC 7946 section 6.1): what this collection is and how current it is.
  metadata: {
    title: "Kim Jong Un's trips abroad",
    credit: "Routes between reported stations follow the standard rail and road lines and are partly inferred.",
    as_of: "2025-12-31",
  },
  features,
};
// One feature per line: readable diffs, still valid JSON.
const body = features.map((f) => "  " + JSON.stringify(f)).join(",\n");
const head = JSON.stringify({ type: collection.type, metadata: collection.metadata }).slice(0, -1);
writeFileSync(output, `${head},"features":[\n${body}\n]}\n`);
console.log(`wrote ${output}: ${features.length - 1} trips`);
