"""A unit clerk registers a unit of 120 people in the browser: ticks a title for a whole page with the
column's “tick all” box, moves to the next page (the first page's ticks are saved on the way), ticks
one title for every person of the unit at once, and sends the registration after confirming. A clerk
whose registration period has closed is told so, with the deadline and what to do, before typing,
and the form is read-only."""
import datetime as dt
import os
import pathlib

import pytest

from .conftest import log_in

pytestmark = pytest.mark.e2e


def shot(page, name: str) -> None:
    """Screenshots at 1366 px and 390 px when TDKT_SHOTS_DIR names a folder (looked at by a person)."""
    folder = os.environ.get("TDKT_SHOTS_DIR")
    if not folder:
        return
    pathlib.Path(folder).mkdir(parents=True, exist_ok=True)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def switch_user(page, live_server, user):
    page.context.clear_cookies()
    log_in(page, live_server, user)


def test_clerk_registers_a_large_unit_with_tick_all_across_pages(page, live_server, e2e_world):
    from tdkt.core import clock
    from tdkt.core.services import system_actor
    from tdkt.dossiers.tests.factories import award
    from tdkt.emulation.models import Registration, RegistrationItem
    from tdkt.emulation.services import registrations
    from tdkt.org import services as org_services

    w = e2e_world
    year = clock.today().year
    root = system_actor()
    for i in range(120):
        org_services.create_person(root, w.unit_a, full_name=f"Lê Thị Nhân Viên {i:03d}", gender="female",
                                   birth_date=dt.date(1985, 1, 1), position="Chuyên viên")
    registrations.set_period(w.officer, year=year, deadline=clock.today() + dt.timedelta(days=10))
    registrations.set_period(w.officer, year=year - 1, deadline=clock.today() - dt.timedelta(days=30))
    questions = []
    page.on("dialog", lambda d: (questions.append(d.message), d.accept()))
    ldtt, cstd = award("LDTT"), award("CSTD_CS")

    log_in(page, live_server, w.clerk_a)
    page.goto(f"{live_server.url}/thi-dua/dang-ky/?nam={year}")
    page.click("#my-registration")
    page.wait_for_selector("#period-notice")
    assert "đang mở đến hết ngày" in page.inner_text("#period-notice")
    assert "Danh hiệu cá nhân (121 người)" in page.content()
    page.fill("#commitments", "Hoàn thành xuất sắc nhiệm vụ năm")
    page.get_by_label(f"Chọn tất cả trên trang: {ldtt.name}").check()
    ticked = page.locator(f"#people input.tick[data-award='{ldtt.pk}']:checked").count()
    assert ticked == 100
    shot(page, "registration-page1")
    page.click("#next-page")
    page.wait_for_selector("text=Trang 2/2")
    assert RegistrationItem.objects.filter(award_type=ldtt).count() == 100   # page 1 saved when paging
    page.get_by_label(f"Chọn tất cả trên trang: {ldtt.name}").check()
    page.select_option("select[name=all_award]", str(cstd.pk))
    page.click("#tick-all-people")
    page.wait_for_selector(f"text=Đã đăng ký “{cstd.name}” cho cả 121 người")
    assert questions[-1].startswith("Đăng ký danh hiệu đã chọn cho cả 121 người")
    assert RegistrationItem.objects.filter(award_type=ldtt).count() == 121
    assert RegistrationItem.objects.filter(award_type=cstd).count() == 121
    page.click("#submit-registration")
    page.wait_for_selector("text=Đã gửi đăng ký thi đua")
    assert questions[-1].startswith(f"Gửi đăng ký thi đua năm {year} của Sở Tài chính")
    registration = Registration.objects.get(unit=w.unit_a, year=year)
    assert registration.status == "submitted" and registration.commitments == "Hoàn thành xuất sắc nhiệm vụ năm"
    # The page's box shows what is saved: every person on page 1 ticked.
    page.goto(f"{live_server.url}/thi-dua/dang-ky/{w.unit_a.pk}/{year}/")
    assert page.get_by_label(f"Chọn tất cả trên trang: {ldtt.name}").is_checked()
    page.click("#key-tasks-link")
    page.wait_for_selector(f"text=Nhiệm vụ trọng tâm năm {year}")

    # Another clerk, last year's registration (closed): said before anything is typed.
    switch_user(page, live_server, w.clerk_b)
    page.goto(f"{live_server.url}/thi-dua/dang-ky/{w.unit_b.pk}/{year - 1}/")
    notice = page.inner_text("#period-notice")
    assert f"Đăng ký thi đua năm {year - 1} đã đóng" in notice and "gia hạn" in notice
    assert page.is_disabled("#commitments") and page.is_disabled("#submit-registration")
    assert page.locator("#tick-everyone").count() == 0
    assert page.locator("#registration-import").count() == 0
    shot(page, "registration-closed")
