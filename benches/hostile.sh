#!/usr/bin/env bash
# Hostile traffic against the release build on loopback, the long parts (the fast cases run with the tests,
# tests/http/hostile.rs). Bounded: every phase stops by itself; the whole run takes about 2 minutes.
#   benches/hostile.sh
#   BIN=/path/to/cdm-faq benches/hostile.sh        (another binary; skips the build)
# Phases, each printing its figures:
#   1. 2,000 idle connections (twice the connection cap): time for a new client to get /healthz, the
#      refusals counted, and how many idle ones are still open after the header-read timeout (5 s here);
#   2. 500 slowloris connections (one header byte a second) while wrk measures /api/v1/ask: p50/p99;
#   3. 60,000 requests with invented methods (wrk): /metrics size before and after;
#   4. graceful shutdown with a half-sent request and a half-sent body: time from SIGTERM to exit
#      (deadline 2 s here).
# Installs wrk (Debian) when missing. Needs python3.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
command -v wrk >/dev/null || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if [ -z "${BIN:-}" ]; then (cd "$ROOT" && cargo build --release --quiet); BIN="$ROOT/target/release/cdm-faq"; fi
ulimit -n 8192 2>/dev/null || true
TMP=$(mktemp -d)
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

start() { # extra server flags...
  "$BIN" serve --listen 127.0.0.1:0 --kb "$ROOT/knowledge-base" --data-dir "$TMP/data" --no-rate-limit --no-watch --log warn "$@" >"$TMP/out" 2>"$TMP/err" &
  SERVER=$!
  for _ in $(seq 300); do grep -q listening "$TMP/out" 2>/dev/null && break; sleep 0.1; done
  ADDRESS=$(sed -n 's/^cdm-faq listening on http:\/\///p' "$TMP/out")
}
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=; }

echo "cdm-faq hostile traffic on $(nproc) cores, $(date -u +%F)"

echo "== 1. 2,000 idle connections, --max-connections 1024, --header-read-timeout-secs 5"
start --max-connections 1024 --header-read-timeout-secs 5
python3 - "$ADDRESS" <<'PY'
import socket, sys, time
host, port = sys.argv[1].rsplit(":", 1)
idle = []
for i in range(2000):
    s = socket.create_connection((host, int(port)))
    if i % 2:
        s.sendall(b"GET /heal")
    idle.append(s)
time.sleep(0.5)
def get(path):
    t = time.monotonic()
    try:
        s = socket.create_connection((host, int(port)), timeout=5)
        s.sendall(b"GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % path.encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
        return data.split(b" ", 2)[1].decode(), time.monotonic() - t
    except ConnectionResetError:
        # Over the cap and over the refusal budget (every refusal slot busy answering other clients).
        return "reset", time.monotonic() - t
status, took = get("/healthz")
print(f"   new client while 2,000 idle: /healthz {status} in {took*1000:.0f} ms (503 = over the cap, answered at once; reset = the refusal slots busy too)")
time.sleep(6)
status, took = get("/healthz")
print(f"   after the timeout: /healthz {status} in {took*1000:.0f} ms")
still = 0
for s in idle:
    s.settimeout(0.01)
    try:
        if s.recv(1024):
            still += 1
    except (socket.timeout, BlockingIOError):
        still += 1
    except OSError:
        pass
print(f"   idle connections still open 6 s later: {still} of 2000")
PY
curl -fsS "http://$ADDRESS/metrics" | grep -E "^cdm_faq_http_connections_(refused_total|open) " | sed 's/^/   /'
stop

echo "== 2. 500 slowloris connections while wrk asks (10 s)"
start
python3 - "$ADDRESS" >"$TMP/slowloris" <<'PY' &
import socket, sys, time
host, port = sys.argv[1].rsplit(":", 1)
conns = [socket.create_connection((host, int(port))) for _ in range(500)]
for c in conns:
    c.sendall(b"GET /healthz HTTP/1.1\r\n")
end = time.monotonic() + 12
closed = 0
while time.monotonic() < end and conns:
    alive = []
    for c in conns:
        try:
            c.sendall(b"X")
            alive.append(c)
        except OSError:
            closed += 1
    conns = alive
    time.sleep(1)
print(f"   slowloris connections closed by the server within 12 s: {closed} of 500")
PY
LORIS=$!
sleep 1
printf 'local i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format("GET", "/api/v1/ask?q=inscription%%20actiris%%20" .. (i %% 50) .. "&lang=fr")\nend\n' >"$TMP/ask.lua"
wrk -t1 -c16 -d10s --latency -s "$TMP/ask.lua" "http://$ADDRESS" >"$TMP/wrk" 2>&1
wait "$LORIS" || true
cat "$TMP/slowloris"
printf '   ask under slowloris: %s req/s, p50 %s, p99 %s\n' "$(awk '/Requests\/sec/ {print $2}' "$TMP/wrk")" "$(awk '$1=="50%" {print $2}' "$TMP/wrk")" "$(awk '$1=="99%" {print $2}' "$TMP/wrk")"
stop

echo "== 3. invented methods (wrk, 60,000 requests at most, 15 s at most)"
start
curl -fsS -X BREW "http://$ADDRESS/healthz" >/dev/null 2>&1 || true
curl -fsS "http://$ADDRESS/metrics" >/dev/null
BEFORE=$(curl -fsS "http://$ADDRESS/metrics" | wc -c)
cat >"$TMP/methods.lua" <<'LUA'
local i = 0
request = function()
  i = i + 1
  if i > 60000 then wrk.thread:stop() end
  local m = "M" .. i
  if i % 100 == 0 then m = string.rep("X", 5000) .. i end
  local paths = {"/healthz", "/api/v1/ask", "/nowhere/" .. i}
  return wrk.format(m, paths[i % 3 + 1])
end
LUA
wrk -t1 -c8 -d15s -s "$TMP/methods.lua" "http://$ADDRESS" >"$TMP/wrk" 2>&1 || true
SENT=$(awk '/requests in/ {print $1}' "$TMP/wrk")
AFTER=$(curl -fsS "http://$ADDRESS/metrics" | wc -c)
echo "   $SENT requests with invented methods: /metrics $BEFORE -> $AFTER bytes"
stop

echo "== 4. graceful shutdown with half-sent requests, --shutdown-grace-secs 2"
start --shutdown-grace-secs 2 --header-read-timeout-secs 60 --body-timeout-secs 60
python3 - "$ADDRESS" "$SERVER" <<'PY'
import os, signal, socket, sys, time
host, port = sys.argv[1].rsplit(":", 1)
head = socket.create_connection((host, int(port)))
head.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
body = socket.create_connection((host, int(port)))
body.sendall(b"POST /api/v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"q\": \"inc")
time.sleep(0.3)
t = time.monotonic()
os.kill(int(sys.argv[2]), signal.SIGTERM)
while True:
    try:
        os.kill(int(sys.argv[2]), 0)
    except ProcessLookupError:
        break
    if os.path.exists(f"/proc/{sys.argv[2]}/status") and "zombie" in open(f"/proc/{sys.argv[2]}/status").read():
        break
    time.sleep(0.02)
print(f"   SIGTERM to exit with a half-sent head and a half-sent body: {time.monotonic() - t:.2f} s")
PY
STATUS=0; wait "$SERVER" 2>/dev/null || STATUS=$?; echo "   exit status: $STATUS"; SERVER=
