"""REST endpoints of the rule engine.

`POST /api/eligibility` takes the case of shared/domain/award-codes.md and answers the verdict,
exactly as `tdkt eligibility` prints it (both call `tdkt.rules.evaluate`). The body is read as
plain JSON, not through a schema, so that the contract's own validation and Vietnamese messages
apply unchanged. `GET /api/people/{id}/eligibility` evaluates a person's records from the database.
"""
from __future__ import annotations

import json
from typing import Any, Optional

from ninja import Router, Status

from tdkt.core.api import ERRORS, MSG_BAD_JSON, get_visible
from tdkt.core.years import WORK_YEARS
from tdkt.org.models import Person, Unit
from tdkt.rules import CaseError, evaluate

from .services import person_panel, unit_panel, valid_year

router = Router(tags=["Điều kiện khen thưởng"])


@router.post("/eligibility", response={200: dict[str, Any], **ERRORS},
             summary="Xét điều kiện khen thưởng cho một hồ sơ (JSON theo award-codes.md)",
             openapi_extra={"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}},
                                            "required": True}})
def post_eligibility(request):
    try:
        raw = json.loads(request.body.decode("utf-8") or "null")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return Status(400, {"detail": MSG_BAD_JSON})
    try:
        return Status(200, evaluate(raw))
    except CaseError as exc:
        return Status(422, {"detail": [{"field": exc.field or None, "message": exc.message}]})


def _bad_year() -> Status:
    return Status(422, {"detail": [{"field": "year", "message": f"Năm không hợp lệ (từ {WORK_YEARS.first} đến {WORK_YEARS.upper})."}]})


def _panel_out(panel: dict) -> dict:
    return {"year": panel["year"], "verdicts": [row["verdict"] for row in panel["rows"]]}


@router.get("/people/{person_id}/eligibility", response={200: dict[str, Any], **ERRORS},
            summary="Điều kiện khen thưởng của một cá nhân theo hồ sơ trong hệ thống")
def person_eligibility(request, person_id: int, year: Optional[int] = None):
    person = get_visible(Person.objects.all(), request, person_id)
    if year is not None and not valid_year(year):
        return _bad_year()
    return Status(200, _panel_out(person_panel(person, year)))


@router.get("/units/{unit_id}/eligibility", response={200: dict[str, Any], **ERRORS},
            summary="Điều kiện khen thưởng của một tập thể theo hồ sơ trong hệ thống")
def unit_eligibility(request, unit_id: int, year: Optional[int] = None):
    unit = get_visible(Unit.objects.all(), request, unit_id)
    if year is not None and not valid_year(year):
        return _bad_year()
    return Status(200, _panel_out(unit_panel(unit, year)))



