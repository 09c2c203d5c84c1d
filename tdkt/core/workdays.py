"""Vietnamese working days, for the time limits of the commendation procedure (legal-rules.md §4.3:
"within 5 working days", "10 working days of public disclosure" …).

The national calendar comes from the `holidays` package (country "VN"): the Labour Code 2019
Điều 112 holidays (1/1, five days of Tết Nguyên đán, Giỗ Tổ Hùng Vương 10/3 lunar, 30/4, 1/5, two
days of Quốc khánh; Ngày Văn hóa Việt Nam 24/11 from 2025), the days off in lieu of holidays that
fall on a weekend, and the Government's yearly swaps (a Saturday worked to bridge a holiday).
The province's own notices override it day by day through `CalendarDay` rows, editable by the
office, so a late government announcement never needs a code change.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _national(year: int):
    return holidays.country_holidays("VN", years=year, language="vi")


def _overrides(start: dt.date, end: dt.date) -> dict[dt.date, tuple[bool, str]]:
    from .models import CalendarDay

    return {d: (w, n) for d, w, n in CalendarDay.objects.filter(date__range=(start, end))
            .values_list("date", "is_working", "name")}


class Calendar:
    """Working days over a range of dates, with the province's overrides read once."""

    def __init__(self, start: dt.date, end: dt.date):
        self.start, self.end = start, end
        self.overrides = _overrides(start, end)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day][0]
        return _national(day.year).is_working_day(day)

    def day_off_name(self, day: dt.date) -> str:
        """Why `day` is not a working day ("" if it is one)."""
        if self.is_working_day(day):
            return ""
        if day in self.overrides:
            return self.overrides[day][1] or "Ngày nghỉ theo thông báo của tỉnh"
        return _national(day.year).get(day) or ("Thứ Bảy" if day.weekday() == 5 else "Chủ nhật")


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The day on which a limit of `days` working days counted from `start` ends: the `days`-th
    working day after `start` (the day of receipt itself is not counted)."""
    if days < 0:
        raise ValueError("Số ngày làm việc phải không âm.")
    # Tết plus weekends never takes more than about 2.5 calendar days per working day.
    calendar = Calendar(start, start + dt.timedelta(days=days * 3 + 20))
    day, left = start, days
    while left:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day):
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not after `start`)."""
    if end <= start:
        return 0
    calendar = Calendar(start, end)
    return sum(calendar.is_working_day(start + dt.timedelta(days=i)) for i in range(1, (end - start).days + 1))
