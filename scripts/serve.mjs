// A small static file server for the tests and benchmarks: 127.0.0.1 only, correct MIME
// types (application/wasm for .wasm), optional Content-Security-Policy header, optional
// gzip. No dependencies.
// usage: node scripts/serve.mjs --root dist --port 8080 [--mount /prefix/=dir] [--csp "POLICY"]
//        [--gzip] [--cors]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const root = resolve(option("root", "dist"));
const port = Number(option("port", "8080"));
const csp = option("csp", null);
const gzip = args.includes("--gzip");
const cors = args.includes("--cors");
// --faults adds /__fault/<kind> routes that misbehave on purpose, for the network-fault tests.
const faults = args.includes("--faults");
const flaky = new Map();
// --mount /test/=tests/e2e/pages serves that folder under the prefix.
const mounts = args
  .map((a, i) => (a === "--mount" ? args[i + 1] : null))
  .filter(Boolean)
  .map((m) => {
    const [prefix, dir] = m.split("=");
    return { prefix, dir: resolve(dir) };
  });

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".geojson": "application/geo+json",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

async function fault(url, req, res) {
  const kind = url.pathname.slice("/__fault/".length);
  const trips = await readFile(join(root, "trips.geojson"));
  const head = { "content-type": "application/geo+json", "access-control-allow-origin": "*", "cache-control": "no-store" };
  switch (kind) {
    case "404": res.writeHead(404, { "content-type": "text/plain" }); return res.end("not found");
    case "500": res.writeHead(500, { "content-type": "text/plain" }); return res.end("server error");
    case "html": res.writeHead(200, { ...head, "content-type": "text/html" }); return res.end("<!doctype html><p>Login</p>");
    case "truncated": res.writeHead(200, head); return res.end(trips.subarray(0, trips.length >> 1));
    case "trickle": {
      // The trips in pieces of 700 bytes, 15 ms apart, as a slow network brings them: the
      // widget reads each trip as its last piece arrives. With ?broken, a comma between two
      // trips past the middle is a semicolon; with ?whole, the same bytes come at once; with
      // ?big, the trips are followed by 400 KB of spaces (so that much is held while it comes).
      let body = url.searchParams.has("big") ? Buffer.concat([trips, Buffer.alloc(400_000, 32)]) : trips;
      if (url.searchParams.has("broken")) {
        const text = body.toString("utf8");
        const at = text.indexOf(",\n  {", text.length >> 1);
        body = Buffer.from(`${text.slice(0, at)};${text.slice(at + 1)}`);
      }
      res.writeHead(200, head);
      if (url.searchParams.has("whole")) return res.end(body);
      let sent = 0;
      const next = () => {
        if (res.destroyed) return;
        if (sent >= body.length) return res.end();
        res.write(body.subarray(sent, sent + 700));
        sent += 700;
        setTimeout(next, 15);
      };
      return next();
    }
    case "slow": {
      // Never answers, but gives up by itself after a minute so the server can stop.
      const timer = setTimeout(() => res.destroy(), 60_000);
      req.on("close", () => clearTimeout(timer));
      return;
    }
    case "flaky": {
      // Fails the first request for a given ?key=, then works: what Retry is for.
      const key = url.searchParams.get("key") ?? "";
      const seen = flaky.get(key) ?? 0;
      flaky.set(key, seen + 1);
      if (seen === 0) {
        res.writeHead(503, { "content-type": "text/plain" });
        return res.end("try again");
      }
      res.writeHead(200, head);
      return res.end(trips);
    }
    case "late-script": {
      // An empty script that arrives after ?ms=: it holds the page's parser that long.
      const ms = Math.min(Number(url.searchParams.get("ms")) || 500, 10_000);
      const timer = setTimeout(() => {
        res.writeHead(200, { "content-type": "text/javascript", "cache-control": "no-store" });
        res.end("");
      }, ms);
      req.on("close", () => clearTimeout(timer));
      return;
    }
    default: res.writeHead(400); return res.end("unknown fault");
  }
}

const gzipped = new Map();

createServer(async (req, res) => {
  try {
    const url = new URL(req.url, "http://localhost");
    if (faults && url.pathname.startsWith("/__fault/")) return fault(url, req, res);
    const mount = mounts.find((m) => url.pathname.startsWith(m.prefix));
    const base = mount ? mount.dir : root;
    const rel = mount ? url.pathname.slice(mount.prefix.length) : url.pathname;
    let path = normalize(join(base, decodeURIComponent(rel)));
    if (!path.startsWith(base)) throw Object.assign(new Error("outside root"), { code: "ENOENT" });
    if ((await stat(path)).isDirectory()) path = join(path, "index.html");
    const { mtimeMs } = await stat(path);
    let body = await readFile(path);
    const headers = { "content-type": TYPES[extname(path)] ?? "application/octet-stream", "cache-control": "no-store" };
    if (csp) headers["content-security-policy"] = csp;
    if (cors) headers["access-control-allow-origin"] = "*";
    if (gzip && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
      // Compressed once per file version, as a real server or CDN would, so that compression
      // never lands inside a measurement.
      const key = `${path}\0${mtimeMs}`;
      let packed = gzipped.get(key);
      if (!packed) gzipped.set(key, (packed = gzipSync(body, { level: 9 })));
      body = packed;
      headers["content-encoding"] = "gzip";
    }
    res.writeHead(200, headers);
    res.end(body);
  } catch (error) {
    res.writeHead(error.code === "ENOENT" ? 404 : 500, { "content-type": "text/plain" });
    res.end(error.code === "ENOENT" ? "not found" : "server error");
  }
}).listen(port, "127.0.0.1", () => console.log(`serving ${root} at http://127.0.0.1:${port}/`));
