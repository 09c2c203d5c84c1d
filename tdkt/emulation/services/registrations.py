"""Registration for emulation as services, and its roll-ups.

A unit registers, by the province's deadline for the year, the titles it aims for as a collective
and those its people aim for (individuals register through their unit), with its commitments. The
roll-up counts registrations per award per block and per province; at year end the registered
titles are compared with the achieved ones (valid AwardRecord rows of tdkt.awards for the same
subject, award and year)."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q

from tdkt.awards.choices import AwardStatus, SubjectKind
from tdkt.awards.models import AwardRecord, AwardType
from tdkt.core import audit, clock
from tdkt.core.scope import unit_subtree_ids
from tdkt.core.services import Errors

from ..choices import EmulationAction, RegistrationStatus
from ..models import Block, Registration, RegistrationItem, RegistrationPeriod
from ..workflow import require_office, require_unit, user_of, year_or_error


@transaction.atomic
def set_period(actor, *, year: int, deadline, note: str = "") -> RegistrationPeriod:
    require_office(actor)
    errors = Errors()
    year_or_error(year, errors, "year")
    if deadline is None:
        errors.add("deadline", "Hạn đăng ký không hợp lệ (định dạng dd/mm/yyyy).")
    errors.raise_if_any()
    period, created = RegistrationPeriod.objects.get_or_create(year=year, defaults={"deadline": deadline,
                                                                                   "note": (note or "").strip()})
    if created:
        audit.created(actor, period)
    else:
        before = audit.snapshot(period)
        period.deadline, period.note = deadline, (note or "").strip()
        period.save()
        audit.changed(actor, period, before)
    return period


def _open_period(year: int) -> RegistrationPeriod:
    period = RegistrationPeriod.objects.filter(year=year).first()
    if period is None:
        raise ValidationError({"year": [f"Tỉnh chưa mở đăng ký thi đua năm {year}."]})
    if clock.today() > period.deadline:
        raise ValidationError({"year": [f"Đã quá hạn đăng ký thi đua năm {year} (hạn {period.deadline:%d/%m/%Y})."]})
    return period


@transaction.atomic
def save_registration(actor, unit, year: int, *, commitments: str = "", unit_titles=(), individuals=()) -> Registration:
    """Replace the unit's registration of `year`: titles for the unit itself (award types) and for
    its people [(person, award type)]. Checked row by row; a bad row saves nothing."""
    require_unit(actor, unit.pk)
    _open_period(year)
    errors = Errors()
    for award in unit_titles:
        if not award.for_collective:
            errors.add("unit_titles", f"“{award.name}” không dành cho tập thể.")
    subtree = unit_subtree_ids(unit)
    seen = set()
    for i, (person, award) in enumerate(individuals, start=1):
        if person.unit_id not in subtree:
            errors.add("individuals", f"Dòng {i}: {person.full_name} không thuộc {unit.name}.")
        if not award.for_individual:
            errors.add("individuals", f"Dòng {i}: “{award.name}” không dành cho cá nhân.")
        if (person.pk, award.pk) in seen:
            errors.add("individuals", f"Dòng {i}: {person.full_name} đăng ký “{award.name}” hai lần.")
        seen.add((person.pk, award.pk))
    errors.raise_if_any()
    registration, created = Registration.objects.select_for_update().get_or_create(unit=unit, year=year)
    before = None if created else audit.snapshot(registration) | {"items": registration.items.count()}
    registration.commitments = (commitments or "").strip()
    registration.save()
    registration.items.all().delete()
    RegistrationItem.objects.bulk_create(
        [RegistrationItem(registration=registration, award_type=a) for a in dict.fromkeys(unit_titles)]
        + [RegistrationItem(registration=registration, person=p, award_type=a) for p, a in individuals],
        batch_size=2000)
    after = audit.snapshot(registration) | {"items": len(unit_titles) + len(individuals)}
    audit.record(actor, "create" if created else "update", registration, before, after)
    return registration


@transaction.atomic
def submit_registration(actor, registration: Registration) -> Registration:
    require_unit(actor, registration.unit_id)
    _open_period(registration.year)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.items.exists():
        raise ValidationError({"items": ["Chưa đăng ký danh hiệu nào."]})
    before = audit.snapshot(registration)
    registration.status, registration.submitted_at = RegistrationStatus.SUBMITTED, clock.now()
    registration.submitted_by = user_of(actor)
    registration.save()
    audit.changed(actor, registration, before, action=EmulationAction.REGISTRATION_SUBMIT, note="Gửi đăng ký thi đua")
    return registration


# --- Roll-ups ----------------------------------------------------------------------------------

def _items(year: int, unit_ids=None):
    items = RegistrationItem.objects.filter(registration__year=year)
    if unit_ids is not None:
        items = items.filter(registration__unit_id__in=list(unit_ids))
    return items


def rollup(year: int, unit_ids=None) -> list[dict]:
    """Registrations per award: [{award, collectives, individuals, units}] (one grouped query).
    `unit_ids` limits to registering units (a block's members, a user's scope); None: the province."""
    rows = (_items(year, unit_ids).values("award_type")
            .annotate(collectives=Count("id", filter=Q(person__isnull=True)),
                      individuals=Count("id", filter=Q(person__isnull=False)),
                      units=Count("registration__unit", distinct=True)))
    awards = AwardType.objects.in_bulk([r["award_type"] for r in rows])
    out = [{"award": awards[r["award_type"]], "collectives": r["collectives"], "individuals": r["individuals"],
            "units": r["units"]} for r in rows]
    return sorted(out, key=lambda r: (-r["award"].rank, r["award"].code))


def block_rollup(block: Block) -> list[dict]:
    """Registrations of a block's member units (the unit itself and, for individuals, its people)."""
    return rollup(block.year, block.members.values_list("unit_id", flat=True))


def registered_vs_achieved(year: int, unit_ids=None) -> list[dict]:
    """Per award: how many registered and how many of those achieved it (a valid award record of the
    same person or collective, award and year). One grouped query with a correlated EXISTS."""
    records = AwardRecord.objects.filter(award_type=OuterRef("award_type"), year=year, status=AwardStatus.VALID)
    achieved_person = Exists(records.filter(subject_kind=SubjectKind.INDIVIDUAL, person=OuterRef("person")))
    achieved_unit = Exists(records.filter(subject_kind=SubjectKind.COLLECTIVE,
                                          recipient_unit=OuterRef("registration__unit")))
    achieved = (Q(person__isnull=True) & Q(achieved_unit)) | (Q(person__isnull=False) & Q(achieved_person))
    rows = (_items(year, unit_ids).values("award_type")
            .annotate(registered=Count("id"), achieved_count=Count("id", filter=achieved)))
    awards = AwardType.objects.in_bulk([r["award_type"] for r in rows])
    out = [{"award": awards[r["award_type"]], "registered": r["registered"], "achieved": r["achieved_count"],
            "percent": round(100 * r["achieved_count"] / r["registered"]) if r["registered"] else 0} for r in rows]
    return sorted(out, key=lambda r: (-r["award"].rank, r["award"].code))
