"""The dossier workflow's kernel: allowed transitions, the row lock, the move along an edge (with its
history row, typed audit row, due date and the unit's notification), status errors, the office
check and the table of actions that the pages and the API share.

Statuses: draft → submitted → appraising → returned → resubmitted → appraising → appraised →
council → voted → disclosure → decided; withdrawn and rejected end a dossier early; for awards of
the Prime Minister or the President: disclosure → forwarded → upper_decided. The services of each
step live in `dossiers/services/` and build on this module only.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from tdkt.core import audit, clock
from tdkt.core.scope import is_office, require_office  # noqa: F401 - the office gate of every step
from tdkt.core.services import require_writer

from . import deadlines, notices
from .choices import CLOSED_STATUSES, DossierAction as A, DossierStatus as S
from .models import Dossier, DossierTransition, Nominee

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

# The typed audit action of arriving in each status (from COUNCIL back to APPRAISED: no quorum).
ARRIVAL_ACTIONS = {
    S.SUBMITTED: A.SUBMIT, S.RESUBMITTED: A.RESUBMIT, S.APPRAISING: A.START_APPRAISAL, S.RETURNED: A.RETURN,
    S.APPRAISED: A.COMPLETE_APPRAISAL, S.COUNCIL: A.TO_COUNCIL, S.VOTED: A.VOTED, S.DISCLOSURE: A.DISCLOSE,
    S.DECIDED: A.DECIDE, S.FORWARDED: A.FORWARD, S.UPPER_DECIDED: A.UPPER_DECIDED, S.WITHDRAWN: A.WITHDRAW,
    S.REJECTED: A.REJECT,
}

user_of = audit.user_of


def require_unit_side(actor, dossier: Dossier) -> None:
    """The proposing unit's clerk (or the office acting for it) may change the dossier; others get 404."""
    require_writer(actor, dossier.proposing_unit_id)


def status_error(dossier: Dossier, action: str) -> ValidationError:
    return ValidationError({"status": [f"Không thể {action}: hồ sơ đang ở trạng thái “{dossier.get_status_display()}”."]})


def notify_unit(dossier: Dossier, message: str) -> None:
    """Tell the proposing unit, in the app and by e-mail (after the transaction commits)."""
    notices.notify(subject=f"Hồ sơ {dossier.code}: {dossier.get_status_display()}", message=message,
                   units=[dossier.proposing_unit_id], dossier=dossier)


def lock(dossier: Dossier) -> Dossier:
    """Re-read the dossier under a row lock so two officers cannot move it at once."""
    return Dossier.objects.select_for_update().get(pk=dossier.pk)


def move(actor, dossier: Dossier, to: str, note: str = "", notify: str | None = None) -> Dossier:
    """Change the status along an allowed edge, with its history row, typed audit row and due date."""
    frm = dossier.status
    if (frm, to) not in TRANSITIONS and not (to == S.WITHDRAWN and frm in WITHDRAWABLE) \
            and not (to == S.REJECTED and frm in REJECTABLE):
        raise status_error(dossier, f"chuyển sang “{S(to).label}”")
    before = audit.snapshot(dossier)
    today = clock.today()
    dossier.status = to
    dossier.due_on = None if to in CLOSED_STATUSES else deadlines.due_date(to, today, dossier.disclosure_end)
    dossier.save()
    DossierTransition.objects.create(dossier=dossier, actor=user_of(actor), from_status=frm, to_status=to, note=note)
    action = A.BACK_FROM_COUNCIL if (frm, to) == (S.COUNCIL, S.APPRAISED) else ARRIVAL_ACTIONS[to]
    audit.changed(actor, dossier, before, action=action,
                  note=f"{S(frm).label} → {S(to).label}" + (f": {note}" if note else ""))
    if to in CLOSED_STATUSES:
        closing = Nominee.objects.filter(dossier=dossier, is_open=True)
        if to in (S.DECIDED, S.UPPER_DECIDED):
            closing = closing.filter(award_record__isnull=True)
        closing.update(is_open=False)
    if notify:
        notify_unit(dossier, notify)
    return dossier


# --- The actions a dossier page offers as buttons, shared by the page and the API ----------------

@dataclass(frozen=True)
class Action:
    """One button of the dossier page: the service it calls (a name in `dossiers.services`), the
    message shown when it is done, and the text it takes (a reason, or the submission's number)."""

    code: str
    service: str
    done: str
    takes: str | None = None  # "reason" | "number" | None


ACTIONS = {a.code: a for a in (
    Action("nop", "submit_dossier", "Đã nộp hồ sơ."),
    Action("rut", "withdraw_dossier", "Đã rút hồ sơ.", "reason"),
    Action("tiep-nhan", "start_appraisal", "Đã tiếp nhận, bắt đầu thẩm định."),
    Action("tra-lai", "return_dossier", "Đã trả lại hồ sơ để bổ sung.", "reason"),
    Action("ket-thuc-tham-dinh", "complete_appraisal", "Đã kết thúc thẩm định."),
    Action("khong-chap-thuan", "reject_dossier", "Hồ sơ không được chấp thuận.", "reason"),
    Action("kiem-tra-lai", "refresh_verdicts", "Đã kiểm tra lại điều kiện theo dữ liệu hiện tại."),
    Action("cong-khai", "start_disclosure", "Đã đăng công khai danh sách."),
    Action("trinh-cap-tren", "forward_dossier", "Đã trình cấp trên.", "number"),
)}
