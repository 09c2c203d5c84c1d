"""The year ranges the product accepts, named once.

- `RECORD_YEARS`: the award history, the decision register and ratings reach back to 1945, the first
  decorations of the Democratic Republic, and forward to next year (a decision may be dated for the
  coming year in late December).
- `WORK_YEARS`: achievement years of the year's work (dossiers, eligibility, emulation blocks,
  covenants and registrations): from 2000, when electronic records begin, to 2100.
- `DATES`: any date a user enters (birth, hiring, decisions, discipline, deadlines, meetings …), in a
  form (`core.forms.VnDateField`), the API (`core.api.IsoDate`) or an Excel import
  (`imports.parsing.date`): from 01/01/1900 (the oldest living people's birth dates; the award
  history starts in 1945) to 31/12/2100 (the last work year). `date_problem` says what is wrong,
  naming the field.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from . import clock


@dataclass(frozen=True)
class YearRange:
    first: int
    last: int | None = None  # None: the current year plus `ahead`
    ahead: int = 0

    @property
    def upper(self) -> int:
        return self.last if self.last is not None else clock.today().year + self.ahead

    def __contains__(self, year) -> bool:
        return isinstance(year, int) and not isinstance(year, bool) and self.first <= year <= self.upper

    def message(self, label: str = "Năm") -> str:
        return f"{label} phải từ {self.first} đến {self.upper}."


RECORD_YEARS = YearRange(1945, ahead=1)
WORK_YEARS = YearRange(2000, 2100)


def vn_date(value: datetime.date) -> str:
    """dd/mm/yyyy, also for a year below 1000 (strftime would not pad it)."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


@dataclass(frozen=True)
class DateRange:
    first: datetime.date
    last: datetime.date

    def __contains__(self, value) -> bool:
        return isinstance(value, datetime.date) and self.first <= _as_date(value) <= self.last

    def problem(self, value, label: str = "Ngày") -> str | None:
        """None when `value` is in the range, else a Vietnamese message naming the field."""
        if value is None or value in self:
            return None
        return (f"{label}: ngày {vn_date(_as_date(value))} nằm ngoài khoảng cho phép "
                f"(từ {vn_date(self.first)} đến {vn_date(self.last)}).")


def _as_date(value: datetime.date) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


DATES = DateRange(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))


def date_problem(value, label: str = "Ngày") -> str | None:
    """What is wrong with a date a user entered (outside `DATES`), naming the field; None if nothing."""
    return DATES.problem(value, label)
