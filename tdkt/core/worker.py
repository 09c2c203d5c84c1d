"""`tdkt worker`: the process that runs the queued jobs (django-tasks' database worker) and makes
sure that a job whose worker died is run again.

django-tasks-db marks a job RUNNING when a worker claims it and never looks at it again: a worker
killed with SIGKILL (or a machine that lost power) leaves it RUNNING for ever. Here every worker
keeps a heartbeat row (`WorkerBeat`: host, process id, last beat). At start and at every beat, a
worker puts back in the queue each RUNNING job whose worker is dead:

- on the same machine, when its process no longer exists (known at once);
- on another machine, when its heartbeat is older than TDKT_WORKER_LEASE_SECONDS.

The job then runs again from the start; tasks skip what a previous run already finished
(certificates already rendered, an import already committed), so nothing is done twice.
"""
from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, close_old_connections, connection
from django.utils.crypto import get_random_string

from . import clock
from .models import WorkerBeat

log = logging.getLogger("tdkt.worker")


def host_name() -> str:
    return socket.gethostname()[:255]


def new_worker_id() -> str:
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(8)}"[:64]


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed child not yet reaped by its parent is a zombie: dead for our purpose
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def worker_dead(beat: WorkerBeat | None, now) -> bool:
    if beat is None:
        return True
    if beat.host == host_name():
        return not process_alive(beat.pid)
    return beat.beat_at < now - timedelta(seconds=settings.TDKT_WORKER_LEASE_SECONDS)


def recover_orphans() -> int:
    """Put back in the queue the RUNNING jobs whose worker is dead; returns how many."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = clock.now()
    running = list(DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only("id", "worker_ids"))
    if not running:
        return 0
    last = {r.pk: (r.worker_ids or [None])[-1] for r in running}
    beats = {b.worker_id: b for b in WorkerBeat.objects.filter(worker_id__in=[w for w in last.values() if w])}
    orphans = [pk for pk, worker_id in last.items() if worker_dead(beats.get(worker_id), now)]
    if orphans:
        count = DBTaskResult.objects.filter(pk__in=orphans, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None)
        log.warning("Đưa lại %s việc chạy dở (tiến trình chạy nền đã dừng đột ngột) vào hàng đợi.", count)
        return count
    return 0


def forget_dead_workers() -> None:
    now = clock.now()
    for beat in WorkerBeat.objects.all():
        if worker_dead(beat, now):
            beat.delete()


class Heartbeat(threading.Thread):
    """Beats every quarter of the lease and recovers the orphans of other workers meanwhile."""

    def __init__(self, worker_id: str, parent: int | None = None):
        super().__init__(name="tdkt-heartbeat", daemon=True)
        self.worker_id, self.parent = worker_id, parent
        self.stopped = threading.Event()

    def run(self):
        from .jobs import prune

        interval = max(1.0, settings.TDKT_WORKER_LEASE_SECONDS / 4)
        pruned_at = 0.0
        while not self.stopped.wait(min(interval, 2.0) if self.parent else interval):
            if self.parent and os.getppid() != self.parent:  # `tdkt serve` is gone: stop after the job
                log.warning("Máy chủ web đã dừng; tiến trình chạy nền dừng sau việc đang làm.")
                os.kill(os.getpid(), signal.SIGTERM)
                self.parent = None
            try:
                close_old_connections()
                WorkerBeat.objects.filter(worker_id=self.worker_id).update(beat_at=clock.now())
                recover_orphans()
                if time.monotonic() - pruned_at > 3600:
                    prune()
                    pruned_at = time.monotonic()
            except OperationalError:  # the database is busy (SQLite's lock): beat next time
                log.info("Chưa ghi được nhịp của tiến trình chạy nền (cơ sở dữ liệu đang bận).")
        connection.close()


def run_worker(*, queues: str = "default", interval: float = 1.0, batch: bool = False,
               max_tasks: int | None = None, parent: int | None = None) -> None:
    """Register, recover the orphans, then take jobs until stopped (SIGTERM finishes the current one)."""
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
    from django_tasks_db.management.commands.db_worker import Worker

    worker_id = new_worker_id()
    WorkerBeat.objects.create(worker_id=worker_id, host=host_name(), pid=os.getpid(), beat_at=clock.now())
    forget_dead_workers()
    recover_orphans()
    heartbeat = Heartbeat(worker_id, parent)
    heartbeat.start()
    worker = Worker(queue_names=queues.split(","), interval=interval, batch=batch,
                    backend_name=DEFAULT_TASK_BACKEND_ALIAS, startup_delay=False, max_tasks=max_tasks,
                    worker_id=worker_id, excluded_queue_names=[])
    worker.configure_signals()
    log.warning("Tiến trình chạy nền %s bắt đầu nhận việc.", worker_id)
    try:
        worker.run()
    finally:
        heartbeat.stopped.set()
        close_old_connections()
        WorkerBeat.objects.filter(worker_id=worker_id).delete()
