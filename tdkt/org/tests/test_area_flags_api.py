"""The unit's area flags (priority areas: Luật TĐKT 2022 Điều 5; Luật 06/2026/QH16) through the API:
shown, set on creation and changed by PATCH; a null is refused naming the field, nothing saved."""
import pytest

from tdkt.org.models import Unit
from tdkt.testing import patch, post, token_client

pytestmark = pytest.mark.django_db


def test_the_office_sets_and_reads_area_flags(world):
    client = token_client(world.officer)
    response = patch(client, f"/api/units/{world.commune.pk}", {"is_mountainous": True, "is_border": True})
    assert response.status_code == 200
    assert (response.json()["is_mountainous"], response.json()["is_border"], response.json()["is_island"]) == \
        (True, True, False)
    world.commune.refresh_from_db()
    assert world.commune.own_areas == ("mountain", "border")
    created = post(client, "/api/units", {"name": "UBND xã Đảo Ngọc", "code": "X-DN", "kind": "commune",
                                          "parent": world.province.pk, "is_island": True})
    assert created.status_code == 201 and Unit.objects.get(code="X-DN").is_island


def test_a_null_flag_is_refused_by_name(world):
    client = token_client(world.officer)
    response = patch(client, f"/api/units/{world.commune.pk}", {"is_border": None})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["is_border"]
    world.commune.refresh_from_db()
    assert world.commune.is_border is False
