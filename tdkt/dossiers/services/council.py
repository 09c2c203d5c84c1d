"""The Emulation and Commendation Council's session and its secret e-ballot.

Thresholds (legal-rules.md §2.5, NĐ 98/2023 Điều 30 khoản 7; the NĐ 152/2025 equivalents are
unconfirmed, so they are data here): ≥ 90 % for Anh hùng, CSTĐ toàn quốc and CSTĐ tỉnh; ≥ 80 % for
CSTĐ cơ sở and the emulation flags; a simple majority for everything else (the council's working
rule). The share is counted on the council's total membership, not on those present; a member
recused from a nominee (their own unit, or a declared conflict of interest) cannot vote on it and is
left out of that nominee's count. Votes count only when the session reached its quorum (by default
two thirds of the members, settings TDKT_COUNCIL_QUORUM; Bắc Ninh asks 80 % for award sessions).

Secrecy: an agenda item keeps running counts; who voted is kept apart (BallotReceipt, without the
choice), so the database itself cannot tell how a member voted. Counts are shown only once the
session is closed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404

from tdkt.core import audit, clock
from tdkt.core.choices import Role
from tdkt.core.scope import is_office, profile_of, role_of, unit_subtree_ids
from tdkt.documents.minutes import FAILED, NO_QUORUM, OUTCOME_LABELS, PASSED
from tdkt.rules import procedure
from tdkt.rules.errors import ProcedureError

from .. import notices
from ..choices import Appraisal, BallotChoice, DossierAction, DossierStatus as S, SessionStatus, VoteResult
from ..models import AgendaItem, BallotReceipt, CouncilSession, Dossier, Nominee, Recusal, SessionMember
from ..workflow import lock, move, require_office, user_of
from .wording import place_name

MEMBER_ROLES = {Role.COUNCIL, Role.LEADER, Role.OFFICER, Role.ADMIN}


def threshold_for(award_code: str, on) -> procedure.VoteThreshold:
    """The share of the council needed for `award_code` at a session held on `on` (rule data:
    tdkt.rules.procedure, one dated and cited row per threshold)."""
    try:
        return procedure.vote_threshold(award_code, on)
    except ProcedureError as exc:
        raise ValidationError({"held_on": [str(exc)]}) from None


def threshold_label(item: AgendaItem, on) -> str:
    """The words of an item's stored threshold, as the rules in force at the session word them."""
    return procedure.vote_threshold_label(item.threshold, item.strict, on)


def passes(agree: int, eligible_voters: int, threshold: Decimal, strict: bool) -> bool:
    """Whether `agree` votes out of the members entitled to vote reach the threshold."""
    if eligible_voters <= 0:
        return False
    share = Decimal(agree) / Decimal(eligible_voters)
    return share > threshold if strict else share >= threshold


# --- Setting up a session ----------------------------------------------------------------------

@transaction.atomic
def create_session(actor, *, title: str, held_on, members, place: str = "", chair_name: str = "",
                   secretary_name: str = "", council_name: str = "", quorum: Decimal | None = None) -> CouncilSession:
    require_office(actor)
    errors = {}
    members = list(dict.fromkeys(members))
    if not (title or "").strip():
        errors["title"] = ["Tên phiên họp không được để trống."]
    if held_on is None:
        errors["held_on"] = ["Ngày họp không hợp lệ (định dạng dd/mm/yyyy)."]
    if not members:
        errors["members"] = ["Phiên họp phải có thành viên Hội đồng."]
    not_members = [m.get_full_name() or m.username for m in members if role_of(m) not in MEMBER_ROLES]
    if not_members:
        errors["members"] = [f"Không phải thành viên Hội đồng: {', '.join(not_members)}."]
    quorum = Decimal(str(quorum if quorum is not None else settings.TDKT_COUNCIL_QUORUM))
    if not (Decimal("0.5") <= quorum <= 1):
        errors["quorum"] = ["Tỷ lệ tham dự tối thiểu phải từ 0,5 đến 1."]
    if errors:
        raise ValidationError(errors)
    session = CouncilSession.objects.create(
        title=title.strip(), held_on=held_on, place=place.strip(), chair_name=chair_name.strip(),
        secretary_name=secretary_name.strip(), quorum=quorum, created_by=user_of(actor),
        **({"council_name": council_name.strip()} if (council_name or "").strip() else {}))
    for member in members:
        profile = profile_of(member)
        SessionMember.objects.create(session=session, user=member, unit=profile.unit if profile else None,
                                     role_in_council=profile.title if profile else "")
    audit.created(actor, session, note=f"{len(members)} thành viên")
    return session


