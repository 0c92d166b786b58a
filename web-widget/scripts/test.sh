#!/usr/bin/env bash
# Browser tests of the web widget, from any working directory, on a fresh machine too:
#   1. installs what is missing: Debian's chromium (apt-get) and the npm packages (npm ci, from the lock file);
#   2. checks the widget's source with the TypeScript compiler (JSDoc types, --checkJs) and that the committed
#      minified build in dist/ is fresh (scripts/build.mjs --check); builds the server (cargo build at the
#      repository root: the widget and the demo page are compiled into it);
#   3. starts `cdm-faq serve` on 127.0.0.1 (a free port) over a copy of tests/fixtures/knowledge-base plus
#      tests/fixtures/clarify-entry.toml (for a `clarify` reply);
#   4. runs test/*.test.mjs with node's test runner (Playwright driving chromium, axe-core);
#   5. stops the server and removes its temporary folder on exit, failure or interruption.
# Exit status: non-zero when anything fails. Screenshots and the axe report go to web-widget/test-results/.
# CDM_FAQ_URL=http://127.0.0.1:PORT skips steps 2 and 3 and tests a server that is already running (serving the
# same knowledge base, and allowing the test pages' origin for CORS: start it with `--cors-origins '*'`, or set
# WIDGET_TEST_PAGES_PORT to a port it allows).
set -euo pipefail

WIDGET=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$WIDGET/.." && pwd)
say() { printf 'web-widget: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cdm-faq-widget.XXXXXX")
SERVER_PID=
TESTS_PID=
cleanup() {
  local status=$?
  if [ -n "$TESTS_PID" ] && kill -0 "$TESTS_PID" 2>/dev/null; then
    # The test runner, its test processes and their browsers form one process group (setsid below).
    kill -TERM -- "-$TESTS_PID" 2>/dev/null || true
    sleep 1
    kill -KILL -- "-$TESTS_PID" 2>/dev/null || true
  fi
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 1. What the tests need --------------------------------------------------------------------------------
if [ ! -x /usr/bin/chromium ]; then
  say "installing Debian's chromium"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing Node.js and npm"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  say "Node.js >= 20 is needed (playwright-core), found $(node --version)"
  exit 1
fi
cd "$WIDGET"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
  || [ ! -f node_modules/playwright-core/package.json ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
  say "installing the npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# --- 2. The source: types checked, the served build fresh ------------------------------------------------------
say "checking the JSDoc types (tsc --checkJs) and the committed build (dist/)"
npx --no-install tsc --checkJs --allowJs --noEmit --target es2022 --lib es2022,dom,dom.iterable src/widget.js
node scripts/build.mjs --check

# --- 2 and 3. The server -------------------------------------------------------------------------------------
if [ -z "${CDM_FAQ_URL:-}" ]; then
  say "building the server (cargo build)"
  (cd "$ROOT" && cargo build --bin cdm-faq)
  cp -R "$ROOT/tests/fixtures/knowledge-base" "$TMP/kb"
  cp "$ROOT/tests/fixtures/clarify-entry.toml" "$TMP/kb/work/allowance-rules.toml"
  # The tests' embedding pages are served from another origin, on a port chosen now, which the server must
  # allow for CORS.
  WIDGET_TEST_PAGES_PORT=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
  export WIDGET_TEST_PAGES_PORT
  # Statistics on: the tests read them back (answers opened by a click are counted by source).
  # Plain HTTP on loopback: the staff session cookie is sent without Secure (--insecure-cookies).
  export CDM_FAQ_TEST_DATA_DIR="$TMP/data" CDM_FAQ_TEST_BIN="$ROOT/target/debug/cdm-faq"
  "$ROOT/target/debug/cdm-faq" serve --listen 127.0.0.1:0 --kb "$TMP/kb" --no-rate-limit --data-dir "$TMP/data" \
    --insecure-cookies --cors-origins "http://127.0.0.1:$WIDGET_TEST_PAGES_PORT" >"$TMP/server.out" 2>"$TMP/server.err" </dev/null &
  SERVER_PID=$!
  for _ in $(seq 1200); do # up to 120 s
    CDM_FAQ_URL=$(sed -n 's/^cdm-faq listening on \(http:\/\/[0-9.:]*\).*$/\1/p' "$TMP/server.out" | head -n 1)
    [ -n "$CDM_FAQ_URL" ] && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      say "the server stopped before listening:"
      cat "$TMP/server.err" >&2
      exit 1
    fi
    sleep 0.1
  done
  if [ -z "$CDM_FAQ_URL" ]; then
    say "the server did not say it was listening within 120 s:"
    cat "$TMP/server.err" >&2
    exit 1
  fi
  say "server at $CDM_FAQ_URL"
  # The staff pages' tests (test/staff.test.mjs) log in with this account, made as an operator would.
  CDM_FAQ_STAFF_NAME=staff-test
  CDM_FAQ_STAFF_PASSWORD="staff test $(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$CDM_FAQ_STAFF_PASSWORD" | "$ROOT/target/debug/cdm-faq" user add "$CDM_FAQ_STAFF_NAME" \
    --role admin --role editor --role counsellor --password-stdin --data-dir "$TMP/data" >/dev/null
  export CDM_FAQ_STAFF_NAME CDM_FAQ_STAFF_PASSWORD
fi
export CDM_FAQ_URL

# --- 4. The browser tests -------------------------------------------------------------------------------------
# In the background and in its own process group, so that an interruption stops it at once (see cleanup).
status=0
setsid node --test --test-concurrency=1 test/*.test.mjs &
TESTS_PID=$!
wait "$TESTS_PID" || status=$?
TESTS_PID=
if [ "$status" -ne 0 ] && [ -s "$TMP/server.err" ]; then
  say "the tests failed; the server's last log lines:"
  tail -n 30 "$TMP/server.err" >&2
fi
exit "$status"
