#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh COMMAND...
# Runs COMMAND against a throw-away PostgreSQL 15 cluster: a temporary directory, a free port on
# 127.0.0.1, trust authentication, fsync off (nothing here needs to survive; EISO_PG_DURABLE=1
# keeps PostgreSQL's durable defaults, for benchmarks), a database
# "eiso_test", and EISO_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/eiso_test in the
# environment. The cluster is stopped and its directory removed on exit; the exit code is COMMAND's.
# PostgreSQL refuses to run as root, so as root the server runs as user postgres.
set -euo pipefail

if (($# == 0)); then
  echo "usage: $0 COMMAND..." >&2
  exit 2
fi

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [[ ! -x "$PG_BIN/pg_ctl" ]]; then
  echo "with-postgres: no PostgreSQL 15 in $PG_BIN (apt-get install postgresql-15)" >&2
  exit 2
fi

as_pg() {
  if ((EUID == 0)); then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# As root, TMPDIR may sit under /root where user postgres cannot enter: fall back to /tmp then.
base=${TMPDIR:-/tmp}
if ((EUID == 0)) && ! runuser -u postgres -- test -x "$base"; then
  base=/tmp
fi
dir=$(mktemp -d "$base/eiso-pg.XXXXXX")
chmod 700 "$dir"
if ((EUID == 0)); then
  chown postgres: "$dir"
fi
data="$dir/data"

cleanup() {
  if [[ -f "$data/postmaster.pid" ]]; then
    as_pg "$PG_BIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

as_pg "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C \
  >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
CONF
if [[ -z ${EISO_PG_DURABLE:-} ]]; then
  cat >>"$data/postgresql.conf" <<CONF
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
fi

# Another process may take the chosen port before the server binds it: try a few.
started=""
for _ in 1 2 3 4 5; do
  port=$(free_port)
  if as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 30 -o "-p $port" start >/dev/null; then
    started=1
    break
  fi
done
if [[ -z "$started" ]]; then
  echo "with-postgres: the server did not start; its log:" >&2
  cat "$dir/server.log" >&2 || true
  exit 1
fi

"$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres eiso_test
export EISO_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/eiso_test"

set +e
"$@"
status=$?
set -e
exit "$status"
