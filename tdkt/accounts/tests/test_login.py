"""Logging in: the lock-out after repeated failures (django-axes, by username and address), the
audit of logins, failures and logouts, the idle timeout, and the self-service reset by e-mail."""
import datetime
import re

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from tdkt.accounts.middleware import LAST_SEEN
from tdkt.core import clock
from tdkt.core.models import AuditEvent
from tdkt.testing import PASSWORD, login

pytestmark = pytest.mark.django_db


def wait(client, minutes: int) -> None:
    """Let the session sit idle: its last-seen time moves back (idleness is wall-clock time)."""
    session = client.session
    session[LAST_SEEN] = (datetime.datetime.fromisoformat(session[LAST_SEEN])
                          - datetime.timedelta(minutes=minutes)).isoformat()
    session.save()


def attempt(client, username, password, address="10.0.0.1"):
    return client.post("/dang-nhap/", {"username": username, "password": password}, REMOTE_ADDR=address)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_after_repeated_failures_in_vietnamese_and_admin_unlocks(world):
    client = Client()
    for _ in range(2):
        response = attempt(client, "vanthu.stc", "sai-mat-khau")
        assert response.status_code == 200 and "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    locked = attempt(client, "vanthu.stc", "sai-mat-khau")
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "Tài khoản tạm thời bị khóa" in body and "vanthu.stc" in body and "15 phút" in body
    # Even the right password is refused while locked, and the attempt is audited as refused.
    assert attempt(client, "vanthu.stc", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    failures = AuditEvent.objects.filter(action="account.login_failed", object_id=str(world.clerk_a.pk))
    assert failures.count() == 4 and failures.filter(note__contains="đang bị tạm khóa").exists()
    assert failures.filter(note__contains="10.0.0.1").count() == 4
    # Another address is not locked for this username (username + address), nor another user here.
    assert attempt(Client(), "vanthu.stc", PASSWORD, address="10.0.0.2").status_code == 302
    assert attempt(Client(), "vanthu.syt", PASSWORD).status_code == 302

    admin = login(world.admin)
    page = admin.get(f"/tai-khoan/{world.clerk_a.pk}/").content.decode()
    assert "Đang bị tạm khóa sau 4 lần đăng nhập sai" in page and "10.0.0.1" in page
    assert admin.post(f"/tai-khoan/{world.clerk_a.pk}/mo-khoa/").status_code == 302
    assert "Không bị khóa." in admin.get(f"/tai-khoan/{world.clerk_a.pk}/").content.decode()
    assert AuditEvent.objects.filter(action="account.unlock", object_id=str(world.clerk_a.pk),
                                     actor=world.admin).count() == 1
    assert attempt(client, "vanthu.stc", PASSWORD).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=2)
def test_the_lock_ends_after_the_cool_off_period(world):
    client = Client()
    attempt(client, "vanthu.stc", "sai")
    assert attempt(client, "vanthu.stc", "sai").status_code == 429
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert attempt(client, "vanthu.stc", PASSWORD).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=2, TDKT_CLIENT_IP_HEADER="HTTP_X_REAL_IP")
def test_behind_the_proxy_the_lock_counts_the_clients_address_not_the_proxys(world):
    """nginx connects from 127.0.0.1 and passes the client's address in X-Real-IP: one client's
    failures lock that client out, not every user of the account coming through the same proxy."""
    def through_proxy(client, password, real_ip):
        return client.post("/dang-nhap/", {"username": "vanthu.stc", "password": password},
                           REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=real_ip)

    attacker = Client()
    through_proxy(attacker, "sai", "203.0.113.7")
    assert through_proxy(attacker, "sai", "203.0.113.7").status_code == 429
    assert through_proxy(Client(), PASSWORD, "10.20.30.40").status_code == 302
    failure = AuditEvent.objects.filter(action="account.login_failed").first()
    assert "203.0.113.7" in failure.note and "127.0.0.1" not in failure.note


def test_login_failure_and_logout_are_audited(world):
    client = Client()
    attempt(client, "khong.co.ai", "x")
    unknown = AuditEvent.objects.get(action="account.login_failed")
    assert unknown.object_repr == "khong.co.ai" and unknown.actor is None and "không có tài khoản" in unknown.note
    assert attempt(client, "hoidong", PASSWORD).status_code == 302
    login_event = AuditEvent.objects.get(action="login")
    assert login_event.actor == world.council and login_event.object_id == str(world.council.pk)
    assert "10.0.0.1" in login_event.note
    client.post("/dang-xuat/")
    assert AuditEvent.objects.filter(action="account.logout", actor=world.council).count() == 1
    # The history labels them in Vietnamese.
    assert unknown.get_action_display() == "Đăng nhập thất bại"


