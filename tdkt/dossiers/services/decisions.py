"""After the vote: public disclosure (công khai) with comments, the decision and its award records,
and for awards of the Prime Minister or the President the forwarding upward and the upper decision.

The number of a decision comes from the issuing body's register (Nghị định 30/2020/NĐ-CP Điều 15),
not from this software: the leader's signature enters the decision "chờ cấp số" with its award
records; the body's văn thư (`numbering.give_number`) then enters the number and date the register
gave, and only then are the decision's documents and the certificates made.
"""
from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from tdkt.awards import register
from tdkt.awards.choices import Authority
from tdkt.awards.models import Decision
from tdkt.awards.services import create_award_record
from tdkt.core import audit, clock
from tdkt.core.choices import Role
from tdkt.core.scope import profile_of, role_of
from tdkt.core.workdays import add_working_days
from tdkt.rules import procedure

from .. import notices
from ..choices import DossierStatus as S, VoteResult
from ..models import DisclosureComment, Dossier, Nominee
from ..workflow import lock, move, require_office
from . import forwarding
from .wording import award_phrase, issuer_for, passed_nominees

SIGNING_ROLES = {Role.LEADER, Role.ADMIN}


# --- Disclosure --------------------------------------------------------------------------------

def disclosure_days(nominees, on=None) -> int:
    """Working days of public comment (rule data: tdkt.rules.procedure.disclosure_period): for
    orders (Huân chương) and state honorary titles the period the law sets, or the province's longer
    one (settings TDKT_DISCLOSURE_DAYS_STATE); for the rest the province's own period (settings
    TDKT_DISCLOSURE_DAYS)."""
    period = procedure.disclosure_period({n.award_type.code for n in nominees}, on or clock.today())
    if period.working_days is None:
        return settings.TDKT_DISCLOSURE_DAYS
    return max(period.working_days, settings.TDKT_DISCLOSURE_DAYS_STATE)


@transaction.atomic
def start_disclosure(actor, dossier: Dossier) -> Dossier:
    """Publish the list of those the council passed on the public portal for the configured number
    of working days, counted from the day after publication."""
    require_office(actor)
    dossier = lock(dossier)
    if dossier.status != S.VOTED:
        raise ValidationError({"status": [f"Không thể công khai: hồ sơ đang “{dossier.get_status_display()}”."]})
    days = disclosure_days(passed_nominees(dossier))
    start = clock.today()
    dossier.disclosure_start, dossier.disclosure_end = start, add_working_days(start, days)
    return move(actor, dossier, S.DISCLOSURE,
                 note=f"Công khai {days} ngày làm việc, đến hết ngày {dossier.disclosure_end:%d/%m/%Y}",
                 notify=f"Hồ sơ {dossier.code} đang được công khai lấy ý kiến đến hết ngày "
                        f"{dossier.disclosure_end:%d/%m/%Y}.")


def disclosure_over(dossier: Dossier) -> bool:
    return dossier.disclosure_end is not None and clock.today() > dossier.disclosure_end


