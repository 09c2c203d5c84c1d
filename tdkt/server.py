"""`tdkt serve`: gunicorn serving tdkt.wsgi, static files by WhiteNoise, and one `tdkt worker` beside it.

- Static files are collected into STATIC_ROOT with hashed names (CompressedManifestStaticFilesStorage)
  before the server starts; TDKT_STATIC_COLLECTED tells the settings to serve them from there with
  far-future caching instead of looking them up through the finders.
- gunicorn writes "Server: gunicorn" on every response; it is dropped (no server banner).
- The worker is a child process restarted if it dies; it stops with the server.
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time

log = logging.getLogger("tdkt.server")


def web_workers(requested: int | None = None) -> int:
    """2 × cores + 1 (gunicorn's advice for sync workers), at most 8: the database, not the CPU,
    bounds a larger number on one machine."""
    if requested:
        return requested
    return min(8, 2 * (os.cpu_count() or 1) + 1)


def drop_server_header() -> None:
    from gunicorn.http import wsgi

    if getattr(wsgi.Response.default_headers, "tdkt_patched", False):
        return
    original = wsgi.Response.default_headers

    def default_headers(self):
        return [line for line in original(self) if not line.startswith("Server:")]

    default_headers.tdkt_patched = True
    wsgi.Response.default_headers = default_headers


class WorkerSupervisor(threading.Thread):
    """Keeps one `tdkt worker` running beside the web server."""

    def __init__(self):
        super().__init__(name="tdkt-worker-supervisor", daemon=True)
        self.process: subprocess.Popen | None = None
        self.stopping = threading.Event()

    def run(self):
        delay = 1.0
        while not self.stopping.is_set():
            started = time.monotonic()
            # Its own session: Ctrl+C reaches the server only, which then stops the worker after its job.
            self.process = subprocess.Popen([sys.executable, "-m", "tdkt.cli", "worker", "--parent", str(os.getpid())],
                                            start_new_session=True)
            code = self.process.wait()
            if self.stopping.is_set():
                return
            print(f"Tiến trình chạy nền dừng (mã {code}); khởi động lại sau {delay:.0f} giây.", file=sys.stderr)
            delay = 1.0 if time.monotonic() - started > 60 else min(delay * 2, 60)
            self.stopping.wait(delay)

    def stop(self):
        self.stopping.set()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # the worker finishes its current job, then exits
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def serve(host: str, port: str, workers: int | None = None, with_worker: bool = True,
          access_log: bool = False, timeout: int = 120) -> None:
    from gunicorn.app.base import BaseApplication

    drop_server_header()

    class Application(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", web_workers(workers))
            self.cfg.set("timeout", timeout)
            self.cfg.set("graceful_timeout", 30)
            self.cfg.set("proc_name", "tdkt-web")
            self.cfg.set("forwarded_allow_ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"))
            if access_log:
                self.cfg.set("accesslog", "-")

        def load(self):
            from tdkt.wsgi import application

            return application

    supervisor = WorkerSupervisor() if with_worker else None
    if supervisor:
        supervisor.start()
    try:
        Application().run()
    finally:
        if supervisor:
            supervisor.stop()
