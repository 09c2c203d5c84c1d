"""Emulation at province scale (issue 5), on the 100,000-person bench database.

1. Scoring and ranking: 40 blocks × 10 member units × a 50-criterion table (1,000-point scale, 40
   criteria in 4 groups, 5 bonus and 5 deduction criteria). Every unit self-scores and the head (the
   deputy for the head) scores, through the services (one sheet of 50 numbers per call, audited);
   the office adjusts one number per block with a reason. Then scoring is closed for every block:
   final scores with the provenance of each of the 20,000 numbers, caps, classification and ranking
   with tie-breaks (target for closing all 40 blocks: <= 2 s). Reference: one hand-written SQL query
   computing every unit's total (office > head > self per criterion, capped bonus and deduction) and
   its rank by total; the totals must equal the services' and the ranks must agree wherever the
   total is not tied.
2. The province roll-up of registrations: every unit registers Tập thể lao động tiên tiến, every
   one of the ~100,000 people Lao động tiên tiến and one in five also Chiến sĩ thi đua cơ sở (rows
   written directly, not measured). Measured: the roll-up per award for the province and the
   registered-against-achieved report (achieved = valid award records of the same subject, award and
   year) (target <= 3 s for both), each against a hand-written SQL reference giving the same counts.
Everything runs in one transaction that is rolled back, so the database is unchanged. Run
`python -m bench foundation` first.
"""
import argparse
import json
import os
import random
import time
from decimal import Decimal

from bench.common import setup, summary

# Per criterion: the office's number, else the block's (head), else the self-score; totals with the
# table's caps; RANK() by total inside each block.
RANKING_SQL = """
WITH picked AS (
  SELECT s.block_id, s.unit_id, s.criterion_id, c.kind, s.points,
         ROW_NUMBER() OVER (PARTITION BY s.block_id, s.unit_id, s.criterion_id
                            ORDER BY CASE s.stage WHEN 'office' THEN 0 WHEN 'head' THEN 1 ELSE 2 END) AS pick
  FROM emulation_score s JOIN emulation_criterion c ON c.id = s.criterion_id
  WHERE s.is_current AND s.stage IN ('office', 'head', 'self') AND s.block_id IN ({blocks})
), sums AS (
  SELECT p.block_id, p.unit_id,
         SUM(CASE WHEN p.kind = 'regular' THEN p.points ELSE 0 END) AS regular,
         SUM(CASE WHEN p.kind = 'bonus' THEN p.points ELSE 0 END) AS bonus,
         SUM(CASE WHEN p.kind = 'deduction' THEN p.points ELSE 0 END) AS deduction
  FROM picked p WHERE p.pick = 1 GROUP BY p.block_id, p.unit_id
), totals AS (
  SELECT s.block_id, s.unit_id,
         s.regular + CASE WHEN t.bonus_cap IS NOT NULL AND s.bonus > t.bonus_cap THEN t.bonus_cap ELSE s.bonus END
         - CASE WHEN t.deduction_cap IS NOT NULL AND s.deduction > t.deduction_cap THEN t.deduction_cap
                ELSE s.deduction END AS total
  FROM sums s JOIN emulation_scoringtemplate t ON t.block_id = s.block_id
)
SELECT block_id, unit_id, total, RANK() OVER (PARTITION BY block_id ORDER BY total DESC) AS rnk FROM totals
"""

ROLLUP_SQL = """
SELECT i.award_type_id,
       SUM(CASE WHEN i.person_id IS NULL THEN 1 ELSE 0 END) AS collectives,
       SUM(CASE WHEN i.person_id IS NOT NULL THEN 1 ELSE 0 END) AS individuals,
       COUNT(DISTINCT r.unit_id) AS units
FROM emulation_registrationitem i JOIN emulation_registration r ON r.id = i.registration_id
WHERE r.year = %(year)s GROUP BY i.award_type_id
"""

ACHIEVED_SQL = """
SELECT i.award_type_id, COUNT(*) AS registered,
       SUM(CASE WHEN EXISTS (SELECT 1 FROM awards_awardrecord a
                             WHERE a.award_type_id = i.award_type_id AND a.year = %(year)s AND a.status = 'valid'
                               AND ((i.person_id IS NOT NULL AND a.subject_kind = 'individual'
                                     AND a.person_id = i.person_id)
                                 OR (i.person_id IS NULL AND a.subject_kind = 'collective'
                                     AND a.recipient_unit_id = r.unit_id)))
                THEN 1 ELSE 0 END) AS achieved
FROM emulation_registrationitem i JOIN emulation_registration r ON r.id = i.registration_id
WHERE r.year = %(year)s GROUP BY i.award_type_id
"""


