#!/usr/bin/env bash
# One command for a newcomer: install, build, load the demo province into ./var/eiso.db and run
# eISO on http://127.0.0.1:8080 (EISO_HTTP_PORT / EISO_HTTP_HOST to change). Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
mkdir -p var
bin=build/release/src/eiso
"$bin" --db sqlite:var/eiso.db demo
echo
echo "Open the URL below and sign in as 'admin' (password eiso-demo-2026); every demo user above uses the same password."
exec "$bin" --db sqlite:var/eiso.db serve --web web/dist
