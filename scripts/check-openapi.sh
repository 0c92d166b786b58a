#!/usr/bin/env bash
# Validates the service's OpenAPI document (GET /api/v1/openapi.json of the real server) with an OpenAPI
# validator (@apidevtools/swagger-parser, installed from tools/openapi/package-lock.json by `npm ci` when
# missing: 15 packages, about 6 MB), then checks that every response has a description.
# Run by scripts/test.sh; needs Node.js >= 20 with npm (scripts/test.sh's widget step installs them).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS="$ROOT/tools/openapi"
if [ ! -d "$TOOLS/node_modules/@apidevtools/swagger-parser" ]; then
  (cd "$TOOLS" && npm ci --no-audit --no-fund --loglevel=error)
fi
(cd "$ROOT" && cargo build --quiet)
TMP=$(mktemp -d)
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
"$ROOT/target/debug/cdm-faq" serve --listen 127.0.0.1:0 --kb "$ROOT/tests/fixtures/knowledge-base" \
  --no-stats --no-watch --log warn >"$TMP/out" 2>"$TMP/err" &
SERVER=$!
for _ in $(seq 300); do grep -q listening "$TMP/out" 2>/dev/null && break; sleep 0.1; done
ADDRESS=$(sed -n 's/^cdm-faq listening on //p' "$TMP/out")
[ -n "$ADDRESS" ] || { echo "the server did not start:"; cat "$TMP/err"; exit 1; }
curl -fsS "$ADDRESS/api/v1/openapi.json" -o "$TMP/openapi.json"
node "$TOOLS/validate.mjs" "$TMP/openapi.json"
