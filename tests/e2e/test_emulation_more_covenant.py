"""Issue 12, point 8 in the browser: the office drafts a block's covenant in the indicator table
(two rows given, a third added with "Thêm dòng"), gets every bad row's message at once with what
it typed kept, fixes the two bad rows and saves; screenshots at 1366 px and 390 px."""
import pathlib
from decimal import Decimal

import pytest

from .conftest import log_in

pytestmark = pytest.mark.e2e

SHOTS = pathlib.Path("/tmp/shots-emu-more")


def test_point8_office_drafts_a_covenant_in_the_indicator_table(page, live_server, e2e_world):
    from tdkt.emulation.choices import Direction
    from tdkt.emulation.tests.factories import make_block

    SHOTS.mkdir(parents=True, exist_ok=True)
    bw = make_block(e2e_world, 3, open_scoring=False)
    page.on("dialog", lambda d: d.accept())
    log_in(page, live_server, e2e_world.officer)
    page.goto(f"{live_server.url}{bw.block.get_absolute_url()}")
    page.click("#new-covenant")
    page.wait_for_selector("[data-formset-body='ct']")
    page.fill("#id_title", "Giao ước thi đua năm 2026")
    rows = page.locator("[data-formset-body='ct'] tr")
    assert rows.count() == 2
    page.fill("[name='ct-0-name']", "Thu ngân sách trên địa bàn")
    page.fill("[name='ct-0-unit_of_measure']", "tỷ đồng")
    page.fill("[name='ct-0-target']", "1.250")
    page.fill("[name='ct-1-name']", "Giải quyết hồ sơ đúng hạn")
    page.fill("[name='ct-1-target']", "98")               # no unit of measure
    page.get_by_role("button", name="Thêm dòng").click()
    assert rows.count() == 3
    assert page.evaluate("document.activeElement.name") == "ct-2-name"
    page.fill("[name='ct-2-name']", "Tỷ lệ hồ sơ trễ hạn")
    page.fill("[name='ct-2-unit_of_measure']", "%")
    page.fill("[name='ct-2-target']", "một rưỡi")         # not a number
    page.check("[name='ct-2-lower']")
    page.get_by_role("button", name="Lập giao ước").click()

    page.wait_for_selector("#row-errors")
    assert "2 dòng chỉ tiêu có lỗi" in page.inner_text("#row-errors")
    table = page.inner_text("#table-ct")
    assert "Dòng 2: Đơn vị tính: không được để trống." in table
    assert "Dòng 3: Chỉ tiêu đăng ký: “một rưỡi” không phải là số." in table
    assert page.input_value("[name='ct-0-target']") == "1.250"
    assert page.input_value("[name='ct-1-name']") == "Giải quyết hồ sơ đúng hạn"
    assert page.is_checked("[name='ct-2-lower']") and page.input_value("#id_title") == "Giao ước thi đua năm 2026"
    page.screenshot(path=str(SHOTS / "covenant-errors-1366.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "covenant-errors-390.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})

    page.fill("[name='ct-1-unit_of_measure']", "%")
    page.fill("[name='ct-2-target']", "1,5")
    page.get_by_role("button", name="Lập giao ước").click()
    page.wait_for_selector("text=Đã lập giao ước với 3 chỉ tiêu")
    covenant = bw.block.covenants.get()
    assert [(i.name, i.unit_of_measure, i.target, i.direction) for i in covenant.indicators.all()] == [
        ("Thu ngân sách trên địa bàn", "tỷ đồng", Decimal("1.25"), Direction.HIGHER),
        ("Giải quyết hồ sơ đúng hạn", "%", Decimal("98"), Direction.HIGHER),
        ("Tỷ lệ hồ sơ trễ hạn", "%", Decimal("1.5"), Direction.LOWER)]
