"""Point 11 of issue 12: the home page is a desk. Each role sees what waits for it, each a count and a
link, counted through its scope in a bounded number of queries (no query per dossier)."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.core import clock
from tdkt.dossiers import services
from tdkt.dossiers.models import Dossier
from tdkt.dossiers.services import council as council_services
from tdkt.dossiers.tests.factories import ready_dossier
from tdkt.emulation.models import RegistrationPeriod
from tdkt.testing import login

pytestmark = pytest.mark.django_db


def desk_of(client) -> dict:
    response = client.get("/")
    assert response.status_code == 200
    return {item.key: item for item in response.context["desk_items"]}, response


def set_status(dossier, status, **fields):
    """Test set-up only: put a dossier at a later step without walking the whole procedure."""
    Dossier.objects.filter(pk=dossier.pk).update(status=status, **fields)


@pytest.fixture
def desk_world(world):
    """Unit A: a draft and a dossier returned for amendment (one nominee to complete); unit B: a
    dossier before the council with the session open; dossiers at the later steps."""
    w = world
    ready_dossier(w.clerk_a, w.unit_a, [], title="Hồ sơ đang lập")
    returned = ready_dossier(w.clerk_a, w.unit_a, [({"person": w.person_a}, "BK_TINH")], title="Hồ sơ bị trả lại")
    services.submit_dossier(w.clerk_a, returned)
    services.start_appraisal(w.officer, returned)
    services.appraise_nominee(w.officer, returned.nominees.get(), outcome="returned", reason="Bổ sung báo cáo")
    services.return_dossier(w.officer, returned)
    voted = ready_dossier(w.clerk_b, w.unit_b, [({"person": w.person_b}, "BK_TINH")], title="Hồ sơ trình Hội đồng")
    services.submit_dossier(w.clerk_b, voted)
    services.start_appraisal(w.officer, voted)
    services.appraise_nominee(w.officer, voted.nominees.get(), outcome="passed", justification="Đã đối chiếu")
    services.complete_appraisal(w.officer, voted)
    session = council_services.create_session(w.officer, title="Phiên họp tháng 12", held_on=clock.today(),
                                              members=[w.council], chair_name="Trương Quốc Huy")
    council_services.add_to_agenda(w.officer, session, [voted])
    council_services.open_session(w.officer, session)
    submitted = ready_dossier(w.clerk_b, w.unit_b, [], title="Hồ sơ mới nộp")
    set_status(submitted, "submitted")
    to_sign = ready_dossier(w.clerk_b, w.unit_b, [], title="Hồ sơ chờ ký")
    set_status(to_sign, "disclosure", disclosure_start=clock.today() - dt.timedelta(days=10),
               disclosure_end=clock.today() + dt.timedelta(days=2))
    RegistrationPeriod.objects.create(year=clock.today().year, deadline=clock.today() + dt.timedelta(days=3))
    w.session = session
    return w


def test_point11_the_clerk_sees_returned_and_draft_dossiers_and_the_weeks_deadlines(desk_world):
    items, response = desk_of(login(desk_world.clerk_a))
    assert items["returned"].count == 1 and items["returned"].url == "/ho-so/?trang_thai=returned"
    assert "1 đối tượng cần bổ sung" in items["returned"].hint
    assert items["draft"].count == 1
    assert "submitted" not in items and "to_sign" not in items  # the office's and the leader's work
    deadlines = response.context["desk_deadlines"]
    assert [d.label for d in deadlines] == [f"Hạn đăng ký thi đua năm {clock.today().year}"]
    assert deadlines[0].url == f"/thi-dua/dang-ky/{desk_world.unit_a.pk}/{clock.today().year}/"
    text = response.content.decode()
    assert 'data-desk="unread"' in text  # the return was notified to the unit: one unread notice
    assert response.context["tdkt_unread"] >= 1


def test_point11_a_clerk_counts_only_their_own_units_dossiers(desk_world):
    items, _ = desk_of(login(desk_world.clerk_b))
    assert items["returned"].count == 0 and items["draft"].count == 0


def test_point11_the_officer_sees_what_to_receive_put_before_the_council_and_disclosures_ending(desk_world):
    items, response = desk_of(login(desk_world.officer))
    assert items["submitted"].count == 1 and items["submitted"].url == "/ho-so/?nhom=cho-tiep-nhan"
    assert items["disclosure_ending"].count == 1
    assert [d.label for d in response.context["desk_deadlines"]][0].startswith("Hết thời gian công khai hồ sơ")
    assert "returned" not in items


def test_point11_the_council_member_sees_the_open_ballot_and_it_links_to_the_ballot(desk_world):
    items, _ = desk_of(login(desk_world.council))
    assert items["ballots"].count == 1
    assert items["ballots"].url == f"/hoi-dong/{desk_world.session.pk}/"
    item = desk_world.session.items.get()
    council_services.cast_ballot_paper(desk_world.council, desk_world.session, {item.pk: "agree"})
    items, _ = desk_of(login(desk_world.council))
    assert items["ballots"].count == 0


def test_point11_the_leader_sees_decisions_waiting_for_signature(desk_world):
    items, _ = desk_of(login(desk_world.leader))
    assert items["to_sign"].count == 1 and items["to_sign"].url == "/ho-so/cho-ky/"


def test_point11_the_viewer_has_nothing_waiting_and_is_told_so(desk_world):
    items, response = desk_of(login(desk_world.viewer))
    assert items == {}
    assert "không có việc nào chờ xử lý" in response.content.decode()


def test_point11_the_desk_costs_a_bounded_number_of_queries_whatever_the_number_of_dossiers(
        desk_world, django_assert_max_num_queries):
    officer, clerk = login(desk_world.officer), login(desk_world.clerk_a)
    officer.get("/"), clerk.get("/")  # the cached yearly figures are computed once
    with django_assert_max_num_queries(30):
        officer.get("/")
    with django_assert_max_num_queries(30):
        clerk.get("/")
    officer.get("/")
    with CaptureQueriesContext(connection) as before:
        desk_of(officer)
    for n in range(6):
        set_status(ready_dossier(desk_world.clerk_b, desk_world.unit_b, [], title=f"Hồ sơ thêm {n}"), "submitted")
    officer.get("/")
    with CaptureQueriesContext(connection) as after:
        items, _ = desk_of(officer)
    assert items["submitted"].count == 7
    assert len(before.captured_queries) > 0
    assert len(after.captured_queries) == len(before.captured_queries)
