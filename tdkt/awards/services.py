"""Writes to decisions, award records, ratings, initiatives and discipline; each audited."""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404

from tdkt.core import audit, clock
from tdkt.core.choices import AuditAction
from tdkt.core.scope import is_office, scope_unit_ids
from tdkt.core.services import Errors, require_writer
from tdkt.core.text import name_sort_key, normalize_spaces, text_sort_key
from tdkt.core.years import RECORD_YEARS
from tdkt.org.models import Household, Person, Unit

from . import register
from .choices import (
    SUBJECT_FIELDS,
    Authority,
    AwardStatus,
    CommendationKind,
    DisciplineLevel,
    InitiativeScope,
    RatingLevel,
    SubjectKind,
)
from .models import AwardRecord, AwardType, Decision, Discipline, Initiative, Rating, Revocation


def _check_year(errors: Errors, field: str, year) -> None:
    if year not in RECORD_YEARS:
        errors.add(field, f"Năm phải là số từ {RECORD_YEARS.first} đến {RECORD_YEARS.upper}.")


# --- Decisions ---------------------------------------------------------------------------------

DECISION_FIELDS = ["number", "signed_on", "authority", "issuer_name", "issuer_unit", "signer_name", "signer_title",
                   "summary", "file"]


def _validate_decision(data: dict, errors: Errors, instance: Decision | None = None, body=None) -> None:
    number = (data.get("number") or "").strip() if "number" in data else (instance.number if instance else "")
    if "number" in data and not number:
        errors.add("number", "Số, ký hiệu quyết định không được để trống.")
    signed_on = data.get("signed_on", instance.signed_on if instance else None)
    if "signed_on" in data or instance is None:
        if not isinstance(signed_on, datetime.date):
            errors.add("signed_on", "Ngày ký không hợp lệ (định dạng dd/mm/yyyy).")
        elif signed_on > clock.today() + datetime.timedelta(days=1):
            errors.add("signed_on", "Ngày ký không được ở tương lai.")
        elif signed_on.year < RECORD_YEARS.first:
            errors.add("signed_on", f"Ngày ký không hợp lệ (trước năm {RECORD_YEARS.first}).")
    if ("authority" in data or instance is None) and data.get("authority") not in Authority.values:
        errors.add("authority", "Cấp quyết định không hợp lệ.")
    issuer = (data.get("issuer_name") or "").strip() if "issuer_name" in data else (instance.issuer_name if instance else "")
    if ("issuer_name" in data or instance is None) and not issuer:
        errors.add("issuer_name", "Cơ quan ban hành không được để trống.")
    if number and body is not None and isinstance(signed_on, datetime.date):
        taken = register.number_problems(body, number, signed_on, exclude=instance.pk if instance else None).taken
        if taken:
            errors.add("number", taken)


def _body_of(actor, data: dict, instance: Decision | None = None) -> register.Resolution | None:
    """The issuing body the typed name (or the unit) names; a clerk's decision of a unit in their
    scope is filed under that unit (so it stays visible to them), a decision of a higher authority
    is only cited and seen through its awards."""
    name = (data.get("issuer_name") if "issuer_name" in data else (instance.issuer_name if instance else "")) or ""
    unit = data.get("issuer_unit") if "issuer_unit" in data else (instance.issuer_unit if instance else None)
    if not name.strip() and unit is None:
        return None
    resolution = register.resolve_body(name.strip() or unit.name, unit=unit)
    scope = scope_unit_ids(actor)
    body_unit = resolution.body.unit_id
    if unit is None and body_unit is not None and scope is not None and body_unit in scope:
        data["issuer_unit"] = resolution.body.unit
    return resolution


