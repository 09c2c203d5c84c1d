"""Accounts in the browser: an administrator creates a clerk for a unit, the clerk logs in with the
temporary password, is made to change it and logs in again with the new one; repeated failures lock
the login with a Vietnamese message. The pages are looked at on a desktop and at 390 px."""
import pytest

from .conftest import log_in

pytestmark = pytest.mark.e2e

TEMPORARY = "Tam-thoi-2026!"
CHOSEN = "Hoa-Ban-Trang-2027"


def sign_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")


def sign_out(page):
    page.click("#user-menu")  # the account's menu holds the sign-out
    page.click("#menu-logout")
    page.wait_for_selector("#id_username")


def test_admin_creates_a_clerk_who_logs_in_and_changes_the_password(page, live_server, e2e_world):
    w = e2e_world
    log_in(page, live_server, w.admin)
    page.click("#nav-accounts")
    page.wait_for_selector("#users")
    page.click("#user-create")
    page.fill("#id_username", "vanthu.stc.moi")
    page.fill("#id_full_name", "Đào Thị Hằng")
    page.select_option("#id_role", "clerk")
    page.select_option("#id_unit", str(w.unit_a.pk))
    page.fill("#id_password", "12345")
    page.fill("#id_password2", "12345")
    page.click("main button[type=submit]")
    page.wait_for_selector(".field-error")
    errors = page.inner_text("main form")
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in errors and "Mật khẩu này hoàn toàn là số." in errors
    page.fill("#id_password", TEMPORARY)
    page.fill("#id_password2", TEMPORARY)
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã tạo tài khoản vanthu.stc.moi")
    assert "Sở Tài chính" in page.inner_text("#id_unit option:checked")
    page.screenshot(path="var/e2e-account.png", full_page=True)
    sign_out(page)

    # The clerk's first login leads to the password change, whatever page is asked for.
    sign_in(page, live_server, "vanthu.stc.moi", TEMPORARY)
    page.wait_for_url(f"{live_server.url}/doi-mat-khau/")
    assert "mật khẩu tạm thời" in page.inner_text("main")
    page.goto(f"{live_server.url}/ca-nhan/")
    page.wait_for_url(f"{live_server.url}/doi-mat-khau/")
    page.fill("#id_old_password", TEMPORARY)
    page.fill("#id_new_password1", "vanthu.stc.moi1")
    page.fill("#id_new_password2", "vanthu.stc.moi1")
    page.click("main button[type=submit]")
    page.wait_for_selector(".field-error")
    assert "Mật khẩu quá giống với Tên đăng nhập." in page.inner_text("main form")
    page.fill("#id_old_password", TEMPORARY)
    page.fill("#id_new_password1", CHOSEN)
    page.fill("#id_new_password2", CHOSEN)
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã đổi mật khẩu.")
    # The clerk works on their own unit only.
    assert page.goto(f"{live_server.url}/ca-nhan/{w.person_b.pk}/").status == 404
    assert page.goto(f"{live_server.url}/ca-nhan/{w.person_a.pk}/").status == 200
    sign_out(page)

    sign_in(page, live_server, "vanthu.stc.moi", CHOSEN)
    page.wait_for_url(f"{live_server.url}/")
    # The user menu links the password change page.
    page.click("#user-menu")
    page.click("#menu-password")
    page.wait_for_url(f"{live_server.url}/doi-mat-khau/")


def test_repeated_failures_lock_the_login_with_a_vietnamese_message(page, live_server, e2e_world):
    for _ in range(4):
        sign_in(page, live_server, "vanthu.stc", "sai-mat-khau")
        page.wait_for_selector("text=Tên đăng nhập hoặc mật khẩu không đúng")
    sign_in(page, live_server, "vanthu.stc", "sai-mat-khau")
    page.wait_for_selector("#locked-out")
    text = page.inner_text("#locked-out")
    assert "Tài khoản tạm thời bị khóa" in text and "vanthu.stc" in text and "15 phút" in text
    page.screenshot(path="var/e2e-locked-desktop.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="var/e2e-locked-390.png", full_page=True)


@pytest.mark.parametrize("width", [1366, 390])
def test_account_pages_fit_the_screen(page, live_server, e2e_world, width):
    from tdkt.core.models import ApiToken

    w = e2e_world
    ApiToken.issue(w.clerk_a, "Phần mềm nhân sự")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, w.admin)
    for path, name in [("/tai-khoan/", "users"), (f"/tai-khoan/{w.clerk_a.pk}/", "user"),
                       ("/tai-khoan/them/", "create"), ("/khoa-api/", "tokens"), ("/doi-mat-khau/", "password")]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_selector("main h1")
        # Nothing sticks out sideways: the page scrolls vertically only (tables scroll inside their box).
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} at {width}px is {overflow}px too wide"
        page.screenshot(path=f"var/e2e-accounts-{name}-{width}.png", full_page=True)
