"""Issue 12 points 2 and 7 in the browser: a unit clerk adds a nominee with the searchable picker
(typed without diacritics), states a ground with its evidence and sees the rule engine's verdict
change live, at 1366 px and at 390 px."""
import os
import pathlib

import pytest

from .conftest import log_in

pytestmark = pytest.mark.e2e

SHOTS = pathlib.Path(os.environ.get("TDKT_SHOTS", "/tmp/shots-dos-drafting"))
GROUND = "Tiêu biểu xuất sắc trong phong trào thi đua"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [1366, 390])
def test_a_clerk_picks_a_nominee_states_a_ground_and_sees_the_verdict_change(page, live_server, e2e_world, width):
    from tdkt.awards.models import AwardType
    from tdkt.dossiers.models import Nominee
    from tdkt.dossiers.tests.factories import ready_dossier

    w = e2e_world
    page.set_viewport_size({"width": width, "height": 900})
    dossier = ready_dossier(w.clerk_a, w.unit_a, [])
    log_in(page, live_server, w.clerk_a)
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
    page.click("#add-nominee")

    # The picker: typed without diacritics, the match shows its position and unit; chosen by keyboard.
    page.wait_for_selector("#id_person[data-picker-ready]", state="attached")
    combo = page.get_by_role("combobox", name="Cá nhân")
    combo.fill("nguyen van duc")
    option = page.get_by_role("option", name="Nguyễn Văn Đức")
    assert "Phòng Ngân sách" in option.inner_text()
    combo.press("ArrowDown")
    combo.press("Enter")
    assert combo.input_value() == "Nguyễn Văn Đức – Trưởng phòng – Phòng Ngân sách"
    page.select_option("#id_award_type", str(AwardType.objects.get(code="BK_TINH").pk))

    badge = page.locator("#live-verdict-badge")
    page.wait_for_selector("#live-verdict-badge[data-verdict=failed]")
    assert badge.inner_text() == "Chưa đủ điều kiện"
    assert "Luật TĐKT 2022 Điều 74" in page.locator("#live-verdict").inner_text()
    shot(page, f"nominee-form-failed-{width}")

    page.get_by_role("checkbox", name=GROUND).check()
    page.wait_for_selector("#live-verdict-badge[data-verdict=pending]")
    assert "Còn thiếu minh chứng" in page.locator("#live-verdict").inner_text()
    page.fill("#id_minh_chung_outstanding_in_movement", "Quyết định 12/QĐ-UBND ngày 10/12/2025")
    shot(page, f"nominee-form-pending-{width}")
    page.click("#nominee-form button[type=submit]")
    page.wait_for_selector("text=Đã thêm đối tượng đề nghị Nguyễn Văn Đức")
    row = page.locator(".nominee[data-name='Nguyễn Văn Đức']")
    assert "Cần Hội đồng đánh giá" in row.inner_text()
    assert f"Căn cứ: {GROUND}" in row.inner_text()
    shot(page, f"dossier-detail-{width}")
    nominee = Nominee.objects.get()
    assert nominee.verdict_eligible is True and nominee.claims[0]["evidence"].startswith("Quyết định 12")

    # Submitting asks first and says what will happen.
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.click("#submit-dossier")
    assert asked and "không sửa được" in asked[0]


def test_the_picker_searches_on_the_server_when_the_list_is_long(page, live_server, e2e_world, monkeypatch):
    from tdkt.awards.models import AwardType
    from tdkt.dossiers import forms
    from tdkt.dossiers.models import Nominee
    from tdkt.dossiers.tests.factories import ready_dossier

    monkeypatch.setattr(forms, "PEOPLE_SENT_WITH_THE_PAGE", 0)
    w = e2e_world
    dossier = ready_dossier(w.clerk_a, w.unit_a, [])
    log_in(page, live_server, w.clerk_a)
    page.goto(f"{live_server.url}/ho-so/{dossier.pk}/doi-tuong/them/")
    page.wait_for_selector("#id_person[data-picker-ready]", state="attached")
    assert page.locator("#id_person option").count() == 1          # only the empty choice was sent
    combo = page.get_by_role("combobox", name="Cá nhân")
    combo.fill("duc")
    page.get_by_role("option", name="Nguyễn Văn Đức").wait_for()
    combo.press("ArrowDown")
    combo.press("Enter")
    page.select_option("#id_award_type", str(AwardType.objects.get(code="BK_TINH").pk))
    page.wait_for_selector("#live-verdict-badge[data-verdict=failed]")
    page.click("#nominee-form button[type=submit]")
    page.wait_for_selector("text=Đã thêm đối tượng đề nghị Nguyễn Văn Đức")
    assert Nominee.objects.get().person_id == w.person_a.pk
