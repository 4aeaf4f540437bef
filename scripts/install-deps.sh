#!/usr/bin/env bash
# Installs everything eISO needs to build, run and test on Debian 12 (run as root).
# Idempotent: packages already present are skipped by apt; a stamp avoids repeated apt-get update.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

BUILD_PKGS=(
  build-essential cmake ninja-build ccache pkg-config git ca-certificates
  libboost-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libpq-dev libsodium-dev
  libcli11-dev libtomlplusplus-dev libspdlog-dev libfmt-dev
  libxlsxwriter-dev libhpdf-dev libqrencode-dev fonts-dejavu-core fonts-dejavu-extra
  libgtest-dev libgmock-dev libbenchmark-dev
  nodejs curl
)
TEST_PKGS=(postgresql chromium wrk poppler-utils procps)

want=("${BUILD_PKGS[@]}")
# Debian's nodejs ships npm separately; a NodeSource nodejs bundles it and conflicts with it.
command -v npm >/dev/null || want+=(npm)
if [[ "${1:-}" == "--test" ]]; then want+=("${TEST_PKGS[@]}"); fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> apt-get install ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The postgresql package starts a cluster on port 5432; eISO's tests run their own throw-away
# cluster, so the packaged one is left as the administrator configured it.
echo "==> system packages ready"
