"""Create forms are idempotent under a double click: the second identical POST of a rendered create
form (same one-time token) makes nothing new and goes to what the first made; a form sent back with
errors can be corrected and sent again; a fresh form makes a new object."""
import re

import pytest

from tdkt.awards.models import AwardRecord, AwardType, Decision
from tdkt.dossiers.models import Dossier, Nominee
from tdkt.org.models import Person, Unit
from tdkt.testing import login

pytestmark = pytest.mark.django_db


def token_of(page: str) -> str:
    return re.search(r'name="_once" value="([^"]+)"', page).group(1)


def send_twice(client, url, data):
    token = token_of(client.get(url).content.decode())
    first = client.post(url, {**data, "_once": token})
    second = client.post(url, {**data, "_once": token})
    return first, second


def assert_once(client, url, data, count):
    before = count()
    first, second = send_twice(client, url, data)
    assert first.status_code == 302, first.content.decode()[:3000]
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert count() == before + 1
    page = client.get(second["Location"]).content.decode()
    assert "đã được gửi một lần" in page


def test_double_click_on_person_create_makes_one_person(world):
    assert_once(login(world.clerk_a), "/ca-nhan/them/",
                {"unit": world.unit_a.pk, "full_name": "Hà Văn Khoa", "gender": "male",
                 "employment_kind": "civil_servant"}, Person.objects.count)


def test_double_click_on_unit_create_makes_one_unit(world):
    assert_once(login(world.officer), "/don-vi/them/",
                {"name": "Sở Xây dựng", "code": "SXD", "kind": "department", "parent": world.province.pk},
                Unit.objects.count)


def test_double_click_on_award_record_entry_makes_one_record(world):
    bk = AwardType.objects.get(code="CSTD_CS")
    assert_once(login(world.clerk_a), f"/ca-nhan/{world.person_a.pk}/khen-thuong/",
                {"award_type": bk.pk, "year": 2024, "kind": "regular", "decision_number": "9/QĐ-STC",
                 "decision_date": "10/01/2025", "authority": "unit_head", "issuer_name": "Sở Tài chính"},
                AwardRecord.objects.count)


def test_double_click_on_decision_create_makes_one_decision(world):
    assert_once(login(world.clerk_a), "/quyet-dinh/them/",
                {"number": "8/QĐ-STC", "signed_on": "15/01/2025", "authority": "unit_head",
                 "issuer_name": "Sở Tài chính", "summary": "Về việc tặng Giấy khen"}, Decision.objects.count)


def test_double_click_on_dossier_and_nominee_create_makes_one_each(world):
    client = login(world.clerk_a)
    assert_once(client, "/ho-so/moi/", {"proposing_unit": world.unit_a.pk, "title": "Đề nghị tặng Bằng khen năm 2025",
                                        "authority": "province_chair", "kind": "regular", "year": 2025},
                Dossier.objects.count)
    dossier = Dossier.objects.latest("id")
    bk = AwardType.objects.get(code="BK_TINH")
    assert_once(client, f"/ho-so/{dossier.pk}/doi-tuong/them/",
                {"subject_kind": "individual", "person": world.person_a.pk, "award_type": bk.pk,
                 "achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2025"}, Nominee.objects.count)


def test_a_refused_form_can_be_corrected_and_a_new_form_makes_a_new_object(world):
    client = login(world.clerk_a)
    url = "/ca-nhan/them/"
    token = token_of(client.get(url).content.decode())
    data = {"unit": world.unit_a.pk, "gender": "male", "employment_kind": "civil_servant", "_once": token}
    refused = client.post(url, {**data, "full_name": "Khoa"})
    assert refused.status_code == 200  # errors shown: the token is given back
    assert client.post(url, {**data, "full_name": "Hà Văn Khoa"}).status_code == 302
    before = Person.objects.count()
    other = send_twice(client, url, {**data, "full_name": "Hà Văn Khoa Hai"})[0]
    assert other.status_code == 302 and Person.objects.count() == before + 1
