#!/usr/bin/env bash
# The unanswered page against planted questions, on a release build, loopback only, bounded (~1 min):
#   benches/planted.sh            5,000 planted questions of ~450 characters
#   PLANTED=20000 benches/planted.sh
# Plants the questions straight into a fresh statistics database, starts the server (reply cache off,
# rate limiting off), probes /api/v1/ask in a loop while an admin loads /admin/unanswered (twice, then
# again after the background grouping had time to catch up), and prints each load's time, how many
# questions were still waiting to be grouped, and the ask latencies (p50, p99, max) during the loads.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PLANTED=${PLANTED:-5000}
(cd "$ROOT" && cargo build --release --quiet)
BIN="$ROOT/target/release/cdm-faq"
TMP=$(mktemp -d)
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
TOKEN=planted-bench-token-0123456789abcdef0123456789
mkdir -m 700 "$TMP/data"
# Let the server create the schema, then stop it and plant.
CDM_FAQ_ADMIN_TOKEN=$TOKEN "$BIN" serve --listen 127.0.0.1:0 --kb "$ROOT/tests/fixtures/knowledge-base" --data-dir "$TMP/data" --no-watch --log warn >"$TMP/out" 2>"$TMP/err" &
SERVER=$!
for _ in $(seq 100); do [ -s "$TMP/data/statistics.sqlite" ] && grep -q listening "$TMP/out" && break; sleep 0.1; done
sleep 0.5; kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
python3 - "$TMP/data/statistics.sqlite" "$PLANTED" <<'PY'
import sqlite3, sys, random, datetime
db = sqlite3.connect(sys.argv[1]); rnd = random.Random(9)
day = datetime.date.today().isoformat()
rows = []
for i in range(int(sys.argv[2])):
    words, n = [], 0
    while n < 450:
        w = "mot%d" % rnd.randrange(300); words.append(w); n += len(w) + 1
    rows.append((day, " ".join(words)))
db.executemany("INSERT INTO unanswered (day, lang, kind, question, closest_entry, confidence) VALUES (?, 'fr', 'no_answer', ?, '', 0.1)", rows)
db.commit()
PY
CDM_FAQ_ADMIN_TOKEN=$TOKEN "$BIN" serve --listen 127.0.0.1:0 --kb "$ROOT/tests/fixtures/knowledge-base" --data-dir "$TMP/data" --no-watch --no-rate-limit --reply-cache 0 --log warn >"$TMP/out" 2>"$TMP/err" &
SERVER=$!
for _ in $(seq 100); do grep -q listening "$TMP/out" 2>/dev/null && break; sleep 0.1; done
ADDRESS=$(sed -n 's/^cdm-faq listening on //p' "$TMP/out")
python3 - "$ADDRESS" "$TOKEN" <<'PY'
import sys, threading, time, urllib.request, re
address, token = sys.argv[1], sys.argv[2]
questions = ["incubateur", "Comment%20devenir%20ind%C3%A9pendant%20%3F", "Where%20can%20I%20learn%20Dutch%3F", "recette%20de%20pizza"]
def load():
    t = time.monotonic()
    req = urllib.request.Request(address + "/admin/unanswered", headers={"Authorization": "Bearer " + token})
    page = urllib.request.urlopen(req, timeout=30).read().decode()
    m = re.search(r"(\d+) newer questions are still being grouped", page)
    return time.monotonic() - t, int(m.group(1)) if m else 0
def probe_during(action):
    lat, done, result = [], threading.Event(), {}
    def run():
        result["r"] = action(); done.set()
    threading.Thread(target=run).start()
    i = 0
    while not done.is_set() or len(lat) < 200:
        t = time.monotonic()
        urllib.request.urlopen(address + "/api/v1/ask?lang=fr&q=" + questions[i % len(questions)], timeout=30).read()
        lat.append(time.monotonic() - t); i += 1
    lat.sort()
    return result["r"], lat
for name, action in [("load 1", load), ("load 2", load), ("after 10 s of background grouping, load 3", lambda: (time.sleep(10), load())[1])]:
    (seconds, waiting), lat = probe_during(action)
    print("%-44s %.2f s, %5d still waiting; ask during it: %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms" % (
        name, seconds, waiting, len(lat), 1000 * lat[len(lat) // 2], 1000 * lat[int(0.99 * (len(lat) - 1))], 1000 * lat[-1]))
PY
