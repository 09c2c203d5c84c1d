"""The number and date the issuing body's register gives a signed decision.

Under Nghị định 30/2020/NĐ-CP Điều 15 the văn thư of the issuing body registers every document it
issues and gives the number and date, in the order of issue within the year; the number is unique
within the body for the year. The leader's signature leaves the decision "chờ cấp số"; the văn thư
(settings TDKT_DECISION_REGISTRY_USERS, else the commendation office) enters what the register
gave, one decision at a time (`give_number`, the page and the API) or as a list exported by an
electronic document system (`import_numbers`). The product proposes the next free number it knows.

A number already used by the body in the year is refused, naming the decision that holds it; a
number out of order with the dates already in the register (or dated before the signature) is
refused unless the office confirms it with a reason, which is kept on the decision and in the
audit log. Once numbered, the decision's documents and certificates are made.
"""
from __future__ import annotations

import datetime as dt
import io
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from tdkt.awards import register
from tdkt.awards.models import Decision, IssuingBody
from tdkt.core import audit, clock
from tdkt.core.choices import Role
from tdkt.core.scope import is_office, role_of
from tdkt.core.text import normalize_spaces

from ..choices import DossierAction, DossierStatus as S
from ..models import Dossier
from ..workflow import lock, notify_unit
from . import issuance
from .wording import decision_symbol

MSG_NOT_REGISTRY = "Chỉ văn thư của cơ quan ban hành (hoặc người được Ban Thi đua – Khen thưởng giao) được cấp số quyết định."


def can_number(user) -> bool:
    """The users the office names (TDKT_DECISION_REGISTRY_USERS) and the administrator; when it
    names nobody, the commendation office."""
    if not getattr(user, "is_authenticated", False):
        return False
    named = settings.TDKT_DECISION_REGISTRY_USERS
    if named:
        return user.username in named or role_of(user) == Role.ADMIN
    return is_office(user)


def require_numbering(user) -> None:
    if not can_number(user):
        raise PermissionDenied(MSG_NOT_REGISTRY)


def awaiting(dossier: Dossier) -> bool:
    return dossier.decision_id is not None and dossier.decision.awaiting_number


def proposal(decision: Decision, on: dt.date | None = None) -> str:
    """The next free number the register knows for the decision's body in the year of `on` (today)."""
    year = (on or clock.today()).year
    return f"{register.propose_number(decision.body, year)}/{decision_symbol()}"


def _read_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = normalize_spaces(str(value or ""))
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


@transaction.atomic
def give_number(actor, dossier: Dossier, *, number: str, signed_on: dt.date, reason: str = "",
                base_url: str | None = None) -> Decision:
    """Enter the number and date the body's register gave the dossier's signed decision; then make
    its documents and certificates (after the commit)."""
    require_numbering(actor)
    dossier = lock(dossier)
    decision = Decision.objects.select_related("body").filter(pk=dossier.decision_id).first()
    if dossier.status != S.DECIDED or decision is None:
        raise ValidationError({"status": [f"Hồ sơ đang “{dossier.get_status_display()}”, chưa có quyết định được ký."]})
    if not decision.awaiting_number:
        raise ValidationError({"number": [f"Quyết định đã có số {decision.number} ngày {decision.signed_on:%d/%m/%Y}."]})
    body = IssuingBody.objects.select_for_update().get(pk=decision.body_id)  # one văn thư at a time per body
    number, reason = normalize_spaces(number or ""), normalize_spaces(reason or "")
    errors = {}
    if not number:
        errors["number"] = [f"Ghi số, ký hiệu văn thư đã cấp (số tiếp theo trong sổ: {proposal(decision)})."]
    elif len(number) > 50:
        errors["number"] = ["Số, ký hiệu dài quá 50 ký tự."]
    elif register.number_seq(number) is None:
        errors["number"] = [f"Số, ký hiệu phải bắt đầu bằng số thứ tự trong sổ, ví dụ {proposal(decision)}."]
    if not isinstance(signed_on, dt.date):
        errors["signed_on"] = ["Ngày ban hành không hợp lệ (định dạng dd/mm/yyyy)."]
    elif signed_on > clock.today():
        errors["signed_on"] = ["Ngày ban hành không được ở tương lai."]
    elif signed_on.year < decision.signed_on.year - 1:
        errors["signed_on"] = [f"Ngày ban hành {signed_on:%d/%m/%Y} không hợp lệ: quyết định được ký ngày "
                               f"{decision.signed_on:%d/%m/%Y}."]
    if len(reason) > 400:
        errors["reason"] = ["Lý do dài quá 400 ký tự."]
    if errors:
        raise ValidationError(errors)
    check = register.number_problems(body, number, signed_on, exclude=decision.pk)
    if check.taken:
        raise ValidationError({"number": [check.taken]})
    order = list(check.order)
    if signed_on < decision.signed_on:
        order.append(f"Ngày ban hành {signed_on:%d/%m/%Y} trước ngày lãnh đạo ký ({decision.signed_on:%d/%m/%Y}).")
    if order and not reason:
        raise ValidationError({"number": order, "reason": [
            "Số không theo thứ tự của sổ: nếu đúng là số văn thư đã cấp, xác nhận và ghi lý do."]})
    before = audit.snapshot(decision)
    signed_by_leader = decision.signed_on
    decision.number, decision.signed_on = number, signed_on
    decision.number_note = (f"Xác nhận số không theo thứ tự: {reason}" if order else "")[:500]
    decision.refresh_derived()
    decision.save()
    note = f"Văn thư cấp số {number} ngày {signed_on:%d/%m/%Y} (lãnh đạo ký ngày {signed_by_leader:%d/%m/%Y})"
    if order:
        note += f". Xác nhận số không theo thứ tự, lý do: {reason}. " + " ".join(order)
    audit.changed(actor, decision, before, note=note[:1000])
    audit.record(actor, DossierAction.NUMBER, dossier, note=note[:1000])
    issuance.prepare_certificates(dossier, decision)
    dossier_id = dossier.pk
    transaction.on_commit(lambda: issuance.schedule_documents(dossier_id, base_url))
    notify_unit(dossier, f"Hồ sơ {dossier.code} đã có Quyết định số {number} ngày {signed_on:%d/%m/%Y}.")
    return decision


