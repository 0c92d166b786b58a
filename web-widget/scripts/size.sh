#!/usr/bin/env bash
# Prints the sizes of the source and of the served files (dist/: minified, brotli, gzip), and fails when the
# served gzip file is over the 12 KB budget. The browser tests check the same budget on the bytes the server
# really sends at /widget.js.
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src=$(wc -c <"$dir/src/widget.js")
min=$(wc -c <"$dir/dist/widget.min.js")
br=$(wc -c <"$dir/dist/widget.min.js.br")
gz=$(wc -c <"$dir/dist/widget.min.js.gz")
budget=$((12 * 1024))
echo "widget.js: source $src B, served $min B minified, $br B brotli, $gz B gzip (budget $budget B gzipped)"
[ "$gz" -le "$budget" ]
