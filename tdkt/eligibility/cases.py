"""Build eligibility cases from the database: a person's or a unit's records as the plain history
the rule engine (tdkt.rules) takes. One loader serves a single page and the whole-province batch:
`load_person_histories(ids)` reads ratings, valid awards, initiatives and discipline in four queries
whatever the number of people.

Decisions on what the records mean:
- only valid awards count (a revoked award is no basis); each keeps its kind (R3);
- the proposal date of a year's case is 15/12 of that year for the current year (the usual
  end-of-year review) or `today`, whichever is earlier, and 15/12 for past years;
- a discipline without an end date is in force;
- a collective's members for a year are the people rated in that unit that year (ratings keep the
  unit of the time), or, if none were rated, its current staff;
- a unit's area flags (miền núi, biên giới…) hold for it and every unit under it; a person's are
  those of their current unit; the person's ethnicity is read as its official name. They feed the
  priority principles, which never block, so the whole-province batch (`load_person_histories(None)`)
  does not read them;
- `received_on` (the day the dossier was received) is passed by the dossier workflow for the
  transition of Luật 06/2026/QH16.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Q

from tdkt.awards.choices import AwardStatus
from tdkt.awards.models import AwardRecord, AwardType, Discipline, Initiative, Rating
from tdkt.core import clock
from tdkt.org.choices import AREA_FLAGS
from tdkt.org.models import Person, Unit
from tdkt.rules import ethnicity as ethnic_groups
from tdkt.rules.case import AwardHeld, Block, Case, Initiative as CaseInitiative, Members, Period, Subject
from tdkt.rules.procedure import batch_awards

# The award lists of batch runs and panels are rule data (tdkt.rules.procedure.batch_awards); these
# names, read when the process starts, stay for the modules that import them.
INDIVIDUAL_AWARDS = batch_awards("individual", clock.today())
COLLECTIVE_AWARDS = batch_awards("collective", clock.today())
WARNING_OR_ABOVE = ("warning", "demotion", "downgrade", "removal", "dismissal")


@dataclass
class History:
    ratings: dict = field(default_factory=dict)
    awards: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)
    discipline: list = field(default_factory=list)
    areas: tuple = ()


def proposal_date_for(year: int, today: dt.date | None = None) -> dt.date:
    today = today or clock.today()
    usual = dt.date(year, 12, 15)
    return min(usual, today) if today.year == year else usual


def load_person_histories(person_ids=None) -> dict[int, History]:
    """Histories keyed by person id; `None` loads everyone (the batch).

    The batch reads about two million rows: plain SQL through the ORM's own tables (no per-row model
    objects), award codes mapped in Python rather than joined, and the immutable history items
    interned, since a province has only a few hundred distinct (award, year, kind) triples."""
    histories: dict[int, History] = defaultdict(History)
    codes = dict(AwardType.objects.values_list("id", "code"))
    held_cache: dict = {}
    initiative_cache: dict = {}
    where, params = "", []
    if person_ids is not None:
        ids = list(person_ids) or [0]
        where = f" AND person_id IN ({', '.join(['%s'] * len(ids))})"
        params = ids
    rating_table, award_table = Rating._meta.db_table, AwardRecord._meta.db_table
    authors_table, initiative_table = Initiative.authors.through._meta.db_table, Initiative._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT person_id, year, level FROM {rating_table} WHERE person_id IS NOT NULL{where}", params)
        for pid, year, level in _rows(cursor):
            histories[pid].ratings[year] = level
        cursor.execute(f"SELECT person_id, award_type_id, year, kind FROM {award_table} "
                       f"WHERE person_id IS NOT NULL AND status = %s{where}", [AwardStatus.VALID, *params])
        for pid, type_id, year, kind in _rows(cursor):
            key = (type_id, year, kind)
            held = held_cache.get(key)
            if held is None:
                held = held_cache[key] = AwardHeld(codes[type_id], year, kind)
            histories[pid].awards.append(held)
        cursor.execute(f"SELECT a.person_id, i.year, i.scope FROM {authors_table} a "
                       f"JOIN {initiative_table} i ON i.id = a.initiative_id WHERE 1 = 1"
                       + where.replace("person_id", "a.person_id"), params)
        for pid, year, scope in _rows(cursor):
            key = (year, scope)
            item = initiative_cache.get(key)
            if item is None:
                item = initiative_cache[key] = CaseInitiative(year, scope)
            histories[pid].initiatives.append(item)
    discipline = Discipline.objects.all()
    if person_ids is not None:
        discipline = discipline.filter(person_id__in=person_ids)
    for pid, start, end, level in discipline.values_list("person_id", "start", "end", "level"):
        histories[pid].discipline.append(Period(start, end, level))
    if person_ids is not None:
        paths = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "unit__path"))
        flagged = flagged_units()
        for pid, path in paths.items():
            areas = areas_on_path(path, flagged)
            if areas:
                histories[pid].areas = areas
    return histories


def flagged_units() -> dict[str, tuple[str, ...]]:
    """{unit path: its own area codes} for the units with an area flag (a few in a province)."""
    flags = [name for name, _, _ in AREA_FLAGS]
    query = Q()
    for name in flags:
        query |= Q(**{name: True})
    return {row[0]: tuple(code for (_, _, code), on in zip(AREA_FLAGS, row[1:]) if on)
            for row in Unit.objects.filter(query).values_list("path", *flags)}


def areas_on_path(path: str | None, flagged: dict) -> tuple[str, ...]:
    """The area codes of the unit at `path` and of the units above it."""
    if not path:
        return ()
    found = [code for unit_path, codes in flagged.items() if path.startswith(unit_path) for code in codes]
    return tuple(code for _, _, code in AREA_FLAGS if code in found)


def unit_areas(unit) -> tuple[str, ...]:
    return areas_on_path(unit.path, flagged_units())


def _rows(cursor, size=50_000):
    while True:
        rows = cursor.fetchmany(size)
        if not rows:
            return
        yield from rows


def person_subject(person, areas: tuple[str, ...] = ()) -> Subject:
    """The person as a subject; `areas` are their unit's (read by `load_person_histories`)."""
    return Subject(kind="individual", gender=person.gender or None, direct_worker=person.is_direct_worker,
                   hired_on=person.hired_on, jurisdiction="province",
                   ethnicity=ethnic_groups.canonical(person.ethnicity), areas=tuple(areas))


