"""Vietnamese working days: weekends, the Labour Code holidays with Tết, days off in lieu, and the
province's own overrides."""
import datetime as dt

import pytest

from tdkt.core.models import CalendarDay
from tdkt.core.workdays import Calendar, add_working_days, working_days_between

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.mark.parametrize("start, days, due, why", [
    (D(2026, 11, 16), 5, D(2026, 11, 23), "Mon + 5 working days, 24/11 Ngày Văn hóa is after"),
    (D(2026, 11, 20), 5, D(2026, 11, 30), "Fri + 5 skips the weekend and Ngày Văn hóa Việt Nam 24/11"),
    (D(2026, 2, 13), 1, D(2026, 2, 23), "Tết Bính Ngọ: 16–20/02/2026 off, then the weekend"),
    (D(2025, 4, 29), 1, D(2025, 5, 5), "30/4, 1/5 and the day off in lieu 2/5/2025, then the weekend"),
    (D(2026, 4, 24), 1, D(2026, 4, 28), "Giỗ Tổ 26/4/2026 is a Sunday: Monday 27/4 is off in lieu"),
    (D(2026, 8, 28), 1, D(2026, 9, 3), "Quốc khánh 2026: 31/8, 1/9 and 2/9 off"),
    (D(2026, 1, 7), 0, D(2026, 1, 7), "zero days is the start itself"),
])
def test_add_working_days(start, days, due, why):
    assert add_working_days(start, days) == due, why


def test_a_swapped_saturday_is_a_working_day():
    # 26/4/2025 was worked so that 2/5/2025 could be a day off.
    assert Calendar(D(2025, 4, 26), D(2025, 4, 26)).is_working_day(D(2025, 4, 26))


def test_province_overrides_win():
    CalendarDay.objects.create(date=D(2026, 11, 23), is_working=False, name="Nghỉ bù theo thông báo của tỉnh")
    CalendarDay.objects.create(date=D(2026, 11, 28), is_working=True, name="Làm bù")
    calendar = Calendar(D(2026, 11, 20), D(2026, 11, 30))
    assert not calendar.is_working_day(D(2026, 11, 23))
    assert calendar.day_off_name(D(2026, 11, 23)) == "Nghỉ bù theo thông báo của tỉnh"
    assert calendar.is_working_day(D(2026, 11, 28))
    assert calendar.day_off_name(D(2026, 2, 17)) == "Tết Nguyên Đán"


def test_working_days_between():
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    assert working_days_between(D(2026, 11, 23), D(2026, 11, 16)) == 0


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 5), -1)
