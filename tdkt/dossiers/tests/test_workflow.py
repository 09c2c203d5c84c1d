"""The dossier workflow through its services: nomination, appraisal, council vote, disclosure,
decision; permissions, time limits, quotas and duplicates."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from tdkt.awards import services as award_services
from tdkt.awards.models import AwardRecord
from tdkt.core import clock
from tdkt.core.services import system_actor
from tdkt.dossiers import services
from tdkt.dossiers.models import BallotReceipt, Dossier, DossierTransition, Notification, Quota
from tdkt.dossiers.services import council as council_services, decisions
from tdkt.org import services as org_services
from tdkt.testing import make_user

from .factories import award, council, pdf, ready_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    root = system_actor()
    newcomer = org_services.create_person(root, world.unit_a_child, full_name="Hoàng Thị Hương", gender="female",
                                          birth_date=dt.date(1995, 1, 9), position="Chuyên viên")
    for year in (2023, 2024, 2025):
        award_services.set_rating(root, person=world.person_a, year=year, level="excellent")
    return newcomer


def three_nominee_dossier(world, newcomer):
    return ready_dossier(world.clerk_a, world.unit_a, [
        ({"person": world.person_a}, "CSTD_TINH"),
        ({"recipient_unit": world.unit_a_child}, "CO_TD_TINH"),
        ({"person": newcomer}, "BK_TINH"),
    ])


def vote(session, members, choices_by_name):
    """Each member votes on every item: agree unless the member's index is in the item's `disagree`."""
    items = list(session.items.select_related("nominee"))
    for index, member in enumerate(members):
        paper = {}
        for item in items:
            disagree = choices_by_name.get(item.nominee.recipient_name, set())
            paper[item.pk] = "disagree" if index in disagree else "agree"
        council_services.cast_ballot_paper(member, session, paper)


class TestJourney:
    def test_from_nomination_to_decision(self, world, people):
        newcomer = people
        dossier = three_nominee_dossier(world, newcomer)
        services.submit_dossier(world.clerk_a, dossier)
        dossier.refresh_from_db()
        assert dossier.status == "submitted" and dossier.submitted_on == clock.today()
        assert dossier.due_on is not None and dossier.due_on > clock.today()
        by_name = {n.recipient_name: n for n in dossier.nominees.all()}
        # The engine's verdict is frozen into each nominee; the newcomer has no rating for 2025.
        assert all(n.verdict and n.verdict_at for n in by_name.values())
        failing = by_name["Hoàng Thị Hương"]
        assert failing.verdict_eligible is False and failing.failed_checks

        services.start_appraisal(world.officer, dossier)
        services.appraise_nominee(world.officer, by_name["Nguyễn Văn Đức"], outcome="passed",
                                  justification="Hội đồng đơn vị đã xác nhận sáng kiến cấp tỉnh")
        services.appraise_nominee(world.officer, by_name["Phòng Ngân sách"], outcome="passed",
                                  justification="Dẫn đầu khối thi đua theo biên bản")
        with pytest.raises(ValidationError) as exc:
            services.appraise_nominee(world.officer, failing, outcome="passed")
        assert "justification" in exc.value.message_dict
        services.appraise_nominee(world.officer, failing, outcome="returned",
                                  reason="Thiếu xác nhận mức hoàn thành xuất sắc nhiệm vụ năm 2025")
        services.return_dossier(world.officer, dossier)
        dossier.refresh_from_db()
        assert dossier.status == "returned"
        note = Notification.objects.get(unit=world.unit_a, dossier=dossier)
        assert "Hoàng Thị Hương" in note.message and "Thiếu xác nhận" in note.message

        # The unit adds the missing rating and resubmits; the verdict is taken again.
        award_services.set_rating(system_actor(), person=newcomer, year=2025, level="excellent")
        services.add_attachment(world.clerk_a, dossier, upload=pdf("xac-nhan.pdf"), kind="rating",
                                nominee=failing)
        services.submit_dossier(world.clerk_a, dossier)
        dossier.refresh_from_db()
        assert dossier.status == "resubmitted"
        services.start_appraisal(world.officer, dossier)
        failing.refresh_from_db()
        services.appraise_nominee(world.officer, failing, outcome="passed",
                                  justification="Đã bổ sung xác nhận xếp loại")
        services.complete_appraisal(world.officer, dossier)
        dossier.refresh_from_db()
        assert dossier.status == "appraised"

        members = council(9)
        session = council_services.create_session(world.officer, title="Phiên họp xét khen thưởng năm 2025",
                                                  held_on=clock.today(), members=members)
        assert council_services.add_to_agenda(world.officer, session, [dossier]) == 3
        council_services.open_session(world.officer, session)
        # 8 of 9 agree on everyone: 88.9 % passes the 80 % flag and fails the 90 % CSTĐ tỉnh.
        vote(session, members, {"Nguyễn Văn Đức": {8}, "Phòng Ngân sách": {8}, "Hoàng Thị Hương": {8}})
        council_services.close_session(world.officer, session)
        results = {i.nominee.recipient_name: (i.agree, i.disagree, i.result) for i in session.items.all()}
        assert results == {"Nguyễn Văn Đức": (8, 1, "failed"), "Phòng Ngân sách": (8, 1, "passed"),
                           "Hoàng Thị Hương": (8, 1, "passed")}
        dossier.refresh_from_db()
        assert dossier.status == "voted"

        decisions.start_disclosure(world.officer, dossier)
        dossier.refresh_from_db()
        assert dossier.status == "disclosure" and dossier.disclosure_end > clock.today()
        with pytest.raises(ValidationError, match="công khai"):
            decisions.issue_decision(world.leader, dossier, signer_name="Trương Quốc Huy")
        with pytest.raises(PermissionDenied):
            decisions.issue_decision(world.officer, dossier, signer_name="Trương Quốc Huy")
        clock.travel((dossier.disclosure_end - clock.today()).days + 1)
        decision = decisions.issue_decision(world.leader, dossier, signer_name="Trương Quốc Huy")
        assert decision.awaiting_number and decision.issuer_name == "Chủ tịch Ủy ban nhân dân tỉnh Hà Nam"
        assert decision.body.unit == world.province and decision.body.name == "Ủy ban nhân dân tỉnh Hà Nam"
        records = AwardRecord.objects.filter(decision=decision)
        assert sorted(r.recipient_name for r in records) == ["Hoàng Thị Hương", "Phòng Ngân sách"]
        dossier.refresh_from_db()
        assert dossier.status == "decided" and dossier.decision == decision
        assert not dossier.nominees.filter(is_open=True).exists()
        steps = list(DossierTransition.objects.filter(dossier=dossier).values_list("to_status", flat=True))
        assert steps == ["draft", "submitted", "appraising", "returned", "resubmitted", "appraising", "appraised",
                         "council", "voted", "disclosure", "decided"]


class TestPermissions:
    def test_clerk_of_another_unit_gets_404(self, world, people):
        dossier = three_nominee_dossier(world, people)
        with pytest.raises(Http404):
            services.submit_dossier(world.clerk_b, dossier)
        with pytest.raises(Http404):
            services.add_attachment(world.clerk_b, dossier, upload=pdf(), kind="proposal")
        assert not Dossier.objects.visible_to(world.clerk_b).filter(pk=dossier.pk).exists()

    def test_clerk_cannot_nominate_another_units_people(self, world):
        dossier = services.create_dossier(world.clerk_a, proposing_unit=world.unit_a, title="Đề nghị",
                                          authority="province_chair", year=2025)
        with pytest.raises(Http404):
            services.add_nominee(world.clerk_a, dossier, award_type=award("BK_TINH"), subject_kind="individual",
                                 person=world.person_b, achievement="Thành tích")

    def test_clerk_cannot_appraise(self, world, people):
        dossier = three_nominee_dossier(world, people)
        services.submit_dossier(world.clerk_a, dossier)
        with pytest.raises(PermissionDenied):
            services.start_appraisal(world.clerk_a, dossier)

    def test_wrong_starting_status_is_refused(self, world, people):
        dossier = three_nominee_dossier(world, people)
        with pytest.raises(ValidationError, match="Dự thảo"):
            services.complete_appraisal(world.officer, dossier)


class TestNomination:
    def test_one_open_dossier_per_nominee_award_and_year(self, world, people):
        three_nominee_dossier(world, people)
        other = services.create_dossier(world.clerk_a, proposing_unit=world.unit_a, title="Hồ sơ thứ hai",
                                        authority="province_chair", year=2025)
        with pytest.raises(ValidationError) as exc:
            services.add_nominee(world.clerk_a, other, award_type=award("CSTD_TINH"), subject_kind="individual",
                                 person=world.person_a, achievement="Thành tích")
        assert "HS-2025-" in exc.value.message_dict["person"][0]

    def test_the_database_refuses_a_second_open_nomination(self, world, people):
        dossier = three_nominee_dossier(world, people)
        first = dossier.nominees.get(person=world.person_a)
        first.pk = None
        first.order = 99
        with pytest.raises(IntegrityError), transaction.atomic():
            first.save()

    def test_award_must_belong_to_the_authority_asked(self, world):
        dossier = services.create_dossier(world.clerk_a, proposing_unit=world.unit_a, title="Đề nghị",
                                          authority="province_chair", year=2025)
        with pytest.raises(ValidationError) as exc:
            services.add_nominee(world.clerk_a, dossier, award_type=award("BK_TTG"), subject_kind="individual",
                                 person=world.person_a, achievement="Thành tích")
        assert "Thủ tướng" in exc.value.message_dict["award_type"][0]

    def test_submission_lists_missing_documents(self, world):
        dossier = services.create_dossier(world.clerk_a, proposing_unit=world.unit_a, title="Đề nghị",
                                          authority="province_chair", year=2025)
        services.add_nominee(world.clerk_a, dossier, award_type=award("BK_TINH"), subject_kind="individual",
                             person=world.person_a, achievement="Thành tích")
        with pytest.raises(ValidationError) as exc:
            services.submit_dossier(world.clerk_a, dossier)
        messages = exc.value.message_dict["__all__"]
        assert any("tờ trình" in m for m in messages)
        assert any("báo cáo thành tích của Nguyễn Văn Đức" in m for m in messages)

    def test_simplified_procedure_needs_only_the_proposal(self, world):
        dossier = services.create_dossier(world.clerk_a, proposing_unit=world.unit_a, title="Khen đột xuất",
                                          authority="province_chair", kind="ad_hoc", year=2025)
        services.add_nominee(world.clerk_a, dossier, award_type=award("BK_TINH"), subject_kind="individual",
                             person=world.person_a, achievement="Cứu người trong lũ")
        services.add_attachment(world.clerk_a, dossier, upload=pdf(), kind="proposal")
        services.submit_dossier(world.clerk_a, dossier)
        assert Dossier.objects.get(pk=dossier.pk).status == "submitted"

    def test_thematic_dossier_names_its_movement(self, world):
        with pytest.raises(ValidationError) as exc:
            services.create_dossier(world.clerk_a, proposing_unit=world.unit_a, title="Chuyên đề",
                                    authority="province_chair", kind="thematic", year=2025)
        assert "movement" in exc.value.message_dict


class TestUploads:
    def test_an_exe_renamed_pdf_is_refused(self, world):
        from django.core.files.uploadedfile import SimpleUploadedFile

        dossier = services.create_dossier(world.clerk_a, proposing_unit=world.unit_a, title="Đề nghị",
                                          authority="province_chair", year=2025)
        fake = SimpleUploadedFile("to-trinh.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200)
        with pytest.raises(ValidationError) as exc:
            services.add_attachment(world.clerk_a, dossier, upload=fake, kind="proposal")
        assert "chỉ nhận tệp PDF" in exc.value.message_dict["file"][0]
        assert not dossier.attachments.exists()

    def test_an_oversized_file_is_refused(self, world, settings):
        settings.TDKT_MAX_UPLOAD_BYTES = 100
        dossier = services.create_dossier(world.clerk_a, proposing_unit=world.unit_a, title="Đề nghị",
                                          authority="province_chair", year=2025)
        with pytest.raises(ValidationError) as exc:
            services.add_attachment(world.clerk_a, dossier, upload=pdf(), kind="proposal")
        assert "lớn hơn" in exc.value.message_dict["file"][0]


class TestAppraisalChecks:
    def test_quota_blocks_passing_beyond_the_cap(self, world, people):
        Quota.objects.create(award_type=award("BK_TINH"), unit=world.unit_a, year=2025, max_count=1,
                             basis="Kế hoạch 12/KH-UBND")
        second = org_services.create_person(system_actor(), world.unit_a, full_name="Đinh Văn Long", gender="male")
        dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": people}, "BK_TINH"),
                                                              ({"person": second}, "BK_TINH")])
        services.submit_dossier(world.clerk_a, dossier)
        services.start_appraisal(world.officer, dossier)
        first, other = dossier.nominees.all()
        services.appraise_nominee(world.officer, first, outcome="passed", justification="Thành tích đột xuất")
        with pytest.raises(ValidationError) as exc:
            services.appraise_nominee(world.officer, other, outcome="passed", justification="Thành tích")
        assert "chỉ tiêu" in exc.value.message_dict["outcome"][0] and "1/1" in exc.value.message_dict["outcome"][0]

    def test_an_achievement_already_rewarded_cannot_pass(self, world, people):
        award_services.create_award_record(system_actor(), award_type=award("BK_TINH"), subject_kind="individual",
                                           person=people, year=2025)
        dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": people}, "BK_TINH")])
        services.submit_dossier(world.clerk_a, dossier)
        services.start_appraisal(world.officer, dossier)
        with pytest.raises(ValidationError, match="Đã được tặng"):
            services.appraise_nominee(world.officer, dossier.nominees.get(), outcome="passed", justification="x")

    def test_all_failed_rejects_the_dossier(self, world, people):
        dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": people}, "BK_TINH")])
        services.submit_dossier(world.clerk_a, dossier)
        services.start_appraisal(world.officer, dossier)
        services.appraise_nominee(world.officer, dossier.nominees.get(), outcome="failed", reason="Chưa đủ thành tích")
        services.complete_appraisal(world.officer, dossier)
        dossier.refresh_from_db()
        assert dossier.status == "rejected"
        # The slot is free again: the person can be proposed in a new dossier.
        assert not dossier.nominees.filter(is_open=True).exists()


class TestBallot:
    @pytest.fixture
    def open_session(self, world, people):
        dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": people}, "BK_TINH")])
        services.submit_dossier(world.clerk_a, dossier)
        services.start_appraisal(world.officer, dossier)
        services.appraise_nominee(world.officer, dossier.nominees.get(), outcome="passed", justification="Đột xuất")
        services.complete_appraisal(world.officer, dossier)
        members = council(4) + [make_user("tv.stc", "council", world.unit_a, full_name="Giám đốc Sở Tài chính")]
        session = council_services.create_session(world.officer, title="Phiên họp", held_on=clock.today(),
                                                  members=members)
        council_services.add_to_agenda(world.officer, session, [dossier])
        council_services.open_session(world.officer, session)
        return session, members

    def test_a_member_cannot_vote_twice(self, open_session):
        session, members = open_session
        item = session.items.get()
        council_services.cast_ballot(members[0], item, "agree")
        with pytest.raises(ValidationError, match="một lần"):
            council_services.cast_ballot(members[0], item, "disagree")
        item.refresh_from_db()
        assert (item.agree, item.disagree) == (1, 0)

    def test_a_member_of_the_nominees_unit_is_recused(self, open_session):
        session, members = open_session
        with pytest.raises(ValidationError, match="không bỏ phiếu"):
            council_services.cast_ballot(members[4], session.items.get(), "agree")

    def test_a_declared_conflict_recuses(self, open_session):
        session, members = open_session
        item = session.items.get()
        council_services.declare_conflict(members[1], item, "Người thân của đối tượng")
        with pytest.raises(ValidationError):
            council_services.cast_ballot(members[1], item, "agree")

    def test_nothing_stored_links_a_member_to_a_choice(self, open_session):
        session, members = open_session
        council_services.cast_ballot(members[0], session.items.get(), "disagree")
        receipt_fields = {f.name for f in BallotReceipt._meta.get_fields()}
        assert receipt_fields == {"id", "item", "member"}
        assert council_services.ballot_state(members[0], session) == {session.items.get().pk: "voted"}

    def test_recused_members_leave_the_count_and_quorum_applies(self, open_session, world):
        session, members = open_session
        item = session.items.get()
        for member in members[:3]:
            council_services.cast_ballot(member, item, "agree")
        council_services.close_session(world.officer, session)
        item.refresh_from_db()
        # 3 of 5 members took part (quorum 2/3 of 5 = 4): the votes do not count.
        assert item.result == ""
        assert item.nominee.dossier.status == "appraised"

    def test_a_non_member_cannot_vote(self, open_session, world):
        session, _ = open_session
        with pytest.raises(Http404):
            council_services.cast_ballot(world.council, session.items.get(), "agree")


class TestDecisionNumbers:
    def test_the_proposal_follows_the_body_register_per_year(self, world):
        from tdkt.awards import register
        from tdkt.awards.services import create_decision

        body = register.body_for_unit(world.province)
        assert register.propose_number(body, 2026) == 1
        for number, spelling in ((1, "UBND tỉnh Hà Nam"), (2, "Chủ tịch UBND tỉnh Hà Nam")):
            create_decision(world.officer, number=f"{number}/QĐ-UBND", signed_on=dt.date(2026, 1, number),
                            authority="province_chair", issuer_name=spelling)
        assert register.propose_number(body, 2026) == 3
        assert register.propose_number(body, 2027) == 1
        assert register.propose_number(register.body_for_unit(world.commune), 2026) == 1


class TestComments:
    def test_comments_only_during_disclosure_with_named_fields(self, world, people):
        dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": people}, "BK_TINH")])
        with pytest.raises(ValidationError, match="công khai"):
            decisions.add_comment(dossier, author_name="A", contact="0912345678", content="Góp ý")
        Dossier.objects.filter(pk=dossier.pk).update(status="disclosure", disclosure_end=clock.today())
        dossier.refresh_from_db()
        with pytest.raises(ValidationError) as exc:
            decisions.add_comment(dossier, author_name="", contact="abc", content="")
        assert set(exc.value.message_dict) == {"author_name", "contact", "content"}
        comment = decisions.add_comment(dossier, author_name="Nguyễn Văn Dân", contact="0912 345 678",
                                        content="Đề nghị xem xét lại")
        assert comment.pk
