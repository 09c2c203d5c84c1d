"""Dossiers for the demo, in every state a user should be able to open: a draft, one submitted and
waiting for appraisal, one returned with reasons, one before an open council session that the
demo council member `hoidong` has not voted on yet, one on public disclosure, one decided with its
signed decision and certificates, and one forwarded to the Prime Minister with its package.

Unlike the generator (bulk rows), this goes through the services, so the history, audit rows,
notifications, numbers and documents are exactly what the application itself produces. The
clock is moved back and forth (tdkt.core.clock) so that the periods have really run.
"""
from __future__ import annotations

import sys

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from tdkt.awards.models import AwardRecord, AwardType
from tdkt.core import clock
from tdkt.core.choices import Role
from tdkt.core.models import Profile
from tdkt.org.models import Person, Unit

from .accounts import DEMO_PASSWORD
from .uploads import pdf_upload

COUNCIL = [("hoidong.2", "Nguyễn Thị Hồng Nhung"), ("hoidong.3", "Trần Văn Khải"), ("hoidong.4", "Lê Thị Bích Ngọc"),
           ("hoidong.5", "Phạm Quang Vinh"), ("hoidong.6", "Đinh Thị Thu Trang"), ("hoidong.7", "Bùi Đức Thắng"),
           ("hoidong.8", "Vũ Thị Kim Oanh")]


def _council_members(password: str) -> list[User]:
    members = [User.objects.get(username="hoidong")]
    for username, full_name in COUNCIL:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.password, user.is_active = full_name, password, True
        user.save()
        Profile.objects.update_or_create(user=user, defaults={"role": Role.COUNCIL, "unit": None,
                                                              "title": "Ủy viên Hội đồng Thi đua – Khen thưởng tỉnh"})
        members.append(user)
    return members


