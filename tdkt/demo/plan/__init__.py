"""The generation plan: every unit, person, rating, award and decision of the demo province, as plain
Python data with no database ids.

`make_plan(people, seed)` draws everything from one `random.Random(seed)` in a fixed order, so the
same arguments give the same plan on any machine and database; `tdkt.demo.generator` only writes it.
Units, people, households and decisions are referred to by their index in the plan's lists.

How the history is drawn (years 2016–2025):
* each person has a hidden performance tier; a rating per year they worked (hired by 30 June);
  LĐTT when rated "good" or better and not under discipline; CSTĐ cơ sở for part of the
  "excellent" ones, each with an initiative recognised at unit scope;
* 3 consecutive CSTĐ cơ sở lead (often) to CSTĐ cấp tỉnh with a province-scope initiative; 2
  consecutive CSTĐ cơ sở with 2 initiatives lead (sometimes) to a provincial Bằng khen; a provincial
  Bằng khen then 5 good years with 3 CSTĐ cơ sở lead (sometimes) to a Prime Minister's Bằng khen;
  two CSTĐ cấp tỉnh three years apart lead (rarely) to CSTĐ toàn quốc;
* a few people are placed on purpose at the end of a chain with the award not yet given (CSTĐ cơ sở
  2023–2025 without CSTĐ cấp tỉnh; CSTĐ cơ sở 2024–2025 with 2 initiatives and no Bằng khen),
  so that eligibility screens have someone to find;
* units get a rating per year, TTLĐTT / TTLĐXS / Cờ thi đua / Bằng khen along the same lines;
* every award belongs to a decision batch: one decision per issuing authority and batch (a title
  and year, or a proposing unit's Bằng khen list), signed in December or January–March after the
  achievement year, numbered in signing order per issuer and year.

    specs        the shapes (UnitSpec, Issuer, PersonSpec, Batch, Plan) and HISTORY_YEARS
    units        units, issuers and the mergers of 1/7/2025
    people       people, posts, employment histories, disciplines
    decisions    signers, decision batches, their dates, numbers and texts
    history      ratings, awards and initiatives of people, units and households
    planner      the Planner that mixes them in, and make_plan
"""
from .planner import Planner, make_plan
from .specs import HISTORY_FIRST_YEAR, HISTORY_LAST_YEAR, HISTORY_YEARS, Plan

__all__ = ["HISTORY_FIRST_YEAR", "HISTORY_LAST_YEAR", "HISTORY_YEARS", "Plan", "Planner", "make_plan"]
