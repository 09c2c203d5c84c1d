"""The award page shows the reward money of a decided award from its decision's date."""
import datetime

import pytest

from tdkt.awards import services
from tdkt.awards.models import AwardType
from tdkt.core.services import system_actor
from tdkt.testing import login


@pytest.mark.django_db
@pytest.mark.parametrize("signed_on,amount", [(datetime.date(2026, 7, 10), "3.800.000 đ"),
                                              (datetime.date(2026, 6, 30), "3.510.000 đ")])
def test_award_page_shows_the_reward_money_of_the_decision_date(world, signed_on, amount):
    root = system_actor()
    decision = services.create_decision(root, number=f"{signed_on.day}/QĐ-UBND", signed_on=signed_on,
                                        authority="province_chair", issuer_name="UBND tỉnh Hà Nam",
                                        signer_name="Trương Quốc Huy", signer_title="Chủ tịch")
    record = services.create_award_record(root, award_type=AwardType.objects.get(code="BK_TINH"),
                                          subject_kind="individual", person=world.person_a, year=2025,
                                          decision=decision)
    html = login(world.officer).get(record.get_absolute_url()).content.decode()
    assert "Tiền thưởng" in html and amount in html and "NĐ 152/2025/NĐ-CP" in html
