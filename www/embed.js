// The iframe embed: dist/embed.html?src=<data URL>[&id=<name>][&theme=dark|light][&autoplay]
// Renders one <trip-map> and tells the parent page its height in the formats newsroom CMSs
// already listen for: Pym.js (`pym.Child` messages) and Datawrapper (`datawrapper-height`).
import "./trip-map.js";

const params = new URLSearchParams(location.search);
const map = document.createElement("trip-map");
map.setAttribute("src", params.get("src") || "trips.geojson");
for (const name of ["theme", "speed", "duration", "trip", "date"]) {
  if (params.has(name)) map.setAttribute(name, params.get(name));
}
for (const name of ["autoplay", "loop"]) {
  if (params.has(name)) map.toggleAttribute(name, true);
}
document.body.append(map);

// Pym.js passes its child id as ?childId=; Datawrapper's embed script finds the iframe by an id
// that appears in the iframe's URL, given here as ?id= (default "tripmap").
const pymId = params.get("childId");
const chartId = params.get("id") || "tripmap";
let last = 0;
function postHeight() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === last || window.parent === window) return;
  last = height;
  if (pymId) window.parent.postMessage(`pymxPYMx${pymId}xPYMxheightxPYMx${height}`, "*");
  window.parent.postMessage({ "datawrapper-height": { [chartId]: height } }, "*");
}
new ResizeObserver(postHeight).observe(document.documentElement);
map.addEventListener("ready", postHeight);
