"""The dossier workflow as services: each checks the actor's role and unit scope and the dossier's
status, writes the change, the status history row, the audit row and the unit's notification in
one transaction (design.md rules 1 and 3).

Statuses: draft → submitted → appraising → returned → resubmitted → appraising → appraised →
council → voted → disclosure → decided; withdrawn and rejected end a dossier early; for awards of
the Prime Minister or the President: disclosure → forwarded → upper_decided. The council's voting
lives in `council.py`; issuing the decision in `decisions.py`.
"""
from __future__ import annotations


from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from tdkt.awards.choices import SUBJECT_FIELDS, Authority, CommendationKind, SubjectKind
from tdkt.awards.models import AwardType
from tdkt.awards.services import _recipient
from tdkt.core import audit, clock
from tdkt.core.choices import AuditAction, Role
from tdkt.core.scope import role_of, scope_unit_ids, unit_subtree_ids
from tdkt.core.services import Errors, require_writer
from tdkt.core.uploads import store_upload
from tdkt.eligibility.services import FIRST_YEAR, LAST_YEAR

from . import appraisal, deadlines
from .choices import (CLOSED_STATUSES, NOMINEE_ATTACHMENT_KINDS, UNIT_EDITABLE_STATUSES, Appraisal, AttachmentKind,
                      DossierStatus as S)
from .models import Attachment, Dossier, DossierTransition, Nominee, Notification

# Which award authorities a dossier asked of an authority may carry (legal-rules.md §5).
AUTHORITY_AWARDS = {
    Authority.UNIT_HEAD: {Authority.UNIT_HEAD},
    Authority.COMMUNE_CHAIR: {Authority.COMMUNE_CHAIR, Authority.UNIT_HEAD},
    Authority.PROVINCE_CHAIR: {Authority.PROVINCE_CHAIR},
    Authority.PRIME_MINISTER: {Authority.PRIME_MINISTER},
    Authority.PRESIDENT: {Authority.PRESIDENT},
}

# Who may move a dossier along each edge of the workflow.
TRANSITIONS = {
    (S.DRAFT, S.SUBMITTED), (S.RETURNED, S.RESUBMITTED),
    (S.SUBMITTED, S.APPRAISING), (S.RESUBMITTED, S.APPRAISING),
    (S.APPRAISING, S.RETURNED), (S.APPRAISING, S.APPRAISED), (S.APPRAISING, S.REJECTED),
    (S.APPRAISED, S.COUNCIL), (S.COUNCIL, S.VOTED), (S.COUNCIL, S.APPRAISED), (S.COUNCIL, S.REJECTED),
    (S.VOTED, S.DISCLOSURE), (S.DISCLOSURE, S.DECIDED), (S.DISCLOSURE, S.FORWARDED),
    (S.FORWARDED, S.UPPER_DECIDED),
}
WITHDRAWABLE = {S.DRAFT, S.SUBMITTED, S.RETURNED, S.RESUBMITTED, S.APPRAISING, S.APPRAISED}
REJECTABLE = {S.SUBMITTED, S.RESUBMITTED, S.APPRAISING, S.APPRAISED, S.VOTED, S.DISCLOSURE, S.FORWARDED}
from tdkt.core.choices import OFFICE_ROLES  # noqa: E402  (the one definition of the office)


# --- Permission helpers ------------------------------------------------------------------------

def require_office(actor) -> None:
    """The commendation office (Ban TĐKT / Sở Nội vụ): appraisal, council, disclosure, forwarding."""
    if role_of(actor) not in OFFICE_ROLES:
        raise PermissionDenied("Chỉ cán bộ Ban Thi đua – Khen thưởng được thực hiện thao tác này.")


def require_unit_side(actor, dossier: Dossier) -> None:
    """The proposing unit's clerk (or the office acting for it) may change the dossier; others get 404."""
    require_writer(actor, dossier.proposing_unit_id)


def _status_error(dossier: Dossier, action: str) -> ValidationError:
    return ValidationError({"status": [f"Không thể {action}: hồ sơ đang ở trạng thái “{dossier.get_status_display()}”."]})


def _notify(dossier: Dossier, message: str) -> None:
    Notification.objects.create(unit_id=dossier.proposing_unit_id, dossier=dossier, message=message)


