"""The leader's year in the browser (issue 12, acceptance): Trương Quốc Huy opens his queue of what
waits for his signature, opens the dossier whose disclosure has ended, signs its decision and reads
that it now waits for the văn thư's number. Screenshots: /tmp/tdkt-shots/<test>/."""
import pytest

from .conftest import log_in, main_text, record_dialogs

pytestmark = pytest.mark.e2e


def test_leader_signs_the_decision_from_his_queue(page, live_server, e2e_world, shots):
    from tdkt.dossiers.tests.factories import ready_dossier, through_disclosure

    w = e2e_world
    title = "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025"
    dossier = ready_dossier(w.clerk_a, w.unit_a, [({"person": w.person_a}, "BK_TINH"),
                                                  ({"recipient_unit": w.unit_a_child}, "BK_TINH")], title=title)
    through_disclosure(w, dossier)  # appraised, voted, disclosed, and the clock past the disclosure's end
    dialogs = record_dialogs(page)

    log_in(page, live_server, w.leader)
    assert "Tổng hợp công tác thi đua, khen thưởng năm" in main_text(page)
    # The desk says "1 quyết định chờ ký", a link to the queue (issue 12, points 5 and 11):
    assert "chờ ký" in page.inner_text("#desk")
    shots("1-trang-chu")

    # His queue.
    page.click("#nav-signing-queue")
    queue = page.locator("#queue-to-sign")
    assert "Chờ lãnh đạo ký (1)" in main_text(page)
    row = queue.locator(f"tr[data-code='{dossier.code}']")
    assert title in row.inner_text() and "Sở Tài chính" in row.inner_text()
    shots("2-hang-cho-ky")

    # The dossier first: what he signs.
    row.locator("a", has_text=dossier.code).click()
    page.wait_for_selector("#dossier-status[data-status=disclosure]")
    body = main_text(page)
    assert "Nguyễn Văn Đức" in body and "Phòng Ngân sách" in body
    assert "Thẩm định: Đạt" in body
    shots("3-ho-so")

    # The signing page: his name comes from his account.
    page.click("#issue-decision")
    assert "Xem và ký quyết định" in main_text(page)
    assert page.inner_text("#signer-name") == "Trương Quốc Huy"
    # The page shows the decision's list and money and previews the PDF; the capacity
    # ("KT. CHỦ TỊCH" for a Phó Chủ tịch) comes from the account (issue 12, point 5):
    assert "Nguyễn Văn Đức" in main_text(page) and page.locator("#preview-pdf").count() == 1
    shots("4-ky-quyet-dinh")
    page.click("button[type=submit]")
    page.wait_for_selector("#dossier-status[data-status=decided]")
    body = main_text(page)
    assert "Đã ký quyết định ngày" in body and "chờ văn thư cấp số" in body
    assert "Đã có quyết định" in page.inner_text("#dossier-status")
    # Signing asks first, saying it cannot be undone (issue 12, point 1):
    assert dialogs and "ký" in dialogs[-1].lower()
    assert all(dialogs)
    shots("5-da-ky")

    # Back in the queue: nothing left to sign, the decision waits for its number.
    page.click("#nav-signing-queue")
    assert "Chờ lãnh đạo ký (0)" in main_text(page)
    assert "Chờ cấp số" in page.locator(f"#queue-awaiting-number tr[data-code='{dossier.code}']").inner_text()
    shots("6-cho-cap-so")