@transaction.atomic
def create_decision(actor, **data) -> Decision:
    """Enter a decision of the register; `decision.body_message` says which issuing body the typed
    name was taken for."""
    resolution = _body_of(actor, data)
    issuer = data.get("issuer_unit")
    require_writer(actor, issuer.pk if issuer else None)
    errors = Errors()
    _validate_decision(data, errors, body=resolution.body if resolution else None)
    errors.raise_if_any()
    decision = Decision(**{k: v for k, v in data.items() if k in DECISION_FIELDS and v is not None})
    decision.issuer_name = decision.issuer_name.strip()
    decision.body = resolution.body
    decision.refresh_derived()
    decision.save()
    audit.created(actor, decision, note=resolution.message)
    decision.body_message = resolution.message
    return decision


@transaction.atomic
def update_decision(actor, decision: Decision, **data) -> Decision:
    """Only the register's descriptive fields change; a decision that already carries awards keeps
    its number and date (those are changed by revoking the awards and recording a new decision)."""
    require_writer(actor, decision.issuer_unit_id)
    if decision.issuer_unit_id is None and scope_unit_ids(actor) is not None:
        raise PermissionDenied("Quyết định của cấp trên chỉ được sửa ở cấp tỉnh; đơn vị chỉ trích dẫn quyết định này.")
    if data.get("issuer_unit") is not None:
        require_writer(actor, data["issuer_unit"].pk)
    errors = Errors()
    if decision.records.exists():
        for locked in ("number", "signed_on", "authority", "issuer_name"):
            if locked in data and data[locked] != getattr(decision, locked):
                errors.add(locked, "Quyết định đã có khen thưởng kèm theo: không sửa số, ngày, cấp, cơ quan ban hành.")
    if decision.awaiting_number and "number" in data:
        errors.add("number", "Quyết định đang chờ cấp số: số và ngày do văn thư cấp ở trang hồ sơ.")
    errors.raise_if_any()
    renamed = {"issuer_name", "issuer_unit"} & set(data)
    resolution = _body_of(actor, data, decision) if renamed else None
    body = resolution.body if resolution else decision.body
    _validate_decision(data, errors, decision, body=body)
    errors.raise_if_any()
    before = audit.snapshot(decision)
    for key, value in data.items():
        if key in DECISION_FIELDS:
            setattr(decision, key, value)
    decision.body = body
    decision.refresh_derived()
    decision.save()
    audit.changed(actor, decision, before, note=resolution.message if resolution else "")
    decision.body_message = resolution.message if resolution else ""
    return decision


def find_decision(actor, *, issuer_name: str, number: str, year: int) -> Decision | None:
    """The register's decision of this body, number and year as the actor may see it: None when the
    register has none; a decision outside the actor's scope is refused, never linked (linking it
    to an award in scope would make it, and its file, visible)."""
    body = register.find_body(issuer_name)
    if body is None:
        return None
    number = normalize_spaces(number)
    seq = register.number_seq(number)
    found = Decision.objects.filter(body=body, year=year).numbered().filter(
        Q(number=number) | Q(seq=seq) if seq is not None else Q(number=number)).first()
    if found is None:
        return None
    if not Decision.objects.visible_to(actor).filter(pk=found.pk).exists():
        raise ValidationError({"decision_number": [
            f"Quyết định số {number} năm {year} của {body.name} đã có trong sổ quyết định nhưng không thuộc phạm vi "
            f"của bạn: không ghi khen thưởng theo quyết định này được; đề nghị cơ quan đã vào sổ quyết định ghi "
            f"bổ sung."]})
    return found


# --- Award records -----------------------------------------------------------------------------

def recipient_of(subject_kind, person, recipient_unit, household):
    if subject_kind == SubjectKind.INDIVIDUAL and person is not None:
        return person.full_name, name_sort_key(person.full_name), person.unit_id
    if subject_kind == SubjectKind.COLLECTIVE and recipient_unit is not None:
        return recipient_unit.name, text_sort_key(recipient_unit.name), recipient_unit.pk
    if subject_kind == SubjectKind.HOUSEHOLD and household is not None:
        name = f"Hộ {household.head_name}"
        return name, name_sort_key(household.head_name), household.unit_id
    return None