def _move(actor, dossier: Dossier, to: str, note: str = "", notify: str | None = None) -> Dossier:
    """Change the status along an allowed edge, with its history row, audit row and due date."""
    frm = dossier.status
    if (frm, to) not in TRANSITIONS and not (to == S.WITHDRAWN and frm in WITHDRAWABLE) \
            and not (to == S.REJECTED and frm in REJECTABLE):
        raise _status_error(dossier, f"chuyển sang “{S(to).label}”")
    before = audit.snapshot(dossier)
    today = clock.today()
    dossier.status = to
    dossier.due_on = None if to in CLOSED_STATUSES else deadlines.due_date(to, today, dossier.disclosure_end)
    dossier.save()
    DossierTransition.objects.create(dossier=dossier, actor=_user(actor), from_status=frm, to_status=to, note=note)
    audit.changed(actor, dossier, before, note=f"{S(frm).label} → {S(to).label}" + (f": {note}" if note else ""))
    if to in CLOSED_STATUSES:
        closing = Nominee.objects.filter(dossier=dossier, is_open=True)
        if to in (S.DECIDED, S.UPPER_DECIDED):
            closing = closing.filter(award_record__isnull=True)
        closing.update(is_open=False)
    if notify:
        _notify(dossier, notify)
    return dossier


_user = audit.user_of


def _lock(dossier: Dossier) -> Dossier:
    """Re-read the dossier under a row lock so two officers cannot move it at once."""
    return Dossier.objects.select_for_update().get(pk=dossier.pk)


# --- Dossiers ----------------------------------------------------------------------------------

DOSSIER_FIELDS = ("title", "authority", "kind", "movement", "year", "period_start", "period_end")


def _validate_dossier(data: dict, errors: Errors) -> None:
    if not (data.get("title") or "").strip():
        errors.add("title", "Trích yếu hồ sơ không được để trống.")
    if data.get("authority") not in Authority.values:
        errors.add("authority", "Chưa chọn cấp có thẩm quyền quyết định khen thưởng.")
    if data.get("kind") not in CommendationKind.values:
        errors.add("kind", "Loại hình khen thưởng không hợp lệ.")
    year = data.get("year")
    if not isinstance(year, int) or not (FIRST_YEAR <= year <= clock.today().year):
        errors.add("year", f"Năm thành tích phải từ {FIRST_YEAR} đến {clock.today().year}.")
    if data.get("kind") == CommendationKind.THEMATIC and not (data.get("movement") or "").strip():
        errors.add("movement", "Khen thưởng chuyên đề phải ghi phong trào thi đua hoặc đợt thi đua.")
    start, end = data.get("period_start"), data.get("period_end")
    for field, value in (("period_start", start), ("period_end", end)):
        if value is not None and (not isinstance(value, int) or not (FIRST_YEAR <= value <= LAST_YEAR)):
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
    dossier = Dossier.objects.create(proposing_unit=proposing_unit, created_by=_user(actor), **data)
    DossierTransition.objects.create(dossier=dossier, actor=_user(actor), from_status="", to_status=S.DRAFT,
                                     note="Lập hồ sơ")
    audit.created(actor, dossier)
    return dossier


