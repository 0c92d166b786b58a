#!/usr/bin/env bash
# The whole test suite, on a fresh machine too (README, second command; .ci/run calls it):
#   1. the Rust tests: unit tests beside the code, the integration test binary (engine, command line,
#      HTTP service over oneshot and TCP, and the accuracy gates on the labelled question sets), doc tests;
#   2. the criterion benchmarks, run once each in test mode (each asserts a correctness fact);
#   3. the web widget's tests in a real browser (web-widget/scripts/test.sh installs Debian's chromium and the
#      npm packages when they are missing);
#   4. the OpenAPI document through an OpenAPI validator (scripts/check-openapi.sh).
# The Rust tests run against SQLite and against a throwaway PostgreSQL cluster on loopback
# (scripts/postgres.sh: installs Debian's postgresql when initdb is missing, stopped on exit).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/postgres.sh
postgres_start
export CDM_FAQ_TEST_SCRIPT=1

echo "== cargo test"
cargo test --locked
echo "== benchmarks (test mode)"
cargo test --locked --benches
echo "== web widget (browser)"
web-widget/scripts/test.sh
echo "== OpenAPI document (validator)"
scripts/check-openapi.sh
echo "== all tests passed"
