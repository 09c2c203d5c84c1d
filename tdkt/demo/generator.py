"""The one deterministic data generator, shared by `tdkt demo` and the benchmarks.

    generate(people, seed, progress=None) -> dict     write a province (empty database) and report
    reset_demo_data()                                 delete everything the generator wrote, and the
                                                      demo accounts (tdkt.demo.accounts)

`tdkt.demo.plan.make_plan` decides everything in memory from `random.Random(seed)`; this module only
writes the plan, so the same seed gives the same data on SQLite and PostgreSQL. For speed it
bypasses the services: rows go in with `bulk_create`, derived columns are computed here with the
models' own `refresh_derived()` and the text helpers, everything in one transaction, and one
AuditEvent ('import', model 'demo') records the load.
"""
from __future__ import annotations

import contextlib
import datetime
import time
from collections.abc import Callable, Iterable, Iterator

from django.apps import apps
from django.contrib.auth.models import User
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max

from tdkt.awards import register
from tdkt.awards.models import AwardRecord, AwardType, Decision, Discipline, Initiative, IssuingBody, Rating
from tdkt.core import clock
from tdkt.core.choices import AuditAction
from tdkt.core.models import AuditEvent, Profile
from tdkt.core.text import name_sort_key, text_sort_key
from tdkt.org.models import Employment, Household, Person, Unit

from . import names
from .accounts import demo_usernames
from .plan import Plan, make_plan

BATCH_SIZE = 5000   # rows per bulk_create call (Django splits further to the backend's parameter limit)
CHUNK = 20000       # model instances built at a time, to keep memory flat for a million rows

Progress = Callable[[str, int, float], None]

# Phase names as printed by `tdkt demo`.
PHASES = {
    "plan": "Lập kế hoạch dữ liệu", "units": "Đơn vị", "people": "Cá nhân", "employments": "Quá trình công tác",
    "households": "Hộ gia đình", "decisions": "Quyết định khen thưởng", "initiatives": "Sáng kiến",
    "ratings": "Xếp loại hằng năm", "award_records": "Khen thưởng", "disciplines": "Kỷ luật",
}


def _chunks(rows: Iterable, size: int = CHUNK) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _bulk(model, objects: Iterable) -> int:
    """Insert in chunks; returns how many rows went in."""
    n = 0
    for chunk in _chunks(objects):
        model.objects.bulk_create(chunk, batch_size=BATCH_SIZE)
        n += len(chunk)
    return n


def _insert(model, names: list[str], rows: Iterable[tuple]) -> int:
    """Insert plain tuples (values for the fields `names`, in order) with `executemany`.

    For the big tables (a million award records) building model instances and compiling bulk
    INSERTs costs four times the database work; plain parameterised INSERTs (COPY on PostgreSQL)
    skip that. Fields not named get their model default, prepared once."""
    meta = model._meta
    named = [meta.get_field(n) for n in names]
    others = [f for f in meta.concrete_fields if not f.primary_key and f not in named]
    constants = []
    for f in others:
        value = clock.now() if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) \
            else f.get_default()
        constants.append(f.get_db_prep_save(value, connection))
    constants = tuple(constants)
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in named + others)
    sql = (f"INSERT INTO {qn(meta.db_table)} ({columns}) "
           f"VALUES ({', '.join(['%s'] * (len(named) + len(others)))})")
    n = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY is several times faster than INSERTs there
            with cursor.cursor.copy(f"COPY {qn(meta.db_table)} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row + constants)
                    n += 1
            return n
        for chunk in _chunks(rows):
            cursor.executemany(sql, [row + constants for row in chunk] if constants else chunk)
            n += len(chunk)
    return n


def _insert_with_ids(model, names: list[str], rows: list[tuple]) -> list[int]:
    """`_insert` with explicit primary keys after the current largest, then the sequence moved past
    them (what `loaddata` does); returns the ids in row order."""
    start = (model._base_manager.aggregate(m=Max("pk"))["m"] or 0) + 1
    ids = list(range(start, start + len(rows)))
    _insert(model, [model._meta.pk.name, *names], ((pk, *row) for pk, row in zip(ids, rows)))
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)
    return ids


