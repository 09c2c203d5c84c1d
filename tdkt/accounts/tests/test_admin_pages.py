"""The administrator's account pages: refusals to everyone else, bad input in Vietnamese naming
the field, the last administrator kept, every change audited."""
import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from tdkt.accounts.services import update_account
from tdkt.core.choices import Role
from tdkt.core.models import AuditEvent
from tdkt.core.services import system_actor
from tdkt.testing import PASSWORD, login, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Hoa-sen-no-2026"
ADMIN_PAGES = ["/tai-khoan/", "/tai-khoan/them/", "/tai-khoan/{pk}/", "/tai-khoan/{pk}/mat-khau-tam/"]


def events(user, action):
    return AuditEvent.objects.filter(model="auth.user", object_id=str(user.pk), action=action)


@pytest.mark.parametrize("persona", ["officer", "clerk_a", "council", "leader", "viewer"])
def test_every_other_role_gets_403_on_every_admin_page(world, persona):
    client = login(getattr(world, persona))
    for page in ADMIN_PAGES:
        path = page.format(pk=world.clerk_a.pk)
        for response in (client.get(path), client.post(path, {"full_name": "X", "role": "admin"})):
            assert response.status_code == 403, path
    assert client.post(f"/tai-khoan/{world.clerk_a.pk}/mo-khoa/").status_code == 403
    world.clerk_a.refresh_from_db()
    assert world.clerk_a.profile.role == Role.CLERK
    assert not AuditEvent.objects.filter(action__in=["update", "account.password_reset", "account.unlock"]).exists()


def test_the_menu_shows_accounts_to_the_admin_only(world):
    assert 'id="nav-accounts"' in login(world.admin).get("/").content.decode()
    body = login(world.officer).get("/").content.decode()
    assert 'id="nav-accounts"' not in body and "Đổi mật khẩu" in body


def test_admin_lists_and_searches_users(world):
    client = login(world.admin)
    body = client.get("/tai-khoan/", {"q": "Sở Tài chính"}).content.decode()
    assert "vanthu.stc" in body and "vanthu.syt" not in body
    body = client.get("/tai-khoan/", {"vai_tro": "clerk"}).content.decode()
    assert "vanthu.stc" in body and "vanthu.syt" in body and "canbo.tinh" not in body
    assert "Quản lý đơn vị" in body  # the units' pages (tdkt.org) are linked, not duplicated


