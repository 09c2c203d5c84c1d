"""Drafting a dossier in the proposing unit: the dossier, its nominees and attachments, submission
(with the rule engine's verdicts frozen in), withdrawal, and the unit's notifications. Each service
checks the actor's role and unit scope and the dossier's status and writes the change with its
audit row in one transaction (design.md rules 1 and 3); moves go through `dossiers.workflow`.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from tdkt.awards.choices import SUBJECT_FIELDS, Authority, CommendationKind, SubjectKind
from tdkt.awards.models import AwardType
from tdkt.awards.services import recipient_of
from tdkt.core import audit, clock
from tdkt.core.scope import unit_subtree_ids
from tdkt.core.services import Errors, require_writer
from tdkt.core.uploads import store_upload
from tdkt.core.years import WORK_YEARS
from tdkt.rules.case import KINDS_SINCE

from ..choices import (
    CLOSED_STATUSES,
    NOMINEE_ATTACHMENT_KINDS,
    UNIT_EDITABLE_STATUSES,
    Appraisal,
    AttachmentKind,
    DossierAction,
    DossierStatus as S,
)
from ..models import Attachment, Dossier, DossierTransition, Nominee, Notification
from ..workflow import WITHDRAWABLE, is_office, lock, move, require_unit_side, status_error, user_of
from . import grounds

THEMATIC_KINDS = {CommendationKind.THEMATIC, CommendationKind.THEMATIC_MOVEMENT, CommendationKind.THEMATIC_TOPIC}

# Which award authorities a dossier asked of an authority may carry (legal-rules.md §5).
AUTHORITY_AWARDS = {
    Authority.UNIT_HEAD: {Authority.UNIT_HEAD},
    Authority.COMMUNE_CHAIR: {Authority.COMMUNE_CHAIR, Authority.UNIT_HEAD},
    Authority.PROVINCE_CHAIR: {Authority.PROVINCE_CHAIR},
    Authority.PRIME_MINISTER: {Authority.PRIME_MINISTER},
    Authority.PRESIDENT: {Authority.PRESIDENT},
}

# --- Dossiers ----------------------------------------------------------------------------------

DOSSIER_FIELDS = ("title", "authority", "kind", "movement", "year", "period_start", "period_end")


def _validate_dossier(data: dict, errors: Errors) -> None:
    if not (data.get("title") or "").strip():
        errors.add("title", "Trích yếu hồ sơ không được để trống.")
    if data.get("authority") not in Authority.values:
        errors.add("authority", "Chưa chọn cấp có thẩm quyền quyết định khen thưởng.")
    if data.get("kind") not in CommendationKind.values:
        errors.add("kind", "Loại hình khen thưởng không hợp lệ.")
    elif data["kind"] in KINDS_SINCE and clock.today() < KINDS_SINCE[data["kind"]][0]:
        since, law = KINDS_SINCE[data["kind"]]
        errors.add("kind", f"Loại hình “{CommendationKind(data['kind']).label}” do {law} quy định, chỉ áp dụng từ "
                           f"ngày {since:%d/%m/%Y}.")
    year = data.get("year")
    if year not in WORK_YEARS or year > clock.today().year:
        errors.add("year", f"Năm thành tích phải từ {WORK_YEARS.first} đến {clock.today().year}.")
    if data.get("kind") in THEMATIC_KINDS and not (data.get("movement") or "").strip():
        errors.add("movement", "Khen thưởng chuyên đề phải ghi phong trào thi đua hoặc đợt thi đua.")
    start, end = data.get("period_start"), data.get("period_end")
    for field, value in (("period_start", start), ("period_end", end)):
        if value is not None and value not in WORK_YEARS:
            errors.add(field, "Năm không hợp lệ.")
    if isinstance(start, int) and isinstance(end, int) and end < start:
        errors.add("period_end", "Năm kết thúc giai đoạn phải sau năm bắt đầu.")


@transaction.atomic
def create_dossier(actor, *, proposing_unit, **data) -> Dossier:
    require_writer(actor, proposing_unit.pk)
    data = {k: data.get(k) for k in DOSSIER_FIELDS} | {"kind": data.get("kind") or CommendationKind.REGULAR}
    errors = Errors()
    _validate_dossier(data, errors)
    errors.raise_if_any()
    data["title"] = data["title"].strip()
    data["movement"] = (data.get("movement") or "").strip()
    dossier = Dossier.objects.create(proposing_unit=proposing_unit, created_by=user_of(actor), **data)
    DossierTransition.objects.create(dossier=dossier, actor=user_of(actor), from_status="", to_status=S.DRAFT,
                                     note="Lập hồ sơ")
    audit.created(actor, dossier)
    return dossier


@transaction.atomic
def update_dossier(actor, dossier: Dossier, **data) -> Dossier:
    require_unit_side(actor, dossier)
    dossier = lock(dossier)
    if dossier.status not in UNIT_EDITABLE_STATUSES:
        raise status_error(dossier, "sửa hồ sơ")
    merged = {k: getattr(dossier, k) for k in DOSSIER_FIELDS} | {k: v for k, v in data.items() if k in DOSSIER_FIELDS}
    errors = Errors()
    _validate_dossier(merged, errors)
    if merged["year"] != dossier.year and dossier.nominees.exists():
        errors.add("year", "Hồ sơ đã có đối tượng đề nghị: không đổi năm thành tích.")
    if merged["authority"] != dossier.authority and dossier.nominees.exists():
        errors.add("authority", "Hồ sơ đã có đối tượng đề nghị: không đổi cấp có thẩm quyền.")
    errors.raise_if_any()
    before = audit.snapshot(dossier)
    for key, value in merged.items():
        setattr(dossier, key, value.strip() if isinstance(value, str) else value)
    dossier.save()
    audit.changed(actor, dossier, before)
    return dossier


# --- Nominees ----------------------------------------------------------------------------------

def _subject_line(subject_kind: str, person, recipient_unit, household) -> str:
    if subject_kind == SubjectKind.INDIVIDUAL:
        return ", ".join(p for p in (person.position, person.unit.name) if p)
    if subject_kind == SubjectKind.HOUSEHOLD:
        return ", ".join(p for p in (household.address, household.unit.name) if p)
    return recipient_unit.parent.name if recipient_unit.parent_id else ""


@transaction.atomic
def add_nominee(actor, dossier: Dossier, *, award_type: AwardType, subject_kind: str, achievement: str,
                person=None, recipient_unit=None, household=None, claims: dict[str, str] | None = None,
                evaluate: bool = True) -> Nominee:
    """Add one nominee with the grounds the unit states ({code: evidence}, services/grounds.py). The
    rule engine's verdict is kept at once so the unit sees it while drafting (`evaluate=False` when
    a batch evaluates its nominees together, intake.py); it is frozen again at submission."""
    require_unit_side(actor, dossier)
    dossier = lock(dossier)
    if dossier.status not in UNIT_EDITABLE_STATUSES:
        raise status_error(dossier, "thêm đối tượng")
    errors = Errors()
    if subject_kind not in SubjectKind.values:
        errors.add("subject_kind", "Đối tượng phải là cá nhân, tập thể hoặc hộ gia đình.")
        errors.raise_if_any()
    recipient = recipient_of(subject_kind, person, recipient_unit, household)
    own = SUBJECT_FIELDS[subject_kind]
    if recipient is None:
        errors.add(own, "Chưa chọn cá nhân, tập thể hoặc hộ gia đình được đề nghị.")
        errors.raise_if_any()
    name, sort_key, unit_id = recipient
    # A unit proposes its own people and collectives (its subtree); the office may propose anyone.
    if not is_office(actor) and unit_id not in unit_subtree_ids(dossier.proposing_unit):
        raise Http404("Không tìm thấy đối tượng.")
    if not award_type.allows(subject_kind):
        errors.add("award_type", f"“{award_type.name}” không áp dụng cho {SubjectKind(subject_kind).label.lower()}.")
    if award_type.authority not in AUTHORITY_AWARDS[dossier.authority]:
        errors.add("award_type", f"“{award_type.name}” do {Authority(award_type.authority).label} quyết định, không "
                                 f"thuộc thẩm quyền {Authority(dossier.authority).label} mà hồ sơ đề nghị.")
    achievement = (achievement or "").strip()
    if not achievement:
        errors.add("achievement", "Tóm tắt thành tích không được để trống.")
    stated = []
    if claims:
        try:
            stated = grounds.clean_claims(claims, grounds.grounds_for(
                award_type.code, subject_kind, grounds.proposal_kind(dossier), clock.today()))
        except ValidationError as exc:
            for message in exc.message_dict["claims"]:
                errors.add("claims", message)
    subject = {own: {"person": person, "recipient_unit": recipient_unit, "household": household}[own]}
    clash = (Nominee.objects.filter(is_open=True, award_type=award_type, year=dossier.year, **subject)
             .select_related("dossier").first())
    if clash is not None:
        errors.add(own, f"{name} đã có trong hồ sơ {clash.dossier.code} đề nghị “{award_type.name}” năm "
                        f"{dossier.year} chưa kết thúc: mỗi đối tượng, hình thức và năm chỉ một hồ sơ.")
    errors.raise_if_any()
    order = (dossier.nominees.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    try:
        with transaction.atomic():
            nominee = Nominee.objects.create(
                dossier=dossier, order=order, subject_kind=subject_kind, person=person, recipient_unit=recipient_unit,
                household=household, unit_id=unit_id, award_type=award_type, year=dossier.year,
                achievement=achievement, claims=stated, recipient_name=name[:255], recipient_sort_key=sort_key[:300],
                recipient_line=_subject_line(subject_kind, person, recipient_unit, household)[:400])
    except IntegrityError:
        raise ValidationError({own: [f"{name} vừa được đưa vào một hồ sơ khác đề nghị “{award_type.name}” năm "
                                     f"{dossier.year}."]}) from None
    audit.created(actor, nominee, note=f"Hồ sơ {dossier.code}")
    if evaluate:
        freeze_verdicts([nominee])
    return nominee


@transaction.atomic
def update_nominee(actor, nominee: Nominee, *, achievement: str, claims: dict[str, str] | None = None) -> Nominee:
    """Amend the achievement summary and, when given ({code: evidence}), the grounds stated; the
    verdict is evaluated again."""
    dossier = nominee.dossier
    require_unit_side(actor, dossier)
    if lock(dossier).status not in UNIT_EDITABLE_STATUSES:
        raise status_error(dossier, "sửa đối tượng")
    errors = Errors()
    if not (achievement or "").strip():
        errors.add("achievement", "Tóm tắt thành tích không được để trống.")
    stated = nominee.claims
    if claims is not None:
        try:
            stated = grounds.clean_claims(claims, grounds.grounds_for(
                nominee.award_type.code, nominee.subject_kind, grounds.proposal_kind(dossier), clock.today()))
        except ValidationError as exc:
            for message in exc.message_dict["claims"]:
                errors.add("claims", message)
    errors.raise_if_any()
    before = audit.snapshot(nominee)
    nominee.achievement = achievement.strip()
    nominee.claims = stated
    nominee.save(update_fields=["achievement", "claims"])
    audit.changed(actor, nominee, before)
    freeze_verdicts([nominee])
    return nominee


@transaction.atomic
def remove_nominee(actor, nominee: Nominee) -> None:
    dossier = nominee.dossier
    require_unit_side(actor, dossier)
    if lock(dossier).status != S.DRAFT:
        raise status_error(dossier, "bỏ đối tượng (khi hồ sơ bị trả lại, hãy sửa hoặc rút cả hồ sơ)")
    audit.deleted(actor, nominee, note=f"Hồ sơ {dossier.code}")
    nominee.delete()


# --- Attachments -------------------------------------------------------------------------------

@transaction.atomic
def add_attachment(actor, dossier: Dossier, *, upload, kind: str, nominee: Nominee | None = None) -> Attachment:
    require_unit_side(actor, dossier)
    dossier = lock(dossier)
    if dossier.status not in UNIT_EDITABLE_STATUSES:
        raise status_error(dossier, "thêm tài liệu")
    errors = Errors()
    if kind not in AttachmentKind.values:
        errors.add("kind", "Chưa chọn loại tài liệu.")
    elif kind in NOMINEE_ATTACHMENT_KINDS and nominee is None:
        errors.add("nominee", f"{AttachmentKind(kind).label} phải gắn với một đối tượng đề nghị.")
    if nominee is not None and nominee.dossier_id != dossier.pk:
        errors.add("nominee", "Đối tượng không thuộc hồ sơ này.")
    if upload is None:
        errors.add("file", "Chưa chọn tệp.")
    errors.raise_if_any()
    attachment = store_upload(Attachment(dossier=dossier, nominee=nominee, kind=kind, uploaded_by=user_of(actor)), upload)
    audit.created(actor, attachment, note=f"Hồ sơ {dossier.code}")
    return attachment


@transaction.atomic
def remove_attachment(actor, attachment: Attachment) -> None:
    dossier = attachment.dossier
    require_unit_side(actor, dossier)
    if lock(dossier).status not in UNIT_EDITABLE_STATUSES:
        raise status_error(dossier, "xóa tài liệu")
    audit.deleted(actor, attachment, note=f"Hồ sơ {dossier.code}")
    stored = attachment.file.name
    attachment.delete()
    storage = attachment.file.storage
    transaction.on_commit(lambda: storage.delete(stored))


# --- Submission --------------------------------------------------------------------------------

def missing_documents(dossier: Dossier) -> list[str]:
    """What the dossier still lacks to be submitted (legal-rules.md §4.1): a tờ trình always; the
    review minutes except for the simplified procedure and career awards; an achievement report for
    each nominee except under the simplified procedure (where the summary in the list suffices)."""
    nominees = list(dossier.nominees.all())
    kinds = {(a.kind, a.nominee_id) for a in dossier.attachments.all()}
    missing = []
    if not nominees:
        missing.append("Hồ sơ chưa có đối tượng đề nghị nào.")
    if not any(k == AttachmentKind.PROPOSAL for k, _ in kinds):
        missing.append("Thiếu tờ trình đề nghị khen thưởng.")
    if not dossier.is_simplified and dossier.kind != CommendationKind.CAREER \
            and not any(k == AttachmentKind.MINUTES for k, _ in kinds):
        missing.append("Thiếu biên bản họp xét của Hội đồng Thi đua – Khen thưởng đơn vị.")
    if not dossier.is_simplified:
        for n in nominees:
            if (AttachmentKind.REPORT, n.pk) not in kinds:
                missing.append(f"Thiếu báo cáo thành tích của {n.recipient_name}.")
    return missing


def freeze_verdicts(nominees) -> None:
    today, now = clock.today(), clock.now()
    for n, verdict in zip(nominees, grounds.verdicts_for(nominees, today)):
        n.verdict = verdict
        n.verdict_eligible = verdict["eligible"]
        n.verdict_at = now
    Nominee.objects.bulk_update(nominees, ["verdict", "verdict_eligible", "verdict_at"], batch_size=500)


@transaction.atomic
def submit_dossier(actor, dossier: Dossier) -> Dossier:
    """Send the dossier to the office (or send it back after amendment). The rule engine's verdict
    of every nominee to be appraised is frozen into the dossier at this moment."""
    require_unit_side(actor, dossier)
    dossier = lock(dossier)
    if dossier.status not in UNIT_EDITABLE_STATUSES:
        raise status_error(dossier, "nộp hồ sơ")
    missing = missing_documents(dossier)
    if missing:
        raise ValidationError({"__all__": missing})
    to = S.SUBMITTED if dossier.status == S.DRAFT else S.RESUBMITTED
    reopened = list(dossier.nominees.select_related("person", "recipient_unit", "household", "award_type", "dossier")
                    .exclude(appraisal__in=[Appraisal.PASSED, Appraisal.FAILED]))
    for n in reopened:
        n.appraisal = Appraisal.PENDING
    Nominee.objects.bulk_update(reopened, ["appraisal"])
    freeze_verdicts(reopened)
    if dossier.submitted_on is None:
        dossier.submitted_on = clock.today()
    move(actor, dossier, to, note="Nộp lại sau khi bổ sung" if to == S.RESUBMITTED else "Nộp hồ sơ")
    return dossier


@transaction.atomic
def refresh_verdicts(actor, dossier: Dossier) -> Dossier:
    """Re-run the rule engine on nominees not yet decided (after records were corrected)."""
    if not is_office(actor):
        require_unit_side(actor, dossier)
    dossier = lock(dossier)
    if dossier.status in CLOSED_STATUSES:
        raise status_error(dossier, "kiểm tra lại điều kiện")
    nominees = list(dossier.nominees.select_related("person", "recipient_unit", "household", "award_type", "dossier")
                    .filter(award_record__isnull=True))
    freeze_verdicts(nominees)
    audit.record(actor, DossierAction.REFRESH_VERDICTS, dossier, note="Kiểm tra lại điều kiện theo quy định")
    return dossier


@transaction.atomic
def withdraw_dossier(actor, dossier: Dossier, reason: str = "") -> Dossier:
    require_unit_side(actor, dossier)
    dossier = lock(dossier)
    if dossier.status not in WITHDRAWABLE:
        raise status_error(dossier, "rút hồ sơ")
    return move(actor, dossier, S.WITHDRAWN, note=reason.strip() or "Đơn vị rút hồ sơ")


# --- Notifications -----------------------------------------------------------------------------

@transaction.atomic
def mark_read(actor, notification: Notification | None = None) -> int:
    """Mark one notice (or, without one, every unread notice the actor reads) as read; the number marked."""
    qs = Notification.objects.visible_to(actor).filter(read_at__isnull=True)
    if notification is not None:
        if not Notification.objects.visible_to(actor).filter(pk=notification.pk).exists():
            raise Http404("Không tìm thấy thông báo.")
        qs = qs.filter(pk=notification.pk)
    return qs.update(read_at=clock.now())
