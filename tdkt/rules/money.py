"""Reward money (tiền thưởng): multiples of the base salary (lương cơ sở) in force on the date of
the award decision, rounded up to the next 10,000 đ (NĐ 152/2025/NĐ-CP Điều 49–54; legal-rules §7.3).

Both the base salary and the decree are those in force on the decision date: a decision before
01/07/2025 cites NĐ 98/2023/NĐ-CP (before 2024, NĐ 91/2017/NĐ-CP). The fact sheet gives neither
decree's article nor confirms that its multipliers and rounding equal NĐ 152's, so such amounts are
computed the same way and reported as unverified.

- `reward(award, subject_kind, decision_date)`: one award's amount, with the multiplier, the base
  salary and the legal basis; households receive 1.5 times the individual amount of the same form.
- `combine(items)`: several awards given at the same time. Titles for the same achievement period
  pay only the highest; titles for different periods, forms of commendation, and a title together
  with a form are each paid (NĐ 152 Điều 49).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from .catalogue import AWARDS
from .errors import CaseError
from .texts import ND98, ND152

# (in force from, amount, legal basis), newest last
BASE_SALARY = (
    (dt.date(2023, 7, 1), 1_800_000, "NĐ 24/2023/NĐ-CP"),
    (dt.date(2024, 7, 1), 2_340_000, "NĐ 73/2024/NĐ-CP"),
    (dt.date(2026, 7, 1), 2_530_000, "NĐ 161/2026/NĐ-CP"),
)
ROUND_TO = Decimal(10_000)
HOUSEHOLD_FACTOR = Decimal("1.5")
# (in force from, the decree on reward money, unverified), newest last
MONEY_TEXTS = (
    (dt.date(2023, 7, 1), "NĐ 91/2017/NĐ-CP (điều khoản về tiền thưởng cần xác minh)", True),
    (ND98.valid_from, f"{ND98.code} (điều khoản về tiền thưởng cần xác minh)", True),
    (ND152.valid_from, ND152.cite("money")[0], ND152.cite("money")[1]),
)
BASIS = ND152.cite("money")[0]


def money_basis_on(day: dt.date) -> tuple[str, bool]:
    """(the decree on reward money in force on `day`, whether its article is unverified)."""
    current = (MONEY_TEXTS[0][1], MONEY_TEXTS[0][2])
    for since, basis, unverified in MONEY_TEXTS:
        if day >= since:
            current = (basis, unverified)
    return current


def base_salary_on(day: dt.date) -> tuple[int, str]:
    current = None
    for since, amount, basis in BASE_SALARY:
        if day >= since:
            current = (amount, basis)
    if current is None:
        raise CaseError("decision_date", f"chưa có mức lương cơ sở cho ngày {day:%d/%m/%Y} "
                                         f"(hệ thống tính từ {BASE_SALARY[0][0]:%d/%m/%Y})")
    return current


def round_up(amount: Decimal) -> int:
    return int((amount / ROUND_TO).to_integral_value(rounding=ROUND_CEILING) * ROUND_TO)


@dataclass(frozen=True)
class Reward:
    award: str
    subject_kind: str
    decision_date: dt.date
    amount: int | None
    multiplier: Decimal | None
    base_salary: int
    basis: str
    note: str = ""
    unverified: bool = False

    def as_dict(self) -> dict:
        return {"award": self.award, "subject_kind": self.subject_kind, "decision_date": self.decision_date.isoformat(),
                "amount": self.amount, "multiplier": str(self.multiplier) if self.multiplier is not None else None,
                "base_salary": self.base_salary, "basis": self.basis, "note": self.note,
                "unverified": self.unverified}


def reward(award: str, subject_kind: str, decision_date: dt.date) -> Reward:
    info = AWARDS.get(award)
    if info is None:
        raise CaseError("award", f"mã hình thức khen thưởng không tồn tại: {award!r}")
    if subject_kind not in info.subjects:
        raise CaseError("subject_kind", f"{info.name} không xét cho đối tượng {subject_kind!r}")
    base, salary_basis = base_salary_on(decision_date)
    decree, decree_unverified = money_basis_on(decision_date)
    basis = f"{decree}; lương cơ sở {base:,} đ theo {salary_basis}".replace(",", ".")
    if subject_kind == "individual":
        multiplier, note = info.multiplier_individual, ""
    elif subject_kind == "collective":
        multiplier, note = info.multiplier_collective, ""
    else:
        individual = info.multiplier_individual
        multiplier = individual * HOUSEHOLD_FACTOR if individual is not None else None
        note = "Hộ gia đình: 1,5 lần mức thưởng cá nhân"
    if multiplier is None:
        return Reward(award, subject_kind, decision_date, None, None, base, basis,
                      info.multiplier_note or "Mức thưởng chưa được đối chiếu văn bản: cần xác minh", True)
    unverified = "cần xác minh" in info.multiplier_note or decree_unverified
    if info.multiplier_note and info.multiplier_note not in note:
        note = "; ".join(n for n in (note, info.multiplier_note) if n)
    if decree_unverified:
        note = "; ".join(n for n in (note, f"Hệ số và cách làm tròn chưa đối chiếu {decree.split(' (')[0]}") if n)
    return Reward(award, subject_kind, decision_date, round_up(multiplier * base), multiplier, base, basis,
                  note, unverified)


@dataclass(frozen=True)
class Item:
    award: str
    subject_kind: str
    decision_date: dt.date
    period: tuple[int, int]  # achievement years (from, to)


def combine(items: list[Item]) -> dict:
    """Amounts for awards decided at the same time for one subject."""
    lines = []
    rewards = [reward(i.award, i.subject_kind, i.decision_date) for i in items]
    # the highest title of each achievement period is the one paid
    best_title: dict[tuple[int, int], int] = {}
    for index, (item, r) in enumerate(zip(items, rewards)):
        if AWARDS[item.award].category != "title":
            continue
        current = best_title.get(item.period)
        if current is None or (r.amount or 0) > (rewards[current].amount or 0):
            best_title[item.period] = index
    total = 0
    for index, (item, r) in enumerate(zip(items, rewards)):
        paid, reason = True, ""
        if AWARDS[item.award].category == "title" and best_title[item.period] != index:
            higher = AWARDS[items[best_title[item.period]].award].name
            paid = False
            reason = f"Cùng thời gian thành tích với danh hiệu {higher}: chỉ nhận mức thưởng của danh hiệu cao nhất"
        if paid and r.amount:
            total += r.amount
        lines.append({**r.as_dict(), "paid": paid, "reason": reason})
    return {"lines": lines, "total": total}