@transaction.atomic
def add_comment(dossier: Dossier, *, author_name: str, contact: str, content: str,
                nominee: Nominee | None = None) -> DisclosureComment:
    """A comment from the public while the dossier is on disclosure; it reaches the office."""
    errors = {}
    author_name, contact, content = (author_name or "").strip(), (contact or "").strip(), (content or "").strip()
    if dossier.status != S.DISCLOSURE or disclosure_over(dossier):
        raise ValidationError({"__all__": ["Hồ sơ không còn trong thời gian công khai lấy ý kiến."]})
    if not author_name:
        errors["author_name"] = ["Ghi họ và tên người góp ý."]
    elif len(author_name) > 150:
        errors["author_name"] = ["Họ và tên dài quá 150 ký tự."]
    if not contact:
        errors["contact"] = ["Ghi số điện thoại hoặc thư điện tử để cơ quan phản hồi."]
    elif len(contact) > 150 or not re.fullmatch(r"[0-9 +().-]{8,20}|[^@\s]+@[^@\s]+\.[^@\s]+", contact):
        errors["contact"] = ["Số điện thoại hoặc thư điện tử không hợp lệ."]
    if not content:
        errors["content"] = ["Nội dung góp ý không được để trống."]
    elif len(content) > 4000:
        errors["content"] = ["Nội dung góp ý dài quá 4.000 ký tự."]
    if nominee is not None and (nominee.dossier_id != dossier.pk or nominee.vote_result != VoteResult.PASSED):
        errors["nominee"] = ["Đối tượng không có trong danh sách công khai."]
    if errors:
        raise ValidationError(errors)
    comment = DisclosureComment.objects.create(dossier=dossier, nominee=nominee, author_name=author_name,
                                               contact=contact, content=content)
    audit.created(None, comment, note=f"Góp ý công khai hồ sơ {dossier.code}")
    about = f" về {nominee.recipient_name}" if nominee is not None else ""
    notices.notify_office(subject=f"Góp ý công khai hồ sơ {dossier.code}",
                          message=f"Có ý kiến góp ý{about} trong thời gian công khai hồ sơ {dossier.code} "
                                  f"(đến hết ngày {dossier.disclosure_end:%d/%m/%Y}) của {author_name}:\n\n{content}",
                          dossier=dossier)
    return comment


@transaction.atomic
def handle_comment(actor, comment: DisclosureComment, note: str) -> DisclosureComment:
    require_office(actor)
    if not (note or "").strip():
        raise ValidationError({"handling_note": ["Ghi kết quả xử lý ý kiến."]})
    before = audit.snapshot(comment)
    comment.handled, comment.handling_note = True, note.strip()
    comment.save()
    audit.changed(actor, comment, before)
    return comment


# --- Issuing -----------------------------------------------------------------------------------

def signing_capacity(user) -> tuple[str, str]:
    """(prefix, title) the account signs with, from its position (Profile.title, set where accounts
    are edited): a Phó Chủ tịch signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" for the chairman, the Chủ tịch
    signs directly (documents-and-reports.md, the signature block). An account without a position
    signs as "Chủ tịch"."""
    profile = profile_of(user)
    position = " ".join(((profile.title if profile else "") or "").split())
    lowered = position.lower()
    if lowered.startswith("phó chủ tịch") or " phó chủ tịch" in f" {lowered}":
        return "KT. CHỦ TỊCH", "Phó Chủ tịch"
    return "", "Chủ tịch"


def capacity_label(prefix: str, title: str) -> str:
    """'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH' or 'CHỦ TỊCH', as the signature block prints it."""
    return " / ".join(part.upper() for part in (prefix, title) if part)


def signing_preview(actor, dossier: Dossier, signed_on: dt.date | None = None):
    """What the leader reads before signing: the decision as it will be (without its number), with
    the money per award and in total. Refused to anyone who may not sign."""
    from .issuance import draft_doc

    if role_of(actor) not in SIGNING_ROLES:
        raise PermissionDenied("Chỉ lãnh đạo có thẩm quyền được ký quyết định khen thưởng.")
    nominees = list(passed_nominees(dossier).select_related("person__unit", "recipient_unit__parent", "household__unit"))
    prefix, title = signing_capacity(actor)
    doc = draft_doc(dossier, nominees, summary=_summary_for(nominees) if nominees else "",
                    signer_title=f"{prefix} {title}".strip(), signer_name=actor.get_full_name() or actor.username,
                    signed_on=signed_on)
    return doc



def _register(actor, dossier: Dossier, nominees, note: str, **fields) -> tuple[Decision, int]:
    """Enter the decision in the register and create its award records, linked to it and to the
    nominees, in the caller's transaction."""
    decision = Decision(authority=dossier.authority, **fields)
    decision.refresh_derived()
    decision.save()
    audit.created(actor, decision, note=note)
    count = _create_records(actor, dossier, decision, nominees)
    dossier.decision = decision
    return decision, count


