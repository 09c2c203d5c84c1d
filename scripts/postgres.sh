#!/usr/bin/env bash
# Starts a PostgreSQL 15 cluster for the tests (pg_ctlcluster) and prints its DATABASE_URL.
# The cluster "tdkt" listens on 127.0.0.1:${TDKT_PG_PORT:-54329}; the role may create the test database.
set -euo pipefail
# Only the URL goes to stdout (the caller captures it); every tool's chatter goes to stderr.
# The server daemon must not inherit the captured stdout (fd 3): a command substitution waits for
# every writer of its pipe to close, so a server holding it would hang the caller forever.
exec 3>&1 1>&2
PORT=${TDKT_PG_PORT:-54329}
VERSION=15
CLUSTER=tdkt
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
as_postgres() { (cd / && if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi); }
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$VERSION $CLUSTER"; then
  $SUDO pg_createcluster "$VERSION" "$CLUSTER" --port "$PORT" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null 3>&-
fi
if ! pg_lsclusters -h | awk -v c="$CLUSTER" '$2==c {print $4}' | grep -q online; then
  $SUDO pg_ctlcluster "$VERSION" "$CLUSTER" start 3>&-
fi
for _ in $(seq 1 30); do
  as_postgres psql -p "$PORT" -qAtc "select 1" >/dev/null 2>&1 && break
  sleep 0.5
done
as_postgres psql -p "$PORT" -qAt <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tdkt') THEN
    CREATE ROLE tdkt LOGIN PASSWORD 'tdkt' CREATEDB;
  END IF;
END \$\$;
SQL
if ! as_postgres psql -p "$PORT" -qAtc "select 1 from pg_database where datname='tdkt'" | grep -q 1; then
  as_postgres createdb -p "$PORT" -O tdkt tdkt
fi
echo "postgres://tdkt:tdkt@127.0.0.1:${PORT}/tdkt" >&3
