"""The REST API's shared behaviour: token and session authentication, Vietnamese errors, the
OpenAPI document, and the command that issues tokens."""
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django.utils.crypto import get_random_string

from tdkt.core.models import ApiToken, AuditEvent
from tdkt.testing import is_vietnamese, token_client


def fields_of(response) -> dict:
    """{field: message} of a 4xx answer whose detail is a list of field errors."""
    detail = response.json()["detail"]
    assert isinstance(detail, list), detail
    return {item["field"]: item["message"] for item in detail}


# --- Authentication ------------------------------------------------------------------------------

def test_an_anonymous_request_is_refused_with_a_vietnamese_401(world):
    response = Client().get("/api/units")
    assert response.status_code == 401
    assert response.json() == {"detail": "Chưa đăng nhập hoặc khóa API không hợp lệ."}


def test_an_anonymous_write_is_401_not_a_csrf_error(world):
    response = Client(enforce_csrf_checks=True).post("/api/units", "{}", content_type="application/json")
    assert response.status_code == 401


def test_a_bearer_token_authenticates_its_user_and_records_its_use(world):
    token, raw = ApiToken.issue(world.clerk_a, "Phần mềm nhân sự")
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    response = client.get("/api/me")
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "vanthu.stc"
    assert body["via_token"] is True
    assert body["province_wide"] is False
    assert body["unit"] == world.unit_a.pk
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_last_used_is_written_at_most_once_a_minute(world):
    token, raw = ApiToken.issue(world.officer, "Đồng bộ")
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    recent = timezone.now() - datetime.timedelta(seconds=20)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=recent)
    assert client.get("/api/me").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == recent
    old = timezone.now() - datetime.timedelta(minutes=5)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=old)
    assert client.get("/api/me").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at > old


def test_a_revoked_token_is_refused(world):
    token, raw = ApiToken.issue(world.officer, "Cũ")
    token.revoked = True
    token.save()
    response = Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/units")
    assert response.status_code == 401
    assert response.json()["detail"] == "Khóa API đã bị thu hồi: hãy xin cấp khóa mới."
    unknown = Client(headers={"Authorization": "Bearer tdkt_khong-co-that"}).get("/api/units")
    assert unknown.json()["detail"] == "Chưa đăng nhập hoặc khóa API không hợp lệ."


def test_an_unknown_token_is_refused_even_with_a_valid_session(world):
    client = Client(headers={"Authorization": "Bearer tdkt_khong-co-that"})
    client.force_login(world.officer)
    assert client.get("/api/units").status_code == 401


def test_the_token_of_a_deactivated_user_is_refused(world):
    client = token_client(world.clerk_a)
    world.clerk_a.is_active = False
    world.clerk_a.save()
    assert client.get("/api/units").status_code == 401


def test_the_session_of_a_logged_in_user_authenticates(world):
    client = Client()
    client.force_login(world.clerk_a)
    response = client.get("/api/me")
    assert response.status_code == 200
    assert response.json()["via_token"] is False


