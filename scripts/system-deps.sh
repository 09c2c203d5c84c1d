#!/usr/bin/env bash
# Installs what the test suite needs from Debian's packages when it is missing: Chromium for the
# browser tests, fonts with Vietnamese glyphs, Pango for WeasyPrint, the PostgreSQL 15 server.
# Idempotent. With --runtime, only what the application itself needs to render documents (Pango,
# fonts): what `make run` installs.
set -euo pipefail
need=()
if [ "${1:-}" != "--runtime" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  [ -x /usr/lib/postgresql/15/bin/postgres ] || need+=(postgresql-15)
  command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql-common)
fi
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
installed fonts-noto-core || need+=(fonts-noto-core)
installed fonts-dejavu-core || need+=(fonts-dejavu-core)
# WeasyPrint (decisions, certificates) lays text out with Pango; Liberation Serif has the metrics
# of Times New Roman, so PDFs break lines where Word does.
installed libpango-1.0-0 || need+=(libpango-1.0-0)
installed libpangoft2-1.0-0 || need+=(libpangoft2-1.0-0)
installed fonts-liberation2 || need+=(fonts-liberation2)
if [ ${#need[@]} -gt 0 ]; then
  echo "== Cài đặt gói hệ thống: ${need[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi
