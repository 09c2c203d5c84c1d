"""Eligibility of people and units from their records: the panels of the person and unit pages.

Reads only (nothing is written here); the batch run that writes results lives in `batch.py`.
"""
from __future__ import annotations

import datetime as dt

from tdkt.core import clock
from tdkt.core.years import WORK_YEARS
from tdkt.rules import evaluate_case
from tdkt.rules.catalogue import AWARDS

from .cases import (
    COLLECTIVE_AWARDS,
    INDIVIDUAL_AWARDS,
    case_json,
    load_person_histories,
    person_case,
    unit_case,
    unit_history,
    unit_members,
)
from .standings import block_standing


def valid_year(year: int) -> bool:
    """The achievement years the pages, the API and batch runs accept (core.years.WORK_YEARS)."""
    return year in WORK_YEARS


def province_rules() -> tuple[dict, str | None]:
    """The parameters this province details (settings TDKT_RULE_OVERRIDES, e.g. Bắc Ninh's 70% LĐTT
    share for TTLĐTT) and the document they come from; the national rule set otherwise."""
    from django.conf import settings

    overrides = getattr(settings, "TDKT_RULE_OVERRIDES", None) or {}
    return overrides, getattr(settings, "TDKT_RULE_OVERRIDES_SOURCE", None) or "quy định của tỉnh"


def rule_set_on(day):
    """The rule set in force on `day` with the province's details applied."""
    from tdkt.rules.rulesets import rule_set_for

    overrides, source = province_rules()
    rule_set = rule_set_for(day)
    return rule_set.override(overrides, source) if overrides else rule_set


def default_year(ratings: dict, today: dt.date | None = None) -> int:
    """The achievement year to consider: this year once it has a rating, else the last rated year."""
    today = today or clock.today()
    rated = [y for y in ratings if y <= today.year]
    if today.year in ratings or not rated:
        return today.year
    return max(rated)


def _summary(verdict: dict) -> dict:
    checks = verdict["checks"]
    pending = [c for c in checks if c["passed"] is None]
    failed = [c for c in checks if c["passed"] is False]
    if [c for c in failed if c["code"] == "not_already_awarded"]:
        status, label = "awarded", f"Đã được tặng cho thành tích năm {verdict['year']}"
    elif not verdict["eligible"]:
        status, label = "failed", "Chưa đủ điều kiện"
    elif pending:
        status, label = "pending", "Đủ điều kiện theo hồ sơ, cần Hội đồng đánh giá"
    else:
        status, label = "passed", "Đủ điều kiện"
    return {"status": status, "label": label, "failed": failed, "pending": pending}


def _panel(cases) -> list[dict]:
    rows = []
    for case in cases:
        overrides, source = province_rules()
        verdict = evaluate_case(case, overrides=overrides or None, override_source=source)
        rows.append({"award": AWARDS[case.award], "verdict": verdict, "case": case_json(case), **_summary(verdict)})
    return rows


def person_panel(person, year: int | None = None) -> dict:
    history = load_person_histories([person.pk])[person.pk]
    year = year or default_year(history.ratings)
    return {"year": year, "rows": _panel(person_case(person, history, code, year) for code in INDIVIDUAL_AWARDS)}


def unit_panel(unit, year: int | None = None) -> dict:
    history = unit_history(unit)
    year = year or default_year(history.ratings)
    members = unit_members(unit, year)
    # The unit's place in its emulation block's published ranking (Cờ thi đua needs the lead).
    block = block_standing([unit.pk], year).get(unit.pk)
    return {"year": year, "members": members, "block": block,
            "rows": _panel(unit_case(unit, history, code, year, members=members, block=block)
                           for code in COLLECTIVE_AWARDS)}
