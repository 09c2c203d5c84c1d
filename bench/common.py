"""What every benchmark shares: Django set-up on the bench database, a fresh schema, and timing figures.

The database is SQLite at `args.sqlite` (var/bench.sqlite3 by default) unless DATABASE_URL is set.
"""
import os
import statistics


def setup(args):
    """Start Django on the bench database (`args.sqlite`, unless DATABASE_URL names another)."""
    if not os.environ.get("DATABASE_URL"):
        os.environ["TDKT_SQLITE_PATH"] = args.sqlite
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    os.environ.setdefault("TDKT_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    from tdkt import installation

    installation.ensure_demo(installation.var_dir())  # a loopback run: the demonstration's key and address
    import django

    django.setup()


def fresh_database(args):
    """An empty, migrated database: the SQLite file removed, or PostgreSQL's public schema recreated."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(args.sqlite + suffix):
                os.remove(args.sqlite + suffix)
        os.makedirs(os.path.dirname(args.sqlite) or ".", exist_ok=True)
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0, interactive=False)


def percentile(values, pct):
    """The value at `pct` per cent of the sorted values (nearest rank)."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(times_ms, digits=2):
    """Median, 95th percentile and maximum of timings in milliseconds, and how many there were."""
    return {"median_ms": round(statistics.median(times_ms), digits),
            "p95_ms": round(percentile(times_ms, 95), digits),
            "max_ms": round(max(times_ms), digits), "n": len(times_ms)}
