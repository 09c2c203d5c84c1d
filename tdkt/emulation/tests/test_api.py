"""The emulation API: blocks in scope, scores with Vietnamese field errors and nothing saved, the
ranking with provenance, the secret vote, covenant fulfilment and the registration roll-up."""
import datetime as dt

import pytest

from tdkt.core import clock
from tdkt.dossiers.tests.factories import award
from tdkt.emulation.models import Score
from tdkt.emulation.services import covenants, registrations, scoring, vote
from tdkt.testing import fields_of, post, token_client

from .factories import criteria, make_block
from .test_scoring import head_score_all

pytestmark = pytest.mark.django_db


def test_blocks_in_scope_and_404_outside(world):
    bw = make_block(world, 3)
    ours = token_client(bw.clerks[2]).get("/api/emulation/blocks").json()
    assert [b["id"] for b in ours] == [bw.block.pk] and len(ours[0]["criteria"]) == 5
    assert token_client(world.clerk_b).get("/api/emulation/blocks").json() == []
    assert token_client(world.officer).get(f"/api/emulation/blocks?year={bw.block.year + 1}").json() == []
    assert token_client(world.clerk_b).get(f"/api/emulation/blocks/{bw.block.pk}").status_code == 404


def test_scores_through_the_api_and_errors_name_the_criterion(world):
    bw = make_block(world, 3)
    c = criteria(bw.block)
    client = token_client(bw.clerks[2])
    url = f"/api/emulation/blocks/{bw.block.pk}/scores"
    bad = post(client, url, {"unit": bw.units[2].pk, "stage": "self", "scores": [
        {"criterion": c["1.1"].pk, "points": "41"}, {"criterion": c["3.2"].pk, "points": 6}]})
    assert bad.status_code == 422
    errors = fields_of(bad)
    assert errors[f"score_{c['1.1'].pk}"].endswith("41 điểm vượt điểm tối đa 40 điểm.")
    assert "vượt mức trừ tối đa 5 điểm" in errors[f"score_{c['3.2'].pk}"]
    assert not Score.objects.exists()
    ok = post(client, url, {"unit": bw.units[2].pk, "stage": "self", "scores": [
        {"criterion": c["1.1"].pk, "points": "38,5", "comment": "Thiếu nửa chỉ tiêu"}]})
    assert ok.status_code == 200 and Score.objects.get().points == 38.5
    assert post(client, url, {"unit": bw.units[1].pk, "stage": "self", "scores": [
        {"criterion": c["1.1"].pk, "points": 1}]}).status_code == 404
    clock.travel(11)
    late = post(client, url, {"unit": bw.units[2].pk, "stage": "self", "scores": [
        {"criterion": c["1.1"].pk, "points": 40}]})
    assert late.status_code == 422 and "Đã hết hạn tự chấm điểm" in fields_of(late)["scores"]
    assert Score.objects.filter(is_current=True).get().points == 38.5


def test_ranking_with_provenance_and_the_vote(world):
    bw = make_block(world, 3)
    head_score_all(bw, [(40, 20, 40, 0, 0), (40, 20, 30, 0, 0), (30, 20, 30, 0, 0)])
    client = token_client(bw.clerks[2])
    assert client.get(f"/api/emulation/blocks/{bw.block.pk}/ranking").status_code == 404
    scoring.close_scoring(world.officer, bw.block)
    ranking = client.get(f"/api/emulation/blocks/{bw.block.pk}/ranking").json()
    assert [r["rank"] for r in ranking] == [1, 2, 3] and ranking[0]["total"] == "100.00"
    final = next(f for f in ranking[0]["finals"] if f["criterion"] == "1.1")
    assert final["stage"] == "head" and final["scorer_unit"] == bw.units[1].name and final["scored_by"]
    vote.open_round(world.officer, bw.block)
    url = f"/api/emulation/blocks/{bw.block.pk}/vote"
    assert post(client, url, {"candidate": bw.units[0].pk}).status_code == 200
    again = post(client, url, {"candidate": bw.units[1].pk})
    assert again.status_code == 422 and "mỗi đơn vị một phiếu" in fields_of(again)["round"]
    assert post(token_client(world.officer), url, {"candidate": bw.units[0].pk}).status_code == 404


def test_covenant_fulfilment_and_registration_rollup(world):
    bw = make_block(world, 3, open_scoring=False)
    covenant = covenants.create_covenant(world.officer, kind="block", year=2026, block=bw.block, title="Giao ước",
                                         indicators=[{"name": "Thu ngân sách", "unit_of_measure": "tỷ đồng",
                                                      "target": 100}])
    for unit in bw.units:
        covenants.sign(world.officer, covenant, unit, "Giám đốc")
    indicator = covenant.indicators.get()
    covenants.record_results(bw.clerks[0], covenant, bw.units[0], period="year_end", values={indicator.pk: 120})
    data = token_client(bw.clerks[1]).get(f"/api/emulation/covenants/{covenant.pk}/fulfilment").json()
    assert data["total"]["label"] == "1/3 chỉ tiêu đạt và vượt"
    assert token_client(world.clerk_b).get(f"/api/emulation/covenants/{covenant.pk}/fulfilment").status_code == 404
    registrations.set_period(world.officer, year=2026, deadline=clock.today() + dt.timedelta(days=3))
    registrations.save_registration(world.clerk_a, world.unit_a, 2026, unit_titles=[award("TTLDXS")],
                                    individuals=[(world.person_a, award("LDTT"))])
    registrations.save_registration(world.clerk_b, world.unit_b, 2026, unit_titles=[award("TTLDXS")])
    mine = token_client(world.clerk_a).get("/api/emulation/registrations/rollup?year=2026").json()
    assert {r["award"]: (r["collectives"], r["individuals"]) for r in mine} == {"TTLDXS": (1, 0), "LDTT": (0, 1)}
    province = token_client(world.officer).get("/api/emulation/registrations/rollup?year=2026").json()
    assert {r["award"]: r["units"] for r in province}["TTLDXS"] == 2
