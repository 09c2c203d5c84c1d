"""What the commendation office sees when it appraises a dossier: the rule engine's verdict for every
nominee (frozen into the nominee at submission, refreshed on demand), the quotas, and the duplicate
checks (legal-rules.md §3.7: one achievement is rewarded once, with one form).

The writes are at the end: start the appraisal, pass, return or fail a nominee, complete, return
or reject the dossier (freezing verdicts at submission is in `drafting.py`).
A 500-nominee dossier is evaluated with a constant number of queries: histories are loaded for all
people at once (`load_person_histories`), quotas and duplicates with one grouped query each.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from tdkt.awards.choices import SUBJECT_FIELDS, AwardCategory, AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.core import audit, clock
from tdkt.core.services import Errors

from ..choices import CLOSED_STATUSES, Appraisal, DossierAction, DossierStatus as S
from ..models import Dossier, Nominee, Quota
from ..workflow import REJECTABLE, lock, move, require_office, status_error, user_of

BLOCK, WARN, INFO = "block", "warn", "info"


@dataclass
class Finding:
    """A quota or duplicate problem: `block` findings stop the nominee from being passed."""

    code: str
    severity: str
    message: str


# --- The rule engine's verdicts ----------------------------------------------------------------

# The dossier kinds the rule engine judges by their own standards; the rest by the regular ones.
ENGINE_KINDS = frozenset({"career", "thematic_movement", "thematic_topic"})


# --- Quotas and duplicates ---------------------------------------------------------------------

def _counted(award_type_id: int, year: int):
    """Nominees that use up a quota: passed (or later stages) in dossiers that are not withdrawn or
    rejected, and not failed by the council."""
    return (Nominee.objects.filter(award_type_id=award_type_id, year=year, appraisal=Appraisal.PASSED)
            .exclude(dossier__status__in=("withdrawn", "rejected")).exclude(vote_result="failed"))


def _same_form(a_type, a_kind, b_type, b_kind) -> bool:
    """Two forms of commendation for one achievement (same year, same kind of commendation)."""
    return (a_kind == b_kind and a_type.category == AwardCategory.COMMENDATION
            and b_type.category == AwardCategory.COMMENDATION)


def _duplicates(nominees, result) -> None:
    """The same achievement already rewarded, the same subject in another open dossier, two forms of
    commendation for one achievement (Luật TĐKT 2022 Điều 5; NĐ 152/2025 Điều 4)."""
    groups = defaultdict(list)
    for n in nominees:
        groups[(SUBJECT_FIELDS[n.subject_kind] + "_id", n.year)].append(n)
    for (field, year), group in groups.items():
        values = [getattr(n, field) for n in group]
        records, others = defaultdict(list), defaultdict(list)
        for rec in (AwardRecord.objects.filter(status=AwardStatus.VALID, year=year, **{f"{field}__in": values})
                    .select_related("award_type", "decision")):
            records[getattr(rec, field)].append(rec)
        for other in (Nominee.objects.filter(is_open=True, year=year, **{f"{field}__in": values})
                      .exclude(pk__in=[n.pk for n in group]).exclude(dossier__status__in=CLOSED_STATUSES)
                      .select_related("award_type", "dossier")):
            others[getattr(other, field)].append(other)
        for n in group:
            kind = n.dossier.kind
            for record in records.get(getattr(n, field), ()):
                decided = f" (Quyết định {record.decision.number})" if record.decision_id else ""
                if record.award_type_id == n.award_type_id:
                    result[n.pk].append(Finding("already_awarded", BLOCK, f"Đã được tặng “{record.award_type.name}” "
                                                                          f"cho thành tích năm {year}{decided}."))
                elif _same_form(record.award_type, record.kind, n.award_type, kind):
                    result[n.pk].append(Finding(
                        "one_form_per_achievement", BLOCK,
                        f"Thành tích năm {year} ({record.get_kind_display().lower()}) đã được khen bằng "
                        f"“{record.award_type.name}”{decided}: mỗi thành tích chỉ khen một hình thức."))
            for other in others.get(getattr(n, field), ()):
                same = _same_form(other.award_type, other.dossier.kind, n.award_type, kind)
                result[n.pk].append(Finding(
                    "other_open_dossier", BLOCK if same else WARN,
                    f"Đang được đề nghị “{other.award_type.name}” năm {other.year} trong hồ sơ {other.dossier.code}"
                    + (": cùng một thành tích, chỉ chọn một hình thức." if same else ".")))


def _quotas(nominees, result) -> None:
    """The caps on each nominee's award for its proposing unit or the province and its year; a nominee
    not yet passed is blocked once the cap is used up. One count per quota, not per nominee."""
    keys = {(n.award_type_id, n.year, n.dossier.proposing_unit_id) for n in nominees}
    cond = Q(pk__in=[])
    for award_id, year, unit_id in keys:
        cond |= (Q(award_type_id=award_id) & (Q(unit_id=unit_id) | Q(unit__isnull=True))
                 & (Q(year=year) | Q(year__isnull=True)))
    for quota in Quota.objects.filter(cond).select_related("unit", "award_type"):
        applies = [n for n in nominees if n.award_type_id == quota.award_type_id
                   and (quota.year is None or quota.year == n.year)
                   and (quota.unit_id is None or quota.unit_id == n.dossier.proposing_unit_id)]
        for year in sorted({n.year for n in applies}):
            counted = _counted(quota.award_type_id, year)
            if quota.unit_id:
                counted = counted.filter(dossier__proposing_unit_id=quota.unit_id)
            used = counted.count()
            where = f"của {quota.unit.name}" if quota.unit_id else "toàn tỉnh"
            basis = f" ({quota.basis})" if quota.basis else ""
            waiting = [n for n in applies if n.year == year and n.appraisal != Appraisal.PASSED]
            severity = BLOCK if used >= quota.max_count else (WARN if used + len(waiting) > quota.max_count else INFO)
            head = "Đã dùng hết chỉ tiêu" if severity == BLOCK else "Chỉ tiêu"
            message = (f"{head} “{quota.award_type.name}” {where} năm {year}: đã đạt {used}/{quota.max_count}{basis}"
                       + (f"; còn {len(waiting)} đối tượng chờ thẩm định." if waiting else "."))
            for n in waiting:
                result[n.pk].append(Finding("quota", severity, message))


def findings(nominees) -> dict[int, list[Finding]]:
    """{nominee id: [Finding]} for any list of nominees (one, or a whole dossier), with a constant
    number of grouped queries (a 500-nominee dossier is appraised within seconds, `bench dossiers`)."""
    nominees = list(nominees)
    result: dict[int, list[Finding]] = {n.pk: [] for n in nominees}
    if nominees:
        _duplicates(nominees, result)
        _quotas(nominees, result)
    return result


def blocking(items) -> list[Finding]:
    return [f for f in items if f.severity == BLOCK]


def verdict_summary(nominees) -> Counter:
    """How many nominees of a queryset the engine passes, fails, or leaves to the council's judgement
    (read as plain values: a dossier has hundreds of nominees)."""
    counts = Counter()
    for eligible, verdict in nominees.values_list("verdict_eligible", "verdict"):
        if eligible is False:
            counts["failed"] += 1
        elif any(c.get("passed") is None for c in (verdict or {}).get("checks", [])):
            counts["pending"] += 1
        elif eligible:
            counts["passed"] += 1
    return counts


# --- Appraisal (thẩm định) ---------------------------------------------------------------------

@transaction.atomic
def start_appraisal(actor, dossier: Dossier) -> Dossier:
    require_office(actor)
    dossier = lock(dossier)
    if dossier.status not in (S.SUBMITTED, S.RESUBMITTED):
        raise status_error(dossier, "bắt đầu thẩm định")
    return move(actor, dossier, S.APPRAISING, note="Tiếp nhận, thẩm định hồ sơ")


@transaction.atomic
def appraise_nominee(actor, nominee: Nominee, *, outcome: str, reason: str = "", justification: str = "") -> Nominee:
    """Pass, return (for amendment) or fail one nominee. Passing a nominee the rule engine failed
    needs a written justification, which is kept; a used-up quota or a duplicate blocks passing."""
    require_office(actor)
    dossier = lock(nominee.dossier)
    if dossier.status != S.APPRAISING:
        raise status_error(dossier, "thẩm định")
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
        for finding in blocking(findings([nominee])[nominee.pk]):
            errors.add("outcome", finding.message)
    errors.raise_if_any()
    before = audit.snapshot(nominee)
    nominee.appraisal = outcome
    nominee.appraisal_reason = reason
    nominee.justification = justification if outcome == Appraisal.PASSED else ""
    nominee.appraised_by, nominee.appraised_at = user_of(actor), clock.now()
    nominee.save()
    audit.changed(actor, nominee, before, action=DossierAction.APPRAISE_NOMINEE, note=f"Thẩm định: {Appraisal(outcome).label}"
                  + (f" – {reason}" if reason else "") + (f" – giải trình: {justification}" if justification else ""))
    return nominee


@transaction.atomic
def return_dossier(actor, dossier: Dossier, note: str = "") -> Dossier:
    """Send the dossier back for amendment with the reasons per nominee."""
    require_office(actor)
    dossier = lock(dossier)
    if dossier.status != S.APPRAISING:
        raise status_error(dossier, "trả lại hồ sơ")
    returned = list(dossier.nominees.filter(appraisal=Appraisal.RETURNED))
    if not returned and not note.strip():
        raise ValidationError({"note": ["Chưa có đối tượng nào được trả lại: ghi nội dung cần bổ sung của hồ sơ."]})
    lines = [f"- {n.recipient_name} ({n.award_type.name}): {n.appraisal_reason}" for n in returned]
    message = (f"Hồ sơ {dossier.code} bị trả lại để bổ sung." + (f" {note.strip()}" if note.strip() else "")
               + ("\n" + "\n".join(lines) if lines else ""))
    return move(actor, dossier, S.RETURNED, note=message, notify=message)


@transaction.atomic
def complete_appraisal(actor, dossier: Dossier) -> Dossier:
    """Every nominee passed or failed: the dossier is appraised (or rejected when none passed)."""
    require_office(actor)
    dossier = lock(dossier)
    if dossier.status != S.APPRAISING:
        raise status_error(dossier, "kết thúc thẩm định")
    open_ones = dossier.nominees.filter(appraisal__in=[Appraisal.PENDING, Appraisal.RETURNED])
    if open_ones.exists():
        names = ", ".join(n.recipient_name for n in open_ones[:5])
        raise ValidationError({"__all__": [f"Còn đối tượng chưa thẩm định xong hoặc đang trả lại: {names}."]})
    failed = list(dossier.nominees.filter(appraisal=Appraisal.FAILED).select_related("award_type"))
    dossier.nominees.filter(appraisal=Appraisal.FAILED).update(is_open=False)
    lines = [f"- {n.recipient_name} ({n.award_type.name}): {n.appraisal_reason}" for n in failed]
    if not dossier.nominees.filter(appraisal=Appraisal.PASSED).exists():
        message = f"Hồ sơ {dossier.code} không được chấp thuận: không đối tượng nào đủ điều kiện.\n" + "\n".join(lines)
        return move(actor, dossier, S.REJECTED, note=message, notify=message)
    message = f"Hồ sơ {dossier.code} đã thẩm định xong, sẽ trình Hội đồng Thi đua – Khen thưởng."
    if lines:
        message += "\nKhông đạt:\n" + "\n".join(lines)
    return move(actor, dossier, S.APPRAISED, note=message, notify=message)


@transaction.atomic
def reject_dossier(actor, dossier: Dossier, reason: str) -> Dossier:
    require_office(actor)
    dossier = lock(dossier)
    if not (reason or "").strip():
        raise ValidationError({"reason": ["Phải ghi lý do không chấp thuận hồ sơ."]})
    if dossier.status not in REJECTABLE:
        raise status_error(dossier, "không chấp thuận hồ sơ")
    message = f"Hồ sơ {dossier.code} không được chấp thuận: {reason.strip()}"
    return move(actor, dossier, S.REJECTED, note=message, notify=message)
