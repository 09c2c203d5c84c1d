"""A council member who is a leader bound to another unit (Sở Y tế) reads the report of a nominee of
Sở Tài chính on the agenda before voting, votes, and the session list then says "Đã bỏ phiếu" (issue
12, point 3). The clerk sees how many nominees still need a ground and opens the editor from there; the
office lists the dossiers waiting to be received, resubmitted ones included (points 2 and 11)."""
import os

import pytest

from .conftest import log_in

pytestmark = pytest.mark.e2e

SHOTS = "/tmp/shots-dos-more"


def no_overflow(page, width=390):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url}: {scroll} px wide"


def shoot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_member_of_another_unit_reads_the_report_votes_and_is_told_they_voted(page, live_server, e2e_world):
    from tdkt.core import clock
    from tdkt.core.choices import Role
    from tdkt.dossiers import services
    from tdkt.dossiers.services import council as council_services
    from tdkt.dossiers.tests.factories import council, ready_dossier
    from tdkt.testing import make_user

    w = e2e_world
    vice_chair = make_user("ld.syt", Role.LEADER, w.unit_b, full_name="Hồ Văn Sáu")
    dossier = ready_dossier(w.clerk_a, w.unit_a, [({"person": w.person_a}, "BK_TINH"),
                                                  ({"recipient_unit": w.unit_a_child}, "BK_TINH")])
    services.submit_dossier(w.clerk_a, dossier)
    services.start_appraisal(w.officer, dossier)
    for nominee in dossier.nominees.all():
        services.appraise_nominee(w.officer, nominee, outcome="passed", justification="Đã đối chiếu hồ sơ gốc")
    services.complete_appraisal(w.officer, dossier)
    session = council_services.create_session(w.officer, title="Phiên họp xét khen thưởng năm 2025",
                                              held_on=clock.today(), members=[vice_chair, *council(3)])
    council_services.add_to_agenda(w.officer, session, [dossier])
    council_services.open_session(w.officer, session)
    page.on("dialog", lambda d: d.accept())

    log_in(page, live_server, vice_chair)
    page.goto(f"{live_server.url}/hoi-dong/")
    assert page.inner_text(".ballot-badge") == "Bỏ phiếu"
    page.click(".ballot-badge")
    page.wait_for_selector("#ballot-paper")
    page.locator(".ballot-row").first.locator("a.ballot-dossier").click()
    page.wait_for_url(f"**/ho-so/{dossier.pk}/")
    # The report of the first nominee: a unit-B leader reads unit A's document because they sit on the session.
    link = page.locator("a", has_text="bao-cao.docx").first
    with page.expect_download() as info:
        link.click()
    with open(info.value.path(), "rb") as handle:
        assert handle.read(2) == b"PK"      # the Word file itself, not an error page
    shoot(page, "member-1366-dossier")

    page.goto(f"{live_server.url}/hoi-dong/{session.pk}/")
    for row in page.locator(".ballot-row").all():
        row.locator("label.ballot-choice", has_text="Đồng ý").first.locator("span").click()
    page.click("#cast-ballot")
    page.wait_for_selector("text=Đã ghi nhận phiếu của bạn cho 2 đối tượng")

    page.goto(f"{live_server.url}/hoi-dong/")
    badge = page.locator(".ballot-badge")
    assert badge.inner_text() == "Đã bỏ phiếu" and badge.get_attribute("data-ballot") == "done"
    assert page.locator("a.ballot-badge").count() == 0
    shoot(page, "member-1366-sessions")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    no_overflow(page)
    shoot(page, "member-390-sessions")


