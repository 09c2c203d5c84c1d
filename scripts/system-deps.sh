#!/usr/bin/env bash
# Installs what the test suite needs from Debian's packages when it is missing: Chromium for the
# browser tests, fonts with Vietnamese glyphs, the PostgreSQL 15 server. Idempotent.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -x /usr/lib/postgresql/15/bin/postgres ] || need+=(postgresql-15)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql-common)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
installed fonts-noto-core || need+=(fonts-noto-core)
installed fonts-dejavu-core || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  echo "== Cài đặt gói hệ thống: ${need[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi
