"""The desk's other pages in the browser (issue 12, points 8-10 and 12): the Vietnamese error pages a
visitor and a clerk meet, the timely-award page on first load, the notices each with their button,
the glossary, and the layout editor at a phone's width. Screenshots go to /tmp/shots-desk/."""
import pathlib

import pytest

from .conftest import log_in

pytestmark = pytest.mark.e2e
SHOTS = pathlib.Path("/tmp/shots-desk")


def _both_widths(page, name):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(SHOTS / f"{name}-1366.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def test_error_pages_timely_notices_and_glossary_speak_vietnamese(page, live_server, e2e_world):
    from tdkt.dossiers import notices
    from tdkt.dossiers.tests.factories import ready_dossier

    w = e2e_world
    response = page.goto(f"{live_server.url}/xac-minh/GIAMAO123456/")
    assert response.status == 404
    assert "Không tìm thấy bằng khen, giấy khen có mã này" in page.inner_text("main")
    _both_widths(page, "error-404-verify")
    page.click("#error-verify-link")
    page.wait_for_url("**/xac-minh/")

    log_in(page, live_server, w.clerk_a)
    response = page.goto(f"{live_server.url}/mau-phoi/bang_khen/")
    assert response.status == 403 and "Lỗi 403" in page.inner_text("main")
    _both_widths(page, "error-403")

    page.goto(f"{live_server.url}/khen-thuong-kip-thoi/")
    assert page.is_visible("#timely-default") and page.is_visible("#timely-no-run")
    _both_widths(page, "timely-first-load")

    dossier = ready_dossier(w.clerk_a, w.unit_a, [])
    notices.notify(subject="Hồ sơ của đơn vị", message="Hồ sơ đã được tiếp nhận.", units=[w.unit_a], dossier=dossier)
    from tdkt.dossiers.models import Notification

    Notification.objects.create(unit=w.unit_a, subject="Thông báo chung", message="Lịch họp giao ban tháng 12.")
    page.goto(f"{live_server.url}/thong-bao/")
    assert page.inner_text(".notice-open") == "Mở hồ sơ"
    assert "không gắn với trang cụ thể" in page.inner_text(".notice-no-target")
    _both_widths(page, "notifications")
    page.click(".notice-open")
    page.wait_for_url(f"**/ho-so/{dossier.pk}/")

    page.goto(f"{live_server.url}/huong-dan/thuat-ngu/#hiep_y")
    assert "Hiệp y" in page.inner_text("#hiep_y")
    _both_widths(page, "glossary")


def test_layout_editor_shows_row_errors_and_the_preview_on_a_phone(page, live_server, e2e_world):
    log_in(page, live_server, e2e_world.officer)
    page.click("#nav-more")
    page.click("#nav-layout")
    page.wait_for_url("**/mau-phoi/bang_khen/")
    page.fill("#id_recipient_name-width_mm", "500")
    page.click("#layout-table-form button[type=submit]")
    page.wait_for_selector("#layout-row-errors")
    assert "Vượt ra ngoài khổ giấy" in page.inner_text("tr.layout-row-error")
    assert page.input_value("#id_recipient_name-width_mm") == "500"
    assert page.is_visible("#layout-preview")
    _both_widths(page, "layout-errors")

