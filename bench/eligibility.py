"""The rule-engine benchmark at province scale (issue 3).

On the 100,000-person province (generated like `bench foundation`, or reused with --reuse):
- batch evaluation of every individual award type for every person, written to the results table
  (target <= 10 s on this 2-core machine), with the number of processes used;
- one subject from the database: its history read and all individual award types evaluated with
  every check and the forecast, as the person page's panel does (target <= 20 ms);
- the reference: a hand-written SQL query for everyone with three consecutive Chiến sĩ thi đua cơ sở
  ending in the year (regular, valid awards; no CSTĐ tỉnh already given on part of the chain; no
  discipline reaching into it), against the engine's answer for the same chain on every person.
  The two sets must be equal; the engine's time is reported as a ratio to the SQL time.
"""
import argparse
import json
import os
import random
import sys
import time

from bench.common import fresh_database, setup, summary

REFERENCE_SQL = """
SELECT DISTINCT a.person_id FROM awards_awardrecord a
JOIN awards_awardtype t ON t.id = a.award_type_id AND t.code = 'CSTD_CS'
WHERE a.person_id IS NOT NULL AND a.status = 'valid' AND a.kind = 'regular' AND a.year = %(y)s
  AND EXISTS (SELECT 1 FROM awards_awardrecord b WHERE b.person_id = a.person_id AND b.award_type_id = t.id
              AND b.status = 'valid' AND b.kind = 'regular' AND b.year = %(y1)s)
  AND EXISTS (SELECT 1 FROM awards_awardrecord c WHERE c.person_id = a.person_id AND c.award_type_id = t.id
              AND c.status = 'valid' AND c.kind = 'regular' AND c.year = %(y2)s)
  AND NOT EXISTS (SELECT 1 FROM awards_awardrecord d JOIN awards_awardtype dt ON dt.id = d.award_type_id
                  WHERE d.person_id = a.person_id AND dt.code = 'CSTD_TINH' AND d.status = 'valid'
                  AND d.kind = 'regular' AND d.year IN (%(y1)s, %(y2)s))
  AND NOT EXISTS (SELECT 1 FROM awards_discipline k WHERE k.person_id = a.person_id
                  AND (k."end" IS NULL OR k."end" > %(before)s))
"""


def main(argv):
    parser = argparse.ArgumentParser(prog="python -m bench eligibility")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--subjects", type=int, default=200)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--reuse", action="store_true", help="measure the database as it is (no generation)")
    parser.add_argument("--sqlite", default=os.path.join("var", "bench.sqlite3"))
    args = parser.parse_args(argv)
    setup(args)

    import datetime as dt

    from django.core.management import call_command
    from django.db import connection

    from tdkt.core.services import system_actor
    from tdkt.demo import generator
    from tdkt.eligibility.batch import run_batch, start_run, workers_default
    from tdkt.eligibility.cases import load_person_histories, person_case, proposal_date_for
    from tdkt.eligibility.services import person_panel
    from tdkt.org.models import Person
    from tdkt.rules.context import Ctx
    from tdkt.rules.rulesets import rule_set_for
    from tdkt.rules.standards import consecutive_cstd_cs

    result = {"benchmark": "eligibility", "database": connection.vendor, "year": args.year}
    if not args.reuse:
        fresh_database(args)
        start = time.perf_counter()
        generator.generate(people=args.people, seed=args.seed)
        result["generation_s"] = round(time.perf_counter() - start, 2)
    else:
        call_command("migrate", verbosity=0, interactive=False)
    result["people"] = Person.objects.count()

    # 1. the whole province in one run
    workers = args.workers or workers_default()
    run = run_batch(start_run(system_actor(), args.year), workers=workers)
    result["batch"] = {"seconds": run.seconds, "people": run.total, "award_types": len(run.awards.split(",")),
                       "eligible_pairs": run.eligible, "processes": workers, "rule_set": run.rule_set}

    # 2. one subject from the database, as the person page's panel
    rng = random.Random(args.seed)
    ids = list(Person.objects.values_list("id", flat=True))
    times = []
    for pk in rng.sample(ids, min(args.subjects, len(ids))):
        start = time.perf_counter()
        person = Person.objects.get(pk=pk)
        panel = person_panel(person, args.year)
        times.append((time.perf_counter() - start) * 1000)
        assert len(panel["rows"]) == 8
    result["single_subject"] = {**summary(times), "award_types": 8, "includes": "history read, every check, forecast"}

    # 3. the reference: three consecutive CSTĐCS ending in the year, by SQL and by the engine
    y = args.year
    params = {"y": y, "y1": y - 1, "y2": y - 2, "before": dt.date(y - 3, 12, 31)}
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(REFERENCE_SQL, params)
        sql_ids = {row[0] for row in cursor.fetchall()}
    sql_s = time.perf_counter() - start

    start = time.perf_counter()
    date = proposal_date_for(y, dt.date(y, 12, 31))
    # decided titles only, as the SQL reads them (no same-round links)
    rule_set = rule_set_for(date).override({"same_round_links": False}, "benchmark: chỉ tính danh hiệu đã có quyết định")
    histories = load_person_histories(None)
    engine_ids = set()
    for person in Person.objects.only("id", "gender", "is_direct_worker", "hired_on").iterator(chunk_size=10_000):
        history = histories.get(person.pk)
        if history is None:
            continue
        case = person_case(person, history, "CSTD_TINH", y, date)
        if consecutive_cstd_cs.passes(Ctx(case, rule_set)):
            engine_ids.add(person.pk)
    engine_s = time.perf_counter() - start
    result["chain_reference"] = {
        "chain": "3 × CSTD_CS liên tục đến năm %d" % y, "sql_people": len(sql_ids), "engine_people": len(engine_ids),
        "equal": sql_ids == engine_ids, "only_sql": sorted(sql_ids - engine_ids)[:10],
        "only_engine": sorted(engine_ids - sql_ids)[:10], "sql_s": round(sql_s, 3), "engine_s": round(engine_s, 3),
        "engine_to_sql_ratio": round(engine_s / sql_s, 1) if sql_s else None,
        "engine_includes": "reading every history (4 queries) and evaluating the check for every person",
    }
    result["targets"] = {"batch_s": 10, "single_subject_ms": 20}
    json.dump(result, sys.stdout, ensure_ascii=False, default=str)
    print()
    if sql_ids != engine_ids:
        sys.exit(1)