@override_settings(TDKT_SESSION_IDLE_MINUTES=30)
def test_an_idle_session_ends_with_a_message_on_the_login_page(world):
    client = Client()
    attempt(client, "canbo.tinh", PASSWORD)
    assert client.get("/ca-nhan/").status_code == 200
    wait(client, 20)  # active again within 30 minutes: still signed in
    assert client.get("/ca-nhan/").status_code == 200
    wait(client, 31)
    response = client.get("/ca-nhan/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/?het_phien=1")
    assert "_auth_user_id" not in client.session
    body = client.get(response["Location"]).content.decode()
    assert "Phiên làm việc đã kết thúc vì không hoạt động quá 30 phút" in body
    assert AuditEvent.objects.filter(action="account.logout", actor=world.officer,
                                     note__contains="hết phiên").count() == 1
    # The API with the expired session answers 401 like any anonymous call.
    attempt(client, "canbo.tinh", PASSWORD)
    wait(client, 31)
    assert client.get("/api/units").status_code == 401


def test_moving_the_business_clock_does_not_sign_anyone_out(world):
    """Deadlines are tested by moving tdkt.core.clock by days; the session's idleness is wall time."""
    client = login(world.officer)
    assert client.get("/ca-nhan/").status_code == 200
    clock.travel(6)
    assert client.get("/ca-nhan/").status_code == 200


def test_self_service_reset_by_email(world, mailoutbox):
    world.clerk_a.email = "binh@stc.gov.vn"
    world.clerk_a.save()
    client = Client()
    assert "Quên mật khẩu?" in client.get("/dang-nhap/").content.decode()
    bad = client.post("/quen-mat-khau/", {"email": "khong-phai-thu"}).content.decode()
    assert "Thư điện tử: địa chỉ không hợp lệ." in bad
    # An unknown address answers the same page and sends nothing (no account discovery).
    assert client.post("/quen-mat-khau/", {"email": "ai@dau.vn"})["Location"] == "/quen-mat-khau/da-gui/"
    assert len(mailoutbox) == 0
    assert client.post("/quen-mat-khau/", {"email": "BINH@stc.gov.vn"})["Location"] == "/quen-mat-khau/da-gui/"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["binh@stc.gov.vn"] and "Đặt lại mật khẩu" in message.subject
    assert "vanthu.stc" in message.body
    link = re.search(r"http://127\.0\.0\.1:8000(/dat-lai-mat-khau/\S+/)", message.body).group(1)  # TDKT_PUBLIC_URL
    form_url = client.get(link)["Location"]
    body = client.post(form_url, {"new_password1": "12345678901", "new_password2": "12345678901"}).content.decode()
    assert "Mật khẩu này hoàn toàn là số." in body
    response = client.post(form_url, {"new_password1": "Song-Hong-2026!", "new_password2": "Song-Hong-2026!"})
    assert response["Location"] == "/dat-lai-mat-khau/xong/"
    world.clerk_a.refresh_from_db()
    assert world.clerk_a.check_password("Song-Hong-2026!")
    assert AuditEvent.objects.filter(action="account.password_change", object_id=str(world.clerk_a.pk),
                                     note__contains="liên kết").count() == 1
    # The link works once.
    assert "không hợp lệ hoặc đã được dùng" in client.get(link, follow=True).content.decode()


@override_settings(TDKT_PUBLIC_URL="https://tdkt.hanam.gov.vn")
def test_the_reset_link_names_the_public_address_not_the_requested_host(world, mailoutbox):
    world.clerk_a.email = "binh@stc.gov.vn"
    world.clerk_a.save()
    Client().post("/quen-mat-khau/", {"email": "binh@stc.gov.vn"}, HTTP_HOST="localhost")
    assert "https://tdkt.hanam.gov.vn/dat-lai-mat-khau/" in mailoutbox[0].body
    assert "localhost" not in mailoutbox[0].body


@override_settings(TDKT_ANON_WRITES_PER_HOUR=3)
def test_the_reset_page_is_rate_limited_like_other_anonymous_writes(world, mailoutbox):
    """Each request may send an e-mail: past the hourly allowance an address gets a 429 in Vietnamese."""
    world.clerk_a.email = "binh@stc.gov.vn"
    world.clerk_a.save()
    client = Client()
    for _ in range(3):
        assert client.post("/quen-mat-khau/", {"email": "binh@stc.gov.vn"}, REMOTE_ADDR="10.9.9.9").status_code == 302
    refused = client.post("/quen-mat-khau/", {"email": "binh@stc.gov.vn"}, REMOTE_ADDR="10.9.9.9")
    assert refused.status_code == 429 and "quá nhiều lần" in refused.content.decode()
    assert len(mailoutbox) == 3
    assert Client().post("/quen-mat-khau/", {"email": "binh@stc.gov.vn"}, REMOTE_ADDR="10.9.9.10").status_code == 302
