#!/usr/bin/env bash
# Installs what eISO needs (Debian 12, as root) and builds the server and the web UI.
#   scripts/build.sh            release build for running   → build/release/src/eiso, web/dist
#   scripts/build.sh --test     CI build with tests, warnings as errors, benchmarks → build/ci
set -euo pipefail
cd "$(dirname "$0")/.."
mode=release
deps_flag=()
if [[ "${1:-}" == "--test" ]]; then mode=ci; deps_flag=(--test); fi

if [[ $(id -u) -eq 0 ]]; then
  bash scripts/install-deps.sh "${deps_flag[@]}"
else
  echo "==> not root: skipping system package installation (run scripts/install-deps.sh as root)"
fi

export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
echo "==> building eiso ($mode)"
cmake --preset "$mode" >/dev/null
cmake --build --preset "$mode" -j "$(nproc)"

echo "==> building the web UI"
(
  cd web
  if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
  npm run --silent build
)
echo "==> build done"
