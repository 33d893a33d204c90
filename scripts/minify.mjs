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
// It resolves to an object holding the wasm's memory (all the shell reads of the instance),
// as the wasm's own export names are shortened (below).
//
// The wasm's import and export names are shortened by binaryen in scripts/wasm-opt.sh, which
// leaves the old and new names in wasm-names.json beside the wasm; the glue is renamed to match
// as it is bundled (`renameCore`), and the build stops if the glue uses a name the wasm does
// not have.
import { build, transform } from "esbuild";
import { minify } from "terser";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
  if (wasm !== undefined) return { memory: wasm.memory };
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
    __wbg_finalize_init(result.instance, result.module);
    return { memory: wasm.memory };
  })();
  __wbg_init_promise.catch(() => { __wbg_init_promise = undefined; });
  return __wbg_init_promise;
}
export { __wbg_init as default };
`;
/// The glue with the wasm's shortened names (binaryen's mapping: imports as [module, name, new],
/// exports as [name, new]): the import object's keys and module, and every `wasm.<export>`.
function renameCore(glue, names) {
  const once = (text, from, to) => {
    const parts = text.split(from);
    if (parts.length !== 2) throw new Error(`scripts/minify.mjs: the glue has ${parts.length - 1} of ${from}, not one`);
    return parts.join(to);
  };
  // What the wasm now imports and exports, read from the wasm itself.
  const core = new WebAssembly.Module(readFileSync(join(dir, "tripmap_bg.wasm")));
  const modules = [...new Set(WebAssembly.Module.imports(core).map((i) => i.module))];
  const imported = new Set(WebAssembly.Module.imports(core).map((i) => i.name));
  const exported = new Set(WebAssembly.Module.exports(core).map((e) => e.name));
  const olds = [...new Set(names.imports.map(([module]) => module))];
  if (modules.length !== 1 || olds.length !== 1) throw new Error(`scripts/minify.mjs: imports from ${olds} as ${modules}, not one module`);
  for (const [, name, short] of names.imports) {
    if (!imported.has(short)) throw new Error(`scripts/minify.mjs: the wasm does not import ${short} (${name})`);
    glue = once(glue, `\n        ${name}: function(`, `\n        ${short}: function(`);
  }
  glue = once(glue, `${JSON.stringify(olds[0])}: import0`, `${JSON.stringify(modules[0])}: import0`);
  const exports = new Map(names.exports.filter(([, short]) => exported.has(short)));
  return glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (_, name) => {
    const short = exports.get(name);
    if (!short) throw new Error(`scripts/minify.mjs: the glue uses wasm.${name}, which the wasm does not export`);
    return `wasm.${short}`;
  });
}
const namesFile = join(dir, "wasm-names.json");
const names = existsSync(namesFile) ? JSON.parse(readFileSync(namesFile, "utf8")) : null;
const compactLoader = {
  name: "compact-loader",
  setup(b) {
    b.onLoad({ filter: /[\\/]tripmap\.js$/ }, ({ path }) => {
      const glue = readFileSync(path, "utf8");
      const from = glue.indexOf(LOADER_FROM);
      if (from < 0 || !glue.trimEnd().endsWith(LOADER_END)) {
        throw new Error(`${path}: the wasm-bindgen glue does not end with the loader scripts/minify.mjs replaces; update COMPACT_LOADER there`);
      }
      const compact = glue.slice(0, from) + COMPACT_LOADER;
      return { contents: names ? renameCore(compact, names) : compact, loader: "js" };
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
rmSync(namesFile, { force: true });
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
