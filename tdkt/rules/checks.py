"""Check primitives: a legal standard is a small object with a code, a legal basis and one test.

- `check(code, basis, params=…)` turns a function `ctx -> (passed, message[, rests_on])` into a
  `Check`. `params` names the rule-set parameters it always rests on; `rests_on` the ones a given
  outcome relied on (so a verdict lists only the unconfirmed parameters that mattered). A basis may
  name citation parameters of the rule set, "{basis_principles} (R4)": the verdict shows the text of
  the evaluated period, and the check rests on them (an unverified article is reported).
- `judge(code, message, basis)`: a criterion only people can judge ("tiêu biểu xuất sắc"); its
  outcome is always `None` and it never counts against eligibility.
- `claim(code, ground, basis)`: a ground the proposing unit may assert; `None` (pending, for the
  council) when claimed, `False` otherwise. Used as an alternative of `any_of`.
- `any_of(code, basis, title, *alternatives)`: "any one of" an article's points. Passed if one
  alternative passed; pending if none passed but one is pending; failed otherwise.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Callable

from .case import CLAIMS


@dataclass(frozen=True, slots=True)
class Result:
    code: str
    passed: bool | None
    message: str
    basis: str
    rests_on: tuple[str, ...] = ()
    alternatives: tuple["Result", ...] = ()

    def as_dict(self) -> dict:
        data = {"code": self.code, "passed": self.passed, "message": self.message, "basis": self.basis}
        if self.alternatives:
            data["alternatives"] = [a.as_dict() for a in self.alternatives]
        return data


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    basis: str
    fn: Callable
    params: tuple[str, ...] = ()
    templated: bool = False

    def basis_on(self, ctx) -> str:
        return self.basis.format_map(ctx.p) if self.templated else self.basis

    def passes(self, ctx) -> bool | None:
        """The outcome alone (batch runs): no result object."""
        return self.fn(ctx)[0]

    def run(self, ctx) -> Result:
        out = self.fn(ctx)
        rests_on = self.params + (tuple(out[2]) if len(out) > 2 else ())
        return Result(self.code, out[0], out[1], self.basis_on(ctx), rests_on)


def basis_params(basis: str) -> tuple[str, ...]:
    """The rule-set parameters a basis template names ("{basis_principles} (R4)")."""
    return tuple(name for _, name, _, _ in string.Formatter().parse(basis) if name)


def make_check(code: str, basis: str, fn, params: tuple[str, ...] = ()) -> Check:
    names = basis_params(basis)
    return Check(code, basis, fn, params + tuple(n for n in names if n not in params), bool(names))


def check(code: str, basis: str, params: tuple[str, ...] = ()):
    def wrap(fn) -> Check:
        return make_check(code, basis, fn, params)
    return wrap


def judge(code: str, message: str, basis: str) -> Check:
    return Check(code, basis, lambda ctx: (None, f"Cần Hội đồng đánh giá: {message}"))


def claim(code: str, ground: str, basis: str) -> Check:
    def run(ctx):
        if ground in ctx.case.claims:
            return None, f"Đơn vị đề nghị nêu: {CLAIMS[ground]} — cần Hội đồng đánh giá"
        return False, f"Không nêu căn cứ: {CLAIMS[ground]}"
    return Check(code, basis, run)


@dataclass(frozen=True, slots=True)
class AnyOf:
    code: str
    basis: str
    title: str
    alternatives: tuple

    def passes(self, ctx) -> bool | None:
        pending = False
        for alternative in self.alternatives:
            outcome = alternative.passes(ctx)
            if outcome is True:
                return True
            pending = pending or outcome is None
        return None if pending else False

    def run(self, ctx) -> Result:
        results = tuple(a.run(ctx) for a in self.alternatives)
        passed = [r for r in results if r.passed is True]
        pending = [r for r in results if r.passed is None]
        if passed:
            outcome, message = True, f"{self.title}: đạt — {passed[0].message}"
            rests_on = passed[0].rests_on
        elif pending:
            outcome, message = None, f"{self.title}: cần Hội đồng đánh giá — {pending[0].message}"
            rests_on = pending[0].rests_on
        else:
            outcome = False
            message = f"{self.title}: chưa đạt điểm nào — " + "; ".join(r.message for r in results)
            rests_on = tuple(p for r in results for p in r.rests_on)
        return Result(self.code, outcome, message, self.basis, rests_on, results)


def any_of(code: str, basis: str, title: str, *alternatives) -> AnyOf:
    return AnyOf(code, basis, title, tuple(alternatives))