def test_admin_creates_a_clerk_who_must_change_the_temporary_password(world, client):
    admin = login(world.admin)
    response = admin.post("/tai-khoan/them/", {
        "username": "vanthu.stc2", "full_name": "Đào Thị Hằng", "email": "hang@stc.gov.vn", "role": "clerk",
        "unit": world.unit_a.pk, "title": "Chuyên viên", "password": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(username="vanthu.stc2")
    assert user.profile.role == Role.CLERK and user.profile.unit == world.unit_a and user.profile.must_change_password
    event = events(user, "create").get()
    assert event.actor == world.admin and "password" not in event.after and event.after["unit_id"] == world.unit_a.pk

    # First login: every page sends the clerk to change the password, then the flag is gone.
    assert client.post("/dang-nhap/", {"username": "vanthu.stc2", "password": NEW_PASSWORD}).status_code == 302
    assert client.get("/ca-nhan/")["Location"] == "/doi-mat-khau/"
    assert "mật khẩu tạm thời" in client.get("/doi-mat-khau/").content.decode()
    response = client.post("/doi-mat-khau/", {"old_password": NEW_PASSWORD, "new_password1": "Cay-tre-xanh-2027",
                                              "new_password2": "Cay-tre-xanh-2027"})
    assert response.status_code == 302
    assert client.get("/ca-nhan/").status_code == 200
    user.refresh_from_db()
    assert not user.profile.must_change_password and user.check_password("Cay-tre-xanh-2027")
    assert events(user, "account.password_change").count() == 1


def test_bad_account_input_names_each_field_in_vietnamese(world):
    client = login(world.admin)
    body = client.post("/tai-khoan/them/", {
        "username": "vanthu stc", "full_name": "", "email": "khong-phai-thu", "role": "clerk", "unit": "",
        "password": "12345678", "password2": "12345679"}).content.decode()
    assert "Họ và tên: không được để trống." in body
    assert "Thư điện tử: địa chỉ không hợp lệ." in body
    assert "Nhập lại mật khẩu: không khớp với mật khẩu mới." in body
    body = client.post("/tai-khoan/them/", {
        "username": "vanthu stc", "full_name": "Đào Thị Hằng", "role": "clerk", "unit": "",
        "password": "12345678", "password2": "12345678"}).content.decode()
    assert "Tên đăng nhập: chỉ gồm chữ, số" in body
    assert "Đơn vị: cán bộ TĐKT đơn vị phải thuộc một đơn vị." in body
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in body
    assert "Mật khẩu này hoàn toàn là số." in body
    body = client.post("/tai-khoan/them/", {
        "username": "VANTHU.STC", "full_name": "Đào Thị Hằng", "role": "viewer",
        "password": "password123", "password2": "password123"}).content.decode()
    assert "Tên đăng nhập: “VANTHU.STC” đã có người dùng." in body
    assert "Mật khẩu này quá phổ biến." in body
    body = client.post("/tai-khoan/them/", {
        "username": "hangdt", "full_name": "Đào Thị Hằng", "role": "viewer",
        "password": "hangdt2026", "password2": "hangdt2026"}).content.decode()
    assert "Mật khẩu quá giống với Tên đăng nhập." in body
    assert not User.objects.filter(username__in=["hangdt", "vanthu stc"]).exists()


def test_admin_changes_role_and_unit_and_deactivates_then_reactivates(world, client):
    admin = login(world.admin)
    path = f"/tai-khoan/{world.clerk_a.pk}/"
    data = {"full_name": "Lê Văn Bình", "role": "clerk", "unit": world.unit_b.pk, "title": "", "is_active": "on"}
    assert admin.post(path, data).status_code == 302
    world.clerk_a.refresh_from_db()
    assert world.clerk_a.profile.unit == world.unit_b
    assert events(world.clerk_a, "update").get().before["unit_id"] == world.unit_a.pk

    assert admin.post(path, {**data, "is_active": ""}).status_code == 302
    assert events(world.clerk_a, "account.deactivate").count() == 1
    refused = client.post("/dang-nhap/", {"username": "vanthu.stc", "password": PASSWORD})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session

    assert admin.post(path, data).status_code == 302
    assert events(world.clerk_a, "account.activate").count() == 1
    assert client.post("/dang-nhap/", {"username": "vanthu.stc", "password": PASSWORD}).status_code == 302


def test_the_administrator_cannot_lock_themselves_out(world):
    client = login(world.admin)
    path = f"/tai-khoan/{world.admin.pk}/"
    base = {"full_name": "Quản trị viên", "role": "admin", "is_active": "on"}
    body = client.post(path, {**base, "is_active": ""}).content.decode()
    assert "Bạn không thể tự khóa tài khoản của chính mình." in body
    body = client.post(path, {**base, "role": "officer"}).content.decode()
    assert "Bạn không thể tự bỏ vai trò quản trị của mình" in body
    world.admin.refresh_from_db()
    assert world.admin.is_active and world.admin.profile.role == Role.ADMIN
    assert not events(world.admin, "update").exists()


def test_the_last_active_administrator_stays_one(world):
    """A page actor is an active administrator, so the last one is always themselves (refused above);
    the set-up actor of commands and the shell is refused too."""
    with pytest.raises(ValidationError, match="quản trị viên cuối cùng"):
        update_account(system_actor(), world.admin, full_name="Quản trị viên", role="viewer", is_active=True)
    with pytest.raises(ValidationError, match="quản trị viên cuối cùng"):
        update_account(system_actor(), world.admin, full_name="Quản trị viên", role="admin", is_active=False)
    # With a second administrator, one may deactivate the other.
    second = make_user("admin2", Role.ADMIN, full_name="Quản trị viên hai")
    response = login(second).post(f"/tai-khoan/{world.admin.pk}/", {"full_name": "Quản trị viên", "role": "admin"})
    assert response.status_code == 302
    world.admin.refresh_from_db()
    assert not world.admin.is_active and events(world.admin, "account.deactivate").get().actor == second
    with pytest.raises(ValidationError, match="quản trị viên cuối cùng"):
        update_account(system_actor(), second, full_name="X", role="officer", is_active=True)


def test_admin_sets_a_temporary_password_and_it_is_audited(world, client):
    admin = login(world.admin)
    path = f"/tai-khoan/{world.viewer.pk}/mat-khau-tam/"
    body = admin.post(path, {"password": "abc", "password2": "abc"}).content.decode()
    assert "Mật khẩu quá ngắn" in body
    assert admin.post(path, {"password": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 302
    world.viewer.refresh_from_db()
    assert world.viewer.check_password(NEW_PASSWORD) and world.viewer.profile.must_change_password
    event = events(world.viewer, "account.password_reset").get()
    assert event.actor == world.admin and "password" not in (event.after or {})
    client.post("/dang-nhap/", {"username": "nguoixem", "password": NEW_PASSWORD})
    assert client.get("/")["Location"] == "/doi-mat-khau/"


def test_own_password_change_refuses_bad_input_in_vietnamese(world):
    client = login(world.clerk_a)
    body = client.post("/doi-mat-khau/", {"old_password": "sai", "new_password1": "123",
                                         "new_password2": "124"}).content.decode()
    assert "Mật khẩu cũ không chính xác" in body and "Hai trường mật khẩu không giống nhau" in body
    body = client.post("/doi-mat-khau/", {"old_password": PASSWORD, "new_password1": "12345678901",
                                         "new_password2": "12345678901"}).content.decode()
    assert "Mật khẩu này hoàn toàn là số." in body
    assert not events(world.clerk_a, "account.password_change").exists()
    assert login(world.clerk_a)  # the old password still works