@transaction.atomic
def update_dossier(actor, dossier: Dossier, **data) -> Dossier:
    require_unit_side(actor, dossier)
    dossier = _lock(dossier)
    if dossier.status not in UNIT_EDITABLE_STATUSES:
        raise _status_error(dossier, "sửa hồ sơ")
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
                person=None, recipient_unit=None, household=None) -> Nominee:
    require_unit_side(actor, dossier)
    dossier = _lock(dossier)
    if dossier.status not in UNIT_EDITABLE_STATUSES:
        raise _status_error(dossier, "thêm đối tượng")
    errors = Errors()
    if subject_kind not in SubjectKind.values:
        errors.add("subject_kind", "Đối tượng phải là cá nhân, tập thể hoặc hộ gia đình.")
        errors.raise_if_any()
    recipient = _recipient(subject_kind, person, recipient_unit, household)
    own = SUBJECT_FIELDS[subject_kind]
    if recipient is None:
        errors.add(own, "Chưa chọn cá nhân, tập thể hoặc hộ gia đình được đề nghị.")
        errors.raise_if_any()
    name, sort_key, unit_id = recipient
    # A unit proposes its own people and collectives (its subtree); the office may propose anyone.
    if role_of(actor) not in OFFICE_ROLES and unit_id not in unit_subtree_ids(dossier.proposing_unit):
        raise Http404("Không tìm thấy đối tượng.")
    if not award_type.allows(subject_kind):
        errors.add("award_type", f"“{award_type.name}” không áp dụng cho {SubjectKind(subject_kind).label.lower()}.")
    if award_type.authority not in AUTHORITY_AWARDS[dossier.authority]:
        errors.add("award_type", f"“{award_type.name}” do {Authority(award_type.authority).label} quyết định, không "
                                 f"thuộc thẩm quyền {Authority(dossier.authority).label} mà hồ sơ đề nghị.")
    achievement = (achievement or "").strip()
    if not achievement:
        errors.add("achievement", "Tóm tắt thành tích không được để trống.")
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
                achievement=achievement, recipient_name=name[:255], recipient_sort_key=sort_key[:300],
                recipient_line=_subject_line(subject_kind, person, recipient_unit, household)[:400])
    except IntegrityError:
        raise ValidationError({own: [f"{name} vừa được đưa vào một hồ sơ khác đề nghị “{award_type.name}” năm "
                                     f"{dossier.year}."]}) from None
    audit.created(actor, nominee, note=f"Hồ sơ {dossier.code}")
    return nominee


@transaction.atomic
def update_nominee(actor, nominee: Nominee, *, achievement: str) -> Nominee:
    dossier = nominee.dossier
    require_unit_side(actor, dossier)
    if _lock(dossier).status not in UNIT_EDITABLE_STATUSES:
        raise _status_error(dossier, "sửa đối tượng")
    if not (achievement or "").strip():
        raise ValidationError({"achievement": ["Tóm tắt thành tích không được để trống."]})
    before = audit.snapshot(nominee)
    nominee.achievement = achievement.strip()
    nominee.save(update_fields=["achievement"])
    audit.changed(actor, nominee, before)
    return nominee


@transaction.atomic
def remove_nominee(actor, nominee: Nominee) -> None:
    dossier = nominee.dossier
    require_unit_side(actor, dossier)
    if _lock(dossier).status != S.DRAFT:
        raise _status_error(dossier, "bỏ đối tượng (khi hồ sơ bị trả lại, hãy sửa hoặc rút cả hồ sơ)")
    audit.deleted(actor, nominee, note=f"Hồ sơ {dossier.code}")
    nominee.delete()


# --- Attachments -------------------------------------------------------------------------------

@transaction.atomic
def add_attachment(actor, dossier: Dossier, *, upload, kind: str, nominee: Nominee | None = None) -> Attachment:
    require_unit_side(actor, dossier)
    dossier = _lock(dossier)
    if dossier.status not in UNIT_EDITABLE_STATUSES:
        raise _status_error(dossier, "thêm tài liệu")
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
    attachment = store_upload(Attachment(dossier=dossier, nominee=nominee, kind=kind, uploaded_by=_user(actor)), upload)
    audit.created(actor, attachment, note=f"Hồ sơ {dossier.code}")
    return attachment


@transaction.atomic
def remove_attachment(actor, attachment: Attachment) -> None:
    dossier = attachment.dossier
    require_unit_side(actor, dossier)
    if _lock(dossier).status not in UNIT_EDITABLE_STATUSES:
        raise _status_error(dossier, "xóa tài liệu")
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


def _freeze_verdicts(nominees) -> None:
    today, now = clock.today(), clock.now()
    verdicts = appraisal.verdicts_for(nominees, today)
    for n in nominees:
        n.verdict = verdicts[n.pk]
        n.verdict_eligible = verdicts[n.pk]["eligible"]
        n.verdict_at = now
    Nominee.objects.bulk_update(nominees, ["verdict", "verdict_eligible", "verdict_at"], batch_size=500)


