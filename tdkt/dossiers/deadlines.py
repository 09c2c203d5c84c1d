"""Time limits of each step of a dossier, in Vietnamese working days (legal-rules.md §4.3), and
whose turn it is. The province may set its own limits (settings TDKT_STEP_LIMITS, e.g.
'{"appraising": 15}'); the national figures are the defaults.
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings

from tdkt.core.workdays import add_working_days

from .choices import DossierStatus as S

# Working days allowed in each status before the next step is due.
DEFAULT_LIMITS = {
    S.SUBMITTED: 5,      # return an incomplete dossier within 5 working days (QĐ 311/QĐ-BNV; ND 98 Đ32)
    S.RESUBMITTED: 5,
    S.APPRAISING: 20,    # appraise and submit within 20 working days of the full dossier
    S.RETURNED: 10,      # the proposing unit amends (province practice; configurable)
    S.APPRAISED: 10,     # put before the council
    S.COUNCIL: 10,
    S.VOTED: 5,          # publish the list for public comment
}

# The statuses in which the proposing unit must act; in the others the office (or the leader) must.
UNIT_TURN = frozenset({S.DRAFT, S.RETURNED})


def limit_for(status: str) -> int | None:
    overrides = getattr(settings, "TDKT_STEP_LIMITS", None) or {}
    if status in overrides:
        return int(overrides[status])
    return DEFAULT_LIMITS.get(status)


def due_date(status: str, start: dt.date, disclosure_end: dt.date | None = None) -> dt.date | None:
    """When the step that starts on `start` in `status` is due."""
    if status == S.DISCLOSURE:
        return disclosure_end
    days = limit_for(status)
    return add_working_days(start, days) if days is not None else None


def whose_turn(status: str) -> str:
    return "unit" if status in UNIT_TURN else "office"