def _create_records(actor, dossier: Dossier, decision: Decision, nominees) -> int:
    count = 0
    for n in nominees:
        record = create_award_record(
            actor, award_type=n.award_type, subject_kind=n.subject_kind, year=n.year, person=n.person,
            recipient_unit=n.recipient_unit, household=n.household, kind=dossier.kind, achievement=n.achievement,
            decision=decision, audit_note=f"Hồ sơ {dossier.code}", permission_checked=True)
        n.award_record = record
        n.is_open = False
        n.save(update_fields=["award_record", "is_open"])
        count += 1
    return count


def _summary_for(nominees) -> str:
    names = list(dict.fromkeys(award_phrase(n.award_type) for n in nominees))
    return "Về việc tặng " + ", ".join(names)


@transaction.atomic
def issue_decision(actor, dossier: Dossier, *, signer_name: str = "", signer_title: str = "",
                   sign_prefix: str | None = None, signed_on: dt.date | None = None) -> Decision:
    """The signing leader signs the decision, only after the disclosure period has ended: the
    register entry, awaiting its number ("chờ cấp số"), and every award record in one transaction.
    The documents and certificates wait for the number (`numbering.give_number`). The signer's name
    and capacity come from the account unless given (`signing_capacity`)."""
    if not signer_title:
        account_prefix, signer_title = signing_capacity(actor)
        sign_prefix = account_prefix if sign_prefix is None else sign_prefix
    sign_prefix = sign_prefix or ""
    signer_name = signer_name or actor.get_full_name() or actor.username
    if role_of(actor) not in SIGNING_ROLES:
        raise PermissionDenied("Chỉ lãnh đạo có thẩm quyền được ký quyết định khen thưởng.")
    dossier = lock(dossier)
    if dossier.goes_upward:
        raise ValidationError({"status": ["Hình thức này do cấp trên quyết định: trình cấp trên, không ban hành tại tỉnh."]})
    if dossier.status != S.DISCLOSURE:
        raise ValidationError({"status": [f"Không thể ban hành quyết định: hồ sơ đang “{dossier.get_status_display()}”."]})
    if not disclosure_over(dossier):
        raise ValidationError({"status": [f"Chưa hết thời gian công khai (đến hết ngày {dossier.disclosure_end:%d/%m/%Y})."]})
    errors = {}
    if not (signer_name or "").strip():
        errors["signer_name"] = ["Ghi họ tên người ký."]
    signed_on = signed_on or clock.today()
    if signed_on > clock.today():
        errors["signed_on"] = ["Ngày ký không được ở tương lai."]
    if signed_on < dossier.disclosure_end:
        errors["signed_on"] = ["Ngày ký phải sau thời gian công khai."]
    nominees = list(passed_nominees(dossier))
    if not nominees:
        errors["__all__"] = ["Hồ sơ không có đối tượng được Hội đồng thông qua."]
    if errors:
        raise ValidationError(errors)
    issuer_unit, issuer_name, _ = issuer_for(dossier)
    decision, count = _register(
        actor, dossier, nominees, f"Ký từ hồ sơ {dossier.code}, chờ văn thư cấp số", number="", signed_on=signed_on,
        issuer_name=issuer_name, issuer_unit=issuer_unit, body=register.body_for_unit(issuer_unit),
        signer_name=signer_name.strip(),
        signer_title=(f"{sign_prefix.strip()} " if sign_prefix.strip() else "") + signer_title.strip(),
        summary=_summary_for(nominees))
    move(actor, dossier, S.DECIDED, note=f"Lãnh đạo ký ngày {signed_on:%d/%m/%Y}, {count} đối tượng; chờ văn thư cấp số",
         notify=f"Hồ sơ {dossier.code}: quyết định khen thưởng {count} đối tượng đã được ký ngày {signed_on:%d/%m/%Y}, "
                f"đang chờ văn thư cấp số.")
    return decision