@transaction.atomic
def submit_dossier(actor, dossier: Dossier) -> Dossier:
    """Send the dossier to the office (or send it back after amendment). The rule engine's verdict
    of every nominee to be appraised is frozen into the dossier at this moment."""
    require_unit_side(actor, dossier)
    dossier = _lock(dossier)
    if dossier.status not in UNIT_EDITABLE_STATUSES:
        raise _status_error(dossier, "nộp hồ sơ")
    missing = missing_documents(dossier)
    if missing:
        raise ValidationError({"__all__": missing})
    to = S.SUBMITTED if dossier.status == S.DRAFT else S.RESUBMITTED
    reopened = list(dossier.nominees.select_related("person", "recipient_unit", "household", "award_type", "dossier")
                    .exclude(appraisal__in=[Appraisal.PASSED, Appraisal.FAILED]))
    for n in reopened:
        n.appraisal = Appraisal.PENDING
    Nominee.objects.bulk_update(reopened, ["appraisal"])
    _freeze_verdicts(reopened)
    if dossier.submitted_on is None:
        dossier.submitted_on = clock.today()
    _move(actor, dossier, to, note="Nộp lại sau khi bổ sung" if to == S.RESUBMITTED else "Nộp hồ sơ")
    return dossier


@transaction.atomic
def refresh_verdicts(actor, dossier: Dossier) -> Dossier:
    """Re-run the rule engine on nominees not yet decided (after records were corrected)."""
    if role_of(actor) not in OFFICE_ROLES:
        require_unit_side(actor, dossier)
    dossier = _lock(dossier)
    if dossier.status in CLOSED_STATUSES:
        raise _status_error(dossier, "kiểm tra lại điều kiện")
    nominees = list(dossier.nominees.select_related("person", "recipient_unit", "household", "award_type", "dossier")
                    .filter(award_record__isnull=True))
    _freeze_verdicts(nominees)
    audit.record(actor, AuditAction.UPDATE, dossier, note="Kiểm tra lại điều kiện theo quy định")
    return dossier


@transaction.atomic
def withdraw_dossier(actor, dossier: Dossier, reason: str = "") -> Dossier:
    require_unit_side(actor, dossier)
    dossier = _lock(dossier)
    if dossier.status not in WITHDRAWABLE:
        raise _status_error(dossier, "rút hồ sơ")
    return _move(actor, dossier, S.WITHDRAWN, note=reason.strip() or "Đơn vị rút hồ sơ")


# --- Appraisal (thẩm định) ---------------------------------------------------------------------

@transaction.atomic
def start_appraisal(actor, dossier: Dossier) -> Dossier:
    require_office(actor)
    dossier = _lock(dossier)
    if dossier.status not in (S.SUBMITTED, S.RESUBMITTED):
        raise _status_error(dossier, "bắt đầu thẩm định")
    return _move(actor, dossier, S.APPRAISING, note="Tiếp nhận, thẩm định hồ sơ")


@transaction.atomic
def appraise_nominee(actor, nominee: Nominee, *, outcome: str, reason: str = "", justification: str = "") -> Nominee:
    """Pass, return (for amendment) or fail one nominee. Passing a nominee the rule engine failed
    needs a written justification, which is kept; a used-up quota or a duplicate blocks passing."""
    require_office(actor)
    dossier = _lock(nominee.dossier)
    if dossier.status != S.APPRAISING:
        raise _status_error(dossier, "thẩm định")
    nominee = Nominee.objects.select_for_update().select_related("award_type", "dossier").get(pk=nominee.pk)
    reason, justification = (reason or "").strip(), (justification or "").strip()
    errors = Errors()
    if outcome not in (Appraisal.PASSED, Appraisal.RETURNED, Appraisal.FAILED):
        errors.add("outcome", "Kết quả thẩm định phải là đạt, trả lại để bổ sung hoặc không đạt.")
    elif outcome in (Appraisal.RETURNED, Appraisal.FAILED) and not reason:
        errors.add("reason", "Phải ghi lý do trả lại hoặc không đạt để đơn vị biết.")
    elif outcome == Appraisal.PASSED:
        if nominee.verdict_eligible is False and not justification:
            failed = "; ".join(c["message"] for c in nominee.failed_checks)
            errors.add("justification", f"Hệ thống xác định chưa đủ điều kiện ({failed}): muốn chấp thuận phải ghi "
                                        "giải trình.")
        for finding in appraisal.blocking(appraisal.findings([nominee])[nominee.pk]):
            errors.add("outcome", finding.message)
    errors.raise_if_any()
    before = audit.snapshot(nominee)
    nominee.appraisal = outcome
    nominee.appraisal_reason = reason
    nominee.justification = justification if outcome == Appraisal.PASSED else ""
    nominee.appraised_by, nominee.appraised_at = _user(actor), clock.now()
    nominee.save()
    audit.changed(actor, nominee, before, note=f"Thẩm định: {Appraisal(outcome).label}"
                  + (f" – {reason}" if reason else "") + (f" – giải trình: {justification}" if justification else ""))
    return nominee


