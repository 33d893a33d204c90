#!/usr/bin/env bash
# Prints the raw, gzip (-9) and brotli size of every file in dist/ and their totals, measured as
# `make bench` and the size budget measure them (scripts/sizes.mjs).
# usage: scripts/size.sh [dist]
set -euo pipefail
exec node "$(dirname "$0")/sizes.mjs" "${1:-dist}"
