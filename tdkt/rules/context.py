"""The evaluation context: one case indexed once, with the helpers the checks share.

It applies the principles that cut across every standard (NĐ 152/2025 Điều 4 from 01/07/2025; the
corresponding article of NĐ 98/2023 before, cited by the rule set of the period):
- R3: only `regular` (công trạng) awards count as a basis for higher awards (`regular_years`);
  thematic and ad-hoc ones are kept aside so messages can say why they were not counted.
- R4: achievements count only from the first full year after a discipline period ends
  (`counted_from`); an open review or a discipline in force blocks any award.
- R5: maternity leave, training and treatment count as working time (`service_months`).

A prerequisite title counts when it has been conferred (`holds`). One considered in the same round
counts only where the law puts both in one round (`holds_or_meets`, the rule set's
`same_round_pairs`): LĐTT with CSTĐ cơ sở, the third CSTĐ cơ sở with CSTĐ tỉnh.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .case import RATING_NAMES, SCOPE_ORDER, Case
from .catalogue import AWARDS
from .text import years_text

__all__ = ["Ctx", "Record", "param_values", "variant", "first_full_year_after", "years_text"]

RATING_ORDER = {"not_completed": 0, "completed": 1, "good": 2, "excellent": 3}
COUNTING_ABSENCES = {"maternity", "training", "injury"}


def first_full_year_after(day: dt.date) -> int:
    after = day + dt.timedelta(days=1)
    return after.year if (after.month, after.day) == (1, 1) else after.year + 1


def variant(case: Case, **fields) -> Case:
    """`dataclasses.replace` without its per-call introspection (a hot path of batch runs)."""
    new = object.__new__(Case)
    new.__dict__.update(case.__dict__)
    new.__dict__.update(fields)
    return new


class Record:
    """What every case of one subject shares whatever the award asked: its awards indexed by code
    (R3 applied), the discipline window (R4) and the answers of `Ctx.meets`. The batch builds one
    per person and evaluates all award types against it."""
    __slots__ = ("regular", "excluded", "counted_from", "open_discipline", "meets", "meets_rests")

    def __init__(self, case: Case):
        self.regular: dict[str, list[int]] = defaultdict(list)
        self.excluded: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for held in case.awards:
            if held.kind == "regular":
                self.regular[held.award].append(held.year)
            else:
                self.excluded[held.award].append((held.year, held.kind))
        self.counted_from = 0
        self.open_discipline = None
        for d in case.discipline:
            if d.end is None:
                self.counted_from = 10_000
                self.open_discipline = d
                continue
            self.counted_from = max(self.counted_from, first_full_year_after(d.end))
            if d.start <= case.proposal_date <= d.end:
                self.open_discipline = d
        self.meets: dict[tuple[str, int], bool] = {}
        self.meets_rests: dict[tuple[str, int], tuple[str, ...]] = {}


def param_values(rule_set) -> dict:
    """The parameter values of a rule set, computed once and kept on the (immutable) rule set itself,
    so a province's overridden set built per request leaves nothing behind in a global cache."""
    values = rule_set.__dict__.get("_values")
    if values is None:
        values = {name: p.value for name, p in rule_set.params.items()}
        object.__setattr__(rule_set, "_values", values)
    return values


