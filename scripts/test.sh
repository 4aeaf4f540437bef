#!/usr/bin/env bash
# One command for every test suite: installs and builds like scripts/build.sh --test, then runs
# through ctest: unit tests (GoogleTest, per module), API tests against the real binary on SQLite
# and on a throw-away PostgreSQL 15 cluster, the web unit tests and the browser test in Debian's
# chromium. Ends with ctest's summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh --test
echo "==> running every test suite"
cd build/ci
ctest --output-on-failure -j "$(nproc)" --timeout 900
