"""The home desk: for each role, what waits for it, each a count and a link to the page where it is done.

- clerk: dossiers returned for amendment (and their nominees), drafts not yet submitted, this week's
  deadlines of the unit (registration, self-scoring, covenant values);
- office (officer, administrator): dossiers to receive, to appraise, to put before the council,
  sessions being prepared, disclosures ending this week, decisions waiting for their number;
- council member: sessions open for voting where the member has items left to vote on;
- leader: decisions waiting for signature (the signing queue).

Every figure is counted through the user's scope (`visible_to`), the dossier figures in one
aggregate query; unread notices come from the navigation's count (tdkt.context), not counted again.
The figures change with every step of a dossier, so they are counted live (indexed status columns)
rather than cached.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from tdkt.awards.choices import Authority
from tdkt.core import clock
from tdkt.core.choices import OFFICE_ROLES, Role
from tdkt.core.scope import profile_of, role_of
from tdkt.dossiers.choices import STATUS_GROUPS, Appraisal, DossierStatus as S, SessionStatus
from tdkt.dossiers.models import AgendaItem, BallotReceipt, CouncilSession, Dossier, Nominee, Recusal, SessionMember
from tdkt.help import GUIDE_BY_ROLE

# Deadlines "this week": from today to six days ahead.
WEEK_DAYS = 7
UPWARD = (Authority.PRIME_MINISTER, Authority.PRESIDENT)


@dataclass
class Item:
    key: str
    label: str
    count: int
    url: str
    hint: str = ""


@dataclass
class Deadline:
    label: str
    due: dt.date
    url: str

    @property
    def days_left(self) -> int:
        return (self.due - clock.today()).days


def _list(status: str = "", group: str = "", **extra) -> str:
    """The dossier list filtered by one status or by a group of them (STATUS_GROUPS: the list counts
    what the desk counted)."""
    query = {"trang_thai": status} if status else {"nhom": group} if group else {}
    query.update(extra)
    return reverse("dossiers:list") + (f"?{urlencode(query)}" if query else "")


def dossier_counts(user) -> dict[str, int]:
    """Every dossier figure of the desk in one query, in the user's scope."""
    today = clock.today()
    week_end = today + dt.timedelta(days=WEEK_DAYS - 1)
    return Dossier.objects.visible_to(user).aggregate(
        draft=Count("pk", filter=Q(status=S.DRAFT)),
        returned=Count("pk", filter=Q(status=S.RETURNED)),
        submitted=Count("pk", filter=Q(status__in=STATUS_GROUPS["cho-tiep-nhan"].statuses)),
        in_progress=Count("pk", filter=Q(status__in=STATUS_GROUPS["dang-xu-ly"].statuses)),
        appraising=Count("pk", filter=Q(status=S.APPRAISING)),
        appraised=Count("pk", filter=Q(status=S.APPRAISED)),
        voted=Count("pk", filter=Q(status=S.VOTED)),
        disclosure_ending=Count("pk", filter=Q(status=S.DISCLOSURE, disclosure_end__range=(today, week_end))),
        to_sign=Count("pk", filter=Q(status=S.DISCLOSURE) & ~Q(authority__in=UPWARD)),
        awaiting_number=Count("pk", filter=Q(status=S.DECIDED, decision__isnull=False, decision__number="")),
        overdue=Count("pk", filter=Q(due_on__lt=today) & ~Q(status__in=(S.DRAFT, S.DECIDED, S.FORWARDED,
                                                                          S.UPPER_DECIDED, S.WITHDRAWN,
                                                                          S.REJECTED))),
    )


def clerk_items(user, counts) -> list[Item]:
    returned_nominees = (Nominee.objects.visible_to(user)
                         .filter(dossier__status=S.RETURNED, appraisal=Appraisal.RETURNED).count())
    return [
        Item("returned", "Hồ sơ bị trả lại để bổ sung", counts["returned"], _list(S.RETURNED),
             f"{returned_nominees} đối tượng cần bổ sung theo yêu cầu thẩm định" if counts["returned"] else ""),
        Item("draft", "Hồ sơ đang lập, chưa nộp", counts["draft"], _list(S.DRAFT)),
        Item("in_progress", "Hồ sơ đã nộp, đang được xử lý", counts["in_progress"], _list(group="dang-xu-ly")),
    ]


def office_items(user, counts) -> list[Item]:
    preparing = CouncilSession.objects.visible_to(user).filter(status=SessionStatus.PREPARING).count()
    return [
        Item("submitted", "Hồ sơ mới nộp, nộp lại chờ tiếp nhận", counts["submitted"],
             _list(group="cho-tiep-nhan")),
        Item("appraising", "Hồ sơ đang thẩm định", counts["appraising"], _list(S.APPRAISING)),
        Item("appraised", "Hồ sơ đã thẩm định, chờ trình Hội đồng", counts["appraised"], _list(S.APPRAISED),
             f"{preparing} phiên họp đang chuẩn bị" if preparing else ""),
        Item("voted", "Hồ sơ Hội đồng đã bỏ phiếu, chờ công khai", counts["voted"], _list(S.VOTED)),
        Item("disclosure_ending", "Công khai hết hạn trong tuần", counts["disclosure_ending"],
             reverse("dossiers:disclosures")),
        Item("awaiting_number", "Quyết định đã ký, chờ cấp số", counts["awaiting_number"],
             reverse("dossiers:signing_queue")),
        Item("overdue", "Hồ sơ quá hạn xử lý", counts["overdue"], _list(qua_han=1)),
    ]