def person_case(person, history: History, award: str, year: int, proposal_date: dt.date | None = None,
                subject: Subject | None = None, received_on: dt.date | None = None,
                proposal_kind: str = "regular") -> Case:
    subject = subject or person_subject(person, history.areas)
    if history.areas and not subject.areas:
        subject = Subject(**{**subject.__dict__, "areas": tuple(history.areas)})
    return Case(award=award, year=year, proposal_date=proposal_date or proposal_date_for(year),
                subject=subject, ratings=history.ratings,
                awards=tuple(history.awards), initiatives=tuple(history.initiatives),
                discipline=tuple(history.discipline), received_on=received_on, proposal_kind=proposal_kind)


def unit_history(unit) -> History:
    history = History(areas=unit_areas(unit))
    for year, level in Rating.objects.filter(rated_unit=unit).values_list("year", "level"):
        history.ratings[year] = level
    for code, year, kind in (AwardRecord.objects.filter(recipient_unit=unit, status=AwardStatus.VALID)
                             .values_list("award_type__code", "year", "kind")):
        history.awards.append(AwardHeld(code, year, kind))
    return history


def unit_members(unit, year: int) -> Members | None:
    """The collective's members in `year`: who was rated there, how many hold LĐTT and CSTĐCS,
    how many were disciplined at warning or above during the year."""
    rated = Rating.objects.filter(unit=unit, year=year, person__isnull=False)
    counts = rated.aggregate(total=Count("id"), completed=Count("id", filter=~Q(level="not_completed")))
    if counts["total"]:
        people = rated.values("person_id")
        total, completed = counts["total"], counts["completed"]
    else:
        people = Person.objects.filter(unit=unit).values("id")
        total = Person.objects.filter(unit=unit).count()
        completed = None
        if not total:
            return None
    awards = (AwardRecord.objects.filter(person_id__in=people, year=year, status=AwardStatus.VALID)
              .values("award_type__code").annotate(n=Count("person_id", distinct=True)))
    by_code = {row["award_type__code"]: row["n"] for row in awards}
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    disciplined = (Discipline.objects.filter(person_id__in=people, level__in=WARNING_OR_ABOVE, start__lte=end)
                   .filter(Q(end__isnull=True) | Q(end__gte=start)).values("person_id").distinct().count())
    return Members(total=total, completed=completed, ldtt=by_code.get("LDTT", 0) + by_code.get("CSTT", 0),
                   cstd_cs=by_code.get("CSTD_CS", 0), disciplined_warning_or_above=disciplined)


def unit_case(unit, history: History, award: str, year: int, proposal_date: dt.date | None = None,
              block: Block | None = None, members: Members | None = None, received_on: dt.date | None = None,
              proposal_kind: str = "regular") -> Case:
    return Case(award=award, year=year, proposal_date=proposal_date or proposal_date_for(year),
                subject=Subject(kind="collective", jurisdiction="province", areas=tuple(history.areas)),
                ratings=history.ratings, awards=tuple(history.awards), members=members, block=block,
                received_on=received_on, proposal_kind=proposal_kind)


def case_json(case: Case) -> dict:
    """The case in the JSON contract (award-codes.md): what `tdkt eligibility` would be given."""
    s = case.subject
    data = {
        "award": case.award, "year": case.year, "proposal_date": case.proposal_date.isoformat(),
        "subject": {k: v for k, v in {
            "kind": s.kind, "gender": s.gender, "direct_worker": s.direct_worker,
            "hired_on": s.hired_on.isoformat() if s.hired_on else None, "jurisdiction": s.jurisdiction,
            "ethnicity": s.ethnicity, "areas": list(s.areas) or None,
        }.items() if v is not None},
        "ratings": {str(y): level for y, level in sorted(case.ratings.items())},
        "awards": [{"award": a.award, "year": a.year, "kind": a.kind} for a in sorted(case.awards, key=lambda a: a.year)],
        "initiatives": [{"year": i.year, "scope": i.scope} for i in case.initiatives],
        "discipline": [{"from": d.start.isoformat(), "to": d.end.isoformat() if d.end else None, "level": d.kind}
                       for d in case.discipline],
        "under_review": case.under_review,
    }
    if case.members is not None:
        m = case.members
        data["members"] = {k: v for k, v in {"total": m.total, "completed": m.completed, "ldtt": m.ldtt,
                                              "cstd_cs": m.cstd_cs,
                                              "disciplined_warning_or_above": m.disciplined_warning_or_above}.items()
                           if v is not None}
    if case.block is not None:
        data["block"] = {"rank": case.block.rank, "size": case.block.size}
    if case.proposal_kind != "regular":
        data["proposal_kind"] = case.proposal_kind
    if case.received_on is not None:
        data["received_on"] = case.received_on.isoformat()
    return data