def _recusals_for(session: CouncilSession, nominee: Nominee, memberships) -> list[tuple]:
    """Members whose own unit (with its subtree) holds the nominee or proposed it."""
    found = []
    for m in memberships:
        if m.unit_id is None:
            continue
        subtree = unit_subtree_ids(m.unit)
        if nominee.unit_id in subtree or nominee.dossier.proposing_unit_id in subtree:
            found.append((m.user_id, f"Thành viên thuộc {m.unit.name}, đơn vị của đối tượng được đề nghị"))
    return found


@transaction.atomic
def add_to_agenda(actor, session: CouncilSession, dossiers) -> int:
    """Put the passed nominees of appraised dossiers on the session's agenda; the dossiers go before
    the council. Returns the number of nominees added."""
    require_office(actor)
    session = CouncilSession.objects.select_for_update().get(pk=session.pk)
    if session.status != SessionStatus.PREPARING:
        raise ValidationError({"session": ["Phiên họp đã bắt đầu bỏ phiếu: không thêm nội dung."]})
    memberships = list(session.memberships.select_related("unit"))
    order = session.items.count()
    added = 0
    for dossier in dossiers:
        dossier = lock(dossier)
        if dossier.status != S.APPRAISED:
            raise ValidationError({"dossiers": [f"Hồ sơ {dossier.code} chưa thẩm định xong (“{dossier.get_status_display()}”)."]})
        for nominee in dossier.nominees.filter(appraisal=Appraisal.PASSED).select_related("award_type", "dossier"):
            order += 1
            rule = threshold_for(nominee.award_type.code, session.held_on)
            item = AgendaItem.objects.create(session=session, nominee=nominee, order=order, threshold=rule.share,
                                             strict=rule.strict)
            for user_id, reason in _recusals_for(session, nominee, memberships):
                Recusal.objects.create(item=item, member_id=user_id, reason=reason)
            added += 1
        move(actor, dossier, S.COUNCIL, note=f"Trình {session}")
    audit.record(actor, DossierAction.SESSION_AGENDA, session, note=f"Thêm {added} đối tượng vào chương trình")
    return added


@transaction.atomic
def open_session(actor, session: CouncilSession) -> CouncilSession:
    require_office(actor)
    session = CouncilSession.objects.select_for_update().get(pk=session.pk)
    if session.status != SessionStatus.PREPARING:
        raise ValidationError({"status": ["Phiên họp không ở trạng thái chuẩn bị."]})
    if not session.items.exists():
        raise ValidationError({"items": ["Chương trình phiên họp chưa có đối tượng nào."]})
    before = audit.snapshot(session)
    session.status, session.opened_at = SessionStatus.OPEN, clock.now()
    session.save()
    audit.changed(actor, session, before, action=DossierAction.SESSION_OPEN, note="Bắt đầu bỏ phiếu")
    members = [m.user for m in session.memberships.select_related("user")]
    notices.voting_opened(session, members, session.items.count())
    return session


# --- Voting ------------------------------------------------------------------------------------

def _membership(member, session: CouncilSession) -> SessionMember:
    found = session.memberships.filter(user_id=member.pk).first()
    if found is None:
        raise Http404("Không tìm thấy phiên họp.")
    return found


