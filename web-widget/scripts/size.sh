#!/usr/bin/env bash
# Prints the size of src/widget.js, raw and gzipped (-9), and fails when the gzipped size is over the 12 KB
# budget. The browser tests check the same budget on what the server really serves at /widget.js.
set -euo pipefail
file="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/src/widget.js"
raw=$(wc -c <"$file")
gz=$(gzip -9c "$file" | wc -c)
budget=$((12 * 1024))
echo "widget.js: $raw bytes, $gz bytes gzipped (budget $budget)"
[ "$gz" -le "$budget" ]
