"""The dossier pages over HTTP: scope, bad input, the ballot paper and the public disclosure page."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.core import clock
from tdkt.dossiers import services
from tdkt.dossiers.models import Dossier
from tdkt.dossiers.services import council as council_services, decisions
from tdkt.testing import login

from .factories import council, ready_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(world):
    return ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH")])


def voted(world, dossier, members):
    services.submit_dossier(world.clerk_a, dossier)
    services.start_appraisal(world.officer, dossier)
    services.appraise_nominee(world.officer, dossier.nominees.get(), outcome="passed", justification="Đột xuất")
    services.complete_appraisal(world.officer, dossier)
    session = council_services.create_session(world.officer, title="Phiên họp thứ nhất", held_on=clock.today(),
                                              members=members)
    council_services.add_to_agenda(world.officer, session, [dossier])
    council_services.open_session(world.officer, session)
    return session


def test_a_clerk_of_unit_b_gets_404_on_unit_as_dossier(world, dossier):
    client = login(world.clerk_b)
    assert client.get(f"/ho-so/{dossier.pk}/").status_code == 404
    assert client.post(f"/ho-so/{dossier.pk}/nop/").status_code == 404
    attachment = dossier.attachments.first()
    assert client.get(f"/ho-so/tai-lieu/{attachment.pk}/").status_code == 404
    assert dossier.code not in client.get("/ho-so/").content.decode()
    assert Dossier.objects.get(pk=dossier.pk).status == "draft"


def test_the_owner_downloads_an_attachment(world, dossier):
    attachment = dossier.attachments.first()
    response = login(world.clerk_a).get(f"/ho-so/tai-lieu/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_exe_renamed_pdf_is_refused_with_a_vietnamese_message(world, dossier):
    client = login(world.clerk_a)
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    response = client.post(f"/ho-so/{dossier.pk}/tai-lieu/", {"kind": "proposal", "file": fake}, follow=True)
    assert "chỉ nhận tệp PDF" in response.content.decode()
    assert dossier.attachments.count() == 3


def test_an_oversized_upload_is_refused(world, dossier, settings):
    settings.TDKT_MAX_UPLOAD_BYTES = 50
    from .factories import pdf

    response = login(world.clerk_a).post(f"/ho-so/{dossier.pk}/tai-lieu/", {"kind": "other", "file": pdf()},
                                         follow=True)
    assert "lớn hơn" in response.content.decode()


def test_dossier_form_names_the_bad_fields(world):
    response = login(world.clerk_a).post("/ho-so/moi/", {"proposing_unit": world.unit_a.pk, "title": "",
                                                         "authority": "province_chair", "kind": "thematic",
                                                         "year": 2025})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Trích yếu: không được để trống" in page
    assert not Dossier.objects.exists()


def test_the_officer_sees_the_failed_check_while_appraising(world):
    from tdkt.core.services import system_actor
    from tdkt.org import services as org_services

    newcomer = org_services.create_person(system_actor(), world.unit_a, full_name="Lý Thị Hồng", gender="female")
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": newcomer}, "BK_TINH")])
    services.submit_dossier(world.clerk_a, dossier)
    services.start_appraisal(world.officer, dossier)
    page = login(world.officer).get(f"/ho-so/{dossier.pk}/").content.decode()
    assert "Chưa đủ điều kiện" in page and 'class="check check-failed"' in page
    assert "Ghi kết quả" in page


def test_a_member_sees_no_ones_votes_and_cannot_vote_twice(world, dossier):
    members = council(3)
    session = voted(world, dossier, members)
    item = session.items.get()
    first = login(members[0])
    response = first.post(f"/hoi-dong/{session.pk}/bo-phieu/", {f"item_{item.pk}": "agree"}, follow=True)
    assert "Đã ghi nhận phiếu" in response.content.decode()
    again = first.post(f"/hoi-dong/{session.pk}/bo-phieu/", {f"item_{item.pk}": "disagree"}, follow=True)
    item.refresh_from_db()
    assert (item.agree, item.disagree) == (1, 0)
    assert "một lần" in again.content.decode() or "Đã bỏ phiếu" in again.content.decode()
    # While voting is open nobody sees counts; after closing, only counts, never names with choices.
    page = login(members[1]).get(f"/hoi-dong/{session.pk}/").content.decode()
    assert "votes-agree" not in page
    council_services.close_session(world.officer, session)
    page = login(members[1]).get(f"/hoi-dong/{session.pk}/").content.decode()
    assert 'class="text-end votes-agree">1<' in page
    assert "Thành viên 1" not in page  # members' names are only on the office's view


def test_a_non_member_gets_404_on_a_session(world, dossier):
    session = voted(world, dossier, council(3))
    assert login(world.council).get(f"/hoi-dong/{session.pk}/").status_code == 404


def test_public_disclosure_page_takes_comments(world, dossier, client):
    members = council(3)
    session = voted(world, dossier, members)
    for m in members:
        council_services.cast_ballot(m, session.items.get(), "agree")
    council_services.close_session(world.officer, session)
    decisions.start_disclosure(world.officer, dossier)
    page = client.get("/cong-khai/").content.decode()
    assert "Nguyễn Văn Đức" in page
    bad = client.post(f"/cong-khai/{dossier.pk}/", {"author_name": "", "contact": "x", "content": ""})
    assert "Ghi họ và tên" in bad.content.decode() or "Họ và tên: không được để trống" in bad.content.decode()
    ok = client.post(f"/cong-khai/{dossier.pk}/", {"author_name": "Trần Văn Dân", "contact": "0912345678",
                                                   "content": "Đồng ý với danh sách"}, follow=True)
    assert "Cảm ơn" in ok.content.decode()
    assert dossier.comments.count() == 1
    clock.travel(30)
    assert client.get(f"/cong-khai/{dossier.pk}/").status_code == 404


def test_the_unit_amends_a_returned_nominees_achievement(world, client):
    from tdkt.dossiers import services as dossier_services

    from .factories import ready_dossier

    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH")])
    nominee = dossier.nominees.get()
    dossier_services.submit_dossier(world.clerk_a, dossier)
    dossier_services.start_appraisal(world.officer, dossier)
    dossier_services.appraise_nominee(world.officer, nominee, outcome="returned", reason="Ghi rõ sáng kiến đã áp dụng")
    dossier_services.return_dossier(world.officer, dossier)
    client.force_login(world.clerk_a)
    url = f"/ho-so/doi-tuong/{nominee.pk}/sua/"
    page = client.get(url).content.decode()
    assert "Ghi rõ sáng kiến đã áp dụng" in page
    empty = client.post(url, {"achievement": "  "})
    assert "Tóm tắt thành tích: không được để trống." in empty.content.decode()
    assert client.post(url, {"achievement": "Sáng kiến “Sổ khám bệnh điện tử” áp dụng toàn tỉnh"}).status_code == 302
    nominee.refresh_from_db()
    assert nominee.achievement == "Sáng kiến “Sổ khám bệnh điện tử” áp dụng toàn tỉnh"
    client.force_login(world.clerk_b)
    assert client.get(url).status_code == 404
    client.force_login(world.viewer)
    assert client.get(url).status_code in (403, 404)


def test_a_large_dossier_shows_its_nominees_twenty_five_to_a_page(world):
    """A province's dossier has hundreds of nominees: one page of them is rendered, the count is of all."""
    from tdkt.dossiers.models import Nominee
    from tdkt.dossiers.tests.factories import award, ready_dossier

    dossier = ready_dossier(world.officer, world.province, [({"person": world.person_a}, "BK_TINH")])
    first = dossier.nominees.get()
    Nominee.objects.bulk_create([
        Nominee(dossier=dossier, order=i, subject_kind="individual", person=world.person_b, unit=world.unit_b_child,
                award_type=award("BK_TINH"), year=1960 + i, achievement="Thành tích", recipient_name=f"Người thứ {i}")
        for i in range(2, 61)])
    client = login(world.officer)
    body = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert "Đối tượng đề nghị (60)" in body and "Đối tượng 1–25 / 60" in body
    assert body.count('class="list-group-item nominee"') == 25 and f'id="n{first.pk}"' in body
    last = client.get(f"/ho-so/{dossier.pk}/", {"trang": 3}).content.decode()
    assert last.count('class="list-group-item nominee"') == 10 and "<strong>60. Người thứ 60</strong>" in last
