"""Issue 11 §3: dates outside sane ranges are refused, naming the field (a discipline from 01/01/0001
was accepted). One range, `core.years.DATES`, checked by the forms' date field, the API's IsoDate and
the Excel imports' date cells."""
import datetime

import pytest

from tdkt.awards.models import Decision, Discipline
from tdkt.core.years import DATES, date_problem
from tdkt.imports.parsing import CellError, date as cell_date
from tdkt.testing import fields_of, login, post, token_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("start", ["01/01/0001", "31/12/1899", "01/01/2101", "31/12/9999"])
def test_discipline_from_year_1_is_refused_naming_the_field(world, start):
    response = login(world.officer).post(f"/ca-nhan/{world.person_a.pk}/ky-luat/",
                                         {"level": "reprimand", "start": start, "reason": "Thử"})
    body = response.content.decode()
    assert response.status_code == 200
    assert f"Từ ngày: ngày {start} nằm ngoài khoảng cho phép (từ 01/01/1900 đến 31/12/2100)." in body
    assert not Discipline.objects.exists()


def test_a_sane_discipline_date_is_still_accepted(world):
    response = login(world.officer).post(f"/ca-nhan/{world.person_a.pk}/ky-luat/",
                                         {"level": "reprimand", "start": "15/03/2024", "reason": "Thử"})
    assert response.status_code == 302
    assert Discipline.objects.get().start == datetime.date(2024, 3, 15)


@pytest.mark.parametrize("signed_on", ["0001-01-01", "1899-12-31", "2101-01-01"])
def test_api_decision_date_out_of_range_is_refused_naming_the_field(world, signed_on):
    response = post(token_client(world.officer), "/api/decisions", {
        "number": "20/QĐ-T", "signed_on": signed_on, "authority": "province_chair", "issuer_name": "UBND tỉnh"})
    assert response.status_code == 422, response.content
    errors = fields_of(response)
    assert "signed_on" in errors and "nằm ngoài khoảng cho phép" in errors["signed_on"]
    assert not Decision.objects.filter(number="20/QĐ-T").exists()


@pytest.mark.parametrize("raw", ["01/01/0001", datetime.date(1, 1, 1), datetime.datetime(2200, 5, 1)])
def test_import_date_cell_out_of_range_is_refused_naming_the_column(raw):
    with pytest.raises(CellError) as exc:
        cell_date(raw, "Ngày quyết định")
    assert str(exc.value).startswith("Ngày quyết định: ngày ") and "nằm ngoài khoảng cho phép" in str(exc.value)


def test_the_range_bounds_are_inclusive():
    assert DATES.first in DATES and DATES.last in DATES
    assert date_problem(None) is None and date_problem(DATES.first) is None
    assert date_problem(datetime.date(1, 1, 1), "Ngày sinh") == (
        "Ngày sinh: ngày 01/01/0001 nằm ngoài khoảng cho phép (từ 01/01/1900 đến 31/12/2100).")
