// Minifies the shell's JavaScript and CSS in trunk's staging folder (a post_build hook), so
// readers download less; the sources in www/ stay readable. Without TRUNK_STAGING_DIR it
// minifies dist/ in place.
import { transform } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR ?? "dist";
const files = [
  ["trip-map.js", "js"],
  ["tripmap.js", "js"],
  ["embed.js", "js"],
  ["trip-map.css", "css"],
  ["article.css", "css"],
  ["embed.css", "css"],
];
for (const [name, loader] of files) {
  const path = join(dir, name);
  const source = readFileSync(path, "utf8");
  const { code } = await transform(source, { loader, minify: true, target: "es2022", format: loader === "js" ? "esm" : undefined, legalComments: "none" });
  writeFileSync(path, code);
}
