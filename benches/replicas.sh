#!/usr/bin/env bash
# Load figures for the scale-out path, in one run on this machine: ask and suggest requests per second
# and p99 latency with one replica on the embedded SQLite files, then with two replicas sharing one
# PostgreSQL database (a throwaway cluster on loopback, scripts/postgres.sh).
#   benches/replicas.sh                 20 s per scenario
#   DURATION=10s benches/replicas.sh
# Two replicas are loaded at once, each by its own wrk with half the connections (no reverse proxy in
# between, so the figure is the replicas' own); requests/s are summed, p99 is the worse of the two.
# Everything (wrk, both replicas, PostgreSQL) shares the machine's cores: on a two-core machine a second
# replica adds availability, not throughput. Statistics are on (the production default), rate limiting
# off. Installs wrk (Debian) when missing.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
command -v wrk >/dev/null || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
(cd "$ROOT" && cargo build --release --quiet)
BIN="$ROOT/target/release/cdm-faq"
# shellcheck source=../scripts/postgres.sh
source "$ROOT/scripts/postgres.sh"
postgres_start
TMP=$(mktemp -d)
PIDS=()
CDM_FAQ_ADMIN_TOKEN=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
export CDM_FAQ_ADMIN_TOKEN
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$TMP"; postgres_stop; }
trap cleanup EXIT

python3 - "$ROOT/tests/eval/dev.jsonl" "$TMP" <<'PY'
import json, sys, urllib.parse
rows = [json.loads(l) for l in open(sys.argv[1])]
ask = ["/api/v1/ask?q=%s&lang=%s" % (urllib.parse.quote(r["q"]), r["ui"]) for r in rows]
suggest = ["/api/v1/suggest?q=%s&lang=%s" % (urllib.parse.quote(r["q"][:n]), r["ui"])
           for r in rows for n in (3, 6, 10) if len(r["q"]) > n]
for name, paths in (("ask", ask), ("suggest", suggest)):
    with open("%s/%s.lua" % (sys.argv[2], name), "w") as f:
        f.write("local paths = {\n" + ",\n".join(json.dumps(p) for p in paths) + "\n}\n")
        f.write("local i = math.random(#paths)\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format('GET', paths[i])\nend\n")
PY

start() { # name extra-flags... ; prints the address
  local name=$1; shift
  "$BIN" serve --listen 127.0.0.1:0 --kb "$ROOT/knowledge-base" --data-dir "$TMP/$name" --no-rate-limit --no-watch --log warn "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" &
  PIDS+=($!)
  for _ in $(seq 300); do grep -q listening "$TMP/$name.out" 2>/dev/null && break; sleep 0.1; done
  sed -n 's/^cdm-faq listening on //p' "$TMP/$name.out"
}
stop_all() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; PIDS=(); }
wrk_run() { # address connections lua out
  wrk -t1 -c"$2" -d"$DURATION" --latency -s "$TMP/$3.lua" "$1" >"$4" 2>&1
}
stats_of() { # address: the statistics events the replica wrote and dropped
  curl -fsS -H "Authorization: Bearer $CDM_FAQ_ADMIN_TOKEN" "$1/metrics" \
    | awk '/^cdm_faq_stats_events_(written|dropped|failed|pending)/ { sub(/^cdm_faq_stats_events_/, ""); sub(/\{[^}]*\}/, ""); printf "%s %s, ", $1, $2 }'
}
field() { awk -v k="$2" '$1==k {print $2}' "$1"; }
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
errors() { grep -E "Non-2xx|Socket errors" "$1" | tr -s ' ' | tr '\n' ';' || true; }
ms() { # wrk latency (us, ms, s) to milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

echo "cdm-faq replicas load test: wrk, $CONNECTIONS connections in all, $DURATION per scenario, $(nproc) cores, $(date -u +%F)"
for scenario in ask ask-nocache suggest; do
  flags=()
  lua=$scenario
  if [ "$scenario" = ask-nocache ]; then flags=(--reply-cache 0); lua=ask; fi
  one=$(start sqlite "${flags[@]}")
  curl -fsS "$one/healthz" >/dev/null
  wrk_run "$one" "$CONNECTIONS" "$lua" "$TMP/one"
  sleep 1
  one_stats=$(stats_of "$one")
  stop_all
  printf '%-12s one replica, SQLite       %10s req/s   p99 %8s ms %s\n' "$scenario" "$(rps "$TMP/one")" "$(ms "$(field "$TMP/one" 99%)")" "$(errors "$TMP/one")"
  echo "         statistics: $one_stats"

  a=$(start pg-a --database "$CDM_FAQ_TEST_DATABASE" "${flags[@]}")
  b=$(start pg-b --database "$CDM_FAQ_TEST_DATABASE" "${flags[@]}")
  curl -fsS "$a/readyz" | grep -q '"database":"ok"'
  curl -fsS "$b/readyz" | grep -q '"database":"ok"'
  wrk_run "$a" $((CONNECTIONS / 2)) "$lua" "$TMP/a" &
  wrk_run "$b" $((CONNECTIONS / 2)) "$lua" "$TMP/b"
  wait %1 2>/dev/null || wait
  sleep 1
  pg_stats="A: $(stats_of "$a") B: $(stats_of "$b")"
  stop_all
  total=$(awk -v x="$(rps "$TMP/a")" -v y="$(rps "$TMP/b")" 'BEGIN { printf "%.2f", x + y }')
  p99=$(awk -v x="$(ms "$(field "$TMP/a" 99%)")" -v y="$(ms "$(field "$TMP/b" 99%)")" 'BEGIN { printf "%.2f", (x > y ? x : y) }')
  printf '%-12s two replicas, PostgreSQL  %10s req/s   p99 %8s ms %s%s\n' "$scenario" "$total" "$p99" "$(errors "$TMP/a")" "$(errors "$TMP/b")"
  echo "         statistics: $pg_stats"
done
# The statistics of both replicas landed in the one database.
psql "$CDM_FAQ_TEST_DATABASE" -At -c "SELECT 'statistics rows written by the replicas: ' || COUNT(*) || ', requests counted: ' || COALESCE(SUM(count), 0) FROM stats_replies"