def test_a_session_write_needs_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.clerk_a)
    payload = json.dumps({"name": "Phòng Kế hoạch", "code": "STC-KH", "kind": "division", "parent": world.unit_a.pk})
    refused = client.post("/api/units", payload, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    secret = get_random_string(32)  # Django accepts an unmasked 32-character secret as the token
    client.cookies["csrftoken"] = secret
    accepted = client.post("/api/units", payload, content_type="application/json", headers={"X-CSRFToken": secret})
    assert accepted.status_code == 201, accepted.content


def test_a_token_write_needs_no_csrf_token(world):
    _, raw = ApiToken.issue(world.clerk_a, "Đồng bộ")
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {raw}"})
    payload = {"name": "Phòng Kế hoạch", "code": "STC-KH", "kind": "division", "parent": world.unit_a.pk}
    response = client.post("/api/units", json.dumps(payload), content_type="application/json")
    assert response.status_code == 201


# --- Errors --------------------------------------------------------------------------------------

def test_malformed_json_answers_400_in_vietnamese(world):
    response = token_client(world.officer).post("/api/units", "{ten: 1", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Nội dung gửi lên không phải JSON hợp lệ."}


def test_a_json_body_that_is_not_an_object_names_the_body(world):
    client = token_client(world.officer)
    for body in ("[1, 2]", '"chuỗi"', "42"):
        response = client.post("/api/units", body, content_type="application/json")
        assert response.status_code == 422
        assert "body" in fields_of(response)


def test_an_empty_body_names_the_body(world):
    response = token_client(world.officer).post("/api/units", "", content_type="application/json")
    assert response.status_code == 422
    assert fields_of(response) == {"body": "Thiếu nội dung JSON."}


def test_a_non_numeric_id_in_the_path_is_a_400_naming_it(world):
    response = token_client(world.officer).get("/api/units/abc")
    assert response.status_code == 400
    assert fields_of(response) == {"id": "Phải là số nguyên."}


@pytest.mark.parametrize("pk", ["0", "-5", "99999999999999999999999999"])
def test_ids_that_cannot_exist_are_a_plain_404(world, pk):
    response = token_client(world.officer).get(f"/api/people/{pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


def test_pagination_limits_are_checked(world):
    client = token_client(world.officer)
    too_many = client.get("/api/units?limit=100000")
    assert too_many.status_code == 400
    assert fields_of(too_many) == {"limit": "Phải nhỏ hơn hoặc bằng 500."}
    assert client.get("/api/units?offset=-1").status_code == 400
    page = client.get("/api/units?limit=2&offset=1").json()
    assert page["count"] == 6
    assert len(page["items"]) == 2


def test_pages_follow_one_another_without_gaps(world):
    client = token_client(world.officer)
    every = [u["id"] for u in client.get("/api/units").json()["items"]]
    paged = []
    for offset in range(0, 6, 2):
        paged += [u["id"] for u in client.get(f"/api/units?limit=2&offset={offset}").json()["items"]]
    assert paged == every


def test_a_viewer_may_read_but_not_write(world):
    client = token_client(world.viewer)
    assert client.get("/api/units").status_code == 200
    payload = {"name": "Phòng mới", "code": "MOI", "kind": "division", "parent": world.province.pk}
    response = client.post("/api/units", json.dumps(payload), content_type="application/json")
    assert response.status_code == 403
    assert is_vietnamese(response.json()["detail"])


def test_answers_are_utf8_json(world):
    response = token_client(world.officer).get("/api/units")
    assert response["Content-Type"].startswith("application/json")
    assert "Sở Tài chính".encode() in response.content


# --- OpenAPI -------------------------------------------------------------------------------------

def test_the_openapi_document_lists_the_endpoints(world):
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/units", "/api/units/{id}", "/api/people", "/api/people/{id}", "/api/awards",
                 "/api/awards/{id}", "/api/awards/{id}/revoke", "/api/decisions", "/api/decisions/{id}",
                 "/api/ratings", "/api/ratings/{id}", "/api/initiatives", "/api/initiatives/{id}",
                 "/api/award-types"):
        assert path in paths, path
    assert set(paths["/api/units"]) == {"get", "post"}
    assert set(paths["/api/awards/{id}"]) == {"get", "patch"}
    award_filters = {p["name"] for p in paths["/api/awards"]["get"]["parameters"]}
    assert {"year", "award", "unit", "q", "limit", "offset"} <= award_filters
    schemes = response.json()["components"]["securitySchemes"]
    assert {"TokenAuth", "SessionAuth"} <= set(schemes)


def test_the_docs_page_answers(world):
    assert Client().get("/api/docs").status_code == 200


def test_the_docs_page_uses_the_packaged_swagger_ui_not_a_cdn(world):
    html = Client().get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html


# --- The token command ---------------------------------------------------------------------------

def test_create_api_token_prints_a_working_token_once(world):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", "vanthu.stc", "Phần mềm nhân sự", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    assert raw.startswith("tdkt_")
    token = ApiToken.objects.get(user=world.clerk_a)
    assert token.name == "Phần mềm nhân sự"
    assert token.digest == ApiToken.hash(raw)
    assert raw not in err.getvalue()
    response = Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/me")
    assert response.json()["username"] == "vanthu.stc"
    assert token.expires_at is not None
    event = AuditEvent.objects.get(action="token.create", object_id=str(token.pk))
    assert "digest" not in event.after and event.after["user_id"] == world.clerk_a.pk


def test_create_api_token_refuses_an_unknown_user(world):
    with pytest.raises(CommandError, match="Không có tài khoản"):
        call_command("create_api_token", "khong.ai", "X", stdout=io.StringIO(), stderr=io.StringIO())
