"""The anonymous visitor in the browser (issue 12, acceptance): without logging in, a citizen reads
the lists under public disclosure, comments on one, verifies a certificate by the code its QR
carries, and mistypes a code. Screenshots: /tmp/tdkt-shots/<test>/."""
import pytest

from .conftest import main_text

pytestmark = pytest.mark.e2e


def disclosed_and_decided(world):
    """A decided dossier with its certificates (Nguyễn Văn Đức), then a second one under disclosure
    (Phòng Ngân sách), with the clock where the second's disclosure runs."""
    from tdkt.core import clock
    from tdkt.dossiers.models import Certificate
    from tdkt.dossiers.services import council as council_services, decisions
    from tdkt.dossiers.tests.factories import council, ready_dossier, sign_and_number, through_disclosure

    decided = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH")],
                            title="Đề nghị tặng Bằng khen cho cá nhân năm 2025")
    through_disclosure(world, decided)
    decided.refresh_from_db()
    sign_and_number(world, decided)
    certificate = Certificate.objects.get(dossier=decided)

    disclosed = ready_dossier(world.clerk_a, world.unit_a, [({"recipient_unit": world.unit_a_child}, "BK_TINH")],
                              title="Đề nghị tặng Bằng khen cho tập thể năm 2025")
    from tdkt.dossiers import services

    services.submit_dossier(world.clerk_a, disclosed)
    services.start_appraisal(world.officer, disclosed)
    for nominee in disclosed.nominees.all():
        services.appraise_nominee(world.officer, nominee, outcome="passed", justification="Đã đối chiếu hồ sơ gốc")
    services.complete_appraisal(world.officer, disclosed)
    voters = council(5, prefix="cong-khai-")
    session = council_services.create_session(world.officer, title="Phiên họp đợt 2", held_on=clock.today(),
                                              members=voters, chair_name="Trương Quốc Huy")
    council_services.add_to_agenda(world.officer, session, [disclosed])
    council_services.open_session(world.officer, session)
    for member in voters:
        council_services.cast_ballot_paper(member, session, {i.pk: "agree" for i in session.items.all()})
    council_services.close_session(world.officer, session)
    disclosed.refresh_from_db()
    decisions.start_disclosure(world.officer, disclosed)
    disclosed.refresh_from_db()
    return disclosed, certificate


def test_anonymous_visitor_reads_the_disclosure_comments_and_verifies_a_certificate(page, live_server, e2e_world,
                                                                                     shots):
    from tdkt.dossiers.models import DisclosureComment

    disclosed, certificate = disclosed_and_decided(e2e_world)

    # The disclosure list: the collective under disclosure, not the decided dossier's nominee.
    page.goto(f"{live_server.url}/cong-khai/")
    body = main_text(page)
    assert "Công khai danh sách đề nghị khen thưởng" in body
    assert "Phòng Ngân sách" in body and "Sở Tài chính" in body
    assert f"công khai đến hết ngày {disclosed.disclosure_end:%d/%m/%Y}" in body
    assert "Nguyễn Văn Đức" not in body
    assert page.locator("#user-menu").count() == 0  # nobody is logged in
    shots("1-cong-khai")

    # A comment on the list.
    page.click("text=Đề nghị tặng Bằng khen cho tập thể năm 2025")
    assert "Gửi ý kiến góp ý" in main_text(page)
    page.fill("#id_author_name", "Nguyễn Thị Thanh")
    page.fill("#id_contact", "0912 345 678")
    page.select_option("#id_nominee", label="Phòng Ngân sách – Bằng khen của bộ, ban, ngành, tỉnh")
    page.fill("#id_content", "Tập thể phòng đã hoàn thành xuất sắc nhiệm vụ, tôi đồng ý với đề nghị khen thưởng.")
    shots("2-gop-y")
    page.click("#comment-form button")
    page.wait_for_selector("text=Cảm ơn ông/bà đã góp ý")
    assert DisclosureComment.objects.filter(dossier=disclosed, author_name="Nguyễn Thị Thanh").count() == 1
    shots("3-da-gop-y")

    # The certificate's QR code: its entry in the register.
    page.goto(f"{live_server.url}{certificate.get_absolute_url()}")
    assert "còn hiệu lực" in page.inner_text("#verify-status")
    assert page.inner_text("#verify-name") == "Nguyễn Văn Đức"
    assert "Bằng khen" in main_text(page)
    shots("4-xac-minh")

    # A mistyped code.
    response = page.goto(f"{live_server.url}/xac-minh/MA-KHONG-CO-THAT-123/")
    assert response.status == 404
    # A Vietnamese 404 page in the site's layout that says what to do next (point 10):
    assert "Không tìm thấy" in main_text(page) and page.locator("main a[href='/xac-minh/']").count() == 1
    shots("5-ma-sai")

    # The login page, where a visitor with an account goes.
    page.goto(f"{live_server.url}/dang-nhap/")
    assert page.locator("#id_username").is_visible() and page.locator("#id_password").is_visible()
    shots("6-dang-nhap")