class Seeder:
    def __init__(self, year: int, password: str):
        self.year = year
        self.clerk = User.objects.get(username="vanthu.syt")
        self.officer = User.objects.get(username="canbo.tinh")
        self.leader = User.objects.get(username="lanhdao")
        self.members = _council_members(password)
        self.unit = self.clerk.profile.unit
        subtree = Unit.objects.filter(path__startswith=self.unit.path)
        # People with no commendation for the year yet: the appraisal would rightly block a second one
        # (a title of the year, e.g. CSTĐ cơ sở, is what makes many of them eligible: it does not block).
        rewarded = AwardRecord.objects.filter(year=year, person__isnull=False,
                                              award_type__category="commendation").values("person_id")
        people = (Person.objects.filter(unit__in=subtree, position__gt="").exclude(pk__in=rewarded)
                  .select_related("unit").order_by("unit__sort_key", "sort_key"))
        # Those the rule engine found eligible for a provincial Bằng khen first, as a unit would pick.
        from tdkt.eligibility.models import EligibilityResult
        from tdkt.eligibility.timely import latest_run

        run = latest_run(year)
        eligible = set(EligibilityResult.objects.filter(run=run, award_code="BK_TINH").values_list("person_id", flat=True)
                       if run else [])
        self.people_list = sorted(people[:400], key=lambda p: p.pk not in eligible)[:60]
        self.collectives_list = list(subtree.exclude(pk=self.unit.pk).order_by("sort_key")[:12])
        self.people, self.collectives = iter(self.people_list), iter(self.collectives_list)
        self.awards = {a.code: a for a in AwardType.objects.filter(code__in=["BK_TINH", "CO_TD_TINH", "BK_TTG"])}

    def dossier(self, title: str, nominees: list[tuple[str, str]], authority: str = "province_chair"):
        from tdkt.dossiers import services

        dossier = services.create_dossier(self.clerk, proposing_unit=self.unit, title=title, authority=authority,
                                          kind="regular", year=self.year)
        services.add_attachment(self.clerk, dossier, upload=pdf_upload("to-trinh.pdf"), kind="proposal")
        services.add_attachment(self.clerk, dossier, upload=pdf_upload("bien-ban-hop-xet.pdf"), kind="minutes")
        for kind, code in nominees:
            if kind == "person":
                person = next(self.people)
                nominee = services.add_nominee(
                    self.clerk, dossier, award_type=self.awards[code], subject_kind="individual", person=person,
                    achievement=f"Hoàn thành xuất sắc nhiệm vụ năm {self.year}, có sáng kiến được công nhận")
            else:
                unit = next(self.collectives)
                nominee = services.add_nominee(
                    self.clerk, dossier, award_type=self.awards[code], subject_kind="collective", recipient_unit=unit,
                    achievement=f"Dẫn đầu phong trào thi đua của ngành y tế năm {self.year}")
            if nominee.verdict_eligible is False:
                state_ground(self.clerk, nominee, f"Báo cáo tổng kết năm {self.year} của {self.unit.name}; biên bản họp "
                             "xét của Hội đồng Thi đua – Khen thưởng đơn vị")
            services.add_attachment(self.clerk, dossier, upload=pdf_upload("bao-cao-thanh-tich.pdf"), kind="report",
                                    nominee=nominee)
        return dossier

    def appraise(self, dossier, return_last: bool = False):
        from tdkt.dossiers import services

        services.submit_dossier(self.clerk, dossier)
        services.start_appraisal(self.officer, dossier)
        nominees = list(dossier.nominees.order_by("order"))
        for n in nominees:
            if return_last and n is nominees[-1]:
                services.appraise_nominee(self.officer, n, outcome="returned",
                                          reason=f"Bổ sung xác nhận mức hoàn thành xuất sắc nhiệm vụ năm {self.year} "
                                                 "và quyết định công nhận sáng kiến")
            else:
                services.appraise_nominee(self.officer, n, outcome="passed",
                                          justification="Đã đối chiếu hồ sơ gốc và ý kiến của Hội đồng cơ sở")
        if return_last:
            services.return_dossier(self.officer, dossier, "Đề nghị bổ sung theo ý kiến thẩm định")
        else:
            services.complete_appraisal(self.officer, dossier)

    def vote(self, dossiers, title: str, close: bool = True, skip: set[str] = frozenset()):
        from tdkt.dossiers.services import council

        session = council.create_session(self.officer, title=title, held_on=clock.today(), members=self.members,
                                         place="Phòng họp số 1, Ủy ban nhân dân tỉnh", chair_name="Trương Quốc Huy",
                                         secretary_name="Trần Thị Thu Hà")
        council.add_to_agenda(self.officer, session, dossiers)
        council.open_session(self.officer, session)
        for index, member in enumerate(self.members):
            if member.username in skip:
                continue
            choice = "disagree" if index == len(self.members) - 1 else "agree"
            council.cast_ballot_paper(member, session, {item.pk: choice for item in session.items.all()})
        if close:
            council.close_session(self.officer, session)
        return session


NEEDED_PEOPLE, NEEDED_COLLECTIVES = 13, 5


