#!/usr/bin/env bash
# Browser test: a fresh demo database, eiso serving the built UI on a free port, and the
# Playwright script in web/e2e driving Debian's chromium against it.
# Usage: scripts/e2e.sh PATH_TO_EISO
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin=$(realpath "${1:?path to the eiso binary}")
work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
"$bin" --db "sqlite:$work/eiso.db" demo >/dev/null
EISO_HTTP_ACCESS_LOG=false "$bin" --db "sqlite:$work/eiso.db" serve --port 0 --web "$root/web/dist" \
  >"$work/out.log" 2>"$work/err.log" &
server_pid=$!
for _ in $(seq 100); do
  url=$(grep -o 'http://[0-9.:]*' "$work/out.log" 2>/dev/null | head -1 || true)
  [[ -n $url ]] && break
  sleep 0.1
done
[[ -n ${url:-} ]] || { echo "eiso did not start:"; cat "$work/err.log"; exit 1; }
cd "$root/web"
EISO_URL=$url npm run --silent e2e
