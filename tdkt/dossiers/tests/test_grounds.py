"""Issue 12 point 2: the unit states the grounds only people can judge (the contract's `claims`),
each with its evidence; they reach the rule engine's case and the clerk sees the verdict while drafting."""
import pytest

from tdkt.core import clock
from tdkt.dossiers import services
from tdkt.dossiers.models import Nominee
from tdkt.dossiers.services import grounds
from tdkt.testing import login

from .factories import award, ready_dossier

pytestmark = pytest.mark.django_db

GROUND = "outstanding_in_movement"


@pytest.fixture
def draft(world):
    return ready_dossier(world.clerk_a, world.unit_a, [])


def add(world, dossier, claims=None):
    return services.add_nominee(world.clerk_a, dossier, award_type=award("BK_TINH"), subject_kind="individual",
                                person=world.person_a, achievement="Hoàn thành xuất sắc nhiệm vụ", claims=claims)


def test_point2_the_grounds_offered_are_the_engines_claims_of_the_award():
    today = clock.today()
    assert grounds.grounds_for("BK_TINH", "individual", "regular", today) == [
        "outstanding_in_movement", "ad_hoc_achievement", "socio_economic_contribution", "production_achievement"]
    assert "leading_thematic_movement" in grounds.grounds_for("CO_TD_TINH", "collective", "regular", today)
    assert grounds.grounds_for("LDTT", "individual", "regular", today) == []


def test_point2_a_stated_ground_with_evidence_makes_the_nominee_eligible_while_drafting(world, draft):
    # Without a ground, the person's history (two years of LĐTT) does not reach a provincial Bằng khen.
    plain = add(world, draft)
    assert plain.verdict_eligible is False and plain.claims == []
    services.remove_nominee(world.clerk_a, plain)

    nominee = add(world, draft, {GROUND: "Quyết định 12/QĐ-UBND ngày 10/12/2025 tổng kết phong trào"})
    nominee.refresh_from_db()
    assert nominee.claims == [{"code": GROUND, "evidence": "Quyết định 12/QĐ-UBND ngày 10/12/2025 tổng kết phong trào"}]
    assert nominee.verdict_eligible is True
    assert nominee.verdict["case"]["claims"] == [GROUND]
    ground = next(c for c in nominee.verdict["checks"] if c["code"] == "bk_tinh_ground")
    assert ground["passed"] is None and "cần Hội đồng đánh giá" in ground["message"]
    assert "Điều 74" in ground["basis"]


def test_point2_a_ground_needs_its_evidence_and_must_be_one_the_award_offers(world, draft):
    with pytest.raises(Exception) as refused:
        add(world, draft, {GROUND: "  "})
    assert "ghi minh chứng" in str(refused.value)
    with pytest.raises(Exception) as refused:
        add(world, draft, {"combat_ingenuity": "Chiến đấu"})
    assert "không áp dụng" in str(refused.value)
    assert not Nominee.objects.exists()


def test_point2_the_submitted_verdict_keeps_the_grounds(world, draft):
    nominee = add(world, draft, {GROUND: "Biên bản tổng kết phong trào"})
    from .factories import docx

    services.add_attachment(world.clerk_a, draft, upload=docx(), kind="report", nominee=nominee)
    services.submit_dossier(world.clerk_a, draft)
    nominee.refresh_from_db()
    assert nominee.verdict_eligible is True
    assert nominee.verdict["case"]["claims"] == [GROUND]


def test_point2_the_nominee_form_shows_the_live_verdict_without_saving(world, draft):
    client = login(world.clerk_a)
    url = f"/ho-so/{draft.pk}/doi-tuong/them/"
    page = client.get(url).content.decode()
    assert "Căn cứ đề nghị do đơn vị xác định" in page
    base = {"subject_kind": "individual", "person": world.person_a.pk, "award_type": award("BK_TINH").pk,
            "achievement": "Thành tích", "kiem_tra": "1"}
    before = client.post(url, base, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-verdict="failed"' in before and "Chưa đủ điều kiện" in before
    assert f'name="can_cu_{GROUND}"' in before          # the award's grounds are offered
    after = client.post(url, base | {f"can_cu_{GROUND}": "on"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-verdict="pending"' in after
    assert "Còn thiếu minh chứng" in after
    assert "Luật TĐKT 2022 Điều 74" in after
    assert not Nominee.objects.exists()

    response = client.post(url, base | {"kiem_tra": "", f"can_cu_{GROUND}": "on",
                                        f"minh_chung_{GROUND}": "Quyết định 5/QĐ-UBND"})
    assert response.status_code == 302
    nominee = Nominee.objects.get()
    assert nominee.verdict_eligible is True and nominee.claims[0]["evidence"] == "Quyết định 5/QĐ-UBND"
    detail = client.get(f"/ho-so/{draft.pk}/").content.decode()
    assert "Căn cứ: Tiêu biểu xuất sắc trong phong trào thi đua" in detail
    assert "Cần Hội đồng đánh giá" in detail


def test_point2_the_achievement_editor_states_and_withdraws_grounds(world, draft):
    nominee = add(world, draft)
    client = login(world.clerk_a)
    url = f"/ho-so/doi-tuong/{nominee.pk}/sua/"
    assert f'name="can_cu_{GROUND}"' in client.get(url).content.decode()
    live = client.post(url, {"achievement": "Thành tích", f"can_cu_{GROUND}": "on", "kiem_tra": "1"},
                       HTTP_HX_REQUEST="true").content.decode()
    assert 'data-verdict="pending"' in live
    response = client.post(url, {"achievement": "Thành tích", f"can_cu_{GROUND}": "on",
                                 f"minh_chung_{GROUND}": "Biên bản số 3"})
    assert response.status_code == 302
    nominee.refresh_from_db()
    assert nominee.verdict_eligible is True and nominee.claims[0]["code"] == GROUND
    client.post(url, {"achievement": "Thành tích"})
    nominee.refresh_from_db()
    assert nominee.claims == [] and nominee.verdict_eligible is False


def test_point2_the_api_takes_the_grounds_as_the_form_does(world, draft):
    from tdkt.testing import is_vietnamese, post, token_client

    api = token_client(world.clerk_a)
    url = f"/api/dossiers/{draft.pk}/nominees"
    body = {"subject_kind": "individual", "person": world.person_a.pk, "award_type": "BK_TINH",
            "achievement": "Hoàn thành xuất sắc nhiệm vụ"}
    refused = post(api, url, {**body, "claims": {"combat_ingenuity": "Chiến đấu"}})
    assert refused.status_code in (400, 422) and is_vietnamese(refused.content.decode())
    assert not Nominee.objects.exists()
    added = post(api, url, {**body, "claims": {GROUND: "Biên bản tổng kết phong trào năm 2025"}})
    assert added.status_code == 201, added.content
    assert added.json()["verdict_eligible"] is True
    assert Nominee.objects.get().claims == [{"code": GROUND, "evidence": "Biên bản tổng kết phong trào năm 2025"}]
