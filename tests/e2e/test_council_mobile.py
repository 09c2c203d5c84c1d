"""A council member on a phone (390 px): told that voting opened, they follow the notice to the
session, open a nominee's dossier from the ballot paper, come back and vote on every agenda item with
large radio buttons, confirm, and see the live count move; nothing on the council's pages is wider
than the screen (issue 12, point 3)."""
import pytest

from .conftest import log_in

pytestmark = pytest.mark.e2e

SHOTS = "/tmp/shots-dos-council"


def no_overflow(page, width=390):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url}: {scroll} px wide"


def test_a_council_member_votes_on_a_phone(browser, live_server, e2e_world):
    from tdkt.core import clock
    from tdkt.dossiers import services
    from tdkt.dossiers.services import council as council_services
    from tdkt.dossiers.tests.factories import council, ready_dossier

    w = e2e_world
    dossier = ready_dossier(w.clerk_a, w.unit_a, [({"person": w.person_a}, "BK_TINH"),
                                                  ({"recipient_unit": w.unit_a_child}, "BK_TINH")])
    services.submit_dossier(w.clerk_a, dossier)
    services.start_appraisal(w.officer, dossier)
    for nominee in dossier.nominees.all():
        services.appraise_nominee(w.officer, nominee, outcome="passed", justification="Đã đối chiếu hồ sơ gốc")
    services.complete_appraisal(w.officer, dossier)
    others = council(4)
    session = council_services.create_session(
        w.officer, title="Phiên họp xét khen thưởng tổng kết năm 2025 của Hội đồng Thi đua – Khen thưởng tỉnh",
        held_on=clock.today(), members=[w.council, *others])
    council_services.add_to_agenda(w.officer, session, [dossier])
    council_services.open_session(w.officer, session)
    council_services.cast_ballot_paper(others[0], session, {i.pk: "agree" for i in session.items.all()})

    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    try:
        log_in(page, live_server, w.council)
        page.goto(f"{live_server.url}/thong-bao/")
        page.click("a:has-text('Mở bỏ phiếu')")
        page.wait_for_selector("#ballot-paper")
        assert page.url.rstrip("/").endswith(f"/hoi-dong/{session.pk}")
        assert page.inner_text("#vote-progress") == "1/5 đã bỏ phiếu"
        no_overflow(page)
        page.screenshot(path=f"{SHOTS}/council-390-ballot.png", full_page=True)

        # The dossier of the first nominee, from the ballot paper; then back.
        page.locator(".ballot-row").first.locator("a.ballot-dossier").click()
        page.wait_for_url(f"**/ho-so/{dossier.pk}/")
        assert dossier.code in page.inner_text("main")
        page.screenshot(path=f"{SHOTS}/council-390-dossier.png", full_page=True)
        page.go_back()
        page.wait_for_selector("#ballot-paper")

        rows = page.locator(".ballot-row").all()
        assert len(rows) == 2
        for row in rows:
            label = row.locator("label.ballot-choice", has_text="Đồng ý").first
            box = label.bounding_box()
            assert box["height"] >= 24 and box["width"] >= 24
            radio = row.locator("input[value=agree]").bounding_box()
            assert radio["height"] >= 24 and radio["width"] >= 24
            label.locator("span").click()  # the words are the target, not only the circle
            assert row.locator("input[value=agree]").is_checked()
        no_overflow(page)
        page.click("#cast-ballot")
        page.wait_for_selector("text=Đã ghi nhận phiếu của bạn cho 2 đối tượng")
        assert dialogs and "Gửi phiếu" in dialogs[-1]
        assert page.inner_text("#vote-progress") == "2/5 đã bỏ phiếu"
        assert page.locator(".agenda-item .votes-agree").count() == 0  # secret while open
        no_overflow(page)
        page.screenshot(path=f"{SHOTS}/council-390-voted.png", full_page=True)

        page.goto(f"{live_server.url}/hoi-dong/")
        assert page.get_attribute(".session-row", "data-members") == "5"
        no_overflow(page)
        page.screenshot(path=f"{SHOTS}/council-390-sessions.png", full_page=True)
    finally:
        context.close()


def test_the_office_is_warned_before_closing_below_the_quorum(page, live_server, e2e_world):
    from tdkt.core import clock
    from tdkt.dossiers import services
    from tdkt.dossiers.services import council as council_services
    from tdkt.dossiers.tests.factories import council, ready_dossier

    w = e2e_world
    dossier = ready_dossier(w.clerk_a, w.unit_a, [({"person": w.person_a}, "BK_TINH")])
    services.submit_dossier(w.clerk_a, dossier)
    services.start_appraisal(w.officer, dossier)
    services.appraise_nominee(w.officer, dossier.nominees.get(), outcome="passed", justification="Đủ hồ sơ")
    services.complete_appraisal(w.officer, dossier)
    members = council(6)
    session = council_services.create_session(w.officer, title="Phiên họp quý IV", held_on=clock.today(),
                                              members=members)
    council_services.add_to_agenda(w.officer, session, [dossier])
    council_services.open_session(w.officer, session)
    council_services.cast_ballot_paper(members[0], session, {session.items.get().pk: "agree"})

    log_in(page, live_server, w.officer)
    page.goto(f"{live_server.url}/hoi-dong/{session.pk}/")
    assert "cần ít nhất 5" in page.inner_text("#quorum-warning")
    page.screenshot(path=f"{SHOTS}/council-1366-open.png", full_page=True)
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.click("#close-session")
    page.wait_for_timeout(300)
    assert "Mới có 1/6 thành viên bỏ phiếu, cần ít nhất 5" in asked[0]
    assert page.get_attribute("#session-status", "data-status") == "open"  # dismissed: nothing happened
    page.once("dialog", lambda d: d.accept())
    page.click("#close-session")
    page.wait_for_selector("#session-status[data-status=closed]")
    assert page.get_attribute(".agenda-item", "data-result") == "no_quorum"
    assert "Không đủ số thành viên tham dự" in page.inner_text("#agenda")
    page.screenshot(path=f"{SHOTS}/council-1366-no-quorum.png", full_page=True)