@transaction.atomic
def create_award_record(actor, *, award_type: AwardType, subject_kind: str, year: int, person: Person | None = None,
                        recipient_unit: Unit | None = None, household: Household | None = None,
                        kind: str = CommendationKind.REGULAR, achievement: str = "",
                        decision: Decision | None = None, audit_note: str = "",
                        permission_checked: bool = False) -> AwardRecord:
    """A new award record. `permission_checked` is for the dossier workflow's decision services, which
    have checked a stronger permission (the signing leader's) than the writer role asked here."""
    errors = Errors()
    if subject_kind not in SubjectKind.values:
        errors.add("subject_kind", "Đối tượng khen thưởng phải là cá nhân, tập thể hoặc hộ gia đình.")
        errors.raise_if_any()
    recipient = recipient_of(subject_kind, person, recipient_unit, household)
    if recipient is None:
        field = SUBJECT_FIELDS[subject_kind]
        errors.add(field, "Chưa chọn người, tập thể hoặc hộ gia đình được khen thưởng.")
        errors.raise_if_any()
    name, sort_key, unit_id = recipient
    if not permission_checked:
        require_writer(actor, unit_id)
    others = {"person": person, "recipient_unit": recipient_unit, "household": household}
    own = SUBJECT_FIELDS[subject_kind]
    for field, value in others.items():
        if field != own and value is not None:
            errors.add(field, f"Đối tượng là {SubjectKind(subject_kind).label.lower()}: không ghi kèm trường này.")
    if not award_type.allows(subject_kind):
        errors.add("award_type", f"“{award_type.name}” không áp dụng cho đối tượng {SubjectKind(subject_kind).label.lower()}.")
    if kind not in CommendationKind.values:
        errors.add("kind", "Loại hình khen thưởng không hợp lệ.")
    _check_year(errors, "year", year)
    if decision is not None and isinstance(year, int) and decision.signed_on.year < year:
        errors.add("year", f"Năm thành tích {year} sau năm ký quyết định {decision.signed_on.year}.")
    if decision is not None and award_type.category == "title" and AwardRecord.objects.filter(
            award_type=award_type, year=year, person=person, recipient_unit=recipient_unit, household=household,
            status=AwardStatus.VALID).exists():
        errors.add("award_type", f"Đối tượng đã có danh hiệu “{award_type.name}” năm {year}.")
    errors.raise_if_any()
    record = AwardRecord.objects.create(
        award_type=award_type, subject_kind=subject_kind, person=person, recipient_unit=recipient_unit,
        household=household, unit_id=unit_id, year=year, kind=kind, achievement=achievement or "",
        decision=decision, recipient_name=name[:255], recipient_sort_key=sort_key[:300],
    )
    audit.created(actor, record, note=audit_note)
    return record


@transaction.atomic
def update_award_record(actor, record: AwardRecord, *, achievement: str) -> AwardRecord:
    """A decided award is never edited in place: only its achievement text may be completed."""
    require_writer(actor, record.unit_id)
    errors = Errors()
    if record.status == AwardStatus.REVOKED:
        errors.add("achievement", "Khen thưởng đã bị thu hồi, không sửa được.")
    errors.raise_if_any()
    before = audit.snapshot(record)
    record.achievement = achievement or ""
    record.save(update_fields=["achievement"])
    audit.changed(actor, record, before)
    return record


# Luật TĐKT 2022 Điều 93 khoản 8: whoever decided an award cancels it. The provincial office acts for
# the Chairman of the province and forwards the province's requests upward (Prime Minister,
# President); a unit acts for its own head (and a commune for its chairman).
PROVINCE_AND_ABOVE = (Authority.PROVINCE_CHAIR, Authority.PRIME_MINISTER, Authority.PRESIDENT)
AUTHORITY_ORDER = (Authority.UNIT_HEAD, Authority.COMMUNE_CHAIR, *PROVINCE_AND_ABOVE)


