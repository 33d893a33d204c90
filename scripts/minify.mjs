// Minifies the shell's JavaScript and CSS in trunk's staging folder (a post_build hook), so
// readers download less; the sources in www/ stay readable. Without TRUNK_STAGING_DIR it
// minifies dist/ in place.
//
// trip-map.js is bundled with the wasm-bindgen glue it imports (tripmap.js), which is then
// removed: one request and one module fewer for the reader (about 0.4 KB less on the wire).
// The glue is still evaluated only when the first map loads: esbuild turns the dynamic
// import into a call that runs the glue's module body then.
//
// esbuild bundles and minifies; terser's compressor, run three passes over that output, finds
// more to fold and drop: 12,587 -> 12,341 B gzip for trip-map.js.
import { build, transform } from "esbuild";
import { minify } from "terser";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR ?? "dist";
const shell = join(dir, "trip-map.js");
// The bundle goes from esbuild to terser in memory and is written once.
const bundled = await build({
  entryPoints: [shell],
  outfile: shell,
  write: false,
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  legalComments: "none",
  logLevel: "warning",
});
const { code } = await minify(bundled.outputFiles[0].text, {
  module: true,
  ecma: 2022, // its output may use what esbuild's target (es2022) allows
  compress: { passes: 3 },
  format: { comments: false },
});
writeFileSync(shell, code);
rmSync(join(dir, "tripmap.js"), { force: true });
const files = [
  ["embed.js", "js"],
  ["trip-map.css", "css"],
  ["article.css", "css"],
  ["embed.css", "css"],
];
// trunk keeps the rust link in the page it writes (it does with `data-wasm-no-import`), though
// no browser uses it: 159 bytes (68 gzip) every reader of the demo downloaded for nothing.
const page = join(dir, "index.html");
const html = readFileSync(page, "utf8");
const rustLink = /<link data-trunk rel="rust"[^>]*>\n?/;
if (rustLink.test(html)) writeFileSync(page, html.replace(rustLink, ""));
for (const [name, loader] of files) {
  const path = join(dir, name);
  const source = readFileSync(path, "utf8");
  const { code } = await transform(source, { loader, minify: true, target: "es2022", format: loader === "js" ? "esm" : undefined, legalComments: "none" });
  writeFileSync(path, code);
}