# --- A list of numbers from the register (an electronic document system's export) ---------------

HEADERS = {
    "dossier": ("mã hồ sơ", "ma ho so", "hồ sơ"),
    "number": ("số, ký hiệu", "số ký hiệu", "so, ky hieu", "so ky hieu", "số"),
    "signed_on": ("ngày ban hành", "ngay ban hanh", "ngày", "ngày văn bản"),
    "reason": ("lý do", "ly do", "lý do số không theo thứ tự"),
}


def _columns(header: list) -> dict[str, int]:
    found = {}
    for i, cell in enumerate(header):
        text = normalize_spaces(str(cell or "")).lower().rstrip("* ")
        for field, names in HEADERS.items():
            if text in names and field not in found:
                found[field] = i
    return found


def read_number_rows(data: bytes) -> list[dict]:
    """Rows of an .xlsx with the columns Mã hồ sơ, Số, ký hiệu, Ngày ban hành (and Lý do)."""
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError({"file": ["Tệp không phải bảng tính Excel (.xlsx) đọc được."]}) from None
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        raise ValidationError({"file": ["Tệp không có dòng nào."]})
    columns = _columns(list(rows[0]))
    missing = [label for field, label in (("dossier", "Mã hồ sơ"), ("number", "Số, ký hiệu"),
                                          ("signed_on", "Ngày ban hành")) if field not in columns]
    if missing:
        raise ValidationError({"file": [f"Dòng tiêu đề thiếu cột: {', '.join(missing)}."]})
    out = []
    for n, row in enumerate(rows[1:], 2):
        def cell(field, row=row):
            i = columns.get(field)
            return row[i] if i is not None and i < len(row) else None
        if all(v in (None, "") for v in row):
            continue
        out.append({"row": n, "dossier": normalize_spaces(str(cell("dossier") or "")),
                    "number": normalize_spaces(str(cell("number") or "")), "signed_on": cell("signed_on"),
                    "reason": normalize_spaces(str(cell("reason") or ""))})
    return out


def _dossier_by_code(code: str) -> Dossier | None:
    """'HS-2026-00012' (the code the pages print) or the bare id."""
    match = re.fullmatch(r"(?:HS-(\d{4})-)?0*(\d{1,12})", normalize_spaces(code or "").upper())
    if not match:
        return None
    dossier = Dossier.objects.filter(pk=int(match.group(2))).select_related("decision").first()
    if dossier is None or (match.group(1) and dossier.year != int(match.group(1))):
        return None
    return dossier


def import_numbers(actor, rows: list[dict], base_url: str | None = None) -> list[Decision]:
    """Give the numbers of a list, all or nothing: every row goes through `give_number`; the errors
    of every row are collected (row, field, message) and nothing is saved when any row fails."""
    require_numbering(actor)
    errors, done = [], []
    with transaction.atomic():
        for row in rows:
            dossier = _dossier_by_code(row["dossier"])
            if dossier is None:
                errors.append(f"Dòng {row['row']}: không có hồ sơ mã “{row['dossier']}”.")
                continue
            signed_on = _read_date(row["signed_on"])
            try:
                with transaction.atomic():
                    done.append(give_number(actor, dossier, number=row["number"], reason=row.get("reason", ""),
                                            signed_on=signed_on if signed_on else row["signed_on"], base_url=base_url))
            except ValidationError as exc:
                errors.extend(f"Dòng {row['row']} ({row['dossier']}): {m}" for msgs in exc.message_dict.values()
                              for m in msgs)
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ValidationError({"file": errors})
    return done
