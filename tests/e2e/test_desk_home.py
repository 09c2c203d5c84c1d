"""The home desk in the browser (issue 12, point 11), one journey per role: the clerk, the officer, the
council member (at 390 px, a phone) and the leader each see what waits for them with its count, and
every link of the desk opens its page (no error page). Screenshots go to /tmp/shots-desk/."""
import datetime as dt
import pathlib

import pytest

from .conftest import log_in

pytestmark = pytest.mark.e2e
SHOTS = pathlib.Path("/tmp/shots-desk")


def _desk_world(w):
    """A returned dossier and a draft in unit A, a dossier before an open council session (unit B), one
    waiting for signature, a registration deadline in three days."""
    from tdkt.core import clock
    from tdkt.dossiers import services
    from tdkt.dossiers.models import Dossier
    from tdkt.dossiers.services import council as council_services
    from tdkt.dossiers.tests.factories import ready_dossier
    from tdkt.emulation.models import RegistrationPeriod

    ready_dossier(w.clerk_a, w.unit_a, [], title="Hồ sơ đang lập")
    returned = ready_dossier(w.clerk_a, w.unit_a, [({"person": w.person_a}, "BK_TINH")], title="Hồ sơ bị trả lại")
    services.submit_dossier(w.clerk_a, returned)
    services.start_appraisal(w.officer, returned)
    services.appraise_nominee(w.officer, returned.nominees.get(), outcome="returned", reason="Bổ sung báo cáo")
    services.return_dossier(w.officer, returned)
    voted = ready_dossier(w.clerk_b, w.unit_b, [({"person": w.person_b}, "BK_TINH")], title="Hồ sơ trình Hội đồng")
    services.submit_dossier(w.clerk_b, voted)
    services.start_appraisal(w.officer, voted)
    services.appraise_nominee(w.officer, voted.nominees.get(), outcome="passed", justification="Đã đối chiếu")
    services.complete_appraisal(w.officer, voted)
    session = council_services.create_session(w.officer, title="Phiên họp tháng 12", held_on=clock.today(),
                                              members=[w.council], chair_name="Trương Quốc Huy")
    council_services.add_to_agenda(w.officer, session, [voted])
    council_services.open_session(w.officer, session)
    submitted = ready_dossier(w.clerk_b, w.unit_b, [], title="Hồ sơ mới nộp")
    Dossier.objects.filter(pk=submitted.pk).update(status="submitted")
    to_sign = ready_dossier(w.clerk_b, w.unit_b, [], title="Hồ sơ chờ ký")
    Dossier.objects.filter(pk=to_sign.pk).update(status="disclosure", disclosure_end=clock.today() + dt.timedelta(days=2),
                                                 disclosure_start=clock.today() - dt.timedelta(days=10))
    RegistrationPeriod.objects.create(year=clock.today().year, deadline=clock.today() + dt.timedelta(days=3))
    return session


def _count(page, key) -> int:
    return int(page.inner_text(f"[data-desk={key}] .tdkt-desk-count").replace(".", ""))


def _every_link_opens(page, live_server, selector="#desk a"):
    hrefs = [a.get_attribute("href") for a in page.query_selector_all(selector)]
    assert hrefs
    for href in hrefs:
        response = page.goto(live_server.url + href if href.startswith("/") else href)
        assert response.status == 200, href
        assert page.query_selector(".tdkt-error") is None, href
    page.goto(f"{live_server.url}/")


def test_clerk_desk_shows_returned_draft_deadline_and_unread(page, live_server, e2e_world):
    _desk_world(e2e_world)
    log_in(page, live_server, e2e_world.clerk_a)
    assert _count(page, "returned") == 1 and _count(page, "draft") == 1 and _count(page, "unread") >= 1
    assert "1 đối tượng cần bổ sung" in page.inner_text("[data-desk=returned]")
    assert "Hạn đăng ký thi đua năm" in page.inner_text("#desk-deadlines")
    page.screenshot(path=str(SHOTS / "home-clerk-1366.png"), full_page=True)
    page.click("[data-desk=returned] a")
    page.wait_for_url("**/ho-so/?trang_thai=returned")
    assert "Hồ sơ bị trả lại" in page.inner_text("main")
    page.goto(f"{live_server.url}/")
    _every_link_opens(page, live_server)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "home-clerk-390.png"), full_page=True)


def test_officer_desk_shows_what_to_receive_and_disclosures_ending(page, live_server, e2e_world):
    _desk_world(e2e_world)
    log_in(page, live_server, e2e_world.officer)
    assert _count(page, "submitted") == 1 and _count(page, "disclosure_ending") == 1
    assert "Hết thời gian công khai hồ sơ" in page.inner_text("#desk-deadlines")
    page.screenshot(path=str(SHOTS / "home-officer-1366.png"), full_page=True)
    page.click("[data-desk=submitted] a")
    page.wait_for_url("**/ho-so/?nhom=cho-tiep-nhan")
    assert "Hồ sơ mới nộp" in page.inner_text("main")
    page.goto(f"{live_server.url}/")
    _every_link_opens(page, live_server)
    # the layout editor and the help are in the menu
    page.goto(f"{live_server.url}/mau-phoi/bang_khen/")
    page.screenshot(path=str(SHOTS / "layout-1366.png"), full_page=True)
    page.goto(f"{live_server.url}/huong-dan/")
    page.screenshot(path=str(SHOTS / "help-1366.png"), full_page=True)


def test_council_member_desk_on_a_phone_opens_the_ballot(page, live_server, e2e_world):
    session = _desk_world(e2e_world)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, e2e_world.council)
    assert _count(page, "ballots") == 1
    assert "Phiên họp tháng 12" in page.inner_text("[data-desk=ballots]")
    page.screenshot(path=str(SHOTS / "home-council-390.png"), full_page=True)
    page.click("[data-desk=ballots] a")
    page.wait_for_url(f"**/hoi-dong/{session.pk}/")
    assert page.query_selector("form[action$='/bo-phieu/']") is not None  # the ballot is on the page
    page.goto(f"{live_server.url}/")
    _every_link_opens(page, live_server)


def test_leader_desk_links_the_signing_queue(page, live_server, e2e_world):
    _desk_world(e2e_world)
    log_in(page, live_server, e2e_world.leader)
    assert _count(page, "to_sign") == 1
    page.screenshot(path=str(SHOTS / "home-leader-1366.png"), full_page=True)
    page.click("[data-desk=to_sign] a")
    page.wait_for_url("**/ho-so/cho-ky/")
    assert "Hồ sơ chờ ký" in page.inner_text("main")
    page.goto(f"{live_server.url}/")
    _every_link_opens(page, live_server)
