"""The background worker for real: `tdkt worker` processes on a database of their own (a SQLite file,
or a PostgreSQL database when DATABASE_URL is set), a decision's certificate batch queued by the
leader's click, the worker killed (SIGKILL) in the middle and started again.

Afterwards every certificate of the decision has exactly one file, each a valid signed PDF whose
digest is the one recorded, and the job is finished. The number of certificates is
TDKT_KILL_TEST_CERTIFICATES (default 60 with steps of 10, so the kill lands between steps; the issue's
500 runs with TDKT_KILL_TEST_CERTIFICATES=500).
"""
from __future__ import annotations

import hashlib
import json
import os
import pathlib
import signal
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
COUNT = int(os.environ.get("TDKT_KILL_TEST_CERTIFICATES", "60"))
STEP = 10


def setup_batch(count: int) -> None:
    """Run in a subprocess on the test's database: a world, a dossier of `count` persons taken to
    the leader's signature, and the decision issued (its rendering job queued after the commit)."""
    import django

    django.setup()
    from tdkt.core.services import system_actor
    from tdkt.dossiers.tests.factories import ready_dossier, sign_and_number, through_disclosure
    from tdkt.org import services as org_services
    from tdkt.testing import make_world

    world = make_world()
    people = [org_services.create_person(system_actor(), world.unit_a_child, full_name=f"Nguyễn Văn Thử {i:03d}",
                                         gender="male", position="Chuyên viên") for i in range(count)]
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": p}, "BK_TINH") for p in people])
    through_disclosure(world, dossier)
    sign_and_number(world, dossier)  # signed, then numbered by the văn thư (issue 18)
    print(dossier.pk)


class Database:
    """The test's own database, read with plain SQL from the test (the worker is another process)."""

    def __init__(self, tmp_path: pathlib.Path):
        self.url = os.environ.get("DATABASE_URL", "")
        self.var = tmp_path / "var"
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tdkt.settings", "TDKT_VAR_DIR": str(self.var),
                    "TDKT_CERTIFICATE_CHUNK": str(STEP), "TDKT_CERTIFICATE_WORKERS": "1",
                    "TDKT_DOCUMENTS_IN_BACKGROUND": "1", "TDKT_WORKER_LEASE_SECONDS": "10",
                    "PYTHONPATH": str(ROOT)}
        self.env.pop("TDKT_SQLITE_PATH", None)
        if self.url:
            import psycopg

            base = self.url.rsplit("/", 1)[0]
            self.name = f"tdkt_worker_{uuid.uuid4().hex[:8]}"
            self.admin = f"{base}/postgres"
            with psycopg.connect(self.admin, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{self.name}"')
            self.env["DATABASE_URL"] = f"{base}/{self.name}"
        else:
            self.env.pop("DATABASE_URL", None)
            self.path = self.var / "tdkt.sqlite3"

    def query(self, sql: str) -> list[tuple]:
        if self.url:
            import psycopg

            with psycopg.connect(self.env["DATABASE_URL"]) as conn:
                return conn.execute(sql).fetchall()
        conn = sqlite3.connect(self.path, timeout=30)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()

    def drop(self):
        if self.url:
            import psycopg

            with psycopg.connect(self.admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def database(tmp_path):
    db = Database(tmp_path)
    yield db
    db.drop()


def tdkt(db: Database, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "tdkt.cli", *args], env=db.env, cwd=ROOT, check=True,
                          capture_output=True, text=True, **kwargs)


def start_worker(db: Database, log: pathlib.Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tdkt.cli", "worker", "--interval", "0.2"], env=db.env, cwd=ROOT,
                            stdout=log.open("ab"), stderr=subprocess.STDOUT)


def test_a_worker_killed_in_the_middle_of_a_certificate_batch_is_replaced_and_the_batch_finishes_exactly_once(
        database, tmp_path):
    from tdkt.documents.signing import verify_pdf

    tdkt(database, "migrate")
    made = subprocess.run([sys.executable, "-c", f"from tests.test_worker import setup_batch; setup_batch({COUNT})"],
                          env=database.env, cwd=ROOT, check=True, capture_output=True, text=True, timeout=600)
    dossier_id = int(made.stdout.split()[-1])
    certificates = f"SELECT id, file, sha256 FROM dossiers_certificate WHERE dossier_id = {dossier_id}"
    assert len(database.query(certificates)) == COUNT
    (job,) = database.query("SELECT status FROM django_tasks_database_dbtaskresult")
    assert job == ("READY",)  # queued by the leader's click, waiting for a worker

    log = tmp_path / "worker.log"
    worker = start_worker(database, log)
    try:
        deadline = time.monotonic() + 300
        done = 0
        while not (STEP <= done <= COUNT - STEP):
            assert worker.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the worker made no progress"
            time.sleep(0.05)
            done = sum(1 for _, file, _ in database.query(certificates) if file)
        worker.send_signal(signal.SIGKILL)  # in the middle of the batch: no chance to clean up
    finally:
        worker.kill()
        worker.wait()
    done_at_kill = sum(1 for _, file, _ in database.query(certificates) if file)
    assert done_at_kill < COUNT
    assert database.query("SELECT status FROM django_tasks_database_dbtaskresult") == [("RUNNING",)]

    # A new worker sees that the job's worker is dead, queues the job again and finishes the batch.
    second = start_worker(database, log)
    try:
        deadline = time.monotonic() + 300
        while database.query("SELECT status FROM django_tasks_database_dbtaskresult") != [("SUCCESSFUL",)]:
            assert second.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
    finally:
        second.terminate()
        second.wait(timeout=60)

    rows = database.query(certificates)
    assert len(rows) == COUNT and all(file for _, file, _ in rows)
    assert len({file for _, file, _ in rows}) == COUNT and len({digest for _, _, digest in rows}) == COUNT
    signer = database.var / "signer"
    for _, file, digest in rows:
        data = (database.var / "files" / file).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest
        assert verify_pdf(data, signer).valid, file
    (workers,) = database.query("SELECT worker_ids FROM django_tasks_database_dbtaskresult")[0]
    assert len(workers if isinstance(workers, list) else json.loads(workers)) == 2
    assert "Đưa lại 1 việc chạy dở" in log.read_text(encoding="utf-8")
    assert database.query("SELECT count(*) FROM core_workerbeat") == [(0,)]  # the second one left cleanly
