"""Batch evaluation and the timely-awards list: the run finds who is due, the list shows only the
user's scope and those not yet awarded, with the share of direct workers; the Excel export reads
back with the same names."""
import io

import pytest
from openpyxl import load_workbook

from tdkt.awards import services as award_services
from tdkt.awards.models import AwardType
from tdkt.core.models import AuditEvent
from tdkt.core.services import system_actor
from tdkt.eligibility.batch import run_batch, start_run
from tdkt.eligibility.models import EligibilityResult, RunStatus
from tdkt.org import services as org_services
from tdkt.testing import login


def _rated(person, levels):
    for year, level in levels.items():
        award_services.set_rating(system_actor(), person=person, year=year, level=level)


@pytest.fixture
def province(world):
    root = system_actor()
    worker = org_services.create_person(root, world.unit_a, full_name="Lê Thị Hồng", gender="female",
                                        is_direct_worker=True)
    _rated(worker, {2025: "excellent"})
    _rated(world.person_a, {2025: "good"})          # LĐTT only (no excellence, no initiative)
    _rated(world.person_b, {2025: "excellent"})     # unit B
    award_services.create_award_record(root, award_type=AwardType.objects.get(code="CSTD_CS"),
                                       subject_kind="individual", person=world.person_b, year=2025)
    return world, worker


@pytest.mark.django_db
def test_the_batch_run_finds_who_is_due_and_records_it(province):
    world, worker = province
    run = run_batch(start_run(world.officer, 2025), workers=1)
    assert run.status == RunStatus.DONE and run.total == 3 and run.done == 3
    due = set(EligibilityResult.objects.filter(run=run).values_list("person__full_name", "award_code"))
    assert ("Lê Thị Hồng", "CSTD_CS") in due and ("Lê Thị Hồng", "LDTT") in due
    assert ("Nguyễn Văn Đức", "LDTT") in due and ("Nguyễn Văn Đức", "CSTD_CS") not in due
    assert ("Nguyễn Thị Ánh", "CSTD_CS") not in due  # already awarded for 2025
    assert AuditEvent.objects.filter(model="eligibility.eligibilityrun", object_id=str(run.pk)).exists()


@pytest.mark.django_db
def test_timely_list_is_scoped_and_shows_the_direct_worker_share(province, settings):
    world, worker = province
    officer = login(world.officer)
    started = officer.post("/xet-hang-loat/", {"year": "2025"})
    assert started.status_code == 302
    page = officer.get("/khen-thuong-kip-thoi/", {"award": "LDTT", "year": 2025}).content.decode()
    assert "Lê Thị Hồng" in page and "Nguyễn Văn Đức" in page and "Nguyễn Thị Ánh" in page
    assert "2 người trực tiếp lao động, sản xuất (67%)" in page  # Hồng and Ánh
    # priority order: direct workers first (both women here, so by name: Ánh before Hồng), then the others
    table = page[page.index('id="timely-table"'):]
    assert table.index("Nguyễn Thị Ánh") < table.index("Lê Thị Hồng") < table.index("Nguyễn Văn Đức")
    women = officer.get("/khen-thuong-kip-thoi/", {"award": "LDTT", "year": 2025, "women": "on"}).content.decode()
    assert "Lê Thị Hồng" in women and "Nguyễn Văn Đức" not in women
    # a clerk of unit A sees only unit A
    clerk = login(world.clerk_a).get("/khen-thuong-kip-thoi/", {"award": "LDTT", "year": 2025}).content.decode()
    assert "Lê Thị Hồng" in clerk and "Nguyễn Thị Ánh" not in clerk
    # and may not start a run
    assert login(world.clerk_a).post("/xet-hang-loat/", {"year": "2025"}).status_code == 403


@pytest.mark.django_db
def test_timely_export_reads_back(province, settings):
    world, worker = province
    officer = login(world.officer)
    officer.post("/xet-hang-loat/", {"year": "2025"})
    answer = officer.get("/khen-thuong-kip-thoi/excel/", {"award": "CSTD_CS", "year": 2025})
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(answer.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "Chiến sĩ thi đua cơ sở năm 2025" in rows[0][0]
    names = [r[1] for r in rows[3:]]
    assert names == ["Lê Thị Hồng"]


@pytest.mark.django_db
def test_bad_filters_are_named(province):
    world, _ = province
    officer = login(world.officer)
    page = officer.get("/khen-thuong-kip-thoi/", {"award": "XYZ", "year": "abc"}).content.decode()
    assert "Năm phải là một số" in page
    answer = officer.get("/khen-thuong-kip-thoi/excel/", {"award": "LDTT", "year": "abc"})
    assert answer.status_code == 400 and "Năm thành tích" in answer.content.decode()
    assert officer.get("/khen-thuong-kip-thoi/excel/", {"award": "LDTT", "year": 2024}).status_code == 404
