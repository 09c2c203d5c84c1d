"""Issue 12, point 7 on the list pages: the unit filter of the award list and of the people list is
the searchable picker (server mode: the page carries only the chosen unit, named with its parent);
the filter keeps its meaning (a unit and its whole subtree) and the API its query parameter."""
import pytest
from django.http import QueryDict

from tdkt.awards.filters import AwardRecordFilter
from tdkt.awards.models import AwardRecord
from tdkt.org.filters import PersonFilter
from tdkt.org.models import Person
from tdkt.testing import login, token_client

from .test_pages import decided  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def unit_select(body: str) -> str:
    start = body.index('<select name="unit"')
    return body[start:body.index("</select>", start)]


def test_point7_award_list_unit_filter_is_the_searchable_picker(world, decided):  # noqa: F811
    client = login(world.officer)
    body = client.get("/khen-thuong/").content.decode()
    select = unit_select(body)
    assert 'data-picker="single"' in select and 'data-picker-url="/to-chuc/tim/?loai=don-vi"' in select
    assert 'type="hidden" name="unit"' not in body and "core/picker.js" in body
    # Server mode: only the chosen unit goes with the page, named with its parent unit.
    assert select.count("<option") == 1
    body = client.get("/khen-thuong/", {"unit": world.unit_a.pk}).content.decode()
    select = unit_select(body)
    assert f'value="{world.unit_a.pk}" selected data-context="UBND tỉnh Hà Nam">Sở Tài chính</option>' in select
    # The meaning is kept: the unit and its subtree (person A works in a division of unit A).
    assert "Nguyễn Văn Đức" in body and "Nguyễn Thị Ánh" not in body


def test_point7_people_list_has_the_unit_picker_and_filters_the_subtree(world):
    client = login(world.officer)
    body = client.get("/ca-nhan/", {"unit": world.unit_b.pk}).content.decode()
    select = unit_select(body)
    assert 'data-picker="single"' in select and f'value="{world.unit_b.pk}"' in select and "Sở Y tế" in select
    assert "Nguyễn Thị Ánh" in body and "Nguyễn Văn Đức" not in body


def test_the_chosen_unit_is_named_only_within_the_users_scope(world):
    filterset = PersonFilter(QueryDict(f"unit={world.unit_b.pk}"), queryset=Person.objects.all(),
                             request=type("R", (), {"user": world.clerk_a})())
    assert "Sở Y tế" not in str(filterset.form["unit"])
    filterset = PersonFilter(QueryDict(f"unit={world.unit_b.pk}"), queryset=Person.objects.all(),
                             request=type("R", (), {"user": world.officer})())
    assert "Sở Y tế" in str(filterset.form["unit"])


def test_the_filters_keep_their_meaning_without_a_page(world, decided):  # noqa: F811
    records = AwardRecordFilter(QueryDict(f"unit={world.unit_a.pk}"), queryset=AwardRecord.objects.all()).qs
    assert {r.recipient_name for r in records} == {"Nguyễn Văn Đức"}
    assert not AwardRecordFilter(QueryDict("unit=999999"), queryset=AwardRecord.objects.all()).qs.exists()


def test_the_api_takes_the_same_unit_parameter(world, decided):  # noqa: F811
    client = token_client(world.officer)
    answer = client.get("/api/awards", {"unit": world.unit_a.pk})
    assert answer.status_code == 200
    assert {row["recipient_name"] for row in answer.json()["items"]} == {"Nguyễn Văn Đức"}
    people = client.get("/api/people", {"unit": world.unit_b.pk}).json()["items"]
    assert {p["full_name"] for p in people} == {"Nguyễn Thị Ánh"}
    bad = client.get("/api/awards", {"unit": "abc"})
    assert bad.status_code == 400 and "Đơn vị: phải là số nguyên." in bad.content.decode()
