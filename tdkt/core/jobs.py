"""Background jobs: long work runs in `tdkt worker`, not in a web request.

The queue is django-tasks (the API Django 6 adopted as django.tasks) with its database backend: a
job waits as a row of the database until a worker takes it, so no other server is needed. An app
defines its work as a `@task` in its own `tasks.py` taking a `Job` id first; a page starts it with
`start(...)` and sends the user to the job's page, which shows the progress (`report`) and, when
done, the result: a page (`result_url`) or a file to download (`finish(..., data=...)`), both
visible to the job's owner only.

A task must be safe to run twice: a worker killed in the middle is detected by the next one
(tdkt.core.worker) and the task runs again from the start, so it skips what is already done.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.db import transaction

from . import clock
from .models import Job, JobStatus

log = logging.getLogger(__name__)


def start(actor, kind: str, title: str, task, *args, params: dict | None = None) -> Job:
    """Record the job and queue `task(job_id, *args)` once the caller's transaction commits."""
    job = Job.objects.create(owner=actor if actor is not None and actor.pk else None, kind=kind, title=title[:300],
                             params=params or {})
    job_id = job.pk

    def enqueue():
        result = task.enqueue(job_id, *args)
        Job.objects.filter(pk=job_id, task_id="").update(task_id=str(result.id))

    transaction.on_commit(enqueue)
    return job


def report(job: Job, done: int, total: int | None = None, step: str | None = None) -> None:
    """Progress, written at once (outside any transaction of the task) so the page sees it."""
    job.done = done
    fields = {"done": done}
    if total is not None:
        job.total = fields["total"] = total
    if step is not None:
        job.step = fields["step"] = step[:100]
    Job.objects.filter(pk=job.pk).update(**fields)


def finish(job: Job, message: str = "", *, result_url: str = "", data: bytes | None = None,
           download_name: str = "") -> Job:
    if data is not None:
        if job.file:
            job.file.delete(save=False)
        job.file.save(download_name or "ket-qua", ContentFile(data), save=False)
        job.download_name = download_name
    job.status, job.message, job.result_url = JobStatus.DONE, message[:500], result_url
    job.done = max(job.done, job.total)
    job.finished_at = clock.now()
    job.save()
    return job


def fail(job: Job, message: str, *, result_url: str = "") -> Job:
    job.status, job.error, job.finished_at = JobStatus.FAILED, message, clock.now()
    job.result_url = result_url or job.result_url
    job.save(update_fields=["status", "error", "finished_at", "result_url"])
    return job


@contextmanager
def running(job_id: int):
    """The body of a task: the job marked running; an unexpected error marks it failed (with a
    Vietnamese message for the page; the traceback goes to the log and the queue's row)."""
    job = Job.objects.select_related("owner").get(pk=job_id)
    job.status, job.started_at, job.error = JobStatus.RUNNING, clock.now(), ""
    job.save(update_fields=["status", "started_at", "error"])
    try:
        yield job
    except Exception as exc:
        log.exception("Việc chạy nền %s (%s) lỗi", job.pk, job.kind)
        fail(job, f"Không hoàn thành được: {exc.__class__.__name__}: {exc}"[:1000])
        raise
    if job.status == JobStatus.RUNNING:
        finish(job)


def prune(days: int | None = None) -> int:
    """Remove finished jobs older than TDKT_JOB_FILES_DAYS with their files (the worker does it hourly)."""
    from datetime import timedelta

    from django.conf import settings

    cutoff = clock.now() - timedelta(days=days or settings.TDKT_JOB_FILES_DAYS)
    old = Job.objects.filter(status__in=[JobStatus.DONE, JobStatus.FAILED], finished_at__lt=cutoff)
    for job in old.exclude(file=""):
        job.file.delete(save=False)
    return old.delete()[0]
