#!/usr/bin/env bash
# Dossier budgets (issue 6, ARCHITECTURE.md "Budgets") through the HTTP API, with wrk on loopback:
#   serve start, RSS, /healthz (baseline), intake (POST /api/dossiers) at one single window and
#   at five at once, handover of a step, public lookup by number + secret, the province's
#   statistics dashboard over a year, and the sqlite3 C API baseline of the same writes
#   (build/…/bench/dossier_baseline). On PostgreSQL, the five windows' intake and the lookup once
#   more, split over two eiso processes.
# Usage: bench/dossier_load.sh [EISO_BIN] [SECONDS] [DB_URL]
#   DB_URL: a database with the demo province (e.g. bench/province_year.sh's output, or a
#   postgresql:// URL loaded from it). Writes go into it: work on a copy. Empty: a fresh demo
#   database on SQLite. $EISO_BENCH_LOOKUPS: "number<TAB>secret" lines for the lookup run
#   (default: sampled from a short intake run). $BENCH_CONNECTIONS (32), $BENCH_PERIOD_FROM/TO
#   (the dashboard's months, default the last 12).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin=$(realpath "${1:-$root/build/ci/src/eiso}")
seconds=${2:-10}
db=${3:-}
connections=${BENCH_CONNECTIONS:-32}
baseline_bin="$(dirname "$(dirname "$bin")")/bench/dossier_baseline"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }

work=$(mktemp -d)
pid=
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT
if [[ -z $db ]]; then
  db="sqlite:$work/bench.db"
  "$bin" --db "$db" demo >/dev/null
fi
sql() {  # one query, space-separated columns
  if [[ $db == sqlite:* ]]; then sqlite3 -separator ' ' "${db#sqlite:}" "$1"; else psql "$db" -Atq -F ' ' -c "$1"; fi
}
backend=$([[ $db == sqlite:* ]] && echo sqlite || echo postgres)

# Starts `eiso serve` on this database and a free port; sets $served_pid and $served_url once it
# answers /healthz.
serve() {
  local out="$work/serve.${#pids[@]}"
  EISO_HTTP_ACCESS_LOG=false EISO_LOG_LEVEL=warn EISO_HTTP_PUBLIC_RATE_PER_SECOND=1000000000 \
    EISO_HTTP_PUBLIC_BURST=1000000000 "$bin" --db "$db" serve --port 0 >"$out" 2>"$out.err" &
  served_pid=$!
  pids+=("$served_pid")
  served_url=
  for _ in $(seq 2000); do
    served_url=$(grep -o 'http://[0-9.:]*' "$out" || true)
    [[ -n $served_url ]] && curl -sf -o /dev/null "$served_url/healthz" && break
    sleep 0.005
  done
  [[ -n $served_url ]] || { cat "$out.err"; exit 1; }
}

# --- serve start on this database: process start → first /healthz 200
t0=$(date +%s%N)
serve
pid=$served_pid
url=$served_url
start_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
rss() { ps -o rss= -p "$pid" | tr -d ' '; }
rss_start=$(rss)

