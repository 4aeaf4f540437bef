#!/usr/bin/env bash
# Load benchmark of the HTTP server (issue 2): /healthz (the HTTP ceiling, baseline) and the
# authenticated agency tree (GET /api/agencies: session lookup + 167 agencies as JSON), on SQLite
# and on a throw-away PostgreSQL 15 cluster. wrk on loopback, bounded in time.
# Usage: bench/http_load.sh [PATH_TO_EISO] [SECONDS]   (default build/release/src/eiso, 10 s)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin=$(realpath "${1:-$root/build/release/src/eiso}")
seconds=${2:-10}
connections=${BENCH_CONNECTIONS:-32}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }

run_backend() {  # $1 = label, $2 = database url
  local label=$1 db=$2 work pid url cookie
  work=$(mktemp -d)
  "$bin" --db "$db" demo >/dev/null
  EISO_HTTP_ACCESS_LOG=false EISO_LOG_LEVEL=warn "$bin" --db "$db" serve --port 0 >"$work/out" 2>"$work/err" &
  pid=$!
  for _ in $(seq 100); do url=$(grep -o 'http://[0-9.:]*' "$work/out" || true); [[ -n $url ]] && break; sleep 0.1; done
  cookie=$(curl -s -D - -o /dev/null -H 'content-type: application/json' \
    -d '{"username":"admin","password":"eiso-demo-2026"}' "$url/api/auth/login" |
    grep -i '^set-cookie:' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')
  local agencies
  agencies=$(curl -s -H "cookie: $cookie" "$url/api/agencies" | grep -o '"unit_code"' | wc -l)
  echo "== $label: $url (agency tree has $agencies agencies)"
  for target in /healthz /api/agencies /api/agencies?include_inactive=true; do
    local out rps p99
    out=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency -H "cookie: $cookie" "$url$target")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    local errors
    errors=$(awk '/Non-2xx/ {print $4}' <<<"$out")
    printf '%-10s %-14s %10s req/s   p99 %-8s %s\n' "$label" "$target" "$rps" "$p99" "${errors:+non-2xx: $errors}"
  done
  printf '%-10s RSS after load: %s KiB\n' "$label" "$(ps -o rss= -p "$pid" | tr -d ' ')"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}

echo "eiso: $bin   wrk: 1 thread, $connections connections, ${seconds}s per target   cores: $(nproc)"
tmp=$(mktemp -d)
run_backend sqlite "sqlite:$tmp/bench.db"
rm -rf "$tmp"
if [[ -n ${EISO_TEST_PG_URL:-} ]]; then
  run_backend postgres "$EISO_TEST_PG_URL"
else
  echo "(PostgreSQL: run as  scripts/with-postgres.sh bench/http_load.sh  to include it)"
fi