def test_the_clerk_sees_who_needs_a_ground_and_the_office_what_to_receive(page, live_server, e2e_world):
    from tdkt.dossiers import services
    from tdkt.dossiers.tests.factories import ready_dossier

    w = e2e_world
    waiting = ready_dossier(w.clerk_a, w.unit_a, [({"recipient_unit": w.unit_a_child}, "BK_TINH")],
                            title="Đề nghị Bằng khen tập thể năm 2025")
    services.submit_dossier(w.clerk_a, waiting)
    services.start_appraisal(w.officer, waiting)
    services.return_dossier(w.officer, waiting, "Bổ sung biên bản họp xét")
    services.submit_dossier(w.clerk_a, waiting)                     # resubmitted
    draft = ready_dossier(w.clerk_a, w.unit_a, [({"person": w.person_a}, "BK_TINH")])
    nominee = draft.nominees.get()

    log_in(page, live_server, w.clerk_a)
    page.goto(f"{live_server.url}/ho-so/moi/")
    assert page.get_attribute("#dossier-form a.tdkt-hint[href$='#loai_hinh']", "aria-label").endswith(
        "Loại hình khen thưởng")
    shoot(page, "clerk-1366-new-dossier")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    no_overflow(page)
    shoot(page, "clerk-390-new-dossier")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/ho-so/{draft.pk}/")
    assert "1 đối tượng cần nêu căn cứ đề nghị" in page.inner_text("#need-ground")
    shoot(page, "clerk-1366-need-ground")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    no_overflow(page)
    shoot(page, "clerk-390-need-ground")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.click(f"#need-ground a[href='/ho-so/doi-tuong/{nominee.pk}/sua/']")
    page.wait_for_selector("#grounds")
    page.check("[name=can_cu_outstanding_in_movement]")
    page.fill("[name=minh_chung_outstanding_in_movement]", "Quyết định 12/QĐ-UBND ngày 10/12/2025")
    page.click("#nominee-form button[type=submit]")
    page.wait_for_url(f"**/ho-so/{draft.pk}/**")
    assert page.locator("#need-ground").count() == 0

    # An Excel list with a ground and its evidence on one row and a ground without evidence on another.
    from tdkt.imports.tests.helpers import xlsx

    header = ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Đơn vị", "Đối tượng", "Danh hiệu/Hình thức",
              "Tóm tắt thành tích", "Căn cứ đề nghị", "Minh chứng căn cứ"]
    ground = "Tiêu biểu xuất sắc trong phong trào thi đua"
    from tdkt.core.services import system_actor
    from tdkt.org import services as org_services

    org_services.create_person(system_actor(), w.unit_a, full_name="Trần Thị Bích", gender="female")
    rows = [[1, "Trần Thị Bích", None, "", "STC", "Cá nhân", "Bằng khen UBND tỉnh", "Dẫn đầu phong trào", ground,
             "Quyết định 12/QĐ-UBND ngày 10/12/2025"],
            [2, "", None, "", "STC", "Tập thể", "Bằng khen UBND tỉnh", "Hoàn thành xuất sắc nhiệm vụ", ground, ""]]
    other = services.create_dossier(w.clerk_a, proposing_unit=w.unit_a, title="Đề nghị Bằng khen tập thể",
                                    authority="province_chair", kind="regular", year=2025)
    page.goto(f"{live_server.url}/ho-so/{other.pk}/doi-tuong/nhap-excel/")
    page.set_input_files("#intake-upload input[type=file]", files=[{
        "name": "danh-sach.xlsx", "buffer": xlsx(header, rows),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    page.click("#intake-upload button[type=submit]")
    page.wait_for_selector("#intake-preview")
    assert "Minh chứng căn cứ" in page.inner_text("tr[data-row='3'] .intake-error")
    assert ground in page.inner_text("tr[data-row='2'] .intake-grounds")
    assert page.locator("tr[data-row='2'].table-danger").count() == 0
    assert page.locator("#intake-confirm").count() == 0
    shoot(page, "clerk-1366-import-grounds")

    page.context.clear_cookies()
    log_in(page, live_server, w.officer)
    page.goto(f"{live_server.url}/ho-so/?nhom=cho-tiep-nhan")
    assert waiting.code in page.inner_text("main") and draft.code not in page.inner_text("main")
    shoot(page, "office-1366-to-receive")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    shoot(page, "office-390-to-receive")