def _bulk_ids(model, objects: list) -> list[int]:
    """Insert and return the new primary keys in order (both backends return them from bulk inserts)."""
    ids = []
    for chunk in _chunks(objects):
        model.objects.bulk_create(chunk, batch_size=BATCH_SIZE)
        ids.extend(obj.pk for obj in chunk)
    return ids


# --- Writing the plan ------------------------------------------------------------------------------

def _write_units(plan: Plan) -> list[int]:
    depth = []
    for spec in plan.units:
        depth.append(0 if spec.parent is None else depth[spec.parent] + 1)
    objs = []
    for spec in plan.units:
        unit = Unit(name=spec.name, short_name=spec.short_name, code=spec.code, kind=spec.kind,
                    address=spec.address, merged_on=spec.merged_on)
        unit.refresh_derived()
        objs.append(unit)
    # Parents first, level by level, so each row is inserted with its parent's id.
    for level in range(max(depth) + 1):
        batch = []
        for i, spec in enumerate(plan.units):
            if depth[i] == level:
                if spec.parent is not None:
                    objs[i].parent_id = objs[spec.parent].pk
                batch.append(objs[i])
        Unit.objects.bulk_create(batch, batch_size=BATCH_SIZE)
    for i, spec in enumerate(plan.units):
        parent_path = objs[spec.parent].path if spec.parent is not None else "/"
        objs[i].path = f"{parent_path}{objs[i].pk}/"
        if spec.merged_into is not None:
            objs[i].merged_into_id = objs[spec.merged_into].pk
    Unit.objects.bulk_update(objs, ["path", "merged_into"], batch_size=200)
    return [u.pk for u in objs]


PERSON_FIELDS = ["full_name", "family_name", "middle_name", "given_name", "gender", "birth_date", "ethnicity",
                 "national_id", "position", "is_leader", "is_direct_worker", "employment_kind", "hired_on", "unit",
                 "search_text", "sort_key"]


def _write_people(plan: Plan, unit_ids: list[int]) -> list[int]:
    rows = []
    for p in plan.people:
        person = Person(full_name=p.full_name, gender=p.gender, birth_date=p.birth_date, ethnicity=p.ethnicity,
                        national_id=p.national_id, position=p.position, is_leader=p.is_leader,
                        is_direct_worker=p.is_direct_worker, employment_kind=p.employment_kind,
                        hired_on=p.hired_on, unit_id=unit_ids[p.unit])
        person.refresh_derived()
        rows.append(tuple(getattr(person, Person._meta.get_field(f).attname) for f in PERSON_FIELDS))
    return _insert_with_ids(Person, PERSON_FIELDS, rows)


def _write_households(plan: Plan, unit_ids: list[int]) -> list[int]:
    objs = []
    for head, address, unit in plan.households:
        household = Household(head_name=head, address=address, unit_id=unit_ids[unit])
        household.refresh_derived()
        objs.append(household)
    return _bulk_ids(Household, objs)


def _write_decisions(plan: Plan, unit_ids: list[int]) -> list[int]:
    """The register's decisions, each under its issuing body (one per issuer of the plan)."""
    objs, bodies = [], {}
    for b in plan.batches:
        issuer = plan.issuers[b.issuer]
        if b.issuer not in bodies:
            bodies[b.issuer] = (register.body_for_unit(Unit.objects.get(pk=unit_ids[issuer.unit]))
                                if issuer.unit is not None else register.resolve_body(issuer.name).body)
        decision = Decision(number=b.number, signed_on=b.signed_on, authority=issuer.authority,
                            issuer_name=issuer.name, body=bodies[b.issuer],
                            issuer_unit_id=unit_ids[issuer.unit] if issuer.unit is not None else None,
                            signer_name=b.signer_name, signer_title=b.signer_title, summary=b.summary)
        decision.refresh_derived()
        objs.append(decision)
    return _bulk_ids(Decision, objs)


