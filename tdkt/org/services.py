"""Writes to units, people and employment history. Each checks role and scope and audits the change."""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from tdkt.core import audit, clock
from tdkt.core.choices import AuditAction
from tdkt.core.scope import scope_unit_ids
from tdkt.core.services import Errors, require_writer

from .choices import AREA_FIELDS, EmploymentKind, Gender, UnitKind
from .models import Employment, Person, Unit

PERSON_FIELDS = ["full_name", "gender", "birth_date", "ethnicity", "national_id", "position", "is_leader",
                 "is_direct_worker", "employment_kind", "hired_on"]
UNIT_FIELDS = ["name", "short_name", "code", "kind", "parent", "address", *AREA_FIELDS]


def _set_path(unit: Unit) -> None:
    parent_path = unit.parent.path if unit.parent_id else "/"
    unit.path = f"{parent_path}{unit.pk}/"


def _validate_unit(data: dict, errors: Errors, instance: Unit | None = None) -> None:
    if "name" in data and not (data.get("name") or "").strip():
        errors.add("name", "Tên đơn vị không được để trống.")
    if "code" in data:
        code = (data.get("code") or "").strip()
        if not code:
            errors.add("code", "Mã đơn vị không được để trống.")
        elif Unit.objects.filter(code=code).exclude(pk=getattr(instance, "pk", None)).exists():
            errors.add("code", f"Mã đơn vị “{code}” đã được dùng.")
    if "kind" in data and data.get("kind") not in UnitKind.values:
        errors.add("kind", "Loại đơn vị không hợp lệ.")
    parent = data.get("parent")
    if parent is not None and instance is not None and instance.pk:
        if parent.pk == instance.pk or parent.path.startswith(instance.path):
            errors.add("parent", "Đơn vị cấp trên không được là chính đơn vị hoặc đơn vị cấp dưới của nó.")
    if parent is not None and parent.is_merged:
        errors.add("parent", "Đơn vị cấp trên đã sáp nhập, không thể nhận thêm đơn vị cấp dưới.")


def _require_parent_allowed(actor, parent: Unit | None) -> None:
    """A unit-bound user works inside their subtree: only province-wide roles make top-level units."""
    require_writer(actor, parent.pk if parent else None)
    if parent is None and scope_unit_ids(actor) is not None:
        raise PermissionDenied("Chỉ cấp tỉnh được tạo đơn vị cấp cao nhất.")


@transaction.atomic
def create_unit(actor, **data) -> Unit:
    parent = data.get("parent")
    _require_parent_allowed(actor, parent)
    errors = Errors()
    _validate_unit(data, errors)
    errors.raise_if_any()
    unit = Unit(**{k: v for k, v in data.items() if k in UNIT_FIELDS})
    unit.code = (unit.code or "").strip()
    unit.refresh_derived()
    unit.save()
    _set_path(unit)
    unit.save(update_fields=["path"])
    audit.created(actor, unit)
    return unit


@transaction.atomic
def update_unit(actor, unit: Unit, **data) -> Unit:
    require_writer(actor, unit.pk)
    if unit.is_merged:
        errors = Errors()
        errors.add("name", "Đơn vị đã sáp nhập chỉ còn để tra cứu, không sửa được.")
        errors.raise_if_any()
    if "parent" in data and data["parent"] != unit.parent:
        _require_parent_allowed(actor, data["parent"])
    errors = Errors()
    _validate_unit(data, errors, unit)
    errors.raise_if_any()
    before = audit.snapshot(unit)
    old_path = unit.path
    for key, value in data.items():
        if key in UNIT_FIELDS:
            setattr(unit, key, value)
    unit.code = (unit.code or "").strip()
    unit.refresh_derived()
    _set_path(unit)
    unit.save()
    if unit.path != old_path:
        for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
            child.path = unit.path + child.path[len(old_path):]
            child.save(update_fields=["path"])
    audit.changed(actor, unit, before)
    return unit


@transaction.atomic
def merge_units(actor, sources: list[Unit], successor: Unit, merged_on: datetime.date, note: str = "") -> Unit:
    """Merge units into a successor (sáp nhập). The merged units stay readable and point to the
    successor; their current staff move to it with a new employment period and their sub-units in
    operation are placed under it; their awards stay where they were and are found from the
    successor through the scope (see core.scope)."""
    require_writer(actor, successor.pk)
    errors = Errors()
    for source in sources:
        require_writer(actor, source.pk)
        if source.pk == successor.pk:
            errors.add("sources", "Không thể sáp nhập một đơn vị vào chính nó.")
        elif source.is_merged:
            errors.add("sources", f"Đơn vị “{source.name}” đã sáp nhập trước đó.")
        elif successor.path.startswith(source.path):
            errors.add("successor", f"Đơn vị tiếp nhận thuộc “{source.name}”, không thể sáp nhập ngược.")
    if successor.is_merged:
        errors.add("successor", "Đơn vị tiếp nhận đã sáp nhập vào đơn vị khác.")
    errors.raise_if_any()
    for source in sources:
        before = audit.snapshot(source)
        source.merged_into = successor
        source.merged_on = merged_on
        source.save(update_fields=["merged_into", "merged_on"])
        audit.changed(actor, source, before, note=note or f"Sáp nhập vào {successor.name}", action=AuditAction.MERGE)
        for person in Person.objects.filter(unit=source):
            transfer_person(actor, person, successor, merged_on, post=person.position,
                            note=f"Chuyển theo sáp nhập {source.name} vào {successor.name}")
        # Sub-units still in operation now report to the successor.
        for child in Unit.objects.filter(parent=source, merged_into__isnull=True, dissolved_on__isnull=True):
            update_unit(actor, child, parent=successor)
    return successor


