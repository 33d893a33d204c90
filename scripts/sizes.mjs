// How a file's size is measured everywhere in this repo (`make size`, `make bench`, the size
// budget in the tests): raw bytes, gzip -9 and brotli q11, all by node's zlib, so that one
// file has one figure wherever it is quoted (the system's gzip -9 gave about 300 B less on the
// wasm than node's zlib at the same level).
// usage as a command: node scripts/sizes.mjs DIR   (every file in DIR and their totals)
import { readFileSync, readdirSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";

/// The gzip -9 size of `bytes`.
export const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length;

/// Raw, gzip -9 and brotli q11 sizes of the file at `path`.
export const sizes = (path) => {
  const b = readFileSync(path);
  return {
    raw: b.length,
    gz: gzipSize(b),
    br: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};

/// Prints one row per file, then the totals; returns the totals.
export const printTable = (root, files) => {
  const row = (name, s) =>
    console.log(`${name.padEnd(34)}${String(s.raw).padStart(9)}${String(s.gz).padStart(9)}${String(s.br).padStart(9)}`);
  console.log(`${"file".padEnd(34)}${"raw".padStart(9)}${"gzip".padStart(9)}${"brotli".padStart(9)}`);
  const total = { raw: 0, gz: 0, br: 0 };
  for (const f of files) {
    const s = sizes(`${root}/${f}`);
    for (const k of Object.keys(total)) total[k] += s[k];
    row(f, s);
  }
  row("TOTAL", total);
  return total;
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = process.argv[2] ?? "dist";
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => `${d.parentPath ?? d.path}/${d.name}`.slice(root.length + 1))
    .filter((f) => !f.startsWith(".stage/"))
    .sort();
  printTable(root, files);
}
