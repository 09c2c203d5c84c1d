"""The Content Security Policy breaks no page: headless Chromium visits the main pages as the office
and as a clerk, uses their scripts (search as you type, the eligibility panel, menus), and reports no
CSP violation on the console."""
import pytest

from .conftest import log_in

pytestmark = pytest.mark.e2e


def watch(page):
    problems = []
    # Every console error (a CSP refusal reads "Refused to … Content Security Policy"), except the
    # browser's own request for /favicon.ico, which the site does not serve.
    page.on("console", lambda m: problems.append(m.text) if ("Content Security Policy" in m.text or m.type == "error")
            and "status of 404" not in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def test_main_pages_have_no_csp_violation(page, live_server, e2e_world):
    w = e2e_world
    problems = watch(page)
    page.goto(f"{live_server.url}/dang-nhap/")
    log_in(page, live_server, w.officer)
    pages = ["/", "/don-vi/", f"/don-vi/{w.unit_a.pk}/", "/ca-nhan/", f"/ca-nhan/{w.person_a.pk}/",
             "/khen-thuong/", "/quyet-dinh/", "/ho-so/", "/danh-muc/", "/api/docs"]
    for path in pages:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    # Scripts still run: the search as you type (htmx) and the home page's year select.
    page.goto(f"{live_server.url}/ca-nhan/")
    page.fill("#id_q", "nguyen van duc")
    page.wait_for_selector("#results >> text=Nguyễn Văn Đức")
    assert "form-select" in page.get_attribute("#id_gender", "class")  # styled by tdkt.js
    page.goto(f"{live_server.url}/ca-nhan/{w.person_a.pk}/")
    page.wait_for_load_state("networkidle")
    assert problems == []


def test_a_sent_form_disables_its_button(page, live_server, e2e_world):
    w = e2e_world
    log_in(page, live_server, w.clerk_a)
    page.goto(f"{live_server.url}/ca-nhan/them/")
    # Keep the page in place after the first submit (a listener added after tdkt.js's own), as if the
    # server were slow to answer; the button must be disabled, so a second click sends nothing.
    page.evaluate("() => document.addEventListener('submit', e => { window.sent = (window.sent || 0) + 1; "
                  "e.preventDefault(); })")
    page.fill("#id_full_name", "Hà Văn Khoa")
    button = page.locator("main form[method=post] button[type=submit]").first
    button.click()
    page.wait_for_function("() => document.querySelector('main form[method=post] button[type=submit]').disabled")
    assert button.is_disabled() and page.evaluate("() => window.sent") == 1
