"""API tokens: issued with an expiry and shown once, listed (own ones; all for the administrator),
revoked from the page or the command; the API refuses expired and revoked tokens with a 401 that
says why. Every issue and revocation is audited, never with the digest."""
import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone

from tdkt.accounts.cli import run_tokens
from tdkt.core import clock
from tdkt.core.models import ApiToken, AuditEvent
from tdkt.testing import login

pytestmark = pytest.mark.django_db


def bearer(raw):
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_a_user_issues_a_token_sees_it_once_and_revokes_it(world):
    client = login(world.clerk_a)
    response = client.post("/khoa-api/them/", {"name": "Phần mềm nhân sự", "days": "30"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    raw = response.context["raw"]
    assert raw in response.content.decode() and "sẽ không hiển thị khóa này lần nữa" in response.content.decode()
    token = ApiToken.objects.get(user=world.clerk_a)
    assert (token.expires_at - timezone.now()).days in (29, 30)
    assert bearer(raw).get("/api/units").status_code == 200
    listing = client.get("/khoa-api/").content.decode()
    assert "Phần mềm nhân sự" in listing and token.prefix in listing and raw not in listing
    event = AuditEvent.objects.get(action="token.create")
    assert event.actor == world.clerk_a and "digest" not in event.after

    assert client.post(f"/khoa-api/{token.pk}/thu-hoi/").status_code == 302
    token.refresh_from_db()
    assert token.revoked and token.revoked_at is not None
    assert AuditEvent.objects.filter(action="token.revoke", actor=world.clerk_a).count() == 1
    refused = bearer(raw).get("/api/units")
    assert refused.status_code == 401 and refused.json()["detail"] == "Khóa API đã bị thu hồi: hãy xin cấp khóa mới."


def test_tokens_are_private_to_their_owner_and_the_admin_sees_all(world):
    token, _ = ApiToken.issue(world.clerk_a, "Của đơn vị A")
    other = login(world.clerk_b)
    assert "Của đơn vị A" not in other.get("/khoa-api/").content.decode()
    assert other.post(f"/khoa-api/{token.pk}/thu-hoi/").status_code == 404
    assert login(world.officer).post(f"/khoa-api/{token.pk}/thu-hoi/").status_code == 404
    token.refresh_from_db()
    assert not token.revoked and not AuditEvent.objects.filter(action="token.revoke").exists()
    admin = login(world.admin)
    assert "Của đơn vị A" in admin.get("/khoa-api/").content.decode()
    # The administrator issues one for another account; a user cannot.
    response = admin.post("/khoa-api/them/", {"name": "Đồng bộ", "days": "90", "owner": world.clerk_b.pk})
    assert response.status_code == 200 and ApiToken.objects.filter(user=world.clerk_b, name="Đồng bộ").exists()
    login(world.clerk_a).post("/khoa-api/them/", {"name": "Lén", "days": "90", "owner": world.clerk_b.pk})
    assert ApiToken.objects.get(name="Lén").user == world.clerk_a  # the field is not the clerk's to set
    assert admin.post(f"/khoa-api/{token.pk}/thu-hoi/").status_code == 302


def test_bad_token_input_names_the_field(world):
    client = login(world.viewer)
    body = client.post("/khoa-api/them/", {"name": "", "days": "0"}).content.decode()
    assert "Tên khóa: không được để trống." in body and "Thời hạn (ngày): ít nhất 1 ngày." in body
    body = client.post("/khoa-api/them/", {"name": "X", "days": "mãi mãi"}).content.decode()
    assert "Thời hạn (ngày): phải là số ngày." in body
    assert not ApiToken.objects.exists()


def test_an_expired_token_is_refused_with_its_date(world):
    token, raw = ApiToken.issue(world.officer, "Ngắn hạn", days=1)
    assert bearer(raw).get("/api/units").status_code == 200
    clock.travel(5)  # the business clock does not age tokens...
    assert bearer(raw).get("/api/units").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    refused = bearer(raw).get("/api/units")
    assert refused.status_code == 401
    assert refused.json()["detail"].startswith("Khóa API đã hết hạn ngày ")
    assert "Hết hạn" in login(world.officer).get("/khoa-api/").content.decode()


def test_a_deactivated_account_token_is_refused(world):
    _, raw = ApiToken.issue(world.officer, "Đồng bộ")
    world.officer.is_active = False
    world.officer.save()
    assert bearer(raw).get("/api/units").json()["detail"] == "Tài khoản gắn với khóa API đã bị khóa."


def test_the_tokens_command_lists_creates_and_revokes(world):
    out, err = io.StringIO(), io.StringIO()
    assert run_tokens("create", user="vanthu.stc", name="Kho dữ liệu", days=10, out=out, err=err) == 0
    raw = out.getvalue().strip()
    assert raw.startswith("tdkt_") and "không được hiển thị lần nữa" in err.getvalue()
    assert bearer(raw).get("/api/units").status_code == 200
    token = ApiToken.objects.get(name="Kho dữ liệu")
    out = io.StringIO()
    assert run_tokens("list", out=out, err=err) == 0
    assert f"{token.pk}\tvanthu.stc\tKho dữ liệu\t{token.prefix}\t" in out.getvalue()
    assert "Còn hiệu lực" in out.getvalue() and raw not in out.getvalue()
    assert run_tokens("revoke", token_id=token.pk, out=out, err=err) == 0
    assert bearer(raw).get("/api/units").status_code == 401
    assert AuditEvent.objects.filter(action__in=["token.create", "token.revoke"]).count() == 2
    err = io.StringIO()
    assert run_tokens("create", user="khong.ai", name="X", out=out, err=err) == 2
    assert "Không có tài khoản “khong.ai”." in err.getvalue()
    assert run_tokens("create", user="vanthu.stc", name="", out=out, err=err) == 2
    assert "Tên khóa: không được để trống." in err.getvalue()
    assert run_tokens("revoke", token_id=987654, out=out, err=err) == 2