login() {  # $1 user → "cookie csrf"
  local headers body
  body=$(curl -s -D "$work/h" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"eiso-demo-2026\"}" "$url/api/auth/login")
  echo "$(grep -i '^set-cookie:' "$work/h" | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/' | head -1)" \
       "$(grep -o '"csrf_token":"[^"]*"' <<<"$body" | cut -d'"' -f4)"
}
read -r clerk_cookie clerk_csrf < <(login thue.motcua)
read -r leader_cookie leader_csrf < <(login thue.lanhdao)
read -r admin_cookie _ < <(login admin)
agency=$(curl -s -H "cookie: $clerk_cookie" "$url/api/auth/me" | grep -o '"agency_id":[0-9]*' | head -1 | cut -d: -f2)

# Intake bodies: every procedure of the clerk's agency with all its components. $1 cookie, $2 out;
# $3 "prefixed": each line starts with "cookie<TAB>csrf<TAB>" (see bench/lua/intake.lua).
intake_bodies() {
  local cookie=$1 out=$2 prefix=${3:-} csrf=${4:-} agency_id
  agency_id=$(curl -s -H "cookie: $cookie" "$url/api/auth/me" | grep -o '"agency_id":[0-9]*' | head -1 | cut -d: -f2)
  curl -s -H "cookie: $cookie" "$url/api/procedures?agency_id=$agency_id" >"$work/procedures.json"
  node -e '
    const list = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).procedures;
    const names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng"];
    const prefix = process.argv[2] ? process.argv[2] + "\t" + process.argv[3] + "\t" : "";
    for (let i = 0; i < 64 && list.length > 0; i++) {
      const p = list[i % list.length];
      console.log(prefix + JSON.stringify({ procedure_id: p.id, channel: 1 + (i % 3),
        applicant: { name: names[i % 4], id_number: "0010900000" + String(i).padStart(2, "0"), address: "Bắc Ninh", phone: "0912000000" },
        components: p.current.components.map((_, k) => k) }));
    }' "$work/procedures.json" "$prefix" "$csrf" >"$out"
}
intake_bodies "$clerk_cookie" "$work/bodies"
# The same at the single windows of the demo's five agencies at once (a department, the tax
# office, a city, a commune, …), their bodies interleaved: a province's intake is spread over its
# units, and every unit numbers its own dossiers (one counter row per unit and day).
for team in khcn tuphap thue tpbn vuninh; do
  read -r team_cookie team_csrf < <(login "$team.motcua")
  intake_bodies "$team_cookie" "$work/bodies.$team" "$team_cookie" "$team_csrf"
done
paste -d '\n' "$work"/bodies.* | grep -v '^$' >"$work/bodies.spread"

run() {  # $1 label, then wrk arguments → prints "rps p99 non2xx"
  local label=$1 out rps p99 errors
  shift
  out=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency "$@")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-9s %-34s %10s req/s   p99 %-9s %s\n' "$backend" "$label" "$rps" "$p99" "${errors:+non-2xx: $errors}"
}

dossiers_before=$(sql "SELECT COUNT(*) FROM dossiers")
echo "eiso: $bin   backend: $backend   wrk: 1 thread, $connections connections, ${seconds}s per run   cores: $(nproc)"
echo "database: $dossiers_before dossiers; serve start → /healthz: ${start_ms} ms; RSS at start: ${rss_start} KiB"
run "GET /healthz (baseline)" "$url/healthz"

lookups=${EISO_BENCH_LOOKUPS:-}
if [[ -z $lookups ]]; then  # a short unmeasured intake run that keeps the numbers and secrets
  lookups="$work/lookups"
  EISO_BENCH_BODIES="$work/bodies" EISO_BENCH_COOKIE="$clerk_cookie" EISO_BENCH_CSRF="$clerk_csrf" \
    EISO_BENCH_SAMPLES="$lookups" wrk -t1 -c8 -d2s -s "$root/bench/lua/intake.lua" "$url" >/dev/null
fi
max_id=$(sql "SELECT COALESCE(MAX(id), 0) FROM dossiers")
EISO_BENCH_BODIES="$work/bodies" EISO_BENCH_COOKIE="$clerk_cookie" EISO_BENCH_CSRF="$clerk_csrf" \
  run "POST /api/dossiers (intake)" -s "$root/bench/lua/intake.lua" "$url"
received=$(sql "SELECT COUNT(*) FROM dossiers WHERE id > $max_id")

# Each new dossier's active step at the agency (not approval), handed over once by its leader.
sql "SELECT dossier_id, id FROM dossier_steps WHERE dossier_id > $max_id AND state = 'active' AND agency_id = $agency
     AND kind NOT IN ('approve', 'sign', 'return') ORDER BY dossier_id" >"$work/pairs"
# wrk reports requests over its whole duration even when the script stops early: the handover run
# is a third as long as the intake run, so that the steps last (checked below).
handover_seconds=$(( seconds / 3 > 2 ? seconds / 3 : 2 ))
EISO_BENCH_PAIRS="$work/pairs" EISO_BENCH_COOKIE="$leader_cookie" EISO_BENCH_CSRF="$leader_csrf" \
  seconds=$handover_seconds run "POST …/steps/{step}/handover (${handover_seconds}s)" -s "$root/bench/lua/handover.lua" "$url"
