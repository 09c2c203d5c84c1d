"""Small Vietnamese text helpers the checks share (years lists, dates)."""
from __future__ import annotations

import datetime as dt


def years_text(years) -> str:
    return ", ".join(str(y) for y in sorted(years))


def date_text(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"
