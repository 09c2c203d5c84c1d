"""The foundation benchmark at province scale (issue 2).

Generates the province with the shared generator, then measures through Django's test client
(the full request path: middleware, scope, queries, templates):
- person search latency over 200 varied queries (median, p95; target p95 <= 50 ms), with a
  hand-written SQL query of the same search as the reference;
- person page latency and its SQL query count (target <= 100 ms and <= 12 queries, independent of
  the length of the person's history);
- the award list with filters (target p95 <= 150 ms).
"""
import argparse
import json
import os
import random
import statistics
import sys
import time

from bench.common import fresh_database, setup, summary


def _timed_get(client, url, params=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        response = client.get(url, params or {})
        elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url} {params} -> {response.status_code}")
    return elapsed, len(ctx.captured_queries), response


def search_queries(rng, n):
    from tdkt.core.text import fold
    from tdkt.org.models import Person

    ids = list(Person.objects.values_list("id", flat=True)[:: max(1, Person.objects.count() // (n * 2))])
    names = list(Person.objects.filter(id__in=ids[: n * 2]).values_list("full_name", flat=True))
    queries = []
    for i in range(n):
        name = names[i % len(names)]
        words = name.split()
        shape = i % 6
        if shape == 0:
            q = fold(" ".join(words[:2]))                    # "nguyen van"
        elif shape == 1:
            q = name                                          # the full name, with diacritics
        elif shape == 2:
            q = fold(words[-1])                               # the given name only
        elif shape == 3:
            q = fold(f"{words[0]} {words[-1]}")              # family + given
        elif shape == 4:
            q = fold(name)[: max(4, len(fold(name)) - 2)]    # a prefix, as typed
        else:
            q = name.upper()
        queries.append(q)
    return queries


def _reference_search(queries):
    """The same search in hand-written SQL: the count, one page of 25, and those rows' unit names."""
    from django.db import connection

    from tdkt.core.text import fold

    times = []
    with connection.cursor() as cursor:
        for q in queries:
            words = fold(q).split()
            where = " AND ".join(["search_text LIKE %s"] * len(words))
            params = [f"%{w}%" for w in words]
            start = time.perf_counter()
            cursor.execute(f"SELECT COUNT(*) FROM org_person WHERE {where}", params)
            cursor.fetchone()
            cursor.execute(f"SELECT id, full_name, birth_date, gender, position, unit_id FROM org_person "
                           f"WHERE {where} ORDER BY sort_key, id LIMIT 25", params)
            unit_ids = sorted({row[5] for row in cursor.fetchall()}) or [0]
            cursor.execute(f"SELECT id, name FROM org_unit WHERE id IN ({', '.join(['%s'] * len(unit_ids))})", unit_ids)
            cursor.fetchall()
            times.append((time.perf_counter() - start) * 1000)
    return times


def main(argv):
    parser = argparse.ArgumentParser(prog="python -m bench foundation")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reuse", action="store_true", help="measure the database as it is (no generation)")
    parser.add_argument("--sqlite", default=os.path.join("var", "bench.sqlite3"))
    args = parser.parse_args(argv)
    setup(args)

    from django.contrib.auth.models import User
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from tdkt.awards.models import AwardRecord, AwardType
    from tdkt.demo import generator
    from tdkt.demo.accounts import create_demo_accounts
    from tdkt.org.models import Person, Unit

    result = {"benchmark": "foundation", "database": connection.vendor, "people_requested": args.people}
    if not args.reuse:
        fresh_database(args)
        start = time.perf_counter()
        stats = generator.generate(people=args.people, seed=args.seed)
        result["generation_s"] = round(time.perf_counter() - start, 2)
        result["generated"] = {k: v for k, v in stats.items() if isinstance(v, (int, float))}
        create_demo_accounts()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    result["rows"] = {"people": Person.objects.count(), "units": Unit.objects.count(),
                      "award_records": AwardRecord.objects.count()}

    rng = random.Random(args.seed)
    client = Client()
    officer = User.objects.filter(profile__role="officer").first()
    client.force_login(officer)
    client.get("/")  # warm up templates and connections

    queries = search_queries(rng, args.requests)
    search_times, search_counts = [], []
    for q in queries:
        ms, n, _ = _timed_get(client, "/ca-nhan/", {"q": q})
        search_times.append(ms)
        search_counts.append(n)
    result["person_search"] = {**summary(search_times), "queries_max": max(search_counts)}
    reference = _reference_search(queries)
    result["person_search_reference_sql"] = summary(reference)
    result["person_search_ratio_to_sql_median"] = round(statistics.median(search_times) / statistics.median(reference), 2)

    # Person pages: a spread of people, including those with the longest and shortest histories.
    longest = list(AwardRecord.objects.values("person_id").exclude(person_id=None).annotate(n=Count("id"))
                   .order_by("-n").values_list("person_id", flat=True)[:10])
    shortest = list(Person.objects.annotate(n=Count("awards")).order_by("n").values_list("id", flat=True)[:10])
    all_ids = list(Person.objects.values_list("id", flat=True))
    sample = longest + shortest + rng.sample(all_ids, min(len(all_ids), args.requests - 20))
    page_times, page_counts = [], []
    for pk in sample:
        ms, n, _ = _timed_get(client, f"/ca-nhan/{pk}/")
        page_times.append(ms)
        page_counts.append(n)
    result["person_page"] = {**summary(page_times), "queries_min": min(page_counts), "queries_max": max(page_counts),
                             "queries_longest_history": page_counts[0], "queries_shortest_history": page_counts[10]}
    clerk = User.objects.filter(profile__role="clerk").first()
    clerk_client = Client()
    clerk_client.force_login(clerk)
    clerk_person = Person.objects.visible_to(clerk).first()
    if clerk_person:
        ms, n, _ = _timed_get(clerk_client, f"/ca-nhan/{clerk_person.pk}/")
        result["person_page_clerk_queries"] = n

    codes = list(AwardType.objects.filter(records__isnull=False).distinct().values_list("code", flat=True))
    unit_ids = list(Unit.objects.values_list("id", flat=True))
    years = list(range(2016, 2026))
    list_times, list_counts = [], []
    for i in range(args.requests):
        params = {"year": rng.choice(years)}
        if i % 2 == 0:
            params["award"] = rng.choice(codes)
        if i % 3 == 0:
            params["unit"] = rng.choice(unit_ids)
        if i % 5 == 0:
            params["subject_kind"] = rng.choice(["individual", "collective"])
        if i % 7 == 0:
            params["kind"] = "regular"
        if i % 4 == 1:
            params["sort"] = rng.choice(["recipient_name", "-year", "award_type", "unit"])
        if i % 10 == 9:
            params["page"] = 3
        ms, n, _ = _timed_get(client, "/khen-thuong/", params)
        list_times.append(ms)
        list_counts.append(n)
    result["award_list"] = {**summary(list_times), "queries_max": max(list_counts)}
    result["targets"] = {"person_search_p95_ms": 50, "person_page_ms": 100, "person_page_queries": 12,
                         "award_list_p95_ms": 150}
    json.dump(result, sys.stdout, ensure_ascii=False)
    print()
