"""Notices in the app and by e-mail, sent through a real local SMTP server (aiosmtpd) and read back:
a dossier returned, decided or not passed (to the proposing unit), council voting opened (to its
members), a public comment received (to the office); the notices page with read and unread."""
import pytest
from django.db import transaction
from django.urls import reverse

from tdkt.core import clock
from tdkt.dossiers import notices, services
from tdkt.dossiers.models import Notification
from tdkt.dossiers.services import council as council_services, decisions
from tdkt.testing import PASSWORD

from .factories import council, ready_dossier

pytestmark = pytest.mark.django_db
SITE = "https://thiduakhenthuong.hanam.gov.vn"


def subject(message) -> str:
    """The decoded subject (a folded encoded word decodes with the fold's leading space)."""
    return " ".join(str(message["Subject"]).split())


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def returned_dossier(world, commit):
    """Unit A's dossier returned by the office, its e-mails sent once the transaction commits."""
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH")])
    services.submit_dossier(world.clerk_a, dossier)
    services.start_appraisal(world.officer, dossier)
    services.appraise_nominee(world.officer, dossier.nominees.get(), outcome="returned",
                              reason="Thiếu xác nhận mức hoàn thành xuất sắc nhiệm vụ năm 2025")
    with commit(execute=True):
        services.return_dossier(world.officer, dossier)
    return dossier


class TestDossierNotices:
    def test_returned_dossier_reaches_the_units_clerk_by_smtp_with_a_link(
            self, world, smtp_server, django_capture_on_commit_callbacks):
        world.clerk_a.email = "vanthu@stc.hanam.gov.vn"
        world.clerk_a.save()
        dossier = returned_dossier(world, django_capture_on_commit_callbacks)
        [message] = smtp_server.to("vanthu@stc.hanam.gov.vn")
        assert subject(message) == f"[TĐKT] Hồ sơ {dossier.code}: Trả lại để bổ sung"
        assert message["To"] == "vanthu@stc.hanam.gov.vn"
        assert message["From"].addresses[0].display_name == "Thi đua – Khen thưởng"
        text = body(message)
        assert text.startswith("Kính gửi Sở Tài chính,")
        assert "Thiếu xác nhận mức hoàn thành xuất sắc nhiệm vụ năm 2025" in text
        assert f"Xem chi tiết: {SITE}/ho-so/{dossier.pk}/" in text
        note = Notification.objects.get(unit=world.unit_a, dossier=dossier)
        assert note.emailed_to == "vanthu@stc.hanam.gov.vn" and note.read_at is None
        # Unit B's clerk hears nothing of it.
        assert len(smtp_server.messages) == 1

    def test_a_clerk_without_an_address_still_gets_the_notice_in_the_app(
            self, world, smtp_server, django_capture_on_commit_callbacks):
        dossier = returned_dossier(world, django_capture_on_commit_callbacks)
        note = Notification.objects.get(unit=world.unit_a, dossier=dossier)
        assert note.emailed_to == "" and "Thiếu xác nhận" in note.message
        assert smtp_server.messages == []
        assert Notification.objects.visible_to(world.clerk_a).filter(pk=note.pk).exists()
        assert not Notification.objects.visible_to(world.clerk_b).filter(pk=note.pk).exists()

    def test_an_unreachable_mail_server_does_not_undo_the_change(
            self, world, smtp_server, settings, django_capture_on_commit_callbacks):
        """The e-mail is a job after the commit: when it fails the dossier is still returned and the
        notice is in the app (the job's result records the failure)."""
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            settings.EMAIL_PORT = probe.getsockname()[1]  # nothing listens there once the probe closes
        world.clerk_a.email = "vanthu@stc.hanam.gov.vn"
        world.clerk_a.save()
        dossier = returned_dossier(world, django_capture_on_commit_callbacks)
        dossier.refresh_from_db()
        assert dossier.status == "returned" and smtp_server.messages == []
        assert Notification.objects.get(unit=world.unit_a, dossier=dossier).emailed_to == "vanthu@stc.hanam.gov.vn"

    def test_a_rolled_back_change_sends_nothing(self, world, smtp_server, django_capture_on_commit_callbacks):
        world.clerk_a.email = "vanthu@stc.hanam.gov.vn"
        world.clerk_a.save()
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(RuntimeError), transaction.atomic():
                notices.notify(subject="Thử", message="Không gửi", units=[world.unit_a])
                raise RuntimeError("the change fails after the notice was written")
        assert smtp_server.messages == [] and not Notification.objects.exists()

    def test_voting_opened_to_members_and_not_passed_to_the_unit(
            self, world, smtp_server, django_capture_on_commit_callbacks):
        world.clerk_a.email = "vanthu@stc.hanam.gov.vn"
        world.clerk_a.save()
        dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH")])
        services.submit_dossier(world.clerk_a, dossier)
        services.start_appraisal(world.officer, dossier)
        services.appraise_nominee(world.officer, dossier.nominees.get(), outcome="passed",
                                  justification="Đã đối chiếu hồ sơ gốc")
        services.complete_appraisal(world.officer, dossier)
        members = council(3)
        members[0].email = "tv1@hanam.gov.vn"
        members[0].save()
        session = council_services.create_session(world.officer, title="Phiên họp xét khen thưởng quý IV",
                                                  held_on=clock.today(), members=members, chair_name="Trương Quốc Huy",
                                                  secretary_name="Lê Thị Ngọc Ánh")
        council_services.add_to_agenda(world.officer, session, [dossier])
        with django_capture_on_commit_callbacks(execute=True):
            council_services.open_session(world.officer, session)
        [opened] = smtp_server.to("tv1@hanam.gov.vn")
        assert subject(opened) == "[TĐKT] Mở bỏ phiếu: Phiên họp xét khen thưởng quý IV"
        assert body(opened).startswith("Kính gửi Thành viên 1,")
        assert "Đề nghị đồng chí bỏ phiếu kín" in body(opened)
        assert f"{SITE}/hoi-dong/{session.pk}/" in body(opened)
        # Every member has the notice in the app, with or without an address.
        assert {n.user_id for n in Notification.objects.filter(user__isnull=False)} == {m.pk for m in members}

        for member in members:
            council_services.cast_ballot_paper(member, session, {i.pk: "disagree" for i in session.items.all()})
        with django_capture_on_commit_callbacks(execute=True):
            council_services.close_session(world.officer, session)
        [rejected] = smtp_server.to("vanthu@stc.hanam.gov.vn")
        assert subject(rejected) == f"[TĐKT] Hồ sơ {dossier.code}: Không chấp thuận"
        assert "Hội đồng không thông qua đối tượng nào" in body(rejected)

    def test_decided_dossier_and_comments_during_disclosure(
            self, world, smtp_server, django_capture_on_commit_callbacks):
        from .factories import through_disclosure

        world.clerk_a.email = "vanthu@stc.hanam.gov.vn"
        world.clerk_a.save()
        world.officer.email = "banthiduakhenthuong@hanam.gov.vn"
        world.officer.save()
        dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH")])
        through_disclosure(world, dossier)
        dossier.refresh_from_db()
        clock.reset()
        with django_capture_on_commit_callbacks(execute=True):
            decisions.add_comment(dossier, author_name="Nguyễn Thị Hồng", contact="0912345678",
                                  content="Đề nghị xem xét lại thành tích năm 2025 của ông Đức.")
        [comment] = smtp_server.to("banthiduakhenthuong@hanam.gov.vn")
        assert subject(comment) == f"[TĐKT] Góp ý công khai hồ sơ {dossier.code}"
        assert "Nguyễn Thị Hồng" in body(comment) and "thành tích năm 2025 của ông Đức" in body(comment)
        assert body(comment).startswith("Kính gửi Trần Thị Thu Hà,")

        clock.travel((dossier.disclosure_end - clock.today()).days + 1)
        from .factories import sign_and_number

        # Signed, then numbered by the issuing body's văn thư (issue 18): the unit hears of both.
        with django_capture_on_commit_callbacks(execute=True):
            decision = sign_and_number(world, dossier, number="77/QĐ-UBND")
        decided = [m for m in smtp_server.to("vanthu@stc.hanam.gov.vn") if "Đã có quyết định" in subject(m)]
        assert len(decided) == 2
        assert "đã được ký ngày" in body(decided[0]) and "đang chờ văn thư cấp số" in body(decided[0])
        assert f"đã có Quyết định số 77/QĐ-UBND ngày {decision.signed_on:%d/%m/%Y}" in body(decided[1])


