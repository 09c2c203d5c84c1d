"""Data entry through the pages: bad input answered in Vietnamese naming the field, nothing saved."""
import pytest

from tdkt.core.models import AuditEvent
from tdkt.org.models import Person, Unit
from tdkt.testing import login

pytestmark = pytest.mark.django_db


def test_clerk_adds_a_person_to_own_unit_and_it_is_audited(world):
    client = login(world.clerk_a)
    before = AuditEvent.objects.count()
    response = client.post("/ca-nhan/them/", {"unit": world.unit_a_child.pk, "full_name": "  Hoàng   Thị  Thu  ",
                                             "gender": "female", "birth_date": "15/08/1991",
                                             "employment_kind": "civil_servant", "hired_on": "01/09/2015"})
    assert response.status_code == 302
    person = Person.objects.get(full_name="Hoàng Thị Thu")
    assert person.unit_id == world.unit_a_child.pk and person.employments.count() == 1
    assert AuditEvent.objects.count() == before + 1


def test_bad_person_input_names_each_field_and_saves_nothing(world):
    client = login(world.clerk_a)
    count = Person.objects.count()
    body = client.post("/ca-nhan/them/", {"unit": world.unit_b.pk, "full_name": "An", "gender": "x",
                                         "birth_date": "31/02/1990", "employment_kind": "civil_servant",
                                         "national_id": "12ab"}).content.decode()
    assert "Đơn vị: không có trong phạm vi của bạn." in body
    assert "Ngày sinh: ngày không hợp lệ" in body
    assert "Giới tính" in body
    assert Person.objects.count() == count
    body = client.post("/ca-nhan/them/", {"unit": world.unit_a.pk, "full_name": "An", "gender": "male",
                                         "employment_kind": "civil_servant", "national_id": "12ab",
                                         "birth_date": "01/01/2030"}).content.decode()
    assert "Họ và tên phải có ít nhất họ và tên" in body
    assert "Số CCCD phải gồm đúng 12 chữ số." in body
    assert "Ngày sinh không được ở tương lai." in body
    assert Person.objects.count() == count


def test_viewer_cannot_open_entry_forms_and_clerk_b_gets_404_on_a(world):
    assert login(world.viewer).get("/ca-nhan/them/").status_code == 403
    assert login(world.clerk_b).get(f"/ca-nhan/{world.person_a.pk}/sua/").status_code == 404
    assert login(world.clerk_b).post(f"/ca-nhan/{world.person_a.pk}/xep-loai/",
                                     {"year": 2025, "level": "good"}).status_code == 404


def test_officer_merges_units_through_the_page(world):
    client = login(world.officer)
    response = client.post("/don-vi/sap-nhap/", {"sources": [world.unit_a.pk], "successor": world.unit_b.pk,
                                                 "merged_on": "01/07/2025", "note": "Nghị quyết 1/NQ-HĐND"})
    assert response.status_code == 302
    unit_a = Unit.objects.get(pk=world.unit_a.pk)
    assert unit_a.merged_into_id == world.unit_b.pk
    # Its sub-unit now reports to the successor, and the clerk of B reaches it.
    assert Unit.objects.get(pk=world.unit_a_child.pk).parent_id == world.unit_b.pk
    assert login(world.clerk_b).get(f"/ca-nhan/{world.person_a.pk}/").status_code == 200
    body = client.post("/don-vi/sap-nhap/", {"sources": [world.unit_b.pk], "successor": world.unit_b.pk,
                                             "merged_on": "01/07/2025"}).content.decode()
    assert "Không thể sáp nhập một đơn vị vào chính nó." in body


def test_clerk_edits_own_top_unit_without_moving_it(world):
    client = login(world.clerk_a)
    body = client.get(f"/don-vi/{world.unit_a.pk}/sua/").content.decode()
    assert 'name="parent"' not in body
    response = client.post(f"/don-vi/{world.unit_a.pk}/sua/", {"name": "Sở Tài chính tỉnh Hà Nam", "code": "STC",
                                                               "kind": "department"})
    assert response.status_code == 302
    unit = Unit.objects.get(pk=world.unit_a.pk)
    assert unit.name == "Sở Tài chính tỉnh Hà Nam" and unit.parent_id == world.province.pk
    # Its sub-unit may not be lifted to the top level by the clerk.
    body = client.post(f"/don-vi/{world.unit_a_child.pk}/sua/", {"name": "Phòng Ngân sách", "code": "STC-NS",
                                                                 "kind": "division", "parent": ""}).content.decode()
    assert "Chỉ cấp tỉnh được tạo đơn vị cấp cao nhất." in body


def test_area_flags_are_edited_on_the_unit_form_and_shown(world):
    client = login(world.officer)
    unit = world.commune
    response = client.post(f"/don-vi/{unit.pk}/sua/", {"name": unit.name, "code": unit.code, "kind": unit.kind,
                                                       "parent": unit.parent_id or "", "is_mountainous": "on",
                                                       "is_border": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    unit.refresh_from_db()
    assert (unit.is_mountainous, unit.is_border, unit.is_island) == (True, True, False)
    assert unit.own_areas == ("mountain", "border")
    body = client.get(f"/don-vi/{unit.pk}/").content.decode()
    assert "Địa bàn:" in body and "Miền núi" in body and "Biên giới" in body


def test_ethnicity_is_chosen_from_the_54_groups(world):
    client = login(world.clerk_a)
    base = {"unit": world.unit_a_child.pk, "full_name": "Giàng A Páo", "gender": "male",
            "employment_kind": "worker"}
    body = client.post("/ca-nhan/them/", {**base, "ethnicity": "Martian"}).content.decode()
    assert "Dân tộc: chọn một trong 54 dân tộc Việt Nam." in body
    assert client.post("/ca-nhan/them/", {**base, "ethnicity": "Mông"}).status_code == 302
    assert Person.objects.get(full_name="Giàng A Páo").ethnicity == "Mông"
