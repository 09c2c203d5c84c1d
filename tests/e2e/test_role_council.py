"""The council member's year on a phone, 390 px wide (issue 12, acceptance): Đỗ Minh Tuấn opens the
menu, finds the session whose vote is open, votes on each nominee of its agenda and reads that his
ballot was counted, without ever seeing the counts while voting is open. Screenshots:
/tmp/tdkt-shots/<test>/."""
import pytest

from .conftest import PHONE, log_in, main_text, record_dialogs

pytestmark = pytest.mark.e2e


def open_vote(world, members):
    """A dossier of Sở Tài chính, appraised (two nominees passed), on the agenda of an open session."""
    from tdkt.core import clock
    from tdkt.dossiers import services
    from tdkt.dossiers.services import council as council_services
    from tdkt.dossiers.tests.factories import ready_dossier

    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH"),
                                                          ({"recipient_unit": world.unit_a_child}, "BK_TINH")])
    services.submit_dossier(world.clerk_a, dossier)
    services.start_appraisal(world.officer, dossier)
    for nominee in dossier.nominees.all():
        services.appraise_nominee(world.officer, nominee, outcome="passed",
                                  justification="Đã đối chiếu hồ sơ gốc của đơn vị")
    services.complete_appraisal(world.officer, dossier)
    session = council_services.create_session(world.officer, title="Phiên họp xét khen thưởng tổng kết năm 2025",
                                              held_on=clock.today(), members=members, chair_name="Trương Quốc Huy",
                                              secretary_name="Trần Thị Thu Hà")
    council_services.add_to_agenda(world.officer, session, [dossier])
    council_services.open_session(world.officer, session)
    return session


def test_council_member_votes_on_a_phone(phone_page, live_server, e2e_world, shots):
    from tdkt.dossiers.tests.factories import council

    w = e2e_world
    page = phone_page
    session = open_vote(w, [w.council, *council(4)])
    dialogs = record_dialogs(page)

    log_in(page, live_server, w.council)
    assert page.viewport_size == PHONE
    assert "Tổng hợp công tác thi đua, khen thưởng năm" in main_text(page)
    # The desk shows the open ballot, a link (issue 12, point 11):
    page.click("#desk a:has-text('Phiên họp xét khen thưởng tổng kết năm 2025')")
    shots("1-trang-chu", page)

    # The menu is folded on a phone: open it, then the council's sessions.
    page.click(".navbar-toggler")
    page.click("nav >> text=Hội đồng")
    row = page.locator("tr", has_text="Phiên họp xét khen thưởng tổng kết năm 2025")
    assert "Đang bỏ phiếu" in row.inner_text()
    shots("2-phien-hop", page)
    row.locator("a").first.click()
    page.wait_for_selector("#session-status[data-status=open]")
    assert page.url.endswith(session.get_absolute_url())

    # The ballot paper: one row per nominee, secret, no counts shown.
    ballot = page.locator("#ballot-paper")
    assert "Phiếu bầu của bạn (phiếu kín)" in ballot.inner_text()
    rows = page.locator(".ballot-row")
    assert rows.count() == 2
    assert {rows.nth(i).get_attribute("data-name") for i in range(2)} == {"Nguyễn Văn Đức", "Phòng Ngân sách"}
    assert page.locator(".votes-agree").count() == 0
    # The agenda fits the screen (no sideways scroll), the choices are big enough to touch,
    # and the member opens the dossier from the ballot (issue 12, point 3):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator(".ballot-row input[type=radio]").first.bounding_box()["height"] >= 24
    assert page.locator(".ballot-row a[href*='/ho-so/']").count() == 2
    shots("3-phieu-bau", page)
    for i in range(rows.count()):
        rows.nth(i).get_by_label("Đồng ý", exact=True).check()
    page.click("#cast-ballot")
    page.wait_for_selector("text=Đã ghi nhận phiếu của bạn cho 2 đối tượng")
    assert "Bạn đã bỏ phiếu cho tất cả đối tượng bạn được bỏ phiếu" in main_text(page)
    assert page.locator("#agenda", has_text="Đã bỏ phiếu").count() == 1
    assert page.locator(".votes-agree").count() == 0  # still no counts while voting is open
    # Casting the ballot asks first; the page counts "1/5 đã bỏ phiếu" (points 1 and 3):
    assert dialogs and "1/5 đã bỏ phiếu" in main_text(page)
    assert all(dialogs)
    shots("4-da-bo-phieu", page)