def deciding_authority(record: AwardRecord) -> str:
    """The level that decided the award: its decision's, or the catalogue's for the award when the
    record names no decision; where they disagree, the higher one (never let a lower level revoke)."""
    levels = [record.award_type.authority]
    if record.decision_id:
        levels.append(record.decision.authority)
    known = [level for level in levels if level in AUTHORITY_ORDER]
    return max(known, key=AUTHORITY_ORDER.index) if known else Authority.PROVINCE_CHAIR


def revocation_refusal(actor, record: AwardRecord) -> str | None:
    """Why the actor may not record the revocation of this award (None when they may)."""
    authority = deciding_authority(record)
    if authority in PROVINCE_AND_ABOVE:
        if is_office(actor):
            return None
        decider = Authority(authority).label.split(";")[0]
        return (f"Khen thưởng này do {decider} quyết định: chỉ Ban Thi đua – Khen thưởng tỉnh được ghi nhận "
                "việc thu hồi (Luật Thi đua, khen thưởng 2022, Điều 93 khoản 8: người quyết định khen thưởng "
                "quyết định thu hồi).")
    issuer = record.decision.issuer_unit if record.decision_id and record.decision.issuer_unit_id else record.unit
    ids = scope_unit_ids(actor)
    if ids is None or issuer.pk in ids:
        return None
    return (f"Khen thưởng này do thủ trưởng {issuer.name} quyết định: chỉ {issuer.name} (hoặc Ban Thi đua – "
            "Khen thưởng tỉnh) được ghi nhận việc thu hồi (Luật Thi đua, khen thưởng 2022, Điều 93 khoản 8).")


def require_revoker(actor, record: AwardRecord) -> None:
    refusal = revocation_refusal(actor, record)
    if refusal:
        raise PermissionDenied(refusal)


@transaction.atomic
def revoke_award_record(actor, record: AwardRecord, *, act_number: str, act_date: datetime.date, reason: str) -> Revocation:
    """Revoke a decided award by a recorded act (Luật TĐKT 2022 Điều 93); the record stays, marked.
    Only whoever acts for the deciding authority may record it (`require_revoker`)."""
    require_writer(actor, record.unit_id)
    require_revoker(actor, record)
    errors = Errors()
    if record.status == AwardStatus.REVOKED:
        errors.add("act_number", "Khen thưởng này đã bị thu hồi.")
    if not (act_number or "").strip():
        errors.add("act_number", "Phải ghi số văn bản thu hồi.")
    if not isinstance(act_date, datetime.date):
        errors.add("act_date", "Ngày văn bản thu hồi không hợp lệ.")
    if not (reason or "").strip():
        errors.add("reason", "Phải ghi lý do thu hồi.")
    errors.raise_if_any()
    before = audit.snapshot(record)
    revocation = Revocation.objects.create(record=record, act_number=act_number.strip(), act_date=act_date,
                                           reason=reason.strip(),
                                           created_by=actor if actor.is_authenticated else None)
    record.status = AwardStatus.REVOKED
    record.save(update_fields=["status"])
    audit.changed(actor, record, before, note=f"Thu hồi theo {act_number}: {reason}", action=AuditAction.REVOKE)
    return revocation


# --- Ratings, initiatives, discipline ------------------------------------------------------------

@transaction.atomic
def set_rating(actor, *, year: int, level: str, person: Person | None = None, rated_unit: Unit | None = None) -> Rating:
    """Record or change the yearly rating of a person or a unit."""
    errors = Errors()
    if (person is None) == (rated_unit is None):
        errors.add("person", "Chọn đúng một cá nhân hoặc một tập thể để xếp loại.")
        errors.raise_if_any()
    unit_id = person.unit_id if person else rated_unit.pk
    require_writer(actor, unit_id)
    _check_year(errors, "year", year)
    if level not in RatingLevel.values:
        errors.add("level", "Mức xếp loại phải là: hoàn thành xuất sắc, hoàn thành tốt, hoàn thành, không hoàn thành.")
    errors.raise_if_any()
    rating = Rating.objects.filter(person=person, rated_unit=rated_unit, year=year).first()
    if rating is None:
        rating = Rating.objects.create(person=person, rated_unit=rated_unit, unit_id=unit_id, year=year, level=level)
        audit.created(actor, rating)
    elif rating.level != level:
        before = audit.snapshot(rating)
        rating.level = level
        rating.save(update_fields=["level"])
        audit.changed(actor, rating, before)
    return rating


