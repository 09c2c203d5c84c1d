"""The dossier API: same permissions and messages as the pages; ballots stay secret."""
import pytest

from tdkt.core import clock
from tdkt.dossiers import services
from tdkt.dossiers.services import council as council_services
from tdkt.testing import fields_of, is_vietnamese, post, token_client

from .factories import council, ready_dossier

pytestmark = pytest.mark.django_db


def test_clerk_files_a_dossier_and_another_unit_gets_404(world):
    api = token_client(world.clerk_a)
    response = post(api, "/api/dossiers", {"proposing_unit": world.unit_a.pk, "title": "Đề nghị khen năm 2025",
                                           "authority": "province_chair", "year": 2025})
    assert response.status_code == 201, response.content
    dossier_id = response.json()["id"]
    added = post(api, f"/api/dossiers/{dossier_id}/nominees",
                 {"subject_kind": "individual", "person": world.person_a.pk, "award_type": "bk_tinh",
                  "achievement": "Hoàn thành xuất sắc nhiệm vụ"})
    assert added.status_code == 201, added.content
    assert added.json()["award_type"] == "BK_TINH"
    other = token_client(world.clerk_b)
    assert other.get(f"/api/dossiers/{dossier_id}").status_code == 404
    assert post(other, f"/api/dossiers/{dossier_id}/transitions", {"action": "nop"}).status_code == 404


def test_bad_input_names_the_field(world):
    api = token_client(world.clerk_a)
    response = post(api, "/api/dossiers", {"proposing_unit": world.unit_b.pk, "title": "X",
                                           "authority": "province_chair", "year": 2025})
    assert response.status_code == 422
    assert "proposing_unit" in fields_of(response)
    dossier = services.create_dossier(world.clerk_a, proposing_unit=world.unit_a, title="Đề nghị",
                                      authority="province_chair", year=2025)
    submit = post(api, f"/api/dossiers/{dossier.pk}/transitions", {"action": "nop"})
    assert submit.status_code == 422
    assert all(is_vietnamese(m) for m in fields_of(submit).values())
    appraise = post(token_client(world.clerk_a), "/api/nominees/999999/appraisal", {"outcome": "passed"})
    assert appraise.status_code == 404


def test_ballots_through_the_api_are_secret_and_once_only(world):
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH")])
    services.submit_dossier(world.clerk_a, dossier)
    assert post(token_client(world.clerk_a), f"/api/dossiers/{dossier.pk}/transitions",
                {"action": "tiep-nhan"}).status_code == 403
    officer = token_client(world.officer)
    assert post(officer, f"/api/dossiers/{dossier.pk}/transitions", {"action": "tiep-nhan"}).status_code == 200
    nominee = dossier.nominees.get()
    passed = post(officer, f"/api/nominees/{nominee.pk}/appraisal", {"outcome": "passed", "justification": "Đột xuất"})
    assert passed.status_code == 200 and passed.json()["appraisal"] == "passed"
    assert post(officer, f"/api/dossiers/{dossier.pk}/transitions",
                {"action": "ket-thuc-tham-dinh"}).json()["status"] == "appraised"
    members = council(3)
    session = council_services.create_session(world.officer, title="Phiên họp", held_on=clock.today(), members=members)
    council_services.add_to_agenda(world.officer, session, [dossier])
    council_services.open_session(world.officer, session)
    item = session.items.get()
    voter = token_client(members[0])
    assert post(voter, f"/api/sessions/{session.pk}/ballots", {"choices": {str(item.pk): "agree"}}).status_code == 200
    again = post(voter, f"/api/sessions/{session.pk}/ballots", {"choices": {str(item.pk): "disagree"}})
    assert again.status_code == 422 and "một lần" in str(again.json())
    open_results = voter.get(f"/api/sessions/{session.pk}/results").json()
    assert open_results[0]["agree"] is None
    assert token_client(world.clerk_a).get(f"/api/sessions/{session.pk}/results").status_code == 404
    for m in members[1:]:
        council_services.cast_ballot(m, item, "agree")
    council_services.close_session(world.officer, session)
    results = voter.get(f"/api/sessions/{session.pk}/results").json()
    assert results[0]["agree"] == 3 and results[0]["result"] == "passed"
    assert "member" not in str(results) and "voter" not in str(results)
