"""Timely awards (khen thưởng kịp thời): who in the user's scope meets the conditions of an award
in a year, from the latest finished batch run, and has not yet been awarded it. Filters by unit
(with its sub-units), direct workers, women and leaders; the share of direct workers is reported
because the law asks to favour them (Luật TĐKT 2022 Điều 5)."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from tdkt.awards.choices import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.core.scope import unit_subtree_ids
from tdkt.org.models import Person

from .models import EligibilityResult, EligibilityRun, RunStatus


def latest_run(year: int) -> EligibilityRun | None:
    return EligibilityRun.objects.filter(year=year, status=RunStatus.DONE).order_by("-finished_at", "-pk").first()


@dataclass
class Criteria:
    award: str
    year: int
    unit: object = None
    direct_worker: bool = False
    women: bool = False
    leader: bool = False


def due_people(user, run: EligibilityRun, c: Criteria):
    """People of the user's scope the run found eligible for `c.award`, not yet awarded it that year.
    Returns (queryset with the filters, share of direct workers among all due before those filters)."""
    results = EligibilityResult.objects.filter(run=run, award_code=c.award)
    if c.unit is not None:
        results = results.filter(unit_id__in=unit_subtree_ids(c.unit))
    awarded = AwardRecord.objects.filter(award_type__code=c.award, year=c.year, status=AwardStatus.VALID,
                                         person__isnull=False).values("person_id")
    base = Person.objects.visible_to(user).filter(pk__in=results.values("person_id")).exclude(pk__in=awarded)
    total = base.count()
    direct = base.filter(is_direct_worker=True).count() if total else 0
    qs = base
    filters = Q()
    if c.direct_worker:
        filters &= Q(is_direct_worker=True)
    if c.women:
        filters &= Q(gender="female")
    if c.leader:
        filters &= Q(is_leader=True)
    qs = base.filter(filters).select_related("unit")
    return qs, {"total": total, "direct": direct, "share": (direct / total) if total else 0.0}
