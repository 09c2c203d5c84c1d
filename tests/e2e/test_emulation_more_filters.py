"""Issue 12, point 7 in the browser: the award list's and the people list's unit filter is the
searchable picker (typed without diacritics, each unit with its parent); choosing a unit lists its
whole subtree at once (htmx) and the address keeps ?unit= as before; screenshots at 1366 and 390 px."""
import datetime
import pathlib

import pytest

from .conftest import log_in

pytestmark = pytest.mark.e2e

SHOTS = pathlib.Path("/tmp/shots-emu-more")


def test_point7_unit_filters_are_searchable_pickers(page, live_server, e2e_world):
    from playwright.sync_api import expect

    from tdkt.awards import services
    from tdkt.awards.models import AwardType

    SHOTS.mkdir(parents=True, exist_ok=True)
    w = e2e_world
    bk = AwardType.objects.get(code="BK_TINH")
    decision = services.create_decision(w.officer, number="7/QĐ-UBND", signed_on=datetime.date(2024, 12, 20),
                                        authority="province_chair", issuer_name="UBND tỉnh Hà Nam",
                                        signer_name="Trương Quốc Huy", signer_title="Chủ tịch UBND tỉnh",
                                        summary="Về việc tặng Bằng khen năm 2024")
    for person in (w.person_a, w.person_b):
        services.create_award_record(w.officer, award_type=bk, subject_kind="individual", person=person, year=2024,
                                     decision=decision)
    log_in(page, live_server, w.officer)
    page.goto(f"{live_server.url}/khen-thuong/")
    page.wait_for_selector("#id_unit[data-picker-ready]", state="attached")
    assert "Nguyễn Thị Ánh" in page.inner_text("#results")
    combo = page.get_by_role("combobox", name="Đơn vị (gồm cả đơn vị trực thuộc)")
    combo.fill("so tai chinh")
    page.get_by_role("option", name="Sở Tài chính – UBND tỉnh Hà Nam").wait_for()
    page.screenshot(path=str(SHOTS / "award-list-picker-1366.png"), full_page=True)
    combo.press("ArrowDown")
    combo.press("Enter")
    page.wait_for_url(f"**/khen-thuong/?*unit={w.unit_a.pk}*")
    expect(page.locator("#results")).not_to_contain_text("Nguyễn Thị Ánh")
    assert "Nguyễn Văn Đức" in page.inner_text("#results")
    assert combo.input_value() == "Sở Tài chính – UBND tỉnh Hà Nam"
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "award-list-picker-390.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})

    page.goto(f"{live_server.url}/ca-nhan/")
    page.wait_for_selector("#id_unit[data-picker-ready]", state="attached")
    combo = page.get_by_role("combobox", name="Đơn vị (gồm cả đơn vị trực thuộc)")
    combo.fill("y te")
    page.get_by_role("option", name="Sở Y tế – UBND tỉnh Hà Nam").click()
    expect(page.locator("#results")).not_to_contain_text("Nguyễn Văn Đức")
    assert "Nguyễn Thị Ánh" in page.inner_text("#results")
    page.screenshot(path=str(SHOTS / "person-list-picker-1366.png"), full_page=True)