def _write_initiatives(plan: Plan, unit_ids, person_ids, decision_ids) -> int:
    rows = [(title, unit_ids[unit], scope, year, decision_ids[batch] if batch is not None else None,
             plan.batches[batch].signed_on if batch is not None else _national_recognition(year))
            for title, unit, scope, year, batch, _ in plan.initiatives]
    ids = _insert_with_ids(Initiative, ["title", "unit", "scope", "year", "decision", "recognized_on"], rows)
    _insert(Initiative.authors.through, ["initiative", "person"],
            ((ids[k], person_ids[a]) for k, row in enumerate(plan.initiatives) for a in dict.fromkeys(row[5])))
    return len(ids)


def _national_recognition(year: int) -> datetime.date:
    return datetime.date(year, 12, 20)


def _write_ratings(plan: Plan, unit_ids, person_ids) -> int:
    return _insert(Rating, ["person", "rated_unit", "unit", "year", "level"], (
        (person_ids[p] if p is not None else None, unit_ids[ru] if ru is not None else None, unit_ids[u], year, level)
        for p, ru, u, year, level in plan.ratings))


def _write_awards(plan: Plan, unit_ids, person_ids, household_ids, decision_ids) -> int:
    type_ids = dict(AwardType.objects.values_list("code", "id"))
    missing = {a[0] for a in plan.awards} - type_ids.keys()
    if missing:
        raise RuntimeError(f"Danh mục khen thưởng thiếu mã: {', '.join(sorted(missing))} (chạy migrate).")
    person_keys = [(p.full_name, name_sort_key(p.full_name)[:300]) for p in plan.people]
    unit_keys = [(u.name, text_sort_key(u.name)[:300]) for u in plan.units]
    household_keys = [(f"Hộ {h[0]}", name_sort_key(h[0])[:300]) for h in plan.households]
    batches = plan.batches

    def rows():
        for code, subject, p, ru, h, u, year, batch in plan.awards:
            if p is not None:
                name, key = person_keys[p]
            elif ru is not None:
                name, key = unit_keys[ru]
            else:
                name, key = household_keys[h]
            b = batches[batch]
            yield (type_ids[code], subject, person_ids[p] if p is not None else None,
                   unit_ids[ru] if ru is not None else None, household_ids[h] if h is not None else None,
                   unit_ids[u], year, b.kind, b.achievement, decision_ids[batch], "valid", name, key)

    return _insert(AwardRecord, ["award_type", "subject_kind", "person", "recipient_unit", "household", "unit", "year",
                                 "kind", "achievement", "decision", "status", "recipient_name", "recipient_sort_key"],
                   rows())


def _write_disciplines(plan: Plan, person_ids) -> int:
    return _bulk(Discipline, (Discipline(person_id=person_ids[p], level=level, start=start, end=end,
                                         decision_number=number, reason=reason)
                              for p, level, start, end, number, reason in plan.disciplines))