def _table(rng_scale=Decimal("25")):
    groups = []
    for g in range(1, 5):
        groups.append({"code": f"G{g}", "name": f"Nhóm tiêu chí {g}", "max_points": rng_scale * 10, "criteria": [
            {"code": f"{g}.{c}", "name": f"Tiêu chí {g}.{c}", "max_points": rng_scale} for c in range(1, 11)]})
    groups.append({"code": "G5", "name": "Điểm thưởng, điểm trừ", "max_points": 0, "criteria": (
        [{"code": f"5.{c}", "name": f"Điểm thưởng {c}", "kind": "bonus", "max_points": 10} for c in range(1, 6)]
        + [{"code": f"5.{c}", "name": f"Điểm trừ {c}", "kind": "deduction", "max_points": 10} for c in range(6, 11)])})
    return {"scale": 1000, "block_scorer": "head", "bonus_cap": 30, "deduction_cap": 30, "groups": groups,
            "bands": [{"name": "Xuất sắc", "min_score": 950}, {"name": "Tốt", "min_score": 850},
                      {"name": "Khá", "min_score": 700}],
            "tie_break": ["women", "fewer_deductions", "group:G1"]}


def _sheet(rng, criteria):
    """Points on a coarse grid so that some totals tie and the tie-break runs."""
    sheet = {}
    for c in criteria:
        if c.kind == "regular":
            points = Decimal(rng.choice([20, 22, 24, 25]))
        else:
            points = Decimal(rng.choice([0, 0, 0, 5, 10]))
        sheet[c.pk] = (points, "")
    return sheet


def bench_scoring(args, figures):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tdkt.core import clock
    from tdkt.core.services import system_actor
    from tdkt.emulation import services
    from tdkt.emulation.models import FinalScore, Result
    from tdkt.emulation.services import scoring
    from tdkt.org.models import Unit

    root = system_actor()
    rng = random.Random(args.seed)
    year = args.year
    need = args.blocks * args.units
    units = list(Unit.objects.active().filter(parent__isnull=False).order_by("id")[:need])
    if len(units) < need:
        raise SystemExit(f"Cơ sở dữ liệu thử chỉ có {len(units)} đơn vị, cần {need}.")
    today = clock.today()
    blocks = []
    start = time.perf_counter()
    for b in range(args.blocks):
        members = units[b * args.units:(b + 1) * args.units]
        block = services.create_block(root, name=f"Khối thi đua số {b + 1} (thử tải)", year=year, units=members,
                                      head=members[0], deputy=members[1], merit_quota=2)
        scoring.set_template(root, block, **_table())
        scoring.open_scoring(root, block, self_score_deadline=today + dt.timedelta(days=10),
                             block_score_deadline=today + dt.timedelta(days=20))
        blocks.append((block, members))
    figures["setup_s"] = round(time.perf_counter() - start, 2)

    sheet_ms, criteria_count = [], 0
    start = time.perf_counter()
    for block, members in blocks:
        criteria = list(block.template.criteria.all())
        criteria_count = len(criteria)
        for stage in ("self", "head"):
            for unit in members:
                sheet = _sheet(rng, criteria)
                t0 = time.perf_counter()
                if stage == "self":
                    scoring.self_score(root, block, unit, sheet)
                else:
                    scoring.block_score(root, block, unit, sheet)
                sheet_ms.append((time.perf_counter() - t0) * 1000)
        c = rng.choice([c for c in criteria if c.kind == "regular"])
        scoring.adjust_score(root, block, members[rng.randrange(len(members))], c, Decimal(25),
                             "Bổ sung minh chứng sau kiểm tra chéo")
    figures["score_entry_s"] = round(time.perf_counter() - start, 2)
    figures["score_sheet"] = summary(sheet_ms, digits=1)
    figures["criteria_per_table"] = criteria_count
    figures["scores_written"] = len(sheet_ms) * criteria_count + args.blocks

    with CaptureQueriesContext(connection) as q:
        start = time.perf_counter()
        for block, _ in blocks:
            scoring.close_scoring(root, block)
        figures["close_and_rank_s"] = round(time.perf_counter() - start, 3)
    figures["close_and_rank_queries"] = len(q)
    block_ids = [b.pk for b, _ in blocks]
    figures["final_numbers_with_provenance"] = FinalScore.objects.filter(result__block_id__in=block_ids).count()
    results = {(r.block_id, r.unit_id): r for r in Result.objects.filter(block_id__in=block_ids)}
    figures["tied_units"] = sum(1 for r in results.values() if r.tie_note)

    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(RANKING_SQL.format(blocks=",".join(str(i) for i in block_ids)))
        reference = cursor.fetchall()
    figures["ranking_sql_reference_s"] = round(time.perf_counter() - start, 3)
    totals_equal = len(reference) == len(results) and all(
        Decimal(str(total)).quantize(Decimal("0.01")) == results[(b, u)].total for b, u, total, _ in reference)
    tied = {(r.block_id, r.total) for r in results.values() if r.tie_note}
    ranks_agree = all(results[(b, u)].rank == rnk for b, u, total, rnk in reference
                      if (b, results[(b, u)].total) not in tied)
    figures["sql_totals_equal"] = totals_equal
    figures["sql_ranks_agree_where_untied"] = ranks_agree
    figures["target_close_and_rank_s"] = 2.0
    figures["close_and_rank_within_target"] = figures["close_and_rank_s"] <= 2.0


