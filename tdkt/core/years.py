"""The year ranges the product accepts, named once.

- `RECORD_YEARS`: the award history, the decision register and ratings reach back to 1945, the first
  decorations of the Democratic Republic, and forward to next year (a decision may be dated for the
  coming year in late December).
- `WORK_YEARS`: achievement years of the year's work (dossiers, eligibility, emulation blocks,
  covenants and registrations): from 2000, when electronic records begin, to 2100.
"""
from __future__ import annotations

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
