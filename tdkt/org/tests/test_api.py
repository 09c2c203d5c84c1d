"""The REST API for units and people: scope, filters, writes through the services, bad input."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.core.models import AuditEvent
from tdkt.org import services
from tdkt.org.models import Person, Unit
from tdkt.testing import fields_of, is_vietnamese, patch, post, token_client

# --- Scope ---------------------------------------------------------------------------------------

def test_a_clerk_of_unit_b_gets_404_on_a_person_of_unit_a(world):
    client = token_client(world.clerk_b)
    assert client.get(f"/api/people/{world.person_a.pk}").status_code == 404
    response = patch(client, f"/api/people/{world.person_a.pk}", {"position": "Chuyên viên"})
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}
    world.person_a.refresh_from_db()
    assert world.person_a.position == "Trưởng phòng"


def test_a_person_of_unit_a_is_not_in_unit_bs_list(world):
    ids = [p["id"] for p in token_client(world.clerk_b).get("/api/people").json()["items"]]
    assert ids == [world.person_b.pk]


def test_a_clerk_of_unit_a_sees_the_people_of_its_subtree(world):
    client = token_client(world.clerk_a)
    body = client.get(f"/api/people/{world.person_a.pk}").json()
    assert body["full_name"] == "Nguyễn Văn Đức"
    assert body["unit"] == world.unit_a_child.pk
    assert body["unit_name"] == "Phòng Ngân sách"
    assert body["birth_date"] == "1980-05-17"
    assert body["employments"][0]["start"] == "2005-09-01"


def test_units_outside_the_scope_are_404_and_absent_from_the_list(world):
    client = token_client(world.clerk_b)
    codes = {u["code"] for u in client.get("/api/units").json()["items"]}
    assert codes == {"SYT", "SYT-BV"}
    assert client.get(f"/api/units/{world.unit_a.pk}").status_code == 404
    assert patch(client, f"/api/units/{world.unit_a.pk}", {"address": "Phủ Lý"}).status_code == 404


def test_the_officer_sees_the_whole_province(world):
    body = token_client(world.officer).get("/api/people").json()
    assert body["count"] == 2


# --- Filters -------------------------------------------------------------------------------------

def test_search_ignores_diacritics_and_case(world):
    client = token_client(world.officer)
    for q in ("nguyen van", "NGUYỄN VĂN ĐỨC", "duc", "van duc"):
        names = [p["full_name"] for p in client.get("/api/people", {"q": q}).json()["items"]]
        assert names == ["Nguyễn Văn Đức"], q
    both = client.get("/api/people", {"q": "nguyen"}).json()
    assert both["count"] == 2


def test_people_filters_are_those_of_the_page(world):
    client = token_client(world.officer)
    assert [p["id"] for p in client.get("/api/people", {"gender": "female"}).json()["items"]] == [world.person_b.pk]
    in_a = client.get("/api/people", {"unit": world.unit_a.pk}).json()["items"]
    assert [p["id"] for p in in_a] == [world.person_a.pk]
    assert client.get("/api/people", {"birth_year": 1988}).json()["count"] == 1
    assert client.get("/api/people", {"is_leader": "true"}).json()["count"] == 1


def test_unit_filters_are_those_of_the_page(world):
    client = token_client(world.officer)
    children = client.get("/api/units", {"parent": world.province.pk}).json()
    assert {u["code"] for u in children["items"]} == {"STC", "SYT", "X-TL"}
    assert {u["code"] for u in client.get("/api/units", {"q": "so tai"}).json()["items"]} == {"STC"}
    assert client.get("/api/units", {"kind": "commune"}).json()["count"] == 1


@pytest.mark.parametrize("query, field", [
    ({"gender": "robot"}, "gender"),
    ({"unit": "abc"}, "unit"),
    ({"unit": "1e400"}, "unit"),
    ({"unit": "1.5"}, "unit"),
    ({"birth_year": "99999999999999999999"}, "birth_year"),
    ({"employment_kind": "king"}, "employment_kind"),
    ({"q": "nguyen\x00"}, "q"),
])
def test_an_invalid_filter_value_answers_400_naming_the_parameter(world, query, field):
    response = token_client(world.officer).get("/api/people", query)
    assert response.status_code == 400
    errors = fields_of(response)
    assert field in errors
    assert f"“{field}”" in errors[field]
    assert is_vietnamese(errors[field])


def test_the_people_list_does_not_grow_queries_with_its_length(world):
    client = token_client(world.officer)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/people").status_code == 200
        return len(ctx)

    queries()  # the first call also records the token's use
    before = queries()
    for i in range(5):
        services.create_person(world.officer, world.unit_b_child, full_name=f"Trần Văn Số {i}", gender="male")
    assert queries() == before


# --- Writes --------------------------------------------------------------------------------------

def test_creating_a_person_goes_through_the_service_and_is_audited(world):
    client = token_client(world.clerk_a)
    response = post(client, "/api/people", {
        "unit": world.unit_a_child.pk, "full_name": "  Lê   Thị Hoa ", "gender": "female",
        "birth_date": "1992-04-30", "national_id": "001192000123", "hired_on": "2015-08-01",
        "employment_kind": "civil_servant"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["full_name"] == "Lê Thị Hoa"
    assert body["given_name"] == "Hoa"
    assert body["employments"][0]["start"] == "2015-08-01"
    person = Person.objects.get(pk=body["id"])
    event = AuditEvent.objects.get(model="org.person", object_id=str(person.pk))
    assert event.action == "create"
    assert event.actor == world.clerk_a


def test_a_clerk_cannot_create_a_person_in_another_units_scope(world):
    response = post(token_client(world.clerk_b), "/api/people",
                    {"unit": world.unit_a_child.pk, "full_name": "Lê Thị Hoa", "gender": "female"})
    assert response.status_code == 422
    assert fields_of(response) == {
        "unit": f"Không tìm thấy đơn vị có mã số {world.unit_a_child.pk} trong phạm vi của bạn."}
    assert not Person.objects.filter(full_name="Lê Thị Hoa").exists()


def test_updating_a_person_changes_only_the_fields_sent_and_is_audited(world):
    client = token_client(world.clerk_a)
    response = patch(client, f"/api/people/{world.person_a.pk}", {"position": "Phó Giám đốc Sở", "hired_on": None})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["position"] == "Phó Giám đốc Sở"
    assert body["hired_on"] is None
    assert body["birth_date"] == "1980-05-17"
    event = AuditEvent.objects.filter(model="org.person", object_id=str(world.person_a.pk), action="update").get()
    assert event.after["position"] == "Phó Giám đốc Sở"


def test_a_person_is_moved_by_a_transfer_not_by_an_edit(world):
    response = patch(token_client(world.officer), f"/api/people/{world.person_a.pk}", {"unit": world.unit_b.pk})
    assert response.status_code == 422
    assert "unit" in fields_of(response)


def test_a_required_field_cannot_be_patched_to_null(world):
    response = patch(token_client(world.officer), f"/api/people/{world.person_a.pk}", {"full_name": None})
    assert response.status_code == 422
    assert fields_of(response) == {"full_name": "Phải là chuỗi ký tự."}


def test_a_viewer_cannot_create_or_change_people(world):
    client = token_client(world.viewer)
    created = post(client, "/api/people", {"unit": world.unit_a.pk, "full_name": "Lê Thị Hoa", "gender": "female"})
    assert created.status_code == 403
    assert patch(client, f"/api/people/{world.person_a.pk}", {"position": "X"}).status_code == 403


def test_a_clerk_creates_a_unit_in_its_subtree_and_it_is_audited(world):
    client = token_client(world.clerk_a)
    response = post(client, "/api/units", {"name": "Phòng Tin học", "code": "STC-TH", "kind": "division",
                                           "parent": world.unit_a.pk})
    assert response.status_code == 201, response.content
    unit = Unit.objects.get(code="STC-TH")
    assert response.json()["parent"] == world.unit_a.pk
    assert AuditEvent.objects.filter(model="org.unit", object_id=str(unit.pk), action="create").exists()
    assert client.get(f"/api/units/{unit.pk}").status_code == 200


def test_a_clerk_cannot_create_a_top_level_unit(world):
    response = post(token_client(world.clerk_a), "/api/units", {"name": "Sở mới", "code": "SM", "kind": "department"})
    assert response.status_code == 403
    assert response.json()["detail"] == "Chỉ cấp tỉnh được tạo đơn vị cấp cao nhất."


def test_a_clerk_cannot_make_a_unit_top_level(world):
    response = patch(token_client(world.clerk_a), f"/api/units/{world.unit_a_child.pk}", {"parent": None})
    assert response.status_code == 403
    world.unit_a_child.refresh_from_db()
    assert world.unit_a_child.parent_id == world.unit_a.pk


def test_updating_a_unit_goes_through_the_service(world):
    client = token_client(world.officer)
    response = patch(client, f"/api/units/{world.unit_a_child.pk}", {"name": "Phòng Quản lý ngân sách"})
    assert response.status_code == 200
    assert response.json()["name"] == "Phòng Quản lý ngân sách"
    moved = patch(client, f"/api/units/{world.unit_a.pk}", {"parent": world.unit_a_child.pk})
    assert moved.status_code == 422
    assert "parent" in fields_of(moved)
    taken = patch(client, f"/api/units/{world.unit_a.pk}", {"code": "SYT"})
    assert fields_of(taken) == {"code": "Mã đơn vị “SYT” đã được dùng."}


# --- Bad input never answers 500 -----------------------------------------------------------------

PERSON_OK = {"full_name": "Lê Thị Hoa", "gender": "female"}

BAD_PEOPLE = [
    ({}, {"unit", "full_name", "gender"}),
    ({**PERSON_OK, "unit": "một"}, {"unit"}),
    ({**PERSON_OK, "full_name": 12345}, {"full_name"}),
    ({**PERSON_OK, "full_name": "Hoa"}, {"full_name"}),
    ({**PERSON_OK, "full_name": "A" * 151}, {"full_name"}),
    ({**PERSON_OK, "gender": "x"}, {"gender"}),
    ({**PERSON_OK, "birth_date": "30/04/1992"}, {"birth_date"}),
    ({**PERSON_OK, "birth_date": 703900800}, {"birth_date"}),
    ({**PERSON_OK, "birth_date": "1800-01-01"}, {"birth_date"}),
    ({**PERSON_OK, "birth_date": "2999-01-01"}, {"birth_date"}),
    ({**PERSON_OK, "hired_on": "1970-01-01", "birth_date": "1990-01-01"}, {"hired_on"}),
    ({**PERSON_OK, "national_id": "12ab"}, {"national_id"}),
    ({**PERSON_OK, "is_leader": "có lẽ"}, {"is_leader"}),
    ({**PERSON_OK, "employment_kind": "vua"}, {"employment_kind"}),
    ({**PERSON_OK, "unit": 999999}, {"unit"}),
    ({**PERSON_OK, "unit": 10**30}, {"unit"}),
    ({**PERSON_OK, "position": "x\x00y"}, {"position"}),
    ({**PERSON_OK, "mystery": 1}, {"mystery"}),
]


@pytest.mark.parametrize("payload, fields", BAD_PEOPLE)
def test_bad_people_input_answers_4xx_naming_the_field(world, payload, fields):
    if "unit" not in payload and payload:
        payload = {**payload, "unit": world.unit_a_child.pk}
    response = post(token_client(world.clerk_a), "/api/people", payload)
    assert 400 <= response.status_code < 500, response.content
    errors = fields_of(response)
    assert fields <= set(errors), errors
    assert all(is_vietnamese(m) for m in errors.values()), errors
    assert Person.objects.count() == 2


def test_a_national_id_already_used_names_the_field(world):
    client = token_client(world.officer)
    first = post(client, "/api/people", {**PERSON_OK, "unit": world.unit_a.pk, "national_id": "001192000123"})
    assert first.status_code == 201
    again = post(client, "/api/people", {"full_name": "Lê Văn Hùng", "gender": "male", "unit": world.unit_b.pk,
                                         "national_id": "001192000123"})
    assert again.status_code == 422
    assert "national_id" in fields_of(again)


BAD_UNITS = [
    ({}, {"name", "code", "kind"}),
    ({"name": "Phòng X", "code": "X1", "kind": "castle"}, {"kind"}),
    ({"name": "", "code": "X1", "kind": "division"}, {"name"}),
    ({"name": "Phòng X", "code": "   ", "kind": "division"}, {"code"}),
    ({"name": "Phòng X", "code": "X" * 33, "kind": "division"}, {"code"}),
    ({"name": 7, "code": "X1", "kind": "division"}, {"name"}),
    ({"name": "Phòng X", "code": "X1", "kind": "division", "parent": 999999}, {"parent"}),
    ({"name": "Phòng X", "code": "X1", "kind": "division", "parent": "cha"}, {"parent"}),
]


@pytest.mark.parametrize("payload, fields", BAD_UNITS)
def test_bad_unit_input_answers_4xx_naming_the_field(world, payload, fields):
    response = post(token_client(world.officer), "/api/units", payload)
    assert 400 <= response.status_code < 500, response.content
    errors = fields_of(response)
    assert fields <= set(errors), errors
    assert all(is_vietnamese(m) for m in errors.values()), errors
    assert Unit.objects.count() == 6