@transaction.atomic
def return_dossier(actor, dossier: Dossier, note: str = "") -> Dossier:
    """Send the dossier back for amendment with the reasons per nominee."""
    require_office(actor)
    dossier = _lock(dossier)
    if dossier.status != S.APPRAISING:
        raise _status_error(dossier, "trả lại hồ sơ")
    returned = list(dossier.nominees.filter(appraisal=Appraisal.RETURNED))
    if not returned and not note.strip():
        raise ValidationError({"note": ["Chưa có đối tượng nào được trả lại: ghi nội dung cần bổ sung của hồ sơ."]})
    lines = [f"- {n.recipient_name} ({n.award_type.name}): {n.appraisal_reason}" for n in returned]
    message = (f"Hồ sơ {dossier.code} bị trả lại để bổ sung." + (f" {note.strip()}" if note.strip() else "")
               + ("\n" + "\n".join(lines) if lines else ""))
    return _move(actor, dossier, S.RETURNED, note=message, notify=message)


@transaction.atomic
def complete_appraisal(actor, dossier: Dossier) -> Dossier:
    """Every nominee passed or failed: the dossier is appraised (or rejected when none passed)."""
    require_office(actor)
    dossier = _lock(dossier)
    if dossier.status != S.APPRAISING:
        raise _status_error(dossier, "kết thúc thẩm định")
    open_ones = dossier.nominees.filter(appraisal__in=[Appraisal.PENDING, Appraisal.RETURNED])
    if open_ones.exists():
        names = ", ".join(n.recipient_name for n in open_ones[:5])
        raise ValidationError({"__all__": [f"Còn đối tượng chưa thẩm định xong hoặc đang trả lại: {names}."]})
    failed = list(dossier.nominees.filter(appraisal=Appraisal.FAILED).select_related("award_type"))
    dossier.nominees.filter(appraisal=Appraisal.FAILED).update(is_open=False)
    lines = [f"- {n.recipient_name} ({n.award_type.name}): {n.appraisal_reason}" for n in failed]
    if not dossier.nominees.filter(appraisal=Appraisal.PASSED).exists():
        message = f"Hồ sơ {dossier.code} không được chấp thuận: không đối tượng nào đủ điều kiện.\n" + "\n".join(lines)
        return _move(actor, dossier, S.REJECTED, note=message, notify=message)
    message = f"Hồ sơ {dossier.code} đã thẩm định xong, sẽ trình Hội đồng Thi đua – Khen thưởng."
    if lines:
        message += "\nKhông đạt:\n" + "\n".join(lines)
    return _move(actor, dossier, S.APPRAISED, note=message, notify=message)


@transaction.atomic
def reject_dossier(actor, dossier: Dossier, reason: str) -> Dossier:
    require_office(actor)
    dossier = _lock(dossier)
    if not (reason or "").strip():
        raise ValidationError({"reason": ["Phải ghi lý do không chấp thuận hồ sơ."]})
    if dossier.status not in REJECTABLE:
        raise _status_error(dossier, "không chấp thuận hồ sơ")
    message = f"Hồ sơ {dossier.code} không được chấp thuận: {reason.strip()}"
    return _move(actor, dossier, S.REJECTED, note=message, notify=message)


# --- Notifications -----------------------------------------------------------------------------

@transaction.atomic
def mark_read(actor, notification: Notification) -> None:
    ids = scope_unit_ids(actor)
    if ids is not None and notification.unit_id not in ids:
        raise Http404("Không tìm thấy thông báo.")
    if notification.read_at is None:
        notification.read_at = clock.now()
        notification.save(update_fields=["read_at"])
