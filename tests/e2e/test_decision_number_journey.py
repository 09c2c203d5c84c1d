"""Decision numbers in the browser (issue 18): the province's register already holds 1–76/QĐ-UBND of
2026 under two spellings; the leader signs the dossier's decision, which waits for its number in
the leader's queue with no certificate; the văn thư named by the office (TDKT_DECISION_REGISTRY_USERS)
is offered 77, is refused 76 with the decision that holds it, gives 77; the leader's queue and the
certificates follow, and the certificate's text read back carries the number and date given."""
import datetime as dt
import pathlib
import re

import pytest

from tdkt.documents.text import pdf_text

from .conftest import log_in

pytestmark = pytest.mark.e2e


def test_officer_issues_vanthu_numbers_queue_and_certificates_follow(page, live_server, e2e_world, settings):
    page.on("dialog", lambda dialog: dialog.accept())  # irreversible steps ask first; the answer is yes
    from tdkt.awards import services as award_services
    from tdkt.core import clock
    from tdkt.core.choices import Role
    from tdkt.dossiers.models import Certificate
    from tdkt.dossiers.tests.factories import ready_dossier, through_disclosure
    from tdkt.testing import make_user

    w = e2e_world
    clock.travel((dt.date(2026, 11, 2) - clock.today()).days)
    for k in range(1, 77):
        award_services.create_decision(w.officer, number=f"{k}/QĐ-UBND", signed_on=dt.date(2026, 1, 1) + dt.timedelta(k),
                                       authority="province_chair",
                                       issuer_name=("UBND tỉnh Hà Nam", "Chủ tịch Ủy ban nhân dân tỉnh Hà Nam")[k % 2])
    vanthu = make_user("vanthu.ubnd", Role.OFFICER, full_name="Ngô Thị Văn Thư")
    settings.TDKT_DECISION_REGISTRY_USERS = ["vanthu.ubnd"]
    dossier = ready_dossier(w.clerk_a, w.unit_a, [({"person": w.person_a}, "BK_TINH"),
                                                  ({"recipient_unit": w.unit_a_child}, "BK_TINH")])
    through_disclosure(w, dossier)
    url = f"{live_server.url}/ho-so/{dossier.pk}/"

    # The leader signs: the decision waits for its number, no certificate yet.
    log_in(page, live_server, w.leader)
    page.goto(url)
    page.click("#issue-decision")
    page.click("button[type=submit]")
    page.wait_for_selector("#dossier-status[data-status=decided]")
    assert page.get_attribute("#decision-link", "data-awaiting") == "1"
    assert page.query_selector("#give-number") is None  # the leader is not the văn thư
    page.click("#nav-signing-queue")
    row = page.inner_text(f"#queue-awaiting-number tr[data-code='{dossier.code}']")
    assert "Chờ cấp số" in row and "chưa cấp bằng" in row and "Ủy ban nhân dân tỉnh Hà Nam" in row
    assert not Certificate.objects.filter(dossier=dossier).exists()

    # The văn thư: 77 proposed, 76 refused naming the decision that holds it, 77 given.
    page.context.clear_cookies()
    log_in(page, live_server, vanthu)
    page.goto(f"{live_server.url}/ho-so/cho-ky/")
    page.click(f"#queue-awaiting-number tr[data-code='{dossier.code}'] a.btn")
    assert page.input_value("#id_number") == "77/QĐ-UBND"
    page.fill("#id_number", "76/QĐ-UBND")
    page.click("button[type=submit]")
    held = dt.date(2026, 1, 1) + dt.timedelta(76)
    assert f"đã cấp cho Quyết định số 76/QĐ-UBND ngày {held:%d/%m/%Y}" in page.inner_text("main")
    page.fill("#id_number", "77/QĐ-UBND")
    given = clock.today()
    page.fill("#id_signed_on", f"{given:%d/%m/%Y}")
    page.click("button[type=submit]")
    page.wait_for_selector("#issued-documents")
    assert f"Quyết định số 77/QĐ-UBND ngày {given:%d/%m/%Y}" in page.inner_text("main")

    # The leader's queue and the certificates follow.
    page.context.clear_cookies()
    log_in(page, live_server, w.leader)
    page.click("#nav-signing-queue")
    assert page.query_selector(f"#queue-awaiting-number tr[data-code='{dossier.code}']") is None
    row = page.locator(f"#queue-numbered tr[data-code='{dossier.code}']")
    assert row.locator(".decision-number").inner_text() == f"Số 77/QĐ-UBND ngày {given:%d/%m/%Y}"
    for _ in range(60):
        if row.locator(".certificates").inner_text() == "2/2":
            break
        page.wait_for_timeout(500)
        page.reload()
    assert row.locator(".certificates").inner_text() == "2/2"
    page.goto(url)
    with page.expect_download() as info:
        page.click(".nominee[data-name='Nguyễn Văn Đức'] .certificate-link")
    text = re.sub(r"\s+", " ", pdf_text(pathlib.Path(info.value.path()).read_bytes()))
    assert f"Quyết định số 77/QĐ-UBND, ngày {given:%d/%m/%Y}" in text and "Nguyễn Văn Đức" in text
    page.screenshot(path="var/e2e-decision-number.png", full_page=True)
