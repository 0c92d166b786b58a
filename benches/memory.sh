#!/usr/bin/env bash
# Resident memory of `cdm-faq ask --jsonl` answering the dev question set three times over (1,230 lines,
# one index build for the whole batch). Target: at most 100 MB.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
(cd "$ROOT" && cargo build --release --quiet)
python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
for _ in range(3):
    for r in rows:
        print(json.dumps({"q": r["q"], "lang": r["ui"]}))
' "$ROOT/tests/eval/dev.jsonl" >"${TMPDIR:-/tmp}/cdm-faq-batch.jsonl"
/usr/bin/time -v "$ROOT/target/release/cdm-faq" ask --jsonl --kb "$ROOT/knowledge-base" <"${TMPDIR:-/tmp}/cdm-faq-batch.jsonl" 2>"${TMPDIR:-/tmp}/cdm-faq-time.txt" | wc -l | sed 's/^/replies: /'
grep -E "Maximum resident|Elapsed" "${TMPDIR:-/tmp}/cdm-faq-time.txt"