# A national ID (CCCD) held by someone the actor cannot see is refused without saying that the person
# exists, or where: the same words whatever the reason, and the office (who sees everyone) sorts it out.
MSG_NATIONAL_ID_UNAVAILABLE = ("Không dùng được số CCCD {nid} cho cá nhân này. Hãy kiểm tra lại số; nếu số đúng, "
                               "hãy liên hệ Ban Thi đua – Khen thưởng tỉnh để được xử lý.")


def national_id_taken(actor, holder: Person, nid: str) -> str:
    """The message for a CCCD already held by `holder`: named only to an actor who may see them."""
    ids = scope_unit_ids(actor)
    if ids is None or holder.unit_id in ids:
        return f"Số CCCD {nid} đã có trong hệ thống: {holder.full_name}, {holder.unit.name}."
    return MSG_NATIONAL_ID_UNAVAILABLE.format(nid=nid)


def _validate_person(actor, data: dict, errors: Errors, instance: Person | None = None) -> None:
    if "full_name" in data:
        name = (data.get("full_name") or "").strip()
        if not name:
            errors.add("full_name", "Họ và tên không được để trống.")
        elif len(name.split()) < 2:
            errors.add("full_name", "Họ và tên phải có ít nhất họ và tên (hai từ).")
    if "gender" in data and data.get("gender") not in Gender.values:
        errors.add("gender", "Giới tính phải là Nam hoặc Nữ.")
    if "employment_kind" in data and data.get("employment_kind") not in EmploymentKind.values:
        errors.add("employment_kind", "Loại cán bộ không hợp lệ.")
    today = clock.today()
    birth = data.get("birth_date")
    if birth is not None:
        if birth > today:
            errors.add("birth_date", "Ngày sinh không được ở tương lai.")
        elif birth.year < 1900:
            errors.add("birth_date", "Ngày sinh không hợp lệ (trước năm 1900).")
    hired = data.get("hired_on")
    if hired is not None and birth is not None and hired < birth:
        errors.add("hired_on", "Ngày vào làm không được trước ngày sinh.")
    nid = (data.get("national_id") or "").strip()
    if nid:
        if not (nid.isdigit() and len(nid) == 12):
            errors.add("national_id", "Số CCCD phải gồm đúng 12 chữ số.")
        else:
            holder = (Person.objects.filter(national_id=nid).exclude(pk=getattr(instance, "pk", None))
                      .select_related("unit").first())
            if holder is not None:
                errors.add("national_id", national_id_taken(actor, holder, nid))


@transaction.atomic
def create_person(actor, unit: Unit, **data) -> Person:
    require_writer(actor, unit.pk)
    errors = Errors()
    if unit.is_merged:
        errors.add("unit", f"Đơn vị “{unit.name}” đã sáp nhập; hãy chọn đơn vị tiếp nhận.")
    _validate_person(actor, data, errors)
    errors.raise_if_any()
    person = Person(unit=unit, **{k: v for k, v in data.items() if k in PERSON_FIELDS and v is not None})
    person.national_id = (person.national_id or "").strip()
    person.refresh_derived()
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        errors.add("national_id", MSG_NATIONAL_ID_UNAVAILABLE.format(nid=person.national_id))
        errors.raise_if_any()
    start = data.get("hired_on") or clock.today()
    Employment.objects.create(person=person, unit=unit, post=person.position, start=start)
    audit.created(actor, person)
    return person


@transaction.atomic
def update_person(actor, person: Person, **data) -> Person:
    require_writer(actor, person.unit_id)
    errors = Errors()
    _validate_person(actor, data, errors, person)
    errors.raise_if_any()
    before = audit.snapshot(person)
    for key, value in data.items():
        if key in PERSON_FIELDS:
            setattr(person, key, value if value is not None or key in ("birth_date", "hired_on") else getattr(person, key))
    person.national_id = (person.national_id or "").strip()
    person.refresh_derived()
    person.save()
    audit.changed(actor, person, before)
    return person


@transaction.atomic
def transfer_person(actor, person: Person, unit: Unit, start: datetime.date, post: str = "", note: str = "") -> Employment:
    """Close the current employment period and open one at another unit (điều động, luân chuyển)."""
    require_writer(actor, person.unit_id)
    require_writer(actor, unit.pk)
    errors = Errors()
    if unit.is_merged:
        errors.add("unit", f"Đơn vị “{unit.name}” đã sáp nhập.")
    current = person.employments.filter(end__isnull=True).order_by("-start").first()
    if current and start < current.start:
        errors.add("start", f"Ngày bắt đầu phải từ {current.start:%d/%m/%Y} trở đi.")
    errors.raise_if_any()
    before = audit.snapshot(person)
    if current:
        current.end = max(current.start, start - datetime.timedelta(days=1))
        current.save(update_fields=["end"])
    employment = Employment.objects.create(person=person, unit=unit, post=post or person.position, start=start)
    person.unit = unit
    if post:
        person.position = post
    person.save(update_fields=["unit", "position"])
    audit.changed(actor, person, before, note=note or f"Chuyển công tác đến {unit.name}")
    return employment
