#!/usr/bin/env bash
# Load test of the HTTP service on loopback: wrk against a release build, rate limiting off.
#   benches/load.sh            all scenarios, 20 s each
#   DURATION=10s benches/load.sh
#   BIN=/tmp/cdm-faq-old SCENARIOS="ask-cache suggest" benches/load.sh   (another binary, some scenarios)
# Scenarios: /api/v1/ask with the 410 questions of tests/eval/dev.jsonl in turn (a mix of languages and
# styles, long stories included) — with the reply cache (production default) and without it (every
# request runs the engine), with statistics recorded and without; /api/v1/suggest with prefixes of those
# questions. Prints requests/s, p50/p99 latency, and the server's resident memory at rest and its peak.
# Installs wrk (Debian) when missing. The server and wrk share the machine's cores.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
command -v wrk >/dev/null || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
SCENARIOS=${SCENARIOS:-ask-cache ask-cache-nostats ask-nocache ask-nocache-nostats suggest suggest-post}
if [ -z "${BIN:-}" ]; then (cd "$ROOT" && cargo build --release --quiet); BIN="$ROOT/target/release/cdm-faq"; fi
TMP=$(mktemp -d)
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

python3 - "$ROOT/tests/eval/dev.jsonl" "$TMP" <<'PY'
import json, sys, urllib.parse
rows = [json.loads(l) for l in open(sys.argv[1])]
ask = ["/api/v1/ask?q=%s&lang=%s" % (urllib.parse.quote(r["q"]), r["ui"]) for r in rows]
suggest = []
for r in rows:
    q = r["q"]
    for n in (3, 6, 10):
        if len(q) > n:
            suggest.append("/api/v1/suggest?q=%s&lang=%s" % (urllib.parse.quote(q[:n]), r["ui"]))
for name, paths in (("ask", ask), ("suggest", suggest)):
    with open("%s/%s.lua" % (sys.argv[2], name), "w") as f:
        f.write("local paths = {\n" + ",\n".join(json.dumps(p) for p in paths) + "\n}\n")
        f.write("local i = math.random(#paths)\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format('GET', paths[i])\nend\n")
# The widget's way: POST with a JSON body, the question never in the URL.
bodies = []
for r in rows:
    q = r["q"]
    for n in (3, 6, 10):
        if len(q) > n:
            bodies.append(json.dumps({"q": q[:n], "lang": r["ui"]}))
with open("%s/suggest-post.lua" % sys.argv[2], "w") as f:
    f.write("local bodies = {\n" + ",\n".join(json.dumps(b) for b in bodies) + "\n}\n")
    f.write("local i = math.random(#bodies)\nlocal headers = {['Content-Type'] = 'application/json'}\nrequest = function()\n  i = i % #bodies + 1\n  return wrk.format('POST', '/api/v1/suggest', headers, bodies[i])\nend\n")
PY

start() { # extra server flags...
  "$BIN" serve --listen 127.0.0.1:0 --kb "$ROOT/knowledge-base" --data-dir "$TMP/data" --no-rate-limit --no-watch --log warn "$@" >"$TMP/out" 2>"$TMP/err" &
  SERVER=$!
  for _ in $(seq 300); do grep -q listening "$TMP/out" 2>/dev/null && break; sleep 0.1; done
  ADDRESS=$(sed -n 's/^cdm-faq listening on //p' "$TMP/out")
}
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=; }
rss() { awk '/^'"$1"':/ {printf "%.0f MB", $2/1024}' "/proc/$SERVER/status"; }
run() { # name lua
  curl -fsS "$ADDRESS/healthz" >/dev/null
  local rest; rest=$(rss VmRSS)
  wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$TMP/$2.lua" "$ADDRESS" >"$TMP/wrk" 2>&1
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$TMP/wrk")
  p50=$(awk '$1=="50%" {print $2}' "$TMP/wrk")
  p99=$(awk '$1=="99%" {print $2}' "$TMP/wrk")
  errors=$(grep -E "Non-2xx|Socket errors" "$TMP/wrk" | tr -s ' ' | tr '\n' ';' || true)
  printf '%-44s %10s req/s   p50 %8s   p99 %8s   RSS at rest %s, peak %s %s\n' "$1" "$rps" "$p50" "$p99" "$rest" "$(rss VmHWM)" "$errors"
}

echo "cdm-faq load test: wrk -t1 -c$CONNECTIONS -d$DURATION on $(nproc) cores, $(date -u +%F)"
for scenario in $SCENARIOS; do
  case $scenario in
    ask-cache)           start;                            run "ask (reply cache, statistics on)" ask; stop ;;
    ask-cache-nostats)   start --no-stats;                 run "ask (reply cache, statistics off)" ask; stop ;;
    ask-nocache)         start --reply-cache 0;            run "ask (no cache, statistics on)" ask; stop ;;
    ask-nocache-nostats) start --reply-cache 0 --no-stats; run "ask (no cache, statistics off)" ask; stop ;;
    suggest)             start;                            run "suggest GET (statistics on)" suggest; stop ;;
    suggest-post)        start;                            run "suggest POST (statistics on)" suggest-post; stop ;;
    *) echo "unknown scenario $scenario" >&2; exit 2 ;;
  esac
done
