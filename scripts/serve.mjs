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

createServer(async (req, res) => {
  try {
    const url = new URL(req.url, "http://localhost");
    const mount = mounts.find((m) => url.pathname.startsWith(m.prefix));
    const base = mount ? mount.dir : root;
    const rel = mount ? url.pathname.slice(mount.prefix.length) : url.pathname;
    let path = normalize(join(base, decodeURIComponent(rel)));
    if (!path.startsWith(base)) throw Object.assign(new Error("outside root"), { code: "ENOENT" });
    if ((await stat(path)).isDirectory()) path = join(path, "index.html");
    let body = await readFile(path);
    const headers = { "content-type": TYPES[extname(path)] ?? "application/octet-stream", "cache-control": "no-store" };
    if (csp) headers["content-security-policy"] = csp;
    if (cors) headers["access-control-allow-origin"] = "*";
    if (gzip && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
      body = gzipSync(body, { level: 9 });
      headers["content-encoding"] = "gzip";
    }
    res.writeHead(200, headers);
    res.end(body);
  } catch (error) {
    res.writeHead(error.code === "ENOENT" ? 404 : 500, { "content-type": "text/plain" });
    res.end(error.code === "ENOENT" ? "not found" : "server error");
  }
}).listen(port, "127.0.0.1", () => console.log(`serving ${root} at http://127.0.0.1:${port}/`));
