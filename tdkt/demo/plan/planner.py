"""The Planner: one random stream, the steps of the plan in a fixed order (make_plan)."""
from __future__ import annotations

import random

from .decisions import DecisionsPlanner
from .history import HistoryPlanner
from .people import PeoplePlanner
from .specs import Plan
from .units import UnitsPlanner


class Planner(UnitsPlanner, PeoplePlanner, DecisionsPlanner, HistoryPlanner):
    """Builds a Plan step by step; every step draws from the same random stream, in order."""

    def __init__(self, people: int, seed: int):
        self.n = max(10, int(people))
        self.rng = random.Random(seed)
        self.plan = Plan(people_target=self.n, seed=seed)
        # Below 5,000 people the province is scaled down (fewer communes and public-service units).
        self.scale = min(1.0, self.n / 5000)
        self.batch_by_key: dict = {}
        self.unit_by_code: dict[str, int] = {}


def make_plan(people: int, seed: int) -> Plan:
    """The whole plan for about `people` people; deterministic in (people, seed)."""
    planner = Planner(people, seed)
    planner.build_units()
    planner.build_people()
    planner.build_signers()
    planner.build_person_history()
    planner.build_unit_history()
    planner.build_households()
    planner.finish_batches()
    planner.plan.province = planner.province
    return planner.plan
