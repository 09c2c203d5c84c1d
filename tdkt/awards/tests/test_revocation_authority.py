"""Revocation follows the deciding authority (Luật TĐKT 2022 Điều 93 khoản 8): the provincial office
for the province's and upper decisions, a unit for its own head's awards; pages and API alike."""
import datetime

import pytest

from tdkt.awards import services
from tdkt.awards.models import AwardRecord, AwardType, Revocation
from tdkt.testing import is_vietnamese, login, post, token_client

pytestmark = pytest.mark.django_db

ACT = {"act_number": "45/QĐ-UBND", "act_date": "2025-06-02", "reason": "Kê khai thành tích không trung thực"}
PAGE_ACT = {**ACT, "act_date": "02/06/2025"}


@pytest.fixture
def flag_of_province(world):
    """A Cờ thi đua of the province given to unit A, decided by the provincial Chairman."""
    decision = services.create_decision(world.officer, number="88/QĐ-UBND", signed_on=datetime.date(2025, 1, 15),
                                        authority="province_chair", issuer_name="UBND tỉnh Hà Nam",
                                        issuer_unit=world.province, signer_title="Chủ tịch UBND tỉnh")
    flag = AwardType.objects.filter(authority="province_chair", for_collective=True).order_by("code").first()
    return services.create_award_record(world.officer, award_type=flag, subject_kind="collective",
                                        recipient_unit=world.unit_a, year=2024, decision=decision)


@pytest.fixture
def unit_head_award(world):
    """A Giấy khen decided by the head of unit A for a person of its child division."""
    decision = services.create_decision(world.officer, number="12/QĐ-STC", signed_on=datetime.date(2025, 1, 10),
                                        authority="unit_head", issuer_name="Sở Tài chính", issuer_unit=world.unit_a)
    award = AwardType.objects.filter(authority="unit_head", for_individual=True).order_by("code").first()
    return services.create_award_record(world.officer, award_type=award, subject_kind="individual",
                                        person=world.person_a, year=2024, decision=decision)


def test_unit_clerk_cannot_revoke_award_decided_by_province(world, flag_of_province):
    url = f"/khen-thuong/{flag_of_province.pk}/"
    page = login(world.clerk_a).get(url).content.decode()
    assert "Ghi nhận thu hồi" not in page  # no button offered
    assert "chỉ Ban Thi đua – Khen thưởng tỉnh được ghi nhận" in page and "Điều 93" in page
    response = login(world.clerk_a).post(url, PAGE_ACT)
    assert response.status_code == 403
    assert "Điều 93" in response.content.decode()
    api = post(token_client(world.clerk_a), f"/api/awards/{flag_of_province.pk}/revoke", ACT)
    assert api.status_code == 403
    detail = api.json()["detail"]
    assert is_vietnamese(detail) and "Ban Thi đua – Khen thưởng tỉnh" in detail and "Điều 93" in detail
    assert not Revocation.objects.exists()
    assert AwardRecord.objects.get(pk=flag_of_province.pk).status == "valid"


def test_province_office_revokes_award_decided_by_province(world, flag_of_province):
    url = f"/khen-thuong/{flag_of_province.pk}/"
    assert "Ghi nhận thu hồi" in login(world.officer).get(url).content.decode()
    assert login(world.officer).post(url, PAGE_ACT).status_code == 302
    assert AwardRecord.objects.get(pk=flag_of_province.pk).status == "revoked"


def test_unit_head_award_revoked_by_its_unit_not_by_a_subunit_or_another_unit(world, unit_head_award):
    from tdkt.core.choices import Role
    from tdkt.testing import make_user

    division_clerk = make_user("vanthu.ns", Role.CLERK, world.unit_a_child)
    refused = post(token_client(division_clerk), f"/api/awards/{unit_head_award.pk}/revoke", ACT)
    assert refused.status_code == 403 and "thủ trưởng Sở Tài chính" in refused.json()["detail"]
    # Another unit does not even see the record.
    assert post(token_client(world.clerk_b), f"/api/awards/{unit_head_award.pk}/revoke", ACT).status_code == 404
    done = post(token_client(world.clerk_a), f"/api/awards/{unit_head_award.pk}/revoke", ACT)
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "revoked"


def test_a_record_without_decision_follows_the_catalogue_authority(world):
    """No decision named: the award's own level decides (a Bằng khen tỉnh is the province's)."""
    bk = AwardType.objects.get(code="BK_TINH")
    record = services.create_award_record(world.officer, award_type=bk, subject_kind="individual",
                                          person=world.person_a, year=2022)
    assert services.deciding_authority(record) == "province_chair"
    assert post(token_client(world.clerk_a), f"/api/awards/{record.pk}/revoke", ACT).status_code == 403