@transaction.atomic
def declare_conflict(member, item: AgendaItem, reason: str) -> Recusal:
    """A member declares a conflict of interest on a nominee and so does not vote on it."""
    session = item.session
    _membership(member, session)
    if session.status == SessionStatus.CLOSED:
        raise ValidationError({"item": ["Phiên họp đã kết thúc."]})
    if not (reason or "").strip():
        raise ValidationError({"reason": ["Ghi rõ lý do xung đột lợi ích."]})
    if BallotReceipt.objects.filter(item=item, member=member).exists():
        raise ValidationError({"item": ["Bạn đã bỏ phiếu cho đối tượng này: không thể khai báo sau khi bỏ phiếu."]})
    if Recusal.objects.filter(item=item, member=member).exists():
        raise ValidationError({"item": ["Bạn đã không tham gia bỏ phiếu đối tượng này."]})
    recusal = Recusal.objects.create(item=item, member=member, reason=reason.strip(), declared=True)
    audit.created(member, recusal, note=f"Khai báo xung đột lợi ích: {item.nominee.recipient_name}")
    return recusal


@transaction.atomic
def cast_ballot(member, item: AgendaItem, choice: str) -> None:
    """One member's vote on one nominee. The receipt (who voted) and the count (what was chosen)
    are written in separate tables in one transaction; a second vote hits the unique receipt."""
    session = CouncilSession.objects.select_for_update().get(pk=item.session_id)
    _membership(member, session)
    if session.status != SessionStatus.OPEN:
        raise ValidationError({"item": ["Phiên họp không trong thời gian bỏ phiếu."]})
    if choice not in BallotChoice.values:
        raise ValidationError({"choice": ["Phiếu phải chọn “Đồng ý” hoặc “Không đồng ý”."]})
    name = item.nominee.recipient_name
    if Recusal.objects.filter(item=item, member=member).exists():
        raise ValidationError({"item": [f"Bạn không bỏ phiếu cho {name} (đối tượng thuộc đơn vị của bạn hoặc đã "
                                        "khai báo xung đột lợi ích)."]})
    try:
        with transaction.atomic():
            BallotReceipt.objects.create(item=item, member=member)
    except IntegrityError:
        raise ValidationError({"item": [f"Bạn đã bỏ phiếu cho {name}: mỗi thành viên chỉ bỏ phiếu một lần."]}) from None
    field = "agree" if choice == BallotChoice.AGREE else "disagree"
    AgendaItem.objects.filter(pk=item.pk).update(**{field: F(field) + 1})
    # The audit row says that the member voted, never how.
    audit.record(member, DossierAction.BALLOT_CAST, session, note=f"Bỏ phiếu cho {name}")


def cast_ballot_paper(member, session: CouncilSession, choices: dict[int, str]) -> int:
    """A whole ballot paper at once: {agenda item id: choice}. All or nothing."""
    with transaction.atomic():
        items = {i.pk: i for i in session.items.select_related("nominee")}
        errors = []
        for item_id in choices:
            if item_id not in items:
                errors.append(f"Mục {item_id} không thuộc phiên họp.")
        if not choices:
            errors.append("Phiếu chưa chọn ý kiến cho đối tượng nào.")
        if errors:
            raise ValidationError({"choices": errors})
        for item_id, choice in choices.items():
            cast_ballot(member, items[item_id], choice)
    return len(choices)


def ballot_state(member, session: CouncilSession) -> dict[int, str]:
    """For the member's own ballot paper: {item id: 'voted' | 'recused'} (never the choice)."""
    state = {i: "recused" for i in Recusal.objects.filter(item__session=session, member=member)
             .values_list("item_id", flat=True)}
    for item_id in BallotReceipt.objects.filter(item__session=session, member=member).values_list("item_id", flat=True):
        state[item_id] = "voted"
    return state