def seed(year: int, password: str = "", out=sys.stdout) -> dict:
    """Create the demo dossiers (idempotent: nothing is done when dossiers exist)."""
    from tdkt.dossiers.models import Dossier
    from tdkt.dossiers.services import decisions, forwarding, issuance, numbering

    if Dossier.objects.exists():
        return {"dossiers": Dossier.objects.count(), "created": 0}
    from django.conf import settings

    s = Seeder(year, password or make_password(DEMO_PASSWORD))
    if len(s.people_list) < NEEDED_PEOPLE or len(s.collectives_list) < NEEDED_COLLECTIVES:
        print("  Hồ sơ mẫu: bỏ qua (tỉnh mẫu quá nhỏ để lập đủ các hồ sơ).", file=out)
        return {"dossiers": 0, "created": 0}
    in_background = settings.TDKT_DOCUMENTS_IN_BACKGROUND
    settings.TDKT_DOCUMENTS_IN_BACKGROUND = False  # the decision's files are made before the demo starts
    try:
        # Decided: the whole way, four weeks ago; the decision is signed two days ago.
        clock.travel(-30)
        decided = s.dossier(f"Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho các tập thể, cá nhân ngành y tế "
                            f"năm {year}", [("person", "BK_TINH"), ("person", "BK_TINH"), ("person", "BK_TINH"),
                                            ("collective", "BK_TINH"), ("collective", "CO_TD_TINH")])
        forwarded = s.dossier(f"Đề nghị tặng Bằng khen của Thủ tướng Chính phủ năm {year}",
                              [("person", "BK_TTG"), ("collective", "BK_TTG")], authority="prime_minister")
        s.appraise(decided)
        s.appraise(forwarded)
        s.vote([decided, forwarded], f"Phiên họp xét khen thưởng tổng kết năm {year} (đợt 1)")
        for d in (decided, forwarded):
            d.refresh_from_db()
            decisions.start_disclosure(s.officer, d)
        clock.reset()
        clock.travel(-2)
        decided.refresh_from_db()
        decision = decisions.issue_decision(s.leader, decided, signer_name=s.leader.get_full_name(),
                                            sign_prefix="KT. CHỦ TỊCH", signer_title="Phó Chủ tịch")
        # The province's văn thư gives the next number of the UBND's register for the year.
        decided.refresh_from_db()
        decision = numbering.give_number(s.officer, decided, number=numbering.proposal(decision),
                                         signed_on=clock.today())
        forwarded.refresh_from_db()
        decisions.forward_dossier(s.officer, forwarded, f"{decision.pk + 40}/TTr-UBND")
        clock.reset()

        # On disclosure since yesterday.
        clock.travel(-4)
        disclosed = s.dossier(f"Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho tập thể, cá nhân có thành tích "
                              f"trong phòng, chống dịch năm {year}", [("person", "BK_TINH"), ("person", "BK_TINH"),
                                                                       ("collective", "BK_TINH")])
        s.appraise(disclosed)
        s.vote([disclosed], f"Phiên họp xét khen thưởng tổng kết năm {year} (đợt 2)")
        clock.reset()
        clock.travel(-1)
        disclosed.refresh_from_db()
        decisions.start_disclosure(s.officer, disclosed)
        clock.reset()

        # Before the council: voting is open and `hoidong` has not voted yet.
        council_dossier = s.dossier(f"Đề nghị tặng Cờ thi đua và Bằng khen của UBND tỉnh năm {year}",
                                    [("collective", "CO_TD_TINH"), ("person", "BK_TINH"), ("person", "BK_TINH")])
        s.appraise(council_dossier)
        s.vote([council_dossier], f"Phiên họp xét khen thưởng tổng kết năm {year} (đợt 3)", close=False,
               skip={"hoidong"})

        # Returned for amendment, submitted and waiting, and a draft.
        returned = s.dossier(f"Đề nghị tặng Bằng khen cho cá nhân có sáng kiến năm {year}",
                             [("person", "BK_TINH"), ("person", "BK_TINH")])
        s.appraise(returned, return_last=True)
        from tdkt.dossiers import services

        waiting = s.dossier(f"Đề nghị khen thưởng chuyên đề công tác cải cách hành chính năm {year}",
                            [("person", "BK_TINH"), ("person", "BK_TINH")])
        services.submit_dossier(s.clerk, waiting)
        s.dossier(f"Đề nghị khen thưởng đột xuất cho cá nhân có hành động dũng cảm năm {year}", [("person", "BK_TINH")])

        # The decision's files and the package are made after the commit; inside a surrounding
        # transaction (a test) that has not happened yet: make what is missing now.
        decided.refresh_from_db()
        issuance.generate_documents(decided)
        if not forwarded.issued_files.filter(kind="package").exists():
            forwarding.store_package(forwarded)
        status = issuance.document_status(decided)
    finally:
        clock.reset()
        settings.TDKT_DOCUMENTS_IN_BACKGROUND = in_background
    print(f"  Hồ sơ mẫu: {Dossier.objects.count()} hồ sơ ở các bước; Quyết định số {decision.number} với "
          f"{status['certificates_done']} bằng đã ký số.", file=out)
    return {"dossiers": Dossier.objects.count(), "created": Dossier.objects.count(), "decision": decision.number}


def state_ground(actor, nominee, evidence: str) -> None:
    """Where the records do not decide, the unit states a ground only people can judge (the first the
    rule set offers for the award), with its evidence, as a clerk would on the nominee form."""
    from tdkt.dossiers import services
    from tdkt.dossiers.services import grounds

    offered = grounds.grounds_for(nominee.award_type.code, nominee.subject_kind,
                                  grounds.proposal_kind(nominee.dossier), clock.today())
    if offered:
        services.update_nominee(actor, nominee, achievement=nominee.achievement, claims={offered[0]: evidence})
