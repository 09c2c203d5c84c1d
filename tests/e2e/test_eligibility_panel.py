"""An officer opens a person's page and reads, in the "Điều kiện khen thưởng" panel, why the person
is not yet due for Chiến sĩ thi đua cấp tỉnh: the failed check's message and its legal basis."""
import pytest

from .conftest import log_in

pytestmark = pytest.mark.e2e


def test_officer_reads_a_failed_check_and_its_legal_basis(page, live_server, e2e_world):
    from tdkt.awards import services
    from tdkt.awards.models import AwardType
    from tdkt.core.services import system_actor

    w = e2e_world
    cs = AwardType.objects.get(code="CSTD_CS")
    for year in (2024, 2025):
        services.set_rating(system_actor(), person=w.person_a, year=year, level="excellent")
        services.create_award_record(system_actor(), award_type=cs, subject_kind="individual", person=w.person_a,
                                     year=year)
    log_in(page, live_server, w.officer)
    page.goto(f"{live_server.url}/ca-nhan/{w.person_a.pk}/")
    page.click("#eligibility-tab")
    panel = page.locator("#eligibility-panel")
    panel.wait_for()
    assert "Điều kiện khen thưởng năm 2025" in panel.inner_text()

    award = panel.locator('[data-award="CSTD_TINH"]')
    assert award.get_attribute("data-status") == "failed"
    award.locator(".accordion-button").click()
    failed = award.locator("tr.check-failed").first
    failed.wait_for(state="visible")
    assert "Chỉ có 2 lần liên tục đạt Chiến sĩ thi đua cơ sở" in failed.locator(".check-message").inner_text()
    assert failed.locator(".check-basis").inner_text() == "Luật TĐKT 2022 Điều 22 khoản 1 điểm a"

    # A year chosen in the panel reloads it in place.
    page.select_option("#eligibility-panel select[name=nam]", "2024")
    page.wait_for_selector("#eligibility-panel >> text=Điều kiện khen thưởng năm 2024")
    page.screenshot(path="var/e2e-eligibility.png", full_page=True)
