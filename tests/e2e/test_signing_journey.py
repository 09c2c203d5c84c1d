"""A Phó Chủ tịch signs after seeing the decision (issue 12, point 5): from the leader's queue to
the signing page, the list of recipients, the money and the legal basis, the draft PDF opened, the
question before signing; the signature block comes from the account, and the signed PDF reads
"KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"."""
import re

import pytest

from tdkt.documents.text import pdf_text

from .conftest import log_in

pytestmark = pytest.mark.e2e

SHOTS = "/tmp/shots-dos-council"


def test_a_vice_chair_signs_after_seeing_the_list_and_the_preview(page, live_server, e2e_world):
    from tdkt.core import clock
    from tdkt.core.models import Profile
    from tdkt.dossiers.models import Dossier
    from tdkt.dossiers.services import numbering
    from tdkt.dossiers.tests.factories import ready_dossier, through_disclosure

    w = e2e_world
    Profile.objects.filter(user=w.leader).update(title="Phó Chủ tịch UBND tỉnh")
    dossier = ready_dossier(w.clerk_a, w.unit_a, [({"person": w.person_a}, "BK_TINH"),
                                                  ({"recipient_unit": w.unit_a_child}, "BK_TINH")])
    through_disclosure(w, dossier)
    clock.travel(1)

    log_in(page, live_server, w.leader)
    page.click("#nav-signing-queue")
    row = page.locator(f"#queue-to-sign tr[data-code='{dossier.code}']")
    assert "1 ngày" in row.inner_text()
    page.screenshot(path=f"{SHOTS}/signing-1366-queue.png", full_page=True)
    row.locator("a.sign-link").click()
    page.wait_for_selector("#signing-card")

    recipients = page.inner_text("#decision-recipients")
    assert "Ông Nguyễn Văn Đức" in recipients and "Phòng Ngân sách" in recipients
    assert "Căn cứ Luật Thi đua, khen thưởng" in page.inner_text("#legal-basis")
    total = page.inner_text("#money-total")
    assert re.fullmatch(r"[\d.]+", total) and int(total.replace(".", "")) > 0
    assert page.inner_text("#signing-capacity") == "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    page.screenshot(path=f"{SHOTS}/signing-1366-page.png", full_page=True)

    # The draft PDF opens in a new tab; its text is the decision to be signed, without a number.
    with page.context.expect_page() as opened:
        page.click("#preview-pdf")
    preview_url = opened.value.url
    opened.value.close()
    draft = page.request.get(preview_url)
    assert draft.headers["content-type"] == "application/pdf"
    draft_text = re.sub(r"\s+", " ", pdf_text(draft.body()))
    assert "KT. CHỦ TỊCH" in draft_text and "Nguyễn Văn Đức" in draft_text

    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{SHOTS}/signing-390-page.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1366, "height": 900})

    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.click("#sign-decision")
    page.wait_for_selector("#dossier-status[data-status=decided]")
    assert "sau khi ký không sửa được" in asked[0] and "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" in asked[0]
    decision = Dossier.objects.get(pk=dossier.pk).decision
    assert decision.signer_title == "KT. CHỦ TỊCH Phó Chủ tịch"

    # The văn thư numbers it; the signed PDF carries the vice-chair's block.
    dossier.refresh_from_db()
    numbering.give_number(w.officer, dossier, number=numbering.proposal(decision), signed_on=clock.today())
    response = page.request.get(f"{live_server.url}/ho-so/{dossier.pk}/van-ban/decision_pdf/")
    assert response.ok
    text = re.sub(r"\s+", " ", pdf_text(response.body()))
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text