class Ctx:
    def __init__(self, case: Case, rule_set, params: dict | None = None, record: Record | None = None):
        self.case = case
        self.rule_set = rule_set
        self.p = params if params is not None else param_values(rule_set)
        self.year = case.year
        self.award = AWARDS[case.award]
        self.record = record = record or Record(case)
        self._regular = record.regular
        self._excluded = record.excluded
        self.counted_from = record.counted_from
        self.open_discipline = record.open_discipline
        self._meets_cache = record.meets
        self._meets_rests = record.meets_rests

    # --- ratings ---------------------------------------------------------------------------------
    def rating(self, year: int) -> str | None:
        return self.case.ratings.get(year)

    def rated_at_least(self, year: int, level: str) -> bool:
        r = self.case.ratings.get(year)
        return r is not None and RATING_ORDER[r] >= RATING_ORDER[level]

    def rating_text(self, year: int) -> str:
        r = self.case.ratings.get(year)
        return RATING_NAMES[r] if r else "chưa có xếp loại"

    # --- awards held -----------------------------------------------------------------------------
    def regular_years(self, code: str) -> list[int]:
        return self._regular.get(code, [])

    def excluded(self, code: str) -> list[tuple[int, str]]:
        return self._excluded.get(code, [])

    def holds(self, code: str, year: int) -> bool:
        return year in self._regular.get(code, ())

    def last_regular(self, code: str, before: int) -> int | None:
        years = [y for y in self._regular.get(code, ()) if y < before]
        return max(years) if years else None

    def meets(self, code: str, year: int) -> bool:
        """Whether the subject meets `code`'s standard in `year` (a title considered in the same
        round, e.g. this year's CSTĐCS as the last link of a CSTĐ tỉnh chain)."""
        key = (code, year)
        if key not in self._meets_cache:
            self._meets_cache[key] = False  # guards against cycles
            self._meets_rests[key] = ()
            # a link is a regular title of its own year, whatever kind the award asked is
            sub_case = variant(self.case, award=code, year=year, claims=frozenset(), proposal_kind="regular")
            sub = Ctx(sub_case, self.rule_set, self.p, self.record)
            results = [c.run(sub) for c in self.rule_set.standard_for(sub_case)]
            self._meets_cache[key] = all(r.passed is not False for r in results)
            self._meets_rests[key] = tuple(dict.fromkeys(p for r in results for p in r.rests_on))
        return self._meets_cache[key]

    def meets_rests(self, code: str, year: int) -> tuple[str, ...]:
        """The rule-set parameters a same-round `meets(code, year)` answer rested on, for the check
        that used it to report (e.g. CSTĐCS met in the same round rests on LĐTT's service time)."""
        self.meets(code, year)
        return self._meets_rests.get((code, year), ())

    def same_round(self, code: str) -> bool:
        """Whether `code` may be considered in the same round as the award asked (the law puts both
        in one round) and the province has not switched same-round links off."""
        return self.p["same_round_links"] and (self.case.award, code) in self.p["same_round_pairs"]

    def holds_or_meets(self, code: str, year: int) -> str | None:
        """"held" when `code` was conferred for `year`; "meets" when it is this year's link considered
        in the same round and its standard is met; None otherwise."""
        if self.holds(code, year):
            return "held"
        if year == self.year and self.same_round(code) and self.meets(code, year):
            return "meets"
        return None

    def unconferred_note(self, code: str, year: int, label: str) -> str:
        """For awards that count conferred titles only: says that `year`'s `code`, met but not yet
        conferred, was not counted (nothing when it is conferred, allowed in the round, or not met)."""
        if year != self.year or self.holds(code, year) or self.same_round(code):
            return ""
        if self.case.subject.kind not in AWARDS[code].subjects or not self.meets(code, year):
            return ""
        return (f"; {label} năm {year} đủ tiêu chuẩn nhưng chưa có quyết định: không tính, vì đề nghị "
                f"{self.award.name} chỉ tính danh hiệu đã có quyết định")

    def run_back(self, ok, end: int, floor: int) -> list[int]:
        """The consecutive years ending at `end` (going back, not below `floor`) for which ok(year)."""
        years = []
        y = end
        while y >= floor and ok(y):
            years.append(y)
            y -= 1
        return sorted(years)

    # --- initiatives (one initiative serves once as a basis) ---------------------------------------
    def initiatives(self, years, min_scope: str):
        """Usable initiatives and research works in `years` of at least `min_scope`, and whether the
        answer rests on reusing one for a higher title (an unconfirmed reading)."""
        target_category = self.award.category
        usable, reused = [], False
        for i in self.case.initiatives:
            if i.year not in years or SCOPE_ORDER[i.scope] < SCOPE_ORDER[min_scope]:
                continue
            if i.used_for:
                used = AWARDS[i.used_for]
                if used.category != target_category or target_category != "title":
                    continue  # a title's basis may not serve a commendation, nor the reverse
                if used.rank >= self.award.rank or not self.p["initiative_reuse_higher_title"]:
                    continue
                reused = True
            usable.append(i)
        return usable, reused

    # --- working time (R5) -------------------------------------------------------------------------
    def service_months(self, year: int) -> float:
        start = dt.date(year, 1, 1)
        end = dt.date(year, 12, 31)
        hired = self.case.subject.hired_on
        if hired and hired > start:
            start = hired
        if start > end:
            return 0.0
        days = (end - start).days + 1
        for a in self.case.subject.absences:
            if a.kind in COUNTING_ABSENCES:
                continue
            a_start, a_end = max(a.start, start), min(a.end or end, end)
            if a_end >= a_start:
                days -= (a_end - a_start).days + 1
        return days / 30.4375  # exact: rounding is for display only (5.98 months is under 6)
