"""Point 10 of issue 12: every error a user can meet answers in Vietnamese, in the site's layout, and
says what happened and what to do next (DEBUG off, as in production)."""
import pytest
from django.core.exceptions import SuspiciousOperation
from django.template import loader
from django.test import Client, override_settings
from django.urls import include, path

from tdkt.testing import PASSWORD, login

pytestmark = pytest.mark.django_db


def _bad_request(request):
    raise SuspiciousOperation("dữ liệu gửi lên không đúng dạng")


def _server_error(request):
    raise RuntimeError("sự cố thử nghiệm")


# The site's own URLs plus two that fail on purpose (ROOT_URLCONF of the 400 and 500 tests).
urlpatterns = [path("thu-loi-400/", _bad_request), path("thu-loi-500/", _server_error), path("", include("tdkt.urls"))]


@override_settings(DEBUG=False)
def test_point10_a_forged_certificate_code_says_so_in_vietnamese_and_links_the_verify_page(world):
    response = Client().get("/xac-minh/GIAMAO123456/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Không tìm thấy bằng khen, giấy khen có mã này" in text
    assert "GIAMAO123456" in text
    assert 'href="/xac-minh/"' in text and "Not Found" not in text
    assert '<html lang="vi">' in text and "tdkt-navbar" in text  # the site's layout


@override_settings(DEBUG=False)
def test_point10_an_unknown_page_tells_the_visitor_to_log_in_and_the_user_where_to_go(world):
    anonymous = Client().get("/khong-co-trang-nay/")
    assert anonymous.status_code == 404
    assert "Không tìm thấy trang hoặc bản ghi" in anonymous.content.decode()
    assert 'id="error-login-link"' in anonymous.content.decode()
    clerk = login(world.clerk_a).get("/khong-co-trang-nay/", HTTP_REFERER="http://testserver/ho-so/")
    text = clerk.content.decode()
    assert clerk.status_code == 404 and "phạm vi đơn vị" in text
    assert 'id="error-back-link"' in text and 'href="http://testserver/ho-so/"' in text
    assert 'id="nav-help"' in text  # the menu is there


@override_settings(DEBUG=False)
def test_point10_forbidden_says_why_and_what_to_do_in_vietnamese(world):
    response = login(world.clerk_a).get("/mau-phoi/bang_khen/")
    assert response.status_code == 403
    text = response.content.decode()
    assert "Lỗi 403" in text and "Chỉ cán bộ Ban Thi đua – Khen thưởng" in text
    assert "Forbidden" not in text and 'href="/huong-dan/"' in text


@override_settings(DEBUG=False)
def test_point10_an_expired_form_csrf_failure_is_explained_in_vietnamese(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/dang-nhap/", {"username": world.clerk_a.username, "password": PASSWORD})
    assert response.status_code == 403
    text = response.content.decode()
    assert "Biểu mẫu đã hết hạn, chưa được gửi" in text and "chưa được lưu" in text
    main = text[text.index("<main"):]
    assert "CSRF" not in main and 'href="/dang-nhap/"' in main


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_point10_a_bad_request_answers_400_in_vietnamese(world):
    response = Client().get("/thu-loi-400/")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Yêu cầu không hợp lệ" in text and "Bad Request" not in text and 'href="/"' in text


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_point10_a_server_error_answers_500_in_vietnamese(world):
    response = Client(raise_request_exception=False).get("/thu-loi-500/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Hệ thống gặp sự cố" in text and "Server Error" not in text and 'href="/"' in text


def test_point10_the_500_page_needs_neither_the_database_nor_a_request(django_assert_num_queries):
    with django_assert_num_queries(0):
        text = loader.get_template("500.html").render()
    assert "Lỗi 500" in text and "{%" not in text
