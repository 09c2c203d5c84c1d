"""Batch evaluation of the whole province: every individual award type for every person in one
run, written to `EligibilityResult` for the timely-awards list and the reports.

The histories are read once (four queries, streamed), then the people are evaluated in chunks,
on several processes when the machine has them (fork: the histories are shared copy-on-write),
and the eligible pairs are bulk-inserted. Progress is saved on the run row after each chunk, so a
page can show it while the command prints its own bar.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import time

from django.db import connection, transaction
from django.utils import timezone

from tdkt.org.models import Person
from tdkt.rules.case import Case, Subject
from tdkt.rules.engine import eligible_awards

from .cases import INDIVIDUAL_AWARDS, History, load_person_histories, proposal_date_for
from .models import EligibilityResult, EligibilityRun, RunStatus
from .services import rule_set_on

CHUNK = 2_000
_EMPTY = History()

# Set in the parent before forking: the workers read them without pickling.
_STATE: dict = {}


def _evaluate_chunk(people: list[tuple]) -> list[tuple[int, int, str]]:
    year, awards, rule_set, proposal_date = _STATE["year"], _STATE["awards"], _STATE["rule_set"], _STATE["date"]
    histories = _STATE["histories"]
    out = []
    for pid, gender, direct, hired_on, unit_id in people:
        h = histories.get(pid, _EMPTY)
        subject = Subject(kind="individual", gender=gender or None, direct_worker=direct, hired_on=hired_on,
                          jurisdiction="province")
        case = Case(award=awards[0], year=year, proposal_date=proposal_date, subject=subject, ratings=h.ratings,
                    awards=tuple(h.awards), initiatives=tuple(h.initiatives), discipline=tuple(h.discipline))
        out.extend((pid, unit_id, code) for code in eligible_awards(case, awards, rule_set))
    return out


def _chunks(items, size):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _bar(done, total, out):
    width = 30
    filled = int(width * done / total) if total else width
    out.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done * 100 // max(total, 1):3d}% "
              f"{done:,}/{total:,} người".replace(",", "."))
    out.flush()


def workers_default() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def run_batch(run: EligibilityRun, workers: int | None = None, progress_out=None, today: dt.date | None = None
              ) -> EligibilityRun:
    """Evaluate the run's year for everyone; the run row records progress and the outcome."""
    start = time.perf_counter()
    try:
        year = run.year
        awards = tuple(run.awards.split(","))
        proposal_date = proposal_date_for(year, today)
        rule_set = rule_set_on(proposal_date)
        people = list(Person.objects.values_list("id", "gender", "is_direct_worker", "hired_on", "unit_id")
                      .order_by("id"))
        run.total, run.rule_set = len(people), rule_set.title
        run.save(update_fields=["total", "rule_set"])
        _STATE.update(year=year, awards=awards, rule_set=rule_set, date=proposal_date,
                      histories=load_person_histories(None))
        workers = workers or workers_default()
        chunks = list(_chunks(people, CHUNK))
        results = []
        if workers > 1 and len(chunks) > 1 and "fork" in multiprocessing.get_all_start_methods():
            connection.close()  # a forked child must not share the parent's database socket
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for n, part in enumerate(pool.imap(_evaluate_chunk, chunks), 1):
                    results.extend(part)
                    _progress(run, min(n * CHUNK, len(people)), progress_out)
        else:
            for n, chunk in enumerate(chunks, 1):
                results.extend(_evaluate_chunk(chunk))
                _progress(run, min(n * CHUNK, len(people)), progress_out)
        with transaction.atomic():
            EligibilityResult.objects.bulk_create(
                (EligibilityResult(run=run, person_id=pid, unit_id=unit_id, award_code=code, year=year)
                 for pid, unit_id, code in results), batch_size=5_000)
            run.status, run.eligible, run.done = RunStatus.DONE, len(results), len(people)
            run.seconds, run.finished_at = round(time.perf_counter() - start, 2), timezone.now()
            run.save()
        if progress_out:
            _bar(len(people), len(people), progress_out)
            progress_out.write("\n")
    except Exception as exc:  # the run row must say it failed; the caller still sees the error
        run.status, run.error, run.finished_at = RunStatus.FAILED, f"{exc.__class__.__name__}: {exc}", timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])
        raise
    finally:
        _STATE.clear()
    return run


def _progress(run, done, out):
    run.done = done
    EligibilityRun.objects.filter(pk=run.pk).update(done=done)
    if out:
        _bar(done, run.total, out)


def start_run(actor, year: int, awards=INDIVIDUAL_AWARDS) -> EligibilityRun:
    """Create the run row with its audit event; the evaluation itself is `run_batch`."""
    from tdkt.core.audit import created

    with transaction.atomic():
        run = EligibilityRun.objects.create(year=year, awards=",".join(awards),
                                            started_by=actor if actor is not None and actor.pk else None)
        created(actor, run, note=f"Xét điều kiện khen thưởng hàng loạt năm {year}")
    return run


def spawn(run: EligibilityRun) -> None:
    """Queue the batch for `tdkt worker` (eligibility.tasks.run_eligibility) so the page can poll."""
    from .tasks import run_eligibility

    run_eligibility.enqueue(run.pk)
