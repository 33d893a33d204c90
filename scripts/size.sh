#!/usr/bin/env bash
# Prints the raw, gzip (-9) and brotli size of every file in dist/ and their totals.
# usage: scripts/size.sh [dist]
set -euo pipefail
dir=${1:-dist}
brotli_size() {
  node -e 'const z=require("zlib");const b=require("fs").readFileSync(process.argv[1]);
    console.log(z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length)' "$1"
}
printf '%-28s %10s %10s %10s\n' file raw gzip brotli
total_raw=0; total_gz=0; total_br=0
while IFS= read -r f; do
  raw=$(wc -c <"$f"); gz=$(gzip -9c "$f" | wc -c); br=$(brotli_size "$f")
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  printf '%-28s %10d %10d %10d\n' "${f#"$dir"/}" "$raw" "$gz" "$br"
done < <(find "$dir" -type f ! -path '*/.stage/*' | sort)
printf '%-28s %10d %10d %10d\n' TOTAL "$total_raw" "$total_gz" "$total_br"