@contextlib.contextmanager
def _large_cache():
    """On SQLite, a 256 MB page cache for this connection while loading: with ten indexes on the award
    table, the default 2 MB cache spends most of the load writing and re-reading index pages."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def thousands(n: int) -> str:
    """A count the Vietnamese way: 1.234.567."""
    return f"{n:,}".replace(",", ".")


def generate(people: int = 5000, seed: int = 2026, progress: Progress | None = None) -> dict:
    """Write a whole province into an empty database; returns the counts and the seconds per phase.

    `progress(phase, count, elapsed_seconds)` is called after each phase."""
    if Unit.objects.exists():
        raise RuntimeError("Cơ sở dữ liệu đã có dữ liệu đơn vị; hãy xóa (reset) trước khi sinh dữ liệu mẫu.")
    started = time.perf_counter()
    timings: dict[str, float] = {}
    counts: dict[str, int] = {}
    mark = [started]

    def done(phase: str, count: int) -> None:
        now = time.perf_counter()
        timings[phase] = round(now - mark[0], 3)
        counts[phase] = count
        mark[0] = now
        if progress:
            progress(phase, count, now - started)

    plan = make_plan(people, seed)
    done("plan", len(plan.awards))
    with _large_cache(), transaction.atomic():
        unit_ids = _write_units(plan)
        done("units", len(unit_ids))
        person_ids = _write_people(plan, unit_ids)
        done("people", len(person_ids))
        n = _insert(Employment, ["person", "unit", "post", "start", "end"],
                    ((person_ids[i], unit_ids[unit], post, start, end)
                     for i, p in enumerate(plan.people) for unit, post, start, end in p.periods))
        done("employments", n)
        household_ids = _write_households(plan, unit_ids)
        done("households", len(household_ids))
        decision_ids = _write_decisions(plan, unit_ids)
        done("decisions", len(decision_ids))
        done("initiatives", _write_initiatives(plan, unit_ids, person_ids, decision_ids))
        done("ratings", _write_ratings(plan, unit_ids, person_ids))
        done("award_records", _write_awards(plan, unit_ids, person_ids, household_ids, decision_ids))
        done("disciplines", _write_disciplines(plan, person_ids))
        counts.pop("plan")
        note = (f"Nạp dữ liệu mẫu tỉnh {names.PROVINCE} (seed {seed}): "
                + ", ".join(f"{thousands(v)} {PHASES[k].lower()}" for k, v in counts.items()))
        AuditEvent.objects.create(action=AuditAction.IMPORT, model="demo", object_id=str(seed),
                                  object_repr=f"Dữ liệu mẫu tỉnh {names.PROVINCE}", after=dict(counts),
                                  note=note[:500])
    # Fresh planner statistics after a bulk load: without them SQLite sorts whole years instead of
    # walking the list indexes (PostgreSQL's autovacuum would get there later, too late for a demo).
    analyze_started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    timings["analyze"] = round(time.perf_counter() - analyze_started, 3)
    seconds = round(time.perf_counter() - started, 3)
    return {**counts, "seed": seed, "timings": timings, "seconds": seconds}


# --- Reset -----------------------------------------------------------------------------------------

GENERATED = [Unit, Person, Employment, Household, IssuingBody, Decision, AwardRecord, Rating, Initiative, Discipline]


def _models_to_clear() -> tuple[list, list]:
    """The generated models plus every model that depends on them (dossiers, imports, M2M tables…),
    deepest first; and the nullable SET_NULL links into them, which are cleared instead of deleted.
    Profiles are kept (their unit is cleared) so that accounts made by hand survive a reset."""
    targets = set(GENERATED)
    all_models = apps.get_models(include_auto_created=True)
    changed = True
    while changed:
        changed = False
        for model in all_models:
            if model in targets or model is Profile:
                continue
            for f in model._meta.concrete_fields:
                if (f.is_relation and f.related_model in targets
                        and f.remote_field.on_delete is not models.SET_NULL):
                    targets.add(model)
                    changed = True
                    break
    nullify = [(model, f.name) for model in all_models if model not in targets
               for f in model._meta.concrete_fields if f.is_relation and f.related_model in targets and f.null]
    depth: dict = {}

    def depth_of(model, seen=()):
        if model not in depth:
            parents = [f.related_model for f in model._meta.concrete_fields
                       if f.is_relation and f.related_model in targets and f.related_model is not model
                       and f.related_model not in seen]
            depth[model] = 1 + max((depth_of(p, seen + (model,)) for p in parents), default=-1)
        return depth[model]

    ordered = sorted(targets, key=lambda m: (-depth_of(m), m._meta.label))
    return ordered, nullify


def reset_demo_data() -> dict:
    """Delete the generated data (units, people, history, decisions and whatever depends on them)
    and the demo accounts; the award catalogue and hand-made accounts stay."""
    deleted = {}
    with transaction.atomic():
        ordered, nullify = _models_to_clear()
        for model, field in nullify:
            model._base_manager.filter(**{f"{field}__isnull": False}).update(**{field: None})
        with connection.cursor() as cursor:
            for model in ordered:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
                deleted[model._meta.label] = max(cursor.rowcount, 0)
        users = User.objects.filter(username__in=demo_usernames())
        deleted["auth.User"] = users.count()
        users.delete()
        AuditEvent.objects.create(action=AuditAction.DELETE, model="demo", object_id="", object_repr="Dữ liệu mẫu",
                                  note="Xóa dữ liệu mẫu: " + ", ".join(f"{k} {thousands(v)}" for k, v in deleted.items()
                                                                     if v)[:480])
    return deleted
