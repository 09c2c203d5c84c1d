"""The shapes of a plan (units, issuers, people, decision batches, the plan itself), the years of
its history and the date helpers every part of the planner uses. Plain Python, no database."""
from __future__ import annotations

import datetime
import hashlib
import random
from dataclasses import dataclass, field

from .. import catalogue as cat

# The generated history: ratings and awards for these years; the last one is the year just closed.
HISTORY_FIRST_YEAR, HISTORY_LAST_YEAR = 2016, 2025
HISTORY_YEARS = range(HISTORY_FIRST_YEAR, HISTORY_LAST_YEAR + 1)
MERGER_DATE = datetime.date.fromisoformat(cat.MERGER_DATE_ISO)
BEFORE_MERGER = MERGER_DATE - datetime.timedelta(days=1)
D = datetime.date

EXCELLENT, GOOD, COMPLETED, NOT_COMPLETED = "excellent", "good", "completed", "not_completed"
INDIVIDUAL, COLLECTIVE, HOUSEHOLD = "individual", "collective", "household"


@dataclass(slots=True)
class UnitSpec:
    name: str
    code: str
    kind: str
    profile: str
    parent: int | None
    head: str = ""                    # the head's post ("Giám đốc", "Hiệu trưởng")
    short_name: str = ""
    address: str = ""
    weight: float = 0.0               # relative staff size
    issuer: int | None = None         # the issuer whose head decides this unit's grassroots awards
    former_parent: int | None = None  # the parent before the 1/7/2025 reorganisation
    merged_into: int | None = None
    merged_on: datetime.date | None = None
    first_year: int = HISTORY_FIRST_YEAR
    last_year: int = HISTORY_LAST_YEAR
    suffix: str = ""                  # division suffix ("VP"), to pair old and new divisions

    def deputy(self) -> str:
        return "Phó " + self.head if self.head else ""


@dataclass(slots=True)
class Issuer:
    name: str
    unit: int | None
    authority: str
    suffix: str               # "QĐ-UBND", "QĐ-SYT"
    rate: float               # decisions per day, for plausible numbers
    title: str                # the head's title as signer
    deputy_title: str
    deputy_share: float
    first: datetime.date = D(2016, 1, 1)
    last: datetime.date = D(2026, 12, 31)
    terms: list = field(default_factory=list)      # [(from date, name)]
    deputies: list = field(default_factory=list)   # names


@dataclass(slots=True)
class PersonSpec:
    full_name: str
    gender: str
    ethnicity: str
    birth_date: datetime.date
    hired_on: datetime.date
    national_id: str
    unit: int
    rank: int = 0                 # 3 head, 2 deputy, 1 middle manager, 0 staff
    position: str = ""
    is_leader: bool = False
    is_direct_worker: bool = False
    employment_kind: str = ""
    periods: list = field(default_factory=list)    # [unit, post, start, end]
    year_units: list = field(default_factory=list)  # unit at 31/12 of each year rated, else None


@dataclass(slots=True)
class Batch:
    issuer: int
    year: int
    name: str
    proposer: int | None
    signed_on: datetime.date | None = None
    number: str = ""
    signer_name: str = ""
    signer_title: str = ""
    summary: str = ""
    achievement: str = ""
    kind: str = "regular"


@dataclass
class Plan:
    people_target: int
    seed: int
    province: int = 0
    units: list = field(default_factory=list)
    issuers: list = field(default_factory=list)
    people: list = field(default_factory=list)
    households: list = field(default_factory=list)     # (head name, address, commune)
    batches: list = field(default_factory=list)
    ratings: list = field(default_factory=list)        # (person, rated unit, unit, year, level)
    # (code, subject kind, person, recipient unit, household, unit, year, batch)
    awards: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)    # (title, unit, scope, year, batch or None, authors)
    disciplines: list = field(default_factory=list)    # (person, level, start, end, decision number, reason)

    def counts(self) -> dict:
        return {
            "units": len(self.units), "people": len(self.people),
            "employments": sum(len(p.periods) for p in self.people), "households": len(self.households),
            "decisions": len(self.batches), "ratings": len(self.ratings), "award_records": len(self.awards),
            "initiatives": len(self.initiatives), "disciplines": len(self.disciplines),
        }

    def digest(self) -> str:
        """A fingerprint of the plan: names, units, award codes and years, decision numbers."""
        h = hashlib.sha256()
        for u in self.units:
            h.update(f"{u.code}|{u.name}|{u.parent}|{u.merged_into}\n".encode())
        for p in self.people:
            h.update(f"{p.full_name}|{p.unit}|{p.national_id}|{p.periods}\n".encode())
        for a in self.awards:
            h.update(f"{a}\n".encode())
        for b in self.batches:
            h.update(f"{b.number}|{b.signed_on}|{b.signer_name}\n".encode())
        for r in self.ratings:
            h.update(f"{r}\n".encode())
        return h.hexdigest()


def date_between(rng: random.Random, a: datetime.date, b: datetime.date) -> datetime.date:
    return a + datetime.timedelta(days=rng.randint(0, max(0, (b - a).days)))


def working_day(day: datetime.date, start: datetime.date, end: datetime.date) -> datetime.date:
    """The nearest working day within [start, end] (offices do not sign on weekends or 1 January)."""
    def off(d):
        return d.weekday() >= 5 or (d.month, d.day) == (1, 1)

    for step in ((-1, 1) if day.weekday() == 5 else (1, -1)):  # Saturday back to Friday, Sunday on to Monday
        d = day
        while off(d) and start <= d + datetime.timedelta(days=step) <= end:
            d += datetime.timedelta(days=step)
        if not off(d):
            return d
    return day
