"""Today's date and the current time, in one place so that time limits can be tested.

Tests (including browser tests whose server runs in the same process) move the clock with
`travel(days)` instead of waiting for a disclosure period to end; production never sets it.
"""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

_offset = dt.timedelta(0)


def now() -> dt.datetime:
    return timezone.now() + _offset


def today() -> dt.date:
    return timezone.localtime(now()).date()


def travel(days: int) -> None:
    """Move the clock forward (or back) by `days`; `reset()` returns to the real time."""
    global _offset
    _offset += dt.timedelta(days=days)


def reset() -> None:
    global _offset
    _offset = dt.timedelta(0)
