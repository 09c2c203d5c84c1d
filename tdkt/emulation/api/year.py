"""The year's registrations (roll-up, one unit's, save, submit), movements and key tasks."""
from __future__ import annotations

from typing import Literal, Optional

from ninja import Status

from tdkt.core.api import ERRORS, Refs, actor, get_visible
from tdkt.core.scope import scope_unit_ids
from tdkt.core.services import require_writer
from tdkt.org.models import Person, Unit

from ..choices import MovementStatus
from ..models import KeyTask, Movement, Registration
from ..services import movements, registrations
from . import router
from .lookups import awards_of, each_of
from .schemas import (
    LIST_LIMIT,
    KeyTaskOut,
    KeyTasksIn,
    LaunchIn,
    MovementIn,
    MovementOut,
    QueryYear,
    RegistrationIn,
    RegistrationOut,
    ReviewIn,
    ReviewOut,
    RollupOut,
)

# --- Registrations --------------------------------------------------------------------------------

@router.get("/emulation/registrations/rollup", response={200: list[RollupOut], **ERRORS},
            summary="Tổng hợp đăng ký thi đua theo danh hiệu (trong phạm vi của bạn)")
def registration_rollup(request, year: QueryYear):
    ids = scope_unit_ids(actor(request))
    rows = registrations.rollup(year, ids)
    return [RollupOut(award=r["award"].code, award_name=r["award"].name, collectives=r["collectives"],
                      individuals=r["individuals"], units=r["units"]) for r in rows]


def _registration(request, unit_id: int, year: int) -> Registration:
    return get_visible(Registration.objects.select_related("unit").prefetch_related("items__award_type", "items__person"),
                       request, unit_id=unit_id, year=year)


@router.get("/emulation/registrations/{unit_id}/{year}", response={200: RegistrationOut, **ERRORS},
            summary="Đăng ký thi đua của một đơn vị trong một năm")
def get_registration(request, unit_id: int, year: QueryYear):
    return _registration(request, unit_id, year)


@router.put("/emulation/registrations/{unit_id}/{year}", response={200: RegistrationOut, **ERRORS},
            summary="Lưu (thay) đăng ký thi đua của đơn vị: danh hiệu tập thể và cá nhân, theo mã danh hiệu")
def save_registration(request, unit_id: int, year: QueryYear, payload: RegistrationIn):
    unit = get_visible(Unit.objects, request, unit_id)
    require_writer(actor(request), unit.pk)
    refs = Refs(request)
    titles = awards_of(refs, "unit_titles", payload.unit_titles)
    rows = payload.individuals
    people = each_of(refs, Person.objects, "individuals", [r.person for r in rows], "cá nhân", suffix=".person",
                   repeats=True)
    awards = awards_of(refs, "individuals", [r.award for r in rows], suffix=".award")
    refs.raise_if_any()
    registrations.save_registration(actor(request), unit, year, commitments=payload.commitments, unit_titles=titles,
                                    individuals=list(zip(people, awards)))
    return _registration(request, unit.pk, year)


@router.post("/emulation/registrations/{unit_id}/{year}/submit", response={200: RegistrationOut, **ERRORS},
             summary="Gửi đăng ký thi đua (trước hạn của tỉnh)")
def submit_registration(request, unit_id: int, year: QueryYear):
    registrations.submit_registration(actor(request), _registration(request, unit_id, year))
    return _registration(request, unit_id, year)


# --- Movements and key tasks ----------------------------------------------------------------------

def _movements(request):
    return (Movement.objects.visible_to(actor(request)).select_related("launching_unit")
            .prefetch_related("covered_units", "reviews"))


def _movement(request, pk: int) -> Movement:
    return get_visible(_movements(request), request, pk)


@router.get("/emulation/movements", response={200: list[MovementOut], **ERRORS},
            summary="Phong trào thi đua trong phạm vi (đã phát động đến đơn vị của bạn, hoặc do đơn vị bạn lập)")
