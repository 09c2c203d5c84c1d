"""Issue 11 §3: a `next` parameter redirects only to this site (no open redirect)."""
import pytest

from tdkt.eligibility.models import EligibilityRun, RunStatus
from tdkt.testing import PASSWORD, login

pytestmark = pytest.mark.django_db
FOREIGN = ["https://evil.example/", "//evil.example/khen-thuong-kip-thoi/", "http://evil.example",
           "javascript:alert(1)", "\\\\evil.example", "https:evil.example"]


@pytest.fixture
def running(world):
    # A run of the year is under way, so the start page only answers and redirects (no new run starts).
    return EligibilityRun.objects.create(year=2024, status=RunStatus.RUNNING, awards="CSTD_CS")


@pytest.mark.parametrize("target", FOREIGN)
def test_next_redirects_only_to_this_site_after_starting_a_run(world, running, target):
    response = login(world.officer).post("/xet-hang-loat/", {"year": 2024, "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/khen-thuong-kip-thoi/"


def test_next_within_the_site_is_followed(world, running):
    back = "/khen-thuong-kip-thoi/?award=CSTD_CS&year=2024"
    response = login(world.officer).post("/xet-hang-loat/", {"year": 2024, "next": back})
    assert response["Location"] == back


@pytest.mark.parametrize("target", FOREIGN)
def test_next_redirects_only_to_this_site_after_login(client, world, target):
    response = client.post(f"/dang-nhap/?next={target}", {"username": world.officer.username, "password": PASSWORD,
                                                           "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("target", FOREIGN)
def test_next_redirects_only_to_this_site_after_logout(world, target):
    response = login(world.officer).post("/dang-xuat/", {"next": target})
    assert response.status_code == 302
    assert "evil" not in response["Location"] and not response["Location"].startswith("javascript")
