"""The home page's yearly figures are cached (a count over a million records per request was the
page's whole cost) and still right after every kind of change: through the services, a bulk insert,
a queryset update, raw SQL, a rating, a renamed award, a rolled back change."""
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tdkt.awards import services as award_services
from tdkt.awards.models import AwardRecord, AwardType
from tdkt.core.services import system_actor
from tdkt.home import WATCHED_TABLES
from tdkt.testing import login

pytestmark = pytest.mark.django_db


def figures(client, year=2024):
    response = client.get("/", {"nam": year})
    assert response.status_code == 200
    ctx = response.context
    return {"total": ctx["awards_total"], "individual": ctx["individual"], "ratings": dict(ctx["ratings"]),
            "names": [row["award_type__name"] for row in ctx["by_type"]]}


def test_second_request_does_not_count_the_records_again(world):
    client = login(world.officer)
    figures(client)
    with CaptureQueriesContext(connection) as queries:
        assert figures(client)["total"] == 1
    counted = [q["sql"] for q in queries.captured_queries
               if "GROUP BY" in q["sql"] and ("awards_awardrecord" in q["sql"] or "awards_rating" in q["sql"])]
    assert counted == []


def test_figures_follow_every_kind_of_change(world):
    officer, clerk_b = login(world.officer), login(world.clerk_b)
    assert figures(officer)["total"] == 1 and figures(clerk_b)["total"] == 0
    ldtt = AwardType.objects.get(code="LDTT")
    # Through the services: the officer sees it, the other unit's clerk's figures stay.
    award_services.create_award_record(system_actor(), award_type=ldtt, subject_kind="individual",
                                       person=world.person_b, year=2024)
    assert figures(officer)["total"] == 2 and figures(clerk_b)["total"] == 1
    # A queryset update (no signals, no save()): the revoked record no longer counts.
    AwardRecord.objects.filter(person=world.person_b).update(status="revoked")
    assert figures(officer)["total"] == 1 and figures(clerk_b)["total"] == 0
    # A bulk insert.
    AwardRecord.objects.bulk_create([AwardRecord(award_type=ldtt, subject_kind="individual", person=world.person_b,
                                                 unit=world.unit_b_child, year=2024, recipient_name="Nguyễn Thị Ánh")])
    assert figures(officer) == {"total": 2, "individual": 2, "ratings": {"excellent": 1},
                                "names": ["Lao động tiên tiến"]}
    # Raw SQL.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM awards_awardrecord WHERE person_id = %s AND status = 'valid'", [world.person_b.pk])
    assert figures(officer)["total"] == 1
    # A rating, and a renamed award in the catalogue.
    award_services.set_rating(system_actor(), person=world.person_b, year=2024, level="good")
    AwardType.objects.filter(pk=ldtt.pk).update(name="Lao động tiên tiến (đổi tên)")
    assert figures(officer) == {"total": 1, "individual": 1, "ratings": {"excellent": 1, "good": 1},
                                "names": ["Lao động tiên tiến (đổi tên)"]}


def test_a_rolled_back_change_leaves_no_figures_behind(world):
    officer = login(world.officer)
    assert figures(officer)["total"] == 1
    ldtt = AwardType.objects.get(code="LDTT")
    with pytest.raises(RuntimeError), transaction.atomic():
        AwardRecord.objects.create(award_type=ldtt, subject_kind="individual", person=world.person_b,
                                   unit=world.unit_b_child, year=2024, recipient_name="Nguyễn Thị Ánh")
        assert figures(officer)["total"] == 2  # cached under the change's token
        raise RuntimeError
    assert figures(officer)["total"] == 1
    AwardRecord.objects.create(award_type=ldtt, subject_kind="individual", person=world.person_b,
                               unit=world.unit_b_child, year=2023, recipient_name="Nguyễn Thị Ánh")
    assert figures(officer)["total"] == 1 and figures(officer, 2023)["total"] == 2


def test_every_watched_table_has_its_triggers():
    """A migration that rebuilds a table (SQLite's way of altering some columns) drops its triggers:
    this fails then, and the migration must install them again (tdkt.core.datacache.watch)."""
    with connection.cursor() as cursor:
        for table in WATCHED_TABLES:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = %s", [f"tdkt_dv_{table}"])
                expected = 1
            else:
                cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s "
                               "AND name LIKE 'tdkt_dv_%%'", [table])
                expected = 3
            assert cursor.fetchone()[0] == expected, table


def test_people_units_and_decisions_follow_their_changes(world):
    import datetime

    from tdkt.awards.models import Decision
    from tdkt.org.models import Person, Unit

    client = login(world.officer)

    def register():
        ctx = client.get("/", {"nam": 2024}).context
        return ctx["people"], ctx["units"], ctx["decisions"], [d.number for d in ctx["recent_decisions"]]

    people, units, decisions, recent = register()
    assert register() == (people, units, decisions, recent)
    Person.objects.bulk_create([Person(full_name="Hoàng Văn Mới", unit=world.unit_b, gender="male")])
    Unit.objects.filter(pk=world.commune.pk).update(dissolved_on=datetime.date(2025, 1, 1))
    award_services.create_decision(world.officer, number="9/QĐ-UBND", signed_on=datetime.date(2024, 12, 30),
                                   authority="province_chair", issuer_name="UBND tỉnh Hà Nam",
                                   signer_name="Trương Quốc Huy", signer_title="Chủ tịch UBND tỉnh",
                                   summary="Về việc tặng Bằng khen")
    assert register() == (people + 1, units - 1, decisions + 1, ["9/QĐ-UBND", *recent][:8])
    Decision.objects.filter(number="9/QĐ-UBND").update(number="10/QĐ-UBND")
    assert register()[3][0] == "10/QĐ-UBND"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="sessions' rows exist on PostgreSQL only")
def test_postgresql_sessions_write_their_own_rows_and_pruning_gives_a_new_state(world):
    """Each session's writes touch its own row (no writer waits on another's row lock); pruning the
    rows of departed sessions yields a state no reader has cached before."""
    from tdkt.core import datacache

    ldtt = AwardType.objects.get(code="LDTT")
    AwardType.objects.filter(pk=ldtt.pk).update(rank=ldtt.rank)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM core_dataversion WHERE name = %s",
                       [f"awards_awardtype@{connection.connection.info.backend_pid}"])
        assert cursor.fetchone()[0] == 1
        cursor.executemany("INSERT INTO core_dataversion (name, token) VALUES (%s, 'x')",
                           [(f"awards_awardtype@{900000 + i}",) for i in range(datacache.PRUNE_AT + 5)])
    before = datacache.tokens(WATCHED_TABLES)
    datacache.prune(WATCHED_TABLES)
    after = datacache.tokens(WATCHED_TABLES)
    assert after is not None and after != before
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM core_dataversion WHERE name LIKE '%%@%%'")
        assert cursor.fetchone()[0] == 0
