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
//
// The glue's loader is replaced as it is bundled (`compactLoader`): wasm-bindgen writes one for
// every way of starting a module (a URL, a Request, bytes, a synchronous `initSync`, parameters
// it no longer documents, each with a console warning), and the shell uses only one, a fetch
// whose response it hands over. Replaced, the shell is 419 B gzip smaller (13,673 -> 13,254).
import { build, transform } from "esbuild";
import { minify } from "terser";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR ?? "dist";

/// The end of the glue that wasm-bindgen writes, from its loader on: replaced by the one loader
/// the shell calls, `default({ module_or_path })` with a promise of the wasm's Response. Like
/// wasm-bindgen's, it reports a failed fetch, instantiates while the bytes arrive, reads them
/// whole when the server sends another type than application/wasm, and may be called again
/// after a failure. If a new wasm-bindgen writes its glue otherwise, the build stops here.
const LOADER_FROM = "async function __wbg_load(";
const LOADER_END = "export { initSync, __wbg_init as default };";
const COMPACT_LOADER = `let __wbg_init_promise;
async function __wbg_init({ module_or_path }) {
  if (wasm !== undefined) return wasm;
  __wbg_init_promise ??= (async () => {
    const response = await module_or_path;
    if (!response.ok) throw new Error(\`the server answered \${\`\${response.status} \${response.statusText}\`.trim()} for \${response.url}\`);
    const imports = __wbg_get_imports();
    let result;
    try {
      result = await WebAssembly.instantiateStreaming(response, imports);
    } catch (error) {
      if (response.bodyUsed) throw error;
      result = await WebAssembly.instantiate(await response.arrayBuffer(), imports);
    }
    return __wbg_finalize_init(result.instance, result.module);
  })();
  __wbg_init_promise.catch(() => { __wbg_init_promise = undefined; });
  return __wbg_init_promise;
}
export { __wbg_init as default };
`;
const compactLoader = {
  name: "compact-loader",
  setup(b) {
    b.onLoad({ filter: /[\\/]tripmap\.js$/ }, ({ path }) => {
      const glue = readFileSync(path, "utf8");
      const from = glue.indexOf(LOADER_FROM);
      if (from < 0 || !glue.trimEnd().endsWith(LOADER_END)) {
        throw new Error(`${path}: the wasm-bindgen glue does not end with the loader scripts/minify.mjs replaces; update COMPACT_LOADER there`);
      }
      return { contents: glue.slice(0, from) + COMPACT_LOADER, loader: "js" };
    });
  },
};
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
  plugins: [compactLoader],
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