# --- Closing and counting ------------------------------------------------------------------------

def present_count(session: CouncilSession) -> int:
    """Members who took part: cast at least one vote or declared a conflict."""
    voters = set(BallotReceipt.objects.filter(item__session=session).values_list("member_id", flat=True))
    voters |= set(Recusal.objects.filter(item__session=session, declared=True).values_list("member_id", flat=True))
    return len(voters)


def quorum_needed(session: CouncilSession, total: int) -> int:
    return math.ceil(Decimal(total) * session.quorum - Decimal("0.0001"))


@dataclass
class Progress:
    """How far the voting has gone: members who took part out of the council, against the quorum."""

    voted: int
    members: int
    needed: int

    @property
    def quorate(self) -> bool:
        return self.voted >= self.needed

    @property
    def text(self) -> str:
        return f"{self.voted}/{self.members} đã bỏ phiếu"


def progress(session: CouncilSession) -> Progress:
    total = session.memberships.count()
    voted = session.present_count if session.status == SessionStatus.CLOSED and session.present_count is not None \
        else present_count(session)
    return Progress(voted=voted, members=total, needed=quorum_needed(session, total))


def close_warning(session: CouncilSession) -> str:
    """What the office is asked before closing: what will happen, and a warning below the quorum."""
    p = progress(session)
    if not p.quorate:
        return (f"Mới có {p.voted}/{p.members} thành viên bỏ phiếu, cần ít nhất {p.needed}: "
                f"{OUTCOME_LABELS[NO_QUORUM].lower()}. Kết thúc bây giờ thì kết quả không có giá trị và các hồ sơ "
                "trở lại chờ trình phiên họp sau. Vẫn kết thúc?")
    return (f"Kết thúc bỏ phiếu với {p.voted}/{p.members} thành viên đã bỏ phiếu? Sau khi kết thúc, thành viên không "
            "bỏ phiếu được nữa; hệ thống kiểm phiếu và chuyển hồ sơ sang bước tiếp theo.")


@dataclass
class ItemCount:
    """One nominee's counts in the one vocabulary (tdkt.documents.minutes.VoteTerms)."""

    item: AgendaItem
    members: int
    recused: int
    agree: int
    disagree: int
    outcome: str  # PASSED, FAILED, NO_QUORUM, or "" while the ballot is not closed

    @property
    def voted(self) -> int:
        return self.agree + self.disagree

    @property
    def not_voted(self) -> int:
        return max(self.members - self.voted - self.recused, 0)

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.outcome, "")


def tally(session: CouncilSession, items=None) -> list[ItemCount]:
    """Counts per agenda item, the same on the page, in the API and in the minutes. Votes are
    counted only once the session is closed (the ballot is secret while open: zeros then)."""
    from django.db.models import Count

    total = session.memberships.count()
    closed = session.status == SessionStatus.CLOSED
    if items is None:
        items = (session.items.select_related("nominee", "nominee__award_type", "nominee__dossier")
                 .annotate(n_recused=Count("recusals")).order_by("order", "id"))
    counts = []
    for item in items:
        if not closed:
            outcome = ""
        elif item.result == VoteResult.PASSED:
            outcome = PASSED
        elif item.result == VoteResult.FAILED:
            outcome = FAILED
        else:
            outcome = NO_QUORUM
        counts.append(ItemCount(item=item, members=total, recused=item.n_recused,
                                agree=item.agree if closed else 0, disagree=item.disagree if closed else 0,
                                outcome=outcome))
    return counts


