#!/usr/bin/env bash
# The whole test suite: unit, HTTP and browser tests on SQLite, then again on PostgreSQL.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh || { echo "Không cài được gói hệ thống cần cho kiểm thử."; exit 1; }
PG_URL=${TEST_DATABASE_URL:-$(timeout 300 bash scripts/postgres.sh)} || { echo "Không khởi động được PostgreSQL."; exit 1; }
PG_URL=$(printf '%s\n' "$PG_URL" | grep -E '^postgres(ql)?://' | tail -n1)
[ -n "$PG_URL" ] || { echo "Không nhận được địa chỉ PostgreSQL từ scripts/postgres.sh."; exit 1; }
echo "== PostgreSQL: $PG_URL"

echo "== Kiểm thử trên SQLite"
env -u DATABASE_URL .venv/bin/python -m pytest "$@"
sqlite_rc=$?
echo "== Kiểm thử trên PostgreSQL"
DATABASE_URL="$PG_URL" .venv/bin/python -m pytest "$@"
pg_rc=$?
if [ $sqlite_rc -ne 0 ] || [ $pg_rc -ne 0 ]; then
  echo "Kết quả: SQLite=$sqlite_rc PostgreSQL=$pg_rc"
  exit 1
fi