def bench_registrations(args, figures):
    from django.db import connection

    from tdkt.awards.models import AwardType
    from tdkt.emulation.models import Registration, RegistrationItem
    from tdkt.emulation.services import registrations
    from tdkt.org.models import Person

    year = args.year
    codes = {a.code: a for a in AwardType.objects.filter(code__in=["TTLDTT", "LDTT", "CSTD_CS"])}
    start = time.perf_counter()
    people = list(Person.objects.values_list("id", "unit_id").order_by("id"))
    unit_ids = sorted({u for _, u in people})
    Registration.objects.bulk_create([Registration(unit_id=u, year=year, status="submitted") for u in unit_ids],
                                     batch_size=2000)
    reg_of = dict(Registration.objects.filter(year=year).values_list("unit_id", "id"))
    items = [RegistrationItem(registration_id=reg_of[u], award_type=codes["TTLDTT"]) for u in unit_ids]
    for n, (pid, uid) in enumerate(people):
        items.append(RegistrationItem(registration_id=reg_of[uid], person_id=pid, award_type=codes["LDTT"]))
        if n % 5 == 0:
            items.append(RegistrationItem(registration_id=reg_of[uid], person_id=pid, award_type=codes["CSTD_CS"]))
    RegistrationItem.objects.bulk_create(items, batch_size=5000)
    figures["registration_setup_s"] = round(time.perf_counter() - start, 2)
    figures["registered_people"] = len(people)
    figures["registration_items"] = len(items)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE emulation_registration; ANALYZE emulation_registrationitem")

    start = time.perf_counter()
    rollup = registrations.rollup(year)
    figures["province_rollup_s"] = round(time.perf_counter() - start, 3)
    start = time.perf_counter()
    achieved = registrations.registered_vs_achieved(year)
    figures["registered_vs_achieved_s"] = round(time.perf_counter() - start, 3)

    with connection.cursor() as cursor:
        start = time.perf_counter()
        cursor.execute(ROLLUP_SQL, {"year": year})
        ref_rollup = {row[0]: tuple(int(x) for x in row[1:]) for row in cursor.fetchall()}
        figures["rollup_sql_reference_s"] = round(time.perf_counter() - start, 3)
        start = time.perf_counter()
        cursor.execute(ACHIEVED_SQL, {"year": year})
        ref_achieved = {row[0]: (int(row[1]), int(row[2])) for row in cursor.fetchall()}
        figures["achieved_sql_reference_s"] = round(time.perf_counter() - start, 3)
    figures["rollup_equals_sql"] = ref_rollup == {r["award"].pk: (r["collectives"], r["individuals"], r["units"])
                                                  for r in rollup}
    figures["achieved_equals_sql"] = ref_achieved == {r["award"].pk: (r["registered"], r["achieved"]) for r in achieved}
    figures["registered_vs_achieved"] = {r["award"].code: [r["registered"], r["achieved"]] for r in achieved}
    total = figures["province_rollup_s"] + figures["registered_vs_achieved_s"]
    figures["target_rollup_s"] = 3.0
    figures["rollup_within_target"] = total <= 3.0


def main(argv):
    parser = argparse.ArgumentParser(prog="python -m bench emulation")
    parser.add_argument("--blocks", type=int, default=40)
    parser.add_argument("--units", type=int, default=10)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--sqlite", default=os.path.join("var", "bench.sqlite3"))
    args = parser.parse_args(argv)
    setup(args)

    from django.core.management import call_command
    from django.db import connection, transaction

    from tdkt.org.models import Person

    # Only this app's tables: the bench database stays as the other benchmarks left it otherwise.
    call_command("migrate", "emulation", verbosity=0, interactive=False)
    people = Person.objects.count()
    if people == 0:
        raise SystemExit("Cơ sở dữ liệu thử chưa có dữ liệu: chạy `python -m bench foundation` trước.")
    figures = {"benchmark": "emulation", "database": connection.vendor, "people": people, "blocks": args.blocks,
               "units_per_block": args.units, "year": args.year}
    with transaction.atomic():
        bench_scoring(args, figures)
        bench_registrations(args, figures)
        transaction.set_rollback(True)
    print(json.dumps(figures, ensure_ascii=False))
