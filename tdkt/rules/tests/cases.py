"""Table rows for the rule-engine tests: a case in the JSON contract of
shared/domain/award-codes.md, the verdict expected, and the article the row exercises.

Builders keep rows short: `case("CSTD_TINH", ratings=rated("excellent", 2023, 2024, 2025), …)`
is an individual hired in 2015, proposed on 05/12/2025 for the achievements of 2025.
`verify(row)` evaluates the row and asserts every expectation it states, plus the invariants every
verdict must keep (shape, `eligible` = no check failed, a Vietnamese message and a basis per check).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tdkt.rules import evaluate

PROPOSAL = "2025-12-05"
HIRED = "2015-03-01"
VN2022_152 = "VN-2022 (Luật 06/2022/QH15; NĐ 152/2025/NĐ-CP)"
VN2022_98 = "VN-2022 (Luật 06/2022/QH15; NĐ 98/2023/NĐ-CP)"
BAC_NINH = {"ttldtt_ldtt_share": 0.7, "ttldtt_ldtt_share_strict": False}
BAC_NINH_SOURCE = "QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh"
VERDICT_KEYS = {"award", "year", "eligible", "rule_set", "checks", "unverified", "next_eligible_year"}
OPTIONAL_KEYS = {"unverified_notes", "transition"}
# NĐ 98/2023's article on the principles (R4: no award under review, discipline) is not in the fact
# sheet: verdicts of its period cite the decree and report these checks as unverified.
ND98_UNVERIFIED = ["no_open_review", "discipline_period"]

UNSET = object()  # an expectation the row does not state


def case(award: str, year: int = 2025, *, kind: str = "individual", proposal_date: str | None = UNSET,
         subject: dict | None = None, **sections) -> dict:
    """A case for `award` in `year`; `subject` entries are merged over the defaults of `kind`."""
    subj = {"kind": kind}
    if kind == "individual":
        subj["hired_on"] = HIRED
    subj.update(subject or {})
    raw = {"award": award, "year": year, "subject": subj}
    if proposal_date is UNSET:
        raw["proposal_date"] = PROPOSAL if year == 2025 else f"{year}-12-05"
    elif proposal_date is not None:
        raw["proposal_date"] = proposal_date
    raw.update(sections)
    return raw


def collective(award: str, year: int = 2025, **sections) -> dict:
    return case(award, year, kind="collective", **sections)


def household(award: str, year: int = 2025, **sections) -> dict:
    return case(award, year, kind="household", **sections)


def rated(level: str, *years: int, **others: str) -> dict:
    """Ratings keyed by year strings: rated("good", 2024, 2025) or with y2023="excellent" overrides."""
    out = {str(y): level for y in years}
    out.update({k.removeprefix("y"): v for k, v in others.items()})
    return dict(sorted(out.items()))


def held(code: str, *years: int, kind: str = "regular") -> list[dict]:
    return [{"award": code, "year": y, "kind": kind} for y in years]


def ini(year: int, scope: str = "unit", **extra) -> dict:
    return {"year": year, "scope": scope, **extra}


def members(total: int, **counts) -> dict:
    return {"total": total, **counts}


@dataclass(frozen=True)
class Row:
    """One table row. `checks` maps a check code (top level or an alternative inside an any_of) to
    its expected `passed`; `messages` maps a check code to a substring of its Vietnamese message."""
    id: str
    case: dict
    eligible: bool
    basis: str
    checks: dict = field(default_factory=dict)
    messages: dict = field(default_factory=dict)
    unverified: object = UNSET  # a list: exactly these codes, in any order
    next_year: object = UNSET
    rule_set: object = UNSET  # a substring of the verdict's rule_set title
    overrides: dict | None = None
    override_source: str | None = None


def params(rows):
    ids = [r.id for r in rows]
    assert len(ids) == len(set(ids)), "row ids must be unique"
    return [pytest.param(r, id=r.id) for r in rows]


def find(verdict: dict, code: str) -> dict:
    """The check `code`: a top-level check first, else an alternative of an any_of."""
    for c in verdict["checks"]:
        if c["code"] == code:
            return c
    for c in verdict["checks"]:
        for a in c.get("alternatives", ()):
            if a["code"] == code:
                return a
    raise AssertionError(f"no check {code!r} in {[c['code'] for c in verdict['checks']]}")


def assert_shape(verdict: dict, raw: dict) -> None:
    assert set(verdict) - OPTIONAL_KEYS == VERDICT_KEYS
    assert verdict["award"] == raw["award"]
    assert verdict["year"] == int(raw["year"])
    assert verdict["checks"], "a verdict lists its checks"
    for c in verdict["checks"]:
        assert c["passed"] in (True, False, None)
        assert c["message"].strip() and c["basis"].strip(), c
    # eligible means no check failed: a pending (None) check never counts against it
    assert verdict["eligible"] is all(c["passed"] is not False for c in verdict["checks"])
    assert len(verdict["unverified"]) == len(set(verdict["unverified"]))
    notes = verdict.get("unverified_notes", [])
    assert {n["check"] for n in notes} == set(verdict["unverified"])
    if verdict["eligible"]:
        assert verdict["next_eligible_year"] is None
    elif verdict["next_eligible_year"] is not None:
        assert verdict["next_eligible_year"] > verdict["year"]


def verify(row: Row) -> dict:
    assert row.basis.strip(), "every row cites the article it exercises"
    verdict = evaluate(row.case, overrides=row.overrides, override_source=row.override_source)
    assert_shape(verdict, row.case)
    failing = [(c["code"], c["message"]) for c in verdict["checks"] if c["passed"] is False]
    assert verdict["eligible"] is row.eligible, failing
    for code, expected in row.checks.items():
        assert find(verdict, code)["passed"] is expected, (code, find(verdict, code)["message"])
    for code, text in row.messages.items():
        assert text in find(verdict, code)["message"], (code, find(verdict, code)["message"])
    if row.unverified is not UNSET:
        assert sorted(verdict["unverified"]) == sorted(row.unverified)
    if row.next_year is not UNSET:
        assert verdict["next_eligible_year"] == row.next_year
    if row.rule_set is not UNSET:
        assert row.rule_set in verdict["rule_set"], verdict["rule_set"]
    return verdict