# --- Forwarding upward (Prime Minister, President) ---------------------------------------------

@transaction.atomic
def forward_dossier(actor, dossier: Dossier, number: str = "") -> Dossier:
    """Send the dossier upward with the province's tờ trình (its number when already given); the
    package as sent (tờ trình, list, reports, minutes) is kept after the commit."""
    require_office(actor)
    dossier = lock(dossier)
    if not dossier.goes_upward:
        raise ValidationError({"status": ["Hình thức thuộc thẩm quyền của tỉnh: ban hành quyết định, không trình cấp trên."]})
    if dossier.status != S.DISCLOSURE or not disclosure_over(dossier):
        raise ValidationError({"status": ["Chỉ trình cấp trên sau khi hết thời gian công khai."]})
    number = (number or "").strip()
    if len(number) > 50:
        raise ValidationError({"number": ["Số tờ trình dài quá 50 ký tự."]})
    dossier.forwarded_on, dossier.forward_number = clock.today(), number
    dossier_id = dossier.pk
    transaction.on_commit(lambda: forwarding.store_package(Dossier.objects.get(pk=dossier_id)))
    to = "Thủ tướng Chính phủ" if dossier.authority == Authority.PRIME_MINISTER else "Chủ tịch nước"
    return move(actor, dossier, S.FORWARDED, note=f"Trình {to} qua Bộ Nội vụ",
                 notify=f"Hồ sơ {dossier.code} đã được trình {to}.")


@transaction.atomic
def record_upper_decision(actor, dossier: Dossier, *, number: str, signed_on: dt.date,
                          awarded: list[int] | None = None) -> Decision:
    """Record the decision of the Prime Minister or the President; creates the award records of the
    nominees it names (all passed nominees when `awarded` is None)."""
    require_office(actor)
    dossier = lock(dossier)
    if dossier.status != S.FORWARDED:
        raise ValidationError({"status": [f"Hồ sơ đang “{dossier.get_status_display()}”, chưa trình cấp trên."]})
    errors = {}
    number = (number or "").strip()
    if not number:
        errors["number"] = ["Ghi số, ký hiệu quyết định của cấp trên."]
    if not isinstance(signed_on, dt.date) or signed_on > clock.today():
        errors["signed_on"] = ["Ngày ký không hợp lệ."]
    elif dossier.forwarded_on and signed_on < dossier.forwarded_on:
        errors["signed_on"] = ["Ngày ký trước ngày trình."]
    nominees = list(passed_nominees(dossier))
    if awarded is not None:
        wanted = set(awarded)
        unknown = wanted - {n.pk for n in nominees}
        if unknown:
            errors["awarded"] = ["Có đối tượng không thuộc danh sách đã trình."]
        nominees = [n for n in nominees if n.pk in wanted]
    issuer = "Thủ tướng Chính phủ" if dossier.authority == Authority.PRIME_MINISTER else "Chủ tịch nước"
    body = register.resolve_body(issuer).body
    if number and isinstance(signed_on, dt.date):
        taken = register.number_problems(body, number, signed_on).taken
        if taken:
            errors["number"] = [taken]
    if errors:
        raise ValidationError(errors)
    decision, count = _register(actor, dossier, nominees, f"Quyết định của cấp trên cho hồ sơ {dossier.code}",
                                number=number, signed_on=signed_on, issuer_name=issuer, body=body,
                                summary=_summary_for(nominees) if nominees else "Quyết định của cấp trên")
    move(actor, dossier, S.UPPER_DECIDED, note=f"{issuer}: Quyết định số {number}, {count} đối tượng",
          notify=f"Hồ sơ {dossier.code}: {issuer} đã có Quyết định số {number} khen thưởng {count} đối tượng.")
    return decision
