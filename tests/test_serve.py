"""`tdkt serve` for real, on a database of its own (a SQLite file, or PostgreSQL when DATABASE_URL is
set): gunicorn answers, sends no Server header, serves the collected static files under hashed names
for a year, starts one job worker beside it, and stops it when stopped."""
from __future__ import annotations

import concurrent.futures
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from .test_worker import ROOT, Database, tdkt


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str):
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.status, dict(answer.headers), answer.read()


def status_of(url: str, token: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"}),
                                    timeout=30) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_tdkt_serve_runs_gunicorn_without_a_server_banner_and_a_worker_beside_it(tmp_path):
    db = Database(tmp_path)
    try:
        tdkt(db, "migrate")
        subprocess.run([sys.executable, "-m", "tdkt.cli", "manage", "createsuperuser", "--noinput", "--username", "quantri",
                        "--email", "quantri@hanam.gov.vn"], env={**db.env, "DJANGO_SUPERUSER_PASSWORD": "Song-Hong-2026!"},
                       cwd=ROOT, check=True, capture_output=True)
        token = tdkt(db, "tokens", "create", "quantri", "kiem-thu").stdout.split()[-1]
        port = free_port()
        log = tmp_path / "serve.log"
        server = subprocess.Popen([sys.executable, "-m", "tdkt.cli", "serve", "--port", str(port), "--workers", "2"],
                                  env=db.env, cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 90
            while True:
                assert server.poll() is None, log.read_text()
                try:
                    status, headers, body = get(f"{base}/dang-nhap/")
                    break
                except OSError:
                    assert time.monotonic() < deadline, log.read_text()
                    time.sleep(0.3)
            assert status == 200 and "Server" not in headers
            page = body.decode()
            css = re.search(r'href="(/static/tdkt/tdkt\.[0-9a-f]{12}\.css)"', page)
            assert css, "static files are referenced under their hashed names"
            status, headers, _ = get(base + css.group(1))
            assert status == 200 and "max-age=315360000" in headers["Cache-Control"] and "Server" not in headers
            while db.query("SELECT count(*) FROM core_workerbeat") != [(1,)]:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.3)
            assert "2 tiến trình web, 1 tiến trình chạy nền" in log.read_text(encoding="utf-8")
            # Both web workers read the database at once (token, account, profile, list): each has its
            # own connection (one opened before the fork and shared mixed their PostgreSQL streams: 500s).
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                statuses = list(pool.map(lambda i: status_of(f"{base}/api/awards?year={2000 + i % 20}", token),
                                         range(160)))
            assert statuses == [200] * 160, log.read_text(encoding="utf-8")[-3000:]
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
        assert db.query("SELECT count(*) FROM core_workerbeat") == [(0,)]  # the worker left with the server
    finally:
        db.drop()
