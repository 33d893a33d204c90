// When does the map reach the screen? First contentful paint counts any text: a page painted in
// two parts (its heading first, the map later) scores well on it while the map comes late. This
// watches the screen itself: Chromium's screencast frames, each checked for the map's sea colour
// inside the map's box, and for any ink at all. Alternating A/B loads, fresh context each, HTTP
// cache off, as bench/measure.mjs does; ratios per pair.
//
// usage: [MAPPAINT_WAIT_MS=1500] [MAPPAINT_DPR=1] node scripts/bench/mappaint.mjs RUNS URL_A SELECTOR_A URL_B SELECTOR_B
// (SELECTOR names the element whose top 600 px hold the map: the floor's svg, our trip-map; the
// screen is watched until MAPPAINT_WAIT_MS after the page's load event, longer for 1,000 trips)
import { launchChromium } from "./browser.mjs";

const [runs, urlA, selA, urlB, selB] = process.argv.slice(2);
const targets = [{ url: urlA, sel: selA }, { url: urlB, sel: selB }];
// MAPPAINT_DPR: the device pixel ratio the pages are drawn at (1 unless set; a phone's is 2 to 3).
const DPR = Number(process.env.MAPPAINT_DPR || 1);
const browser = await launchChromium();
// Frames are decoded by the browser itself, in a page of their own: no image library needed.
const decoder = await (await browser.newContext()).newPage();

/// For one PNG frame: [any ink in the page, the sea colour across the map's box].
function inspect({ png, box, width }) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const c = document.createElement("canvas");
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext("2d");
      g.drawImage(img, 0, 0);
      const px = g.getImageData(0, 0, c.width, c.height).data;
      const s = img.width / width;
      let ink = false;
      for (let k = 0; k < px.length && !ink; k += 4 * 97) ink = px[k] < 200;
      // Both maps' seas are within 2 of #dfe8ee in each channel (ours #dfe8ee, the peer's #dde8ef).
      let sea = 0;
      const h = Math.min(box.h, 600);
      for (let y = Math.round((box.y + h * 0.1) * s); y < Math.min((box.y + h * 0.9) * s, c.height); y += 8) {
        for (let x = Math.round(box.x * s); x < Math.min((box.x + box.w) * s, c.width); x += 8) {
          const k = (y * c.width + x) * 4;
          if (Math.abs(px[k] - 0xdf) < 4 && Math.abs(px[k + 1] - 0xe8) < 4 && Math.abs(px[k + 2] - 0xee) < 4) sea++;
        }
      }
      resolve([ink, sea > 50]);
    };
    img.onerror = reject;
    img.src = `data:image/png;base64,${png}`;
  });
}

async function once({ url, sel }) {
  const width = 1280;
  const context = await browser.newContext({ viewport: { width, height: 1400 }, deviceScaleFactor: DPR });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const frames = [];
    cdp.on("Page.screencastFrame", (f) => {
      frames.push(f);
      cdp.send("Page.screencastFrameAck", { sessionId: f.sessionId }).catch(() => {});
    });
    await cdp.send("Page.startScreencast", { format: "png", everyNthFrame: 1 });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(Number(process.env.MAPPAINT_WAIT_MS) || 1500);
    await cdp.send("Page.stopScreencast");
    const { origin, box } = await page.evaluate((sel) => {
      const r = document.querySelector(sel).getBoundingClientRect();
      return { origin: performance.timeOrigin, box: { x: r.x, y: r.y, w: r.width, h: r.height } };
    }, sel);
    let ink = NaN, map = NaN;
    for (const f of frames) {
      const t = f.metadata.timestamp * 1000 - origin;
      const [hasInk, hasMap] = await decoder.evaluate(inspect, { png: f.data, box, width });
      if (hasInk && Number.isNaN(ink)) ink = t;
      if (hasMap) {
        map = t;
        break;
      }
    }
    return { ink, map };
  } finally {
    await context.close();
  }
}

const results = targets.map(() => []);
for (let r = 0; r < Number(runs); r++) {
  const order = r % 2 ? [1, 0] : [0, 1];
  for (const i of order) results[i].push(await once(targets[i]));
  process.stdout.write(`run ${r + 1}/${runs}`);
}
await browser.close();
console.log();

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const pairs = (key) => results[1].map((b, k) => b[key] / results[0][k][key]);
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : "-");
console.log(`A = ${urlA} (map: ${selA})\nB = ${urlB} (map: ${selB})`);
console.log("metric            A median  B median  B/A median  B/A min  B/A max");
for (const [key, label] of [["ink", "firstInkMs"], ["map", "mapOnScreenMs"]]) {
  const ratios = pairs(key).filter(Number.isFinite);
  console.log(
    label.padEnd(16),
    fmt(median(results[0].map((x) => x[key]))).padStart(9),
    fmt(median(results[1].map((x) => x[key]))).padStart(9),
    fmt(median(ratios), 2).padStart(11),
    fmt(Math.min(...ratios), 2).padStart(8),
    fmt(Math.max(...ratios), 2).padStart(8),
  );
}
const missed = results.map((rs) => rs.filter((x) => !Number.isFinite(x.map)).length);
if (missed.some((n) => n > 0)) console.log(`loads where the map was never seen: A ${missed[0]}, B ${missed[1]}`);