@transaction.atomic
def close_session(actor, session: CouncilSession) -> CouncilSession:
    """End the voting and count: each nominee passes when the agreeing votes reach its threshold of
    the members entitled to vote on it, provided the session reached its quorum. The dossiers move
    on (voted, or rejected when no nominee passed, or back to appraised when there was no quorum)."""
    require_office(actor)
    session = CouncilSession.objects.select_for_update().get(pk=session.pk)
    if session.status != SessionStatus.OPEN:
        raise ValidationError({"status": ["Phiên họp không đang bỏ phiếu."]})
    total = session.memberships.count()
    present = present_count(session)
    quorate = present >= quorum_needed(session, total)
    recused = {}
    for item_id in Recusal.objects.filter(item__session=session).values_list("item_id", flat=True):
        recused[item_id] = recused.get(item_id, 0) + 1
    dossiers: dict[int, Dossier] = {}
    passed_in: dict[int, int] = {}
    for item in session.items.select_related("nominee", "nominee__dossier"):
        nominee = item.nominee
        dossiers[nominee.dossier_id] = nominee.dossier
        passed_in.setdefault(nominee.dossier_id, 0)
        if not quorate:
            continue
        ok = passes(item.agree, total - recused.get(item.pk, 0), item.threshold, item.strict)
        item.result = VoteResult.PASSED if ok else VoteResult.FAILED
        item.save(update_fields=["result"])
        nominee.vote_result = item.result
        if not ok:
            nominee.is_open = False
        nominee.save(update_fields=["vote_result", "is_open"])
        passed_in[nominee.dossier_id] += ok
    before = audit.snapshot(session)
    session.status, session.closed_at, session.present_count = SessionStatus.CLOSED, clock.now(), present
    session.save()
    audit.changed(actor, session, before, action=DossierAction.BALLOT_CLOSE,
                  note=f"Kết thúc bỏ phiếu: {present}/{total} thành viên đã bỏ phiếu"
                  + ("" if quorate else f"; {OUTCOME_LABELS[NO_QUORUM].lower()} (cần ít nhất "
                                        f"{quorum_needed(session, total)}): kết quả không có giá trị"))
    for dossier_id, dossier in dossiers.items():
        dossier = lock(dossier)
        if not quorate:
            move(actor, dossier, S.APPRAISED, note=f"{session}: không đủ số thành viên tham gia, trình lại phiên sau.")
        elif passed_in[dossier_id]:
            move(actor, dossier, S.VOTED, note=f"{session}: {passed_in[dossier_id]} đối tượng được thông qua.",
                  notify=f"Hội đồng đã bỏ phiếu hồ sơ {dossier.code}: {passed_in[dossier_id]} đối tượng được thông qua.")
        else:
            move(actor, dossier, S.REJECTED, note=f"{session}: không đối tượng nào được thông qua.",
                  notify=f"Hồ sơ {dossier.code}: Hội đồng không thông qua đối tượng nào.")
    return session


def require_member_or_office(user, session: CouncilSession) -> None:
    """Declaring a conflict of interest is for the session's members (the office may act for them)."""
    if is_office(user):
        return
    if not session.memberships.filter(user_id=user.pk).exists():
        raise Http404("Không tìm thấy phiên họp.")


def minutes_doc(session: CouncilSession):
    """The vote-count minutes (biên bản kiểm phiếu) of a closed session: counts only, never who
    voted how (the data to say it does not exist)."""
    from tdkt.documents.minutes import MinutesDoc, MinutesRow

    total = session.memberships.count()
    rows = [MinutesRow(order=i, name=c.item.nominee.recipient_name, award_name=c.item.nominee.award_type.name,
                       agree=c.agree, disagree=c.disagree, recused=c.recused, not_voted=c.not_voted,
                       threshold_label=threshold_label(c.item, session.held_on),
                       passed=None if c.outcome in (NO_QUORUM, "") else c.outcome == PASSED)
            for i, c in enumerate(tally(session), 1)]
    return MinutesDoc(council_name=session.council_name, session_title=session.title, held_on=session.held_on,
                      place=place_name(), total_members=total,
                      present_members=session.present_count if session.present_count is not None else present_count(session),
                      chair_name=session.chair_name or "………………", secretary_name=session.secretary_name or "………………",
                      rows=rows)