def list_movements(request, year: Optional[QueryYear] = None,
                   status: Optional[Literal[tuple(MovementStatus.values)]] = None):
    qs = _movements(request)
    if year is not None:
        qs = qs.filter(start_year__lte=year, end_year__gte=year)
    if status:
        qs = qs.filter(status=status)
    return list(qs[:LIST_LIMIT])


@router.get("/emulation/movements/{id}", response={200: MovementOut, **ERRORS}, summary="Một phong trào thi đua")
def get_movement(request, id: int):
    return _movement(request, id)


@router.post("/emulation/movements", response={201: MovementOut, **ERRORS},
             summary="Lập phong trào thi đua (dự thảo); phát động sau")
def create_movement(request, payload: MovementIn):
    require_writer(actor(request))
    refs = Refs(request)
    launching = refs.one(Unit.objects, "launching_unit", payload.launching_unit, "đơn vị")
    covered = each_of(refs, Unit.objects, "covered_units", payload.covered_units, "đơn vị")
    refs.raise_if_any()
    data = payload.model_dump(exclude={"launching_unit", "covered_units"})
    movement = movements.create_movement(actor(request), launching_unit=launching, covered_units=covered, **data)
    return Status(201, _movement(request, movement.pk))


@router.put("/emulation/movements/{id}", response={200: MovementOut, **ERRORS},
            summary="Sửa phong trào còn là dự thảo (cùng các trường như khi lập); đã phát động thì không sửa được")
def update_movement(request, id: int, payload: MovementIn):
    movement = _movement(request, id)
    refs = Refs(request)
    launching = refs.one(Unit.objects, "launching_unit", payload.launching_unit, "đơn vị")
    covered = each_of(refs, Unit.objects, "covered_units", payload.covered_units, "đơn vị")
    refs.raise_if_any()
    data = payload.model_dump(exclude={"launching_unit", "covered_units"})
    movements.update_movement(actor(request), movement, launching_unit=launching, covered_units=covered, **data)
    return _movement(request, id)


@router.post("/emulation/movements/{id}/launch", response={200: MovementOut, **ERRORS},
             summary="Phát động: phong trào đến các đơn vị được phát động và mọi đơn vị trực thuộc")
def launch_movement(request, id: int, payload: LaunchIn = None):
    movement = _movement(request, id)
    movements.launch_movement(actor(request), movement, (payload or LaunchIn()).launched_on)
    return _movement(request, id)


@router.post("/emulation/movements/{id}/reviews", response={201: ReviewOut, **ERRORS},
             summary="Ghi sơ kết hoặc tổng kết phong trào (tổng kết thì kết thúc phong trào)")
def record_review(request, id: int, payload: ReviewIn):
    movement = _movement(request, id)
    return Status(201, movements.record_review(actor(request), movement, **payload.model_dump()))


@router.get("/emulation/key-tasks/{unit_id}/{year}", response={200: list[KeyTaskOut], **ERRORS},
            summary="Nhiệm vụ trọng tâm của một đơn vị trong một năm")
def get_key_tasks(request, unit_id: int, year: QueryYear):
    unit = get_visible(Unit.objects, request, unit_id)
    return list(KeyTask.objects.filter(unit=unit, year=year).order_by("order"))


@router.put("/emulation/key-tasks/{unit_id}/{year}", response={200: list[KeyTaskOut], **ERRORS},
            summary="Lưu (thay) nhiệm vụ trọng tâm của đơn vị trong năm: đúng một nhiệm vụ đột phá")
def save_key_tasks(request, unit_id: int, year: QueryYear, payload: KeyTasksIn):
    unit = get_visible(Unit.objects, request, unit_id)
    movements.save_key_tasks(actor(request), unit, year, [t.model_dump() for t in payload.tasks])
    return list(KeyTask.objects.filter(unit=unit, year=year).order_by("order"))
