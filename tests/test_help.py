"""Point 12 of issue 12: a short guide per role, every step linking to its page; the glossary of the
legal terms with an anchor per term; the "?" hint the forms use; the menu's "Hướng dẫn" link; and
the favicon (point 6 of the desk's part)."""
import pytest
from django.test import Client

from tdkt.core.choices import Role
from tdkt.help import GLOSSARY, GUIDES
from tdkt.testing import login

pytestmark = pytest.mark.django_db


def test_point12_every_role_has_a_guide_whose_every_step_links_to_a_page():
    assert {g.role for g in GUIDES} == set(Role.values)
    for guide in GUIDES:
        assert len(guide.steps) >= 3
        for step in guide.steps:
            assert step.url.startswith("/"), f"{guide.slug}: “{step.title}” has no page"


def test_point12_the_menu_and_the_home_desk_lead_to_the_users_own_guide(world):
    client = login(world.clerk_a)
    home = client.get("/").content.decode()
    assert 'id="nav-help"' in home and 'href="/huong-dan/#can-bo-don-vi" id="desk-help"' in home
    index = client.get("/huong-dan/")
    assert index.status_code == 200
    assert index.context["mine"].role == Role.CLERK and index.context["guides"][0].role == Role.CLERK
    text = index.content.decode()
    assert 'id="can-bo-don-vi" open' in text and 'id="help-mine"' in text
    assert "Đầu năm: đăng ký thi đua" in text and 'href="/thi-dua/dang-ky/"' in text


def test_point12_every_guides_links_answer(world):
    client = login(world.admin)
    assert client.get("/huong-dan/").status_code == 200
    for guide in GUIDES:
        for step in guide.steps:
            assert client.get(step.url).status_code == 200, step.url


def test_point12_the_glossary_explains_the_legal_terms_in_vietnamese_with_anchors(world):
    assert Client().get("/huong-dan/thuat-ngu/").status_code == 302  # behind the login, as every page
    text = login(world.viewer).get("/huong-dan/thuat-ngu/").content.decode()
    for term in GLOSSARY:
        assert f'id="{term.key}"' in text
    assert "Hiệp y" in text and "Thẩm định" in text and "Phôi bằng khen" in text


def test_point12_a_form_hint_links_the_glossary_entry(world):
    text = login(world.officer).get("/mau-phoi/bang_khen/").content.decode()
    assert 'class="tdkt-hint" href="/huong-dan/thuat-ngu/#phoi"' in text


def test_favicon_is_served(world):
    response = Client().get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
