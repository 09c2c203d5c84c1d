"""A national-ID (CCCD) check across units answers without saying that the person exists elsewhere:
the duplicate is still refused, in words that name nobody and no unit, on the page, the API and the
people import; whoever may see the holder is told who it is."""
import pytest

from tdkt.core.services import system_actor
from tdkt.org import services as org_services
from tdkt.org.models import Person
from tdkt.testing import fields_of, login, post, token_client

pytestmark = pytest.mark.django_db

NID = "035088004321"


@pytest.fixture
def holder(world):
    """A person of unit B (a hospital) who holds the CCCD; the clerk of unit A cannot see them."""
    return org_services.create_person(system_actor(), world.unit_b_child, full_name="Trịnh Văn Khải", gender="male",
                                      national_id=NID)


def assert_neutral(message: str):
    assert NID in message and "Ban Thi đua – Khen thưởng tỉnh" in message
    for leak in ("Trịnh Văn Khải", "Bệnh viện", "Sở Y tế", "đã có", "ngoài phạm vi", "đơn vị khác"):
        assert leak not in message


def test_national_id_check_across_units_does_not_reveal_the_person(world, holder):
    count = Person.objects.count()
    body = login(world.clerk_a).post("/ca-nhan/them/", {
        "unit": world.unit_a.pk, "full_name": "Lý Thị Hồng", "gender": "female", "employment_kind": "civil_servant",
        "national_id": NID}).content.decode()
    message = body.split("Không dùng được số CCCD", 1)[1].split("</", 1)[0]
    assert_neutral("Không dùng được số CCCD" + message)
    assert "Trịnh Văn Khải" not in body and "Bệnh viện" not in body
    api = post(token_client(world.clerk_a), "/api/people", {"unit": world.unit_a.pk, "full_name": "Lý Thị Hồng",
                                                            "gender": "female", "national_id": NID})
    assert api.status_code == 422
    assert_neutral(fields_of(api)["national_id"])
    assert Person.objects.count() == count  # the duplicate is still prevented


def test_national_id_of_a_visible_person_is_named_to_whoever_sees_them(world, holder):
    api = post(token_client(world.clerk_b), "/api/people", {"unit": world.unit_b.pk, "full_name": "Lý Thị Hồng",
                                                            "gender": "female", "national_id": NID})
    assert "Trịnh Văn Khải" in fields_of(api)["national_id"]


def test_national_id_in_people_import_does_not_reveal_the_person(client, world, holder):
    from tdkt.imports.tests.helpers import PEOPLE_HEADER, error_rows, login as login_client, upload_and_validate, xlsx

    login_client(client, world.clerk_a)
    rows = [[1, "Lý Thị Hồng", "Nữ", "", "", NID, "STC", "", "", "", "", ""]]
    _, page = upload_and_validate(client, "people", "ca-nhan.xlsx", xlsx(PEOPLE_HEADER, rows))
    [(row, column, message)] = error_rows(page)
    assert column == "Số CCCD"
    assert_neutral(message)