def _validate_initiative(data: dict, errors: Errors) -> None:
    if "title" in data and not (data.get("title") or "").strip():
        errors.add("title", "Tên sáng kiến không được để trống.")
    if "scope" in data and data.get("scope") not in InitiativeScope.values:
        errors.add("scope", "Phạm vi ảnh hưởng phải là cơ sở, tỉnh hoặc toàn quốc.")
    if "year" in data:
        _check_year(errors, "year", data.get("year"))
    if "authors" in data and not data.get("authors"):
        errors.add("authors", "Sáng kiến phải có ít nhất một tác giả.")


def _check_authors_in_scope(actor, authors, errors: Errors) -> None:
    ids = scope_unit_ids(actor)
    if ids is not None and any(a.unit_id not in ids for a in authors or []):
        errors.add("authors", "Có tác giả không thuộc phạm vi đơn vị của bạn.")


@transaction.atomic
def create_initiative(actor, *, unit: Unit, authors: list[Person], **data) -> Initiative:
    require_writer(actor, unit.pk)
    errors = Errors()
    _validate_initiative({**data, "authors": authors}, errors)
    _check_authors_in_scope(actor, authors, errors)
    errors.raise_if_any()
    initiative = Initiative.objects.create(unit=unit, title=data["title"].strip(), scope=data["scope"],
                                           year=data["year"], decision=data.get("decision"),
                                           recognized_on=data.get("recognized_on"))
    initiative.authors.set(authors)
    audit.record(actor, AuditAction.CREATE, initiative, None,
                 {**audit.snapshot(initiative), "authors": sorted(a.pk for a in authors)})
    return initiative


@transaction.atomic
def update_initiative(actor, initiative: Initiative, *, authors: list[Person] | None = None, **data) -> Initiative:
    require_writer(actor, initiative.unit_id)
    if data.get("decision") is not None and data["decision"] != initiative.decision:
        if not Decision.objects.visible_to(actor).filter(pk=data["decision"].pk).exists():
            raise Http404("Không tìm thấy quyết định.")
    errors = Errors()
    _validate_initiative({**data, **({"authors": authors} if authors is not None else {})}, errors)
    _check_authors_in_scope(actor, authors, errors)
    errors.raise_if_any()
    before = {**audit.snapshot(initiative), "authors": sorted(initiative.authors.values_list("pk", flat=True))}
    for key in ("title", "scope", "year", "decision", "recognized_on"):
        if key in data:
            setattr(initiative, key, data[key])
    initiative.save()
    if authors is not None:
        initiative.authors.set(authors)
    after = {**audit.snapshot(initiative), "authors": sorted(initiative.authors.values_list("pk", flat=True))}
    if before != after:
        audit.record(actor, AuditAction.UPDATE, initiative, before, after)
    return initiative


@transaction.atomic
def create_discipline(actor, *, person: Person, level: str, start: datetime.date, end: datetime.date | None = None,
                      decision_number: str = "", reason: str = "") -> Discipline:
    require_writer(actor, person.unit_id)
    errors = Errors()
    if level not in DisciplineLevel.values:
        errors.add("level", "Hình thức kỷ luật không hợp lệ.")
    if not isinstance(start, datetime.date):
        errors.add("start", "Ngày bắt đầu kỷ luật không hợp lệ.")
    elif end is not None and end < start:
        errors.add("end", "Ngày kết thúc kỷ luật phải sau ngày bắt đầu.")
    errors.raise_if_any()
    record = Discipline.objects.create(person=person, level=level, start=start, end=end,
                                       decision_number=decision_number, reason=reason)
    audit.created(actor, record)
    return record