class TestNoticesPage:
    def test_read_and_unread_and_the_address_used(self, world, client):
        notices.notify(subject="Hồ sơ cần bổ sung", message="Bổ sung bản xác nhận.", units=[world.unit_a],
                       link="/ho-so/")
        notices.notify(subject="Mở bỏ phiếu", message="Đề nghị bỏ phiếu.", users=[world.council])
        client.login(username=world.clerk_a.username, password=PASSWORD)
        page = client.get(reverse("dossiers:notifications")).content.decode()
        assert "Hồ sơ cần bổ sung" in page and "Chưa đọc" in page and "Mở bỏ phiếu" not in page
        assert "chưa có địa chỉ thư điện tử" in page
        assert 'id="notifications-link">Thông báo <span class="badge text-bg-warning">1</span>' in page

        note = Notification.objects.get(unit=world.unit_a)
        response = client.get(reverse("dossiers:notification", args=[note.pk]))
        assert response.status_code == 302 and response["Location"] == "/ho-so/"
        note.refresh_from_db()
        assert note.read_at is not None
        page = client.get(reverse("dossiers:notifications") + "?chua-doc=1").content.decode()
        assert "Không có thông báo chưa đọc." in page

        world.council.email = "hoidong@hanam.gov.vn"
        world.council.save()
        client.login(username=world.council.username, password=PASSWORD)
        page = client.get(reverse("dossiers:notifications")).content.decode()
        assert "Mở bỏ phiếu" in page and "Hồ sơ cần bổ sung" not in page
        assert "hoidong@hanam.gov.vn" in page
        assert client.post(reverse("dossiers:notifications")).status_code == 302
        assert not Notification.objects.filter(user=world.council, read_at__isnull=True).exists()

    def test_another_units_notice_is_not_found(self, world, client):
        [note] = notices.notify(subject="Riêng Sở Tài chính", message="Nội dung", units=[world.unit_a])
        for user in (world.clerk_b, world.officer):
            client.login(username=user.username, password=PASSWORD)
            assert client.get(reverse("dossiers:notification", args=[note.pk])).status_code == 404
        note.refresh_from_db()
        assert note.read_at is None


def test_a_departments_clerk_reads_its_sub_units_notices(world):
    """A department's clerk reads its sub-units' notices (the unit scope); the sub-unit's e-mail goes
    to the sub-unit's own clerks only (it has none here)."""
    world.clerk_a.email = "vanthu@stc.hanam.gov.vn"
    world.clerk_a.save()
    [note] = notices.notify(subject="Phòng Ngân sách", message="Nội dung", units=[world.unit_a_child])
    assert Notification.objects.visible_to(world.clerk_a).filter(pk=note.pk).exists()
    assert note.emailed_to == ""
