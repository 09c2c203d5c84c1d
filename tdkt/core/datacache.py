"""Figures cached until the data they were computed from changes (the home page's yearly counts).

Every watched table has a row in `core_dataversion` whose token a database trigger replaces with a
random value on each INSERT, UPDATE or DELETE of that table (and TRUNCATE on PostgreSQL), whoever
writes: the ORM, bulk_create, QuerySet.update, raw SQL, an import, a migration. A value is cached
under the tokens of the tables it reads, so any change to one of them makes it unreachable and the
next request computes it afresh. The tokens are random rather than counters, so a change that is
rolled back can never bring back a token under which other data was cached.

The cache is Django's (per process by default): each process computes a figure once per change.

On PostgreSQL, writers run at once: a single row per table would be locked by each writing
transaction until it commits, queueing every writer behind it and deadlocking two transactions
that write two watched tables in opposite orders. So each database session writes its own row,
`table@pid`, that no other session touches; a table's state is all its rows together. A row
becomes visible when its transaction commits, so a reader never caches a state that a later commit
would leave unchanged. When the rows of departed sessions pile up, `prune` removes them, skipping
any a writer holds, and gives the table's base row a new token in the same transaction, so the
state after pruning is one no reader has seen.

    watch("awards_awardrecord", ...)       the migration operation installing the triggers
    cached(key, tables, compute)           compute() once per state of `tables`
"""
from __future__ import annotations

import hashlib
import secrets

from django.core.cache import cache
from django.db import connection, migrations

TIMEOUT = 24 * 3600


# Sessions' rows (PostgreSQL) kept before `prune` clears those of departed sessions.
PRUNE_AT = 64


def tokens(tables) -> str | None:
    """The current state of `tables`, as one string; None if one has no base row yet (then nothing is
    cached)."""
    tables = sorted(tables)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT name, token FROM core_dataversion WHERE split_part(name, '@', 1) = ANY(%s)", [tables])
        else:
            cursor.execute("SELECT name, token FROM core_dataversion WHERE name IN (%s)" % ", ".join(["%s"] * len(tables)),
                           tables)
        rows = sorted(cursor.fetchall())
    if sum(1 for name, _ in rows if name in tables) != len(tables):
        return None
    if len(rows) - len(tables) > PRUNE_AT and not connection.in_atomic_block:
        prune(tables)
    return hashlib.sha1("|".join(f"{name}={token}" for name, token in rows).encode()).hexdigest()


def prune(tables) -> None:
    """PostgreSQL: delete the sessions' rows no writer holds and renew the base rows, at once."""
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_dataversion WHERE ctid IN (SELECT ctid FROM core_dataversion "
                       "WHERE split_part(name, '@', 1) = ANY(%s) AND name LIKE '%%@%%' FOR UPDATE SKIP LOCKED)",
                       [list(tables)])
        cursor.execute("UPDATE core_dataversion SET token = md5(random()::text || clock_timestamp()::text) "
                       "WHERE name IN (SELECT name FROM core_dataversion WHERE name = ANY(%s) FOR UPDATE SKIP LOCKED)",
                       [list(tables)])


def cached(key: str, tables, compute):
    """compute(), or the value it gave while `tables` were as they are now."""
    state = tokens(tables)
    if state is None:
        return compute()
    full_key = "tdkt:data:" + hashlib.sha1(f"{key}|{state}".encode()).hexdigest()
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, TIMEOUT)
    return value


def _trigger_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [f"CREATE TRIGGER tdkt_dv_{table} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION tdkt_touch_data_version('{table}')"]
    # SQLite has row triggers only: one per kind of change.
    return [f"CREATE TRIGGER tdkt_dv_{table}_{op.lower()} AFTER {op} ON {table} BEGIN "
            f"INSERT INTO core_dataversion (name, token) VALUES ('{table}', lower(hex(randomblob(16)))) "
            f"ON CONFLICT (name) DO UPDATE SET token = excluded.token; END"
            for op in ("INSERT", "UPDATE", "DELETE")]


# Each session writes its own row of the table (see the module's note): never waits on another writer.
PG_FUNCTION = """
CREATE OR REPLACE FUNCTION tdkt_touch_data_version() RETURNS trigger AS $$
BEGIN
    INSERT INTO core_dataversion (name, token)
    VALUES (TG_ARGV[0] || '@' || pg_backend_pid(), md5(random()::text || clock_timestamp()::text))
    ON CONFLICT (name) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END
$$ LANGUAGE plpgsql"""


def replace_pg_function() -> migrations.RunPython:
    """The migration operation that installs the current trigger function on PostgreSQL."""
    def forward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(PG_FUNCTION)

    return migrations.RunPython(forward, migrations.RunPython.noop)


def _install(tables):
    def forward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(PG_FUNCTION)
        for table in tables:
            for sql in _trigger_sql(vendor, table):
                schema_editor.execute(sql)
            schema_editor.execute("INSERT INTO core_dataversion (name, token) VALUES (%s, %s)",
                                  [table, secrets.token_hex(16)])

    def backward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for table in tables:
            if vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS tdkt_dv_{table} ON {table}")
            else:
                for op in ("insert", "update", "delete"):
                    schema_editor.execute(f"DROP TRIGGER IF EXISTS tdkt_dv_{table}_{op}")
            schema_editor.execute("DELETE FROM core_dataversion WHERE name = %s OR name LIKE %s", [table, f"{table}@%"])

    return forward, backward


def watch(*tables: str) -> migrations.RunPython:
    """The migration operation that installs the triggers keeping the tokens of `tables`."""
    forward, backward = _install(tables)
    return migrations.RunPython(forward, backward)
