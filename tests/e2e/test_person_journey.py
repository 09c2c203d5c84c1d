"""A unit clerk looks a colleague up and reads the award timeline; another unit's person is a 404."""
import datetime
import json

import pytest

from .conftest import log_in

pytestmark = pytest.mark.e2e


def test_clerk_searches_without_diacritics_and_reads_the_timeline(page, live_server, e2e_world):
    from tdkt.core.services import system_actor
    from tdkt.org import services

    w = e2e_world
    # A few more colleagues so that the search has something to tell apart.
    for name in ("Nguyễn Văn Hùng", "Trần Văn Nam", "Nguyễn Thị Hoa"):
        services.create_person(system_actor(), w.unit_a, full_name=name, gender="male",
                               birth_date=datetime.date(1990, 1, 1))
    log_in(page, live_server, w.clerk_a)
    page.click("text=Cá nhân")
    page.fill("#id_q", "nguyen van")
    page.press("#id_q", "Enter")
    page.wait_for_selector("#results >> text=Tìm thấy 2 cá nhân")
    results = page.inner_text("#results")
    assert "Nguyễn Văn Đức" in results and "Nguyễn Văn Hùng" in results
    assert "Trần Văn Nam" not in results and "Nguyễn Thị Hoa" not in results
    page.screenshot(path="var/e2e-search.png", full_page=True)

    page.click("#results >> text=Nguyễn Văn Đức")
    page.wait_for_selector("#timeline")
    timeline = page.inner_text("#timeline")
    assert "Năm 2024" in timeline and "Lao động tiên tiến" in timeline
    assert "Hoàn thành xuất sắc nhiệm vụ" in timeline
    page.screenshot(path="var/e2e-person.png", full_page=True)

    # A person of another unit does not exist for this clerk: 404 in the page and in the API.
    response = page.goto(f"{live_server.url}/ca-nhan/{w.person_b.pk}/")
    assert response.status == 404
    api = page.request.get(f"{live_server.url}/api/people/{w.person_b.pk}")
    assert api.status == 404
    own = page.request.get(f"{live_server.url}/api/people/{w.person_a.pk}")
    assert own.status == 200 and json.loads(own.text())["full_name"] == "Nguyễn Văn Đức"
