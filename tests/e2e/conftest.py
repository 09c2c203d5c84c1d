"""Browser tests: Playwright driving Debian's Chromium (headless) against Django's live server.

Every page the tests open is timed (tests/e2e/timing.py): the run ends with a table of the median
and 95th percentile per page, and fails when a page is slower than the budget (1 s)."""
import os
import pathlib
import re
import shutil

import pytest

from .timing import BUDGET_MS, TIMINGS

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the tests'
# own set-up are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("TDKT_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
# Where the journeys leave their screenshots, one folder per test, to be looked at.
SHOTS = pathlib.Path(os.environ.get("TDKT_SHOTS", "/tmp/tdkt-shots"))
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_page(browser, viewport=DESKTOP, **options):
    context = browser.new_context(locale="vi-VN", viewport=viewport, **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    TIMINGS.watch(page)
    return page


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def phone_page(browser):
    """A phone's screen: 390 px wide, touch, the mobile user agent's layout."""
    page = new_page(browser, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield page
    page.context.close()


@pytest.fixture
def shots(request):
    """shots("1-home") saves a full-page screenshot of a page as <SHOTS>/<test>/1-home.png."""
    folder = SHOTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)

    def shoot(name, page=None):
        target = page or request.getfixturevalue("page")
        target.screenshot(path=str(folder / f"{name}.png"), full_page=True)

    shoot.folder = folder
    return shoot


@pytest.fixture
def e2e_world(transactional_db):
    from tdkt.awards.models import AwardType
    from tdkt.rules import catalogue
    from tdkt.testing import make_world

    # A transactional test empties every table when it ends, the catalogue loaded by the data
    # migration included: the next browser test loads it again.
    catalogue.load(AwardType)
    return make_world()


def log_in(page, live_server, user, password=None):
    from tdkt.testing import PASSWORD

    username = getattr(user, "username", user)
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password or PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def switch_user(page, live_server, user, password=None):
    page.context.clear_cookies()
    log_in(page, live_server, user, password)


def record_dialogs(page) -> list[str]:
    """Accept every confirmation the page asks (tdkt.js's data-confirm) and keep its words, so a
    journey can assert what the user was told before an irreversible act."""
    said: list[str] = []

    def answer(dialog):
        said.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)
    return said


def main_text(page) -> str:
    return page.inner_text("main")


# --- The page timings: a table at the end of the run, and the budget -------------------------------

def pytest_sessionfinish(session, exitstatus):
    if TIMINGS.over_budget() and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if not TIMINGS.samples:
        return
    terminalreporter.write_sep("=", f"thời gian tải trang của các kiểm thử trình duyệt (ngân sách {BUDGET_MS:.0f} ms)")
    for line in TIMINGS.table():
        terminalreporter.write_line(line)
    slow = TIMINGS.over_budget()
    for group, key, p95, url in slow:
        terminalreporter.write_line(f"TRANG CHẬM ({group}): {key} p95 {p95:.0f} ms > {BUDGET_MS:.0f} ms, vd {url}",
                                    red=True, bold=True)
    if slow:
        terminalreporter.write_line("Lần chạy thất bại vì có trang chậm hơn ngân sách (TDKT_PAGE_BUDGET_MS).",
                                    red=True)
