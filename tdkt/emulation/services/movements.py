"""Movements and key tasks as services.

A movement is drawn up by its launching unit (the province for provincial movements), then launched:
launching cascades it to the covered units and every unit below them (MovementReach), which see it
on their home page (`movements_for`). Interim and final reviews record results; a final review
closes the movement and can start a DRAFT thematic commendation dossier for it.

Key tasks: each unit keeps its about ten key tasks of the year, exactly one of them the flagship."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from tdkt.core import audit, clock
from tdkt.core.scope import scope_unit_ids, unit_subtree_ids
from tdkt.core.services import Errors
from tdkt.core.uploads import store_upload

from ..choices import EmulationAction, KeyTaskStatus, MovementKind, MovementStatus, PeriodKind, ReviewKind
from ..models import KeyTask, Movement, MovementDocument, MovementReach, MovementReview
from ..workflow import require_unit, status_error, user_of, year_or_error

MOVEMENT_FIELDS = ("title", "kind", "theme", "motto", "contents", "period_kind", "start_year", "end_year", "targets")


def _lock(movement: Movement) -> Movement:
    return Movement.objects.select_for_update().get(pk=movement.pk)


def _validate_movement(data: dict, launching_unit, covered, errors: Errors) -> None:
    if not (data.get("title") or "").strip():
        errors.add("title", "Tên phong trào không được để trống.")
    if data.get("kind") not in MovementKind.values:
        errors.add("kind", "Loại phong trào phải là thường xuyên hoặc chuyên đề.")
    contents = data.get("contents") or []
    if not contents or not all(isinstance(c, str) and c.strip() for c in contents):
        errors.add("contents", "Phong trào phải có ít nhất một nội dung thi đua; không để dòng trống.")
    start = year_or_error(data.get("start_year"), errors, "start_year", "Năm bắt đầu")
    end = year_or_error(data.get("end_year"), errors, "end_year", "Năm kết thúc")
    kind = data.get("period_kind")
    if kind not in PeriodKind.values:
        errors.add("period_kind", "Chưa chọn thời gian thực hiện.")
    elif start and end:
        if kind == PeriodKind.CALENDAR_YEAR and end != start:
            errors.add("end_year", "Phong trào theo năm dương lịch bắt đầu và kết thúc trong cùng một năm.")
        elif kind == PeriodKind.SCHOOL_YEAR and end != start + 1:
            errors.add("end_year", "Năm học kết thúc vào năm sau năm bắt đầu.")
        elif kind == PeriodKind.MULTI_YEAR and end <= start:
            errors.add("end_year", "Phong trào nhiều năm phải kết thúc sau năm bắt đầu.")
    if not covered:
        errors.add("covered_units", "Chưa chọn đối tượng thi đua (đơn vị được phát động).")
    reach = unit_subtree_ids(launching_unit)
    outside = [u.name for u in covered if u.pk not in reach]
    if outside:
        errors.add("covered_units", f"Không thuộc phạm vi của {launching_unit.name}: {', '.join(outside)}.")


def _cleaned_movement(data: dict, launching_unit, covered_units) -> tuple[dict, list]:
    """A movement's fields checked (every error at once) and tidied, as drawing it up and editing the
    draft both need them; and its covered units without repeats."""
    data = {k: data.get(k) for k in MOVEMENT_FIELDS}
    covered = list(dict.fromkeys(covered_units))
    errors = Errors()
    _validate_movement(data, launching_unit, covered, errors)
    errors.raise_if_any()
    for key in ("title", "theme", "motto", "targets"):
        data[key] = (data.get(key) or "").strip()
    data["contents"] = [c.strip() for c in data["contents"]]
    return data, covered


@transaction.atomic
def create_movement(actor, *, launching_unit, covered_units=(), **data) -> Movement:
    require_unit(actor, launching_unit.pk)
    data, covered = _cleaned_movement(data, launching_unit, covered_units)
    movement = Movement.objects.create(launching_unit=launching_unit, created_by=user_of(actor), **data)
    movement.covered_units.set(covered)
    audit.created(actor, movement, note=f"{len(covered)} đối tượng thi đua")
    return movement


@transaction.atomic
def update_movement(actor, movement: Movement, *, launching_unit, covered_units=(), **data) -> Movement:
    """Edit a draft movement (the same fields as drawing it up); once launched it reached the units
    and is no longer changed: documents and reviews are added instead."""
    require_unit(actor, movement.launching_unit_id)
    require_unit(actor, launching_unit.pk)
    movement = _lock(movement)
    if movement.status != MovementStatus.DRAFT:
        when = f" ngày {movement.launched_on:%d/%m/%Y}" if movement.launched_on else ""
        raise ValidationError({"status": [
            f"Phong trào đã phát động{when} nên không sửa được nữa (các đơn vị đã nhận nội dung này). Có thể tải "
            "lên văn bản bổ sung hoặc ghi sơ kết, tổng kết."]})
    data, covered = _cleaned_movement(data, launching_unit, covered_units)
    before = audit.snapshot(movement) | {"covered_units": sorted(movement.covered_units.values_list("pk", flat=True))}
    for key, value in data.items():
        setattr(movement, key, value)
    movement.launching_unit = launching_unit
    movement.save()
    movement.covered_units.set(covered)
    audit.record(actor, "update", movement, before,
                 audit.snapshot(movement) | {"covered_units": sorted(u.pk for u in covered)},
                 note="Sửa phong trào (dự thảo)")
    return movement


def reach_count(movement: Movement) -> int:
    """How many units a launch reaches: the covered units and every unit below them."""
    reach = set()
    for unit in movement.covered_units.all():
        reach |= unit_subtree_ids(unit)
    return len(reach)


@transaction.atomic
def launch_movement(actor, movement: Movement, launched_on=None) -> Movement:
    """Launch: the movement reaches the covered units and every unit below them."""
    require_unit(actor, movement.launching_unit_id)
    movement = _lock(movement)
    if movement.status != MovementStatus.DRAFT:
        raise status_error(movement, "phát động")
    launched_on = launched_on or clock.today()
    if launched_on > clock.today():
        raise ValidationError({"launched_on": ["Ngày phát động không được sau hôm nay."]})
    if launched_on.year > movement.end_year:
        raise ValidationError({"launched_on": [f"Ngày phát động phải trước khi phong trào kết thúc (năm "
                                               f"{movement.end_year})."]})
    reach = set()
    for unit in movement.covered_units.all():
        reach |= unit_subtree_ids(unit)
    MovementReach.objects.bulk_create([MovementReach(movement=movement, unit_id=uid) for uid in sorted(reach)],
                                      batch_size=2000)
    before = audit.snapshot(movement)
    movement.status, movement.launched_on = MovementStatus.LAUNCHED, launched_on
    movement.save()
    audit.changed(actor, movement, before, action=EmulationAction.MOVEMENT_LAUNCH, note=f"Phát động đến {len(reach)} đơn vị")
    return movement


@transaction.atomic
def add_movement_document(actor, movement: Movement, *, upload, title: str) -> MovementDocument:
    require_unit(actor, movement.launching_unit_id)
    if not (title or "").strip():
        raise ValidationError({"title": ["Ghi trích yếu tài liệu (kế hoạch, hướng dẫn…)."]})
    if upload is None:
        raise ValidationError({"file": ["Chưa chọn tệp."]})
    document = store_upload(MovementDocument(movement=movement, title=title.strip()[:300], uploaded_by=user_of(actor)),
                            upload, label=f"Văn bản “{upload.name}”")
    audit.created(actor, document, note=str(movement))
    return document


@transaction.atomic
def record_review(actor, movement: Movement, *, kind: str, held_on, results: str) -> MovementReview:
    """An interim (sơ kết) or final (tổng kết) review; the final one closes the movement."""
    require_unit(actor, movement.launching_unit_id)
    movement = _lock(movement)
    if movement.status != MovementStatus.LAUNCHED:
        raise status_error(movement, "sơ kết, tổng kết")
    errors = Errors()
    if kind not in ReviewKind.values:
        errors.add("kind", "Chọn sơ kết hoặc tổng kết.")
    if held_on is None:
        errors.add("held_on", "Ngày sơ kết, tổng kết không hợp lệ (định dạng dd/mm/yyyy).")
    elif movement.launched_on and held_on < movement.launched_on:
        errors.add("held_on", f"Ngày sơ kết, tổng kết phải sau ngày phát động {movement.launched_on:%d/%m/%Y}.")
    if not (results or "").strip():
        errors.add("results", "Ghi kết quả sơ kết, tổng kết.")
    errors.raise_if_any()
    review = MovementReview.objects.create(movement=movement, kind=kind, held_on=held_on, results=results.strip(),
                                           created_by=user_of(actor))
    audit.created(actor, review, note=f"{ReviewKind(kind).label} {movement}")
    if kind == ReviewKind.FINAL:
        before = audit.snapshot(movement)
        movement.status = MovementStatus.CLOSED
        movement.save()
        audit.changed(actor, movement, before, action=EmulationAction.MOVEMENT_REVIEW, note="Tổng kết phong trào")
    return review


@transaction.atomic
def start_thematic_dossier(actor, review: MovementReview, *, proposing_unit, authority: str = "province_chair"):
    """A DRAFT thematic commendation dossier (khen thưởng chuyên đề) for the movement reviewed."""
    from tdkt.dossiers import services as dossier_services

    review = MovementReview.objects.select_for_update().select_related("movement").get(pk=review.pk)
    if review.dossier_id:
        raise ValidationError({"review": ["Đợt sơ kết, tổng kết này đã có hồ sơ khen thưởng."]})
    movement = review.movement
    dossier = dossier_services.create_dossier(
        actor, proposing_unit=proposing_unit, authority=authority, kind="thematic", year=review.held_on.year,
        movement=movement.title, period_start=movement.start_year, period_end=min(movement.end_year, review.held_on.year),
        title=f"Đề nghị khen thưởng {review.get_kind_display().lower()} phong trào “{movement.title}”")
    review.dossier = dossier
    review.save(update_fields=["dossier"])
    audit.record(actor, EmulationAction.MOVEMENT_DOSSIER, review, note=f"Lập hồ sơ {dossier.code}")
    return dossier


def movements_for(user, today=None):
    """Launched movements, in progress this year, that reach the user's units (for the home page);
    the office sees every movement in progress."""
    year = (today or clock.today()).year
    movements = Movement.objects.visible_to(user).filter(status=MovementStatus.LAUNCHED, start_year__lte=year,
                                                         end_year__gte=year)
    ids = scope_unit_ids(user)
    if ids is not None:
        movements = movements.filter(reach__unit_id__in=ids).distinct()
    return movements.select_related("launching_unit").order_by("-launched_on", "title")


# --- Key tasks ---------------------------------------------------------------------------------

@transaction.atomic
def save_key_tasks(actor, unit, year: int, tasks) -> list[KeyTask]:
    """Replace the unit's key tasks of `year`: [{title, is_flagship, status, note}], exactly one flagship."""
    require_unit(actor, unit.pk)
    errors = Errors()
    year_or_error(year, errors, "year")
    rows = []
    for i, task in enumerate(tasks, start=1):
        title = (task.get("title") or "").strip()
        if not title:
            errors.add("tasks", f"Nhiệm vụ {i}: chưa có nội dung.")
        status = task.get("status") or KeyTaskStatus.PLANNED
        if status not in KeyTaskStatus.values:
            errors.add("tasks", f"Nhiệm vụ {i}: tình trạng không hợp lệ.")
        rows.append(KeyTask(unit=unit, year=year, order=i, title=title[:500], is_flagship=bool(task.get("is_flagship")),
                            status=status, note=(task.get("note") or "").strip()[:1000]))
    flagships = sum(1 for r in rows if r.is_flagship)
    if rows and flagships != 1:
        errors.add("tasks", f"Phải chọn đúng một nhiệm vụ đột phá (đang chọn {flagships}).")
    errors.raise_if_any()
    before = list(KeyTask.objects.filter(unit=unit, year=year).values_list("title", "status"))
    KeyTask.objects.filter(unit=unit, year=year).delete()
    saved = KeyTask.objects.bulk_create(rows)
    audit.record(actor, EmulationAction.KEY_TASKS, unit, {"key_tasks": before} if before else None,
                 {"key_tasks": [(r.title, r.status) for r in rows]}, note=f"Nhiệm vụ trọng tâm năm {year}")
    return saved


@transaction.atomic
def set_key_task_status(actor, task: KeyTask, *, status: str, note: str = "") -> KeyTask:
    require_unit(actor, task.unit_id)
    if status not in KeyTaskStatus.values:
        raise ValidationError({"status": ["Tình trạng không hợp lệ."]})
    before = audit.snapshot(task)
    task.status, task.note = status, (note or "").strip()[:1000]
    task.save()
    audit.changed(actor, task, before)
    return task