handed=$(sql "SELECT COUNT(*) FROM dossier_events WHERE dossier_id > $max_id AND kind = 'step_handed_over'")
echo "          (intake run received $received dossiers; $(wc -l <"$work/pairs") active steps were there to hand over; $handed handed over)"
if (( handed >= $(wc -l <"$work/pairs") )); then
  echo "          !! every step was handed over before the run ended: the handover rate is a lower bound"
fi

EISO_BENCH_LOOKUPS="$lookups" run "POST /api/public/dossiers/lookup" -s "$root/bench/lua/lookup.lua" "$url"
# The budget's latency is at its load: lookups sent on a schedule of 10,000/s by 64 connections.
# (The run above, as fast as 32 connections go, has a mean latency of 32 / its rate by construction.)
EISO_BENCH_LOOKUPS="$lookups" EISO_BENCH_RATE=10000 connections=64 \
  run "POST …/lookup at 10,000/s offered" -s "$root/bench/lua/lookup.lua" "$url"

to=${BENCH_PERIOD_TO:-$(date +%Y-%m)}
from=${BENCH_PERIOD_FROM:-$(date -d "$(date +%Y-%m-01) -11 months" +%Y-%m)}
run "GET stats, province $from…$to" -H "cookie: $admin_cookie" "$url/api/dossiers/stats?from=$from&to=$to"
run "GET stats by agency" -H "cookie: $admin_cookie" "$url/api/dossiers/stats?from=$from&to=$to&group_by=agency"
run "GET stats by month" -H "cookie: $admin_cookie" "$url/api/dossiers/stats?from=$from&to=$to&group_by=period"
run "GET stats, one agency by procedure" -H "cookie: $admin_cookie" \
  "$url/api/dossiers/stats?agency_id=$agency&from=$from&to=$to&group_by=procedure"
# After the read-only runs, so that its writes are not under the lookups and the dashboard.
EISO_BENCH_BODIES="$work/bodies.spread" \
  run "POST /api/dossiers, 5 windows at once" -s "$root/bench/lua/intake.lua" "$url"
echo "RSS after load: $(rss) KiB"

if [[ $backend == postgres ]]; then
  # ARCHITECTURE.md: "more app processes add throughput". A second process on the same database,
  # and the same runs split over the two at once, half the connections to each (sessions live in
  # the database, so the same cookies serve both). Compare with the one-process lines above.
  serve
  url2=$served_url
  both() {  # $1 label, $2 wrk script (its settings in the environment)
    wrk -t1 -c$((connections / 2)) -d"${seconds}s" -s "$2" "$url" >"$work/wrk.1" &
    local w1=$!
    wrk -t1 -c$((connections / 2)) -d"${seconds}s" -s "$2" "$url2" >"$work/wrk.2" &
    local w2=$!
    wait "$w1" "$w2"
    local r1 r2
    r1=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.1")
    r2=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.2")
    printf '%-9s %-34s %10s req/s   (%s + %s)\n' "$backend" "$1" "$(awk -v a="$r1" -v b="$r2" 'BEGIN {printf "%.2f", a + b}')" "$r1" "$r2"
  }
  EISO_BENCH_BODIES="$work/bodies.spread" both "2 processes: 5 windows at once" "$root/bench/lua/intake.lua"
  EISO_BENCH_LOOKUPS="$lookups" both "2 processes: lookup" "$root/bench/lua/lookup.lua"
fi
kill "$pid"; wait "$pid" 2>/dev/null || true
pid=

if [[ $backend == sqlite ]]; then
  echo "database file: $(du -h "${db#sqlite:}" | cut -f1) (+ WAL $(du -h "${db#sqlite:}-wal" 2>/dev/null | cut -f1 || echo 0))"
  if [[ -x $baseline_bin ]]; then
    cp "${db#sqlite:}" "$work/baseline.db"
    echo "sqlite3 C API baseline (same rows, one transaction per action, 20,000 of each):"
    "$baseline_bin" "$work/baseline.db" 20000 | sed 's/^/          /'
  else
    echo "(no $baseline_bin: build the ci preset for the baseline)"
  fi
fi
