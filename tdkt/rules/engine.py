"""Evaluate a case: choose the rule set by the proposal date, run every check of the award's
standard for the subject kind, and build the verdict of shared/domain/award-codes.md.

Transition (`choose`): a rule set with a favourable transition (VN-2026, Luật 06/2026/QH16) lets a
dossier received before it took effect (`received_on`) follow the set in force the day before;
the new set's verdict is taken instead only when it is more favourable (eligible where the old one
is not). Either way the verdict carries a `transition` check and section saying so.

`next_eligible_year` is a forecast: when the subject is not eligible, the engine projects its
current record forward (the evaluated year's rating, its yearly titles and its initiatives repeat
each year; discipline periods run out) and evaluates each later year, up to `FORECAST_YEARS`.
An open review (R4) or a standard that no record can change gives `null`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .case import AwardHeld, Case, Initiative, parse_case
from .catalogue import AWARDS
from .checks import Result
from .context import Ctx, Record, variant
from .principles import PRINCIPLES
from .rulesets import RULE_SETS, UNVERIFIED_SET_NOTES, RuleSet, rule_set_for

FORECAST_YEARS = 10
YEARLY_TITLES = ("LDTT", "CSTT", "CSTD_CS", "TTLDTT", "TTLDXS", "GD_VAN_HOA")
# Titles conferred when a chain is reached, that an upward award counts once conferred: a forecast
# assumes the subject gets them in the years it meets their standard.
CHAIN_TITLES = {"CSTD_TQ": ("CSTD_TINH",)}


def standard_for(rule_set: RuleSet, case: Case) -> tuple:
    return rule_set.standard_for(case)


def run_checks(ctx: Ctx) -> list:
    case = ctx.case
    return [c.run(ctx) for c in ctx.rule_set.standard_for(case) + ctx.rule_set.conditional_checks(case)]


@dataclass(frozen=True)
class Choice:
    """The rule set that governs a case and, for a dossier received before a favourable transition,
    the newer set that applies where it is more favourable."""
    governing: RuleSet
    newer: RuleSet | None = None


def _with_overrides(rule_set: RuleSet, overrides, override_source) -> RuleSet:
    if overrides:
        return rule_set.override(overrides, override_source or "quy định của tỉnh")
    return rule_set


def choose(case: Case, rule_sets=RULE_SETS, overrides=None, override_source=None) -> Choice:
    in_force = rule_set_for(case.proposal_date, rule_sets)
    received = case.received_on
    if in_force.favourable_transition and received is not None and received < in_force.valid_from:
        before = rule_set_for(in_force.valid_from - dt.timedelta(days=1), rule_sets)
        return Choice(_with_overrides(before, overrides, override_source),
                      _with_overrides(in_force, overrides, override_source))
    return Choice(_with_overrides(in_force, overrides, override_source))


def _choose(case: Case, rule_sets, overrides, override_source) -> RuleSet:
    """The set a yes/no answer uses: the governing one (a forecast does not weigh transitions)."""
    return choose(case, rule_sets, overrides, override_source).governing


def _transition_result(case: Case, choice: Choice, favourable: bool) -> Result:
    newer = choice.newer
    head = (f"Hồ sơ tiếp nhận ngày {case.received_on:%d/%m/%Y}, trước ngày {newer.valid_from:%d/%m/%Y}: "
            f"xét theo {choice.governing.title}")
    if favourable:
        message = f"{head}; áp dụng {newer.title} vì có lợi hơn cho đối tượng"
    else:
        message = f"{head}; quy định mới không có lợi hơn nên không áp dụng"
    return Result("transition", True, message, newer.favourable_transition)


def evaluate_case(case: Case, rule_sets=RULE_SETS, overrides=None, override_source=None, forecast=True) -> dict:
    choice = choose(case, rule_sets, overrides, override_source)
    rule_set = choice.governing
    results = run_checks(Ctx(case, rule_set))
    eligible = all(r.passed is not False for r in results)
    transition = None
    if choice.newer is not None:
        newer_results = run_checks(Ctx(case, choice.newer))
        favourable = not eligible and all(r.passed is not False for r in newer_results)
        if favourable:
            rule_set, results, eligible = choice.newer, newer_results, True
        results = results + [_transition_result(case, choice, favourable)]
        transition = {"received_on": case.received_on.isoformat(), "governing": choice.governing.title,
                      "newer": choice.newer.title, "applied": rule_set.title, "more_favourable": favourable}
    unverified, notes = [], []
    for r in results:
        for name in dict.fromkeys(r.rests_on):  # once each, however many links rested on it
            param = rule_set.params.get(name)
            if param is not None and param.unconfirmed:
                if r.code not in unverified:
                    unverified.append(r.code)
                notes.append({"check": r.code, "parameter": name, "label": param.label, "basis": param.basis})
    set_notes = list(rule_set.set_unverified)
    if transition is not None:
        set_notes.append("transition")
    for note in set_notes:
        if note in unverified:
            continue
        basis = choice.newer.favourable_transition if note == "transition" else rule_set.title
        unverified.append(note)
        notes.append({"check": note, "parameter": note, "label": UNVERIFIED_SET_NOTES[note], "basis": basis})
    verdict = {
        "award": case.award,
        "year": case.year,
        "eligible": eligible,
        "rule_set": rule_set.title,
        "checks": [r.as_dict() for r in results],
        "unverified": unverified,
        "next_eligible_year": None,
    }
    if notes:
        verdict["unverified_notes"] = notes
    if transition is not None:
        verdict["transition"] = transition
    if not eligible and forecast:
        verdict["next_eligible_year"] = next_eligible_year(case, rule_sets, overrides, override_source)
    return verdict


def evaluate(raw, rule_sets=RULE_SETS, overrides=None, override_source=None, forecast=True) -> dict:
    """The contract: a decoded JSON case in, a verdict dict out; `CaseError` for an invalid case."""
    case = raw if isinstance(raw, Case) else parse_case(raw)
    return evaluate_case(case, rule_sets, overrides, override_source, forecast)


_FAIL_FIRST: dict[int, tuple] = {}


def _fail_first(standard: tuple) -> tuple:
    """The standard's checks with the award's own conditions first: for most people they are the
    ones that fail, so a yes/no answer stops sooner. The outcome does not depend on the order."""
    order = _FAIL_FIRST.get(id(standard))
    if order is None or order[0] is not standard:
        order = _FAIL_FIRST[id(standard)] = (standard, tuple(c for c in standard if c not in PRINCIPLES)
                                             + tuple(c for c in standard if c in PRINCIPLES))
    return order[1]


def is_eligible(case: Case, rule_set: RuleSet, record=None) -> bool:
    """The fast path for batch runs: no verdict document, no forecast; stops at the first failure."""
    ctx = Ctx(case, rule_set, record=record)
    for check in _fail_first(rule_set.standard_for(case)):
        if check.passes(ctx) is False:
            return False
    for check in rule_set.conditional_checks(case):
        if check.passes(ctx) is False:
            return False
    return True


def eligible_awards(case: Case, codes, rule_set: RuleSet) -> list[str]:
    """Which of `codes` the subject of `case` is eligible for (the case's own award is ignored):
    one record index and one cache of same-round titles serve all of them."""
    record = Record(case)
    return [code for code in codes if is_eligible(variant(case, award=code), rule_set, record)]


def _shift(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/02
        return day.replace(year=day.year + years, day=28)


def project(case: Case, rule_set: RuleSet, target_year: int) -> Case:
    """The case as it would stand in `target_year` if the subject keeps its current record."""
    ctx = Ctx(case, rule_set)
    y0 = case.year
    known = [y for y in case.ratings if y <= y0]
    rating = case.ratings.get(y0) or (case.ratings[max(known)] if known else None)
    ratings = dict(case.ratings)
    awards = list(case.awards)
    initiatives = list(case.initiatives)
    titles = [code for code in YEARLY_TITLES
              if case.subject.kind in ("individual",) and code in ("LDTT", "CSTT", "CSTD_CS")
              or case.subject.kind == "collective" and code in ("TTLDTT", "TTLDXS")
              or case.subject.kind == "household" and code == "GD_VAN_HOA"]
    titles = [code for code in titles if ctx.holds(code, y0) or (code != case.award and _meets(ctx, code, y0))]
    this_year_initiatives = [i for i in case.initiatives if i.year == y0]
    awards += [AwardHeld(code, y0) for code in titles if not ctx.holds(code, y0)]
    for y in range(y0 + 1, target_year + 1):
        if rating and y not in ratings:
            ratings[y] = rating
        # the target year keeps its yearly titles too (a GĐVH year counts only when held), but never
        # the award under evaluation itself
        awards += [AwardHeld(code, y) for code in titles if y < target_year or code != case.award]
        initiatives += [Initiative(y, i.scope, i.kind) for i in this_year_initiatives]
    projected = replace(case, year=target_year, proposal_date=_shift(case.proposal_date, target_year - y0),
                        ratings=ratings, awards=tuple(awards), initiatives=tuple(initiatives))
    for code in CHAIN_TITLES.get(case.award, ()):
        for y in range(y0, target_year + 1):
            link = replace(projected, award=code, year=y, proposal_kind="regular", claims=frozenset())
            if y not in Ctx(link, rule_set).regular_years(code) and is_eligible(link, rule_set):
                projected = replace(projected, awards=projected.awards + (AwardHeld(code, y),))
    return projected


def _meets(ctx, code, year):
    return ctx.case.subject.kind in AWARDS[code].subjects and ctx.meets(code, year)


def next_eligible_year(case: Case, rule_sets=RULE_SETS, overrides=None, override_source=None) -> int | None:
    if case.under_review:
        return None
    rule_set = _choose(case, rule_sets, overrides, override_source)
    for y in range(case.year + 1, case.year + FORECAST_YEARS + 1):
        projected = project(case, rule_set, y)
        try:
            later_set = _choose(projected, rule_sets, overrides, override_source)
        except ValueError:
            return None
        if is_eligible(projected, later_set):
            return y
    return None