def council_items(user) -> list[Item]:
    """Open sessions the member sits on where an agenda item still waits for the member's vote."""
    mine = SessionMember.objects.filter(session=OuterRef("pk"), user_id=user.pk)
    voted = BallotReceipt.objects.filter(item=OuterRef("pk"), member_id=user.pk)
    recused = Recusal.objects.filter(item=OuterRef("pk"), member_id=user.pk)
    left = AgendaItem.objects.filter(session=OuterRef("pk")).exclude(Exists(voted)).exclude(Exists(recused))
    waiting = list(CouncilSession.objects.visible_to(user).filter(status=SessionStatus.OPEN)
                   .filter(Exists(mine)).filter(Exists(left))
                   .order_by("held_on", "pk").values("pk", "title")[:20])
    # The ballot is filled in on the session's page (its own address only takes the form).
    url = (reverse("dossiers:session", args=[waiting[0]["pk"]]) if len(waiting) == 1
           else reverse("dossiers:sessions"))
    return [Item("ballots", "Phiên họp đang mở bỏ phiếu, chờ phiếu của bạn", len(waiting), url,
                 "; ".join(s["title"] for s in waiting[:3]))]


def leader_items(user, counts) -> list[Item]:
    return [Item("to_sign", "Quyết định chờ ký", counts["to_sign"], reverse("dossiers:signing_queue")),
            Item("awaiting_number", "Quyết định đã ký, chờ văn thư cấp số", counts["awaiting_number"],
                 reverse("dossiers:signing_queue"))]


def clerk_deadlines(user, today: dt.date) -> list[Deadline]:
    """The unit's deadlines of the week that it has not met yet: registration, self-scoring, covenant values."""
    from tdkt.emulation.choices import BlockStatus, CovenantStatus, RegistrationStatus, ResultPeriod, ScoreStage
    from tdkt.emulation.models import Block, Covenant, Registration, RegistrationPeriod, Score
    from tdkt.emulation.reminders import covenant_deadline

    profile = profile_of(user)
    unit_id = profile.unit_id if profile else None
    if unit_id is None:
        return []
    end = today + dt.timedelta(days=WEEK_DAYS - 1)
    found: list[Deadline] = []
    sent = Registration.objects.filter(unit_id=unit_id, year=OuterRef("year"), status=RegistrationStatus.SUBMITTED)
    for period in RegistrationPeriod.objects.filter(deadline__range=(today, end)).exclude(Exists(sent)):
        found.append(Deadline(f"Hạn đăng ký thi đua năm {period.year}", period.deadline,
                              reverse("emulation:registration", args=[unit_id, period.year])))
    scored = Score.objects.filter(block=OuterRef("pk"), unit_id=unit_id, stage=ScoreStage.SELF, is_current=True)
    for block in (Block.objects.filter(status=BlockStatus.SCORING, self_score_deadline__range=(today, end),
                                       members__unit_id=unit_id).exclude(Exists(scored)).distinct()):
        found.append(Deadline(f"Hạn tự chấm điểm: {block}", block.self_score_deadline, block.get_absolute_url()))
    for period in ResultPeriod:
        for year in {today.year, end.year}:
            try:
                due = covenant_deadline(year, period)
            except ImproperlyConfigured:  # a bad setting is the reminder job's to report, not the home page's
                continue
            if not today <= due <= end:
                continue
            for covenant in Covenant.objects.filter(year=year, status=CovenantStatus.SIGNED,
                                                    parties__unit_id=unit_id, parties__commits=True).distinct():
                found.append(Deadline(f"Hạn nhập kết quả giao ước “{covenant.title}” ({period.label.lower()})",
                                      due, covenant.get_absolute_url()))
    return sorted(found, key=lambda d: d.due)


def office_deadlines(user, today: dt.date) -> list[Deadline]:
    end = today + dt.timedelta(days=WEEK_DAYS - 1)
    return [Deadline(f"Hết thời gian công khai hồ sơ {d.code}", d.disclosure_end, d.get_absolute_url())
            for d in Dossier.objects.visible_to(user).filter(status=S.DISCLOSURE, disclosure_end__range=(today, end))
            .order_by("disclosure_end", "pk")[:10]]


def desk(user) -> dict:
    """{"desk_items": [...], "desk_deadlines": [...], "desk_role": role} for the home page."""
    role = role_of(user)
    today = clock.today()
    items: list[Item] = []
    deadlines: list[Deadline] = []
    if role == Role.CLERK:
        items = clerk_items(user, dossier_counts(user))
        deadlines = clerk_deadlines(user, today)
    elif role in OFFICE_ROLES:
        counts = dossier_counts(user)
        items = office_items(user, counts)
        if role == Role.ADMIN:
            items += [i for i in leader_items(user, counts) if i.key == "to_sign"]
        deadlines = office_deadlines(user, today)
    elif role == Role.COUNCIL:
        items = council_items(user)
    elif role == Role.LEADER:
        items = leader_items(user, dossier_counts(user))
    guide = GUIDE_BY_ROLE.get(role)
    return {"desk_items": items, "desk_deadlines": deadlines, "desk_role": role, "desk_guide": guide.slug if guide else "",
            "desk_waiting": sum(i.count for i in items) + len(deadlines)}
