"""The provincial officer's year in the browser (issue 12, acceptance): Trần Thị Thu Hà of the
Ban Thi đua – Khen thưởng receives the dossier Sở Tài chính submitted, appraises its nominee and
completes the appraisal, then sets up the council session with five members and the dossier on its
agenda and opens the vote; every step asserts what she reads. Screenshots: /tmp/tdkt-shots/<test>/."""
import pytest

from .conftest import log_in, main_text, record_dialogs

pytestmark = pytest.mark.e2e


def test_officer_appraises_a_submitted_dossier_and_opens_a_council_session(page, live_server, e2e_world, shots):
    from tdkt.dossiers import services
    from tdkt.dossiers.models import Dossier
    from tdkt.dossiers.tests.factories import council, ready_dossier

    w = e2e_world
    dossier = ready_dossier(w.clerk_a, w.unit_a, [({"person": w.person_a}, "BK_TINH")],
                            title="Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025")
    services.submit_dossier(w.clerk_a, dossier)
    members = [w.council, *council(4)]
    dialogs = record_dialogs(page)

    log_in(page, live_server, w.officer)
    assert "Tổng hợp công tác thi đua, khen thưởng năm" in main_text(page)
    assert "Ký, cấp số" in page.inner_text("nav")  # the office numbers the signed decisions
    # The desk lists the dossiers to appraise, each a link (issue 12, point 11):
    page.click("#desk [data-desk=submitted] a")
    assert dossier.code in main_text(page)
    shots("1-trang-chu")

    # The dossier list: the submitted dossier waits.
    page.click("nav >> text=Hồ sơ")
    row = page.locator("tr", has_text="Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025")
    assert "Sở Tài chính" in row.inner_text() and "Đã nộp" in row.inner_text()
    shots("2-danh-sach-ho-so")
    row.locator("a").first.click()
    page.wait_for_selector("#dossier-status[data-status=submitted]")

    # Receive and appraise.
    page.click("#start-appraisal")
    page.wait_for_selector("#dossier-status[data-status=appraising]")
    assert "Đang thẩm định" in page.inner_text("#dossier-status")
    nominee = page.locator(".nominee[data-name='Nguyễn Văn Đức']")
    assert "Kết quả kiểm tra điều kiện" in nominee.inner_text()
    shots("3-tham-dinh")
    nominee.locator("select").select_option("passed")
    nominee.locator("textarea").nth(1).fill("Đã đối chiếu hồ sơ gốc và xác nhận xếp loại của đơn vị")
    nominee.locator("button", has_text="Ghi kết quả").click()
    page.wait_for_selector("text=Đã ghi kết quả thẩm định Nguyễn Văn Đức")
    assert "Thẩm định: Đạt" in page.locator(".nominee[data-name='Nguyễn Văn Đức'] .appraisal-passed").inner_text()
    page.click("#complete-appraisal")
    page.wait_for_selector("#dossier-status[data-status=appraised]")
    assert "Đã thẩm định" in page.inner_text("#dossier-status")

    # The council session: five members, the dossier on the agenda, then the vote opens.
    page.click("nav >> text=Hội đồng")
    page.click("text=Tạo phiên họp")
    page.fill("#id_title", "Phiên họp xét khen thưởng tổng kết năm 2025")
    for member in members:
        page.check(f"input[name=members][value='{member.pk}']")
    page.check(f"input[name=dossiers][value='{dossier.pk}']")
    shots("4-tao-phien-hop")
    page.click("button[type=submit]")
    page.wait_for_selector("#session-status[data-status=preparing]")
    assert "Nguyễn Văn Đức" in page.inner_text("#agenda")
    assert "5 thành viên" in main_text(page)
    page.click("#open-session")
    page.wait_for_selector("#session-status[data-status=open]")
    assert "Đang bỏ phiếu" in page.inner_text("#session-status")
    assert "Số phiếu chỉ hiện khi kết thúc bỏ phiếu" in main_text(page)
    # Opening asks first (issue 12, point 1), the page counts live "0/5 đã bỏ phiếu" and the
    # members are notified that voting opened (point 3):
    assert dialogs and "bỏ phiếu" in dialogs[-1]
    assert "0/5 đã bỏ phiếu" in main_text(page)
    assert all(dialogs)
    shots("5-dang-bo-phieu")
    assert Dossier.objects.get(pk=dossier.pk).status == "council"

    page.click("nav >> text=Hội đồng")
    row = page.locator("tr", has_text="Phiên họp xét khen thưởng tổng kết năm 2025")
    assert "Đang bỏ phiếu" in row.inner_text()
    shots("6-danh-sach-phien-hop")
